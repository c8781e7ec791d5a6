//! The teacher card: every field of the person, their work over time and every record kind, each with
//! add, edit and delete; validation next to the field; the history of changes with undo.

use super::form::{Form, FormAction, FormContext};
use super::{strings as s, theme};
use crate::app::{Command, Notice, Session};
use crate::domain::dates::fmt_opt_date;
use crate::domain::*;
use chrono::NaiveDate;
use uuid::Uuid;

/// The tabs of a card, each with the record kinds it lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Main,
    Work,
    Attestation,
    Courses,
    Diagnostics,
    Routes,
    Mentoring,
    Contests,
    Communities,
    History,
}

impl Tab {
    const ALL: &'static [Tab] = &[
        Tab::Main,
        Tab::Work,
        Tab::Attestation,
        Tab::Courses,
        Tab::Diagnostics,
        Tab::Routes,
        Tab::Mentoring,
        Tab::Contests,
        Tab::Communities,
        Tab::History,
    ];

    fn label(self) -> &'static str {
        match self {
            Tab::Main => "Основное",
            Tab::Work => "Работа и нагрузка",
            Tab::Attestation => "Аттестация",
            Tab::Courses => "Курсы",
            Tab::Diagnostics => "Диагностика",
            Tab::Routes => "ИОМ",
            Tab::Mentoring => "Наставничество",
            Tab::Contests => "Конкурсы, экспертиза, награды",
            Tab::Communities => "Сообщества и мероприятия",
            Tab::History => "История изменений",
        }
    }

    fn kinds(self) -> &'static [RecordKind] {
        match self {
            Tab::Work => &[RecordKind::Employment, RecordKind::Assignment, RecordKind::Absence],
            Tab::Attestation => &[RecordKind::Attestation],
            Tab::Courses => &[RecordKind::Course, RecordKind::Request, RecordKind::Nomination],
            Tab::Diagnostics => &[RecordKind::Diagnostic],
            Tab::Routes => &[RecordKind::Route],
            Tab::Mentoring => &[RecordKind::Mentorship],
            Tab::Contests => &[RecordKind::Contest, RecordKind::ExpertWork, RecordKind::Award, RecordKind::Practice],
            Tab::Communities => &[RecordKind::Community, RecordKind::Event, RecordKind::Reserve],
            Tab::Main | Tab::History => &[],
        }
    }
}

/// What the card asks of the screen around it.
pub enum CardAction {
    None,
    /// Back to the list.
    Close,
}

/// An open card.
pub struct Card {
    pub person: PersonId,
    tab: Tab,
    /// The person's own fields, always editable on the first tab.
    main: Option<Form>,
    /// A record being added or edited on another tab.
    form: Option<Form>,
    /// A deletion waiting for confirmation: (kind, id, what).
    confirm: Option<(RecordKind, Uuid, String)>,
    message: Option<Notice>,
    /// A route step being added or marked done.
    step: Option<StepEdit>,
    /// A course just recorded that may fulfil a planned course step of a route.
    offer: Option<StepOffer>,
    cache: Option<CardCache>,
    /// The person's history as shown, read again only when the data changes (not every frame).
    history: Option<(u64, Result<Vec<Shown>, String>)>,
    /// A change sent to the session, with what to do when its outcome comes (the next frame).
    pending: super::pending::Pending<After>,
}

/// An action of the history with its lines as shown.
type Shown = (crate::app::ActionEntry, crate::app::history::Shown);

/// What the card does with the outcome of a change it sent.
enum After {
    /// The person's own fields were saved: close their form.
    Main,
    /// A record's form was saved: close it, and offer the route step a course may fulfil.
    Form { course: Option<Box<Course>> },
    /// A route step was added, changed or marked done: close its editor.
    Step,
    /// Say this when it is done.
    Say(String),
    /// An action of the history was undone.
    Undo(i64),
    /// A record was deleted (the person themselves: the card closes).
    Deleted { person: bool },
}

/// What the card derives from the whole database, rebuilt only when the data (or the day) changes: the
/// person, their state line, their records with one-line summaries, and the lists the forms offer.
struct CardCache {
    generation: u64,
    today: NaiveDate,
    person: Person,
    summary: String,
    /// Records about the person (or pairs they mentor), newest first, each with its summary.
    records: Vec<(AnyRecord, String)>,
    ctx: FormContext,
}

/// «This course fulfils the route step …?»
struct StepOffer {
    route: RouteId,
    step: RouteStepId,
    step_title: String,
    done: NaiveDate,
    evidence: String,
}

/// Adding a step to a route, or marking one done (which asks for the date and the evidence).
struct StepEdit {
    route: RouteId,
    /// The step marked done; none when a step is added or edited.
    done_step: Option<RouteStepId>,
    /// The step being edited; none when a step is added (or marked done).
    editing: Option<RouteStepId>,
    kind: StepKind,
    title: String,
    planned: String,
    /// The step's expected result.
    expected: String,
    done: String,
    evidence: String,
    error: Option<String>,
}

