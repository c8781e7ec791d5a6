//! The staff tables of the federal statistical form № ОО-1 («Сведения об организации, осуществляющей
//! образовательную деятельность по образовательным программам начального общего, основного общего,
//! среднего общего образования») that the records answer: the number and make-up of the руководящие and
//! педагогические работники (education, category), their distribution by total and pedagogical
//! experience, and by age and sex. Issue 25: «The staff tables of the statistical form ОО-1 that the app's
//! data answer (by age and experience bands, by sex, by education)».
//!
//! Every worker counts once, by the main position (the first of the year's assignment, or the management
//! flag): a deputy head who also teaches is a руководящий работник here, as the form counts, though the
//! indicators count her among the teachers. What the records do not say (no birth date, no experience, no
//! education) is a column of its own, «не указан», never guessed.

use super::dates::SchoolYear;
use super::{Category, Dataset, EducationLevel, Sex, rules};
use chrono::NaiveDate;

/// The experience bands of the form (full years): до 3, 3–5, 5–10, 10–15, 15–20, 20 и более.
pub const EXPERIENCE_BANDS: [&str; 7] = [
    "до 3 лет",
    "от 3 до 5 лет",
    "от 5 до 10 лет",
    "от 10 до 15 лет",
    "от 15 до 20 лет",
    "20 лет и более",
    "не указан",
];
const EXPERIENCE_LIMITS: [i32; 5] = [3, 5, 10, 15, 20];

/// The age bands of the form (full years).
pub const AGE_BANDS: [&str; 11] = [
    "моложе 25 лет",
    "25–29",
    "30–34",
    "35–39",
    "40–44",
    "45–49",
    "50–54",
    "55–59",
    "60–64",
    "65 лет и более",
    "не указан",
];
const AGE_LIMITS: [i32; 9] = [25, 30, 35, 40, 45, 50, 55, 60, 65];

/// The education columns: высшее, из него педагогическое, среднее профессиональное (СПО), из него
/// педагогическое, другое, не указано.
pub const EDUCATION_COLUMNS: [&str; 6] = [
    "Высшее образование",
    "из него педагогическое",
    "СПО",
    "из него педагогическое",
    "Другое образование",
    "Образование не указано",
];

/// One line of the form: a group of workers and its counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line {
    /// «Руководящие работники», «Педагогические работники — всего», «учитель» …
    pub title: String,
    /// A line «из них» of the line above it.
    pub of_above: bool,
    pub total: u64,
    pub women: u64,
    /// As `EDUCATION_COLUMNS`.
    pub education: [u64; 6],
    /// Valid высшая and первая categories on the day.
    pub highest: u64,
    pub first: u64,
    /// As `EXPERIENCE_BANDS`.
    pub total_experience: [u64; 7],
    pub ped_experience: [u64; 7],
    /// As `AGE_BANDS`.
    pub age: [u64; 11],
}

/// The form's tables on one day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    pub on: NaiveDate,
    /// Руководящие работники; педагогические работники — всего; then «из них» by position.
    pub lines: Vec<Line>,
}

/// The day the form counts on for a school year: 20 September (the form's date), or `today` while that
/// day has not come.
pub fn day_of(year: SchoolYear, today: NaiveDate) -> NaiveDate {
    let day = NaiveDate::from_ymd_opt(year.0, 9, 20).expect("20 September exists");
    day.min(today)
}

fn band(value: Option<i32>, limits: &[i32]) -> usize {
    match value {
        None => limits.len() + 1,
        Some(v) => limits.iter().position(|l| v < *l).unwrap_or(limits.len()),
    }
}

impl Line {
    fn new(title: &str, of_above: bool) -> Self {
        Line { title: title.into(), of_above, ..Default::default() }
    }

    fn add(&mut self, p: &super::Person, highest: bool, first: bool, on: NaiveDate) {
        self.total += 1;
        self.women += u64::from(p.sex == Some(Sex::Female));
        match p.education {
            Some(e) if e.is_higher() => {
                self.education[0] += 1;
                self.education[1] += u64::from(e.is_pedagogical());
            }
            Some(e) if e.is_vocational() => {
                self.education[2] += 1;
                self.education[3] += u64::from(e.is_pedagogical());
            }
            Some(EducationLevel::Other) => self.education[4] += 1,
            Some(_) | None => self.education[5] += 1,
        }
        self.highest += u64::from(highest);
        self.first += u64::from(first);
        let years = |d: Option<NaiveDate>| d.map(|d| rules::experience_on(d, on));
        self.total_experience[band(years(p.total_experience_start), &EXPERIENCE_LIMITS)] += 1;
        self.ped_experience[band(years(p.ped_experience_start), &EXPERIENCE_LIMITS)] += 1;
        self.age[band(p.birth_date.map(|b| rules::age_on(b, on)), &AGE_LIMITS)] += 1;
    }
}

/// The position a worker is counted by: the first of the year's assignment, lower-case; «должность не
/// указана» without one.
fn main_position(r: &super::PersonRecords, on: NaiveDate) -> String {
    rules::assignment_on(r.assignments.iter().copied(), on)
        .and_then(|a| a.positions.iter().map(|p| p.trim()).find(|p| !p.is_empty()))
        .map(|p| p.to_lowercase())
        .unwrap_or_else(|| "должность не указана".into())
}

/// The form's lines for the workers employed on `on`.
pub fn form(data: &Dataset, on: NaiveDate) -> Form {
    let index = data.index();
    let mut management = Line::new("Руководящие работники", false);
    let mut teachers = Line::new("Педагогические работники — всего", false);
    let mut by_position: std::collections::BTreeMap<String, Line> = Default::default();
    for p in &data.persons {
        let Some(r) = index.records(p.id) else { continue };
        if !(p.pedagogical || p.management) || !rules::employed_on(r.employments.iter().copied(), on) {
            continue;
        }
        let category = rules::valid_category(r.attestations.iter().copied(), on).map(|a| a.result);
        let (highest, first) = (category == Some(Category::Highest), category == Some(Category::First));
        if p.management {
            management.add(p, highest, first, on);
            continue;
        }
        teachers.add(p, highest, first, on);
        let position = main_position(r, on);
        by_position.entry(position.clone()).or_insert_with(|| Line::new(&position, true)).add(p, highest, first, on);
    }
    // «учитель» first, as the form lists it; the other positions in the alphabet's order.
    let mut positions: Vec<Line> = by_position.into_values().collect();
    positions.sort_by_key(|l| (l.title != "учитель", l.title.clone()));
    let mut lines = vec![management, teachers];
    lines.extend(positions);
    Form { on, lines }
}
