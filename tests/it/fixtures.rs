//! Fixture databases of every released schema, opened by the current version with their data intact.
//! A new migration must keep these tests green; a new schema adds its own fixture.

use crate::support::*;
use uchrost::domain::*;
use uchrost::storage::schema::CURRENT_VERSION;
use uchrost::storage::{DiskMode, Store, connection::settings_of};

/// Copies a committed fixture into a temporary folder, so that the test never changes it.
fn fixture(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let dst = dir.path().join(name);
    std::fs::copy(&src, &dst).expect("copy fixture");
    (dir, dst)
}

/// Schema 1, made by `uchrost init --school "МОУ «Лицей № 2» (схема 1)" --code 002` and
/// `uchrost demo --teachers 6 --seed 11 --today 01.09.2026`.
#[test]
fn schema_1_opens_with_its_data() {
    let (_dir, path) = fixture("schema-v1.db");
    let store = Store::open(&path, DiskMode::Local).expect("the first schema opens");
    assert_eq!(settings_of(store.connection()).expect("settings").user_version, CURRENT_VERSION);
    assert!(store.integrity_problems().expect("check").is_empty());
    assert_eq!(store.own_org().name, "МОУ «Лицей № 2» (схема 1)");
    assert_eq!(store.own_org().code, "002");
    let data = store.load().expect("load");
    assert_eq!(data.persons.len(), 8);
    let settings = store.rule_settings().expect("settings");
    let staff: Vec<PersonState> =
        uchrost::app::staff_on(&data, d("01.09.2026"), &settings).into_iter().filter(|s| s.pedagogical).collect();
    let names: Vec<&str> = staff.iter().map(|s| s.full_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Александрова Ирина Викторовна",
            "Виноградова Дарья Сергеевна",
            "Королёва Анастасия Дмитриевна",
            "Лебедева Юлия Дмитриевна",
            "Тарасова Любовь Александровна",
            "Яковлева Татьяна Андреевна"
        ]
    );
    let lebedeva = &staff[3];
    assert_eq!(lebedeva.category.category(), Some(Category::First));
    assert_eq!(
        lebedeva.category,
        rules::CategoryState::Valid { category: Category::First, until: Some(d("04.02.2028")) },
        "the category of the fixture reads the same"
    );
    assert_eq!(lebedeva.subjects, vec!["физическая культура".to_string()]);
    assert!(staff[5].courses.due, "Яковлева is due for courses since 13.05.2025");
    assert_eq!(staff[5].courses.due_from, Some(d("13.05.2025")));
}

/// Schema 2 (targets and entered indicators), made by `uchrost init --school "МОУ «Гимназия № 3» (схема 2)"
/// --code 003` and `uchrost demo --teachers 6 --seed 12 --today 01.09.2026`.
#[test]
fn schema_2_opens_with_its_targets_and_entered_indicators() {
    let (_dir, path) = fixture("schema-v2.db");
    let store = Store::open(&path, DiskMode::Local).expect("the second schema opens");
    assert_eq!(settings_of(store.connection()).expect("settings").user_version, CURRENT_VERSION);
    assert!(store.integrity_problems().expect("check").is_empty());
    assert_eq!(store.own_org().code, "003");
    let data = store.load().expect("load");
    assert_eq!(data.persons.len(), 8);
    assert_eq!(data.targets.len(), 18, "two indicators and the survey, six years each");
    let own = store.own_org().id;
    let t = uchrost::domain::indicators::target_for(&data, "category_high", SchoolYear(2025), Some(own));
    assert_eq!(t, Some((65.0, uchrost::domain::indicators::TargetSource::School)));
    let survey = data.entered.first().expect("the survey result");
    assert!(survey.title.starts_with("Готовность педагогов"));
    assert_eq!(survey.value_in(SchoolYear(2025)), Some(70.0));
}