impl Card {
    pub fn new(person: PersonId) -> Self {
        Self {
            person,
            tab: Tab::Main,
            main: None,
            form: None,
            confirm: None,
            message: None,
            step: None,
            offer: None,
            cache: None,
            history: None,
            pending: Default::default(),
        }
    }

    fn send(&mut self, session: &mut Session, command: Command, after: After) {
        self.pending.send(session, command, after);
    }

    /// Whether a change the card sent is waiting for its outcome.
    pub fn waiting(&self) -> bool {
        self.pending.waiting()
    }

    /// Takes the outcome of the change the card sent (applied at the end of the last frame): closes the
    /// form, or shows what went wrong in it. Called every frame, whether the card is drawn or not.
    pub fn poll(&mut self, session: &mut Session) -> CardAction {
        let Some((after, outcome)) = self.pending.take(session) else { return CardAction::None };
        let outcome = outcome.map(|_| ());
        match (after, outcome) {
            (After::Main, Ok(())) => {
                self.main = None;
                self.message = Some(Notice::Done(s::SAVED.into()));
            }
            (After::Form { course }, Ok(())) => {
                self.form = None;
                self.message = Some(Notice::Done(s::SAVED.into()));
                if let Some(c) = course {
                    self.offer = course_step_offer(session.data(), &c);
                }
            }
            (After::Main, Err(e)) => {
                if let Some(form) = &mut self.main {
                    form.errors.insert(String::new(), e.to_string());
                }
            }
            (After::Form { .. }, Err(e)) => {
                if let Some(form) = &mut self.form {
                    form.errors.insert(String::new(), e.to_string());
                }
            }
            (After::Step, Ok(())) => self.step = None,
            (After::Step, Err(e)) => {
                if let Some(edit) = &mut self.step {
                    edit.error = Some(e.to_string());
                }
            }
            (After::Say(text), outcome) => self.message = Some(Notice::of(outcome, |()| text)),
            (After::Undo(id), outcome) => {
                if outcome.is_ok() {
                    self.main = None;
                }
                self.message = Some(Notice::of(outcome, |()| format!("{} № {id}", s::UNDONE)));
            }
            (After::Deleted { person: true }, Ok(())) => return CardAction::Close,
            (After::Deleted { person: false }, Ok(())) => self.message = Some(Notice::Done(s::DELETED.into())),
            (After::Deleted { .. }, Err(e)) => self.message = Some(Notice::Failed(e.to_string())),
        }
        CardAction::None
    }

    /// Whether the card holds an edit not yet saved.
    pub fn dirty(&self) -> bool {
        self.main.as_ref().is_some_and(|f| f.dirty) || self.form.as_ref().is_some_and(|f| f.dirty)
    }

    /// Saves whatever form is open (Ctrl+S).
    pub fn save(&mut self, session: &mut Session, today: NaiveDate) {
        if self.form.is_some() {
            self.save_form(session, today);
        } else if self.main.is_some() {
            self.save_main(session, today);
        }
    }

    /// Cancels the open form (Esc).
    pub fn cancel(&mut self) {
        if self.confirm.take().is_none() && self.form.take().is_none() {
            self.main = None;
        }
    }

    /// Opens a new record of the first kind of the current tab (Ctrl+N).
    pub fn add(&mut self, session: &Session, today: NaiveDate) {
        if let Some(kind) = self.tab.kinds().first() {
            self.form = Some(Form::new(
                &blank(*kind, self.person, session.org().id, today),
                format!("{}: {}", s::NEW, kind.label()),
                true,
            ));
        }
    }

    fn save_main(&mut self, session: &mut Session, today: NaiveDate) {
        let Some(form) = &mut self.main else { return };
        if let Some(record) = form.build(today) {
            self.send(session, Command::Put { what: s::PERSON_EDITED.into(), record }, After::Main);
        }
    }

    fn save_form(&mut self, session: &mut Session, today: NaiveDate) {
        let Some(form) = &mut self.form else { return };
        if let Some(record) = form.build(today) {
            let what = format!("{}: {}", if form.new { s::ADDED } else { s::EDITED }, record.kind().label());
            let course = match &record {
                AnyRecord::Course(c) => Some(Box::new(c.clone())),
                _ => None,
            };
            self.send(session, Command::Put { what, record }, After::Form { course });
        }
    }

