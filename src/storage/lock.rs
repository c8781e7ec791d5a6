//! One program writes a database at a time. A program that opens a database for writing holds an
//! exclusive lock of the operating system on the file `ИМЯ.db.lock` beside it for as long as it keeps the
//! database open, and writes who it is into `ИМЯ.db.lock-info`; a second program that wants to write is
//! refused with the holder named («база открыта в другой программе на этом компьютере: окно УчРост, с
//! 09:41»). The lock is the system's: it goes away with the process, so a crashed program never leaves
//! the database locked (a stale `.lock-info` is only read while the lock is held).
//!
//! Why a whole-session lock and not only SQLite's write lock: a write is planned against what was read
//! (an import compares the sheet with the stored people, a merge with the stored records), and SQLite
//! holds its lock only for the transaction. Two programs that planned against the same state would both
//! apply their plans (a person created twice, an update overwritten). Holding the lock from opening to
//! closing makes every plan and its write see the same state; programs that only read open the database
//! read-only and need no lock.

use super::error::StorageError;
use super::files;
use std::fs::File;
use std::path::{Path, PathBuf};

/// Who holds the write lock of a database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    /// What the program is doing («окно УчРост», «команда import-sheet» …).
    pub program: String,
    pub pid: u32,
    /// The computer's name.
    pub host: String,
    /// Since when, «дд.мм.гггг чч:мм».
    pub since: String,
}

impl Holder {
    fn describe(&self) -> String {
        let place = if self.host == host_name() {
            "на этом компьютере".to_string()
        } else {
            format!("на компьютере «{}»", self.host)
        };
        format!("{place}: {} (процесс {}), с {}", self.program, self.pid, self.since)
    }

    fn to_text(&self) -> String {
        format!("program={}\npid={}\nhost={}\nsince={}\n", self.program, self.pid, self.host, self.since)
    }

    fn parse(text: &str) -> Option<Self> {
        let field = |name: &str| {
            text.lines().find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix('='))).map(str::to_string)
        };
        Some(Self {
            program: field("program")?,
            pid: field("pid")?.parse().ok()?,
            host: field("host").unwrap_or_default(),
            since: field("since").unwrap_or_default(),
        })
    }
}

/// What the program that takes the lock calls itself; set at start (the window, a command).
static PROGRAM: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Names this program in the locks it takes from now on («окно УчРост», «команда import-sheet»).
pub fn set_program(name: &str) {
    if let Ok(mut p) = PROGRAM.lock() {
        *p = Some(name.to_string());
    }
}

fn program() -> String {
    PROGRAM.lock().ok().and_then(|p| p.clone()).unwrap_or_else(|| "УчРост".to_string())
}

/// This computer's name, as the other programs on it see it.
pub fn host_name() -> String {
    std::env::var("COMPUTERNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/proc/sys/kernel/hostname").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "этот компьютер".into())
}

/// The lock file of the database at `db`.
pub fn lock_path(db: &Path) -> PathBuf {
    side_file(db, ".lock")
}

fn info_path(db: &Path) -> PathBuf {
    side_file(db, ".lock-info")
}

fn side_file(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The write lock of one database, held until dropped.
#[derive(Debug)]
pub struct WriterLock {
    file: File,
    db: PathBuf,
}

impl WriterLock {
    /// Takes the write lock of the database at `db`, or says who holds it.
    pub fn acquire(db: &Path) -> Result<Self, StorageError> {
        let path = lock_path(db);
        let file = files::private_options()
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| StorageError::LockUnavailable { path: db.to_owned(), detail: files::io_message(&e) })?;
        // The holder writes who it is just after it takes the lock, and removes it just before it lets
        // go: a program that comes in between looks again for a moment rather than say «неизвестно кто».
        let started = std::time::Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) => {
                    let who = holder(db);
                    if who.is_some() || started.elapsed() > std::time::Duration::from_millis(500) {
                        let holder = who.unwrap_or_else(|| "на этом компьютере".to_string());
                        return Err(StorageError::Busy { path: db.to_owned(), holder });
                    }
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(StorageError::LockUnavailable { path: db.to_owned(), detail: files::io_message(&e) });
                }
            }
        }
        let me = Holder {
            program: program(),
            pid: std::process::id(),
            host: host_name(),
            since: chrono::Local::now().format("%d.%m.%Y %H:%M").to_string(),
        };
        // Who holds the lock is a courtesy to the next program: a failure to say it is no error.
        let _ = files::write_private_atomically(&info_path(db), me.to_text().as_bytes());
        Ok(Self { file, db: db.to_owned() })
    }

    /// Takes the lock, waiting up to `wait` for another program to let it go; `tick` is called about
    /// once a second with the holder, so that the caller can show that it waits and for whom.
    pub fn acquire_waiting(
        db: &Path,
        wait: std::time::Duration,
        tick: &mut dyn FnMut(&str),
    ) -> Result<Self, StorageError> {
        let deadline = std::time::Instant::now() + wait;
        loop {
            match Self::acquire(db) {
                Err(StorageError::Busy { holder, .. }) if std::time::Instant::now() < deadline => {
                    tick(&holder);
                    std::thread::sleep(std::time::Duration::from_millis(250));
                }
                other => return other,
            }
        }
    }

    /// The database this lock is for.
    pub fn db(&self) -> &Path {
        &self.db
    }
}

impl Drop for WriterLock {
    fn drop(&mut self) {
        // The info first, while the lock still says it is ours; the lock file itself stays (removing it
        // would let two programs lock two different files of the same name).
        let _ = std::fs::remove_file(info_path(&self.db));
        let _ = self.file.unlock();
    }
}

/// Who holds the lock of `db`, in words («на этом компьютере: окно УчРост (процесс 4242), с …»), when
/// the holder has said it.
fn holder(db: &Path) -> Option<String> {
    std::fs::read_to_string(info_path(db)).ok().as_deref().and_then(Holder::parse).map(|h| h.describe())
}
