//! The rules users rely on, each with a table of cases including the boundaries of the catalogue:
//! inclusive periods, calendar years, 29 February.

use crate::support::*;
use uchrost::domain::dates::*;
use uchrost::domain::rules::*;
use uchrost::domain::*;

#[test]
fn calendar_arithmetic() {
    // (date, years, expected)
    let cases = [
        ("15.03.2021", 5, "15.03.2026"),
        ("29.02.2024", 1, "28.02.2025"),
        ("29.02.2024", 4, "29.02.2028"),
        ("29.02.2024", -1, "28.02.2023"),
        ("31.08.2026", -3, "31.08.2023"),
        ("01.01.2020", 0, "01.01.2020"),
    ];
    for (date, years, expected) in cases {
        assert_eq!(add_years(d(date), years), d(expected), "{date} + {years} лет");
    }
    let months = [
        ("31.01.2025", 1, "28.02.2025"),
        ("31.03.2024", -1, "29.02.2024"),
        ("15.11.2026", 12, "15.11.2027"),
        ("14.03.2026", -3, "14.12.2025"),
    ];
    for (date, n, expected) in months {
        assert_eq!(add_months(d(date), n), d(expected), "{date} + {n} мес.");
    }
}

#[test]
fn whole_years_for_age_and_experience() {
    // (start, on, years)
    let cases = [
        ("15.03.1990", "14.03.2025", 34),
        ("15.03.1990", "15.03.2025", 35),
        ("29.02.2000", "27.02.2001", 0),
        ("29.02.2000", "28.02.2001", 1), // a 29 February birthday is 28 February in other years
        ("29.02.2000", "29.02.2004", 4),
        ("01.09.2025", "31.08.2026", 0),
        ("01.09.2025", "01.09.2026", 1),
        ("01.09.2025", "01.01.2020", 0), // before the start
    ];
    for (start, on, years) in cases {
        assert_eq!(whole_years(d(start), d(on)), years, "от {start} на {on}");
    }
}

#[test]
fn periods_are_inclusive_and_count_calendar_years() {
    let p = Period::years_up_to(d("31.08.2026"), 3);
    assert_eq!((p.from, p.to), (d("01.09.2023"), d("31.08.2026")));
    for (date, inside) in [("31.08.2023", false), ("01.09.2023", true), ("31.08.2026", true), ("01.09.2026", false)] {
        assert_eq!(p.contains(d(date)), inside, "{date}");
    }
    let p = Period::new(d("01.09.2025"), d("31.08.2026"));
    // (start, end, overlaps)
    let cases = [
        ("01.01.2020", None, true),
        ("01.01.2020", Some("31.08.2025"), false),
        ("01.01.2020", Some("01.09.2025"), true),
        ("31.08.2026", None, true),
        ("01.09.2026", None, false),
    ];
    for (start, end, expected) in cases {
        assert_eq!(p.overlaps(d(start), end.map(d)), expected, "{start} – {end:?}");
    }
}

#[test]
fn school_year_of_a_date() {
    let cases = [("31.08.2026", 2025), ("01.09.2026", 2026), ("01.01.2026", 2025), ("31.12.2025", 2025)];
    for (date, year) in cases {
        assert_eq!(SchoolYear::of(d(date)), SchoolYear(year), "{date}");
    }
    let y = SchoolYear(2025);
    assert_eq!(y.to_string(), "2025/2026");
    assert_eq!((y.first_day(), y.last_day()), (d("01.09.2025"), d("31.08.2026")));
    assert_eq!(SchoolYear::parse("2025/2026"), Some(y));
    assert_eq!(SchoolYear::parse("2025/26"), Some(y));
    assert_eq!(SchoolYear::parse("двадцать"), None);
}

#[test]
fn dates_are_typed_the_russian_way() {
    let cases = [
        ("15.03.2021", Some((2021, 3, 15))),
        ("5.3.2021", Some((2021, 3, 5))),
        (" 01.09.2025 ", Some((2025, 9, 1))),
        ("29.02.2023", None),
        ("31.04.2025", None),
        ("2021-03-15", Some((2021, 3, 15))),
        ("15.03.21", Some((2021, 3, 15))),
        ("", None),
    ];
    for (text, expected) in cases {
        let got = parse_date(text).map(|x| {
            use chrono::Datelike;
            (x.year(), x.month(), x.day())
        });
        assert_eq!(got, expected, "«{text}»");
    }
    assert_eq!(fmt_date(d("05.03.2021")), "05.03.2021");
}

