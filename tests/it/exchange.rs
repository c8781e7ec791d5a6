//! Packages between a school and its municipality: the round trip, age compatibility and the test
//! vector, every byte changed and every truncation refused with the records unchanged, the chain
//! (stale, repeated, conflicting, gaps), keys (unknown, changed, revoked), and ownership (the
//! municipality's records survive a school's re-import; a vanished person is kept and flagged).

use crate::support::*;
use std::path::{Path, PathBuf};
use uchrost::app::exchange::{self, ExportTarget};
use uchrost::domain::*;
use uchrost::exchange::age::{self, Identity};
use uchrost::exchange::envelope;
use uchrost::exchange::package;
use uchrost::storage::{DiskMode, Store};

fn today() -> chrono::NaiveDate {
    d("23.11.2026")
}

struct World {
    dir: tempfile::TempDir,
    mun: Store,
    school: Store,
}

impl World {
    /// A municipality and a school with `teachers` teachers; the school has taken the municipality's card.
    fn new(teachers: usize) -> Self {
        let dir = tempfile::tempdir().expect("dir");
        let mut mun = uchrost::app::create_municipality(
            &dir.path().join("mun.db"),
            "Управление образования",
            "M1",
            DiskMode::Local,
        )
        .expect("municipality");
        let mut school =
            uchrost::app::create_school(&dir.path().join("school.db"), "МОУ СОШ № 4", "004", DiskMode::Local)
                .expect("school");
        if teachers > 0 {
            uchrost::app::fill_school_demo(&mut school, teachers, 5, today()).expect("demo");
        }
        let card = exchange::own_card(&mut mun).expect("card").to_text();
        exchange::take_card(&mut school, &card).expect("take card");
        World { dir, mun, school }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn export(&mut self, name: &str) -> PathBuf {
        let p = self.path(name);
        exchange::export(&mut self.school, &p, ExportTarget::Upward, false, today()).expect("export");
        p
    }

    /// Package 1 accepted, a backup of the school, package 2 accepted; returns the backup (the copy a
    /// school restores when its laptop dies).
    fn two_packages_with_a_backup_between(&mut self) -> PathBuf {
        let first = self.export("s-1.uchpkg");
        assert_eq!(self.import(&[&first], true)[0].result, exchange::ACCEPTED);
        let old = self.path("old.db");
        self.school.backup_to(&old).expect("backup");
        let second = self.export("s-2.uchpkg");
        assert_eq!(self.import(&[&second], false)[0].result, exchange::ACCEPTED);
        old
    }

    fn import(&mut self, files: &[&Path], trust: bool) -> Vec<exchange::FileOutcome> {
        exchange::import(&mut self.mun, files, false, trust, today()).expect("import runs")
    }
}

/// The records of a database as canonical JSON, for «unchanged» checks (the audit log grows on purpose).
fn records_of(store: &Store) -> String {
    let mut r: Vec<String> = store.load().expect("load").records().iter().map(|x| x.to_json().to_string()).collect();
    r.sort();
    r.join("\n")
}

#[test]
fn a_school_package_round_trips_and_opens_with_the_age_tool() {
    let mut w = World::new(8);
    let file = w.export("s-1.uchpkg");
    let bytes = std::fs::read(&file).expect("read");
    let opened = package::open(&bytes).expect("opens");
    assert!(opened.encrypted(), "encrypted to the municipality's key");
    assert_eq!(opened.header.sequence, 1);
    // The payload is an age file: decrypt it with our reader and, where installed, with `age -d`.
    let identity = exchange::identity(&mut w.mun).expect("identity");
    let payload = package::read_payload(&opened, Some(&identity)).expect("decrypts");
    let school_records =
        uchrost::exchange::package::snapshot(&w.school.load().expect("load"), w.school.own_org().id, None);
    assert_eq!(payload.records.len(), school_records.len());
    // Contacts and document numbers never leave the school.
    for r in &payload.records {
        match r {
            AnyRecord::Person(p) => assert!(p.phone.is_empty() && p.email.is_empty() && p.note.is_empty()),
            AnyRecord::Course(c) => assert!(c.document_number.is_empty()),
            _ => {}
        }
    }
    let h = u32::from_le_bytes(bytes[43..47].try_into().expect("4")) as usize;
    let p = u64::from_le_bytes(bytes[47..55].try_into().expect("8")) as usize;
    let age_file = &bytes[55 + h..55 + h + p];
    {
        crate::support::require_tool("age", "age");
        let key = w.path("mun.key");
        std::fs::write(&key, format!("{}\n", identity.to_age_string())).expect("key");
        let enc = w.path("payload.age");
        std::fs::write(&enc, age_file).expect("payload");
        let out = std::process::Command::new("age").arg("-d").arg("-i").arg(&key).arg(&enc).output().expect("age");
        assert!(out.status.success(), "age -d: {}", String::from_utf8_lossy(&out.stderr));
        let json: package::Payload = serde_json::from_slice(&out.stdout).expect("age gives the payload JSON");
        assert_eq!(json, payload);
        // And the other way: what `age` encrypts, our reader opens.
        let plain = w.path("plain.txt");
        std::fs::write(&plain, "проверка связи").expect("plain");
        let out = std::process::Command::new("age")
            .arg("-r")
            .arg(identity.recipient().to_age_string())
            .arg(&plain)
            .output()
            .expect("age -r");
        assert!(out.status.success());
        assert_eq!(age::decrypt(&identity, &out.stdout, 1000).expect("opens"), "проверка связи".as_bytes());
    }
    // Accepted once; the municipality now holds the school's records.
    let out = w.import(&[&file], true);
    assert_eq!(out[0].result, exchange::ACCEPTED, "{}", out[0].message);
    let mun_data = w.mun.load().expect("load");
    assert_eq!(mun_data.persons.len(), w.school.load().expect("load").persons.len());
}

/// The test vector of the README: fixed keys, file key and nonce give exactly these bytes.
#[test]
fn the_age_test_vector() {
    let identity = Identity::from_bytes([7u8; 32]);
    let recipient = identity.recipient();
    assert_eq!(recipient.to_age_string(), RECIPIENT);
    assert_eq!(identity.to_age_string(), SECRET);
    let sealed = age::encrypt_with(&recipient, b"UCHROST", [1u8; 32], [2u8; 16], [3u8; 16]);
    assert_eq!(envelope::sha256_hex(&sealed), VECTOR_SHA256);
    assert_eq!(age::decrypt(&identity, &sealed, 100).expect("opens"), b"UCHROST");
    // The envelope around it, signed by the Ed25519 key of 32 bytes 0x09.
    let key = ed25519_dalek::SigningKey::from_bytes(&[9u8; 32]);
    let file = envelope::seal(&key, true, b"{}", &sealed);
    assert_eq!(envelope::sha256_hex(&file), ENVELOPE_SHA256);
    assert_eq!(file.len(), 55 + 2 + sealed.len() + 64);
    // Checked by the reference tool (.ci/run installs it; without it the test fails).
    {
        crate::support::require_tool("age", "age");
        let dir = tempfile::tempdir().expect("dir");
        let key = dir.path().join("k.txt");
        std::fs::write(&key, format!("{SECRET}\n")).expect("key");
        let out = std::process::Command::new("age-keygen").arg("-y").arg(&key).output().expect("age-keygen");
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), RECIPIENT);
        let enc = dir.path().join("v.age");
        std::fs::write(&enc, &sealed).expect("write");
        let out = std::process::Command::new("age").arg("-d").arg("-i").arg(&key).arg(&enc).output().expect("age");
        assert_eq!(out.stdout, b"UCHROST", "{}", String::from_utf8_lossy(&out.stderr));
    }
}

