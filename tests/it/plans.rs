//! The registers' rows and the new school year, as pure functions of hand-built records.

use crate::support::*;
use uchrost::domain::plans::{new_school_year, route_board};
use uchrost::domain::*;

#[test]
fn route_progress_counts_steps_done_of_steps_due() {
    let p = person("Маршрутова", "10.01.1985", "01.09.2008");
    let mut data = Dataset::default();
    data.routes.push(route(
        p.id,
        "01.09.2026",
        "31.08.2027",
        vec![
            step("один", StepKind::Seminar, "01.10.2026", StepStatus::Done),
            step("два", StepKind::Seminar, "01.11.2026", StepStatus::Planned),
            step("три", StepKind::Seminar, "01.03.2027", StepStatus::Planned),
        ],
    ));
    data.persons.push(p);
    let rows = route_board(&data, d("23.11.2026"));
    assert_eq!(rows.len(), 1);
    // (done, due, total, overdue): «два» is due and overdue, «три» is not due yet.
    assert_eq!((rows[0].done, rows[0].due, rows[0].total, rows[0].overdue), (1, 2, 3, 1));
    assert_eq!(rows[0].on_schedule(), Some(0.5), "one of the two due");
    assert_eq!(rows[0].completion(), Some(1.0 / 3.0), "one of three: «Выполнение» is of all the steps");
    // A route whose steps are all ahead is 0 % done, never 100 %; nothing is due, so no schedule yet.
    let mut planned = data.clone();
    planned.routes[0].steps.iter_mut().for_each(|s| s.status = StepStatus::Planned);
    let ahead = route_board(&planned, d("15.09.2026"));
    assert_eq!((ahead[0].done, ahead[0].due, ahead[0].completion(), ahead[0].on_schedule()), (0, 0, Some(0.0), None));
}

#[test]
fn the_new_year_copies_assignments_skips_who_left_and_closes_ended_routes() {
    let stays = person("Остающаяся", "10.01.1985", "01.09.2008");
    let leaves = person("Уходящая", "10.01.1985", "01.09.2008");
    let mut data = Dataset::default();
    for (p, end) in [(&stays, None), (&leaves, Some("30.06.2027"))] {
        data.employments.push(employment(p.id, "01.09.2020", end));
        data.assignments.push(Assignment {
            id: AssignmentId::new(),
            author: org(),
            person: p.id,
            year: SchoolYear(2026),
            positions: vec!["учитель".into()],
            subjects: vec![],
            load_hours: 20.0,
        });
    }
    data.routes.push(route(
        stays.id,
        "01.09.2026",
        "30.06.2027",
        vec![step("один", StepKind::Seminar, "01.10.2026", StepStatus::Done)],
    ));
    data.routes.push(route(
        leaves.id,
        "01.09.2026",
        "30.06.2027",
        vec![step("один", StepKind::Seminar, "01.10.2026", StepStatus::Planned)],
    ));
    data.persons.extend([stays.clone(), leaves]);
    let plan = new_school_year(&data, SchoolYear(2026));
    assert_eq!(plan.to, SchoolYear(2027));
    assert_eq!(plan.copies.len(), 1);
    assert_eq!(
        (plan.copies[0].person, plan.copies[0].year, plan.copies[0].load_hours),
        (stays.id, SchoolYear(2027), 20.0)
    );
    let statuses: Vec<RouteStatus> = plan.closed_routes.iter().map(|r| r.status).collect();
    assert_eq!(statuses, vec![RouteStatus::Completed, RouteStatus::Failed]);
    // Run again after the copies were made: nothing is copied twice.
    data.assignments.extend(plan.copies);
    assert!(new_school_year(&data, SchoolYear(2026)).copies.is_empty());
}

/// An order as the attestation plan prints it (issue 24).
#[test]
fn an_order_reads_as_a_line() {
    use uchrost::domain::plans::order_text;
    for (number, date, line) in [
        ("12", Some("10.04.2024"), "приказ № 12 от 10.04.2024"),
        ("№ 12-к", Some("10.04.2024"), "приказ № 12-к от 10.04.2024"),
        ("12", None, "приказ № 12"),
        ("  ", Some("10.04.2024"), "приказ от 10.04.2024"),
        ("", None, ""),
    ] {
        assert_eq!(order_text(number, date.map(d)), line);
    }
}

/// The teachers' requests are summed by direction for the course plan (issue 25: «Запросы педагогов on
/// directions of ПК … collected per teacher and summarised for the course plan»; seed 000): a direction
/// written in another case or with other spaces is the same, a teacher asking twice counts once, a request
/// older than a year is not counted, the most asked first; the course plan prints the same table.
#[test]
fn the_teachers_requests_are_summed_by_direction_for_the_course_plan() {
    let mut data = Dataset::default();
    let (a, b, c) = (
        person("Алексеева", "01.01.1980", "01.09.2005"),
        person("Борисова", "01.01.1985", "01.09.2010"),
        person("Васильева", "01.01.1990", "01.09.2015"),
    );
    let ask = |who: PersonId, date: &str, direction: &str| Request {
        id: RequestId::new(),
        author: org(),
        person: who,
        date: d(date),
        direction: direction.into(),
        form: "курсы".into(),
        note: String::new(),
    };
    data.requests.extend([
        ask(a.id, "10.10.2026", "Формирующее оценивание"),
        ask(b.id, "11.10.2026", "  формирующее   оценивание "),
        ask(a.id, "12.10.2026", "формирующее оценивание"),
        ask(c.id, "01.02.2026", "Работа с детьми с ОВЗ"),
        ask(c.id, "22.11.2025", "цифровая образовательная среда"),
    ]);
    for p in [&a, &b, &c] {
        data.employments.push(employment(p.id, "01.09.2015", None));
    }
    data.persons.extend([a.clone(), b.clone(), c.clone()]);
    let summed = plans::requests_by_direction(&data, d("23.11.2026"));
    assert_eq!(
        summed,
        vec![
            ("Формирующее оценивание".to_string(), vec![a.id, b.id]),
            ("Работа с детьми с ОВЗ".to_string(), vec![c.id]),
        ],
        "a year back from 23.11.2026: the request of 22.11.2025 is out"
    );
    let own = Organisation::new(org(), OrgRole::School, "Школа", "001");
    data.organisations.push(own.clone());
    let mut req =
        uchrost::app::reports::ReportRequest::new(uchrost::app::reports::ReportKind::CoursePlan, d("23.11.2026"));
    req.today = d("23.11.2026");
    let r = uchrost::app::reports::build(&data, &RuleSettings::default(), &own, &req).expect("builds");
    let t = r.tables().find(|t| t.sheet == "Запросы").expect("the requests' table");
    assert_eq!(t.rows[0][0], uchrost::report::Cell::text("Формирующее оценивание"));
    assert_eq!(t.rows[0][1], uchrost::report::Cell::People(2));
    assert_eq!(t.rows[0][2], uchrost::report::Cell::text(format!("{}, {}", a.full_name(), b.full_name())));
}
