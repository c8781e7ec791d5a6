//! Storage errors. Each has a Russian message that says what happened and what to do; the technical
//! detail is kept for the log. SQLite's and the system's own texts are English: [`sqlite_message`] and
//! [`super::files::io_message`] say the same in Russian.

use crate::domain::{FieldError, RecordKind};
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("Файл базы данных не найден: {0}")]
    NotFound(PathBuf),
    #[error("Файл {0} уже существует — выберите другое имя, существующая база не будет перезаписана")]
    AlreadyExists(PathBuf),
    #[error("Файл {path} — не база данных УчРост ({detail}). Файл не изменён.")]
    NotADatabase { path: PathBuf, detail: String },
    #[error("Файл {path} — база данных другой программы. Файл не изменён.")]
    ForeignDatabase { path: PathBuf },
    #[error("Файл базы данных {path} повреждён ({detail}). Файл не изменён. Восстановите базу из резервной копии.")]
    Damaged { path: PathBuf, detail: String },
    #[error(
        "База данных {path} создана более новой версией программы (схема {found}, эта версия знает до {known}) — обновите программу."
    )]
    TooNew { path: PathBuf, found: i64, known: i64 },
    #[error(
        "База {path} открыта в другой программе {holder}. Закройте её там (или дождитесь, пока команда закончит) и повторите: две программы одновременно в одну базу не пишут."
    )]
    Busy { path: PathBuf, holder: String },
    #[error("Не удалось открыть базу {path} для записи: файл блокировки не создан ({detail}).")]
    LockUnavailable { path: PathBuf, detail: String },
    #[error("База {path} открыта только для чтения ({why}): изменения не сохраняются.")]
    ReadOnly { path: PathBuf, why: String },
    #[error(
        "Копия {from} — база другой организации («{found}»), а не «{own}». Ничего не изменено. Восстановить из неё можно только явно (uchrost restore … --other-org, или подтверждением в окне)."
    )]
    OtherOrganisation { from: PathBuf, found: String, own: String },
    #[error("Запись «{kind}» не сохранена: {}", format_errors(.errors))]
    Invalid { kind: &'static str, errors: Vec<FieldError> },
    #[error("Запись не найдена: {kind} {id}")]
    RecordNotFound { kind: &'static str, id: String },
    #[error("Изменение нельзя отменить: {0}")]
    CannotUndo(String),
    #[error("Резервная копия: {0}")]
    Backup(String),
    #[error("Ошибка базы данных: {}", sqlite_message(.0))]
    Sqlite(#[from] rusqlite::Error),
    #[error("Ошибка чтения или записи файла: {}", super::files::io_message(.0))]
    Io(#[from] std::io::Error),
    #[error("Запись в базе не читается: {0}")]
    Corrupt(String),
}

fn format_errors(errors: &[FieldError]) -> String {
    errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

/// What SQLite's error means for the user, in Russian («database or disk is full» → «диск заполнен …»).
pub fn sqlite_message(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    match e {
        rusqlite::Error::SqliteFailure(f, _) => match f.code {
            C::DiskFull => "диск заполнен — освободите место на диске и повторите; ничего не записано".into(),
            C::SystemIoFailure => {
                "ошибка ввода-вывода диска (диск отключён, сетевая папка недоступна или диск неисправен); ничего не записано".into()
            }
            C::DatabaseBusy | C::DatabaseLocked => {
                "база занята другой программой — дождитесь, пока она закончит, и повторите".into()
            }
            C::ReadOnly => "база открыта только для чтения (файл, папка или диск защищены от записи)".into(),
            C::CannotOpen => "файл базы не открывается (нет доступа к файлу или к папке)".into(),
            C::PermissionDenied => "нет прав на доступ к файлу базы".into(),
            C::DatabaseCorrupt => "файл базы повреждён — восстановите базу из резервной копии".into(),
            C::NotADatabase => "файл — не база данных".into(),
            C::OutOfMemory => "не хватило памяти".into(),
            C::TooBig => "запись слишком большая".into(),
            C::ConstraintViolation => "нарушена целостность данных (запись ссылается на несуществующую или уже есть)".into(),
            C::FileLockingProtocolFailed => "не удалось заблокировать файл базы (сетевая папка?)".into(),
            C::NoLargeFileSupport => "диск не поддерживает такие большие файлы".into(),
            C::OperationInterrupted => "операция прервана".into(),
            _ => format!("внутренняя ошибка SQLite (код {})", f.extended_code),
        },
        rusqlite::Error::QueryReturnedNoRows => "нужная запись в базе не найдена".into(),
        rusqlite::Error::InvalidPath(p) => format!("недопустимый путь к файлу: {}", p.display()),
        other => format!("внутренняя ошибка ({other})"),
    }
}

/// Whether SQLite's error is «disk full».
pub fn sqlite_is_disk_full(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DiskFull)
}

impl StorageError {
    pub fn invalid(kind: RecordKind, errors: Vec<FieldError>) -> Self {
        Self::Invalid { kind: kind.label(), errors }
    }

    /// Whether the file itself is unusable (damaged, not a database), so that a backup should be offered.
    pub fn offers_restore(&self) -> bool {
        matches!(self, Self::Damaged { .. } | Self::NotADatabase { .. })
    }

    /// Whether this is a full disk.
    pub fn is_disk_full(&self) -> bool {
        match self {
            Self::Sqlite(e) => sqlite_is_disk_full(e),
            Self::Io(e) => matches!(e.kind(), std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded),
            _ => false,
        }
    }
}