    fn build_cache(&self, session: &Session, today: NaiveDate) -> Option<CardCache> {
        let data = session.data();
        let person = data.persons.iter().find(|p| p.id == self.person)?.clone();
        let state = data.index().state(&person, today, session.settings());
        let names: std::collections::HashMap<PersonId, String> =
            data.persons.iter().map(|p| (p.id, p.full_name())).collect();
        let mut records: Vec<(AnyRecord, String)> = data
            .records()
            .into_iter()
            .filter(|r| r.person() == Some(self.person) || r.other_person() == Some(self.person))
            .map(|r| {
                let text = summary(&r, &names);
                (r, text)
            })
            .collect();
        records.sort_by_key(|(r, _)| std::cmp::Reverse(sort_date(r)));
        let mut persons: Vec<(PersonId, String)> = names.into_iter().collect();
        persons.sort_by(|a, b| a.1.cmp(&b.1));
        let dictionaries =
            crate::domain::dictionaries::Dictionary::ALL.iter().map(|d| (*d, session.dictionary(*d))).collect();
        Some(CardCache {
            generation: session.generation,
            today,
            person,
            summary: summary_line(&state),
            records,
            ctx: FormContext {
                persons,
                records: basis_choices(data, self.person),
                scopes: Vec::new(),
                dictionaries,
                today,
            },
        })
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, session: &mut Session, today: NaiveDate) -> CardAction {
        if self.cache.as_ref().is_none_or(|c| c.generation != session.generation || c.today != today) {
            self.cache = self.build_cache(session, today);
        }
        // Taken out for the frame, so that the drawing code may borrow the card mutably; put back below.
        let Some(cache) = self.cache.take() else {
            return CardAction::Close;
        };
        let action = self.card_ui(ui, session, today, &cache);
        self.cache = Some(cache);
        action
    }

