//! Packages forged with a real, enrolled key (issue 21): what a careless or tampered school can put in a
//! package it signs itself. Each is refused with a Russian reason, and every table of the municipality
//! (but its audit logs) is as before.

use crate::support::*;
use std::path::{Path, PathBuf};
use uchrost::app::exchange::{self, ExportTarget, FileOutcome};
use uchrost::domain::*;
use uchrost::exchange::package::{self, Outgoing, PackageKind};
use uchrost::storage::{DiskMode, Store};

fn today() -> chrono::NaiveDate {
    d("23.11.2026")
}

/// A municipality with two enrolled schools (004 and 005), each of whose first package was accepted.
struct Town {
    dir: tempfile::TempDir,
    mun: Store,
    a: Store,
    b: Store,
}

fn town() -> Town {
    let dir = tempfile::tempdir().expect("dir");
    let mut mun =
        uchrost::app::create_municipality(&dir.path().join("mun.db"), "Управление образования", "M1", DiskMode::Local)
            .expect("mun");
    let card = exchange::own_card(&mut mun).expect("card").to_text();
    let mut schools = Vec::new();
    for (file, name, code, seed) in [("a.db", "МОУ СОШ № 4", "004", 4), ("b.db", "МОУ СОШ № 5", "005", 5)]
    {
        let mut s = uchrost::app::create_school(&dir.path().join(file), name, code, DiskMode::Local).expect("school");
        uchrost::app::fill_school_demo(&mut s, 8, seed, today()).expect("demo");
        exchange::take_card(&mut s, &card).expect("card");
        let package = dir.path().join(format!("{code}-1.uchpkg"));
        exchange::export(&mut s, &package, ExportTarget::Upward, false, today()).expect("export");
        let out = exchange::import(&mut mun, &[package.as_path()], false, true, today()).expect("import");
        assert!(!out[0].refused(), "{}", out[0].message);
        schools.push(s);
    }
    let b = schools.pop().expect("b");
    let a = schools.pop().expect("a");
    Town { dir, mun, a, b }
}

fn tables(store: &Store) -> String {
    crate::support::tables(store.connection())
}

/// The header of school A's second package, as its program writes it, for `to` (none: unencrypted).
fn outgoing(own: &Organisation, to: Option<OrgId>) -> Outgoing<'_> {
    Outgoing {
        kind: PackageKind::School,
        from_role: OrgRole::School,
        from: own.id,
        from_code: &own.code,
        from_name: &own.name,
        from_encrypt: None,
        to,
        receipt: None,
        key_change: None,
        sequence: 2,
        previous_hash: "",
        created_at: "2026-11-23T10:00:00",
        school_year: 2026,
    }
}

/// A package of school A's own records (stripped as a correct sender strips them), signed with A's real
/// key and encrypted to the municipality, with `change` made to its header and records first.
fn forge(t: &mut Town, name: &str, change: impl FnOnce(&mut Outgoing, &mut Vec<AnyRecord>)) -> PathBuf {
    let key = exchange::signing_key(&mut t.a).expect("key");
    let recipient = exchange::identity(&mut t.mun).expect("identity").recipient();
    let own = t.a.own_org().clone();
    let mut records = package::snapshot(&t.a.load().expect("load"), own.id, None);
    let mut out = outgoing(&own, Some(t.mun.own_org().id));
    change(&mut out, &mut records);
    let file = t.dir.path().join(name);
    std::fs::write(&file, package::build(&out, records, &key, Some(&recipient))).expect("write");
    file
}

fn import(t: &mut Town, file: &Path) -> FileOutcome {
    exchange::import(&mut t.mun, &[file], false, true, today()).expect("import").remove(0)
}

/// The package is refused with a Russian reason containing `words`, and nothing changed.
fn refused(t: &mut Town, file: &Path, words: &str) {
    let before = tables(&t.mun);
    let out = import(t, file);
    assert!(out.refused(), "accepted: {}", out.message);
    assert!(out.message.contains(words), "«{words}» not in: {}", out.message);
    assert!(out.message.chars().any(|c| ('а'..='я').contains(&c)), "{}", out.message);
    assert_eq!(tables(&t.mun), before, "the municipal copy changed");
}

