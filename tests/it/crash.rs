//! A writer process is killed at random moments; after each kill the database passes
//! `integrity_check` and holds every transaction the writer reported as committed, whole.

use crate::support::*;
use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;
use uchrost::demo::Rng;
use uchrost::domain::PersonId;
use uchrost::storage::{DiskMode, Store};

/// Kills in a crash test: `regular` in the regular test run; the fault suite sets `UCHROST_CRASH_KILLS`
/// for every crash test at once (see BENCHMARKS.md, «Faults»).
pub(crate) fn kills(regular: usize) -> usize {
    std::env::var("UCHROST_CRASH_KILLS").ok().and_then(|v| v.parse().ok()).unwrap_or(regular)
}

#[test]
fn killed_writer_loses_no_committed_transaction() {
    let (_dir, path, store) = school_db();
    store.close().expect("close");
    let mut rng = Rng::new(2026);
    let mut committed: HashSet<PersonId> = HashSet::new();
    for round in 0..kills(200) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_uchrost"))
            .args(["crash-writer", "--db"])
            .arg(&path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn writer");
        let stdout = child.stdout.take().expect("stdout");
        let reader = std::thread::spawn(move || {
            let mut ids = Vec::new();
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(id) = line.strip_prefix("committed ").and_then(PersonId::parse) {
                    ids.push(id);
                }
            }
            ids
        });
        std::thread::sleep(Duration::from_millis(rng.range(1, 40) as u64));
        child.kill().expect("kill");
        child.wait().expect("wait");
        committed.extend(reader.join().expect("reader"));

        let store = Store::open(&path, DiskMode::Local).unwrap_or_else(|e| panic!("round {round}: {e}"));
        let problems = store.integrity_problems().expect("check");
        assert!(problems.is_empty(), "round {round}: {problems:?}");
        let data = store.load().expect("load");
        let present: HashSet<PersonId> = data.persons.iter().map(|p| p.id).collect();
        let missing: Vec<_> = committed.difference(&present).collect();
        assert!(missing.is_empty(), "round {round}: committed but lost: {missing:?}");
        // Every transaction is whole: each person came with an employment and a course.
        let employed: HashSet<PersonId> = data.employments.iter().map(|e| e.person).collect();
        let with_course: HashSet<PersonId> = data.courses.iter().map(|c| c.person).collect();
        assert!(
            present.iter().all(|p| employed.contains(p) && with_course.contains(p)),
            "round {round}: half a transaction"
        );
        assert!(present.len() <= committed.len() + 1, "round {round}: at most one transaction committed unreported");
        // A transaction that committed just before the kill, unreported, is in the database for good now.
        committed.extend(present);
        store.close().expect("close");
    }
    assert!(committed.len() > kills(200) / 4, "the writer did get to commit: {}", committed.len());
}
