//! Orders drafted from the records (issue 25: «Приказы drafted from the records, in the usual structure
//! (преамбула «В соответствии с …», ПРИКАЗЫВАЮ, numbered points, responsible persons, контроль, signature)
//! … The text is editable before printing and saved with the document's number and date»): every kind's
//! draft names what the records hold; the methodologist drafts, edits and keeps one in the window and prints
//! it; the command line prints a kept order by its number.

use crate::support::*;
use uchrost::app::reports::{self, ReportKind, ReportRequest};
use uchrost::domain::labels::OrderKind;
use uchrost::domain::*;
use uchrost::storage::{DiskMode, Store};

fn today() -> chrono::NaiveDate {
    d("23.11.2026")
}

fn demo() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("dir");
    let mut store =
        uchrost::app::create_school(&dir.path().join("s.db"), "МОУ СОШ № 4", "004", DiskMode::Local).expect("school");
    uchrost::app::fill_school_demo(&mut store, 40, 2, today()).expect("demo");
    (dir, store)
}

/// Each draft: its title names the year, the preamble begins as orders begin, the points are numbered,
/// the last hands the control to the deputy head, and the people and facts in the points are the year's
/// records — the pairs, the diagnosed with deficits, the teachers due for courses (the course plan's),
/// the contests, the experts, the measures.
#[test]
fn every_drafted_order_names_what_the_records_hold() {
    let (_dir, store) = demo();
    let data = store.load().expect("load");
    let settings = store.rule_settings().expect("settings");
    let own = store.own_org().clone();
    let year = SchoolYear(2026);
    let name = |id: PersonId| data.persons.iter().find(|p| p.id == id).expect("person").full_name();
    let in_year = |date: chrono::NaiveDate| year.first_day() <= date && date <= year.last_day();
    for kind in OrderKind::ALL.iter().copied().filter(|k| *k != OrderKind::Other && !k.is_letter()) {
        let o = orders::draft(kind, &data, &settings, &own, year, today());
        assert_eq!((o.kind, o.org, o.date), (kind, own.id, today()));
        assert!(o.title.starts_with("О"), "{kind:?}: «{}»", o.title);
        assert!(!o.preamble.is_empty(), "{kind:?}: a preamble");
        // The points themselves, not their sub-points («1.2. …»): digits, a dot, a space.
        let points: Vec<&str> = o
            .points
            .lines()
            .filter(|l| l.split_once(". ").is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())))
            .collect();
        for (i, p) in points.iter().enumerate() {
            assert!(p.starts_with(&format!("{}. ", i + 1)), "{kind:?}: point {} numbered: «{p}»", i + 1);
        }
        assert_eq!(
            points.last().copied(),
            Some(
                format!("{}. Контроль за исполнением приказа возложить на заместителя директора по УВР.", points.len())
                    .as_str()
            ),
            "{kind:?}"
        );
        assert_eq!(o.signer_position, "Директор");
        let listed = |who: &str| o.points.contains(who);
        match kind {
            OrderKind::Mentors => {
                let pairs: Vec<&Mentorship> = data
                    .mentorships
                    .iter()
                    .filter(|m| m.start <= year.last_day() && m.end.is_none_or(|e| e >= year.first_day()))
                    .collect();
                assert!(!pairs.is_empty(), "the demo has pairs this year");
                for m in pairs {
                    let mentor = m.mentor.map(name).unwrap_or_else(|| m.mentor_name.clone());
                    assert!(listed(&format!("{} — наставник {mentor}", name(m.mentee))), "{}", name(m.mentee));
                }
                assert!(o.title.contains("2026/2027"));
            }
            OrderKind::DiagnosticResults => {
                let mut people: Vec<PersonId> =
                    data.diagnostics.iter().filter(|x| in_year(x.date)).map(|x| x.person).collect();
                people.sort();
                people.dedup();
                assert!(
                    o.points.contains(&format!("диагностику прошли {}", ru::teachers(people.len() as u64))),
                    "{}",
                    o.points
                );
                for x in data.diagnostics.iter().filter(|x| in_year(x.date) && !x.deficits.is_empty()) {
                    assert!(listed(&name(x.person)), "{} has deficits", name(x.person));
                }
            }
            // The year's course list (seed 001: «направление на обучение») when there is one, else the
            // teachers the course plan has due.
            OrderKind::Courses => {
                let lists: Vec<_> = nominations::lists(&data)
                    .into_iter()
                    .filter(|l| l.kind == NominationKind::Course && in_year(l.date))
                    .collect();
                assert_eq!(lists.len(), 1, "the demo nominates three for courses next month");
                for n in &lists[0].nominations {
                    assert!(listed(&name(n.person)), "{} is nominated", name(n.person));
                }
                assert!(o.points.contains(&format!("«{}»", lists[0].title)), "{}", o.points);
                assert_eq!(
                    o.points.lines().filter(|l| l.starts_with("1.")).count(),
                    lists[0].nominations.len() + 1,
                    "a sub-point each"
                );
                // Without the list: the teachers due.
                let mut without = data.clone();
                without.nominations.clear();
                let o = orders::draft(kind, &without, &settings, &own, year, today());
                let due: Vec<_> = plans::course_plan(&data, today(), &settings).into_iter().filter(|r| r.due).collect();
                assert!(!due.is_empty());
                for r in &due {
                    assert!(o.points.contains(&r.name), "{} is due", r.name);
                }
                assert_eq!(o.points.lines().filter(|l| l.starts_with("1.")).count(), due.len() + 1, "a sub-point each");
            }
            OrderKind::Routes => {
                for r in data
                    .routes
                    .iter()
                    .filter(|r| r.start <= year.last_day() && r.end.is_none_or(|e| e >= year.first_day()))
                {
                    assert!(listed(&name(r.person)));
                }
            }
            OrderKind::EventResults => {
                for c in data.contests.iter().filter(|c| in_year(c.date)) {
                    assert!(listed(&format!("{} — «{}»", name(c.person), c.name)));
                }
            }
            OrderKind::Appointments => {
                for e in data
                    .expert_works
                    .iter()
                    .filter(|e| e.date <= year.last_day() && e.end.is_none_or(|x| x >= year.first_day()))
                {
                    assert!(listed(&name(e.person)));
                }
            }
            OrderKind::Effectiveness => assert!(o.points.starts_with("1. Провести анализ эффективности мер")),
            OrderKind::Other | OrderKind::LetterMonitoring | OrderKind::LetterEvent => {}
        }
        uchrost::domain::validation::validate(&AnyRecord::Order(o.clone()), today())
            .expect("a draft is a valid record");
    }
}