/// The golden package of envelope format 1 and payload schema 1, with the municipal database whose key it
/// is encrypted to: made by `uchrost init` (municipality M9, school 009), `uchrost demo --teachers 5
/// --seed 9 --today 01.09.2026`, `uchrost keys` and `uchrost export`. Every later version must take it in.
#[test]
fn the_first_package_format_imports_in_this_version() {
    let (dir, db) = fixture("package-v1-municipality.db");
    let package = dir.path().join("package-v1.uchpkg");
    std::fs::copy(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/package-v1.uchpkg"), &package)
        .expect("copy package");
    let mut store = Store::open(&db, DiskMode::Local).expect("open");
    let out =
        uchrost::app::exchange::import(&mut store, &[package.as_path()], false, true, d("01.09.2026")).expect("import");
    assert_eq!(out[0].result, uchrost::app::exchange::ACCEPTED, "{}", out[0].message);
    assert_eq!(out[0].plan.as_ref().expect("plan").totals().new, 135);
    let data = store.load().expect("load");
    assert_eq!(data.persons.len(), 7);
    assert!(data.schools().any(|s| s.code == "009"));
}

/// Opens a fixture pair kept side by side (a school and its municipality), both copied into one folder.
fn fixture_pair(school: &str, municipality: &str) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let (dir, school_path) = fixture(school);
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(municipality);
    let mun_path = dir.path().join(municipality);
    std::fs::copy(&src, &mun_path).expect("copy fixture");
    (dir, school_path, mun_path)
}

/// What both fixtures of an exchange schema must still do: open at the current version with nothing
/// damaged, keep each other's keys, and take the school's next package made by this version — the
/// sequence going on from the one the old version recorded.
fn exchange_goes_on(
    school_path: &std::path::Path,
    mun_path: &std::path::Path,
    school_code: &str,
    persons: usize,
    merged_persons: usize,
    last_sequence: u64,
) {
    let mut school = Store::open(school_path, DiskMode::Local).expect("the school's fixture opens");
    assert_eq!(settings_of(school.connection()).expect("settings").user_version, CURRENT_VERSION);
    assert!(school.integrity_problems().expect("check").is_empty());
    assert_eq!(school.own_org().code, school_code);
    assert_eq!(school.load().expect("load").persons.len(), persons);
    let mut mun = Store::open(mun_path, DiskMode::Local).expect("the municipality's fixture opens");
    assert_eq!(settings_of(mun.connection()).expect("settings").user_version, CURRENT_VERSION);
    assert!(mun.integrity_problems().expect("check").is_empty());
    let peers = mun.peers().expect("peers");
    let peer = peers.iter().find(|p| p.code == school_code).expect("the school's key is still registered");
    assert_eq!(peer.last_sequence, Some(last_sequence));
    let log = mun.package_log(10).expect("journal");
    assert!(log.iter().any(|e| e.sequence == Some(last_sequence) && e.result == uchrost::app::exchange::ACCEPTED));
    let merged = mun.load().expect("load");
    assert_eq!(merged.persons.len(), merged_persons, "the school's people merged by the old version");

    let package = school_path.with_file_name("next.uchpkg");
    let out = uchrost::app::exchange::export(
        &mut school,
        &package,
        uchrost::app::exchange::ExportTarget::Upward,
        false,
        d("01.10.2026"),
    )
    .expect("this version exports with the old keys");
    assert_eq!(out.sequence, last_sequence + 1);
    assert!(out.encrypted, "to the municipality's key the old version registered");
    let taken =
        uchrost::app::exchange::import(&mut mun, &[package.as_path()], false, false, d("01.10.2026")).expect("import");
    assert_eq!(taken[0].result, uchrost::app::exchange::ACCEPTED, "{}", taken[0].message);
    assert_eq!(taken[0].sequence, Some(last_sequence + 1));
    assert_eq!(mun.load().expect("load").persons.len(), merged_persons);
}

/// Schema 3 (the exchange: own keys, registered keys, sent packages, the package journal), made by the
/// build of `904c664^` with `uchrost init` (municipality M3, school 004), `uchrost demo --db school.db
/// --teachers 6 --seed 13 --today 01.09.2026`, both key cards exchanged with `uchrost keys --export/--import`,
/// then `uchrost export` of the school and `uchrost import` of its package into the municipality.
#[test]
fn schema_3_opens_and_the_exchange_goes_on() {
    let (_dir, school, mun) = fixture_pair("schema-v3-school.db", "schema-v3-municipality.db");
    exchange_goes_on(&school, &mun, "004", 8, 8, 1);
}

/// Schema 4 (keys over time: the next signing key, retired decryption keys), made by the build of
/// `db69f9b^` like schema 3 (municipality M4, school 006, `--seed 14`), then `uchrost keys --rotate` in the
/// school and its package № 2 — signed with the old key, announcing the new one — merged. This version
/// signs package № 3 with the new key and the municipality takes it.
#[test]
fn schema_4_opens_and_the_rotated_key_goes_on() {
    let (_dir, school, mun) = fixture_pair("schema-v4-school.db", "schema-v4-municipality.db");
    exchange_goes_on(&school, &mun, "006", 8, 8, 2);
}

