//! Validation of single records. Every problem names the field (its id, for the form to place the
//! message next to it, and its Russian label) and says in Russian what is wrong.

use super::dates::{add_years, fmt_date, whole_years};
use super::kinds::AnyRecord;
use super::labels::{Category, CourseKind, StepStatus};
use super::records::*;
use chrono::NaiveDate;
use std::fmt;

/// One problem with one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The field's identifier in the record (`birth_date`, `end` …), for placing the message.
    pub field: &'static str,
    /// The field's Russian label.
    pub label: &'static str,
    /// What is wrong, in Russian.
    pub message: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "«{}»: {}", self.label, self.message)
    }
}

/// The youngest age at which a person can work at a school.
pub const MIN_WORKING_AGE: i32 = 16;
/// An age above this is taken for a mistyped birth date.
pub const MAX_AGE: i32 = 100;

#[derive(Default)]
struct Problems(Vec<FieldError>);

impl Problems {
    fn add(&mut self, field: &'static str, label: &'static str, message: impl Into<String>) {
        self.0.push(FieldError { field, label, message: message.into() });
    }

    fn required_text(&mut self, field: &'static str, label: &'static str, value: &str) {
        if value.trim().is_empty() {
            self.add(field, label, "поле не заполнено");
        }
    }

    /// An end date before its start.
    fn order(&mut self, field: &'static str, label: &'static str, start: Option<NaiveDate>, end: Option<NaiveDate>) {
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            self.add(field, label, format!("дата окончания {} раньше даты начала {}", fmt_date(e), fmt_date(s)));
        }
    }

    /// A date implausibly far from today (a typo in the year).
    fn plausible(&mut self, field: &'static str, label: &'static str, date: Option<NaiveDate>, today: NaiveDate) {
        if let Some(d) = date {
            if d < add_years(today, -80) {
                self.add(field, label, format!("дата {} слишком давняя — проверьте год", fmt_date(d)));
            } else if d > add_years(today, 10) {
                self.add(field, label, format!("дата {} слишком далеко в будущем — проверьте год", fmt_date(d)));
            }
        }
    }

    fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.0.is_empty() { Ok(()) } else { Err(self.0) }
    }
}

/// Checks one record on its own; `today` is the date the check is made on (ages, plausible years).
pub fn validate(record: &AnyRecord, today: NaiveDate) -> Result<(), Vec<FieldError>> {
    validate_with_text(record, &serde_json::to_string(record).unwrap_or_default(), today)
}

