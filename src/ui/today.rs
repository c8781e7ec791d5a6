//! «Сегодня»: what needs attention now — counts first, then the names, each a link to the card.

use super::strings as s;
use crate::domain::PersonId;
use crate::domain::attention::Group;
use crate::domain::ru;

/// What «Сегодня» asks the window to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TodayAction {
    /// Open this person's card.
    Open(PersonId),
    /// Start the new teacher's form.
    AddTeacher,
    /// Go to «Импорт из таблицы».
    Import,
    /// Go to «Обмен» (a municipality begins by taking its schools' packages).
    Exchange,
}

/// Draws the groups; returns what was clicked. A database with nobody in it says how to begin instead.
pub fn today_ui(
    ui: &mut egui::Ui,
    groups: &[Group],
    schedule: &[crate::domain::cycle::Due],
    empty: Option<bool>,
) -> Option<TodayAction> {
    let mut open = None;
    ui.heading(s::NAV_TODAY);
    // `empty`: none — people are there; Some(school) — nobody yet, at a school or at a municipality.
    if let Some(school) = empty {
        ui.label(if school { s::TODAY_EMPTY_SCHOOL } else { s::TODAY_EMPTY_MUNICIPALITY });
        ui.horizontal(|ui| {
            if school {
                if ui.button(s::ADD_TEACHER).clicked() {
                    open = Some(TodayAction::AddTeacher);
                }
                if ui.button(s::NAV_IMPORT).clicked() {
                    open = Some(TodayAction::Import);
                }
            } else if ui.button(s::NAV_EXCHANGE).clicked() {
                open = Some(TodayAction::Exchange);
            }
        });
        return open;
    }
    // The monitoring schedule: a dated deadline coming (seed 001: «до 20 декабря», «до 1 июня»), then what
    // is collected this month; each with who answers for it and what comes of it.
    if !schedule.is_empty() {
        ui.label(s::TODAY_SCHEDULE);
        for d in schedule {
            let mut line = match d.deadline {
                Some(day) => format!("  • до {}: {}", crate::domain::fmt_date(day), d.what),
                None => format!("  • {}", d.what),
            };
            if !d.who.is_empty() {
                line.push_str(&format!(" — {}", d.who));
            }
            if !d.result.is_empty() {
                line.push_str(&format!(" ({})", d.result));
            }
            ui.add(egui::Label::new(line).wrap());
        }
        ui.separator();
    }
    let total: usize = groups.iter().map(|g| g.items.len()).sum();
    if total == 0 {
        ui.label(s::TODAY_NOTHING);
        return None;
    }
    // Counts first: one line per group.
    egui::Grid::new("today_counts").num_columns(2).spacing([16.0, 4.0]).show(ui, |ui| {
        for g in groups.iter().filter(|g| !g.items.is_empty()) {
            ui.label(&g.title);
            ui.strong(ru::count(g.items.len() as u64, "педагог", "педагога", "педагогов"));
            ui.end_row();
        }
    });
    ui.separator();
    // The names, group by group, drawn a screenful at a time: a regional copy lists tens of thousands.
    let shown: Vec<&Group> = groups.iter().filter(|g| !g.items.is_empty()).collect();
    let closed_id = |g: &Group| egui::Id::unique(("today_closed", g.concern));
    let closed: Vec<bool> = shown.iter().map(|g| ui.data(|d| d.get_temp(closed_id(g)).unwrap_or(false))).collect();
    let rows_of = |i: usize| 1 + if closed[i] { 0 } else { shown[i].items.len() };
    let total_rows: usize = (0..shown.len()).map(rows_of).sum();
    let row_height = ui.spacing().interact_size.y.max(ui.text_style_height(&egui::TextStyle::Body));
    egui::ScrollArea::vertical().auto_shrink([false, false]).show_rows(ui, row_height, total_rows, |ui, range| {
        let mut first = 0;
        for (i, g) in shown.iter().enumerate() {
            let rows = rows_of(i);
            for row in range.start.max(first)..range.end.min(first + rows) {
                match (row - first).checked_sub(1) {
                    None => {
                        let toggled = ui
                            .horizontal(|ui| {
                                let icon = ui.add(
                                    egui::Label::new(if closed[i] { "▸" } else { "▾" }).sense(egui::Sense::click()),
                                );
                                let title = ui.add(
                                    egui::Label::new(
                                        egui::RichText::new(format!("{} — {}", g.title, g.items.len())).strong(),
                                    )
                                    .sense(egui::Sense::click()),
                                );
                                icon.clicked() || title.clicked()
                            })
                            .inner;
                        if toggled {
                            ui.data_mut(|d| d.insert_temp(closed_id(g), !closed[i]));
                        }
                    }
                    Some(k) => {
                        let item = &g.items[k];
                        ui.horizontal(|ui| {
                            ui.add_space(row_height);
                            if ui.link(&item.name).clicked() {
                                open = Some(TodayAction::Open(item.person));
                            }
                            ui.add(egui::Label::new(egui::RichText::new(&item.detail).weak()).truncate());
                        });
                    }
                }
            }
            first += rows;
        }
    });
    open
}