#[test]
fn a_level_the_header_claims_is_not_the_level_the_sender_was_enrolled_with() {
    let mut t = town();
    let file = forge(&mut t, "уровень.uchpkg", |out, _| out.from_role = OrgRole::Municipality);
    refused(&mut t, &file, "принимает пакеты только от организаций уровня «школа»");
    let file = forge(&mut t, "регион.uchpkg", |out, _| {
        out.kind = PackageKind::Up;
        out.from_role = OrgRole::Municipality;
    });
    refused(&mut t, &file, "не того уровня");
}

#[test]
fn records_about_another_schools_teacher_are_refused_naming_the_record() {
    let mut t = town();
    let theirs = t.b.load().expect("load").persons[0].id;
    let author = t.a.own_org().id;
    let file = forge(&mut t, "чужой.uchpkg", |_, records| {
        let c = Course { author, ..course(theirs, "01.10.2026") };
        records.push(c.into());
    });
    refused(&mut t, &file, "которого нет среди работников отправителя");
}

#[test]
fn what_never_leaves_a_school_is_refused_by_the_receiver_too() {
    for (field, words) in [("phone", "Телефон"), ("note", "Примечание"), ("document", "№ удостоверения")]
    {
        let mut t = town();
        let file = forge(&mut t, "лишнее.uchpkg", |_, records| {
            for r in records.iter_mut() {
                match (field, r) {
                    ("phone", AnyRecord::Person(p)) => p.phone = "+7 900 000-00-00".into(),
                    ("note", AnyRecord::Person(p)) => p.note = "по состоянию здоровья".into(),
                    ("document", AnyRecord::Course(c)) => c.document_number = "772400012345".into(),
                    _ => continue,
                }
                break;
            }
        });
        refused(&mut t, &file, words);
    }
}

#[test]
fn numbers_out_of_range_twin_ids_and_hidden_characters_are_refused() {
    for (case, words) in [
        ("2^63", "вне допустимого диапазона"),
        ("2^64-1", "вне допустимого диапазона"),
        ("twins", "с одним идентификатором"),
        ("bidi", "U+202E"),
        ("bom", "U+FEFF"),
        ("nul", "U+0000"),
    ] {
        let mut t = town();
        let file = forge(&mut t, "числа.uchpkg", |out, records| match case {
            "2^63" => out.sequence = 1 << 63,
            "2^64-1" => out.sequence = u64::MAX,
            "twins" => {
                let twin = records.iter().find(|r| r.kind() == RecordKind::Course).cloned().expect("a course");
                records.push(twin);
            }
            _ => {
                if let Some(AnyRecord::Person(p)) = records.iter_mut().find(|r| r.kind() == RecordKind::Person) {
                    p.last_name = match case {
                        "bidi" => "Иванова\u{202E}авонавИ".into(),
                        "bom" => "\u{FEFF}Иванова".into(),
                        _ => "Иван\u{0}ова".into(),
                    };
                }
            }
        });
        refused(&mut t, &file, words);
    }
}

/// A header that spells another school's code and name is journalled as the sender registered.
#[test]
fn the_journal_names_the_sender_as_registered() {
    let mut t = town();
    let file = forge(&mut t, "имя.uchpkg", |out, _| {
        out.from_code = "005";
        out.from_name = "МОУ СОШ № 5";
    });
    let out = import(&mut t, &file);
    assert!(!out.refused(), "{}", out.message);
    assert_eq!(out.from.as_deref(), Some("МОУ СОШ № 4 (004)"));
    let log = t.mun.package_log(1).expect("log");
    assert!(!format!("{log:?}").contains("№ 5"), "{log:?}");
    let journal = t.mun.journal_entries(1).expect("journal");
    assert!(journal[0].message.contains("от «МОУ СОШ № 4» (004)"), "{journal:?}");
    assert!(!journal[0].message.contains("№ 5"), "{journal:?}");
}

/// A large file of garbage is refused from its first bytes, whatever its size (the memory it costs is
/// measured in BENCHMARKS.md); so is a package whose length does not match its prefix.
#[test]
fn garbage_is_refused_from_its_first_bytes() {
    let mut t = town();
    let big = t.dir.path().join("мусор.uchpkg");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(500 * 1024 * 1024).expect("a sparse file of 500 MB");
    drop(f);
    refused(&mut t, &big, "это не пакет УчРост");
    // Over the limit, it is refused by its size alone.
    std::fs::File::options().write(true).open(&big).expect("open").set_len(600 * 1024 * 1024).expect("grow");
    refused(&mut t, &big, "больше допустимого размера");
    let good = forge(&mut t, "хороший.uchpkg", |_, _| {});
    let mut bytes = std::fs::read(&good).expect("read");
    bytes.extend_from_slice(&[0; 1000]);
    let longer = t.dir.path().join("длиннее.uchpkg");
    std::fs::write(&longer, bytes).expect("write");
    refused(&mut t, &longer, "пакет обрезан или к нему что-то дописано");
}