/// A file Debian's `age` 1.1.1 encrypted to the test vector's recipient (`tests/fixtures/age/debian.age`,
/// made by `age -r RECIPIENT -o debian.age plain.txt`): our reader opens what the reference tool wrote,
/// not only what we wrote ourselves. A low-order share (the all-zero secret) is refused, as the age
/// specification requires.
#[test]
fn a_file_made_by_debians_age_opens_and_a_low_order_share_is_refused() {
    let identity = Identity::from_bytes([7u8; 32]);
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/age");
    let sealed = std::fs::read(fixtures.join("debian.age")).expect("fixture");
    let plain = std::fs::read(fixtures.join("plain.txt")).expect("fixture");
    assert_eq!(age::decrypt(&identity, &sealed, 1000).expect("opens"), plain);
    // The same file with its share replaced by the point of order 1 (all zero bytes, base64 of 32 zeros):
    // X25519 gives the all-zero secret, refused before anything is derived from it.
    let text = String::from_utf8_lossy(&sealed).into_owned();
    let line = text.lines().nth(1).expect("the stanza");
    let zero = "-> X25519 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    let forged: Vec<u8> = [
        &sealed[..sealed.windows(line.len()).position(|w| w == line.as_bytes()).expect("at")],
        zero.as_bytes(),
        &sealed[text.find(line).expect("at") + line.len()..],
    ]
    .concat();
    assert_eq!(age::decrypt(&identity, &forged, 1000), Err(age::AgeError::LowOrder));
}

const RECIPIENT: &str = "age1zwlyl6h27gzv0lfntr7fcqrjrzqazap8sy5zylkxwneh7llf0dksu37mwt";
const SECRET: &str = "AGE-SECRET-KEY-1QURSWPC8QURSWPC8QURSWPC8QURSWPC8QURSWPC8QURSWPC8QURSKMP32K";
const VECTOR_SHA256: &str = "79fc26b2141c839dcaea425d0b866705c05f2a5ac079c246371feef9677b9907";
const ENVELOPE_SHA256: &str = "0d425c128deed91d3c2f02bc0809454a841b2121074f9bc18ea88b3fc2e70345";

/// Every single byte of a small package changed, and every truncation: all refused, records unchanged.
#[test]
fn every_changed_byte_and_every_truncation_is_refused() {
    let mut w = World::new(0);
    // A small package: the school's own organisation and one teacher.
    let mut p = person("Иванова", "10.01.1980", "01.09.2005");
    p.school = w.school.own_org().id;
    p.author = w.school.own_org().id;
    let mut e = employment(p.id, "01.09.2015", None);
    e.author = p.author;
    w.school.put("учитель", p, today()).expect("put");
    w.school.put("работа", e, today()).expect("put");
    let file = w.export("small.uchpkg");
    let bytes = std::fs::read(&file).expect("read");
    assert!(bytes.len() < 4000, "a small package: {} bytes", bytes.len());
    let before = records_of(&w.mun);
    let variant = w.path("variant.uchpkg");
    let mut accepted = Vec::new();
    for i in 0..bytes.len() {
        let mut b = bytes.clone();
        b[i] ^= 0x01;
        std::fs::write(&variant, &b).expect("write");
        let out = w.import(&[&variant], true);
        if !out[0].refused() {
            accepted.push(i);
        }
    }
    for len in 0..bytes.len() {
        std::fs::write(&variant, &bytes[..len]).expect("write");
        let out = w.import(&[&variant], true);
        if !out[0].refused() {
            accepted.push(100_000 + len);
        }
    }
    assert!(accepted.is_empty(), "variants not refused (offset, or 100000 + truncated length): {accepted:?}");
    assert_eq!(records_of(&w.mun), before, "no refused variant changed a record");
    // The audit log has every attempt.
    assert_eq!(w.mun.package_log(100_000).expect("log").len(), bytes.len() * 2);
    // The genuine package still goes in afterwards.
    let out = w.import(&[&file], true);
    assert_eq!(out[0].result, exchange::ACCEPTED, "{}", out[0].message);
}

#[test]
fn the_chain_refuses_stale_repeated_and_conflicting_packages() {
    let mut w = World::new(5);
    let first = w.export("s-1.uchpkg");
    // Unknown school without confirmation: refused with the fingerprint to compare.
    let out = w.import(&[&first], false);
    assert!(out[0].refused() && out[0].message.contains("сверьте отпечаток"), "{}", out[0].message);
    let fp = exchange::own_card(&mut w.school).expect("card").fingerprint();
    assert_eq!(out[0].fingerprint.as_deref(), Some(fp.as_str()));
    assert_eq!(w.import(&[&first], true)[0].result, exchange::ACCEPTED);
    let second = w.export("s-2.uchpkg");
    let third = w.export("s-3.uchpkg");
    // The third before the second: accepted, the gap is a warning.
    let out = w.import(&[&third], false);
    assert_eq!(out[0].result, exchange::ACCEPTED, "{}", out[0].message);
    assert!(out[0].warnings.iter().any(|x| x.contains("пропущен пакет №2")), "{:?}", out[0].warnings);
    let after_third = records_of(&w.mun);
    // The second afterwards: refused as stale, naming the accepted one.
    let out = w.import(&[&second], false);
    assert!(out[0].refused());
    assert!(out[0].message.starts_with("этот пакет старее уже принятого пакета №3 от "), "{}", out[0].message);
    // The same again: «уже принят», nothing changes.
    let out = w.import(&[&third], false);
    assert_eq!(out[0].result, exchange::ALREADY);
    assert_eq!(records_of(&w.mun), after_third);
    // A different package with a used number (a school restored an old backup): a conflict.
    w.school.connection().execute("DELETE FROM sent WHERE sequence = 3", []).expect("rewind");
    let t = Target {
        id: TargetId::new(),
        author: w.school.own_org().id,
        org: w.school.own_org().id,
        indicator: "course_3y".into(),
        year: SchoolYear(2026),
        value: 91.0,
    };
    w.school.put("цель", t, today()).expect("put");
    let conflicting = w.export("s-3b.uchpkg");
    let out = w.import(&[&conflicting], false);
    assert!(out[0].refused() && out[0].message.starts_with("конфликт"), "{}", out[0].message);
    assert_eq!(records_of(&w.mun), after_third);
}