/// [`validate`] of a record whose JSON text is at hand (a package's records, read from their text): the
/// text is scanned for hidden characters instead of writing the record out again.
pub fn validate_with_text(record: &AnyRecord, text: &str, today: NaiveDate) -> Result<(), Vec<FieldError>> {
    let mut p = Problems::default();
    match record {
        AnyRecord::Organisation(o) => {
            p.required_text("name", "Название", &o.name);
        }
        AnyRecord::Person(r) => person(&mut p, r, today),
        AnyRecord::Target(r) => {
            p.required_text("indicator", "Показатель", &r.indicator);
            let entered = r.indicator.starts_with("entered_");
            if !r.value.is_finite() || (!entered && !(0.0..=100.0).contains(&r.value)) {
                p.add("value", "Цель", format!("{} — цель доли задаётся в процентах, от 0 до 100", r.value));
            }
        }
        AnyRecord::Goal(r) => {
            p.required_text("title", "Цель", &r.title);
            if r.to < r.from {
                p.add("to", "По", format!("период цели {}–{} кончается раньше, чем начинается", r.from, r.to));
            }
            if let Some(b) = r.base.iter().find(|b| !b.value.is_finite()) {
                p.add("base", "Базовые значения", format!("{}: базовое значение не число", b.indicator));
            }
        }
        AnyRecord::Finding(r) => p.required_text("text", "Вывод", &r.text),
        AnyRecord::Award(r) => {
            p.required_text("title", "Награда, звание, поощрение", &r.title);
            p.plausible("date", "Дата", Some(r.date), today);
        }
        AnyRecord::Request(r) => {
            p.required_text("direction", "Направление (чему хочет научиться)", &r.direction);
            p.plausible("date", "Дата", Some(r.date), today);
        }
        AnyRecord::Practice(r) => {
            p.required_text("title", "Практика", &r.title);
            p.plausible("date", "Дата", Some(r.date), today);
        }
        AnyRecord::Risk(r) => p.required_text("risk", "Риск", &r.risk),
        AnyRecord::Association(r) => p.required_text("name", "Название", &r.name),
        AnyRecord::Meeting(r) => {
            p.required_text("topic", "Тема, вопросы", &r.topic);
            p.plausible("date", "Дата", Some(r.date), today);
        }
        AnyRecord::Nomination(r) => {
            p.required_text("title", "Название", &r.title);
            p.plausible("date", "Дата (начало)", Some(r.date), today);
            p.plausible("end", "Окончание", r.end, today);
            p.order("end", "Окончание", Some(r.date), r.end);
        }
        AnyRecord::Order(r) => {
            p.required_text("title", "Заголовок («О …»)", &r.title);
            p.required_text("points", "Пункты после «ПРИКАЗЫВАЮ» (по пункту на строку)", &r.points);
            p.plausible("date", "Дата приказа", Some(r.date), today);
        }
        AnyRecord::ScheduleItem(r) => {
            p.required_text("what", "Что", &r.what);
            if super::cycle::months_of(&r.when).is_empty() {
                p.add(
                    "when",
                    "Когда",
                    format!("«{}»: не назван ни один месяц (например, «апрель – май»)", r.when.trim()),
                );
            }
        }
        AnyRecord::Recommendation(r) => p.required_text("text", "Рекомендация", &r.text),
        AnyRecord::Measure(r) => {
            p.required_text("title", "Мероприятие", &r.title);
            p.order("end", "Окончание", r.start, r.end);
        }
        AnyRecord::Decision(r) => {
            p.required_text("what", "Решение", &r.what);
            p.plausible("date", "Дата", Some(r.date), today);
        }
        AnyRecord::Effect(r) => p.required_text("conclusion", "Вывод об эффективности", &r.conclusion),
        AnyRecord::EnteredIndicator(r) => {
            p.required_text("title", "Показатель", &r.title);
            let mut years: Vec<super::dates::SchoolYear> = r.values.iter().map(|v| v.year).collect();
            years.sort();
            if years.windows(2).any(|w| w[0] == w[1]) {
                p.add("values", "Значения", "за один учебный год введено два значения");
            }
            if let Some(v) = r.values.iter().find(|v| !v.value.is_finite()) {
                p.add("values", "Значения", format!("{}: значение не число", v.year));
            } else if r.unit.trim() == "%"
                && let Some(v) = r.values.iter().find(|v| !(0.0..=100.0).contains(&v.value))
            {
                p.add("values", "Значения", format!("{}: {} % — доля задаётся от 0 до 100", v.year, v.value));
            }
        }
        AnyRecord::Employment(r) => {
            p.plausible("start", "Дата приёма", Some(r.start), today);
            p.order("end", "Дата увольнения", Some(r.start), r.end);
        }
        AnyRecord::Absence(r) => {
            p.plausible("start", "Начало", Some(r.start), today);
            p.order("end", "Окончание", Some(r.start), r.end);
        }
        AnyRecord::Assignment(r) => {
            if !(0.0..=80.0).contains(&r.load_hours) || !r.load_hours.is_finite() {
                p.add(
                    "load_hours",
                    "Нагрузка, ч в неделю",
                    format!("нагрузка {} ч в неделю невозможна: допустимо от 0 до 80", r.load_hours),
                );
            }
            for s in &r.subjects {
                if s.subject.trim().is_empty() {
                    p.add("subjects", "Предметы", "у одной из строк не указан предмет");
                }
                if !(0.0..=80.0).contains(&s.hours) || !s.hours.is_finite() {
                    p.add(
                        "subjects",
                        "Предметы",
                        format!("часы по предмету «{}» ({}) вне допустимого: от 0 до 80", s.subject, s.hours),
                    );
                }
            }
        }
        AnyRecord::Attestation(r) => attestation(&mut p, r, today),
        AnyRecord::Course(r) => course(&mut p, r, today),
        AnyRecord::Diagnostic(r) => {
            p.plausible("date", "Дата", Some(r.date), today);
            if let (Some(score), Some(max)) = (r.score, r.max_score)
                && score > max
            {
                p.add("score", "Балл", format!("балл {score} больше максимального {max}"));
            }
            if r.score.is_some_and(|s| s < 0.0) {
                p.add("score", "Балл", "балл не может быть отрицательным");
            }
        }
        AnyRecord::Route(r) => {
            p.plausible("start", "Начало", Some(r.start), today);
            p.order("end", "Окончание", Some(r.start), r.end);
            for (i, s) in r.steps.iter().enumerate() {
                if s.title.trim().is_empty() {
                    p.add("steps", "Шаги", format!("у шага {} не указано содержание", i + 1));
                }
                if s.status == StepStatus::Done && s.done.is_none() {
                    p.add(
                        "steps",
                        "Шаги",
                        format!("шаг {} «{}» отмечен выполненным, но не указана дата выполнения", i + 1, s.title),
                    );
                }
            }
        }
        AnyRecord::Mentorship(r) => {
            if r.mentor == Some(r.mentee) {
                p.add("mentor", "Наставник", "наставник и наставляемый — один и тот же человек");
            }
            if r.mentor.is_none() && r.mentor_name.trim().is_empty() {
                p.add("mentor", "Наставник", "укажите наставника: выберите работника школы или впишите ФИО");
            }
            p.plausible("start", "Начало", Some(r.start), today);
            p.order("end", "Окончание", Some(r.start), r.end);
        }
        AnyRecord::Contest(r) => {
            p.required_text("name", "Конкурс", &r.name);
            p.plausible("date", "Дата", Some(r.date), today);
        }
        AnyRecord::ExpertWork(r) => {
            p.required_text("role", "Вид экспертной деятельности", &r.role);
            p.plausible("date", "Дата", Some(r.date), today);
            p.order("end", "Окончание", Some(r.date), r.end);
        }
        AnyRecord::Community(r) => {
            p.required_text("name", "Сообщество", &r.name);
            p.plausible("start", "Начало", Some(r.start), today);
            p.order("end", "Окончание", Some(r.start), r.end);
        }
        AnyRecord::Event(r) => {
            p.required_text("title", "Мероприятие", &r.title);
            p.plausible("date", "Дата", Some(r.date), today);
        }
        AnyRecord::Vacancy(r) => {
            p.required_text("position", "Должность", &r.position);
            if !(0.0..=80.0).contains(&r.hours) || !r.hours.is_finite() {
                p.add("hours", "Часы", format!("{} ч в неделю — вне допустимого: от 0 до 80", r.hours));
            }
            p.order("closed", "Закрыта", Some(r.opened), r.closed);
        }
        AnyRecord::Reserve(r) => {
            p.required_text("position", "Должность", &r.position);
        }
    }
    // The record's text as JSON, scanned once: a control character shows there as an escape `\u00XX`, the
    // others as themselves; only a record that has one is walked field by field to name it.
    if text.contains("\\u00") || has_hidden_character(text) {
        hidden_characters(&mut p, &record.to_json(), "");
    }
    p.finish()
}

