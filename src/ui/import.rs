//! «Импорт из таблицы»: choose what to load and the file, check and correct the columns, read the
//! preview of every row, and confirm. Reading and planning run in the background.

use super::dialogs::FileDialogs;
use super::{strings as s, theme};
use crate::app::Notice;
use crate::app::Session;
use crate::app::import::{self as imp, ImportError, Prepared};
use crate::app::import::{EventInfo, Field, ImportKind, RowStatus};
use crate::app::jobs::Job;
use crate::domain::{EventKind, Level, parse_date};
use std::path::PathBuf;

type Planned = Result<Prepared, ImportError>;

/// The state of the import screen.
pub struct ImportScreen {
    kind: ImportKind,
    file: Option<PathBuf>,
    sheets: Vec<String>,
    sheet: Option<String>,
    prepared: Option<Prepared>,
    job: Option<Job<Planned>>,
    accept_valid: bool,
    message: Option<Notice>,
    event_title: String,
    event_date: String,
    /// `None` = a professional contest.
    event_kind: Option<EventKind>,
    event_level: Level,
    /// The school year the assignments go to (none: the current one).
    school_year: Option<crate::domain::SchoolYear>,
}

impl Default for ImportScreen {
    fn default() -> Self {
        Self {
            kind: ImportKind::Teachers,
            file: None,
            sheets: Vec::new(),
            sheet: None,
            prepared: None,
            job: None,
            accept_valid: false,
            message: None,
            event_title: String::new(),
            event_date: String::new(),
            event_kind: Some(EventKind::Seminar),
            event_level: Level::School,
            school_year: None,
        }
    }
}

impl ImportScreen {
    /// Whether a background job is running (tests wait for it).
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    fn event(&self) -> Result<Option<EventInfo>, String> {
        if self.kind != ImportKind::Participants {
            return Ok(None);
        }
        if self.event_title.trim().is_empty() {
            return Err(s::IMPORT_EVENT_TITLE_MISSING.into());
        }
        let date = parse_date(&self.event_date).ok_or_else(|| s::IMPORT_EVENT_DATE_BAD.to_string())?;
        Ok(Some(EventInfo {
            title: self.event_title.trim().into(),
            kind: self.event_kind,
            date,
            level: self.event_level,
        }))
    }

    /// Takes a file to read (from the dialog, the command line or a drop on the window).
    pub fn open_file(&mut self, path: PathBuf, session: &Session) {
        match crate::app::import::sheet_names(&path) {
            Ok(names) => {
                self.sheet = names.first().cloned();
                self.sheets = names;
                self.file = Some(path);
                self.school_year = None;
                self.start_read(session);
            }
            Err(e) => self.message = Some(Notice::Failed(e.to_string())),
        }
    }

    /// Reads the file and plans it in the background.
    fn start_read(&mut self, session: &Session) {
        let Some(path) = self.file.clone() else { return };
        let event = match self.event() {
            Ok(e) => e,
            Err(m) => {
                self.message = Some(Notice::Failed(m));
                return;
            }
        };
        let (kind, sheet, remembered) = (self.kind, self.sheet.clone(), session.import_remembered(self.kind));
        let (data, school, today) = (session.shared_data(), session.org().id, session.today());
        let year = self.school_year;
        self.prepared = None;
        self.message = None;
        self.job = Some(Job::spawn(s::IMPORT_READING, move |progress| {
            let (sheet, header) = imp::read_with(&path, sheet.as_deref(), kind, &remembered)?;
            progress.set(0.3);
            imp::plan(&data, sheet, header, &imp::Context { kind, school, today, event, school_year: year })
        }));
    }

