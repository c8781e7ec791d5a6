//! Helpers shared by the tests: dates, records and databases built by hand.

use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use uchrost::domain::*;
use uchrost::storage::{DiskMode, Store};

/// `d("15.03.2021")`: a date written the Russian way.
pub fn d(text: &str) -> NaiveDate {
    parse_date(text).unwrap_or_else(|| panic!("bad test date {text}"))
}

pub fn org() -> OrgId {
    OrgId(uuid::Uuid::from_u128(1))
}

pub fn person(last: &str, birth: &str, ped_start: &str) -> Person {
    Person {
        id: PersonId::new(),
        author: org(),
        school: org(),
        last_name: last.into(),
        first_name: "Анна".into(),
        middle_name: "Ивановна".into(),
        birth_date: Some(d(birth)),
        sex: Some(Sex::Female),
        education: Some(EducationLevel::HigherPedagogical),
        specialty: String::new(),
        qualification: String::new(),
        ped_experience_start: Some(d(ped_start)),
        ped_experience_estimated: false,
        total_experience_start: None,
        total_experience_estimated: false,
        pedagogical: true,
        management: false,
        phone: String::new(),
        email: String::new(),
        note: String::new(),
    }
}

pub fn attestation(person: PersonId, result: Category, decision: &str) -> Attestation {
    Attestation {
        id: AttestationId::new(),
        author: org(),
        person,
        result,
        decision_date: d(decision),
        order_date: None,
        order_number: String::new(),
        body: None,
        position: String::new(),
        recommendations: false,
        recommendations_text: String::new(),
    }
}

pub fn course(person: PersonId, end: &str) -> Course {
    Course {
        provider: "ИРО".into(),
        ..Course::new(org(), person, "Формирование функциональной грамотности", 36, d(end))
    }
}

pub fn employment(person: PersonId, start: &str, end: Option<&str>) -> Employment {
    Employment {
        id: EmploymentId::new(),
        author: org(),
        person,
        start: d(start),
        end: end.map(d),
        end_reason: String::new(),
        start_unknown: false,
    }
}

pub fn absence(person: PersonId, kind: AbsenceKind, start: &str, end: Option<&str>) -> Absence {
    Absence { id: AbsenceId::new(), author: org(), person, kind, start: d(start), end: end.map(d), note: String::new() }
}

/// A fresh school database in a temporary folder (kept alive by the returned guard).
pub fn school_db() -> (tempfile::TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("school.db");
    let school = Organisation {
        id: org(),
        role: OrgRole::School,
        name: "МОУ СОШ № 7".into(),
        short_name: String::new(),
        code: "007".into(),
        municipality: String::new(),
        cluster: "СОШ".into(),
        mentoring_model: true,
        parent: None,
    };
    let store = Store::create(&path, school, DiskMode::Local, chrono::Local::now().naive_local()).expect("create");
    (dir, path, store)
}

/// SHA-like fingerprint of a file's bytes (FNV-1a 64, enough to see any change).
pub fn file_hash(path: &Path) -> (u64, u64) {
    let bytes = std::fs::read(path).expect("read file");
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in &bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (h, bytes.len() as u64)
}

/// A school database filled with the demo of `teachers` teachers (seed `seed`) on `today`, closed, with
/// what it holds: for a window opened on it afterwards.
pub fn closed_demo_school(teachers: usize, seed: u64, today: NaiveDate) -> (tempfile::TempDir, PathBuf, Dataset) {
    let (dir, path, mut store) = school_db();
    uchrost::app::fill_school_demo(&mut store, teachers, seed, today).expect("demo");
    let data = store.load().expect("load");
    store.close().expect("close");
    (dir, path, data)
}

/// A route step planned on `planned` (done that day when `status` is done).
pub fn step(title: &str, kind: StepKind, planned: &str, status: StepStatus) -> RouteStep {
    RouteStep {
        id: RouteStepId::new(),
        kind,
        title: title.into(),
        planned: Some(d(planned)),
        done: (status == StepStatus::Done).then(|| d(planned)),
        status,
        evidence: String::new(),
        expected: String::new(),
    }
}

/// A running route of `person` with its steps.
pub fn route(person: PersonId, start: &str, end: &str, steps: Vec<RouteStep>) -> Route {
    Route {
        id: RouteId::new(),
        author: org(),
        person,
        start: d(start),
        end: Some(d(end)),
        basis_diagnostic: None,
        basis_attestation: None,
        basis_request: String::new(),
        goal: String::new(),
        tasks: String::new(),
        deficits: vec![],
        curator: String::new(),
        methodical_support: false,
        status: RouteStatus::Running,
        steps,
    }
}