/// A character that must not stand in a name or a text: a control character (a line break is allowed
/// in texts, not in names), a direction override or isolate (U+202A–U+202E, U+2066–U+2069: they make a
/// name read differently from what it is), a zero-width character or a byte-order mark.
pub fn hidden_character(text: &str, single_line: bool) -> Option<(usize, char)> {
    text.chars().enumerate().find(|(_, c)| {
        let c = *c;
        (c.is_control() && (single_line || !matches!(c, '\n' | '\r' | '\t')))
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
            || matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}' | '\u{2060}' | '\u{FEFF}')
    })
}

/// Whether `text` has a character [`hidden_character`] finds in a multi-line text, read byte by byte in
/// UTF-8 (every record of a package and of every save is scanned: a hot path of the merge). The
/// characters it looks for are C0 controls but the tab and line breaks, DEL and the C1 controls
/// (`C2 80`–`C2 9F`), U+200B–U+200F and U+202A–U+202E (`E2 80 …`), U+2060 and U+2066–U+2069
/// (`E2 81 …`) and U+FEFF (`EF BB BF`).
pub fn has_hidden_character(text: &str) -> bool {
    let b = text.as_bytes();
    // Blocks of 64 bytes are first tested for a byte that can begin such a character at all (a test
    // the compiler turns into vector instructions); only a block with one is read byte by byte.
    const BLOCK: usize = 64;
    for (n, block) in b.chunks(BLOCK).enumerate() {
        let suspect = block.iter().fold(false, |any, &x| any | (x < 0x20) | (x == 0x7F) | (x == 0xC2) | (x >= 0xE2));
        if suspect && (n * BLOCK..n * BLOCK + block.len()).any(|i| hidden_at(b, i)) {
            return true;
        }
    }
    false
}

