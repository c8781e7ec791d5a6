//! egui screens only: they read view models from `app` and call its use cases; they never touch the
//! database directly. The full deputy head's desk is built on this window.

pub mod associations;
pub mod card;
pub mod cycle;
pub mod dialogs;
pub mod exchange;
pub mod form;
pub mod group;
pub mod history;
pub mod import;
pub mod indicators;
pub mod new_teacher;
pub mod pending;
pub mod registers;
pub mod reports;
pub mod settings;
pub mod staff;
pub mod strings;
pub mod theme;
pub mod today;
pub mod widgets;

use crate::app::{self, Session, paths};
use crate::domain::dates::fmt_date;
use crate::domain::{PersonId, PersonState, SchoolYear};
use chrono::NaiveDate;
use std::path::PathBuf;
use strings as s;

/// What the window shows.
enum Screen {
    /// No database yet: choose school or municipality, or open a demo.
    FirstStart(FirstStartForm),
    /// A large database is being opened in the background (checked, loaded, its first lists built) while
    /// the window shows how far it got; `then` is a file handed to the window, opened once it is ready.
    Opening { job: app::jobs::Job<Result<Opened, String>>, path: PathBuf, then: Option<PathBuf> },
    /// A database is open.
    Open(Box<OpenScreen>),
    /// The database could not be opened; the message says why and what to do.
    Failed { message: String, path: PathBuf },
}

#[derive(Default)]
struct FirstStartForm {
    municipality: bool,
    name: String,
    code: String,
    /// The municipality's key card chosen at a school's first start (its text, and what it says).
    card: Option<(String, String)>,
    error: Option<String>,
    /// `uchrost.db` beside the program, offered for a USB stick (portable mode), and whether chosen.
    portable_path: Option<PathBuf>,
    portable: bool,
}

/// The sections of the navigation panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Today,
    Staff,
    Register(registers::Register),
    Indicators,
    Reports,
    Cycle,
    Associations,
    Exchange,
    Group,
    Import,
    /// The whole database's history, with undo.
    History,
    Settings,
}

impl Section {
    fn all() -> Vec<Section> {
        let mut v = vec![Section::Today, Section::Staff];
        v.extend(registers::Register::ALL.iter().map(|r| Section::Register(*r)));
        v.extend([
            Section::Indicators,
            Section::Reports,
            Section::Cycle,
            Section::Associations,
            Section::Exchange,
            Section::Group,
            Section::Import,
            Section::History,
            Section::Settings,
        ]);
        v
    }

    fn label(self) -> &'static str {
        match self {
            Section::Today => s::NAV_TODAY,
            Section::Staff => s::NAV_STAFF,
            Section::Register(r) => r.label(),
            Section::Indicators => s::NAV_INDICATORS,
            Section::Reports => s::NAV_REPORTS,
            Section::Cycle => s::NAV_CYCLE,
            Section::Associations => s::NAV_ASSOCIATIONS,
            Section::Exchange => s::NAV_EXCHANGE,
            Section::Group => s::NAV_GROUP,
            Section::Import => s::NAV_IMPORT,
            Section::History => s::HISTORY_ALL,
            Section::Settings => s::NAV_SETTINGS,
        }
    }
}

struct OpenScreen {
    session: Session,
    section: Section,
    import: import::ImportScreen,
    settings: settings::SettingsScreen,
    /// The history of the whole database, with undo.
    history: history::HistoryScreen,
    registers: registers::Registers,
    group: group::GroupScreen,
    indicators: indicators::IndicatorsScreen,
    reports: reports::ReportsScreen,
    cycle: cycle::CycleScreen,
    associations: associations::AssociationsScreen,
    exchange: exchange::ExchangeScreen,
    /// The open card, over the staff list.
    card: Option<card::Card>,
    /// A new teacher being entered.
    new_teacher: Option<new_teacher::NewTeacherForm>,
    /// The staff list on `today`, rebuilt only when the data changes.
    staff: Vec<PersonState>,
    /// What each person's records say, for the search.
    search: std::collections::HashMap<PersonId, String>,
    table: staff::StaffTable,
    /// The school year viewed; its date is today in the current year, else the year's last day.
    year: SchoolYear,
    /// The date the caches were built for.
    cache_date: Option<NaiveDate>,
    /// What needs attention today, rebuilt only when the data changes.
    attention: Vec<crate::domain::attention::Group>,
    /// What the monitoring schedule has due today, rebuilt with the attention lists.
    schedule_due: Vec<crate::domain::cycle::Due>,
    cache_generation: u64,
    /// The day's first backup, made in the background after the window opens.
    daily_backup: Option<app::jobs::Job<Result<std::path::PathBuf, app::StorageError>>>,
    /// Why the day's backup could not be made, until the window closes.
    daily_backup_failed: Option<String>,
    /// A way out of an unsaved edit the user took, held until they choose: save, do not save, stay.
    leaving: Option<Leave>,
    /// The new teacher's save, sent to the session and waiting for its outcome.
    adding: Option<app::Ticket>,
    /// Where to go once the saves sent for it are done (and only if they left nothing unsaved).
    after_save: Option<AfterSave>,
    /// The saves before closing the window are done: close it.
    close_now: bool,
}

