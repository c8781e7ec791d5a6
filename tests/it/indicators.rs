//! The indicator engine against the catalogue: every id present, and hand-built records whose numbers
//! are known, including the catalogue's edge cases.

use crate::support::*;
use uchrost::domain::indicators::{Breakdown, Value, Window, all_ids, compute};
use uchrost::domain::*;

/// The ids of the catalogue: the first cell of every table row that is an identifier.
fn catalogue_ids(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix("| "))
        .filter_map(|l| l.split(" |").next())
        .map(str::trim)
        .filter(|c| {
            *c != "id"
                && !c.is_empty()
                && c.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn every_catalogue_id_is_computed() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = vec![std::fs::read_to_string(root.join("docs/spec/indicators.md")).expect("the catalogue copy")];
    // Where the project's shared specification sits beside the clone (CI), check it too.
    if let Ok(shared) = std::fs::read_to_string(root.join("../shared/spec/indicators.md")) {
        texts.push(shared);
    }
    let engine = all_ids();
    for text in texts {
        let ids = catalogue_ids(&text);
        assert!(ids.len() >= 40, "the catalogue lists its ids: {ids:?}");
        let missing: Vec<&String> = ids.iter().filter(|id| !engine.contains(&id.as_str())).collect();
        assert!(missing.is_empty(), "catalogue ids the engine lacks: {missing:?}");
    }
}

fn value<'a>(values: &'a [Value], id: &str, scope: &str) -> &'a Value {
    values.iter().find(|v| v.id == id && v.scope == scope).unwrap_or_else(|| panic!("{id} {scope}"))
}

fn assignment(p: PersonId, year: i32, subjects: &[&str], load: f32) -> Assignment {
    Assignment {
        id: AssignmentId::new(),
        author: org(),
        person: p,
        year: SchoolYear(year),
        positions: vec!["учитель".into()],
        subjects: subjects
            .iter()
            .map(|s| SubjectLoad { subject: (*s).into(), hours: 6.0, education_match: Some(*s != "ОДНКНР") })
            .collect(),
        load_hours: load,
    }
}

/// Four teachers in 2025/2026 (as of 31.08.2026):
/// - А: высшая decided 15.03.2022 (valid), course ending 31.08.2026 (the last day), three subjects;
/// - Б: первая decided 01.09.2021, so valid until 31.08.2026 — still valid on the as-of date;
///   первая decided 31.08.2021 would have expired the day before;
/// - В: left on 31.01.2026 (mid-year): out of every population on 31.08.2026;
/// - Г: no category, course ending 31.08.2023 (just outside the 3 years).
fn school() -> Dataset {
    let mut data = Dataset::default();
    let a = person("Аова", "10.01.1980", "01.09.2005");
    let b = person("Бова", "10.01.1985", "01.09.2008");
    let v = person("Вова", "10.01.1990", "01.09.2012");
    let g = person("Гова", "10.01.1975", "01.09.2000");
    for p in [&a, &b, &g] {
        data.employments.push(employment(p.id, "01.09.2015", None));
    }
    data.employments.push(employment(v.id, "01.09.2015", Some("31.01.2026")));
    data.attestations.push(attestation(a.id, Category::Highest, "15.03.2022"));
    data.attestations.push(attestation(b.id, Category::First, "01.09.2021"));
    data.attestations.push(attestation(g.id, Category::First, "31.08.2021"));
    data.attestations.push(attestation(v.id, Category::Highest, "15.03.2022"));
    data.courses.push(course(a.id, "31.08.2026"));
    data.courses.push(course(g.id, "31.08.2023"));
    data.courses.push(course(v.id, "10.10.2025"));
    data.assignments.push(assignment(a.id, 2025, &["математика", "физика", "ОДНКНР"], 40.0));
    data.assignments.push(assignment(b.id, 2025, &["математика"], 20.0));
    data.assignments.push(assignment(g.id, 2025, &["история"], 18.0));
    data.assignments.push(assignment(v.id, 2025, &["физика"], 18.0));
    data.persons.extend([a, b, v, g]);
    data
}

fn year_2025() -> Vec<Value> {
    compute(
        &school(),
        Window::school_year(SchoolYear(2025), d("23.11.2026")),
        &RuleSettings::default(),
        Breakdown::Subject,
    )
}

#[test]
fn categories_count_on_the_as_of_date() {
    let v = year_2025();
    // А (высшая) and Б (первая until 31.08.2026) hold one; Г's expired on 30.08.2026; В left.
    let c = value(&v, "category_high", "all");
    assert_eq!((c.numerator, c.denominator), (2, 3));
    assert_eq!(c.display(), "2 / 3 = 66,7 %");
    let cc = value(&v, "category_high_course", "all");
    assert_eq!((cc.numerator, cc.denominator), (1, 2), "of the two holders only А has a course in 3 years");
}

