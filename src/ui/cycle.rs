//! The «Цикл мониторинга» screen: the yearly management cycle of seeds 000, 001 and 004 — goals with
//! their indicators, the analysis (findings the app proposes from the numbers, kept or written by hand),
//! addressed recommendations (to a school they travel there in the municipal package), measures with their
//! participants, management decisions, and the effect of each measure (its indicators before and after).
//! Records are added and edited through the same forms as everywhere; the year is the one chosen at the top.

use super::form::{Form, FormAction, FormContext};
use super::strings as s;
use crate::app::Session;
use crate::app::{Command, Notice};
use crate::domain::cycle;
use crate::domain::{AnyRecord, Finding, OrgId, OrgRole, RecordKind, SchoolYear, fmt_date};

/// A record of the tab with the line that shows it.
type Row = (AnyRecord, String);
/// A measure with its before/after lines.
type MeasureLines = (crate::domain::Measure, Vec<String>);

/// One indicator of a goal's plan: the base value and the target of each year, as typed.
struct PlanRow {
    indicator: String,
    base: String,
    years: Vec<(SchoolYear, String)>,
}

fn number_text(v: Option<f64>) -> String {
    v.map(crate::domain::ru::number).unwrap_or_default()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Goals,
    Risks,
    Schedule,
    Analysis,
    Recommendations,
    Measures,
    Decisions,
    Effects,
    Orders,
}

impl Tab {
    const ALL: [Tab; 9] = [
        Tab::Goals,
        Tab::Risks,
        Tab::Schedule,
        Tab::Analysis,
        Tab::Recommendations,
        Tab::Measures,
        Tab::Decisions,
        Tab::Effects,
        Tab::Orders,
    ];

    fn label(self) -> &'static str {
        match self {
            Tab::Goals => s::CY_GOALS,
            Tab::Schedule => s::CY_SCHEDULE,
            Tab::Risks => s::CY_RISKS,
            Tab::Orders => s::CY_ORDERS,
            Tab::Analysis => s::CY_ANALYSIS,
            Tab::Recommendations => s::CY_RECOMMENDATIONS,
            Tab::Measures => s::CY_MEASURES,
            Tab::Decisions => s::CY_DECISIONS,
            Tab::Effects => s::CY_EFFECTS,
        }
    }

    fn kind(self) -> RecordKind {
        match self {
            Tab::Goals => RecordKind::Goal,
            Tab::Schedule => RecordKind::ScheduleItem,
            Tab::Risks => RecordKind::Risk,
            Tab::Orders => RecordKind::Order,
            Tab::Analysis => RecordKind::Finding,
            Tab::Recommendations => RecordKind::Recommendation,
            Tab::Measures => RecordKind::Measure,
            Tab::Decisions => RecordKind::Decision,
            Tab::Effects => RecordKind::Effect,
        }
    }
}

pub struct CycleScreen {
    tab: Tab,
    form: Option<Form>,
    /// Findings the app proposed, not yet kept.
    proposed: Vec<Finding>,
    /// The kind of order the next draft is of.
    order_kind: crate::domain::labels::OrderKind,
    /// The school a new recommendation is addressed to (none: the author's own organisation).
    to_school: Option<OrgId>,
    /// The plan of a goal being edited: (indicator, base text, year texts), as in seed 002's table.
    plan: Option<(crate::domain::GoalId, Vec<PlanRow>)>,
    /// The tab's records with their lines, rebuilt only when the data, the year or the tab change.
    rows: Option<((u64, SchoolYear, Tab), Vec<Row>)>,
    /// Each measure of the year with its indicators before and after (two catalogue computations a
    /// measure: far too slow for every frame).
    effects: Option<((u64, SchoolYear), Vec<MeasureLines>)>,
    message: Option<Notice>,
    /// A change sent, waiting for its outcome.
    sent: super::pending::Pending<After>,
}

/// What the screen does once a change it sent is applied.
enum After {
    /// The open form was saved: close it and say so.
    Form(String),
    /// Say this.
    Say(String),
    /// The goal's plan was saved: close it and say so.
    Plan(String),
}