/// The term of a result by the regime of its decision date (`domain.md`, «Attestation»): a первая or
/// высшая decided before 01.09.2023 keeps its 5 years; one decided on or after it has no end date (приказ
/// № 196); СЗД is 5 years in both.
#[test]
fn the_term_of_a_result_follows_the_regime_of_its_decision_date() {
    use Category::*;
    // (result, decision, valid until — none: бессрочно)
    let cases: [(Category, &str, Option<&str>); 12] = [
        (First, "15.03.2021", Some("14.03.2026")),
        (First, "31.05.2022", Some("30.05.2027")),
        (Highest, "31.08.2023", Some("30.08.2028")),
        (First, "01.09.2023", None),
        (Highest, "15.09.2023", None),
        (First, "29.02.2024", None),
        (Methodist, "10.01.2025", None),
        (PositionConformity, "31.08.2023", Some("30.08.2028")),
        (PositionConformity, "01.09.2023", Some("31.08.2028")),
        (PositionConformity, "29.02.2024", Some("27.02.2029")),
        (PositionConformity, "01.03.2024", Some("28.02.2029")),
        // After the Порядок's own end the last known regime goes on until a new row is added.
        (Highest, "01.09.2029", None),
    ];
    for (result, decision, until) in cases {
        assert_eq!(valid_until(result, d(decision)), until.map(d), "{result} от {decision}");
    }
    // (last valid day, apply by: 3 months before)
    for (until, apply) in [("14.03.2026", "14.12.2025"), ("30.05.2027", "28.02.2027"), ("27.02.2029", "27.11.2028")] {
        assert_eq!(apply_by(d(until)), d(apply), "подать до, срок {until}");
    }
    assert_eq!(regime_of(d("31.08.2023")).category_years, Some(5));
    assert!(regime_of(d("01.09.2023")).order.contains("№ 196"));
    assert_eq!(regime_of(d("01.09.2023")).category_years, Option::None);
}

#[test]
fn category_state_on_a_date() {
    let p = PersonId::new();
    let first_2021 = attestation(p, Category::First, "15.03.2021");
    let high_2022 = attestation(p, Category::Highest, "10.06.2022");
    let high_2024 = attestation(p, Category::Highest, "10.06.2024");
    let first_old = attestation(p, Category::First, "31.08.2023");
    let first_new = attestation(p, Category::First, "01.09.2023");
    let szd = attestation(p, Category::PositionConformity, "10.06.2024");
    let methodist = attestation(p, Category::Methodist, "10.01.2025");
    use CategoryState::*;
    let valid = |c: Category, until: &str| Valid { category: c, until: Some(d(until)) };
    let permanent = |c: Category| Valid { category: c, until: Option::None };
    // (records, date, horizon, expected)
    let cases: Vec<(Vec<&Attestation>, &str, i32, CategoryState)> = vec![
        (vec![], "01.01.2025", 12, None),
        (vec![&szd], "01.01.2025", 12, None),
        (vec![&first_2021], "14.03.2021", 12, None),
        (vec![&first_2021], "15.03.2021", 12, valid(Category::First, "14.03.2026")),
        (vec![&first_2021], "13.03.2025", 12, valid(Category::First, "14.03.2026")),
        (
            vec![&first_2021],
            "14.03.2025",
            12,
            Expiring { category: Category::First, until: d("14.03.2026"), apply_by: d("14.12.2025") },
        ),
        // On its last day an old category is still in force; the next day it has expired.
        (
            vec![&first_2021],
            "14.03.2026",
            12,
            Expiring { category: Category::First, until: d("14.03.2026"), apply_by: d("14.12.2025") },
        ),
        (vec![&first_2021], "15.03.2026", 12, Expired { category: Category::First, until: d("14.03.2026") }),
        (vec![&first_2021], "13.09.2025", 6, valid(Category::First, "14.03.2026")),
        (
            vec![&first_2021],
            "14.09.2025",
            6,
            Expiring { category: Category::First, until: d("14.03.2026"), apply_by: d("14.12.2025") },
        ),
        // 31.08.2023 and 01.09.2023: the last day of the old Порядок and the first of the new one.
        (
            vec![&first_old],
            "01.09.2027",
            12,
            Expiring { category: Category::First, until: d("30.08.2028"), apply_by: d("30.05.2028") },
        ),
        (vec![&first_old], "31.08.2028", 12, Expired { category: Category::First, until: d("30.08.2028") }),
        (vec![&first_new], "01.09.2023", 12, permanent(Category::First)),
        (vec![&first_new], "01.09.2027", 12, permanent(Category::First)),
        (vec![&first_new], "01.09.2043", 12, permanent(Category::First)),
        (vec![&first_new], "31.08.2023", 12, None),
        // the higher of two valid categories wins: an old высшая over a new первая while it lasts
        (vec![&high_2022, &first_new], "01.01.2025", 12, valid(Category::Highest, "09.06.2027")),
        (vec![&high_2022, &first_new], "10.06.2027", 12, permanent(Category::First)),
        (vec![&first_2021, &high_2024], "01.01.2025", 12, permanent(Category::Highest)),
        // a qualification is not a category
        (vec![&methodist], "01.02.2025", 12, None),
        (
            vec![&first_2021, &methodist],
            "20.03.2026",
            12,
            Expired { category: Category::First, until: d("14.03.2026") },
        ),
    ];
    for (records, date, horizon, expected) in cases {
        assert_eq!(
            category_state(records.iter().copied(), d(date), horizon),
            expected,
            "на {date}, горизонт {horizon}"
        );
    }
    assert_eq!(category_state([&first_2021], d("15.03.2026"), 12).label(), "истекла", "the state reads in Russian");
    assert_eq!(category_state([&first_new], d("15.03.2046"), 12).label(), "действует бессрочно");
}

