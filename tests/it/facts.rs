//! Facts a deputy head can trust (issue 20): one person's state is computed once, and «Сегодня», the
//! card, the attestation register and its report, and `uchrost teachers --json` say the same.

use crate::support::*;
use std::collections::HashMap;
use uchrost::app::reports::{self, ReportKind, ReportRequest};
use uchrost::domain::attention::{Concern, attention};
use uchrost::domain::plans::attestation_plan;
use uchrost::domain::*;
use uchrost::domain::{dates, indicators};
use uchrost::storage::DiskMode;

fn today() -> chrono::NaiveDate {
    d("30.11.2026")
}

fn employed(person: PersonId, start: &str) -> Employment {
    Employment {
        id: EmploymentId::new(),
        author: org(),
        person,
        start: d(start),
        end: None,
        end_reason: String::new(),
        start_unknown: false,
    }
}

/// A teacher hired in 2014 whose первая (decided 01.06.2020) expired on 31.05.2025: СЗД is due from the
/// day after, not from 2016; «Сегодня» lists the expired category and the СЗД; the plan says the same.
#[test]
fn an_expired_category_is_told_the_same_everywhere() {
    let p = person("Истёкшев", "10.01.1980", "01.09.2003");
    let data = Dataset {
        persons: vec![Person { sex: Some(Sex::Male), ..p.clone() }],
        employments: vec![employed(p.id, "01.09.2014")],
        attestations: vec![attestation(p.id, Category::First, "01.06.2020")],
        ..Dataset::default()
    };
    let settings = RuleSettings::default();
    let state = data.index().state(&data.persons[0], today(), &settings);
    assert_eq!(state.category, rules::CategoryState::Expired { category: Category::First, until: d("31.05.2025") });
    assert_eq!(state.szd, rules::SzdStatus::Due { since: d("01.06.2025"), hire_unknown: false });
    let step = state.attestation_step(today());
    assert_eq!(
        step,
        "категория истекла 31.05.2025: аттестация на СЗД требуется с 01.06.2025 (или заявление на категорию)"
    );
    let groups = attention(&data, today(), &settings);
    let detail =
        |c: Concern| groups.iter().find(|g| g.concern == c).and_then(|g| g.items.first()).map(|i| i.detail.clone());
    assert_eq!(detail(Concern::Expired).as_deref(), Some("первая: истекла 31.05.2025"));
    assert_eq!(detail(Concern::SzdDue).as_deref(), Some("требуется с 01.06.2025"));
    let plan = attestation_plan(&data, today(), &settings);
    assert_eq!(plan[0].next_step, step);
    assert_eq!(plan[0].year, Some(SchoolYear(2026)), "due now: in this year's column");
}

