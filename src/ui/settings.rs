//! «Настройки»: the thresholds the rules use, and the backups (list, make now).

use super::{strings as s, theme};
use crate::app::Notice;
use crate::app::Session;
use crate::domain::RuleSettings;
use crate::domain::dictionaries::Dictionary;

#[derive(Default)]
pub struct SettingsScreen {
    draft: Option<RuleSettings>,
    message: Option<Notice>,
    new_year: Option<crate::domain::plans::NewYearPlan>,
    profile: Option<super::form::Form>,
    /// The reference list being edited, one value per line.
    dictionary: Option<(Dictionary, String)>,
    /// A restore waiting for confirmation, and whether the copy was found to be another organisation's
    /// (then it asks again, and restores only when confirmed).
    restore: Option<std::path::PathBuf>,
    restore_other_org: Option<String>,
    /// «Стереть персональные данные»: the name searched for, and the person chosen (asks to confirm).
    erase_query: String,
    erase_chosen: Option<crate::app::Erasable>,
    /// The people found for the query, kept until the query or the data change (a search reads every
    /// person and the history).
    erase_found: Option<(String, u64, Vec<crate::app::Erasable>)>,
    /// A backup running in the background.
    backup: Option<crate::app::jobs::Job<Result<std::path::PathBuf, crate::app::StorageError>>>,
    /// The thresholds or the new year's copies sent, waiting to be written: what to say then.
    sent: super::pending::Pending<String>,
}

impl SettingsScreen {
    pub fn ui(&mut self, ui: &mut egui::Ui, session: &mut Session) {
        if let Some((done, outcome)) = self.sent.take(session) {
            self.message = Some(Notice::of(outcome, |_| done));
        }
        ui.heading(s::NAV_SETTINGS);
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| self.body_ui(ui, session));
    }

    fn body_ui(&mut self, ui: &mut egui::Ui, session: &mut Session) {
        ui.label(format!("{}: {}", s::FILE, session.path().display()));
        ui.add_space(theme::GAP);
        ui.strong(s::THRESHOLDS);
        let draft = self.draft.get_or_insert_with(|| session.settings().clone());
        egui::Grid::new("thresholds").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
            let l = ui.label(s::YOUNG_AGE);
            ui.add(egui::DragValue::new(&mut draft.young_max_age).range(20..=45)).labelled_by(l.id);
            ui.end_row();
            let l = ui.label(s::YOUNG_EXPERIENCE);
            ui.add(egui::DragValue::new(&mut draft.young_max_experience).range(1..=10)).labelled_by(l.id);
            ui.end_row();
            let l = ui.label(s::HORIZON);
            ui.add(egui::DragValue::new(&mut draft.expiry_horizon_months).range(1..=36)).labelled_by(l.id);
            ui.end_row();
            let l = ui.label(s::COURSE_YEARS);
            ui.add(egui::DragValue::new(&mut draft.course_period_years).range(1..=5)).labelled_by(l.id);
            ui.end_row();
            let l = ui.label(s::OVERLOAD);
            ui.add(egui::DragValue::new(&mut draft.overload_hours).range(18.0..=60.0)).labelled_by(l.id);
            ui.end_row();
            let l = ui.label(s::MISMATCH_SHARE);
            let mut percent = (draft.mismatch_share * 100.0).round();
            if ui.add(egui::DragValue::new(&mut percent).range(5.0..=90.0).suffix(" %")).labelled_by(l.id).changed() {
                draft.mismatch_share = percent / 100.0;
            }
            ui.end_row();
        });
        if ui.button(s::SAVE_SETTINGS).clicked()
            && let Some(d) = self.draft.clone()
        {
            self.sent.send(session, crate::app::Command::SetRuleSettings(d), s::SAVED.into());
        }
        ui.add_space(theme::GAP_LARGE);
        self.new_year_ui(ui, session);
        ui.add_space(theme::GAP_LARGE);
        ui.collapsing(s::PROFILE, |ui| self.profile_ui(ui, session));
        ui.collapsing(s::DICTIONARIES, |ui| self.dictionaries_ui(ui, session));
        ui.collapsing(s::BACKUPS, |ui| self.backups_ui(ui, session));
        ui.collapsing(s::JOURNAL, |ui| journal_ui(ui, session));
        ui.collapsing(s::ERASE, |ui| self.erase_ui(ui, session));
        super::widgets::outcome(ui, &self.message);
    }
}

/// «Журнал операций»: every operation that changed the database, newest first.
fn journal_ui(ui: &mut egui::Ui, session: &Session) {
    ui.label(s::JOURNAL_HINT);
    let entries = session.journal(300).unwrap_or_default();
    egui::ScrollArea::vertical().id_salt("journal").max_height(320.0).show(ui, |ui| {
        egui::Grid::new("journal_grid").striped(true).num_columns(3).show(ui, |ui| {
            for e in &entries {
                ui.label(e.when());
                ui.label(e.event_label());
                ui.label(&e.message);
                ui.end_row();
            }
        });
    });
}

