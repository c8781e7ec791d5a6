//! The store: connection settings, round-trips of every record kind, one transaction per action,
//! history with undo, backups and restore, migrations.

use crate::support::*;
use uchrost::demo::{Rng, SchoolPlan, school_records};
use uchrost::domain::*;
use uchrost::storage::connection::settings_of;
use uchrost::storage::schema::{APPLICATION_ID, CURRENT_VERSION};
use uchrost::storage::{Change, DiskMode, HistoryMode, StorageError, Store, backup};

fn today() -> chrono::NaiveDate {
    d("23.11.2026")
}

#[test]
fn every_connection_has_the_required_settings() {
    let (dir, path, store) = school_db();
    let expect = |s: uchrost::storage::ConnectionSettings, journal: &str| {
        assert!(s.foreign_keys, "foreign keys on");
        assert_eq!(s.journal_mode.to_lowercase(), journal);
        assert_eq!(s.synchronous, 2, "synchronous=FULL");
        assert_eq!(s.application_id, APPLICATION_ID);
        assert_eq!(s.user_version, CURRENT_VERSION);
    };
    expect(settings_of(store.connection()).expect("settings"), "wal");
    store.close().expect("close");
    // After close the database is one self-contained file: no WAL left beside it.
    assert!(!dir.path().join("school.db-wal").exists(), "the WAL is checkpointed and removed on close");
    let store = Store::open(&path, DiskMode::Local).expect("open");
    expect(settings_of(store.connection()).expect("settings"), "wal");
    store.close().expect("close");
    // Portable mode keeps the rollback journal.
    let store = Store::open(&path, DiskMode::Portable).expect("open portable");
    expect(settings_of(store.connection()).expect("settings"), "delete");
    store.close().expect("close");
    let portable = dir.path().join("portable.db");
    let store = uchrost::app::create_school(&portable, "Школа", "1", DiskMode::Portable).expect("create portable");
    expect(settings_of(store.connection()).expect("settings"), "delete");
    // The connection a restore opens has them too.
    let (_d2, other, s2) = school_db();
    s2.close().expect("close");
    store.close().expect("close");
    // (Another school's database: restored only when asked explicitly.)
    uchrost::app::restore(&path, &other, DiskMode::Local, true).expect("restore");
    let store = Store::open(&path, DiskMode::Local).expect("open after restore");
    expect(settings_of(store.connection()).expect("settings"), "wal");
}

fn sorted(mut records: Vec<AnyRecord>) -> Vec<AnyRecord> {
    records.sort_by_key(|r| (r.kind(), r.uuid()));
    records
}

