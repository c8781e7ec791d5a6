//! Exchange use cases: keys and key cards, making a package (written atomically and read back), and
//! taking packages in — checked, planned (dry run) and applied in one transaction after one backup per
//! batch, every attempt in the audit log.

use super::AppError;
use super::write_atomically;
use crate::domain::{AnyRecord, Dataset, OrgId, OrgRole, RecordKind, SchoolYear};
use crate::exchange::age::{Identity, Recipient};
use crate::exchange::envelope::sha256_hex;
use crate::exchange::keys::{KeyCard, KeyChange, fingerprint, peer_fingerprint};
use crate::exchange::merge::{self, Plan};
use crate::exchange::package::{self, Outgoing, PackageKind};
use crate::storage::exchange::{ChainStep, LogEntry, Peer, Sent};
use crate::storage::files::io_message;
use crate::storage::{Change, StorageError, Store};
use chrono::NaiveDate;
use ed25519_dalek::{SigningKey, VerifyingKey};
use std::path::Path;

fn random32() -> [u8; 32] {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).expect("the operating system gives random bytes");
    b
}

/// This database's signing key (made on first use).
pub fn signing_key(store: &mut Store) -> Result<SigningKey, StorageError> {
    Ok(SigningKey::from_bytes(&store.own_key("sign", random32)?))
}

/// The decryption key of a municipality or region (made on first use); schools have none of their own
/// until a package is to come back to them, and then they get one too.
pub fn identity(store: &mut Store) -> Result<Identity, StorageError> {
    Ok(Identity::from_bytes(store.own_key("encrypt", || Identity::generate().to_bytes())?))
}

/// Makes the keys a new database needs: a signing key, and for every organisation an encryption key
/// (the municipality's packages back to a school are encrypted to it).
pub fn ensure_keys(store: &mut Store) -> Result<(), StorageError> {
    signing_key(store)?;
    identity(store)?;
    Ok(())
}

/// Starts a key rotation: a new signing key is made and vouched for by the current one; the next
/// package is still signed by the current key and announces the new one, and from then on the new key
/// signs (every later package still carries the change, so a lost announcement cuts nobody off). The
/// decryption key is replaced at once; the old one is kept to read packages already on their way.
/// Returns the new signing key's fingerprint (the same one again while the rotation waits for a package).
pub fn rotate_keys(store: &mut Store) -> Result<String, StorageError> {
    if let Some(next) = store.own_key_if_any("sign_next")? {
        return Ok(own_fingerprint(store, &SigningKey::from_bytes(&next).verifying_key()));
    }
    let old = signing_key(store)?;
    let new = SigningKey::from_bytes(&random32());
    let change = KeyChange::sign(store.own_org().id, &old, &new.verifying_key());
    let fp = own_fingerprint(store, &new.verifying_key());
    let message = format!(
        "Начата смена ключа: новый отпечаток {fp} (прежний {}); следующий пакет объявит новый ключ",
        own_fingerprint(store, &old.verifying_key())
    );
    store.begin_rotation(new.to_bytes(), Identity::generate().to_bytes(), &change, &message)?;
    Ok(fp)
}

/// The fingerprint of the signing key a rotation waits to announce, if one is under way.
pub fn pending_rotation(store: &Store) -> Result<Option<String>, StorageError> {
    Ok(store.own_key_if_any("sign_next")?.map(|k| own_fingerprint(store, &SigningKey::from_bytes(&k).verifying_key())))
}

/// The fingerprint of one of this database's own signing keys (its level and id with the key).
fn own_fingerprint(store: &Store, key: &VerifyingKey) -> String {
    fingerprint(store.own_org().role, store.own_org().id, key)
}

/// Revokes an organisation's key (a lost laptop, a key that leaked): its packages are refused until the
/// methodologist takes in its new card after checking the fingerprint.
pub fn revoke(store: &mut Store, code: &str) -> Result<String, AppError> {
    let peer = store.peers()?.into_iter().find(|p| p.code == code).ok_or_else(|| {
        AppError::Exchange(format!("организации с кодом «{code}» нет среди зарегистрированных ключей"))
    })?;
    if peer.revoked.is_some() {
        return Err(AppError::Exchange(format!("ключ «{}» уже отозван", peer.name)));
    }
    store.revoke_peer(&peer.org, &format!("Ключ «{}» ({}) отозван", peer.name, peer.code))?;
    Ok(peer.name)
}

/// Decrypts and reads a payload with the current decryption key, then with the retired ones (a
/// package encrypted to this database's key before it rotated).
fn read_with_any_key(
    store: &mut Store,
    opened: &package::Opened,
) -> Result<Result<package::Payload, String>, StorageError> {
    if !opened.encrypted() {
        return Ok(package::read_payload(opened, None).map_err(|e| e.to_string()));
    }
    let first = package::read_payload(opened, Some(&identity(store)?));
    if !matches!(first, Err(package::PackageError::Decrypt(crate::exchange::age::AgeError::WrongKey))) {
        return Ok(first.map_err(|e| e.to_string()));
    }
    for old in store.old_decryption_keys()? {
        match package::read_payload(opened, Some(&Identity::from_bytes(old))) {
            Err(package::PackageError::Decrypt(crate::exchange::age::AgeError::WrongKey)) => continue,
            other => return Ok(other.map_err(|e| e.to_string())),
        }
    }
    Ok(first.map_err(|e| e.to_string()))
}

/// A key card file as read: its text and the card (a Russian message naming the file when it cannot be
/// read or is not a card).
pub fn read_card(path: &Path) -> Result<(String, KeyCard), AppError> {
    let text = std::fs::read_to_string(path).map_err(|e| AppError::read(path, &e))?;
    let card = KeyCard::parse(&text).map_err(|e| AppError::Card(format!("{}: {e}", path.display())))?;
    Ok((text, card))
}

/// This database's key card.
pub fn own_card(store: &mut Store) -> Result<KeyCard, StorageError> {
    let sign = signing_key(store)?.verifying_key();
    let encrypt = Some(identity(store)?.recipient());
    let org = store.own_org().clone();
    Ok(KeyCard { org: org.id, role: org.role, name: org.name, code: org.code, sign, encrypt })
}

