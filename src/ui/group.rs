//! Group records: a seminar, a contest or a course taken by many is entered once, with a participant
//! picker (filter by subject, position, young; tick people), and appears in every participant's card.

use super::form::{Form, FormAction, FormContext};
use super::{card, strings as s};
use crate::app::Notice;
use crate::app::Session;
use crate::domain::*;
use std::collections::BTreeSet;

/// What is entered for the group.
const KINDS: &[RecordKind] = &[RecordKind::Event, RecordKind::Contest, RecordKind::Course, RecordKind::Diagnostic];

#[derive(Default)]
pub struct GroupScreen {
    kind: Option<RecordKind>,
    form: Option<Form>,
    ticked: BTreeSet<PersonId>,
    text: String,
    subject: Option<String>,
    position: Option<String>,
    young: bool,
    message: Option<Notice>,
    /// The group's records sent, waiting to be written: what to say then.
    sent: super::pending::Pending<String>,
}

impl GroupScreen {
    pub fn ui(&mut self, ui: &mut egui::Ui, session: &mut Session, staff: &[PersonState]) {
        if let Some((done, outcome)) = self.sent.take(session) {
            if outcome.is_ok() {
                self.form = None;
                self.ticked.clear();
            }
            self.message = Some(Notice::of(outcome, |_| done));
        }
        ui.heading(s::NAV_GROUP);
        ui.label(s::GROUP_HINT);
        let kind = *self.kind.get_or_insert(RecordKind::Event);
        ui.horizontal(|ui| {
            for k in KINDS {
                if ui.selectable_label(kind == *k, k.label()).clicked() && kind != *k {
                    self.kind = Some(*k);
                    self.form = None;
                }
            }
        });
        let today = session.today();
        let own = session.org().id;
        // The template: the record without its person; every ticked person gets a copy.
        let mut form = self.form.take().unwrap_or_else(|| {
            Form::new(&card::blank(kind, PersonId(uuid::Uuid::nil()), own, today), s::GROUP_WHAT, true)
        });
        let ctx = FormContext {
            persons: Vec::new(),
            records: Vec::new(),
            scopes: Vec::new(),
            dictionaries: crate::domain::dictionaries::Dictionary::ALL
                .iter()
                .map(|d| (*d, session.dictionary(*d)))
                .collect(),
            today,
        };
        let mut action = FormAction::None;
        ui.columns(2, |cols| {
            action = form.ui(&mut cols[0], &ctx);
            self.picker_ui(&mut cols[1], staff);
        });
        match action {
            FormAction::Cancel => self.ticked.clear(),
            FormAction::Save => {
                self.form = Some(form);
                self.save(session);
            }
            FormAction::None => self.form = Some(form),
        }
        super::widgets::outcome(ui, &self.message);
    }

    fn picker_ui(&mut self, ui: &mut egui::Ui, staff: &[PersonState]) {
        ui.strong(format!("{} ({})", s::PARTICIPANTS, self.ticked.len()));
        let mut subjects: Vec<String> = staff.iter().flat_map(|p| p.subjects.iter().cloned()).collect();
        subjects.sort();
        subjects.dedup();
        let mut positions: Vec<String> = staff.iter().flat_map(|p| p.positions.iter().cloned()).collect();
        positions.sort();
        positions.dedup();
        ui.horizontal_wrapped(|ui| {
            ui.horizontal(|ui| {
                let l = ui.label(s::SEARCH);
                ui.add(egui::TextEdit::singleline(&mut self.text).desired_width(140.0)).labelled_by(l.id);
            });
            pick(ui, s::FILTER_SUBJECT, &mut self.subject, &subjects);
            pick(ui, s::FILTER_POSITION, &mut self.position, &positions);
            ui.checkbox(&mut self.young, s::FILTER_YOUNG);
        });
        let needle = self.text.trim().to_lowercase();
        let shown: Vec<&PersonState> = staff
            .iter()
            .filter(|p| p.employed)
            .filter(|p| needle.is_empty() || p.full_name.to_lowercase().contains(&needle))
            .filter(|p| self.subject.as_ref().is_none_or(|x| p.subjects.contains(x)))
            .filter(|p| self.position.as_ref().is_none_or(|x| p.positions.contains(x)))
            .filter(|p| !self.young || p.young)
            .collect();
        ui.horizontal(|ui| {
            if ui.button(format!("{} ({})", s::TICK_SHOWN, shown.len())).clicked() {
                self.ticked.extend(shown.iter().map(|p| p.id));
            }
            if ui.button(s::UNTICK_ALL).clicked() {
                self.ticked.clear();
            }
        });
        egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
            for p in shown {
                let mut on = self.ticked.contains(&p.id);
                if ui.checkbox(&mut on, &p.full_name).changed() {
                    if on {
                        self.ticked.insert(p.id);
                    } else {
                        self.ticked.remove(&p.id);
                    }
                }
            }
        });
    }

    fn save(&mut self, session: &mut Session) {
        let Some(form) = &mut self.form else { return };
        if self.ticked.is_empty() {
            self.message = Some(Notice::Failed(s::GROUP_NOBODY.into()));
            return;
        }
        // The template validates with a stand-in person; each copy gets its own id, person and group.
        let Some(template) = form.build(session.today()) else { return };
        let group = GroupId::new();
        let mut records = Vec::new();
        for person in &self.ticked {
            let mut json = template.to_json();
            json["id"] = serde_json::Value::String(uuid::Uuid::new_v4().to_string());
            json["person"] = serde_json::Value::String(person.to_string());
            json["group"] = serde_json::Value::String(group.to_string());
            match AnyRecord::from_json(template.kind(), json) {
                Ok(r) => records.push(r),
                Err(e) => {
                    self.message = Some(Notice::Failed(e.to_string()));
                    return;
                }
            }
        }
        let n = records.len();
        let what = card::summary(&template, &Default::default());
        let what =
            format!("{}: {what} ({})", s::GROUP_SAVED, ru::count(n as u64, "участник", "участника", "участников"));
        let done = format!("{} {}", s::GROUP_DONE, ru::count(n as u64, "педагога", "педагогов", "педагогов"));
        self.sent.send(session, crate::app::Command::PutMany { what, records }, done);
    }
}

fn pick(ui: &mut egui::Ui, label: &str, value: &mut Option<String>, options: &[String]) {
    let shown = value.clone().unwrap_or_else(|| s::ALL.to_string());
    super::widgets::labelled_combo(ui, label, shown, 130.0, |ui| {
        ui.selectable_value(value, None, s::ALL);
        for o in options {
            ui.selectable_value(value, Some(o.clone()), o);
        }
    });
}
