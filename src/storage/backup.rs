//! Backups with SQLite's online backup API (a consistent copy of a live database, never a file copy),
//! and restore.
//!
//! Where they go: the folder `uchrost-backups/ИМЯ` beside the database `ИМЯ.db` (one folder per database,
//! so that the copies of a school's and a municipality's database kept side by side never mix), each
//! named by the organisation, the moment and the reason: `004--20261130-091500--ежедневная.db`.
//!
//! What is kept: the copies of each kind ([`BackupKind`]) are counted apart, so that no kind crowds out
//! another — a database that makes a copy before every import never loses its daily copies to them.
//!
//! How a copy is made: into a `.db.part` file that the copying program holds locked, checked as a
//! database is on open, then renamed. A copy that was killed half way leaves its `.part`, unlocked: the
//! next program that opens the database for writing removes it and says so ([`remove_unfinished`]).

use super::connection::{self, DiskMode};
use super::error::StorageError;
use super::files;
use super::lock::WriterLock;
use super::{Result, journal_in};
use chrono::NaiveDateTime;
use rusqlite::{Connection, MAIN_DB};
use std::fs::File;
use std::path::{Path, PathBuf};

/// How many copies of one kind are kept, at most (the largest of [`BackupKind::keep`]).
pub const KEEP: usize = 20;

/// The kinds of backup, each kept apart (see the module's documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BackupKind {
    /// The day's first copy: one a day, for the last [`BackupKind::keep`] days.
    Daily,
    /// Before an import of a spreadsheet or of packages.
    BeforeImport,
    /// Before the schema is upgraded by a newer program.
    BeforeSchema,
    /// Before a restore replaces the database.
    BeforeRestore,
    /// Before another bulk change (demo data, a group entry, the new school year).
    BeforeBulk,
    /// Made by the user (the button, `uchrost backup`).
    Manual,
}

impl BackupKind {
    pub const ALL: [BackupKind; 6] = [
        BackupKind::Daily,
        BackupKind::BeforeImport,
        BackupKind::BeforeSchema,
        BackupKind::BeforeRestore,
        BackupKind::BeforeBulk,
        BackupKind::Manual,
    ];

    /// How many copies of this kind are kept.
    pub fn keep(self) -> usize {
        match self {
            BackupKind::Daily => 14,
            BackupKind::BeforeImport => 10,
            BackupKind::BeforeSchema => 3,
            BackupKind::BeforeRestore => 5,
            BackupKind::BeforeBulk => 5,
            BackupKind::Manual => KEEP,
        }
    }

    /// The kind of a copy made for `reason`.
    pub fn of_reason(reason: &str) -> Self {
        let r = reason.trim().to_lowercase().replace('_', " ");
        if r == super::DAILY {
            BackupKind::Daily
        } else if r.starts_with("перед импортом") || r.starts_with("перед приёмом") {
            BackupKind::BeforeImport
        } else if r.starts_with("перед обновлением схемы") {
            BackupKind::BeforeSchema
        } else if r.starts_with("перед восстановлением") {
            BackupKind::BeforeRestore
        } else if r.starts_with("перед") {
            BackupKind::BeforeBulk
        } else {
            BackupKind::Manual
        }
    }

    /// «ежедневные (последние 14 дней)» and the like, for the settings screen and the README.
    pub fn label(self) -> &'static str {
        match self {
            BackupKind::Daily => "ежедневные",
            BackupKind::BeforeImport => "перед импортом",
            BackupKind::BeforeSchema => "перед обновлением программы",
            BackupKind::BeforeRestore => "перед восстановлением",
            BackupKind::BeforeBulk => "перед массовыми изменениями",
            BackupKind::Manual => "сделанные вручную",
        }
    }
}

/// What the backups keep, in words: how long a person's data erased from the database stays in them.
pub fn retention_text() -> String {
    let kinds: Vec<String> = BackupKind::ALL
        .iter()
        .map(|k| {
            if *k == BackupKind::Daily {
                format!("{} — за последние {} дней", k.label(), k.keep())
            } else {
                format!("{} — последние {}", k.label(), k.keep())
            }
        })
        .collect();
    format!("Хранятся резервные копии: {}.", kinds.join("; "))
}

/// The folder that holds the backups of the database at `db`.
pub fn folder(db: &Path) -> PathBuf {
    root(db).join(stem(db))
}

/// The folder of every database's backup folder (and, from earlier versions, of the backups themselves).
fn root(db: &Path) -> PathBuf {
    db.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("uchrost-backups")
}

fn stem(db: &Path) -> String {
    db.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "uchrost".into())
}

