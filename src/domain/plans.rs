//! The registers across the school: the five-year attestation plan, the three-year course plan, the
//! ИОМ board and the mentoring register, as rows computed from the records on a date.

use super::dataset::Dataset;
use super::dates::{SchoolYear, add_years, fmt_date};
use super::ids::PersonId;
use super::labels::{Category, RouteStatus, StepStatus};
use super::rules::{self, CategoryState, RuleSettings, SzdStatus};
use chrono::NaiveDate;

/// One line of the attestation plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttestationRow {
    pub person: PersonId,
    pub name: String,
    /// The positions of the current school year, joined («учитель, педагог-организатор»).
    pub position: String,
    /// The last attestation decision: its date and the order («приказ № 12 от 10.04.2024»).
    pub decision: Option<(NaiveDate, String)>,
    pub category: Option<Category>,
    pub valid_until: Option<NaiveDate>,
    /// A category in force without an end date (decided on or after 01.09.2023).
    pub permanent: bool,
    pub apply_by: Option<NaiveDate>,
    /// The school year in which the next attestation falls.
    pub year: Option<SchoolYear>,
    /// What to do next, in Russian.
    pub next_step: String,
}

impl AttestationRow {
    /// The term of the category as the plan prints it: its last day, «бессрочно», or nothing.
    pub fn term(&self) -> String {
        match self.valid_until {
            Some(d) => fmt_date(d),
            None if self.permanent => "бессрочно".into(),
            None => String::new(),
        }
    }
}

/// The five-year attestation plan on `date`: every employed teacher, soonest first. Each row is the
/// person's computed state ([`super::dataset::PersonState`]), so that it says what «Сегодня» and the
/// card say: the year is when the next attestation falls — the year its category ends, now for an
/// expired category or an СЗД due, the year an exemption from СЗД ends — and none for a category
/// without an end date.
/// An order as a line: «приказ № 12 от 10.04.2024», «приказ № 12», «приказ от 10.04.2024», or nothing.
pub fn order_text(number: &str, date: Option<NaiveDate>) -> String {
    let number = number.trim().trim_start_matches('№').trim();
    match (number.is_empty(), date) {
        (false, Some(d)) => format!("приказ № {number} от {}", fmt_date(d)),
        (false, None) => format!("приказ № {number}"),
        (true, Some(d)) => format!("приказ от {}", fmt_date(d)),
        (true, None) => String::new(),
    }
}

pub fn attestation_plan(data: &Dataset, date: NaiveDate, settings: &RuleSettings) -> Vec<AttestationRow> {
    let index = data.index();
    let horizon = add_years(date, 5);
    let mut rows = Vec::new();
    for p in data.persons.iter().filter(|p| p.pedagogical) {
        let state = index.state(p, date, settings);
        if !state.employed {
            continue;
        }
        let (until, apply_by) = match state.category {
            CategoryState::Expiring { until, apply_by, .. } => (Some(until), Some(apply_by)),
            CategoryState::Valid { until: Some(until), .. } => (Some(until), Some(rules::apply_by(until))),
            other => (other.until(), None),
        };
        let due = match (state.category, &state.szd) {
            (CategoryState::Valid { until, .. }, _) => until,
            (CategoryState::Expiring { until, .. }, _) => Some(until),
            (_, SzdStatus::Due { since, .. }) => Some((*since).max(date)),
            (_, SzdStatus::Exempt { until, .. }) if *until != NaiveDate::MAX => Some(*until),
            (_, SzdStatus::Done { until }) => Some(*until),
            (CategoryState::Expired { .. }, _) => Some(date),
            _ => None,
        };
        if due.is_some_and(|u| u > horizon) {
            continue;
        }
        let last = data.attestations.iter().filter(|a| a.person == p.id).max_by_key(|a| a.decision_date);
        rows.push(AttestationRow {
            person: p.id,
            name: state.full_name.clone(),
            position: state.positions.join(", "),
            decision: last.map(|a| (a.decision_date, order_text(&a.order_number, a.order_date))),
            category: match state.category {
                CategoryState::Expired { category, .. } => Some(category),
                other => other.category(),
            },
            valid_until: until,
            permanent: matches!(state.category, CategoryState::Valid { until: None, .. }),
            apply_by,
            year: due.map(SchoolYear::of),
            next_step: state.attestation_step(date),
        });
    }
    rows.sort_by(|a, b| {
        (a.year.is_none(), a.year, a.valid_until, &a.name).cmp(&(b.year.is_none(), b.year, b.valid_until, &b.name))
    });
    rows
}

