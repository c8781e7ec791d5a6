//! The command line: parse, call `app`, print. Messages are Russian; exit code 0 on success, 1 on an
//! error, 2 on wrong usage; `--help` works for every command.

use crate::app::indicators::fmt_number;
use crate::app::{self, paths};
use crate::domain::dates::{fmt_date, parse_date};
use crate::domain::ru;
use crate::storage::files::io_message;
use crate::storage::{self, DiskMode, StorageError, Store, backup};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// How a command ended.
#[derive(Debug)]
pub enum Exit {
    Ok,
    /// An error the user can act on (exit code 1).
    Error(String),
    /// Wrong usage (exit code 2).
    Usage(String),
}

impl Exit {
    pub fn code(&self) -> i32 {
        match self {
            Exit::Ok => 0,
            Exit::Error(_) => 1,
            Exit::Usage(_) => 2,
        }
    }
}

impl From<crate::app::AppError> for Exit {
    fn from(e: crate::app::AppError) -> Self {
        Exit::Error(e.to_string())
    }
}

impl From<StorageError> for Exit {
    fn from(e: StorageError) -> Self {
        Exit::Error(e.to_string())
    }
}

/// A closed pipe (`uchrost teachers … | head`) ends the output, not the command's success; any other
/// failure to write the output is an error.
impl From<std::io::Error> for Exit {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Exit::Ok
        } else {
            Exit::Error(format!("вывод не записан: {}", io_message(&e)))
        }
    }
}

/// What every command returns: done (the output written), or how it ended otherwise.
type Outcome = Result<(), Exit>;

/// A command's handler: its parsed options, its usage (for messages about wrong usage), the output.
type Handler = fn(&Options, &str, &mut dyn Write) -> Outcome;

/// One command, defined once: its name, a one-line summary, usage, its options (name, takes a value)
/// and its handler.
struct CommandSpec {
    name: &'static str,
    summary: &'static str,
    usage: &'static str,
    options: &'static [(&'static str, bool)],
    /// Whether the command takes file names after its options.
    files: bool,
    /// Left out of the user's help (developers' commands).
    hidden: bool,
    run: Handler,
}

mod database;
mod dev;
mod exchange;
mod reports;
mod sheets;

/// Every command, by family, in the order the help lists them.
fn commands() -> impl Iterator<Item = &'static CommandSpec> {
    [database::COMMANDS, sheets::COMMANDS, reports::COMMANDS, exchange::COMMANDS, dev::COMMANDS].into_iter().flatten()
}

fn main_help() -> String {
    let mut s = String::from(concat!(
        "УчРост — профессиональное развитие педагогов\n",
        "\n",
        "Использование:\n",
        "  uchrost [--db ФАЙЛ]          открыть окно программы (по умолчанию — база в папке данных пользователя;\n",
        "                               uchrost.db рядом с программой — переносной режим)\n",
        "  uchrost [--db ФАЙЛ] --import ТАБЛИЦА   открыть окно сразу на загрузке этой таблицы\n",
        "  uchrost [--db ФАЙЛ] ПАКЕТ.uchpkg      открыть окно на «Обмене» с этим пакетом\n",
        "  uchrost --safe-mode          безопасный режим: другой способ отрисовки окна (если окно не открывается)\n",
        "  uchrost --self-test          самопроверка: база, демо, пакет, отчёты PDF и XLSX во временной папке\n",
        "  uchrost КОМАНДА [ПАРАМЕТРЫ]\n",
        "\n",
        "Команды:\n",
    ));
    for c in commands().filter(|c| !c.hidden) {
        s.push_str(&format!("  {:<16} {}\n", c.name, c.summary));
    }
    s.push_str("\nСправка по команде: uchrost КОМАНДА --help\n");
    s
}

/// Parsed options of one command.
struct Options {
    values: HashMap<&'static str, Option<String>>,
    files: Vec<String>,
}

