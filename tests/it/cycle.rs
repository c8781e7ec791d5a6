//! The monitoring cycle walked once on demo data: a goal with two indicators and targets, an analysis that
//! finds an indicator below its target, a recommendation addressed to a school that arrives there in the
//! municipal package, a measure with participants, a decision, and an effectiveness record with the
//! indicator before and after; the cycle document holds each of them.

use crate::support::d;
use uchrost::app::exchange::{self, ExportTarget};
use uchrost::app::reports::{self, ReportKind, ReportRequest};
use uchrost::domain::cycle;
use uchrost::domain::labels::{Addressee, DocumentKind, EventKind, EventRole, Level};
use uchrost::domain::*;
use uchrost::report::{self, Block, Cell, Format};
use uchrost::storage::{DiskMode, Store};

fn today() -> chrono::NaiveDate {
    d("23.11.2026")
}

fn put(store: &mut Store, r: impl Into<AnyRecord>) {
    store.put("цикл", r.into(), today()).expect("stored");
}

fn text_of(r: &report::Report) -> String {
    let mut out = String::new();
    for b in &r.blocks {
        match b {
            Block::Table(t) => {
                for row in &t.rows {
                    for c in row {
                        out.push_str(&c.display());
                        out.push('\n');
                    }
                }
            }
            Block::List(items) => items.iter().for_each(|i| out.push_str(i)),
            Block::Paragraph(p) | Block::Heading(_, p) => out.push_str(p),
            _ => {}
        }
    }
    out
}