/// Every person of a municipal demo: what «Сегодня», the attestation plan, its report and
/// `uchrost teachers --json` say about the category, its term, СЗД, courses and the mentor is the one
/// computed state.
#[test]
fn every_surface_says_what_the_one_state_says_for_every_demo_person() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("mun.db");
    let mut store =
        uchrost::app::create_municipality(&path, "Управление образования", "M1", DiskMode::Local).expect("mun");
    uchrost::app::fill_municipal_demo(&mut store, 6, 20, today()).expect("demo");
    let data = store.load().expect("load");
    let settings = store.rule_settings().expect("settings");
    let own = store.own_org().clone();
    store.close().expect("close");
    let index = data.index();
    let staff: Vec<PersonState> = data
        .persons
        .iter()
        .filter(|p| p.pedagogical)
        .map(|p| index.state(p, today(), &settings))
        .filter(|s| s.employed)
        .collect();
    assert!(staff.len() > 100, "a municipality's worth of teachers: {}", staff.len());
    let kinds: std::collections::HashSet<&str> = staff.iter().map(|s| s.category.label()).collect();
    for label in ["действует бессрочно", "действует", "истекает", "истекла", "нет категории"]
    {
        assert!(kinds.contains(label), "the demo has «{label}»: {kinds:?}");
    }

    // «Сегодня».
    let groups = attention(&data, today(), &settings);
    let in_group = |c: Concern, id: PersonId| {
        groups.iter().find(|g| g.concern == c).is_some_and(|g| g.items.iter().any(|i| i.person == id))
    };
    // The plan and its report.
    let plan: HashMap<PersonId, _> =
        attestation_plan(&data, today(), &settings).into_iter().map(|r| (r.person, r)).collect();
    let mut req = ReportRequest::new(ReportKind::AttestationPlan, today());
    req.today = today();
    let report = reports::build(&data, &settings, &own, &req).expect("report");
    // By name (two schools may have a teacher of the same name): what the report printed for each.
    let mut printed: HashMap<String, Vec<String>> = HashMap::new();
    for block in &report.blocks {
        if let uchrost::report::Block::Table(t) = block {
            for row in &t.rows {
                printed.entry(row[1].display()).or_default().push(row.last().map(|c| c.display()).unwrap_or_default());
            }
        }
    }
    // `uchrost teachers --json`.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_uchrost"))
        .args(["teachers", "--db", path.to_str().expect("utf-8"), "--date", "30.11.2026", "--json"])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let json: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("json");
    let by_id: HashMap<String, &serde_json::Value> =
        json.iter().map(|j| (j["id"].as_str().expect("id").to_string(), j)).collect();

    for s in &staff {
        let who = &s.full_name;
        let expired = matches!(s.category, rules::CategoryState::Expired { .. });
        let expiring = matches!(s.category, rules::CategoryState::Expiring { .. });
        assert_eq!(in_group(Concern::Expired, s.id), expired, "{who}: «Сегодня», истёкшие");
        assert_eq!(
            in_group(Concern::ExpiringSoon, s.id) || in_group(Concern::ExpiringLater, s.id),
            expiring,
            "{who}: «Сегодня», истекающие"
        );
        assert_eq!(in_group(Concern::SzdDue, s.id), matches!(s.szd, rules::SzdStatus::Due { .. }), "{who}: СЗД");
        assert_eq!(in_group(Concern::CoursesDue, s.id), s.courses.due, "{who}: курсы");
        assert_eq!(in_group(Concern::YoungWithoutMentor, s.id), s.young_without_mentor, "{who}: наставник");
        if expired || matches!(s.szd, rules::SzdStatus::Due { .. }) {
            // Issue 24: who must be attested now stands in this year's column of the plan's grid.
            let row = plan.get(&s.id).unwrap_or_else(|| panic!("{who}: in the attestation plan"));
            assert_eq!(row.year, Some(SchoolYear::of(today())), "{who}: this year's column of the grid");
        }
        if let Some(row) = plan.get(&s.id) {
            assert_eq!(row.next_step, s.attestation_step(today()), "{who}: план аттестации");
            assert_eq!(row.permanent, matches!(s.category, rules::CategoryState::Valid { until: None, .. }), "{who}");
            assert!(
                printed.get(who).is_some_and(|steps| steps.contains(&row.next_step)),
                "{who}: отчёт «план аттестации»"
            );
        } else {
            let until = s.category.until().expect("left out of the five years only with a far end");
            assert!(until > uchrost::domain::dates::add_years(today(), 5), "{who}: missing from the plan");
        }
        let j = by_id.get(&s.id.to_string()).unwrap_or_else(|| panic!("{who}: in teachers --json"));
        assert_eq!(j["category_state"], s.category.label(), "{who}: teachers --json");
        assert_eq!(j["category_valid_until"].as_str().map(str::to_string), s.category.until().map(fmt_date), "{who}");
        assert_eq!(j["szd"], s.szd_label(), "{who}: СЗД в teachers --json");
        assert_eq!(j["courses_due"], s.courses.due, "{who}");
        assert_eq!(j["young_without_mentor"], s.young_without_mentor, "{who}");
    }
}