/// A backup on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupInfo {
    pub path: PathBuf,
    /// When it was made, as `ГГГГММДД-ЧЧММСС` from its name.
    pub stamp: String,
    /// Why it was made («ежедневная», «перед импортом» …).
    pub reason: String,
    /// The organisation as named in the file name (its code, or its name).
    pub org: String,
    pub kind: BackupKind,
    pub size: u64,
}

impl BackupInfo {
    /// «дд.мм.гггг чч:мм:сс».
    pub fn when(&self) -> String {
        NaiveDateTime::parse_from_str(&self.stamp[..15.min(self.stamp.len())], "%Y%m%d-%H%M%S")
            .map(|t| t.format("%d.%m.%Y %H:%M:%S").to_string())
            .unwrap_or_else(|_| self.stamp.clone())
    }
}

/// A part of a file name made of letters, digits, spaces and hyphens (no `--`, the names' separator).
fn safe_part(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        let c = if c.is_alphanumeric() { c } else { '_' };
        if !(c == '_' && out.ends_with('_')) {
            out.push(c);
        }
    }
    let out: String = out.trim_matches('_').chars().take(40).collect();
    if out.is_empty() { "база".into() } else { out }
}

/// The organisation of the database at `conn` as it names its backups: its code, else its name.
fn org_label(conn: &Connection) -> String {
    match super::Store::read_own(conn) {
        Ok(org) if !org.code.trim().is_empty() => safe_part(&org.code),
        Ok(org) => safe_part(&org.name),
        Err(_) => "база".into(),
    }
}

/// A backup's temporary file, held locked by the program that writes it (so that another program's
/// clean-up of unfinished copies leaves it alone), and removed if the copy is not finished.
struct Part {
    path: PathBuf,
    file: Option<File>,
}

