//! The new teacher in one form: everything the deputy head has on paper, one save, then the card.

use super::{strings as s, theme, widgets};
use crate::app::new_teacher::{NewTeacher, Problems};
use crate::domain::{Category, EducationLevel, SchoolYear};
use chrono::NaiveDate;

/// What the form asks the window to do.
pub enum Action {
    None,
    Save,
    Cancel,
}

#[derive(Default)]
pub struct NewTeacherForm {
    pub data: NewTeacher,
    /// What is wrong, under each field (from the last save).
    pub problems: Problems,
    /// Whether anything was typed.
    pub dirty: bool,
}

impl NewTeacherForm {
    pub fn ui(&mut self, ui: &mut egui::Ui, today: NaiveDate) -> Action {
        let mut action = Action::None;
        ui.strong(s::NEW_TEACHER);
        ui.label(s::NEW_TEACHER_HINT);
        let before = self.data.clone();
        let year = SchoolYear::of(today);
        egui::Grid::new("new_teacher").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
            let d = &mut self.data;
            let p = &self.problems;
            text_row(ui, s::NT_LAST, &mut d.last_name, p.get("last_name"));
            text_row(ui, s::NT_FIRST, &mut d.first_name, p.get("first_name"));
            text_row(ui, s::NT_MIDDLE, &mut d.middle_name, p.get("middle_name"));
            date_row(ui, s::NT_BIRTH, &mut d.birth_date, p.get("birth_date"), today);
            date_row(ui, s::NT_HIRED, &mut d.hired, p.get("hired"), today);
            text_row(ui, s::NT_POSITIONS, &mut d.positions, p.get("positions"));
            text_row(ui, s::NT_SUBJECTS, &mut d.subjects, p.get("subjects"));
            text_row(ui, &format!("{} {year}", s::NT_LOAD), &mut d.load, p.get("load"));
            let l = ui.label(s::NT_EDUCATION);
            egui::ComboBox::from_id_salt("nt_education")
                .selected_text(d.education.map_or(s::NOT_SET, EducationLevel::label))
                .width(280.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut d.education, None, s::NOT_SET);
                    for e in EducationLevel::ALL {
                        ui.selectable_value(&mut d.education, Some(*e), e.label());
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(s::NT_CATEGORY);
            egui::ComboBox::from_id_salt("nt_category")
                .selected_text(d.category.map_or(s::NT_NO_CATEGORY, Category::label))
                .width(280.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut d.category, None, s::NT_NO_CATEGORY);
                    for c in [Category::Highest, Category::First, Category::PositionConformity] {
                        ui.selectable_value(&mut d.category, Some(c), c.label());
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            if d.category.is_some() {
                date_row(ui, s::NT_CATEGORY_DATE, &mut d.category_date, p.get("category_date"), today);
            }
            date_row(ui, s::NT_PED_START, &mut d.ped_experience_start, p.get("ped_experience_start"), today);
        });
        if let Some(e) = self.problems.get("") {
            ui.colored_label(theme::ERROR, e);
        }
        if self.data != before {
            self.dirty = true;
            // A problem goes once its field is changed.
            let (a, b) = (&before, &self.data);
            for (key, changed) in [
                ("last_name", a.last_name != b.last_name),
                ("first_name", a.first_name != b.first_name),
                ("middle_name", a.middle_name != b.middle_name),
                ("birth_date", a.birth_date != b.birth_date),
                ("hired", a.hired != b.hired),
                ("positions", a.positions != b.positions),
                ("subjects", a.subjects != b.subjects),
                ("load", a.load != b.load),
                ("category_date", a.category_date != b.category_date || a.category != b.category),
                ("ped_experience_start", a.ped_experience_start != b.ped_experience_start),
            ] {
                if changed {
                    self.problems.remove(key);
                }
            }
        }
        ui.horizontal(|ui| {
            if ui.button(s::SAVE).clicked() {
                action = Action::Save;
            }
            if ui.button(s::CANCEL).clicked() {
                action = Action::Cancel;
            }
        });
        action
    }
}

fn text_row(ui: &mut egui::Ui, label: &str, text: &mut String, problem: Option<&String>) {
    let l = ui.label(label);
    ui.vertical(|ui| {
        ui.add(egui::TextEdit::singleline(text).desired_width(320.0)).labelled_by(l.id);
        if let Some(p) = problem {
            ui.colored_label(theme::ERROR, p);
        }
    });
    ui.end_row();
}

fn date_row(ui: &mut egui::Ui, label: &str, text: &mut String, problem: Option<&String>, today: NaiveDate) {
    let l = ui.label(label);
    ui.vertical(|ui| {
        widgets::date_field(ui, text, l.id, today);
        // A date that does not read is said by the field itself as it is typed.
        let said = !text.trim().is_empty() && crate::domain::dates::parse_typed(text).is_err();
        if let Some(p) = problem.filter(|_| !said) {
            ui.colored_label(theme::ERROR, p);
        }
    });
    ui.end_row();
}
