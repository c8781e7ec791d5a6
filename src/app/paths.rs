//! Where the database lives: `--db FILE`, else `uchrost.db` beside the executable (portable mode for a
//! USB stick), else the default in the user's local data folder.

use crate::storage::DiskMode;
use std::path::{Path, PathBuf};

/// The file name of the default and the portable database.
pub const DB_FILE: &str = "uchrost.db";

/// The database to use and how to keep it on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbLocation {
    pub path: PathBuf,
    pub mode: DiskMode,
}

/// A file in the user's local data folder (`%LOCALAPPDATA%\uchrost\data`, `~/.local/share/uchrost`).
pub fn data_file(name: &str) -> Option<PathBuf> {
    directories::ProjectDirs::from("ru", "", "uchrost").map(|d| d.data_local_dir().join(name))
}

/// The default database in the user's local data folder (created on first start).
pub fn default_db() -> Option<PathBuf> {
    data_file(DB_FILE)
}

/// The portable database beside the executable, if there is one.
pub fn portable_db(exe: &Path) -> Option<PathBuf> {
    let candidate = exe.parent()?.join(DB_FILE);
    candidate.is_file().then_some(candidate)
}

/// Chooses the database: an explicit path, the portable one, or the default.
pub fn resolve(explicit: Option<&Path>, exe: Option<&Path>) -> Option<DbLocation> {
    if let Some(p) = explicit {
        // A database on the same drive as the executable's portable copy is kept portable too.
        let mode =
            if exe.and_then(portable_db).is_some_and(|pd| pd == p) { DiskMode::Portable } else { DiskMode::Local };
        return Some(DbLocation { path: p.to_owned(), mode });
    }
    if let Some(p) = exe.and_then(portable_db) {
        return Some(DbLocation { path: p, mode: DiskMode::Portable });
    }
    default_db().map(|path| DbLocation { path, mode: DiskMode::Local })
}

/// Where the path of the last opened database is remembered.
fn last_db_file() -> Option<PathBuf> {
    data_file("last-database.txt")
}

/// The database opened last time, if it still exists.
pub fn last_db() -> Option<PathBuf> {
    last_db_in(&last_db_file()?)
}

/// The database remembered in `file`, if it still exists.
pub fn last_db_in(file: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(file).ok()?;
    let path = PathBuf::from(text.trim());
    path.is_file().then_some(path)
}

/// Remembers the database opened now, for the next start (written atomically; a failure is harmless).
pub fn remember_last(db: &Path) {
    if let Some(file) = last_db_file() {
        remember_last_in(&file, db);
    }
}

/// Remembers `db` in `file`.
pub fn remember_last_in(file: &Path, db: &Path) {
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = super::write_atomically(file, db.display().to_string().as_bytes());
}

/// The database the window opens: an explicit one, the portable one, the last one, or the default.
pub fn resolve_for_window(explicit: Option<&Path>, exe: Option<&Path>) -> Option<DbLocation> {
    if explicit.is_none()
        && exe.and_then(portable_db).is_none()
        && let Some(last) = last_db()
    {
        return Some(DbLocation { path: last, mode: DiskMode::Local });
    }
    resolve(explicit, exe)
}

/// Where and how big the window was: its outer position and inner size in points, and whether it was
/// maximised. Remembered between starts; the first start opens maximised.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WindowPlace {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub maximized: bool,
}

impl WindowPlace {
    /// «x y width height maximized» on one line.
    pub fn to_text(self) -> String {
        format!("{} {} {} {} {}", self.x, self.y, self.width, self.height, u8::from(self.maximized))
    }

    /// The place written by [`WindowPlace::to_text`]; none for anything else, or a size too small to use.
    pub fn parse(text: &str) -> Option<Self> {
        let v: Vec<f32> = text.split_whitespace().map(|t| t.parse().ok()).collect::<Option<_>>()?;
        let [x, y, width, height, maximized] = v.as_slice() else { return None };
        let all_finite = v.iter().all(|n| n.is_finite());
        (all_finite && *width >= 400.0 && *height >= 300.0).then_some(WindowPlace {
            x: *x,
            y: *y,
            width: *width,
            height: *height,
            maximized: *maximized != 0.0,
        })
    }
}

fn window_file() -> Option<PathBuf> {
    data_file("window.txt")
}

/// The window's place at the last exit, if remembered.
pub fn window_place() -> Option<WindowPlace> {
    WindowPlace::parse(&std::fs::read_to_string(window_file()?).ok()?)
}

/// Remembers the window's place (a failure to write is not worth a word: the next start opens maximised).
pub fn remember_window_place(place: WindowPlace) {
    if let Some(file) = window_file() {
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = super::write_atomically(&file, place.to_text().as_bytes());
    }
}

/// A path typed by the user where no file dialog could open: the file to read must exist, the folder of
/// a file to write must. The reason is said in Russian, naming the path.
pub fn typed_path(text: &str, to_write: bool) -> Result<PathBuf, String> {
    let text = text.trim().trim_matches('"');
    if text.is_empty() {
        return Err("введите путь к файлу".into());
    }
    let path = PathBuf::from(text);
    if path.is_dir() {
        return Err(format!("{} — это папка, а нужен файл", path.display()));
    }
    if to_write {
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).map_or(PathBuf::from("."), Path::to_path_buf);
        if !folder.is_dir() {
            return Err(format!("папки {} нет", folder.display()));
        }
    } else if !path.is_file() {
        return Err(format!("файла {} нет", path.display()));
    }
    Ok(path)
}