impl Part {
    /// Claims `path` exclusively: made empty and readable by the user only. On Unix the file is locked
    /// (an advisory lock, which SQLite's own writes to it ignore); on Windows a file SQLite has open
    /// cannot be removed by another program, and a lock would stop SQLite's writes.
    fn claim(path: PathBuf) -> std::io::Result<Option<Self>> {
        match files::create_private(&path) {
            Ok(file) => {
                #[cfg(unix)]
                file.lock()?;
                Ok(Some(Self { path, file: Some(file) }))
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Gives the finished copy its name.
    fn finish(mut self, target: &Path) -> Result<()> {
        // Renamed while still held, so that no clean-up can take it between the two steps.
        std::fs::rename(&self.path, target).map_err(|e| folder_error(target, e))?;
        self.path = PathBuf::new();
        drop(self.file.take());
        Ok(())
    }
}

impl Drop for Part {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            drop(self.file.take());
            let _ = std::fs::remove_file(&self.path);
            let _ = std::fs::remove_file(side(&self.path, "-journal"));
        }
    }
}

fn side(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A failed write in the backup folder, named as such (a read-only folder, a full disk).
fn folder_error(at: &Path, e: std::io::Error) -> StorageError {
    let dir = at.parent().unwrap_or(at);
    StorageError::Backup(format!("папка резервных копий {}: {}", dir.display(), files::io_message(&e)))
}

/// The name of the next backup of `db` (never an existing file) and its claimed temporary file: two
/// backups started in the same second (the window's daily one in the background and the command line's,
/// say) never write into one file or take each other's name.
fn next_target(db: &Path, org: &str, reason: &str, now: NaiveDateTime) -> Result<(PathBuf, Part)> {
    let dir = folder(db);
    if files::folder_is_read_only(&root(db)) && !dir.is_dir() || dir.is_dir() && files::folder_is_read_only(&dir) {
        return Err(StorageError::Backup(format!(
            "папка резервных копий {} только для чтения — копия не сделана",
            dir.display()
        )));
    }
    files::create_private_dir(&dir).map_err(|e| folder_error(&dir.join("x"), e))?;
    let base = format!("{org}--{}--{}", now.format("%Y%m%d-%H%M%S"), safe_part(reason));
    for n in 1.. {
        let target = if n == 1 { dir.join(format!("{base}.db")) } else { dir.join(format!("{base}-{n}.db")) };
        if target.exists() {
            continue;
        }
        if let Some(part) = Part::claim(target.with_extension("db.part")).map_err(|e| folder_error(&target, e))? {
            // Another copy of the same second may have finished between the check above and the claim:
            // its part was free again because it had already become `target`. Looked at again while the
            // part is held, so that this copy never replaces that one.
            if target.exists() {
                drop(part);
                continue;
            }
            return Ok((target, part));
        }
    }
    unreachable!("the names run out only after usize::MAX tries")
}

/// Backs the live database up into the backup folder and keeps the last copies of its kind.
pub fn make(conn: &Connection, db: &Path, reason: &str, now: NaiveDateTime) -> Result<PathBuf> {
    make_protecting(conn, db, reason, now, None)
}

/// [`make`], never pruning `protect`.
fn make_protecting(
    conn: &Connection,
    db: &Path,
    reason: &str,
    now: NaiveDateTime,
    protect: Option<&Path>,
) -> Result<PathBuf> {
    let (target, part) = next_target(db, &org_label(conn), reason, now)?;
    copy_in_steps(conn, &part.path, &|_| ())?;
    seal(&part.path)?;
    place(db, part, target, protect)
}

/// Turns a finished copy into one self-contained file (rollback journal, no `-wal` beside it) and checks
/// that it is a healthy database, as it must be before it takes its name.
fn seal(tmp: &Path) -> Result<()> {
    {
        let copy = Connection::open_with_flags(tmp, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        copy.query_row("PRAGMA journal_mode=DELETE", [], |_| Ok(()))?;
        copy.close().map_err(|(_, e)| StorageError::Sqlite(e))?;
    }
    connection::check_header(tmp)?;
    connection::check_readable(tmp, false)?;
    Ok(())
}

/// Gives a sealed copy its name and prunes the old copies of its kind (never `protect`).
fn place(db: &Path, part: Part, target: PathBuf, protect: Option<&Path>) -> Result<PathBuf> {
    part.finish(&target)?;
    prune(db, protect)?;
    Ok(target)
}

/// Backs the live database up into a file of the user's choice (refusing an existing file).
pub fn make_to(conn: &Connection, target: &Path) -> Result<()> {
    if target.exists() {
        return Err(StorageError::AlreadyExists(target.to_owned()));
    }
    let Some(part) = Part::claim(target.with_extension("part")).map_err(|e| folder_error(target, e))? else {
        return Err(StorageError::AlreadyExists(target.with_extension("part")));
    };
    copy_in_steps(conn, &part.path, &|_| ())?;
    seal(&part.path)?;
    part.finish(target)
}

/// Backs up the database file at `db` from a connection of its own (for a background job while the app
/// keeps working, or for a program that only reads), reporting the fraction copied; the copy is checked
/// and the old copies of its kind pruned.
pub fn make_from_file(db: &Path, reason: &str, now: NaiveDateTime, progress: &dyn Fn(f32)) -> Result<PathBuf> {
    let immutable = files::folder_is_read_only(db.parent().unwrap_or(Path::new(".")));
    let conn = connection::connect_read_only(db, immutable)?;
    let (target, part) = next_target(db, &org_label(&conn), reason, now)?;
    copy_in_steps(&conn, &part.path, progress)?;
    seal(&part.path)?;
    let target = place(db, part, target, None)?;
    progress(1.0);
    Ok(target)
}

/// How long a copy waits for a database another program keeps busy before it gives up.
const BUSY_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

/// Copies `src` into `tmp` a few pages at a time, so that the progress moves and the app's own writes
/// are not held up. A database kept busy for [`BUSY_LIMIT`] without a page copied ends the copy with a
/// message: it never waits without a limit.
fn copy_in_steps(src: &Connection, tmp: &Path, progress: &dyn Fn(f32)) -> Result<()> {
    use rusqlite::backup::StepResult;
    let failed = |e: rusqlite::Error| {
        StorageError::Backup(format!("не удалось сделать копию: {}", super::error::sqlite_message(&e)))
    };
    let mut dst = Connection::open(tmp).map_err(failed)?;
    let backup = rusqlite::backup::Backup::new(src, &mut dst).map_err(failed)?;
    let mut last_progress = std::time::Instant::now();
    loop {
        match backup.step(256).map_err(failed)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {
                last_progress = std::time::Instant::now();
                let p = backup.progress();
                if p.pagecount > 0 {
                    progress((p.pagecount - p.remaining) as f32 / p.pagecount as f32);
                }
            }
            // Another program is writing: wait a moment and go on, but not for ever.
            _ if last_progress.elapsed() > BUSY_LIMIT => {
                return Err(StorageError::Backup(format!(
                    "база занята другой программой дольше {} с — копия не сделана, повторите позже",
                    BUSY_LIMIT.as_secs()
                )));
            }
            _ => std::thread::sleep(std::time::Duration::from_millis(5)),
        }
    }
}

/// What [`remove_unfinished`] removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Removed {
    pub files: usize,
    pub bytes: u64,
}

/// Removes the unfinished copies of `db` (`*.db.part`, `*.restore-part`) that no running program
/// holds: left by a backup or a restore that was killed half way. Each can be as large as the database.
pub fn remove_unfinished(db: &Path) -> Removed {
    let mut removed = Removed::default();
    let legacy_prefix = format!("{}-", stem(db));
    // This database's folder holds only its own copies; the shared folder of earlier versions, those
    // named after it.
    for (dir, all_ours) in [(folder(db), true), (root(db), false)] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let ours = all_ours || name.starts_with(&legacy_prefix);
            if !ours || !(name.ends_with(".db.part") || name.ends_with(".restore-part")) {
                continue;
            }
            let path = entry.path();
            // A copy still being written is locked by its program (on Windows: cannot be removed).
            let Ok(file) = std::fs::OpenOptions::new().read(true).open(&path) else { continue };
            #[cfg(unix)]
            if file.try_lock().is_err() {
                continue;
            }
            let size = file.metadata().map(|m| m.len()).unwrap_or(0);
            drop(file);
            if std::fs::remove_file(&path).is_ok() {
                let _ = std::fs::remove_file(side(&path, "-journal"));
                removed.files += 1;
                removed.bytes += size;
            }
        }
    }
    removed
}