#[test]
fn keys_changed_revoked_or_for_another_municipality_are_refused() {
    let mut w = World::new(3);
    let first = w.export("s-1.uchpkg");
    assert_eq!(w.import(&[&first], true)[0].result, exchange::ACCEPTED);
    // The school lost its key: a package signed by a new key is refused until re-enrolment.
    w.school.replace_own_key("sign", [42u8; 32]).expect("new key");
    let second = w.export("s-2.uchpkg");
    let out = w.import(&[&second], false);
    assert!(out[0].refused() && out[0].message.contains("другим ключом"), "{}", out[0].message);
    // Revoked: refused.
    let org = w.school.own_org().id.to_string();
    w.mun.revoke_peer(&org, "Ключ отозван").expect("revoke");
    let out = w.import(&[&second], false);
    assert!(out[0].refused() && out[0].message.contains("отозван"), "{}", out[0].message);
    // A package for another municipality: refused before decryption.
    let other =
        uchrost::app::create_municipality(&w.path("other.db"), "Другой район", "M2", DiskMode::Local).expect("other");
    let mut other = other;
    let card = exchange::own_card(&mut other).expect("card").to_text();
    let (_d, _p, mut school2) = school_db();
    exchange::take_card(&mut school2, &card).expect("card");
    let foreign = w.path("foreign.uchpkg");
    exchange::export(&mut school2, &foreign, ExportTarget::Upward, false, today()).expect("export");
    let out = w.import(&[&foreign], true);
    assert!(out[0].refused() && out[0].message.contains("другой организации"), "{}", out[0].message);
    // Without the municipality's card the export refuses unless explicitly unencrypted (and journalled).
    let (_d3, _p3, mut lonely) = school_db();
    let plain = w.path("plain.uchpkg");
    let err = exchange::export(&mut lonely, &plain, ExportTarget::Upward, false, today()).expect_err("refused");
    assert!(err.to_string().contains("нет ключа шифрования"), "{err}");
    assert!(!plain.exists());
    exchange::export(&mut lonely, &plain, ExportTarget::Upward, true, today()).expect("explicitly unencrypted");
    let journal = lonely.journal_entries(10).expect("journal");
    assert!(journal.iter().any(|j| j.message.contains("БЕЗ ШИФРОВАНИЯ")));
}

#[test]
fn the_municipality_records_survive_a_school_reimport_and_a_vanished_person_is_kept() {
    let mut w = World::new(6);
    let first = w.export("s-1.uchpkg");
    assert_eq!(w.import(&[&first], true)[0].result, exchange::ACCEPTED);
    let mun_id = w.mun.own_org().id;
    let data = w.mun.load().expect("load");
    let teachers: Vec<&Person> = data.persons.iter().filter(|p| p.pedagogical).collect();
    let (kept, other) = (teachers[0].id, teachers[1].id);
    // The municipality records a municipal diagnostic for two of the school's teachers.
    for who in [kept, other] {
        let dg = Diagnostic {
            id: DiagnosticId::new(),
            author: mun_id,
            person: who,
            group: None,
            date: d("10.10.2026"),
            kind: DiagnosticKind::Municipal,
            subject: String::new(),
            level: Some(DiagnosticLevel::Basic),
            score: None,
            max_score: None,
            deficits: vec![],
            recommendations: String::new(),
        };
        w.mun.put("муниципальная диагностика", dg, today()).expect("put");
    }
    // The school deletes one of them and sends again.
    w.school.delete_person(kept, today()).expect("delete");
    let second = w.export("s-2.uchpkg");
    let out = w.import(&[&second], false);
    assert_eq!(out[0].result, exchange::ACCEPTED, "{}", out[0].message);
    let plan = out[0].plan.as_ref().expect("plan");
    assert_eq!(plan.kept, vec![kept], "the person with a municipal record is kept");
    assert_eq!(plan.flagged.len(), 1);
    let data = w.mun.load().expect("load");
    let municipal: Vec<&Diagnostic> = data.diagnostics.iter().filter(|x| x.author == mun_id).collect();
    assert_eq!(municipal.len(), 2, "both municipal records survive");
    assert!(data.persons.iter().any(|p| p.id == kept));
    // The school's other records of that person are gone.
    assert!(!data.employments.iter().any(|e| e.person == kept));
}