/// One line of the course plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CourseRow {
    pub person: PersonId,
    pub name: String,
    /// The positions and subjects of the current school year, joined.
    pub position: String,
    pub subjects: String,
    /// The last course finished by the plan's day: its topic and who gave it.
    pub last_title: String,
    pub last_provider: String,
    pub last_end: Option<NaiveDate>,
    /// The day from which the person is due (today or earlier means due now).
    pub due_from: Option<NaiveDate>,
    pub due: bool,
    /// Hours of courses finished in each of the last three school years, oldest first.
    pub hours_by_year: Vec<(SchoolYear, u32)>,
}

/// The three-year course plan on `date`.
pub fn course_plan(data: &Dataset, date: NaiveDate, settings: &RuleSettings) -> Vec<CourseRow> {
    let index = data.index();
    let this_year = SchoolYear::of(date);
    let years: Vec<SchoolYear> = (0..3).rev().map(|k| SchoolYear(this_year.0 - k)).collect();
    let mut rows: Vec<CourseRow> = data
        .persons
        .iter()
        .filter(|p| p.pedagogical)
        .filter_map(|p| {
            let r = index.records(p.id)?;
            if !rules::employed_on(r.employments.iter().copied(), date) {
                return None;
            }
            let due = rules::courses_due(r.courses.iter().copied(), date, settings.course_period_years);
            let hours_by_year = years
                .iter()
                .map(|y| {
                    (
                        *y,
                        r.courses
                            .iter()
                            .filter(|c| SchoolYear::of(c.end) == *y && c.end <= date)
                            .map(|c| c.hours)
                            .sum(),
                    )
                })
                .collect();
            let assignment = rules::assignment_on(r.assignments.iter().copied(), date);
            let last = r.courses.iter().filter(|c| c.end <= date).max_by_key(|c| c.end);
            Some(CourseRow {
                person: p.id,
                name: p.full_name(),
                position: assignment.map(|a| a.positions.join(", ")).unwrap_or_default(),
                subjects: assignment
                    .map(|a| a.subjects.iter().map(|s| s.subject.as_str()).collect::<Vec<_>>().join(", "))
                    .unwrap_or_default(),
                last_title: last.map(|c| c.title.clone()).unwrap_or_default(),
                last_provider: last.map(|c| c.provider.clone()).unwrap_or_default(),
                last_end: due.last_end,
                due_from: due.due_from,
                due: due.due,
                hours_by_year,
            })
        })
        .collect();
    rows.sort_by(|a, b| (!a.due, a.due_from, &a.name).cmp(&(!b.due, b.due_from, &b.name)));
    rows
}

/// One route on the ИОМ board.
#[derive(Clone, Debug, PartialEq)]
pub struct RouteRow {
    pub person: PersonId,
    pub name: String,
    pub route: super::ids::RouteId,
    pub status: RouteStatus,
    pub done: usize,
    /// Steps whose planned date has come (the denominator of progress).
    pub due: usize,
    pub total: usize,
    pub overdue: usize,
    pub period: String,
}

impl RouteRow {
    /// How far the route is on its schedule: steps done of the steps whose date has come (none when
    /// nothing is due yet).
    pub fn on_schedule(&self) -> Option<f32> {
        (self.due > 0).then(|| self.done as f32 / self.due as f32)
    }

    /// How much of the route is done: steps done of all its steps (none for a route without steps) —
    /// what «Выполнение» means in the report and the bar on the screen; 0 of 6 is 0 %, never 100 %.
    pub fn completion(&self) -> Option<f32> {
        (self.total > 0).then(|| self.done as f32 / self.total as f32)
    }
}