impl Options {
    fn parse(spec: &CommandSpec, args: &[String]) -> Result<Self, Exit> {
        let mut values = HashMap::new();
        let mut files = Vec::new();
        let mut i = 0;
        while i < args.len() {
            let a = &args[i];
            let Some(name) = a.strip_prefix("--") else {
                if spec.files {
                    files.push(a.clone());
                    i += 1;
                    continue;
                }
                return Err(Exit::Usage(format!("лишний параметр «{a}»\n\n{}", spec.usage)));
            };
            let (name, inline) = match name.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (name, None),
            };
            let Some(&(key, takes)) = spec.options.iter().find(|(n, _)| *n == name) else {
                return Err(Exit::Usage(format!(
                    "неизвестный параметр «--{name}» у команды {}\n\n{}",
                    spec.name, spec.usage
                )));
            };
            if takes {
                let value = match inline {
                    Some(v) => v,
                    None => {
                        i += 1;
                        args.get(i).cloned().ok_or_else(|| {
                            Exit::Usage(format!("у параметра --{name} нет значения\n\n{}", spec.usage))
                        })?
                    }
                };
                values.insert(key, Some(value));
            } else {
                values.insert(key, None);
            }
            i += 1;
        }
        Ok(Self { values, files })
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).and_then(|v| v.as_deref())
    }

    fn flag(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }

    fn required(&self, name: &str, usage: &str) -> Result<&str, Exit> {
        self.get(name).ok_or_else(|| Exit::Usage(format!("не указан параметр --{name}\n\n{usage}")))
    }

    fn number(&self, name: &str, default: u64) -> Result<u64, Exit> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => {
                v.trim().parse().map_err(|_| Exit::Usage(format!("--{name}: «{v}» — не целое неотрицательное число")))
            }
        }
    }

    fn date(&self, name: &str) -> Result<Option<chrono::NaiveDate>, Exit> {
        self.get(name)
            .map(|v| parse_date(v).ok_or_else(|| Exit::Usage(format!("--{name}: «{v}» — не дата в виде дд.мм.гггг"))))
            .transpose()
    }

    fn db(&self, usage: &str) -> Result<PathBuf, Exit> {
        Ok(PathBuf::from(self.required("db", usage)?))
    }
}

/// What `run` decided for the binary to do next.
pub enum Next {
    /// Exit with this result.
    Exit(Exit),
    /// Open the window.
    Gui(app::WindowArgs),
}

/// Whether `arg` starts the window rather than naming a command: a window option, or a file that
/// exists (a double-clicked package).
fn opens_window(arg: &str) -> bool {
    matches!(arg, "--db" | "--import" | "--safe-mode")
        || (!commands().any(|c| c.name == arg) && !arg.starts_with('-') && Path::new(arg).is_file())
}

/// Parses the window's arguments.
fn window_args(args: &[String]) -> Result<app::WindowArgs, Exit> {
    let mut w = app::WindowArgs::default();
    let mut i = 0;
    while i < args.len() {
        let target = match args[i].as_str() {
            "--safe-mode" => {
                w.safe_mode = true;
                i += 1;
                continue;
            }
            "--db" => &mut w.db,
            "--import" => &mut w.open,
            other if !other.starts_with('-') && w.open.is_none() => {
                w.open = Some(PathBuf::from(other));
                i += 1;
                continue;
            }
            other => return Err(Exit::Usage(format!("лишний параметр «{other}»\n\n{}", main_help()))),
        };
        let Some(value) = args.get(i + 1) else {
            return Err(Exit::Usage(format!("после {} укажите файл\n\n{}", args[i], main_help())));
        };
        *target = Some(PathBuf::from(value));
        i += 2;
    }
    Ok(w)
}

/// How printing the help or the version ended (a closed pipe is not an error).
fn printed(result: std::io::Result<()>) -> Exit {
    result.err().map_or(Exit::Ok, Exit::from)
}