fn now_text() -> String {
    chrono::Local::now().naive_local().format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn peer_of(card: &KeyCard) -> Peer {
    Peer {
        org: card.org.to_string(),
        role: card.role.label().into(),
        name: card.name.clone(),
        code: card.code.clone(),
        sign_key: card.sign.to_bytes(),
        encrypt_key: card.encrypt.map(|r| r.to_age_string()),
        registered: now_text(),
        revoked: None,
        last_sequence: None,
        last_hash: None,
        last_at: None,
    }
}

/// Takes in another organisation's key card (at a school: the municipality's, to encrypt to).
pub fn take_card(store: &mut Store, text: &str) -> Result<KeyCard, AppError> {
    let card = KeyCard::parse(text).map_err(AppError::Card)?;
    let own = store.own_org().role;
    if card.org == store.own_org().id {
        return Err(AppError::Card("это карточка ключа самой этой базы".into()));
    }
    let fits = match own {
        OrgRole::School => card.role == OrgRole::Municipality,
        OrgRole::Municipality => matches!(card.role, OrgRole::School | OrgRole::Region),
        OrgRole::Region => card.role == OrgRole::Municipality,
    };
    if !fits {
        return Err(AppError::Card(format!(
            "это карточка ключа организации «{}» ({}): {} обменивается пакетами только {}",
            card.name,
            card.role.label(),
            own.label(),
            match own {
                OrgRole::School => "со своим муниципалитетом",
                OrgRole::Municipality => "со своими школами и регионом",
                OrgRole::Region => "с муниципалитетами",
            }
        )));
    }
    let existing = store.peer(&card.org.to_string())?;
    if existing.is_none()
        && let Some(old) = same_code(store, &card)?
    {
        return Err(AppError::Card(format!(
            "код «{}» уже зарегистрирован за «{}» (отпечаток {}), а эта карточка — другой базы (отпечаток {}). \
             Если это новая база той же организации (прежняя утрачена), сверьте отпечаток с бумажной карточкой и \
             примите её на место прежней: uchrost keys --import КАРТОЧКА --replace (в окне — «Заменить базу \
             школы…»): её пакеты заменят данные прежней базы, а записи этой базы о её работниках будут привязаны к \
             работникам нового пакета по ФИО и дате рождения (предпросмотр — uchrost import --dry-run)",
            old.code,
            old.name,
            peer_fingerprint(&old.role, &old.org, &old.sign_key),
            card.fingerprint()
        )));
    }
    let mut peer = peer_of(&card);
    if let Some(old) = existing {
        peer.last_sequence = old.last_sequence;
        peer.last_hash = old.last_hash;
    }
    let message = format!("Принята карточка ключа: {} ({}), отпечаток {}", card.name, card.code, card.fingerprint());
    store.register_peer(&peer, &message)?;
    Ok(card)
}

/// The registered organisation of the card's level with the card's code, if it is another organisation.
fn same_code(store: &Store, card: &KeyCard) -> Result<Option<Peer>, StorageError> {
    let code = card.code.trim();
    Ok(store.peers()?.into_iter().find(|p| {
        !code.is_empty() && p.code.trim() == code && p.role == card.role.label() && p.org != card.org.to_string()
    }))
}

/// What a card would replace: the registered organisation of its level and code, when the card is
/// another database's (its name and fingerprint), for the window to ask before [`replace_with_card`].
pub fn card_replaces(store: &Store, text: &str) -> Result<Option<(String, String)>, AppError> {
    let card = KeyCard::parse(text).map_err(AppError::Card)?;
    if store.peer(&card.org.to_string())?.is_some() {
        return Ok(None);
    }
    Ok(same_code(store, &card)?
        .map(|p| (format!("{} ({})", p.name, p.code), peer_fingerprint(&p.role, &p.org, &p.sign_key))))
}

/// What taking a new database's card in the place of a lost one did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replaced {
    pub card: KeyCard,
    /// The lost database's registration, as it was.
    pub old_name: String,
    pub old_fingerprint: String,
    /// This database's records about the lost database's people and organisation, to be re-linked when
    /// the new database's first package comes.
    pub held: usize,
}

/// Takes in the key card of an organisation's new database in the place of its lost one (the same code
/// and level, another organisation id): after the methodologist compared the fingerprint with the new
/// paper card. The new database's packages then replace the old one's rows, and this database's records
/// about the old one's people are re-linked to the new people by ФИО and date of birth (the dry run of the
/// first package shows what will be re-linked and what cannot be). The journal records it.
pub fn replace_with_card(store: &mut Store, text: &str) -> Result<Replaced, AppError> {
    let card = KeyCard::parse(text).map_err(AppError::Card)?;
    if store.peer(&card.org.to_string())?.is_some() {
        return Err(AppError::Card(format!(
            "база «{}» ({}) уже зарегистрирована: заменять нечего (примите карточку без --replace)",
            card.name, card.code
        )));
    }
    let Some(old) = same_code(store, &card)? else {
        return Err(AppError::Card(format!(
            "организация с кодом «{}» уровня «{}» не зарегистрирована: заменять нечего (примите карточку без --replace)",
            card.code,
            card.role.label()
        )));
    };
    // The same checks of level as a plain card (a school takes a municipality, and so on).
    if card.org == store.own_org().id {
        return Err(AppError::Card("это карточка ключа самой этой базы".into()));
    }
    let old_fingerprint = peer_fingerprint(&old.role, &old.org, &old.sign_key);
    let data = store.load()?;
    let own = store.own_org().id;
    let old_id = uuid::Uuid::parse_str(&old.org)
        .map(OrgId)
        .map_err(|_| AppError::Card("неверный идентификатор в реестре".into()))?;
    let people: std::collections::HashSet<_> =
        data.persons.iter().filter(|p| p.school == old_id).map(|p| p.id).collect();
    let held = data
        .records()
        .iter()
        .filter(|r| r.author() == own && r.kind() != RecordKind::Person)
        .filter(|r| {
            r.person().is_some_and(|p| people.contains(&p))
                || r.other_person().is_some_and(|p| people.contains(&p))
                || r.org() == Some(old_id)
        })
        .count();
    let peer = peer_of(&card);
    let message = format!(
        "Новая база «{}» ({}), отпечаток {}, принята на место прежней (отпечаток {old_fingerprint}); записей этой базы \
         о её работниках к перепривязке: {held}",
        card.name,
        card.code,
        card.fingerprint()
    );
    store.replace_peer(&old.org, &peer, &message)?;
    Ok(Replaced { card, old_name: old.name, old_fingerprint, held })
}

/// The organisation one level up: a school's municipality, a municipality's region (whose card it took in).
fn upper_peer(store: &Store) -> Result<Option<Peer>, StorageError> {
    let up = match store.own_org().role {
        OrgRole::School => OrgRole::Municipality,
        OrgRole::Municipality => OrgRole::Region,
        OrgRole::Region => return Ok(None),
    };
    Ok(store.peers()?.into_iter().find(|p| p.role == up.label() && p.revoked.is_none()))
}

/// What a package export did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exported {
    pub sequence: u64,
    pub hash: String,
    pub encrypted: bool,
    pub counts: Vec<(RecordKind, u64)>,
    pub bytes: u64,
}

/// Which package to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportTarget {
    /// A school's package to its municipality (or a municipality's to the region: `Up`).
    Upward,
    /// A municipal package back to one school (by its id).
    BackTo(OrgId),
}