#[test]
fn one_whole_cycle_from_goal_to_effect() {
    let dir = tempfile::tempdir().expect("dir");
    // A school that sends its package, and a municipality that merges it.
    let mut mun = uchrost::app::create_municipality(&dir.path().join("m.db"), "Северный район", "01", DiskMode::Local)
        .expect("m");
    let mut school =
        uchrost::app::create_school(&dir.path().join("s.db"), "МОУ СОШ № 4", "004", DiskMode::Local).expect("school");
    uchrost::app::fill_school_demo(&mut school, 30, 4, today()).expect("demo");
    let card = exchange::own_card(&mut mun).expect("card").to_text();
    exchange::take_card(&mut school, &card).expect("card");
    let up = dir.path().join("s-1.uchpkg");
    exchange::export(&mut school, &up, ExportTarget::Upward, false, today()).expect("export");
    let out = exchange::import(&mut mun, &[&up], false, true, today()).expect("import");
    assert_eq!(out[0].result, exchange::ACCEPTED);
    let own = mun.own_org().id;
    let school_id = school.own_org().id;
    let year = SchoolYear(2025);

    // 1. A goal with two indicators, a base value and targets per year (seed 002's plan as targets).
    let goal = Goal {
        base: vec![BaseValue { indicator: "course_3y".into(), year: SchoolYear(2021), value: 55.0 }],
        indicators: vec!["course_3y".into(), "diag_done".into()],
        title: "Повышение профессионального мастерства педагогических работников".into(),
        justification: "Недостатки предметной подготовки по итогам оценочных процедур".into(),
        regional_goal: "Соответствует цели региональной программы".into(),
        from: SchoolYear(2022),
        to: SchoolYear(2026),
        ..match cycle::blank(RecordKind::Goal, own, today()) {
            AnyRecord::Goal(g) => g,
            _ => unreachable!("a goal"),
        }
    };
    put(&mut mun, goal.clone());
    for (indicator, value) in [("course_3y", 99.0), ("diag_done", 99.0)] {
        put(&mut mun, Target { id: TargetId::new(), author: own, org: own, indicator: indicator.into(), year, value });
    }
    // 2. The analysis finds the indicators below their targets (the targets are out of reach on purpose).
    let data = mun.load().expect("load");
    let settings = RuleSettings::default();
    let proposed = cycle::propose_findings(&data, &settings, own, year, today());
    let below = proposed
        .iter()
        .find(|f| f.indicator == "course_3y" && f.scope == "all")
        .expect("course_3y below its target is found")
        .clone();
    assert!(below.text.contains("цель не достигнута"), "{}", below.text);
    let finding =
        Finding { factors: "Недостаточное финансирование курсов".into(), ..below };
    put(&mut mun, finding.clone());
    // 3. A recommendation addressed to the school, answering the finding.
    let rec = Recommendation {
        id: RecommendationId::new(),
        author: own,
        org: school_id,
        year,
        addressee: Addressee::School,
        finding: Some(finding.id),
        text: "Включить учителей без курсов за 3 года в план повышения квалификации".into(),
        due: Some(d("31.12.2026")),
    };
    put(&mut mun, rec.clone());
    // 4. A measure that is an event, with participants recorded as events.
    let people: Vec<PersonId> = data.persons.iter().filter(|p| p.pedagogical).take(3).map(|p| p.id).collect();
    for p in &people {
        put(
            &mut mun,
            Event {
                id: EventId::new(),
                author: own,
                person: *p,
                group: None,
                title: "Семинар по функциональной грамотности".into(),
                kind: EventKind::Seminar,
                date: d("15.03.2026"),
                level: Level::Municipal,
                role: EventRole::Participant,
            },
        );
    }
    let measure = Measure {
        title: "Муниципальный семинар по функциональной грамотности".into(),
        document_kind: DocumentKind::Order,
        document: "№ 112 от 01.03.2026".into(),
        start: Some(d("01.03.2026")),
        end: Some(d("31.03.2026")),
        responsible: "ММЦ, методист Иванова Т. П.".into(),
        event: "Семинар по функциональной грамотности".into(),
        finding: Some(finding.id),
        indicators: vec!["course_3y".into()],
        year,
        ..match cycle::blank(RecordKind::Measure, own, today()) {
            AnyRecord::Measure(m) => m,
            _ => unreachable!("a measure"),
        }
    };
    put(&mut mun, measure.clone());
    let data = mun.load().expect("load");
    let mut expected = people.clone();
    expected.sort();
    assert_eq!(cycle::participants(&data, &measure), expected, "the measure's participants are its events' people");
    // 5. A decision; 6. the effect, with the indicator before and after.
    put(
        &mut mun,
        Decision {
            id: DecisionId::new(),
            author: own,
            org: own,
            year,
            what: "Классифицировать школы по уровню квалификации педагогического состава".into(),
            by_whom: "Управление образования".into(),
            date: d("15.08.2026"),
            document: "приказ № 140".into(),
            finding: Some(finding.id),
            measure: Some(measure.id),
        },
    );
    put(
        &mut mun,
        Effect {
            id: EffectId::new(),
            author: own,
            org: own,
            measure: measure.id,
            year,
            conclusion: "Охват курсами вырос, цель не достигнута".into(),
            corrections: "Снизить цель 2026/2027 до реалистичной".into(),
        },
    );
    let data = mun.load().expect("load");
    let ba = cycle::before_after(&data, &settings, &measure, today());
    let values = |y: SchoolYear| {
        uchrost::domain::indicators::compute(
            &data,
            uchrost::domain::indicators::Window::school_year(y, today()),
            &settings,
            uchrost::domain::indicators::Breakdown::None,
        )
        .into_iter()
        .find(|v| v.id == "course_3y" && v.scope == "all")
        .and_then(|v| v.percent())
    };
    assert_eq!(ba.len(), 1);
    assert_eq!(
        (ba[0].before, ba[0].after),
        (values(SchoolYear(2024)), values(year)),
        "before = 2024/25, after = 2025/26"
    );

    // The cycle document holds each part.
    let mut req = ReportRequest::new(ReportKind::Cycle, today());
    req.year = year;
    let doc = reports::build(&data, &settings, mun.own_org(), &req).expect("builds");
    let text = text_of(&doc);
    for part in [
        goal.title.as_str(),
        "прошедших повышение квалификации за последние 3 года",
        finding.factors.as_str(),
        rec.text.as_str(),
        measure.title.as_str(),
        "участников по учёту: 3",
        "Классифицировать школы",
        "Снизить цель 2026/2027",
        "→",
    ] {
        assert!(text.contains(part), "«{part}» in the cycle document");
    }
    let sheets: Vec<&str> = doc.tables().map(|t| t.sheet.as_str()).collect();
    assert_eq!(
        sheets,
        ["Цели", "Показатели", "Мониторинг", "Анализ", "Рекомендации", "Меры", "Решения", "Эффективность"]
    );
    let goal_row = &doc.tables().nth(1).expect("indicators").rows[0];
    assert_eq!(goal_row[1], Cell::text("55,0 (2021/2022)"), "the base value");
    assert_eq!(goal_row[5], Cell::text("не достигнуто"));
    for format in [Format::Pdf, Format::Xlsx, Format::Docx] {
        report::render(&doc, format).expect("renders");
    }

    // The recommendation addressed to the school travels to it in the municipal package, and only it.
    let back = dir.path().join("m-1.uchpkg");
    exchange::export(&mut mun, &back, ExportTarget::BackTo(school_id), false, today()).expect("export back");
    let out = exchange::import(&mut school, &[&back], false, false, today()).expect("import at the school");
    assert_eq!(out[0].result, exchange::ACCEPTED, "{}", out[0].message);
    let at_school = school.load().expect("load");
    assert_eq!(at_school.recommendations, vec![rec.clone()], "the recommendation arrived, with its author");
    assert!(at_school.goals.is_empty() && at_school.findings.is_empty() && at_school.measures.is_empty());
    // At the school the cycle document shows it.
    let mut req = ReportRequest::new(ReportKind::Cycle, today());
    req.year = year;
    let doc = reports::build(&at_school, &settings, school.own_org(), &req).expect("builds");
    assert!(text_of(&doc).contains(&rec.text));
}