impl Default for CycleScreen {
    fn default() -> Self {
        CycleScreen {
            tab: Tab::Goals,
            form: None,
            proposed: Vec::new(),
            order_kind: crate::domain::labels::OrderKind::Mentors,
            to_school: None,
            plan: None,
            rows: None,
            effects: None,
            message: None,
            sent: Default::default(),
        }
    }
}

impl CycleScreen {
    pub fn ui(&mut self, ui: &mut egui::Ui, session: &mut Session, year: SchoolYear) {
        let today = session.today();
        if let Some((after, outcome)) = self.sent.take(session) {
            match (after, outcome) {
                (After::Form(what), Ok(_)) => {
                    self.form = None;
                    self.message = Some(Notice::Done(what));
                }
                (After::Form(_), Err(e)) => match &mut self.form {
                    Some(form) => drop(form.errors.insert(String::new(), e.to_string())),
                    None => self.message = Some(Notice::Failed(e.to_string())),
                },
                (After::Plan(what), Ok(_)) => {
                    self.plan = None;
                    self.message = Some(Notice::Done(what));
                }
                (After::Say(what), Ok(_)) => self.message = Some(Notice::Done(what)),
                (After::Plan(_) | After::Say(_), Err(e)) => self.message = Some(Notice::Failed(e.to_string())),
            }
        }
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            ui.heading(s::NAV_CYCLE);
            ui.label(format!("{} {year}", s::REP_YEAR));
            ui.horizontal(|ui| {
                for t in Tab::ALL {
                    if ui.selectable_label(self.tab == t, t.label()).clicked() {
                        self.tab = t;
                        self.form = None;
                        self.message = None;
                    }
                }
            });
            ui.separator();
            super::widgets::outcome(ui, &self.message);
            if self.plan.is_some() {
                self.plan_ui(ui, session);
                return;
            }
            if let Some(form) = &mut self.form {
                let ctx = FormContext {
                    persons: Vec::new(),
                    records: link_targets(session, year),
                    scopes: crate::app::indicators::scope_choices(session.data()),
                    dictionaries: Default::default(),
                    today,
                };
                match form.ui(ui, &ctx) {
                    FormAction::Save => {
                        if let Some(record) = form.build(today) {
                            let what = format!("{}: {}", record.kind().label(), s::CY_SAVED);
                            self.sent.send(session, Command::Put { what: what.clone(), record }, After::Form(what));
                        }
                    }
                    FormAction::Cancel => self.form = None,
                    FormAction::None => {}
                }
                return;
            }
            let own = session.org().id;
            match self.tab {
                Tab::Analysis => self.analysis_ui(ui, session, year),
                Tab::Schedule => self.schedule_ui(ui, session),
                Tab::Orders => self.orders_ui(ui, session, year),
                Tab::Recommendations if session.org().role != OrgRole::School => {
                    let schools: Vec<(OrgId, String)> =
                        session.data().schools().map(|s| (s.id, s.short_or_name().to_string())).collect();
                    let current = self
                        .to_school
                        .and_then(|id| schools.iter().find(|x| x.0 == id))
                        .map_or(s::CY_NO_SCHOOL.to_string(), |x| x.1.clone());
                    egui::ComboBox::from_label(s::CY_TO_SCHOOL).selected_text(current).show_ui(ui, |ui| {
                        if ui.selectable_label(self.to_school.is_none(), s::CY_NO_SCHOOL).clicked() {
                            self.to_school = None;
                        }
                        for (id, name) in &schools {
                            if ui.selectable_label(self.to_school == Some(*id), name).clicked() {
                                self.to_school = Some(*id);
                            }
                        }
                    });
                }
                Tab::Effects => self.effects_ui(ui, session, year),
                _ => {}
            }
            // A schedule of her own begins from the regulations' (kept above): a first line added to the
            // default would silently replace all of it.
            let default_schedule = self.tab == Tab::Schedule && !session.data().schedule.iter().any(|x| x.org == own);
            if default_schedule {
                return;
            }
            if ui.button(format!("{} «{}»", s::CY_ADD, self.tab.kind().label())).clicked() {
                let mut record = cycle::blank(self.tab.kind(), own, today);
                set_year(&mut record, year);
                if let (AnyRecord::Recommendation(r), Some(school)) = (&mut record, self.to_school) {
                    r.org = school;
                    r.addressee = crate::domain::labels::Addressee::School;
                }
                self.form = Some(Form::new(&record, format!("{} {}", s::CY_NEW, self.tab.kind().label()), true));
            }
            ui.add_space(super::theme::GAP);
            self.list_ui(ui, session, year);
        });
    }

    /// The records of the tab's kind for the year, each with «Изменить» and «Удалить».
    fn list_ui(&mut self, ui: &mut egui::Ui, session: &mut Session, year: SchoolYear) {
        let own = session.org().id;
        let key = (session.generation, year, self.tab);
        if self.rows.as_ref().is_none_or(|(k, _)| *k != key) {
            let kind = self.tab.kind();
            let rows = cycle_records(session.data(), kind)
                .into_iter()
                .filter(|r| in_year(r, year))
                .filter(|r| r.author() == own || r.org() == Some(own))
                .map(|r| {
                    let text = line(session, &r);
                    (r, text)
                })
                .collect();
            self.rows = Some((key, rows));
        }
        // Taken out for the frame (the rows' buttons change the rest of the screen) and put back below.
        let Some((key, records)) = self.rows.take() else { return };
        if records.is_empty() {
            ui.label(s::CY_NONE);
            self.rows = Some((key, records));
            return;
        }
        let mut delete = None;
        // A row per record: its buttons, then its text wrapping in the rest of the width (in a grid the
        // wrapping text took the narrowest column and stood a word to a line).
        for (r, text) in &records {
            ui.horizontal_top(|ui| {
                if let AnyRecord::Goal(g) = r
                    && r.author() == own
                    && ui.button(s::CY_PLAN).clicked()
                {
                    self.plan = Some((g.id, plan_rows(session, g)));
                }
                if r.author() == own {
                    if ui.button(s::CY_EDIT).clicked() {
                        self.form = Some(Form::new(r, format!("{} {}", s::CY_EDITING, r.kind().label()), false));
                    }
                    if ui.button(s::CY_DELETE).clicked() {
                        delete = Some((r.kind(), r.uuid()));
                    }
                } else {
                    ui.label(format!("{} {}", s::CY_FROM, session.organisation_name(r.author())));
                }
                ui.add(egui::Label::new(text.as_str()).wrap());
            });
            ui.add_space(super::theme::GAP_SMALL);
        }
        self.rows = Some((key, records));
        if let Some((kind, id)) = delete {
            let what = format!("{}: {}", kind.label(), s::CY_DELETED);
            self.sent.send(session, Command::Delete { what: what.clone(), kind, id }, After::Say(what));
        }
    }

    /// The monitoring schedule: while the organisation has written none, the regulations' lines (seed 001
    /// for a municipality, seed 004 for a school) shown as they will be kept, and one button that keeps
    /// them as its own to edit; then its own lines, listed below like every cycle record.
    fn schedule_ui(&mut self, ui: &mut egui::Ui, session: &mut Session) {
        ui.label(s::CY_SCHEDULE_HINT);
        let own = session.org().id;
        if session.data().schedule.iter().any(|x| x.org == own) {
            return;
        }
        let school = session.org().role == OrgRole::School;
        ui.label(if school { s::CY_SCHEDULE_DEFAULT_SCHOOL } else { s::CY_SCHEDULE_DEFAULT_MUN });
        if ui.button(s::CY_SCHEDULE_KEEP).clicked() {
            let records = cycle::default_items(own, school).into_iter().map(AnyRecord::from).collect();
            let what = s::CY_SCHEDULE_KEPT.to_string();
            self.sent.send(session, Command::PutMany { what: what.clone(), records }, After::Say(what));
        }
        // A line each, wrapping in the whole width (a grid gave the wrapping text its narrowest column).
        for (what, when, who, result) in cycle::default_schedule(school) {
            ui.add(egui::Label::new(format!("• {what} — {when}; {who} ({result})")).wrap());
        }
    }

    /// Orders drafted from the records (issue 25): the kind chosen, the draft opens in the form to edit,
    /// and is kept with its number and date; printed from «Отчёты» → «Приказ» as kept.
    fn orders_ui(&mut self, ui: &mut egui::Ui, session: &mut Session, year: SchoolYear) {
        use crate::domain::labels::OrderKind;
        ui.label(s::CY_ORDERS_HINT);
        ui.horizontal(|ui| {
            let l = ui.label(s::CY_ORDER_KIND);
            egui::ComboBox::from_id_salt("order_kind")
                .selected_text(self.order_kind.label())
                .width(420.0)
                .show_ui(ui, |ui| {
                    for k in OrderKind::ALL {
                        ui.selectable_value(&mut self.order_kind, *k, k.label());
                    }
                })
                .response
                .labelled_by(l.id);
            if ui.button(s::CY_ORDER_DRAFT).clicked() {
                let order = crate::domain::orders::draft(
                    self.order_kind,
                    session.data(),
                    session.settings(),
                    session.org(),
                    year,
                    session.today(),
                );
                self.form = Some(Form::new(&AnyRecord::Order(order), s::CY_ORDER_NEW, true));
            }
        });
        ui.separator();
    }

    fn analysis_ui(&mut self, ui: &mut egui::Ui, session: &mut Session, year: SchoolYear) {
        if ui.button(s::CY_PROPOSE).clicked() {
            self.proposed =
                cycle::propose_findings(session.data(), session.settings(), session.org().id, year, session.today());
            if self.proposed.is_empty() {
                self.message = Some(Notice::Done(s::CY_NOTHING_FOUND.into()));
            }
        }
        let mut keep = None;
        for (i, f) in self.proposed.iter().enumerate() {
            ui.horizontal(|ui| {
                if ui.button(s::CY_KEEP).clicked() {
                    keep = Some(i);
                }
                ui.add(egui::Label::new(&f.text).wrap());
            });
        }
        if let Some(i) = keep {
            let f = self.proposed.remove(i);
            let what = s::CY_FINDING_KEPT.to_string();
            self.sent.send(session, Command::Put { what: what.clone(), record: f.into() }, After::Say(what));
        }
        ui.separator();
    }

    /// Each measure of the year with its indicators before and after.
    fn effects_ui(&mut self, ui: &mut egui::Ui, session: &mut Session, year: SchoolYear) {
        let own = session.org().id;
        let key = (session.generation, year);
        if self.effects.as_ref().is_none_or(|(k, _)| *k != key) {
            let f = |v: Option<f64>| v.map_or("—".into(), |v| crate::domain::ru::decimal(v, 1));
            let effects = session
                .data()
                .measures
                .iter()
                .filter(|m| m.org == own && m.year == year)
                .map(|m| {
                    let lines = cycle::before_after(session.data(), session.settings(), m, session.today())
                        .iter()
                        .map(|b| format!("    {}: {} → {}", b.title, f(b.before), f(b.after)))
                        .collect();
                    (m.clone(), lines)
                })
                .collect();
            self.effects = Some((key, effects));
        }
        let Some((key, measures)) = self.effects.take() else { return };
        for (m, lines) in &measures {
            ui.strong(&m.title);
            for l in lines {
                ui.label(l.as_str());
            }
            if ui.button(format!("{} «{}»", s::CY_CONCLUDE, m.title)).clicked() {
                let mut record = cycle::blank(RecordKind::Effect, own, session.today());
                if let AnyRecord::Effect(e) = &mut record {
                    e.measure = m.id;
                    e.year = year;
                }
                self.form = Some(Form::new(&record, s::CY_CONCLUSION, true));
            }
        }
        self.effects = Some((key, measures));
        ui.separator();
    }
}