/// Makes a package: a school's (or a municipality's for the region) snapshot of what it authored, or a
/// municipality's records about one school's people back to that school. Without the receiver's key the
/// export refuses unless `allow_unencrypted` (recorded in the journal).
pub fn export(
    store: &mut Store,
    out: &Path,
    target: ExportTarget,
    allow_unencrypted: bool,
    today: NaiveDate,
) -> Result<Exported, AppError> {
    let key = signing_key(store)?;
    let rotating = store.own_key_if_any("sign_next")?.is_some();
    let key_change: Option<KeyChange> = store.setting("key_change")?;
    let own = store.own_org().clone();
    let data = store.load()?;
    let (kind, to, records) = match target {
        ExportTarget::Upward if own.role == OrgRole::Region => {
            return Err(AppError::Exchange("регион — верхний уровень: его пакеты никуда не отправляются".into()));
        }
        ExportTarget::Upward if own.role == OrgRole::Municipality => {
            (PackageKind::Up, upper_peer(store)?, package::snapshot_up(&data, &own))
        }
        ExportTarget::Upward => (PackageKind::School, upper_peer(store)?, package::snapshot(&data, own.id, None)),
        ExportTarget::BackTo(school) => {
            if own.role == OrgRole::School {
                return Err(AppError::Exchange("пакет для школы делает муниципалитет".into()));
            }
            let org = data.organisation(school).ok_or(AppError::Exchange("такой школы нет в базе".into()))?;
            let peer = store.peer(&school.to_string())?.ok_or_else(|| {
                AppError::Exchange(format!("школа «{}» ещё не прислала пакет: её ключ не зарегистрирован", org.name))
            })?;
            (PackageKind::Municipal, Some(peer), package::snapshot(&data, own.id, Some(school)))
        }
    };
    if let Some(r) = records.iter().find(|r| !package::record_within_limits(r)) {
        let who = r.person().and_then(|p| data.persons.iter().find(|x| x.id == p)).map(|p| p.full_name());
        return Err(AppError::Exchange(format!(
            "запись «{}»{} содержит слишком длинный текст (больше {} знаков) или список: сократите её — \
             муниципалитет такой пакет не примет",
            r.kind().label(),
            who.map(|n| format!(" ({n})")).unwrap_or_default(),
            package::MAX_FIELD
        )));
    }
    let recipient = to.as_ref().and_then(|p| p.encrypt_key.as_deref()).and_then(Recipient::parse);
    if recipient.is_none() && !allow_unencrypted {
        let whom = if kind == PackageKind::Up { "региона" } else { "муниципалитета" };
        return Err(AppError::Exchange(format!(
            "нет ключа шифрования получателя: примите карточку ключа {whom} (uchrost keys --import) или явно \
             выберите пакет без шифрования"
        )));
    }
    let last = store.last_sent()?;
    let sequence = last.as_ref().map_or(1, |s| s.sequence + 1);
    let previous = last.map(|s| s.hash).unwrap_or_default();
    let created = now_text();
    let to_org = to.as_ref().and_then(|p| uuid::Uuid::parse_str(&p.org).ok()).map(OrgId);
    let outgoing = Outgoing {
        kind,
        from_role: own.role,
        from: own.id,
        from_code: &own.code,
        from_name: &own.name,
        from_encrypt: Some(identity(store)?.recipient().to_age_string()),
        to: to_org,
        receipt: match (kind, &to) {
            (PackageKind::Municipal, Some(p)) => match (p.last_sequence, &p.last_hash) {
                (Some(n), Some(h)) => Some(package::ReceiptInfo {
                    last_sequence: n,
                    last_hash: h.clone(),
                    accepted_at: p.last_at.clone().unwrap_or_default(),
                }),
                _ => None,
            },
            _ => None,
        },
        key_change,
        sequence,
        previous_hash: &previous,
        created_at: &created,
        school_year: SchoolYear::of(today).0,
    };
    let counts = package::counts_by_kind(&records);
    let bytes = package::build(&outgoing, records, &key, recipient.as_ref());
    write_atomically(out, &bytes).map_err(|err| AppError::write(out, &err))?;
    // Read back what is on disk and check it as the receiver will (signature, header, sizes).
    let back = std::fs::read(out).map_err(|err| AppError::read(out, &err))?;
    let opened = package::open(&back)
        .map_err(|err| AppError::Exchange(format!("записанный пакет не проходит проверку: {err}")))?;
    if opened.header.sequence != sequence || opened.signer != key.verifying_key() {
        return Err(AppError::Exchange("записанный пакет не совпадает с созданным".into()));
    }
    let hash = sha256_hex(&back);
    let encrypted = recipient.is_some();
    let mut journal = format!("Создан пакет №{sequence} ({} байт) — {}", back.len(), out.display());
    if !encrypted {
        journal.push_str(": БЕЗ ШИФРОВАНИЯ по выбору пользователя");
    }
    let sent = store.record_sent(
        &Sent {
            sequence,
            hash: hash.clone(),
            at: created,
            kind: format!("{kind:?}").to_lowercase(),
            to_org: to_org.map(|o| o.to_string()),
            file: out.display().to_string(),
            encrypted,
        },
        &journal,
    );
    if let Err(err) = sent {
        // The database does not know this package (a full disk, say): the file must not be sent, or the
        // next package would carry the same number with other contents.
        let _ = std::fs::remove_file(out);
        return Err(AppError::Exchange(format!("пакет не записан: {err}")));
    }
    if rotating {
        let fp = pending_rotation(store)?.unwrap_or_default();
        store.finish_rotation(&format!("Пакет №{sequence} объявил новый ключ {fp}; дальше пакеты подписываются им"))?;
    }
    Ok(Exported { sequence, hash, encrypted, counts, bytes: back.len() as u64 })
}

/// The result of one file of an import.
#[derive(Clone, Debug, PartialEq)]
pub struct FileOutcome {
    pub file: String,
    /// The sender, when the header could be read.
    pub from: Option<String>,
    pub sequence: Option<u64>,
    /// «принят», «будет принят» (dry run), «уже принят», «отклонён».
    pub result: String,
    pub message: String,
    pub warnings: Vec<String>,
    /// What the plan did (or, in a dry run, would do).
    pub plan: Option<merge::Summary>,
    /// A new sender's fingerprint, to compare with its paper card.
    pub fingerprint: Option<String>,
}

impl FileOutcome {
    pub fn refused(&self) -> bool {
        self.result == REFUSED
    }
}

pub const ACCEPTED: &str = "принят";
pub const WOULD_ACCEPT: &str = "будет принят";
pub const ALREADY: &str = "уже принят";
pub const REFUSED: &str = "отклонён";

/// Largest file an import reads.
pub const MAX_FILE: u64 = crate::exchange::envelope::MAX_PAYLOAD + 128 * 1024;

fn fmt_at(at: &str) -> String {
    chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M:%S")
        .map(|d| crate::domain::fmt_date(d.date()))
        .unwrap_or_else(|_| at.to_string())
}

/// How many changed rows a batch of merges gathers (by default) before it is committed: large enough that a
/// municipality's packages go in one commit, small enough that the write-ahead log of a regional merge
/// stays bounded.
pub const BATCH_ROWS: usize = 200_000;

