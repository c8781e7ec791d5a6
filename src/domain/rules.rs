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

/// How long a category is valid (years).
pub const CATEGORY_YEARS: i32 = 5;
/// The application for the next category is filed this many months before expiry at the latest.
pub const APPLY_MONTHS_BEFORE: i32 = 3;
/// Высшая can be sought this many years after первая was granted.
pub const HIGHEST_AFTER_FIRST_YEARS: i32 = 2;

/// The last day on which a category decided on `decision` is valid: 5 calendar years, both ends
/// included (15.03.2021 → 14.03.2026).
pub fn valid_until(decision: NaiveDate) -> NaiveDate {
    day_before(add_years(decision, CATEGORY_YEARS))
}

/// The last day to apply for the next attestation: 3 months before the category's last valid day.
pub fn apply_by(decision: NaiveDate) -> NaiveDate {
    add_months(valid_until(decision), -APPLY_MONTHS_BEFORE)
}

/// Whether an attestation's result is in force on `date`.
pub fn in_force(a: &Attestation, date: NaiveDate) -> bool {
    a.decision_date <= date && date <= valid_until(a.decision_date)
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
    /// Valid beyond the warning horizon.
    Valid { category: Category, until: NaiveDate },
    /// Valid, but ends within the horizon; apply by `apply_by`.
    Expiring { category: Category, until: NaiveDate, apply_by: NaiveDate },
    /// Had a category, none is valid now; the last one ended on `until`.
    Expired { category: Category, until: NaiveDate },
    /// Never had a category.
    None,
}

impl CategoryState {
    /// The Russian label of the state: действует / истекает / истекла / нет категории.
    pub fn label(&self) -> &'static str {
        match self {
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
}

/// The state of the category on `date`, with `horizon_months` as the warning horizon: a category whose
/// last valid day is within `horizon_months` months of `date` (inclusive) is expiring.
pub fn category_state<'a>(
    attestations: impl IntoIterator<Item = &'a Attestation> + Clone,
    date: NaiveDate,
    horizon_months: i32,
) -> CategoryState {
    if let Some(a) = valid_category(attestations.clone(), date) {
        let until = valid_until(a.decision_date);
        return if until <= add_months(date, horizon_months) {
            CategoryState::Expiring { category: a.result, until, apply_by: apply_by(a.decision_date) }
        } else {
            CategoryState::Valid { category: a.result, until }
        };
    }
    attestations
        .into_iter()
        .filter(|a| a.result.is_category() && a.decision_date <= date)
        .max_by_key(|a| a.decision_date)
        .map_or(CategoryState::None, |a| CategoryState::Expired {
            category: a.result,
            until: valid_until(a.decision_date),
        })
}

/// Why a person cannot seek a result yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ineligible {
    /// Высшая needs первая (or an earlier высшая) granted at least 2 years before; `from` is the first
    /// date it can be sought, none when there is no первая at all.
    HighestTooEarly { from: Option<NaiveDate> },
    /// Педагог-методист and педагог-наставник need a valid высшая.
    NeedsValidHighest,
}

impl Ineligible {
    pub fn message(&self) -> String {
        match self {
            Self::HighestTooEarly { from: Some(d) } => format!(
                "высшую категорию можно получить не ранее чем через 2 года после первой — с {}",
                super::dates::fmt_date(*d)
            ),
            Self::HighestTooEarly { from: None } => {
                "для высшей категории нужна первая, полученная не менее 2 лет назад".into()
            }
            Self::NeedsValidHighest => {
                "квалификация педагога-методиста или педагога-наставника требует действующей высшей категории".into()
            }
        }
    }
}

/// Whether the person may seek `wanted` on `date` (Порядок аттестации, приказ № 196).
pub fn eligibility<'a>(
    attestations: impl IntoIterator<Item = &'a Attestation> + Clone,
    wanted: Category,
    date: NaiveDate,
) -> Result<(), Ineligible> {
    match wanted {
        Category::First | Category::PositionConformity => Ok(()),
        Category::Highest => {
            let from = attestations
                .into_iter()
                .filter(|a| a.result.is_category() && a.decision_date <= date)
                .map(|a| add_years(a.decision_date, HIGHEST_AFTER_FIRST_YEARS))
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
    let last_end = courses.into_iter().map(|c| c.end).filter(|e| *e <= date).max();
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
    /// Due since the date.
    Due { since: NaiveDate },
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
    if let Some(d) = last_szd
        && date <= valid_until(d)
    {
        return SzdStatus::Done { until: valid_until(d) };
    }
    let position_from = add_years(job.start, SZD_AFTER_YEARS);
    if date < position_from {
        return SzdStatus::Exempt { until: position_from, reason: "менее 2 лет в должности" };
    }
    let mut since = position_from;
    if let Some(d) = last_szd {
        since = since.max(day_after(valid_until(d)));
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
    SzdStatus::Due { since }
}

/// The assignment of the school year that contains `date`.
pub fn assignment_on<'a>(
    assignments: impl IntoIterator<Item = &'a Assignment>,
    date: NaiveDate,
) -> Option<&'a Assignment> {
    let year = super::dates::SchoolYear::of(date);
    assignments.into_iter().find(|a| a.year == year)
}
