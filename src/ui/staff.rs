//! «Педагоги»: the staff table with sortable columns and filters, smooth with very many rows: only the
//! visible rows are drawn, and the filtered, sorted list is rebuilt only when the data, the filters or
//! the order change. Selected rows copy to the clipboard as tab-separated text that pastes into Excel.

use super::strings as s;
use super::theme;
use crate::domain::rules::CategoryState;
use crate::domain::{PersonId, PersonState, fmt_date, ru};
use std::collections::{HashMap, HashSet};

/// A column of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Name,
    Age,
    Experience,
    Category,
    State,
    Until,
    Courses,
    Subjects,
}

const COLUMNS: [Column; 8] = [
    Column::Name,
    Column::Age,
    Column::Experience,
    Column::Category,
    Column::State,
    Column::Until,
    Column::Courses,
    Column::Subjects,
];

/// Who the table shows by employment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Employed {
    Working,
    Left,
    All,
}

/// The filters of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct Filters {
    pub text: String,
    pub subject: Option<String>,
    pub position: Option<String>,
    /// «действует», «истекает», «истекла», «нет категории».
    pub state: Option<&'static str>,
    pub young: bool,
    pub courses_due: bool,
    pub employed: Employed,
}

impl Default for Filters {
    fn default() -> Self {
        Self {
            text: String::new(),
            subject: None,
            position: None,
            state: None,
            young: false,
            courses_due: false,
            employed: Employed::Working,
        }
    }
}

/// The staff table and its cache.
pub struct StaffTable {
    pub filters: Filters,
    sort: (Column, bool),
    /// Indices into the states, filtered and sorted.
    rows: Vec<usize>,
    /// What the cache was built for.
    built: Option<(u64, Filters, (Column, bool))>,
    pub selected: HashSet<PersonId>,
    pub focus_search: bool,
    subjects: Vec<String>,
    positions: Vec<String>,
}

impl Default for StaffTable {
    fn default() -> Self {
        Self {
            filters: Filters::default(),
            sort: (Column::Name, true),
            rows: Vec::new(),
            built: None,
            selected: HashSet::new(),
            focus_search: false,
            subjects: Vec::new(),
            positions: Vec::new(),
        }
    }
}

fn until(p: &PersonState) -> Option<chrono::NaiveDate> {
    match p.category {
        CategoryState::Valid { until, .. } => until,
        CategoryState::Expiring { until, .. } => Some(until),
        _ => None,
    }
}

/// The row as tab-separated text (the clipboard).
pub fn tsv_row(p: &PersonState) -> String {
    [
        p.full_name.clone(),
        p.age.map(|a| a.to_string()).unwrap_or_default(),
        p.experience.map(|a| a.to_string()).unwrap_or_default(),
        p.category.category().map_or(String::new(), |c| c.label().to_string()),
        p.category.label().to_string(),
        until(p).map(fmt_date).unwrap_or_default(),
        if p.courses.due { s::COURSES_DUE.to_string() } else { p.courses.due_from.map(fmt_date).unwrap_or_default() },
        p.subjects.join(", "),
    ]
    .join("\t")
}

