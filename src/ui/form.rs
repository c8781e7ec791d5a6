//! One form for every record kind, driven by a list of fields per kind: the record is edited as its
//! stored JSON, and saving turns it back into the typed record, validates it and shows every problem
//! next to the field it concerns. Nothing is saved while any field has a problem.

use super::{strings as s, theme, widgets};
use crate::domain::dictionaries::Dictionary;
use crate::domain::diff;
use crate::domain::*;
use chrono::NaiveDate;
use serde_json::{Map, Value};
use std::collections::HashMap;

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

/// What a form needs from the database: people to pick and reference lists to suggest.
#[derive(Default)]
pub struct FormContext {
    pub persons: Vec<(PersonId, String)>,
    /// Records a field may point at (a recommendation's finding, a decision's measure): kind, id, label.
    pub records: Vec<(RecordKind, uuid::Uuid, String)>,
    /// The scopes a finding may name: text form and name («school:004», «МОУ СОШ № 4»).
    pub scopes: Vec<(String, String)>,
    pub dictionaries: HashMap<Dictionary, Vec<String>>,
    pub today: NaiveDate,
}

/// A record being edited.
pub struct Form {
    pub kind: RecordKind,
    pub title: String,
    /// The record as stored (or as a new one starts), as JSON.
    base: Map<String, Value>,
    /// The text of each text-like field as typed.
    texts: HashMap<&'static str, String>,
    /// Problems by field key.
    pub errors: HashMap<String, String>,
    /// Whether the user changed anything.
    pub dirty: bool,
    /// A record that is new (not yet stored).
    pub new: bool,
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
        other => other.kind().label().to_string(),
    };
    let short: String = text.chars().take(60).collect();
    if short.len() < text.len() { format!("«{short}…»") } else { format!("«{short}»") }
}

fn value_text(v: &Value, input: Input) -> String {
    match (input, v) {
        (_, Value::Null) => String::new(),
        (Input::Date | Input::OptDate, Value::String(s)) => {
            NaiveDate::parse_from_str(s, "%Y-%m-%d").map(fmt_date).unwrap_or_else(|_| s.clone())
        }
        (Input::List, Value::Array(items)) => items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", "),
        (Input::Subjects, Value::Array(items)) => {
            items.iter().filter_map(|i| i.get("subject").and_then(Value::as_str)).collect::<Vec<_>>().join(", ")
        }
        (Input::SchoolYear, Value::Number(n)) => {
            n.as_i64().map(|y| SchoolYear(y as i32).to_string()).unwrap_or_default()
        }
        (Input::Float | Input::OptFloat | Input::Int, Value::Number(n)) => {
            crate::domain::ru::number(n.as_f64().unwrap_or(0.0))
        }
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    }
}

fn is_text(input: Input) -> bool {
    !matches!(
        input,
        Input::Bool
            | Input::Choice(_)
            | Input::OptChoice(_)
            | Input::Person
            | Input::OptPerson
            | Input::OptRecord(_)
            | Input::Scope
    )
}

impl Form {
    /// A form for an existing or a new record.
    pub fn new(record: &AnyRecord, title: impl Into<String>, new: bool) -> Self {
        let kind = record.kind();
        let base = record.to_json().as_object().cloned().unwrap_or_default();
        let texts = specs(kind)
            .into_iter()
            .filter(|s| is_text(s.input))
            .map(|s| (s.key, value_text(base.get(s.key).unwrap_or(&Value::Null), s.input)))
            .collect();
        Self { kind, title: title.into(), base, texts, errors: HashMap::new(), dirty: false, new }
    }

    /// Sets the text of a field as if typed (tests, scripted input).
    pub fn set_text(&mut self, key: &str, text: &str) {
        if let Some(t) = self.texts.iter_mut().find(|(k, _)| **k == key) {
            *t.1 = text.to_string();
            self.dirty = true;
        }
    }