/// Schema 5 (the monitoring cycle: goals, findings, recommendations, measures, decisions, effects), made by
/// the build of 30.11.2026 with `uchrost init` (municipality M5, school 005), `uchrost demo --db mun.db
/// --schools 2 --seed 15 --today 01.09.2026` (two demo schools with a cycle), `uchrost demo --db school.db
/// --teachers 6 --seed 15 --today 01.09.2026`, the key cards exchanged, the school's package merged.
#[test]
fn schema_5_opens_with_its_cycle_and_the_exchange_goes_on() {
    let (_dir, school, mun) = fixture_pair("schema-v5-school.db", "schema-v5-municipality.db");
    {
        let store = Store::open(&mun, DiskMode::Local).expect("open");
        let data = store.load().expect("load");
        assert_eq!(data.goals.len(), 2);
        assert_eq!(data.findings.len(), 2);
        assert_eq!(data.schools().count(), 3, "two demo schools and school 005");
    }
    exchange_goes_on(&school, &mun, "005", 8, 46, 1);
}

/// Schema 6 (the monitoring schedule, risks, orders, awards, practices, teachers' requests), made by the
/// build of 30.11.2026 with `uchrost init` (municipality M6, school 007), `uchrost demo --db mun.db --schools
/// 2 --seed 16 --today 01.09.2026`, `uchrost demo --db school.db --teachers 6 --seed 17 --today 01.09.2026`,
/// `uchrost schedule --keep` in both, `uchrost order --kind mentors --number 1 --date 01.09.2026` in the
/// school, the key cards exchanged, the school's package (with its eight schedule lines and its order)
/// merged.
#[test]
fn schema_6_opens_with_its_schedule_and_the_exchange_goes_on() {
    let (_dir, school, mun) = fixture_pair("schema-v6-school.db", "schema-v6-municipality.db");
    {
        let store = Store::open(&mun, DiskMode::Local).expect("open");
        let own = store.own_org().id;
        let data = store.load().expect("load");
        let mine = data.schedule.iter().filter(|x| x.org == own).count();
        assert_eq!(mine, uchrost::domain::cycle::default_schedule(false).len(), "the municipality's own lines");
        assert_eq!(data.schedule.len(), mine + 8, "and the school's eight, merged with its package");
        assert_eq!(uchrost::domain::cycle::schedule_of(&data, own, false).len(), mine, "its own, not the school's");
        assert_eq!(data.orders.len(), 1, "the school's order came with its package");
        assert_eq!(data.orders[0].number, "1");
    }
    exchange_goes_on(&school, &mun, "007", 8, 164, 1);
}

/// Schema 7 (methodological associations and their meetings, nominations), made by the build of 30.11.2026
/// with `uchrost init` (municipality M7, school 008), `uchrost demo --db mun.db --schools 2 --seed 18 --today
/// 01.09.2026`, `uchrost demo --db school.db --teachers 6 --seed 19 --today 23.11.2026` (the school's ШМО with
/// this year's meetings, the past ones held with attendance, and a course list), the key cards exchanged, the
/// school's package merged.
#[test]
fn schema_7_opens_with_its_associations_and_the_exchange_goes_on() {
    let (_dir, school, mun) = fixture_pair("schema-v7-school.db", "schema-v7-municipality.db");
    {
        let store = Store::open(&mun, DiskMode::Local).expect("open");
        let data = store.load().expect("load");
        let school_id = data.schools().find(|s| s.code == "008").expect("school 008").id;
        let of_school: Vec<_> = data.associations.iter().filter(|a| a.org == school_id).collect();
        assert_eq!(of_school.len(), 4, "the school's four ШМО came with its package");
        let meetings = data.meetings.iter().filter(|m| of_school.iter().any(|a| a.id == m.association)).count();
        assert_eq!(meetings, 20);
        let held: Vec<_> = data.meetings.iter().filter(|m| m.held && m.org == school_id).collect();
        assert!(!held.is_empty());
        assert!(
            held.iter().any(|m| !uchrost::domain::associations::attended(&data, m).is_empty()),
            "attendance is the people's participations, merged with them"
        );
        let lists = uchrost::domain::nominations::lists(&data);
        assert!(lists.iter().any(|l| l.nominations.iter().any(|n| n.author == school_id)), "the school's course list");
    }
    exchange_goes_on(&school, &mun, "008", 8, 48, 1);
}