/// The schedule reads months and deadlines as the regulations write them (seed 001: «апрель-май»,
/// «декабрь, май», «сентябрь - июнь», «ежеквартально», «1 полутодие - до 20 декабря , 2 полутодие - до 1
/// июня»), each case with what it must give.
#[test]
fn the_schedule_reads_months_and_deadlines_as_written() {
    for (when, months, deadlines) in [
        ("апрель-май", vec![4, 5], vec![]),
        ("апрель – май", vec![4, 5], vec![]),
        ("декабрь, май", vec![5, 12], vec![]),
        ("сентябрь - июнь", vec![1, 2, 3, 4, 5, 6, 9, 10, 11, 12], vec![]),
        ("июнь - август", vec![6, 7, 8], vec![]),
        ("Апрель-май 2022", vec![4, 5], vec![]),
        ("ежеквартально", vec![3, 6, 9, 12], vec![]),
        ("2 раза в год: сентябрь, май", vec![5, 9], vec![]),
        ("1 полутодие - до 20 декабря , 2 полутодие - до 1 июня", vec![6, 12], vec![(20, 12), (1, 6)]),
        ("до 31 марта", vec![3], vec![(31, 3)]),
        ("до 31 февраля", vec![2], vec![]),
        ("мастер-классы весь год", vec![], vec![]),
        ("", vec![], vec![]),
    ] {
        assert_eq!(cycle::months_of(when), months, "«{when}»: months");
        assert_eq!(cycle::deadlines_of(when), deadlines, "«{when}»: deadlines");
    }
}