#[test]
fn courses_count_by_end_date_with_both_ends_of_the_period() {
    let v = year_2025();
    // А's course ends on 31.08.2026, the last day; Г's on 31.08.2023, one day before the 3 years.
    let c = value(&v, "course_3y", "all");
    assert_eq!((c.numerator, c.denominator), (1, 3));
    let s = value(&v, "self_total", "all");
    assert_eq!(s.numerator, 3, "1.23 counts the teachers employed at the end of the calendar year");
}

#[test]
fn a_teacher_with_three_subjects_counts_once_in_each() {
    let v = year_2025();
    let m = value(&v, "category_high", "subject:математика");
    assert_eq!((m.numerator, m.denominator), (2, 2));
    let f = value(&v, "category_high", "subject:физика");
    assert_eq!((f.numerator, f.denominator), (1, 1), "В taught физика but left");
    let e = value(&v, "edu_match", "all");
    assert_eq!((e.numerator, e.denominator), (2, 3), "А teaches ОДНКНР without matching education");
    let l = value(&v, "load_over36", "all");
    assert_eq!((l.numerator, l.denominator), (1, 3));
}

#[test]
fn an_empty_denominator_has_no_percent() {
    let v = year_2025();
    let r = value(&v, "retrain_ped", "all");
    assert_eq!((r.numerator, r.denominator, r.percent()), (0, 0, None));
    assert_eq!(r.display(), "0 / 0 = —");
}