    fn card_ui(&mut self, ui: &mut egui::Ui, session: &mut Session, today: NaiveDate, cache: &CardCache) -> CardAction {
        let person = &cache.person;
        let mut action = CardAction::None;
        ui.horizontal(|ui| {
            if ui.button(s::BACK_TO_LIST).clicked() {
                action = CardAction::Close;
            }
            ui.heading(person.full_name());
        });
        ui.label(&cache.summary);
        ui.horizontal_wrapped(|ui| {
            for tab in Tab::ALL {
                if ui.selectable_label(self.tab == *tab, tab.label()).clicked() && self.tab != *tab {
                    self.tab = *tab;
                    self.form = None;
                    self.confirm = None;
                }
            }
        });
        ui.separator();
        super::widgets::outcome(ui, &self.message);
        self.offer_ui(ui, session);
        let ctx = &cache.ctx;
        let own = session.org().id;
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| match self.tab {
            Tab::Main => {
                let form = self
                    .main
                    .get_or_insert_with(|| Form::new(&AnyRecord::Person(person.clone()), s::PERSON_FIELDS, false));
                if person.author != own {
                    // Written by another organisation (the municipality): shown, not editable here.
                    let author = session.organisation_name(person.author);
                    ui.label(format!("{} {author}", s::READ_ONLY_BY));
                    ui.add_enabled_ui(false, |ui| form.ui(ui, ctx));
                    return;
                }
                match form.ui(ui, ctx) {
                    FormAction::Save => self.save_main(session, today),
                    FormAction::Cancel => self.main = None,
                    FormAction::None => {}
                }
                ui.add_space(theme::GAP_LARGE);
                if ui.button(s::DELETE_PERSON).clicked() {
                    self.confirm = Some((RecordKind::Person, person.id.0, person.full_name()));
                }
            }
            Tab::History => self.history_ui(ui, session),
            tab => self.records_ui(ui, session, tab, ctx, &cache.records, today),
        });
        if let Some(CardAction::Close) = self.confirm_ui(ui, session) {
            action = CardAction::Close;
        }
        action
    }

    fn records_ui(
        &mut self,
        ui: &mut egui::Ui,
        session: &mut Session,
        tab: Tab,
        ctx: &FormContext,
        records: &[(AnyRecord, String)],
        today: NaiveDate,
    ) {
        if let Some(form) = &mut self.form {
            let action = egui::Frame::group(ui.style()).show(ui, |ui| form.ui(ui, ctx)).inner;
            match action {
                FormAction::Save => self.save_form(session, today),
                FormAction::Cancel => self.form = None,
                FormAction::None => {}
            }
            ui.add_space(theme::GAP);
        }
        let own = session.org().id;
        for kind in tab.kinds() {
            ui.horizontal(|ui| {
                ui.strong(kind_title(*kind));
                if ui.button(format!("{} {}", s::ADD, kind.label())).clicked() {
                    self.form = Some(Form::new(
                        &blank(*kind, self.person, own, today),
                        format!("{}: {}", s::NEW, kind.label()),
                        true,
                    ));
                }
            });
            let of_kind: Vec<&(AnyRecord, String)> = records.iter().filter(|(r, _)| r.kind() == *kind).collect();
            if of_kind.is_empty() {
                ui.weak(s::NO_RECORDS);
            }
            for (r, text) in of_kind {
                ui.horizontal(|ui| {
                    if r.author() == own {
                        if ui.small_button(s::EDIT).on_hover_text(text.as_str()).clicked() {
                            self.form = Some(Form::new(r, format!("{}: {}", s::EDITING, kind.label()), false));
                        }
                        if ui.small_button(s::DELETE).on_hover_text(text.as_str()).clicked() {
                            self.confirm = Some((r.kind(), r.uuid(), text.clone()));
                        }
                    } else {
                        let author = session.organisation_name(r.author());
                        ui.weak(s::READ_ONLY_MARK).on_hover_text(format!("{} {author}", s::READ_ONLY_BY));
                    }
                    ui.label(text);
                });
                if let AnyRecord::Route(route) = r
                    && r.author() == own
                {
                    self.steps_ui(ui, session, route, today);
                }
            }
            ui.add_space(theme::GAP);
        }
    }

    /// Offers to mark the route step a just-recorded course fulfils as done.
    fn offer_ui(&mut self, ui: &mut egui::Ui, session: &mut Session) {
        let Some(offer) = &self.offer else { return };
        let mut close = false;
        let mut sent = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(format!("{} «{}»?", s::OFFER_STEP, offer.step_title));
            ui.horizontal(|ui| {
                if ui.button(s::OFFER_YES).clicked() {
                    let route = session.data().routes.iter().find(|r| r.id == offer.route).cloned();
                    if let Some(mut route) = route {
                        if let Some(st) = route.steps.iter_mut().find(|x| x.id == offer.step) {
                            st.status = StepStatus::Done;
                            st.done = Some(offer.done);
                            st.evidence = offer.evidence.clone();
                        }
                        let what = format!("{}: {}", s::STEP_MARKED_DONE, offer.step_title);
                        let put = Command::Put { what: what.clone(), record: AnyRecord::Route(route) };
                        sent = Some((put, After::Say(what)));
                    }
                    close = true;
                }
                if ui.button(s::OFFER_NO).clicked() {
                    close = true;
                }
            });
        });
        if let Some((command, after)) = sent {
            self.send(session, command, after);
        }
        if close {
            self.offer = None;
        }
    }

    /// The steps of a route: each with its status; «Выполнено…» asks for the date and the evidence.
    fn steps_ui(&mut self, ui: &mut egui::Ui, session: &mut Session, route: &Route, today: NaiveDate) {
        ui.indent(("steps", route.id), |ui| {
            let mut deleted = None;
            for st in &route.steps {
                ui.horizontal(|ui| {
                    let overdue = st.overdue_on(today);
                    // Overdue is said in words, not only in colour.
                    let text = format!(
                        "{} — {} (срок {}{}){}",
                        st.title,
                        st.status.label(),
                        fmt_opt_date(st.planned),
                        if overdue { format!(", {}", s::STEP_OVERDUE) } else { String::new() },
                        st.done.map(|d| format!(", выполнено {}", fmt_date(d))).unwrap_or_default()
                    );
                    if st.status != StepStatus::Done && ui.small_button(s::STEP_DONE).on_hover_text(&st.title).clicked()
                    {
                        self.step = Some(StepEdit {
                            route: route.id,
                            done_step: Some(st.id),
                            editing: None,
                            kind: st.kind,
                            title: st.title.clone(),
                            planned: fmt_opt_date(st.planned),
                            expected: st.expected.clone(),
                            done: fmt_date(today),
                            evidence: String::new(),
                            error: None,
                        });
                    }
                    if overdue {
                        ui.colored_label(theme::OVERDUE, text);
                    } else {
                        ui.label(text);
                    }
                    if ui.small_button(s::STEP_EDIT).on_hover_text(&st.title).clicked() {
                        self.step = Some(StepEdit {
                            route: route.id,
                            done_step: None,
                            editing: Some(st.id),
                            kind: st.kind,
                            title: st.title.clone(),
                            planned: fmt_opt_date(st.planned),
                            expected: st.expected.clone(),
                            done: String::new(),
                            evidence: String::new(),
                            error: None,
                        });
                    }
                    if ui.small_button(s::STEP_DELETE).on_hover_text(&st.title).clicked() {
                        deleted = Some((st.id, st.title.clone()));
                    }
                });
            }
            // A deleted step is one change of the route: the history undoes it.
            if let Some((id, title)) = deleted {
                let mut updated = route.clone();
                updated.steps.retain(|x| x.id != id);
                let what = format!("{}: {title}", s::STEP_DELETED);
                let said = format!("{what}. {}", s::UNDO_IN_HISTORY);
                self.send(session, Command::Put { what, record: AnyRecord::Route(updated) }, After::Say(said));
            }
            if ui.small_button(s::ADD_STEP).clicked() {
                self.step = Some(StepEdit {
                    route: route.id,
                    done_step: None,
                    editing: None,
                    kind: StepKind::Seminar,
                    title: String::new(),
                    planned: String::new(),
                    expected: String::new(),
                    done: String::new(),
                    evidence: String::new(),
                    error: None,
                });
            }
            if self.step.as_ref().is_some_and(|e| e.route == route.id) {
                self.step_form_ui(ui, session, route, today);
            }
        });
    }

    fn step_form_ui(&mut self, ui: &mut egui::Ui, session: &mut Session, route: &Route, today: NaiveDate) {
        let Some(edit) = &mut self.step else { return };
        let mut close = false;
        let mut save = false;
        let mut sent = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            egui::Grid::new(("step_form", route.id)).num_columns(2).show(ui, |ui| {
                if edit.done_step.is_none() {
                    let l = ui.label(s::STEP_KIND);
                    egui::ComboBox::from_id_salt("step_kind")
                        .selected_text(edit.kind.label())
                        .show_ui(ui, |ui| {
                            for k in StepKind::ALL {
                                ui.selectable_value(&mut edit.kind, *k, k.label());
                            }
                        })
                        .response
                        .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(s::STEP_TITLE);
                    ui.add(egui::TextEdit::singleline(&mut edit.title).desired_width(360.0)).labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(s::STEP_PLANNED);
                    super::widgets::date_field(ui, &mut edit.planned, l.id, today);
                    ui.end_row();
                    let l = ui.label(s::STEP_EXPECTED);
                    ui.add(egui::TextEdit::singleline(&mut edit.expected).desired_width(360.0)).labelled_by(l.id);
                    ui.end_row();
                } else {
                    ui.label(s::STEP_TITLE);
                    ui.label(&edit.title);
                    ui.end_row();
                    let l = ui.label(s::STEP_DONE_DATE);
                    super::widgets::date_field(ui, &mut edit.done, l.id, today);
                    ui.end_row();
                    let l = ui.label(s::STEP_EVIDENCE);
                    ui.add(
                        egui::TextEdit::singleline(&mut edit.evidence)
                            .desired_width(360.0)
                            .hint_text(s::STEP_EVIDENCE_HINT),
                    )
                    .labelled_by(l.id);
                    ui.end_row();
                }
            });
            if let Some(e) = &edit.error {
                ui.colored_label(theme::ERROR, e);
            }
            ui.horizontal(|ui| {
                save = ui.button(s::SAVE_STEP).clicked();
                close = ui.button(s::CANCEL).clicked();
            });
        });
        if save {
            let mut updated = route.clone();
            let result = match edit.done_step {
                Some(step_id) => match crate::domain::dates::parse_typed(&edit.done) {
                    Err(e) => Err(format!("{}: {e}", s::STEP_DONE_DATE)),
                    Ok(_) if edit.evidence.trim().is_empty() => Err(s::STEP_EVIDENCE_MISSING.to_string()),
                    Ok(done) => {
                        if let Some(st) = updated.steps.iter_mut().find(|x| x.id == step_id) {
                            st.status = StepStatus::Done;
                            st.done = Some(done);
                            st.evidence = edit.evidence.trim().to_string();
                        }
                        Ok(format!("{}: {}", s::STEP_MARKED_DONE, edit.title))
                    }
                },
                None => {
                    let planned = if edit.planned.trim().is_empty() {
                        Ok(None)
                    } else {
                        crate::domain::dates::parse_typed(&edit.planned).map(Some)
                    };
                    match planned {
                        Err(e) => Err(format!("{}: {e}", s::STEP_PLANNED)),
                        Ok(planned) if edit.editing.is_some() => {
                            if let Some(st) = updated.steps.iter_mut().find(|x| Some(x.id) == edit.editing) {
                                st.kind = edit.kind;
                                st.title = edit.title.trim().to_string();
                                st.planned = planned;
                                st.expected = edit.expected.trim().to_string();
                            }
                            Ok(format!("{}: {}", s::STEP_CHANGED, edit.title.trim()))
                        }
                        Ok(planned) => {
                            updated.steps.push(RouteStep {
                                id: RouteStepId::new(),
                                kind: edit.kind,
                                title: edit.title.trim().to_string(),
                                planned,
                                done: None,
                                status: StepStatus::Planned,
                                evidence: String::new(),
                                expected: edit.expected.trim().to_string(),
                            });
                            if updated.status == RouteStatus::Drafted {
                                updated.status = RouteStatus::Running;
                            }
                            Ok(format!("{}: {}", s::STEP_ADDED, edit.title.trim()))
                        }
                    }
                }
            };
            match result {
                Ok(what) => sent = Some(Command::Put { what, record: AnyRecord::Route(updated) }),
                Err(e) => edit.error = Some(e),
            }
        }
        if let Some(command) = sent {
            self.send(session, command, After::Step);
        }
        if close {
            self.step = None;
        }
    }

    fn history_ui(&mut self, ui: &mut egui::Ui, session: &mut Session) {
        if self.history.as_ref().is_none_or(|(g, _)| *g != session.generation) {
            let names: std::collections::HashMap<PersonId, String> =
                session.data().persons.iter().map(|p| (p.id, p.full_name())).collect();
            let read = session.history(Some(self.person), 200).map_err(|e| e.to_string()).map(|actions| {
                actions
                    .into_iter()
                    .map(|mut a| {
                        // An import changes many people's records at once: the card shows this person's,
                        // and says how many others its undo would bring back too.
                        let all = a.changes.len();
                        a.changes.retain(|c| crate::app::history::about_person(c, self.person));
                        let mut shown = crate::app::history::shown(session.data(), &names, &a);
                        let others = (all - a.changes.len()) as u64;
                        if others > 0 {
                            let n = ru::count(others, "запись", "записи", "записей");
                            shown.header.push_str(&format!(" ({} {n} {})", s::HISTORY_ALSO, s::HISTORY_ALSO_TAIL));
                        }
                        (a, shown)
                    })
                    .collect()
            });
            self.history = Some((session.generation, read));
        }
        let history = match &self.history {
            Some((_, Ok(h))) => h,
            Some((_, Err(e))) => {
                ui.colored_label(theme::ERROR, e.as_str());
                return;
            }
            None => return,
        };
        if history.is_empty() {
            ui.weak(s::NO_HISTORY);
        }
        let mut undo = None;
        for (a, shown) in history {
            if super::history::action_ui(ui, a, shown, format!("{} № {}", s::UNDO, a.id), None) {
                undo = Some(a.id);
            }
        }
        if let Some(id) = undo {
            self.send(session, Command::Undo(id), After::Undo(id));
        }
    }

    fn confirm_ui(&mut self, ui: &mut egui::Ui, session: &mut Session) -> Option<CardAction> {
        let (kind, id, what) = self.confirm.clone()?;
        let mut sent = None;
        egui::Modal::new(egui::Id::unique("confirm_delete")).show(ui.ctx(), |ui| {
            ui.heading(s::CONFIRM_DELETE);
            ui.label(if kind == RecordKind::Person {
                format!("{} {what}", s::CONFIRM_DELETE_PERSON)
            } else {
                what.clone()
            });
            ui.horizontal(|ui| {
                if ui.button(s::DELETE_CONFIRMED).clicked() {
                    let person = kind == RecordKind::Person;
                    let command = if person {
                        Command::DeletePerson(PersonId(id))
                    } else {
                        Command::Delete { what: format!("{}: {}", s::DELETED, kind.label()), kind, id }
                    };
                    self.confirm = None;
                    sent = Some((command, After::Deleted { person }));
                }
                if ui.button(s::CANCEL).clicked() {
                    self.confirm = None;
                }
            });
        });
        if let Some((command, after)) = sent {
            self.send(session, command, after);
        }
        None
    }
}

