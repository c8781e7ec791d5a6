//! Backups with SQLite's online backup API (a consistent copy of a live database, never a file copy),
//! kept in the folder `uchrost-backups` beside the database, the last generations only; and restore.

use super::connection::{self, DiskMode};
use super::error::StorageError;
use super::{Result, journal_in};
use chrono::NaiveDateTime;
use rusqlite::{Connection, MAIN_DB};
use std::path::{Path, PathBuf};

/// How many backups of one database are kept.
pub const KEEP: usize = 20;

/// The folder that holds the backups of the database at `db`.
pub fn folder(db: &Path) -> PathBuf {
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

fn safe_reason(reason: &str) -> String {
    reason
        .chars()
        .map(|c| if c.is_alphanumeric() || c == ' ' || c == '-' { c } else { '_' })
        .collect::<String>()
        .trim()
        .replace(' ', "_")
}

/// The name of the next backup of `db` (never an existing file) and the temporary name it is written
/// under until it is checked. The temporary file is claimed here, made empty and exclusively, so that two
/// backups started in the same second (the window's daily one in the background and the command line's,
/// say) never write into one file or take each other's name.
fn next_target(db: &Path, reason: &str, now: NaiveDateTime) -> Result<(PathBuf, PathBuf)> {
    let dir = folder(db);
    std::fs::create_dir_all(&dir)?;
    let base = format!("{}-{}-{}", stem(db), now.format("%Y%m%d-%H%M%S"), safe_reason(reason));
    for n in 1.. {
        let target = if n == 1 { dir.join(format!("{base}.db")) } else { dir.join(format!("{base}-{n}.db")) };
        let tmp = target.with_extension("db.part");
        if target.exists() {
            continue;
        }
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(_) => return Ok((target, tmp)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e.into()),
        }
    }
    unreachable!("the names run out only after usize::MAX tries")
}

/// Backs the live database up into the backup folder and keeps the last [`KEEP`] generations.
pub fn make(conn: &Connection, db: &Path, reason: &str, now: NaiveDateTime) -> Result<PathBuf> {
    let (target, tmp) = next_target(db, reason, now)?;
    let copied = copy_checked(conn, &tmp);
    put_in_place(db, &tmp, target, copied)
}

/// Copies the live database into `tmp` with the online backup API, in one go, and seals the copy.
fn copy_checked(conn: &Connection, tmp: &Path) -> Result<()> {
    conn.backup(MAIN_DB, tmp, None::<fn(rusqlite::backup::Progress)>)
        .map_err(|e| StorageError::Backup(format!("не удалось сделать копию: {e}")))?;
    seal(tmp)
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
    connection::check_readable(tmp)?;
    Ok(())
}

/// Gives a sealed copy at `tmp` its name `target` and prunes the old generations; a copy that failed is
/// removed (only this backup's own temporary file, claimed by [`next_target`]).
fn put_in_place(db: &Path, tmp: &Path, target: PathBuf, copied: Result<()>) -> Result<PathBuf> {
    if let Err(e) = copied {
        let _ = std::fs::remove_file(tmp);
        return Err(e);
    }
    std::fs::rename(tmp, &target)?;
    prune(db, KEEP)?;
    Ok(target)
}

/// Backs the live database up into a file of the user's choice (refusing an existing file).
pub fn make_to(conn: &Connection, target: &Path) -> Result<()> {
    if target.exists() {
        return Err(StorageError::AlreadyExists(target.to_owned()));
    }
    let tmp = target.with_extension("part");
    let _ = std::fs::remove_file(&tmp);
    copy_checked(conn, &tmp)?;
    std::fs::rename(&tmp, target)?;
    Ok(())
}