/// What the user asked to do once the open edits are saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AfterSave {
    Go(Leave),
    Close,
}

/// Where the user was going when an edit was not saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Leave {
    /// Another item of the navigation.
    To(Section),
    /// «‹ К списку» from the card.
    List,
}

/// The lists the first frame shows, built from the loaded records (seconds on a regional copy).
struct Lists {
    /// The date they are built for.
    view: NaiveDate,
    staff: Vec<PersonState>,
    attention: Vec<crate::domain::attention::Group>,
    schedule_due: Vec<crate::domain::cycle::Due>,
    /// Rebuilt only when the records changed, not when only the date did.
    search: Option<std::collections::HashMap<PersonId, String>>,
}

impl Lists {
    /// The three lists side by side: each reads the records only.
    fn build(session: &Session, view: NaiveDate, search_too: bool) -> Self {
        let (data, settings) = (session.data(), session.settings());
        std::thread::scope(|scope| {
            let attention = scope.spawn(|| crate::domain::attention::attention(data, view, settings));
            let search = search_too.then(|| scope.spawn(|| app::search_texts(data)));
            let staff = app::all_staff_on(data, view, settings);
            let own = session.org();
            let schedule = crate::domain::cycle::schedule_of(data, own.id, own.role == crate::domain::OrgRole::School);
            Lists {
                view,
                staff,
                schedule_due: crate::domain::cycle::due(&schedule, session.today()),
                attention: attention.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                search: search.map(|s| s.join().unwrap_or_else(|e| std::panic::resume_unwind(e))),
            }
        })
    }
}

/// A database opened in the background, with the lists of its first frame.
struct Opened {
    session: Session,
    lists: Lists,
}

/// Opens the database at `location` and builds the lists of its first frame on `today`, reporting how
/// far it got (the check of the file about a fifth of the time, the records half, the lists the rest).
fn open_with_lists(
    location: &paths::DbLocation,
    today: NaiveDate,
    progress: &app::jobs::Progress,
) -> Result<Opened, String> {
    let store = app::open_for_window(&location.path, location.mode).map_err(|e| e.to_string())?;
    progress.set(0.2);
    let session = Session::new_with_progress(store, &|f| progress.set(0.2 + 0.45 * f))
        .map_err(|e| e.to_string())?
        .with_today(today);
    progress.set(0.65);
    let lists = Lists::build(&session, today, true);
    progress.set(1.0);
    Ok(Opened { session, lists })
}

/// The application window.
pub struct UchrostApp {
    screen: Screen,
    /// The window was asked to close with an unsaved edit: ask what to do.
    asking_to_close: bool,
    /// Fonts and theme are installed on the first frame.
    styled: bool,
    location: paths::DbLocation,
    today: NaiveDate,
    dialogs: Box<dyn dialogs::FileDialogs>,
    /// A file dialog that could not open, and the path typed instead.
    path_prompt: Option<PathPrompt>,
}

/// The question when no file dialog could be shown: the path, typed.
struct PathPrompt {
    asked: dialogs::Unanswered,
    text: String,
    error: Option<String>,
}

impl UchrostApp {
    /// Opens the database at `location`, or shows the first start when it does not exist yet.
    /// A large file ([`app::opens_slowly`]) opens in the background: the window shows its progress at
    /// once and the desk when the records and lists are ready.
    pub fn new(location: paths::DbLocation, today: NaiveDate) -> Self {
        let slow = app::opens_slowly(&location.path);
        Self::opening(location, today, slow)
    }

    /// Like [`UchrostApp::new`], opening an existing database in the background when `background` is
    /// set whatever its size.
    pub fn opening(location: paths::DbLocation, today: NaiveDate, background: bool) -> Self {
        let screen = if !location.path.exists() {
            Screen::FirstStart(FirstStartForm::default())
        } else if background {
            let name = location.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let at = location.clone();
            let job =
                app::jobs::Job::spawn(format!("{} «{name}»", s::OPENING), move |p| open_with_lists(&at, today, p));
            Screen::Opening { job, path: location.path.clone(), then: None }
        } else {
            match app::open_for_window(&location.path, location.mode).and_then(Session::new) {
                Ok(session) => Screen::Open(Box::new(OpenScreen::new(session))),
                Err(e) => Screen::Failed { message: e.to_string(), path: location.path.clone() },
            }
        };
        Self {
            screen,
            asking_to_close: false,
            styled: false,
            location,
            today,
            dialogs: Box::new(dialogs::WithPathFallback::new(dialogs::NativeDialogs)),
            path_prompt: None,
        }
    }

    /// Offers, at the first start, to keep the database at `path` beside the program (portable mode: the
    /// whole program on a USB stick).
    pub fn with_portable_choice(mut self, path: PathBuf) -> Self {
        if let Screen::FirstStart(form) = &mut self.screen {
            form.portable_path = Some(path);
        }
        self
    }