/// Parses a backup's file name: `ОРГ--ГГГГММДД-ЧЧММСС--причина[-N].db`, or the earlier
/// `ИМЯ-ГГГГММДД-ЧЧММСС-причина.db` (with `legacy` = the database's stem).
fn parse_name(name: &str, legacy: Option<&str>) -> Option<(String, String, String)> {
    let rest = name.strip_suffix(".db")?;
    if let Some(stem) = legacy {
        let rest = rest.strip_prefix(stem)?.strip_prefix('-')?;
        if rest.len() < 15 || !rest[..8].chars().all(|c| c.is_ascii_digit()) || rest.as_bytes()[8] != b'-' {
            return None;
        }
        return Some((String::new(), rest[..15].to_string(), rest.get(16..).unwrap_or("").replace('_', " ")));
    }
    let mut parts = rest.splitn(3, "--");
    let (org, stamp, reason) = (parts.next()?, parts.next()?, parts.next()?);
    if stamp.len() != 15 || !stamp[..8].chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // A second copy in the same second ends in «-2».
    let reason = match reason.rsplit_once('-') {
        Some((r, n)) if n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty() => r,
        _ => reason,
    };
    Some((org.replace('_', " "), stamp.to_string(), reason.replace('_', " ")))
}

/// The backups of the database at `db`, newest first (with those an earlier version kept beside the
/// folders, named after the database).
pub fn list(db: &Path) -> Result<Vec<BackupInfo>> {
    let stem = stem(db);
    let mut out = Vec::new();
    for (dir, legacy) in [(folder(db), None), (root(db), Some(stem.as_str()))] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some((org, stamp, reason)) = parse_name(&name, legacy) else { continue };
            let Ok(meta) = entry.metadata() else { continue };
            if !meta.is_file() {
                continue;
            }
            let kind = BackupKind::of_reason(&reason);
            out.push((
                meta.modified().ok(),
                BackupInfo { path: entry.path(), stamp, reason, org, kind, size: meta.len() },
            ));
        }
    }
    // Newest first: by the stamp in the name, then (within one second) by the time the file was written.
    out.sort_by(|(ta, a), (tb, b)| b.stamp.cmp(&a.stamp).then(tb.cmp(ta)));
    Ok(out.into_iter().map(|(_, b)| b).collect())
}