    /// Draws the form; returns what the user asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &FormContext) -> FormAction {
        let mut action = FormAction::None;
        ui.strong(&self.title);
        egui::Grid::new(("form", self.kind)).num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
            for spec in specs(self.kind) {
                let label = ui.label(spec.label);
                ui.vertical(|ui| {
                    self.field_ui(ui, spec, label.id, ctx);
                    if let Some(e) = self.errors.get(spec.key) {
                        ui.colored_label(theme::ERROR, e);
                    }
                });
                ui.end_row();
            }
        });
        if let Some(e) = self.errors.get("") {
            ui.colored_label(theme::ERROR, e);
        }
        ui.horizontal(|ui| {
            if ui.button(s::SAVE).on_hover_text("Ctrl+S").clicked() {
                action = FormAction::Save;
            }
            if ui.button(s::CANCEL).on_hover_text("Esc").clicked() {
                action = FormAction::Cancel;
            }
        });
        action
    }

    fn field_ui(&mut self, ui: &mut egui::Ui, spec: FieldSpec, label: egui::Id, ctx: &FormContext) {
        let key = spec.key;
        match spec.input {
            Input::Bool => {
                let mut v = self.base.get(key).and_then(Value::as_bool).unwrap_or(false);
                if ui.checkbox(&mut v, "").labelled_by(label).changed() {
                    self.base.insert(key.into(), Value::Bool(v));
                    self.dirty = true;
                }
            }
            Input::Choice(options) | Input::OptChoice(options) => {
                let optional = matches!(spec.input, Input::OptChoice(_));
                let options = options();
                let current = self.base.get(key).cloned().unwrap_or(Value::Null);
                let shown = options.iter().find(|(v, _)| *v == current).map_or(s::NOT_SET, |(_, l)| *l);
                let mut chosen = current.clone();
                egui::ComboBox::from_id_salt(("form_choice", key))
                    .selected_text(shown)
                    .width(280.0)
                    .show_ui(ui, |ui| {
                        if optional {
                            ui.selectable_value(&mut chosen, Value::Null, s::NOT_SET);
                        }
                        for (v, l) in &options {
                            ui.selectable_value(&mut chosen, v.clone(), *l);
                        }
                    })
                    .response
                    .labelled_by(label);
                if chosen != current {
                    self.base.insert(key.into(), chosen);
                    self.dirty = true;
                }
            }
            Input::Person | Input::OptPerson => {
                let current = self.base.get(key).and_then(Value::as_str).and_then(PersonId::parse);
                let shown = current
                    .and_then(|id| ctx.persons.iter().find(|(p, _)| *p == id))
                    .map_or(s::NOT_SET.to_string(), |(_, n)| n.clone());
                let mut chosen = current;
                egui::ComboBox::from_id_salt(("form_choice", key))
                    .selected_text(shown)
                    .width(320.0)
                    .height(360.0)
                    .show_ui(ui, |ui| {
                        if matches!(spec.input, Input::OptPerson) {
                            ui.selectable_value(&mut chosen, None, s::NOT_SET);
                        }
                        for (id, name) in &ctx.persons {
                            ui.selectable_value(&mut chosen, Some(*id), name);
                        }
                    })
                    .response
                    .labelled_by(label);
                if chosen != current {
                    self.base.insert(key.into(), chosen.map_or(Value::Null, |c| Value::String(c.to_string())));
                    self.dirty = true;
                }
            }
            Input::Scope => {
                let current = self.base.get(key).and_then(Value::as_str).unwrap_or("all").to_string();
                let shown = ctx.scopes.iter().find(|(t, _)| *t == current).map_or(current.clone(), |(_, n)| n.clone());
                let mut chosen = current.clone();
                egui::ComboBox::from_id_salt(("form_choice", key))
                    .selected_text(shown)
                    .width(320.0)
                    .height(360.0)
                    .show_ui(ui, |ui| {
                        for (text, name) in &ctx.scopes {
                            ui.selectable_value(&mut chosen, text.clone(), name);
                        }
                    })
                    .response
                    .labelled_by(label);
                if chosen != current {
                    self.base.insert(key.into(), Value::String(chosen));
                    self.dirty = true;
                }
            }
            Input::OptRecord(kind) => {
                let current = self.base.get(key).and_then(Value::as_str).and_then(|t| uuid::Uuid::parse_str(t).ok());
                let options: Vec<&(RecordKind, uuid::Uuid, String)> =
                    ctx.records.iter().filter(|(k, _, _)| *k == kind).collect();
                let shown = current
                    .and_then(|id| options.iter().find(|(_, i, _)| *i == id))
                    .map_or(s::NOT_SET.to_string(), |(_, _, n)| n.clone());
                let mut chosen = current;
                egui::ComboBox::from_id_salt(("form_choice", key))
                    .selected_text(shown)
                    .width(420.0)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut chosen, None, s::NOT_SET);
                        for (_, id, name) in options {
                            ui.selectable_value(&mut chosen, Some(*id), name);
                        }
                    })
                    .response
                    .labelled_by(label);
                if chosen != current {
                    self.base.insert(key.into(), chosen.map_or(Value::Null, |c| Value::String(c.to_string())));
                    self.dirty = true;
                }
            }
            Input::Date | Input::OptDate => {
                let text = self.texts.entry(key).or_default();
                if widgets::date_field(ui, text, label, ctx.today) {
                    self.dirty = true;
                }
            }
            Input::Multiline => {
                let text = self.texts.entry(key).or_default();
                if ui
                    .add(egui::TextEdit::multiline(text).desired_rows(2).desired_width(420.0))
                    .labelled_by(label)
                    .changed()
                {
                    self.dirty = true;
                }
            }
            Input::Dict(dict) => {
                let text = self.texts.entry(key).or_default();
                let response = ui.add(egui::TextEdit::singleline(text).desired_width(320.0)).labelled_by(label);
                if response.changed() {
                    self.dirty = true;
                }
                if let Some(values) = ctx.dictionaries.get(&dict) {
                    let needle = text.to_lowercase();
                    let popup_id = response.id.with("suggest");
                    if response.has_focus() && !needle.is_empty() {
                        let matches: Vec<&String> = values
                            .iter()
                            .filter(|v| v.to_lowercase().contains(&needle) && **v != *text)
                            .take(8)
                            .collect();
                        if !matches.is_empty() {
                            egui::Popup::from_response(&response).id(popup_id).open(true).show(|ui| {
                                for m in matches {
                                    if ui.selectable_label(false, m.as_str()).clicked() {
                                        *text = m.clone();
                                        self.dirty = true;
                                    }
                                }
                            });
                        }
                    }
                }
            }
            _ => {
                let text = self.texts.entry(key).or_default();
                let width =
                    if matches!(spec.input, Input::Text | Input::List | Input::Subjects) { 320.0 } else { 96.0 };
                if ui.add(egui::TextEdit::singleline(text).desired_width(width)).labelled_by(label).changed() {
                    self.dirty = true;
                }
            }
        }
    }

    /// Turns the form back into a record: every field parsed, then the record validated. On any problem
    /// the problems are shown next to their fields and `None` is returned.
    pub fn build(&mut self, today: NaiveDate) -> Option<AnyRecord> {
        self.errors.clear();
        let mut json = self.base.clone();
        for spec in specs(self.kind) {
            if !is_text(spec.input) {
                continue;
            }
            let text = self.texts.get(spec.key).map(|t| t.trim().to_string()).unwrap_or_default();
            // A date typed in is exact: it is no longer an estimate or unknown.
            let typed = text != value_text(self.base.get(spec.key).unwrap_or(&Value::Null), spec.input).trim();
            let exact_flag = match spec.key {
                "ped_experience_start" => Some("ped_experience_estimated"),
                "total_experience_start" => Some("total_experience_estimated"),
                "start" if self.kind == RecordKind::Employment => Some("start_unknown"),
                _ => None,
            };
            if typed && let Some(flag) = exact_flag {
                json.insert(flag.into(), Value::Bool(false));
            }
            match parse_field(&text, spec.input, json.get(spec.key)) {
                Ok(v) => {
                    json.insert(spec.key.into(), v);
                }
                Err(e) => {
                    self.errors.insert(spec.key.into(), e);
                }
            }
        }
        if !self.errors.is_empty() {
            return None;
        }
        let record = match AnyRecord::from_json(self.kind, Value::Object(json)) {
            Ok(r) => r,
            Err(e) => {
                self.errors.insert(String::new(), format!("{}: {e}", s::FORM_INCOMPLETE));
                return None;
            }
        };
        match validate(&record, today) {
            Ok(()) => Some(record),
            Err(problems) => {
                for p in problems {
                    self.errors.entry(p.field.to_string()).or_insert(p.message);
                }
                None
            }
        }
    }
}

