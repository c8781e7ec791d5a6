//! One form for every record kind, driven by a list of fields per kind: the record is edited as its
//! stored JSON, and saving turns it back into the typed record, validates it and shows every problem
//! next to the field it concerns. Nothing is saved while any field has a problem.

use super::{strings as s, theme, widgets};
use crate::domain::dictionaries::Dictionary;
use crate::domain::*;
use chrono::NaiveDate;
use serde_json::{Map, Value};
use std::collections::HashMap;

pub use crate::app::fields::{FieldSpec, Input, shown, specs};

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
                    // A problem found at the last save goes once the field is changed (a date is checked
                    // as it is typed, by its own field).
                    let before = (self.texts.get(spec.key).cloned(), self.base.get(spec.key).cloned());
                    self.field_ui(ui, spec, label.id, ctx);
                    if (self.texts.get(spec.key).cloned(), self.base.get(spec.key).cloned()) != before {
                        self.errors.remove(spec.key);
                    }
                    // A date that does not read is said by its own field as it is typed: not twice.
                    let said_by_field = matches!(spec.input, Input::Date | Input::OptDate)
                        && self
                            .texts
                            .get(spec.key)
                            .is_some_and(|t| !t.trim().is_empty() && crate::domain::dates::parse_typed(t).is_err());
                    if let Some(e) = self.errors.get(spec.key).filter(|_| !said_by_field) {
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
            crate::domain::dates::parse_typed(text).map(|d| Value::String(d.to_string()))
        }
        Input::OptDate if text.is_empty() => Ok(Value::Null),
        Input::OptDate => crate::domain::dates::parse_typed(text).map(|d| Value::String(d.to_string())),
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