/// The card's header says what the state says, for a permanent, an expiring and an expired category.
#[test]
fn the_card_header_says_what_the_state_says() {
    use egui_kittest::kittest::Queryable;
    let (_dir, path, mut store) = school_db();
    let people = [
        ("Бессрочная", Category::Highest, "15.09.2023", "высшая категория, бессрочно"),
        ("Истекающая", Category::First, "01.03.2022", "первая категория истекает 28.02.2027 (подать до 28.11.2026)"),
        ("Истёкшая", Category::First, "01.06.2020", "первая категория истекла 31.05.2025"),
    ];
    for (last, category, decision, _) in people {
        let p = person(last, "10.01.1980", "01.09.2003");
        store.put("Добавлен", p.clone(), today()).expect("person");
        store.put("Принят", employed(p.id, "01.09.2014"), today()).expect("job");
        store.put("Аттестация", attestation(p.id, category, decision), today()).expect("attestation");
    }
    let data = store.load().expect("load");
    let settings = store.rule_settings().expect("settings");
    store.close().expect("close");
    let app = uchrost::ui::UchrostApp::new(uchrost::app::paths::DbLocation { path, mode: DiskMode::Local }, today());
    let mut h = harness_of(app, 1366.0, 900.0);
    let index = data.index();
    for p in &data.persons {
        let state = index.state(p, today(), &settings);
        let expected = people.iter().find(|x| x.0 == p.last_name).expect("one of them").3;
        assert_eq!(state.category_text(), expected);
        h.get_by_label("Педагоги").click();
        h.run();
        h.get_by_label(&p.full_name()).click();
        h.run();
        h.get_by_label_contains(&state.category_text());
        h.get_by_label_contains(&format!("СЗД: {}", state.szd_label()));
    }
}

// ---------------------------------------------------------------------------------------------------
// 3. Nothing counts before it happens

fn value(data: &Dataset, window: indicators::Window, id: &str) -> (u64, u64) {
    let values = indicators::compute(data, window, &RuleSettings::default(), indicators::Breakdown::None);
    let v = values.iter().find(|v| v.id == id && v.scope == "all").unwrap_or_else(|| panic!("{id}"));
    (v.numerator, v.denominator)
}

/// In the running school year (as of 30.11.2026) a route planned to end next summer is not completed,
/// a course ending next month is not finished, and a course whose final assessment was failed counts
/// nowhere — not in the indicators, not in «courses due».
#[test]
fn in_the_running_year_nothing_counts_before_it_happens_and_a_failed_course_never() {
    let teachers: Vec<Person> = (0..4)
        .map(|i| person(&format!("Учитель{}", ["ова", "ева", "ина", "ая"][i]), "10.01.1980", "01.09.2003"))
        .collect();
    let (a, b, c, e) = (teachers[0].id, teachers[1].id, teachers[2].id, teachers[3].id);
    let done = |r: Route| Route { status: RouteStatus::Completed, ..r };
    let data = Dataset {
        employments: teachers.iter().map(|p| employed(p.id, "01.09.2014")).collect(),
        persons: teachers,
        routes: vec![
            done(route(a, "01.09.2025", "15.10.2026", vec![])),
            done(route(b, "01.09.2026", "30.06.2027", vec![])),
        ],
        courses: vec![
            course(a, "15.10.2026"),
            course(b, "15.12.2026"),
            Course { final_assessment_passed: Some(false), ..course(c, "01.10.2026") },
            Course { final_assessment_passed: Some(true), ..course(e, "01.10.2026") },
        ],
        ..Dataset::default()
    };
    let running = indicators::Window::school_year(SchoolYear(2026), today());
    assert_eq!(running.counted(), dates::Period::new(d("01.09.2026"), today()));
    assert_eq!(value(&data, running, "route_done"), (1, 1), "only the route that has ended");
    assert_eq!(value(&data, running, "course_3y"), (2, 4), "not next month's course, not the failed one");
    // Once the year is over, both are counted.
    let whole = indicators::Window::school_year(SchoolYear(2026), d("31.08.2027"));
    assert_eq!(value(&data, whole, "route_done"), (2, 2));
    assert_eq!(value(&data, whole, "course_3y"), (3, 4), "the failed course never counts");
    // «Courses due» agrees: the failed course leaves the teacher due.
    let index = data.index();
    let state = |id: PersonId| {
        index.state(data.persons.iter().find(|p| p.id == id).expect("p"), today(), &RuleSettings::default())
    };
    assert!(state(c).courses.due && state(c).courses.last_end.is_none());
    assert!(!state(e).courses.due);
}

