//! The Показатели use case: the whole catalogue for a period with its breakdown, each row with its
//! target and its trend over five school years, the entered indicators beside the computed ones, and
//! the staffing picture. Built on a background thread for large copies; the screen only draws it.

use super::Session;
use crate::domain::indicators::{self, Breakdown, Group, Scope, Staffing, TargetSource, Value, Window};
use crate::domain::{
    AnyRecord, Dataset, EnteredIndicator, OrgId, OrgRole, Organisation, RecordKind, RuleSettings, SchoolYear, Target,
    TargetId,
};
use crate::storage::StorageError;
use chrono::NaiveDate;
use std::collections::HashMap;

/// How many school years a trend shows, the viewed one included.
pub const TREND_YEARS: i32 = 5;

/// What a board is computed for.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub window: Window,
    pub breakdown: Breakdown,
    pub today: NaiveDate,
    pub settings: RuleSettings,
    /// The organisation of the database (its targets and entered indicators are «its own»).
    pub own: Organisation,
}

/// One line of the board.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: String,
    pub title: String,
    pub group: Group,
    pub scope: Scope,
    /// Numerator and denominator; none for an entered indicator.
    pub counts: Option<(u64, u64)>,
    /// The percent (or an entered indicator's value).
    pub value: Option<f64>,
    /// For an entered indicator: its source and unit.
    pub entered: Option<(String, String)>,
    pub target: Option<(f64, TargetSource)>,
    pub met: Option<bool>,
    /// Values over [`Board::years`], oldest first.
    pub trend: Vec<Option<f64>>,
    /// The targets over the same years (looked up once here, not by the chart every frame).
    pub target_trend: Vec<Option<f64>>,
}

impl Row {
    /// «12 / 40 = 30,0 %», an entered «63,0 %», or «—».
    pub fn display(&self) -> String {
        match (&self.counts, &self.entered) {
            // «Количество …»: the number of people is the value.
            (Some((n, _)), _) if indicators::about(&self.id).is_some_and(|a| a.count) => crate::domain::ru::people(*n),
            (Some((n, d)), _) => {
                Value { id: String::new(), title: String::new(), scope: Scope::All, numerator: *n, denominator: *d }
                    .display()
            }
            (None, Some((_, unit))) => match self.value {
                Some(v) => format!("{} {unit}", fmt_number(v)),
                None => "—".into(),
            },
            (None, None) => "—".into(),
        }
    }
}

/// A scope as people name it: «в целом», a school's short name, «тип школ: МКШ», «предмет: физика»,
/// «муниципалитет 01». The screens, the reports and the history all name scopes this way.
pub fn scope_label(data: &Dataset, scope: &Scope) -> String {
    match scope {
        Scope::All => "в целом".into(),
        Scope::School(code) => data
            .schools()
            .find(|s| s.code == *code)
            .map(|s| s.short_or_name().to_string())
            .unwrap_or_else(|| format!("школа {code}")),
        Scope::Cluster(c) => format!("тип школ: {c}"),
        Scope::Subject(x) => format!("предмет: {x}"),
        Scope::Municipality(m) => format!("муниципалитет {m}"),
    }
}

/// The scopes a finding can name in this copy, as (text form, name): the whole, each school, each type of
/// school, each subject taught.
pub fn scope_choices(data: &Dataset) -> Vec<(String, String)> {
    let mut scopes = vec![Scope::All];
    scopes.extend(data.schools().map(|s| Scope::School(s.code.clone())));
    let mut clusters: Vec<String> = data.schools().map(|s| s.cluster.clone()).filter(|c| !c.is_empty()).collect();
    clusters.sort();
    clusters.dedup();
    scopes.extend(clusters.into_iter().map(Scope::Cluster));
    let mut subjects: Vec<String> =
        data.assignments.iter().flat_map(|a| a.subjects.iter().map(|s| s.subject.trim().to_string())).collect();
    subjects.sort();
    subjects.dedup();
    scopes.extend(subjects.into_iter().filter(|s| !s.is_empty()).map(Scope::Subject));
    scopes.into_iter().map(|s| (s.to_string(), scope_label(data, &s))).collect()
}

/// [`scope_label`] of a scope's text form as a record stores it (an unreadable one as it is).
pub fn scope_text_label(data: &Dataset, text: &str) -> String {
    Scope::parse(text.trim()).map_or_else(|| text.to_string(), |s| scope_label(data, &s))
}

/// A number with one decimal and a comma.
pub fn fmt_number(v: f64) -> String {
    crate::domain::ru::decimal(v, 1)
}

/// The computed board.
#[derive(Clone, Debug, PartialEq)]
pub struct Board {
    pub request: Request,
    /// The school year of the as-of date: targets and the last trend point belong to it.
    pub year: SchoolYear,
    pub years: Vec<SchoolYear>,
    pub rows: Vec<Row>,
    pub staffing: Vec<Staffing>,
}

/// Schools by code, for finding a scope's school in a table of thousands of rows.
pub struct SchoolCodes<'a>(HashMap<&'a str, OrgId>);

impl<'a> SchoolCodes<'a> {
    pub fn new(data: &'a Dataset) -> Self {
        Self(data.schools().map(|s| (s.code.as_str(), s.id)).collect())
    }

