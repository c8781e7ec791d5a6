//! Files the app writes about people (the database, its backups and unfinished copies, packages, key
//! cards, the error log) are readable by the user only (152-ФЗ: personal data is not left open to every
//! account of the computer), and the questions asked of the disk before a write: is this file or folder
//! read-only. On Windows a file inherits the user's profile permissions and the modes are not used.
//!
//! Also here: what a failed file operation says, in Russian.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// The mode of every file the app creates on Unix: read and write by the owner only.
pub const PRIVATE_MODE: u32 = 0o600;

/// Options that create a file readable by the user only (`create_new` is the caller's to set).
pub fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(PRIVATE_MODE);
    }
    options
}

/// Creates `path` (which must not exist) readable by the user only.
pub fn create_private(path: &Path) -> io::Result<File> {
    private_options().create_new(true).open(path)
}

/// Makes an existing file readable by the user only (a file SQLite created with the default mode).
pub fn make_private(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(PRIVATE_MODE))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Creates a folder (and its parents) for the app's files; a folder made here is the user's only.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Writes `bytes` to a new file at `path` readable by the user only, atomically: a temporary file beside
/// it, flushed to disk, then renamed over `path`.
pub fn write_private_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("file"),
        std::process::id()
    ));
    let _ = std::fs::remove_file(&tmp);
    let written = (|| {
        let mut f = create_private(&tmp)?;
        io::Write::write_all(&mut f, bytes)?;
        f.sync_all()
    })();
    written.and_then(|()| std::fs::rename(&tmp, path)).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Whether the file at `path` is marked read-only (no write permission for anyone on Unix, the
/// read-only attribute on Windows). The app honours the mark even where it could write anyway (as root).
pub fn file_is_read_only(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly())
}

/// Whether files cannot be created in `dir`: a folder without write permission (honoured even for root,
/// as [`file_is_read_only`]), or one where a probe file cannot be made (a read-only share or medium).
pub fn folder_is_read_only(dir: &Path) -> bool {
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if std::fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o222 == 0) {
            return true;
        }
    }
    let probe = dir.join(format!(".uchrost-probe-{}", std::process::id()));
    match create_private(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            false
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            let _ = std::fs::remove_file(&probe);
            false
        }
        Err(e) => matches!(e.kind(), io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem),
    }
}

/// What a failed file operation means, in Russian (the system's own text is English on Linux and in
/// the system's language on Windows).
pub fn io_message(e: &io::Error) -> String {
    use io::ErrorKind as K;
    let what = match e.kind() {
        K::NotFound => "файл или папка не найдены",
        K::PermissionDenied => {
            "нет прав на запись или чтение (файл или папка только для чтения, или принадлежит другому пользователю)"
        }
        K::ReadOnlyFilesystem => "диск или папка доступны только для чтения",
        K::StorageFull => "диск заполнен — освободите место",
        K::QuotaExceeded => "превышена квота диска — освободите место",
        K::AlreadyExists => "файл уже существует",
        K::FileTooLarge => "файл слишком большой для этого диска",
        K::InvalidFilename => "недопустимое имя файла",
        K::IsADirectory => "это папка, а не файл",
        K::NotADirectory => "часть пути — не папка",
        K::DirectoryNotEmpty => "папка не пуста",
        K::CrossesDevices => "файл нельзя перенести на другой диск",
        K::ResourceBusy | K::ExecutableFileBusy => "файл занят другой программой",
        K::WouldBlock => "файл занят другой программой",
        K::TimedOut => "время ожидания истекло",
        K::UnexpectedEof => "файл обрывается раньше, чем должен",
        K::InvalidData => "файл содержит неверные данные",
        K::OutOfMemory => "не хватило памяти",
        K::Interrupted => "операция прервана",
        K::StaleNetworkFileHandle | K::NetworkDown | K::NetworkUnreachable | K::HostUnreachable => {
            "сетевой диск недоступен"
        }
        _ => {
            return match e.raw_os_error() {
                Some(code) => format!("ошибка ввода-вывода (код системы {code})"),
                None => "ошибка ввода-вывода".to_string(),
            };
        }
    };
    what.to_string()
}