/// The deputy head drafts «о закреплении наставников», gives it its number, keeps it, and prints it from
/// «Отчёты»: the PDF is the order as kept — «ПРИКАЗ», «от … № 45», the title, «ПРИКАЗЫВАЮ:», her added
/// point, the director's signature — with no «Дата составления». The command line prints it by number.
#[test]
fn an_order_is_drafted_edited_kept_and_printed() {
    use egui_kittest::kittest::Queryable;
    let (dir, store) = demo();
    let path = dir.path().join("s.db");
    store.close().expect("close");
    let pdf = dir.path().join("приказ.pdf");
    let dialogs = uchrost::ui::dialogs::QueuedDialogs::default();
    dialogs.save.borrow_mut().push_back(pdf.clone());
    let app = uchrost::ui::UchrostApp::new(
        uchrost::app::paths::DbLocation { path: path.clone(), mode: DiskMode::Local },
        today(),
    )
    .with_dialogs(Box::new(dialogs));
    let mut h = harness_of(app, 1366.0, 900.0);
    let click = |h: &mut egui_kittest::Harness<'static, uchrost::ui::UchrostApp>, label: &str| {
        h.get_by_label(label).click();
        crate::indicators_screen::settle(h);
    };
    click(&mut h, "Цикл мониторинга");
    click(&mut h, "Приказы");
    click(&mut h, "Составить по учёту");
    h.get_by_label_contains("Новый приказ");
    type_into(&mut h, "№ приказа", "45");
    let points = h.state().session().expect("open").data().mentorships.len();
    assert!(points > 0);
    // Her own point after the drafted ones: the draft's text (the same the form shows) and one line more.
    let draft = {
        let session = h.state().session().expect("open");
        orders::draft(OrderKind::Mentors, session.data(), session.settings(), session.org(), SchoolYear(2026), today())
    };
    let field = "Пункты после «ПРИКАЗЫВАЮ» (по пункту на строку)";
    type_into(&mut h, field, &format!("{}\n5. Приказ довести до сведения педагогов под подпись.", draft.points));
    type_into(&mut h, "Подписывает (И. О. Фамилия)", "О. П. Директорова");
    click(&mut h, "Сохранить");
    assert_eq!(h.state().session().expect("open").data().orders.len(), 1, "the order is kept");
    h.get_by_label_contains("О закреплении наставников в 2026/2027 учебном году");
    click(&mut h, "Отчёты");
    h.get_by_label_contains("Приказ (составленный").click_accesskit();
    crate::indicators_screen::settle(&mut h);
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Приказ").click();
    crate::indicators_screen::settle(&mut h);
    h.get_by_label_contains("от 23.11.2026 № 45").click_accesskit();
    crate::indicators_screen::settle(&mut h);
    h.get_by_label("Сохранить PDF…").click_accesskit();
    crate::indicators_screen::settle(&mut h);
    h.get_by_label_contains("Отчёт записан:");
    drop(h);
    let text = crate::reports::pdf_text_of(&pdf);
    for must in [
        "ПРИКАЗ",
        "от 23.11.2026 № 45",
        "О закреплении наставников в 2026/2027 учебном году",
        "ПРИКАЗЫВАЮ:",
        "5. Приказ довести до сведения педагогов под подпись.",
        "Директор",
        "О. П. Директорова",
    ] {
        assert!(text.contains(must), "«{must}» in the printed order:\n{text}");
    }
    assert!(!text.contains("Дата составления"), "an order carries its date in «от … №»");
    let store = Store::open(&path, DiskMode::Local).expect("open");
    let data = store.load().expect("load");
    assert_eq!(data.orders.len(), 1);
    assert_eq!((data.orders[0].number.as_str(), data.orders[0].kind), ("45", OrderKind::Mentors));
    // The command line: by number, and a clear refusal for one not kept.
    let req = ReportRequest::new(ReportKind::Order(data.orders[0].id), today());
    let r = reports::build(&data, &store.rule_settings().expect("settings"), store.own_org(), &req).expect("builds");
    assert_eq!((r.title.as_str(), r.period.as_str(), r.made_line), ("ПРИКАЗ", "от 23.11.2026 № 45", false));
    store.close().expect("close");
    let run = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_uchrost")).args(args).output().expect("run");
        (o.status.code(), String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr))
    };
    let db = path.to_str().expect("utf-8");
    let out = dir.path().join("45.docx");
    let (code, text) =
        run(&["report", "--db", db, "--kind", "order", "--order", "45", "--out", out.to_str().expect("utf-8")]);
    assert_eq!(code, Some(0), "{text}");
    assert!(out.exists());
    let (code, text) = run(&["report", "--db", db, "--kind", "order", "--order", "999", "--out", "x.pdf"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("приказа «999» нет в базе"), "{text}");
    // `uchrost order` drafts and keeps one by the records; a number taken is refused, nothing written.
    let (code, text) = run(&["order", "--db", db, "--kind", "courses", "--number", "46", "--date", "02.09.2026"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("Сохранён Приказ от 02.09.2026 № 46 «О направлении на курсы повышения квалификации в 2026/2027 учебном году»"), "{text}");
    let (code, text) = run(&["order", "--db", db, "--kind", "mentors", "--number", "45"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("приказ № 45 уже есть в базе"), "{text}");
    let (code, text) = run(&["order", "--db", db, "--kind", "приказ", "--number", "47"]);
    assert_eq!(code, Some(2), "{text}");
    let store = Store::open(&path, DiskMode::Local).expect("open");
    let numbers: Vec<String> = store.load().expect("load").orders.iter().map(|o| o.number.clone()).collect();
    assert_eq!(numbers.len(), 2, "{numbers:?}");
    assert!(numbers.contains(&"46".to_string()));
    let history = store.history(None, 3).expect("history");
    assert!(
        history.iter().any(|e| e.description.contains("Составлен Приказ от 02.09.2026 № 46")),
        "undoable like any change"
    );
}

/// A letter of the methodologist (seed 001: «Письмо о проведении мониторинга», апрель – май): drafted from
/// the schedule's words, kept with its number, printed as a letter — the addressee at the top right, «от … №
/// …», the subject, «Уважаемые коллеги!», the deadline in May, the signature — never as «ПРИКАЗ».
#[test]
fn a_letter_is_printed_as_a_letter() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("m.db");
    let mut m = uchrost::app::create_municipality(&path, "Северный район", "01", DiskMode::Local).expect("m");
    uchrost::app::fill_municipal_demo(&mut m, 2, 3, today()).expect("demo");
    m.close().expect("close");
    let run = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_uchrost")).args(args).output().expect("run");
        (o.status.code(), String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr))
    };
    let db = path.to_str().expect("utf-8");
    let (code, text) =
        run(&["order", "--db", db, "--kind", "letter_monitoring", "--number", "01-12/345", "--date", "01.04.2027"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains(
            "Сохранён Письмо от 01.04.2027 № 01-12/345 «О проведении мониторинга профессиональных дефицитов»"
        ),
        "{text}"
    );
    let pdf = dir.path().join("письмо.pdf");
    let (code, text) =
        run(&["report", "--db", db, "--kind", "order", "--order", "01-12/345", "--out", pdf.to_str().expect("utf-8")]);
    assert_eq!(code, Some(0), "{text}");
    let text = crate::reports::pdf_text_of(&pdf);
    for must in [
        "Руководителям образовательных организаций",
        "от 01.04.2027 № 01-12/345",
        "О проведении мониторинга профессиональных дефицитов",
        "Уважаемые коллеги!",
        "в апреле – мае проводится мониторинг профессиональных дефицитов",
        "до 20.05.2027",
    ] {
        assert!(text.contains(must), "«{must}» in the letter:\n{text}");
    }
    assert!(!text.contains("ПРИКАЗ") && !text.contains("Дата составления"), "a letter, not an order:\n{text}");
}
