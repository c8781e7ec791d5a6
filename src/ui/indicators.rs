//! The Показатели screen: the catalogue for a period with its breakdown, target and trend sparkline per
//! row, a group filter, the drill-down (who is counted and who is not, each a link to the card), the
//! trend and comparison charts of the selected row, targets, entered indicators and the staffing tab.
//! The board is computed on a background thread whenever the data or the choices change.

use super::{strings as s, theme, widgets};
use crate::app::Session;
use crate::app::indicators::{self as board, Board, Request, Row, fmt_number};
use crate::app::jobs::Job;
use crate::app::{Command, Notice};
use crate::domain::indicators::{Breakdown, DrillRow, Group, Scope, Split, Staffing, Window, drill, splits};
use crate::domain::{EnteredIndicator, EnteredIndicatorId, EnteredValue, OrgRole, PersonId, SchoolYear, parse_date};
use chrono::NaiveDate;

#[derive(Clone, Copy, PartialEq, Eq, Default)]
enum Tab {
    #[default]
    Values,
    Staffing,
}

/// The form of an entered indicator: its texts and one text field per school year.
struct EnteredForm {
    record: EnteredIndicator,
    values: Vec<(SchoolYear, String)>,
    error: Option<String>,
}

#[derive(Default)]
pub struct IndicatorsScreen {
    tab: Tab,
    breakdown: Option<Breakdown>,
    group: Option<Group>,
    custom: bool,
    from: String,
    to: String,
    board: Option<Board>,
    job: Option<Job<Board>>,
    /// The data generation the board was computed for.
    board_generation: u64,
    /// Rows shown under the group filter (indices into the board), rebuilt when either changes.
    visible: Vec<usize>,
    visible_key: Option<(u64, Option<Group>, usize)>,
    selected: Option<usize>,
    drill: Vec<DrillRow>,
    splits: Vec<Split>,
    target_text: String,
    entered: Option<EnteredForm>,
    message: Option<Notice>,
    /// A change sent, waiting for its outcome.
    sent: super::pending::Pending<After>,
}

/// What the screen does once a change it sent is applied.
enum After {
    /// The indicator entered by hand was saved: close its form and say so.
    Entered(String),
    /// Say this.
    Say(&'static str),
}

impl IndicatorsScreen {
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// The rows of the current board (for tests and reports).
    pub fn board(&self) -> Option<&Board> {
        self.board.as_ref()
    }

    fn window(&self, year: SchoolYear, today: NaiveDate) -> Result<Window, &'static str> {
        if !self.custom {
            return Ok(Window::school_year(year, today));
        }
        match (parse_date(&self.from), parse_date(&self.to)) {
            (Some(f), Some(t)) if f <= t => Ok(Window::range(f, t, today)),
            _ => Err(s::IND_BAD_PERIOD),
        }
    }