/// The self-evaluation items of a past school year are counted on its last day, not today: a category
/// that expired on 15.10.2026 counts for 2025/26 (as of 31.08.2026) and not for 2026/27 (as of today).
#[test]
fn the_self_evaluation_items_are_counted_on_the_as_of_date_of_the_chosen_year() {
    let p = person("Самооценкина", "10.01.1980", "01.09.2003");
    let data = Dataset {
        employments: vec![employed(p.id, "01.09.2014")],
        attestations: vec![attestation(p.id, Category::First, "16.10.2021")],
        persons: vec![p],
        ..Dataset::default()
    };
    let past = indicators::Window::school_year(SchoolYear(2025), today());
    let running = indicators::Window::school_year(SchoolYear(2026), today());
    assert_eq!(past.calendar().as_of, d("31.08.2026"));
    assert_eq!(value(&data, past, "self_category"), (1, 1));
    assert_eq!(value(&data, running, "self_category"), (0, 1));
}

// ---------------------------------------------------------------------------------------------------
// 4. The spreadsheet import keeps every fact and invents none

mod import {
    use super::*;
    use std::path::Path;
    use uchrost::app::import as imp;
    use uchrost::import::ImportKind;
    use uchrost::storage::Store;

    pub(super) fn load(store: &mut Store, file: &Path, kind: ImportKind) -> (imp::Prepared, imp::Written) {
        let (sheet, header) = imp::read(store, file, None, kind).expect("read");
        let data = store.load().expect("load");
        let p = imp::plan(
            &data,
            sheet,
            header,
            &imp::Context { kind, school: store.own_org().id, today: today(), event: None, school_year: None },
        )
        .expect("plan");
        let w = imp::apply(store, &p, false, today(), "лист").unwrap_or_else(|e| panic!("{e}: {:#?}", p.plan.rows));
        (p, w)
    }