/// The same hidden characters are refused in a form and in a spreadsheet, naming the field.
#[test]
fn hidden_characters_are_refused_in_a_form_and_a_sheet_too() {
    let p = Person { last_name: "Петров\u{200B}".into(), ..person("Петров", "10.01.1980", "01.09.2005") };
    let errors = validate(&AnyRecord::Person(p), today()).expect_err("refused");
    assert!(errors.iter().any(|e| e.label == "Фамилия" && e.message.contains("U+200B")), "{errors:?}");
    let (dir, _path, mut store) = school_db();
    let sheet = dir.path().join("педагоги.csv");
    std::fs::write(&sheet, "ФИО;Дата рождения\nИванова\u{202E} Анна Сергеевна;12.04.1985\n").expect("write");
    let (s, header) =
        uchrost::app::import::read(&store, &sheet, None, uchrost::import::ImportKind::Teachers).expect("read");
    let data = store.load().expect("load");
    let ctx = uchrost::app::import::Context {
        kind: uchrost::import::ImportKind::Teachers,
        school: store.own_org().id,
        today: today(),
        event: None,
        school_year: None,
    };
    let plan = uchrost::app::import::plan(&data, s, header, &ctx).expect("plan");
    let uchrost::import::RowStatus::Error(errors) = &plan.plan.rows[0].status else {
        panic!("{:?}", plan.plan.rows[0].status)
    };
    assert!(errors.iter().any(|e| e.message.contains("U+202E")), "{errors:?}");
    assert!(uchrost::app::import::apply(&mut store, &plan, false, today(), "лист").is_err());
}

/// School A's package, unencrypted, with its header and payload JSON changed as text and sealed again
/// with A's real key (the header's payload hash and size follow the payload).
fn forge_raw(
    t: &mut Town,
    name: &str,
    header: impl FnOnce(String) -> String,
    payload: impl FnOnce(String) -> String,
) -> PathBuf {
    let key = exchange::signing_key(&mut t.a).expect("key");
    let own = t.a.own_org().clone();
    let records = package::snapshot(&t.a.load().expect("load"), own.id, None);
    let bytes = package::build(&outgoing(&own, None), records, &key, None);
    let opened = uchrost::exchange::envelope::open(&bytes).expect("opens");
    let new_payload = payload(String::from_utf8(opened.payload.to_vec()).expect("utf-8"));
    let mut h: serde_json::Value = serde_json::from_slice(opened.header).expect("header");
    h["payload_sha256"] = uchrost::exchange::envelope::sha256_hex(new_payload.as_bytes()).into();
    h["payload_size"] = new_payload.len().into();
    let new_header = header(h.to_string());
    let sealed = uchrost::exchange::envelope::seal(&key, false, new_header.as_bytes(), new_payload.as_bytes());
    let file = t.dir.path().join(name);
    std::fs::write(&file, sealed).expect("write");
    file
}

/// An unencrypted package is refused by a municipality unless it allows them; allowed, it is said in the
/// result and the journal.
#[test]
fn an_unencrypted_package_is_refused_or_said() {
    let mut t = town();
    let file = forge_raw(&mut t, "открытый.uchpkg", |h| h, |p| p);
    refused(&mut t, &file, "пакет не зашифрован");
    exchange::set_requires_encryption(&mut t.mun, false).expect("allow");
    let out = import(&mut t, &file);
    assert!(!out.refused(), "{}", out.message);
    assert!(out.warnings.iter().any(|w| w == "пакет не зашифрован"), "{:?}", out.warnings);
    let journal = t.mun.journal_entries(1).expect("journal");
    assert!(journal[0].message.contains("пакет не зашифрован"), "{journal:?}");
}

