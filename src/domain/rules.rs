//! The rules users rely on, as pure functions of records and a date passed in (never a clock).
//! Each is tested with a table of cases in `tests/it/rules.rs`, boundaries included.

use super::dates::{Period, add_months, add_years, day_after, day_before, whole_years};
use super::labels::{AbsenceKind, Category};
use super::records::*;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Thresholds the user can change in the settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleSettings {
    /// A young teacher is younger than this (years).
    pub young_max_age: i32,
    /// … and has fewer years of pedagogical experience than this.
    pub young_max_experience: i32,
    /// A category that ends within this many months is "expiring".
    pub expiry_horizon_months: i32,
    /// A teacher without a course in this many years is due for one.
    pub course_period_years: i32,
    /// A weekly teaching load above this is an overload.
    pub overload_hours: f32,
    /// A school where more than this share of teachers teach outside their education counts in
    /// `schools_mismatch30` (0.30 = 30 %).
    pub mismatch_share: f64,
}

impl Default for RuleSettings {
    fn default() -> Self {
        Self {
            young_max_age: 35,
            young_max_experience: 3,
            expiry_horizon_months: 12,
            course_period_years: 3,
            overload_hours: 36.0,
            mismatch_share: 0.30,
        }
    }
}

/// A Порядок of attestation: the rules for the categories decided while it was in force. The rules are
/// kept as this table of dated regimes ([`REGIMES`]), so that the next Порядок is one new row, not a
/// change across the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Regime {
    /// The first day of the decisions it covers.
    pub from: NaiveDate,
    /// The last day it is in force (its decisions keep their terms after it).
    pub to: NaiveDate,
    /// The order that set it, as it is cited.
    pub order: &'static str,
    /// How many years a первая or высшая decided under it is valid; none: without an end date
    /// (бессрочно).
    pub category_years: Option<i32>,
    /// How many years after a category высшая may be sought; none: no waiting period.
    pub highest_after_years: Option<i32>,
}

const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => panic!("a date of the regimes' table"),
    }
}

/// The regimes of attestation, in order of their dates (`../shared/spec/domain.md`, «Attestation»).
pub const REGIMES: &[Regime] = &[
    Regime {
        from: ymd(1900, 1, 1),
        to: ymd(2023, 8, 31),
        order: "приказ Минобрнауки России от 07.04.2014 № 276 (и прежние Порядки)",
        category_years: Some(5),
        highest_after_years: Some(2),
    },
    Regime {
        from: ymd(2023, 9, 1),
        to: ymd(2029, 8, 31),
        order: "приказ Минпросвещения России от 24.03.2023 № 196",
        category_years: None,
        highest_after_years: None,
    },
];

/// The regime under which a decision of `decision` was made (a decision after the last regime's end is
/// taken by the last one until a new row is added).
pub fn regime_of(decision: NaiveDate) -> &'static Regime {
    REGIMES.iter().rev().find(|r| r.from <= decision).unwrap_or(&REGIMES[0])
}

/// How long an СЗД decision is valid (years), in every regime.
pub const SZD_YEARS: i32 = 5;
/// The application for the next category is filed this many months before expiry at the latest.
pub const APPLY_MONTHS_BEFORE: i32 = 3;

/// The last day on which an attestation's result is valid: none for a первая or высшая (or a
/// qualification on top of высшая) decided under a regime without an end date; otherwise the years of
/// its regime, both ends included (15.03.2021 → 14.03.2026). СЗД is valid 5 years in every regime.
pub fn valid_until(result: Category, decision: NaiveDate) -> Option<NaiveDate> {
    let years =
        if result == Category::PositionConformity { Some(SZD_YEARS) } else { regime_of(decision).category_years };
    years.map(|y| day_before(add_years(decision, y)))
}

/// The last day to apply for the next attestation: 3 months before the last valid day.
pub fn apply_by(until: NaiveDate) -> NaiveDate {
    add_months(until, -APPLY_MONTHS_BEFORE)
}

/// Whether an attestation's result is in force on `date`.
pub fn in_force(a: &Attestation, date: NaiveDate) -> bool {
    a.decision_date <= date && valid_until(a.result, a.decision_date).is_none_or(|until| date <= until)
}

