//! What a package says: the signed header and the payload (a snapshot of the records the sender
//! authored, stripped to the fields that may leave the school), and how both are built and read back
//! with limits on every size and count.

use super::age::{self, Identity, Recipient};
use super::envelope::{self, EnvelopeError};
use super::keys::KeyChange;
use crate::domain::{AnyRecord, Dataset, OrgId, OrgRole, RecordKind};
use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The schema of the payload this build writes. The payload may grow; a reader accepts every older
/// schema and refuses a newer one.
pub const PAYLOAD_SCHEMA: u32 = 1;
/// Limits checked while reading.
pub const MAX_PLAINTEXT: usize = 512 * 1024 * 1024;
pub const MAX_RECORDS: usize = 5_000_000;
/// The largest package number a sender may use (a school sends a few a year; the stored number must
/// stay a positive 64-bit integer).
pub const MAX_SEQUENCE: u64 = 1_000_000_000;
const MAX_TEXT: usize = 400;

/// Limits on one field of a record: a text, a list, the nesting.
pub const MAX_FIELD: usize = 10_000;
pub const MAX_LIST: usize = 1_000;
const MAX_DEPTH: usize = 8;

/// Whether every field of a record is within the limits a package reader enforces.
pub fn record_within_limits(r: &AnyRecord) -> bool {
    within_limits(&r.to_json(), 0)
}

fn within_limits(v: &serde_json::Value, depth: usize) -> bool {
    use serde_json::Value;
    if depth > MAX_DEPTH {
        return false;
    }
    match v {
        Value::String(s) => s.chars().count() <= MAX_FIELD,
        Value::Array(a) => a.len() <= MAX_LIST && a.iter().all(|x| within_limits(x, depth + 1)),
        Value::Object(o) => o.len() <= 100 && o.values().all(|x| within_limits(x, depth + 1)),
        _ => true,
    }
}

/// Who sends a package to whom.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PackageKind {
    /// A school's snapshot for its municipality.
    School,
    /// The municipality's records about one school's people, back to that school.
    Municipal,
    /// A municipality's merged data for the region.
    Up,
}

/// The signed header (JSON inside the envelope).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub kind: PackageKind,
    pub from: OrgId,
    pub from_role: OrgRole,
    pub from_code: String,
    pub from_name: String,
    /// The sender's encryption key (`age1…`), so that packages can come back to it encrypted.
    #[serde(default)]
    pub from_encrypt: Option<String>,
    /// The organisation the package is meant for (the one whose key it is encrypted to).
    pub to: Option<OrgId>,
    /// Grows by one with every package the sender makes.
    pub sequence: u64,
    /// SHA-256 of the sender's previous package (empty for the first).
    pub previous_hash: String,
    /// `2026-11-23T10:15:00`.
    pub created_at: String,
    pub app_version: String,
    pub schema_version: u32,
    /// The school year the sender was in (2025 = 2025/2026).
    pub school_year: i32,
    /// Records by kind (table name).
    pub counts: BTreeMap<String, u64>,
    /// SHA-256 of the plaintext payload, and its size.
    pub payload_sha256: String,
    pub payload_size: u64,
    /// In a municipal package back to a school: the last package accepted from that school (a receipt).
    #[serde(default)]
    pub receipt: Option<ReceiptInfo>,
    /// After the sender rotated its signing key: the old key's signature over the new one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_change: Option<KeyChange>,
}

/// The receipt a municipal package carries for its school.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptInfo {
    pub last_sequence: u64,
    pub last_hash: String,
    pub accepted_at: String,
}

/// The payload (JSON, before encryption). Two payloads are equal when their schema and records are
/// (the texts are made from the records).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Payload {
    pub schema_version: u32,
    pub records: Vec<AnyRecord>,
    /// Each record's JSON text as storage writes it, made once when the payload is read (the size
    /// limits, the merge's fingerprint and the write all use it: serialising each record three times
    /// was a fifth of a merge). Empty in a payload being written.
    #[serde(skip)]
    pub texts: Vec<String>,
}