    /// Draws the screen; returns a person whose card is to be opened.
    pub fn ui(&mut self, ui: &mut egui::Ui, session: &mut Session, year: SchoolYear) -> Option<PersonId> {
        let today = session.today();
        if let Some((after, outcome)) = self.sent.take(session) {
            match (after, outcome) {
                (After::Entered(title), Ok(_)) => {
                    self.message = Some(Notice::Done(format!("Сохранено: {title}")));
                    self.entered = None;
                }
                (After::Entered(_), Err(e)) => match &mut self.entered {
                    Some(form) => form.error = Some(e.to_string()),
                    None => self.message = Some(Notice::Failed(e.to_string())),
                },
                (After::Say(what), outcome) => self.message = Some(Notice::of(outcome, |_| format!("{what}: готово"))),
            }
        }
        let municipal = session.org().role != OrgRole::School;
        let breakdown = *self.breakdown.get_or_insert(if municipal { Breakdown::School } else { Breakdown::None });
        let mut open = None;
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.tab, Tab::Values, s::IND_TAB_VALUES);
            ui.selectable_value(&mut self.tab, Tab::Staffing, s::IND_TAB_STAFFING);
            ui.separator();
            if ui.button(s::IND_ADD_ENTERED).clicked() {
                self.entered = Some(new_entered(session, year));
            }
        });
        let window = self.controls_ui(ui, session, year, today, breakdown);
        ui.separator();
        if let Some(form) = &mut self.entered {
            match entered_ui(ui, form) {
                Some(true) => {
                    let after = After::Entered(form.record.title.clone());
                    self.sent.send(session, Command::SaveEntered(form.record.clone()), after);
                }
                Some(false) => self.entered = None,
                None => {}
            }
            return None;
        }
        let Ok(window) = window else { return None };
        self.refresh(session, window, breakdown, today);
        if let Some(job) = &self.job {
            super::widgets::progress(ui, job.fraction(), s::IND_COMPUTING);
        }
        super::widgets::outcome(ui, &self.message);
        self.board.as_ref()?;
        match self.tab {
            Tab::Values => {
                self.rebuild_visible(session.generation);
                let details_height =
                    if self.selected.is_some() { (ui.available_height() * 0.5).max(260.0) } else { 0.0 };
                let table_height = (ui.available_height() - details_height).max(160.0);
                ui.allocate_ui(egui::vec2(ui.available_width(), table_height), |ui| self.table_ui(ui, session));
                if self.selected.is_some() {
                    ui.separator();
                    egui::ScrollArea::vertical()
                        .id_salt("indicator_details")
                        .auto_shrink([false, false])
                        .show(ui, |ui| open = self.details_ui(ui, session));
                }
            }
            Tab::Staffing => {
                if let Some(b) = &self.board {
                    staffing_ui(ui, &b.staffing, session);
                }
            }
        }
        open
    }

    fn controls_ui(
        &mut self,
        ui: &mut egui::Ui,
        session: &Session,
        year: SchoolYear,
        today: NaiveDate,
        breakdown: Breakdown,
    ) -> Result<Window, &'static str> {
        let municipal = session.org().role != OrgRole::School;
        ui.horizontal_wrapped(|ui| {
            ui.label(s::IND_PERIOD);
            ui.radio_value(&mut self.custom, false, format!("{} {year}", s::IND_PERIOD_YEAR));
            ui.radio_value(&mut self.custom, true, s::IND_PERIOD_CUSTOM);
            if self.custom {
                if self.from.is_empty() && self.to.is_empty() {
                    self.from = crate::domain::fmt_date(year.first_day());
                    self.to = crate::domain::fmt_date(year.last_day());
                }
                let l = ui.label(s::IND_FROM);
                widgets::date_field(ui, &mut self.from, l.id, today);
                let l = ui.label(s::IND_TO);
                widgets::date_field(ui, &mut self.to, l.id, today);
            }
            ui.separator();
            let mut b = breakdown;
            widgets::labelled_combo(ui, s::IND_BREAKDOWN, b.label(), 150.0, |ui| {
                for option in Breakdown::ALL {
                    let shown = match option {
                        Breakdown::School | Breakdown::Cluster => municipal,
                        Breakdown::Municipality => session.org().role == OrgRole::Region,
                        Breakdown::None | Breakdown::Subject => true,
                    };
                    if shown {
                        ui.selectable_value(&mut b, option, option.label());
                    }
                }
            });
            if b != breakdown {
                self.breakdown = Some(b);
                self.selected = None;
            }
            let group_label = self.group.map_or(s::IND_ALL_GROUPS, Group::label);
            widgets::labelled_combo(ui, s::IND_GROUP, group_label, 260.0, |ui| {
                ui.selectable_value(&mut self.group, None, s::IND_ALL_GROUPS);
                for g in Group::ALL {
                    ui.selectable_value(&mut self.group, Some(g), g.label());
                }
            });
        });
        let window = self.window(year, today);
        if let Err(e) = window {
            ui.colored_label(theme::ERROR, e);
        } else if let Ok(w) = window {
            ui.label(format!(
                "{} {} — {}, на {}. {}",
                s::IND_PERIOD,
                crate::domain::fmt_date(w.period.from),
                crate::domain::fmt_date(w.period.to),
                crate::domain::fmt_date(w.as_of),
                s::IND_HINT
            ));
        }
        window
    }

    /// Starts a computation when the data or the choices changed, and takes in a finished one.
    fn refresh(&mut self, session: &Session, window: Window, breakdown: Breakdown, today: NaiveDate) {
        if let Some(job) = &self.job
            && let Some(result) = job.poll()
        {
            self.job = None;
            if let Ok(b) = result {
                self.board = Some(b);
                self.visible_key = None;
            }
        }
        let request =
            Request { window, breakdown, today, settings: session.settings().clone(), own: session.org().clone() };
        let fresh =
            self.board.as_ref().is_some_and(|b| b.request == request) && self.board_generation == session.generation;
        if fresh || self.job.is_some() {
            return;
        }
        if self.board.as_ref().is_some_and(|b| b.request.breakdown != breakdown || b.request.window != window) {
            self.selected = None;
        }
        let data = session.shared_data();
        self.board_generation = session.generation;
        self.job = Some(Job::spawn(s::IND_COMPUTING, move |p| board::board(&data, &request, &|f| p.set(f))));
    }

    fn rebuild_visible(&mut self, generation: u64) {
        let Some(b) = &self.board else { return };
        let key = (generation, self.group, b.rows.len());
        if self.visible_key == Some(key) {
            return;
        }
        self.visible = (0..b.rows.len()).filter(|&i| self.group.is_none_or(|g| b.rows[i].group == g)).collect();
        self.visible_key = Some(key);
    }

    fn table_ui(&mut self, ui: &mut egui::Ui, session: &Session) {
        use egui_extras::{Column as C, TableBuilder};
        let Some(b) = &self.board else { return };
        let mut clicked = None;
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        TableBuilder::new(ui)
            .id_salt("indicators_table")
            .striped(true)
            .auto_shrink([false, false])
            .column(C::remainder().at_least(260.0))
            .column(C::initial(120.0))
            .column(C::initial(150.0))
            .column(C::initial(120.0))
            .column(C::initial(120.0))
            .column(C::exact(96.0))
            .header(24.0, |mut h| {
                for title in s::IND_COLUMNS {
                    h.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(24.0, self.visible.len(), |mut row| {
                    let i = self.visible[row.index()];
                    let r = &b.rows[i];
                    row.set_selected(self.selected == Some(i));
                    row.col(|ui| {
                        let title = if r.entered.is_some() {
                            format!("{} ({})", r.title, s::IND_ENTERED_MARK)
                        } else {
                            r.title.clone()
                        };
                        ui.label(title).on_hover_text(&r.title);
                    });
                    row.col(|ui| {
                        ui.label(scope_label(&r.scope, session));
                    });
                    row.col(|ui| {
                        if ui.link(r.display()).on_hover_text(s::IND_HINT).clicked() {
                            clicked = Some(i);
                        }
                    });
                    row.col(|ui| {
                        ui.label(target_text(r)).on_hover_text(r.target.map_or("", |t| t.1.label()));
                    });
                    let running = crate::domain::indicators::year_running(b.year, b.request.today);
                    row.col(|ui| match r.met {
                        Some(true) => {
                            ui.colored_label(theme::DONE, s::IND_MET);
                        }
                        Some(false) if running => {
                            ui.colored_label(theme::DUE, s::IND_MIDWAY);
                        }
                        Some(false) => {
                            ui.colored_label(theme::ERROR, s::IND_MISSED);
                        }
                        None => {
                            ui.label(s::IND_NO_TARGET);
                        }
                    });
                    row.col(|ui| sparkline(ui, &r.trend));
                });
            });
        if let Some(i) = clicked {
            self.select(i, session);
        }
    }

    fn select(&mut self, i: usize, session: &Session) {
        let Some(b) = &self.board else { return };
        let r = &b.rows[i];
        self.selected = Some(i);
        self.target_text = r.target.filter(|t| t.1 == own_source(session)).map(|t| fmt_number(t.0)).unwrap_or_default();
        let (w, settings) = (b.request.window, session.settings());
        (self.drill, self.splits) = if r.entered.is_some() {
            (Vec::new(), Vec::new())
        } else {
            (drill(session.data(), w, settings, &r.id, &r.scope), splits(session.data(), w, settings, &r.id, &r.scope))
        };
    }

    fn details_ui(&mut self, ui: &mut egui::Ui, session: &mut Session) -> Option<PersonId> {
        let (Some(b), Some(i)) = (&self.board, self.selected) else { return None };
        let r = b.rows[i].clone();
        let (years, year) = (b.years.clone(), b.year);
        let scopes: Vec<(Scope, Option<f64>)> =
            b.rows.iter().filter(|x| x.id == r.id && x.scope != "all").map(|x| (x.scope.clone(), x.value)).collect();
        let mut open = None;
        ui.horizontal(|ui| {
            ui.heading(&r.title);
            if ui.button(s::IND_CLOSE).clicked() {
                self.selected = None;
            }
        });
        ui.label(format!("{} · {} · {}", r.title, scope_label(&r.scope, session), r.display()));
        if r.group == Group::SelfEvaluation {
            use chrono::Datelike;
            let as_of = b.request.window.calendar().as_of;
            ui.label(format!(
                "Пункт самообследования считается за календарный {} год на {}, как в отчёте.",
                as_of.year(),
                crate::domain::fmt_date(as_of)
            ));
        }
        if let Some((source, _)) = &r.entered {
            ui.label(format!("{}: {source}", s::IND_ENTERED_SOURCE));
            if let Some(e) = session.data().entered.iter().find(|e| e.code() == r.id).cloned()
                && ui.button(s::IND_EDIT_ENTERED).clicked()
            {
                self.entered = Some(edit_entered(e, year));
            }
        }
        self.target_ui(ui, session, &r, year);
        for split in &self.splits {
            let parts: Vec<String> = split.parts.iter().map(|(l, n)| format!("{l}: {n}")).collect();
            let text = if parts.is_empty() { "—".to_string() } else { parts.join(", ") };
            ui.label(format!("{} — {text}", split.title));
        }
        let counted: Vec<&DrillRow> = self.drill.iter().filter(|d| d.counted).collect();
        let not: Vec<&DrillRow> = self.drill.iter().filter(|d| !d.counted).collect();
        let lists = [(s::IND_COUNTED, counted), (s::IND_NOT_COUNTED, not)];
        let municipal = session.org().role != OrgRole::School;
        if scopes.is_empty() {
            // No breakdown: the trend beside the two lists.
            ui.columns(3, |cols| {
                cols[0].strong(s::IND_TREND);
                trend_plot(&mut cols[0], &r, &years);
                if !self.drill.is_empty() {
                    for (col, (title, list)) in cols[1..].iter_mut().zip(lists) {
                        open = open.or(drill_list(col, title, &list, municipal));
                    }
                }
            });
        } else {
            ui.columns(2, |cols| {
                cols[0].strong(s::IND_TREND);
                trend_plot(&mut cols[0], &r, &years);
                cols[1].strong(s::IND_BARS);
                bars_plot(&mut cols[1], &scopes, session);
            });
            if !self.drill.is_empty() {
                ui.columns(2, |cols| {
                    for (col, (title, list)) in cols.iter_mut().zip(lists) {
                        open = open.or(drill_list(col, title, &list, municipal));
                    }
                });
            }
        }
        open
    }

    fn target_ui(&mut self, ui: &mut egui::Ui, session: &mut Session, r: &Row, year: SchoolYear) {
        ui.horizontal(|ui| {
            if let Some((t, source)) = r.target {
                ui.label(format!("{} {year}: {} ({})", s::IND_TARGET_FOR, fmt_number(t), source.label()));
                ui.separator();
            }
            let own = if session.org().role == OrgRole::School { "школы" } else { "муниципалитета" };
            let l = ui.label(format!("{} {own}:", s::IND_OWN_TARGET));
            ui.add(egui::TextEdit::singleline(&mut self.target_text).desired_width(60.0)).labelled_by(l.id);
            if ui.button(s::IND_SAVE_TARGET).clicked() {
                match self.target_text.trim().replace(',', ".").parse::<f64>() {
                    Ok(v) => {
                        let set = Command::SetTarget { indicator: r.id.clone(), year, value: Some(v) };
                        self.sent.send(session, set, After::Say(s::IND_SAVE_TARGET));
                    }
                    Err(_) => self.message = Some(Notice::Failed(s::IND_TARGET_BAD.into())),
                }
            }
            if ui.button(s::IND_REMOVE_TARGET).clicked() {
                let remove = Command::SetTarget { indicator: r.id.clone(), year, value: None };
                self.sent.send(session, remove, After::Say(s::IND_REMOVE_TARGET));
                self.target_text.clear();
            }
        });
    }
}