/// Every route that runs on `date` (or ended in the last year), with its progress.
pub fn route_board(data: &Dataset, date: NaiveDate) -> Vec<RouteRow> {
    let names: std::collections::HashMap<PersonId, String> =
        data.persons.iter().map(|p| (p.id, p.full_name())).collect();
    let mut rows: Vec<RouteRow> = data
        .routes
        .iter()
        .filter(|r| r.start <= date && r.end.is_none_or(|e| add_years(e, 1) >= date))
        .map(|r| {
            let done = r.steps.iter().filter(|s| s.status == StepStatus::Done).count();
            let due =
                r.steps.iter().filter(|s| s.status == StepStatus::Done || s.planned.is_some_and(|d| d <= date)).count();
            let overdue = r.steps.iter().filter(|s| s.overdue_on(date)).count();
            RouteRow {
                person: r.person,
                name: names.get(&r.person).cloned().unwrap_or_default(),
                route: r.id,
                status: r.status,
                done,
                due,
                total: r.steps.len(),
                overdue,
                period: match r.end {
                    Some(e) => format!("{} – {}", fmt_date(r.start), fmt_date(e)),
                    None => format!("с {}", fmt_date(r.start)),
                },
            }
        })
        .collect();
    rows.sort_by(|a, b| (std::cmp::Reverse(a.overdue), &a.name).cmp(&(std::cmp::Reverse(b.overdue), &b.name)));
    rows
}

/// What the new school year step will do.
#[derive(Clone, Debug, PartialEq)]
pub struct NewYearPlan {
    pub from: SchoolYear,
    pub to: SchoolYear,
    /// Assignments copied from `from` into `to`, to be edited.
    pub copies: Vec<super::records::Assignment>,
    /// Routes that ended before `to` begins and are still open, with the status they close with.
    pub closed_routes: Vec<super::records::Route>,
    /// What changed, one line per person, in Russian.
    pub changes: Vec<String>,
}

/// Plans the move from school year `from` to the next: copies the assignments of the people still
/// employed on the first day of the new year (unless they already have one there), and closes the
/// routes that ended — реализован when every step is done, else не реализован.
pub fn new_school_year(data: &Dataset, from: SchoolYear) -> NewYearPlan {
    let to = from.next();
    let start = to.first_day();
    let index = data.index();
    let names: std::collections::HashMap<PersonId, String> =
        data.persons.iter().map(|p| (p.id, p.full_name())).collect();
    let mut copies = Vec::new();
    let mut changes = Vec::new();
    for p in &data.persons {
        let Some(r) = index.records(p.id) else { continue };
        let Some(old) = r.assignments.iter().find(|a| a.year == from) else { continue };
        if r.assignments.iter().any(|a| a.year == to) {
            continue;
        }
        if !rules::employed_on(r.employments.iter().copied(), start) {
            changes.push(format!("{}: не работает с {} — тарификация не переносится", p.full_name(), fmt_date(start)));
            continue;
        }
        let mut copy = (*old).clone();
        copy.id = super::ids::AssignmentId::new();
        copy.year = to;
        copies.push(copy);
    }
    let mut closed_routes = Vec::new();
    for route in &data.routes {
        if route.end.is_some_and(|e| e < start) && matches!(route.status, RouteStatus::Drafted | RouteStatus::Running) {
            let mut closed = route.clone();
            closed.status = if !route.steps.is_empty() && route.steps.iter().all(|s| s.status == StepStatus::Done) {
                RouteStatus::Completed
            } else {
                RouteStatus::Failed
            };
            changes.push(format!(
                "{}: ИОМ закончился {} — статус «{}»",
                names.get(&route.person).cloned().unwrap_or_default(),
                fmt_date(route.end.unwrap_or(start)),
                closed.status.label()
            ));
            closed_routes.push(closed);
        }
    }
    changes.insert(
        0,
        format!(
            "Тарификация {from} перенесена на {to} для {}",
            super::ru::count(copies.len() as u64, "работника", "работников", "работников")
        ),
    );
    NewYearPlan { from, to, copies, closed_routes, changes }
}