#[test]
fn the_municipal_package_brings_its_records_back_to_the_school() {
    let mut w = World::new(5);
    let first = w.export("s-1.uchpkg");
    assert_eq!(w.import(&[&first], true)[0].result, exchange::ACCEPTED);
    let mun_id = w.mun.own_org().id;
    let school_id = w.school.own_org().id;
    let teacher = w.mun.load().expect("load").persons.iter().find(|p| p.pedagogical).expect("teacher").id;
    let contest = Contest {
        id: ContestId::new(),
        author: mun_id,
        person: teacher,
        group: None,
        name: "Муниципальный конкурс «Педагог года»".into(),
        date: d("15.11.2026"),
        level: Level::Municipal,
        result: ContestResult::Winner,
    };
    w.mun.put("конкурс", contest.clone(), today()).expect("put");
    let target = Target {
        id: TargetId::new(),
        author: mun_id,
        org: mun_id,
        indicator: "category_high".into(),
        year: SchoolYear(2026),
        value: 62.0,
    };
    w.mun.put("цель", target, today()).expect("put");
    // Back to the school, encrypted to the key the school's package announced.
    let back = w.path("m-1.uchpkg");
    let done = exchange::export(&mut w.mun, &back, ExportTarget::BackTo(school_id), false, today()).expect("export");
    assert!(done.encrypted);
    let out = exchange::import(&mut w.school, &[&back], false, false, today()).expect("import");
    assert_eq!(out[0].result, exchange::ACCEPTED, "{}", out[0].message);
    let data = w.school.load().expect("load");
    let got = data.contests.iter().find(|c| c.id == contest.id).expect("the municipal contest arrived");
    assert_eq!(got.author, mun_id, "it keeps its author");
    use uchrost::domain::indicators::{TargetSource, target_for};
    let own = target_for(&data, "category_high", SchoolYear(2026), Some(school_id)).expect("a target");
    assert_eq!(own.1, TargetSource::School, "the demo school has its own target, which wins");
    assert_eq!(target_for(&data, "category_high", SchoolYear(2026), None), Some((62.0, TargetSource::Municipal)));
    assert_eq!(target_for(&data, "course_3y", SchoolYear(2026), Some(school_id)), None);
    assert!(data.organisations.iter().any(|o| o.id == mun_id), "the municipality's card of organisation came too");
    // The school's next package does not carry the municipal records back (it only sends its own).
    let second = w.export("s-2.uchpkg");
    let bytes = std::fs::read(&second).expect("read");
    let opened = package::open(&bytes).expect("open");
    let identity = exchange::identity(&mut w.mun).expect("identity");
    let payload = package::read_payload(&opened, Some(&identity)).expect("payload");
    assert!(payload.records.iter().all(|r| r.author() == school_id));
    // A school package offered to a school is refused.
    let out = exchange::import(&mut w.school, &[&second], false, false, today()).expect("import");
    assert!(out[0].refused() && out[0].message.contains("только пакеты своего муниципалитета"), "{}", out[0].message);
}

#[test]
fn the_command_line_exchanges_a_package() {
    let dir = tempfile::tempdir().expect("dir");
    let p = |n: &str| dir.path().join(n).to_str().expect("path").to_string();
    let bin = env!("CARGO_BIN_EXE_uchrost");
    let run = |args: &[&str]| std::process::Command::new(bin).args(args).output().expect("run");
    let ok = |o: &std::process::Output| assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    ok(&run(&["init", "--db", &p("mun.db"), "--municipality", "Управление образования", "--code", "M1"]));
    ok(&run(&["demo", "--db", &p("s.db"), "--teachers", "6"]));
    ok(&run(&["keys", "--db", &p("mun.db"), "--export", &p("mun.txt")]));
    let card = std::fs::read_to_string(p("mun.txt")).expect("card");
    assert!(card.starts_with("УчРост — карточка ключа\n") && card.contains("Отпечаток: "));
    ok(&run(&["keys", "--db", &p("s.db"), "--import", &p("mun.txt")]));
    let o = run(&["export", "--db", &p("s.db"), "--out", &p("s-1.uchpkg")]);
    ok(&o);
    assert!(String::from_utf8_lossy(&o.stdout).contains("Пакет №1 записан"));
    // The first package of an unknown school: exit 1, the fingerprint printed.
    let o = run(&["import", "--db", &p("mun.db"), &p("s-1.uchpkg")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("отпечаток ключа отправителя: "));
    let o = run(&["import", "--db", &p("mun.db"), "--dry-run", "--trust-new", &p("s-1.uchpkg")]);
    ok(&o);
    assert!(String::from_utf8_lossy(&o.stdout).contains("будет принят"));
    ok(&run(&["import", "--db", &p("mun.db"), "--trust-new", &p("s-1.uchpkg")]));
    // Garbage is refused with exit 1.
    std::fs::write(p("junk.uchpkg"), "не пакет").expect("junk");
    let o = run(&["import", "--db", &p("mun.db"), &p("junk.uchpkg")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("это не пакет УчРост"));
    let o = run(&["journal", "--db", &p("mun.db"), "--packages", "--json"]);
    ok(&o);
    let log: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("json");
    let results: Vec<&str> = log.iter().map(|e| e["result"].as_str().expect("result")).collect();
    assert_eq!(results, ["отклонён", "принят", "проверка", "отклонён"]);
}

/// The import process killed at random moments (100 times): the records are always as before or as
/// after the package, never between, and the file passes the integrity check.
#[test]
fn a_killed_import_leaves_the_database_before_or_after() {
    let mut w = World::new(12);
    let file = w.export("s-1.uchpkg");
    let mun_path = w.path("mun.db");
    let pristine = w.path("pristine.db");
    w.mun.backup_to(&pristine).expect("a consistent copy");
    let before = records_of(&w.mun);
    assert_eq!(w.import(&[&file], true)[0].result, exchange::ACCEPTED);
    let after = records_of(&w.mun);
    assert_ne!(before, after);
    let World { mun, .. } = w;
    mun.close().expect("close");
    let mut rng = uchrost::demo::Rng::new(77);
    let (mut saw_before, mut saw_after) = (0, 0);
    for round in 0..crate::crash::kills(100) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", mun_path.display()));
        }
        std::fs::copy(&pristine, &mun_path).expect("reset");
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_uchrost"))
            .args(["import", "--trust-new", "--db"])
            .arg(&mun_path)
            .arg(&file)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(rng.range(0, 120) as u64));
        let _ = child.kill();
        child.wait().expect("wait");
        let store = Store::open(&mun_path, DiskMode::Local).unwrap_or_else(|e| panic!("round {round}: {e}"));
        assert!(store.integrity_problems().expect("check").is_empty(), "round {round}");
        let now = records_of(&store);
        if now == before {
            saw_before += 1;
        } else if now == after {
            saw_after += 1;
        } else {
            panic!("round {round}: the records are between before and after");
        }
        store.close().expect("close");
    }
    assert!(saw_before > 0 && saw_after > 0, "kills landed on both sides: {saw_before} before, {saw_after} after");
}