/// One column of the drill-down: its count and the names, each a link to the card.
fn drill_list(ui: &mut egui::Ui, title: &str, list: &[&DrillRow], with_school: bool) -> Option<PersonId> {
    let mut open = None;
    ui.strong(format!("{title}: {}", list.len()));
    egui::ScrollArea::vertical().id_salt(title).max_height(230.0).auto_shrink([false, true]).show_rows(
        ui,
        20.0,
        list.len(),
        |ui, range| {
            for d in &list[range] {
                let text = if d.school.is_empty() || !with_school {
                    d.name.clone()
                } else {
                    format!("{} ({})", d.name, d.school)
                };
                match d.person {
                    Some(p) => {
                        if ui.link(text).clicked() {
                            open = Some(p);
                        }
                    }
                    None => {
                        ui.label(text);
                    }
                }
            }
        },
    );
    open
}

fn own_source(session: &Session) -> crate::domain::indicators::TargetSource {
    use crate::domain::indicators::TargetSource;
    if session.org().role == OrgRole::School { TargetSource::School } else { TargetSource::Municipal }
}

fn target_text(r: &Row) -> String {
    match r.target {
        Some((t, _)) => {
            let unit = r.entered.as_ref().map_or("%", |e| e.1.as_str());
            let sign = if crate::domain::indicators::lower_is_better(&r.id) { "≤ " } else { "≥ " };
            format!("{sign}{} {unit}", fmt_number(t))
        }
        None => s::IND_NO_TARGET.into(),
    }
}