/// What the parser finds wrong in a header or a payload is said in Russian, naming the part and the
/// field.
#[test]
fn the_parsers_complaints_are_said_in_russian() {
    type Edit = fn(String) -> String;
    let cases: [(&str, Edit, Edit, &str); 5] = [
        (
            "дробный номер",
            |h| h.replace("\"sequence\":2", "\"sequence\":2.5"),
            |p| p,
            "заголовок пакета не читается: значение неверного типа: ожидается целое число",
        ),
        ("нет отправителя", |h| h.replacen("\"from\":", "\"from_x\":", 1), |p| p, "нет обязательного поля «from»"),
        (
            "два отправителя",
            |h| h.replacen("{", "{\"from\":\"00000000-0000-0000-0000-000000000001\",", 1),
            |p| p,
            "поле «from» повторяется",
        ),
        ("запись без автора", |h| h, |p| p.replacen("\"author\":", "\"author_x\":", 1), "данные пакета не читаются"),
        (
            "обрыв",
            |h| h,
            // Cut at the character boundary nearest the middle (the payload holds Cyrillic text).
            |p| {
                let mut cut = p.len() / 2;
                while !p.is_char_boundary(cut) {
                    cut -= 1;
                }
                p[..cut].to_string()
            },
            "данные пакета не читаются",
        ),
    ];
    for (name, header, payload, words) in cases {
        let mut t = town();
        exchange::set_requires_encryption(&mut t.mun, false).expect("allow");
        let file = forge_raw(&mut t, &format!("{name}.uchpkg"), header, payload);
        let before = tables(&t.mun);
        let out = import(&mut t, &file);
        assert!(out.refused(), "{name}: accepted");
        assert!(out.message.contains(words), "{name}: {}", out.message);
        // The field is named as the package spells it, in «…»; the rest is Russian.
        let unquoted: String =
            out.message.split('«').map(|part| part.split_once('»').map_or(part, |(_, rest)| rest)).collect();
        let english = unquoted.split(|c: char| !c.is_ascii_alphabetic()).any(|w| w.len() >= 4);
        assert!(!english, "{name}: {}", out.message);
        assert_eq!(tables(&t.mun), before, "{name}");
    }
}

/// A school that lost its database and made a new one has a new organisation id and key: its first
/// package, with the same code, is not taken as a new school even with --trust-new, and the message says
/// how to re-enrol it.
#[test]
fn a_new_database_with_a_registered_code_is_not_a_new_school() {
    let mut t = town();
    let card = exchange::own_card(&mut t.mun).expect("card").to_text();
    let mut again = uchrost::app::create_school(&t.dir.path().join("a-new.db"), "МОУ СОШ № 4", "004", DiskMode::Local)
        .expect("new database");
    uchrost::app::fill_school_demo(&mut again, 3, 9, today()).expect("demo");
    exchange::take_card(&mut again, &card).expect("card");
    let file = t.dir.path().join("004-new.uchpkg");
    exchange::export(&mut again, &file, ExportTarget::Upward, false, today()).expect("export");
    refused(&mut t, &file, "код «004» уже зарегистрирован за «МОУ СОШ № 4»");
    let out = import(&mut t, &file);
    assert!(out.message.contains("uchrost keys --import"), "{}", out.message);
    assert_eq!(t.mun.load().expect("load").schools().filter(|s| s.code == "004").count(), 1);
}