/// Why a package is refused. Each message names the reason in Russian; nothing is changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackageError {
    #[error("{0}")]
    Envelope(#[from] EnvelopeError),
    #[error("заголовок пакета не читается: {0}")]
    Header(String),
    #[error("Пакет создан более новой версией программы — обновите программу")]
    NewerSchema,
    #[error("пакет не зашифрован, а эта база принимает только зашифрованные пакеты")]
    NotEncrypted,
    #[error("{0}")]
    Decrypt(#[from] age::AgeError),
    #[error("данные пакета не сходятся с заголовком (контрольная сумма): пакет повреждён")]
    PayloadHash,
    #[error("данные пакета не читаются: {0}")]
    Payload(String),
    #[error("в пакете {0}")]
    Content(String),
}

/// What the JSON parser's (English) error means, in Russian, with the field it names and where: «нет
/// обязательного поля «author» (строка 1, позиция 230)».
pub fn json_message(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let text = e.to_string();
    // The parser names a field or a value between backticks.
    let quoted = || text.split('`').nth(1).map(str::to_string).unwrap_or_default();
    let what = match e.classify() {
        Category::Io => "файл не читается".to_string(),
        Category::Eof => "данные обрываются раньше конца".to_string(),
        Category::Syntax => "нарушен формат JSON".to_string(),
        Category::Data if text.starts_with("missing field") => format!("нет обязательного поля «{}»", quoted()),
        Category::Data if text.starts_with("duplicate field") => format!("поле «{}» повторяется", quoted()),
        Category::Data if text.starts_with("unknown field") => format!("неизвестное поле «{}»", quoted()),
        Category::Data if text.starts_with("unknown variant") => format!("неизвестное значение «{}»", quoted()),
        Category::Data if text.starts_with("invalid type") => {
            let expected = text.split(", expected ").nth(1).unwrap_or("").split(" at line").next().unwrap_or("");
            let expected = match expected {
                e if e.contains("u64") || e.contains("u32") || e.contains("i64") || e.contains("i32") => "целое число",
                e if e.contains("f32") || e.contains("f64") => "число",
                e if e.contains("string") || e.contains("str") => "текст",
                e if e.contains("bool") => "«да» или «нет» (true/false)",
                e if e.contains("sequence") => "список",
                e if e.contains("map") || e.contains("struct") => "объект",
                _ => "значение другого типа",
            };
            format!("значение неверного типа: ожидается {expected}")
        }
        Category::Data if text.starts_with("invalid value") || text.contains("out of range") => {
            "значение вне допустимого диапазона".to_string()
        }
        Category::Data if text.starts_with("invalid length") => "неверная длина списка".to_string(),
        Category::Data => "неверное значение".to_string(),
    };
    if e.line() > 0 { format!("{what} (строка {}, позиция {})", e.line(), e.column()) } else { what }
}

/// The fields that never leave the school (152-ФЗ): contacts and notes, document numbers, and the free
/// texts that may hold health or other sensitive details — the note of an absence and the reason for
/// leaving a job («по состоянию здоровья»). The municipality needs the dates, not the reasons.
pub fn strip(record: &AnyRecord) -> AnyRecord {
    let mut r = record.clone();
    match &mut r {
        AnyRecord::Person(p) => {
            p.phone.clear();
            p.email.clear();
            p.note.clear();
        }
        AnyRecord::Absence(a) => a.note.clear(),
        AnyRecord::Employment(e) => e.end_reason.clear(),
        AnyRecord::Course(c) => c.document_number.clear(),
        _ => {}
    }
    r
}

/// The records `author` wrote, as a package carries them; with `about` set, only those about that
/// school's people, the targets, and the recommendations addressed to that school (a municipal package
/// back to a school).
pub fn snapshot(data: &Dataset, author: OrgId, about: Option<OrgId>) -> Vec<AnyRecord> {
    let people: Option<std::collections::HashSet<_>> =
        about.map(|school| data.persons.iter().filter(|p| p.school == school).map(|p| p.id).collect());
    data.records()
        .into_iter()
        .filter(|r| r.author() == author)
        .filter(|r| match (&people, r) {
            (None, _) => true,
            (Some(_), AnyRecord::Target(_)) => true,
            // Recommendations addressed to that school or its teachers travel to it.
            (Some(_), AnyRecord::Recommendation(rec)) => Some(rec.org) == about,
            (Some(_), AnyRecord::Organisation(o)) => o.id == author,
            (Some(set), r) => r.person().is_some_and(|p| set.contains(&p)),
        })
        .map(|r| strip(&r))
        .collect()
}

/// A municipality's package for the region: its own records and every school's it merged, each school
/// stamped with the municipality as its `parent` (the region lets only this municipality replace it).
pub fn snapshot_up(data: &Dataset, own: &crate::domain::Organisation) -> Vec<AnyRecord> {
    let schools: std::collections::HashSet<OrgId> = data.schools().map(|s| s.id).collect();
    data.records()
        .into_iter()
        .filter(|r| r.author() == own.id || schools.contains(&r.author()))
        .map(|r| match strip(&r) {
            AnyRecord::Organisation(mut o) if o.id != own.id => {
                o.parent = Some(own.id);
                if o.municipality.trim().is_empty() {
                    o.municipality = own.name.clone();
                }
                AnyRecord::Organisation(o)
            }
            r => r,
        })
        .collect()
}

/// Records by kind, in the order the kinds first appear.
pub fn counts_by_kind(records: &[AnyRecord]) -> Vec<(RecordKind, u64)> {
    let mut counts: Vec<(RecordKind, u64)> = Vec::new();
    for r in records {
        match counts.iter_mut().find(|(k, _)| *k == r.kind()) {
            Some(c) => c.1 += 1,
            None => counts.push((r.kind(), 1)),
        }
    }
    counts
}

/// Records by table name, as the header's `counts` states them.
pub fn counts_by_table(records: &[AnyRecord]) -> BTreeMap<String, u64> {
    counts_by_kind(records).into_iter().map(|(k, n)| (k.table().to_string(), n)).collect()
}

/// What to put in a package besides its records.
pub struct Outgoing<'a> {
    pub kind: PackageKind,
    pub from_role: OrgRole,
    pub from: OrgId,
    pub from_code: &'a str,
    pub from_name: &'a str,
    pub from_encrypt: Option<String>,
    pub to: Option<OrgId>,
    pub receipt: Option<ReceiptInfo>,
    pub key_change: Option<KeyChange>,
    pub sequence: u64,
    pub previous_hash: &'a str,
    pub created_at: &'a str,
    pub school_year: i32,
}