    /// The school a scope's target is looked up for: a school scope's school, the database's own school
    /// for its whole and its subjects, none (the municipal target) for the rest.
    pub fn target_school(&self, scope: &Scope, own: &Organisation) -> Option<OrgId> {
        match scope {
            Scope::School(code) => self.0.get(code.as_str()).copied(),
            Scope::All | Scope::Subject(_) => (own.role == OrgRole::School).then_some(own.id),
            Scope::Cluster(_) | Scope::Municipality(_) => None,
        }
    }
}

/// Computes the board: the period itself and the five school years of the trend, `progress` told after
/// each.
pub fn board(data: &Dataset, request: &Request, progress: &dyn Fn(f32)) -> Board {
    let year = SchoolYear::of(request.window.as_of);
    let years: Vec<SchoolYear> = (0..TREND_YEARS).map(|k| SchoolYear(year.0 - (TREND_YEARS - 1) + k)).collect();
    let steps = years.len() as f32 + 2.0;
    let mut by_year: Vec<HashMap<(String, Scope), Option<f64>>> = Vec::new();
    let mut current: Option<Vec<Value>> = None;
    // The self-evaluation items go by calendar year: the trend's earlier points are the calendar years
    // before the one the board's own window counts them for.
    let calendar = {
        use chrono::Datelike;
        request.window.calendar().as_of.year()
    };
    for (k, y) in years.iter().enumerate() {
        let mut w = Window::school_year(*y, request.today);
        if *y < year {
            w = w.with_calendar_year(calendar - (year.0 - y.0));
        }
        let values = indicators::compute(data, w, &request.settings, request.breakdown);
        by_year.push(values.iter().map(|v| ((v.id.clone(), v.scope.clone()), v.percent())).collect());
        if w == request.window {
            current = Some(values);
        }
        progress((k + 1) as f32 / steps);
    }
    let current =
        current.unwrap_or_else(|| indicators::compute(data, request.window, &request.settings, request.breakdown));
    progress((years.len() + 1) as f32 / steps);
    let targets = indicators::Targets::new(data);
    let codes = SchoolCodes::new(data);
    let mut rows: Vec<Row> = current
        .into_iter()
        .map(|v| {
            let school = codes.target_school(&v.scope, &request.own);
            let target = targets.get(&v.id, year, school);
            let key = (v.id.clone(), v.scope.clone());
            let percent = v.percent();
            Row {
                group: Group::of(&v.id),
                trend: by_year.iter().map(|m| m.get(&key).copied().flatten()).collect(),
                target_trend: years.iter().map(|y| targets.get(&v.id, *y, school).map(|t| t.0)).collect(),
                met: target.and_then(|(t, _)| indicators::target_met(&v.id, percent, t)),
                target,
                counts: Some((v.numerator, v.denominator)),
                value: percent,
                entered: None,
                id: v.id,
                title: v.title,
                scope: v.scope,
            }
        })
        .collect();
    for e in &data.entered {
        let code = e.code();
        let scope = if e.org == request.own.id {
            Scope::All
        } else {
            data.organisation(e.org).map_or(Scope::All, |o| Scope::School(o.code.clone()))
        };
        let target = targets.get(&code, year, Some(e.org));
        let value = e.value_in(year);
        rows.push(Row {
            group: Group::Entered,
            trend: years.iter().map(|y| e.value_in(*y)).collect(),
            target_trend: years.iter().map(|y| targets.get(&code, *y, Some(e.org)).map(|t| t.0)).collect(),
            met: target.and_then(|(t, _)| indicators::target_met(&code, value, t)),
            target,
            counts: None,
            value,
            entered: Some((e.source.clone(), e.unit.clone())),
            id: code,
            title: e.title.clone(),
            scope,
        });
    }
    let staffing = indicators::staffing(data, request.window.as_of, request.breakdown);
    progress(1.0);
    Board { request: request.clone(), year, years, rows, staffing }
}

impl Session {
    /// Sets (or, with `None`, removes) the organisation's own target of `indicator` for `year`.
    pub fn set_target(&mut self, indicator: &str, year: SchoolYear, value: Option<f64>) -> Result<(), StorageError> {
        let own = self.org().id;
        let existing = self.data().targets.iter().find(|t| t.org == own && t.year == year && t.indicator == indicator);
        match (value, existing) {
            (None, None) => Ok(()),
            (None, Some(t)) => {
                let id = t.id.0;
                self.delete(&format!("Убрана цель «{indicator}» на {year}"), RecordKind::Target, id)
            }
            (Some(v), existing) => {
                let t = Target {
                    id: existing.map_or_else(TargetId::new, |t| t.id),
                    author: own,
                    org: own,
                    indicator: indicator.into(),
                    year,
                    value: v,
                };
                let record = AnyRecord::Target(t);
                self.put(&format!("Цель «{indicator}» на {year}: {}", fmt_number(v)), record)
            }
        }
    }

    /// Saves an entered indicator (new or edited); the store checks it first.
    pub fn save_entered(&mut self, e: EnteredIndicator) -> Result<(), StorageError> {
        let title = e.title.clone();
        let record = AnyRecord::EnteredIndicator(e);
        self.put(&format!("Введённый показатель «{title}»"), record)
    }
}