/// An import of several schools' packages, committed package by package (`--batch-rows 1`), killed at
/// random moments: the copy is always as before, or as after the first k packages, whole and in order —
/// never part of a package — with the chain of exactly those senders recorded, and it passes the
/// integrity check. (With the default batches the same holds for batches of packages.)
#[test]
fn a_killed_import_of_many_packages_leaves_whole_packages() {
    let dir = tempfile::tempdir().expect("dir");
    let mun_path = dir.path().join("mun.db");
    let mut mun = uchrost::app::create_municipality(&mun_path, "Район", "M1", DiskMode::Local).expect("municipality");
    let files = exchange::demo_packages(&mut mun, 4, 11, today(), dir.path()).expect("packages");
    let pristine = dir.path().join("pristine.db");
    mun.backup_to(&pristine).expect("a consistent copy");
    // The copy after each whole prefix of the packages.
    let mut states = vec![records_of(&mun)];
    for f in &files {
        let out = exchange::import(&mut mun, &[f.as_path()], false, true, today()).expect("import runs");
        assert_eq!(out[0].result, exchange::ACCEPTED, "{}", out[0].message);
        states.push(records_of(&mun));
    }
    mun.close().expect("close");
    let reset = || {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", mun_path.display()));
        }
        std::fs::copy(&pristine, &mun_path).expect("reset");
    };
    let spawn = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_uchrost"))
            .args(["import", "--trust-new", "--batch-rows", "1", "--db"])
            .arg(&mun_path)
            .args(&files)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn")
    };
    // How long the whole import takes here, so that the kills spread over all of it.
    reset();
    let started = std::time::Instant::now();
    assert!(spawn().wait().expect("wait").success());
    let whole = started.elapsed().as_millis() as u32;
    let mut rng = uchrost::demo::Rng::new(78);
    let mut seen = vec![0; states.len()];
    for round in 0..crate::crash::kills(60) {
        reset();
        let mut child = spawn();
        std::thread::sleep(std::time::Duration::from_millis(rng.range(0, i64::from(whole) * 11 / 10) as u64));
        let _ = child.kill();
        child.wait().expect("wait");
        let store = Store::open(&mun_path, DiskMode::Local).unwrap_or_else(|e| panic!("round {round}: {e}"));
        assert!(store.integrity_problems().expect("check").is_empty(), "round {round}");
        let now = records_of(&store);
        let k = states
            .iter()
            .position(|s| *s == now)
            .unwrap_or_else(|| panic!("round {round}: the records are not those after a whole number of packages"));
        let chained = store.peers().expect("peers").iter().filter(|p| p.last_sequence.is_some()).count();
        assert_eq!(chained, k, "round {round}: the senders whose packages are in are the ones recorded");
        seen[k] += 1;
        store.close().expect("close");
    }
    assert!(seen[0] > 0, "some kills landed before the first commit: {seen:?}");
    assert!(seen[1..states.len() - 1].iter().any(|&n| n > 0), "some kills landed between packages: {seen:?}");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// A municipality and `n` schools with random demo data, each with the municipality's card; every school
    /// makes `packages` packages (with an edit between them).
    fn schools(dir: &Path, seeds: &[(u64, usize)], packages: usize) -> (Store, Vec<Vec<PathBuf>>) {
        let mut mun =
            uchrost::app::create_municipality(&dir.join("mun.db"), "Район", "M1", DiskMode::Local).expect("mun");
        let card = exchange::own_card(&mut mun).expect("card").to_text();
        let mut files = Vec::new();
        for (i, (seed, teachers)) in seeds.iter().enumerate() {
            let path = dir.join(format!("s{i}.db"));
            let mut s =
                uchrost::app::create_school(&path, &format!("Школа № {i}"), &format!("{i:03}"), DiskMode::Local)
                    .expect("school");
            uchrost::app::fill_school_demo(&mut s, *teachers, *seed, today()).expect("demo");
            exchange::take_card(&mut s, &card).expect("card");
            let mut mine = Vec::new();
            for k in 0..packages {
                if k > 0 {
                    // The school drops its first person's records between packages.
                    let data = s.load().expect("load");
                    if let Some(p) = data.persons.iter().find(|p| p.pedagogical) {
                        s.delete_person(p.id, today()).expect("delete");
                    }
                }
                let f = dir.join(format!("s{i}-{k}.uchpkg"));
                exchange::export(&mut s, &f, ExportTarget::Upward, false, today()).expect("export");
                mine.push(f);
            }
            files.push(mine);
        }
        (mun, files)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 6, .. ProptestConfig::default() })]

        /// Importing a package twice gives the same records as once.
        #[test]
        fn importing_twice_is_importing_once(seed in 1u64..10_000, teachers in 1usize..12) {
            let dir = tempfile::tempdir().expect("dir");
            let (mut mun, files) = schools(dir.path(), &[(seed, teachers)], 1);
            let f = files[0][0].as_path();
            exchange::import(&mut mun, &[f], false, true, today()).expect("import");
            let once = records_of(&mun);
            let again = exchange::import(&mut mun, &[f], false, true, today()).expect("import");
            prop_assert_eq!(&again[0].result, exchange::ALREADY);
            prop_assert_eq!(records_of(&mun), once);
        }

        /// Several schools' packages in any order, stale ones included, give the same final records.
        #[test]
        fn any_order_gives_the_same_database(
            // Distinct seeds: the demo derives record ids from its seed, and two schools never share ids
            // (a package reusing another organisation's id is refused — see the test below).
            seeds in proptest::collection::btree_map(1u64..10_000, 1usize..6, 2..4),
            order_seed in any::<u64>(),
        ) {
            let seeds: Vec<(u64, usize)> = seeds.into_iter().collect();
            let dir = tempfile::tempdir().expect("dir");
            let (mut mun, files) = schools(dir.path(), &seeds, 2);
            // A copy of the municipality before any import (same keys), for the shuffled run.
            let twin = dir.path().join("twin.db");
            mun.backup_to(&twin).expect("copy");
            // In order: every school's first, then its second.
            let ordered: Vec<&Path> = (0..2).flat_map(|k| files.iter().map(move |f| f[k].as_path())).collect();
            exchange::import(&mut mun, &ordered, false, true, today()).expect("import");
            let expected = records_of(&mun);
            let mut shuffled = ordered.clone();
            let mut rng = uchrost::demo::Rng::new(order_seed);
            for i in (1..shuffled.len()).rev() {
                let j = rng.range(0, i as i64) as usize;
                shuffled.swap(i, j);
            }
            let mut mun2 = Store::open(&twin, DiskMode::Local).expect("twin");
            exchange::import(&mut mun2, &shuffled, false, true, today()).expect("import");
            prop_assert_eq!(records_of(&mun2), expected);
        }
    }
}

