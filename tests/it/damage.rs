//! Damaged files: bytes overwritten, truncated, a text file renamed to .db, another program's database.
//! Each is refused with a Russian message and left untouched on disk; restore from a backup works.

use crate::support::*;
use std::path::{Path, PathBuf};
use uchrost::storage::{DiskMode, StorageError, Store};

/// A school database with demo data, closed, and a backup of it; returns (dir, db, backup).
fn demo_db() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (dir, path, mut store) = school_db();
    uchrost::app::fill_school_demo(&mut store, 30, 3, d("23.11.2026")).expect("demo");
    let copy = store.backup("проверка").expect("backup");
    store.close().expect("close");
    (dir, path, copy)
}

fn root_pages(path: &Path) -> (u64, Vec<u64>) {
    let conn = rusqlite::Connection::open(path).expect("open");
    let page_size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).expect("page size");
    let page_size = page_size as u64;
    let mut stmt = conn.prepare("SELECT rootpage FROM sqlite_master WHERE rootpage > 1").expect("prepare");
    let pages = stmt.query_map([], |r| r.get::<_, i64>(0)).expect("query").map(|r| r.expect("row") as u64).collect();
    (page_size, pages)
}

/// Opening must fail with a message, and the file must be byte for byte as before.
fn assert_refused(path: &Path, expect: fn(&StorageError) -> bool) -> String {
    let before = file_hash(path);
    let err = uchrost::app::open(path, DiskMode::Local).err().expect("a damaged file must be refused");
    assert!(expect(&err), "unexpected error kind: {err:?}");
    assert_eq!(file_hash(path), before, "the refused file is left untouched");
    let text = err.to_string();
    assert!(
        text.contains("Файл") && text.contains("не изменён"),
        "a Russian message that says the file is kept: {text}"
    );
    text
}

fn damaged(e: &StorageError) -> bool {
    matches!(e, StorageError::Damaged { .. })
}

fn not_db(e: &StorageError) -> bool {
    matches!(e, StorageError::NotADatabase { .. })
}

#[test]
fn overwritten_pages_are_refused() {
    let (_dir, path, _copy) = demo_db();
    let (page_size, roots) = root_pages(&path);
    assert!(roots.len() > 10, "every table and index has a root page");
    let original = std::fs::read(&path).expect("read");
    for page in roots {
        let mut bytes = original.clone();
        let start = ((page - 1) * page_size) as usize;
        for b in &mut bytes[start..start + 12] {
            *b = 0xA5;
        }
        std::fs::write(&path, &bytes).expect("damage");
        assert_refused(&path, damaged);
    }
    // The header's magic overwritten: not a database at all.
    let mut bytes = original.clone();
    bytes[..16].copy_from_slice(b"garbage garbage!");
    std::fs::write(&path, &bytes).expect("damage");
    assert_refused(&path, not_db);
}

#[test]
fn truncated_files_are_refused() {
    let (_dir, path, _copy) = demo_db();
    let original = std::fs::read(&path).expect("read");
    for len in [0, 50, 100, 4096, original.len() / 2, original.len() - 1] {
        std::fs::write(&path, &original[..len]).expect("truncate");
        let msg = assert_refused(&path, |e| damaged(e) || not_db(e));
        if len > 100 {
            assert!(msg.contains("обрезан") || msg.contains("повреждён"), "{len}: {msg}");
        }
    }
}

#[test]
fn a_text_file_or_another_programs_database_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let text = dir.path().join("список.db");
    std::fs::write(&text, "Фамилия;Имя;Отчество\nИванова;Анна;Петровна\n").expect("write");
    let msg = assert_refused(&text, not_db);
    assert!(msg.contains("не база данных УчРост"), "{msg}");

    let other = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&other).expect("create");
    conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").expect("fill");
    drop(conn);
    let msg = assert_refused(&other, |e| matches!(e, StorageError::ForeignDatabase { .. }));
    assert!(msg.contains("другой программы"), "{msg}");
}

#[test]
fn a_damaged_database_is_restored_from_a_backup_and_kept_aside() {
    let (dir, path, copy) = demo_db();
    let original = Store::open(&copy, DiskMode::Local).expect("backup opens").load().expect("load").records();
    let len = std::fs::metadata(&path).expect("meta").len() as usize;
    let bytes = std::fs::read(&path).expect("read");
    std::fs::write(&path, &bytes[..len / 3]).expect("truncate");
    assert_refused(&path, damaged);
    uchrost::app::restore(&path, &copy, DiskMode::Local, false).expect("restore");
    let store = Store::open(&path, DiskMode::Local).expect("restored opens");
    assert_eq!(store.load().expect("load").records(), original);
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".повреждён-"))
        .collect();
    assert_eq!(aside.len(), 1, "the damaged file is moved aside, never deleted");
    assert_eq!(std::fs::metadata(aside[0].path()).expect("meta").len() as usize, len / 3);
    store.close().expect("close");
    // A damaged file is never accepted as a backup either.
    let err = uchrost::app::restore(&path, &aside[0].path(), DiskMode::Local, false)
        .expect_err("a damaged source is refused");
    assert!(damaged(&err) || not_db(&err), "{err:?}");
}

#[test]
fn the_command_line_offers_the_last_backup_for_a_damaged_file() {
    let (_dir, path, _copy) = demo_db();
    let bytes = std::fs::read(&path).expect("read");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).expect("truncate");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_uchrost"))
        .args(["teachers", "--db"])
        .arg(&path)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("повреждён") && err.contains("uchrost restore --db"), "{err}");
}