    /// Uses other file dialogs (tests hand files in through [`dialogs::QueuedDialogs`]).
    pub fn with_dialogs(mut self, dialogs: Box<dyn dialogs::FileDialogs>) -> Self {
        self.dialogs = dialogs;
        self
    }

    /// Shows the import screen with `file` loaded (a file handed on the command line or dropped on
    /// the window).
    pub fn open_import(&mut self, file: PathBuf) {
        if let Screen::Open(open) = &mut self.screen {
            open.section = Section::Import;
            open.import.open_file(file, &open.session);
        }
    }

    /// Opens a file handed to the window (on the command line, by a double click, dropped on it): a
    /// package or receipt goes to Обмен, anything else to the import of spreadsheets.
    pub fn open_file(&mut self, file: PathBuf) {
        // A database still opening takes the file once it is open.
        if let Screen::Opening { then, .. } = &mut self.screen {
            *then = Some(file);
            return;
        }
        let exchange = file
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("uchpkg") || e.eq_ignore_ascii_case("uchrcpt"));
        if !exchange {
            return self.open_import(file);
        }
        if let Screen::Open(open) = &mut self.screen {
            open.section = Section::Exchange;
            open.exchange.offer(&mut open.session, vec![file]);
        }
    }

    /// Whether an edit is not yet saved.
    pub fn dirty(&self) -> bool {
        matches!(&self.screen, Screen::Open(o) if o.dirty())
    }

    /// Closing the window never loses an edit: with one open, the close is held and the user asked.
    fn guard_close(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if ctx.input(|i| i.viewport().close_requested()) && self.dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.asking_to_close = true;
        }
        if !self.asking_to_close {
            return;
        }
        let today = self.today;
        egui::Modal::new(egui::Id::unique("unsaved")).show(&ctx, |ui| {
            ui.heading(s::UNSAVED_TITLE);
            ui.label(s::UNSAVED_TEXT);
            ui.horizontal(|ui| {
                if ui.button(s::SAVE_AND_CLOSE).clicked() {
                    // Closes once the saves are done; one that failed leaves its form open with its messages.
                    if let Screen::Open(o) = &mut self.screen {
                        o.save_all(today);
                        o.after_save = Some(AfterSave::Close);
                    }
                    self.asking_to_close = false;
                }
                if ui.button(s::CLOSE_WITHOUT_SAVING).clicked() {
                    if let Screen::Open(o) = &mut self.screen {
                        o.card = None;
                        o.new_teacher = None;
                    }
                    self.asking_to_close = false;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
                if ui.button(s::CANCEL).clicked() {
                    self.asking_to_close = false;
                }
            });
        });
    }

    /// Whether background work is running (tests step until it is done).
    pub fn busy(&self) -> bool {
        matches!(&self.screen, Screen::Opening { .. })
            || matches!(&self.screen, Screen::Open(o) if o.daily_backup.is_some() || o.import.busy() || o.settings.busy() || o.indicators.busy() || o.reports.busy())
    }

    /// The open session, for changes made outside the window (tests, scripted use).
    pub fn session_mut(&mut self) -> Option<&mut Session> {
        match &mut self.screen {
            Screen::Open(o) => Some(&mut o.session),
            _ => None,
        }
    }

    /// The open session, if any (for tests).
    pub fn session(&self) -> Option<&Session> {
        match &self.screen {
            Screen::Open(o) => Some(&o.session),
            _ => None,
        }
    }

    /// Draws the whole window.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        if !self.styled {
            theme::install(ui.ctx());
            self.styled = true;
        }
        // A spreadsheet dropped on the window goes to the import screen, a package to Обмен.
        let dropped: Option<PathBuf> = ui
            .ctx()
            .input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).find(|p| !p.as_os_str().is_empty()));
        if let Some(file) = dropped {
            self.open_file(file);
        }
        self.guard_close(ui);
        let mut next: Option<Screen> = None;
        let mut opened_file = None;
        match &mut self.screen {
            Screen::FirstStart(form) => {
                egui::CentralPanel::default().show(ui, |ui| {
                    if let Some(s) = first_start_ui(ui, form, &self.location, self.dialogs.as_ref()) {
                        next = Some(s);
                    }
                });
            }
            Screen::Opening { job, path, then } => match job.poll() {
                Some(Ok(Ok(opened))) => {
                    next = Some(Screen::Open(Box::new(OpenScreen::with_lists(opened.session, opened.lists))));
                    opened_file = then.take();
                }
                Some(Ok(Err(message))) => next = Some(Screen::Failed { message, path: path.clone() }),
                Some(Err(())) => {
                    next = Some(Screen::Failed { message: s::OPEN_CRASHED.to_string(), path: path.clone() })
                }
                None => {
                    egui::CentralPanel::default().show(ui, |ui| opening_ui(ui, job, path));
                    ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
                }
            },
            Screen::Open(open) => open.ui(ui, self.today, self.dialogs.as_ref()),
            Screen::Failed { message, path } => {
                egui::CentralPanel::default().show(ui, |ui| {
                    if let Some(s) = failed_ui(ui, message, path, &self.location) {
                        next = Some(s);
                    }
                });
            }
        }
        if let Some(n) = next {
            self.screen = n;
            // The first frame of the desk is drawn at once, not at the next event.
            ui.ctx().request_repaint();
        }
        if let Some(file) = opened_file {
            self.open_file(file);
        }
        if let Some(asked) = self.dialogs.unanswered() {
            let text = asked.name.clone();
            self.path_prompt = Some(PathPrompt { asked, text, error: None });
        }
        self.path_prompt_ui(ui);
        if let Screen::Open(o) = &mut self.screen
            && std::mem::take(&mut o.close_now)
        {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

impl UchrostApp {
    /// No file dialog could be shown: say so and take the path typed instead; the button that asked goes
    /// on with it (`FileDialogs::pressed`).
    fn path_prompt_ui(&mut self, ui: &mut egui::Ui) {
        let Some(prompt) = &mut self.path_prompt else { return };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("path_prompt")).show(ui.ctx(), |ui| {
            ui.heading(s::NO_DIALOG_TITLE);
            ui.label(s::NO_DIALOG_TEXT);
            ui.add_space(theme::GAP);
            let l = ui.label(format!("{}:", prompt.asked.title));
            let hint = if prompt.asked.save { s::NO_DIALOG_SAVE_HINT } else { s::NO_DIALOG_OPEN_HINT };
            ui.add(egui::TextEdit::singleline(&mut prompt.text).desired_width(520.0).hint_text(hint)).labelled_by(l.id);
            if let Some(e) = &prompt.error {
                ui.colored_label(theme::ERROR, e);
            }
            ui.horizontal(|ui| {
                if ui.button(s::NO_DIALOG_TAKE).clicked() {
                    match paths::typed_path(&prompt.text, prompt.asked.save) {
                        Ok(path) => {
                            self.dialogs.answer_next(path);
                            // The button that asked goes on with the path in the next frame.
                            ui.ctx().request_repaint();
                            close = true;
                        }
                        Err(e) => prompt.error = Some(e),
                    }
                }
                if ui.button(s::CANCEL).clicked() {
                    close = true;
                }
            });
        });
        if close {
            self.path_prompt = None;
        }
    }
}

