//! Starting the program (issue 9): `--self-test`, the console twin `uchrost-cli`, the window's arguments
//! (a double-clicked package, «безопасный режим»), the order of the ways to draw the window and the
//! messages of a failed start, the package opened on Обмен, and the portable choice at the first start.

use crate::support::*;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use uchrost::app::paths::DbLocation;
use uchrost::app::{WindowArgs, exchange};
use uchrost::cli::{self, Exit, Next};
use uchrost::launch::{self, Attempt};
use uchrost::storage::DiskMode;
use uchrost::ui::UchrostApp;

fn today() -> chrono::NaiveDate {
    d("20.11.2026")
}

fn self_test(bin: &str, tmp: &Path) -> Output {
    Command::new(bin).arg("--self-test").env("TMPDIR", tmp).env("TEMP", tmp).env("TMP", tmp).output().expect("run")
}

/// The self-test in a folder with Cyrillic letters and spaces: every step passes, exit 0, nothing left.
#[test]
fn the_self_test_passes_and_cleans_up() {
    let tmp = tempfile::tempdir().expect("dir");
    for bin in [env!("CARGO_BIN_EXE_uchrost"), env!("CARGO_BIN_EXE_uchrost-cli")] {
        let o = self_test(bin, tmp.path());
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(o.status.success(), "{bin}: {out}\n{}", String::from_utf8_lossy(&o.stderr));
        assert!(out.contains("УчРост самопроверка"), "the folder has Cyrillic letters and spaces: {out}");
        for step in [
            "созданы базы школы и муниципалитета (все миграции)",
            "демонстрационные данные школы записаны и прочитаны",
            "пакет школы записан (подписан и зашифрован)",
            "пакет проверен и принят муниципалитетом",
            "аналитическая справка школы в PDF",
            "мониторинг муниципалитета в XLSX",
            "целостность обеих баз",
        ] {
            assert!(out.contains(&format!("✓ {step}")), "step «{step}» missing: {out}");
        }
        assert!(out.ends_with("Самопроверка пройдена.\n"), "{out}");
        let left: Vec<_> = std::fs::read_dir(tmp.path()).expect("read").collect();
        assert!(left.is_empty(), "the temporary folder is removed: {left:?}");
    }
}

/// Where the temporary folder cannot be made, the self-test says so and exits 1.
#[test]
fn the_self_test_fails_loudly() {
    let tmp = tempfile::tempdir().expect("dir");
    let not_a_folder = tmp.path().join("файл");
    std::fs::write(&not_a_folder, "не папка").expect("write");
    let o = self_test(env!("CARGO_BIN_EXE_uchrost-cli"), &not_a_folder);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Самопроверка НЕ пройдена: временная папка"), "{out}");
    assert!(String::from_utf8_lossy(&o.stderr).contains("Ошибка: временная папка"));
    let o = Command::new(env!("CARGO_BIN_EXE_uchrost-cli")).args(["--self-test", "лишнее"]).output().expect("run");
    assert_eq!(o.status.code(), Some(2), "a stray argument is a usage error");
}

/// The console twin runs the same commands with the same exit codes.
#[test]
fn the_console_twin_runs_the_commands() {
    let o = Command::new(env!("CARGO_BIN_EXE_uchrost-cli")).arg("--version").output().expect("run");
    assert!(o.status.success());
    assert_eq!(String::from_utf8_lossy(&o.stdout), format!("УчРост {}\n", env!("CARGO_PKG_VERSION")));
    let o = Command::new(env!("CARGO_BIN_EXE_uchrost-cli")).arg("нет-такой").output().expect("run");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("неизвестная команда «нет-такой»"));
    let help = Command::new(env!("CARGO_BIN_EXE_uchrost-cli")).arg("--help").output().expect("run");
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("--safe-mode") && help.contains("--self-test") && help.contains("ПАКЕТ.uchpkg"), "{help}");
}

fn gui(args: &[&str]) -> Result<WindowArgs, String> {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    match cli::run(&args, &mut Vec::new()) {
        Next::Gui(w) => Ok(w),
        Next::Exit(Exit::Usage(m) | Exit::Error(m)) => Err(m),
        Next::Exit(Exit::Ok) => Err("ok".into()),
    }
}

