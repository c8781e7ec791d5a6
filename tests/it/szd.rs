//! СЗД paperwork (issue 25: «СЗД paperwork (приказ № 196): the schedule of attestation for СЗД, the
//! employer's представление per teacher …, the выписка из протокола»): the schedule lists whom the rule
//! has due in the year — the same rule as the attestation plan — with the 30 days' notice; the extract
//! prints the commission's decision as recorded.

use crate::support::*;
use uchrost::app::reports::{self, ReportKind, ReportRequest};
use uchrost::domain::*;
use uchrost::report::{Block, Cell};
use uchrost::storage::{Change, HistoryMode};

fn today() -> chrono::NaiveDate {
    d("23.11.2026")
}

/// Who is on the schedule of 2026/2027 and when, case by case: an СЗД ending in the year (due the day
/// after), none ever with years in the position (due now: the attestation 30 days on), less than two years
/// in the position ending in the year (listed) or after it (not), a valid category (not), an open
/// childcare leave (not). Each listed teacher's year is the attestation plan's year for them.
#[test]
fn the_szd_schedule_lists_whom_the_rule_has_due_in_the_year() {
    let (dir, path, mut store) = school_db();
    let cases: [(&str, &str, &str, Option<&str>); 6] = [
        // name, hired, case, an СЗД or category decision
        ("Аникина", "01.09.2015", "szd_ends", Some("01.03.2022")),
        ("Белова", "01.09.2015", "never", None),
        ("Вершинина", "01.09.2025", "new_after", None),
        ("Галкина", "01.01.2025", "new_within", None),
        ("Дёмина", "01.09.2010", "category", Some("15.03.2024")),
        ("Егорова", "01.09.2012", "leave", None),
    ];
    let mut records: Vec<AnyRecord> = Vec::new();
    let mut ids = std::collections::HashMap::new();
    for (name, hired, case, decision) in cases {
        let p = person(name, "10.01.1985", "01.09.2008");
        ids.insert(case, p.id);
        records.push(p.clone().into());
        records.push(employment(p.id, hired, None).into());
        match (case, decision) {
            ("szd_ends", Some(date)) => {
                let mut a = attestation(p.id, Category::PositionConformity, date);
                a.position = "учитель".into();
                a.order_number = "17-к".into();
                a.order_date = Some(d("05.03.2022"));
                records.push(a.into());
            }
            ("category", Some(date)) => records.push(attestation(p.id, Category::Highest, date).into()),
            ("leave", _) => records.push(absence(p.id, AbsenceKind::ChildCare, "01.02.2026", None).into()),
            _ => {}
        }
    }
    store.apply("набор", records.into_iter().map(Change::Put).collect(), today(), HistoryMode::Record).expect("write");
    let data = store.load().expect("load");
    let settings = store.rule_settings().expect("settings");
    let year = SchoolYear(2026);
    let rows = plans::szd_schedule(&data, year, today(), &settings);
    let got: Vec<(PersonId, chrono::NaiveDate, chrono::NaiveDate, chrono::NaiveDate)> =
        rows.iter().map(|r| (r.person, r.due, r.planned, r.acquaint_by)).collect();
    assert_eq!(
        got,
        [
            (ids["never"], d("01.09.2017"), d("23.12.2026"), today()),
            (ids["new_within"], d("01.01.2027"), d("01.01.2027"), d("02.12.2026")),
            (ids["szd_ends"], d("01.03.2027"), d("01.03.2027"), d("30.01.2027")),
        ],
        "{rows:#?}"
    );
    assert_eq!(rows[2].last_szd, Some(d("01.03.2022")));
    assert_eq!(rows[1].position_since, Some(d("01.01.2025")));
    // The attestation plan puts each of them in this school year.
    let plan = plans::attestation_plan(&data, today(), &settings);
    for r in &rows {
        let line = plan.iter().find(|x| x.person == r.person).expect("in the plan");
        assert_eq!(line.year, Some(year), "{}", r.name);
    }

    // The document: approved, landscape, a row each with the 30 days' notice; printed by the command line.
    let own = store.own_org().clone();
    let mut req = ReportRequest::new(ReportKind::SzdSchedule, today());
    req.year = year;
    let r = reports::build(&data, &settings, &own, &req).expect("the schedule");
    assert!(r.approval.is_some() && r.landscape);
    assert_eq!(r.period, "на 2026/2027 учебный год");
    let table = r.blocks.iter().find_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).expect("a table");
    assert_eq!(table.rows.len(), 3);
    assert_eq!(table.rows[2][4], Cell::Date(d("01.03.2022")));
    assert_eq!(table.rows[0][4], Cell::text("—"));
    assert_eq!(table.rows[0][5], Cell::Date(d("01.09.2017")), "due since then: overdue");
    assert_eq!(table.rows[2][7], Cell::Date(d("30.01.2027")));
    store.close().expect("close");
    let pdf = dir.path().join("график.pdf");
    let db = path.to_str().expect("utf-8");
    let (code, text) = uchrost(&[
        "report",
        "--db",
        db,
        "--kind",
        "szd-schedule",
        "--year",
        "2026",
        "--today",
        "23.11.2026",
        "--out",
        pdf.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, Some(0), "{text}");
    let text = crate::reports::pdf_text_of(&pdf);
    for must in [
        "График аттестации педагогических работников",
        "Подлежат аттестации: 3 человека.",
        "Срок аттестации уже наступил (1 человек)",
        "Аникина",
        "30.01.2027",
    ] {
        assert!(text.contains(must), "«{must}» in\n{text}");
    }
    assert!(!text.contains("Дёмина") && !text.contains("Вершинина") && !text.contains("Егорова"), "{text}");
}