/// Eligibility is advice by the regime in force on the date: under приказ № 196 высшая needs no первая
/// and no waiting period; before it, 2 years after a category.
#[test]
fn eligibility_for_categories_and_qualifications() {
    let p = PersonId::new();
    let first_2021 = attestation(p, Category::First, "10.10.2021");
    let first = attestation(p, Category::First, "10.10.2023");
    let high = attestation(p, Category::Highest, "10.10.2020");
    // (records, wanted, date, ok?)
    type Case<'a> = (Vec<&'a Attestation>, Category, &'a str, Result<(), Ineligible>);
    let cases: Vec<Case> = vec![
        (vec![], Category::First, "01.01.2025", Ok(())),
        (vec![], Category::Highest, "01.01.2025", Ok(())),
        (vec![&first], Category::Highest, "11.10.2023", Ok(())),
        (vec![], Category::Highest, "31.08.2023", Err(Ineligible::HighestTooEarly { from: Option::None })),
        (
            vec![&first_2021],
            Category::Highest,
            "31.08.2023",
            Err(Ineligible::HighestTooEarly { from: Some(d("10.10.2023")) }),
        ),
        (vec![&first_2021], Category::Highest, "01.09.2023", Ok(())),
        (vec![&first], Category::Methodist, "10.10.2025", Err(Ineligible::NeedsValidHighest)),
        (vec![&high], Category::Mentor, "09.10.2025", Ok(())),
        (vec![&high], Category::Mentor, "10.10.2025", Err(Ineligible::NeedsValidHighest)),
        (vec![&high], Category::Highest, "10.10.2025", Ok(())),
    ];
    for (records, wanted, date, expected) in cases {
        assert_eq!(eligibility(records.iter().copied(), wanted, d(date)), expected, "{wanted} на {date}");
    }
    assert!(Ineligible::HighestTooEarly { from: Some(d("10.10.2025")) }.message().contains("10.10.2025"));
}

