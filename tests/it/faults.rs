//! Injected faults (issue 10): a full disk at every step of a save, an export and an import (SQLite's
//! `max_page_count` makes the n-th new page fail with SQLITE_FULL, for every n until the job fits), and
//! an I/O error where the backup before an import is written. Each time the database is as before —
//! every record, the history, the keys, the sequence numbers — and intact; the job says why in Russian.

use crate::support::d;
use std::path::{Path, PathBuf};
use uchrost::app::exchange::{self, ExportTarget};
use uchrost::storage::{DiskMode, Store};

fn today() -> chrono::NaiveDate {
    d("20.11.2026")
}

/// Every table of the database at `path` but the audit logs (see [`crate::support::tables`]).
fn dump(path: &Path) -> String {
    crate::support::tables(&rusqlite::Connection::open(path).expect("open"))
}

/// Opens a copy of `original` at `path` (after removing what an earlier try left) with room for only
/// `pages` more pages.
fn limited(original: &Path, path: &Path, pages: i64) -> Store {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    std::fs::copy(original, path).expect("copy");
    let store = Store::open(path, DiskMode::Local).expect("open");
    let used: i64 = store.connection().query_row("PRAGMA page_count", [], |r| r.get(0)).expect("pages");
    store.connection().pragma_update(None, "max_page_count", used + pages).expect("limit");
    store
}

fn intact(path: &Path) {
    let store = Store::open(path, DiskMode::Local).expect("reopens");
    assert!(store.integrity_problems().expect("check").is_empty());
}

struct World {
    dir: tempfile::TempDir,
    mun: PathBuf,
    school: PathBuf,
    package: PathBuf,
}

fn world() -> World {
    let dir = tempfile::tempdir().expect("dir");
    let (mun_path, school_path) = (dir.path().join("mun.db"), dir.path().join("school.db"));
    let mut mun =
        uchrost::app::create_municipality(&mun_path, "Управление образования", "M1", DiskMode::Local).expect("mun");
    let mut school = uchrost::app::create_school(&school_path, "МОУ СОШ № 4", "004", DiskMode::Local).expect("school");
    uchrost::app::fill_school_demo(&mut school, 12, 5, today()).expect("demo");
    let card = exchange::own_card(&mut mun).expect("card").to_text();
    exchange::take_card(&mut school, &card).expect("take");
    let package = dir.path().join("пакет.uchpkg");
    exchange::export(&mut school, &package, ExportTarget::Upward, false, today()).expect("export");
    mun.close().expect("close");
    school.close().expect("close");
    World { dir, mun: mun_path, school: school_path, package }
}

/// A full disk at every page of the merge: the package is refused or the call fails, the municipal copy
/// is exactly as before; with room enough the same package is accepted.
#[test]
fn a_full_disk_at_every_step_of_an_import_changes_nothing() {
    let w = world();
    let before = dump(&w.mun);
    let path = w.dir.path().join("mun-try.db");
    let mut failures = 0;
    for pages in 0.. {
        let mut store = limited(&w.mun, &path, pages);
        let result = exchange::import(&mut store, &[w.package.as_path()], false, true, today());
        let accepted = matches!(&result, Ok(o) if o[0].result == exchange::ACCEPTED);
        if let Ok(o) = &result
            && !accepted
        {
            assert!(o[0].refused(), "{o:?}");
            assert!(o[0].message.starts_with("пакет не принят:"), "{}", o[0].message);
        }
        drop(store);
        if accepted {
            assert_ne!(dump(&path), before);
            break;
        }
        failures += 1;
        assert_eq!(dump(&path), before, "a full disk after {pages} pages changed the database");
        intact(&path);
        assert!(pages < 2000, "the import never fitted");
    }
    assert!(failures > 5, "the merge needs several pages: {failures} tries failed");
}

/// A full disk at every page of a bulk save (the demo fill, one transaction): nothing of it is written.
#[test]
fn a_full_disk_at_every_step_of_a_save_changes_nothing() {
    let w = world();
    let before = dump(&w.school);
    let path = w.dir.path().join("school-try.db");
    let mut failures = 0;
    for pages in (0..).step_by(3) {
        let mut store = limited(&w.school, &path, pages);
        let result = uchrost::app::fill_school_demo(&mut store, 6, 9, today());
        drop(store);
        if result.is_ok() {
            break;
        }
        failures += 1;
        assert_eq!(dump(&path), before, "a full disk after {pages} pages changed the database");
        intact(&path);
        assert!(pages < 3000, "the save never fitted");
    }
    assert!(failures > 5, "{failures}");
}

/// A write error when the export records the package it wrote (the database refuses writes, as a
/// failing disk does): no package file is left behind (it must not be sent: the next one would carry
/// the same number), the database is as before, and once it can write the export makes that number.
#[test]
fn a_failed_write_during_an_export_leaves_no_package_behind() {
    let w = world();
    let before = dump(&w.school);
    let out = w.dir.path().join("второй пакет.uchpkg");
    let mut store = Store::open(&w.school, DiskMode::Local).expect("open");
    store.connection().pragma_update(None, "query_only", true).expect("no writes");
    let err = exchange::export(&mut store, &out, ExportTarget::Upward, false, today()).expect_err("cannot record");
    assert!(err.to_string().starts_with("пакет не записан:"), "{err}");
    assert!(!out.exists(), "a package the database does not know is left behind");
    drop(store);
    assert_eq!(dump(&w.school), before);
    intact(&w.school);
    let mut store = Store::open(&w.school, DiskMode::Local).expect("open");
    let done = exchange::export(&mut store, &out, ExportTarget::Upward, false, today()).expect("writes again");
    assert_eq!(done.sequence, 2, "the number the failed export would have used");
}

/// An I/O error where the backup before an import is written (the backup folder is a file): the import
/// fails with the reason and the database is as before.
#[test]
fn a_failed_backup_stops_the_import_before_it_writes() {
    let w = world();
    let before = dump(&w.mun);
    let backups = w.dir.path().join("uchrost-backups");
    std::fs::remove_dir_all(&backups).expect("the backups of the setup");
    std::fs::write(&backups, "не папка").expect("block the backup folder");
    let mut store = Store::open(&w.mun, DiskMode::Local).expect("open");
    let result = exchange::import(&mut store, &[w.package.as_path()], false, true, today());
    drop(store);
    let err = result.expect_err("the backup cannot be written");
    assert!(!err.to_string().is_empty());
    assert_eq!(dump(&w.mun), before);
    intact(&w.mun);
    let _ = w.school;
}
