//! The registers across the school: attestation (five-year plan), courses (three-year plan), the ИОМ
//! board with progress, and mentoring (pairs, and young teachers without a mentor). Names link to cards.

use super::{strings as s, theme};
use crate::app::{Command, Session};
use crate::domain::dates::fmt_opt_date;
use crate::domain::plans::{self, RouteRow};
use crate::domain::{PersonId, fmt_date};

/// Which register is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Register {
    #[default]
    Attestation,
    Courses,
    Diagnostics,
    Routes,
    Mentoring,
    Contests,
    Communities,
    Vacancies,
}

impl Register {
    pub const ALL: &'static [Register] = &[
        Register::Attestation,
        Register::Courses,
        Register::Diagnostics,
        Register::Routes,
        Register::Mentoring,
        Register::Contests,
        Register::Communities,
        Register::Vacancies,
    ];

    /// The name in the navigation panel.
    pub fn label(self) -> &'static str {
        match self {
            Register::Attestation => s::REG_ATTESTATION,
            Register::Courses => s::REG_COURSES,
            Register::Diagnostics => s::REG_DIAGNOSTICS,
            Register::Routes => s::REG_ROUTES,
            Register::Mentoring => s::REG_MENTORING,
            Register::Contests => s::REG_CONTESTS,
            Register::Communities => s::REG_COMMUNITIES,
            Register::Vacancies => s::REG_VACANCIES,
        }
    }
}

#[derive(Default)]
pub struct Registers {
    pub register: Register,
    /// A vacancy being added or edited.
    vacancy: Option<super::form::Form>,
    /// A mentor pair being added from the register (for a young teacher without a mentor).
    pair: Option<super::form::Form>,
    /// What the mentoring register last did.
    notice: Option<crate::app::Notice>,
    message: Option<String>,
    /// The attestation plan, made once per change of the data or of the date (a municipal copy has
    /// thousands of people: not every frame).
    attestation: Option<(u64, chrono::NaiveDate, Vec<plans::AttestationRow>)>,
    /// A change sent, waiting for its outcome.
    sent: super::pending::Pending<After>,
}

/// What a register does once a change it sent is applied.
enum After {
    /// The new mentor pair was saved: close its form.
    Pair,
    /// The vacancy was saved: close its form.
    Vacancy,
    /// Say this (a pair ended).
    Say(String),
}