/// The fingerprint a receiver prints for a first package binds the level and the organisation the header
/// claims, so the paper card of the key's real owner does not match it: a school's key posing as a
/// municipality to the region, or a municipality's key posing as a school to another municipality, is
/// caught when the fingerprint is compared. A key already registered for one organisation never enrols a
/// second one, even with --trust-new.
#[test]
fn a_key_speaks_for_one_organisation_at_one_level() {
    let mut t = town();
    let school_card = exchange::own_card(&mut t.a).expect("card");
    // School A's key, a header that calls it a municipality, sent to a region.
    let mut region =
        uchrost::app::create_region(&t.dir.path().join("region.db"), "Область", "77", DiskMode::Local).expect("region");
    let key = exchange::signing_key(&mut t.a).expect("key");
    let recipient = exchange::identity(&mut region).expect("identity").recipient();
    let own = t.a.own_org().clone();
    let mut out = outgoing(&own, Some(region.own_org().id));
    out.kind = PackageKind::Up;
    out.from_role = OrgRole::Municipality;
    out.sequence = 1;
    let file = t.dir.path().join("школа-как-муниципалитет.uchpkg");
    let mun_record = Organisation::new(own.id, OrgRole::Municipality, &own.name, &own.code);
    std::fs::write(&file, package::build(&out, vec![mun_record.into()], &key, Some(&recipient))).expect("write");
    let dry = exchange::import(&mut region, &[file.as_path()], false, false, today()).expect("import").remove(0);
    assert!(dry.refused() && dry.message.contains("сверьте отпечаток"), "{}", dry.message);
    let printed = dry.fingerprint.expect("a fingerprint to compare");
    assert_ne!(printed, school_card.fingerprint(), "the school's own card must not vouch for a «municipality»");

    // Another municipality's key posing as a school to this one: the fingerprint printed is not the one on
    // that municipality's card either.
    let mut other =
        uchrost::app::create_municipality(&t.dir.path().join("m2.db"), "Другое управление", "M2", DiskMode::Local)
            .expect("m2");
    let other_card = exchange::own_card(&mut other).expect("card");
    let key = exchange::signing_key(&mut other).expect("key");
    let recipient = exchange::identity(&mut t.mun).expect("identity").recipient();
    let posing = other.own_org().clone();
    let mut out = outgoing(&posing, Some(t.mun.own_org().id));
    out.sequence = 1;
    let file = t.dir.path().join("муниципалитет-как-школа.uchpkg");
    let school_record = Organisation::new(posing.id, OrgRole::School, &posing.name, "777");
    std::fs::write(&file, package::build(&out, vec![school_record.into()], &key, Some(&recipient))).expect("write");
    let dry = exchange::import(&mut t.mun, &[file.as_path()], true, false, today()).expect("import").remove(0);
    assert_ne!(dry.fingerprint.expect("a fingerprint"), other_card.fingerprint());
    // School A's registered key under a new organisation id (its code changed): refused even with
    // --trust-new, naming the organisation the key belongs to.
    let file = forge(&mut t, "тот-же-ключ.uchpkg", |out, records| {
        let fake = OrgId(uuid::Uuid::from_u128(42));
        out.from = fake;
        out.from_code = "999";
        out.sequence = 1;
        records.retain(|r| matches!(r, AnyRecord::Organisation(_)));
        if let Some(AnyRecord::Organisation(o)) = records.first_mut() {
            o.id = fake;
            o.code = "999".into();
        }
    });
    refused(&mut t, &file, "один ключ не говорит за две организации");
}