/// The teachers' requests of the year before `date` summed by direction (issue 25, «Запросы педагогов …
/// collected per teacher and summarised for the course plan»; seed 000: «диагностику профессиональных
/// дефицитов и запросов»): each direction as first written, with the people who asked for it (each once),
/// the most asked first. Directions differing only in case or spaces are one.
pub fn requests_by_direction(data: &Dataset, date: NaiveDate) -> Vec<(String, Vec<PersonId>)> {
    let from = super::dates::add_years(date, -1);
    let mut out: Vec<(String, String, Vec<PersonId>)> = Vec::new();
    for r in data.requests.iter().filter(|r| r.date > from && r.date <= date) {
        let key: String = r.direction.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        if key.is_empty() {
            continue;
        }
        match out.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, people)) => {
                if !people.contains(&r.person) {
                    people.push(r.person);
                }
            }
            None => out.push((key, r.direction.trim().to_string(), vec![r.person])),
        }
    }
    out.sort_by(|a, b| b.2.len().cmp(&a.2.len()).then_with(|| a.0.cmp(&b.0)));
    out.into_iter().map(|(_, shown, people)| (shown, people)).collect()
}

/// One line of the schedule of attestation for СЗД.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SzdRow {
    pub person: PersonId,
    pub name: String,
    pub position: String,
    /// In the position since (the current employment period's start), or none when not known.
    pub position_since: Option<NaiveDate>,
    /// The last СЗД decision.
    pub last_szd: Option<NaiveDate>,
    /// The day СЗД became or becomes obligatory (before the schedule's day for one overdue).
    pub due: NaiveDate,
    /// The day of the attestation by the schedule: the due day, but not sooner than 30 days from the
    /// schedule's day (the teacher is told of it under signature no less than 30 calendar days before).
    pub planned: NaiveDate,
    /// The last day to make the teacher acquainted with the schedule and with the employer's представление
    /// under signature (30 calendar days before the attestation; приказ № 196, пп. 11–12).
    pub acquaint_by: NaiveDate,
}

/// The schedule of attestation for СЗД of a school year (приказ № 196: «аттестация … в целях подтверждения
/// соответствия занимаемой должности … проводится один раз в пять лет … на основе оценки … по графику»):
/// every employed teacher whose СЗД falls due in the year or is due already — by the same rule the
/// attestation plan, the card and «Сегодня» use — by the day it is due. `on` is the schedule's day.
pub fn szd_schedule(data: &Dataset, year: SchoolYear, on: NaiveDate, settings: &RuleSettings) -> Vec<SzdRow> {
    let index = data.index();
    let end = year.last_day();
    let mut rows = Vec::new();
    for p in data.persons.iter().filter(|p| p.pedagogical) {
        let state = index.state(p, on, settings);
        if !state.employed {
            continue;
        }
        let due = match state.szd {
            SzdStatus::Due { since, .. } => since,
            SzdStatus::Exempt { until, .. } if until <= end => until,
            SzdStatus::Done { until } if until < end => super::dates::day_after(until),
            _ => continue,
        };
        if due > end {
            continue;
        }
        let records = index.records(p.id);
        let job = records.and_then(|r| rules::employment_on(r.employments.iter().copied(), on));
        let last_szd = data
            .attestations
            .iter()
            .filter(|a| a.person == p.id && a.result == Category::PositionConformity)
            .map(|a| a.decision_date)
            .max();
        let planned = due.max(on + chrono::Duration::days(30));
        rows.push(SzdRow {
            person: p.id,
            name: state.full_name.clone(),
            position: state.positions.join(", "),
            position_since: job.filter(|j| !j.start_unknown).map(|j| j.start),
            last_szd,
            due,
            planned,
            acquaint_by: planned - chrono::Duration::days(30),
        });
    }
    rows.sort_by(|a, b| (a.planned, &a.name).cmp(&(b.planned, &b.name)));
    rows
}