/// The category (высшая or первая) valid on `date`, the higher one if both are.
pub fn valid_category<'a>(
    attestations: impl IntoIterator<Item = &'a Attestation>,
    date: NaiveDate,
) -> Option<&'a Attestation> {
    attestations
        .into_iter()
        .filter(|a| a.result.is_category() && in_force(a, date))
        .min_by_key(|a| (a.result, std::cmp::Reverse(a.decision_date)))
}

/// The state of a person's category on a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CategoryState {
    /// Valid beyond the warning horizon: until a date, or without an end date (`until` none: decided
    /// under a regime whose categories do not expire).
    Valid { category: Category, until: Option<NaiveDate> },
    /// Valid, but ends within the horizon; apply by `apply_by`.
    Expiring { category: Category, until: NaiveDate, apply_by: NaiveDate },
    /// Had a category, none is valid now; the last one ended on `until`.
    Expired { category: Category, until: NaiveDate },
    /// Never had a category.
    None,
}

impl CategoryState {
    /// The Russian label of the state: действует / действует бессрочно / истекает / истекла / нет
    /// категории.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Valid { until: None, .. } => "действует бессрочно",
            Self::Valid { .. } => "действует",
            Self::Expiring { .. } => "истекает",
            Self::Expired { .. } => "истекла",
            Self::None => "нет категории",
        }
    }

    /// The category in force, if any.
    pub fn category(&self) -> Option<Category> {
        match self {
            Self::Valid { category, .. } | Self::Expiring { category, .. } => Some(*category),
            _ => None,
        }
    }

    /// The last valid day of the category in force or of the expired one (none: without an end date,
    /// or no category).
    pub fn until(&self) -> Option<NaiveDate> {
        match self {
            Self::Valid { until, .. } => *until,
            Self::Expiring { until, .. } | Self::Expired { until, .. } => Some(*until),
            Self::None => None,
        }
    }

    /// «высшая, бессрочно», «первая до 14.03.2026», «первая истекла 14.03.2026», «без категории».
    pub fn describe(&self) -> String {
        use super::dates::fmt_date;
        match self {
            Self::Valid { category, until: None } => format!("{}, бессрочно", category.label()),
            Self::Valid { category, until: Some(u) } | Self::Expiring { category, until: u, .. } => {
                format!("{} до {}", category.label(), fmt_date(*u))
            }
            Self::Expired { category, until } => format!("{} истекла {}", category.label(), fmt_date(*until)),
            Self::None => "без категории".into(),
        }
    }
}

/// The state of the category on `date`, with `horizon_months` as the warning horizon: a category whose
/// last valid day is within `horizon_months` months of `date` (inclusive) is expiring; one without an end
/// date never is.
pub fn category_state<'a>(
    attestations: impl IntoIterator<Item = &'a Attestation> + Clone,
    date: NaiveDate,
    horizon_months: i32,
) -> CategoryState {
    if let Some(a) = valid_category(attestations.clone(), date) {
        return match valid_until(a.result, a.decision_date) {
            Some(until) if until <= add_months(date, horizon_months) => {
                CategoryState::Expiring { category: a.result, until, apply_by: apply_by(until) }
            }
            until => CategoryState::Valid { category: a.result, until },
        };
    }
    attestations
        .into_iter()
        .filter(|a| a.result.is_category() && a.decision_date <= date)
        .max_by_key(|a| a.decision_date)
        .and_then(|a| valid_until(a.result, a.decision_date).map(|until| (a, until)))
        .map_or(CategoryState::None, |(a, until)| CategoryState::Expired { category: a.result, until })
}

/// Advice on seeking a result: never a reason to refuse recording a decision (a decision is a fact).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ineligible {
    /// Under a regime with a waiting period (before 01.09.2023), высшая needed a category granted that
    /// many years before; `from` is the first date it could be sought, none without any category.
    HighestTooEarly { from: Option<NaiveDate> },
    /// Педагог-методист and педагог-наставник need a valid высшая.
    NeedsValidHighest,
}

