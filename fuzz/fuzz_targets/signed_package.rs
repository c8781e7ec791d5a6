//! Behind the signature: the fuzzed header and payload are sealed with a fixed key (and, when the first
//! byte says so, the payload encrypted to a fixed identity), so that every input gets past the envelope
//! and the header reader, the payload reader and the receiver's checks and merge plan run on it — what a
//! school holding its own key could send. The header's payload hash and size are set to the payload's,
//! and, when the first byte says so, its counts too, so that inputs reach the records.
//!
//! Input: one byte of flags (bit 0 encrypt, bit 1 fix the counts, bit 2 a regional receiver), two bytes of
//! header length (little-endian), the header, the payload.
//! Run: `cargo +nightly fuzz run signed_package -- -dict=fuzz/signed_package.dict` (see BENCHMARKS.md).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use uchrost::domain::{AnyRecord, Dataset, OrgId, OrgRole, Organisation, Person};
use uchrost::exchange::{age, envelope, merge, package};

/// The receiver's copy: a municipality with two schools (the sender and another), a teacher each.
fn copy() -> &'static (merge::Index, OrgId) {
    static COPY: OnceLock<(merge::Index, OrgId)> = OnceLock::new();
    COPY.get_or_init(|| {
        let id = |n: u128| OrgId(uuid::Uuid::from_u128(n));
        let (mun, sender, other) = (id(1), id(0x5c0001), id(0x5c0002));
        let mut data = Dataset::default();
        data.push(Organisation::new(mun, OrgRole::Municipality, "Управление", "M1").into());
        for (school, code) in [(sender, "004"), (other, "005")] {
            let mut o = Organisation::new(school, OrgRole::School, "Школа", code);
            o.parent = Some(mun);
            data.push(o.into());
            let mut p = Person::new(school, school, "Иванова", "Анна", "Петровна");
            p.id = uchrost::domain::PersonId(uuid::Uuid::from_u128(school.0.as_u128() + 1));
            data.push(p.into());
        }
        (merge::Index::of(&data), sender)
    })
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let flags = data[0];
    let header_len = u16::from_le_bytes([data[1], data[2]]) as usize;
    let rest = &data[3..];
    let (header, payload) = rest.split_at(header_len.min(rest.len()));
    // The header as the fuzzer wrote it, with the payload's hash and size (and counts) made to fit.
    let header = match serde_json::from_slice::<serde_json::Value>(header) {
        Ok(serde_json::Value::Object(mut h)) => {
            h.insert("payload_sha256".into(), envelope::sha256_hex(payload).into());
            h.insert("payload_size".into(), (payload.len() as u64).into());
            if flags & 2 != 0
                && let Ok(p) = serde_json::from_slice::<package::Payload>(payload)
            {
                h.insert("counts".into(), serde_json::json!(package::counts_by_table(&p.records)));
            }
            serde_json::to_vec(&h).expect("a JSON object serialises")
        }
        _ => header.to_vec(),
    };
    let key = ed25519_dalek::SigningKey::from_bytes(&[11u8; 32]);
    let identity = age::Identity::from_bytes([7u8; 32]);
    let encrypted = flags & 1 != 0;
    let wire = if encrypted { age::encrypt(&identity.recipient(), payload) } else { payload.to_vec() };
    let bytes = envelope::seal(&key, encrypted, &header, &wire);
    let Ok(opened) = package::open(&bytes) else { return };
    let Ok(payload) = package::read_payload(&opened, Some(&identity)) else { return };
    // The receiver's checks and plan, as `app::exchange` runs them, on the fixed copy.
    let (index, sender) = copy();
    let from = if flags & 4 != 0 { opened.header.from } else { *sender };
    let domain = if flags & 4 != 0 {
        match merge::Domain::municipal(index, from, &payload.records) {
            Ok(d) => d,
            Err(_) => return,
        }
    } else {
        merge::Domain::single(from, true)
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
    let checked = merge::check_ownership(&domain, &payload.records)
        .and_then(|()| merge::check_unique_ids(&payload.records))
        .and_then(|()| merge::check_own_people(&domain, &payload.records))
        .and_then(|()| merge::check_kept_at_school(opened.header.kind, &payload.records));
    let valid = payload.records.iter().all(|r: &AnyRecord| uchrost::domain::validation::validate(r, today).is_ok());
    if checked.is_ok()
        && valid
        && merge::check_foreign_ids(index, &domain, &payload.records).is_ok()
        && merge::check_references(index, &domain, &payload.records).is_ok()
    {
        let plan = merge::plan(index, &domain, payload.records, payload.texts);
        let _ = plan.summary();
    }
});