#[test]
fn every_record_kind_round_trips() {
    let (_dir, path, mut store) = school_db();
    let mut rng = Rng::new(42);
    let plan = SchoolPlan { school: store.own_org().clone(), teachers: 40 };
    let mut records = school_records(&mut rng, &plan, today());
    // The monitoring cycle is not in the demo yet: one record of each of its kinds, fields filled.
    let own = store.own_org().id;
    for kind in [
        RecordKind::Goal,
        RecordKind::Finding,
        RecordKind::Recommendation,
        RecordKind::Measure,
        RecordKind::Decision,
        RecordKind::Effect,
        RecordKind::ScheduleItem,
        RecordKind::Risk,
        RecordKind::Order,
        RecordKind::Association,
    ] {
        let mut r = uchrost::domain::cycle::blank(kind, own, today()).to_json();
        for key in ["risk", "points"] {
            if r.get(key).is_some() {
                r[key] = serde_json::json!("1. Проверка.\n2. Контроль оставляю за собой.");
            }
        }
        if kind == RecordKind::ScheduleItem {
            r["when"] = serde_json::json!("1 полугодие — до 20 декабря, 2 полугодие — до 1 июня");
            r["who"] = serde_json::json!("методист");
        }
        for key in ["title", "text", "what", "conclusion", "name", "theme"] {
            if r.get(key).is_some() {
                r[key] = serde_json::json!(format!("{} — проверка", kind.label()));
            }
        }
        records.push(AnyRecord::from_json(kind, r).expect("a record"));
    }
    // An award and a practice of the first teacher.
    let teacher =
        records.iter().find_map(|r| if let AnyRecord::Person(p) = r { Some(p.id) } else { None }).expect("a teacher");
    // A meeting of the association, held, with decisions.
    let association = records
        .iter()
        .find_map(|r| if let AnyRecord::Association(a) = r { Some(a.id) } else { None })
        .expect("an association");
    let mut meeting = uchrost::domain::cycle::blank(RecordKind::Meeting, own, today()).to_json();
    meeting["association"] = serde_json::json!(association.to_string());
    meeting["topic"] = serde_json::json!("Формирующее оценивание\nАнализ диагностики");
    meeting["held"] = serde_json::json!(true);
    meeting["decisions"] = serde_json::json!("Провести открытые уроки");
    records.push(AnyRecord::from_json(RecordKind::Meeting, meeting).expect("a meeting"));
    for kind in [RecordKind::Award, RecordKind::Practice, RecordKind::Request, RecordKind::Nomination] {
        let mut r = uchrost::ui::card::blank(kind, teacher, own, today()).to_json();
        r["title"] = serde_json::json!(format!("{} — проверка", kind.label()));
        r["direction"] = serde_json::json!("формирующее оценивание");
        records.push(AnyRecord::from_json(kind, r).expect("a record"));
    }
    let kinds: std::collections::BTreeSet<RecordKind> = records.iter().map(AnyRecord::kind).collect();
    assert_eq!(kinds.len() + 1, RecordKind::ALL.len(), "every kind but organisations: {kinds:?}");
    store
        .apply("демо", records.iter().cloned().map(Change::Put).collect(), today(), HistoryMode::JournalOnly)
        .expect("write");
    store.close().expect("close");
    let store = Store::open(&path, DiskMode::Local).expect("reopen");
    let loaded = store.load().expect("load").records();
    let expected: Vec<AnyRecord> =
        std::iter::once(AnyRecord::Organisation(store.own_org().clone())).chain(records).collect();
    assert_eq!(sorted(loaded), sorted(expected));
}

#[test]
fn an_invalid_record_writes_nothing_of_its_action() {
    let (_dir, _path, mut store) = school_db();
    let p = person("Петрова", "10.01.1985", "01.09.2008");
    let mut bad = course(p.id, "10.10.2025");
    bad.hours = 3;
    let err = store
        .apply(
            "два изменения",
            vec![Change::Put(p.clone().into()), Change::Put(bad.into())],
            today(),
            HistoryMode::Record,
        )
        .expect_err("refused");
    assert!(err.to_string().contains("«Часы»"), "{err}");
    let data = store.load().expect("load");
    assert!(data.persons.is_empty() && data.courses.is_empty(), "nothing of the action was written");
    assert!(store.history(None, 10).expect("history").is_empty());
    // A record pointing at a person who does not exist is refused by the foreign key, whole.
    let orphan = course(PersonId::new(), "10.10.2025");
    let err = store
        .apply("сирота", vec![Change::Put(p.into()), Change::Put(orphan.into())], today(), HistoryMode::Record)
        .expect_err("foreign key");
    assert!(matches!(err, StorageError::Sqlite(_)), "{err:?}");
    assert!(store.load().expect("load").persons.is_empty());
}

#[test]
fn history_shows_old_and_new_values_and_undo_restores() {
    let (_dir, _path, mut store) = school_db();
    let mut p = person("Сидорова", "10.01.1985", "01.09.2008");
    store.put("Добавлен работник", p.clone(), today()).expect("add");
    p.last_name = "Кузнецова".into();
    p.birth_date = Some(d("11.01.1985"));
    let edit = store.put("Изменён работник", p.clone(), today()).expect("edit").expect("an action");
    // Saving the same record again changes nothing and adds no history.
    assert_eq!(store.put("Без изменений", p.clone(), today()).expect("same"), None);

    let history = store.history(Some(p.id), 10).expect("history");
    assert_eq!(history.len(), 2);
    let latest = &history[0];
    assert_eq!(latest.description, "Изменён работник");
    let fields: Vec<(String, String, String)> =
        latest.changes[0].fields.iter().map(|f| (f.field.clone(), f.old.clone(), f.new.clone())).collect();
    assert_eq!(
        fields,
        vec![
            ("birth_date".into(), "10.01.1985".into(), "11.01.1985".into()),
            ("last_name".into(), "Сидорова".into(), "Кузнецова".into())
        ]
    );
    assert_eq!(history[1].changes[0].what, "добавлено");

    store.undo(edit).expect("undo");
    let back = store.load().expect("load").persons;
    assert_eq!(back[0].last_name, "Сидорова");
    assert_eq!(back[0].birth_date, Some(d("10.01.1985")));
    let again = store.undo(edit).expect_err("twice");
    assert!(again.to_string().contains("уже отменено"), "{again}");
}