impl Registers {
    /// Draws the chosen register as of `view` (the school year chosen at the top); returns the person
    /// whose card is asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui, session: &mut Session, view: chrono::NaiveDate) -> Option<PersonId> {
        let mut open = None;
        if let Some((after, outcome)) = self.sent.take(session) {
            let form = match after {
                After::Pair if outcome.is_ok() => {
                    self.pair = None;
                    self.notice = Some(crate::app::Notice::Done(s::PAIR_SAVED.into()));
                    None
                }
                After::Vacancy if outcome.is_ok() => {
                    self.vacancy = None;
                    self.message = Some(s::SAVED.into());
                    None
                }
                After::Pair => self.pair.as_mut(),
                After::Vacancy => self.vacancy.as_mut(),
                After::Say(what) => {
                    self.notice = Some(crate::app::Notice::of(outcome.as_ref(), |_| what));
                    None
                }
            };
            if let (Some(form), Err(e)) = (form, outcome) {
                form.errors.insert(String::new(), e.to_string());
            }
        }
        if self.register == Register::Vacancies {
            self.vacancies_ui(ui, session);
            return None;
        }
        if self.register == Register::Mentoring && self.pair.is_some() {
            self.pair_form_ui(ui, session, view);
            return None;
        }
        let mut end_pair: Option<crate::domain::Mentorship> = None;
        let mut new_pair: Option<PersonId> = None;
        let (data, today, settings) = (session.data(), view, session.settings());
        let names: std::collections::HashMap<PersonId, String> =
            data.persons.iter().map(|p| (p.id, p.full_name())).collect();
        let year = crate::domain::SchoolYear::of(today);
        if self.register == Register::Attestation
            && self.attestation.as_ref().is_none_or(|(g, d, _)| (*g, *d) != (session.generation, today))
        {
            self.attestation = Some((session.generation, today, plans::attestation_plan(data, today, settings)));
        }
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| match self.register {
            Register::Attestation => {
                ui.heading(s::REG_ATTESTATION_TITLE);
                egui::Grid::new("att_plan").striped(true).num_columns(6).show(ui, |ui| {
                    for h in s::REG_ATTESTATION_COLUMNS {
                        ui.strong(*h);
                    }
                    ui.end_row();
                    for row in self.attestation.iter().flat_map(|(_, _, rows)| rows) {
                        if ui.link(&row.name).clicked() {
                            open = Some(row.person);
                        }
                        ui.label(row.category.map_or("—", |c| c.label()));
                        ui.label(row.term());
                        ui.label(fmt_opt_date(row.apply_by));
                        ui.label(row.year.map(|y| y.to_string()).unwrap_or_default());
                        if row.apply_by.is_some_and(|d| d < today) {
                            ui.colored_label(theme::OVERDUE, &row.next_step);
                        } else {
                            ui.label(&row.next_step);
                        }
                        ui.end_row();
                    }
                });
            }
            Register::Courses => {
                ui.heading(s::REG_COURSES_TITLE);
                let rows = plans::course_plan(data, today, settings);
                egui::Grid::new("course_plan").striped(true).num_columns(6).show(ui, |ui| {
                    ui.strong(s::NAME);
                    ui.strong(s::LAST_COURSE);
                    ui.strong(s::DUE_FROM);
                    if let Some(first) = rows.first() {
                        for (y, _) in &first.hours_by_year {
                            ui.strong(format!("{} {y}", s::HOURS_IN));
                        }
                    }
                    ui.end_row();
                    for row in rows {
                        if ui.link(&row.name).clicked() {
                            open = Some(row.person);
                        }
                        ui.label(fmt_opt_date(row.last_end));
                        if row.due {
                            ui.colored_label(theme::DUE, format!("{} {}", s::COURSES_DUE, fmt_opt_date(row.due_from)));
                        } else {
                            ui.label(fmt_opt_date(row.due_from));
                        }
                        for (_, h) in row.hours_by_year {
                            ui.label(if h == 0 { String::new() } else { h.to_string() });
                        }
                        ui.end_row();
                    }
                });
            }
            Register::Routes => {
                ui.heading(s::REG_ROUTES_TITLE);
                let rows = plans::route_board(data, today);
                if rows.is_empty() {
                    ui.weak(s::NO_RECORDS);
                }
                egui::Grid::new("route_board").striped(true).num_columns(5).show(ui, |ui| {
                    if !rows.is_empty() {
                        for h in s::REG_ROUTES_COLUMNS {
                            ui.strong(*h);
                        }
                        ui.end_row();
                    }
                    for row in rows {
                        if route_row_ui(ui, &row) {
                            open = Some(row.person);
                        }
                        ui.end_row();
                    }
                });
            }
            Register::Diagnostics => {
                ui.heading(format!("{} — {year}", s::REG_DIAGNOSTICS_TITLE));
                let mut rows: Vec<_> = data.diagnostics.iter().filter(|d| year.period().contains(d.date)).collect();
                rows.sort_by_key(|d| (d.date, names.get(&d.person).cloned()));
                let rows =
                    rows.iter()
                        .map(|d| {
                            let has_route = data.routes.iter().any(|r| {
                                r.person == d.person && (r.basis_diagnostic == Some(d.id) || r.start >= d.date)
                            });
                            let route = if d.deficits.is_empty() {
                                String::new()
                            } else if has_route {
                                s::HAS_ROUTE.into()
                            } else {
                                s::NO_ROUTE.into()
                            };
                            let cells = vec![
                                fmt_date(d.date),
                                d.kind.label().to_string(),
                                d.subject.clone(),
                                d.level.map_or("—", |l| l.label()).to_string(),
                                d.deficits.join(", "),
                                route,
                            ];
                            (d.person, names.get(&d.person).cloned().unwrap_or_default(), cells)
                        })
                        .collect();
                records_grid(ui, "diag_reg", &mut open, rows, s::REG_DIAGNOSTICS_COLUMNS);
            }
            Register::Contests => {
                ui.heading(s::REG_CONTESTS);
                let recent = |d: chrono::NaiveDate| year.period().contains(d) || year.prev().period().contains(d);
                let mut rows: Vec<(PersonId, String, Vec<String>)> = data
                    .contests
                    .iter()
                    .filter(|c| recent(c.date))
                    .map(|c| {
                        let cells = vec![
                            fmt_date(c.date),
                            format!("{} ({})", c.name, s::CONTEST_WORD),
                            c.level.label().into(),
                            c.result.label().into(),
                        ];
                        (c.person, names.get(&c.person).cloned().unwrap_or_default(), cells)
                    })
                    .collect();
                rows.extend(data.expert_works.iter().filter(|e| recent(e.date)).map(|e| {
                    let cells = vec![fmt_date(e.date), e.role.clone(), e.level.label().into(), s::EXPERT_WORD.into()];
                    (e.person, names.get(&e.person).cloned().unwrap_or_default(), cells)
                }));
                records_grid(ui, "contest_reg", &mut open, rows, s::REG_CONTESTS_COLUMNS);
            }
            Register::Communities => {
                ui.heading(s::REG_COMMUNITIES);
                let mut rows: Vec<(PersonId, String, Vec<String>)> = data
                    .communities
                    .iter()
                    .filter(|c| year.period().overlaps(c.start, c.end))
                    .map(|c| {
                        let cells =
                            vec![c.name.clone(), c.kind.label().into(), c.role.label().into(), c.level.label().into()];
                        (c.person, names.get(&c.person).cloned().unwrap_or_default(), cells)
                    })
                    .collect();
                rows.extend(data.events.iter().filter(|e| year.period().contains(e.date)).map(|e| {
                    let cells = vec![
                        format!("{} ({})", e.title, fmt_date(e.date)),
                        e.kind.label().into(),
                        e.role.label_for(sex_of(data, e.person)).into(),
                        e.level.label().into(),
                    ];
                    (e.person, names.get(&e.person).cloned().unwrap_or_default(), cells)
                }));
                records_grid(ui, "community_reg", &mut open, rows, s::REG_COMMUNITIES_COLUMNS);
            }
            Register::Vacancies => {}
            Register::Mentoring => {
                ui.heading(s::REG_MENTORING_TITLE);
                super::widgets::outcome(ui, &self.notice);
                let index = data.index();
                let active: Vec<_> =
                    data.mentorships.iter().filter(|m| m.start <= today && m.end.is_none_or(|e| e >= today)).collect();
                ui.strong(crate::domain::ru::count(active.len() as u64, "пара", "пары", "пар"));
                for m in active {
                    ui.horizontal(|ui| {
                        // Both names lead to the card (a mentor from outside the school is a name only).
                        match m.mentor.and_then(|x| names.get(&x).map(|n| (x, n))) {
                            Some((id, name)) => {
                                if ui.link(name).clicked() {
                                    open = Some(id);
                                }
                            }
                            None => {
                                ui.label(&m.mentor_name);
                            }
                        }
                        ui.label("→");
                        if ui.link(names.get(&m.mentee).cloned().unwrap_or_default()).clicked() {
                            open = Some(m.mentee);
                        }
                        ui.weak(format!("{}, {}, с {}", m.level.label(), m.form, fmt_date(m.start)));
                        if m.author == session.org().id && ui.small_button(s::PAIR_END).clicked() {
                            end_pair = Some(m.clone());
                        }
                    });
                }
                ui.add_space(theme::GAP);
                ui.strong(s::YOUNG_WITHOUT_MENTOR);
                for p in data.persons.iter().filter(|p| p.pedagogical) {
                    let state = index.state(p, today, settings);
                    if state.employed && state.young_without_mentor {
                        ui.horizontal(|ui| {
                            if ui.link(p.full_name()).clicked() {
                                open = Some(p.id);
                            }
                            if ui.small_button(s::PAIR_ADD).on_hover_text(p.full_name()).clicked() {
                                new_pair = Some(p.id);
                            }
                        });
                    }
                }
            }
        });
        // The pair ends on the day the register is viewed on; the history can undo it.
        if let Some(mut m) = end_pair {
            m.end = Some(today);
            let what = format!("{}: {}", s::PAIR_ENDED, names.get(&m.mentee).cloned().unwrap_or_default());
            self.sent.send(session, Command::Put { what: what.clone(), record: m.into() }, After::Say(what));
        }
        if let Some(mentee) = new_pair {
            let record = super::card::blank(crate::domain::RecordKind::Mentorship, mentee, session.org().id, today);
            let title = format!("{}: {}", s::PAIR_ADD, names.get(&mentee).cloned().unwrap_or_default());
            self.pair = Some(super::form::Form::new(&record, title, true));
        }
        open
    }

    /// The form of a new mentor pair (the mentor chosen among the staff).
    fn pair_form_ui(&mut self, ui: &mut egui::Ui, session: &mut Session, today: chrono::NaiveDate) {
        let Some(form) = &mut self.pair else { return };
        let staff = crate::app::staff_on(session.data(), today, session.settings());
        let ctx = super::form::FormContext {
            persons: staff.iter().map(|p| (p.id, p.full_name.clone())).collect(),
            records: Vec::new(),
            scopes: Vec::new(),
            dictionaries: Default::default(),
            today,
        };
        match form.ui(ui, &ctx) {
            super::form::FormAction::Save => {
                if let Some(record) = form.build(today) {
                    self.sent.send(session, Command::Put { what: s::PAIR_SAVED.into(), record }, After::Pair);
                }
            }
            super::form::FormAction::Cancel => self.pair = None,
            super::form::FormAction::None => {}
        }
    }
}