#[test]
fn courses_due_in_three_years() {
    let p = PersonId::new();
    // (course end dates, as of, due, due_from)
    let cases: Vec<(Vec<&str>, &str, bool, Option<&str>)> = vec![
        (vec![], "01.09.2026", true, None),
        (vec!["01.09.2023"], "31.08.2026", false, Some("01.09.2026")),
        (vec!["31.08.2023"], "31.08.2026", true, Some("31.08.2026")),
        (vec!["31.08.2023"], "30.08.2026", false, Some("31.08.2026")),
        (vec!["29.02.2024"], "28.02.2027", false, Some("01.03.2027")),
        (vec!["29.02.2024"], "01.03.2027", true, Some("01.03.2027")),
        (vec!["10.05.2020", "20.12.2024"], "01.09.2026", false, Some("20.12.2027")),
        // a course that ends after the date does not count yet
        (vec!["10.05.2020", "20.12.2026"], "01.09.2026", true, Some("10.05.2023")),
    ];
    for (ends, date, due, from) in cases {
        let courses: Vec<Course> = ends.iter().map(|e| course(p, e)).collect();
        let got = courses_due(courses.iter(), d(date), 3);
        assert_eq!((got.due, got.due_from), (due, from.map(d)), "курсы {ends:?} на {date}");
    }
}

#[test]
fn young_teacher_by_age_and_experience() {
    let settings = RuleSettings::default();
    // (birth, experience start, date, young)
    let cases = [
        ("15.03.1992", "01.09.2024", "14.03.2027", true), // 34 years, 2 years of experience
        ("15.03.1992", "01.09.2024", "15.03.2027", false), // turns 35
        ("15.03.2000", "01.09.2023", "31.08.2026", true), // 2 years 364 days
        ("15.03.2000", "01.09.2023", "01.09.2026", false), // 3 full years
        ("29.02.1992", "01.09.2025", "27.02.2027", true),
        ("29.02.1992", "01.09.2025", "28.02.2027", false), // 35 on 28 February
    ];
    for (birth, start, date, young) in cases {
        let p = person("Молодова", birth, start);
        assert_eq!(is_young(&p, d(date), &settings), young, "род. {birth}, стаж с {start}, на {date}");
    }
    let custom = RuleSettings { young_max_age: 30, ..RuleSettings::default() };
    assert!(!is_young(&person("Молодова", "15.03.1994", "01.09.2025"), d("01.10.2025"), &custom));
    let mut unknown = person("Неизвестнова", "15.03.2000", "01.09.2025");
    unknown.birth_date = Option::None;
    assert!(!is_young(&unknown, d("01.10.2025"), &settings));
}

#[test]
fn employed_on_a_date() {
    let p = PersonId::new();
    let periods = [employment(p, "01.09.2015", Some("31.05.2019")), employment(p, "01.09.2021", Option::None)];
    // A re-hire is a new period; a person who left drops out from the day after leaving.
    let cases = [
        ("31.08.2015", false),
        ("01.09.2015", true),
        ("31.05.2019", true),
        ("01.06.2019", false),
        ("01.09.2021", true),
        ("01.01.2030", true),
    ];
    for (date, employed) in cases {
        assert_eq!(employed_on(periods.iter(), d(date)), employed, "{date}");
    }
}

