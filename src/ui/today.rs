//! «Сегодня»: what needs attention now — counts first, then the names, each a link to the card.

use super::strings as s;
use crate::domain::PersonId;
use crate::domain::attention::Group;
use crate::domain::plural;

/// Draws the groups; returns the person whose name was clicked.
pub fn today_ui(ui: &mut egui::Ui, groups: &[Group], schedule: &[&str]) -> Option<PersonId> {
    let mut open = None;
    ui.heading(s::NAV_TODAY);
    // The monitoring schedule: what is collected this month.
    if !schedule.is_empty() {
        ui.label(s::TODAY_SCHEDULE);
        for what in schedule {
            ui.label(format!("  • {what}"));
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
            ui.strong(plural::count(g.items.len() as u64, "педагог", "педагога", "педагогов"));
            ui.end_row();
        }
    });
    ui.separator();
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        for g in groups.iter().filter(|g| !g.items.is_empty()) {
            egui::CollapsingHeader::new(format!("{} — {}", g.title, g.items.len())).default_open(true).show(ui, |ui| {
                for item in &g.items {
                    ui.horizontal(|ui| {
                        if ui.link(&item.name).clicked() {
                            open = Some(item.person);
                        }
                        ui.weak(&item.detail);
                    });
                }
            });
        }
    });
    open
}