/// A large database opening: what, where, and how far it got.
fn opening_ui(ui: &mut egui::Ui, job: &app::jobs::Job<Result<Opened, String>>, path: &std::path::Path) {
    ui.vertical_centered(|ui| {
        ui.add_space(theme::PAGE_TOP);
        ui.heading(&job.title);
        ui.add_space(theme::GAP_LARGE);
        let fraction = job.fraction();
        let step = if fraction < 0.2 {
            s::OPENING_CHECK
        } else if fraction < 0.65 {
            s::OPENING_LOAD
        } else {
            s::OPENING_LISTS
        };
        ui.add(egui::ProgressBar::new(fraction).desired_width(420.0).text(step));
        ui.add_space(theme::GAP);
        ui.weak(format!("{}: {}", s::FILE, path.display()));
    });
}

/// The database could not be opened: say why, and offer the backups to restore from.
fn failed_ui(
    ui: &mut egui::Ui,
    message: &mut String,
    path: &std::path::Path,
    location: &paths::DbLocation,
) -> Option<Screen> {
    ui.heading(s::OPEN_FAILED);
    ui.label(message.as_str());
    ui.add_space(theme::GAP);
    ui.label(format!("{}: {}", s::FILE, path.display()));
    ui.add_space(theme::GAP);
    // Another program may have let the database go (or a disk come back): try again.
    if ui.button(s::RETRY_OPEN).clicked() {
        match app::open_for_window(path, location.mode).and_then(Session::new) {
            Ok(session) => return Some(Screen::Open(Box::new(OpenScreen::new(session)))),
            Err(e) => *message = e.to_string(),
        }
    }
    ui.add_space(theme::GAP);
    let backups = app::backups(path).unwrap_or_default();
    if backups.is_empty() {
        ui.label(s::NO_BACKUPS);
        return None;
    }
    ui.label(s::CHOOSE_BACKUP);
    let mut result = None;
    egui::Grid::new("backups").striped(true).num_columns(3).show(ui, |ui| {
        for b in backups.iter().take(10) {
            ui.label(b.when());
            ui.label(&b.reason);
            if ui.button(format!("{} {}", s::RESTORE, b.when())).clicked() {
                match app::restore(path, &b.path, location.mode, false)
                    .and_then(|_| app::open_for_window(path, location.mode))
                    .and_then(Session::new)
                {
                    Ok(session) => result = Some(Screen::Open(Box::new(OpenScreen::new(session)))),
                    Err(e) => *message = e.to_string(),
                }
            }
            ui.end_row();
        }
    });
    result
}