#[test]
fn a_school_restored_from_an_old_backup_continues_after_its_receipt() {
    let mut w = World::new(4);
    let old = w.two_packages_with_a_backup_between();
    let World { dir, mut mun, school } = w;
    school.close().expect("close");
    let mut school = Store::open(&old, DiskMode::Local).expect("the old copy");
    // Without the receipt the restored school makes a second «№2»: a conflict.
    let again = dir.path().join("s-2-again.uchpkg");
    exchange::export(&mut school, &again, ExportTarget::Upward, false, today()).expect("export");
    let out = exchange::import(&mut mun, &[again.as_path()], false, false, today()).expect("import");
    assert!(out[0].refused() && out[0].message.starts_with("конфликт"), "{}", out[0].message);
    // The municipality issues a receipt; the school opens it (a receipt for another school is refused).
    let school_id = school.own_org().id;
    let receipt = dir.path().join("receipt.uchpkg");
    let r = exchange::write_receipt(&mut mun, school_id, &receipt).expect("receipt");
    assert_eq!(r.last_sequence, 2);
    let (_d, _p, mut stranger) = school_db();
    exchange::take_card(&mut stranger, &exchange::own_card(&mut mun).expect("card").to_text()).expect("card");
    assert!(
        exchange::open_receipt(&mut stranger, &receipt).expect_err("not hers").to_string().contains("другой школе")
    );
    // A receipt changed in any byte is refused.
    let mut bad = std::fs::read(&receipt).expect("read");
    let middle = bad.len() / 2;
    bad[middle] ^= 1;
    let bad_path = dir.path().join("bad-receipt.uchpkg");
    std::fs::write(&bad_path, &bad).expect("write");
    assert!(exchange::open_receipt(&mut school, &bad_path).is_err());
    let (opened, behind) = exchange::open_receipt(&mut school, &receipt).expect("opens");
    assert!(behind && opened.last_sequence == 2);
    // The next package is №3 and chains onto the accepted №2.
    let third = dir.path().join("s-3.uchpkg");
    let done = exchange::export(&mut school, &third, ExportTarget::Upward, false, today()).expect("export");
    assert_eq!(done.sequence, 3);
    let out = exchange::import(&mut mun, &[third.as_path()], false, false, today()).expect("import");
    assert_eq!(out[0].result, exchange::ACCEPTED, "{}", out[0].message);
    assert!(out[0].warnings.is_empty(), "the chain holds: {:?}", out[0].warnings);
}

#[test]
fn a_school_with_a_new_key_is_re_enrolled_from_its_card() {
    let mut w = World::new(3);
    let first = w.export("s-1.uchpkg");
    assert_eq!(w.import(&[&first], true)[0].result, exchange::ACCEPTED);
    w.school.replace_own_key("sign", [5u8; 32]).expect("new key");
    let second = w.export("s-2.uchpkg");
    assert!(w.import(&[&second], false)[0].refused());
    // The methodologist compares the new card's fingerprint on paper and takes it in.
    let card = exchange::own_card(&mut w.school).expect("card");
    let taken = exchange::take_card(&mut w.mun, &card.to_text()).expect("re-enrol");
    assert_eq!(taken.fingerprint(), card.fingerprint());
    assert!(w.mun.journal_entries(5).expect("journal").iter().any(|j| j.message.contains(&card.fingerprint())));
    let out = w.import(&[&second], false);
    assert_eq!(out[0].result, exchange::ACCEPTED, "{}", out[0].message);
    // A card whose fingerprint line was altered is refused.
    let forged = card.to_text().replace(&card.fingerprint(), "0000-0000-0000-0000");
    assert!(exchange::take_card(&mut w.mun, &forged).expect_err("forged").to_string().contains("не совпадает"));
}

#[test]
fn a_record_with_an_oversized_field_is_refused() {
    let mut w = World::new(2);
    let data = w.school.load().expect("load");
    let mut p = data.persons[0].clone();
    p.specialty = "я".repeat(20_000);
    w.school.put("длинная специальность", p.clone(), today()).expect("the store takes long texts");
    // The school is told before anything is written.
    let file = w.path("big.uchpkg");
    let err = exchange::export(&mut w.school, &file, ExportTarget::Upward, false, today()).expect_err("refused");
    assert!(err.to_string().contains("слишком длинный текст") && err.to_string().contains(&p.last_name), "{err}");
    assert!(!file.exists());
    // A package made anyway (by another program with the school's key) is refused by the reader.
    let key = exchange::signing_key(&mut w.school).expect("key");
    let recipient = exchange::identity(&mut w.mun).expect("identity").recipient();
    let own = w.school.own_org().clone();
    let outgoing = package::Outgoing {
        kind: package::PackageKind::School,
        from_role: own.role,
        from: own.id,
        from_code: &own.code,
        from_name: &own.name,
        from_encrypt: None,
        to: Some(w.mun.own_org().id),
        receipt: None,
        key_change: None,
        sequence: 1,
        previous_hash: "",
        created_at: "2026-11-23T10:00:00",
        school_year: 2026,
    };
    let records = package::snapshot(&w.school.load().expect("load"), own.id, None);
    std::fs::write(&file, package::build(&outgoing, records, &key, Some(&recipient))).expect("write");
    let before = records_of(&w.mun);
    let out = w.import(&[&file], true);
    assert!(out[0].refused() && out[0].message.contains("вне допустимых размеров"), "{}", out[0].message);
    assert_eq!(records_of(&w.mun), before);
}

pub(crate) mod screen {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use uchrost::app::paths::DbLocation;
    use uchrost::ui::UchrostApp;
    use uchrost::ui::dialogs::QueuedDialogs;

    pub(crate) fn window(path: &Path, open: Vec<PathBuf>, save: Vec<PathBuf>) -> Harness<'static, UchrostApp> {
        let dialogs = QueuedDialogs::default();
        dialogs.open.borrow_mut().extend(open);
        dialogs.save.borrow_mut().extend(save);
        let app = UchrostApp::new(DbLocation { path: path.to_path_buf(), mode: DiskMode::Local }, today())
            .with_dialogs(Box::new(dialogs));

