//! The Отчёты screen: pick a report, its year and who signs; for the analytical report draft the
//! problems and recommendations from the data and edit them; save as PDF, XLSX or DOCX. The report is
//! built and written on a background thread with a progress line.

use super::dialogs::FileDialogs;
use super::{strings as s, theme};
use crate::app::Notice;
use crate::app::Session;
use crate::app::jobs::Job;
use crate::app::reports::{self, ReportKind, ReportRequest};
use crate::domain::{OrgRole, PersonId, SchoolYear};
use crate::report::{Block, Format, Report};
use std::path::PathBuf;

/// What a preview was built for: the report, its year, the calendar year, the data generation.
type PreviewKey = (ReportKind, SchoolYear, i32, u64, usize);

/// Rows of a table the preview shows (the document has them all).
const PREVIEW_ROWS: usize = 12;

pub struct ReportsScreen {
    kind: ReportKind,
    /// The teacher of a route card.
    person: Option<PersonId>,
    /// The kept order to print.
    order: Option<crate::domain::OrderId>,
    /// The teacher of a представление for СЗД.
    represented: Option<PersonId>,
    /// The young teacher of a mentor's report.
    mentee: Option<PersonId>,
    /// The event or contest whose participants are listed.
    event: String,
    /// The year's events and contests to choose from, made again only when the data or the year change.
    event_titles: Option<((u64, SchoolYear, ReportKind), Vec<String>)>,
    /// The people a document of one person may be made for, by name, made again only when the data or
    /// the document change.
    people: Option<((u64, Whom), Vec<Named>)>,
    /// The words the bank of practices is searched for.
    search: String,
    signer: String,
    /// «И. О. Фамилия» of the head who approves a plan («УТВЕРЖДАЮ»).
    approver: String,
    calendar_year: i32,
    /// The problems and recommendations of the analytical report, one per line, as the user edits them.
    problems: String,
    /// «Основание» of the справка; empty = the plan of the year.
    basis: String,
    job: Option<Job<Result<(PathBuf, u64), String>>>,
    /// Opening the PDF for printing: the file, when written.
    print_job: Option<Job<Result<PathBuf, String>>>,
    preview: Option<(PreviewKey, Result<Report, String>)>,
    preview_job: Option<(PreviewKey, Job<Result<Report, String>>)>,
    message: Option<Notice>,
}

impl Default for ReportsScreen {
    fn default() -> Self {
        ReportsScreen {
            kind: ReportKind::Analytical,
            person: None,
            order: None,
            represented: None,
            mentee: None,
            event: String::new(),
            event_titles: None,
            people: None,
            search: String::new(),
            signer: String::new(),
            approver: String::new(),
            calendar_year: 0,
            problems: String::new(),
            basis: String::new(),
            job: None,
            print_job: None,
            preview: None,
            preview_job: None,
            message: None,
        }
    }
}

fn label(kind: ReportKind) -> &'static str {
    match kind {
        ReportKind::RouteCard(_) => s::REP_ROUTE_CARD,
        ReportKind::Order(_) => s::REP_ORDER,
        ReportKind::Representation(_) => s::REP_REPRESENTATION,
        ReportKind::SzdExtract(_) => s::REP_SZD_EXTRACT,
        ReportKind::MentorReport(_) => s::REP_MENTOR_REPORT,
        ReportKind::MentorPlan(_) => s::REP_MENTOR_PLAN,
        k => k.title(),
    }
}

impl ReportsScreen {
    pub fn busy(&self) -> bool {
        self.job.is_some() || self.print_job.is_some() || self.preview_job.is_some()
    }

    fn key(&self, session: &Session, year: SchoolYear) -> PreviewKey {
        (self.kind, year, self.calendar_year, session.generation, {
            // The texts typed on the screen, hashed: two different events of one length are two previews.
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (&self.problems, &self.signer, &self.approver, &self.basis, &self.event, &self.search).hash(&mut h);
            h.finish() as usize
        })
    }

