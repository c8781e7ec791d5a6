//! The registers across the school: attestation (five-year plan), courses (three-year plan), the ИОМ
//! board with progress, and mentoring (pairs, and young teachers without a mentor). Names link to cards.

use super::{strings as s, theme};
use crate::app::Session;
use crate::domain::dates::fmt_opt_date;
use crate::domain::plans::{self, RouteRow};
use crate::domain::{PersonId, fmt_date};

/// Which register is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Register {
    #[default]
    Attestation,
    Courses,
    Routes,
    Mentoring,
}

impl Register {
    const ALL: &'static [Register] = &[Register::Attestation, Register::Courses, Register::Routes, Register::Mentoring];

    fn label(self) -> &'static str {
        match self {
            Register::Attestation => s::REG_ATTESTATION,
            Register::Courses => s::REG_COURSES,
            Register::Routes => s::REG_ROUTES,
            Register::Mentoring => s::REG_MENTORING,
        }
    }
}

#[derive(Default)]
pub struct Registers {
    pub register: Register,
}

impl Registers {
    /// Draws the chosen register; returns the person whose card is asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui, session: &Session) -> Option<PersonId> {
        let mut open = None;
        ui.horizontal(|ui| {
            for r in Register::ALL {
                if ui.selectable_label(self.register == *r, r.label()).clicked() {
                    self.register = *r;
                }
            }
        });
        ui.separator();
        let (data, today, settings) = (session.data(), session.today(), session.settings());
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| match self.register {
            Register::Attestation => {
                ui.heading(s::REG_ATTESTATION_TITLE);
                egui::Grid::new("att_plan").striped(true).num_columns(6).show(ui, |ui| {
                    for h in s::REG_ATTESTATION_COLUMNS {
                        ui.strong(*h);
                    }
                    ui.end_row();
                    for row in plans::attestation_plan(data, today, settings) {
                        if ui.link(&row.name).clicked() {
                            open = Some(row.person);
                        }
                        ui.label(row.category.map_or("—", |c| c.label()));
                        ui.label(fmt_opt_date(row.valid_until));
                        ui.label(fmt_opt_date(row.apply_by));
                        ui.label(row.year.map(|y| y.to_string()).unwrap_or_default());
                        if row.apply_by.is_some_and(|d| d < today) {
                            ui.colored_label(theme::WARNING, row.next_step);
                        } else {
                            ui.label(row.next_step);
                        }
                        ui.end_row();
                    }
                });
            }
            Register::Courses => {
                ui.heading(s::REG_COURSES_TITLE);
                let rows = plans::course_plan(data, today, settings);
                egui::Grid::new("course_plan").striped(true).num_columns(6).show(ui, |ui| {
                    ui.strong(s::NAME);
                    ui.strong(s::LAST_COURSE);
                    ui.strong(s::DUE_FROM);
                    if let Some(first) = rows.first() {
                        for (y, _) in &first.hours_by_year {
                            ui.strong(format!("{} {y}", s::HOURS_IN));
                        }
                    }
                    ui.end_row();
                    for row in rows {
                        if ui.link(&row.name).clicked() {
                            open = Some(row.person);
                        }
                        ui.label(fmt_opt_date(row.last_end));
                        if row.due {
                            ui.colored_label(
                                theme::WARNING,
                                format!("{} {}", s::COURSES_DUE, fmt_opt_date(row.due_from)),
                            );
                        } else {
                            ui.label(fmt_opt_date(row.due_from));
                        }
                        for (_, h) in row.hours_by_year {
                            ui.label(if h == 0 { String::new() } else { h.to_string() });
                        }
                        ui.end_row();
                    }
                });
            }
            Register::Routes => {
                ui.heading(s::REG_ROUTES_TITLE);
                let rows = plans::route_board(data, today);
                if rows.is_empty() {
                    ui.weak(s::NO_RECORDS);
                }
                for row in rows {
                    if route_row_ui(ui, &row) {
                        open = Some(row.person);
                    }
                }
            }
            Register::Mentoring => {
                ui.heading(s::REG_MENTORING_TITLE);
                let index = data.index();
                let names: std::collections::HashMap<PersonId, String> =
                    data.persons.iter().map(|p| (p.id, p.full_name())).collect();
                let active: Vec<_> =
                    data.mentorships.iter().filter(|m| m.start <= today && m.end.is_none_or(|e| e >= today)).collect();
                ui.strong(crate::domain::plural::count(active.len() as u64, "пара", "пары", "пар"));
                for m in active {
                    ui.horizontal(|ui| {
                        let mentor =
                            m.mentor.and_then(|x| names.get(&x).cloned()).unwrap_or_else(|| m.mentor_name.clone());
                        ui.label(mentor);
                        ui.label("→");
                        if ui.link(names.get(&m.mentee).cloned().unwrap_or_default()).clicked() {
                            open = Some(m.mentee);
                        }
                        ui.weak(format!("{}, {}, с {}", m.level.label(), m.form, fmt_date(m.start)));
                    });
                }
                ui.add_space(8.0);
                ui.strong(s::YOUNG_WITHOUT_MENTOR);
                for p in data.persons.iter().filter(|p| p.pedagogical) {
                    let state = index.state(p, today, settings);
                    if state.employed && state.young_without_mentor && ui.link(p.full_name()).clicked() {
                        open = Some(p.id);
                    }
                }
            }
        });
        open
    }
}

/// One route with its progress bar; returns true when the name was clicked.
fn route_row_ui(ui: &mut egui::Ui, row: &RouteRow) -> bool {
    let mut clicked = false;
    ui.horizontal(|ui| {
        clicked = ui.link(&row.name).clicked();
        ui.add(egui::ProgressBar::new(row.progress()).desired_width(200.0).text(format!(
            "{} {} {} {}",
            row.done,
            s::OF,
            row.due,
            s::STEPS_DUE
        )));
        ui.label(row.status.label());
        ui.weak(&row.period);
        if row.overdue > 0 {
            ui.colored_label(theme::WARNING, format!("{}: {}", s::OVERDUE, row.overdue));
        }
    });
    clicked
}