fn parse_field(text: &str, input: Input, old: Option<&Value>) -> Result<Value, String> {
    let number = |t: &str| t.replace(',', ".").parse::<f64>().map_err(|_| format!("«{t}» — не число"));
    match input {
        Input::Date => {
            if text.is_empty() {
                return Err(s::REQUIRED.into());
            }
            parse_date(text)
                .map(|d| Value::String(d.to_string()))
                .ok_or_else(|| format!("«{text}» — {}", s::DATE_FORMAT_HINT))
        }
        Input::OptDate if text.is_empty() => Ok(Value::Null),
        Input::OptDate => parse_date(text)
            .map(|d| Value::String(d.to_string()))
            .ok_or_else(|| format!("«{text}» — {}", s::DATE_FORMAT_HINT)),
        Input::Int => text.parse::<u32>().map(Value::from).map_err(|_| format!("«{text}» — не целое число")),
        Input::Float => number(text).map(Value::from),
        Input::OptFloat if text.is_empty() => Ok(Value::Null),
        Input::OptFloat => number(text).map(Value::from),
        Input::List => Ok(Value::Array(split_list(text).into_iter().map(Value::String).collect())),
        Input::Subjects => {
            // Keep hours and the match flag of subjects that stay; new ones start with none.
            let previous: Vec<Value> = old.and_then(Value::as_array).cloned().unwrap_or_default();
            Ok(Value::Array(
                split_list(text)
                    .into_iter()
                    .map(|name| {
                        previous
                            .iter()
                            .find(|p| p.get("subject").and_then(Value::as_str) == Some(name.as_str()))
                            .cloned()
                            .unwrap_or_else(
                                || serde_json::json!({ "subject": name, "hours": 0.0, "education_match": true }),
                            )
                    })
                    .collect(),
            ))
        }
        Input::SchoolYear => SchoolYear::parse(text)
            .map(|y| Value::from(y.0))
            .ok_or_else(|| format!("«{text}» — учебный год вида 2025/2026")),
        _ => Ok(Value::String(text.to_string())),
    }
}

fn split_list(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// What the user did with a form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormAction {
    None,
    Save,
    Cancel,
}