/// The lost-database story of the README, end to end: a school whose database was lost enters its staff
/// again in a new one; its first package is refused (the code is the old database's); the methodologist
/// takes the new card in the old one's place; the dry run says what re-links and what cannot; the package
/// replaces the old database's rows and the municipality's records about its people follow them by ФИО and
/// date of birth; one whose date was typed wrong links once the school corrects it.
#[test]
fn a_schools_new_database_takes_the_lost_ones_place() {
    let mut t = town();
    let mun_id = t.mun.own_org().id;
    let old_id = t.a.own_org().id;
    let old_people: Vec<Person> =
        t.a.load().expect("load").persons.into_iter().filter(|p| p.birth_date.is_some()).collect();
    assert!(old_people.len() >= 3);
    let (x, y) = (old_people[0].clone(), old_people[1].clone());
    let contest = |person: PersonId| Contest {
        id: ContestId::new(),
        author: mun_id,
        person,
        group: None,
        name: "Муниципальный конкурс «Педагог года»".into(),
        date: d("15.11.2026"),
        level: Level::Municipal,
        result: ContestResult::Winner,
    };
    let (cx, cy) = (contest(x.id), contest(y.id));
    t.mun.put("конкурс", cx.clone(), today()).expect("put");
    t.mun.put("конкурс", cy.clone(), today()).expect("put");
    let target = Target {
        id: TargetId::new(),
        author: mun_id,
        org: old_id,
        indicator: "category_high".into(),
        year: SchoolYear(2026),
        value: 55.0,
    };
    t.mun.put("цель", target.clone(), today()).expect("put");
    let old_log =
        t.mun.package_log(100).expect("log").iter().filter(|e| e.org.as_deref() == Some(&old_id.to_string())).count();
    assert!(old_log > 0);

    // The new database: the same staff entered again (new ids), y's date of birth typed a day off.
    let mut again = uchrost::app::create_school(&t.dir.path().join("a-new.db"), "МОУ СОШ № 4", "004", DiskMode::Local)
        .expect("new database");
    let new_id = again.own_org().id;
    let mut entered = Vec::new();
    for p in &old_people {
        let mut n = Person::new(new_id, new_id, &p.last_name, &p.first_name, &p.middle_name);
        n.birth_date = p.birth_date;
        if p.id == y.id {
            n.birth_date = p.birth_date.map(|b| b + chrono::Days::new(1));
        }
        again.put("работник", n.clone(), today()).expect("put");
        entered.push(n);
    }
    let card = exchange::own_card(&mut t.mun).expect("card").to_text();
    exchange::take_card(&mut again, &card).expect("card");
    let first = t.dir.path().join("004-new-1.uchpkg");
    exchange::export(&mut again, &first, ExportTarget::Upward, false, today()).expect("export");
    refused(&mut t, &first, "--replace");

    // A plain card is refused too, naming --replace; with it, the new database takes the old one's place.
    let new_card = exchange::own_card(&mut again).expect("card").to_text();
    let err = exchange::take_card(&mut t.mun, &new_card).expect_err("the code is taken");
    assert!(err.to_string().contains("--replace") && err.to_string().contains("МОУ СОШ № 4"), "{err}");
    assert_eq!(
        exchange::card_replaces(&t.mun, &new_card).expect("reads").map(|(n, _)| n),
        Some("МОУ СОШ № 4 (004)".into())
    );
    let done = exchange::replace_with_card(&mut t.mun, &new_card).expect("replace");
    assert_eq!(done.held, 3, "two contests and a target");
    assert!(t.mun.peer(&old_id.to_string()).expect("peer").is_none(), "the old registration is gone");
    let moved_log =
        t.mun.package_log(100).expect("log").iter().filter(|e| e.org.as_deref() == Some(&new_id.to_string())).count();
    assert_eq!(moved_log, old_log + 1, "the old database's journal (and the refusal) is the new one's");
    assert!(t.mun.journal_entries(20).expect("journal").iter().any(|j| j.message.contains("на место прежней")));

    // The dry run: what re-links and what cannot; nothing written.
    let before = tables(&t.mun);
    let dry = exchange::import(&mut t.mun, &[first.as_path()], true, false, today()).expect("dry").remove(0);
    assert_eq!(dry.result, exchange::WOULD_ACCEPT, "{}", dry.message);
    let said = dry.warnings.join("\n");
    assert!(said.contains("перепривязано записей — 2"), "{said}");
    assert!(said.contains(&format!("{}, {}", y.full_name(), y.birth_date.expect("date").format("%d.%m.%Y"))), "{said}");
    assert_eq!(tables(&t.mun), before);

    // Taken in: one school 004 — the new one — and the records follow the people.
    let out = import(&mut t, &first);
    assert_eq!(out.result, exchange::ACCEPTED, "{}", out.message);
    let data = t.mun.load().expect("load");
    let schools: Vec<_> = data.schools().filter(|s| s.code == "004").map(|s| s.id).collect();
    assert_eq!(schools, vec![new_id]);
    let x_new = entered.iter().find(|p| p.last_name == x.last_name && p.first_name == x.first_name).expect("x").id;
    assert_eq!(data.contests.iter().find(|c| c.id == cx.id).expect("contest").person, x_new);
    assert_eq!(data.targets.iter().find(|g| g.id == target.id).expect("target").org, new_id);
    // y could not be linked: the old y stays (at the new school), with the contest, flagged.
    assert_eq!(data.contests.iter().find(|c| c.id == cy.id).expect("contest").person, y.id);
    assert_eq!(data.persons.iter().find(|p| p.id == y.id).expect("old y kept").school, new_id);
    assert!(out.plan.as_ref().expect("plan").flagged.iter().any(|f| f.2 == y.id));
    assert!(!data.persons.iter().any(|p| p.id == x.id), "the old x is gone");

    // The school corrects y's date and sends again: y links, the old y goes.
    let mut fixed = again
        .load()
        .expect("load")
        .persons
        .into_iter()
        .find(|p| p.last_name == y.last_name && p.first_name == y.first_name)
        .expect("y");
    fixed.birth_date = y.birth_date;
    again.put("дата рождения", fixed.clone(), today()).expect("put");
    let second = t.dir.path().join("004-new-2.uchpkg");
    exchange::export(&mut again, &second, ExportTarget::Upward, false, today()).expect("export");
    let out = import(&mut t, &second);
    assert_eq!(out.result, exchange::ACCEPTED, "{}", out.message);
    let data = t.mun.load().expect("load");
    assert_eq!(data.contests.iter().find(|c| c.id == cy.id).expect("contest").person, fixed.id);
    assert!(!data.persons.iter().any(|p| p.id == y.id), "the old y is gone");
    assert!(!data.persons.iter().any(|p| p.author == old_id), "nothing of the old database is left");
    assert_eq!(data.persons.iter().filter(|p| p.school == new_id).count(), entered.len());
}

