//! One level up and keys over time: municipalities send their merged data to the region, which merges
//! their packages by the same code path (and lets no municipality replace another's schools); a key
//! rotates (announced by the old key, followed by the new one, a lost announcement included); a revoked
//! key is refused until the organisation is re-enrolled from its new card.

use crate::support::d;
use std::path::{Path, PathBuf};
use uchrost::app::exchange::{self, ExportTarget};
use uchrost::domain::indicators::{Breakdown, Window, compute};
use uchrost::domain::*;
use uchrost::exchange::keys::{KeyChange, fingerprint};
use uchrost::exchange::package;
use uchrost::storage::{DiskMode, Store};

fn today() -> chrono::NaiveDate {
    d("23.11.2026")
}

fn records_of(store: &Store) -> String {
    let mut r: Vec<String> = store.load().expect("load").records().iter().map(|x| x.to_json().to_string()).collect();
    r.sort();
    r.join("\n")
}

struct Region {
    dir: tempfile::TempDir,
    region: Store,
    muns: Vec<Store>,
}

impl Region {
    /// A region and two municipalities (3 and 2 demo schools) that took the region's card.
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("dir");
        let mut region =
            uchrost::app::create_region(&dir.path().join("region.db"), "Тестовая область", "77", DiskMode::Local)
                .expect("region");
        let card = exchange::own_card(&mut region).expect("card").to_text();
        let mut muns = Vec::new();
        for (i, (name, schools)) in [("Северный район", 3), ("Южный район", 2)].into_iter().enumerate()
        {
            let path = dir.path().join(format!("m{i}.db"));
            let code = format!("0{}", i + 1);
            let mut m = uchrost::app::create_municipality(&path, name, &code, DiskMode::Local).expect("mun");
            uchrost::app::fill_municipal_demo(&mut m, schools, 10 + i as u64, today()).expect("demo");
            exchange::take_card(&mut m, &card).expect("take the region's card");
            muns.push(m);
        }
        Region { dir, region, muns }
    }

    fn up(&mut self, i: usize, name: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        exchange::export(&mut self.muns[i], &p, ExportTarget::Upward, false, today()).expect("export up");
        p
    }

    fn import(&mut self, files: &[&Path]) -> Vec<exchange::FileOutcome> {
        exchange::import(&mut self.region, files, false, true, today()).expect("import runs")
    }
}

