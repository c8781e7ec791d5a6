//! Opening a database file: the checks made before anything is written, and the settings of every
//! connection the app opens. Every connection goes through [`connect`], and a test asserts its settings.

use super::error::StorageError;
use super::schema::{self, APPLICATION_ID};
use rusqlite::{Connection, OpenFlags};
use std::io::Read;
use std::path::Path;

/// How the database file is kept on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiskMode {
    /// A local disk: write-ahead log with `synchronous=FULL`.
    Local,
    /// Portable mode on a removable drive: the rollback journal (`journal_mode=DELETE`), so that the
    /// database is always one self-contained file, even if the stick is pulled out.
    Portable,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Reads the 100-byte header and refuses, without opening the file with SQLite, anything that is not
/// an SQLite database of this application or that is shorter than its header says.
pub fn check_header(path: &Path) -> Result<(), StorageError> {
    let not_db = |detail: &str| StorageError::NotADatabase { path: path.to_owned(), detail: detail.to_owned() };
    let mut file = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => StorageError::NotFound(path.to_owned()),
        _ => StorageError::Io(e),
    })?;
    let len = file.metadata()?.len();
    if len == 0 {
        return Err(not_db("файл пуст"));
    }
    let mut header = [0u8; 100];
    if len < 100 {
        return Err(not_db("файл слишком короткий"));
    }
    file.read_exact(&mut header)?;
    if &header[..16] != SQLITE_MAGIC {
        return Err(not_db("в начале файла нет заголовка базы SQLite"));
    }
    let app_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if app_id != APPLICATION_ID {
        return Err(StorageError::ForeignDatabase { path: path.to_owned() });
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536u64,
        n => u64::from(n),
    };
    if !page_size.is_power_of_two() || !(512..=65536).contains(&page_size) {
        return Err(StorageError::Damaged {
            path: path.to_owned(),
            detail: "неверный размер страницы в заголовке".into(),
        });
    }
    // The fields of the header that have one value in every database SQLite writes (the file format's
    // own specification): a byte flipped there makes SQLite refuse to write (a write version above 2
    // makes the file read-only) or to read, so it is damage, found before anything is opened.
    let fixed: [(usize, &[u8], &str); 7] = [
        (18, &[1, 2], "версия формата записи"),
        (19, &[1, 2], "версия формата чтения"),
        (21, &[64], "доля полезной нагрузки"),
        (22, &[32], "доля полезной нагрузки"),
        (23, &[32], "доля листа"),
        (47, &[1, 2, 3, 4], "формат схемы"),
        (59, &[1, 2, 3], "кодировка текста"),
    ];
    for (offset, allowed, what) in fixed {
        // Multi-byte fields are big-endian: the one byte checked is their last, the rest must be zero.
        let high_zero = match offset {
            47 => header[44..47].iter().all(|b| *b == 0),
            59 => header[56..59].iter().all(|b| *b == 0),
            _ => true,
        };
        if !high_zero || !allowed.contains(&header[offset]) {
            return Err(StorageError::Damaged {
                path: path.to_owned(),
                detail: format!("неверный заголовок файла: {what} (байт {offset})"),
            });
        }
    }
    // The in-header page count is valid when "version-valid-for" equals the change counter.
    let change_counter = u32::from_be_bytes([header[24], header[25], header[26], header[27]]);
    let valid_for = u32::from_be_bytes([header[92], header[93], header[94], header[95]]);
    let pages = u64::from(u32::from_be_bytes([header[28], header[29], header[30], header[31]]));
    // After a crash during a checkpoint the main file may be shorter than its header says while the
    // write-ahead log (or a hot rollback journal) beside it still holds the pages: SQLite recovers from
    // it on open, and `quick_check` judges the result. Only a file with nothing beside it is truncated.
    let recoverable = ["-wal", "-journal"].iter().any(|suffix| {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        std::fs::metadata(std::path::PathBuf::from(side)).is_ok_and(|m| m.len() > 0)
    });
    if change_counter == valid_for && pages > 0 && len < pages * page_size && !recoverable {
        return Err(StorageError::Damaged {
            path: path.to_owned(),
            detail: format!("файл обрезан: {len} байт вместо {}", pages * page_size),
        });
    }
    Ok(())
}

