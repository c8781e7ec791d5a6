//! Methodological associations and nomination lists (issue 25: «Методические объединения … the association
//! as a record with its head, members, plan of meetings, meetings with attendance and topics; its plan and
//! its yearly report as documents»; «Planned participation: nomination lists for a diagnostic, a course or a
//! contest (001 «списки педагогов для участия в оценке предметных компетенций», «направление на
//! обучение»), which become participations when done»).

use crate::support::*;
use egui_kittest::kittest::Queryable;
use uchrost::app::reports::{self, ReportKind, ReportRequest};
use uchrost::domain::labels::OrderKind;
use uchrost::domain::*;
use uchrost::report::{Block, Cell};
use uchrost::storage::{Change, DiskMode, HistoryMode, Store};

fn today() -> chrono::NaiveDate {
    d("23.11.2026")
}

type Window = egui_kittest::Harness<'static, uchrost::ui::UchrostApp>;

/// A demo school of 12 teachers (the seed given) opened in the window at 1366 × `height`.
fn demo_window(seed: u64, height: f32) -> (tempfile::TempDir, std::path::PathBuf, Window) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("s.db");
    let mut store = uchrost::app::create_school(&path, "МОУ СОШ № 4", "004", DiskMode::Local).expect("school");
    uchrost::app::fill_school_demo(&mut store, 12, seed, today()).expect("demo");
    store.close().expect("close");
    let app = uchrost::ui::UchrostApp::new(
        uchrost::app::paths::DbLocation { path: path.clone(), mode: DiskMode::Local },
        today(),
    );
    let h = harness_of(app, 1366.0, height);
    (dir, path, h)
}

/// Clicks the widget labelled `label` (wherever it is scrolled) and lets the window settle.
fn click(h: &mut Window, label: &str) {
    h.get_by_label(label).click_accesskit();
    crate::indicators_screen::settle(h);
}

fn membership(person: PersonId, name: &str, role: CommunityRole, start: &str, end: Option<&str>) -> Community {
    Community {
        id: CommunityId::new(),
        author: org(),
        person,
        name: name.into(),
        kind: CommunityKind::SchoolAssociation,
        role,
        level: Level::School,
        start: d(start),
        end: end.map(d),
    }
}

fn meeting(a: AssociationId, date: &str, topic: &str, held: bool) -> Meeting {
    Meeting {
        id: MeetingId::new(),
        author: org(),
        org: org(),
        association: a,
        date: d(date),
        topic: topic.into(),
        speakers: "Петрова А. И.".into(),
        held,
        decisions: if held { "Провести открытые уроки".into() } else { String::new() },
        group: GroupId::new(),
    }
}

fn tables(r: &uchrost::report::Report) -> Vec<&uchrost::report::Table> {
    r.blocks.iter().filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).collect()
}

