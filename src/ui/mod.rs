//! egui screens only: they read view models from `app` and call its use cases; they never touch the
//! database directly. The full deputy head's desk is built on this window.

pub mod dialogs;
pub mod import;
pub mod strings;
pub mod theme;

use crate::app::{self, Session, paths};
use crate::domain::dates::fmt_date;
use crate::domain::{PersonState, plural};
use chrono::NaiveDate;
use std::path::PathBuf;
use strings as s;

/// What the window shows.
enum Screen {
    /// No database yet: choose school or municipality, or open a demo.
    FirstStart(FirstStartForm),
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
    error: Option<String>,
}

/// The sections of the navigation panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Staff,
    Import,
}

struct OpenScreen {
    session: Session,
    section: Section,
    import: import::ImportScreen,
    /// The staff list on `today`, rebuilt only when the data changes.
    staff: Vec<PersonState>,
    staff_generation: u64,
    filter: String,
}

/// The application window.
pub struct UchrostApp {
    screen: Screen,
    location: paths::DbLocation,
    today: NaiveDate,
    dialogs: Box<dyn dialogs::FileDialogs>,
}

impl UchrostApp {
    /// Opens the database at `location`, or shows the first start when it does not exist yet.
    pub fn new(location: paths::DbLocation, today: NaiveDate) -> Self {
        let screen = if location.path.exists() {
            match app::open(&location.path, location.mode).and_then(Session::new) {
                Ok(session) => Screen::Open(Box::new(OpenScreen::new(session))),
                Err(e) => Screen::Failed { message: e.to_string(), path: location.path.clone() },
            }
        } else {
            Screen::FirstStart(FirstStartForm::default())
        };
        Self { screen, location, today, dialogs: Box::new(dialogs::NativeDialogs) }
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

    /// Whether background work is running (tests step until it is done).
    pub fn busy(&self) -> bool {
        matches!(&self.screen, Screen::Open(o) if o.import.busy())
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
        // A spreadsheet dropped on the window goes to the import screen.
        let dropped: Option<PathBuf> = ui
            .ctx()
            .input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).find(|p| !p.as_os_str().is_empty()));
        if let Some(file) = dropped {
            self.open_import(file);
        }
        let mut next: Option<Screen> = None;
        match &mut self.screen {
            Screen::FirstStart(form) => {
                egui::CentralPanel::default().show(ui, |ui| {
                    if let Some(s) = first_start_ui(ui, form, &self.location) {
                        next = Some(s);
                    }
                });
            }
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
        }
    }
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
    ui.add_space(8.0);
    ui.label(format!("{}: {}", s::FILE, path.display()));
    ui.add_space(8.0);
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
                match app::restore(path, &b.path, location.mode)
                    .and_then(|()| app::open(path, location.mode))
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

fn first_start_ui(ui: &mut egui::Ui, form: &mut FirstStartForm, location: &paths::DbLocation) -> Option<Screen> {
    let mut result = None;
    ui.vertical_centered(|ui| {
        ui.add_space(40.0);
        ui.heading(s::WELCOME);
        ui.label(s::WELCOME_TEXT);
        ui.add_space(16.0);
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
    });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button(s::CREATE).clicked() {
            let created = if form.municipality {
                app::create_municipality(&location.path, &form.name, &form.code, location.mode)
            } else {
                app::create_school(&location.path, &form.name, &form.code, location.mode)
            };
            match created.and_then(Session::new) {
                Ok(session) => result = Some(Screen::Open(Box::new(OpenScreen::new(session)))),
                Err(e) => form.error = Some(e.to_string()),
            }
        }
        if ui.button(s::OPEN_DEMO).clicked() {
            let demo_path = location.path.with_file_name("uchrost-demo.db");
            let opened = if demo_path.exists() {
                app::open(&demo_path, app::DiskMode::Local)
            } else {
                app::create_school(
                    &demo_path,
                    "МОУ «Средняя общеобразовательная школа № 1» (демо)",
                    "001",
                    app::DiskMode::Local,
                )
                .and_then(|mut st| {
                    app::fill_school_demo(&mut st, 60, 1, app::today())?;
                    Ok(st)
                })
            };
            match opened.and_then(Session::new) {
                Ok(session) => result = Some(Screen::Open(Box::new(OpenScreen::new(session)))),
                Err(e) => form.error = Some(e.to_string()),
            }
        }
    });
    if let Some(err) = &form.error {
        ui.colored_label(theme::ERROR, err);
    }
    ui.add_space(8.0);
    ui.label(format!("{}: {}", s::FILE, location.path.display()));
    result
}

