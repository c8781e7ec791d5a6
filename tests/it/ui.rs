//! The window driven through egui_kittest: widgets found by their Russian labels, clicked and typed
//! into; the test checks what the window shows and what the database stores.

use crate::support::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use uchrost::app::paths::DbLocation;
use uchrost::app::{DiskMode, Session};
use uchrost::ui::UchrostApp;

fn harness(app: UchrostApp) -> Harness<'static, UchrostApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 760.0))
        .build_ui_state(|ui, app: &mut UchrostApp| app.ui(ui), app);
    h.run();
    h
}

#[test]
fn first_start_creates_a_school_database() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("uchrost.db");
    let app = UchrostApp::new(DbLocation { path: path.clone(), mode: DiskMode::Local }, d("23.11.2026"));
    let mut h = harness(app);
    h.get_by_label("Добро пожаловать в УчРост");
    h.get_by_label("Школа");
    h.get_by_label("Муниципалитет");
    h.get_by_label("Открыть демонстрационную базу");

    // Without a code the school is refused with a message, and no database appears.
    h.get_by_label("Название").click();
    h.run();
    h.get_by_label("Название").type_text("МОУ СОШ № 12");
    h.run();
    h.get_by_label("Создать базу").click();
    h.run();
    h.get_by_label_contains("код школы обязателен");
    assert!(!path.exists(), "nothing is created from a refused form");

    h.get_by_label("Код школы").click();
    h.run();
    h.get_by_label("Код школы").type_text("012");
    h.run();
    h.get_by_label("Создать базу").click();
    h.run();
    h.get_by_label("МОУ СОШ № 12");
    h.get_by_label("0 педагогов");
    let session: &Session = h.state().session().expect("a database is open");
    assert_eq!((session.org().name.as_str(), session.org().code.as_str()), ("МОУ СОШ № 12", "012"));
    assert!(path.exists());
}

#[test]
fn the_staff_list_shows_the_teachers_and_searches_by_surname() {
    let (_dir, path, mut store) = school_db();
    uchrost::app::fill_school_demo(&mut store, 30, 5, d("23.11.2026")).expect("demo");
    let data = store.load().expect("load");
    store.close().expect("close");
    let target = data
        .persons
        .iter()
        .filter(|p| p.pedagogical)
        .find(|p| data.persons.iter().filter(|q| q.last_name.contains(&p.last_name)).count() == 1)
        .expect("a surname no other contains")
        .clone();
    let app = UchrostApp::new(DbLocation { path, mode: DiskMode::Local }, d("23.11.2026"));
    let mut h = harness(app);
    h.get_by_label("МОУ СОШ № 7");
    h.get_by_label("30 педагогов");
    h.get_by_label("Поиск:");
    h.get_by_label("Поиск:").click();
    h.run();
    let search = h.get_by_label("Поиск:");
    search.type_text(&target.last_name);
    h.run();
    h.get_by_label("1 педагог");
    h.get_by_label(&target.full_name());
}

#[test]
fn a_damaged_database_shows_what_to_do() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("uchrost.db");
    std::fs::write(&path, "это не база данных").expect("write");
    let app = UchrostApp::new(DbLocation { path: path.clone(), mode: DiskMode::Local }, d("23.11.2026"));
    let h = harness(app);
    h.get_by_label("Базу данных не удалось открыть");
    h.get_by_label_contains("не база данных УчРост");
    h.get_by_label_contains("Резервных копий этой базы нет");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "это не база данных");
}

#[test]
fn a_damaged_database_is_restored_from_the_offered_backup() {
    let (_dir, path, mut store) = school_db();
    uchrost::app::fill_school_demo(&mut store, 12, 9, d("23.11.2026")).expect("demo");
    let persons = store.load().expect("load").persons.len();
    store.backup("после заполнения").expect("backup");
    store.close().expect("close");
    let bytes = std::fs::read(&path).expect("read");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).expect("truncate");
    let app = UchrostApp::new(DbLocation { path: path.clone(), mode: DiskMode::Local }, d("23.11.2026"));
    let mut h = harness(app);
    h.get_by_label("Базу данных не удалось открыть");
    h.get_by_label_contains("повреждён");
    h.get_all_by_label_contains("Восстановить копию от").next().expect("a backup is offered").click();
    h.run();
    h.get_by_label("12 педагогов");
    assert_eq!(h.state().session().expect("open").data().persons.len(), persons);
}