/// Backs up the database file at `db` from a connection of its own (for a background job while the app
/// keeps working), reporting the fraction copied; the backup is checked and the generations pruned.
pub fn make_from_file(db: &Path, reason: &str, now: NaiveDateTime, progress: &dyn Fn(f32)) -> Result<PathBuf> {
    let conn = Connection::open_with_flags(
        db,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    remove_stale_parts(db);
    let (target, tmp) = next_target(db, reason, now)?;
    let copied = copy_in_steps(&conn, &tmp, progress).and_then(|()| seal(&tmp));
    let target = put_in_place(db, &tmp, target, copied)?;
    progress(1.0);
    Ok(target)
}

/// Copies `src` into `tmp` a few pages at a time, so that the progress moves and the app's own writes
/// are not held up.
fn copy_in_steps(src: &Connection, tmp: &Path, progress: &dyn Fn(f32)) -> Result<()> {
    use rusqlite::backup::StepResult;
    let mut dst = Connection::open(tmp)?;
    let backup = rusqlite::backup::Backup::new(src, &mut dst)?;
    loop {
        match backup.step(64).map_err(|e| StorageError::Backup(format!("не удалось сделать копию: {e}")))?
        {
            StepResult::Done => return Ok(()),
            StepResult::More => {
                let p = backup.progress();
                if p.pagecount > 0 {
                    progress((p.pagecount - p.remaining) as f32 / p.pagecount as f32);
                }
            }
            // The app is writing: wait a moment and go on.
            _ => std::thread::sleep(std::time::Duration::from_millis(5)),
        }
    }
}

/// Removes the unfinished copies of `db` (`*.db.part`) left by a background backup the program was closed
/// during; one written to in the last hour may be another job's, still running, and is left alone.
fn remove_stale_parts(db: &Path) {
    let prefix = format!("{}-", stem(db));
    let Ok(entries) = std::fs::read_dir(folder(db)) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(3600));
        if name.starts_with(&prefix) && name.ends_with(".db.part") && stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The backups of the database at `db`, newest first.
pub fn list(db: &Path) -> Result<Vec<BackupInfo>> {
    let dir = folder(db);
    let prefix = format!("{}-", stem(db));
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(&prefix).and_then(|r| r.strip_suffix(".db")) else {
            continue;
        };
        // rest = YYYYMMDD-HHMMSS-reason
        if rest.len() < 15 || !rest[..8].chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let stamp = rest[..15].to_string();
        let reason = rest.get(16..).unwrap_or("").replace('_', " ");
        let meta = entry.metadata()?;
        out.push((meta.modified().ok(), BackupInfo { path: entry.path(), stamp, reason, size: meta.len() }));
    }
    // Newest first: by the stamp in the name, then (within one second) by the time the file was written.
    out.sort_by(|(ta, a), (tb, b)| b.stamp.cmp(&a.stamp).then(tb.cmp(ta)));
    let out: Vec<BackupInfo> = out.into_iter().map(|(_, b)| b).collect();
    Ok(out)
}

fn prune(db: &Path, keep: usize) -> Result<()> {
    for old in list(db)?.into_iter().skip(keep) {
        std::fs::remove_file(old.path)?;
    }
    Ok(())
}

/// Restores the database at `db` from the backup `from`. The backup is checked first; the current file,
/// if it is still a readable database, is backed up before being overwritten (through SQLite, in one
/// step); a damaged current file is moved aside with the suffix `.повреждён-ДАТА`, never deleted.
pub fn restore(db: &Path, from: &Path, mode: DiskMode, now: NaiveDateTime) -> Result<()> {
    connection::check_header(from)?;
    connection::check_readable(from)?;
    let healthy = db.exists() && connection::check_header(db).is_ok() && connection::check_readable(db).is_ok();
    if db.exists() && !healthy {
        let aside = db.with_file_name(format!(
            "{}.повреждён-{}",
            db.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            now.format("%Y%m%d-%H%M%S")
        ));
        std::fs::rename(db, &aside)?;
        for suffix in ["-wal", "-shm", "-journal"] {
            let side = PathBuf::from(format!("{}{suffix}", db.display()));
            if side.exists() {
                std::fs::rename(&side, PathBuf::from(format!("{}{suffix}", aside.display())))?;
            }
        }
    }
    let mut conn = connection::connect(db, mode, !healthy)?;
    if healthy {
        make(&conn, db, "перед восстановлением", now)?;
    }
    conn.restore(MAIN_DB, from, None::<fn(rusqlite::backup::Progress)>)
        .map_err(|e| StorageError::Backup(format!("не удалось восстановить: {e}")))?;
    // The restored file takes this connection's journal settings again.
    let conn2 = connection::connect(db, mode, false)?;
    journal_in(&conn2, "restore", &format!("База восстановлена из копии {}", from.display()), None)?;
    drop(conn2);
    conn.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0)).map_err(StorageError::Sqlite).and_then(
        |r| {
            if r == "ok" { Ok(()) } else { Err(StorageError::Backup(r)) }
        },
    )?;
    Ok(())
}