/// The extract: the commission of the school, the decision's day, the position recorded, the decision,
/// the employer's order, its term; the chair and the secretary sign, the teacher is acquainted. One with no
/// СЗД decision is refused with her name.
#[test]
fn the_szd_extract_prints_the_commissions_decision() {
    let (_dir, _path, mut store) = school_db();
    let p = person("Аникина", "10.01.1985", "01.09.2008");
    let q = person("Белова", "10.01.1985", "01.09.2008");
    let mut a = attestation(p.id, Category::PositionConformity, "01.03.2022");
    a.position = "учитель".into();
    a.order_number = "17-к".into();
    a.order_date = Some(d("05.03.2022"));
    store
        .apply(
            "набор",
            vec![Change::Put(p.clone().into()), Change::Put(q.clone().into()), Change::Put(a.into())],
            today(),
            HistoryMode::Record,
        )
        .expect("write");
    let data = store.load().expect("load");
    let settings = store.rule_settings().expect("settings");
    let own = store.own_org().clone();
    let mut req = ReportRequest::new(ReportKind::SzdExtract(p.id), today());
    req.approver = "И. И. Председателева".into();
    req.signer = "С. С. Секретарёва".into();
    let r = reports::build(&data, &settings, &own, &req).expect("the extract");
    assert_eq!(r.title, "Выписка из протокола заседания аттестационной комиссии: Аникина Анна Ивановна");
    let text: Vec<String> =
        r.blocks.iter().filter_map(|b| if let Block::Paragraph(t) = b { Some(t.clone()) } else { None }).collect();
    let text = text.join("\n");
    for must in [
        "Заседание аттестационной комиссии МОУ СОШ № 7 от 01.03.2022, протокол № ______.",
        "Решили: Аникина Анна Ивановна, учитель — соответствует занимаемой должности «учитель».",
        "Приказ работодателя от 05.03.2022: № 17-к.",
        "Решение действует по 28.02.2027.",
    ] {
        assert!(text.contains(must), "«{must}» in\n{text}");
    }
    let Some(Block::Signatures(signs)) = r.blocks.last() else { panic!("signatures last") };
    let signs: Vec<(&str, &str)> = signs.iter().map(|s| (s.position.as_str(), s.name.as_str())).collect();
    assert_eq!(
        signs,
        [
            ("Председатель аттестационной комиссии", "И. И. Председателева"),
            ("Секретарь аттестационной комиссии", "С. С. Секретарёва"),
            ("С выпиской ознакомлен(а)", "А. И. Аникина"),
        ]
    );
    req.kind = ReportKind::SzdExtract(q.id);
    let err = reports::build(&data, &settings, &own, &req).expect_err("no decision");
    assert!(err.to_string().contains("Белова Анна Ивановна: решения об аттестации в целях подтверждения соответствия занимаемой должности в учёте нет"), "{err}");
}