#[test]
fn undo_refuses_when_a_later_change_touched_the_record() {
    let (_dir, _path, mut store) = school_db();
    let mut p = person("Орлова", "10.01.1985", "01.09.2008");
    store.put("Добавлен", p.clone(), today()).expect("add");
    p.first_name = "Мария".into();
    let first_edit = store.put("Имя", p.clone(), today()).expect("edit").expect("action");
    p.middle_name = "Петровна".into();
    store.put("Отчество", p.clone(), today()).expect("edit 2");
    let err = store.undo(first_edit).expect_err("conflict");
    assert!(err.to_string().contains("изменена позднее"), "{err}");
    assert_eq!(store.load().expect("load").persons[0].middle_name, "Петровна", "nothing changed");
}

#[test]
fn deleting_a_person_takes_their_records_and_undo_brings_them_back() {
    let (_dir, _path, mut store) = school_db();
    let mentor = person("Наставникова", "10.01.1970", "01.09.1995");
    let p = person("Удалёнова", "10.01.1995", "01.09.2024");
    let pair = pair(Some(mentor.id), p.id, "01.09.2025");
    let own = store.own_org().id;
    let fix = |mut x: Person| {
        x.author = own;
        x.school = own;
        x
    };
    let (mentor, p) = (fix(mentor), fix(p));
    store
        .apply(
            "Добавлены",
            vec![
                Change::Put(mentor.clone().into()),
                Change::Put(p.clone().into()),
                Change::Put(employment(p.id, "01.09.2024", None).into()),
                Change::Put(course(p.id, "01.03.2025").into()),
                Change::Put(pair.into()),
            ],
            today(),
            HistoryMode::Record,
        )
        .expect("add");
    let before = sorted(store.load().expect("load").records());
    let action = store.delete_person(p.id, today()).expect("delete").expect("action");
    let after = store.load().expect("load");
    assert_eq!(after.persons.len(), 1);
    assert!(after.courses.is_empty() && after.employments.is_empty() && after.mentorships.is_empty());
    store.undo(action).expect("undo delete");
    assert_eq!(sorted(store.load().expect("load").records()), before);
}

#[test]
fn dictionaries_start_with_defaults_and_are_editable() {
    use uchrost::domain::dictionaries::Dictionary;
    let (_dir, _path, mut store) = school_db();
    let subjects = store.dictionary(Dictionary::Subjects).expect("subjects");
    assert!(subjects.contains(&"вероятность и статистика".to_string()));
    assert!(store.dictionary(Dictionary::Clusters).expect("clusters").iter().any(|c| c.contains("МКШ")));
    store
        .set_dictionary(
            Dictionary::Subjects,
            &["астрономия".into(), " ".into(), "Астрономия".into(), "математика".into()],
        )
        .expect("set");
    assert_eq!(store.dictionary(Dictionary::Subjects).expect("subjects"), vec!["астрономия", "математика"]);
}

#[test]
fn rule_settings_persist() {
    let (_dir, path, mut store) = school_db();
    assert_eq!(store.rule_settings().expect("defaults"), RuleSettings::default());
    let custom = RuleSettings { young_max_age: 30, expiry_horizon_months: 6, ..RuleSettings::default() };
    store.set_rule_settings(&custom).expect("save");
    store.close().expect("close");
    assert_eq!(Store::open(&path, DiskMode::Local).expect("open").rule_settings().expect("read"), custom);
}

