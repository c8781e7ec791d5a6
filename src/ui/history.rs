//! «История изменений» of the whole database (in Настройки): every action newest first, written for people,
//! filtered by a name or a word, by the kind of record and by date; any action — a deleted teacher, an
//! import, an edit — can be undone, after the user has seen what the undo will restore.

use super::strings as s;
use crate::app::history::Shown;
use crate::app::{ActionEntry, Notice, Session};
use crate::domain::{PersonId, RecordKind};

/// One action: as stored, as shown, and its text folded for the filter.
type Row = (ActionEntry, Shown, String);

#[derive(Default)]
pub struct HistoryScreen {
    /// A name or a word to look for (case and Ё ignored).
    pub filter: String,
    pub kind: Option<RecordKind>,
    /// Only actions on or after this date (as typed).
    pub from: String,
    /// The history as shown, read once per change of the data.
    cache: Option<(u64, Vec<Row>)>,
    /// The action whose undo waits for confirmation.
    confirm: Option<i64>,
    notice: Option<Notice>,
    /// The undo sent, waiting for its outcome (the action's number).
    sent: super::pending::Pending<i64>,
}

impl HistoryScreen {
    pub fn ui(&mut self, ui: &mut egui::Ui, session: &mut Session) {
        if let Some((id, outcome)) = self.sent.take(session) {
            self.notice = Some(Notice::of(outcome, |_| format!("{} № {id}", s::UNDONE)));
        }
        if self.cache.as_ref().is_none_or(|(g, _)| *g != session.generation) {
            let names: std::collections::HashMap<PersonId, String> =
                session.data().persons.iter().map(|p| (p.id, p.full_name())).collect();
            let entries = session.history(None, 1000).unwrap_or_default();
            let rows = entries
                .into_iter()
                .map(|a| {
                    let shown = crate::app::history::shown(session.data(), &names, &a);
                    let mut text = shown.header.clone();
                    for (c, fields) in &shown.changes {
                        text.push(' ');
                        text.push_str(c);
                        for f in fields {
                            text.push(' ');
                            text.push_str(f);
                        }
                    }
                    (a, shown, crate::app::fold_for_search(&text))
                })
                .collect();
            self.cache = Some((session.generation, rows));
        }
        ui.label(s::HISTORY_HINT);
        ui.horizontal(|ui| {
            let l = ui.label(s::HISTORY_FILTER);
            ui.add(egui::TextEdit::singleline(&mut self.filter).desired_width(220.0)).labelled_by(l.id);
            let l = ui.label(s::HISTORY_KIND);
            egui::ComboBox::from_id_salt("history_kind")
                .selected_text(self.kind.map_or(s::HISTORY_ANY_KIND, RecordKind::label))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.kind, None, s::HISTORY_ANY_KIND);
                    for k in RecordKind::ALL {
                        ui.selectable_value(&mut self.kind, Some(*k), k.label());
                    }
                })
                .response
                .labelled_by(l.id);
            let l = ui.label(s::HISTORY_FROM);
            super::widgets::date_field(ui, &mut self.from, l.id, session.today());
        });
        let needle = crate::app::fold_for_search(self.filter.trim());
        let from = crate::domain::dates::parse_date(&self.from);
        let mut undo = None;
        let Some((_, rows)) = &self.cache else { return };
        let mut cancel = false;
        // The undo waiting for confirmation, above the list so that it is in view: what it will restore.
        if let Some((a, shown, _)) = self.confirm.and_then(|id| rows.iter().find(|(a, _, _)| a.id == id)) {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.strong(format!("№ {} — {}", a.id, s::HISTORY_UNDO_WHAT));
                egui::ScrollArea::vertical().id_salt(("undo_what", a.id)).max_height(200.0).show(ui, |ui| {
                    for ((change, fields), effect) in shown.changes.iter().zip(&shown.undo) {
                        ui.label(format!("{change} → {effect}"));
                        for f in fields {
                            ui.label(format!("    {f}"));
                        }
                    }
                });
                ui.horizontal(|ui| {
                    if ui.button(s::HISTORY_UNDO_CONFIRM).clicked() {
                        undo = Some(a.id);
                    }
                    if ui.button(s::CANCEL).clicked() {
                        cancel = true;
                    }
                });
            });
        }
        // The list takes the rest of the page, the outcome of an undo a line under it.
        let height = (ui.available_height() - 32.0).max(240.0);
        egui::ScrollArea::vertical().id_salt("history_all").max_height(height).auto_shrink([false, true]).show(
            ui,
            |ui| {
                let mut shown_any = false;
                for (a, shown, text) in rows {
                    if !needle.is_empty() && !text.contains(&needle) {
                        continue;
                    }
                    if self.kind.is_some_and(|k| !a.changes.iter().any(|c| c.kind == k)) {
                        continue;
                    }
                    if from.is_some_and(|d| {
                        a.at.get(..10)
                            .and_then(|t| chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
                            .is_some_and(|at| at < d)
                    }) {
                        continue;
                    }
                    shown_any = true;
                    if action_ui(ui, a, shown, format!("{} № {}…", s::UNDO, a.id), Some(12)) {
                        self.confirm = Some(a.id);
                    }
                }
                if !shown_any {
                    ui.weak(s::NO_HISTORY);
                }
            },
        );
        if cancel {
            self.confirm = None;
        }
        if let Some(id) = undo {
            self.confirm = None;
            self.sent.send(session, crate::app::Command::Undo(id), id);
        }
        super::widgets::outcome(ui, &self.notice);
    }
}

/// One action of the history as both history views draw it: its number and header, «отменено № N» or
/// the undo button (`undo` its text), and its changes — at most `limit` lines, with how many more.
/// Returns whether the undo button was clicked.
pub fn action_ui(ui: &mut egui::Ui, a: &ActionEntry, shown: &Shown, undo: String, limit: Option<usize>) -> bool {
    let mut clicked = false;
    ui.horizontal(|ui| {
        ui.strong(format!("№ {}", a.id));
        ui.label(&shown.header);
        match a.undone_by {
            Some(by) => {
                ui.weak(format!("{} № {by}", s::UNDONE_BY));
            }
            None => clicked = ui.small_button(undo).clicked(),
        }
    });
    let lines: usize = shown.changes.iter().map(|(_, f)| 1 + f.len()).sum();
    let mut left = limit.unwrap_or(usize::MAX);
    for (change, fields) in &shown.changes {
        if left == 0 {
            break;
        }
        ui.label(format!("    {change}"));
        left -= 1;
        for f in fields.iter().take(left) {
            ui.label(format!("        {f}"));
            left -= 1;
        }
    }
    if let Some(limit) = limit.filter(|l| lines > *l) {
        ui.weak(format!("    … {} {}", s::HISTORY_MORE, lines - limit));
    }
    clicked
}
