//! File dialogs behind a small trait, so that tests hand a file in without a dialog.

use std::cell::{Cell, RefCell};
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
    /// A dialog asked for since the last call that could not be shown (taken once).
    fn unanswered(&self) -> Option<Unanswered> {
        None
    }
    /// The path the next dialog answers with, typed by the user because no dialog could be shown.
    fn answer_next(&self, _path: PathBuf) {}
    /// Whether a button that opens a dialog was pressed: now, or earlier when no dialog could be shown —
    /// then the path typed since is waiting for that button, and its press goes on with it this frame.
    fn pressed(&self, button: &egui::Response) -> bool {
        button.clicked()
    }
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

/// A dialog that came back with nothing faster than a person can open and cancel one: no dialog could
/// be shown (a Linux desktop without the file-chooser portal).
pub const TOO_FAST_FOR_A_PERSON: std::time::Duration = std::time::Duration::from_millis(300);

/// What a dialog that could not open was asked for, so that the window can ask for a path instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unanswered {
    /// The dialog's title («Выберите таблицу»).
    pub title: String,
    /// A file to write (else one to read).
    pub save: bool,
    /// The name the dialog would have suggested.
    pub name: String,
}

/// Dialogs that notice when the system could not show one, and then take a path typed into the window
/// instead: the next call of any dialog answers with it.
pub struct WithPathFallback<D> {
    inner: D,
    unanswered: RefCell<Option<Unanswered>>,
    typed: RefCell<Option<PathBuf>>,
    /// The button pressed this frame, whose dialog is about to be asked.
    asker: Cell<Option<egui::Id>>,
    /// The button whose dialog could not be shown: the typed path goes to it.
    waiting: Cell<Option<egui::Id>>,
    /// The button that takes the typed path on its next drawing, as if pressed again.
    replay: Cell<Option<egui::Id>>,
}

impl<D: FileDialogs> WithPathFallback<D> {
    pub fn new(inner: D) -> Self {
        Self {
            inner,
            unanswered: RefCell::new(None),
            typed: RefCell::new(None),
            asker: Cell::new(None),
            waiting: Cell::new(None),
            replay: Cell::new(None),
        }
    }

    /// The typed path if there is one; else the dialog, noting it as unanswered when it came back empty
    /// faster than a person could have closed it.
    fn ask<T>(
        &self,
        title: &str,
        save: bool,
        name: &str,
        call: impl FnOnce() -> T,
        typed: impl FnOnce(PathBuf) -> T,
    ) -> T
    where
        T: Default + PartialEq,
    {
        let asker = self.asker.take();
        if let Some(p) = self.typed.borrow_mut().take() {
            self.replay.set(None);
            return typed(p);
        }
        let started = std::time::Instant::now();
        let answer = call();
        if answer == T::default() && started.elapsed() < TOO_FAST_FOR_A_PERSON {
            *self.unanswered.borrow_mut() = Some(Unanswered { title: title.to_string(), save, name: name.to_string() });
            self.waiting.set(asker);
        }
        answer
    }
}

impl<D: FileDialogs> FileDialogs for WithPathFallback<D> {
    fn open_sheet(&self) -> Option<PathBuf> {
        self.ask("Выберите таблицу", false, "", || self.inner.open_sheet(), Some)
    }

    fn save_xlsx(&self, name: &str) -> Option<PathBuf> {
        self.ask("Сохранить как", true, name, || self.inner.save_xlsx(name), Some)
    }

    fn open_files(&self, title: &str, label: &str, extensions: &[&str]) -> Vec<PathBuf> {
        self.ask(title, false, "", || self.inner.open_files(title, label, extensions), |p| vec![p])
    }

    fn save_file(&self, title: &str, name: &str, label: &str, extensions: &[&str]) -> Option<PathBuf> {
        self.ask(title, true, name, || self.inner.save_file(title, name, label, extensions), Some)
    }

    fn open_externally(&self, path: &std::path::Path) -> Result<(), String> {
        self.inner.open_externally(path)
    }

    fn unanswered(&self) -> Option<Unanswered> {
        self.unanswered.borrow_mut().take()
    }

    fn answer_next(&self, path: PathBuf) {
        *self.typed.borrow_mut() = Some(path);
        self.replay.set(self.waiting.take());
    }

    fn pressed(&self, button: &egui::Response) -> bool {
        let again = button.enabled() && self.replay.get() == Some(button.id) && self.typed.borrow().is_some();
        if again {
            self.replay.set(None);
        }
        if button.clicked() || again {
            self.asker.set(Some(button.id));
            return true;
        }
        false
    }
}

/// Dialogs that can never open (as on a desktop without the portal): every call comes back at once with
/// nothing. For tests of the path the window asks for instead.
pub struct NoDialogs;

impl FileDialogs for NoDialogs {
    fn open_sheet(&self) -> Option<PathBuf> {
        None
    }
    fn save_xlsx(&self, _name: &str) -> Option<PathBuf> {
        None
    }
    fn open_files(&self, _title: &str, _label: &str, _extensions: &[&str]) -> Vec<PathBuf> {
        Vec::new()
    }
    fn save_file(&self, _title: &str, _name: &str, _label: &str, _extensions: &[&str]) -> Option<PathBuf> {
        None
    }
    fn open_externally(&self, path: &std::path::Path) -> Result<(), String> {
        Err(format!("не удалось открыть {}", path.display()))
    }
}