/// A scope as the table of one breakdown names it: «всего», a school's short name, or the bare name of
/// the type of school, the subject, the municipality (the breakdown says which).
fn scope_label(scope: &Scope, session: &Session) -> String {
    match scope {
        Scope::All => s::IND_ALL_SCOPE.into(),
        Scope::School(_) => crate::app::indicators::scope_label(session.data(), scope),
        other => other.name().to_string(),
    }
}

/// A small line of the trend (0–100 %), the last point marked.
fn sparkline(ui: &mut egui::Ui, values: &[Option<f64>]) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(88.0, 18.0), egui::Sense::hover());
    let known: Vec<(usize, f64)> = values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i, v))).collect();
    if known.is_empty() {
        return;
    }
    let (lo, hi) = known.iter().fold((f64::MAX, f64::MIN), |(a, b), (_, v)| (a.min(*v), b.max(*v)));
    let span = (hi - lo).max(10.0);
    let n = values.len().max(2) - 1;
    let point = |i: usize, v: f64| {
        egui::pos2(
            rect.left() + rect.width() * i as f32 / n as f32,
            rect.bottom() - 2.0 - (rect.height() - 4.0) * ((v - lo) / span) as f32,
        )
    };
    let points: Vec<egui::Pos2> = known.iter().map(|(i, v)| point(*i, *v)).collect();
    let painter = ui.painter();
    painter.add(egui::Shape::line(points.clone(), egui::Stroke::new(1.5, theme::CHART)));
    if let Some(last) = points.last() {
        painter.circle_filled(*last, 2.5, theme::CHART);
    }
}