/// Takes packages in. With `dry_run` nothing is written but the audit line; with `trust_new` the key of
/// a sender seen for the first time is registered (after the user compared its fingerprint).
///
/// The merges are written in batches (one transaction each, every package a savepoint inside it), so
/// that a crash loses at most the packages of the open batch, whole, and never half of one; taking the
/// same files in again accepts them then.
pub fn import(
    store: &mut Store,
    files: &[&Path],
    dry_run: bool,
    trust_new: bool,
    today: NaiveDate,
) -> Result<Vec<FileOutcome>, StorageError> {
    import_in_batches(store, files, dry_run, trust_new, today, BATCH_ROWS)
}

/// [`import`] with batches closed once they hold `batch_rows` changed rows or more (always after a
/// whole package: 1 commits every package on its own).
pub fn import_in_batches(
    store: &mut Store,
    files: &[&Path],
    dry_run: bool,
    trust_new: bool,
    today: NaiveDate,
    batch_rows: usize,
) -> Result<Vec<FileOutcome>, StorageError> {
    match import_batched(store, files, dry_run, trust_new, today, batch_rows) {
        Ok(outcomes) => {
            store.end_batch(true)?;
            Ok(outcomes)
        }
        Err(err) => {
            // The error is what the user needs to see; a failed rollback would only hide it (SQLite
            // rolls back an unfinished transaction when the connection closes).
            let _ = store.end_batch(false);
            Err(err)
        }
    }
}

