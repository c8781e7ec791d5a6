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