fn first_start_ui(
    ui: &mut egui::Ui,
    form: &mut FirstStartForm,
    location: &paths::DbLocation,
    dialogs: &dyn dialogs::FileDialogs,
) -> Option<Screen> {
    let mut result = None;
    ui.vertical_centered(|ui| {
        ui.add_space(theme::PAGE_TOP);
        ui.heading(s::WELCOME);
        ui.label(s::WELCOME_TEXT);
        ui.add_space(theme::GAP_LARGE);
    });
    egui::Grid::new("first_start").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
        ui.label(s::DB_KIND);
        ui.horizontal(|ui| {
            ui.radio_value(&mut form.municipality, false, s::KIND_SCHOOL);
            ui.radio_value(&mut form.municipality, true, s::KIND_MUNICIPALITY);
        });
        ui.end_row();
        let label = ui.label(s::ORG_NAME);
        ui.add(egui::TextEdit::singleline(&mut form.name).desired_width(420.0).hint_text(s::ORG_NAME_HINT))
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label(if form.municipality { s::CODE_OPTIONAL } else { s::CODE });
        ui.add(egui::TextEdit::singleline(&mut form.code).desired_width(120.0)).labelled_by(label.id);
        ui.end_row();
        if let Some(path) = &form.portable_path {
            ui.label(s::PORTABLE);
            ui.checkbox(&mut form.portable, format!("{} {}", s::PORTABLE_CHECK, path.display()));
            ui.end_row();
        }
        if !form.municipality {
            ui.label(s::FIRST_CARD);
            ui.horizontal(|ui| {
                if dialogs.pressed(&ui.button(s::FIRST_CARD_PICK))
                    && let Some(path) =
                        dialogs.open_files(s::FIRST_CARD_PICK, "Карточка ключа", &["txt"]).into_iter().next()
                {
                    match crate::app::exchange::read_card(&path) {
                        Ok((text, card)) => {
                            let about =
                                format!("{} ({}), {} {}", card.name, card.code, s::EX_FINGERPRINT, card.fingerprint());
                            form.card = Some((text, about));
                            form.error = None;
                        }
                        Err(e) => form.error = Some(e.to_string()),
                    }
                }
                match &form.card {
                    Some((_, about)) => ui.label(about.as_str()),
                    None => ui.weak(s::FIRST_CARD_LATER),
                };
            });
            ui.end_row();
        }
    });
    ui.add_space(theme::GAP);
    ui.horizontal(|ui| {
        if ui.button(s::CREATE).clicked() {
            let location = match &form.portable_path {
                Some(path) if form.portable => paths::DbLocation { path: path.clone(), mode: app::DiskMode::Portable },
                _ => location.clone(),
            };
            let created = if form.municipality {
                app::create_municipality(&location.path, &form.name, &form.code, location.mode)
            } else {
                app::create_school(&location.path, &form.name, &form.code, location.mode)
            };
            match created.and_then(Session::new) {
                Ok(mut session) => {
                    // The card was checked when chosen; a failure here leaves the database usable and the
                    // card can be taken on the Обмен screen.
                    if let Some((text, _)) = form.card.as_ref().filter(|_| !form.municipality) {
                        let _ = session.take_key_card(text);
                    }
                    result = Some(Screen::Open(Box::new(OpenScreen::new(session))))
                }
                // What is missing is said of the school (or the municipality), field by field — not of
                // «запись «организация»».
                Err(app::StorageError::Invalid { errors, .. }) => {
                    let what = if form.municipality { s::FIRST_MUNICIPALITY } else { s::FIRST_SCHOOL };
                    let fields: Vec<String> = errors.iter().map(|e| format!("{} — {}", e.label, e.message)).collect();
                    form.error = Some(format!("{what}: {}", fields.join("; ")));
                }
                Err(e) => form.error = Some(e.to_string()),
            }
        }
        if ui.button(s::OPEN_DEMO).clicked() {
            match app::open_demo(&location.path) {
                Ok(session) => result = Some(Screen::Open(Box::new(OpenScreen::new(session)))),
                Err(e) => form.error = Some(e.to_string()),
            }
        }
    });
    if let Some(err) = &form.error {
        ui.colored_label(theme::ERROR, err);
    }
    ui.add_space(theme::GAP);
    ui.label(format!("{}: {}", s::FILE, location.path.display()));
    result
}

impl OpenScreen {
    fn new(session: Session) -> Self {
        Self {
            daily_backup: session.daily_backup_job(),
            daily_backup_failed: None,
            leaving: None,
            adding: None,
            after_save: None,
            close_now: false,
            session,
            section: Section::Today,
            import: import::ImportScreen::default(),
            settings: settings::SettingsScreen::default(),
            history: history::HistoryScreen::default(),
            registers: registers::Registers::default(),
            group: group::GroupScreen::default(),
            indicators: indicators::IndicatorsScreen::default(),
            reports: reports::ReportsScreen::default(),
            cycle: cycle::CycleScreen::default(),
            associations: associations::AssociationsScreen::default(),
            exchange: exchange::ExchangeScreen::default(),
            card: None,
            new_teacher: None,
            staff: Vec::new(),
            search: Default::default(),
            table: staff::StaffTable::default(),
            year: SchoolYear(0),
            cache_date: None,
            attention: Vec::new(),
            schedule_due: Vec::new(),
            cache_generation: 0,
        }
    }

    /// The desk with the lists of its first frame already built (in the background, for `lists.view`).
    fn with_lists(session: Session, lists: Lists) -> Self {
        let mut open = Self::new(session);
        open.take_lists(lists);
        open
    }

