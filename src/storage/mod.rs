//! The store: one SQLite file per school or municipality.
//!
//! Records are kept one table per kind (`RecordKind::table`), each row holding the record's id, its
//! author, the person it is about (indexed, with a foreign key) and the whole record as JSON. The typed
//! record in `domain` is the schema of that JSON; fields added later carry `#[serde(default)]`, so old
//! rows read without a rewrite, and a change of meaning is a migration in [`schema`].
//!
//! Invariants:
//! - every user action is one transaction ([`Store::apply`]), validated before anything is written;
//! - every change made by the user is in the history (`change` rows of an `action`) and can be undone;
//! - a file that is damaged, not a database or from a newer version is refused before anything is
//!   written to it, and is never replaced by an empty database;
//! - backups are made with SQLite's online backup API, never by copying the file.

pub mod backup;
pub mod connection;
pub mod erase;
pub mod error;
pub mod exchange;
pub mod files;
pub mod history;
pub mod lock;
pub mod schema;

pub use backup::BackupInfo;
pub use connection::{ConnectionSettings, DiskMode};
pub use error::StorageError;
pub use history::{ActionEntry, FieldChange, RecordChange};
pub use lock::WriterLock;

use crate::domain::dictionaries::Dictionary;
use crate::domain::{AnyRecord, Dataset, OrgId, Organisation, RecordKind, RuleSettings, validate};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, params};
use std::path::{Path, PathBuf};
use uuid::Uuid;

pub type Result<T, E = StorageError> = std::result::Result<T, E>;

/// One change of an action: put (insert or replace) a record, write a merge's row, or delete one.
// Changes live only while an action is applied; boxing every record would cost more than it saves.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
pub enum Change {
    Put(AnyRecord),
    /// A row of a merge, with its JSON text as stored (made once, when the package was read). With
    /// `fresh` the record is known not to be in the copy yet: a plain INSERT, which fails if it is.
    Merged {
        record: AnyRecord,
        text: String,
        fresh: bool,
    },
    Delete(RecordKind, Uuid),
}

/// Whether an action's changes go into the per-record history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryMode {
    /// A user's edit: every changed record is in the history and can be undone.
    Record,
    /// Bulk loads (demo data, merges of packages): only the journal records it.
    JournalOnly,
}

/// The reason in the name of the day's first backup.
pub const DAILY: &str = "ежедневная";

/// How a database is open.
#[derive(Debug)]
pub enum Access {
    /// For writing: this program holds the database's write lock ([`lock`]) until the store is closed.
    Write(WriterLock),
    /// For reading only, and why (said to the user): nothing is written, not even the journal.
    Read(String),
}

/// An open database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    mode: DiskMode,
    own: Organisation,
    access: Access,
    /// What opening found and did that the user should hear of (unfinished copies removed …).
    notes: Vec<String>,
}

const META_OWN_ORG: &str = "own_org";
const META_CREATED: &str = "created_at";
const SETTING_RULES: &str = "rules";

/// The temporary name a new database is made under (renamed into place once it is whole).
fn creating_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".creating");
    PathBuf::from(name)
}