/// The plan of a goal as the grid starts: its base values and the targets already stored.
fn plan_rows(session: &Session, g: &crate::domain::Goal) -> Vec<PlanRow> {
    let own = session.org().id;
    g.indicators
        .iter()
        .map(|id| PlanRow {
            indicator: id.clone(),
            base: number_text(g.base.iter().find(|b| b.indicator == *id).map(|b| b.value)),
            years: (g.from.0..=g.to.0)
                .map(|y| {
                    let t = session
                        .data()
                        .targets
                        .iter()
                        .find(|t| t.org == own && t.indicator == *id && t.year == SchoolYear(y))
                        .map(|t| t.value);
                    (SchoolYear(y), number_text(t))
                })
                .collect(),
        })
        .collect()
}

impl CycleScreen {
    /// Seed 002's table: each indicator of the goal with its base value and the plan by year; saved as the
    /// goal's base values and one target per year, in one action.
    fn plan_ui(&mut self, ui: &mut egui::Ui, session: &mut Session) {
        let Some((goal_id, rows)) = &mut self.plan else { return };
        let Some(goal) = session.data().goals.iter().find(|g| g.id == *goal_id).cloned() else {
            self.plan = None;
            return;
        };
        ui.strong(format!("{} {}", s::CY_PLAN_OF, goal.title));
        egui::Grid::new("goal_plan").striped(true).show(ui, |ui| {
            ui.strong(s::CY_INDICATOR);
            ui.strong(s::CY_BASE);
            for (y, _) in rows.first().map(|r| r.years.as_slice()).unwrap_or_default() {
                ui.strong(y.to_string());
            }
            ui.end_row();
            for r in rows.iter_mut() {
                ui.label(&r.indicator);
                // Each cell is named «показатель год» for screen readers (and tests).
                let named = |resp: egui::Response, name: String| {
                    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &name));
                };
                let base_name = format!("{} {}", r.indicator, s::CY_BASE);
                named(ui.add(egui::TextEdit::singleline(&mut r.base).desired_width(60.0)), base_name);
                for (y, text) in &mut r.years {
                    let edit =
                        egui::TextEdit::singleline(text).desired_width(60.0).id_salt((r.indicator.as_str(), y.0));
                    named(ui.add(edit), format!("{} {y}", r.indicator));
                }
                ui.end_row();
            }
        });
        let mut close = false;
        let mut sent = None;
        ui.horizontal(|ui| {
            if ui.button(s::CY_PLAN_SAVE).clicked() {
                match plan_records(session, &goal, rows) {
                    Ok(records) => {
                        sent = Some(format!("{} «{}»", s::CY_PLAN_SAVED, goal.title))
                            .map(|what| (Command::PutMany { what: what.clone(), records }, After::Plan(what)))
                    }
                    Err(e) => self.message = Some(Notice::Failed(e)),
                }
            }
            if ui.button(s::CANCEL).clicked() {
                close = true;
            }
        });
        if let Some((command, after)) = sent {
            self.sent.send(session, command, after);
        }
        if close {
            self.plan = None;
        }
    }
}