#[test]
fn backups_daily_pruned_and_restorable() {
    let (_dir, path, mut store) = school_db();
    let p = person("Копиева", "10.01.1985", "01.09.2008");
    let own = store.own_org().id;
    let p = Person { author: own, school: own, ..p };
    store.put("Добавлен", p.clone(), today()).expect("add");
    let first = store.daily_backup(today()).expect("daily").expect("made");
    assert_eq!(store.daily_backup(today()).expect("daily"), None, "one daily backup per day");
    assert!(store.daily_backup(d("24.11.2026")).expect("next day").is_some());
    for i in 0..25 {
        store.backup(&format!("проверка {i}")).expect("backup");
    }
    let list = backup::list(&path).expect("list");
    let manual = list.iter().filter(|b| b.kind == backup::BackupKind::Manual).count();
    assert_eq!(manual, backup::BackupKind::Manual.keep(), "only the last copies of a kind are kept");
    assert!(first.exists(), "the daily copies are not crowded out by the manual ones");
    assert_eq!(list.len(), manual + 2);
    assert!(list[0].reason.contains("проверка 24"), "newest first: {:?}", list[0]);
    // Every backup is a self-contained, healthy database with the data.
    let copy = Store::open(&list[0].path, DiskMode::Local).expect("a backup opens");
    assert_eq!(copy.load().expect("load").persons, vec![p.clone()]);
    copy.close().expect("close");

    // Change the data, then restore: the data of the backup comes back.
    store.delete_person(p.id, today()).expect("delete");
    store.close().expect("close");
    uchrost::app::restore(&path, &list[0].path, DiskMode::Local, false).expect("restore");
    let store = Store::open(&path, DiskMode::Local).expect("open");
    assert_eq!(store.load().expect("load").persons, vec![p]);
    assert!(store.journal_entries(5).expect("journal").iter().any(|e| e.event == "restore"));
    assert!(
        backup::list(&path).expect("list").iter().any(|b| b.reason == "перед восстановлением"),
        "the state before a restore is kept too"
    );
}

#[test]
fn a_database_of_a_newer_version_is_refused() {
    let (_dir, path, store) = school_db();
    // What a newer program writes: the version in the header and in `meta`.
    store.connection().pragma_update(None, "user_version", CURRENT_VERSION + 1).expect("bump");
    store
        .connection()
        .execute("UPDATE meta SET value = ?1 WHERE key = 'schema'", [(CURRENT_VERSION + 1).to_string()])
        .expect("bump");
    store.close().expect("close");
    let before = file_hash(&path);
    let err = Store::open(&path, DiskMode::Local).err().expect("refused");
    assert!(matches!(err, StorageError::TooNew { .. }), "{err:?}");
    assert!(err.to_string().contains("обновите программу"), "{err}");
    assert_eq!(file_hash(&path), before);
}

#[test]
fn creating_over_an_existing_file_is_refused() {
    let (_dir, path, store) = school_db();
    store.close().expect("close");
    let err = uchrost::app::create_school(&path, "Другая", "2", DiskMode::Local).err().expect("refused");
    assert!(matches!(err, StorageError::AlreadyExists(_)), "{err:?}");
    let err = uchrost::app::create_school(&path.with_file_name("x.db"), "Школа без кода", " ", DiskMode::Local)
        .err()
        .expect("code required");
    assert!(err.to_string().contains("код школы обязателен"), "{err}");
}

#[test]
fn the_last_database_is_remembered_for_the_next_start() {
    use uchrost::app::paths::{last_db_in, remember_last_in};
    let (dir, path, store) = school_db();
    store.close().expect("close");
    let file = dir.path().join("settings").join("last-database.txt");
    assert_eq!(last_db_in(&file), None, "nothing remembered yet");
    remember_last_in(&file, &path);
    assert_eq!(last_db_in(&file), Some(path.clone()));
    // A remembered database that was moved away is not offered.
    std::fs::rename(&path, dir.path().join("moved.db")).expect("move");
    assert_eq!(last_db_in(&file), None);
}