/// «Сегодня» is reminded of the lines of the month and of a dated deadline 30 days before it (seed 001:
/// training events «1 полугодие — до 20 декабря, 2 полугодие — до 1 июня»; September lists; monitoring
/// of deficits and ИОМ «апрель – май»; mentoring «август – сентябрь»), by the default schedule of a
/// municipality and of a school (seed 004's eight rows).
#[test]
fn the_schedule_reminds_of_the_month_and_of_deadlines() {
    let org = OrgId::new();
    let mun = cycle::default_items(org, false);
    let school = cycle::default_items(org, true);
    assert_eq!(school.len(), 8, "seed 004's eight rows");
    let whats = |due: Vec<cycle::Due>| due.into_iter().map(|d| (d.what, d.deadline)).collect::<Vec<_>>();
    let training = "Координация участия педагогов в обучающих мероприятиях (курсы ПК, семинары, конференции, конкурсы)";
    // 20 November: the deadline of 20 December is 30 days away — reminded, with its date, first.
    let nov20 = whats(cycle::due(&mun, d("20.11.2026")));
    assert_eq!(nov20.first(), Some(&(training.to_string(), Some(d("20.12.2026")))), "{nov20:?}");
    // 19 November: 31 days — not yet; nothing else in November either.
    assert!(whats(cycle::due(&mun, d("19.11.2026"))).is_empty());
    // 21 December: the next deadline is 1 June — not reminded; December's network monitoring is.
    let dec21 = whats(cycle::due(&mun, d("21.12.2026")));
    assert!(!dec21.iter().any(|(w, _)| w == training), "{dec21:?}");
    assert!(dec21.iter().any(|(w, d)| w.contains("руководителей РМО") && d.is_none()));
    // 15 May: the 1 June deadline (17 days) and the April – May monitoring.
    let may15 = whats(cycle::due(&mun, d("15.05.2027")));
    assert_eq!(may15[0], (training.to_string(), Some(d("01.06.2027"))));
    assert!(may15.iter().any(|(w, _)| w.contains("профессиональных дефицитов")));
    // 1 September: the lists for the subject competences, the young teachers' base, mentoring, effectiveness.
    let sep = whats(cycle::due(&mun, d("01.09.2026")));
    for w in [
        "оценке предметных компетенций",
        "молодых педагогов (вновь назначенных)",
        "программ наставничества",
        "эффективности",
    ] {
        assert!(sep.iter().any(|(x, _)| x.contains(w)), "September: {w}");
    }
    assert!(!sep.iter().any(|(x, _)| x.contains("профессиональных дефицитов")), "April – May only");
    // A school in May and in March.
    let may = whats(cycle::due(&school, d("15.05.2026")));
    assert!(may.iter().any(|(w, _)| w.contains("профессиональных компетенций")), "twice a year, in May too");
    assert!(may.iter().any(|(w, _)| w.contains("Аттестация")));
    assert!(cycle::due(&school, d("15.03.2026")).is_empty(), "nothing in March at a school");
}

/// A schedule line must say what and name a month; the organisation's own lines replace the default.
#[test]
fn a_schedule_line_is_validated_and_replaces_the_default() {
    let own = OrgId::new();
    let mut line = match cycle::blank(RecordKind::ScheduleItem, own, today()) {
        AnyRecord::ScheduleItem(x) => x,
        _ => unreachable!("a schedule line"),
    };
    let err =
        uchrost::domain::validation::validate(&AnyRecord::ScheduleItem(line.clone()), today()).expect_err("empty");
    assert!(err.iter().any(|e| e.label == "Что"));
    line.what = "Мониторинг вакансий".into();
    line.when = "летом".into();
    let err =
        uchrost::domain::validation::validate(&AnyRecord::ScheduleItem(line.clone()), today()).expect_err("no month");
    assert!(err.iter().any(|e| e.label == "Когда" && e.message.contains("не назван ни один месяц")), "{err:?}");
    line.when = "июнь – август".into();
    uchrost::domain::validation::validate(&AnyRecord::ScheduleItem(line.clone()), today()).expect("valid");
    let mut data = Dataset::default();
    assert_eq!(cycle::schedule_of(&data, own, false).len(), cycle::default_schedule(false).len());
    data.schedule.push(line.clone());
    let mut other = line.clone();
    other.org = OrgId::new();
    other.id = ScheduleItemId::new();
    data.schedule.push(other);
    assert_eq!(cycle::schedule_of(&data, own, false), vec![line], "only its own lines, the default gone");
}