/// The goal with its base values and the targets of the plan; a value that is not a number is refused
/// with the indicator and year named.
fn plan_records(session: &Session, goal: &crate::domain::Goal, rows: &[PlanRow]) -> Result<Vec<AnyRecord>, String> {
    let own = session.org().id;
    let parse = |t: &str, what: &str| -> Result<Option<f64>, String> {
        let t = t.trim().replace(',', ".");
        if t.is_empty() {
            return Ok(None);
        }
        t.parse::<f64>().map(Some).map_err(|_| format!("{what}: «{t}» — не число"))
    };
    let mut goal = goal.clone();
    goal.base.clear();
    let mut records = Vec::new();
    for r in rows {
        if let Some(v) = parse(&r.base, &format!("{} — базовое значение", r.indicator))? {
            goal.base.push(crate::domain::BaseValue {
                indicator: r.indicator.clone(),
                year: SchoolYear(goal.from.0 - 1),
                value: v,
            });
        }
        for (y, text) in &r.years {
            let Some(v) = parse(text, &format!("{} — {y}", r.indicator))? else { continue };
            let existing =
                session.data().targets.iter().find(|t| t.org == own && t.indicator == r.indicator && t.year == *y);
            records.push(AnyRecord::Target(crate::domain::Target {
                id: existing.map_or_else(crate::domain::TargetId::new, |t| t.id),
                author: own,
                org: own,
                indicator: r.indicator.clone(),
                year: *y,
                value: v,
            }));
        }
    }
    records.insert(0, AnyRecord::Goal(goal));
    Ok(records)
}

