//! Storage errors. Each has a Russian message that says what happened and what to do; the technical
//! detail is kept for the log.

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
    #[error("Запись «{kind}» не сохранена: {}", format_errors(.errors))]
    Invalid { kind: &'static str, errors: Vec<FieldError> },
    #[error("Запись не найдена: {kind} {id}")]
    RecordNotFound { kind: &'static str, id: String },
    #[error("Изменение нельзя отменить: {0}")]
    CannotUndo(String),
    #[error("Резервная копия: {0}")]
    Backup(String),
    #[error("Ошибка базы данных: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("Ошибка чтения или записи файла: {0}")]
    Io(#[from] std::io::Error),
    #[error("Запись в базе не читается: {0}")]
    Corrupt(String),
}

fn format_errors(errors: &[FieldError]) -> String {
    errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

impl StorageError {
    pub fn invalid(kind: RecordKind, errors: Vec<FieldError>) -> Self {
        Self::Invalid { kind: kind.label(), errors }
    }

    /// Whether the file itself is unusable (damaged, not a database), so that a backup should be offered.
    pub fn offers_restore(&self) -> bool {
        matches!(self, Self::Damaged { .. } | Self::NotADatabase { .. })
    }
}