/// The same re-enrolment through the window: «Принять карточку ключа…» with the new database's card asks
/// whether it takes the lost one's place, «Отмена» changes nothing, «Принять на место прежней базы» does it.
#[test]
fn the_window_asks_before_a_new_database_takes_the_lost_ones_place() {
    use crate::exchange::screen::{click, window};
    use egui_kittest::kittest::Queryable;
    let Town { dir, mun, a, b } = town();
    let old_id = a.own_org().id;
    drop((a, b));
    let mun_path = dir.path().join("mun.db");
    mun.close().expect("close");
    let mut again = uchrost::app::create_school(&dir.path().join("a-new.db"), "МОУ СОШ № 4", "004", DiskMode::Local)
        .expect("new database");
    let card = exchange::own_card(&mut again).expect("card");
    let card_path = dir.path().join("новая-карточка.txt");
    std::fs::write(&card_path, card.to_text()).expect("card");

    let mut h = window(&mun_path, vec![card_path.clone(), card_path], vec![]);
    click(&mut h, "Обмен");
    click(&mut h, "Принять карточку ключа…");
    h.get_by_label_contains("Этот код уже зарегистрирован за МОУ СОШ № 4 (004)");
    h.get_by_label_contains(&card.fingerprint());
    click(&mut h, "Отмена");
    assert!(h.query_by_label_contains("Этот код уже зарегистрирован").is_none());
    let peers = h.state_mut().session_mut().expect("open").exchange_overview().expect("overview").peers;
    assert!(peers.iter().any(|p| p.org == old_id.to_string()), "cancelled: the old registration stays");
    click(&mut h, "Принять карточку ключа…");
    click(&mut h, "Принять на место прежней базы");
    h.get_by_label_contains("Новая база принята на место прежней: «МОУ СОШ № 4» (004)");
    let peers = h.state_mut().session_mut().expect("open").exchange_overview().expect("overview").peers;
    let schools: Vec<_> = peers.iter().filter(|p| p.code == "004").map(|p| p.fingerprint.clone()).collect();
    assert_eq!(schools, vec![card.fingerprint()], "one school 004, with the new key");
}

/// Taking a key card in the window shows its fingerprint to compare with the paper card before anything is
/// kept; «Отмена» keeps nothing.
#[test]
fn a_key_card_is_kept_only_after_its_fingerprint_is_confirmed() {
    use crate::exchange::screen::{click, window};
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().expect("dir");
    let mut mun =
        uchrost::app::create_municipality(&dir.path().join("mun.db"), "Управление образования", "M1", DiskMode::Local)
            .expect("mun");
    let card = exchange::own_card(&mut mun).expect("card");
    let card_path = dir.path().join("карточка.txt");
    std::fs::write(&card_path, card.to_text()).expect("card");
    let path = dir.path().join("school.db");
    uchrost::app::create_school(&path, "МОУ СОШ № 9", "009", DiskMode::Local).expect("school").close().expect("close");
    let mut h = window(&path, vec![card_path.clone(), card_path], vec![]);
    click(&mut h, "Обмен");
    click(&mut h, "Принять карточку ключа…");
    h.get_by_label_contains(&format!("отпечаток {}", card.fingerprint()));
    let peers = |h: &mut egui_kittest::Harness<'static, uchrost::ui::UchrostApp>| {
        h.state_mut().session_mut().expect("open").exchange_overview().expect("overview").peers.len()
    };
    assert_eq!(peers(&mut h), 0, "nothing kept before the comparison");
    click(&mut h, "Отмена");
    assert_eq!(peers(&mut h), 0, "cancelled: nothing kept");
    click(&mut h, "Принять карточку ключа…");
    click(&mut h, "Отпечаток совпадает — принять карточку");
    h.get_by_label_contains("Принята карточка ключа: Управление образования (M1)");
    assert_eq!(peers(&mut h), 1);
}