/// The findings and measures of the year a recommendation, measure or decision can point at.
fn link_targets(session: &Session, year: SchoolYear) -> Vec<(RecordKind, uuid::Uuid, String)> {
    let own = session.org().id;
    let data = session.data();
    let short = |t: &str| t.chars().take(90).collect::<String>();
    let mut out: Vec<(RecordKind, uuid::Uuid, String)> = data
        .findings
        .iter()
        .filter(|f| f.org == own && f.year == year)
        .map(|f| (RecordKind::Finding, f.id.0, short(&f.text)))
        .collect();
    out.extend(
        data.measures
            .iter()
            .filter(|m| m.org == own && m.year == year)
            .map(|m| (RecordKind::Measure, m.id.0, short(&m.title))),
    );
    out
}

/// The records of one cycle kind, without copying the rest of the data.
fn cycle_records(data: &crate::domain::Dataset, kind: RecordKind) -> Vec<AnyRecord> {
    fn all<T: Clone + Into<AnyRecord>>(v: &[T]) -> Vec<AnyRecord> {
        v.iter().cloned().map(Into::into).collect()
    }
    match kind {
        RecordKind::Goal => all(&data.goals),
        RecordKind::Finding => all(&data.findings),
        RecordKind::Recommendation => all(&data.recommendations),
        RecordKind::Measure => all(&data.measures),
        RecordKind::Decision => all(&data.decisions),
        RecordKind::Effect => all(&data.effects),
        RecordKind::ScheduleItem => all(&data.schedule),
        RecordKind::Risk => all(&data.risks),
        RecordKind::Order => all(&data.orders),
        _ => Vec::new(),
    }
}