/// Keeps the newest copies of each kind ([`BackupKind::keep`]); never removes `protect`.
fn prune(db: &Path, protect: Option<&Path>) -> Result<()> {
    let list = list(db)?;
    for kind in BackupKind::ALL {
        let of_kind = list.iter().filter(|b| b.kind == kind);
        for old in of_kind.skip(kind.keep()) {
            if protect.is_some_and(|p| same_file(p, &old.path)) {
                continue;
            }
            std::fs::remove_file(&old.path).map_err(|e| folder_error(&old.path, e))?;
        }
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// What a restore did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Restored {
    /// The copy of the database as it was before the restore (none when it was damaged).
    pub before: Option<PathBuf>,
    /// Where a damaged database was moved aside.
    pub moved_aside: Option<PathBuf>,
    /// The organisation of the restored copy, when it is not the database's own (asked for).
    pub other_org: Option<String>,
}

/// Restores the database at `db` from the backup `from`, holding the database's write lock `lock` (so
/// that no program writes while the file is replaced).
///
/// The order keeps every byte the user has: the chosen copy is checked (a database of this app, whole,
/// of this organisation unless `allow_other_org`) and copied into a temporary file first, so that
/// nothing done after — the copy of the current state «перед восстановлением», its pruning — can take
/// it away; the current database, if readable, is backed up; then the checked copy replaces it through
/// SQLite in one transaction. A damaged current file is moved aside with the suffix `.повреждён-ДАТА`,
/// never deleted.
pub fn restore(
    db: &Path,
    from: &Path,
    mode: DiskMode,
    now: NaiveDateTime,
    lock: &WriterLock,
    allow_other_org: bool,
) -> Result<Restored> {
    if !same_file(lock.db(), db) {
        return Err(StorageError::Backup("восстановление без блокировки этой базы".into()));
    }
    if db.exists() && same_file(db, from) {
        return Err(StorageError::Backup("копия — это сам файл базы: выберите резервную копию".into()));
    }
    connection::check_header(from)?;
    let from_read_only = files::folder_is_read_only(from.parent().unwrap_or(Path::new(".")));
    connection::check_readable(from, from_read_only)?;
    if db.exists() && files::file_is_read_only(db) {
        return Err(StorageError::ReadOnly {
            path: db.to_owned(), why: "файл только для чтения".into()
        });
    }
    // 1. Hold the chosen copy: a checked temporary copy beside the database.
    // In the database's backup folder, where a restore killed half way leaves it for
    // [`remove_unfinished`] to find (beside the database nothing looked for it).
    let dir = folder(db);
    files::create_private_dir(&dir).map_err(|e| folder_error(&dir.join("x"), e))?;
    let held = dir.join(format!("{}.{}.restore-part", stem(db), now.format("%Y%m%d-%H%M%S")));
    let _ = std::fs::remove_file(&held);
    let Some(part) = Part::claim(held.clone()).map_err(|e| folder_error(&held, e))? else {
        return Err(StorageError::AlreadyExists(held));
    };
    {
        let src = connection::connect_read_only(from, from_read_only)?;
        copy_in_steps(&src, &part.path, &|_| ())?;
    }
    seal(&part.path)?;
    let incoming = super::Store::read_own(&connection::connect_read_only(&part.path, false)?)
        .map_err(|e| StorageError::Damaged { path: from.to_owned(), detail: e.to_string() })?;
    // 2. The current database: healthy (backed up, replaced in place) or damaged (moved aside).
    let healthy = db.exists() && connection::check_header(db).is_ok() && connection::check_readable(db, false).is_ok();
    let mut restored = Restored { before: None, moved_aside: None, other_org: None };
    if healthy {
        let own = super::Store::read_own(&connection::connect_read_only(db, false)?)?;
        if own.id != incoming.id {
            if !allow_other_org {
                return Err(StorageError::OtherOrganisation {
                    from: from.to_owned(),
                    found: incoming.name.clone(),
                    own: own.name,
                });
            }
            restored.other_org = Some(incoming.name.clone());
        }
        let conn = connection::connect(db, mode, false)?;
        // The chosen copy may be of the kind pruned now: it is held already, and the user keeps it too.
        restored.before = Some(make_protecting(&conn, db, "перед восстановлением", now, Some(from))?);
        let mut conn = conn;
        conn.restore(MAIN_DB, &part.path, None::<fn(rusqlite::backup::Progress)>).map_err(|e| {
            StorageError::Backup(format!("не удалось восстановить: {}", super::error::sqlite_message(&e)))
        })?;
        drop(conn);
    } else {
        if db.exists() {
            let aside = db.with_file_name(format!(
                "{}.повреждён-{}",
                db.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                now.format("%Y%m%d-%H%M%S")
            ));
            std::fs::rename(db, &aside)?;
            for suffix in ["-wal", "-shm", "-journal"] {
                let from_side = side(db, suffix);
                if from_side.exists() {
                    std::fs::rename(&from_side, side(&aside, suffix))?;
                }
            }
            restored.moved_aside = Some(aside);
        }
        part.finish(db)?;
        files::make_private(db)?;
    }
    // 3. The restored file takes this database's journal settings, and says what happened.
    let conn = connection::connect(db, mode, false)?;
    let result: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if result != "ok" {
        return Err(StorageError::Backup(format!("восстановленная база не прошла проверку: {result}")));
    }
    let mut message = format!("База восстановлена из копии {}", from.display());
    if let Some(other) = &restored.other_org {
        message.push_str(&format!(" (копия другой организации: «{other}»)"));
    }
    journal_in(&conn, "restore", &message, restored.before.as_ref().map(|p| p.display().to_string()).as_deref())?;
    if mode == DiskMode::Local {
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    }
    Ok(restored)
}