/// The person's sex, for the words that agree with them.
fn sex_of(data: &crate::domain::Dataset, person: PersonId) -> Option<crate::domain::Sex> {
    data.persons.iter().find(|p| p.id == person).and_then(|p| p.sex)
}

/// One route with its progress bar; returns true when the name was clicked.
fn route_row_ui(ui: &mut egui::Ui, row: &RouteRow) -> bool {
    let clicked = ui.link(&row.name).clicked();
    // Steps done of all the route's steps, and of those due by now.
    let text = if row.total == 0 {
        s::NOTHING_DUE.to_string()
    } else {
        format!("{} {} {}, {} — {}", row.done, s::OF, row.total, s::DUE_NOW, row.due)
    };
    ui.add(egui::ProgressBar::new(row.completion().unwrap_or(0.0)).desired_width(140.0).text(text)).on_hover_text(
        format!("{} {} {} {}; {} {}", row.done, s::OF, row.due, s::STEPS_DUE, s::STEPS_TOTAL, row.total),
    );
    ui.label(row.status.label());
    ui.weak(&row.period);
    if row.overdue > 0 {
        ui.colored_label(theme::OVERDUE, format!("{}: {}", s::OVERDUE, row.overdue));
    } else {
        ui.label("");
    }
    clicked
}