        harness_of(app, 1366.0, 900.0)
    }

    pub(crate) fn click(h: &mut Harness<'static, UchrostApp>, label: &str) {
        h.get_all_by_label(label).next().unwrap_or_else(|| panic!("no «{label}»")).click();
        h.run();
    }

    /// The school makes a package on its Обмен screen; the municipality previews it, confirms the
    /// fingerprint and takes it in on its own.
    #[test]
    fn a_package_goes_from_the_school_screen_to_the_municipal_screen() {
        let w = World::new(4);
        let (school_path, mun_path) = (w.path("school.db"), w.path("mun.db"));
        let package = w.path("from-screen.uchpkg");
        let World { dir, mun, school } = w;
        let school_people = school.load().expect("load").persons.len();
        school.close().expect("close");
        mun.close().expect("close");

        let mut h = window(&school_path, vec![], vec![package.clone()]);
        click(&mut h, "Обмен");
        h.get_by_label("Что уйдёт в пакете");
        h.get_by_label_contains("Муниципалитет: Управление образования (M1)");
        click(&mut h, "Сделать пакет…");
        h.get_by_label_contains("Пакет записан и проверен: №1");
        assert!(package.exists());
        drop(h);

        let mut h = window(&mun_path, vec![package.clone()], vec![]);
        click(&mut h, "Обмен");
        click(&mut h, "Принять пакеты школ…");
        h.get_by_label("Что изменится (ничего ещё не записано)");
        h.get_all_by_label_contains("будет принят").next().expect("the preview");
        let before = h.state().session().expect("open").data().persons.len();
        assert_eq!(before, 0, "a preview writes nothing");
        // «Принять» waits for the fingerprint to be confirmed.
        click(&mut h, "Принять");
        assert_eq!(h.state().session().expect("open").data().persons.len(), 0);
        click(&mut h, "Отпечатки новых школ сверены с бумажными карточками");
        click(&mut h, "Принять");
        h.get_all_by_label_contains("принят").next().expect("the result");
        assert_eq!(h.state().session().expect("open").data().persons.len(), school_people);
        assert!(h.query_all_by_label_contains("МОУ СОШ № 4 (004)").count() >= 1, "the school is listed");
        drop(dir);
    }
}

mod read_only {
    use super::*;

    use egui_kittest::kittest::Queryable;
    use uchrost::app::paths::DbLocation;
    use uchrost::ui::UchrostApp;

    /// A municipal contest that came back to the school shows in the teacher's card read-only.
    #[test]
    fn municipal_records_show_read_only_in_the_school_card() {
        let mut w = World::new(3);
        let first = w.export("s-1.uchpkg");
        assert_eq!(w.import(&[&first], true)[0].result, exchange::ACCEPTED);
        let mun_id = w.mun.own_org().id;
        let teacher = w.school.load().expect("load").persons.iter().find(|p| p.pedagogical).expect("t").clone();
        let contest = Contest {
            id: ContestId::new(),
            author: mun_id,
            person: teacher.id,
            group: None,
            name: "Муниципальный конкурс «Педагогический дебют»".into(),
            date: d("15.11.2026"),
            level: Level::Municipal,
            result: ContestResult::Prizewinner,
        };
        w.mun.put("конкурс", contest, today()).expect("put");
        let back = w.path("m-1.uchpkg");
        let school_id = w.school.own_org().id;
        exchange::export(&mut w.mun, &back, ExportTarget::BackTo(school_id), false, today()).expect("export");
        let out = exchange::import(&mut w.school, &[back.as_path()], false, false, today()).expect("import");
        assert_eq!(out[0].result, exchange::ACCEPTED, "{}", out[0].message);
        let school_path = w.path("school.db");
        let World { dir, mun, school } = w;
        school.close().expect("close");
        drop(mun);
        let app = UchrostApp::new(DbLocation { path: school_path, mode: DiskMode::Local }, today());
        let mut h = harness_of(app, 1366.0, 900.0);
        h.get_all_by_label("Педагоги").next().expect("nav").click();
        h.run();
        h.get_all_by_label(&teacher.full_name()).next().expect("the teacher").click();
        h.run();
        h.get_all_by_label("Конкурсы, экспертиза, награды").last().expect("the tab").click();
        h.run();
        assert!(h.query_all_by_label_contains("Педагогический дебют").next().is_some(), "the contest is listed");
        assert!(h.query_all_by_label("[только чтение]").next().is_some(), "marked read-only, no edit button");
        drop(dir);
    }
}

mod first_start {
    use super::*;

    use egui_kittest::kittest::Queryable;
    use uchrost::app::paths::DbLocation;
    use uchrost::ui::UchrostApp;
    use uchrost::ui::dialogs::QueuedDialogs;

    /// A school's first start takes the municipality's key card: the new database encrypts to it at once.
    #[test]
    fn the_first_start_takes_the_municipality_card() {
        let dir = tempfile::tempdir().expect("dir");
        let mut mun = uchrost::app::create_municipality(
            &dir.path().join("mun.db"),
            "Управление образования",
            "M1",
            DiskMode::Local,
        )
        .expect("mun");
        let card = exchange::own_card(&mut mun).expect("card");
        let card_path = dir.path().join("card.txt");
        std::fs::write(&card_path, card.to_text()).expect("card");
        let junk = dir.path().join("junk.txt");
        std::fs::write(&junk, "не карточка").expect("junk");
        let dialogs = QueuedDialogs::default();
        dialogs.open.borrow_mut().extend([junk, card_path]);
        let path = dir.path().join("school.db");
        let app = UchrostApp::new(DbLocation { path: path.clone(), mode: DiskMode::Local }, today())
            .with_dialogs(Box::new(dialogs));
        let mut h = harness_of(app, 1280.0, 760.0);
        h.get_by_label("Название").click();
        h.run();
        h.get_by_label("Название").type_text("МОУ СОШ № 8");
        h.run();
        h.get_by_label("Код школы").click();
        h.run();
        h.get_by_label("Код школы").type_text("008");
        h.run();
        // A file that is not a card is refused with a message naming it.
        h.get_by_label("Выбрать карточку ключа…").click();
        h.run();
        h.get_by_label_contains("это не карточка ключа УчРост");
        h.get_by_label("Выбрать карточку ключа…").click();
        h.run();
        h.get_by_label_contains(&format!("отпечаток {}", card.fingerprint()));
        h.get_by_label("Создать базу").click();
        h.run();
        let session = h.state_mut().session_mut().expect("open");
        let overview = session.exchange_overview().expect("overview");
        let m = overview.peers.iter().find(|p| p.code == "M1").expect("the municipality's key is taken");
        assert_eq!(m.fingerprint, card.fingerprint());
        assert!(m.encrypts);
    }
}

