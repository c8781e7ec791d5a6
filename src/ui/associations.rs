//! «Методические объединения»: ШМО, РМО, тьюторский клуб, методический совет as a whole (seed 001: «Учет
//! участия педагогов в заседаниях РМО», «Планы работы РМО», «отчёты по итогам работы РМО») — the
//! association's name, kind, level and theme; its members (their memberships, added here for many at once);
//! its meetings of the year, planned and held, and who attended each. Its plan and its yearly report are
//! printed from «Отчёты».

use super::form::{Form, FormAction, FormContext};
use super::group::PeoplePicker;
use super::strings as s;
use crate::app::{Command, Notice, Session};
use crate::domain::associations::{self, Member};
use crate::domain::*;

/// An association with its line in the list.
type Line = (Association, String);

/// The selected association's members and meetings with who attended each.
struct Detail {
    members: Vec<Member>,
    meetings: Vec<(Meeting, Vec<PersonId>)>,
}

/// What the screen does once a change it sent is applied.
enum After {
    /// Close the open form (or picker) and say this.
    Close(String),
}

#[derive(Default)]
pub struct AssociationsScreen {
    selected: Option<AssociationId>,
    form: Option<Form>,
    /// The meeting whose attendance is being marked, with its picker.
    attendance: Option<(MeetingId, PeoplePicker)>,
    /// The people being added to the selected association.
    adding: Option<PeoplePicker>,
    /// The association or meeting whose delete waits for its confirmation.
    deleting: Option<uuid::Uuid>,
    message: Option<Notice>,
    sent: super::pending::Pending<After>,
    /// The list's lines, made again only when the data or the year change (members are found by name
    /// among every membership: too slow for every frame of a municipal copy).
    lines: Option<((u64, SchoolYear), Vec<Line>)>,
    /// The selected association's detail, made again when the data, the year or the choice change.
    detail: Option<((u64, SchoolYear, AssociationId), Detail)>,
}

/// The lines of the organisation's associations, by name.
fn lines(session: &Session, year: SchoolYear) -> Vec<Line> {
    let data = session.data();
    let own = session.org().id;
    let mut list: Vec<&Association> = data.associations.iter().filter(|a| a.org == own).collect();
    list.sort_by(|a, b| a.name.cmp(&b.name));
    list.into_iter()
        .map(|a| {
            let members = associations::members(data, a, year.period());
            let meetings = associations::meetings(data, a.id, year);
            let held = meetings.iter().filter(|m| m.held).count();
            let head = associations::heads(&members).iter().map(|m| m.full_name.clone()).collect::<Vec<_>>().join(", ");
            let line = format!(
                "{} ({}, {}) — руководитель: {}; {}; заседаний: {} по плану, {} проведено",
                a.name,
                a.kind.label(),
                a.level.label(),
                if head.is_empty() { s::AS_NO_HEAD.to_string() } else { head },
                ru::count(members.len() as u64, "участник", "участника", "участников"),
                meetings.len(),
                held
            );
            (a.clone(), line)
        })
        .collect()
}

impl AssociationsScreen {
    pub fn ui(&mut self, ui: &mut egui::Ui, session: &mut Session, staff: &[PersonState], year: SchoolYear) {
        if let Some((After::Close(what), outcome)) = self.sent.take(session) {
            if outcome.is_ok() {
                self.form = None;
                self.attendance = None;
                self.adding = None;
            }
            self.message = Some(Notice::of(outcome, |_| what));
        }
        let today = session.today();
        let own = session.org().id;
        egui::ScrollArea::vertical().id_salt("associations").auto_shrink([false, false]).show(ui, |ui| {
            ui.heading(s::NAV_ASSOCIATIONS);
            ui.label(format!("{} {year}. {}", s::REP_YEAR, s::AS_HINT));
            super::widgets::outcome(ui, &self.message);
            if let Some(form) = &mut self.form {
                let ctx = FormContext { today, ..Default::default() };
                match form.ui(ui, &ctx) {
                    FormAction::Save => {
                        if let Some(record) = form.build(today) {
                            let what = format!("{}: {}", record.kind().label(), s::CY_SAVED);
                            // An association renamed, or of another kind or level: its members' memberships and
                            // its attendance follow it, in the same action.
                            let mut puts = match &record {
                                AnyRecord::Association(a) => {
                                    self.selected = Some(a.id);
                                    associations::following(session.data(), a)
                                }
                                _ => Vec::new(),
                            };
                            puts.push(record);
                            self.sent.send(
                                session,
                                Command::Change { what: what.clone(), puts, deletes: Vec::new() },
                                After::Close(what),
                            );
                        }
                    }
                    FormAction::Cancel => self.form = None,
                    FormAction::None => {}
                }
                return;
            }
            if ui.button(s::AS_ADD).clicked() {
                let mut blank = cycle::blank(RecordKind::Association, own, today);
                if let AnyRecord::Association(a) = &mut blank
                    && session.org().role != OrgRole::School
                {
                    a.kind = CommunityKind::MunicipalAssociation;
                    a.level = Level::Municipal;
                }
                self.form = Some(Form::new(&blank, s::AS_NEW, true));
                return;
            }
            let key = (session.generation, year);
            if self.lines.as_ref().is_none_or(|(k, _)| *k != key) {
                self.lines = Some((key, lines(session, year)));
            }
            let Some((_, list)) = &self.lines else { return };
            if list.is_empty() {
                ui.label(s::AS_NONE);
                return;
            }
            let mut chosen = self.selected;
            let mut picked = false;
            for (a, line) in list {
                if ui.selectable_label(chosen == Some(a.id), line).clicked() {
                    chosen = Some(a.id);
                    picked = true;
                }
            }
            let found = list.iter().find(|(a, _)| Some(a.id) == chosen).map(|(a, _)| a.clone());
            if picked {
                self.attendance = None;
                self.adding = None;
            }
            self.selected = chosen;
            ui.separator();
            let Some(a) = found else {
                ui.label(s::AS_PICK);
                return;
            };
            self.association_ui(ui, session, staff, year, &a);
        });
    }