impl Ineligible {
    pub fn message(&self) -> String {
        match self {
            Self::HighestTooEarly { from: Some(d) } => format!(
                "по прежнему Порядку высшую категорию можно было получить не ранее чем через 2 года после первой — с {}",
                super::dates::fmt_date(*d)
            ),
            Self::HighestTooEarly { from: None } => {
                "по прежнему Порядку для высшей категории была нужна первая, полученная не менее 2 лет назад".into()
            }
            Self::NeedsValidHighest => {
                "квалификация педагога-методиста или педагога-наставника требует действующей высшей категории".into()
            }
        }
    }
}

/// Advice on whether the person may seek `wanted` on `date`, by the regime in force on that date:
/// under приказ № 196 (from 01.09.2023) высшая needs no waiting period and no первая.
pub fn eligibility<'a>(
    attestations: impl IntoIterator<Item = &'a Attestation> + Clone,
    wanted: Category,
    date: NaiveDate,
) -> Result<(), Ineligible> {
    match wanted {
        Category::First | Category::PositionConformity => Ok(()),
        Category::Highest => {
            let Some(years) = regime_of(date).highest_after_years else { return Ok(()) };
            let from = attestations
                .into_iter()
                .filter(|a| a.result.is_category() && a.decision_date <= date)
                .map(|a| add_years(a.decision_date, years))
                .min();
            match from {
                Some(f) if f <= date => Ok(()),
                other => Err(Ineligible::HighestTooEarly { from: other }),
            }
        }
        Category::Methodist | Category::Mentor => match valid_category(attestations, date) {
            Some(a) if a.result == Category::Highest => Ok(()),
            _ => Err(Ineligible::NeedsValidHighest),
        },
    }
}

/// The employment period that contains `date`, if any.
pub fn employment_on<'a>(
    employments: impl IntoIterator<Item = &'a Employment>,
    date: NaiveDate,
) -> Option<&'a Employment> {
    employments.into_iter().find(|e| e.start <= date && e.end.is_none_or(|end| date <= end))
}

/// Whether the person is employed on `date` (a period contains it; absences keep one employed).
pub fn employed_on<'a>(employments: impl IntoIterator<Item = &'a Employment>, date: NaiveDate) -> bool {
    employment_on(employments, date).is_some()
}

/// Age in whole years on `date`.
pub fn age_on(birth: NaiveDate, date: NaiveDate) -> i32 {
    whole_years(birth, date)
}

/// Pedagogical experience in whole years on `date`.
pub fn experience_on(start: NaiveDate, date: NaiveDate) -> i32 {
    whole_years(start, date)
}

/// A young teacher on `date`: younger than the age threshold and with less experience than the
/// experience threshold. Unknown birth date or experience start means "not known to be young".
pub fn is_young(person: &Person, date: NaiveDate, settings: &RuleSettings) -> bool {
    match (person.birth_date, person.ped_experience_start) {
        (Some(b), Some(s)) => {
            age_on(b, date) < settings.young_max_age && experience_on(s, date) < settings.young_max_experience
        }
        _ => false,
    }
}

/// Whether a person needs a course, and since when.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CoursesDue {
    /// The end date of the last course finished on or before the date.
    pub last_end: Option<NaiveDate>,
    /// No course finished in the last `years` years.
    pub due: bool,
    /// The first day on which the person is (or will be) due; none without any course.
    pub due_from: Option<NaiveDate>,
}

/// Courses due on `date`: no course (of any kind) finished in the `years` calendar years up to `date`.
pub fn courses_due<'a>(courses: impl IntoIterator<Item = &'a Course>, date: NaiveDate, years: i32) -> CoursesDue {
    let last_end = courses.into_iter().filter(|c| c.completed()).map(|c| c.end).filter(|e| *e <= date).max();
    let window = Period::years_up_to(date, years);
    let due = last_end.is_none_or(|e| !window.contains(e));
    let due_from = last_end.map(|e| {
        let mut d = add_years(e, years);
        while Period::years_up_to(d, years).contains(e) {
            d = day_after(d);
        }
        d
    });
    CoursesDue { last_end, due, due_from }
}

