//! Group records: a seminar, a contest or a course taken by many is entered once, with a participant
//! picker (filter by subject, position, young; tick people), and appears in every participant's card.

use super::form::{Form, FormAction, FormContext};
use super::{card, strings as s};
use crate::app::Notice;
use crate::app::Session;
use crate::domain::*;
use std::collections::BTreeSet;

/// What is entered for the group.
const KINDS: &[RecordKind] = &[
    RecordKind::Event,
    RecordKind::Contest,
    RecordKind::Course,
    RecordKind::Diagnostic,
    RecordKind::Nomination,
    RecordKind::Community,
];

/// The nomination lists with the names of the people on them, made again only when the data change.
struct Lists {
    lists: Vec<crate::domain::nominations::List>,
    names: std::collections::HashMap<PersonId, String>,
}

/// A picker of people: filter by name, subject, position, young; tick them one by one or all shown.
#[derive(Default)]
pub struct PeoplePicker {
    pub ticked: BTreeSet<PersonId>,
    text: String,
    subject: Option<String>,
    position: Option<String>,
    young: bool,
}

#[derive(Default)]
pub struct GroupScreen {
    kind: Option<RecordKind>,
    form: Option<Form>,
    picker: PeoplePicker,
    /// The nomination list being marked as taken place: its title and date, and who took part.
    taking: Option<(String, chrono::NaiveDate, BTreeSet<PersonId>)>,
    /// The list whose delete waits for its confirmation (its first nomination's id).
    deleting: Option<uuid::Uuid>,
    /// The nomination lists, made again only when the data change.
    lists: Option<(u64, Lists)>,
    message: Option<Notice>,
    /// The group's records sent, waiting to be written: what to say then.
    sent: super::pending::Pending<String>,
}

impl GroupScreen {
    pub fn ui(&mut self, ui: &mut egui::Ui, session: &mut Session, staff: &[PersonState]) {
        if let Some((done, outcome)) = self.sent.take(session) {
            if outcome.is_ok() {
                self.form = None;
                self.picker.ticked.clear();
                self.taking = None;
            }
            self.message = Some(Notice::of(outcome, |_| done));
        }
        // The whole screen scrolls: the lists below the form reach past a laptop's screen.
        egui::ScrollArea::vertical().id_salt("group_screen").auto_shrink([false, false]).show(ui, |ui| {
            self.screen_ui(ui, session, staff);
        });
    }