#[test]
fn a_region_merges_the_packages_of_its_municipalities_by_the_same_path() {
    let mut r = Region::new();
    let a = r.up(0, "m0-1.uchpkg");
    let b = r.up(1, "m1-1.uchpkg");
    let opened = package::open(&std::fs::read(&a).expect("read")).map(|o| o.header).expect("opens");
    assert_eq!(opened.kind, package::PackageKind::Up);
    assert_eq!(opened.to, Some(r.region.own_org().id), "meant for the region, encrypted to its key");
    let out = r.import(&[&a, &b]);
    assert!(out.iter().all(|o| o.result == exchange::ACCEPTED), "{out:?}");

    // Every record of both municipal copies is in the region; each school names its municipality.
    let data = r.region.load().expect("load");
    let mut expected = 0;
    for m in &r.muns {
        let own = m.own_org().clone();
        let mdata = m.load().expect("load");
        expected += mdata
            .records()
            .iter()
            .filter(|x| !matches!(x, AnyRecord::Organisation(o) if o.role == OrgRole::Region))
            .count();
        for s in mdata.schools() {
            let there = data.organisation(s.id).expect("the school is in the region");
            assert_eq!(there.parent, Some(own.id), "{} came through {}", s.name, own.name);
        }
    }
    assert_eq!(data.records().len(), expected + 1, "both copies and the region's own organisation");

    // The region's breakdown by municipality gives each municipality its own figures.
    let window = Window::school_year(SchoolYear(2026), today());
    let settings = RuleSettings::default();
    let regional = compute(&data, window, &settings, Breakdown::Municipality);
    for m in &r.muns {
        let own = compute(&m.load().expect("load"), window, &settings, Breakdown::None);
        let scope = format!("municipality:{}", m.own_org().code);
        for v in own.iter().filter(|v| v.scope == "all") {
            let there = regional.iter().find(|x| x.id == v.id && x.scope == scope).expect("a regional row");
            assert_eq!((there.numerator, there.denominator), (v.numerator, v.denominator), "{} in {scope}", v.id);
        }
    }

    // The same package again changes nothing; a newer one replaces only its municipality's rows.
    let before = records_of(&r.region);
    assert_eq!(r.import(&[&a])[0].result, exchange::ALREADY);
    assert_eq!(records_of(&r.region), before);
    let m0 = r.muns[0].load().expect("load");
    let teacher = m0.persons.iter().find(|p| p.pedagogical).expect("a teacher").clone();
    let school = teacher.school;
    // The municipal copy holds the school's rows as the school sent them; a new course arrives with
    // the school's next package (here written straight into the copy, as a merge would).
    let c = Course {
        author: school,
        ..Course::new(school, teacher.id, "Функциональная грамотность", 36, d("01.11.2026"))
    };
    r.muns[0]
        .apply(
            "курс из пакета школы",
            vec![uchrost::storage::Change::Put(AnyRecord::Course(c.clone()))],
            today(),
            uchrost::storage::HistoryMode::JournalOnly,
        )
        .expect("put");
    let a2 = r.up(0, "m0-2.uchpkg");
    let out = r.import(&[&a2]);
    assert_eq!(out[0].result, exchange::ACCEPTED);
    let totals = out[0].plan.as_ref().expect("plan").totals();
    assert_eq!((totals.new, totals.changed, totals.removed), (1, 0, 0), "{totals}");
    let after = r.region.load().expect("load");
    assert!(after.courses.iter().any(|x| x.id == c.id));
    // The other municipality's rows did not move.
    let south: Vec<String> = r.muns[1].load().expect("load").persons.iter().map(|p| p.id.to_string()).collect();
    assert!(south.iter().all(|id| after.persons.iter().any(|p| p.id.to_string() == *id)));
}

#[test]
fn a_municipality_cannot_bring_another_municipalitys_school() {
    let mut r = Region::new();
    let a = r.up(0, "m0-1.uchpkg");
    assert_eq!(r.import(&[&a])[0].result, exchange::ACCEPTED);
    let before = records_of(&r.region);
    // The southern municipality forges a package that claims a northern school as its own.
    let north = r.muns[0].load().expect("load");
    let stolen = north.schools().next().expect("a school").clone();
    let south = r.muns[1].own_org().clone();
    let key = exchange::signing_key(&mut r.muns[1]).expect("key");
    let recipient = exchange::identity(&mut r.region).expect("identity").recipient();
    let forge = |records: Vec<AnyRecord>, name: &str, seq: u64| {
        let out = package::Outgoing {
            kind: package::PackageKind::Up,
            from_role: south.role,
            from: south.id,
            from_code: &south.code,
            from_name: &south.name,
            from_encrypt: None,
            to: None,
            receipt: None,
            key_change: None,
            sequence: seq,
            previous_hash: "",
            created_at: "2026-11-23T10:00:00",
            school_year: 2026,
        };
        let file = r.dir.path().join(name);
        std::fs::write(&file, package::build(&out, records, &key, Some(&recipient))).expect("write");
        file
    };
    let mut records = package::snapshot_up(&r.muns[1].load().expect("load"), &south);
    records.push(AnyRecord::Organisation(Organisation { parent: Some(south.id), ..stolen.clone() }));
    let file = forge(records.clone(), "forged.uchpkg", 1);
    let out = exchange::import(&mut r.region, &[&file], false, true, today()).expect("runs");
    assert!(out[0].refused() && out[0].message.contains("другой организацией"), "{}", out[0].message);
    assert_eq!(records_of(&r.region), before);
    // A school that does not name the sender as its municipality is refused too.
    let last = records.len() - 1;
    records[last] = AnyRecord::Organisation(Organisation { parent: None, id: OrgId::new(), ..stolen });
    let file = forge(records, "orphan.uchpkg", 1);
    let out = exchange::import(&mut r.region, &[&file], false, true, today()).expect("runs");
    assert!(out[0].refused() && out[0].message.contains("не числится школой"), "{}", out[0].message);
    assert_eq!(records_of(&r.region), before);
}