fn remove_with_sides(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

impl Store {
    /// Creates a new database for `org` at `path`; refuses an existing file (but an empty one, which an
    /// earlier failed start may have left). The database is made whole under a temporary name, with
    /// whatever `init` adds (the keys), and only then takes its name: a full disk or a crash leaves no
    /// file that blocks the next try.
    pub fn create(path: &Path, org: Organisation, mode: DiskMode, now: NaiveDateTime) -> Result<Self> {
        Self::create_with(path, org, mode, now, |_| Ok(()))
    }

    /// [`Store::create`], running `init` on the new database before it takes its name.
    pub fn create_with(
        path: &Path,
        org: Organisation,
        mode: DiskMode,
        now: NaiveDateTime,
        init: impl FnOnce(&mut Store) -> Result<()>,
    ) -> Result<Self> {
        if path.exists() && std::fs::metadata(path).map(|m| m.len()).unwrap_or(1) > 0 {
            return Err(StorageError::AlreadyExists(path.to_owned()));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            files::create_private_dir(dir)?;
            if files::folder_is_read_only(dir) {
                return Err(StorageError::ReadOnly {
                    path: path.to_owned(), why: "папка только для чтения".into()
                });
            }
        }
        let lock = WriterLock::acquire(path)?;
        let tmp = creating_path(path);
        remove_with_sides(&tmp);
        let made = (|| -> Result<Connection> {
            files::create_private(&tmp)?;
            let mut conn = connection::connect(&tmp, mode, false)?;
            schema::migrate(&mut conn)?;
            let tx = conn.transaction()?;
            tx.execute("INSERT INTO meta (key, value) VALUES (?1, ?2)", params![META_OWN_ORG, org.id.to_string()])?;
            tx.execute("INSERT INTO meta (key, value) VALUES (?1, ?2)", params![META_CREATED, now.to_string()])?;
            let data = AnyRecord::Organisation(org.clone()).to_json().to_string();
            tx.execute(
                "INSERT INTO organisation (id, author, data) VALUES (?1, ?1, ?2)",
                params![org.id.to_string(), data],
            )?;
            for dict in Dictionary::ALL {
                for (i, v) in dict.defaults().iter().enumerate() {
                    tx.execute(
                        "INSERT INTO dictionary (dict, position, value) VALUES (?1, ?2, ?3)",
                        params![dict.key(), i as i64, v],
                    )?;
                }
            }
            tx.execute(
                "INSERT INTO journal (at, event, message) VALUES (?1, 'created', ?2)",
                params![now.to_string(), format!("Создана база: {} «{}»", org.role.label(), org.name)],
            )?;
            tx.commit()?;
            Ok(conn)
        })();
        let conn = match made {
            Ok(conn) => conn,
            Err(e) => {
                remove_with_sides(&tmp);
                return Err(e);
            }
        };
        let mut store =
            Store { conn, path: tmp.clone(), mode, own: org, access: Access::Write(lock), notes: Vec::new() };
        let placed = (|| -> Result<()> {
            init(&mut store)?;
            // Whole on disk in one file before it takes its name: the header says whose file this is at
            // once (another program checks those bytes before opening).
            store.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            Ok(())
        })();
        let Store { conn, own, access, .. } = store;
        let closed = conn.close().map_err(|(_, e)| StorageError::Sqlite(e));
        if let Err(e) = placed.and(closed).and_then(|()| std::fs::rename(&tmp, path).map_err(StorageError::from)) {
            remove_with_sides(&tmp);
            return Err(e);
        }
        remove_with_sides(&tmp);
        let conn = connection::connect(path, mode, false)?;
        Ok(Store { conn, path: path.to_owned(), mode, own, access, notes: Vec::new() })
    }

    /// Opens an existing database for writing: takes its write lock (or says which program holds it),
    /// checks the file before anything is written (header, `quick_check`, schema version), removes the
    /// unfinished copies a killed backup left, then migrates it to the current schema. A file or folder
    /// that is read-only opens read-only, and says so ([`Store::read_only_reason`]).
    pub fn open(path: &Path, mode: DiskMode) -> Result<Self> {
        if !path.exists() {
            return Err(StorageError::NotFound(path.to_owned()));
        }
        if let Some(why) = read_only_place(path) {
            return Self::open_reading(path, why);
        }
        let lock = WriterLock::acquire(path)?;
        Self::open_locked(path, mode, lock)
    }

    /// Opens a database for writing with its write lock already held (after a restore).
    pub fn open_locked(path: &Path, mode: DiskMode, lock: WriterLock) -> Result<Self> {
        connection::check_header(path)?;
        connection::check_readable(path, false)?;
        let mut notes = Vec::new();
        let removed = backup::remove_unfinished(path);
        if removed.files > 0 {
            notes.push(unfinished_note(removed));
        }
        let before = {
            let conn = connection::connect(path, mode, false)?;
            schema::user_version(&conn)?
        };
        let mut conn = connection::connect(path, mode, false)?;
        if before < schema::CURRENT_VERSION {
            // A schema upgrade is a bulk change: keep a copy of the old version first.
            backup::make(
                &conn,
                path,
                &format!("перед обновлением схемы {before}"),
                chrono::Local::now().naive_local(),
            )?;
        }
        schema::migrate(&mut conn)?;
        if before < schema::CURRENT_VERSION {
            journal_in(
                &conn,
                "schema",
                &format!("Схема базы обновлена: версия {before} → {}", schema::CURRENT_VERSION),
                None,
            )?;
        }
        let own = Self::read_own(&conn)
            .map_err(|e| StorageError::Damaged { path: path.to_owned(), detail: e.to_string() })?;
        for note in &notes {
            journal_in(&conn, "cleanup", note, None)?;
        }
        Ok(Self { conn, path: path.to_owned(), mode, own, access: Access::Write(lock), notes })
    }

    /// Opens a database only to read it: no lock, nothing written, so it works while another program
    /// writes the database, and on a read-only file or folder. A database of an older schema is upgraded
    /// first when no other program holds it.
    pub fn open_read_only(path: &Path, mode: DiskMode) -> Result<Self> {
        if !path.exists() {
            return Err(StorageError::NotFound(path.to_owned()));
        }
        let why = read_only_place(path);
        // A database of an older schema in a writable place is brought up to date first (as the window
        // would), then read: asking for its version must not refuse it before it can be updated.
        if why.is_none() {
            connection::check_header(path)?;
            let old = {
                let conn = connection::connect_read_only(path, false)?;
                schema::user_version(&conn)? < schema::CURRENT_VERSION
            };
            if old {
                Self::open(path, mode)?.close()?;
            }
        }
        Self::open_reading(path, why.unwrap_or_default())
    }

    fn open_reading(path: &Path, why: String) -> Result<Self> {
        let immutable = why == FOLDER_READ_ONLY;
        connection::check_header(path)?;
        connection::check_readable(path, immutable)?;
        let conn = connection::connect_read_only(path, immutable)?;
        let version = schema::user_version(&conn)?;
        if version < schema::CURRENT_VERSION {
            return Err(StorageError::ReadOnly {
                path: path.to_owned(),
                why: format!(
                    "{}; база старой версии (схема {version}) и не может быть обновлена, пока она только для чтения",
                    if why.is_empty() { "открыта для чтения" } else { why.as_str() }
                ),
            });
        }
        let own = Self::read_own(&conn)
            .map_err(|e| StorageError::Damaged { path: path.to_owned(), detail: e.to_string() })?;
        let mut notes = if why.is_empty() {
            Vec::new()
        } else {
            vec![format!("База открыта только для чтения: {why}. Изменения не сохраняются.")]
        };
        // A copy being written is locked by its program, so a reader may clear what killed copies left.
        let removed = backup::remove_unfinished(path);
        if removed.files > 0 {
            notes.push(unfinished_note(removed));
        }
        Ok(Self { conn, path: path.to_owned(), mode: DiskMode::Portable, own, access: Access::Read(why), notes })
    }

    /// Why the database is open read-only (`None` when it is open for writing).
    pub fn read_only_reason(&self) -> Option<&str> {
        match &self.access {
            Access::Write(_) => None,
            Access::Read(why) => Some(why),
        }
    }

    /// What opening the database found and did that the user should hear of.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// Adds what the user should hear of about this database (a daily backup that failed …).
    pub fn add_note(&mut self, note: String) {
        self.notes.push(note);
    }

    /// Refuses a write on a database open for reading, saying why.
    fn writable(&self) -> Result<()> {
        match &self.access {
            Access::Write(_) => Ok(()),
            Access::Read(why) => Err(StorageError::ReadOnly {
                path: self.path.clone(),
                why: if why.is_empty() { "открыта для просмотра".into() } else { why.clone() },
            }),
        }
    }

    /// Closes the database and hands over its write lock (to restore the file while no program writes).
    pub fn into_lock(self) -> Result<WriterLock> {
        let Store { conn, access, mode, .. } = self;
        if mode == DiskMode::Local {
            let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        }
        conn.close().map_err(|(_, e)| StorageError::Sqlite(e))?;
        match access {
            Access::Write(lock) => Ok(lock),
            Access::Read(why) => Err(StorageError::ReadOnly { path: PathBuf::new(), why }),
        }
    }

    pub(crate) fn read_own(conn: &Connection) -> Result<Organisation> {
        let id: String = conn.query_row("SELECT value FROM meta WHERE key = ?1", [META_OWN_ORG], |r| r.get(0))?;
        let data: String = conn.query_row("SELECT data FROM organisation WHERE id = ?1", [&id], |r| r.get(0))?;
        match AnyRecord::from_json(RecordKind::Organisation, parse_json(&data)?) {
            Ok(AnyRecord::Organisation(o)) => Ok(o),
            _ => Err(StorageError::Corrupt("запись организации".into())),
        }
    }

    /// Closes the database; in WAL mode the log is checkpointed into the main file first, so that the
    /// database is one self-contained file whenever the app is not running. Everything committed is safe
    /// whether or not the checkpoint succeeds: see [`Store::close_reporting`] for its warning.
    pub fn close(self) -> Result<()> {
        self.close_reporting().map(|_| ())
    }

    /// [`Store::close`], returning a warning when the checkpoint failed (a full disk): the data is
    /// committed and safe in the log beside the file, and the next start moves it over.
    pub fn close_reporting(self) -> Result<Option<String>> {
        let mut warning = None;
        if self.mode == DiskMode::Local
            && matches!(self.access, Access::Write(_))
            && let Err(e) = self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        {
            warning = Some(format!(
                "Внимание: всё записанное сохранено, но не перенесено из журнала {}-wal в основной файл ({}). Освободите место на диске и откройте базу ещё раз — перенос повторится; не удаляйте файл {}-wal.",
                self.path.display(),
                error::sqlite_message(&e),
                self.path.display()
            ));
        }
        // SQLite tries the checkpoint again on closing; its failure is the same warning, not an error.
        match self.conn.close() {
            Ok(()) => Ok(warning),
            Err((_, e)) if warning.is_some() || error::sqlite_is_disk_full(&e) => {
                Ok(warning.or_else(|| Some(format!("Внимание: {}", error::sqlite_message(&e)))))
            }
            Err((_, e)) => Err(StorageError::Sqlite(e)),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn disk_mode(&self) -> DiskMode {
        self.mode
    }

    /// The organisation this database belongs to.
    pub fn own_org(&self) -> &Organisation {
        &self.own
    }

    /// The underlying connection, for checks and tests.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Every record of the database.
    pub fn load(&self) -> Result<Dataset> {
        self.load_with_progress(&|_| ())
    }

    /// [`Store::load`], telling `progress` the share of the records read so far (0.0 – 1.0) every few
    /// thousand records, for the bar of a large database opening.
    pub fn load_with_progress(&self, progress: &dyn Fn(f32)) -> Result<Dataset> {
        let mut data = Dataset::default();
        let mut counts = Vec::with_capacity(RecordKind::ALL.len());
        for &kind in RecordKind::ALL {
            let count: i64 = self
                .conn
                .prepare_cached(&format!("SELECT count(*) FROM {}", kind.table()))?
                .query_row([], |r| r.get(0))?;
            counts.push(usize::try_from(count).unwrap_or(0));
        }
        let total = counts.iter().sum::<usize>().max(1);
        let mut read = 0usize;
        for (&kind, count) in RecordKind::ALL.iter().zip(counts) {
            data.reserve(kind, count);
            let mut stmt = self.conn.prepare_cached(&format!("SELECT data FROM {} ORDER BY rowid", kind.table()))?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let text: String = row.get(0)?;
                data.push(decode(kind, &text)?);
                read += 1;
                if read.is_multiple_of(8192) {
                    progress(read as f32 / total as f32);
                }
            }
        }
        progress(1.0);
        Ok(data)
    }

    /// Every record with its stored JSON text, kind by kind, one at a time (what the merge indexes
    /// without holding the whole copy in memory).
    pub fn for_each_record(&self, mut f: impl FnMut(AnyRecord, &str)) -> Result<()> {
        for &kind in RecordKind::ALL {
            let mut stmt = self.conn.prepare_cached(&format!("SELECT data FROM {} ORDER BY rowid", kind.table()))?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let text: &str = row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
                f(decode(kind, text)?, text);
            }
        }
        Ok(())
    }

    /// One record by kind and id.
    pub fn get(&self, kind: RecordKind, id: Uuid) -> Result<Option<AnyRecord>> {
        read_record(&self.conn, kind, id)
    }

    /// Applies the changes of one user action in one transaction: every put is validated first (on
    /// `today`), and nothing is written if any change is invalid. Returns the action's id in the history,
    /// or `None` when nothing actually changed.
    pub fn apply(
        &mut self,
        description: &str,
        changes: Vec<Change>,
        today: NaiveDate,
        history: HistoryMode,
    ) -> Result<Option<i64>> {
        self.apply_journalled(description, changes, today, history, None)
    }

    /// [`Store::apply`] with the journal's line about it (event, message, details) in the same
    /// transaction: what is reported as done is exactly what was committed.
    pub fn apply_journalled(
        &mut self,
        description: &str,
        changes: Vec<Change>,
        today: NaiveDate,
        history: HistoryMode,
        journal: Option<(&str, &str, Option<&str>)>,
    ) -> Result<Option<i64>> {
        self.writable()?;
        validate_puts(&changes, today)?;
        let now = chrono::Local::now().naive_local();
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let action = history::apply_in(&tx, description, &changes, now, history)?;
        if let Some((event, message, details)) = journal {
            journal_in(&tx, event, message, details)?;
        }
        tx.commit()?;
        Ok(action)
    }

    /// Puts one record (an add or an edit) as one action.
    pub fn put(&mut self, description: &str, record: impl Into<AnyRecord>, today: NaiveDate) -> Result<Option<i64>> {
        self.apply(description, vec![Change::Put(record.into())], today, HistoryMode::Record)
    }

    /// Deletes a person with every record about them (and the mentor pairs they lead) as one action,
    /// so that undoing it brings everything back.
    pub fn delete_person(&mut self, person: crate::domain::PersonId, today: NaiveDate) -> Result<Option<i64>> {
        let Some(AnyRecord::Person(p)) = self.get(RecordKind::Person, person.0)? else {
            return Err(StorageError::RecordNotFound { kind: RecordKind::Person.label(), id: person.to_string() });
        };
        let mut changes = Vec::new();
        for kind in erase::person_tables().chain([RecordKind::Mentorship]) {
            let sql = if kind == RecordKind::Mentorship {
                "SELECT id FROM mentorship WHERE person = ?1 OR mentor = ?1".to_string()
            } else {
                format!("SELECT id FROM {} WHERE person = ?1", kind.table())
            };
            let mut stmt = self.conn.prepare(&sql)?;
            let ids = stmt.query_map([person.to_string()], |r| r.get::<_, String>(0))?;
            for id in ids {
                let id = Uuid::parse_str(&id?).map_err(|e| StorageError::Corrupt(e.to_string()))?;
                changes.push(Change::Delete(kind, id));
            }
        }
        changes.push(Change::Delete(RecordKind::Person, person.0));
        self.apply(&format!("Удалён работник {}", p.full_name()), changes, today, HistoryMode::Record)
    }

    /// The rule thresholds set by the user (defaults if never set).
    pub fn rule_settings(&self) -> Result<RuleSettings> {
        Ok(self.setting(SETTING_RULES)?.unwrap_or_default())
    }

    pub fn set_rule_settings(&mut self, settings: &RuleSettings) -> Result<()> {
        self.set_setting(SETTING_RULES, settings)
    }

    /// A setting stored as JSON under `key`.
    pub fn setting<T: serde::de::DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        let text: Option<String> =
            self.conn.query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| r.get(0)).optional()?;
        text.map(|t| serde_json::from_str(&t).map_err(|e| StorageError::Corrupt(format!("настройка {key}: {e}"))))
            .transpose()
    }

    pub fn set_setting<T: serde::Serialize>(&mut self, key: &str, value: &T) -> Result<()> {
        let text = serde_json::to_string(value).map_err(|e| StorageError::Corrupt(e.to_string()))?;
        self.conn.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, text],
        )?;
        Ok(())
    }

    /// The values of a reference list, in the user's order.
    pub fn dictionary(&self, dict: Dictionary) -> Result<Vec<String>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT value FROM dictionary WHERE dict = ?1 ORDER BY position, value")?;
        let values = stmt.query_map([dict.key()], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(values)
    }

    /// Replaces a reference list (one transaction); blank and repeated values are dropped.
    pub fn set_dictionary(&mut self, dict: Dictionary, values: &[String]) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM dictionary WHERE dict = ?1", [dict.key()])?;
        let mut seen = std::collections::HashSet::new();
        for (i, v) in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()).enumerate() {
            if seen.insert(v.to_lowercase()) {
                tx.execute(
                    "INSERT INTO dictionary (dict, position, value) VALUES (?1, ?2, ?3)",
                    params![dict.key(), i as i64, v],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Adds an entry to the journal of events (backups, imports, packages).
    pub fn journal(&mut self, event: &str, message: &str, details: Option<&str>) -> Result<()> {
        journal_in(&self.conn, event, message, details)
    }

    /// The journal, newest first.
    pub fn journal_entries(&self, limit: usize) -> Result<Vec<JournalEntry>> {
        let mut stmt =
            self.conn.prepare("SELECT at, event, message, details FROM journal ORDER BY id DESC LIMIT ?1")?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(JournalEntry { at: r.get(0)?, event: r.get(1)?, message: r.get(2)?, details: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Runs SQLite's full `integrity_check` and the foreign-key check; an empty list means healthy.
    pub fn integrity_problems(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let row = row?;
            if row != "ok" {
                problems.push(row);
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        for row in stmt.query_map([], |r| Ok(format!("нарушена ссылка в таблице {}", r.get::<_, String>(0)?)))?
        {
            problems.push(row?);
        }
        // Every stored record must read back as its typed record.
        for &kind in RecordKind::ALL {
            let mut stmt = self.conn.prepare(&format!("SELECT id, data FROM {}", kind.table()))?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let id: String = row.get(0)?;
                let data: String = row.get(1)?;
                if let Err(e) = decode(kind, &data) {
                    problems.push(format!("{} {id}: {e}", kind.label()));
                }
            }
        }
        Ok(problems)
    }

    /// Makes a backup now (online backup API) and returns where it went.
    /// A database open for reading only writes no journal line about it.
    pub fn backup(&mut self, reason: &str) -> Result<PathBuf> {
        let now = chrono::Local::now().naive_local();
        let path = backup::make(&self.conn, &self.path, reason, now)?;
        if self.writable().is_ok() {
            self.journal("backup", &format!("Резервная копия: {reason}"), Some(&path.display().to_string()))?;
        }
        Ok(path)
    }

    /// Makes a backup into a file of the user's choice.
    pub fn backup_to(&mut self, target: &Path) -> Result<()> {
        backup::make_to(&self.conn, target)?;
        if self.writable().is_ok() {
            self.journal("backup", "Резервная копия в выбранный файл", Some(&target.display().to_string()))?;
        }
        Ok(())
    }

    /// Makes the day's first backup if none was made today; returns its path if one was made.
    pub fn daily_backup(&mut self, today: NaiveDate) -> Result<Option<PathBuf>> {
        if !self.daily_backup_due(today)? {
            return Ok(None);
        }
        let path = backup::make(&self.conn, &self.path, DAILY, chrono::Local::now().naive_local())?;
        self.note_daily_backup(today, &path)?;
        Ok(Some(path))
    }

    /// Whether the day's first backup is still to make.
    pub fn daily_backup_due(&self, today: NaiveDate) -> Result<bool> {
        let last: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'last_daily_backup'", [], |r| r.get(0))
            .optional()?;
        Ok(last.as_deref() != Some(&today.to_string()))
    }

    /// Records the day's backup, made at `path` (by [`Store::daily_backup`] or in the background by
    /// [`backup::make_from_file`] with the reason [`DAILY`]): the date and the journal line, together.
    pub fn note_daily_backup(&mut self, today: NaiveDate, path: &Path) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('last_daily_backup', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [today.to_string()],
        )?;
        journal_in(&tx, "backup", &format!("Резервная копия: {DAILY}"), Some(&path.display().to_string()))?;
        tx.commit()?;
        Ok(())
    }

    /// An empty database in memory (a placeholder while the file is being replaced).
    pub fn open_memory() -> Result<Self> {
        let mut conn = Connection::open_in_memory()?;
        schema::migrate(&mut conn)?;
        let own = Organisation::new(OrgId(Uuid::nil()), crate::domain::OrgRole::School, "", "");
        Ok(Self {
            conn,
            path: PathBuf::from(":memory:"),
            mode: DiskMode::Portable,
            own,
            access: Access::Read("пустая база в памяти".into()),
            notes: Vec::new(),
        })
    }

    /// Re-reads the own organisation after its record was edited.
    pub fn refresh_own(&mut self) -> Result<()> {
        self.own = Self::read_own(&self.conn)?;
        Ok(())
    }

    /// The organisation (schools in a municipal copy) by id.
    pub fn organisation(&self, id: OrgId) -> Result<Option<Organisation>> {
        match self.get(RecordKind::Organisation, id.0)? {
            Some(AnyRecord::Organisation(o)) => Ok(Some(o)),
            _ => Ok(None),
        }
    }
}

/// Why the place of `path` allows reading only, if it does: the file is marked read-only, or its folder
/// is (where SQLite cannot make the files beside it that a writer needs).
fn read_only_place(path: &Path) -> Option<String> {
    if files::file_is_read_only(path) {
        return Some("файл только для чтения".into());
    }
    // A file of another user, or on a medium that takes no writes: the system says so when asked.
    if let Err(e) = std::fs::OpenOptions::new().write(true).open(path)
        && matches!(e.kind(), std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem)
    {
        return Some("нет прав на запись в файл".into());
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    files::folder_is_read_only(dir).then(|| FOLDER_READ_ONLY.to_string())
}

const FOLDER_READ_ONLY: &str = "папка только для чтения";

fn unfinished_note(removed: backup::Removed) -> String {
    format!(
        "Удалены незаконченные резервные копии, оставшиеся от прерванного копирования: {} ({} МБ).",
        removed.files,
        removed.bytes / (1024 * 1024)
    )
}

/// A journal entry.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct JournalEntry {
    pub at: String,
    pub event: String,
    pub message: String,
    pub details: Option<String>,
}

impl JournalEntry {
    /// What kind of operation it was, in Russian.
    pub fn event_label(&self) -> &str {
        match self.event.as_str() {
            "created" => "создание базы",
            "backup" => "резервная копия",
            "restore" => "восстановление",
            "import" => "импорт таблицы",
            "package" => "пакет",
            "key" => "ключи обмена",
            "bulk" => "массовая запись",
            "cleanup" => "очистка",
            "undo" => "отмена изменения",
            "schema" => "обновление схемы",
            "erase" => "стирание персональных данных",
            "settings" => "настройки",
            other => other,
        }
    }

    /// When, as «дд.мм.гггг чч:мм:сс».
    pub fn when(&self) -> String {
        NaiveDateTime::parse_from_str(self.at.get(..19).unwrap_or(&self.at), "%Y-%m-%d %H:%M:%S")
            .map(|t| t.format("%d.%m.%Y %H:%M:%S").to_string())
            .unwrap_or_else(|_| self.at.clone())
    }
}

/// Checks every record to be written (on `today`); the first invalid one refuses the whole action.
pub(crate) fn validate_puts(changes: &[Change], today: NaiveDate) -> Result<()> {
    for c in changes {
        let checked = match c {
            Change::Put(r) => validate(r, today).map_err(|e| (r, e)),
            // A merged record comes with its text: scanned as it is instead of written out again.
            Change::Merged { record, text, .. } => {
                crate::domain::validation::validate_with_text(record, text, today).map_err(|e| (record, e))
            }
            Change::Delete(..) => Ok(()),
        };
        checked.map_err(|(r, errors)| StorageError::invalid(r.kind(), errors))?;
    }
    Ok(())
}

pub(crate) fn journal_in(conn: &Connection, event: &str, message: &str, details: Option<&str>) -> Result<()> {
    conn.execute(
        "INSERT INTO journal (at, event, message, details) VALUES (?1, ?2, ?3, ?4)",
        params![chrono::Local::now().naive_local().to_string(), event, message, details],
    )?;
    Ok(())
}

fn parse_json(text: &str) -> Result<serde_json::Value> {
    serde_json::from_str(text).map_err(|e| StorageError::Corrupt(e.to_string()))
}

fn decode(kind: RecordKind, text: &str) -> Result<AnyRecord> {
    AnyRecord::from_json_text(kind, text).map_err(|e| StorageError::Corrupt(format!("{}: {e}", kind.label())))
}

pub(crate) fn read_record(conn: &Connection, kind: RecordKind, id: Uuid) -> Result<Option<AnyRecord>> {
    let text: Option<String> = conn
        .prepare_cached(&format!("SELECT data FROM {} WHERE id = ?1", kind.table()))?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?;
    text.map(|t| decode(kind, &t)).transpose()
}

impl Store {
    /// The history of changes, newest first (all, or those about one person).
    pub fn history(&self, person: Option<crate::domain::PersonId>, limit: usize) -> Result<Vec<ActionEntry>> {
        history::actions(&self.conn, person.map(|p| p.0), limit)
    }

    /// The records an action of the history wrote or deleted, for a session to patch its memory with.
    pub fn action_records(&self, action: i64) -> Result<Vec<(RecordKind, Uuid)>> {
        let mut stmt = self.conn.prepare_cached("SELECT kind, record FROM change WHERE action = ?1")?;
        let rows = stmt.query_map([action], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (kind, record) = row?;
            let kind = RecordKind::from_table(&kind).ok_or_else(|| StorageError::Corrupt(kind.clone()))?;
            out.push((kind, Uuid::parse_str(&record).map_err(|e| StorageError::Corrupt(e.to_string()))?));
        }
        Ok(out)
    }

    /// Undoes a chosen action of the history; returns the id of the undo action.
    pub fn undo(&mut self, action: i64) -> Result<i64> {
        self.writable()?;
        history::undo(&mut self.conn, action, chrono::Local::now().naive_local())
    }
}