/// At a school without its municipality's key card, «Обмен» says what to do with the button right there,
/// and «Сделать пакет…» waits until the card is taken (or an unencrypted package is asked for).
#[test]
fn without_the_municipalitys_card_the_school_is_told_what_to_do_on_the_screen() {
    use crate::exchange::screen::{click, window};
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().expect("dir");
    let mut mun =
        uchrost::app::create_municipality(&dir.path().join("mun.db"), "Управление образования", "M1", DiskMode::Local)
            .expect("mun");
    let card_path = dir.path().join("карточка.txt");
    std::fs::write(&card_path, exchange::own_card(&mut mun).expect("card").to_text()).expect("card");
    let path = dir.path().join("school.db");
    let mut school = uchrost::app::create_school(&path, "МОУ СОШ № 9", "009", DiskMode::Local).expect("school");
    uchrost::app::fill_school_demo(&mut school, 3, 1, today()).expect("demo");
    school.close().expect("close");
    let mut h = window(&path, vec![card_path], vec![dir.path().join("пакет.uchpkg")]);
    click(&mut h, "Обмен");
    h.get_by_label_contains("сначала примите карточку ключа муниципалитета");
    {
        use egui_kittest::kittest::NodeT;
        assert!(h.get_by_label("Сделать пакет…").accesskit_node().is_disabled(), "no package before the card");
    }
    // The button next to the explanation takes the card (after the fingerprint is confirmed).
    h.get_all_by_label("Принять карточку ключа…").last().expect("the button by the explanation").click();
    h.run();
    click(&mut h, "Отпечаток совпадает — принять карточку");
    assert!(h.query_by_label_contains("сначала примите карточку").is_none());
    click(&mut h, "Сделать пакет…");
    h.get_by_label_contains("Пакет записан и проверен: №1");
    // The journal lists the packages made, not only those taken in.
    h.get_by_label("Сделанные пакеты");
    h.get_by_label("№1");
    h.get_by_label("пакет.uchpkg");
}

/// The screens' messages speak of the document, not of its bytes.
#[test]
fn messages_do_not_show_byte_counts() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    for entry in std::fs::read_dir(src).expect("ui") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(!text.contains("байт"), "{}: a byte count in a message", path.display());
    }
}

/// The fingerprint on a key card binds the level and the organisation: the same key as a municipality's,
/// or as another organisation's, has another fingerprint, and a card whose level was edited does not read.
/// A card of an earlier version (the fingerprint of the key alone) still reads.
#[test]
fn the_fingerprint_binds_the_level_and_the_organisation() {
    use sha2::Digest;
    use uchrost::exchange::keys::KeyCard;
    let key = ed25519_dalek::SigningKey::from_bytes(&[3u8; 32]).verifying_key();
    let card = |role, n| KeyCard {
        org: OrgId(uuid::Uuid::from_u128(n)),
        role,
        name: "МОУ СОШ № 4".into(),
        code: "004".into(),
        sign: key,
        encrypt: None,
    };
    let school = card(OrgRole::School, 7);
    assert_ne!(school.fingerprint(), card(OrgRole::Municipality, 7).fingerprint());
    assert_ne!(school.fingerprint(), card(OrgRole::School, 8).fingerprint());
    assert_eq!(school.fingerprint().len(), 19);
    assert_eq!(KeyCard::parse(&school.to_text()), Ok(school.clone()));
    let edited = school.to_text().replace("Роль: школа", "Роль: муниципалитет");
    assert!(KeyCard::parse(&edited).expect_err("edited").contains("не совпадает"));
    // The README's definition, computed here from it: SHA-256 of UCHRFPR1, the level, a zero byte, the
    // 16-byte id and the key; the first 8 bytes in four groups.
    let mut h = sha2::Sha256::new();
    h.update(b"UCHRFPR1");
    h.update(b"school");
    h.update([0u8]);
    h.update(uuid::Uuid::from_u128(7).as_bytes());
    h.update(key.as_bytes());
    let d = h.finalize();
    let ours = d[..8].chunks(2).map(|c| format!("{:02X}{:02X}", c[0], c[1])).collect::<Vec<_>>().join("-");
    assert_eq!(school.fingerprint(), ours);
    let d = sha2::Sha256::digest(key.as_bytes());
    let legacy = d[..8].chunks(2).map(|c| format!("{:02X}{:02X}", c[0], c[1])).collect::<Vec<_>>().join("-");
    let old_card = school.to_text().replace(&school.fingerprint(), &legacy);
    assert_eq!(KeyCard::parse(&old_card), Ok(school));
}