fn import_batched(
    store: &mut Store,
    files: &[&Path],
    dry_run: bool,
    trust_new: bool,
    today: NaiveDate,
    batch_rows: usize,
) -> Result<Vec<FileOutcome>, StorageError> {
    let mut outcomes = Vec::new();
    let mut backed_up = false;
    let mut pending = 0;
    // The copy as the merge sees it, indexed once and kept up to date with each package taken in
    // (reading the whole database again for every package made a merge of many packages quadratic).
    let mut copy: Option<merge::Index> = None;
    for path in files {
        let name = path.display().to_string();
        let mut outcome = FileOutcome {
            file: name.clone(),
            from: None,
            sequence: None,
            result: REFUSED.into(),
            message: String::new(),
            warnings: Vec::new(),
            plan: None,
            fingerprint: None,
        };
        let mut log = LogEntry {
            at: now_text(),
            file: name.clone(),
            org: None,
            sequence: None,
            hash: None,
            result: REFUSED.into(),
            message: String::new(),
            counts: None,
        };
        match check_one(store, path, trust_new, dry_run, today, &mut outcome, &mut log, &mut copy)? {
            Err(message) => {
                outcome.message = message.clone();
                log.message = message;
                store.log_package(&log)?;
            }
            Ok(None) => {
                store.log_package(&log)?;
            }
            Ok(Some(m)) => {
                let mut plan = m.plan;
                let counts = plan.totals().to_string();
                log.counts = Some(counts.clone());
                if dry_run {
                    outcome.result = WOULD_ACCEPT.into();
                    outcome.message = counts;
                    log.result = "проверка".into();
                    log.message = format!("пробный прогон: {}", outcome.message);
                    outcome.plan = Some(plan.summary());
                    store.log_package(&log)?;
                } else {
                    if !backed_up {
                        store.backup("перед приёмом пакетов")?;
                        backed_up = true;
                        store.begin_batch()?;
                    }
                    let texts = std::mem::take(&mut plan.texts);
                    let mut changes: Vec<Change> = plan
                        .puts
                        .iter()
                        .zip(&plan.fresh)
                        .zip(texts)
                        .map(|((r, &fresh), text)| Change::Merged { record: r.clone(), text, fresh })
                        .collect();
                    changes.extend(plan.deletes.iter().map(|(k, id)| Change::Delete(*k, *id)));
                    log.result = ACCEPTED.into();
                    log.message = counts.clone();
                    let mut description = format!("Принят пакет {}: {counts}", m.title);
                    if plan.relinked > 0 {
                        description.push_str(&format!(
                            "; новая база заняла место прежней, перепривязано записей: {}",
                            plan.relinked
                        ));
                    }
                    if let Some(fp) = &m.new_fingerprint {
                        description.push_str(&format!("; ключ подписи отправителя сменён, отпечаток {fp}"));
                    }
                    let chain = ChainStep {
                        org: &m.org,
                        sequence: m.sequence,
                        hash: &m.hash,
                        encrypt_key: m.encrypt.as_deref(),
                        sign_key: m.sign_key,
                        register: m.register.as_ref().map(|(p, msg)| (p, msg.as_str())),
                    };
                    let applied = store.apply_package(&description, changes, today, chain, &log);
                    match applied {
                        Ok(()) => {
                            if let Some(index) = copy.as_mut() {
                                index.apply(&plan);
                            }
                            pending += plan.puts.len() + plan.deletes.len();
                            if pending >= batch_rows {
                                store.end_batch(true)?;
                                store.begin_batch()?;
                                pending = 0;
                            }
                            outcome.result = ACCEPTED.into();
                            outcome.message = counts;
                            outcome.plan = Some(plan.summary());
                            if let Some(r) = &m.receipt {
                                continue_chain(store, r, &m.org, &name)?;
                            }
                        }
                        // Inside the batch a failed write (a full disk, an I/O error) may have written part
                        // of the package: the batch is rolled back whole and the import stops.
                        Err(err) if !matches!(err, StorageError::Invalid { .. }) => return Err(err),
                        Err(err) => {
                            outcome.message = format!("пакет не принят: {err}");
                            log.result = REFUSED.into();
                            log.message = outcome.message.clone();
                            store.log_package(&log)?;
                        }
                    }
                }
            }
        }
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

/// The merge's index of the database, read row by row.
fn merge_index(store: &Store) -> Result<merge::Index, StorageError> {
    let mut index = merge::Index::default();
    store.for_each_record(|record, text| index.insert(&record, merge::fingerprint_text(text)))?;
    Ok(index)
}

/// A package to merge: the plan, the sender, its sequence, hash and encryption key, and how to name it.
struct ToMerge {
    plan: Plan,
    receipt: Option<package::ReceiptInfo>,
    org: String,
    sequence: u64,
    hash: String,
    encrypt: Option<String>,
    /// The sender's new signing key, when the package carried a valid key change, and its fingerprint.
    sign_key: Option<[u8; 32]>,
    new_fingerprint: Option<String>,
    /// A new sender's key and the journal's line about it, registered with the merge.
    register: Option<(Peer, String)>,
    title: String,
}

type Checked = Option<ToMerge>;

/// Checks one file; `Ok(Err(message))` is a refusal, `Ok(Ok(None))` a package already accepted,
/// `Ok(Ok(Some(plan …)))` a package to merge.
// The file's inputs, the two records of its result and the merge's copy: grouping them would only
// rename them.
/// What is said of a package that came unencrypted.
pub const UNENCRYPTED: &str = "пакет не зашифрован";

const REQUIRE_ENCRYPTION: &str = "exchange_require_encryption";

/// Whether this database refuses unencrypted packages (a municipality and a region do, unless told not to).
pub fn requires_encryption(store: &Store) -> Result<bool, StorageError> {
    Ok(store.setting::<bool>(REQUIRE_ENCRYPTION)?.unwrap_or(true))
}

/// Sets whether unencrypted packages are refused; the journal records the choice.
pub fn set_requires_encryption(store: &mut Store, require: bool) -> Result<(), StorageError> {
    store.set_setting(REQUIRE_ENCRYPTION, &require)?;
    store.journal(
        "key",
        if require {
            "Незашифрованные пакеты не принимаются"
        } else {
            "Разрешён приём незашифрованных пакетов"
        },
        None,
    )
}

/// The first [`crate::exchange::envelope::PREFIX`] bytes of a file (fewer if it is shorter).
fn read_prefix(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut prefix = Vec::with_capacity(crate::exchange::envelope::PREFIX);
    std::fs::File::open(path)?.take(crate::exchange::envelope::PREFIX as u64).read_to_end(&mut prefix)?;
    Ok(prefix)
}

#[allow(clippy::too_many_arguments)]
fn check_one(
    store: &mut Store,
    path: &Path,
    trust_new: bool,
    dry_run: bool,
    today: NaiveDate,
    outcome: &mut FileOutcome,
    log: &mut LogEntry,
    copy: &mut Option<merge::Index>,
) -> Result<Result<Checked, String>, StorageError> {
    let size = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(err) => return Ok(Err(format!("файл не открывается: {}", io_message(&err)))),
    };
    if size > MAX_FILE {
        return Ok(Err(format!("файл больше допустимого размера пакета ({size} байт)")));
    }
    // The first 55 bytes say what the file must be: a file of garbage or of the wrong size is refused
    // without reading the rest (a gigabyte of garbage costs a few bytes of memory, not a gigabyte).
    let prefix = match read_prefix(path) {
        Ok(p) => p,
        Err(err) => return Ok(Err(format!("файл не читается: {}", io_message(&err)))),
    };
    if let Err(err) = crate::exchange::envelope::check_prefix(&prefix, size) {
        return Ok(Err(err.to_string()));
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(err) => return Ok(Err(format!("файл не читается: {}", io_message(&err)))),
    };
    let opened = match package::open(&bytes) {
        Ok(o) => o,
        Err(err) => return Ok(Err(err.to_string())),
    };
    let h = &opened.header;
    let own = store.own_org().clone();
    log.org = Some(h.from.to_string());
    log.sequence = Some(h.sequence);
    log.hash = Some(opened.hash.clone());
    outcome.from = Some(format!("{} ({})", h.from_name, h.from_code));
    outcome.sequence = Some(h.sequence);
    let expected_kind = match own.role {
        OrgRole::School => PackageKind::Municipal,
        OrgRole::Municipality => PackageKind::School,
        OrgRole::Region => PackageKind::Up,
    };
    if h.kind != expected_kind {
        return Ok(Err(match own.role {
            OrgRole::School => "школа принимает только пакеты своего муниципалитета".into(),
            _ => "пакет не того уровня: муниципалитет принимает пакеты школ, регион — пакеты муниципалитетов".into(),
        }));
    }
    if h.to.is_some_and(|to| to != own.id) {
        return Ok(Err("пакет предназначен другой организации (он зашифрован не для этой базы)".into()));
    }
    // Numbers in range: a sequence near 2^63 would be stored negative and refuse the sender's real
    // packages as older for ever.
    if !(1..=package::MAX_SEQUENCE).contains(&h.sequence) {
        return Ok(Err(format!(
            "номер пакета {} вне допустимого диапазона (1–{}): пакет отклонён",
            h.sequence,
            package::MAX_SEQUENCE
        )));
    }
    // What a sender may be is fixed by the receiver: a municipality takes schools, a region
    // municipalities, a school its municipality — whatever the header says of itself.
    let expected_role = match own.role {
        OrgRole::School => OrgRole::Municipality,
        OrgRole::Municipality => OrgRole::School,
        OrgRole::Region => OrgRole::Municipality,
    };
    if h.from_role != expected_role {
        return Ok(Err(format!(
            "отправитель называет себя «{}», а {} принимает пакеты только от организаций уровня «{}»",
            h.from_role.label(),
            own.role.label(),
            expected_role.label()
        )));
    }
    // An unencrypted package is said everywhere; a municipality or a region refuses one unless told
    // otherwise (`uchrost keys --require-encryption нет`).
    if !opened.encrypted() {
        if own.role != OrgRole::School && requires_encryption(store)? {
            return Ok(Err(
                "пакет не зашифрован, а эта база принимает только зашифрованные пакеты: пусть отправитель \
                 примет карточку ключа получателя и сделает пакет заново (или разрешите незашифрованные: uchrost \
                 keys --require-encryption нет)"
                    .into(),
            ));
        }
        outcome.warnings.push(UNENCRYPTED.into());
    }
    // The fingerprint binds the level and the organisation the header claims: it matches the paper card
    // only when the card says the same (a school's card cannot vouch for a «municipality»).
    let signer_fp = fingerprint(h.from_role, h.from, &opened.signer);
    // A key change the old key vouched for: the package is signed by the old key (the announcement) or
    // by the new one (the ones after it).
    let rotation = h.key_change.as_ref().and_then(|c| c.verify(h.from));
    let successor_of = |known: &[u8; 32]| rotation.filter(|(old, _)| old.as_bytes() == known).map(|(_, new)| new);
    let peer = store.peer(&h.from.to_string())?;
    let peer = match peer {
        Some(p) if p.revoked.is_some() => {
            return Ok(Err(format!("ключ «{}» отозван: пакеты не принимаются до повторной регистрации", p.name)));
        }
        Some(p) if p.sign_key != opened.signer.to_bytes() && successor_of(&p.sign_key) != Some(opened.signer) => {
            let known = peer_fingerprint(&p.role, &p.org, &p.sign_key);
            outcome.fingerprint = Some(signer_fp.clone());
            return Ok(Err(format!(
                "пакет подписан другим ключом ({signer_fp}), чем зарегистрирован для «{}» ({known}): \
                 если школа сменила ключ, сверьте новый отпечаток и зарегистрируйте его заново",
                p.name
            )));
        }
        // The level it was enrolled with is checked on every package.
        Some(p) if p.role != expected_role.label() => {
            return Ok(Err(format!(
                "«{}» зарегистрирован как «{}», а пакет послан от имени организации уровня «{}»: пакет отклонён",
                p.name,
                p.role,
                h.from_role.label()
            )));
        }
        Some(p) => p,
        None if own.role == OrgRole::School => {
            return Ok(Err(
                "ключ муниципалитета не принят: сначала примите его карточку (uchrost keys --import)".into()
            ));
        }
        // A key is one organisation's: a key this database knows (its own, or a registered organisation's)
        // never enrols a second organisation, whatever the header calls it.
        None if opened.signer == signing_key(store)?.verifying_key() => {
            return Ok(Err("пакет подписан ключом самой этой базы от имени другой организации: пакет отклонён".into()));
        }
        None if let Some(other) = store.peers()?.into_iter().find(|p| p.sign_key == opened.signer.to_bytes()) => {
            return Ok(Err(format!(
                "пакет подписан ключом, зарегистрированным за «{}» ({}, {}), а называет отправителем «{}» ({}): \
                 один ключ не говорит за две организации, пакет отклонён",
                other.name, other.code, other.role, h.from_name, h.from_code
            )));
        }
        // One school, one code: a first package whose code is already registered to another organisation
        // (a school that lost its database and made a new one) is not a new school.
        None if let Some(other) = store.peers()?.into_iter().find(|p| {
            p.code.trim() == h.from_code.trim() && !p.code.trim().is_empty() && p.role == h.from_role.label()
        }) =>
        {
            outcome.fingerprint = Some(signer_fp.clone());
            let known = peer_fingerprint(&other.role, &other.org, &other.sign_key);
            return Ok(Err(format!(
                "код «{}» уже зарегистрирован за «{}» (ключ {known}), а пакет подписан другим ключом ({signer_fp}) \
                 другой базы: если школа потеряла базу и создала новую, сверьте отпечаток её новой карточки ключа с \
                 бумажной и примите её на место прежней (uchrost keys --import КАРТОЧКА --replace; в окне — «Принять \
                 карточку ключа…» на «Обмене»); до этого пакет не принимается",
                other.code, other.name
            )));
        }
        None if !trust_new => {
            outcome.fingerprint = Some(signer_fp.clone());
            return Ok(Err(format!(
                "первый пакет от «{}» ({}): сверьте отпечаток ключа {signer_fp} с бумажной карточкой {} \
                 и повторите приём с подтверждением (--trust-new)",
                h.from_name,
                h.from_code,
                if h.from_role == OrgRole::School { "школы" } else { "муниципалитета" }
            )));
        }
        None => {
            outcome.fingerprint = Some(signer_fp.clone());
            Peer {
                org: h.from.to_string(),
                role: h.from_role.label().into(),
                name: h.from_name.clone(),
                code: h.from_code.clone(),
                sign_key: opened.signer.to_bytes(),
                encrypt_key: h.from_encrypt.clone().filter(|k| Recipient::parse(k).is_some()),
                registered: now_text(),
                revoked: None,
                last_sequence: None,
                last_hash: None,
                last_at: None,
            }
        }
    };
    outcome.from = Some(format!("{} ({})", peer.name, peer.code));
    let new_key = successor_of(&peer.sign_key).filter(|k| k.as_bytes() != &peer.sign_key);
    if let Some(k) = new_key {
        outcome.warnings.push(format!(
            "отправитель сменил ключ подписи: новый отпечаток {} (смену подтвердил прежний ключ)",
            fingerprint(h.from_role, h.from, &k)
        ));
    }
    if let Some(last) = peer.last_sequence {
        let when = peer.last_at.as_deref().map(fmt_at).unwrap_or_default();
        if h.sequence < last {
            return Ok(Err(format!("этот пакет старее уже принятого пакета №{last} от {when}")));
        }
        if h.sequence == last {
            if peer.last_hash.as_deref() == Some(opened.hash.as_str()) {
                outcome.result = ALREADY.into();
                outcome.message = format!("пакет №{last} уже принят {when}; ничего не изменилось");
                log.result = ALREADY.into();
                log.message = outcome.message.clone();
                return Ok(Ok(None));
            }
            return Ok(Err(format!(
                "конфликт: другой пакет с тем же номером №{last} уже принят {when} — \
                 школа могла восстановить старую копию; пусть она откроет последнюю квитанцию"
            )));
        }
        if h.sequence > last + 1 {
            outcome.warnings.push(if h.sequence == last + 2 {
                format!("пропущен пакет №{}", last + 1)
            } else {
                format!("пропущены пакеты №{}–{}", last + 1, h.sequence - 1)
            });
        } else if peer.last_hash.as_deref().is_some_and(|x| x != h.previous_hash) {
            outcome.warnings.push("цепочка пакетов не сходится с последним принятым".into());
        }
    }
    let mut payload = match read_with_any_key(store, &opened)? {
        Ok(p) => p,
        Err(err) => return Ok(Err(err)),
    };
    // The reason for leaving a job was sent by earlier versions; it stays at the school now, so it is
    // not kept here either (the other fields a school keeps were never sent: a package with them is
    // refused below).
    let mut reasons = 0;
    for (record, text) in payload.records.iter_mut().zip(payload.texts.iter_mut()) {
        if let AnyRecord::Employment(e) = record
            && !e.end_reason.is_empty()
        {
            e.end_reason.clear();
            *text = record.to_json().to_string();
            reasons += 1;
        }
    }
    if reasons > 0 {
        outcome.warnings.push(format!(
            "причина увольнения ({}) не сохранена: она остаётся в школе",
            crate::domain::ru::count(reasons, "запись", "записи", "записей")
        ));
    }
    let data: &merge::Index = match copy {
        Some(index) => index,
        None => copy.insert(merge_index(store)?),
    };
    let mut domain = match h.kind {
        PackageKind::Up => match merge::Domain::municipal(data, h.from, &payload.records) {
            Ok(d) => d,
            Err(err) => return Ok(Err(format!("в пакете {err}"))),
        },
        kind => merge::Domain::single(h.from, kind == PackageKind::School),
    };
    // A new database that took the place of a lost one (re-enrolled with --replace) replaces the old
    // one's rows too, and this database's records about the old one's people are re-linked.
    let olds: Vec<OrgId> =
        store.predecessors(&peer.org)?.iter().filter_map(|o| uuid::Uuid::parse_str(o).ok().map(OrgId)).collect();
    for old in &olds {
        domain = domain.succeeding(data, *old);
    }
    let succession = if olds.iter().any(|o| data.holds(*o)) {
        let whole = store.load()?;
        let old_people: Vec<&crate::domain::Person> =
            whole.persons.iter().filter(|p| olds.contains(&p.school) || olds.contains(&p.author)).collect();
        let ids: std::collections::HashSet<_> = old_people.iter().map(|p| p.id).collect();
        let others: Vec<AnyRecord> = whole
            .records()
            .into_iter()
            .filter(|r| !domain.existing.contains(&r.author()) && r.kind() != RecordKind::Person)
            .filter(|r| {
                r.person().is_some_and(|p| ids.contains(&p))
                    || r.other_person().is_some_and(|p| ids.contains(&p))
                    || r.org().is_some_and(|o| olds.contains(&o))
            })
            .collect();
        let mut all = merge::Succession::default();
        for old in &olds {
            let mine: Vec<&crate::domain::Person> =
                old_people.iter().copied().filter(|p| p.school == *old || p.author == *old).collect();
            let part = merge::Succession::of((*old, h.from), &mine, &others, &payload.records);
            all.linked += part.linked;
            all.unlinked.extend(part.unlinked);
            all.records.extend(part.records);
            all.moved.extend(part.moved);
        }
        if !all.records.is_empty() || !all.unlinked.is_empty() {
            outcome.warnings.push(format!(
                "новая база занимает место прежней: перепривязано записей — {} (работников — {}){}",
                all.records.len(),
                all.linked,
                if all.unlinked.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; не удалось привязать по ФИО и дате рождения: {} — они перенесены в новую базу без \
                         данных школы, их записи сохранены и отмечены (исправьте ФИО или дату рождения в школе и \
                         пришлите пакет снова)",
                        all.unlinked.join("; ")
                    )
                }
            ));
        }
        all
    } else {
        merge::Succession::default()
    };
    if let Err(err) = merge::check_ownership(&domain, &payload.records)
        .and_then(|()| merge::check_unique_ids(&payload.records))
        .and_then(|()| merge::check_own_people(&domain, &payload.records))
        .and_then(|()| merge::check_kept_at_school(h.kind, &payload.records))
    {
        return Ok(Err(format!("в пакете {err}")));
    }
    // Each record is checked once, here, from the text it was read from (the write does not check again).
    if let Some(bad) = payload
        .records
        .iter()
        .zip(&payload.texts)
        .find_map(|(r, text)| crate::domain::validation::validate_with_text(r, text, today).err())
    {
        let text: Vec<String> = bad.iter().map(ToString::to_string).collect();
        return Ok(Err(format!("в пакете неверная запись: {}", text.join("; "))));
    }
    if let Err(err) = merge::check_foreign_ids(data, &domain, &payload.records)
        .and_then(|()| merge::check_references(data, &domain, &payload.records))
    {
        return Ok(Err(format!("в пакете {err}")));
    }
    // A first package registers the sender's key (after the user compared the fingerprint), in the
    // merge's own transaction: a merge that fails registers nothing.
    let register = (!dry_run && store.peer(&peer.org)?.is_none()).then(|| {
        let message = format!("Зарегистрирован ключ «{}» ({}), отпечаток {signer_fp}", peer.name, peer.code);
        (peer.clone(), message)
    });
    let encrypted = opened.encrypted();
    let plan = merge::plan_succeeding(data, &domain, payload.records, payload.texts, succession);
    Ok(Ok(Some(ToMerge {
        plan,
        receipt: h.receipt.clone().filter(|_| h.kind == PackageKind::Municipal),
        org: peer.org,
        sequence: h.sequence,
        hash: opened.hash,
        encrypt: h.from_encrypt.clone().filter(|k| Recipient::parse(k).is_some()),
        sign_key: new_key.map(|k| k.to_bytes()),
        new_fingerprint: new_key.map(|k| fingerprint(h.from_role, h.from, &k)),
        register,
        // The sender as registered, not as the header spells it.
        title: format!(
            "№{} от «{}» ({}){}",
            h.sequence,
            peer.name,
            peer.code,
            if encrypted { "" } else { ", пакет не зашифрован" }
        ),
    })))
}