impl SettingsScreen {
    /// «Стереть персональные данные»: find a person (in the database or deleted), confirm, erase.
    fn erase_ui(&mut self, ui: &mut egui::Ui, session: &mut Session) {
        ui.label(s::ERASE_HINT);
        ui.horizontal(|ui| {
            let l = ui.label(s::ERASE_SEARCH);
            ui.text_edit_singleline(&mut self.erase_query).labelled_by(l.id);
        });
        if let Some(person) = self.erase_chosen.clone() {
            ui.colored_label(theme::ERROR, format!("{} {}", s::ERASE_WARNING, person.full_name));
            ui.label(crate::app::backup_retention());
            ui.horizontal(|ui| {
                if ui.button(s::ERASE_CONFIRM).clicked() {
                    self.message = Some(match session.erase_person(person.id) {
                        Ok(done) => Notice::Done(format!(
                            "{} {}: {}, {}.",
                            s::ERASED,
                            person.full_name,
                            crate::domain::ru::count(done.records as u64, "запись", "записи", "записей"),
                            crate::domain::ru::count(
                                done.history_rows as u64,
                                "строка истории",
                                "строки истории",
                                "строк истории"
                            )
                        )),
                        Err(e) => Notice::Failed(e.to_string()),
                    });
                    self.erase_chosen = None;
                    self.erase_query.clear();
                } else if ui.button(s::CANCEL).clicked() {
                    self.erase_chosen = None;
                }
            });
            return;
        }
        if self.erase_query.trim().chars().count() < 3 {
            return;
        }
        let key = (self.erase_query.trim().to_string(), session.generation);
        if self.erase_found.as_ref().is_none_or(|(q, g, _)| (q, *g) != (&key.0, key.1)) {
            let found = session.erasable(&key.0).unwrap_or_default();
            self.erase_found = Some((key.0, key.1, found));
        }
        let found = self.erase_found.as_ref().map(|(_, _, f)| f.clone()).unwrap_or_default();
        for person in found.into_iter().take(20) {
            ui.horizontal(|ui| {
                let birth =
                    person.birth_date.map(|b| format!(", {} г. р.", crate::domain::fmt_date(b))).unwrap_or_default();
                let state = if person.present { "" } else { s::ERASE_DELETED };
                ui.label(format!("{}{birth}{state}", person.full_name));
                if ui.button(format!("{} {}", s::ERASE_BUTTON, person.full_name)).clicked() {
                    self.erase_chosen = Some(person.clone());
                }
            });
        }
    }

    /// Whether a background job runs (tests wait for it).
    pub fn busy(&self) -> bool {
        self.backup.is_some()
    }

    /// «Новый учебный год»: preview what will be copied and closed, then do it as one action.
    fn new_year_ui(&mut self, ui: &mut egui::Ui, session: &mut Session) {
        use crate::domain::SchoolYear;
        ui.strong(s::NEW_YEAR);
        let current = SchoolYear::of(session.today());
        ui.horizontal(|ui| {
            for from in [current.prev(), current] {
                if ui.button(format!("{} {} → {}", s::NEW_YEAR_PREPARE, from, from.next())).clicked() {
                    self.new_year = Some(crate::domain::plans::new_school_year(session.data(), from));
                }
            }
        });
        let Some(plan) = self.new_year.take() else { return };
        for line in &plan.changes {
            ui.label(line);
        }
        let n = plan.copies.len() + plan.closed_routes.len();
        let mut keep = true;
        ui.horizontal(|ui| {
            if ui.add_enabled(n > 0, egui::Button::new(format!("{} ({})", s::NEW_YEAR_APPLY, n))).clicked() {
                let mut records: Vec<crate::domain::AnyRecord> = plan.copies.iter().cloned().map(Into::into).collect();
                records.extend(plan.closed_routes.iter().cloned().map(Into::into));
                let what = format!("{} {}", s::NEW_YEAR, plan.to);
                let done = format!("{} {}", s::NEW_YEAR_DONE, plan.to);
                self.sent.send(session, crate::app::Command::BackupThenPutMany { what, records }, done);
                keep = false;
            }
            if ui.button(s::CANCEL).clicked() {
                keep = false;
            }
        });
        if keep {
            self.new_year = Some(plan);
        }
    }
}

