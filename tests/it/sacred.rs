//! Data is sacred under the ways people really break it (issue 19): a restore from the oldest copy, two
//! programs writing at once, backups that crowd each other out, a full disk at commit and at the
//! checkpoint, read-only files and folders, a damaged header, `init` on a full disk, backups of two
//! organisations side by side, English messages, formula cells, file modes, free text in packages,
//! erasing a person, the journal of operations.
//!
//! The full disk is real: the command runs under `prlimit --fsize` (the largest file it may write), so
//! SQLite's own write fails where it would on a full disk. Read-only files and folders are marked so by
//! their permission bits, which the app honours even when it runs as root (as CI does).

use crate::support::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use uchrost::domain::*;
use uchrost::storage::{DiskMode, StorageError, Store, backup};

fn today() -> chrono::NaiveDate {
    d("23.11.2026")
}

fn exe() -> &'static str {
    env!("CARGO_BIN_EXE_uchrost")
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// Runs a command of the app and waits for it at most two minutes: nothing may wait without a limit.
fn run(args: &[&str]) -> Output {
    run_command(Command::new(exe()).args(args))
}

/// Starts a command of the app with its output piped (to race it against another).
fn start(args: &[&str]) -> std::process::Child {
    Command::new(exe()).args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn")
}

fn run_command(cmd: &mut Command) -> Output {
    use std::io::Read;
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    // Read while it runs: a command that prints much would wait for ever on a full pipe.
    let drain = |mut from: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = from.read_to_end(&mut bytes);
            bytes
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("stdout")));
    let err = drain(Box::new(child.stderr.take().expect("stderr")));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("the command did not end in two minutes: {cmd:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output { status, stdout: out.join().expect("stdout"), stderr: err.join().expect("stderr") }
}

/// The command under a limit on the size of any file it writes (a disk that fills up at `bytes`).
fn run_on_full_disk(bytes: u64, args: &[&str]) -> Output {
    // SIGXFSZ would kill the process at the limit; ignored, the write fails as on a full disk.
    let script = format!("trap '' XFSZ; exec prlimit --fsize={bytes} -- \"$0\" \"$@\"");
    run_command(Command::new("sh").arg("-c").arg(script).arg(exe()).args(args))
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn hash(path: &Path) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(std::fs::read(path).expect("read")).to_vec()
}

fn persons(path: &Path) -> Vec<Person> {
    let store = Store::open_read_only(path, DiskMode::Local).expect("open");
    store.load().expect("load").persons
}

/// A name part made of letters for the number `i` («аа», «аб» …): names have no digits.
fn letters(mut i: usize) -> String {
    let alphabet: Vec<char> = "абвгдежзиклмнопрстуфхцчшэюя".chars().collect();
    let mut out = String::new();
    loop {
        out.push(alphabet[i % alphabet.len()]);
        i /= alphabet.len();
        if i == 0 {
            return out;
        }
    }
}

/// A staff sheet of `n` teachers (CSV, as schools export it).
fn staff_csv(dir: &Path, name: &str, n: usize) -> PathBuf {
    let mut text = String::from("ФИО;Дата рождения;Должность;Предметы;Стаж;Категория;Дата присвоения\n");
    for i in 0..n {
        text.push_str(&format!(
            "Учителева{} Анна Сергеевна;{:02}.04.198{};учитель;математика;{};первая;15.03.2023\n",
            letters(i),
            i % 28 + 1,
            i % 10,
            i % 15 + 1
        ));
    }
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write sheet");
    path
}

fn own_person(store: &Store, last: &str) -> Person {
    let own = store.own_org().id;
    Person { author: own, school: own, ..person(last, "10.01.1985", "01.09.2008") }
}

// ---------------------------------------------------------------------------------------------------
// 1. Restore

/// With the copies of a kind at their limit, a restore from the oldest keeps the chosen copy whole and
/// brings its data back: the copy «перед восстановлением» never pushes it out first.
#[test]
fn a_restore_from_the_oldest_of_a_full_set_of_copies_works_and_keeps_the_copy() {
    let kinds: [(&str, backup::BackupKind); 3] = [
        ("перед восстановлением", backup::BackupKind::BeforeRestore),
        ("по команде", backup::BackupKind::Manual),
        ("ежедневная", backup::BackupKind::Daily),
    ];
    for (reason, kind) in kinds {
        let (_dir, path, mut store) = school_db();
        for i in 0..kind.keep() {
            store.put("Добавлен", own_person(&store, &format!("Копиев{}", letters(i))), today()).expect("add");
            if kind == backup::BackupKind::Daily {
                store.daily_backup(today() + chrono::Days::new(i as u64)).expect("daily").expect("made");
            } else {
                store.backup(reason).expect("backup");
            }
        }
        store.put("Добавлен", own_person(&store, "Последний"), today()).expect("add");
        store.close().expect("close");
        let of_kind: Vec<_> = backup::list(&path).expect("list").into_iter().filter(|b| b.kind == kind).collect();
        assert_eq!(of_kind.len(), kind.keep(), "{reason}: the set is full");
        let oldest = of_kind.last().expect("oldest").path.clone();
        let before = hash(&oldest);
        let done = uchrost::app::restore(&path, &oldest, DiskMode::Local, false)
            .unwrap_or_else(|e| panic!("{reason}: restore from the oldest: {e}"));
        let names: Vec<String> = persons(&path).iter().map(|p| p.last_name.clone()).collect();
        assert_eq!(names, vec!["Копиева"], "{reason}: the oldest copy's data is back");
        assert!(oldest.exists(), "{reason}: the chosen copy is kept");
        assert_eq!(hash(&oldest), before, "{reason}: and unchanged");
        let saved = done.before.expect("the state before the restore is kept");
        let saved_store = Store::open_read_only(&saved, DiskMode::Local).expect("the copy before opens");
        assert_eq!(saved_store.load().expect("load").persons.len(), kind.keep() + 1, "{reason}");
        let store = Store::open(&path, DiskMode::Local).expect("reopens");
        assert!(store.integrity_problems().expect("check").is_empty());
        store.close().expect("close");
    }
}