/// Runs `PRAGMA quick_check` on a read-only connection and checks the schema version, so that a damaged
/// or too new file is refused before anything is written to it. `immutable`: the file is in a folder no
/// program can write (see [`connect_read_only`]).
pub fn check_readable(path: &Path, immutable: bool) -> Result<(), StorageError> {
    let damaged = |e: &dyn std::fmt::Display| StorageError::Damaged { path: path.to_owned(), detail: e.to_string() };
    let open = |flags: OpenFlags| -> rusqlite::Result<(Connection, String)> {
        let conn = if immutable {
            Connection::open_with_flags(
                uri_of(path, "immutable=1"),
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?
        } else {
            Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?
        };
        let result: String = conn.query_row("PRAGMA quick_check(5)", [], |r| r.get(0))?;
        Ok((conn, result))
    };
    let (conn, result) = match open(OpenFlags::SQLITE_OPEN_READ_ONLY) {
        // After a crash in WAL mode the WAL index must be rebuilt, which a read-only connection cannot do
        // (SQLITE_READONLY_RECOVERY): the recovery rewrites only the `-shm` index, never the database
        // pages, so the check runs on a read-write connection then.
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::ReadOnly => {
            open(OpenFlags::SQLITE_OPEN_READ_WRITE).map_err(|e| not_readable(path, e))?
        }
        other => other.map_err(|e| not_readable(path, e))?,
    };
    if result != "ok" {
        return Err(damaged(&result));
    }
    schema::check_version(&conn).map_err(|e| match e {
        schema::VersionProblem::TooNew(found) => {
            StorageError::TooNew { path: path.to_owned(), found, known: schema::CURRENT_VERSION }
        }
        schema::VersionProblem::Implausible(detail) => damaged(&detail),
        schema::VersionProblem::Sqlite(e) => damaged(&e),
    })
}

/// A failure to open and check a file: damage when SQLite says so, otherwise what it is (a file or folder
/// without access, a busy or missing disk) — never «повреждён» for a file that is only out of reach.
fn not_readable(path: &Path, e: rusqlite::Error) -> StorageError {
    use rusqlite::ErrorCode as C;
    match &e {
        rusqlite::Error::SqliteFailure(f, _) if matches!(f.code, C::DatabaseCorrupt | C::NotADatabase) => {
            StorageError::Damaged { path: path.to_owned(), detail: super::error::sqlite_message(&e) }
        }
        rusqlite::Error::SqliteFailure(..) => StorageError::Sqlite(e),
        _ => StorageError::Damaged { path: path.to_owned(), detail: super::error::sqlite_message(&e) },
    }
}

/// Opens a connection that only reads: no journal change, no lock of ours, nothing written. With
/// `immutable` SQLite is told that nobody writes the file (a database in a read-only folder, where no
/// program can make the `-wal` and `-shm` files a WAL database needs).
pub fn connect_read_only(path: &Path, immutable: bool) -> Result<Connection, StorageError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    let conn = if immutable {
        Connection::open_with_flags(uri_of(path, "immutable=1"), flags)?
    } else {
        Connection::open_with_flags(path, flags)?
    };
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.set_prepared_statement_cache_capacity(128);
    conn.pragma_update(None, "cache_size", -32768)?;
    Ok(conn)
}

/// A `file:` URI of `path` with the query `query` (`?`, `#` and `%` percent-encoded; other characters,
/// Cyrillic among them, as they are: SQLite reads the URI as UTF-8).
fn uri_of(path: &Path, query: &str) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file:");
    if text.as_bytes().get(1) == Some(&b':') {
        // A Windows drive path: file:/C:/…
        out.push('/');
    }
    for c in text.chars() {
        match c {
            '?' | '#' | '%' => out.push_str(&format!("%{:02X}", c as u32)),
            _ => out.push(c),
        }
    }
    format!("{out}?{query}")
}
/// Opens a connection with the settings every connection of the app has: foreign keys on, the journal
/// of `mode`, `synchronous=FULL`, a busy timeout. `create` allows making a new file.
pub fn connect(path: &Path, mode: DiskMode, create: bool) -> Result<Connection, StorageError> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "foreign_keys", true)?;
    let journal = match mode {
        DiskMode::Local => "WAL",
        DiskMode::Portable => "DELETE",
    };
    let got: String = conn.query_row(&format!("PRAGMA journal_mode={journal}"), [], |r| r.get(0))?;
    if !got.eq_ignore_ascii_case(journal) {
        return Err(StorageError::Backup(format!("не удалось включить режим журнала {journal}: {got}")));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    // A write of one row per table (24 record tables, insert and upsert) and the reads beside it reuse
    // their prepared statements: the default cache of 16 made a merge prepare them again and again.
    conn.set_prepared_statement_cache_capacity(128);
    // 32 MiB of page cache (SQLite's default is 2 MiB): a merge of many packages writes rows all over the
    // tables' indexes, and a small cache spilled and wrote the same pages to the log twice.
    conn.pragma_update(None, "cache_size", -32768)?;
    Ok(conn)
}

/// The settings of a connection, for tests and `uchrost check`.
#[derive(Debug, PartialEq, Eq)]
pub struct ConnectionSettings {
    pub foreign_keys: bool,
    pub journal_mode: String,
    pub synchronous: i64,
    pub application_id: i32,
    pub user_version: i64,
}

pub fn settings_of(conn: &Connection) -> rusqlite::Result<ConnectionSettings> {
    Ok(ConnectionSettings {
        foreign_keys: conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?,
        journal_mode: conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?,
        synchronous: conn.query_row("PRAGMA synchronous", [], |r| r.get(0))?,
        application_id: conn.query_row("PRAGMA application_id", [], |r| r.get(0))?,
        user_version: schema::user_version(conn)?,
    })
}