    /// Plans again after a column was remapped.
    fn start_replan(&mut self, session: &Session, prepared: Prepared) {
        let event = self.event().ok().flatten();
        let (kind, data, school, today) = (self.kind, session.shared_data(), session.org().id, session.today());
        let year = self.school_year;
        self.job = Some(Job::spawn(s::IMPORT_PLANNING, move |_| {
            imp::plan(
                &data,
                prepared.sheet,
                prepared.header,
                &imp::Context { kind, school, today, event, school_year: year },
            )
        }));
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, session: &mut Session, dialogs: &dyn FileDialogs) {
        if let Some(job) = &self.job {
            match job.poll() {
                None => {
                    ui.ctx().request_repaint_after(std::time::Duration::from_millis(50));
                }
                Some(result) => {
                    self.job = None;
                    match result {
                        Ok(Ok(p)) => self.prepared = Some(p),
                        Ok(Err(e)) => self.message = Some(Notice::Failed(e.to_string())),
                        Err(()) => self.message = Some(Notice::Failed(s::IMPORT_JOB_FAILED.into())),
                    }
                }
            }
        }
        ui.heading(s::IMPORT_TITLE);
        ui.label(s::IMPORT_HINT);
        ui.add_space(theme::GAP_SMALL);
        self.choose_ui(ui, session, dialogs);
        if let Some(job) = &self.job {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.add(egui::ProgressBar::new(job.fraction()).desired_width(240.0).text(job.title.as_str()));
            });
        }
        super::widgets::outcome(ui, &self.message);
        if self.prepared.is_some() && self.job.is_none() {
            ui.separator();
            self.preview_ui(ui, session, dialogs);
        }
    }

    fn choose_ui(&mut self, ui: &mut egui::Ui, session: &Session, dialogs: &dyn FileDialogs) {
        let mut reread = false;
        egui::Grid::new("import_choose").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
            let kind_label = ui.label(s::IMPORT_KIND);
            ui.horizontal(|ui| {
                let before = self.kind;
                egui::ComboBox::from_id_salt("import_kind")
                    .selected_text(self.kind.label())
                    .width(320.0)
                    .show_ui(ui, |ui| {
                        for k in ImportKind::ALL {
                            ui.selectable_value(&mut self.kind, *k, k.label());
                        }
                    })
                    .response
                    .labelled_by(kind_label.id);
                if before != self.kind {
                    reread = true;
                }
                if dialogs.pressed(&ui.button(s::IMPORT_TEMPLATE))
                    && let Some(path) = dialogs.save_xlsx(&format!("Шаблон — {}.xlsx", self.kind.label()))
                {
                    self.message = Some(match crate::app::import::write_template(self.kind, &path) {
                        Ok(()) => Notice::Done(format!("{} {}", s::IMPORT_TEMPLATE_SAVED, path.display())),
                        Err(e) => Notice::Failed(e.to_string()),
                    });
                }
            });
            ui.end_row();
            ui.label(s::IMPORT_FILE);
            ui.horizontal(|ui| {
                if dialogs.pressed(&ui.button(s::IMPORT_CHOOSE_FILE))
                    && let Some(path) = dialogs.open_sheet()
                {
                    self.open_file(path, session);
                }
                if let Some(f) = &self.file {
                    ui.label(f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
                }
                if self.sheets.len() > 1 {
                    let before = self.sheet.clone();
                    super::widgets::labelled_combo(
                        ui,
                        s::IMPORT_SHEET,
                        self.sheet.clone().unwrap_or_default(),
                        160.0,
                        |ui| {
                            for name in &self.sheets {
                                ui.selectable_value(&mut self.sheet, Some(name.clone()), name);
                            }
                        },
                    );
                    reread |= before != self.sheet;
                }
            });
            ui.end_row();
            if self.kind == ImportKind::Participants {
                let l = ui.label(s::IMPORT_EVENT_TITLE);
                reread |= ui
                    .add(egui::TextEdit::singleline(&mut self.event_title).desired_width(360.0))
                    .labelled_by(l.id)
                    .lost_focus();
                ui.end_row();
                let l = ui.label(s::IMPORT_EVENT_DATE);
                reread |= ui
                    .add(egui::TextEdit::singleline(&mut self.event_date).desired_width(100.0).hint_text("дд.мм.гггг"))
                    .labelled_by(l.id)
                    .lost_focus();
                ui.end_row();
                let kind_label = ui.label(s::IMPORT_EVENT_KIND);
                ui.horizontal(|ui| {
                    let before = (self.event_kind, self.event_level);
                    egui::ComboBox::from_id_salt("event_kind")
                        .selected_text(self.event_kind.map_or(s::CONTEST, EventKind::label))
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut self.event_kind, None, s::CONTEST);
                            for k in EventKind::ALL {
                                ui.selectable_value(&mut self.event_kind, Some(*k), k.label());
                            }
                        })
                        .response
                        .labelled_by(kind_label.id);
                    super::widgets::labelled_combo(ui, s::IMPORT_EVENT_LEVEL, self.event_level.label(), 160.0, |ui| {
                        for l in Level::ALL {
                            ui.selectable_value(&mut self.event_level, *l, l.label());
                        }
                    });
                    reread |= before != (self.event_kind, self.event_level);
                });
                ui.end_row();
            }
        });
        if reread && self.file.is_some() {
            self.start_read(session);
        }
    }

    fn preview_ui(&mut self, ui: &mut egui::Ui, session: &mut Session, dialogs: &dyn FileDialogs) {
        let mut remap: Option<(usize, Option<Field>)> = None;
        let mut year_choice = None;
        if let Some(prepared) = &self.prepared {
            ui.label(&prepared.plan.as_of_note);
            if prepared.plan.kind == ImportKind::Teachers {
                let plan = &prepared.plan;
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!("{} {} {}.", s::IMPORT_YEAR, plan.school_year, s::IMPORT_YEAR_SUFFIX));
                    let current = crate::domain::SchoolYear::of(session.today());
                    if plan.school_year != current {
                        if ui.button(format!("{} {current}", s::IMPORT_YEAR_CURRENT)).clicked() {
                            year_choice = Some(current);
                        }
                    } else if let Some(y) = plan.sheet_year
                        && ui
                            .button(format!("{} {y} ({})", s::IMPORT_YEAR_OF_SHEET, s::IMPORT_YEAR_SHEET_SAYS))
                            .clicked()
                    {
                        year_choice = Some(y);
                    }
                });
            }
            if !prepared.plan.unused.is_empty() {
                let list: Vec<String> = prepared.plan.unused.iter().map(|t| format!("«{t}»")).collect();
                ui.colored_label(theme::WARNING, format!("{} {}", s::IMPORT_UNUSED, list.join(", ")));
            }
            // The columns, each with what it is taken for; changing one plans again.
            ui.collapsing(s::IMPORT_COLUMNS, |ui| {
                egui::Grid::new("import_columns").num_columns(2).striped(true).show(ui, |ui| {
                    for (i, title) in prepared.header.titles.iter().enumerate() {
                        if title.trim().is_empty() {
                            continue;
                        }
                        let current = prepared.header.columns[i];
                        let label = format!("{} {}: «{}»", s::IMPORT_COLUMN, i + 1, title);
                        let mut choice = current;
                        let l = ui.label(&label);
                        egui::ComboBox::from_id_salt(("import_column", i))
                            .selected_text(choice.map_or(s::IMPORT_SKIP, Field::label))
                            .width(240.0)
                            .show_ui(ui, |ui| {
                                ui.selectable_value(&mut choice, None, s::IMPORT_SKIP);
                                for f in self.kind.fields() {
                                    ui.selectable_value(&mut choice, Some(*f), f.label());
                                }
                            })
                            .response
                            .labelled_by(l.id);
                        if choice != current {
                            remap = Some((i, choice));
                        }
                        ui.end_row();
                    }
                });
            });
        }
        if let Some(year) = year_choice
            && let Some(p) = self.prepared.take()
        {
            self.school_year = Some(year);
            self.start_replan(session, p);
            return;
        }
        if let Some((i, field)) = remap
            && let Some(mut p) = self.prepared.take()
        {
            // A field belongs to one column: taking it elsewhere frees the old column.
            for c in p.header.columns.iter_mut() {
                if field.is_some() && *c == field {
                    *c = None;
                }
            }
            p.header.columns[i] = field;
            self.start_replan(session, p);
            return;
        }
        let Some(prepared) = &self.prepared else { return };
        let c = prepared.plan.counts();
        ui.horizontal(|ui| {
            ui.strong(format!(
                "{}: {} {}, {} {}, {} {}, {} {}, {} {}",
                s::IMPORT_TOTAL,
                s::IMPORT_CREATE,
                c.create,
                s::IMPORT_UPDATE,
                c.update,
                s::IMPORT_UNCHANGED,
                c.unchanged,
                s::IMPORT_ERRORS,
                c.errors,
                s::IMPORT_SKIPPED,
                c.skipped
            ));
        });
        let mut confirm = false;
        ui.horizontal(|ui| {
            if c.errors > 0 {
                ui.checkbox(&mut self.accept_valid, s::IMPORT_ACCEPT_VALID);
            }
            let can = c.create + c.update > 0 && (c.errors == 0 || self.accept_valid);
            let label = format!("{} ({})", s::IMPORT_CONFIRM, c.create + c.update);
            confirm = ui.add_enabled(can, egui::Button::new(label)).clicked();
            if c.errors > 0
                && dialogs.pressed(&ui.button(s::IMPORT_SAVE_ERRORS))
                && let Some(path) = dialogs.save_xlsx("Строки с ошибками.xlsx")
            {
                self.message = Some(match crate::app::import::save_errors(prepared, &path) {
                    Ok(n) => Notice::Done(format!("{} ({n}): {}", s::IMPORT_ERRORS_SAVED, path.display())),
                    Err(e) => Notice::Failed(e.to_string()),
                });
            }
        });
        preview_table_ui(ui, prepared);
        if confirm {
            let file = self
                .file
                .as_ref()
                .and_then(|f| f.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match session.import_apply(prepared, self.accept_valid, &file) {
                Ok(w) => {
                    self.message = Some(Notice::Done(w.summary(s::IMPORT_DONE)));
                    self.prepared = None;
                }
                Err(e) => self.message = Some(Notice::Failed(e.to_string())),
            }
        }
    }
}