fn texts(r: &uchrost::report::Report) -> String {
    r.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(t) | Block::Heading(_, t) => Some(t.clone()),
            Block::List(items) => Some(items.join("\n")),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Members are the memberships of the association's name (case, spaces and ё aside) that overlap the
/// year — the head first; a membership ended before the year is not one; attendance is the participations
/// entered with the meeting, and marking it again replaces them (one added, one taken away) and marks the
/// meeting held. The plan lists the meetings of the year with who is responsible; the report counts the
/// meetings held against the plan, each one's attendance of the members, and each member's year.
#[test]
fn an_association_has_its_members_meetings_attendance_plan_and_report() {
    let (_dir, _path, mut store) = school_db();
    let name = "ШМО учителей начальных классов";
    let head = person("Петрова", "10.01.1980", "01.09.2003");
    let second = person("Соколова", "10.01.1985", "01.09.2008");
    let third = person("Зайцева", "10.01.1995", "01.09.2018");
    let left = person("Ушедшая", "10.01.1970", "01.09.1995");
    let a = Association {
        id: AssociationId::new(),
        author: org(),
        org: org(),
        name: name.into(),
        kind: CommunityKind::SchoolAssociation,
        level: Level::School,
        theme: "Формирующее оценивание на уроке".into(),
        tasks: "Освоить приёмы формирующего оценивания\nОбобщить опыт".into(),
    };
    let held = meeting(a.id, "15.10.2026", "Анализ диагностики\nПлан открытых уроков", true);
    let planned = meeting(a.id, "20.01.2027", "Открытые уроки: итоги", false);
    let last_year = meeting(a.id, "20.01.2026", "Прошлый год", true);
    let mut records: Vec<AnyRecord> = Vec::new();
    for p in [&head, &second, &third, &left] {
        records.push(p.clone().into());
        records.push(employment(p.id, "01.09.2015", None).into());
    }
    records.extend([
        membership(head.id, "шмо учителей  начальных классов", CommunityRole::Leader, "01.09.2020", None).into(),
        membership(second.id, name, CommunityRole::Member, "01.09.2021", None).into(),
        membership(third.id, "ШМО учителей начальных классов", CommunityRole::Member, "01.09.2026", None).into(),
        membership(left.id, name, CommunityRole::Member, "01.09.2020", Some("31.05.2026")).into(),
        membership(third.id, "ШМО учителей математики", CommunityRole::Member, "01.09.2026", None).into(),
        a.clone().into(),
        held.clone().into(),
        planned.clone().into(),
        last_year.clone().into(),
    ]);
    store.apply("набор", records.into_iter().map(Change::Put).collect(), today(), HistoryMode::Record).expect("write");
    let data = store.load().expect("load");
    let year = SchoolYear(2026);
    let members = associations::members(&data, &a, year.period());
    let names: Vec<&str> = members.iter().map(|m| m.full_name.as_str()).collect();
    assert_eq!(names, ["Петрова Анна Ивановна", "Зайцева Анна Ивановна", "Соколова Анна Ивановна"], "head first");
    assert_eq!(associations::heads(&members).len(), 1);
    let meetings = associations::meetings(&data, a.id, year);
    assert_eq!(meetings.iter().map(|m| m.date).collect::<Vec<_>>(), [d("15.10.2026"), d("20.01.2027")]);

    // Attendance: two present, then one of them replaced by the third.
    let (puts, deletes) = associations::attendance_changes(&data, &a, &held, &[head.id, second.id], org());
    assert!(deletes.is_empty());
    assert_eq!(puts.len(), 2, "two participations; the meeting is held already");
    for r in &puts {
        let AnyRecord::Event(e) = r else { panic!("a participation: {r:?}") };
        assert_eq!(
            (e.kind, e.date, e.title.as_str(), e.level, e.role, e.group),
            (EventKind::AssociationMeeting, held.date, name, Level::School, EventRole::Participant, Some(held.group))
        );
    }
    let changes: Vec<Change> = puts.into_iter().map(Change::Put).collect();
    store.apply("присутствие", changes, today(), HistoryMode::Record).expect("write");
    let data = store.load().expect("load");
    assert_eq!(associations::attended(&data, &held), {
        let mut v = vec![head.id, second.id];
        v.sort();
        v
    });
    let (puts, deletes) = associations::attendance_changes(&data, &a, &held, &[head.id, third.id], org());
    assert_eq!((puts.len(), deletes.len()), (1, 1), "Зайцева added, Соколова taken away");
    let changes = puts.into_iter().map(Change::Put).chain(deletes.into_iter().map(|(k, id)| Change::Delete(k, id)));
    store.apply("присутствие", changes.collect(), today(), HistoryMode::Record).expect("write");
    let data = store.load().expect("load");
    assert_eq!(associations::attended(&data, &held).len(), 2);
    assert!(!associations::attended(&data, &held).contains(&second.id));
    // A planned meeting marked with someone present becomes held.
    let (puts, _) = associations::attendance_changes(&data, &a, &planned, &[head.id], org());
    assert!(puts.iter().any(|r| matches!(r, AnyRecord::Meeting(m) if m.held && m.id == planned.id)));

    // Renamed: its memberships (all four of its name, whenever) and its attendance follow; one of another
    // organisation's stays as that organisation wrote it.
    let renamed = Association { name: "ШМО учителей начальной школы".into(), ..a.clone() };
    let follow = associations::following(&data, &renamed);
    let memberships: Vec<&Community> =
        follow.iter().filter_map(|r| if let AnyRecord::Community(c) = r { Some(c) } else { None }).collect();
    assert_eq!(memberships.len(), 4);
    assert!(memberships.iter().all(|c| c.name == renamed.name));
    let attendance = follow.iter().filter(|r| matches!(r, AnyRecord::Event(e) if e.title == renamed.name)).count();
    assert_eq!(attendance, 2);
    let mut foreign = data.clone();
    for c in foreign.communities.iter_mut().filter(|c| c.person == left.id) {
        c.author = OrgId(uuid::Uuid::from_u128(99));
    }
    assert_eq!(
        associations::following(&foreign, &renamed).iter().filter(|r| matches!(r, AnyRecord::Community(_))).count(),
        3
    );
    assert!(associations::following(&data, &a).is_empty(), "unchanged: nothing follows");

    // The plan.
    let settings = store.rule_settings().expect("settings");
    let own = store.own_org().clone();
    let mut req = ReportRequest::new(ReportKind::AssociationPlan, today());
    req.year = year;
    req.event = "шмо учителей начальных классов".into();
    let plan = reports::build(&data, &settings, &own, &req).expect("the plan builds");
    assert_eq!(plan.period, "на 2026/2027 учебный год");
    assert!(plan.approval.is_some(), "a plan is approved by the director");
    let text = texts(&plan);
    for must in [
        "Методическая тема: «Формирующее оценивание на уроке».",
        "Руководитель: Петрова Анна Ивановна.",
        "Состав: 3 человека.",
        "Обобщить опыт",
    ] {
        assert!(text.contains(must), "«{must}» in\n{text}");
    }
    let t = tables(&plan);
    assert_eq!(t[0].title, "План заседаний");
    assert_eq!(t[0].rows.len(), 2, "this year's two meetings, not last year's");
    assert_eq!(t[0].rows[0][1], Cell::Date(d("15.10.2026")));
    assert_eq!(t[0].rows[0][2], Cell::text("1. Анализ диагностики\n2. План открытых уроков"));
    assert_eq!(t[0].rows[0][3], Cell::text("Петрова А. И."));
    assert_eq!(t[1].title, "Состав объединения");
    assert_eq!(t[1].rows[0][4], Cell::text("руководитель"));

    // The report.
    req.kind = ReportKind::AssociationReport;
    let r = reports::build(&data, &settings, &own, &req).expect("the report builds");
    let text = texts(&r);
    assert!(text.contains("проведено заседаний: 1 из 2 запланированных"), "{text}");
    assert!(text.contains("Средняя посещаемость заседаний — 66,7 %"), "2 of 3 members: {text}");
    assert!(text.contains("20.01.2027 — Открытые уроки: итоги"), "the one not held is named: {text}");
    assert!(
        text.contains("Запланированы после 23.11.2026") && !text.contains("Не проведены"),
        "a meeting still to come is not one missed: {text}"
    );
    // Counted at the year's end it is one not held.
    let mut at_end = req.clone();
    at_end.today = year.last_day();
    let r_end = reports::build(&data, &settings, &own, &at_end).expect("the report at the year's end");
    assert!(texts(&r_end).contains("Не проведены (или не отмечены как проведённые)"), "{}", texts(&r_end));
    let t = tables(&r);
    assert_eq!(t[0].rows.len(), 1, "held meetings only");
    assert_eq!(t[0].rows[0][3], Cell::Ratio(2, 3));
    assert_eq!(t[0].rows[0][4], Cell::text("Провести открытые уроки"));
    let visits: Vec<(String, Cell)> = t[1]
        .rows
        .iter()
        .map(|row| (if let Cell::Text(n) = &row[1] { n.clone() } else { String::new() }, row[2].clone()))
        .collect();
    assert_eq!(visits[0], ("Петрова Анна Ивановна".to_string(), Cell::Ratio(1, 1)));
    assert_eq!(visits[2], ("Соколова Анна Ивановна".to_string(), Cell::Ratio(0, 1)));
    // The members' list; an association not there is said so.
    req.kind = ReportKind::AssociationMembers;
    let m = reports::build(&data, &settings, &own, &req).expect("the members");
    assert_eq!(tables(&m)[0].rows.len(), 3);
    req.event = "РМО физиков".into();
    let err = reports::build(&data, &settings, &own, &req).expect_err("no such association");
    assert!(err.to_string().contains("методического объединения «РМО физиков» нет"), "{err}");
}

/// The deputy head keeps an association in the window, adds the staff to it at once, plans a meeting,
/// marks who came, and prints the yearly report from the command line: the members are memberships of its
/// name, attendance the participations of the meeting, and the report counts them.
#[test]
fn the_deputy_head_keeps_an_association_in_the_window() {
    let (dir, path, mut h) = demo_window(5, 900.0);
    click(&mut h, "Методические объединения");
    // The demo's: one per ШМО its teachers belong to.
    h.get_all_by_label_contains("(ШМО, школьный) — руководитель:").next().expect("the demo's associations");
    click(&mut h, "Добавить объединение");
    let name = "ШМО учителей естественных наук";
    type_into(&mut h, "Название", name);
    type_into(&mut h, "Методическая тема", "Исследовательская деятельность на уроке");
    click(&mut h, "Сохранить");
    h.get_by_label_contains("методическое объединение: сохранено");
    h.get_by_label_contains(&format!("{name} (ШМО, школьный) — руководитель: не назначен; 0 участников"));
    click(&mut h, "Добавить участников…");
    h.get_by_label_contains("Отметить показанных").click();
    crate::indicators_screen::settle(&mut h);
    click(&mut h, "Включить в состав");
    let (employed, staff) = {
        let session = h.state().session().expect("open");
        let data = session.data();
        let members = data.communities.iter().filter(|c| c.name == name).count();
        let names: Vec<(PersonId, String)> = data
            .persons
            .iter()
            .filter(|p| data.communities.iter().any(|c| c.name == name && c.person == p.id))
            .map(|p| (p.id, p.full_name()))
            .collect();
        (members, names)
    };
    assert!(employed >= 10, "the staff joined: {employed}");
    h.get_by_label_contains(&format!("В состав «{name}»"));
    click(&mut h, "Добавить заседание");
    type_into(&mut h, "Дата", "15.10.2026");
    type_into(&mut h, "Тема, вопросы (по вопросу на строку)", "Анализ диагностики");
    click(&mut h, "Сохранить");
    h.get_by_label_contains("15.10.2026 — Анализ диагностики (по плану)");
    click(&mut h, "Присутствовали…");
    for (_, n) in &staff[..2] {
        h.get_by_role_and_label(egui::accesskit::Role::CheckBox, n).click_accesskit();
        h.run();
    }
    click(&mut h, "Записать присутствие");
    h.get_by_label_contains(&format!("(проведено; присутствовали 2 из {employed})"));
    {
        let session = h.state().session().expect("open");
        let data = session.data();
        let m = data.meetings.iter().find(|m| m.topic == "Анализ диагностики").expect("her meeting");
        assert!(m.held);
        let mut present = associations::attended(data, m);
        present.sort();
        let mut expected = vec![staff[0].0, staff[1].0];
        expected.sort();
        assert_eq!(present, expected);
    }
    // A meeting entered by mistake: deleted with its attendance in one action, after a second «yes».
    click(&mut h, "Добавить заседание");
    type_into(&mut h, "Дата", "16.10.2026");
    type_into(&mut h, "Тема, вопросы (по вопросу на строку)", "Ошибочное заседание");
    click(&mut h, "Сохранить");
    let mistaken = |h: &Window| {
        h.state().session().expect("open").data().meetings.iter().find(|m| m.topic == "Ошибочное заседание").cloned()
    };
    let wrong = mistaken(&h).expect("kept");
    let before = h.state().session().expect("open").data().events.len();
    h.get_all_by_label("Присутствовали…").nth(1).expect("the second meeting's").click_accesskit();
    crate::indicators_screen::settle(&mut h);
    h.get_by_role_and_label(egui::accesskit::Role::CheckBox, &staff[0].1).click_accesskit();
    h.run();
    click(&mut h, "Записать присутствие");
    assert_eq!(h.state().session().expect("open").data().events.len(), before + 1);
    h.get_all_by_label("Удалить").nth(1).expect("the second meeting's delete").click_accesskit();
    crate::indicators_screen::settle(&mut h);
    assert!(mistaken(&h).is_some(), "not before the second «yes»");
    click(&mut h, "Да, удалить");
    h.get_by_label_contains("Удалено заседание 16.10.2026");
    assert!(mistaken(&h).is_none());
    {
        let session = h.state().session().expect("open");
        let data = session.data();
        assert!(!data.events.iter().any(|e| e.group == Some(wrong.group)), "its attendance went with it");
        assert_eq!(data.events.len(), before, "the other meeting's attendance stays");
    }
    drop(h);
    let out = dir.path().join("отчёт.pdf");
    let (code, text) = uchrost(&[
        "report",
        "--db",
        path.to_str().expect("utf-8"),
        "--kind",
        "association-report",
        "--association",
        name,
        "--year",
        "2026",
        "--today",
        "23.11.2026",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, Some(0), "{text}");
    let text = crate::reports::pdf_text_of(&out);
    for must in [
        "Отчёт о работе методического объединения",
        "проведено заседаний: 1 из 1",
        "Анализ диагностики",
        &format!("2 / {employed}"),
    ] {
        assert!(text.contains(must), "«{must}» in the printed report:\n{text}");
    }
}

fn nomination(person: PersonId, group: GroupId, kind: NominationKind, title: &str) -> Nomination {
    Nomination {
        id: NominationId::new(),
        author: org(),
        person,
        group: Some(group),
        kind,
        title: title.into(),
        date: d("01.02.2027"),
        end: Some(d("15.02.2027")),
        level: Level::Regional,
        provider: "ИРО".into(),
        hours: 72,
        done: false,
    }
}

/// A list becomes the participations of those who took part — a course with the list's title, provider,
/// hours and dates, nothing invented (no document, no final assessment); a contest entry «участник»; a
/// diagnostic of the ЦНППМ at the regional level — and their nominations done; one absent stays nominated;
/// one who has the course recorded already gets no second. The order «о направлении на курсы» names each
/// course list as a point with its people as sub-points; the list prints with who took part.
#[test]
fn nomination_lists_become_participations_an_order_and_a_list() {
    let (_dir, _path, mut store) = school_db();
    let people: Vec<Person> =
        ["Алексеева", "Борисова", "Васильева"].iter().map(|n| person(n, "10.01.1985", "01.09.2008")).collect();
    let mut records: Vec<AnyRecord> = Vec::new();
    for p in &people {
        records.push(p.clone().into());
        records.push(employment(p.id, "01.09.2015", None).into());
    }
    let g = GroupId::new();
    let title = "Формирующее оценивание на уроке";
    for p in &people {
        records.push(nomination(p.id, g, NominationKind::Course, title).into());
    }
    // Васильева has the course already (entered by hand).
    let mut had = course(people[2].id, "15.02.2027");
    had.title = "формирующее  оценивание на уроке".into();
    records.push(had.into());
    let g2 = GroupId::new();
    records.push(nomination(people[0].id, g2, NominationKind::Diagnostic, "Оценка предметных компетенций").into());
    store.apply("набор", records.into_iter().map(Change::Put).collect(), today(), HistoryMode::Record).expect("write");
    let data = store.load().expect("load");
    let lists = nominations::lists(&data);
    assert_eq!(lists.len(), 2);
    let list = nominations::find(&lists, "ФОРМИРУЮЩЕЕ оценивание на уроке").expect("the course list");
    assert_eq!(list.nominations.len(), 3);
    assert_eq!(list.line(), "курсы повышения квалификации «Формирующее оценивание на уроке», 01.02.2027 – 15.02.2027");

    // The order drafted from the lists of the year.
    let settings = store.rule_settings().expect("settings");
    let own = store.own_org().clone();
    let o = orders::draft(OrderKind::Courses, &data, &settings, &own, SchoolYear(2026), today());
    let lines: Vec<&str> = o.points.lines().collect();
    assert_eq!(
        lines[0],
        "1. Направить на обучение по дополнительной профессиональной программе повышения квалификации «Формирующее оценивание на уроке» (ИРО, 72 ч, с 01.02.2027 по 15.02.2027):"
    );
    assert_eq!(lines[1], "1.1. Алексеева Анна Ивановна.");
    assert_eq!(lines[3], "1.3. Васильева Анна Ивановна.");
    assert!(lines[4].starts_with("2. Педагогам по окончании обучения"), "{lines:?}");

    // Алексеева and Васильева took part; Борисова did not.
    let taken = nominations::take_place(&data, list, &[people[0].id, people[2].id], own.id);
    let courses: Vec<&Course> =
        taken.iter().filter_map(|r| if let AnyRecord::Course(c) = r { Some(c) } else { None }).collect();
    assert_eq!(courses.len(), 1, "Васильева had hers: no second");
    let c = courses[0];
    assert_eq!(
        (c.person, c.title.as_str(), c.provider.as_str(), c.hours, c.start, c.end, c.kind),
        (people[0].id, title, "ИРО", 72, Some(d("01.02.2027")), d("15.02.2027"), CourseKind::Upgrade)
    );
    assert_eq!((c.final_assessment_passed, c.document_number.as_str(), c.document_date), (None, "", None));
    let done: Vec<PersonId> = taken
        .iter()
        .filter_map(|r| if let AnyRecord::Nomination(n) = r { n.done.then_some(n.person) } else { None })
        .collect();
    assert_eq!(done, [people[0].id, people[2].id]);
    store
        .apply("состоялось", taken.into_iter().map(Change::Put).collect(), today(), HistoryMode::Record)
        .expect("write");
    let data = store.load().expect("load");
    let lists = nominations::lists(&data);
    let list = nominations::find(&lists, title).expect("the list");
    assert!(!list.done(), "Борисова's stays to be marked");
    assert!(nominations::take_place(&data, list, &[people[0].id], own.id).is_empty(), "nothing twice");
    // The diagnostic at the regional level is the ЦНППМ's.
    let diag = nominations::find(&lists, "Оценка предметных компетенций").expect("the diagnostic list");
    let taken = nominations::take_place(&data, diag, &[people[0].id], own.id);
    assert!(
        matches!(&taken[0], AnyRecord::Diagnostic(x) if x.kind == DiagnosticKind::SubjectCompetence && x.level.is_none() && x.date == d("01.02.2027")),
        "{taken:?}"
    );

    // The list printed.
    let mut req = ReportRequest::new(ReportKind::Nominated, today());
    req.year = SchoolYear(2026);
    req.event = title.into();
    let r = reports::build(&data, &settings, &own, &req).expect("the list");
    assert_eq!(r.title, "Список педагогических работников, выдвинутых для участия: курсы повышения квалификации");
    let text = texts(&r);
    assert!(text.contains("сроки: с 01.02.2027 по 15.02.2027; проводит: ИРО; объём: 72 часа."), "{text}");
    assert!(text.contains("Выдвинуто: 3 человека."), "{text}");
    let t = tables(&r);
    let marks: Vec<&Cell> = t[0].rows.iter().map(|row| &row[5]).collect();
    assert_eq!(marks, [&Cell::text("участие записано"), &Cell::text(""), &Cell::text("участие записано")]);
}

/// In the window: the deputy head makes a list in «Групповая запись» (the kind «выдвижение на участие»,
/// three teachers ticked), then marks it taken place for two of them — their courses appear, the third
/// stays nominated.
#[test]
fn a_nomination_list_is_made_and_taken_place_in_the_window() {
    let (_dir, _path, mut h) = demo_window(6, 1000.0);
    click(&mut h, "Групповая запись");
    click(&mut h, "выдвижение на участие");
    let title = "Цифровые инструменты учителя";
    type_into(&mut h, "Название", title);
    type_into(&mut h, "Дата (начало)", "01.12.2026");
    type_into(&mut h, "Окончание", "10.12.2026");
    type_into(&mut h, "Часы (для курсов)", "36");
    let names: Vec<(PersonId, String)> = {
        let session = h.state().session().expect("open");
        let data = session.data();
        let mut v: Vec<(PersonId, String)> = data
            .persons
            .iter()
            .filter(|p| data.employments.iter().any(|e| e.person == p.id && e.end.is_none()))
            .map(|p| (p.id, p.full_name()))
            .collect();
        v.sort_by(|a, b| a.1.cmp(&b.1));
        v.truncate(3);
        v
    };
    for (_, n) in &names {
        h.get_by_role_and_label(egui::accesskit::Role::CheckBox, n).click_accesskit();
        h.run();
    }
    click(&mut h, "Сохранить");
    h.get_by_label_contains("Записано для 3 педагогов");
    h.get_by_label_contains(&format!("курсы повышения квалификации «{title}», 01.12.2026 – 10.12.2026"));
    // The demo's list (next month) first, hers after it.
    h.get_all_by_label("Состоялось: записать участие…").last().expect("her list").click_accesskit();
    crate::indicators_screen::settle(&mut h);
    // Under «Отметьте тех, кто принял участие» every one is ticked: untick the third.
    let boxes: Vec<_> = h.get_all_by_role_and_label(egui::accesskit::Role::CheckBox, &names[2].1).collect();
    boxes.last().expect("the list's box").click_accesskit();
    h.run();
    click(&mut h, "Записать участие");
    h.get_by_label_contains("Участие записано для 2 педагогов");
    let session = h.state().session().expect("open");
    let data = session.data();
    let courses: Vec<&Course> = data.courses.iter().filter(|c| c.title == title).collect();
    assert_eq!(courses.len(), 2);
    assert!(courses.iter().all(|c| c.hours == 36 && c.end == d("10.12.2026") && c.start == Some(d("01.12.2026"))));
    let mut with: Vec<PersonId> = courses.iter().map(|c| c.person).collect();
    with.sort();
    let mut expected = vec![names[0].0, names[1].0];
    expected.sort();
    assert_eq!(with, expected);
    let open: Vec<PersonId> =
        data.nominations.iter().filter(|n| !n.done && n.title == title).map(|n| n.person).collect();
    assert_eq!(open, [names[2].0], "the third stays nominated");
    // The list deleted, after a second «yes»: its nominations go, the courses recorded stay.
    h.get_all_by_label("Удалить список").last().expect("her list's delete").click_accesskit();
    crate::indicators_screen::settle(&mut h);
    click(&mut h, "Да, удалить список");
    h.get_by_label_contains(&format!("Удалён список выдвинутых «{title}»"));
    let data = h.state().session().expect("open").data();
    assert!(!data.nominations.iter().any(|n| n.title == title));
    assert_eq!(data.courses.iter().filter(|c| c.title == title).count(), 2, "the participations are facts: they stay");
}

/// `import-sheet --kind nominations`: rows of one kind, title and date make one list; a row whose «на что»
/// is not understood is refused with its row and column, and nothing is written.
#[test]
fn a_nomination_sheet_becomes_lists() {
    let (_dir, path, store) = school_db();
    let mut store = store;
    let a = person("Алексеева", "10.01.1985", "01.09.2008");
    let b = person("Борисова", "10.01.1986", "01.09.2009");
    store
        .apply("люди", vec![Change::Put(a.clone().into()), Change::Put(b.clone().into())], today(), HistoryMode::Record)
        .expect("write");
    store.close().expect("close");
    let run = |csv: &str| import_csv(&path, "nominations", csv);
    let head = "ФИО;На что выдвинут;Название;Дата начала;Дата окончания;Уровень;Организация;Часы\n";
    let bad = format!(
        "{head}Алексеева Анна Ивановна;курсы;Формирующее оценивание;01.02.2027;15.02.2027;региональный;ИРО;72\n\
         Борисова Анна Ивановна;стажировка в школе;Формирующее оценивание;01.02.2027;;;;\n"
    );
    let (code, text) = run(&bad);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("не понятно, на что выдвинут"), "{text}");
    assert!(Store::open(&path, DiskMode::Local).expect("open").load().expect("load").nominations.is_empty());
    let good = format!(
        "{head}Алексеева Анна Ивановна;курсы;Формирующее оценивание;01.02.2027;15.02.2027;региональный;ИРО;72\n\
         Борисова Анна Ивановна;курсы ПК;Формирующее оценивание;01.02.2027;15.02.2027;региональный;ИРО;72\n\
         Борисова Анна Ивановна;конкурс;Учитель года;10.03.2027;;муниципальный;;\n"
    );
    let (code, text) = run(&good);
    assert_eq!(code, Some(0), "{text}");
    let data = Store::open(&path, DiskMode::Local).expect("open").load().expect("load");
    assert_eq!(data.nominations.len(), 3);
    let lists = nominations::lists(&data);
    assert_eq!(lists.len(), 2);
    let course = nominations::find(&lists, "Формирующее оценивание").expect("the course list");
    assert_eq!((course.nominations.len(), course.hours, course.provider.as_str()), (2, 72, "ИРО"));
    let contest = nominations::find(&lists, "Учитель года").expect("the contest list");
    assert_eq!((contest.kind, contest.level), (NominationKind::Contest, Level::Municipal));
}

/// `import-sheet --kind meetings`: the association made once for its rows, each meeting with its topic
/// (questions split at «;»), decisions and who came; the same sheet again changes nothing; a name not in
/// the database or people «present» at a meeting yet to come refuse the sheet, nothing written.
#[test]
fn meetings_and_attendance_are_imported_from_a_sheet() {
    let (_dir, path, mut store) = school_db();
    let a = person("Алексеева", "10.01.1985", "01.09.2008");
    let b = person("Борисова", "10.01.1986", "01.09.2009");
    store
        .apply("люди", vec![Change::Put(a.clone().into()), Change::Put(b.clone().into())], today(), HistoryMode::Record)
        .expect("write");
    store.close().expect("close");
    let run = |csv: &str| import_csv(&path, "meetings", csv);
    let load = || Store::open(&path, DiskMode::Local).expect("open").load().expect("load");
    let head = "Объединение;Дата;Тема, вопросы;Решения;Присутствовали\n";
    let bad = format!(
        "{head}ШМО начальных классов;05.10.2026;Итоги диагностики;;\"Алексеева Анна Ивановна; Сидорова Мария Петровна\"\n"
    );
    let (code, text) = run(&bad);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("Сидорова Мария Петровна — нет в базе"), "{text}");
    let future = format!("{head}ШМО начальных классов;20.01.2027;Открытые уроки;;Алексеева Анна Ивановна\n");
    let (code, text) = run(&future);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("ещё не состоялось"), "{text}");
    assert!(load().associations.is_empty() && load().meetings.is_empty(), "nothing written");
    let good = format!(
        "{head}ШМО начальных классов;05.10.2026;\"Итоги диагностики; маршруты\";Составить ИОМ;\"Алексеева Анна Ивановна; Борисова Анна Ивановна\"\n\
         шмо начальных  классов;10.11.2026;Открытые уроки;;Борисова Анна Ивановна\n\
         ШМО начальных классов;20.01.2027;Формирующее оценивание;;\n"
    );
    let (code, text) = run(&good);
    assert_eq!(code, Some(0), "{text}");
    let data = load();
    assert_eq!(data.associations.len(), 1, "one association for its rows");
    let assoc = &data.associations[0];
    assert_eq!((assoc.kind, assoc.level), (CommunityKind::SchoolAssociation, Level::School));
    let mut meetings: Vec<&Meeting> = data.meetings.iter().collect();
    meetings.sort_by_key(|m| m.date);
    assert_eq!(meetings.len(), 3);
    assert_eq!(meetings[0].topic, "Итоги диагностики\nмаршруты");
    assert_eq!(meetings[0].decisions, "Составить ИОМ");
    assert_eq!((meetings[0].held, meetings[2].held), (true, false), "a meeting to come is planned");
    assert_eq!(associations::attended(&data, meetings[0]).len(), 2);
    assert_eq!(associations::attended(&data, meetings[1]), [b.id]);
    let (code, text) = run(&good);
    assert_eq!(code, Some(0), "{text}");
    let again = load();
    assert_eq!((again.meetings.len(), again.events.len()), (3, 3), "the same sheet again changes nothing");
}