    fn association_ui(
        &mut self,
        ui: &mut egui::Ui,
        session: &mut Session,
        staff: &[PersonState],
        year: SchoolYear,
        a: &Association,
    ) {
        let today = session.today();
        let own = session.org().id;
        ui.heading(&a.name);
        if !a.theme.is_empty() {
            ui.label(format!("{}: {}", s::AS_THEME, a.theme));
        }
        ui.horizontal(|ui| {
            if ui.button(s::AS_EDIT).clicked() {
                self.form = Some(Form::new(&a.clone().into(), s::AS_EDIT, false));
            }
            if ui.button(s::AS_ADD_MEETING).clicked() {
                let mut blank = cycle::blank(RecordKind::Meeting, own, today);
                if let AnyRecord::Meeting(m) = &mut blank {
                    m.association = a.id;
                }
                self.form = Some(Form::new(&blank, format!("{}: {}", s::AS_NEW_MEETING, a.name), true));
            }
            // The association with its meetings and their attendance, as one action (undone from the
            // history); the memberships are the people's and stay.
            if self.confirm(ui, a.id.0, s::AS_DELETE) {
                let data = session.data();
                let meetings: Vec<&Meeting> = data.meetings.iter().filter(|m| m.association == a.id).collect();
                let mut deletes: Vec<(RecordKind, uuid::Uuid)> = vec![(RecordKind::Association, a.id.0)];
                for m in &meetings {
                    deletes.extend(meeting_records(data, m));
                }
                let what = format!("{} «{}»", s::AS_DELETED, a.name);
                self.selected = None;
                self.sent.send(
                    session,
                    Command::Change { what: what.clone(), puts: Vec::new(), deletes },
                    After::Close(what),
                );
            }
        });
        let key = (session.generation, year, a.id);
        if self.detail.as_ref().is_none_or(|(k, _)| *k != key) {
            let data = session.data();
            let members = associations::members(data, a, year.period());
            let meetings = associations::meetings(data, a.id, year)
                .into_iter()
                .map(|m| (m.clone(), associations::attended(data, m)))
                .collect();
            self.detail = Some((key, Detail { members, meetings }));
        }
        let Some((_, detail)) = self.detail.take() else { return };
        self.detail_ui(ui, session, staff, year, a, &detail);
        self.detail = Some((key, detail));
    }