/// Backups started in the same second under the same reason — the window's daily one in the background,
/// the command line's, a button press — each get a file of their own: none is written into another's
/// temporary file or loses its name (this raced on a loaded machine and failed a start-up test).
#[test]
fn backups_made_at_once_each_get_a_file_of_their_own() {
    let (_dir, path, mut store) = school_db();
    uchrost::app::fill_school_demo(&mut store, 30, 2, today()).expect("demo");
    let persons = store.load().expect("load").persons;
    let now = today().and_hms_opt(9, 0, 0).expect("time");
    let before = backup::list(&path).expect("list").len();
    let made: Vec<std::path::PathBuf> = std::thread::scope(|s| {
        let jobs: Vec<_> = (0..6)
            .map(|i| {
                let path = path.clone();
                s.spawn(move || {
                    if i % 2 == 0 {
                        backup::make_from_file(&path, "ежедневная", now, &|_| ()).expect("background backup")
                    } else {
                        // Another program reads while this one holds the write lock (`uchrost backup`
                        // while the window is open).
                        let other = Store::open_read_only(&path, DiskMode::Local).expect("open");
                        backup::make(other.connection(), &path, "ежедневная", now).expect("backup of an open store")
                    }
                })
            })
            .collect();
        jobs.into_iter().map(|j| j.join().expect("no panic")).collect()
    });
    let distinct: std::collections::BTreeSet<_> = made.iter().collect();
    assert_eq!(distinct.len(), 6, "six files: {made:?}");
    for copy in &made {
        let opened = Store::open(copy, DiskMode::Local).expect("each copy opens");
        assert_eq!(opened.load().expect("load").persons, persons, "{}", copy.display());
    }
    assert_eq!(backup::list(&path).expect("list").len(), before + 6);
    let leftovers: Vec<_> = std::fs::read_dir(backup::folder(&path))
        .expect("folder")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left: {leftovers:?}");
}

#[test]
fn a_background_backup_copies_the_live_database_with_progress() {
    let (_dir, path, mut store) = school_db();
    uchrost::app::fill_school_demo(&mut store, 30, 2, today()).expect("demo");
    let persons = store.load().expect("load").persons;
    // The app keeps its connection open while the job copies from a connection of its own.
    let seen = std::cell::RefCell::new(Vec::new());
    let copy =
        backup::make_from_file(&path, "фон", chrono::Local::now().naive_local(), &|f| seen.borrow_mut().push(f))
            .expect("backup");
    let seen = seen.into_inner();
    assert_eq!(seen.last(), Some(&1.0), "the progress ends at 100 %");
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "and only grows: {seen:?}");
    let restored = Store::open(&copy, DiskMode::Local).expect("the copy opens");
    assert_eq!(restored.load().expect("load").persons, persons);
    store.put("after", person("Позднева", "10.01.1985", "01.09.2008"), today()).expect("the app still writes");
}

/// A save patches the records in memory instead of reloading the database (seconds for a regional copy):
/// after edits, new records, a bulk change and a deletion, what the session holds is record for record,
/// in the same order, what a fresh load of the file gives.
#[test]
fn a_save_patches_memory_exactly_as_a_reload_would_read() {
    use uchrost::domain::*;
    let (_dir, path, mut session) = demo_session(12, 3);
    let data = session.data().clone();
    let teacher = data.persons[0].id;
    let generation = session.generation;
    // An edit in place, a new record, a bulk change of two, a deletion.
    let mut edited = data.courses[0].clone();
    edited.title = "Изменённые курсы".into();
    session.put("курс", edited.into()).expect("edit");
    let added = course(teacher, "10.10.2026");
    session.put("курс", added.clone().into()).expect("add");
    let mut p = data.persons[1].clone();
    p.specialty = "учитель физики".into();
    let more = course(teacher, "11.10.2026");
    session.put_many("два", vec![p.into(), more.into()]).expect("bulk");
    session.delete("удалить", RecordKind::Course, added.id.0).expect("delete");
    assert!(session.generation > generation, "the screens learn that the data changed");
    let json = |d: &Dataset| d.records().iter().map(|r| r.to_json().to_string()).collect::<Vec<_>>();
    let fresh = uchrost::app::open_to_read(&path, DiskMode::Local).expect("read").load().expect("load");
    assert_eq!(json(session.data()), json(&fresh));
    // A person deleted with their records, then the deletion undone, then an edit undone: each patched.
    let gone = data.persons[2].id;
    assert!(data.records().iter().filter(|r| r.person() == Some(gone)).count() > 2, "she has records");
    session.delete_person(gone).expect("delete person");
    assert!(session.data().records().iter().all(|r| r.person() != Some(gone) && r.other_person() != Some(gone)));
    let fresh = uchrost::app::open_to_read(&path, DiskMode::Local).expect("read").load().expect("load");
    assert_eq!(json(session.data()), json(&fresh));
    let last = session.history(None, 1).expect("history")[0].id;
    session.undo(last).expect("undo the deletion");
    assert!(session.data().persons.iter().any(|p| p.id == gone));
    let fresh = uchrost::app::open_to_read(&path, DiskMode::Local).expect("read").load().expect("load");
    assert_eq!(json(session.data()), json(&fresh));
    let all = session.history(None, 20).expect("history");
    let bulk = all.iter().find(|a| a.description == "два").expect("the bulk change").id;
    session.undo(bulk).expect("undo the bulk change");
    let fresh = uchrost::app::open_to_read(&path, DiskMode::Local).expect("read").load().expect("load");
    assert_eq!(json(session.data()), json(&fresh));
}