    fn take_lists(&mut self, lists: Lists) {
        self.staff = lists.staff;
        self.attention = lists.attention;
        self.schedule_due = lists.schedule_due;
        if let Some(search) = lists.search {
            self.search = search;
        }
        self.cache_generation = self.session.generation;
        self.cache_date = Some(lists.view);
    }

    /// Takes the day's backup when its job has finished: records it, or keeps why it failed.
    fn poll_daily_backup(&mut self) {
        let Some(result) = self.daily_backup.as_ref().and_then(app::jobs::Job::poll) else { return };
        self.daily_backup = None;
        let noted = match result {
            Ok(Ok(path)) => self.session.note_daily_backup(&path).map_err(|e| e.to_string()),
            Ok(Err(e)) => Err(e.to_string()),
            Err(()) => Err(s::BACKUP_FAILED.to_string()),
        };
        self.daily_backup_failed = noted.err();
    }

    /// The day's backup in the top bar (where it moves nothing else): its progress while it runs, what
    /// went wrong if it failed.
    fn daily_backup_ui(&self, ui: &mut egui::Ui) {
        if let Some(job) = &self.daily_backup {
            // A bar without a spinner: the window need not repaint at once for a job of seconds.
            ui.add(egui::ProgressBar::new(job.fraction()).desired_width(240.0).text(s::DAILY_BACKUP_RUNNING));
            ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
        } else if let Some(why) = &self.daily_backup_failed {
            ui.colored_label(theme::ERROR, format!("{} {why}", s::DAILY_BACKUP_FAILED));
        }
        if let Some(why) = self.session.read_only_reason() {
            ui.colored_label(theme::ERROR, format!("{} {why}.", s::READ_ONLY));
        }
        for note in self.session.notes().iter().filter(|n| !n.starts_with("База открыта только для чтения"))
        {
            ui.colored_label(theme::WARNING, note);
        }
    }

    /// Whether an edit is not yet saved.
    fn dirty(&self) -> bool {
        self.card.as_ref().is_some_and(card::Card::dirty) || self.new_teacher.as_ref().is_some_and(|f| f.dirty)
    }

    /// Saves every open edit (Ctrl+S, or before closing).
    fn save_all(&mut self, today: NaiveDate) {
        if let Some(c) = &mut self.card {
            c.save(&mut self.session, today);
        }
        self.save_new_teacher(today);
    }

    fn save_new_teacher(&mut self, _today: NaiveDate) {
        let Some(form) = &self.new_teacher else { return };
        // The person, the work period from the hire date, the year's assignment and the category: one save.
        self.adding = Some(self.session.send(app::Command::AddTeacher(Box::new(form.data.clone()))));
    }

    /// Whether a save sent by the card or the new teacher's form waits for its outcome.
    fn waiting(&self) -> bool {
        self.adding.is_some() || self.card.as_ref().is_some_and(card::Card::waiting)
    }

    /// Takes the outcomes of the saves sent last frame, then goes where the user asked once they are
    /// done and nothing is left unsaved (a save that failed keeps its form open with its messages).
    fn poll_outcomes(&mut self) {
        if let Some(c) = &mut self.card
            && let card::CardAction::Close = c.poll(&mut self.session)
        {
            self.card = None;
        }
        if let Some(ticket) = self.adding
            && let Some(outcome) = self.session.outcome(ticket)
        {
            self.adding = None;
            match outcome {
                Ok(app::Done::Teacher(id)) => {
                    self.new_teacher = None;
                    self.card = Some(card::Card::new(id));
                    self.section = Section::Staff;
                }
                Ok(app::Done::Refused(problems)) => {
                    if let Some(form) = &mut self.new_teacher {
                        form.problems = problems;
                    }
                }
                Ok(app::Done::Written) => {}
                Err(e) => {
                    if let Some(form) = &mut self.new_teacher {
                        form.problems.insert("", e.to_string());
                    }
                }
            }
        }
        if let Some(after) = self.after_save
            && !self.waiting()
        {
            self.after_save = None;
            if !self.dirty() {
                match after {
                    AfterSave::Go(to) => self.go(to),
                    AfterSave::Close => self.close_now = true,
                }
            }
        }
    }

    /// The date the screens show: today in the current school year, the last day of a past one, the
    /// first day of the next.
    fn view_date(&self, today: NaiveDate) -> NaiveDate {
        let current = SchoolYear::of(today);
        if self.year == current {
            today
        } else if self.year < current {
            self.year.last_day()
        } else {
            self.year.first_day()
        }
    }

    fn open_card(&mut self, person: PersonId) {
        self.section = Section::Staff;
        self.new_teacher = None;
        self.card = Some(card::Card::new(person));
    }