#[test]
fn cycle_records_are_validated() {
    let own = OrgId::new();
    let mut goal = match cycle::blank(RecordKind::Goal, own, today()) {
        AnyRecord::Goal(g) => g,
        _ => unreachable!("a goal"),
    };
    let err = uchrost::domain::validation::validate(&AnyRecord::Goal(goal.clone()), today()).expect_err("no title");
    assert!(err.iter().any(|e| e.label == "Цель"));
    goal.title = "Цель".into();
    goal.to = SchoolYear(goal.from.0 - 1);
    let err = uchrost::domain::validation::validate(&AnyRecord::Goal(goal), today()).expect_err("backwards");
    assert!(err.iter().any(|e| e.message.contains("кончается раньше")));
    let mut m = match cycle::blank(RecordKind::Measure, own, today()) {
        AnyRecord::Measure(m) => m,
        _ => unreachable!("a measure"),
    };
    m.title = "Семинар".into();
    m.start = Some(d("10.03.2026"));
    m.end = Some(d("01.03.2026"));
    assert!(uchrost::domain::validation::validate(&AnyRecord::Measure(m), today()).is_err());
}

/// The methodologist enters a goal and a measure on the «Цикл мониторинга» screen; both are stored and
/// listed.
#[test]
fn a_goal_and_a_measure_are_entered_through_the_screen() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("m.db");
    let mun = uchrost::app::create_municipality(&path, "Северный район", "01", DiskMode::Local).expect("m");
    mun.close().expect("close");
    let app = uchrost::ui::UchrostApp::new(
        uchrost::app::paths::DbLocation { path: path.clone(), mode: DiskMode::Local },
        today(),
    );
    let mut h = crate::support::harness_of(app, 1366.0, 900.0);
    let click = |h: &mut egui_kittest::Harness<'static, uchrost::ui::UchrostApp>, label: &str| {
        h.get_by_label(label).click();
        h.run();
    };
    // Click into the field, select what is there (a stored target shows), type over it.
    let fill = crate::support::type_into;
    click(&mut h, "Цикл мониторинга");
    click(&mut h, "Добавить: «цель»");
    fill(&mut h, "Цель", "Поддержка молодых педагогов");
    fill(&mut h, "Обоснование", "Закрепление молодых специалистов в профессии");
    fill(&mut h, "Показатели (коды через запятую)", "young_mentor, young_retained");
    click(&mut h, "Сохранить");
    h.get_by_label_contains("Поддержка молодых педагогов");
    // Seed 002's table: the base value and the plan by year.
    let year = SchoolYear::of(today());
    click(&mut h, "План по годам");
    fill(&mut h, "young_mentor Базовое", "40");
    fill(&mut h, &format!("young_mentor {year}"), "75,5");
    fill(&mut h, &format!("young_retained {}", SchoolYear(year.0 + 1)), "много");
    click(&mut h, "Сохранить план");
    h.get_by_label_contains("«много» — не число");
    // Nothing was stored; cancel and enter the plan again.
    click(&mut h, "Отмена");
    click(&mut h, "План по годам");
    fill(&mut h, "young_mentor Базовое", "40");
    fill(&mut h, &format!("young_mentor {year}"), "75,5");
    fill(&mut h, &format!("young_retained {}", SchoolYear(year.0 + 1)), "90");
    click(&mut h, "Сохранить план");
    h.get_by_label_contains("Сохранён план цели");
    click(&mut h, "Меры");
    click(&mut h, "Добавить: «мера (мероприятие)»");
    fill(&mut h, "Мероприятие", "Слёт молодых специалистов");
    fill(&mut h, "Ответственные", "ММЦ");
    click(&mut h, "Сохранить");
    h.get_by_label_contains("Слёт молодых специалистов");
    // A decision points at that measure through the picker.
    click(&mut h, "Решения");
    click(&mut h, "Добавить: «управленческое решение»");
    fill(&mut h, "Решение", "Провести слёт ежегодно");
    click(&mut h, "По мере");
    h.get_by_label("Слёт молодых специалистов").click_accesskit();
    h.run();
    click(&mut h, "Сохранить");
    h.get_by_label_contains("Провести слёт ежегодно");
    drop(h);
    let data = Store::open(&path, DiskMode::Local).expect("open").load().expect("load");
    assert_eq!(data.goals.len(), 1);
    assert_eq!(data.goals[0].indicators, ["young_mentor", "young_retained"]);
    assert_eq!(data.goals[0].base.len(), 1);
    assert_eq!(data.goals[0].base[0].value, 40.0);
    let year = SchoolYear::of(today());
    let target =
        |id: &str, y: SchoolYear| data.targets.iter().find(|t| t.indicator == id && t.year == y).map(|t| t.value);
    assert_eq!(target("young_mentor", year), Some(75.5));
    assert_eq!(target("young_retained", SchoolYear(year.0 + 1)), Some(90.0));
    assert_eq!(data.measures.len(), 1);
    assert_eq!(data.measures[0].responsible, "ММЦ");
    assert_eq!(data.measures[0].year, SchoolYear::of(today()));
    assert_eq!(data.decisions.len(), 1);
    assert_eq!(data.decisions[0].measure, Some(data.measures[0].id), "the picker linked the measure");
}