    fn screen_ui(&mut self, ui: &mut egui::Ui, session: &mut Session, staff: &[PersonState]) {
        ui.heading(s::NAV_GROUP);
        ui.label(s::GROUP_HINT);
        let shown = *self.kind.get_or_insert(RecordKind::Event);
        ui.horizontal(|ui| {
            for k in KINDS {
                if ui.selectable_label(shown == *k, k.label()).clicked() && shown != *k {
                    self.kind = Some(*k);
                    self.form = None;
                }
            }
        });
        // The kind as chosen in this frame: the form below is of it.
        let kind = self.kind.unwrap_or(RecordKind::Event);
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
            self.picker.ui(&mut cols[1], staff, s::PARTICIPANTS);
        });
        match action {
            FormAction::Cancel => self.picker.ticked.clear(),
            FormAction::Save => {
                self.form = Some(form);
                self.save(session);
            }
            FormAction::None => self.form = Some(form),
        }
        super::widgets::outcome(ui, &self.message);
        ui.separator();
        self.lists_ui(ui, session);
    }

    /// The nomination lists (seed 001: «списки педагогов для участия …», «направление на обучение»): each
    /// with its people, and — when it has taken place — the participations of those who took part.
    fn lists_ui(&mut self, ui: &mut egui::Ui, session: &mut Session) {
        ui.heading(s::NOM_LISTS);
        if self.lists.as_ref().is_none_or(|(g, _)| *g != session.generation) {
            let data = session.data();
            let lists = crate::domain::nominations::lists(data);
            let nominated: BTreeSet<PersonId> = data.nominations.iter().map(|n| n.person).collect();
            let names =
                data.persons.iter().filter(|p| nominated.contains(&p.id)).map(|p| (p.id, p.full_name())).collect();
            self.lists = Some((session.generation, Lists { lists, names }));
        }
        let Some((generation, lists)) = self.lists.take() else { return };
        self.lists_of(ui, session, &lists);
        self.lists = Some((generation, lists));
    }

    fn lists_of(&mut self, ui: &mut egui::Ui, session: &mut Session, cached: &Lists) {
        let Lists { lists, names } = cached;
        if lists.is_empty() {
            ui.label(s::NOM_NONE);
            return;
        }
        let name = |id: &PersonId| names.get(id).cloned().unwrap_or_default();
        let mut take: Option<Vec<AnyRecord>> = None;
        let mut remove: Option<(String, Vec<(RecordKind, uuid::Uuid)>)> = None;
        let mut cancel = false;
        ui.vertical(|ui| {
            for l in lists.iter() {
                let done = l.nominations.iter().filter(|n| n.done).count();
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(format!(
                            "{} — {}{}",
                            l.line(),
                            ru::count(l.nominations.len() as u64, "педагог", "педагога", "педагогов"),
                            if l.done() {
                                format!(", {}", s::NOM_DONE)
                            } else if done > 0 {
                                format!(", участие записано: {done}")
                            } else {
                                String::new()
                            }
                        ))
                        .strong(),
                    )
                    .wrap(),
                );
                // The list's buttons on a line of their own: a long title never pushes them off the screen.
                ui.horizontal(|ui| {
                    let key = (l.title.clone(), l.date);
                    let open = self.taking.as_ref().is_some_and(|(t, d, _)| (t, d) == (&key.0, &key.1));
                    if !l.done() && !open && ui.button(s::NOM_TAKE_PLACE).clicked() {
                        let all = l.nominations.iter().filter(|n| !n.done).map(|n| n.person).collect();
                        self.taking = Some((key.0, key.1, all));
                    }
                    // The whole list entered by mistake: its nominations (participations already recorded
                    // stay — they are facts).
                    let id = l.nominations[0].id.0;
                    if self.deleting != Some(id) {
                        if ui.small_button(s::NOM_DELETE).clicked() {
                            self.deleting = Some(id);
                        }
                    } else {
                        if ui.small_button(s::NOM_DELETE_YES).clicked() {
                            remove = Some((
                                l.title.clone(),
                                l.nominations.iter().map(|n| (RecordKind::Nomination, n.id.0)).collect::<Vec<_>>(),
                            ));
                        }
                        if ui.small_button(s::CANCEL).clicked() {
                            self.deleting = None;
                        }
                    }
                });
                ui.label(l.nominations.iter().map(|n| name(&n.person)).collect::<Vec<_>>().join(", "));
                if let Some((t, d, present)) = &mut self.taking
                    && (t.as_str(), *d) == (l.title.as_str(), l.date)
                {
                    ui.label(s::NOM_WHO_TOOK_PART);
                    for n in l.nominations.iter().filter(|n| !n.done) {
                        let mut on = present.contains(&n.person);
                        if ui.checkbox(&mut on, name(&n.person)).changed() {
                            if on {
                                present.insert(n.person);
                            } else {
                                present.remove(&n.person);
                            }
                        }
                    }
                    ui.horizontal(|ui| {
                        if ui.button(s::NOM_RECORD).clicked() {
                            let present: Vec<PersonId> = present.iter().copied().collect();
                            take = Some(crate::domain::nominations::take_place(
                                session.data(),
                                l,
                                &present,
                                session.org().id,
                            ));
                        }
                        if ui.button(s::CANCEL).clicked() {
                            cancel = true;
                        }
                    });
                }
                ui.add_space(4.0);
            }
        });
        if cancel {
            self.taking = None;
        }
        if let Some((title, deletes)) = remove {
            self.deleting = None;
            let what = format!("{} «{title}»", s::NOM_DELETED);
            self.sent.send(
                session,
                crate::app::Command::Change { what: what.clone(), puts: Vec::new(), deletes },
                what,
            );
            return;
        }
        if let Some(records) = take {
            if records.is_empty() {
                self.message = Some(Notice::Failed(s::NOM_NOBODY.into()));
                return;
            }
            let n = records.iter().filter(|r| matches!(r, AnyRecord::Nomination(_))).count() as u64;
            let title = self.taking.as_ref().map(|t| t.0.clone()).unwrap_or_default();
            let what =
                format!("{}: «{title}», {}", s::NOM_TOOK_PLACE, ru::count(n, "участник", "участника", "участников"));
            let done = format!("{} {}", s::NOM_RECORDED_FOR, ru::count(n, "педагога", "педагогов", "педагогов"));
            self.sent.send(session, crate::app::Command::PutMany { what, records }, done);
        }
    }
}

impl PeoplePicker {
    /// Draws the picker under the title `title` (with how many are ticked).
    pub fn ui(&mut self, ui: &mut egui::Ui, staff: &[PersonState], title: &str) {
        ui.strong(format!("{title} ({})", self.ticked.len()));
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
        egui::ScrollArea::vertical().id_salt(("people_picker", title)).max_height(420.0).show(ui, |ui| {
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
}

impl GroupScreen {
    fn save(&mut self, session: &mut Session) {
        let Some(form) = &mut self.form else { return };
        if self.picker.ticked.is_empty() {
            self.message = Some(Notice::Failed(s::GROUP_NOBODY.into()));
            return;
        }
        // The template validates with a stand-in person; each copy gets its own id, person and group.
        let Some(template) = form.build(session.today()) else { return };
        let group = GroupId::new();
        let mut records = Vec::new();
        for person in &self.picker.ticked {
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