/// The municipality's receipt for one school: its last accepted package.
pub fn write_receipt(store: &mut Store, school: OrgId, out: &Path) -> Result<package::Receipt, AppError> {
    let peer =
        store.peer(&school.to_string())?.ok_or(AppError::Exchange("эта школа ещё не присылала пакетов".into()))?;
    let (Some(seq), Some(hash)) = (peer.last_sequence, peer.last_hash.clone()) else {
        return Err(AppError::Exchange(format!("от школы «{}» ещё не принято ни одного пакета", peer.name)));
    };
    let own = store.own_org().clone();
    let receipt = package::Receipt {
        kind: "receipt".into(),
        from: own.id,
        from_name: own.name,
        school,
        school_name: peer.name.clone(),
        last_sequence: seq,
        last_hash: hash,
        accepted_at: peer.last_at.clone().unwrap_or_default(),
        issued_at: now_text(),
        key_change: store.setting("key_change")?,
    };
    let key = signing_key(store)?;
    write_atomically(out, &package::build_receipt(&receipt, &key)).map_err(|err| AppError::write(out, &err))?;
    store.journal("receipt", &format!("Квитанция для «{}»: принят пакет №{seq}", peer.name), None)?;
    Ok(receipt)
}

/// Continues this school's numbering from a receipt when it says more was accepted than this copy knows.
fn continue_chain(store: &mut Store, r: &package::ReceiptInfo, from: &str, file: &str) -> Result<bool, StorageError> {
    let last = store.last_sent()?;
    let behind = last
        .as_ref()
        .is_none_or(|s| s.sequence < r.last_sequence || (s.sequence == r.last_sequence && s.hash != r.last_hash));
    if behind {
        store.record_sent(
            &Sent {
                sequence: r.last_sequence,
                hash: r.last_hash.clone(),
                at: r.accepted_at.clone(),
                kind: "receipt".into(),
                to_org: Some(from.to_string()),
                file: file.to_string(),
                encrypted: true,
            },
            &format!(
                "Квитанция: муниципалитет принял пакет №{}; нумерация пакетов продолжится с №{}",
                r.last_sequence,
                r.last_sequence + 1
            ),
        )?;
    }
    Ok(behind)
}