    /// Keeps the preview current: a new one is built in the background when the choice or the data
    /// changed.
    fn refresh_preview(&mut self, session: &Session, year: SchoolYear) {
        if let Some((key, job)) = &self.preview_job
            && let Some(result) = job.poll()
        {
            self.preview = Some((*key, result.unwrap_or_else(|()| Err(s::REP_FAILED.into()))));
            self.preview_job = None;
        }
        let key = self.key(session, year);
        let fresh = self.preview.as_ref().is_some_and(|(k, _)| *k == key);
        // One preview at a time: while one is built (the user typing the problems, say), the next waits
        // for it and is then built for the latest choice.
        let running = self.preview_job.is_some();
        if fresh || running || !self.picked() {
            return;
        }
        let req = self.request(session, year);
        let data = session.shared_data();
        let settings = session.settings().clone();
        let own = session.org().clone();
        self.preview_job = Some((
            key,
            Job::spawn(s::REP_PREVIEWING, move |_| reports::build(&data, &settings, &own, &req).map_err(String::from)),
        ));
    }

    /// The report as the document will read, tables cut to their first rows.
    fn preview_ui(&self, ui: &mut egui::Ui) {
        let Some((_, result)) = &self.preview else { return };
        let report = match result {
            Ok(r) => r,
            Err(e) => {
                ui.colored_label(theme::ERROR, e);
                return;
            }
        };
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.label(&report.org);
                ui.strong(&report.title);
                ui.label(&report.period);
            });
            for (i, b) in report.blocks.iter().enumerate() {
                match b {
                    Block::Heading(_, t) => {
                        ui.add_space(theme::GAP_SMALL);
                        ui.strong(t);
                    }
                    Block::Paragraph(t) | Block::Flush(t) => {
                        ui.label(t);
                    }
                    Block::List(items) => {
                        for item in items {
                            ui.label(format!("• {item}"));
                        }
                    }
                    Block::Table(t) => {
                        if !t.title.is_empty() {
                            ui.label(egui::RichText::new(&t.title).italics());
                        }
                        egui::Grid::new(("preview_table", i)).striped(true).show(ui, |ui| {
                            for c in &t.columns {
                                ui.strong(&c.title);
                            }
                            ui.end_row();
                            for row in t.rows.iter().take(PREVIEW_ROWS) {
                                for cell in row {
                                    ui.label(cell.display());
                                }
                                ui.end_row();
                            }
                        });
                        if t.rows.len() > PREVIEW_ROWS {
                            ui.label(format!("… {} {}", s::REP_MORE_ROWS, t.rows.len() - PREVIEW_ROWS));
                        } else if t.rows.is_empty() {
                            ui.label(s::REP_NO_ROWS);
                        }
                    }
                    Block::Chart(c) => {
                        ui.label(egui::RichText::new(&c.title).italics());
                        if !c.series.is_empty() {
                            ui.label(c.series.join(" / "));
                        }
                        for bar in &c.bars {
                            let values: Vec<String> = bar.values.iter().map(|v| c.shown(*v)).collect();
                            ui.label(format!("{} — {}", bar.label, values.join(" / ")));
                        }
                    }
                    Block::Signatures(lines) => {
                        for l in lines {
                            ui.label(format!("{} ____________ / {}", l.position, l.name));
                        }
                    }
                    Block::PageBreak => {
                        ui.separator();
                    }
                }
            }
        });
    }

    /// «Печать»: the PDF is written to a temporary file and opened in the system's viewer.
    fn print(&mut self, session: &Session, year: SchoolYear) {
        let req = self.request(session, year);
        let data = session.shared_data();
        let settings = session.settings().clone();
        let own = session.org().clone();
        let path = std::env::temp_dir().join(format!(
            "УчРост — {} {}.pdf",
            label(self.kind),
            chrono::Local::now().format("%Y-%m-%d %H-%M-%S")
        ));
        self.message = None;
        self.print_job = Some(Job::spawn(s::REP_MAKING, move |p| {
            let report = reports::build(&data, &settings, &own, &req)?;
            p.set(0.5);
            reports::save(&report, Format::Pdf, &path)?;
            Ok(path)
        }));
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, session: &mut Session, year: SchoolYear, dialogs: &dyn FileDialogs) {
        use chrono::Datelike;
        if self.calendar_year == 0 {
            self.calendar_year = session.today().year() - 1;
        }
        if let Some(job) = &self.job
            && let Some(result) = job.poll()
        {
            self.job = None;
            self.message = Some(match result {
                Ok(Ok((path, _))) => Notice::Done(format!("{} {}", s::REP_SAVED, path.display())),
                Ok(Err(e)) => Notice::Failed(e),
                Err(()) => Notice::Failed(s::REP_FAILED.into()),
            });
        }
        if let Some(job) = &self.print_job
            && let Some(result) = job.poll()
        {
            self.print_job = None;
            self.message = Some(match result {
                Ok(Ok(path)) => match dialogs.open_externally(&path) {
                    Ok(()) => Notice::Done(format!("{} {}", s::REP_OPENED, path.display())),
                    Err(e) => Notice::Failed(e),
                },
                Ok(Err(e)) => Notice::Failed(e),
                Err(()) => Notice::Failed(s::REP_FAILED.into()),
            });
        }
        self.refresh_preview(session, year);
        let school = session.org().role == OrgRole::School;
        egui::ScrollArea::both().auto_shrink([false, false]).show(ui, |ui| {
            ui.heading(s::NAV_REPORTS);
            ui.label(format!("{} {year}", s::REP_YEAR));
            ui.add_space(theme::GAP_SMALL);
            let mut kinds: Vec<ReportKind> = ReportKind::LISTED.to_vec();
            kinds.insert(6, ReportKind::RouteCard(self.person.unwrap_or(PersonId(uuid::Uuid::nil()))));
            kinds.insert(7, ReportKind::Order(self.order.unwrap_or(crate::domain::OrderId(uuid::Uuid::nil()))));
            if school {
                kinds.insert(3, ReportKind::Representation(self.represented.unwrap_or(PersonId(uuid::Uuid::nil()))));
                kinds.insert(4, ReportKind::SzdExtract(self.represented.unwrap_or(PersonId(uuid::Uuid::nil()))));
                kinds.insert(6, ReportKind::MentorPlan(self.mentee.unwrap_or(PersonId(uuid::Uuid::nil()))));
                kinds.insert(7, ReportKind::MentorReport(self.mentee.unwrap_or(PersonId(uuid::Uuid::nil()))));
            }
            // Two columns: the nineteen kinds in one would push the buttons below a laptop's screen.
            let half = kinds.len().div_ceil(2);
            ui.columns(2, |cols| {
                for (i, k) in kinds.into_iter().enumerate() {
                    let ui = &mut cols[i / half];
                    let enabled = !(k.municipal() && school);
                    let selected = std::mem::discriminant(&self.kind) == std::mem::discriminant(&k);
                    if ui.add_enabled(enabled, egui::RadioButton::new(selected, label(k))).clicked() {
                        self.kind = k;
                        self.message = None;
                    }
                }
            });
            ui.separator();
            ui.horizontal(|ui| {
                ui.label(s::REP_SIGNER);
                ui.add(egui::TextEdit::singleline(&mut self.signer).hint_text("И. О. Фамилия").desired_width(220.0));
            });
            if matches!(
                self.kind,
                ReportKind::AttestationPlan
                    | ReportKind::CoursePlan
                    | ReportKind::Cycle
                    | ReportKind::Representation(_)
                    | ReportKind::AssociationPlan
                    | ReportKind::SzdSchedule
                    | ReportKind::SzdExtract(_)
            ) {
                ui.horizontal(|ui| {
                    let text =
                        if matches!(self.kind, ReportKind::SzdExtract(_)) { s::REP_CHAIR } else { s::REP_APPROVER };
                    let l = ui.label(text);
                    ui.add(
                        egui::TextEdit::singleline(&mut self.approver).hint_text("И. О. Фамилия").desired_width(220.0),
                    )
                    .labelled_by(l.id);
                });
            }
            match self.kind {
                ReportKind::SelfEvaluation => {
                    ui.horizontal(|ui| {
                        ui.label(s::REP_CALENDAR_YEAR);
                        ui.add(egui::DragValue::new(&mut self.calendar_year).range(2000..=2100));
                    });
                }
                ReportKind::RouteCard(_) => self.person_ui(ui, session),
                ReportKind::Order(_) => self.order_ui(ui, session),
                ReportKind::Representation(_) => self.represented_ui(ui, session),
                ReportKind::SzdExtract(_) => {
                    if let Some(id) = self.person_picker(ui, session, Whom::WithSzd, self.represented) {
                        self.represented = Some(id);
                        self.kind = ReportKind::SzdExtract(id);
                    }
                }
                ReportKind::MentorReport(_) | ReportKind::MentorPlan(_) => {
                    if let Some(id) = self.person_picker(ui, session, Whom::Mentee, self.mentee) {
                        self.mentee = Some(id);
                        self.kind = match self.kind {
                            ReportKind::MentorPlan(_) => ReportKind::MentorPlan(id),
                            _ => ReportKind::MentorReport(id),
                        };
                    }
                }
                ReportKind::Participants
                | ReportKind::AssociationPlan
                | ReportKind::AssociationReport
                | ReportKind::AssociationMembers
                | ReportKind::Nominated => self.event_ui(ui, session, year),
                ReportKind::Practices => {
                    ui.horizontal(|ui| {
                        let l = ui.label(s::REP_SEARCH);
                        ui.add(
                            egui::TextEdit::singleline(&mut self.search)
                                .hint_text(s::REP_SEARCH_HINT)
                                .desired_width(360.0),
                        )
                        .labelled_by(l.id);
                    });
                }
                ReportKind::Analytical => {
                    ui.horizontal(|ui| {
                        let l = ui.label(s::REP_BASIS);
                        let hint = reports::default_basis(session.org(), year);
                        ui.add(
                            egui::TextEdit::singleline(&mut self.basis).hint_text(hint).desired_width(f32::INFINITY),
                        )
                        .labelled_by(l.id);
                    });
                    ui.label(s::REP_PROBLEMS);
                    if ui.button(s::REP_DRAFT).clicked() {
                        let req = self.request(session, year);
                        self.problems = reports::drafted_problems(session.data(), session.settings(), &req).join("\n");
                    }
                    ui.add(
                        egui::TextEdit::multiline(&mut self.problems)
                            .hint_text(s::REP_PROBLEMS_HINT)
                            .desired_rows(6)
                            .desired_width(f32::INFINITY),
                    );
                }
                _ => {}
            }
            ui.add_space(theme::GAP);
            let ready = self.job.is_none() && self.picked();
            ui.horizontal(|ui| {
                if ui.add_enabled(ready && self.print_job.is_none(), egui::Button::new(s::REP_PRINT)).clicked() {
                    self.print(session, year);
                }
                for (format, text) in
                    [(Format::Pdf, s::REP_SAVE_PDF), (Format::Xlsx, s::REP_SAVE_XLSX), (Format::Docx, s::REP_SAVE_DOCX)]
                {
                    if dialogs.pressed(&ui.add_enabled(ready, egui::Button::new(text))) {
                        self.save(session, year, format, dialogs);
                    }
                }
            });
            let progress = match (&self.job, &self.print_job) {
                (Some(j), _) => Some((j.fraction(), j.title.clone())),
                (None, Some(j)) => Some((j.fraction(), j.title.clone())),
                (None, None) => None,
            };
            if let Some((fraction, title)) = progress {
                super::widgets::progress(ui, fraction, title);
            }
            super::widgets::outcome(ui, &self.message);
            ui.separator();
            ui.strong(s::REP_PREVIEW);
            if self.preview_job.is_some() {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(s::REP_PREVIEWING);
                });
                ui.ctx().request_repaint_after(std::time::Duration::from_millis(50));
            }
            self.preview_ui(ui);
        });
    }

    /// Whether the document to print is chosen: a route card needs its teacher, an order the order.
    fn picked(&self) -> bool {
        match self.kind {
            ReportKind::RouteCard(_) => self.person.is_some(),
            ReportKind::Order(_) => self.order.is_some(),
            ReportKind::Representation(_) | ReportKind::SzdExtract(_) => self.represented.is_some(),
            ReportKind::MentorReport(_) | ReportKind::MentorPlan(_) => self.mentee.is_some(),
            ReportKind::Participants
            | ReportKind::AssociationPlan
            | ReportKind::AssociationReport
            | ReportKind::AssociationMembers
            | ReportKind::Nominated => !self.event.is_empty(),
            _ => true,
        }
    }

    /// What the document is about, picked by its title: the event or contest whose participants are
    /// listed, the methodological association, the list of nominated teachers.
    fn event_ui(&mut self, ui: &mut egui::Ui, session: &Session, year: SchoolYear) {
        let key = (session.generation, year, self.kind);
        if self.event_titles.as_ref().is_none_or(|(k, _)| *k != key) {
            let titles = reports::named_titles(self.kind, session.data(), session.org(), year);
            if !titles.contains(&self.event) {
                self.event.clear();
            }
            self.event_titles = Some((key, titles));
        }
        let Some((_, titles)) = &self.event_titles else { return };
        let (label, pick, none) = match self.kind {
            ReportKind::Nominated => (s::REP_LIST, s::REP_PICK_LIST, s::REP_NO_LISTS),
            ReportKind::Participants => (s::REP_EVENT, s::REP_PICK_EVENT, s::REP_NO_EVENTS),
            _ => (s::REP_ASSOCIATION, s::REP_PICK_ASSOCIATION, s::REP_NO_ASSOCIATIONS),
        };
        if titles.is_empty() {
            ui.label(none);
            return;
        }
        let current = if self.event.is_empty() { pick.to_string() } else { self.event.clone() };
        egui::ComboBox::from_label(label).selected_text(current).width(520.0).show_ui(ui, |ui| {
            for t in titles {
                if ui.selectable_label(self.event == *t, t).clicked() {
                    self.event = t.clone();
                }
            }
        });
    }

    /// The teachers a представление may be made for: the pedagogical staff of the school.
    fn represented_ui(&mut self, ui: &mut egui::Ui, session: &Session) {
        if let Some(id) = self.person_picker(ui, session, Whom::Teacher, self.represented) {
            self.represented = Some(id);
            self.kind = ReportKind::Representation(id);
        }
    }

    /// The organisation's kept orders, newest first.
    fn order_ui(&mut self, ui: &mut egui::Ui, session: &Session) {
        let own = session.org().id;
        let mut orders: Vec<(crate::domain::OrderId, chrono::NaiveDate, String)> =
            session.data().orders.iter().filter(|o| o.org == own).map(|o| (o.id, o.date, o.line())).collect();
        orders.sort_by_key(|o| std::cmp::Reverse(o.1));
        if orders.is_empty() {
            ui.label(s::REP_NO_ORDERS);
            return;
        }
        let current = self
            .order
            .and_then(|id| orders.iter().find(|x| x.0 == id))
            .map_or(s::REP_PICK_ORDER.to_string(), |x| x.2.clone());
        egui::ComboBox::from_label(s::REP_ORDER_LABEL).selected_text(current).width(520.0).show_ui(ui, |ui| {
            for (id, _, name) in &orders {
                if ui.selectable_label(self.order == Some(*id), name).clicked() {
                    self.order = Some(*id);
                    self.kind = ReportKind::Order(*id);
                }
            }
        });
    }

    fn person_ui(&mut self, ui: &mut egui::Ui, session: &Session) {
        if let Some(id) = self.person_picker(ui, session, Whom::WithRoute, self.person) {
            self.person = Some(id);
            self.kind = ReportKind::RouteCard(id);
        }
    }

    fn request(&self, session: &Session, year: SchoolYear) -> ReportRequest {
        let today = session.today();
        let mut req = ReportRequest::new(self.kind, today);
        req.year = year;
        req.today = if year < SchoolYear::of(today) { year.last_day() } else { today };
        req.calendar_year = self.calendar_year;
        req.signer = self.signer.trim().to_string();
        req.approver = self.approver.trim().to_string();
        req.basis = self.basis.trim().to_string();
        req.event =
            if self.kind == ReportKind::Practices { self.search.trim().to_string() } else { self.event.clone() };
        if self.kind == ReportKind::Analytical && !self.problems.trim().is_empty() {
            req.problems =
                Some(self.problems.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect());
        }
        req
    }

    fn save(&mut self, session: &Session, year: SchoolYear, format: Format, dialogs: &dyn FileDialogs) {
        let req = self.request(session, year);
        let name = match self.kind {
            // An order's file is named as the order: «Приказ № 45 от 01.09.2026».
            ReportKind::Order(id) => {
                let o = session.data().orders.iter().find(|o| o.id == id);
                let number = o.map(|o| o.number.trim().replace(['/', '\\'], "-")).filter(|n| !n.is_empty());
                let date = o.map(|o| crate::domain::fmt_date(o.date)).unwrap_or_default();
                match number {
                    Some(n) => format!("Приказ № {n} от {date}.{}", format.extension()),
                    None => format!("Приказ от {date}.{}", format.extension()),
                }
            }
            _ => format!("{} {}.{}", label(self.kind), year.to_string().replace('/', "-"), format.extension()),
        };
        let Some(path) = dialogs.save_file(label(self.kind), &name, format.extension(), &[format.extension()]) else {
            return;
        };
        let data = session.shared_data();
        let settings = session.settings().clone();
        let own = session.org().clone();
        self.message = None;
        self.job = Some(Job::spawn(s::REP_MAKING, move |p| {
            p.set(0.1);
            let report = reports::build(&data, &settings, &own, &req)?;
            p.set(0.6);
            let bytes = reports::save(&report, format, &path)?;
            p.set(1.0);
            Ok((path, bytes))
        }));
    }
}