impl OpenScreen {
    fn new(session: Session) -> Self {
        Self {
            session,
            section: Section::Staff,
            import: import::ImportScreen::default(),
            staff: Vec::new(),
            staff_generation: 0,
            filter: String::new(),
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, today: NaiveDate, dialogs: &dyn dialogs::FileDialogs) {
        if self.staff_generation != self.session.generation {
            self.staff = app::staff_on(self.session.data(), today, self.session.settings())
                .into_iter()
                .filter(|p| p.pedagogical)
                .collect();
            self.staff_generation = self.session.generation;
        }
        egui::Panel::top("top").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(&self.session.org().name);
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.label(format!("{} {}", s::TODAY, fmt_date(today)));
                });
            });
        });
        egui::Panel::left("nav").resizable(false).default_size(190.0).show(ui, |ui| {
            ui.add_space(6.0);
            for (section, title) in [(Section::Staff, s::NAV_STAFF), (Section::Import, s::NAV_IMPORT)] {
                if ui.selectable_label(self.section == section, title).clicked() {
                    self.section = section;
                }
            }
        });
        if self.section == Section::Import {
            egui::CentralPanel::default().show(ui, |ui| self.import.ui(ui, &mut self.session, dialogs));
            return;
        }
        egui::CentralPanel::default().show(ui, |ui| {
            let needle = self.filter.trim().to_lowercase();
            let rows: Vec<&PersonState> = self
                .staff
                .iter()
                .filter(|p| needle.is_empty() || p.full_name.to_lowercase().contains(&needle))
                .collect();
            ui.horizontal(|ui| {
                ui.strong(plural::count(rows.len() as u64, "педагог", "педагога", "педагогов"));
                let label = ui.label(s::SEARCH);
                ui.add(egui::TextEdit::singleline(&mut self.filter).desired_width(240.0)).labelled_by(label.id);
            });
            staff_table_ui(ui, &rows);
        });
    }
}

fn staff_table_ui(ui: &mut egui::Ui, rows: &[&PersonState]) {
    use egui_extras::{Column, TableBuilder};
    TableBuilder::new(ui)
        .striped(true)
        .column(Column::initial(300.0).at_least(160.0))
        .column(Column::initial(60.0))
        .column(Column::initial(60.0))
        .column(Column::initial(90.0))
        .column(Column::initial(110.0))
        .column(Column::initial(100.0))
        .column(Column::initial(130.0))
        .column(Column::remainder())
        .header(22.0, |mut h| {
            for title in s::STAFF_COLUMNS {
                h.col(|ui| {
                    ui.strong(*title);
                });
            }
        })
        .body(|body| {
            body.rows(22.0, rows.len(), |mut row| {
                let p = rows[row.index()];
                row.col(|ui| {
                    ui.label(&p.full_name);
                });
                row.col(|ui| {
                    ui.label(p.age.map(|a| a.to_string()).unwrap_or_default());
                });
                row.col(|ui| {
                    ui.label(p.experience.map(|a| a.to_string()).unwrap_or_default());
                });
                row.col(|ui| {
                    ui.label(p.category.category().map_or("—", |c| c.label()));
                });
                row.col(|ui| {
                    let label = p.category.label();
                    match p.category {
                        crate::domain::rules::CategoryState::Expiring { .. }
                        | crate::domain::rules::CategoryState::Expired { .. } => {
                            ui.colored_label(theme::WARNING, label);
                        }
                        _ => {
                            ui.label(label);
                        }
                    }
                });
                row.col(|ui| {
                    let until = match p.category {
                        crate::domain::rules::CategoryState::Valid { until, .. }
                        | crate::domain::rules::CategoryState::Expiring { until, .. } => fmt_date(until),
                        _ => String::new(),
                    };
                    ui.label(until);
                });
                row.col(|ui| {
                    if p.courses.due {
                        ui.colored_label(theme::WARNING, s::COURSES_DUE);
                    } else {
                        ui.label(format!(
                            "{} {}",
                            s::COURSES_UNTIL,
                            p.courses.due_from.map(fmt_date).unwrap_or_default()
                        ));
                    }
                });
                row.col(|ui| {
                    let mut text = p.subjects.join(", ");
                    if p.young {
                        text = format!("{} {text}", s::YOUNG_MARK);
                    }
                    ui.label(text);
                });
            });
        });
}

/// Starts the native window on the database chosen from `db`, the portable file or the default.
pub fn run_native(db: Option<PathBuf>, import: Option<PathBuf>) -> Result<(), String> {
    let exe = std::env::current_exe().ok();
    let location = paths::resolve(db.as_deref(), exe.as_deref()).ok_or_else(|| s::NO_DATA_DIR.to_string())?;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(s::TITLE)
            .with_inner_size([1280.0, 760.0])
            .with_min_inner_size([800.0, 500.0]),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    let today = app::today();
    eframe::run_native(
        s::TITLE,
        options,
        Box::new(move |cc| {
            theme::apply(&cc.egui_ctx);
            let mut app = UchrostApp::new(location, today);
            if let Some(file) = import {
                app.open_import(file);
            }
            Ok(Box::new(NativeApp(app)))
        }),
    )
    .map_err(|e| e.to_string())
}

struct NativeApp(UchrostApp);

impl eframe::App for NativeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.0.ui(ui);
    }
}