/// A striped grid of records: the name (a link to the card) and the other columns.
fn records_grid(
    ui: &mut egui::Ui,
    id: &str,
    open: &mut Option<PersonId>,
    rows: Vec<(PersonId, String, Vec<String>)>,
    columns: &[&str],
) {
    ui.strong(crate::domain::ru::count(rows.len() as u64, "запись", "записи", "записей"));
    egui::Grid::new(id).striped(true).num_columns(columns.len()).show(ui, |ui| {
        for c in columns {
            ui.strong(*c);
        }
        ui.end_row();
        for (person, name, cells) in rows {
            if ui.link(name).clicked() {
                *open = Some(person);
            }
            for c in cells {
                ui.label(c);
            }
            ui.end_row();
        }
    });
}

impl Registers {
    /// Vacancies (the school's, with add and edit) and the staff reserve.
    fn vacancies_ui(&mut self, ui: &mut egui::Ui, session: &mut Session) {
        ui.heading(s::REG_VACANCIES);
        let today = session.today();
        if let Some(form) = &mut self.vacancy {
            let ctx = super::form::FormContext {
                persons: Vec::new(),
                records: Vec::new(),
                scopes: Vec::new(),
                dictionaries: [
                    crate::domain::dictionaries::Dictionary::Positions,
                    crate::domain::dictionaries::Dictionary::Subjects,
                ]
                .into_iter()
                .map(|d| (d, session.dictionary(d)))
                .collect(),
                today,
            };
            match form.ui(ui, &ctx) {
                super::form::FormAction::Save => {
                    if let Some(record) = form.build(today) {
                        let put = Command::Put { what: s::VACANCY_SAVED.into(), record };
                        self.sent.send(session, put, After::Vacancy);
                    }
                }
                super::form::FormAction::Cancel => self.vacancy = None,
                super::form::FormAction::None => {}
            }
            return;
        }
        if ui.button(s::ADD_VACANCY).clicked() {
            let blank = super::card::blank(
                crate::domain::RecordKind::Vacancy,
                PersonId(uuid::Uuid::nil()),
                session.org().id,
                today,
            );
            self.vacancy = Some(super::form::Form::new(&blank, s::ADD_VACANCY, true));
        }
        if let Some(m) = &self.message {
            ui.label(m.as_str());
        }
        let data = session.data();
        let open_hours: f32 =
            data.vacancies.iter().filter(|v| v.closed.is_none_or(|c| c > today)).map(|v| v.hours).sum();
        ui.strong(format!("{}: {} ч", s::OPEN_VACANCY_HOURS, crate::domain::ru::number(f64::from(open_hours))));
        let mut edit = None;
        egui::Grid::new("vacancies").striped(true).num_columns(6).show(ui, |ui| {
            for c in s::VACANCY_COLUMNS {
                ui.strong(*c);
            }
            ui.end_row();
            for v in &data.vacancies {
                ui.label(&v.position);
                ui.label(&v.subject);
                ui.label(crate::domain::ru::number(f64::from(v.hours)));
                ui.label(fmt_date(v.opened));
                ui.label(fmt_opt_date(v.closed));
                if ui.small_button(format!("{} {} {}", s::EDIT, v.position, fmt_date(v.opened))).clicked() {
                    edit = Some(v.clone());
                }
                ui.end_row();
            }
        });
        if let Some(v) = edit {
            self.vacancy = Some(super::form::Form::new(&crate::domain::AnyRecord::Vacancy(v), s::EDIT, false));
        }
        ui.add_space(theme::GAP);
        ui.strong(s::RESERVE);
        let names: std::collections::HashMap<PersonId, String> =
            data.persons.iter().map(|p| (p.id, p.full_name())).collect();
        for r in &data.reserves {
            ui.label(format!(
                "{} — {}: {} с {}",
                names.get(&r.person).cloned().unwrap_or_default(),
                r.position,
                r.status.label_for(sex_of(data, r.person)),
                fmt_date(r.date)
            ));
        }
    }
}