impl StaffTable {
    /// Rebuilds the filtered, sorted rows if the data, the filters or the order changed.
    pub fn refresh(&mut self, states: &[PersonState], generation: u64, records: &HashMap<PersonId, String>) {
        let key = (generation, self.filters.clone(), self.sort);
        if self.built.as_ref() == Some(&key) {
            return;
        }
        if self.built.as_ref().is_none_or(|b| b.0 != generation) {
            let mut subjects: Vec<String> = states.iter().flat_map(|p| p.subjects.iter().cloned()).collect();
            subjects.sort();
            subjects.dedup();
            let mut positions: Vec<String> = states.iter().flat_map(|p| p.positions.iter().cloned()).collect();
            positions.sort();
            positions.dedup();
            self.subjects = subjects;
            self.positions = positions;
        }
        let f = &self.filters;
        let needle = crate::app::fold_for_search(f.text.trim());
        let mut rows: Vec<usize> = states
            .iter()
            .enumerate()
            .filter(|(_, p)| match f.employed {
                Employed::Working => p.employed,
                Employed::Left => !p.employed,
                Employed::All => true,
            })
            // The search finds people by name and by what their records say (a course, a contest …).
            .filter(|(_, p)| {
                needle.is_empty()
                    || crate::app::fold_for_search(&p.full_name).contains(&needle)
                    || records.get(&p.id).is_some_and(|t| t.contains(&needle))
            })
            .filter(|(_, p)| f.subject.as_ref().is_none_or(|s| p.subjects.contains(s)))
            .filter(|(_, p)| f.position.as_ref().is_none_or(|s| p.positions.contains(s)))
            .filter(|(_, p)| f.state.is_none_or(|s| p.category.label() == s))
            .filter(|(_, p)| !f.young || p.young)
            .filter(|(_, p)| !f.courses_due || p.courses.due)
            .map(|(i, _)| i)
            .collect();
        let (column, ascending) = self.sort;
        rows.sort_by(|&a, &b| {
            let (x, y) = (&states[a], &states[b]);
            let order = match column {
                Column::Name => x.full_name.cmp(&y.full_name),
                Column::Age => x.age.cmp(&y.age),
                Column::Experience => x.experience.cmp(&y.experience),
                Column::Category => x.category.category().cmp(&y.category.category()),
                Column::State => x.category.label().cmp(y.category.label()),
                Column::Until => until(x).cmp(&until(y)),
                Column::Courses => (x.courses.due, x.courses.due_from).cmp(&(y.courses.due, y.courses.due_from)),
                Column::Subjects => x.subjects.cmp(&y.subjects),
            };
            let order = order.then_with(|| x.full_name.cmp(&y.full_name));
            if ascending { order } else { order.reverse() }
        });
        self.rows = rows;
        self.built = Some(key);
    }