fn trend_plot(ui: &mut egui::Ui, r: &Row, years: &[SchoolYear]) {
    use egui_plot::{Legend, Line, Plot, PlotPoints, Points};
    let actual: Vec<[f64; 2]> =
        years.iter().zip(&r.trend).filter_map(|(y, v)| v.map(|v| [f64::from(y.0), v])).collect();
    let targets: Vec<[f64; 2]> =
        years.iter().zip(&r.target_trend).filter_map(|(y, t)| t.map(|t| [f64::from(y.0), t])).collect();
    // The room a school year has on the axis (the y axis' labels take about 40 points).
    let per_year = (ui.available_width() - 40.0) / (years.len() as f32 + 0.9);
    Plot::new(("trend", &r.id, &r.scope))
        .height(200.0)
        .legend(Legend::default())
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_y(0.0)
        .include_y(100.0)
        // One mark a school year and nothing between them, with room for the first and the last label.
        .x_grid_spacer(|input| {
            let (lo, hi) = input.bounds;
            (lo.ceil() as i32..=hi.floor() as i32)
                .map(|y| egui_plot::GridMark { value: f64::from(y), step_size: 1.0 })
                .collect()
        })
        .include_x(years.first().map_or(0.0, |y| f64::from(y.0) - 0.45))
        .include_x(years.last().map_or(0.0, |y| f64::from(y.0) + 0.45))
        .custom_x_axes(vec![
            egui_plot::AxisHints::new_x()
                // A label wherever it fits whole; the year's name shortened as the chart narrows.
                .label_spacing(24.0..=32.0)
                .formatter(move |m, _| {
                    if m.value.fract() == 0.0 { year_mark(SchoolYear(m.value as i32), per_year) } else { String::new() }
                }),
        ])
        .show(ui, |p| {
            p.line(Line::new(s::IND_ACTUAL, PlotPoints::new(actual.clone())).color(theme::CHART).width(2.0));
            p.points(Points::new(s::IND_ACTUAL, PlotPoints::new(actual)).color(theme::CHART).radius(3.0));
            if !targets.is_empty() {
                p.line(
                    Line::new(s::IND_TARGET_LINE, PlotPoints::new(targets))
                        .color(theme::WARNING)
                        .style(egui_plot::LineStyle::dashed_dense()),
                );
            }
        });
    // The year labels hang a little below the plot's rect: room for them at the end of a scrolled panel.
    ui.add_space(theme::GAP_SMALL);
}