#[test]
fn the_municipal_package_carries_the_receipt_and_the_school_continues_from_it() {
    let mut w = World::new(3);
    let old = w.two_packages_with_a_backup_between();
    let school_id = w.school.own_org().id;
    let back = w.path("m-1.uchpkg");
    exchange::export(&mut w.mun, &back, ExportTarget::BackTo(school_id), false, today()).expect("export");
    let World { dir, mut mun, school } = w;
    school.close().expect("close");
    // The school restored the copy made before package 2, then takes in the municipal package.
    let mut school = Store::open(&old, DiskMode::Local).expect("old copy");
    let out = exchange::import(&mut school, &[back.as_path()], false, false, today()).expect("import");
    assert_eq!(out[0].result, exchange::ACCEPTED, "{}", out[0].message);
    assert_eq!(school.last_sent().expect("sent").map(|s| s.sequence), Some(2), "the receipt inside moved the chain");
    let third = dir.path().join("s-3.uchpkg");
    assert_eq!(
        exchange::export(&mut school, &third, ExportTarget::Upward, false, today()).expect("export").sequence,
        3
    );
    let out = exchange::import(&mut mun, &[third.as_path()], false, false, today()).expect("import");
    assert_eq!(out[0].result, exchange::ACCEPTED, "{}", out[0].message);
    assert!(out[0].warnings.is_empty(), "{:?}", out[0].warnings);
}

/// A package that reuses the id of a record another school authored cannot take that record over.
#[test]
fn a_package_cannot_take_over_another_schools_record() {
    let mut w = World::new(3);
    let first = w.export("s-1.uchpkg");
    assert_eq!(w.import(&[&first], true)[0].result, exchange::ACCEPTED);
    let victim = w.school.load().expect("load").persons.iter().find(|p| p.pedagogical).expect("t").clone();
    let mut other =
        uchrost::app::create_school(&w.path("other.db"), "МОУ СОШ № 9", "009", DiskMode::Local).expect("other");
    exchange::take_card(&mut other, &exchange::own_card(&mut w.mun).expect("card").to_text()).expect("card");
    let other_id = other.own_org().id;
    let forged =
        Person { author: other_id, school: other_id, last_name: "Подменная".into(), ..victim.clone() };
    other.put("работник с чужим идентификатором", forged, today()).expect("put");
    let file = w.path("other-1.uchpkg");
    exchange::export(&mut other, &file, ExportTarget::Upward, false, today()).expect("export");
    let before = records_of(&w.mun);
    let out = w.import(&[&file], true);
    assert!(out[0].refused() && out[0].message.contains("уже внесена другой организацией"), "{}", out[0].message);
    assert_eq!(records_of(&w.mun), before);
}

/// `uchrost demo --schools K --packages DIR`: every demo school's package, which the municipality takes
/// in whole (the data at scale for the exchange benchmarks); a school database is refused.
#[test]
fn the_demo_writes_every_schools_package() {
    let dir = tempfile::tempdir().expect("dir");
    let bin = env!("CARGO_BIN_EXE_uchrost");
    let mun = dir.path().join("муниципалитет.db");
    let packages = dir.path().join("пакеты");
    let run = |args: &[&std::ffi::OsStr]| std::process::Command::new(bin).args(args).output().expect("run");
    let o = run(&[
        "demo".as_ref(),
        "--db".as_ref(),
        mun.as_os_str(),
        "--schools".as_ref(),
        "3".as_ref(),
        "--packages".as_ref(),
        packages.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("Пакеты 3 школ записаны"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let mut files: Vec<std::ffi::OsString> =
        std::fs::read_dir(&packages).expect("dir").map(|e| e.expect("entry").path().into_os_string()).collect();
    files.sort();
    assert_eq!(files.len(), 3);
    let mut args: Vec<&std::ffi::OsStr> =
        vec!["import".as_ref(), "--trust-new".as_ref(), "--db".as_ref(), mun.as_os_str()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    let o = run(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).matches("— принят:").count(),
        3,
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let store = Store::open(&mun, DiskMode::Local).expect("open");
    assert_eq!(store.load().expect("load").schools().count(), 3);
    let school = dir.path().join("школа.db");
    let o = run(&[
        "init".as_ref(),
        "--db".as_ref(),
        school.as_os_str(),
        "--school".as_ref(),
        "Школа".as_ref(),
        "--code".as_ref(),
        "1".as_ref(),
    ]);
    assert!(o.status.success());
    let o = run(&[
        "demo".as_ref(),
        "--db".as_ref(),
        school.as_os_str(),
        "--schools".as_ref(),
        "2".as_ref(),
        "--packages".as_ref(),
        packages.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("пакеты школ пишутся для базы муниципалитета"));
}

/// The references check of the merge, as a table: a package is refused before anything is written when
/// one of its records names a person or a school that will not be there after the merge.
#[test]
fn a_package_naming_people_or_schools_that_will_not_be_there_is_refused() {
    use uchrost::exchange::merge::{self, Domain, Index};
    let w = World::new(4);
    let school = w.school.own_org().id;
    let all = w.school.load().expect("load").records();
    let person = all
        .iter()
        .find_map(|r| match r {
            AnyRecord::Course(c) => Some(c.person),
            _ => None,
        })
        .expect("a course");
    let without_person: Vec<AnyRecord> =
        all.iter().filter(|r| !(r.kind() == RecordKind::Person && r.uuid() == person.0)).cloned().collect();
    let without_school: Vec<AnyRecord> = all.iter().filter(|r| r.kind() != RecordKind::Organisation).cloned().collect();
    let empty = Index::default();
    let merged = Index::of(&w.school.load().expect("load"));
    let domain = Domain::single(school, true);
    // (copy, incoming, the refusal expected: None when accepted)
    let cases: Vec<(&Index, &[AnyRecord], Option<&str>)> = vec![
        (&empty, &all, None),
        (&empty, &without_person, Some("ссылается на работника")),
        (&empty, &without_school, Some("ссылается на организацию")),
        // The copy has the person, but it is the sender's own row, which the package would remove.
        (&merged, &without_person, Some("ссылается на работника")),
        (&merged, &all, None),
    ];
    for (i, (copy, incoming, expected)) in cases.into_iter().enumerate() {
        let got = merge::check_references(copy, &domain, incoming);
        match expected {
            None => assert!(got.is_ok(), "case {i}: {got:?}"),
            Some(text) => assert!(got.as_ref().is_err_and(|e| e.contains(text)), "case {i}: {got:?}"),
        }
    }
    // Another author's person stays: records naming it pass.
    let mut others = Index::default();
    let p = all.iter().find(|r| r.kind() == RecordKind::Person && r.uuid() == person.0).expect("person");
    if let AnyRecord::Person(mut p) = p.clone() {
        p.author = OrgId::new();
        others.insert(&AnyRecord::Person(p.clone()), merge::fingerprint(&AnyRecord::Person(p)));
    }
    assert!(merge::check_references(&others, &domain, &without_person).is_ok());
}