#[test]
fn szd_due_with_exemptions() {
    let p = person("Соответствова", "10.01.1985", "01.09.2010");
    let job = employment(p.id, "01.09.2022", Option::None);
    let first = attestation(p.id, Category::First, "01.02.2023");
    let old_szd = attestation(p.id, Category::PositionConformity, "15.01.2019");
    let childcare = absence(p.id, AbsenceKind::ChildCare, "01.03.2023", Some("28.02.2025"));
    let illness = absence(p.id, AbsenceKind::LongIllness, "01.01.2025", Some("30.04.2025"));
    let open_pregnancy = absence(p.id, AbsenceKind::Pregnancy, "01.06.2025", Option::None);
    use SzdStatus::*;
    // (absences, attestations, date, expected)
    let cases: Vec<(Vec<&Absence>, Vec<&Attestation>, &str, SzdStatus)> = vec![
        (vec![], vec![], "31.08.2024", Exempt { until: d("01.09.2024"), reason: "менее 2 лет в должности" }),
        (vec![], vec![], "01.09.2024", Due { since: d("01.09.2024"), hire_unknown: false }),
        (vec![], vec![&first], "01.09.2024", NotApplicable),
        // a СЗД of 15.01.2019 ran out on 14.01.2024
        (vec![], vec![&old_szd], "01.09.2024", Due { since: d("01.09.2024"), hire_unknown: false }),
        (
            vec![&childcare],
            vec![],
            "28.02.2027",
            Exempt {
                until: d("01.03.2027"),
                reason: "отпуск по беременности и родам или по уходу за ребёнком и 2 года после выхода",
            },
        ),
        (vec![&childcare], vec![], "01.03.2027", Due { since: d("01.03.2027"), hire_unknown: false }),
        (
            vec![&illness],
            vec![],
            "30.04.2026",
            Exempt {
                until: d("01.05.2026"), reason: "длительная болезнь и 1 год после выхода"
            },
        ),
        (vec![&illness], vec![], "01.05.2026", Due { since: d("01.05.2026"), hire_unknown: false }),
        (vec![&open_pregnancy], vec![], "01.09.2026", Exempt { until: chrono::NaiveDate::MAX, reason: "беременность" }),
    ];
    let jobs = [&job];
    for (i, (absences, attestations, date, expected)) in cases.into_iter().enumerate() {
        assert_eq!(szd_status(&p, &jobs, &absences, &attestations, d(date)), expected, "случай {i}: на {date}");
    }
    // A recent СЗД is in force for 5 years.
    let recent = attestation(p.id, Category::PositionConformity, "15.01.2025");
    assert_eq!(szd_status(&p, &jobs, &[], &[&recent], d("01.09.2026")), Done { until: d("14.01.2030") });
    assert_eq!(
        szd_status(&p, &jobs, &[], &[&recent], d("15.01.2030")),
        Due { since: d("15.01.2030"), hire_unknown: false }
    );
    // Not a teacher, or not employed: not applicable.
    let mut director = p.clone();
    director.pedagogical = false;
    director.management = true;
    assert_eq!(szd_status(&director, &jobs, &[], &[], d("01.09.2026")), NotApplicable);
    assert_eq!(szd_status(&p, &[], &[], &[], d("01.09.2026")), NotApplicable);
}

#[test]
fn russian_plurals() {
    use uchrost::domain::ru::count;
    let cases = [
        (1, "1 педагог"),
        (2, "2 педагога"),
        (4, "4 педагога"),
        (5, "5 педагогов"),
        (11, "11 педагогов"),
        (12, "12 педагогов"),
        (14, "14 педагогов"),
        (21, "21 педагог"),
        (22, "22 педагога"),
        (25, "25 педагогов"),
        (101, "101 педагог"),
        (111, "111 педагогов"),
        (0, "0 педагогов"),
    ];
    for (n, text) in cases {
        assert_eq!(count(n, "педагог", "педагога", "педагогов"), text);
    }
}

/// Dates as people type them — the same in a form, on the command line and in a spreadsheet: short years,
/// one-digit days and months, slashes, a trailing «г.»; a date that does not exist says so.
#[test]
fn dates_as_people_type_them() {
    use uchrost::domain::dates::parse_typed;
    let good = [
        ("1.9.25", "01.09.2025"),
        ("01.09.2025", "01.09.2025"),
        ("12.5.75", "12.05.1975"),
        ("5/3/2001", "05.03.2001"),
        ("29.02.2024", "29.02.2024"),
        ("  7.11.39 ", "07.11.2039"),
        ("15.06.1980 г.", "15.06.1980"),
        ("2026-11-30", "30.11.2026"),
    ];
    for (text, date) in good {
        assert_eq!(parse_typed(text), Ok(d(date)), "{text}");
    }
    for text in ["31.02.1980", "29.02.2023", "0.1.2020", "12.13.2000"] {
        let err = parse_typed(text).expect_err(text);
        assert!(err.contains("такой даты нет"), "{text}: {err}");
    }
    for text in ["", "завтра", "1.9", "1.9.2025.1", "1.9.202", "12 мая 1975"] {
        let err = parse_typed(text).expect_err(text);
        assert!(err.contains("ожидается дд.мм.гггг"), "{text}: {err}");
    }
}