/// Whether a character [`has_hidden_character`] looks for begins at byte `i`.
fn hidden_at(b: &[u8], i: usize) -> bool {
    match b[i] {
        0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F => true,
        0xC2 => matches!(b.get(i + 1), Some(0x80..=0x9F)),
        0xE2 => matches!(
            (b.get(i + 1), b.get(i + 2)),
            (Some(0x80), Some(0x8B..=0x8F | 0xAA..=0xAE)) | (Some(0x81), Some(0xA0 | 0xA6..=0xA9))
        ),
        0xEF => b.get(i + 1) == Some(&0xBB) && b.get(i + 2) == Some(&0xBF),
        _ => false,
    }
}

/// The Russian label of a text field of a record, for the message about a hidden character.
fn text_label(key: &str) -> (&'static str, &'static str) {
    const LABELS: &[(&str, &str)] = &[
        ("last_name", "Фамилия"),
        ("first_name", "Имя"),
        ("middle_name", "Отчество"),
        ("name", "Название"),
        ("short_name", "Краткое название"),
        ("code", "Код"),
        ("municipality", "Муниципалитет"),
        ("cluster", "Тип школы"),
        ("title", "Название"),
        ("specialty", "Специальность"),
        ("qualification", "Квалификация"),
        ("phone", "Телефон"),
        ("email", "Эл. почта"),
        ("note", "Примечание"),
        ("end_reason", "Причина увольнения"),
        ("provider", "Организация"),
        ("document_kind", "Документ"),
        ("document_number", "№ документа"),
        ("subject", "Предмет"),
        ("subjects", "Предметы"),
        ("positions", "Должности"),
        ("position", "Должность"),
        ("role", "Роль"),
        ("description", "Описание"),
        ("evidence", "Подтверждение"),
        ("curator", "Куратор"),
        ("program", "Программа"),
        ("form", "Форма"),
        ("mentor_name", "Наставник"),
        ("order_number", "№ приказа"),
        ("recommendations", "Рекомендации"),
        ("recommendations_text", "Адресные рекомендации"),
        ("deficits", "Дефициты"),
        ("steps", "Шаги ИОМ"),
        ("result", "Результат"),
        ("text", "Текст"),
        ("what", "Решение"),
        ("conclusion", "Вывод"),
        ("source", "Источник"),
        ("unit", "Единица"),
        ("indicator", "Показатель"),
        ("reason", "Обоснование"),
    ];
    LABELS.iter().find(|(k, _)| *k == key).copied().unwrap_or(("text", "Текст"))
}

/// Walks a record's JSON and adds a problem for each text field with a hidden character.
fn hidden_characters(p: &mut Problems, value: &serde_json::Value, key: &str) {
    use serde_json::Value;
    match value {
        Value::String(s) => {
            let single_line =
                matches!(key, "last_name" | "first_name" | "middle_name" | "name" | "code" | "short_name");
            if let Some((at, c)) = hidden_character(s, single_line) {
                let (field, label) = text_label(key);
                p.add(
                    field,
                    label,
                    format!(
                        "недопустимый невидимый или управляющий символ U+{:04X} (позиция {}): удалите его и введите текст заново",
                        c as u32,
                        at + 1
                    ),
                );
            }
        }
        Value::Array(items) => items.iter().for_each(|v| hidden_characters(p, v, key)),
        Value::Object(map) => map.iter().for_each(|(k, v)| hidden_characters(p, v, k)),
        _ => {}
    }
}