    fn shortcuts(&mut self, ui: &mut egui::Ui, today: NaiveDate) {
        use egui::{Key, Modifiers};
        let (save, new, find) = ui.input_mut(|i| {
            (
                i.consume_key(Modifiers::COMMAND, Key::S),
                i.consume_key(Modifiers::COMMAND, Key::N),
                i.consume_key(Modifiers::COMMAND, Key::F),
            )
        });
        // Esc closes an open list first (egui does that); only then does it cancel the edit.
        let escape = !egui::Popup::is_any_open(ui.ctx()) && ui.input(|i| i.key_pressed(Key::Escape));
        if save {
            self.save_all(today);
        }
        if find {
            self.section = Section::Staff;
            self.card = None;
            self.table.focus_search = true;
        }
        if escape {
            if let Some(c) = &mut self.card {
                c.cancel();
            }
            self.new_teacher = None;
        }
        if new && self.section == Section::Staff {
            match &mut self.card {
                Some(c) => c.add(&self.session, today),
                None => self.start_new_teacher(today),
            }
        }
    }

    fn start_new_teacher(&mut self, _today: NaiveDate) {
        self.new_teacher = Some(new_teacher::NewTeacherForm::default());
    }

    /// Goes where the user asked.
    fn go(&mut self, to: Leave) {
        match to {
            Leave::To(section) => {
                self.section = section;
                if section == Section::Staff {
                    self.card = None;
                }
            }
            Leave::List => self.card = None,
        }
    }

    /// The question when a way out of an unsaved edit was taken: save, do not save, or stay.
    fn leave_ui(&mut self, ui: &mut egui::Ui, today: NaiveDate) {
        let Some(to) = self.leaving else { return };
        egui::Modal::new(egui::Id::unique("unsaved_leave")).show(ui.ctx(), |ui| {
            ui.heading(s::UNSAVED_TITLE);
            ui.label(s::UNSAVED_LEAVE_TEXT);
            ui.horizontal(|ui| {
                if ui.button(s::SAVE).clicked() {
                    self.save_all(today);
                    // Goes once the save is done; a save that failed keeps the form open with its messages.
                    self.leaving = None;
                    self.after_save = Some(AfterSave::Go(to));
                }
                if ui.button(s::DO_NOT_SAVE).clicked() {
                    if let Some(c) = &mut self.card {
                        c.cancel();
                    }
                    self.new_teacher = None;
                    self.leaving = None;
                    self.go(to);
                }
                if ui.button(s::STAY).clicked() {
                    self.leaving = None;
                }
            });
        });
    }

    fn ui(&mut self, ui: &mut egui::Ui, today: NaiveDate, dialogs: &dyn dialogs::FileDialogs) {
        if self.session.today() != today {
            self.session.set_today(today);
        }
        self.poll_outcomes();
        self.leave_ui(ui, today);
        if self.year.0 == 0 {
            self.year = SchoolYear::of(today);
        }
        let view = self.view_date(today);
        if self.cache_generation != self.session.generation || self.cache_date != Some(view) {
            let lists = Lists::build(&self.session, view, self.cache_generation != self.session.generation);
            self.take_lists(lists);
        }
        self.shortcuts(ui, today);
        self.poll_daily_backup();
        egui::Panel::top("top").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(&self.session.org().name);
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.label(format!("{} {}", s::TODAY, fmt_date(today)));
                    let current = SchoolYear::of(today);
                    // Right to left: the list first, so that its label stands before it.
                    let year_list = egui::ComboBox::from_id_salt("school_year")
                        .selected_text(self.year.to_string())
                        .show_ui(ui, |ui| {
                            for k in (-5..=1).rev() {
                                let y = SchoolYear(current.0 + k);
                                ui.selectable_value(&mut self.year, y, y.to_string());
                            }
                        })
                        .response;
                    let l = ui.label(s::SCHOOL_YEAR);
                    year_list.labelled_by(l.id);
                    if self.year != current {
                        ui.colored_label(theme::WARNING, format!("{} {}", s::VIEW_AS_OF, fmt_date(view)));
                    }
                    self.daily_backup_ui(ui);
                });
            });
        });
        egui::Panel::left("nav").resizable(false).default_size(190.0).show(ui, |ui| {
            ui.add_space(theme::GAP);
            for section in &Section::all() {
                let mut title = section.label().to_string();
                if *section == Section::Today {
                    let n: usize = self.attention.iter().map(|g| g.items.len()).sum();
                    if n > 0 {
                        title = format!("{title} ({n})");
                    }
                }
                if ui.selectable_label(self.section == *section, title).clicked() {
                    // An unsaved edit is never thrown away without a word.
                    if self.dirty() {
                        self.leaving = Some(Leave::To(*section));
                    } else {
                        self.go(Leave::To(*section));
                    }
                }
            }
        });
        egui::CentralPanel::default().show(ui, |ui| match self.section {
            Section::Import => self.import.ui(ui, &mut self.session, dialogs),
            Section::Settings => self.settings.ui(ui, &mut self.session),
            Section::History => {
                ui.heading(s::HISTORY_ALL);
                self.history.ui(ui, &mut self.session);
            }
            Section::Today => {
                let school = self.session.org().role == crate::domain::OrgRole::School;
                let empty = self.session.data().persons.is_empty().then_some(school);
                match today::today_ui(ui, &self.attention, &self.schedule_due, empty) {
                    Some(today::TodayAction::Open(p)) => self.open_card(p),
                    Some(today::TodayAction::AddTeacher) => {
                        self.section = Section::Staff;
                        self.start_new_teacher(today);
                    }
                    Some(today::TodayAction::Import) => self.section = Section::Import,
                    Some(today::TodayAction::Exchange) => self.section = Section::Exchange,
                    None => {}
                }
            }
            Section::Staff => self.staff_ui(ui, today),
            Section::Register(r) => {
                self.registers.register = r;
                if let Some(p) = self.registers.ui(ui, &mut self.session, view) {
                    self.open_card(p);
                }
            }
            Section::Indicators => {
                if let Some(p) = self.indicators.ui(ui, &mut self.session, self.year) {
                    self.open_card(p);
                }
            }
            Section::Reports => self.reports.ui(ui, &mut self.session, self.year, dialogs),
            Section::Cycle => self.cycle.ui(ui, &mut self.session, self.year),
            Section::Associations => self.associations.ui(ui, &mut self.session, &self.staff, self.year),
            Section::Exchange => self.exchange.ui(ui, &mut self.session, dialogs),
            Section::Group => self.group.ui(ui, &mut self.session, &self.staff),
        });
        // The changes the screens sent this frame, applied once, after everything is drawn; their
        // outcomes are taken in the next frame, drawn at once.
        if self.session.apply_queued() > 0 {
            ui.ctx().request_repaint();
        }
    }

    fn staff_ui(&mut self, ui: &mut egui::Ui, today: NaiveDate) {
        if let Some(c) = &mut self.card {
            if let card::CardAction::Close = c.ui(ui, &mut self.session, today) {
                if c.dirty() {
                    self.leaving = Some(Leave::List);
                } else {
                    self.card = None;
                }
            }
            return;
        }
        if let Some(f) = &mut self.new_teacher {
            match f.ui(ui, today) {
                new_teacher::Action::Save => self.save_new_teacher(today),
                new_teacher::Action::Cancel => self.new_teacher = None,
                new_teacher::Action::None => {}
            }
            return;
        }
        let (open, add) = self.table.ui(
            ui,
            &self.staff,
            self.cache_generation ^ self.cache_date.map_or(0, |d| d.to_epoch_days() as u64),
            &self.search,
        );
        if add {
            self.start_new_teacher(today);
        }
        if let Some(p) = open {
            self.open_card(p);
        }
    }
}