/// The СЗД (attestation for conformity with the position) state of a person on a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SzdStatus {
    /// СЗД does not apply: not a teacher, not employed, or holds a valid category.
    NotApplicable,
    /// СЗД passed and in force until the date.
    Done { until: NaiveDate },
    /// Exempt until the date (exclusive: due from it), with the reason in Russian.
    Exempt { until: NaiveDate, reason: &'static str },
    /// Due since the date. With `hire_unknown` the hire date is not known, so the exemption «менее 2
    /// лет в должности» could not be checked and is not assumed; `since` is then the first day the person
    /// is known to work here (or later).
    Due { since: NaiveDate, hire_unknown: bool },
}

/// Years in the position before СЗД becomes obligatory.
pub const SZD_AFTER_YEARS: i32 = 2;

/// СЗД due: a teacher without a valid category, with at least 2 years in the position, without a СЗД in
/// force, and not exempt (pregnancy; maternity or childcare leave and 2 years after return; long illness
/// and 1 year after return). "In the position" counts from the start of the current employment period.
pub fn szd_status(
    person: &Person,
    employments: &[&Employment],
    absences: &[&Absence],
    attestations: &[&Attestation],
    date: NaiveDate,
) -> SzdStatus {
    if !person.pedagogical {
        return SzdStatus::NotApplicable;
    }
    let Some(job) = employment_on(employments.iter().copied(), date) else {
        return SzdStatus::NotApplicable;
    };
    if valid_category(attestations.iter().copied(), date).is_some() {
        return SzdStatus::NotApplicable;
    }
    let last_szd = attestations
        .iter()
        .filter(|a| a.result == Category::PositionConformity && a.decision_date <= date)
        .map(|a| a.decision_date)
        .max();
    let szd_until = |d: NaiveDate| day_before(add_years(d, SZD_YEARS));
    if let Some(d) = last_szd
        && date <= szd_until(d)
    {
        return SzdStatus::Done { until: szd_until(d) };
    }
    // An unknown hire date is not a short time in the position: the exemption is not assumed.
    let position_from = if job.start_unknown { job.start } else { add_years(job.start, SZD_AFTER_YEARS) };
    if date < position_from {
        return SzdStatus::Exempt { until: position_from, reason: "менее 2 лет в должности" };
    }
    let mut since = position_from;
    if let Some(d) = last_szd {
        since = since.max(day_after(szd_until(d)));
    }
    // While a category was in force СЗД was not due: it is due from the day after the last one ended.
    if let Some(until) = attestations
        .iter()
        .filter(|a| a.result.is_category() && a.decision_date <= date)
        .filter_map(|a| valid_until(a.result, a.decision_date))
        .filter(|u| *u < date)
        .max()
    {
        since = since.max(day_after(until));
    }
    for a in absences {
        if a.start > date {
            continue;
        }
        let (after_years, reason) = match a.kind {
            AbsenceKind::Pregnancy => (0, "беременность"),
            AbsenceKind::Maternity | AbsenceKind::ChildCare => {
                (2, "отпуск по беременности и родам или по уходу за ребёнком и 2 года после выхода")
            }
            AbsenceKind::LongIllness => (1, "длительная болезнь и 1 год после выхода"),
            AbsenceKind::Other => continue,
        };
        // Exempt until the day the exemption ends (the day after return plus the years).
        let until = match a.end {
            None => {
                return SzdStatus::Exempt { until: NaiveDate::MAX, reason };
            }
            Some(end) => add_years(day_after(end), after_years),
        };
        if date < until {
            return SzdStatus::Exempt { until, reason };
        }
        since = since.max(until);
    }
    SzdStatus::Due { since, hire_unknown: job.start_unknown }
}

/// The assignment of the school year that contains `date`.
pub fn assignment_on<'a>(
    assignments: impl IntoIterator<Item = &'a Assignment>,
    date: NaiveDate,
) -> Option<&'a Assignment> {
    let year = super::dates::SchoolYear::of(date);
    assignments.into_iter().find(|a| a.year == year)
}