/// Every finding the app proposes about a school or a cluster is really that far below the whole, and
/// every one about the whole is really below its target.
#[test]
fn proposed_findings_hold_against_the_numbers() {
    use uchrost::domain::indicators::{self, Breakdown, Targets, Window};
    let dir = tempfile::tempdir().expect("dir");
    let mut m = uchrost::app::create_municipality(&dir.path().join("m.db"), "Район", "01", DiskMode::Local).expect("m");
    uchrost::app::fill_municipal_demo(&mut m, 8, 5, today()).expect("demo");
    let data = m.load().expect("load");
    let settings = RuleSettings::default();
    let year = SchoolYear(2025);
    let own = m.own_org().id;
    let found = cycle::propose_findings(&data, &settings, own, year, today());
    assert!(!found.is_empty(), "the demo's targets leave something below");
    let window = Window::school_year(year, today());
    let all =
        indicators::compute_all(&data, window, &settings, &[Breakdown::None, Breakdown::School, Breakdown::Cluster]);
    let value = |id: &str, scope: &str| {
        all.iter().flatten().find(|v| v.id == id && v.scope == scope).and_then(|v| v.percent()).expect("a value")
    };
    let targets = Targets::new(&data);
    let mut kinds = std::collections::BTreeSet::new();
    for f in &found {
        let kind = f.scope.split(':').next().unwrap_or("all").to_string();
        match kind.as_str() {
            "school" | "cluster" => {
                assert!(
                    value(&f.indicator, &f.scope) < value(&f.indicator, "all") - cycle::FAR_BELOW_POINTS,
                    "{}",
                    f.text
                )
            }
            _ if f.text.contains("цель не достигнута") => {
                let (t, _) = targets.get(&f.indicator, year, None).expect("a target");
                assert_eq!(indicators::target_met(&f.indicator, Some(value(&f.indicator, "all")), t), Some(false));
            }
            _ => {}
        }
        kinds.insert(kind);
    }
    assert!(found.iter().all(|f| f.org == own && f.year == year));
    assert!(kinds.contains("all"), "{kinds:?}");
}