fn preview_table_ui(ui: &mut egui::Ui, prepared: &Prepared) {
    use egui_extras::{Column, TableBuilder};
    let rows = &prepared.plan.rows;
    TableBuilder::new(ui)
        .striped(true)
        .column(Column::exact(60.0))
        .column(Column::initial(280.0))
        .column(Column::initial(130.0))
        .column(Column::remainder())
        .header(22.0, |mut h| {
            for t in s::IMPORT_PREVIEW_COLUMNS {
                h.col(|ui| {
                    ui.strong(*t);
                });
            }
        })
        .body(|body| {
            body.rows(22.0, rows.len(), |mut row| {
                let r = &rows[row.index()];
                let (status, details, color) = match &r.status {
                    RowStatus::Create => (s::IMPORT_WILL_CREATE, r.stored.clone(), None),
                    RowStatus::Update(ch) => (s::IMPORT_WILL_UPDATE, ch.join("; "), None),
                    RowStatus::Unchanged => (s::IMPORT_NO_CHANGE, String::new(), None),
                    RowStatus::Skipped(why) => (s::IMPORT_WILL_SKIP, why.clone(), None),
                    RowStatus::Error(errors) => (
                        s::IMPORT_ERROR,
                        errors.iter().map(|e| format!("«{}»: {}", e.column, e.message)).collect::<Vec<_>>().join("; "),
                        Some(theme::ERROR),
                    ),
                };
                row.col(|ui| {
                    ui.label(r.row.to_string());
                });
                row.col(|ui| {
                    ui.label(&r.who);
                });
                row.col(|ui| {
                    match color {
                        Some(c) => ui.colored_label(c, status),
                        None => ui.label(status),
                    };
                });
                row.col(|ui| {
                    // Long details are cut at the column's edge; hovering shows them whole.
                    let response = ui.label(details.as_str());
                    if !details.is_empty() {
                        response.on_hover_text(details);
                    }
                });
            });
        });
}