/// A school year's mark on a chart's axis, as long as `room` (points) allows: «2024/2025», «2024/25»,
/// «24/25».
fn year_mark(year: SchoolYear, room: f32) -> String {
    let (a, b) = (year.0, year.0 + 1);
    if room >= 84.0 {
        year.to_string()
    } else if room >= 66.0 {
        format!("{a}/{:02}", b % 100)
    } else {
        format!("{:02}/{:02}", a % 100, b % 100)
    }
}

fn bars_plot(ui: &mut egui::Ui, scopes: &[(Scope, Option<f64>)], session: &Session) {
    use egui_plot::{Bar, BarChart, Plot};
    let names: Vec<String> = scopes.iter().map(|(sc, _)| scope_label(sc, session)).collect();
    let bars: Vec<Bar> = scopes
        .iter()
        .enumerate()
        .map(|(i, (_, v))| Bar::new(i as f64, v.unwrap_or(0.0)).name(&names[i]).width(0.7))
        .collect();
    let labels = names.clone();
    Plot::new("bars")
        .height(200.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_y(0.0)
        .include_y(100.0)
        .x_axis_formatter(move |m, _| {
            let i = m.value.round();
            if (m.value - i).abs() < 1e-6 && i >= 0.0 {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |p| p.bar_chart(BarChart::new(s::IND_ACTUAL, bars).color(theme::CHART)));
}

fn staffing_ui(ui: &mut egui::Ui, rows: &[Staffing], session: &Session) {
    use egui_extras::{Column as C, TableBuilder};
    let opt = |v: Option<f64>, unit: &str| v.map_or("—".to_string(), |v| format!("{}{unit}", fmt_number(v)));
    let height = (ui.available_height() * 0.45).max(140.0);
    ui.allocate_ui(egui::vec2(ui.available_width(), height), |ui| {
        TableBuilder::new(ui)
            .id_salt("staffing_table")
            .striped(true)
            .auto_shrink([false, false])
            .column(C::remainder().at_least(200.0))
            .columns(C::initial(120.0), 6)
            .header(24.0, |mut h| {
                for t in s::IND_STAFF_COLUMNS {
                    h.col(|ui| {
                        ui.strong(t);
                    });
                }
            })
            .body(|body| {
                body.rows(22.0, rows.len(), |mut row| {
                    let r = &rows[row.index()];
                    let cells = [
                        scope_label(&r.scope, session),
                        r.teachers.to_string(),
                        r.vacancies.to_string(),
                        fmt_number(r.vacancy_hours),
                        opt(r.average_age, ""),
                        opt(r.average_load, ""),
                        opt(r.provision, " %"),
                    ];
                    for c in cells {
                        row.col(|ui| {
                            ui.label(c);
                        });
                    }
                });
            });
    });
    let Some(all) = rows.first() else { return };
    ui.separator();
    ui.columns(4, |cols| {
        for (col, (title, list)) in cols.iter_mut().zip([
            (s::IND_STAFF_EDUCATION, &all.by_education),
            (s::IND_STAFF_EXPERIENCE, &all.by_experience),
            (s::IND_STAFF_AGE, &all.by_age),
            (s::IND_STAFF_CATEGORY, &all.by_category),
        ]) {
            col.strong(title);
            for (label, n) in list {
                let share = if all.teachers > 0 { *n as f64 * 100.0 / all.teachers as f64 } else { 0.0 };
                col.label(format!("{label}: {n} ({} %)", fmt_number(share)));
            }
        }
    });
}

fn new_entered(session: &Session, year: SchoolYear) -> EnteredForm {
    let org = session.org().id;
    edit_entered(
        EnteredIndicator {
            id: EnteredIndicatorId::new(),
            author: org,
            org,
            title: String::new(),
            source: String::new(),
            unit: "%".into(),
            values: Vec::new(),
        },
        year,
    )
}

fn edit_entered(record: EnteredIndicator, year: SchoolYear) -> EnteredForm {
    let values = (0..board::TREND_YEARS + 1)
        .map(|k| SchoolYear(year.0 - (board::TREND_YEARS - 1) + k))
        .map(|y| (y, record.value_in(y).map(fmt_number).unwrap_or_default()))
        .collect();
    EnteredForm { record, values, error: None }
}

/// The entered-indicator form; `Some(true)` to save (the values are parsed into the record),
/// `Some(false)` to cancel.
fn entered_ui(ui: &mut egui::Ui, form: &mut EnteredForm) -> Option<bool> {
    let mut result = None;
    egui::Grid::new("entered_form").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
        for (label, text, width) in [
            (s::IND_ENTERED_TITLE, &mut form.record.title, 520.0),
            (s::IND_ENTERED_SOURCE, &mut form.record.source, 520.0),
            (s::IND_ENTERED_UNIT, &mut form.record.unit, 60.0),
        ] {
            let l = ui.label(label);
            ui.add(egui::TextEdit::singleline(text).desired_width(width)).labelled_by(l.id);
            ui.end_row();
        }
    });
    ui.label(s::IND_ENTERED_VALUES);
    egui::Grid::new("entered_values").num_columns(2).show(ui, |ui| {
        for (y, text) in &mut form.values {
            let l = ui.label(y.to_string());
            ui.add(egui::TextEdit::singleline(text).desired_width(80.0)).labelled_by(l.id);
            ui.end_row();
        }
    });
    if let Some(e) = &form.error {
        ui.colored_label(theme::ERROR, e);
    }
    ui.horizontal(|ui| {
        if ui.button(s::IND_SAVE).clicked() {
            let mut values = Vec::new();
            let mut bad = None;
            for (y, text) in &form.values {
                let t = text.trim();
                if t.is_empty() {
                    continue;
                }
                match t.replace(',', ".").parse::<f64>() {
                    Ok(v) => values.push(EnteredValue { year: *y, value: v }),
                    Err(_) => bad = Some(format!("{y}: «{t}» — {}", s::IND_ENTERED_BAD_VALUE)),
                }
            }
            match bad {
                Some(b) => form.error = Some(b),
                None => {
                    form.record.values = values;
                    result = Some(true);
                }
            }
        }
        if ui.button(s::IND_CANCEL).clicked() {
            result = Some(false);
        }
    });
    result
}