#[test]
fn the_levels_keep_to_their_packages() {
    let mut r = Region::new();
    // The region is the top: it has nowhere to send.
    let err = exchange::export(&mut r.region, &r.dir.path().join("x.uchpkg"), ExportTarget::Upward, true, today())
        .expect_err("refused");
    assert!(err.to_string().contains("верхний уровень"), "{err}");
    // A municipality without the region's card is refused unless it chooses an unencrypted package.
    let dir = tempfile::tempdir().expect("dir");
    let mut lone = uchrost::app::create_municipality(&dir.path().join("m.db"), "Западный район", "03", DiskMode::Local)
        .expect("m");
    let err = exchange::export(&mut lone, &dir.path().join("m.uchpkg"), ExportTarget::Upward, false, today())
        .expect_err("refused");
    assert!(err.to_string().contains("ключа региона"), "{err}");
    // A school's package is not for the region.
    let mut school =
        uchrost::app::create_school(&dir.path().join("s.db"), "МОУ СОШ № 9", "009", DiskMode::Local).expect("school");
    let card = exchange::own_card(&mut r.region).expect("card").to_text();
    let err = exchange::take_card(&mut school, &card).expect_err("a school does not take the region's card");
    assert!(err.to_string().contains("только со своим муниципалитетом"), "{err}");
    let file = dir.path().join("s.uchpkg");
    exchange::export(&mut school, &file, ExportTarget::Upward, true, today()).expect("export");
    let out = r.import(&[&file]);
    assert!(out[0].refused() && out[0].message.contains("не того уровня"), "{}", out[0].message);
}

/// A municipality and a school that took its card, with the school's first package accepted.
fn pair() -> (tempfile::TempDir, Store, Store) {
    let dir = tempfile::tempdir().expect("dir");
    let mut mun =
        uchrost::app::create_municipality(&dir.path().join("mun.db"), "Управление", "M1", DiskMode::Local).expect("m");
    let mut school =
        uchrost::app::create_school(&dir.path().join("s.db"), "МОУ СОШ № 4", "004", DiskMode::Local).expect("school");
    uchrost::app::fill_school_demo(&mut school, 6, 3, today()).expect("demo");
    let card = exchange::own_card(&mut mun).expect("card").to_text();
    exchange::take_card(&mut school, &card).expect("take card");
    let first = dir.path().join("s-1.uchpkg");
    exchange::export(&mut school, &first, ExportTarget::Upward, false, today()).expect("export");
    let out = exchange::import(&mut mun, &[&first], false, true, today()).expect("runs");
    assert_eq!(out[0].result, exchange::ACCEPTED);
    (dir, mun, school)
}

fn signer_of(file: &Path) -> String {
    let bytes = std::fs::read(file).expect("read");
    let opened = package::open(&bytes).expect("opens");
    fingerprint(opened.header.from_role, opened.header.from, &opened.signer)
}

fn export(school: &mut Store, file: &Path) {
    exchange::export(school, file, ExportTarget::Upward, false, today()).expect("export");
}

fn registered(mun: &Store, school: &Store) -> String {
    let peer = mun.peer(&school.own_org().id.to_string()).expect("peer").expect("registered");
    uchrost::exchange::keys::peer_fingerprint(&peer.role, &peer.org, &peer.sign_key)
}

