//! What a use case reports when it cannot do what was asked: one type at the application's boundary,
//! with variants that carry their data and the Russian wording here, once. Screens show it, the command
//! line prints it with exit code 1.

use crate::domain::{OrgRole, ru};
use crate::storage::StorageError;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The database (opening, writing, a record that does not validate …).
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// A file that cannot be read (the system's reason, or what is wrong with its content).
    #[error("файл {} не читается: {detail}", .path.display())]
    Read { path: PathBuf, detail: String },
    /// A file that cannot be written (the system's reason).
    #[error("файл {} не записан: {detail}", .path.display())]
    Write { path: PathBuf, detail: String },
    /// A use case for another kind of database (a school's demo teachers in a municipal copy …).
    #[error("{what} только в базе уровня «{}», а эта база — «{}»{hint}", .needed.label(), .found.label())]
    WrongRole { what: &'static str, needed: OrgRole, found: OrgRole, hint: &'static str },
    /// A key card that is not one, or one this database does not take (the reason).
    #[error("{0}")]
    Card(String),
    /// A step of the exchange refused: a package, a receipt, the registry of keys (the reason).
    #[error("{0}")]
    Exchange(String),
    /// A spreadsheet that cannot be read as one (what is wrong with it).
    #[error(transparent)]
    Sheet(#[from] crate::import::sheet::SheetError),
    /// A step of the self-test that failed (the step and why).
    #[error("{step}: {detail}")]
    SelfTest { step: String, detail: String },
    /// A person named on the command line or in a request who is not in the database (the name).
    #[error("работника «{0}» нет в базе")]
    NoSuchPerson(String),
    /// Several people match a name (the name and how many).
    #[error("под «{name}» {} {}: уточните ФИО", ru::plural(*.count as u64, "подходит", "подходят", "подходят"), ru::count(*.count as u64, "работник", "работника", "работников"))]
    AmbiguousPerson { name: String, count: usize },
    /// A report that cannot be made from these records (the reason).
    #[error("{0}")]
    Report(String),
}

impl AppError {
    /// A file that could not be read, with the system's reason in Russian.
    pub fn read(path: &std::path::Path, e: &std::io::Error) -> Self {
        AppError::Read { path: path.to_path_buf(), detail: crate::storage::files::io_message(e) }
    }

    /// A file that could not be written, with the system's reason in Russian.
    pub fn write(path: &std::path::Path, e: &std::io::Error) -> Self {
        AppError::Write { path: path.to_path_buf(), detail: crate::storage::files::io_message(e) }
    }
}

/// What the screens keep of an error: its text.
impl From<AppError> for String {
    fn from(e: AppError) -> Self {
        e.to_string()
    }
}