/// The app's icon (also in the Windows executable and the installer: `assets/icon.ico`).
pub const ICON_PNG: &[u8] = include_bytes!("../../assets/icon.png");

/// Starts the native window with `renderer` on the database at `location` and opens `open` in it. `started` runs once the renderer works and
/// the app is made: an error before it means this renderer could not start (`crate::launch` then
/// tries the next one).
pub fn run_native(
    location: paths::DbLocation,
    open: Option<PathBuf>,
    renderer: eframe::Renderer,
    started: impl FnOnce() + 'static,
) -> Result<(), String> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(s::TITLE)
        .with_app_id("uchrost")
        .with_inner_size([1280.0, 760.0])
        .with_min_inner_size([800.0, 500.0]);
    // The first start opens maximised; later ones where and as big as the window was left.
    viewport = match paths::window_place() {
        Some(p) => viewport.with_position([p.x, p.y]).with_inner_size([p.width, p.height]).with_maximized(p.maximized),
        None => viewport.with_maximized(true),
    };
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON_PNG) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions { viewport, renderer, ..Default::default() };
    let today = app::today();
    eframe::run_native(
        s::TITLE,
        options,
        Box::new(move |_cc| {
            started();
            let mut app = UchrostApp::new(location, today);
            if let Some(exe) = std::env::current_exe().ok().and_then(|e| e.parent().map(|d| d.join(paths::DB_FILE))) {
                app = app.with_portable_choice(exe);
            }
            if let Some(file) = open {
                app.open_file(file);
            }
            Ok(Box::new(NativeApp(app, None, None)))
        }),
    )
    .map_err(|e| e.to_string())
}

/// The real window: the app, the database it last remembered as opened, and the window's place last
/// remembered.
struct NativeApp(UchrostApp, Option<PathBuf>, Option<paths::WindowPlace>);

impl eframe::App for NativeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.0.ui(ui);
        // Later starts reopen the database in use now (a demo opened from the first start included).
        if let Some(session) = self.0.session()
            && self.1.as_deref() != Some(session.path())
        {
            paths::remember_last(session.path());
            self.1 = Some(session.path().to_path_buf());
        }
        // The window's place, remembered when it settles on a new one (not every frame).
        let place = ui.ctx().input(|i| {
            let v = i.viewport();
            let (outer, inner) = (v.outer_rect?, v.inner_rect?);
            Some(paths::WindowPlace {
                x: outer.min.x,
                y: outer.min.y,
                width: inner.width(),
                height: inner.height(),
                maximized: v.maximized.unwrap_or(false),
            })
        });
        if let Some(place) = place
            && self.2 != Some(place)
            && !ui.ctx().input(|i| i.pointer.any_down())
        {
            paths::remember_window_place(place);
            self.2 = Some(place);
        }
    }
}