/// Builds the whole file: payload JSON, encrypted to `recipient` if given, in a signed envelope.
pub fn build(out: &Outgoing, records: Vec<AnyRecord>, key: &SigningKey, recipient: Option<&Recipient>) -> Vec<u8> {
    let counts = counts_by_table(&records);
    let payload = Payload { schema_version: PAYLOAD_SCHEMA, records, texts: Vec::new() };
    let plain = serde_json::to_vec(&payload).expect("records serialise");
    let header = Header {
        kind: out.kind,
        from: out.from,
        from_role: out.from_role,
        from_code: out.from_code.into(),
        from_name: out.from_name.into(),
        from_encrypt: out.from_encrypt.clone(),
        to: out.to,
        sequence: out.sequence,
        previous_hash: out.previous_hash.into(),
        created_at: out.created_at.into(),
        app_version: env!("CARGO_PKG_VERSION").into(),
        schema_version: PAYLOAD_SCHEMA,
        school_year: out.school_year,
        counts,
        payload_sha256: envelope::sha256_hex(&plain),
        payload_size: plain.len() as u64,
        receipt: out.receipt.clone(),
        key_change: out.key_change.clone(),
    };
    let header = serde_json::to_vec(&header).expect("header serialises");
    match recipient {
        Some(r) => envelope::seal(key, true, &header, &age::encrypt(r, &plain)),
        None => envelope::seal(key, false, &header, &plain),
    }
}

/// A package whose envelope and signature checked out and whose header is read; the payload is not
/// decrypted yet.
#[derive(Debug, Clone)]
pub struct Opened<'a> {
    pub signer: VerifyingKey,
    pub header: Header,
    pub hash: String,
    encrypted: bool,
    payload: &'a [u8],
}

impl Opened<'_> {
    pub fn encrypted(&self) -> bool {
        self.encrypted
    }
}

fn text_ok(s: &str) -> bool {
    s.chars().count() <= MAX_TEXT
}

/// Step 1: the envelope and signature (nothing parsed before the signature holds), then the header.
pub fn open(bytes: &[u8]) -> Result<Opened<'_>, PackageError> {
    let v = envelope::open(bytes)?;
    let header: Header = serde_json::from_slice(v.header).map_err(|e| PackageError::Header(json_message(&e)))?;
    if header.schema_version > PAYLOAD_SCHEMA {
        return Err(PackageError::NewerSchema);
    }
    if !text_ok(&header.from_code)
        || !text_ok(&header.from_name)
        || !text_ok(&header.created_at)
        || !text_ok(&header.app_version)
        || header.previous_hash.len() > 64
        || header.from_encrypt.as_ref().is_some_and(|k| k.len() > 100)
        || header.receipt.as_ref().is_some_and(|r| r.last_hash.len() != 64 || !text_ok(&r.accepted_at))
        || header.key_change.as_ref().is_some_and(|k| !k.within_limits())
        || header.payload_sha256.len() != 64
        || header.counts.len() > RecordKind::ALL.len()
        || header.payload_size > MAX_PLAINTEXT as u64
    {
        return Err(PackageError::Header("поле вне допустимых размеров".into()));
    }
    Ok(Opened { signer: v.signer, header, hash: v.hash, encrypted: v.encrypted, payload: v.payload })
}