#[test]
fn the_command_line_lists_every_id_as_json() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("d.db");
    let bin = env!("CARGO_BIN_EXE_uchrost");
    let run = |args: &[&str]| std::process::Command::new(bin).args(args).output().expect("run");
    assert!(run(&["demo", "--db", db.to_str().expect("p"), "--teachers", "30"]).status.success());
    let o = run(&["indicators", "--db", db.to_str().expect("p"), "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("json");
    for id in all_ids() {
        assert!(rows.iter().any(|r| r["id"] == id && r["scope"] == "all"), "{id}");
    }
    let total = rows.iter().find(|r| r["id"] == "self_total").expect("self_total");
    assert_eq!(total["numerator"], 30);
    assert!(rows.iter().all(|r| r["denominator"] != 0 || r["percent"].is_null()));
    let o = run(&["indicators", "--db", db.to_str().expect("p"), "--year", "2025", "--by", "subject", "--json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("json");
    assert!(rows.iter().any(|r| r["scope"].as_str().is_some_and(|s| s.starts_with("subject:"))));
    assert_eq!(run(&["indicators", "--db", db.to_str().expect("p"), "--by", "класс"]).status.code(), Some(2));
    // The demo school keeps targets and a survey result: the year's target and mark, and the entered row.
    let o = run(&["indicators", "--db", db.to_str().expect("p"), "--json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("json");
    let cat = rows.iter().find(|r| r["id"] == "category_high" && r["scope"] == "all").expect("category_high");
    let target = cat["target"].as_f64().expect("the school's target for the year");
    let percent = cat["percent"].as_f64().expect("a share");
    assert_eq!(cat["target_met"].as_bool(), Some(percent >= target));
    let entered = rows.iter().find(|r| r["entered"] == true).expect("an entered indicator");
    assert!(entered["title"].as_str().is_some_and(|t| t.starts_with("Готовность педагогов")));
    assert!(entered["numerator"].is_null() && entered["value"].is_number());
    // The staffing picture: the fact number matches 1.23, the bands add up to it.
    let o = run(&["indicators", "--db", db.to_str().expect("p"), "--staffing", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let staffing: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(staffing[0]["scope"], "all");
    let teachers = staffing[0]["teachers"].as_u64().expect("teachers");
    assert_eq!(teachers, 30);
    for key in ["by_education", "by_experience", "by_age", "by_category"] {
        let sum: u64 = staffing[0][key].as_array().expect(key).iter().map(|b| b[1].as_u64().expect("n")).sum();
        assert_eq!(sum, teachers, "{key} adds up to the fact number");
    }
    let text = run(&["indicators", "--db", db.to_str().expect("p"), "--staffing"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("обеспеченность кадрами"));
}

/// Each indicator's definition carries its group and direction (the screens, reports and the cycle read
/// them from there, never from the shape of the id): every computed indicator has a group of its own, the
/// three where less is better say so, and an id the engine does not compute is an entered one.
#[test]
fn a_definition_says_its_group_and_direction() {
    use uchrost::domain::indicators::{Group, about, described, lower_is_better};
    for a in described() {
        assert_ne!(a.group, Group::Entered, "{} has a group", a.id);
        assert_eq!(Group::of(a.id), a.group);
        assert_eq!(a.counts_schools, a.id.starts_with("schools_") || a.id == "mgmt_teams", "{}", a.id);
    }
    let lower: Vec<&str> = described().iter().filter(|a| a.lower_is_better).map(|a| a.id).collect();
    assert_eq!(lower, vec!["diag_deficits", "load_over36", "schools_mismatch30"]);
    assert!(lower_is_better("load_over36") && !lower_is_better("course_3y") && !lower_is_better("своё_значение"));
    assert_eq!(Group::of("своё_значение"), Group::Entered);
    assert_eq!(about("self_total").map(|a| (a.group, a.calendar_year)), Some((Group::SelfEvaluation, true)));
    assert_eq!(about("diag_done").map(|a| a.by_subject), Some(true));
}

/// A scope is a type with one text form: the JSON's and the command line's («all», «subject:…»,
/// «school:…», «cluster:…», «municipality:…»), read back as the same scope.
#[test]
fn a_scope_has_one_text_form() {
    use uchrost::domain::indicators::{Breakdown, Scope};
    for (scope, text, breakdown) in [
        (Scope::All, "all", Breakdown::None),
        (Scope::Subject("математика".into()), "subject:математика", Breakdown::Subject),
        (Scope::School("004".into()), "school:004", Breakdown::School),
        (Scope::Cluster("МКШ".into()), "cluster:МКШ", Breakdown::Cluster),
        (Scope::Municipality("01".into()), "municipality:01", Breakdown::Municipality),
    ] {
        assert_eq!(scope.to_string(), text);
        assert_eq!(Scope::parse(text), Some(scope.clone()));
        assert_eq!(scope, text, "compares with its text");
        assert_eq!(scope.breakdown(), breakdown);
        assert_eq!(serde_json::to_string(&scope).expect("json"), format!("\"{text}\""));
        assert_eq!(serde_json::from_str::<Scope>(&format!("\"{text}\"")).expect("back"), scope);
    }
    assert_eq!(Scope::parse("школа:004"), None);
    assert_eq!(Scope::School("004".into()).part(Breakdown::School), Some("004"));
    assert_eq!(Scope::School("004".into()).part(Breakdown::Cluster), None);
    assert_ne!(Scope::School("004".into()), "school:0045");
}

/// A value below its target is «промежуточно» while its school year runs and «не достигнуто» once it has
/// ended (issue 24); the year runs to its last day, 31 August, inclusive.
#[test]
fn a_target_below_is_midway_while_the_year_runs() {
    use uchrost::domain::indicators::{target_mark, year_running};
    let this = SchoolYear::of(d("30.11.2026"));
    for (met, year, today, mark) in [
        (Some(false), this, "30.11.2026", "промежуточно"),
        (Some(false), SchoolYear(this.0 - 1), "30.11.2026", "не достигнуто"),
        (Some(false), SchoolYear(this.0 - 1), "31.08.2026", "промежуточно"),
        (Some(false), SchoolYear(this.0 - 1), "01.09.2026", "не достигнуто"),
        (Some(true), this, "30.11.2026", "достигнуто"),
        (Some(true), SchoolYear(this.0 - 1), "30.11.2026", "достигнуто"),
        (None, this, "30.11.2026", ""),
    ] {
        assert_eq!(target_mark(met, year_running(year, d(today))), mark, "{met:?} {year} {today}");
    }
}

/// The board's trend of the self-evaluation items (1.23–1.33) goes by calendar year (issue 24): in
/// November the school year that has just ended lies in this calendar year, so its point — «прошлый год» in
/// the reports — is the previous calendar year counted on its 31 December, not this year again. The points
/// before it are the years before that; the current point is this calendar year on today's date.
#[test]
fn the_self_evaluation_items_trend_by_calendar_year() {
    use uchrost::app::indicators::{Request, board};
    let (_dir, _path, mut store) = school_db();
    let today = d("30.11.2026");
    uchrost::app::fill_school_demo(&mut store, 40, 3, today).expect("demo");
    let data = store.load().expect("load");
    let settings = RuleSettings::default();
    let request = Request {
        window: Window::school_year(SchoolYear(2026), today),
        breakdown: Breakdown::None,
        today,
        settings: settings.clone(),
        own: store.own_org().clone(),
    };
    let b = board(&data, &request, &|_| {});
    let calendar = |year: i32| {
        let w = Window::range(d(&format!("01.01.{year}")), d(&format!("31.12.{year}")), today);
        compute(&data, w, &settings, Breakdown::None)
    };
    let years: Vec<(i32, Vec<Value>)> = (2022..=2026).map(|y| (y, calendar(y))).collect();
    let mut differs = false;
    for row in b.rows.iter().filter(|r| r.id.starts_with("self_") && r.scope == "all") {
        for (k, (year, values)) in years.iter().enumerate() {
            let v = values.iter().find(|v| v.id == row.id && v.scope == "all").expect("computed");
            assert_eq!(row.trend[k], v.percent(), "{} in {year}", row.id);
        }
        differs |= row.trend[3] != row.trend[4];
    }
    assert!(differs, "last year's items are not this year's again");
}
