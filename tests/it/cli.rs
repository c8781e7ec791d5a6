//! The command line as people and scripts use it: Russian messages, exit codes 0/1/2, `--help`.

use crate::support::*;
use std::path::Path;
use std::process::{Command, Output};
use uchrost::domain::OrgRole;
use uchrost::storage::{DiskMode, Store};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_uchrost")).args(args).output().expect("run uchrost")
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn help_and_usage_errors() {
    let o = run(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    for cmd in ["init", "demo", "teachers", "check", "backup", "restore"] {
        assert!(stdout(&o).contains(cmd), "{cmd} listed in help");
    }
    assert!(!stdout(&o).contains("crash-writer"), "service commands are hidden");
    assert!(!stdout(&o).contains("bench"), "developers' commands are hidden");
    assert_eq!(run(&["bench", "--help"]).status.code(), Some(0), "but they still run");
    for cmd in ["init", "demo", "teachers", "check", "backup", "restore", "history"] {
        let o = run(&[cmd, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{cmd} --help");
        assert!(stdout(&o).contains("Использование"), "{cmd} --help in Russian");
    }
    // (arguments, words of the message)
    let cases: [(&[&str], &str); 5] = [
        (&["обучить"], "неизвестная команда"),
        (&["teachers"], "не указан параметр --db"),
        (&["teachers", "--db", "x.db", "--colour"], "неизвестный параметр «--colour»"),
        (&["teachers", "--db"], "нет значения"),
        (&["demo", "--db", "x.db", "--teachers", "много"], "не целое"),
    ];
    for (args, words) in cases {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(words), "{args:?}: {}", stderr(&o));
    }
    // Wrong usage changes nothing: no database appears.
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    for args in [&["demo", "--db", p(&db), "--teachers", "много"][..], &["demo", "--db", p(&db), "--teachers", "0"]]
    {
        assert_eq!(run(args).status.code(), Some(2), "{args:?}");
        assert!(!db.exists(), "{args:?} created the file");
    }
    let o = run(&["teachers", "--db", "/nonexistent/нет.db"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("не найден"), "{}", stderr(&o));
}

#[test]
fn init_school_and_municipality() {
    let dir = tempfile::tempdir().expect("dir");
    let school = dir.path().join("школа.db");
    let o = run(&["init", "--db", p(&school), "--school", "МОУ СОШ № 3"]);
    assert_eq!(o.status.code(), Some(2), "a school needs its code");
    let o = run(&["init", "--db", p(&school), "--school", "МОУ СОШ № 3", "--code", "003"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Создана база: школа «МОУ СОШ № 3»"));
    let o = run(&["init", "--db", p(&school), "--school", "Другая", "--code", "4"]);
    assert_eq!(o.status.code(), Some(1), "an existing file is never overwritten");
    let store = Store::open(&school, DiskMode::Local).expect("open");
    assert_eq!((store.own_org().role, store.own_org().code.as_str()), (OrgRole::School, "003"));
    store.close().expect("close");

    let muni = dir.path().join("муниципалитет.db");
    let o = run(&["init", "--db", p(&muni), "--municipality", "Управление образования г. Энска"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(Store::open(&muni, DiskMode::Local).expect("open").own_org().role, OrgRole::Municipality);
}

#[test]
fn demo_of_80_teachers_lists_80_with_computed_states() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("d.db");
    let o = run(&["demo", "--db", p(&db), "--teachers", "80", "--seed", "1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["teachers", "--db", p(&db), "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let list: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(list.len(), 80);
    let states: std::collections::HashSet<&str> = list.iter().filter_map(|t| t["category_state"].as_str()).collect();
    for s in ["действует", "истекает", "нет категории"] {
        assert!(states.contains(s), "the demo spreads category states: {states:?}");
    }
    assert!(list.iter().any(|t| t["courses_due"] == true) && list.iter().any(|t| t["courses_due"] == false));
    assert!(list.iter().any(|t| t["young"] == true), "some young teachers");
    assert!(list.iter().any(|t| t["subjects"].as_array().is_some_and(|s| s.len() >= 2)), "some teach two subjects");
    assert!(list.iter().all(|t| t["school_year"].as_str().is_some_and(|y| y.contains('/'))));
    let text = run(&["teachers", "--db", p(&db)]);
    assert!(stdout(&text).contains("(80 педагогов)"), "{}", stdout(&text));
}

#[test]
fn same_seed_same_data() {
    let dir = tempfile::tempdir().expect("dir");
    let json = |name: &str, seed: &str| {
        let db = dir.path().join(name);
        let o = run(&["demo", "--db", p(&db), "--teachers", "25", "--seed", seed, "--today", "01.10.2026"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stdout(&run(&["teachers", "--db", p(&db), "--json", "--date", "01.10.2026"]))
    };
    let a = json("a.db", "7");
    assert_eq!(a, json("b.db", "7"), "the same seed gives the same data, ids included");
    assert_ne!(a, json("c.db", "8"));
}

#[test]
fn municipal_demo_has_schools_of_different_clusters() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("m.db");
    let o = run(&["demo", "--db", p(&db), "--schools", "6", "--seed", "3"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let store = Store::open(&db, DiskMode::Local).expect("open");
    let data = store.load().expect("load");
    let schools: Vec<_> = data.schools().collect();
    assert_eq!(schools.len(), 6);
    let codes: std::collections::HashSet<&str> = schools.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(codes.len(), 6, "every school has its own code");
    let clusters: std::collections::HashSet<&str> = schools.iter().map(|s| s.cluster.as_str()).collect();
    assert!(clusters.len() >= 2, "{clusters:?}");
    for s in &schools {
        let staff = data.persons.iter().filter(|p| p.school == s.id).count();
        assert!(staff >= 8, "{}: {staff}", s.name);
        assert!(
            data.persons.iter().filter(|p| p.school == s.id).all(|p| p.author == s.id),
            "a school authors its people"
        );
    }
}

#[test]
fn backup_restore_check_and_history_commands() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("d.db");
    assert_eq!(run(&["demo", "--db", p(&db), "--teachers", "10"]).status.code(), Some(0));
    let o = run(&["check", "--db", p(&db)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("ошибок нет"));
    let copy = dir.path().join("копия.db");
    let o = run(&["backup", "--db", p(&db), "--out", p(&copy)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(run(&["backup", "--db", p(&db), "--out", p(&copy)]).status.code(), Some(1), "never overwrites");
    let o = run(&["backup", "--db", p(&db), "--list"]);
    assert!(stdout(&o).contains("перед заполнением демо"), "{}", stdout(&o));

    // An edit through the store shows in the history; the CLI undoes it.
    let mut store = Store::open(&db, DiskMode::Local).expect("open");
    let mut person = store.load().expect("load").persons[0].clone();
    let old_name = person.last_name.clone();
    person.last_name = "Переименованная".into();
    let action = store.put("Исправлена фамилия", person, d("23.11.2026")).expect("edit").expect("action");
    store.close().expect("close");
    let o = run(&["history", "--db", p(&db)]);
    assert!(stdout(&o).contains("Исправлена фамилия") && stdout(&o).contains(&format!("{old_name} → Переименованная")));
    let o = run(&["history", "--db", p(&db), "--undo", &action.to_string()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let store = Store::open(&db, DiskMode::Local).expect("open");
    assert!(store.load().expect("load").persons.iter().any(|x| x.last_name == old_name));
    store.close().expect("close");

    let o = run(&["restore", "--db", p(&db), "--from", p(&copy)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("восстановлена"));
}

/// A figure printed by a benchmark in a child process reads back as it was (to the 0.1 ms printed).
#[test]
fn a_printed_figure_reads_back() {
    let cases = [
        uchrost::bench::Figure {
            name: "каталог со всеми разбивками".into(),
            median: std::time::Duration::from_micros(13_400),
            target: None,
        },
        uchrost::bench::Figure {
            name: "проверка и слияние 60 пакетов (55945 строк; пик памяти 114 МиБ); пол — вставка 390 мс, 2.80×".into(),
            median: std::time::Duration::from_millis(1080),
            target: Some(std::time::Duration::from_millis(780)),
        },
        uchrost::bench::Figure {
            name: "выгрузка".into(),
            median: std::time::Duration::from_millis(15),
            target: Some(std::time::Duration::from_secs(1)),
        },
    ];
    for f in cases {
        let back = uchrost::bench::Figure::parse(&f.to_string()).unwrap_or_else(|| panic!("«{f}» reads back"));
        assert_eq!(back.name, f.name);
        assert_eq!(back.median, f.median);
        assert_eq!(back.target, f.target);
    }
    for other in ["Медианы 3 прогонов:", "пик памяти процесса, МиБ: 812", ""] {
        assert!(uchrost::bench::Figure::parse(other).is_none(), "«{other}» is not a figure");
    }
}

/// A closed pipe (`uchrost teachers … | head -1`) ends the output, not the command: exit code 0, and
/// nothing said about it; any other failure to write the output is an error.
#[test]
fn a_closed_pipe_is_not_an_error() {
    struct Closed(std::io::ErrorKind);
    impl std::io::Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(self.0.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("s.db");
    let args = |a: &[&str]| a.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let run = |a: &[&str], kind| match uchrost::cli::run(&args(a), &mut Closed(kind)) {
        uchrost::cli::Next::Exit(e) => e,
        uchrost::cli::Next::Gui(_) => panic!("a command, not the window"),
    };
    let made = run(&["demo", "--db", p(&db), "--teachers", "3"], std::io::ErrorKind::BrokenPipe);
    assert_eq!(made.code(), 0, "{made:?}");
    assert!(db.exists(), "the work was done before the output");
    assert_eq!(run(&["teachers", "--db", p(&db)], std::io::ErrorKind::BrokenPipe).code(), 0);
    assert_eq!(run(&["--help"], std::io::ErrorKind::BrokenPipe).code(), 0);
    let full = run(&["teachers", "--db", p(&db)], std::io::ErrorKind::StorageFull);
    assert_eq!(full.code(), 1, "{full:?}");
}