    /// The rows shown, in order.
    pub fn rows<'s, 'a: 's>(&'s self, states: &'a [PersonState]) -> impl Iterator<Item = &'a PersonState> + 's {
        self.rows.iter().map(move |&i| &states[i])
    }

    /// Draws the filters and the table; returns the person whose card is asked for, and whether the user
    /// asked for a new teacher.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        states: &[PersonState],
        generation: u64,
        records: &HashMap<PersonId, String>,
    ) -> (Option<PersonId>, bool) {
        self.refresh(states, generation, records);
        let mut add = false;
        ui.horizontal_wrapped(|ui| {
            ui.strong(ru::count(self.rows.len() as u64, "педагог", "педагога", "педагогов"));
            let label = ui.label(s::SEARCH);
            let search =
                ui.add(egui::TextEdit::singleline(&mut self.filters.text).desired_width(200.0)).labelled_by(label.id);
            if self.focus_search {
                search.request_focus();
                self.focus_search = false;
            }
            combo(ui, s::FILTER_SUBJECT, &mut self.filters.subject, &self.subjects);
            combo(ui, s::FILTER_POSITION, &mut self.filters.position, &self.positions);
            let states_list: Vec<String> =
                ["действует", "истекает", "истекла", "нет категории"].iter().map(|x| x.to_string()).collect();
            let mut state = self.filters.state.map(str::to_string);
            combo(ui, s::FILTER_STATE, &mut state, &states_list);
            self.filters.state =
                state.and_then(|x| ["действует", "истекает", "истекла", "нет категории"].into_iter().find(|y| *y == x));
            ui.checkbox(&mut self.filters.young, s::FILTER_YOUNG);
            ui.checkbox(&mut self.filters.courses_due, s::FILTER_COURSES_DUE);
            let l = ui.label(s::FILTER_EMPLOYED);
            egui::ComboBox::from_id_salt("filter_employed")
                .selected_text(match self.filters.employed {
                    Employed::Working => s::WORKING,
                    Employed::Left => s::LEFT,
                    Employed::All => s::ALL,
                })
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filters.employed, Employed::Working, s::WORKING);
                    ui.selectable_value(&mut self.filters.employed, Employed::Left, s::LEFT);
                    ui.selectable_value(&mut self.filters.employed, Employed::All, s::ALL);
                })
                .response
                .labelled_by(l.id);
        });
        ui.horizontal(|ui| {
            add = ui.button(s::ADD_TEACHER).on_hover_text("Ctrl+N").clicked();
            let n = self.selected.len();
            let copy =
                ui.add_enabled(n > 0, egui::Button::new(format!("{} ({n})", s::COPY_SELECTED))).on_hover_text("Ctrl+C");
            let ctrl_c = n > 0 && ui.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Copy)));
            if copy.clicked() || ctrl_c {
                ui.ctx().copy_text(self.selected_tsv(states));
            }
            if n > 0 && ui.button(s::CLEAR_SELECTION).clicked() {
                self.selected.clear();
            }
        });
        self.refresh(states, generation, records);
        let open = self.table_ui(ui, states);
        (open, add)
    }

    /// The selected rows, in the table's order, with a header line.
    pub fn selected_tsv(&self, states: &[PersonState]) -> String {
        let mut lines = vec![s::STAFF_COLUMNS.join("\t")];
        lines.extend(self.rows(states).filter(|p| self.selected.contains(&p.id)).map(tsv_row));
        lines.join("\n")
    }

    fn table_ui(&mut self, ui: &mut egui::Ui, states: &[PersonState]) -> Option<PersonId> {
        use egui_extras::{Column as C, TableBuilder};
        let mut open = None;
        let mut sort = self.sort;
        // Borrowed out for the frame (no copy of a list that may hold 150,000 rows), put back below.
        let rows = std::mem::take(&mut self.rows);
        // One line per row: long texts are cut at the column's edge (the card shows them whole).
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        TableBuilder::new(ui)
            .striped(true)
            .column(C::exact(28.0))
            .column(C::initial(265.0).at_least(160.0))
            .column(C::initial(62.0))
            .column(C::initial(55.0))
            .column(C::initial(100.0))
            // «действует бессрочно» (a category since 01.09.2023) whole at 1366 px.
            .column(C::initial(148.0))
            .column(C::initial(105.0))
            .column(C::initial(130.0))
            .column(C::remainder())
            .header(24.0, |mut h| {
                h.col(|_| {});
                for (column, title) in COLUMNS.iter().zip(s::STAFF_COLUMNS) {
                    h.col(|ui| {
                        let mark = if sort.0 == *column { if sort.1 { " ▲" } else { " ▼" } } else { "" };
                        if ui
                            .add(egui::Button::new(egui::RichText::new(format!("{title}{mark}")).strong()).frame(false))
                            .clicked()
                        {
                            sort = if sort.0 == *column { (*column, !sort.1) } else { (*column, true) };
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(24.0, rows.len(), |mut row| {
                    let p = &states[rows[row.index()]];
                    row.col(|ui| {
                        let mut on = self.selected.contains(&p.id);
                        if ui.checkbox(&mut on, "").on_hover_text(s::SELECT_ROW).changed() {
                            if on {
                                self.selected.insert(p.id);
                            } else {
                                self.selected.remove(&p.id);
                            }
                        }
                    });
                    row.col(|ui| {
                        if ui.link(&p.full_name).clicked() {
                            open = Some(p.id);
                        }
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
                        if matches!(p.category, CategoryState::Expiring { .. } | CategoryState::Expired { .. }) {
                            ui.colored_label(theme::DUE, label);
                        } else {
                            ui.label(label);
                        }
                    });
                    row.col(|ui| {
                        ui.label(until(p).map(fmt_date).unwrap_or_default());
                    });
                    row.col(|ui| {
                        if p.courses.due {
                            ui.colored_label(theme::DUE, s::COURSES_DUE);
                        } else {
                            ui.label(format!(
                                "{} {}",
                                s::COURSES_UNTIL,
                                p.courses.due_from.map(fmt_date).unwrap_or_default()
                            ));
                        }
                    });
                    row.col(|ui| {
                        let mut text =
                            if p.subjects.is_empty() { p.positions.join(", ") } else { p.subjects.join(", ") };
                        if p.young {
                            text = format!("{} {text}", s::YOUNG_MARK);
                        }
                        ui.label(text);
                    });
                });
            });
        self.rows = rows;
        self.sort = sort;
        open
    }
}

/// A filter: its label first, then the list.
fn combo(ui: &mut egui::Ui, label: &str, value: &mut Option<String>, options: &[String]) {
    let shown = value.clone().unwrap_or_else(|| s::ALL.to_string());
    super::widgets::labelled_combo(ui, label, shown, 150.0, |ui| {
        ui.selectable_value(value, None, s::ALL);
        for o in options {
            ui.selectable_value(value, Some(o.clone()), o);
        }
    });
}