    fn detail_ui(
        &mut self,
        ui: &mut egui::Ui,
        session: &mut Session,
        staff: &[PersonState],
        year: SchoolYear,
        a: &Association,
        detail: &Detail,
    ) {
        let today = session.today();
        let own = session.org().id;
        let members = &detail.members;
        ui.add_space(6.0);
        ui.strong(format!("{} ({})", s::AS_MEMBERS, members.len()));
        members_grid(ui, members);
        if let Some(picker) = &mut self.adding {
            picker.ui(ui, staff, s::AS_WHO_JOINS);
            let mut close = false;
            ui.horizontal(|ui| {
                if ui.button(s::AS_JOIN).clicked() {
                    let records: Vec<AnyRecord> = picker
                        .ticked
                        .iter()
                        .filter(|p| !members.iter().any(|m| m.person == **p))
                        .map(|p| {
                            Community {
                                id: CommunityId::new(),
                                author: own,
                                person: *p,
                                name: a.name.clone(),
                                kind: a.kind,
                                role: CommunityRole::Member,
                                level: a.level,
                                start: today.max(year.first_day()).min(year.last_day()),
                                end: None,
                            }
                            .into()
                        })
                        .collect();
                    if records.is_empty() {
                        self.message = Some(Notice::Failed(s::AS_NOBODY_NEW.into()));
                    } else {
                        let n = records.len() as u64;
                        let what = format!(
                            "{} «{}»: {}",
                            s::AS_JOINED,
                            a.name,
                            ru::count(n, "участник", "участника", "участников")
                        );
                        self.sent.send(session, Command::PutMany { what: what.clone(), records }, After::Close(what));
                    }
                }
                if ui.button(s::CANCEL).clicked() {
                    close = true;
                }
            });
            if close {
                self.adding = None;
            }
        } else if ui.button(s::AS_ADD_MEMBERS).clicked() {
            self.adding = Some(PeoplePicker::default());
        }
        ui.add_space(6.0);
        let meetings = &detail.meetings;
        ui.strong(format!("{} {year} ({})", s::AS_MEETINGS, meetings.len()));
        if meetings.is_empty() {
            ui.label(s::AS_NO_MEETINGS);
        }
        for (i, (m, present)) in meetings.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!(
                    "{}. {} — {}{}",
                    i + 1,
                    fmt_date(m.date),
                    m.topic.lines().next().unwrap_or_default(),
                    if m.held {
                        format!(" (проведено; присутствовали {} из {})", present.len(), members.len())
                    } else {
                        " (по плану)".to_string()
                    }
                ));
                if ui.small_button(s::AS_EDIT_MEETING).clicked() {
                    self.form = Some(Form::new(&m.clone().into(), format!("{}: {}", s::AS_MEETING, a.name), false));
                }
                if ui.small_button(s::AS_ATTENDANCE).clicked() {
                    let mut picker = PeoplePicker::default();
                    picker.ticked.extend(present.iter().copied());
                    self.attendance = Some((m.id, picker));
                }
                if self.confirm(ui, m.id.0, s::DELETE) {
                    let deletes = meeting_records(session.data(), m);
                    let what = format!("{} {} «{}»", s::AS_MEETING_DELETED, fmt_date(m.date), a.name);
                    self.sent.send(
                        session,
                        Command::Change { what: what.clone(), puts: Vec::new(), deletes },
                        After::Close(what),
                    );
                }
            });
            if let Some((id, picker)) = &mut self.attendance
                && *id == m.id
            {
                picker.ui(ui, staff, s::AS_PRESENT);
                let mut close = false;
                ui.horizontal(|ui| {
                    if ui.button(s::AS_SAVE_ATTENDANCE).clicked() {
                        let present: Vec<PersonId> = picker.ticked.iter().copied().collect();
                        let (puts, deletes) = associations::attendance_changes(session.data(), a, m, &present, own);
                        let what = format!(
                            "{} «{}» {}: {}",
                            s::AS_ATTENDANCE_SAVED,
                            a.name,
                            fmt_date(m.date),
                            ru::count(present.len() as u64, "участник", "участника", "участников")
                        );
                        self.sent.send(
                            session,
                            Command::Change { what: what.clone(), puts, deletes },
                            After::Close(what),
                        );
                    }
                    if ui.button(s::CANCEL).clicked() {
                        close = true;
                    }
                });
                if close {
                    self.attendance = None;
                }
            }
        }
    }
}

impl AssociationsScreen {
    /// A delete button that asks once more («Да, удалить» / «Отмена») before it says yes.
    fn confirm(&mut self, ui: &mut egui::Ui, id: uuid::Uuid, label: &str) -> bool {
        if self.deleting != Some(id) {
            if ui.small_button(label).clicked() {
                self.deleting = Some(id);
            }
            return false;
        }
        let yes = ui.small_button(s::AS_DELETE_YES).clicked();
        if yes || ui.small_button(s::CANCEL).clicked() {
            self.deleting = None;
        }
        yes
    }
}

/// A meeting with the participations of those who attended it.
fn meeting_records(data: &Dataset, m: &Meeting) -> Vec<(RecordKind, uuid::Uuid)> {
    std::iter::once((RecordKind::Meeting, m.id.0))
        .chain(data.events.iter().filter(|e| e.group == Some(m.group)).map(|e| (RecordKind::Event, e.id.0)))
        .collect()
}

fn members_grid(ui: &mut egui::Ui, members: &[Member]) {
    if members.is_empty() {
        ui.label(s::AS_NO_MEMBERS);
        return;
    }
    egui::Grid::new("association_members").striped(true).spacing([16.0, 4.0]).show(ui, |ui| {
        for m in members {
            ui.label(&m.full_name);
            ui.label(m.role.label());
            ui.label(format!("с {}", fmt_date(m.start)));
            ui.end_row();
        }
    });
}
