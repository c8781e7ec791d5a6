//! «Настройки»: the thresholds the rules use, and the backups (list, make now).

use super::{strings as s, theme};
use crate::app::Session;
use crate::domain::RuleSettings;

#[derive(Default)]
pub struct SettingsScreen {
    draft: Option<RuleSettings>,
    message: Option<(bool, String)>,
}

impl SettingsScreen {
    pub fn ui(&mut self, ui: &mut egui::Ui, session: &mut Session) {
        ui.heading(s::NAV_SETTINGS);
        ui.label(format!("{}: {}", s::FILE, session.path().display()));
        ui.add_space(8.0);
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
        });
        if ui.button(s::SAVE_SETTINGS).clicked()
            && let Some(d) = self.draft.clone()
        {
            self.message = Some(match session.set_rule_settings(&d) {
                Ok(()) => (true, s::SAVED.into()),
                Err(e) => (false, e.to_string()),
            });
        }
        if let Some((ok, m)) = &self.message {
            if *ok {
                ui.label(m.as_str());
            } else {
                ui.colored_label(theme::ERROR, m.as_str());
            }
        }
    }
}