/// Step 2a: decrypts (with `identity` if the package is encrypted) and checks the payload's size and
/// SHA-256 against the signed header; the plaintext is not parsed yet.
pub fn verify_payload(opened: &Opened, identity: Option<&Identity>) -> Result<Vec<u8>, PackageError> {
    let plain = match (opened.encrypted, identity) {
        (true, Some(id)) => age::decrypt(id, opened.payload, MAX_PLAINTEXT)?,
        (true, None) => return Err(PackageError::Decrypt(age::AgeError::WrongKey)),
        (false, _) => opened.payload.to_vec(),
    };
    if plain.len() as u64 != opened.header.payload_size || envelope::sha256_hex(&plain) != opened.header.payload_sha256
    {
        return Err(PackageError::PayloadHash);
    }
    Ok(plain)
}

/// Step 2: the verified payload (step 2a), its records parsed with their limits.
pub fn read_payload(opened: &Opened, identity: Option<&Identity>) -> Result<Payload, PackageError> {
    let plain = verify_payload(opened, identity)?;
    let payload: Payload = serde_json::from_slice(&plain).map_err(|e| PackageError::Payload(json_message(&e)))?;
    if payload.schema_version > PAYLOAD_SCHEMA {
        return Err(PackageError::NewerSchema);
    }
    if payload.records.len() > MAX_RECORDS {
        return Err(PackageError::Content(format!("слишком много записей: {}", payload.records.len())));
    }
    let mut payload = payload;
    payload.texts = Vec::with_capacity(payload.records.len());
    for r in &payload.records {
        let json = r.to_json();
        if !within_limits(&json, 0) {
            return Err(over_limits(r));
        }
        payload.texts.push(json.to_string());
    }
    if counts_by_table(&payload.records) != opened.header.counts {
        return Err(PackageError::Content("число записей не совпадает с заголовком".into()));
    }
    Ok(payload)
}

impl PartialEq for Payload {
    fn eq(&self, other: &Self) -> bool {
        self.schema_version == other.schema_version && self.records == other.records
    }
}

fn over_limits(r: &AnyRecord) -> PackageError {
    PackageError::Content(format!(
        "запись «{}» с полем вне допустимых размеров (текст длиннее {MAX_FIELD} знаков или список длиннее \
         {MAX_LIST})",
        r.kind().label()
    ))
}

/// A receipt (квитанция): the municipality's signed statement of the last package it accepted from a
/// school. The same envelope carries it unencrypted: the header is this JSON, the payload `{}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// Always «receipt».
    pub kind: String,
    pub from: OrgId,
    pub from_name: String,
    pub school: OrgId,
    pub school_name: String,
    pub last_sequence: u64,
    pub last_hash: String,
    pub accepted_at: String,
    pub issued_at: String,
    /// After the municipality rotated its signing key: the old key's signature over the new one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_change: Option<KeyChange>,
}

/// Seals a receipt.
pub fn build_receipt(receipt: &Receipt, key: &SigningKey) -> Vec<u8> {
    let header = serde_json::to_vec(receipt).expect("receipt serialises");
    envelope::seal(key, false, &header, b"{}")
}

/// Opens a receipt: envelope and signature first, then the JSON.
pub fn open_receipt(bytes: &[u8]) -> Result<(VerifyingKey, Receipt), PackageError> {
    let v = envelope::open(bytes)?;
    if v.encrypted || v.payload != b"{}" {
        return Err(PackageError::Header("это не квитанция".into()));
    }
    let r: Receipt = serde_json::from_slice(v.header).map_err(|_| PackageError::Header("это не квитанция".into()))?;
    if r.kind != "receipt"
        || r.last_hash.len() != 64
        || !text_ok(&r.from_name)
        || !text_ok(&r.school_name)
        || r.key_change.as_ref().is_some_and(|k| !k.within_limits())
    {
        return Err(PackageError::Header("это не квитанция".into()));
    }
    Ok((v.signer, r))
}
