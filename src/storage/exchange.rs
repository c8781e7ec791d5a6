//! The exchange tables: this database's own keys, the organisations it exchanges with (their public
//! keys and the chain of accepted packages), the packages it sent, and the audit log of every package
//! tried. Private keys live inside the database file, so a backup carries them and a copy of the file
//! to a new laptop keeps the school's identity (see the README, «Ключи»).

use super::{Change, HistoryMode, Result, StorageError, Store, history, journal_in, validate_puts};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

/// Where a sender's chain stands after its package is taken in.
#[derive(Clone, Copy, Debug)]
pub struct ChainStep<'a> {
    pub org: &'a str,
    pub sequence: u64,
    pub hash: &'a str,
    /// The sender's encryption key, when its package announced one.
    pub encrypt_key: Option<&'a str>,
    /// The sender's new signing key, when its package carried a valid key change.
    pub sign_key: Option<[u8; 32]>,
    /// A sender seen for the first time (its fingerprint confirmed): registered in the same transaction,
    /// with the journal's line about it.
    pub register: Option<(&'a Peer, &'a str)>,
}

/// An organisation this database exchanges packages with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Peer {
    pub org: String,
    pub role: String,
    pub name: String,
    pub code: String,
    pub sign_key: [u8; 32],
    pub encrypt_key: Option<String>,
    pub registered: String,
    pub revoked: Option<String>,
    pub last_sequence: Option<u64>,
    pub last_hash: Option<String>,
    pub last_at: Option<String>,
}

/// A package this database made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sent {
    pub sequence: u64,
    pub hash: String,
    pub at: String,
    pub kind: String,
    pub to_org: Option<String>,
    pub file: String,
    pub encrypted: bool,
}

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct LogEntry {
    pub at: String,
    pub file: String,
    pub org: Option<String>,
    pub sequence: Option<u64>,
    pub hash: Option<String>,
    /// «принят», «отклонён», «уже принят», «проверка».
    pub result: String,
    pub message: String,
    pub counts: Option<String>,
}