/// A restore checks its copy first: of this app, whole, of this organisation (another one only when
/// asked), and never while another program has the database open for writing.
#[test]
fn a_restore_refuses_another_organisation_a_foreign_file_and_a_busy_database() {
    let (dir, path, mut store) = school_db();
    store.put("Добавлен", own_person(&store, "Своя"), today()).expect("add");
    store.close().expect("close");
    let other = dir.path().join("другая.db");
    let mut them = uchrost::app::create_school(&other, "МОУ СОШ № 9", "009", DiskMode::Local).expect("other");
    them.put("Добавлен", own_person(&them, "Чужая"), today()).expect("add");
    them.close().expect("close");
    let before = hash(&path);

    let err = uchrost::app::restore(&path, &other, DiskMode::Local, false).expect_err("another organisation");
    assert!(matches!(err, StorageError::OtherOrganisation { .. }), "{err:?}");
    assert!(err.to_string().contains("МОУ СОШ № 9"), "{err}");
    assert_eq!(hash(&path), before, "nothing changed");
    let o = run(&["restore", "--db", p(&path), "--from", p(&other)]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("другой организации") && text(&o).contains("--other-org"), "{}", text(&o));
    assert_eq!(hash(&path), before);

    let junk = dir.path().join("не копия.db");
    std::fs::write(&junk, vec![7u8; 8192]).expect("junk");
    let err = uchrost::app::restore(&path, &junk, DiskMode::Local, false).expect_err("not a database");
    assert!(matches!(err, StorageError::NotADatabase { .. }), "{err:?}");
    assert_eq!(hash(&path), before);

    let holder = Store::open(&path, DiskMode::Local).expect("another program writes");
    let copy = dir.path().join("копия.db");
    std::fs::copy(&path, &copy).expect("copy");
    let err = uchrost::app::restore(&path, &copy, DiskMode::Local, false).expect_err("busy");
    assert!(matches!(err, StorageError::Busy { .. }), "{err:?}");
    drop(holder);

    let o = run(&["restore", "--db", p(&path), "--from", p(&other), "--other-org"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("другой организации"), "{}", text(&o));
    assert_eq!(persons(&path)[0].last_name, "Чужая");
}

// ---------------------------------------------------------------------------------------------------
// 2. Two writers

/// How many races of two writers the regular run makes; the fault suite sets `UCHROST_RACE_ROUNDS`
/// (see BENCHMARKS.md).
fn rounds(regular: usize) -> usize {
    std::env::var("UCHROST_RACE_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(regular)
}

/// Two `import-sheet` runs of one sheet at once, in both orders and at random distances: one writes,
/// the other waits for nothing and says who holds the database; never a person twice, never an update
/// lost, never a success that wrote nothing.
#[test]
fn two_imports_at_once_never_double_or_lose_people() {
    let dir = tempfile::tempdir().expect("dir");
    let sheet = staff_csv(dir.path(), "педагоги.csv", 400);
    let mut rng = uchrost::demo::Rng::new(19);
    let (mut refused, mut both) = (0, 0);
    for round in 0..rounds(4) {
        let db = dir.path().join(format!("школа-{round}.db"));
        uchrost::app::create_school(&db, "МОУ СОШ № 7", "007", DiskMode::Local).expect("db").close().expect("close");
        let spawn = || start(&["import-sheet", "--db", p(&db), "--kind", "teachers", p(&sheet)]);
        let first = spawn();
        std::thread::sleep(Duration::from_millis(rng.range(0, 40) as u64));
        let second = spawn();
        let (first, second) = if round % 2 == 0 { (first, second) } else { (second, first) };
        let outputs = [first.wait_with_output().expect("wait"), second.wait_with_output().expect("wait")];
        let mut wrote = 0;
        for o in &outputs {
            let t = text(o);
            match o.status.code() {
                Some(0) => {
                    assert!(t.contains("Записано строк: 400") || t.contains("без изменений 400"), "{round}: {t}");
                    wrote += 1;
                }
                Some(1) => {
                    assert!(t.contains("открыта в другой программе на этом компьютере"), "{round}: {t}");
                    assert!(t.contains("import-sheet"), "{round}: the holder is named: {t}");
                    refused += 1;
                }
                other => panic!("{round}: exit {other:?}: {t}"),
            }
        }
        assert!(wrote >= 1, "{round}: one of them wrote");
        if wrote == 2 {
            both += 1;
        }
        let people = persons(&db);
        assert_eq!(people.len(), 400, "{round}: every person once");
        let names: std::collections::HashSet<_> = people.iter().map(|p| p.full_name()).collect();
        assert_eq!(names.len(), 400, "{round}: no person twice");
        // Each kept what the sheet says: the category and its date, not an update overwritten with empties.
        let store = Store::open_read_only(&db, DiskMode::Local).expect("open");
        let data = store.load().expect("load");
        assert_eq!(data.attestations.len(), 400, "{round}: the categories, once each");
        assert!(store.integrity_problems().expect("check").is_empty());
    }
    assert!(refused + both == rounds(4), "every round ended one way or the other");
    eprintln!("two imports at once: {} rounds, {refused} with one refused, {both} one after the other", rounds(4));
}

/// An import and a restore at once: whichever comes second is refused, or runs after the first; an
/// import that reports its rows written has them in the database, or — when a restore ran after it — in
/// the copy «перед восстановлением» that the restore made.
#[test]
fn an_import_and_a_restore_at_once_never_lose_a_reported_import() {
    let dir = tempfile::tempdir().expect("dir");
    let sheet = staff_csv(dir.path(), "педагоги.csv", 300);
    let mut rng = uchrost::demo::Rng::new(1919);
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    for round in 0..rounds(4) {
        let db = dir.path().join(format!("школа-{round}.db"));
        let mut store = uchrost::app::create_school(&db, "МОУ СОШ № 7", "007", DiskMode::Local).expect("db");
        let copy = store.backup("по команде").expect("copy");
        store.close().expect("close");
        let import = || start(&["import-sheet", "--db", p(&db), "--kind", "teachers", p(&sheet)]);
        let restore = || start(&["restore", "--db", p(&db), "--from", p(&copy)]);
        let import_first = round % 2 == 0;
        let first = if import_first { import() } else { restore() };
        std::thread::sleep(Duration::from_millis(rng.range(0, 30) as u64));
        let second = if import_first { restore() } else { import() };
        let (imp, res) = if import_first { (first, second) } else { (second, first) };
        let (imp, res) = (imp.wait_with_output().expect("wait"), res.wait_with_output().expect("wait"));
        let (it, rt) = (text(&imp), text(&res));
        let imported = imp.status.code() == Some(0);
        let restored = res.status.code() == Some(0);
        for (o, t) in [(&imp, &it), (&res, &rt)] {
            if o.status.code() != Some(0) {
                assert!(t.contains("открыта в другой программе"), "{round}: {t}");
            }
        }
        assert!(imported || restored, "{round}: one of them ran");
        let now = persons(&db).len();
        if imported {
            assert!(it.contains("Записано строк: 300"), "{round}: {it}");
            if now != 300 {
                assert!(restored && now == 0, "{round}: rows neither there nor restored away: {now}");
                let before = backup::list(&db)
                    .expect("list")
                    .into_iter()
                    .find(|b| b.kind == backup::BackupKind::BeforeRestore)
                    .expect("the copy before the restore");
                assert_eq!(persons(&before.path).len(), 300, "{round}: the import is in the copy before the restore");
            }
        } else {
            assert_eq!(now, 0, "{round}");
        }
        let outcome = match (imported, restored, now) {
            (true, true, 300) => "restore, then import",
            (true, true, _) => "import, then restore",
            (true, false, _) => "restore refused",
            _ => "import refused",
        };
        *seen.entry(outcome.to_string()).or_default() += 1;
        let store = Store::open_read_only(&db, DiskMode::Local).expect("open");
        assert!(store.integrity_problems().expect("check").is_empty());
    }
    eprintln!("an import and a restore at once: {seen:?}");
}

/// The window's session holds the database: a command that writes is refused with the holder named,
/// one that reads works, a backup is made, a restore waits for nothing and changes nothing; once the
/// window is closed the command writes.
#[test]
fn the_window_and_a_command_never_write_at_once() {
    let (dir, path, store) = school_db();
    store.close().expect("close");
    let sheet = staff_csv(dir.path(), "педагоги.csv", 20);
    uchrost::storage::lock::set_program("окно УчРост");
    let session = uchrost::app::Session::new(uchrost::app::open_for_window(&path, DiskMode::Local).expect("open"))
        .expect("session");
    let o = run(&["import-sheet", "--db", p(&path), "--kind", "teachers", p(&sheet)]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("открыта в другой программе на этом компьютере: окно УчРост"), "{}", text(&o));
    let o = run(&["teachers", "--db", p(&path)]);
    assert_eq!(o.status.code(), Some(0), "reading works: {}", text(&o));
    let o = run(&["backup", "--db", p(&path)]);
    assert_eq!(o.status.code(), Some(0), "a backup is made: {}", text(&o));
    assert!(text(&o).contains("без записи в журнал"), "{}", text(&o));
    let copy = backup::list(&path).expect("list")[0].path.clone();
    let o = run(&["restore", "--db", p(&path), "--from", p(&copy)]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("открыта в другой программе"), "{}", text(&o));
    assert!(session.data().persons.is_empty());
    session.close().expect("close");
    let o = run(&["import-sheet", "--db", p(&path), "--kind", "teachers", p(&sheet)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(persons(&path).len(), 20);
}

/// A command writing when the window starts: the window says who holds the database, and «Повторить»
/// opens it once the command has ended.
#[test]
fn the_window_started_while_a_command_writes_says_so_and_retries() {
    use egui_kittest::kittest::Queryable;
    use std::io::BufRead;
    let (_dir, path, store) = school_db();
    store.close().expect("close");
    let mut writer = Command::new(exe())
        .args(["crash-writer", "--db", p(&path)])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("writer");
    let mut lines = std::io::BufReader::new(writer.stdout.take().expect("stdout")).lines();
    assert!(lines.next().is_some(), "the writer writes");
    let app = uchrost::ui::UchrostApp::new(
        uchrost::app::paths::DbLocation { path: path.clone(), mode: DiskMode::Local },
        today(),
    );
    let mut h = harness_of(app, 1366.0, 768.0);
    h.get_by_label("Базу данных не удалось открыть");
    h.get_by_label_contains("открыта в другой программе на этом компьютере: команда «uchrost crash-writer»");
    writer.kill().expect("kill");
    writer.wait().expect("wait");
    drop(lines);
    h.get_by_label("Повторить").click();
    h.run();
    assert!(h.state().session().is_some(), "opened once the command ended");
}

// ---------------------------------------------------------------------------------------------------
// 3. Backups

/// Copies of one kind never crowd out another: 25 schema copies leave the daily and the demo ones.
#[test]
fn backups_of_one_kind_never_crowd_out_another() {
    let (_dir, path, mut store) = school_db();
    let daily = store.daily_backup(today()).expect("daily").expect("made");
    let demo = store.backup("перед заполнением демо").expect("demo");
    for i in 0..25 {
        store.backup(&format!("перед обновлением схемы {i}")).expect("backup");
    }
    store.close().expect("close");
    assert!(daily.exists() && demo.exists(), "the daily and the demo copies are kept");
    let list = backup::list(&path).expect("list");
    let schema = list.iter().filter(|b| b.kind == backup::BackupKind::BeforeSchema).count();
    assert_eq!(schema, backup::BackupKind::BeforeSchema.keep());
}

/// A copy killed half way leaves its `.part`: the next program that opens the database (to read, here)
/// removes it and says so; one another program is still writing (locked) is left alone.
#[test]
fn unfinished_copies_are_removed_at_start_and_said() {
    let (_dir, path, store) = school_db();
    store.close().expect("close");
    let folder = backup::folder(&path);
    std::fs::create_dir_all(&folder).expect("folder");
    let left = folder.join("007--20261120-101010--ежедневная.db.part");
    std::fs::write(&left, vec![0u8; 3 * 1024 * 1024]).expect("part");
    // What a restore killed half way leaves: its held copy of the chosen backup.
    let restore_part = folder.join("school.20261120-101010.restore-part");
    std::fs::write(&restore_part, b"SQLite format 3\0").expect("held");
    let busy = folder.join("007--20261123-090000--по_команде.db.part");
    let held = std::fs::File::create(&busy).expect("busy part");
    held.lock().expect("lock");
    let o = run(&["check", "--db", p(&path)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        text(&o).contains("Удалены незаконченные резервные копии") && text(&o).contains("2 (3 МБ)"),
        "{}",
        text(&o)
    );
    assert!(!left.exists() && !restore_part.exists(), "the unfinished copies are gone");
    assert!(busy.exists(), "a copy being written is left alone");
    drop(held);
    // Opened for writing, the removal of the one left now is in the journal too.
    let store = Store::open(&path, DiskMode::Local).expect("open");
    assert!(store.notes().iter().any(|n| n.contains("незаконченные")), "{:?}", store.notes());
    assert!(store.journal_entries(20).expect("journal").iter().any(|e| e.event == "cleanup"));
}

/// Backups live in a folder of their database and are named by the organisation: the copies of a
/// school's and a municipality's database kept side by side never mix.
#[test]
fn backups_are_kept_per_database_and_named_by_the_organisation() {
    let (dir, path, mut school) = school_db();
    let mun_path = dir.path().join("school-mun.db");
    let mut mun =
        uchrost::app::create_municipality(&mun_path, "Управление образования", "M1", DiskMode::Local).expect("mun");
    for _ in 0..3 {
        school.backup("по команде").expect("backup");
        mun.backup("по команде").expect("backup");
    }
    let ours = backup::list(&path).expect("list");
    assert_eq!(ours.len(), 3);
    assert!(ours.iter().all(|b| b.org == "007"), "{ours:?}");
    assert!(ours.iter().all(|b| b.path.file_name().is_some_and(|n| n.to_string_lossy().starts_with("007--"))));
    let theirs = backup::list(&mun_path).expect("list");
    assert_eq!(theirs.len(), 3);
    assert!(theirs.iter().all(|b| b.org == "M1"), "{theirs:?}");
}

// ---------------------------------------------------------------------------------------------------
// 4 and 7. A full disk

/// A database of `teachers` demo teachers, closed; its size.
fn big_school(teachers: usize) -> (tempfile::TempDir, PathBuf, u64) {
    let (dir, path, _) = closed_demo_school(teachers, 3, today());
    let size = std::fs::metadata(&path).expect("meta").len();
    (dir, path, size)
}

/// The disk fills up after the commit, at the checkpoint that moves the log into the file: the import
/// says what it wrote and warns about the checkpoint (exit 0), and the data is there on the next start.
#[test]
fn a_full_disk_at_the_checkpoint_reports_what_was_committed() {
    let (dir, path, size) = big_school(200);
    let sheet = staff_csv(dir.path(), "педагоги.csv", 10);
    let o = run_on_full_disk(size, &["import-sheet", "--db", p(&path), "--kind", "teachers", p(&sheet)]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(0), "{t}");
    assert!(t.contains("Записано строк: 10"), "{t}");
    assert!(t.contains("не перенесено из журнала") && t.contains("Освободите место"), "{t}");
    assert!(!t.contains("database or disk is full"), "{t}");
    let store = Store::open(&path, DiskMode::Local).expect("opens with the disk free again");
    let data = store.load().expect("load");
    assert_eq!(data.persons.iter().filter(|p| p.last_name.starts_with("Учителева")).count(), 10);
    assert!(store.integrity_problems().expect("check").is_empty());
}

/// The disk is full at the commit: the import says so in Russian, exit 1, and nothing is written. (A file
/// size limit fails SQLite's write as «ошибка ввода-вывода»; a full disk, as «диск заполнен»: both are
/// told in Russian, see the messages test.)
#[test]
fn a_full_disk_at_the_commit_writes_nothing_and_says_so() {
    let (dir, path, size) = big_school(5);
    let sheet = staff_csv(dir.path(), "педагоги.csv", 3000);
    let before = persons(&path).len();
    let o = run_on_full_disk(size + 8192, &["import-sheet", "--db", p(&path), "--kind", "teachers", p(&sheet)]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    let last = t.lines().last().unwrap_or_default();
    assert!(last.contains("ничего не записано") && is_russian(last), "{t}");
    assert!(!t.contains("Записано строк") && !t.contains("disk is full"), "{t}");
    assert_eq!(persons(&path).len(), before, "nothing written");
}

/// `init` on a full disk leaves no file that blocks the next `init`; an empty file left by an earlier
/// failure is replaced.
#[test]
fn init_on_a_full_disk_leaves_nothing_in_the_way() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("школа.db");
    let o = run_on_full_disk(4096, &["init", "--db", p(&db), "--school", "МОУ СОШ № 3", "--code", "003"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        !db.exists(),
        "no half-made database: {:?}",
        std::fs::read_dir(dir.path()).expect("dir").collect::<Vec<_>>()
    );
    let o = run(&["init", "--db", p(&db), "--school", "МОУ СОШ № 3", "--code", "003"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let empty = dir.path().join("пустой.db");
    std::fs::write(&empty, b"").expect("empty");
    let o = run(&["init", "--db", p(&empty), "--school", "МОУ СОШ № 4", "--code", "004"]);
    assert_eq!(o.status.code(), Some(0), "an empty file is replaced: {}", text(&o));
}

// ---------------------------------------------------------------------------------------------------
// 5. Read-only files and folders

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// A read-only database file opens read-only and says so; reading works, writing is refused with the
/// reason, nothing hangs, nothing is «повреждён».
#[test]
fn a_read_only_file_opens_read_only_and_says_so() {
    let (dir, path, _) = closed_demo_school(10, 4, today());
    let sheet = staff_csv(dir.path(), "педагоги.csv", 5);
    set_mode(&path, 0o444);
    let before = hash(&path);
    let o = run(&["teachers", "--db", p(&path)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("только для чтения"), "{}", text(&o));
    let o = run(&["import-sheet", "--db", p(&path), "--kind", "teachers", p(&sheet)]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("файл только для чтения") && !text(&o).contains("повреждён"), "{}", text(&o));
    let o = run(&["backup", "--db", p(&path)]);
    assert_eq!(o.status.code(), Some(0), "a copy of a read-only file: {}", text(&o));
    assert_eq!(hash(&path), before, "the file is untouched");
    let store = Store::open(&path, DiskMode::Local).expect("opens read-only");
    assert_eq!(store.read_only_reason(), Some("файл только для чтения"));
    set_mode(&path, 0o644);
}

/// A read-only folder: the database is read as it is (no `-wal` can be made beside it), a write is
/// refused naming the folder; a read-only backup folder is named as such.
#[test]
fn a_read_only_folder_and_backup_folder_are_named_as_such() {
    let (dir, path, _) = closed_demo_school(10, 4, today());
    let sheet = staff_csv(dir.path(), "педагоги.csv", 5);
    let folder = dir.path().join("только чтение");
    std::fs::create_dir(&folder).expect("folder");
    let db = folder.join("school.db");
    std::fs::copy(&path, &db).expect("copy");
    set_mode(&folder, 0o555);
    let o = run(&["teachers", "--db", p(&db)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let o = run(&["import-sheet", "--db", p(&db), "--kind", "teachers", p(&sheet)]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(t.contains("папка только для чтения") && !t.contains("повреждён"), "{t}");
    set_mode(&folder, 0o755);

    // The backup folder alone is read-only.
    let backups = backup::folder(&path);
    std::fs::create_dir_all(&backups).expect("backups");
    set_mode(&backups, 0o555);
    let o = run(&["backup", "--db", p(&path)]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(t.contains("папка резервных копий") && t.contains("только для чтения"), "{t}");
    set_mode(&backups, 0o755);
}

// ---------------------------------------------------------------------------------------------------
// 6. A damaged header

/// A byte flipped in the header: the schema version (an impossible number, or an older version than
/// the tables) and the format bytes SQLite needs to write. Each is damage found on open and by
/// `check`, never a migration; no backup is made of the damaged file, and the file is not changed.
#[test]
fn a_damaged_header_is_damage_never_a_migration() {
    let cases: [(&str, usize, u8); 6] = [
        ("the version's high byte", 60, 0x01),
        ("the version's sign", 60, 0xFF),
        ("an older version than the tables", 63, 3),
        ("a version far beyond any release", 63, 0xFB),
        ("the write format", 18, 7),
        ("the read format", 19, 9),
    ];
    let (dir, path, _) = closed_demo_school(8, 6, today());
    for (what, offset, value) in cases {
        let db = dir.path().join(format!("повреждённая-{offset}-{value}.db"));
        let mut bytes = std::fs::read(&path).expect("read");
        bytes[offset] = value;
        std::fs::write(&db, &bytes).expect("write");
        let before = hash(&db);
        let err = Store::open(&db, DiskMode::Local).err().unwrap_or_else(|| panic!("{what}: opened"));
        assert!(matches!(err, StorageError::Damaged { .. }), "{what}: {err:?}");
        assert!(!err.to_string().contains("CREATE") && !err.to_string().contains("ALTER"), "{what}: {err}");
        assert!(backup::list(&db).expect("list").is_empty(), "{what}: no backup of a damaged file");
        let o = run(&["check", "--db", p(&db)]);
        assert_eq!(o.status.code(), Some(1), "{what}: {}", text(&o));
        assert!(text(&o).contains("повреждён"), "{what}: {}", text(&o));
        assert_eq!(hash(&db), before, "{what}: the file is not changed");
    }
}

// ---------------------------------------------------------------------------------------------------
// 9. Russian messages

fn is_russian(message: &str) -> bool {
    let has_cyrillic = message.chars().any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c)));
    let english_word = message
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| w.len() >= 4 && !matches!(w, "SQLite" | "Excel" | "LibreOffice" | "XLSX" | "xlsx" | "uchrost"));
    has_cyrillic && !english_word
}

#[test]
fn the_messages_of_sqlite_the_disk_and_the_sheet_reader_are_russian() {
    use rusqlite::ffi;
    for code in [
        ffi::SQLITE_FULL,
        ffi::SQLITE_IOERR,
        ffi::SQLITE_BUSY,
        ffi::SQLITE_LOCKED,
        ffi::SQLITE_READONLY,
        ffi::SQLITE_CANTOPEN,
        ffi::SQLITE_CORRUPT,
        ffi::SQLITE_NOTADB,
        ffi::SQLITE_PERM,
    ] {
        let e = StorageError::Sqlite(rusqlite::Error::SqliteFailure(ffi::Error::new(code), Some("English".into())));
        assert!(is_russian(&e.to_string()), "{code}: {e}");
    }
    for kind in [
        std::io::ErrorKind::StorageFull,
        std::io::ErrorKind::PermissionDenied,
        std::io::ErrorKind::ReadOnlyFilesystem,
        std::io::ErrorKind::NotFound,
        std::io::ErrorKind::Other,
    ] {
        let e = StorageError::Io(std::io::Error::new(kind, "English text"));
        assert!(is_russian(&e.to_string()), "{kind:?}: {e}");
    }
    for english in [
        "Workbook is password protected",
        "Zip error: invalid Zip archive: Could not find EOCD",
        "invalid utf-8 sequence of 1 bytes from index 3",
        "Xml error: ill-formed document",
        "Cfb error: Invalid OLE signature",
    ] {
        let message = uchrost::import::sheet::unreadable_message(english);
        assert!(is_russian(&message), "{english}: {message}");
    }
    // A workbook saved with a password (an encrypted OLE container, whatever its extension), and an old
    // XLS renamed to .xlsx: each said as what it is.
    let dir0 = tempfile::tempdir().expect("dir");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(512, 0);
    let mut encrypted = ole.clone();
    encrypted.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
    for (bytes, expected) in [(encrypted, "защищена паролем"), (ole, "старого формата (XLS)")]
    {
        let f = dir0.path().join("книга.xlsx");
        std::fs::write(&f, bytes).expect("write");
        let e = uchrost::import::sheet::sheet_names(&f).expect_err("refused").to_string();
        assert!(e.contains(expected) && is_russian(&e), "{e}");
        let e = uchrost::import::sheet::read(&f, None).expect_err("refused").to_string();
        assert!(e.contains(expected), "{e}");
    }
    // A file that only has the name of a workbook.
    let dir = tempfile::tempdir().expect("dir");
    let fake = dir.path().join("список.xlsx");
    std::fs::write(&fake, "это не книга").expect("write");
    let (_d, path, store) = school_db();
    store.close().expect("close");
    let o = run(&["import-sheet", "--db", p(&path), "--kind", "teachers", p(&fake)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(is_russian(text(&o).trim()), "{}", text(&o));
}

// ---------------------------------------------------------------------------------------------------
// 10. Formula cells

/// An XLSX as a program that does not compute formulas writes it: a formula with no value in row 2, a
/// `#REF!` in row 3, a good row 4.
fn sheet_with_formulas(path: &Path) {
    use std::io::Write;
    let files: [(&str, String); 5] = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.into(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.into(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.into(),
        ),
        ("xl/worksheets/sheet1.xml", {
            let s = |r: &str, t: &str| format!(r#"<c r="{r}" t="inlineStr"><is><t>{t}</t></is></c>"#);
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">{}{}{}{}</row><row r="2">{}<c r="B2"><f>DATE(1985,4,12)</f></c>{}{}</row><row r="3">{}{}{}<c r="D3" t="e"><v>#REF!</v></c></row><row r="4">{}{}{}{}</row></sheetData></worksheet>"#,
                s("A1", "ФИО"),
                s("B1", "Дата рождения"),
                s("C1", "Категория"),
                s("D1", "Дата присвоения"),
                s("A2", "Формулова Анна Сергеевна"),
                s("C2", "первая"),
                s("D2", "15.03.2023"),
                s("A3", "Ссылкина Анна Сергеевна"),
                s("B3", "12.04.1985"),
                s("C3", "высшая"),
                s("A4", "Верная Анна Сергеевна"),
                s("B4", "12.04.1985"),
                s("C4", "высшая"),
                s("D4", "15.03.2024"),
            )
        }),
    ];
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).expect("create"));
    for (name, body) in files {
        zip.start_file(name, zip::write::SimpleFileOptions::default()).expect("entry");
        zip.write_all(body.as_bytes()).expect("write");
    }
    zip.finish().expect("finish");
}

/// A formula without its value and an error cell are errors of their rows, named by column, never read
/// as empty; a failed import keeps the column mapping it had.
#[test]
fn formula_cells_without_values_and_error_cells_are_row_errors() {
    let (dir, path, store) = school_db();
    store.close().expect("close");
    let sheet = dir.path().join("формулы.xlsx");
    sheet_with_formulas(&sheet);
    let o = run(&["import-sheet", "--db", p(&path), "--kind", "teachers", p(&sheet)]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(t.contains("строка 2") && t.contains("«Дата рождения»: в ячейке формула без вычисленного значения"), "{t}");
    assert!(t.contains("строка 3") && t.contains("«Дата присвоения»: в ячейке ошибка формулы #REF!"), "{t}");
    assert!(t.contains("строка 4: Верная Анна Сергеевна — будет создано"), "{t}");
    assert!(persons(&path).is_empty(), "nothing written");
    let store = Store::open_read_only(&path, DiskMode::Local).expect("open");
    let remembered: Option<serde_json::Value> = store.setting("import_mapping.teachers").expect("setting");
    assert_eq!(remembered, None, "a failed import keeps no mapping");
}

// ---------------------------------------------------------------------------------------------------
// 11. File modes

#[test]
fn files_with_personal_data_are_readable_by_the_user_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("школа.db");
    let mun_db = dir.path().join("мун.db");
    let mode = |path: &Path| std::fs::metadata(path).expect("meta").permissions().mode() & 0o777;
    let mun = uchrost::app::create_municipality(&mun_db, "Управление", "M1", DiskMode::Local).expect("mun");
    mun.close().expect("close");
    let card_file = dir.path().join("карточка.txt");
    let o = run(&["keys", "--db", p(&mun_db), "--export", p(&card_file)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let o = run(&["demo", "--db", p(&db), "--teachers", "10"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let o = run(&["keys", "--db", p(&db), "--import", p(&card_file)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let package = dir.path().join("пакет.uchpkg");
    assert_eq!(run(&["export", "--db", p(&db), "--out", p(&package)]).status.code(), Some(0));
    let report = dir.path().join("справка.pdf");
    assert_eq!(run(&["report", "--db", p(&db), "--kind", "staff", "--out", p(&report)]).status.code(), Some(0));
    let own = dir.path().join("копия.db");
    assert_eq!(run(&["backup", "--db", p(&db), "--out", p(&own)]).status.code(), Some(0));
    let store = Store::open(&db, DiskMode::Local).expect("open");
    let wal = dir.path().join("школа.db-wal");
    let mut files = vec![db.clone(), mun_db, card_file, package, report, own, wal];
    files.extend(backup::list(&db).expect("list").into_iter().map(|b| b.path));
    for f in &files {
        assert_eq!(mode(f) & 0o077, 0, "{} is {:o}", f.display(), mode(f));
    }
    assert_eq!(mode(&backup::folder(&db)) & 0o077, 0, "the backup folder");
    store.close().expect("close");
}

// ---------------------------------------------------------------------------------------------------
// 12. Free text stays at the school

#[test]
fn the_reason_for_leaving_never_travels_in_a_package() {
    let dir = tempfile::tempdir().expect("dir");
    let (mun_path, school_path) = (dir.path().join("mun.db"), dir.path().join("school.db"));
    let mut mun =
        uchrost::app::create_municipality(&mun_path, "Управление образования", "M1", DiskMode::Local).expect("mun");
    let mut school = uchrost::app::create_school(&school_path, "МОУ СОШ № 4", "004", DiskMode::Local).expect("school");
    let own = school.own_org().id;
    let p = Person { author: own, school: own, ..person("Ушедшая", "10.01.1970", "01.09.1995") };
    let job = Employment {
        id: EmploymentId::new(),
        author: own,
        person: p.id,
        start: d("01.09.1995"),
        end: Some(d("31.05.2026")),
        end_reason: "по состоянию здоровья".into(),
        start_unknown: false,
    };
    school.put("Добавлен", p, today()).expect("person");
    school.put("Уволен", job.clone(), today()).expect("job");
    let card = uchrost::app::exchange::own_card(&mut mun).expect("card").to_text();
    uchrost::app::exchange::take_card(&mut school, &card).expect("take");
    let package = dir.path().join("пакет.uchpkg");
    uchrost::app::exchange::export(&mut school, &package, uchrost::app::exchange::ExportTarget::Upward, false, today())
        .expect("export");
    let outcomes =
        uchrost::app::exchange::import(&mut mun, &[package.as_path()], false, true, today()).expect("import");
    assert!(!outcomes[0].refused(), "{:?}", outcomes[0].message);
    let data = mun.load().expect("load");
    let there = data.employments.iter().find(|e| e.id == job.id).expect("the job arrived");
    assert_eq!(there.end, job.end, "the date travels");
    assert_eq!(there.end_reason, "", "the reason stays at the school");
    assert_eq!(school.load().expect("load").employments[0].end_reason, "по состоянию здоровья", "and is kept there");
}

// ---------------------------------------------------------------------------------------------------
// 13. Erasing a person

#[test]
fn a_persons_data_is_erased_with_its_history_and_nothing_of_it_stays_in_the_file() {
    let (_dir, path, mut store) = school_db();
    let gone = Person { middle_name: "Стирановна".into(), ..own_person(&store, "Стираемая") };
    let stays = own_person(&store, "Остающаяся");
    store.put(&format!("Добавлен {}", gone.full_name()), gone.clone(), today()).expect("add");
    store.put("Добавлен", stays.clone(), today()).expect("add");
    store.put("Курс", course(gone.id, "01.06.2025"), today()).expect("course");
    store.put("Изменено", Person { phone: "+7 900 000-00-00".into(), ..gone.clone() }, today()).expect("edit");
    store.delete_person(gone.id, today()).expect("delete");
    let found = store.erasable("стираем").expect("find");
    assert_eq!(found.len(), 1);
    assert!(!found[0].present, "deleted, in the history only");
    let erased = store.erase_person(gone.id).expect("erase");
    assert!(erased.history_rows >= 4, "{erased:?}");
    store.close().expect("close");

    let bytes = std::fs::read(&path).expect("read");
    let contains = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    assert!(!contains("Стираемая") && !contains("Стирановна"), "the name is nowhere in the file");
    assert!(!contains(&gone.id.to_string()), "nor the id");
    assert!(contains("Остающаяся"), "the other person stays");
    let store = Store::open(&path, DiskMode::Local).expect("open");
    assert!(store.history(None, 100).expect("history").iter().all(|a| !a.description.contains("Стираемая")));
    let journal = store.journal_entries(5).expect("journal");
    assert!(journal.iter().any(|e| e.event == "erase" && !e.message.contains("Стираемая")), "{journal:?}");
    assert_eq!(store.load().expect("load").persons, vec![stays]);
    store.close().expect("close");

    // The command line: without --yes it only shows what would go.
    let (_d2, path2, mut store2) = school_db();
    let p2 = own_person(&store2, "Командная");
    store2.put("Добавлен", p2, today()).expect("add");
    store2.close().expect("close");
    let o = run(&["erase-person", "--db", p(&path2), "--name", "Командная"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("Ничего не стёрто") && text(&o).contains("Хранятся резервные копии"), "{}", text(&o));
    assert_eq!(persons(&path2).len(), 1);
    let o = run(&["erase-person", "--db", p(&path2), "--name", "Командная", "--yes"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("Стёрто: Командная"), "{}", text(&o));
    assert!(persons(&path2).is_empty());
}

// ---------------------------------------------------------------------------------------------------
// 14. The journal of operations

#[test]
fn the_journal_lists_every_operation_that_changed_the_database() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("старая.db");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v2.db"), &db).expect("fixture");
    set_mode(&db, 0o644);
    let sheet = staff_csv(dir.path(), "педагоги.csv", 3);
    assert_eq!(run(&["import-sheet", "--db", p(&db), "--kind", "teachers", p(&sheet)]).status.code(), Some(0));
    assert_eq!(run(&["backup", "--db", p(&db)]).status.code(), Some(0));
    let last = {
        let store = Store::open_read_only(&db, DiskMode::Local).expect("open");
        store.history(None, 1).expect("history")[0].id
    };
    let o = run(&["history", "--db", p(&db), "--undo", &last.to_string()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let copy = backup::list(&db).expect("list")[0].path.clone();
    assert_eq!(run(&["restore", "--db", p(&db), "--from", p(&copy)]).status.code(), Some(0));
    let o = run(&["journal", "--db", p(&db)]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(0), "{t}");
    for kind in ["обновление схемы", "импорт таблицы", "резервная копия", "восстановление"]
    {
        assert!(t.contains(kind), "{kind}: {t}");
    }
    // The undo happened after the copy that was restored: the journal before the restore had it.
    let saved = backup::list(&db).expect("list").into_iter().find(|b| b.kind == backup::BackupKind::BeforeRestore);
    let saved =
        Store::open_read_only(&saved.expect("the copy before the restore").path, DiskMode::Local).expect("open");
    assert!(saved.journal_entries(50).expect("journal").iter().any(|e| e.event == "undo"));
}

// ---------------------------------------------------------------------------------------------------
// The window

mod window {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use uchrost::app::paths::DbLocation;
    use uchrost::ui::UchrostApp;

    fn open(path: &Path) -> Harness<'static, UchrostApp> {
        harness_of(UchrostApp::new(DbLocation { path: path.to_owned(), mode: DiskMode::Local }, today()), 1366.0, 768.0)
    }

    fn click(h: &mut Harness<'static, UchrostApp>, label: &str) {
        h.get_by_label(label).click();
        h.run();
    }

    /// Two windows on one database: the second says the first holds it, and writes nothing.
    #[test]
    fn a_second_window_on_the_same_database_says_who_holds_it() {
        let (_dir, path, store) = school_db();
        store.close().expect("close");
        uchrost::storage::lock::set_program("окно УчРост");
        let first = open(&path);
        assert!(first.state().session().is_some());
        let second = open(&path);
        assert!(second.state().session().is_none());
        second.get_by_label_contains("открыта в другой программе на этом компьютере: окно УчРост");
        drop(first);
        let third = open(&path);
        assert!(third.state().session().is_some(), "free again once the first window is closed");
    }

    /// «Журнал операций» lists what changed the database; «Стереть персональные данные» finds a person,
    /// asks, and erases them with their history.
    #[test]
    fn settings_show_the_journal_and_erase_a_person() {
        let (_dir, path, mut store) = school_db();
        let gone = own_person(&store, "Стираемая");
        store.put("Добавлен", gone.clone(), today()).expect("add");
        store.put("Добавлен", own_person(&store, "Остающаяся"), today()).expect("add");
        store.backup("по команде").expect("backup");
        store.close().expect("close");
        let mut h = open(&path);
        click(&mut h, "Настройки");
        click(&mut h, "Журнал операций");
        h.get_by_label("создание базы");
        assert!(h.get_all_by_label("резервная копия").next().is_some());
        click(&mut h, "Журнал операций");
        click(&mut h, "Стереть персональные данные");
        type_into(&mut h, "ФИО (от трёх букв)", "стираем");
        click(&mut h, &format!("Стереть… {}", gone.full_name()));
        h.get_by_label_contains("Безвозвратно стереть все данные:");
        h.get_by_label_contains("Хранятся резервные копии: ежедневные — за последние 14 дней");
        click(&mut h, "Да, стереть безвозвратно");
        h.get_by_label_contains(&format!("Стёрто {}: 1 запись", gone.full_name()));
        let data = h.state().session().expect("open").data().clone();
        assert_eq!(data.persons.len(), 1);
        assert_eq!(data.persons[0].last_name, "Остающаяся");
        let history = h.state().session().expect("open").history(None, 50).expect("history");
        assert!(history.iter().all(|a| !a.description.contains("Стираемая")));
    }

    /// A copy of another organisation in the backup list: the restore asks again, naming it, and
    /// restores only when that is confirmed.
    #[test]
    fn restoring_another_organisations_copy_asks_again() {
        let (dir, path, store) = school_db();
        store.close().expect("close");
        let other = dir.path().join("другая.db");
        uchrost::app::create_school(&other, "МОУ СОШ № 9", "009", DiskMode::Local)
            .expect("other")
            .close()
            .expect("close");
        std::fs::create_dir_all(backup::folder(&path)).expect("folder");
        std::fs::copy(&other, backup::folder(&path).join("009--20261101-090000--по_команде.db")).expect("copy");
        let mut h = open(&path);
        click(&mut h, "Настройки");
        click(&mut h, "Резервные копии");
        click(&mut h, "Восстановить копию от 01.11.2026 09:00:00");
        click(&mut h, "Да, восстановить");
        h.get_by_label("Эта копия — база другой организации: «МОУ СОШ № 9».");
        assert_eq!(h.state().session().expect("open").org().name, "МОУ СОШ № 7", "nothing replaced yet");
        click(&mut h, "Да, заменить базу копией другой организации");
        h.get_by_label_contains("База восстановлена из копии.");
        assert_eq!(h.state().session().expect("open").org().name, "МОУ СОШ № 9");
    }
}