    fn csv(dir: &Path, name: &str, lines: &[&str]) -> std::path::PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, lines.join("\n")).expect("write");
        path
    }

    /// A staff sheet with every column the app reads (and one it does not), then the courses and
    /// attestation sheets with theirs; each imported twice: every fact is stored once, exactly as the
    /// sheet says, and nothing the sheet does not say is made up.
    #[test]
    fn a_sheet_with_every_column_stores_every_fact_once_and_invents_none() {
        let (dir, _path, mut store) = school_db();
        let staff = csv(
            dir.path(),
            "педагоги.csv",
            &[
                "ФИО;Дата рождения;Пол;Должность;Предметы;Нагрузка;Образование;Специальность;Квалификация;Педагогический стаж;Общий стаж;Дата приёма;Дата увольнения;Соответствие образования;Категория;Дата присвоения;№ приказа;Дата приказа;Адресные рекомендации;Длительное отсутствие;Начало отсутствия;Окончание отсутствия;Телефон;Эл. почта;Примечание кадровика",
                "Иванова Анна Сергеевна;12.04.1985;ж;учитель;математика, физика;24;высшее педагогическое;математика;учитель математики;15;17;01.09.2010;;\"математика — да; физика — нет\";высшая;15.09.2023;12-к;20.09.2023;Освоить формирующее оценивание;;;;+7 900 000-00-01;ivanova@school.ru;переведена из СОШ № 2",
                "Петров Пётр Петрович;01.02.1979;м;учитель;история;18;высшее;;;20 лет;;;31.10.2026;;первая;31.08.2023;;;нет;;;;;;",
                "Сидорова Мария Ивановна;05.05.1990;ж;учитель;химия;20;высшее педагогическое;;;8;;;;да;;;;;;отпуск по уходу за ребёнком;01.02.2025;;;;",
                "Кузнецова Ольга Павловна;07.07.1975;ж;учитель;биология;18;высшее педагогическое;;;01.09.1998;;;;;;;;;;;;;;;",
            ],
        );
        let (p, w) = load(&mut store, &staff, ImportKind::Teachers);
        assert_eq!(p.plan.unused, vec!["Примечание кадровика".to_string()], "the unused column is said");
        assert_eq!((w.created, w.updated, w.unchanged), (4, 0, 0));
        let create = &p.plan.rows[0].stored;
        assert!(
            create.contains("высшая от 15.09.2023, бессрочно") && create.contains("оценка по числу лет"),
            "{create}"
        );
        let data = store.load().expect("load");
        let index = data.index();
        let by = |last: &str| data.persons.iter().find(|p| p.last_name == last).expect(last);
        let records = |last: &str| index.records(by(last).id).expect("records");

        // Иванова: the hire date as written; experience as an estimate; the match per subject; the
        // category without an end date, its order and its recommendations; contacts.
        let ivanova = by("Иванова");
        assert_eq!((ivanova.ped_experience_start, ivanova.ped_experience_estimated), (Some(d("30.11.2011")), true));
        assert!(ivanova.total_experience_estimated);
        assert_eq!((ivanova.phone.as_str(), ivanova.email.as_str()), ("+7 900 000-00-01", "ivanova@school.ru"));
        let r = records("Иванова");
        assert_eq!(
            (r.employments[0].start, r.employments[0].start_unknown, r.employments[0].end),
            (d("01.09.2010"), false, None)
        );
        assert_eq!(r.assignments[0].year, SchoolYear(2026));
        let matched: Vec<Option<bool>> = r.assignments[0].subjects.iter().map(|s| s.education_match).collect();
        assert_eq!(matched, [Some(true), Some(false)]);
        let a = r.attestations[0];
        assert_eq!((a.result, a.decision_date, a.order_number.as_str()), (Category::Highest, d("15.09.2023"), "12-к"));
        assert_eq!((a.recommendations, a.recommendations_text.as_str()), (true, "Освоить формирующее оценивание"));
        // Петров: left on 31.10.2026 (not employed now), hire date unknown; a «нет» is no recommendation.
        let r = records("Петров");
        assert_eq!((r.employments[0].start_unknown, r.employments[0].end), (true, Some(d("31.10.2026"))));
        assert!(!r.attestations[0].recommendations);
        assert_eq!(r.assignments[0].subjects[0].education_match, None, "not known, not guessed from «высшее»");
        // Сидорова: on childcare leave since 01.02.2025, so exempt from СЗД.
        let r = records("Сидорова");
        assert_eq!(
            (r.absences[0].kind, r.absences[0].start, r.absences[0].end),
            (AbsenceKind::ChildCare, d("01.02.2025"), None)
        );
        assert_eq!(r.assignments[0].subjects[0].education_match, Some(true));
        // Кузнецова: an exact experience start; no hire date — СЗД due, and it says why it cannot exempt.
        let kuz = by("Кузнецова");
        assert_eq!((kuz.ped_experience_start, kuz.ped_experience_estimated), (Some(d("01.09.1998")), false));
        let state = index.state(kuz, today(), &RuleSettings::default());
        assert!(matches!(state.szd, rules::SzdStatus::Due { hire_unknown: true, .. }), "{:?}", state.szd);
        assert!(state.szd_label().contains("дата приёма неизвестна"), "{}", state.szd_label());
        assert!(state.szd_label().starts_with("требуется"), "not exempt");

        // The same sheet again: nothing changes, nothing doubles.
        let before = store.load().expect("load");
        let (_, w) = load(&mut store, &staff, ImportKind::Teachers);
        assert_eq!((w.created, w.updated, w.unchanged), (0, 0, 4));
        assert_eq!(store.load().expect("load").records(), before.records());

        // An exact date typed in by hand is never replaced by an estimate; an hire date fills an unknown one.
        let exact = Person {
            ped_experience_start: Some(d("01.09.2010")),
            ped_experience_estimated: false,
            ..by("Иванова").clone()
        };
        store.put("Стаж уточнён", exact, today()).expect("put");
        let later = csv(
            dir.path(),
            "педагоги-2.csv",
            &[
                "ФИО;Дата рождения;Педагогический стаж;Дата приёма",
                "Иванова Анна Сергеевна;12.04.1985;12;",
                "Сидорова Мария Ивановна;05.05.1990;;01.09.2019",
            ],
        );
        load(&mut store, &later, ImportKind::Teachers);
        let data = store.load().expect("load");
        let ivanova = data.persons.iter().find(|p| p.last_name == "Иванова").expect("Иванова");
        assert_eq!((ivanova.ped_experience_start, ivanova.ped_experience_estimated), (Some(d("01.09.2010")), false));
        let sid = data.persons.iter().find(|p| p.last_name == "Сидорова").expect("Сидорова");
        let job = data.employments.iter().find(|e| e.person == sid.id).expect("job");
        assert_eq!((job.start, job.start_unknown), (d("01.09.2019"), false));

        // Courses: every flag from its column (ФГОС not guessed from the title), the final assessment,
        // the diagnostic the course answers.
        let ivanova_id = ivanova.id;
        let diag = Diagnostic {
            id: DiagnosticId::new(),
            author: org(),
            person: ivanova_id,
            group: None,
            date: d("05.09.2025"),
            kind: DiagnosticKind::Municipal,
            subject: "математика".into(),
            level: None,
            score: None,
            max_score: None,
            deficits: vec!["методические".into()],
            recommendations: String::new(),
        };
        store.put("Диагностика", diag.clone(), today()).expect("diag");
        let courses = csv(
            dir.path(),
            "курсы.csv",
            &[
                "ФИО;Название программы;Часы;Окончание обучения;ФГОС;Федеральный реестр;Приоритетная программа;Одарённые дети;Педагогической направленности;Дефицит кадров;Итоговая аттестация;По итогам диагностики",
                "Иванова Анна Сергеевна;Функциональная грамотность в условиях обновлённых ФГОС;36;10.10.2025;нет;да;да;нет;;;да;05.09.2025",
                "Иванова Анна Сергеевна;Учитель физики;300;01.06.2025;;;;;да;да;не пройдена;",
            ],
        );
        let (_, w) = load(&mut store, &courses, ImportKind::Courses);
        assert_eq!(w.created, 2);
        let data = store.load().expect("load");
        let c = data.courses.iter().find(|c| c.hours == 36).expect("the course");
        assert_eq!((c.fgos, c.federal_register, c.priority_program, c.gifted), (false, true, true, false));
        assert_eq!((c.final_assessment_passed, c.diagnostic), (Some(true), Some(diag.id)));
        let r = data.courses.iter().find(|c| c.hours == 300).expect("the retraining");
        assert_eq!(r.kind, CourseKind::Retraining);
        assert_eq!((r.pedagogical_orientation, r.staff_shortage, r.final_assessment_passed), (true, true, Some(false)));
        let (_, w) = load(&mut store, &courses, ImportKind::Courses);
        assert_eq!((w.created, w.updated, w.unchanged), (0, 0, 2));

        // Attestation: the addressed recommendations.
        let att = csv(
            dir.path(),
            "аттестация.csv",
            &[
                "ФИО;Категория;Дата присвоения;Адресные рекомендации",
                "Кузнецова Ольга Павловна;первая;20.10.2026;Подготовить открытый урок",
            ],
        );
        load(&mut store, &att, ImportKind::Attestation);
        let data = store.load().expect("load");
        let a = data.attestations.iter().find(|a| a.decision_date == d("20.10.2026")).expect("attestation");
        assert_eq!((a.recommendations, a.recommendations_text.as_str()), (true, "Подготовить открытый урок"));
        let (_, w) = load(&mut store, &att, ImportKind::Attestation);
        assert_eq!(w.unchanged, 1);
        assert_eq!(store.load().expect("load").attestations.len(), 3);
    }
}