fn kind_title(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Employment => "Периоды работы",
        RecordKind::Assignment => "Тарификация по учебным годам",
        RecordKind::Absence => "Отсутствия (декрет, длительная болезнь)",
        RecordKind::Attestation => "Аттестация",
        RecordKind::Course => "Курсы, переподготовка, стажировки",
        RecordKind::Diagnostic => "Диагностика профессиональных дефицитов",
        RecordKind::Route => "Индивидуальные образовательные маршруты",
        RecordKind::Mentorship => "Наставнические пары",
        RecordKind::Contest => "Конкурсы профессионального мастерства",
        RecordKind::ExpertWork => "Экспертная деятельность",
        RecordKind::Community => "Профессиональные сообщества",
        RecordKind::Event => "Мероприятия и трансляция опыта",
        RecordKind::Reserve => "Кадровый резерв",
        RecordKind::Award => "Награды, почётные звания, поощрения",
        RecordKind::Request => "Запросы педагога на повышение квалификации",
        RecordKind::Practice => "Успешные практики (банк практик)",
        RecordKind::Nomination => "Выдвижение: курсы, диагностика, конкурсы, мероприятия",
        other => other.label(),
    }
}

/// The first line of the card: the computed state.
fn summary_line(state: &PersonState) -> String {
    let mut parts = Vec::new();
    if !state.employed {
        parts.push(s::NOT_EMPLOYED.to_string());
    }
    parts.push(state.category_text());
    parts.push(if state.courses.due {
        "нужны курсы".into()
    } else {
        format!("курсы до {}", fmt_opt_date(state.courses.due_from))
    });
    parts.push(format!("СЗД: {}", state.szd_label()));
    if state.young {
        parts.push(if state.young_without_mentor {
            "молодой педагог без наставника".into()
        } else {
            "молодой педагог".into()
        });
    }
    if let Some(a) = state.age {
        parts.push(format!("{} {}", a, ru::plural(a as u64, "год", "года", "лет")));
    }
    if let Some(e) = state.experience {
        parts.push(format!("стаж {e}"));
    }
    parts.join(" · ")
}