/// What the window is asked to open: a double-clicked package (a bare existing file), the database,
/// the safe mode; anything else is a usage error.
#[test]
fn window_arguments() {
    let dir = tempfile::tempdir().expect("dir");
    let package = dir.path().join("пакет школы.uchpkg");
    std::fs::write(&package, b"x").expect("write");
    let p = package.to_str().expect("utf-8");
    let cases: Vec<(Vec<&str>, Result<WindowArgs, &str>)> = vec![
        (vec![], Ok(WindowArgs::default())),
        (vec!["--safe-mode"], Ok(WindowArgs { safe_mode: true, ..Default::default() })),
        (vec![p], Ok(WindowArgs { open: Some(package.clone()), ..Default::default() })),
        (
            vec!["--db", "школа.db", "--safe-mode", p],
            Ok(WindowArgs { db: Some("школа.db".into()), open: Some(package.clone()), safe_mode: true }),
        ),
        (
            vec!["--import", "педагоги.xlsx"],
            Ok(WindowArgs { open: Some("педагоги.xlsx".into()), ..Default::default() }),
        ),
        (vec!["--db"], Err("после --db укажите файл")),
        (vec!["--safe-mode", "--что-то"], Err("лишний параметр «--что-то»")),
        (vec!["--safe-mode", p, p], Err("лишний параметр")),
        // A file that does not exist is not opened: it reads as a mistyped command.
        (vec!["нет-такого.uchpkg"], Err("неизвестная команда «нет-такого.uchpkg»")),
    ];
    for (args, want) in cases {
        match (gui(&args), want) {
            (Ok(got), Ok(want)) => assert_eq!(got, want, "{args:?}"),
            (Err(got), Err(want)) => assert!(got.contains(want), "{args:?}: {got}"),
            (got, want) => panic!("{args:?}: got {got:?}, want {want:?}"),
        }
    }
}

/// The ways to draw the window, in order, on each system, in safe mode and after the software restart.
#[test]
fn the_renderer_fallback_order() {
    use Attempt::*;
    let cases = [
        ((true, false, false), vec![OpenGl, Direct3d]),
        ((true, true, false), vec![Direct3d, OpenGl]),
        ((true, false, true), vec![OpenGl, Direct3d]),
        ((false, false, false), vec![OpenGl, SoftwareOpenGl]),
        ((false, true, false), vec![SoftwareOpenGl]),
        ((false, false, true), vec![SoftwareOpenGl]),
        ((false, true, true), vec![SoftwareOpenGl]),
    ];
    for ((windows, safe, restarted), want) in cases {
        assert_eq!(launch::attempts(windows, safe, restarted), want, "windows {windows}, safe {safe}, {restarted}");
    }
}

/// A failed start names every way tried with its error and says what to do, in Russian.
#[test]
fn a_failed_start_explains_itself() {
    let failures = vec![
        (Attempt::OpenGl, "OpenGL 2.0 is not supported\nsecond line\nthird\nfourth".to_string()),
        (Attempt::Direct3d, "no suitable adapter".to_string()),
    ];
    let text = launch::start_failure_text(true, &failures);
    assert!(text.starts_with("Не удалось открыть окно УчРост."), "{text}");
    assert!(
        text.contains("• OpenGL: OpenGL 2.0 is not supported\nsecond line\nthird …"),
        "three lines at most: {text}"
    );
    assert!(text.contains("• Direct3D 12: no suitable adapter"));
    assert!(text.contains("«УчРост (безопасный режим)» из меню «Пуск»") && text.contains("uchrost.exe --safe-mode"));
    assert!(text.contains("данные не пострадали") && text.contains("uchrost-cli.exe --self-test"), "{text}");
    let linux = launch::start_failure_text(false, &[(Attempt::SoftwareOpenGl, "нет Mesa".into())]);
    assert!(linux.contains("• программный OpenGL (Mesa): нет Mesa") && linux.contains("uchrost --safe-mode"));
    assert!(linux.contains("uchrost-cli --self-test") && !linux.contains(".exe"), "{linux}");
    assert!(!linux.contains("меню «Пуск»"), "{linux}");
    let crash = launch::crash_text("index out of bounds", Some(Path::new("C:/Users/Завуч/uchrost-errors.log")));
    assert!(crash.contains("внутренней ошибки:\n\nindex out of bounds"), "{crash}");
    assert!(crash.contains("Сохранённые данные не пострадали"));
    assert!(crash.contains("C:/Users/Завуч/uchrost-errors.log"), "{crash}");
}

/// With no display at all, the window tries OpenGL, restarts itself with software OpenGL, and that
/// explains the failure in Russian (exit 1) instead of exiting silently; nothing is created.
#[cfg(unix)]
#[test]
fn no_display_fails_with_a_message() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("школа.db");
    let o = Command::new(env!("CARGO_BIN_EXE_uchrost"))
        .args(["--db", db.to_str().expect("utf-8")])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove(launch::SOFTWARE_RESTART_ENV)
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("окно не открылось способом «OpenGL»"), "the first try is logged: {err}");
    assert!(err.contains("Не удалось открыть окно УчРост."), "{err}");
    assert!(err.contains("• программный OpenGL (Mesa):"), "the restart tried software OpenGL: {err}");
    assert!(err.contains("uchrost --safe-mode"), "{err}");
    assert!(!db.exists(), "no database is created by a window that never opened");
    let log = dir.path().join("data").join("uchrost").join("uchrost-errors.log");
    let log = std::fs::read_to_string(&log).expect("the error log");
    assert!(log.contains("окно не открылось способом «OpenGL»"), "{log}");
}