impl SettingsScreen {
    fn profile_ui(&mut self, ui: &mut egui::Ui, session: &mut Session) {
        let form = self.profile.get_or_insert_with(|| {
            super::form::Form::new(&crate::domain::AnyRecord::Organisation(session.org().clone()), s::PROFILE, false)
        });
        let ctx = super::form::FormContext {
            persons: Vec::new(),
            records: Vec::new(),
            scopes: Vec::new(),
            dictionaries: [(Dictionary::Clusters, session.dictionary(Dictionary::Clusters))].into_iter().collect(),
            today: session.today(),
        };
        match form.ui(ui, &ctx) {
            super::form::FormAction::Save => {
                if let Some(crate::domain::AnyRecord::Organisation(org)) = form.build(session.today()) {
                    self.sent.send(session, crate::app::Command::SetProfile(Box::new(org)), s::SAVED.into());
                    self.profile = None;
                }
            }
            super::form::FormAction::Cancel => self.profile = None,
            super::form::FormAction::None => {}
        }
    }

    fn dictionaries_ui(&mut self, ui: &mut egui::Ui, session: &mut Session) {
        ui.label(s::DICTIONARIES_HINT);
        ui.horizontal_wrapped(|ui| {
            for d in Dictionary::ALL {
                if ui.selectable_label(self.dictionary.as_ref().is_some_and(|(x, _)| x == d), d.title()).clicked() {
                    self.dictionary = Some((*d, session.dictionary(*d).join("\n")));
                }
            }
        });
        let Some((dict, text)) = &mut self.dictionary else { return };
        let l = ui.label(dict.title());
        ui.add(egui::TextEdit::multiline(text).desired_rows(10).desired_width(480.0)).labelled_by(l.id);
        let mut done = false;
        ui.horizontal(|ui| {
            if ui.button(s::SAVE_LIST).clicked() {
                let values: Vec<String> = text.lines().map(str::to_string).collect();
                self.sent.send(
                    session,
                    crate::app::Command::SetDictionary { dictionary: *dict, values },
                    s::SAVED.into(),
                );
                done = true;
            }
            if ui.button(s::RESET_LIST).clicked() {
                *text = dict.defaults().join("\n");
            }
        });
        if done {
            self.dictionary = None;
        }
    }

    fn backups_ui(&mut self, ui: &mut egui::Ui, session: &mut Session) {
        if let Some(job) = &self.backup {
            match job.poll() {
                None => {
                    ui.add(
                        egui::ProgressBar::new(job.fraction())
                            .desired_width(280.0)
                            .show_percentage()
                            .text(job.title.as_str()),
                    );
                    ui.ctx().request_repaint_after(std::time::Duration::from_millis(50));
                }
                Some(result) => {
                    self.message = Some(match result {
                        Ok(Ok(p)) => {
                            let _ = session.note_backup(&p);
                            Notice::Done(format!("{} {}", s::BACKUP_SAVED, p.display()))
                        }
                        Ok(Err(e)) => Notice::Failed(e.to_string()),
                        Err(()) => Notice::Failed(s::BACKUP_FAILED.into()),
                    });
                    self.backup = None;
                }
            }
        } else if ui.button(s::BACKUP_NOW).clicked() {
            self.backup = Some(session.backup_job());
        }
        egui::Grid::new("backups_list").striped(true).num_columns(4).show(ui, |ui| {
            for b in session.backups().into_iter().take(20) {
                ui.label(b.when());
                ui.label(&b.reason);
                ui.label(format!("{} КБ", b.size / 1024));
                if ui.small_button(format!("{} {}", s::RESTORE, b.when())).clicked() {
                    self.restore = Some(b.path.clone());
                }
                ui.end_row();
            }
        });
        if let Some(path) = self.restore.clone() {
            ui.colored_label(theme::WARNING, s::RESTORE_WARNING);
            ui.label(path.display().to_string());
            if let Some(other) = &self.restore_other_org {
                ui.colored_label(theme::ERROR, format!("{} «{other}».", s::RESTORE_OTHER_ORG));
            }
            ui.horizontal(|ui| {
                let confirm =
                    if self.restore_other_org.is_some() { s::RESTORE_OTHER_CONFIRM } else { s::RESTORE_CONFIRM };
                if ui.button(confirm).clicked() {
                    let allow_other = self.restore_other_org.take().is_some();
                    self.message = match session.restore_from(&path, allow_other) {
                        Ok(done) => {
                            self.restore = None;
                            let mut text = s::RESTORED.to_string();
                            if let Some(before) = done.before {
                                text.push_str(&format!(" {} {}", s::RESTORED_BEFORE, before.display()));
                            }
                            Some(Notice::Done(text))
                        }
                        Err(crate::app::StorageError::OtherOrganisation { found, .. }) => {
                            self.restore_other_org = Some(found);
                            None
                        }
                        Err(e) => {
                            self.restore = None;
                            Some(Notice::Failed(e.to_string()))
                        }
                    };
                    self.profile = None;
                } else if ui.button(s::CANCEL).clicked() {
                    self.restore = None;
                    self.restore_other_org = None;
                }
            });
        }
    }
}