#[test]
fn a_rotated_key_is_announced_by_the_old_one_and_then_signs() {
    let (dir, mut mun, mut school) = pair();
    let old = exchange::own_card(&mut school).expect("card").fingerprint();
    let new = exchange::rotate_keys(&mut school).expect("rotate");
    assert_ne!(old, new);
    assert_eq!(exchange::rotate_keys(&mut school).expect("again"), new, "a second call waits for the same key");
    // The announcement is signed by the old key and carries the change the old key signed.
    let second = dir.path().join("s-2.uchpkg");
    export(&mut school, &second);
    assert_eq!(signer_of(&second), old);
    let header = package::open(&std::fs::read(&second).expect("read")).expect("opens").header;
    let (o, n) = header.key_change.expect("a key change").verify(school.own_org().id).expect("valid");
    let of = |k| fingerprint(OrgRole::School, school.own_org().id, &k);
    assert_eq!((of(o), of(n)), (old.clone(), new.clone()));
    assert_eq!(exchange::own_card(&mut school).expect("card").fingerprint(), new, "the new key signs from now on");
    // A dry run shows the change and writes nothing.
    let dry = exchange::import(&mut mun, &[&second], true, false, today()).expect("runs");
    assert!(dry[0].warnings.iter().any(|w| w.contains(&new)), "{:?}", dry[0].warnings);
    assert_eq!(registered(&mun, &school), old);
    let out = exchange::import(&mut mun, &[&second], false, false, today()).expect("runs");
    assert_eq!(out[0].result, exchange::ACCEPTED, "{}", out[0].message);
    assert_eq!(registered(&mun, &school), new);
    // The next package is signed by the new key and accepted.
    let third = dir.path().join("s-3.uchpkg");
    export(&mut school, &third);
    assert_eq!(signer_of(&third), new);
    let out = exchange::import(&mut mun, &[&third], false, false, today()).expect("runs");
    assert_eq!(out[0].result, exchange::ACCEPTED, "{}", out[0].message);
}

#[test]
fn a_lost_announcement_does_not_cut_the_school_off() {
    let (dir, mut mun, mut school) = pair();
    let new = exchange::rotate_keys(&mut school).expect("rotate");
    export(&mut school, &dir.path().join("lost.uchpkg"));
    let third = dir.path().join("s-3.uchpkg");
    export(&mut school, &third);
    assert_eq!(signer_of(&third), new);
    let out = exchange::import(&mut mun, &[&third], false, false, today()).expect("runs");
    assert_eq!(out[0].result, exchange::ACCEPTED, "{}", out[0].message);
    assert!(out[0].warnings.iter().any(|w| w.contains("пропущен пакет №2")), "{:?}", out[0].warnings);
    assert_eq!(registered(&mun, &school), new);
}

#[test]
fn a_key_change_not_signed_by_the_registered_key_is_refused() {
    let (dir, mut mun, school) = pair();
    // Someone with a key of their own claims to be the school's successor key.
    let thief = ed25519_dalek::SigningKey::from_bytes(&[9u8; 32]);
    let own = school.own_org().clone();
    let change = KeyChange::sign(own.id, &thief, &thief.verifying_key());
    let recipient = exchange::identity(&mut mun).expect("identity").recipient();
    let mut forged = KeyChange { old: change.old.clone(), ..change };
    // Pretend the old key is the school's registered one: the signature no longer holds.
    forged.old = {
        use base64::Engine;
        let peer = mun.peer(&own.id.to_string()).expect("peer").expect("registered");
        base64::engine::general_purpose::STANDARD.encode(peer.sign_key)
    };
    let out = package::Outgoing {
        kind: package::PackageKind::School,
        from_role: own.role,
        from: own.id,
        from_code: &own.code,
        from_name: &own.name,
        from_encrypt: None,
        to: Some(mun.own_org().id),
        receipt: None,
        key_change: Some(forged),
        sequence: 2,
        previous_hash: "",
        created_at: "2026-11-23T10:00:00",
        school_year: 2026,
    };
    let records = package::snapshot(&school.load().expect("load"), own.id, None);
    let file = dir.path().join("forged.uchpkg");
    std::fs::write(&file, package::build(&out, records, &thief, Some(&recipient))).expect("write");
    let before = records_of(&mun);
    let got = exchange::import(&mut mun, &[&file], false, true, today()).expect("runs");
    assert!(got[0].refused() && got[0].message.contains("другим ключом"), "{}", got[0].message);
    assert_eq!(records_of(&mun), before);
}