fn person(p: &mut Problems, r: &Person, today: NaiveDate) {
    p.required_text("last_name", "Фамилия", &r.last_name);
    p.required_text("first_name", "Имя", &r.first_name);
    for (field, label, value) in [
        ("last_name", "Фамилия", &r.last_name),
        ("first_name", "Имя", &r.first_name),
        ("middle_name", "Отчество", &r.middle_name),
    ] {
        if value.chars().any(|c| c.is_ascii_digit()) {
            p.add(field, label, "в ФИО не может быть цифр");
        }
    }
    if let Some(b) = r.birth_date {
        let age = whole_years(b, today);
        if b > today {
            p.add("birth_date", "Дата рождения", format!("дата рождения {} ещё не наступила", fmt_date(b)));
        } else if !(MIN_WORKING_AGE..=MAX_AGE).contains(&age) {
            let years = super::ru::count(age.max(0) as u64, "год", "года", "лет");
            p.add("birth_date", "Дата рождения", format!("по этой дате работнику {years} — проверьте дату рождения"));
        }
        for (field, label, start) in [
            ("ped_experience_start", "Начало педагогического стажа", r.ped_experience_start),
            ("total_experience_start", "Начало общего стажа", r.total_experience_start),
        ] {
            if let Some(s) = start
                && s < add_years(b, 14)
            {
                let years = super::ru::count(whole_years(b, s).max(0) as u64, "год", "года", "лет");
                p.add(field, label, format!("стаж не может начинаться {} — работнику было бы {years}", fmt_date(s)));
            }
        }
    }
    for (field, label, start) in [
        ("ped_experience_start", "Начало педагогического стажа", r.ped_experience_start),
        ("total_experience_start", "Начало общего стажа", r.total_experience_start),
    ] {
        if let Some(s) = start
            && s > today
        {
            p.add(field, label, format!("дата {} ещё не наступила", fmt_date(s)));
        }
    }
    if let (Some(ped), Some(total)) = (r.ped_experience_start, r.total_experience_start)
        && ped < total
    {
        p.add(
            "ped_experience_start",
            "Начало педагогического стажа",
            "педагогический стаж не может быть больше общего",
        );
    }
    if !r.pedagogical && !r.management {
        p.add(
            "pedagogical",
            "Педагогический работник",
            "отметьте, педагогический ли это работник или управленческие кадры (или то и другое)",
        );
    }
    if !r.email.trim().is_empty() && !r.email.contains('@') {
        p.add("email", "Эл. почта", "адрес электронной почты должен содержать «@»");
    }
}

fn attestation(p: &mut Problems, r: &Attestation, today: NaiveDate) {
    p.plausible("decision_date", "Дата решения", Some(r.decision_date), today);
    if r.decision_date > today {
        p.add("decision_date", "Дата решения", format!("дата решения {} ещё не наступила", fmt_date(r.decision_date)));
    }
    let valid_until = super::rules::valid_until(r.result, r.decision_date);
    if let Some(order) = r.order_date {
        if let Some(valid_until) = valid_until.filter(|u| order > *u) {
            p.add(
                "order_date",
                "Дата приказа",
                format!("дата приказа {} позже срока действия категории ({})", fmt_date(order), fmt_date(valid_until)),
            );
        } else if order < r.decision_date {
            p.add(
                "order_date",
                "Дата приказа",
                format!("дата приказа {} раньше даты решения комиссии {}", fmt_date(order), fmt_date(r.decision_date)),
            );
        }
    }
    if r.recommendations && r.recommendations_text.trim().is_empty() {
        p.add(
            "recommendations_text",
            "Адресные рекомендации",
            "отмечено, что рекомендации получены, — впишите их текст",
        );
    }
    if r.result == Category::PositionConformity && r.body == Some(super::labels::AttestationBody::Regional) {
        p.add("body", "Орган", "аттестацию на соответствие занимаемой должности проводит аттестационная комиссия ОО");
    }
}

fn course(p: &mut Problems, r: &Course, today: NaiveDate) {
    p.required_text("title", "Название программы", &r.title);
    p.plausible("end", "Дата окончания", Some(r.end), today);
    p.plausible("start", "Дата начала", r.start, today);
    p.order("end", "Дата окончания", r.start, Some(r.end));
    let min = r.kind.min_hours();
    if r.hours < min {
        let kind = match r.kind {
            CourseKind::Upgrade => "повышения квалификации",
            CourseKind::Retraining => "профессиональной переподготовки",
            CourseKind::Internship => "стажировки",
        };
        p.add("hours", "Часы", format!("{} ч — мало для программы {kind}: нужно не менее {min} ч", r.hours));
    }
    if r.hours > 3000 {
        p.add("hours", "Часы", format!("{} ч — слишком много, проверьте число", r.hours));
    }
    if let Some(d) = r.document_date
        && d < r.end
    {
        p.add(
            "document_date",
            "Дата документа",
            format!("документ выдан {} — раньше окончания курсов {}", fmt_date(d), fmt_date(r.end)),
        );
    }
    if (r.pedagogical_orientation || r.staff_shortage) && r.kind != CourseKind::Retraining {
        p.add(
            "kind",
            "Вид",
            "отметки «педагогической направленности» и «кадровый дефицит» относятся только к переподготовке",
        );
    }
}
