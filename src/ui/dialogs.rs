//! File dialogs behind a small trait, so that tests hand a file in without a dialog.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::path::PathBuf;

/// The file dialogs the screens use.
pub trait FileDialogs {
    /// Asks for a spreadsheet to read.
    fn open_sheet(&self) -> Option<PathBuf>;
    /// Asks where to save an XLSX file, suggesting `name`.
    fn save_xlsx(&self, name: &str) -> Option<PathBuf>;
    /// Asks for one or more files of the kind (`label`, extensions).
    fn open_files(&self, title: &str, label: &str, extensions: &[&str]) -> Vec<PathBuf>;
    /// Asks where to save a file of the kind, suggesting `name`.
    fn save_file(&self, title: &str, name: &str, label: &str, extensions: &[&str]) -> Option<PathBuf>;
    /// Opens a file in the program the system uses for it (a PDF in the viewer, where the user prints).
    fn open_externally(&self, path: &std::path::Path) -> Result<(), String>;
}

/// The native dialogs (Windows common dialogs, the desktop portal on Linux).
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn open_sheet(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Выберите таблицу")
            .add_filter("Таблицы", &["xlsx", "xls", "ods", "csv", "txt"])
            .add_filter("Все файлы", &["*"])
            .pick_file()
    }

    fn save_xlsx(&self, name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Сохранить как")
            .set_file_name(name)
            .add_filter("Книга Excel", &["xlsx"])
            .save_file()
    }

    fn open_files(&self, title: &str, label: &str, extensions: &[&str]) -> Vec<PathBuf> {
        rfd::FileDialog::new()
            .set_title(title)
            .add_filter(label, extensions)
            .add_filter("Все файлы", &["*"])
            .pick_files()
            .unwrap_or_default()
    }

    fn save_file(&self, title: &str, name: &str, label: &str, extensions: &[&str]) -> Option<PathBuf> {
        rfd::FileDialog::new().set_title(title).set_file_name(name).add_filter(label, extensions).save_file()
    }

    fn open_externally(&self, path: &std::path::Path) -> Result<(), String> {
        let program = if cfg!(windows) {
            "explorer"
        } else if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        std::process::Command::new(program)
            .arg(path)
            .spawn()
            .map(|_| ())
            .map_err(|e| format!("не удалось открыть {}: {e}", path.display()))
    }
}

/// Dialogs that answer from a queue of prepared paths (tests, scripted use).
#[derive(Default)]
pub struct QueuedDialogs {
    pub open: RefCell<VecDeque<PathBuf>>,
    pub save: RefCell<VecDeque<PathBuf>>,
    /// The files handed to the system to open, shared with the test that made the dialogs.
    pub opened: std::rc::Rc<RefCell<Vec<PathBuf>>>,
}

impl FileDialogs for QueuedDialogs {
    fn open_sheet(&self) -> Option<PathBuf> {
        self.open.borrow_mut().pop_front()
    }

    fn save_xlsx(&self, _name: &str) -> Option<PathBuf> {
        self.save.borrow_mut().pop_front()
    }

    fn open_files(&self, _title: &str, _label: &str, _extensions: &[&str]) -> Vec<PathBuf> {
        self.open.borrow_mut().pop_front().into_iter().collect()
    }

    fn save_file(&self, _title: &str, _name: &str, _label: &str, _extensions: &[&str]) -> Option<PathBuf> {
        self.save.borrow_mut().pop_front()
    }

    fn open_externally(&self, path: &std::path::Path) -> Result<(), String> {
        self.opened.borrow_mut().push(path.to_path_buf());
        Ok(())
    }
}