fn sort_date(r: &AnyRecord) -> NaiveDate {
    match r {
        AnyRecord::Employment(x) => x.start,
        AnyRecord::Absence(x) => x.start,
        AnyRecord::Assignment(x) => x.year.first_day(),
        AnyRecord::Attestation(x) => x.decision_date,
        AnyRecord::Course(x) => x.end,
        AnyRecord::Diagnostic(x) => x.date,
        AnyRecord::Route(x) => x.start,
        AnyRecord::Mentorship(x) => x.start,
        AnyRecord::Contest(x) => x.date,
        AnyRecord::ExpertWork(x) => x.date,
        AnyRecord::Community(x) => x.start,
        AnyRecord::Event(x) => x.date,
        AnyRecord::Reserve(x) => x.date,
        AnyRecord::Vacancy(x) => x.opened,
        AnyRecord::Target(x) => x.year.first_day(),
        AnyRecord::EnteredIndicator(_) => NaiveDate::MIN,
        AnyRecord::Goal(x) => x.from.first_day(),
        AnyRecord::Finding(x) => x.year.first_day(),
        AnyRecord::Recommendation(x) => x.due.unwrap_or(x.year.first_day()),
        AnyRecord::Measure(x) => x.start.unwrap_or(x.year.first_day()),
        AnyRecord::Decision(x) => x.date,
        AnyRecord::Effect(x) => x.year.last_day(),
        AnyRecord::ScheduleItem(_) | AnyRecord::Risk(_) => NaiveDate::MIN,
        AnyRecord::Award(x) => x.date,
        AnyRecord::Request(x) => x.date,
        AnyRecord::Practice(x) => x.date,
        AnyRecord::Order(x) => x.date,
        AnyRecord::Meeting(x) => x.date,
        AnyRecord::Nomination(x) => x.date,
        AnyRecord::Association(_) => NaiveDate::MIN,
        AnyRecord::Person(_) | AnyRecord::Organisation(_) => NaiveDate::MIN,
    }
}