/// A school opens its municipality's receipt: checked against the municipality's key, recorded, and —
/// if it says more was accepted than this copy knows (a restored backup, a new laptop) — the chain
/// continues from it, so that the next package is not refused.
pub fn open_receipt(store: &mut Store, file: &Path) -> Result<(package::Receipt, bool), AppError> {
    let bytes = std::fs::read(file).map_err(|err| AppError::read(file, &err))?;
    if bytes.len() > 64 * 1024 {
        return Err(AppError::Exchange("файл слишком велик для квитанции".into()));
    }
    let (signer, receipt) = package::open_receipt(&bytes).map_err(|err| AppError::Exchange(err.to_string()))?;
    let own = store.own_org().id;
    if receipt.school != own {
        return Err(AppError::Exchange(format!("квитанция выдана другой школе («{}»)", receipt.school_name)));
    }
    let peer = store
        .peer(&receipt.from.to_string())?
        .ok_or(AppError::Exchange("ключ муниципалитета не принят: сначала примите его карточку".into()))?;
    // Signed by the key this school knows, or by its successor that key vouched for.
    let successor = receipt
        .key_change
        .as_ref()
        .and_then(|c| c.verify(receipt.from))
        .filter(|(old, _)| old.as_bytes() == &peer.sign_key)
        .map(|(_, new)| new);
    if (peer.sign_key != signer.to_bytes() && successor != Some(signer)) || peer.revoked.is_some() {
        return Err(AppError::Exchange("квитанция подписана не ключом муниципалитета, принятым в этой базе".into()));
    }
    let info = package::ReceiptInfo {
        last_sequence: receipt.last_sequence,
        last_hash: receipt.last_hash.clone(),
        accepted_at: receipt.accepted_at.clone(),
    };
    let behind = continue_chain(store, &info, &receipt.from.to_string(), &file.display().to_string())?;
    if !behind {
        store.journal("receipt", &format!("Квитанция: муниципалитет принял пакет №{}", receipt.last_sequence), None)?;
    }
    Ok((receipt, behind))
}