/// Words agree with the person: «выступила с докладом», «включена в резерв» for a woman; the plain label
/// for a man or when the sex is not known.
#[test]
fn roles_agree_with_the_person() {
    use uchrost::domain::{EventRole, ReserveStatus, Sex};
    let cases = [
        (EventRole::Speaker, Some(Sex::Female), "выступила с докладом"),
        (EventRole::Speaker, Some(Sex::Male), "выступил с докладом"),
        (EventRole::Speaker, None, "выступил с докладом"),
        (EventRole::MasterClassLeader, Some(Sex::Female), "провела мастер-класс"),
        (EventRole::Participant, Some(Sex::Female), "участник"),
    ];
    for (role, sex, text) in cases {
        assert_eq!(role.label_for(sex), text, "{role:?} {sex:?}");
    }
    assert_eq!(ReserveStatus::Included.label_for(Some(Sex::Female)), "включена в резерв");
    assert_eq!(ReserveStatus::Appointed.label_for(Some(Sex::Female)), "назначена");
    assert_eq!(ReserveStatus::Appointed.label_for(Some(Sex::Male)), "назначен");
}

/// Text as the program compares it: lower case, Ё as Е; names and headers also with single spaces and no
/// punctuation or «№» at the ends.
#[test]
fn text_is_folded_once_for_search_and_matching() {
    use uchrost::domain::text::{fold, name_key};
    for (text, folded, key) in [
        ("Алёна", "алена", "алена"),
        ("  ИВАНОВА   Ёлка ", "  иванова   елка ", "иванова елка"),
        ("№ п/п", "№ п/п", "п/п"),
        ("Дата рождения:", "дата рождения:", "дата рождения"),
        ("ÉCOLE", "école", "école"),
        ("", "", ""),
    ] {
        assert_eq!(fold(text), folded, "{text}");
        assert_eq!(name_key(text), key, "{text}");
    }
}

/// Numbers the Russian way: the decimal comma, percents, numbers as typed.
#[test]
fn numbers_are_written_the_russian_way() {
    use uchrost::domain::ru::{decimal, number, percent};
    for (x, digits, text) in [
        (30.46, 1, "30,5"),
        (0.0, 1, "0,0"),
        (-0.0, 1, "0,0"),
        (-0.04, 1, "0,0"),
        (-0.0, 0, "0"),
        (-2.25, 2, "-2,25"),
        (1234.5, 0, "1234"),
    ] {
        assert_eq!(decimal(x, digits), text);
    }
    assert_eq!(percent(30.46), "30,5 %");
    let no_hours: f32 = [].iter().sum();
    assert!(no_hours.is_sign_negative(), "the sum of no numbers is −0");
    for (x, text) in
        [(12.0, "12"), (0.75, "0,75"), (-3.0, "-3"), (1e16, "10000000000000000"), (f64::from(no_hours), "0")]
    {
        assert_eq!(number(x), text);
    }
}

/// The window's place reads back; anything else, or a size too small to use, is not a place.
#[test]
fn the_window_place_reads_back() {
    use uchrost::app::paths::WindowPlace;
    let place = WindowPlace { x: 12.0, y: 30.5, width: 1366.0, height: 740.0, maximized: false };
    assert_eq!(WindowPlace::parse(&place.to_text()), Some(place));
    let max = WindowPlace { maximized: true, ..place };
    assert_eq!(WindowPlace::parse(&max.to_text()), Some(max));
    for bad in ["", "1 2 3", "1 2 3 4 5 6", "a b c d e", "0 0 100 100 0", "0 0 NaN 800 0", "0 0 inf 800 0"] {
        assert_eq!(WindowPlace::parse(bad), None, "{bad}");
    }
}

/// The application's error for a name that several people share agrees its verb and noun with the count.
#[test]
fn an_ambiguous_name_says_how_many_in_words_that_agree() {
    for (count, said) in [
        (2, "под «Иванова» подходят 2 работника: уточните ФИО"),
        (5, "под «Иванова» подходят 5 работников: уточните ФИО"),
        (21, "под «Иванова» подходит 21 работник: уточните ФИО"),
        (112, "под «Иванова» подходят 112 работников: уточните ФИО"),
    ] {
        let e = uchrost::app::AppError::AmbiguousPerson { name: "Иванова".into(), count };
        assert_eq!(e.to_string(), said);
    }
}