/// The methodologist keeps the regulations' schedule, moves a line to another month, adds a dated line of
/// her own, and «Сегодня» reminds her by it (issue 25: «The monitoring schedule is editable (what, when,
/// who), and its default follows the seeds … the dated tasks … appear in «Сегодня» when due»); a line with
/// no month is refused and changes nothing.
#[test]
fn the_schedule_is_kept_edited_and_reminds_today() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("m.db");
    let mut mun = uchrost::app::create_municipality(&path, "Северный район", "01", DiskMode::Local).expect("m");
    uchrost::app::fill_municipal_demo(&mut mun, 2, 3, today()).expect("demo");
    mun.close().expect("close");
    // 25.11.2026: the deadline of 20 December is 25 days away.
    let app = uchrost::ui::UchrostApp::new(
        uchrost::app::paths::DbLocation { path: path.clone(), mode: DiskMode::Local },
        d("25.11.2026"),
    );
    let mut h = crate::support::harness_of(app, 1366.0, 900.0);
    let click = |h: &mut egui_kittest::Harness<'static, uchrost::ui::UchrostApp>, label: &str| {
        h.get_by_label(label).click();
        crate::indicators_screen::settle(h);
    };
    let fill = crate::support::type_into;
    // «Сегодня» already reminds by the default schedule.
    h.get_by_label_contains("до 20.12.2026: Координация участия педагогов в обучающих мероприятиях");
    click(&mut h, "Цикл мониторинга");
    click(&mut h, "График мониторинга");
    h.get_by_label_contains("Свой график ещё не составлен");
    h.get_by_label_contains("• Мониторинг выявления вакансий — июнь – август; методист, руководители ОО");
    click(&mut h, "Взять этот график и изменить");
    h.get_by_label_contains("График мониторинга сохранён");
    // A line of her own, dated; first without a month — refused.
    click(&mut h, "Добавить: «пункт графика мониторинга»");
    fill(&mut h, "Что", "Сбор заявок на муниципальный конкурс «Педагогический дебют»");
    fill(&mut h, "Когда (месяцы, сроки «до 20 декабря»)", "к зиме");
    click(&mut h, "Сохранить");
    h.get_by_label_contains("не назван ни один месяц");
    fill(&mut h, "Когда (месяцы, сроки «до 20 декабря»)", "до 10 декабря");
    fill(&mut h, "Ответственные", "методист ММЦ");
    click(&mut h, "Сохранить");
    h.get_by_label_contains("Сбор заявок на муниципальный конкурс «Педагогический дебют» — до 10 декабря");
    // Back to «Сегодня»: her deadline first (the nearest), then the seed's.
    h.get_by_label_contains("Сегодня (").click();
    crate::indicators_screen::settle(&mut h);
    h.get_by_label_contains(
        "до 10.12.2026: Сбор заявок на муниципальный конкурс «Педагогический дебют» — методист ММЦ",
    );
    h.get_by_label_contains("до 20.12.2026: Координация участия педагогов");
    drop(h);
    let store = Store::open(&path, DiskMode::Local).expect("open");
    let data = store.load().expect("load");
    let own = store.own_org().id;
    let mine: Vec<&ScheduleItem> = data.schedule.iter().filter(|x| x.org == own).collect();
    assert_eq!(mine.len(), cycle::default_schedule(false).len() + 1, "the default kept and one line added");
    assert!(!mine.iter().any(|x| x.when == "к зиме"), "the refused line was not stored");
    // Undoing the addition in the history takes her line away again.
    let history = store.history(None, 5).expect("history");
    assert!(history.iter().any(|e| e.description.contains("пункт графика мониторинга")), "in the history");
}

/// On the command line: `uchrost schedule` lists the schedule and what is due on a day — on a database of
/// the previous schema too (a reading command brings it up to date first instead of refusing it) —
/// `--keep` keeps the regulations' schedule as the organisation's own, once.
#[test]
fn the_command_line_lists_and_keeps_the_schedule() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("m.db");
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v5-municipality.db");
    std::fs::copy(&src, &path).expect("copy the fixture");
    let run = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_uchrost")).args(args).output().expect("run");
        (o.status.code(), String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr))
    };
    let db = path.to_str().expect("utf-8");
    let (code, text) = run(&["schedule", "--db", db, "--on", "25.11.2026"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("График мониторинга (по положению — свой ещё не составлен)"), "{text}");
    assert!(text.contains("до 20.12.2026: Координация участия педагогов в обучающих мероприятиях"), "{text}");
    let (code, text) = run(&["schedule", "--db", db, "--keep", "--on", "15.05.2027"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("График мониторинга (свой)"), "{text}");
    assert!(text.contains("до 01.06.2027: Координация участия педагогов"), "{text}");
    assert!(text.contains("в этом месяце: Мониторинг по выявлению профессиональных дефицитов"), "{text}");
    let (code, text) = run(&["schedule", "--db", db, "--keep"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("свой график уже составлен"), "{text}");
    let store = Store::open(&path, DiskMode::Local).expect("open");
    let own = store.own_org().id;
    let data = store.load().expect("load");
    assert_eq!(data.schedule.iter().filter(|x| x.org == own).count(), cycle::default_schedule(false).len());
    let history = store.history(None, 3).expect("history");
    assert!(history.iter().any(|e| e.description.contains("График мониторинга по положению сохранён как свой")));
}