/// A school-level mentor pair from `start`.
pub fn pair(mentor: Option<PersonId>, mentee: PersonId, start: &str) -> Mentorship {
    Mentorship {
        id: MentorshipId::new(),
        author: org(),
        mentor,
        mentor_name: String::new(),
        mentee,
        level: MentorshipLevel::School,
        form: "педагог – молодой специалист".into(),
        program: String::new(),
        order_number: String::new(),
        order_date: None,
        start: d(start),
        end: None,
        result: String::new(),
    }
}

/// The window of `app` driven headless at `width` × `height`, after its first frames.
pub fn harness_of(
    app: uchrost::ui::UchrostApp,
    width: f32,
    height: f32,
) -> egui_kittest::Harness<'static, uchrost::ui::UchrostApp> {
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(width, height))
        .build_ui_state(|ui, app: &mut uchrost::ui::UchrostApp| app.ui(ui), app);
    h.run();
    h
}

/// Replaces the text of the field labelled `label` with `text`, as a user would.
pub fn type_into(h: &mut egui_kittest::Harness<'static, uchrost::ui::UchrostApp>, label: &str, text: &str) {
    use egui_kittest::kittest::Queryable;
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Every table but the audit logs (`journal`, `package_log`: a refused job may add its line there), row by
/// row in rowid order: what must be unchanged after a refused or failed job.
pub fn tables(conn: &rusqlite::Connection) -> String {
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("tables");
    let mut out = String::new();
    for t in names.iter().filter(|t| !matches!(t.as_str(), "journal" | "package_log")) {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\" ORDER BY rowid")).expect("select");
        let n = stmt.column_count();
        let rows: Vec<Vec<rusqlite::types::Value>> =
            stmt.query_map([], |r| (0..n).map(|i| r.get(i)).collect()).and_then(Iterator::collect).expect("rows");
        out.push_str(&format!("{t}: {rows:?}\n"));
    }
    out
}

/// Fails the test when a tool it checks against is missing (`.ci/run` installs the Debian `package`):
/// a check that quietly skips would pass on a machine where it checks nothing.
pub fn require_tool(tool: &str, package: &str) {
    let found = std::process::Command::new(tool)
        .arg("--version")
        .output()
        .or_else(|_| std::process::Command::new(tool).arg("-v").output());
    assert!(
        found.is_ok(),
        "нет программы «{tool}»: эта проверка без неё невозможна — установите пакет Debian «{package}» \
         (apt-get install {package}; .ci/run ставит его сам)"
    );
}

/// A school «МОУ СОШ № 4» (004) with `teachers` demo teachers (seed `seed`) as of 30.11.2026, opened as the
/// window opens it: the folder, the file, and the session working on that date.
pub fn demo_session(teachers: usize, seed: u64) -> (tempfile::TempDir, PathBuf, uchrost::app::Session) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("s.db");
    let mut store = uchrost::app::create_school(&path, "МОУ СОШ № 4", "004", DiskMode::Local).expect("school");
    uchrost::app::fill_school_demo(&mut store, teachers, seed, d("30.11.2026")).expect("demo");
    drop(store);
    let session = uchrost::app::Session::new(uchrost::app::open_for_window(&path, DiskMode::Local).expect("open"))
        .expect("session")
        .with_today(d("30.11.2026"));
    (dir, path, session)
}

/// Steps the window until its background work is done (15 s at most), then until it is still. The first
/// frames are always stepped: work a press starts in the next frame (a command, a replayed dialog) is then
/// running when it is looked for.
pub fn settle(h: &mut egui_kittest::Harness<'static, uchrost::ui::UchrostApp>) {
    for frame in 0..3000 {
        h.step();
        if frame >= 2 && !h.state().busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(!h.state().busy(), "background work did not finish");
    h.run();
}

/// Runs `uchrost` with `args`: its exit code and what it wrote (out, then errors).
pub fn uchrost(args: &[&str]) -> (Option<i32>, String) {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_uchrost")).args(args).output().expect("run");
    (o.status.code(), String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr))
}

/// `uchrost import-sheet --kind KIND` of `csv`, written beside the database.
pub fn import_csv(db: &Path, kind: &str, csv: &str) -> (Option<i32>, String) {
    let file = db.with_file_name(format!("{kind}.csv"));
    std::fs::write(&file, csv).expect("write csv");
    uchrost(&["import-sheet", "--db", db.to_str().expect("utf-8"), "--kind", kind, file.to_str().expect("utf-8")])
}