/// The new kinds of sheet: ИОМ with their steps (a row per step), expert work and communities; each
/// imported twice stores each fact once.
#[test]
fn routes_expert_work_and_communities_come_from_sheets_once() {
    use uchrost::import::ImportKind;
    let (dir, _path, mut store) = school_db();
    let p = person("Маршрутова", "10.01.1985", "01.09.2008");
    store.put("Добавлен", p.clone(), today()).expect("person");
    store.put("Принят", employed(p.id, "01.09.2014"), today()).expect("job");
    let write = |name: &str, lines: &[&str]| {
        let path = dir.path().join(name);
        std::fs::write(&path, lines.join("\n")).expect("write");
        path
    };
    let routes = write(
        "иом.csv",
        &[
            "ФИО;Начало ИОМ;Окончание ИОМ;Дефициты;Шаг;Вид шага;Срок;Выполнено;Результат",
            "Маршрутова Анна Ивановна;01.10.2025;31.05.2026;методические;Курсы «Формирующее оценивание»;курсы;15.12.2025;10.12.2025;удостоверение № 123",
            "Маршрутова Анна Ивановна;01.10.2025;31.05.2026;цифровые;Открытый урок;открытый урок;20.03.2026;;",
        ],
    );
    let expert = write(
        "эксперты.csv",
        &[
            "ФИО;Вид экспертной деятельности;Описание;Уровень;Дата;Окончание",
            "Маршрутова Анна Ивановна;эксперт ОГЭ;русский язык;региональный;01.05.2026;30.06.2026",
        ],
    );
    let communities = write(
        "сообщества.csv",
        &[
            "ФИО;Сообщество;Вид сообщества;Роль;Уровень;Начало",
            "Маршрутова Анна Ивановна;РМО учителей русского языка;РМО;руководитель;муниципальный;01.09.2025",
        ],
    );
    for round in 0..2 {
        for (file, kind) in
            [(&routes, ImportKind::Routes), (&expert, ImportKind::ExpertWork), (&communities, ImportKind::Communities)]
        {
            let (plan, w) = import::load(&mut store, file, kind);
            assert!(plan.plan.unused.is_empty(), "{kind:?}: {:?}", plan.plan.unused);
            if round == 1 {
                assert_eq!((w.created, w.updated), (0, 0), "{kind:?}: the second time changes nothing");
            }
        }
    }
    let data = store.load().expect("load");
    assert_eq!(data.routes.len(), 1, "two rows, one route");
    let route = &data.routes[0];
    assert_eq!((route.start, route.end), (d("01.10.2025"), Some(d("31.05.2026"))));
    assert_eq!(route.deficits, ["методические", "цифровые"]);
    assert_eq!(route.steps.len(), 2);
    assert_eq!(
        (route.steps[0].kind, route.steps[0].status, route.steps[0].done),
        (StepKind::Course, StepStatus::Done, Some(d("10.12.2025")))
    );
    assert_eq!(
        (route.steps[1].kind, route.steps[1].status, route.steps[1].planned),
        (StepKind::OpenLesson, StepStatus::Planned, Some(d("20.03.2026")))
    );
    assert_eq!(data.expert_works.len(), 1);
    let e = &data.expert_works[0];
    assert_eq!(
        (e.role.as_str(), e.description.as_str(), e.level, e.end),
        ("эксперт ОГЭ", "русский язык", Level::Regional, Some(d("30.06.2026")))
    );
    assert_eq!(data.communities.len(), 1);
    let c = &data.communities[0];
    assert_eq!(
        (c.kind, c.role, c.level, c.start),
        (CommunityKind::MunicipalAssociation, CommunityRole::Leader, Level::Municipal, d("01.09.2025"))
    );
}