/// Every phrase the reports build with a count agrees with it (issue 24), for every count 0–200 and for
/// 1,001: the form is chosen by the last two digits the way a grammar book says it.
#[test]
fn report_phrases_agree_with_every_count() {
    use uchrost::domain::ru::{of_teachers, people, teachers, teachers_work, years};
    // 11–14 → many; else by the last digit: 1 → one; 2–4 → few; the rest → many.
    let form = |n: u64| match (n % 100, n % 10) {
        (11..=14, _) => 2,
        (_, 1) => 0,
        (_, 2..=4) => 1,
        _ => 2,
    };
    for n in (0..=200).chain([1001, 1002, 1011, 1025]) {
        let f = form(n);
        let pick = |forms: [&str; 3]| forms[f].to_string();
        assert_eq!(
            teachers_work(n),
            format!(
                "{} {n} {}",
                pick(["работает", "работают", "работают"]),
                pick(["педагогический работник", "педагогических работника", "педагогических работников"])
            )
        );
        assert_eq!(teachers(n), format!("{n} {}", pick(["педагог", "педагога", "педагогов"])));
        assert_eq!(of_teachers(n), format!("{n} {}", pick(["педагога", "педагогов", "педагогов"])));
        assert_eq!(people(n), format!("{n} {}", pick(["человек", "человека", "человек"])));
        assert_eq!(years(n as f64), format!("{n} {}", pick(["год", "года", "лет"])));
    }
    // The cases the issue names.
    assert_eq!(teachers_work(21), "работает 21 педагогический работник");
    assert_eq!(teachers_work(53), "работают 53 педагогических работника");
    assert_eq!(of_teachers(1), "1 педагога");
    assert_eq!(people(2), "2 человека");
    assert_eq!(people(33), "33 человека");
    assert_eq!(years(40.8), "40,8 года");
}

/// A measure's document as a line (issue 24): the kind before the name, never twice («План план работы»).
#[test]
fn a_document_is_named_once() {
    use uchrost::domain::DocumentKind;
    for (kind, name, line) in [
        (DocumentKind::Order, "№ 12 от 01.09.2026", "приказ № 12 от 01.09.2026"),
        (DocumentKind::Plan, "План работы РМО учителей математики", "План работы РМО учителей математики"),
        (DocumentKind::Plan, "  план-график курсов ", "план-график курсов"),
        (DocumentKind::Protocol, "Протокол № 3", "Протокол № 3"),
        (DocumentKind::Order, "", "приказ"),
        (DocumentKind::Other, "Дорожная карта", "Дорожная карта"),
        (DocumentKind::Report, "о результатах диагностики", "аналитическая справка о результатах диагностики"),
    ] {
        assert_eq!(kind.with_name(name), line);
    }
}

/// What a printed line must not split (issue 24; ГОСТ Р 7.0.97-2016 and Russian typesetting): each case
/// with `~` for the no-break space the printed text must hold.
#[test]
fn printed_text_ties_what_a_line_must_not_split() {
    use uchrost::domain::ru::tie;
    let cases = [
        ("приказ № 196 от 24.03.2023", "приказ №~196~от 24.03.2023"),
        ("§ 3", "§~3"),
        ("работает 21 педагогический работник", "работает 21~педагогический работник"),
        ("36 ч", "36~ч"),
        ("12,5 %", "12,5~%"),
        ("в 2026 г.", "в~2026~г."),
        ("Петрова А. И.", "Петрова~А.~И."),
        ("Петрова А. И., учитель", "Петрова~А.~И., учитель"),
        ("И. О. Фамилия", "И.~О.~Фамилия"),
        ("Е. В. Смирнова и методист", "Е.~В.~Смирнова и~методист"),
        ("справка — это документ", "справка~— это документ"),
        ("у 1 педагога", "у~1~педагога"),
        ("средний возраст — 40,8 года", "средний возраст~— 40,8~года"),
        ("2025/2026 учебный год", "2025/2026~учебный год"),
        // Nothing to tie: words, a date at the end, a trailing space, an empty text.
        ("Кадровый состав", "Кадровый состав"),
        ("на 30.11.2026", "на 30.11.2026"),
        ("конец ", "конец "),
        ("", ""),
    ];
    for (text, expected) in cases {
        assert_eq!(tie(text).replace('\u{a0}', "~"), expected, "«{text}»");
    }
}
