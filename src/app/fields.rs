//! The fields of every kind of record as the user sees them — key, Russian label and how the value is
//! entered — and a stored value as people read it. The forms are built from this list, and the history of
//! changes (in the window and on the command line) names fields and shows values by it, so a field is
//! labelled and shown the same everywhere.

use crate::domain::dates::fmt_opt_date;
use crate::domain::dictionaries::Dictionary;
use crate::domain::diff;
use crate::domain::*;
use chrono::NaiveDate;
use serde_json::Value;

/// How a field is edited.
#[derive(Clone, Copy)]
pub enum Input {
    Text,
    /// Text with suggestions from a dictionary.
    Dict(Dictionary),
    Multiline,
    Date,
    OptDate,
    Bool,
    Int,
    Float,
    OptFloat,
    /// One of a closed list (serde value, label).
    Choice(fn() -> Vec<(Value, &'static str)>),
    OptChoice(fn() -> Vec<(Value, &'static str)>),
    /// A list of texts separated by commas or semicolons.
    List,
    /// The subjects of an assignment, by name (hours and match are kept per subject).
    Subjects,
    /// A person of this database.
    Person,
    OptPerson,
    SchoolYear,
    /// A record of this kind from the context, or none.
    OptRecord(RecordKind),
    /// Where a finding or a goal applies: the whole, a school, a type of school, a subject (stored in the
    /// scope's text form, chosen by name).
    Scope,
}

/// One field of a form.
#[derive(Clone, Copy)]
pub struct FieldSpec {
    pub key: &'static str,
    pub label: &'static str,
    pub input: Input,
}

const fn f(key: &'static str, label: &'static str, input: Input) -> FieldSpec {
    FieldSpec { key, label, input }
}

fn addressees() -> Vec<(Value, &'static str)> {
    choices(crate::domain::labels::Addressee::ALL, crate::domain::labels::Addressee::label)
}

fn document_kinds() -> Vec<(Value, &'static str)> {
    choices(crate::domain::labels::DocumentKind::ALL, crate::domain::labels::DocumentKind::label)
}

/// A course's final assessment (seed 004, п. 3: «успешно сдали итоговую аттестацию по итогам курса»).
fn assessments() -> Vec<(Value, &'static str)> {
    vec![(Value::Bool(true), "сдана"), (Value::Bool(false), "не сдана")]
}

fn choices<T: serde::Serialize + Copy>(all: &[T], label: fn(T) -> &'static str) -> Vec<(Value, &'static str)> {
    all.iter().map(|v| (serde_json::to_value(v).unwrap_or(Value::Null), label(*v))).collect()
}

macro_rules! choice_fn {
    ($name:ident, $ty:ty) => {
        fn $name() -> Vec<(Value, &'static str)> {
            choices(<$ty>::ALL, <$ty>::label)
        }
    };
}
choice_fn!(sexes, Sex);
choice_fn!(educations, EducationLevel);
choice_fn!(absence_kinds, AbsenceKind);
choice_fn!(categories, Category);
choice_fn!(bodies, AttestationBody);
choice_fn!(course_kinds, CourseKind);
choice_fn!(course_forms, CourseForm);
choice_fn!(diagnostic_kinds, DiagnosticKind);
choice_fn!(diagnostic_levels, DiagnosticLevel);
choice_fn!(route_statuses, RouteStatus);
choice_fn!(mentorship_levels, MentorshipLevel);
choice_fn!(levels, Level);
choice_fn!(contest_results, ContestResult);
choice_fn!(community_kinds, CommunityKind);
choice_fn!(community_roles, CommunityRole);
choice_fn!(event_kinds, EventKind);
choice_fn!(event_roles, EventRole);
choice_fn!(reserve_statuses, ReserveStatus);
choice_fn!(award_kinds, AwardKind);
choice_fn!(order_kinds, OrderKind);
choice_fn!(nomination_kinds, NominationKind);

/// The fields of each kind's form, in the order the user fills them.
pub fn specs(kind: RecordKind) -> Vec<FieldSpec> {
    use Input::*;
    match kind {
        RecordKind::Person => vec![
            f("last_name", "Фамилия", Text),
            f("first_name", "Имя", Text),
            f("middle_name", "Отчество", Text),
            f("birth_date", "Дата рождения", OptDate),
            f("sex", "Пол", OptChoice(sexes)),
            f("education", "Образование", OptChoice(educations)),
            f("specialty", "Специальность по диплому", Text),
            f("qualification", "Квалификация по диплому", Text),
            f("ped_experience_start", "Начало педагогического стажа", OptDate),
            f("ped_experience_estimated", "Начало стажа — оценка по числу лет", Bool),
            f("total_experience_start", "Начало общего стажа", OptDate),
            f("total_experience_estimated", "Начало общего стажа — оценка по числу лет", Bool),
            f("pedagogical", "Педагогический работник", Bool),
            f("management", "Управленческие кадры", Bool),
            f("phone", "Телефон", Text),
            f("email", "Эл. почта", Text),
            f("note", "Примечание", Multiline),
        ],
        RecordKind::Employment => vec![
            f("start", "Дата приёма", Date),
            f("start_unknown", "Дата приёма неизвестна (указана первая известная дата работы)", Bool),
            f("end", "Дата увольнения", OptDate),
            f("end_reason", "Причина увольнения", Text),
        ],
        RecordKind::Absence => vec![
            f("kind", "Вид", Choice(absence_kinds)),
            f("start", "Начало", Date),
            f("end", "Окончание", OptDate),
            f("note", "Примечание (хранится только в школе)", Text),
        ],
        RecordKind::Assignment => vec![
            f("year", "Учебный год", SchoolYear),
            f("positions", "Должности", List),
            f("subjects", "Предметы", Subjects),
            f("load_hours", "Нагрузка, ч в неделю", Float),
        ],
        RecordKind::Attestation => vec![
            f("result", "Результат", Choice(categories)),
            f("decision_date", "Дата решения", Date),
            f("order_number", "№ приказа", Text),
            f("order_date", "Дата приказа", OptDate),
            f("body", "Орган", OptChoice(bodies)),
            f("position", "Должность", Dict(Dictionary::Positions)),
            f("recommendations", "Получены адресные рекомендации", Bool),
            f("recommendations_text", "Адресные рекомендации", Multiline),
        ],
        RecordKind::Course => vec![
            f("title", "Название программы", Text),
            f("provider", "Организация", Dict(Dictionary::Providers)),
            f("kind", "Вид", Choice(course_kinds)),
            f("hours", "Часы", Int),
            f("start", "Дата начала", OptDate),
            f("end", "Дата окончания", Date),
            f("form", "Форма", OptChoice(course_forms)),
            f("document_kind", "Документ", Text),
            f("document_number", "№ документа", Text),
            f("document_date", "Дата документа", OptDate),
            f("federal_register", "Из Федерального реестра ДПП", Bool),
            f("fgos", "По обновлённым ФГОС", Bool),
            f("gifted", "Работа с одарёнными детьми", Bool),
            f("priority_program", "Приоритетная федеральная программа", Bool),
            f("pedagogical_orientation", "Переподготовка педагогической направленности", Bool),
            f("staff_shortage", "Переподготовка по кадровому дефициту", Bool),
            f("subject", "Предмет переподготовки", Dict(Dictionary::Subjects)),
            f("diagnostic", "Подобраны по диагностике", OptRecord(RecordKind::Diagnostic)),
            f("final_assessment_passed", "Итоговая аттестация по курсу", OptChoice(assessments)),
        ],
        RecordKind::Diagnostic => vec![
            f("date", "Дата", Date),
            f("kind", "Вид", Choice(diagnostic_kinds)),
            f("subject", "Предмет", Dict(Dictionary::Subjects)),
            f("level", "Уровень", OptChoice(diagnostic_levels)),
            f("score", "Балл", OptFloat),
            f("max_score", "Максимальный балл", OptFloat),
            f("deficits", "Дефициты", List),
            f("recommendations", "Рекомендации", Multiline),
        ],
        RecordKind::Route => vec![
            f("start", "Начало", Date),
            f("end", "Окончание", OptDate),
            f("basis_diagnostic", "Основание: диагностика", OptRecord(RecordKind::Diagnostic)),
            f("basis_attestation", "Основание: рекомендации аттестации", OptRecord(RecordKind::Attestation)),
            f("basis_request", "Основание: запрос педагога", Text),
            f("goal", "Цель маршрута", Multiline),
            f("tasks", "Задачи", Multiline),
            f("deficits", "Дефициты", List),
            f("curator", "Куратор / тьютор", Text),
            f("methodical_support", "Адресная методическая поддержка", Bool),
            f("status", "Статус", Choice(route_statuses)),
        ],
        RecordKind::Mentorship => vec![
            f("mentor", "Наставник", OptPerson),
            f("mentor_name", "Наставник из другой организации (ФИО)", Text),
            f("mentee", "Наставляемый", Person),
            f("level", "Уровень", Choice(mentorship_levels)),
            f("form", "Форма", Dict(Dictionary::MentoringForms)),
            f("program", "Программа", Text),
            f("order_number", "№ приказа", Text),
            f("order_date", "Дата приказа", OptDate),
            f("start", "Начало", Date),
            f("end", "Окончание", OptDate),
            f("result", "Результат", Text),
        ],
        RecordKind::Contest => vec![
            f("name", "Конкурс", Text),
            f("date", "Дата", Date),
            f("level", "Уровень", Choice(levels)),
            f("result", "Результат", Choice(contest_results)),
        ],
        RecordKind::ExpertWork => vec![
            f("role", "Вид экспертной деятельности", Dict(Dictionary::ExpertRoles)),
            f("description", "Описание", Text),
            f("date", "Дата", Date),
            f("end", "Окончание", OptDate),
            f("level", "Уровень", Choice(levels)),
        ],
        RecordKind::Community => vec![
            f("name", "Сообщество", Text),
            f("kind", "Вид", Choice(community_kinds)),
            f("role", "Роль", Choice(community_roles)),
            f("level", "Уровень", Choice(levels)),
            f("start", "Начало", Date),
            f("end", "Окончание", OptDate),
        ],
        RecordKind::Event => vec![
            f("title", "Мероприятие", Text),
            f("kind", "Вид", Choice(event_kinds)),
            f("date", "Дата", Date),
            f("level", "Уровень", Choice(levels)),
            f("role", "Участие", Choice(event_roles)),
        ],
        RecordKind::Target => vec![f("value", "Цель", Float)],
        RecordKind::Goal => vec![
            f("title", "Цель", Multiline),
            f("justification", "Обоснование", Multiline),
            f("regional_goal", "Соответствие региональной цели", Multiline),
            f("from", "С учебного года", SchoolYear),
            f("to", "По учебный год", SchoolYear),
            f("indicators", "Показатели (коды через запятую)", List),
        ],
        RecordKind::Finding => vec![
            f("year", "Учебный год", SchoolYear),
            f("indicator", "Показатель (код)", Text),
            f("scope", "Где", Scope),
            f("text", "Вывод", Multiline),
            f("factors", "Факторы", Multiline),
        ],
        RecordKind::Recommendation => vec![
            f("year", "Учебный год", SchoolYear),
            f("addressee", "Кому", Choice(addressees)),
            f("finding", "К выводу анализа", OptRecord(RecordKind::Finding)),
            f("text", "Рекомендация", Multiline),
            f("due", "Срок", OptDate),
        ],
        RecordKind::Measure => vec![
            f("year", "Учебный год", SchoolYear),
            f("title", "Мероприятие", Multiline),
            f("document_kind", "Документ", Choice(document_kinds)),
            f("document", "Реквизиты документа", Text),
            f("start", "Начало", OptDate),
            f("end", "Окончание", OptDate),
            f("responsible", "Ответственные", Text),
            f("participants", "Участники", Text),
            f("event", "Мероприятие в учёте (название)", Text),
            f("finding", "К выводу анализа", OptRecord(RecordKind::Finding)),
            f("indicators", "Показатели (коды через запятую)", List),
        ],
        RecordKind::Decision => vec![
            f("year", "Учебный год", SchoolYear),
            f("what", "Решение", Multiline),
            f("by_whom", "Кем принято", Text),
            f("date", "Дата", Date),
            f("document", "Документ", Text),
            f("finding", "По выводу анализа", OptRecord(RecordKind::Finding)),
            f("measure", "По мере", OptRecord(RecordKind::Measure)),
        ],
        RecordKind::Effect => vec![
            f("year", "Учебный год мероприятия", SchoolYear),
            f("conclusion", "Вывод об эффективности", Multiline),
            f("corrections", "Коррекция целей на следующий год", Multiline),
        ],
        RecordKind::Award => vec![
            f("kind", "Вид", Choice(award_kinds)),
            f("title", "Награда, звание, поощрение", Text),
            f("date", "Дата", Date),
            f("document", "Документ (приказ, указ)", Text),
        ],
        RecordKind::Request => vec![
            f("date", "Дата", Date),
            f("direction", "Направление (чему хочет научиться)", Text),
            f("form", "Желаемая форма (курсы, стажировка, наставничество …)", Text),
            f("note", "Примечание", Text),
        ],
        RecordKind::Practice => vec![
            f("title", "Практика", Text),
            f("topic", "Тема, дефицит, который она преодолевает", Text),
            f("level", "Уровень", Choice(levels)),
            f("shown_at", "Где представлена", Text),
            f("date", "Дата", Date),
            f("file", "Файл или ссылка на материалы", Text),
        ],
        RecordKind::Risk => vec![f("risk", "Риск", Multiline), f("mitigation", "Меры по минимизации риска", Multiline)],
        RecordKind::Order => vec![
            f("kind", "Вид приказа", Choice(order_kinds)),
            f("number", "№ приказа", Text),
            f("date", "Дата приказа", Date),
            f("title", "Заголовок («О …»)", Multiline),
            f("preamble", "Преамбула («В соответствии с …»)", Multiline),
            f("points", "Пункты после «ПРИКАЗЫВАЮ» (по пункту на строку)", Multiline),
            f("signer_position", "Должность подписывающего", Text),
            f("signer", "Подписывает (И. О. Фамилия)", Text),
        ],
        RecordKind::Association => vec![
            f("name", "Название", Text),
            f("kind", "Вид", Choice(community_kinds)),
            f("level", "Уровень", Choice(levels)),
            f("theme", "Методическая тема", Multiline),
            f("tasks", "Цель и задачи на год", Multiline),
        ],
        RecordKind::Meeting => vec![
            f("date", "Дата", Date),
            f("topic", "Тема, вопросы (по вопросу на строку)", Multiline),
            f("speakers", "Ответственные, выступающие", Text),
            f("held", "Проведено", Bool),
            f("decisions", "Решения", Multiline),
        ],
        RecordKind::Nomination => vec![
            f("kind", "На что", Choice(nomination_kinds)),
            f("title", "Название", Text),
            f("date", "Дата (начало)", Date),
            f("end", "Окончание", OptDate),
            f("level", "Уровень", Choice(levels)),
            f("provider", "Кто проводит", Dict(Dictionary::Providers)),
            f("hours", "Часы (для курсов)", Int),
            f("done", "Состоялось", Bool),
        ],
        RecordKind::ScheduleItem => vec![
            f("what", "Что", Multiline),
            f("when", "Когда (месяцы, сроки «до 20 декабря»)", Text),
            f("who", "Ответственные", Text),
            f("result", "Результат, документ", Text),
        ],
        RecordKind::EnteredIndicator => {
            vec![f("title", "Показатель", Text), f("source", "Источник", Text), f("unit", "Единица", Text)]
        }
        RecordKind::Vacancy => vec![
            f("position", "Должность", Dict(Dictionary::Positions)),
            f("subject", "Предмет", Dict(Dictionary::Subjects)),
            f("hours", "Часы в неделю", Float),
            f("opened", "Открыта", Date),
            f("closed", "Закрыта", OptDate),
        ],
        RecordKind::Reserve => vec![
            f("position", "Должность", Dict(Dictionary::ManagementPositions)),
            f("date", "Дата", Date),
            f("status", "Статус", Choice(reserve_statuses)),
        ],
        RecordKind::Organisation => vec![
            f("name", "Полное название", Text),
            f("short_name", "Краткое название", Text),
            f("code", "Код", Text),
            f("municipality", "Муниципалитет", Text),
            f("cluster", "Тип ОО", Dict(Dictionary::Clusters)),
            f("mentoring_model", "Реализует целевую модель наставничества", Bool),
        ],
    }
}

/// A stored value as the history and the previews show it: as the form shows it, with a person's name for
/// a person's id, the label of a choice, the title of a linked record, «да»/«нет», `дд.мм.гггг`; «—» for
/// none.
pub fn shown(v: &Value, input: Input, data: &Dataset) -> String {
    let person = |v: &Value| {
        v.as_str()
            .and_then(PersonId::parse)
            .and_then(|id| data.persons.iter().find(|p| p.id == id))
            .map_or_else(|| "(работник удалён)".to_string(), |p| p.full_name())
    };
    match (input, v) {
        (_, Value::Null) => "—".into(),
        (Input::Bool, Value::Bool(b)) => if *b { "да" } else { "нет" }.into(),
        (Input::Choice(all) | Input::OptChoice(all), v) => {
            all().into_iter().find(|(x, _)| x == v).map_or_else(|| diff::show(v), |(_, label)| label.to_string())
        }
        (Input::Person | Input::OptPerson, v) => person(v),
        (Input::Scope, Value::String(text)) => crate::app::indicators::scope_text_label(data, text),
        (Input::OptRecord(kind), Value::String(id)) => {
            let found = uuid::Uuid::parse_str(id)
                .ok()
                .and_then(|id| data.records().into_iter().find(|r| r.kind() == kind && r.uuid() == id));
            found.map_or_else(|| "(запись удалена)".to_string(), |r| record_title(&r))
        }
        (Input::Subjects, Value::Array(items)) => {
            let names: Vec<&str> = items.iter().filter_map(|i| i.get("subject").and_then(Value::as_str)).collect();
            if names.is_empty() { "—".into() } else { names.join(", ") }
        }
        (Input::SchoolYear, Value::Number(n)) => {
            n.as_i64().map_or_else(|| diff::show(v), |y| SchoolYear(y as i32).to_string())
        }
        (_, v) => {
            let text = diff::show(v);
            if text.is_empty() { "—".into() } else { text }
        }
    }
}

/// A record named in a field (a recommendation's finding, a decision's measure): its title or text.
fn record_title(r: &AnyRecord) -> String {
    let text = match r {
        AnyRecord::Finding(x) => x.text.clone(),
        AnyRecord::Measure(x) => x.title.clone(),
        AnyRecord::Recommendation(x) => x.text.clone(),
        AnyRecord::Goal(x) => x.title.clone(),
        AnyRecord::Decision(x) => x.what.clone(),
        AnyRecord::ScheduleItem(x) => x.what.clone(),
        AnyRecord::Association(x) => x.name.clone(),
        other => other.kind().label().to_string(),
    };
    let short: String = text.chars().take(60).collect();
    if short.len() < text.len() { format!("«{short}…»") } else { format!("«{short}»") }
}

fn period(start: NaiveDate, end: Option<NaiveDate>) -> String {
    match end {
        Some(e) => format!("{} – {}", fmt_date(start), fmt_date(e)),
        None => format!("с {}", fmt_date(start)),
    }
}

/// One line about a record, as the card lists it.
pub fn summary(r: &AnyRecord, names: &std::collections::HashMap<PersonId, String>) -> String {
    match r {
        AnyRecord::Employment(x) => {
            let mut t = period(x.start, x.end);
            if !x.end_reason.is_empty() {
                t.push_str(&format!(" ({})", x.end_reason));
            }
            t
        }
        AnyRecord::Absence(x) => format!("{}: {}", x.kind.label(), period(x.start, x.end)),
        AnyRecord::Assignment(x) => format!(
            "{}: {}; {}; {} ч в неделю",
            x.year,
            x.positions.join(", "),
            x.subjects.iter().map(|s| s.subject.as_str()).collect::<Vec<_>>().join(", "),
            x.load_hours
        ),
        AnyRecord::Attestation(x) => {
            let mut t = format!("{} от {}", x.result.label(), fmt_date(x.decision_date));
            if x.result.is_category() || x.result == Category::PositionConformity {
                t.push_str(&match rules::valid_until(x.result, x.decision_date) {
                    Some(until) => format!(", действует до {}", fmt_date(until)),
                    None => ", бессрочно".into(),
                });
            }
            if !x.order_number.is_empty() {
                t.push_str(&format!(", приказ {} от {}", x.order_number, fmt_opt_date(x.order_date)));
            }
            t
        }
        AnyRecord::Course(x) => {
            format!("{} — {}, {} ч, окончены {}", x.title, x.kind.label(), x.hours, fmt_date(x.end))
        }
        AnyRecord::Diagnostic(x) => format!(
            "{} {}: {}{}{}",
            fmt_date(x.date),
            x.kind.label(),
            x.level.map_or("уровень не указан", |l| l.label()),
            if x.subject.is_empty() { String::new() } else { format!(", {}", x.subject) },
            if x.deficits.is_empty() {
                String::new()
            } else {
                format!("; дефициты: {}", x.deficits.join(", "))
            }
        ),
        AnyRecord::Route(x) => {
            let done = x.steps.iter().filter(|s| s.status == StepStatus::Done).count();
            format!(
                "ИОМ {}: {}, выполнено шагов {} из {}",
                period(x.start, x.end),
                x.status.label(),
                done,
                x.steps.len()
            )
        }
        AnyRecord::Mentorship(x) => {
            let mentor = x.mentor.and_then(|m| names.get(&m).cloned()).unwrap_or_else(|| x.mentor_name.clone());
            let mentee = names.get(&x.mentee).cloned().unwrap_or_default();
            format!("{mentor} → {mentee}: {} {}, {}", x.level.label(), x.form, period(x.start, x.end))
        }
        AnyRecord::Contest(x) => {
            format!("{} ({}, {}): {}", x.name, x.level.label(), fmt_date(x.date), x.result.label())
        }
        AnyRecord::ExpertWork(x) => format!("{} ({}, {})", x.role, x.level.label(), fmt_date(x.date)),
        AnyRecord::Community(x) => format!("{} — {}, {}", x.name, x.role.label(), period(x.start, x.end)),
        AnyRecord::Event(x) => {
            format!("{} — {} ({}, {}): {}", x.title, x.kind.label(), x.level.label(), fmt_date(x.date), x.role.label())
        }
        AnyRecord::Reserve(x) => format!("{}: {} с {}", x.position, x.status.label(), fmt_date(x.date)),
        AnyRecord::Vacancy(x) => {
            format!("{} {} — {} ч", x.position, x.subject, crate::domain::ru::number(f64::from(x.hours)))
        }
        AnyRecord::Person(x) => x.full_name(),
        AnyRecord::Organisation(x) => x.name.clone(),
        AnyRecord::Target(x) => format!("{} на {}: {}", x.indicator, x.year, x.value),
        AnyRecord::EnteredIndicator(x) => x.title.clone(),
        AnyRecord::Goal(x) => format!("{} ({}–{})", x.title, x.from, x.to),
        AnyRecord::Finding(x) => format!("{}: {}", x.year, x.text),
        AnyRecord::Recommendation(x) => format!("{}: {}", x.addressee.label(), x.text),
        AnyRecord::Measure(x) => format!("{} ({})", x.title, x.document_kind.label()),
        AnyRecord::Decision(x) => format!("{} — {}", fmt_date(x.date), x.what),
        AnyRecord::Effect(x) => format!("{}: {}", x.year, x.conclusion),
        AnyRecord::ScheduleItem(x) => format!("{} — {}", x.what, x.when),
        AnyRecord::Award(x) => {
            let mut t = format!("{} — {} ({})", x.title, x.kind.label(), fmt_date(x.date));
            if !x.document.is_empty() {
                t.push_str(&format!(", {}", x.document));
            }
            t
        }
        AnyRecord::Request(x) => {
            let form = if x.form.is_empty() { String::new() } else { format!(" ({})", x.form) };
            format!("{}: {}{form}", fmt_date(x.date), x.direction)
        }
        AnyRecord::Practice(x) => format!("{} — {}, {} ({})", x.title, x.level.label(), x.shown_at, fmt_date(x.date)),
        AnyRecord::Risk(x) => format!("{} — {}", x.risk, x.mitigation),
        AnyRecord::Order(x) => x.line(),
        AnyRecord::Association(x) => format!("{} ({}, {})", x.name, x.kind.label(), x.level.label()),
        AnyRecord::Meeting(x) => format!(
            "{} — {}{}",
            fmt_date(x.date),
            x.topic.lines().next().unwrap_or_default(),
            if x.held { " (проведено)" } else { " (по плану)" }
        ),
        AnyRecord::Nomination(x) => {
            let mut t = format!("{}: {} ({}, {})", x.kind.label(), x.title, x.level.label(), fmt_date(x.date));
            if x.done {
                t.push_str(" — состоялось");
            }
            t
        }
    }
}