/// Screens send commands (issue 22): nothing is written when a command is sent, the queue is applied once
/// in the order sent, each outcome is taken once by its ticket, a failed command says why and writes
/// nothing while the others are written, and an outcome nobody took is dropped at the next application.
#[test]
fn commands_wait_for_the_end_of_the_frame_and_answer_by_ticket() {
    use uchrost::app::{Command, Done};
    let (_dir, path, mut session) = demo_session(5, 3);
    let teacher = session.data().persons[0].id;
    let courses = session.data().courses.len();
    let generation = session.generation;
    let first = course(teacher, "10.10.2026");
    let mut bad = course(teacher, "11.10.2026");
    bad.hours = 4;
    let second = course(teacher, "12.10.2026");
    let t1 = session.send(Command::Put { what: "курс 1".into(), record: first.clone().into() });
    let t2 = session.send(Command::Put { what: "плохой курс".into(), record: bad.into() });
    let t3 = session.send(Command::Put { what: "курс 2".into(), record: second.clone().into() });
    assert!(session.has_queued());
    assert_eq!(session.data().courses.len(), courses, "nothing is written when a command is sent");
    assert_eq!(session.generation, generation);
    assert!(session.outcome(t1).is_none(), "no outcome before the queue is applied");
    assert_eq!(session.apply_queued(), 3);
    assert!(!session.has_queued());
    assert!(matches!(session.outcome(t1), Some(Ok(Done::Written))));
    let refused = session.outcome(t2).expect("answered").expect_err("4 hours are too few for courses");
    assert!(refused.to_string().contains("4 ч — мало"), "{refused}");
    assert!(session.outcome(t1).is_none(), "an outcome is taken once");
    let fresh = uchrost::app::open_to_read(&path, DiskMode::Local).expect("read").load().expect("load");
    assert_eq!(fresh.courses.len(), courses + 2, "the good ones are written, the bad one is not");
    assert!(fresh.courses.iter().any(|c| c.id == first.id) && fresh.courses.iter().any(|c| c.id == second.id));
    assert_eq!(session.data().courses.len(), courses + 2);
    // The third outcome was never taken: the next application drops it.
    let t4 = session.send(Command::Undo(i64::MAX));
    assert_eq!(session.apply_queued(), 1);
    assert!(session.outcome(t3).is_none(), "an outcome not taken in the next frame is gone");
    assert!(session.outcome(t4).expect("answered").is_err(), "an action that does not exist is not undone");
}

/// The load that reports its progress (for the bar of a large database opening) reads the same records
/// as the plain load, and its shares only grow, ending at 1.
#[test]
fn a_load_with_progress_reads_the_same_and_ends_at_one() {
    let (_dir, path, _session) = demo_session(60, 4);
    let store = uchrost::app::open_to_read(&path, DiskMode::Local).expect("read");
    let seen = std::cell::RefCell::new(Vec::new());
    let data = store.load_with_progress(&|f| seen.borrow_mut().push(f)).expect("load");
    let json = |d: &uchrost::domain::Dataset| d.records().iter().map(|r| r.to_json().to_string()).collect::<Vec<_>>();
    assert_eq!(json(&data), json(&store.load().expect("load")));
    let seen = seen.into_inner();
    assert_eq!(seen.last(), Some(&1.0));
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
}