/// What the Обмен screen shows, read once per data change.
#[derive(Clone, Debug, Default)]
pub struct Overview {
    pub own_fingerprint: String,
    /// The municipality (at a school) or the schools (at a municipality) with their keys and chains.
    pub peers: Vec<PeerView>,
    pub last_sent: Option<Sent>,
    /// The packages this database made, newest first (the last 20).
    pub made: Vec<Sent>,
    /// What a package would carry now, by kind.
    pub outgoing: Vec<(RecordKind, u64)>,
    pub log: Vec<LogEntry>,
    /// The fingerprint of the key a rotation waits to announce.
    pub rotation: Option<String>,
}

/// One organisation this database exchanges with, as the screen lists it.
#[derive(Clone, Debug)]
pub struct PeerView {
    pub org: String,
    pub name: String,
    pub code: String,
    pub role: String,
    pub fingerprint: String,
    pub encrypts: bool,
    pub revoked: bool,
    pub last_sequence: Option<u64>,
    /// The date of the last accepted package.
    pub last_date: Option<NaiveDate>,
}

impl crate::app::Session {
    /// Runs an exchange step on the store, then reloads (a step may change the keys, the registry and
    /// the records).
    fn exchange_result<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T, AppError>) -> Result<T, AppError> {
        let out = f(self.store_mut());
        self.reload()?;
        out
    }

    pub fn exchange_overview(&mut self) -> Result<Overview, AppError> {
        let own = self.org().id;
        let store = self.store_mut();
        let card = own_card(store)?;
        let peers = store
            .peers()?
            .into_iter()
            .map(|p| PeerView {
                fingerprint: peer_fingerprint(&p.role, &p.org, &p.sign_key),
                encrypts: p.encrypt_key.is_some(),
                revoked: p.revoked.is_some(),
                last_sequence: p.last_sequence,
                last_date: p
                    .last_at
                    .as_deref()
                    .and_then(|a| chrono::NaiveDateTime::parse_from_str(a, "%Y-%m-%dT%H:%M:%S").ok())
                    .map(|d| d.date()),
                org: p.org,
                name: p.name,
                code: p.code,
                role: p.role,
            })
            .collect();
        let made = store.sent(20)?;
        let last_sent = made.first().cloned();
        let log = store.package_log(50)?;
        let rotation = pending_rotation(store)?;
        let outgoing = match self.org().role {
            OrgRole::Municipality => package::counts_by_kind(&package::snapshot_up(self.data(), self.org())),
            _ => package::counts_by_kind(&package::snapshot(self.data(), own, None)),
        };
        Ok(Overview { own_fingerprint: card.fingerprint(), peers, last_sent, made, outgoing, log, rotation })
    }

    pub fn own_key_card(&mut self) -> Result<String, AppError> {
        Ok(own_card(self.store_mut())?.to_text())
    }

    pub fn rotate_keys(&mut self) -> Result<String, AppError> {
        self.exchange_result(|s| Ok(rotate_keys(s)?))
    }

    pub fn revoke_key(&mut self, code: &str) -> Result<String, AppError> {
        self.exchange_result(|s| revoke(s, code))
    }

    pub fn take_key_card(&mut self, text: &str) -> Result<KeyCard, AppError> {
        self.exchange_result(|s| take_card(s, text))
    }

    /// See [`card_replaces`].
    pub fn card_replaces(&mut self, text: &str) -> Result<Option<(String, String)>, AppError> {
        card_replaces(self.store_mut(), text)
    }

    pub fn replace_with_card(&mut self, text: &str) -> Result<Replaced, AppError> {
        self.exchange_result(|s| replace_with_card(s, text))
    }

    pub fn export_package(
        &mut self,
        out: &Path,
        target: ExportTarget,
        unencrypted: bool,
    ) -> Result<Exported, AppError> {
        let today = self.today();
        self.exchange_result(|s| export(s, out, target, unencrypted, today))
    }

    pub fn import_packages(
        &mut self,
        files: &[&Path],
        dry_run: bool,
        trust_new: bool,
    ) -> Result<Vec<FileOutcome>, AppError> {
        let today = self.today();
        self.exchange_result(|s| Ok(import(s, files, dry_run, trust_new, today)?))
    }

    pub fn receipt_for(&mut self, school: OrgId, out: &Path) -> Result<package::Receipt, AppError> {
        self.exchange_result(|s| write_receipt(s, school, out))
    }

    pub fn open_receipt_file(&mut self, file: &Path) -> Result<(package::Receipt, bool), AppError> {
        self.exchange_result(|s| open_receipt(s, file))
    }
}

/// The packages of every school of a municipal demo of `schools` schools (the demo's kinds and sizes of
/// school, by `seed`), each signed by a school key of its own and encrypted to the municipality `mun`,
/// as a school's `uchrost export` writes them: the data at scale for the exchange benchmarks and for
/// trying a merge by hand (`uchrost demo --schools K --packages DIR`). Written to `dir`; returns the paths.
pub fn demo_packages(
    mun: &mut Store,
    schools: usize,
    seed: u64,
    today: NaiveDate,
    dir: &Path,
) -> Result<Vec<std::path::PathBuf>, String> {
    if mun.own_org().role != OrgRole::Municipality {
        return Err("пакеты школ пишутся для базы муниципалитета".into());
    }
    let card = own_card(mun).map_err(|e| e.to_string())?;
    let recipient = card.encrypt.ok_or("у муниципалитета нет ключа шифрования")?;
    let mut rng = crate::demo::Rng::new(seed);
    let created = format!("{}T09:00:00", today.format("%Y-%m-%d"));
    let mut files = Vec::with_capacity(schools);
    for plan in crate::demo::municipal_plan(&mut rng, &card.name, schools) {
        let mut data = Dataset::default();
        data.push(plan.school.clone().into());
        for r in crate::demo::school_records(&mut rng, &plan, today) {
            data.push(r);
        }
        let mut seed = [0u8; 32];
        for chunk in seed.chunks_mut(8) {
            chunk.copy_from_slice(&rng.next_u64().to_le_bytes());
        }
        let key = ed25519_dalek::SigningKey::from_bytes(&seed);
        let out = Outgoing {
            kind: PackageKind::School,
            from_role: OrgRole::School,
            from: plan.school.id,
            from_code: &plan.school.code,
            from_name: &plan.school.name,
            from_encrypt: None,
            to: Some(card.org),
            receipt: None,
            key_change: None,
            sequence: 1,
            previous_hash: "",
            created_at: &created,
            school_year: SchoolYear::of(today).0,
        };
        let bytes = package::build(&out, package::snapshot(&data, plan.school.id, None), &key, Some(&recipient));
        let file = dir.join(format!("пакет-{}.uchpkg", plan.school.code));
        write_atomically(&file, &bytes).map_err(|e| format!("{}: {}", file.display(), io_message(&e)))?;
        files.push(file);
    }
    Ok(files)
}