pub use crate::app::fields::summary;

/// A new record of `kind` for `person`, with the defaults a user would pick.
pub fn blank(kind: RecordKind, person: PersonId, author: OrgId, today: NaiveDate) -> AnyRecord {
    match kind {
        RecordKind::Employment => Employment {
            id: EmploymentId::new(),
            author,
            person,
            start: today,
            end: None,
            end_reason: String::new(),
            start_unknown: false,
        }
        .into(),
        RecordKind::Absence => Absence {
            id: AbsenceId::new(),
            author,
            person,
            kind: AbsenceKind::ChildCare,
            start: today,
            end: None,
            note: String::new(),
        }
        .into(),
        RecordKind::Assignment => Assignment {
            id: AssignmentId::new(),
            author,
            person,
            year: SchoolYear::of(today),
            positions: vec!["учитель".into()],
            subjects: Vec::new(),
            load_hours: 18.0,
        }
        .into(),
        RecordKind::Attestation => Attestation {
            id: AttestationId::new(),
            author,
            person,
            result: Category::First,
            decision_date: today,
            order_date: None,
            order_number: String::new(),
            body: Some(AttestationBody::Regional),
            position: "учитель".into(),
            recommendations: false,
            recommendations_text: String::new(),
        }
        .into(),
        RecordKind::Course => {
            Course { document_kind: "удостоверение".into(), ..Course::new(author, person, "", 36, today) }.into()
        }
        RecordKind::Diagnostic => Diagnostic {
            id: DiagnosticId::new(),
            author,
            person,
            group: None,
            date: today,
            kind: DiagnosticKind::Municipal,
            subject: String::new(),
            level: None,
            score: None,
            max_score: None,
            deficits: Vec::new(),
            recommendations: String::new(),
        }
        .into(),
        RecordKind::Route => Route {
            id: RouteId::new(),
            author,
            person,
            start: today,
            end: Some(dates::add_years(today, 1)),
            basis_diagnostic: None,
            basis_attestation: None,
            basis_request: String::new(),
            goal: String::new(),
            tasks: String::new(),
            deficits: Vec::new(),
            curator: String::new(),
            methodical_support: false,
            status: RouteStatus::Drafted,
            steps: Vec::new(),
        }
        .into(),
        RecordKind::Mentorship => Mentorship {
            id: MentorshipId::new(),
            author,
            mentor: None,
            mentor_name: String::new(),
            mentee: person,
            level: MentorshipLevel::School,
            form: "педагог – молодой специалист".into(),
            program: String::new(),
            order_number: String::new(),
            order_date: None,
            start: today,
            end: None,
            result: String::new(),
        }
        .into(),
        RecordKind::Contest => Contest {
            id: ContestId::new(),
            author,
            person,
            group: None,
            name: String::new(),
            date: today,
            level: Level::Municipal,
            result: ContestResult::Participant,
        }
        .into(),
        RecordKind::ExpertWork => ExpertWork {
            id: ExpertWorkId::new(),
            author,
            person,
            role: String::new(),
            description: String::new(),
            date: today,
            end: None,
            level: Level::Municipal,
        }
        .into(),
        RecordKind::Community => Community {
            id: CommunityId::new(),
            author,
            person,
            name: String::new(),
            kind: CommunityKind::SchoolAssociation,
            role: CommunityRole::Member,
            level: Level::School,
            start: today,
            end: None,
        }
        .into(),
        RecordKind::Event => Event {
            id: EventId::new(),
            author,
            person,
            group: None,
            title: String::new(),
            kind: EventKind::Seminar,
            date: today,
            level: Level::School,
            role: EventRole::Participant,
        }
        .into(),
        RecordKind::Reserve => Reserve {
            id: ReserveId::new(),
            author,
            person,
            position: String::new(),
            date: today,
            status: ReserveStatus::Proposed,
        }
        .into(),
        RecordKind::Target => Target {
            id: TargetId::new(),
            author,
            org: author,
            indicator: String::new(),
            year: SchoolYear::of(today),
            value: 0.0,
        }
        .into(),
        RecordKind::Goal
        | RecordKind::Finding
        | RecordKind::Recommendation
        | RecordKind::Measure
        | RecordKind::Decision
        | RecordKind::Effect
        | RecordKind::ScheduleItem
        | RecordKind::Risk
        | RecordKind::Order
        | RecordKind::Association
        | RecordKind::Meeting => crate::domain::cycle::blank(kind, author, today),
        RecordKind::Nomination => Nomination {
            id: NominationId::new(),
            author,
            person,
            group: None,
            kind: NominationKind::Course,
            title: String::new(),
            date: today,
            end: None,
            level: Level::Regional,
            provider: String::new(),
            hours: 0,
            done: false,
        }
        .into(),
        RecordKind::Award => Award {
            id: AwardId::new(),
            author,
            person,
            kind: AwardKind::Encouragement,
            title: String::new(),
            date: today,
            document: String::new(),
        }
        .into(),
        RecordKind::Request => Request {
            id: RequestId::new(),
            author,
            person,
            date: today,
            direction: String::new(),
            form: "курсы".into(),
            note: String::new(),
        }
        .into(),
        RecordKind::Practice => Practice {
            id: PracticeId::new(),
            author,
            person,
            title: String::new(),
            topic: String::new(),
            level: Level::School,
            shown_at: String::new(),
            date: today,
            file: String::new(),
        }
        .into(),
        RecordKind::EnteredIndicator => EnteredIndicator {
            id: EnteredIndicatorId::new(),
            author,
            org: author,
            title: String::new(),
            source: String::new(),
            unit: "%".into(),
            values: Vec::new(),
        }
        .into(),
        RecordKind::Vacancy => Vacancy {
            id: VacancyId::new(),
            author,
            school: author,
            position: "учитель".into(),
            subject: String::new(),
            hours: 18.0,
            opened: today,
            closed: None,
        }
        .into(),
        RecordKind::Person => new_person(author, today).into(),
        RecordKind::Organisation => unreachable_org(author),
    }
}