fn now() -> String {
    chrono::Local::now().naive_local().format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn peer_row(r: &rusqlite::Row) -> rusqlite::Result<Peer> {
    let key: Vec<u8> = r.get(4)?;
    Ok(Peer {
        org: r.get(0)?,
        role: r.get(1)?,
        name: r.get(2)?,
        code: r.get(3)?,
        sign_key: key.try_into().unwrap_or([0; 32]),
        encrypt_key: r.get(5)?,
        registered: r.get(6)?,
        revoked: r.get(7)?,
        last_sequence: r.get::<_, Option<i64>>(8)?.map(|v| v as u64),
        last_hash: r.get(9)?,
        last_at: r.get(10)?,
    })
}

const PEER_COLUMNS: &str =
    "org, role, name, code, sign_key, encrypt_key, registered, revoked, last_sequence, last_hash, last_at";

impl Store {
    /// This database's secret key for `purpose` («sign» or «encrypt»), made by `generate` and stored
    /// the first time it is asked for.
    pub fn own_key(&mut self, purpose: &str, generate: impl FnOnce() -> [u8; 32]) -> Result<[u8; 32]> {
        let existing: Option<Vec<u8>> =
            self.conn.query_row("SELECT secret FROM own_key WHERE purpose = ?1", [purpose], |r| r.get(0)).optional()?;
        if let Some(k) = existing {
            return k.try_into().map_err(|_| StorageError::Corrupt("ключ неверной длины".into()));
        }
        let key = generate();
        let tx = self.conn.savepoint()?;
        tx.execute(
            "INSERT INTO own_key (purpose, secret, created) VALUES (?1, ?2, ?3)",
            params![purpose, key.to_vec(), now()],
        )?;
        journal_in(&tx, "key", &format!("Создан ключ ({purpose})"), None)?;
        tx.commit()?;
        Ok(key)
    }

    /// One of this database's keys, if it has it.
    pub fn own_key_if_any(&self, purpose: &str) -> Result<Option<[u8; 32]>> {
        let k: Option<Vec<u8>> =
            self.conn.query_row("SELECT secret FROM own_key WHERE purpose = ?1", [purpose], |r| r.get(0)).optional()?;
        k.map(|k| k.try_into().map_err(|_| StorageError::Corrupt("ключ неверной длины".into()))).transpose()
    }

    /// The retired decryption keys, newest first.
    pub fn old_decryption_keys(&self) -> Result<Vec<[u8; 32]>> {
        let mut stmt = self.conn.prepare(
            "SELECT secret FROM own_key WHERE purpose GLOB 'encrypt_old_*' ORDER BY created DESC, purpose DESC",
        )?;
        let rows = stmt.query_map([], |r| r.get::<_, Vec<u8>>(0))?;
        let mut keys = Vec::new();
        for k in rows {
            keys.push(k?.try_into().map_err(|_| StorageError::Corrupt("ключ неверной длины".into()))?);
        }
        Ok(keys)
    }

    /// Starts a key rotation in one transaction: the next signing key waits to be announced (the next
    /// package is still signed by the current one and carries `change`); the decryption key is replaced
    /// at once and the old one retired (kept to read packages already encrypted to it).
    pub fn begin_rotation<T: serde::Serialize>(
        &mut self,
        next_sign: [u8; 32],
        new_encrypt: [u8; 32],
        change: &T,
        message: &str,
    ) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let at = now();
        let retired: i64 =
            tx.query_row("SELECT count(*) FROM own_key WHERE purpose GLOB 'encrypt_old_*'", [], |r| r.get(0))?;
        tx.execute(
            "UPDATE own_key SET purpose = ?1 WHERE purpose = 'encrypt'",
            [format!("encrypt_old_{:04}", retired + 1)],
        )?;
        tx.execute(
            "INSERT INTO own_key (purpose, secret, created) VALUES ('encrypt', ?1, ?2)",
            params![new_encrypt.to_vec(), at],
        )?;
        tx.execute(
            "INSERT INTO own_key (purpose, secret, created) VALUES ('sign_next', ?1, ?2)
             ON CONFLICT(purpose) DO UPDATE SET secret = excluded.secret, created = excluded.created",
            params![next_sign.to_vec(), at],
        )?;
        tx.execute(
            "INSERT INTO setting (key, value) VALUES ('key_change', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [serde_json::to_string(change).map_err(|e| StorageError::Corrupt(e.to_string()))?],
        )?;
        journal_in(&tx, "key", message, None)?;
        tx.commit()?;
        Ok(())
    }

    /// Ends a rotation once a package announced the new key: it becomes the signing key and the old
    /// private key is gone.
    pub fn finish_rotation(&mut self, message: &str) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute("DELETE FROM own_key WHERE purpose = 'sign'", [])?;
        tx.execute("UPDATE own_key SET purpose = 'sign' WHERE purpose = 'sign_next'", [])?;
        journal_in(&tx, "key", message, None)?;
        tx.commit()?;
        Ok(())
    }

    /// Replaces this database's key (a lost or compromised key; the old one is gone).
    pub fn replace_own_key(&mut self, purpose: &str, key: [u8; 32]) -> Result<()> {
        let tx = self.conn.savepoint()?;
        tx.execute(
            "INSERT INTO own_key (purpose, secret, created) VALUES (?1, ?2, ?3)
             ON CONFLICT(purpose) DO UPDATE SET secret = excluded.secret, created = excluded.created",
            params![purpose, key.to_vec(), now()],
        )?;
        if purpose == "sign" {
            // A rotation under way or announced belongs to the key that is gone.
            tx.execute("DELETE FROM own_key WHERE purpose = 'sign_next'", [])?;
            tx.execute("DELETE FROM setting WHERE key = 'key_change'", [])?;
        }
        journal_in(&tx, "key", &format!("Ключ заменён ({purpose})"), None)?;
        tx.commit()?;
        Ok(())
    }

    pub fn peer(&self, org: &str) -> Result<Option<Peer>> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {PEER_COLUMNS} FROM peer WHERE org = ?1"), [org], peer_row)
            .optional()?)
    }

    pub fn peers(&self) -> Result<Vec<Peer>> {
        let mut stmt = self.conn.prepare(&format!("SELECT {PEER_COLUMNS} FROM peer ORDER BY code, name"))?;
        let rows = stmt.query_map([], peer_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Registers (or re-enrols with a new key) an organisation; the journal records it.
    pub fn register_peer(&mut self, p: &Peer, message: &str) -> Result<()> {
        let tx = self.conn.savepoint()?;
        register_in(&tx, p, message)?;
        tx.commit()?;
        Ok(())
    }

    /// A new database of an organisation takes the place of its lost one (`old`, registered before): the
    /// new key is registered, the old one's registration goes, the packages journal of the old one is the
    /// new one's, and the succession is recorded so that the new database's packages replace the old
    /// one's rows and re-link the records about its people. One transaction.
    pub fn replace_peer(&mut self, old: &str, new: &Peer, message: &str) -> Result<()> {
        let tx = self.conn.savepoint()?;
        register_in(&tx, new, message)?;
        tx.execute("DELETE FROM peer WHERE org = ?1", [old])?;
        tx.execute("UPDATE package_log SET org = ?2 WHERE org = ?1", params![old, new.org])?;
        let mut pairs: Vec<(String, String)> = tx
            .query_row("SELECT value FROM setting WHERE key = ?1", [SUCCESSIONS], |r| r.get::<_, String>(0))
            .optional()?
            .map(|t| {
                serde_json::from_str(&t).map_err(|e| StorageError::Corrupt(format!("настройка {SUCCESSIONS}: {e}")))
            })
            .transpose()?
            .unwrap_or_default();
        pairs.push((new.org.clone(), old.to_string()));
        let text = serde_json::to_string(&pairs).map_err(|e| StorageError::Corrupt(e.to_string()))?;
        tx.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![SUCCESSIONS, text],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The lost databases whose place the organisation's database took (and theirs before them).
    pub fn predecessors(&self, org: &str) -> Result<Vec<String>> {
        let pairs: Vec<(String, String)> = self.setting(SUCCESSIONS)?.unwrap_or_default();
        let mut out: Vec<String> = Vec::new();
        let mut at = org.to_string();
        while let Some((_, old)) = pairs.iter().find(|(new, _)| *new == at) {
            if out.contains(old) || old == org {
                break;
            }
            out.push(old.clone());
            at = old.clone();
        }
        Ok(out)
    }

    /// Revokes an organisation's key: its packages are refused until it is re-enrolled.
    pub fn revoke_peer(&mut self, org: &str, message: &str) -> Result<()> {
        let tx = self.conn.savepoint()?;
        tx.execute("UPDATE peer SET revoked = ?2 WHERE org = ?1", params![org, now()])?;
        journal_in(&tx, "key", message, None)?;
        tx.commit()?;
        Ok(())
    }

    /// Continues a peer's chain from a receipt (a school restored from an old backup).
    pub fn set_chain(&mut self, org: &str, sequence: u64, hash: &str, at: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE peer SET last_sequence = ?2, last_hash = ?3, last_at = ?4 WHERE org = ?1",
            params![org, sequence as i64, hash, at],
        )?;
        Ok(())
    }

    /// The last package this database made.
    pub fn last_sent(&self) -> Result<Option<Sent>> {
        Ok(self.sent(1)?.into_iter().next())
    }

    /// The packages this database made, newest first (at most `limit`).
    pub fn sent(&self, limit: usize) -> Result<Vec<Sent>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT sequence, hash, at, kind, to_org, file, encrypted FROM sent ORDER BY sequence DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(Sent {
                sequence: r.get::<_, i64>(0)? as u64,
                hash: r.get(1)?,
                at: r.get(2)?,
                kind: r.get(3)?,
                to_org: r.get(4)?,
                file: r.get(5)?,
                encrypted: r.get::<_, i64>(6)? != 0,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records a package made (after it was written and read back).
    pub fn record_sent(&mut self, s: &Sent, journal: &str) -> Result<()> {
        let tx = self.conn.savepoint()?;
        tx.execute(
            "INSERT INTO sent (sequence, hash, at, kind, to_org, file, encrypted) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT(sequence) DO UPDATE SET hash = excluded.hash, at = excluded.at, kind = excluded.kind,
               to_org = excluded.to_org, file = excluded.file, encrypted = excluded.encrypted",
            params![s.sequence as i64, s.hash, s.at, s.kind, s.to_org, s.file, i64::from(s.encrypted)],
        )?;
        journal_in(&tx, "package", journal, None)?;
        tx.commit()?;
        Ok(())
    }

    /// Adds a line to the audit log of packages (its own small transaction).
    pub fn log_package(&mut self, e: &LogEntry) -> Result<()> {
        log_in(&self.conn, e)
    }

    pub fn package_log(&self, limit: usize) -> Result<Vec<LogEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT at, file, org, sequence, hash, result, message, counts FROM package_log ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(LogEntry {
                at: r.get(0)?,
                file: r.get(1)?,
                org: r.get(2)?,
                sequence: r.get::<_, Option<i64>>(3)?.map(|v| v as u64),
                hash: r.get(4)?,
                result: r.get(5)?,
                message: r.get(6)?,
                counts: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Opens a batch of merges: what is written until [`Store::end_batch`] is one transaction.
    /// Committing many packages at once writes each page of the copy once instead of once per package.
    /// The store's other writes here (keys, receipts, the sent chain) use savepoints, not transactions,
    /// so that they work inside a batch as well as outside one.
    pub fn begin_batch(&mut self) -> Result<()> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        Ok(())
    }

    /// Whether a batch (or any transaction) is open.
    pub fn in_batch(&self) -> bool {
        !self.conn.is_autocommit()
    }

    /// Ends a batch: commits it, or with `commit` false (or when the commit fails) rolls it back
    /// whole. Does nothing outside a batch.
    pub fn end_batch(&mut self, commit: bool) -> Result<()> {
        if !self.in_batch() {
            return Ok(());
        }
        if !commit {
            self.conn.execute_batch("ROLLBACK")?;
            return Ok(());
        }
        if let Err(err) = self.conn.execute_batch("COMMIT") {
            if self.in_batch() {
                self.conn.execute_batch("ROLLBACK")?;
            }
            return Err(err.into());
        }
        Ok(())
    }

    /// Applies a merge: a new sender's key, the record changes (journal only, no per-record history),
    /// the sender's chain, the journal line and the audit line. Outside a batch it is one transaction,
    /// all or nothing. Inside one it adds to the batch, and a failure (a full disk, an I/O error) leaves
    /// the batch to be rolled back whole by the caller: savepoints per package would make SQLite keep a
    /// copy of every page each statement touches, which cost more than the merge itself.
    pub fn apply_package(
        &mut self,
        description: &str,
        changes: Vec<Change>,
        today: NaiveDate,
        chain: ChainStep,
        log: &LogEntry,
    ) -> Result<()> {
        validate_puts(&changes, today)?;
        let now_dt = chrono::Local::now().naive_local();
        let standalone = !self.in_batch();
        if standalone {
            self.begin_batch()?;
        }
        let applied = (|| {
            let tx = &self.conn;
            if let Some((peer, message)) = chain.register {
                register_in(tx, peer, message)?;
            }
            history::apply_in(tx, description, &changes, now_dt, HistoryMode::JournalOnly)?;
            tx.execute(
                "UPDATE peer SET last_sequence = ?2, last_hash = ?3, last_at = ?4, encrypt_key = COALESCE(?5, encrypt_key),
                    sign_key = COALESCE(?6, sign_key)
                 WHERE org = ?1",
                params![
                    chain.org,
                    chain.sequence as i64,
                    chain.hash,
                    now(),
                    chain.encrypt_key,
                    chain.sign_key.map(Vec::from)
                ],
            )?;
            journal_in(tx, "package", description, log.counts.as_deref())?;
            log_in(tx, log)?;
            Ok::<(), StorageError>(())
        })();
        if standalone {
            self.end_batch(applied.is_ok())?;
        }
        applied?;
        self.refresh_own()?;
        Ok(())
    }
}

/// The setting that records which database took the place of which: `[[new, old], …]`.
const SUCCESSIONS: &str = "exchange_successions";

fn register_in(conn: &rusqlite::Connection, p: &Peer, message: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO peer (org, role, name, code, sign_key, encrypt_key, registered, revoked)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL)
         ON CONFLICT(org) DO UPDATE SET role = excluded.role, name = excluded.name, code = excluded.code,
           sign_key = excluded.sign_key, encrypt_key = excluded.encrypt_key,
           registered = excluded.registered, revoked = NULL",
        params![p.org, p.role, p.name, p.code, p.sign_key.to_vec(), p.encrypt_key, now()],
    )?;
    journal_in(conn, "key", message, None)
}

fn log_in(conn: &rusqlite::Connection, e: &LogEntry) -> Result<()> {
    conn.execute(
        "INSERT INTO package_log (at, file, org, sequence, hash, result, message, counts)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![e.at, e.file, e.org, e.sequence.map(|v| v as i64), e.hash, e.result, e.message, e.counts],
    )?;
    Ok(())
}