/// A list of teachers by name to pick one from; the one picked this frame.
/// A person with the name the picker shows.
type Named = (PersonId, String);

/// Whom a document of one person may be made for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Whom {
    /// A teacher with a route (the route card).
    WithRoute,
    /// The pedagogical staff (the представление).
    Teacher,
    /// A teacher with an СЗД decision (the extract from the protocol).
    WithSzd,
    /// A young teacher with a mentor (the mentor's plan and report).
    Mentee,
}

/// The people of `whom`, by name: the records that qualify them gathered once, not searched per person.
fn people_of(data: &crate::domain::Dataset, whom: Whom) -> Vec<Named> {
    let with: Option<std::collections::HashSet<PersonId>> = match whom {
        Whom::WithRoute => Some(data.routes.iter().map(|r| r.person).collect()),
        Whom::WithSzd => Some(
            data.attestations
                .iter()
                .filter(|a| a.result == crate::domain::Category::PositionConformity)
                .map(|a| a.person)
                .collect(),
        ),
        Whom::Mentee => Some(data.mentorships.iter().map(|m| m.mentee).collect()),
        Whom::Teacher => None,
    };
    let mut people: Vec<Named> = data
        .persons
        .iter()
        .filter(|p| with.as_ref().map_or(p.pedagogical, |w| w.contains(&p.id)))
        .map(|p| (p.id, p.full_name()))
        .collect();
    people.sort_by(|a, b| a.1.cmp(&b.1));
    people
}

impl ReportsScreen {
    /// A picker of the people of `whom`, their list made again only when the data change.
    fn person_picker(
        &mut self,
        ui: &mut egui::Ui,
        session: &Session,
        whom: Whom,
        current: Option<PersonId>,
    ) -> Option<PersonId> {
        let key = (session.generation, whom);
        if self.people.as_ref().is_none_or(|(k, _)| *k != key) {
            self.people = Some((key, people_of(session.data(), whom)));
        }
        let (_, people) = self.people.as_ref()?;
        teacher_picker(ui, people, current)
    }
}

fn teacher_picker(ui: &mut egui::Ui, teachers: &[Named], current: Option<PersonId>) -> Option<PersonId> {
    let shown = current
        .and_then(|p| teachers.iter().find(|x| x.0 == p))
        .map_or(s::REP_PICK_TEACHER.to_string(), |x| x.1.clone());
    let mut picked = None;
    egui::ComboBox::from_label(s::REP_TEACHER).selected_text(shown).show_ui(ui, |ui| {
        for (id, name) in teachers {
            if ui.selectable_label(current == Some(*id), name).clicked() {
                picked = Some(*id);
            }
        }
    });
    picked
}