/// `uchrost nominations`: the lists with who is on them; `--done` records the participations of those not
/// named absent and marks their nominations; a second run has nothing to record; an «absent» not on the
/// list is refused and nothing written.
#[test]
fn a_list_is_taken_place_on_the_command_line() {
    let (_dir, path, mut store) = school_db();
    let people: Vec<Person> =
        ["Алексеева", "Борисова", "Васильева"].iter().map(|n| person(n, "10.01.1985", "01.09.2008")).collect();
    let g = GroupId::new();
    let mut records: Vec<AnyRecord> = people.iter().map(|p| p.clone().into()).collect();
    records.extend(people.iter().map(|p| nomination(p.id, g, NominationKind::Course, "Цифровая школа").into()));
    store.apply("набор", records.into_iter().map(Change::Put).collect(), today(), HistoryMode::Record).expect("write");
    store.close().expect("close");
    let db = path.to_str().expect("utf-8");
    let run = |args: &[&str]| uchrost(&[&["nominations", "--db", db], args].concat());
    let (code, text) = run(&[]);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("курсы повышения квалификации «Цифровая школа», 01.02.2027 – 15.02.2027 — выдвинуто 3"),
        "{text}"
    );
    assert!(text.contains("Борисова Анна Ивановна"), "{text}");
    let (code, text) = run(&["--done", "цифровая школа", "--absent", "Иванова Ирина Петровна"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("«иванова ирина петровна» нет в списке"), "{text}");
    assert!(Store::open(&path, DiskMode::Local).expect("open").load().expect("load").courses.is_empty());
    let (code, text) = run(&["--done", "цифровая школа", "--absent", "Борисова Анна Ивановна"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("участие записано для 2 педагогов"), "{text}");
    let data = Store::open(&path, DiskMode::Local).expect("open").load().expect("load");
    let mut with: Vec<PersonId> = data.courses.iter().map(|c| c.person).collect();
    with.sort();
    let mut expected = vec![people[0].id, people[2].id];
    expected.sort();
    assert_eq!(with, expected);
    assert_eq!(data.nominations.iter().filter(|n| n.done).count(), 2);
    let (code, text) = run(&["--done", "Цифровая школа", "--absent", "Борисова Анна Ивановна"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("записывать нечего"), "{text}");
}