/// A municipality double-clicks a school's package: the window opens on Обмен with the preview, and
/// «Принять» takes it in. A school double-clicks the municipality's package: it is taken in.
#[test]
fn a_double_clicked_package_opens_on_the_exchange_screen() {
    let dir = tempfile::tempdir().expect("dir");
    let mun_path = dir.path().join("муниципалитет.db");
    let school_path = dir.path().join("школа.db");
    let mut mun =
        uchrost::app::create_municipality(&mun_path, "Управление образования", "M1", DiskMode::Local).expect("mun");
    let mut school = uchrost::app::create_school(&school_path, "МОУ СОШ № 4", "004", DiskMode::Local).expect("school");
    uchrost::app::fill_school_demo(&mut school, 6, 3, today()).expect("demo");
    let card = exchange::own_card(&mut mun).expect("card").to_text();
    exchange::take_card(&mut school, &card).expect("take");
    let package = dir.path().join("пакет школы 004.uchpkg");
    exchange::export(&mut school, &package, exchange::ExportTarget::Upward, false, today()).expect("export");
    let people = school.load().expect("load").persons.len();
    let school_id = school.own_org().id;
    school.close().expect("close");
    mun.close().expect("close");

    let mut app = UchrostApp::new(DbLocation { path: mun_path.clone(), mode: DiskMode::Local }, today());
    app.open_file(package.clone());
    let mut h = harness_of(app, 1366.0, 900.0);
    h.get_by_label("Что изменится (ничего ещё не записано)");
    h.get_all_by_label_contains("будет принят").next().expect("the preview");
    assert_eq!(h.state().session().expect("open").data().persons.len(), 0, "a preview writes nothing");
    h.get_by_label("Отпечатки новых школ сверены с бумажными карточками").click();
    h.run();
    h.get_by_label("Принять").click_accesskit();
    h.run();
    assert_eq!(h.state().session().expect("open").data().persons.len(), people);
    drop(h);

    // Back: the municipality's package for the school, double-clicked at the school.
    let mut mun = uchrost::app::open(&mun_path, DiskMode::Local).expect("reopen");
    let back = dir.path().join("пакет для школы.uchpkg");
    exchange::export(&mut mun, &back, exchange::ExportTarget::BackTo(school_id), false, today()).expect("back");
    mun.close().expect("close");
    let mut app = UchrostApp::new(DbLocation { path: school_path, mode: DiskMode::Local }, today());
    app.open_file(back);
    let h = harness_of(app, 1366.0, 900.0);
    h.get_all_by_label_contains("принят").next().expect("taken in at once");
    assert!(h.query_all_by_label_contains("отклонён").next().is_none());
    assert!(h.query_by_label("Что уйдёт в пакете").is_some(), "on the Обмен screen");
}

/// At the first start the database can be kept beside the program: it is made there, in portable mode
/// (rollback journal for a USB stick), and the next start finds it.
#[test]
fn the_first_start_offers_the_portable_database() {
    let dir = tempfile::tempdir().expect("dir");
    let default = dir.path().join("данные").join("uchrost.db");
    let stick = dir.path().join("флешка E");
    std::fs::create_dir_all(&stick).expect("dir");
    let exe = stick.join("uchrost.exe");
    std::fs::write(&exe, b"").expect("exe");
    let portable: PathBuf = stick.join("uchrost.db");
    let app = UchrostApp::new(DbLocation { path: default.clone(), mode: DiskMode::Local }, today())
        .with_portable_choice(portable.clone());
    let mut h = harness_of(app, 1280.0, 760.0);
    h.get_by_label("Название").click();
    h.run();
    h.get_by_label("Название").type_text("МОУ СОШ № 8");
    h.get_by_label("Код школы").click();
    h.run();
    h.get_by_label("Код школы").type_text("008");
    h.get_by_label_contains("рядом с программой — переносной режим (флешка):").click();
    h.run();
    h.get_by_label("Создать базу").click();
    h.run();
    assert_eq!(h.state().session().expect("open").path(), portable.as_path());
    drop(h);
    assert!(portable.is_file() && !default.exists(), "made beside the program only");
    let found = uchrost::app::paths::resolve(None, Some(&exe)).expect("resolve");
    assert_eq!(found, DbLocation { path: portable.clone(), mode: DiskMode::Portable });
    let o = Command::new(env!("CARGO_BIN_EXE_uchrost-cli"))
        .args(["check", "--db", portable.to_str().expect("utf-8")])
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&o.stdout).contains("МОУ СОШ № 8"), "{}", String::from_utf8_lossy(&o.stdout));
}