fn unreachable_org(author: OrgId) -> AnyRecord {
    AnyRecord::Organisation(Organisation::new(author, OrgRole::School, "", ""))
}

/// A new person: a teacher of this school.
pub fn new_person(school: OrgId, _today: NaiveDate) -> Person {
    Person::new(school, school, "", "", "")
}

/// The first planned course step of the person's routes running when the course ended.
fn course_step_offer(data: &Dataset, course: &Course) -> Option<StepOffer> {
    data.routes
        .iter()
        .filter(|r| r.person == course.person && r.start <= course.end && r.end.is_none_or(|e| e >= course.end))
        .flat_map(|r| r.steps.iter().map(move |st| (r, st)))
        .find(|(_, st)| st.kind == StepKind::Course && st.status != StepStatus::Done)
        .map(|(r, st)| StepOffer {
            route: r.id,
            step: st.id,
            step_title: st.title.clone(),
            done: course.end,
            evidence: format!("курсы «{}», {} ч, окончены {}", course.title, course.hours, fmt_date(course.end)),
        })
}

/// What a route or a course of this person may rest on, for the forms' pickers (issue 25; seed 001: «ИОМ …
/// на основе диагностики», seed 004: courses «подобранные с учетом диагностики»): the person's diagnostics
/// and attestations, newest first, each named by its date, kind and what it found.
fn basis_choices(data: &crate::domain::Dataset, person: PersonId) -> Vec<(RecordKind, uuid::Uuid, String)> {
    let mut diagnostics: Vec<&crate::domain::Diagnostic> =
        data.diagnostics.iter().filter(|d| d.person == person).collect();
    diagnostics.sort_by_key(|d| std::cmp::Reverse(d.date));
    let mut out: Vec<(RecordKind, uuid::Uuid, String)> = diagnostics
        .into_iter()
        .map(|d| {
            let mut t = format!("{} — {}", crate::domain::fmt_date(d.date), d.kind.label());
            if !d.subject.is_empty() {
                t.push_str(&format!(", {}", d.subject));
            }
            if !d.deficits.is_empty() {
                t.push_str(&format!("; дефициты: {}", d.deficits.join(", ")));
            }
            (RecordKind::Diagnostic, d.id.0, t)
        })
        .collect();
    let mut attestations: Vec<&crate::domain::Attestation> =
        data.attestations.iter().filter(|a| a.person == person).collect();
    attestations.sort_by_key(|a| std::cmp::Reverse(a.decision_date));
    out.extend(attestations.into_iter().map(|a| {
        let mut t = format!("{} — {}", crate::domain::fmt_date(a.decision_date), a.result.label());
        if !a.recommendations_text.is_empty() {
            t.push_str(&format!("; рекомендации: {}", a.recommendations_text));
        }
        (RecordKind::Attestation, a.id.0, t)
    }));
    out
}
