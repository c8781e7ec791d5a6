//! Calendar arithmetic as the indicator catalogue defines it: inclusive periods, durations in calendar
//! years and months (never days), 29 February becoming 28 February in other years, and the school year
//! running 1 September – 31 August. Dates are shown and typed as `дд.мм.гггг`.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The same day `years` later (or earlier); 29 February becomes 28 February in a year without it.
pub fn add_years(date: NaiveDate, years: i32) -> NaiveDate {
    add_months(date, years * 12)
}

/// The same day `months` later (or earlier), clamped to the last day of the target month (chrono's
/// `Months` arithmetic; saturating at the ends of the calendar).
pub fn add_months(date: NaiveDate, months: i32) -> NaiveDate {
    let step = chrono::Months::new(months.unsigned_abs());
    let moved = if months >= 0 { date.checked_add_months(step) } else { date.checked_sub_months(step) };
    moved.unwrap_or(date)
}

/// Whole years completed from `start` to `on` (age, experience). Zero when `on` is before `start`.
pub fn whole_years(start: NaiveDate, on: NaiveDate) -> i32 {
    if on < start {
        return 0;
    }
    let mut years = on.year() - start.year();
    if add_years(start, years) > on {
        years -= 1;
    }
    years
}

/// The day before `date` (saturating at the minimum date).
pub fn day_before(date: NaiveDate) -> NaiveDate {
    date.pred_opt().unwrap_or(date)
}

/// The day after `date` (saturating at the maximum date).
pub fn day_after(date: NaiveDate) -> NaiveDate {
    date.succ_opt().unwrap_or(date)
}

/// Formats a date the Russian way: `дд.мм.гггг`.
pub fn fmt_date(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// Formats an optional date, with an empty string for none.
pub fn fmt_opt_date(date: Option<NaiveDate>) -> String {
    date.map(fmt_date).unwrap_or_default()
}

/// Parses a date as people type it (see [`parse_typed`]); none when it is not one.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    parse_typed(text).ok()
}

/// A date as people type it and spreadsheets hold it: `дд.мм.гггг`, `д.м.гг` (1.9.25, 12.5.75: 00–39 are
/// the 2000s, 40–99 the 1900s), with dots or slashes, `гггг-мм-дд`, a trailing «г.»; spaces ignored. The
/// error says what is wrong: «такой даты нет» for 31.02.1980, the expected form otherwise. The forms, the
/// command line and the spreadsheet import read dates with this one function.
pub fn parse_typed(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim().trim_end_matches(['г', '.', ' ']).trim();
    let t = t.strip_suffix(" г").unwrap_or(t);
    let bad = || format!("«{}» — не дата (ожидается дд.мм.гггг)", text.trim());
    if t.is_empty() {
        return Err(bad());
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(d);
    }
    let parts: Vec<&str> = t.split(['.', '/']).map(str::trim).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit())) {
        return Err(bad());
    }
    let day: u32 = parts[0].parse().map_err(|_| bad())?;
    let month: u32 = parts[1].parse().map_err(|_| bad())?;
    let year: i32 = match parts[2].len() {
        4 => parts[2].parse().map_err(|_| bad())?,
        2 => {
            let y: i32 = parts[2].parse().map_err(|_| bad())?;
            if y < 40 { 2000 + y } else { 1900 + y }
        }
        _ => return Err(bad()),
    };
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| format!("«{}» — такой даты нет", text.trim()))
}

/// An inclusive period of dates `[from, to]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    pub fn new(from: NaiveDate, to: NaiveDate) -> Self {
        Self { from, to }
    }

    /// Whether `date` falls inside the period, both ends included.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// Whether a record running from `start` to `end` (open end = still running) overlaps the period.
    pub fn overlaps(&self, start: NaiveDate, end: Option<NaiveDate>) -> bool {
        start <= self.to && end.is_none_or(|e| e >= self.from)
    }

    /// The `years` calendar years that end on `to`, inclusive: for 3 years up to 31.08.2026 that is
    /// 01.09.2023 – 31.08.2026.
    pub fn years_up_to(to: NaiveDate, years: i32) -> Self {
        Self { from: day_after(add_years(to, -years)), to }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} – {}", fmt_date(self.from), fmt_date(self.to))
    }
}

/// A school year (учебный год), named by the calendar year in which it starts: `SchoolYear(2025)` is
/// 2025/2026, from 01.09.2025 to 31.08.2026.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SchoolYear(pub i32);

impl SchoolYear {
    /// The school year that contains `date`.
    pub fn of(date: NaiveDate) -> Self {
        if date.month() >= 9 { Self(date.year()) } else { Self(date.year() - 1) }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 9, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 + 1, 8, 31).unwrap_or(NaiveDate::MAX)
    }

    pub fn period(self) -> Period {
        Period::new(self.first_day(), self.last_day())
    }

    pub fn next(self) -> Self {
        Self(self.0 + 1)
    }

    pub fn prev(self) -> Self {
        Self(self.0 - 1)
    }

    /// Parses «2025/2026», «2025/26» or «2025».
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let first = text.split(['/', '-', '–']).next()?.trim();
        let year: i32 = first.parse().ok()?;
        (1900..=2200).contains(&year).then_some(Self(year))
    }
}

impl fmt::Display for SchoolYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.0, self.0 + 1)
    }
}