fn set_year(r: &mut AnyRecord, year: SchoolYear) {
    match r {
        AnyRecord::Finding(x) => x.year = year,
        AnyRecord::Recommendation(x) => x.year = year,
        AnyRecord::Measure(x) => x.year = year,
        AnyRecord::Decision(x) => x.year = year,
        AnyRecord::Effect(x) => x.year = year,
        _ => {}
    }
}

fn in_year(r: &AnyRecord, year: SchoolYear) -> bool {
    match r {
        AnyRecord::Goal(g) => g.from <= year && year <= g.to,
        AnyRecord::Finding(x) => x.year == year,
        AnyRecord::Recommendation(x) => x.year == year,
        AnyRecord::Measure(x) => x.year == year,
        AnyRecord::Decision(x) => x.year == year,
        AnyRecord::Effect(x) => x.year == year,
        // The schedule repeats every year.
        AnyRecord::ScheduleItem(_) | AnyRecord::Risk(_) => true,
        AnyRecord::Order(o) => year.period().contains(o.date),
        _ => false,
    }
}

/// One line about a cycle record.
fn line(session: &Session, r: &AnyRecord) -> String {
    let data = session.data();
    match r {
        AnyRecord::Goal(g) => format!("{} ({}–{}); показатели: {}", g.title, g.from, g.to, g.indicators.join(", ")),
        AnyRecord::Finding(f) => {
            if f.factors.is_empty() {
                f.text.clone()
            } else {
                format!("{} Факторы: {}", f.text, f.factors)
            }
        }
        AnyRecord::Recommendation(x) => {
            let whom = if x.org != session.org().id {
                format!("{} ({})", x.addressee.label(), session.organisation_name(x.org))
            } else {
                x.addressee.label().to_string()
            };
            format!("{whom}: {}{}", x.text, x.due.map(|d| format!(" — до {}", fmt_date(d))).unwrap_or_default())
        }
        AnyRecord::Measure(m) => format!(
            "{} — {}; {}; участников по учёту: {}",
            m.title,
            m.document_kind.with_name(&m.document),
            m.responsible,
            cycle::participants(data, m).len()
        ),
        AnyRecord::Decision(d) => format!("{} — {}, {}", fmt_date(d.date), d.what, d.by_whom),
        AnyRecord::Effect(e) => {
            let title = data.measures.iter().find(|m| m.id == e.measure).map(|m| m.title.clone()).unwrap_or_default();
            format!("{title}: {}", e.conclusion)
        }
        AnyRecord::Risk(x) => {
            if x.mitigation.is_empty() {
                x.risk.clone()
            } else {
                format!("{} Меры: {}", x.risk, x.mitigation)
            }
        }
        AnyRecord::Order(o) => o.line(),
        AnyRecord::ScheduleItem(x) => {
            let mut t = format!("{} — {}", x.what, x.when);
            if !x.who.is_empty() {
                t.push_str(&format!("; {}", x.who));
            }
            if !x.result.is_empty() {
                t.push_str(&format!("; {}", x.result));
            }
            t
        }
        other => other.kind().label().to_string(),
    }
}