#[test]
fn a_package_encrypted_before_the_municipality_rotated_still_opens() {
    let (dir, mut mun, mut school) = pair();
    let second = dir.path().join("s-2.uchpkg");
    export(&mut school, &second);
    // The municipality rotates (its decryption key too) before the package arrives.
    let before = exchange::identity(&mut mun).expect("identity").recipient().to_age_string();
    exchange::rotate_keys(&mut mun).expect("rotate");
    assert_ne!(exchange::identity(&mut mun).expect("identity").recipient().to_age_string(), before);
    let out = exchange::import(&mut mun, &[&second], false, false, today()).expect("runs");
    assert_eq!(out[0].result, exchange::ACCEPTED, "{}", out[0].message);
}

#[test]
fn a_revoked_key_is_refused_until_the_new_card_is_taken() {
    let (dir, mut mun, mut school) = pair();
    let name = exchange::revoke(&mut mun, "004").expect("revoke");
    assert_eq!(name, "МОУ СОШ № 4");
    assert!(exchange::revoke(&mut mun, "004").expect_err("twice").to_string().contains("уже отозван"));
    assert!(exchange::revoke(&mut mun, "999").expect_err("unknown").to_string().contains("нет среди"));
    let second = dir.path().join("s-2.uchpkg");
    export(&mut school, &second);
    let before = records_of(&mun);
    let out = exchange::import(&mut mun, &[&second], false, true, today()).expect("runs");
    assert!(out[0].refused() && out[0].message.contains("отозван"), "{}", out[0].message);
    assert_eq!(records_of(&mun), before);
    // The school lost its laptop: a new key, a new card checked on paper, and it continues.
    school.replace_own_key("sign", [7u8; 32]).expect("new key");
    let card = exchange::own_card(&mut school).expect("card").to_text();
    exchange::take_card(&mut mun, &card).expect("re-enrol");
    let third = dir.path().join("s-3.uchpkg");
    export(&mut school, &third);
    let out = exchange::import(&mut mun, &[&third], false, false, today()).expect("runs");
    assert_eq!(out[0].result, exchange::ACCEPTED, "{}", out[0].message);
    let journal = mun.journal_entries(50).expect("journal");
    assert!(journal.iter().any(|j| j.message.contains("отозван")), "the revocation is in the journal");
}