/// Runs the command line on `args` (without the program name), writing to `out`.
pub fn run(args: &[String], out: &mut dyn Write) -> Next {
    let Some(first) = args.first() else {
        return Next::Gui(app::WindowArgs::default());
    };
    match first.as_str() {
        "--help" | "-h" | "help" => {
            return Next::Exit(printed(write!(out, "{}", main_help())));
        }
        "--version" | "-V" => {
            return Next::Exit(printed(writeln!(out, "УчРост {}", env!("CARGO_PKG_VERSION"))));
        }
        "--self-test" | "self-test" => {
            if let Some(extra) = args.get(1) {
                return Next::Exit(Exit::Usage(format!(
                    "лишний параметр «{extra}»: --self-test работает без параметров"
                )));
            }
            return Next::Exit(match app::selftest::run(out) {
                Ok(()) => Exit::Ok,
                Err(e) => Exit::Error(e.to_string()),
            });
        }
        a if opens_window(a) => {
            return match window_args(args) {
                Ok(w) => Next::Gui(w),
                Err(e) => Next::Exit(e),
            };
        }
        _ => {}
    }
    let Some(spec) = commands().find(|c| c.name == first) else {
        return Next::Exit(Exit::Usage(format!("неизвестная команда «{first}»\n\n{}", main_help())));
    };
    let rest = &args[1..];
    if rest.iter().any(|a| a == "--help" || a == "-h") {
        return Next::Exit(printed(writeln!(
            out,
            "{} — {}\n\nИспользование:\n  {}",
            spec.name, spec.summary, spec.usage
        )));
    }
    let options = match Options::parse(spec, rest) {
        Ok(o) => o,
        Err(e) => return Next::Exit(e),
    };
    storage::lock::set_program(&format!("команда «uchrost {}»", spec.name));
    let result = (spec.run)(&options, spec.usage, out);
    Next::Exit(result.err().unwrap_or(Exit::Ok))
}

fn mode_for(path: &Path) -> DiskMode {
    let exe = std::env::current_exe().ok();
    paths::resolve(Some(path), exe.as_deref()).map_or(DiskMode::Local, |l| l.mode)
}

/// Opens a database for a command that writes (the day's first backup made); a damaged file gets the
/// list of backups to restore from; what opening found (a read-only file, unfinished copies removed) is
/// said first.
fn open_db(path: &Path, out: &mut dyn Write) -> Result<Store, Exit> {
    let store = app::open(path, mode_for(path)).map_err(|e| open_error(path, e))?;
    say_notes(&store, out);
    Ok(store)
}

/// Opens a database for a command that only reads: no lock, so it runs while another program writes.
fn open_to_read(path: &Path, out: &mut dyn Write) -> Result<Store, Exit> {
    let store = app::open_to_read(path, mode_for(path)).map_err(|e| open_error(path, e))?;
    say_notes(&store, out);
    Ok(store)
}

/// What opening found goes to the error stream: the output of a command (`--json`) stays what it is.
fn say_notes(store: &Store, _out: &mut dyn Write) {
    for note in store.notes() {
        eprintln!("{note}");
    }
}

/// Closes a database; everything committed is safe, and a checkpoint that failed (a full disk) is a
/// warning with what to do, never an error that hides what was done.
fn close(store: Store, out: &mut dyn Write) -> Result<(), Exit> {
    if let Some(warning) = store.close_reporting()? {
        writeln!(out, "{warning}")?;
    }
    Ok(())
}

fn open_error(path: &Path, e: StorageError) -> Exit {
    {
        let mut msg = e.to_string();
        if e.offers_restore()
            && let Ok(list) = backup::list(path)
            && let Some(last) = list.first()
        {
            msg.push_str(&format!(
                "\nПоследняя резервная копия: {} ({}). Восстановить:\n  uchrost restore --db \"{}\" --from \"{}\"",
                last.when(),
                last.reason,
                path.display(),
                last.path.display()
            ));
        }
        Exit::Error(msg)
    }
}