#[test]
fn the_command_line_makes_a_region_and_sends_up() {
    let dir = tempfile::tempdir().expect("dir");
    let path = |n: &str| dir.path().join(n).to_str().expect("utf-8").to_string();
    let run = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_uchrost")).args(args).output().expect("run");
        (o.status.code(), String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr))
    };
    let (reg, mun, card, pkg) = (path("r.db"), path("m.db"), path("r.card"), path("up.uchpkg"));
    assert_eq!(run(&["init", "--db", &reg, "--region", "Тестовая область", "--code", "77"]).0, Some(0));
    let (code, text) = run(&["init", "--db", &mun, "--region", "А", "--municipality", "Б"]);
    assert_eq!(code, Some(2), "{text}");
    assert_eq!(run(&["init", "--db", &mun, "--municipality", "Северный район", "--code", "01"]).0, Some(0));
    assert_eq!(run(&["demo", "--db", &mun, "--schools", "2", "--today", "23.11.2026"]).0, Some(0));
    assert_eq!(run(&["keys", "--db", &reg, "--export", &card]).0, Some(0));
    assert_eq!(run(&["keys", "--db", &mun, "--import", &card]).0, Some(0));
    let (code, text) = run(&["export", "--db", &mun, "--out", &pkg]);
    assert_eq!(code, Some(2), "a municipality says which package: {text}");
    assert!(text.contains("--up"), "{text}");
    let (code, text) = run(&["export", "--db", &mun, "--out", &pkg, "--up"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("зашифрован"), "{text}");
    let (code, text) = run(&["import", "--db", &reg, &pkg]);
    assert_eq!(code, Some(1), "a first package waits for the fingerprint: {text}");
    assert!(text.contains("карточкой муниципалитета"), "{text}");
    let (code, text) = run(&["import", "--db", &reg, "--trust-new", &pkg]);
    assert_eq!(code, Some(0), "{text}");
    let (code, text) = run(&["indicators", "--db", &reg, "--by", "municipality", "--json"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("municipality:01"), "{text}");
    let (code, text) = run(&["keys", "--db", &mun, "--rotate"]);
    assert_eq!(code, Some(0), "{text}");
    let (_, shown) = run(&["keys", "--db", &mun]);
    assert!(shown.contains("идёт смена ключа"), "{shown}");
    let (code, text) = run(&["keys", "--db", &reg, "--revoke", "01"]);
    assert_eq!(code, Some(0), "{text}");
    let (_, shown) = run(&["keys", "--db", &reg]);
    assert!(shown.contains("ОТОЗВАН"), "{shown}");
}

/// The methodologist makes the package for the region and starts a key rotation on her Обмен screen;
/// the region takes the package in on its own screen and revokes the municipality's key there.
#[test]
fn the_screens_send_up_rotate_and_revoke() {
    use crate::exchange::screen::{click, window};
    use egui_kittest::kittest::Queryable;
    let r = Region::new();
    let Region { dir, region, mut muns } = r;
    let mun_path = dir.path().join("m0.db");
    let region_path = dir.path().join("region.db");
    let package = dir.path().join("up-from-screen.uchpkg");
    let people = muns[0].load().expect("load").persons.len();
    let old = exchange::own_card(&mut muns[0]).expect("card").fingerprint();
    for m in muns {
        m.close().expect("close");
    }
    region.close().expect("close");

    let mut h = window(&mun_path, vec![], vec![package.clone()]);
    click(&mut h, "Обмен");
    h.get_by_label_contains("Регион: Тестовая область (77)");
    click(&mut h, "Пакет для региона…");
    h.get_by_label_contains("Пакет записан и проверен: №1");
    assert!(package.exists());
    click(&mut h, "Сменить ключ…");
    h.get_by_label_contains("Следующий пакет ещё подписывается прежним ключом");
    h.get_all_by_label("Сменить ключ").next().expect("confirm").click();
    h.run();
    h.get_by_label_contains("Идёт смена ключа: новый отпечаток");
    drop(h);
    let mut m = Store::open(&mun_path, DiskMode::Local).expect("open");
    assert_eq!(exchange::own_card(&mut m).expect("card").fingerprint(), old, "the old key signs until announced");
    assert!(exchange::pending_rotation(&m).expect("pending").is_some());
    m.close().expect("close");

    let mut h = window(&region_path, vec![package.clone()], vec![]);
    click(&mut h, "Обмен");
    click(&mut h, "Принять пакеты муниципалитетов…");
    h.get_all_by_label_contains("будет принят").next().expect("the preview");
    click(&mut h, "Отпечатки новых муниципалитетов сверены с бумажными карточками");
    h.get_by_label("Принять").click_accesskit();
    crate::indicators_screen::settle(&mut h);
    assert_eq!(h.state().session().expect("open").data().persons.len(), people);
    h.get_by_label("Северный район (01)");
    click(&mut h, "Отозвать ключ");
    h.get_by_label_contains("пакеты не будут приниматься до повторной регистрации");
    h.get_all_by_label("Отозвать ключ").last().expect("confirm").click();
    h.run();
    h.get_by_label_contains("ОТОЗВАН");
    drop(h);
    let region = Store::open(&region_path, DiskMode::Local).expect("open");
    assert!(region.peers().expect("peers").iter().all(|p| p.revoked.is_some()));
}

/// A municipality that lost its database: its new one, with its schools' data sent again, takes the old
/// one's place at the region (`--replace`); the region's records about it follow, and the region holds one
/// municipality 01 whose figures equal the new copy's.
#[test]
fn a_municipalitys_new_database_takes_the_lost_ones_place_at_the_region() {
    let mut r = Region::new();
    let a = r.up(0, "m0-1.uchpkg");
    let b = r.up(1, "m1-1.uchpkg");
    assert!(r.import(&[&a, &b]).iter().all(|o| o.result == exchange::ACCEPTED));
    let region_id = r.region.own_org().id;
    let old_id = r.muns[0].own_org().id;
    let target = Target {
        id: TargetId::new(),
        author: region_id,
        org: old_id,
        indicator: "category_high".into(),
        year: SchoolYear(2026),
        value: 50.0,
    };
    r.region.put("цель", target.clone(), today()).expect("put");

    // The new database of «Северный район»: its schools sent their packages again (their ids are theirs).
    let mut fresh =
        uchrost::app::create_municipality(&r.dir.path().join("m0-new.db"), "Северный район", "01", DiskMode::Local)
            .expect("new mun");
    let new_id = fresh.own_org().id;
    let schools: Vec<AnyRecord> = r.muns[0]
        .load()
        .expect("load")
        .records()
        .into_iter()
        .filter(|x| x.author() != old_id)
        .map(|x| match x {
            AnyRecord::Organisation(mut o) if o.role == OrgRole::School => {
                o.parent = Some(new_id);
                AnyRecord::Organisation(o)
            }
            other => other,
        })
        .collect();
    fresh
        .apply(
            "пакеты школ",
            schools.into_iter().map(uchrost::storage::Change::Put).collect(),
            today(),
            uchrost::storage::HistoryMode::JournalOnly,
        )
        .expect("schools");
    let card = exchange::own_card(&mut r.region).expect("card").to_text();
    exchange::take_card(&mut fresh, &card).expect("take the region's card");
    let up = r.dir.path().join("m0-new-1.uchpkg");
    exchange::export(&mut fresh, &up, ExportTarget::Upward, false, today()).expect("export up");
    let out = r.import(&[&up]);
    assert!(out[0].refused() && out[0].message.contains("--replace"), "{}", out[0].message);

    let new_card = exchange::own_card(&mut fresh).expect("card").to_text();
    let done = exchange::replace_with_card(&mut r.region, &new_card).expect("replace");
    assert_eq!(done.held, 1, "the region's target for the municipality");
    let out = r.import(&[&up]);
    assert_eq!(out[0].result, exchange::ACCEPTED, "{}", out[0].message);

    let data = r.region.load().expect("load");
    let muns: Vec<OrgId> =
        data.organisations.iter().filter(|o| o.role == OrgRole::Municipality && o.code == "01").map(|o| o.id).collect();
    assert_eq!(muns, vec![new_id], "one municipality 01");
    assert_eq!(data.targets.iter().find(|t| t.id == target.id).expect("target").org, new_id);
    let window = Window::school_year(SchoolYear(2026), today());
    let settings = RuleSettings::default();
    let regional = compute(&data, window, &settings, Breakdown::Municipality);
    let own = compute(&fresh.load().expect("load"), window, &settings, Breakdown::None);
    for v in own.iter().filter(|v| v.scope == "all") {
        let there = regional.iter().find(|x| x.id == v.id && x.scope == "municipality:01").expect("a regional row");
        assert_eq!((there.numerator, there.denominator), (v.numerator, v.denominator), "{}", v.id);
    }
}
