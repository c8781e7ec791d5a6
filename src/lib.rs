//! # УчРост
//!
//! A desktop application for the professional development of teachers: a school's deputy head keeps
//! the staff records and everything about their growth; the municipal methodologist merges the schools'
//! packages and computes the municipal indicators.
//!
//! ## Code map
//!
//! The house has five floors, and every arrow points down:
//!
//! | module | what lives there | may use |
//! |---|---|---|
//! | [`domain`] | records, ids, dates, validation, the rules (category state, courses due, СЗД, young teacher), the indicators (each definition with its group, direction and splits; [`Scope`](domain::indicators::Scope) typed), Russian numbers and plurals ([`ru`](domain::ru)), text folding for search and matching ([`text`](domain::text)) | nothing of this crate above it; no egui, no rusqlite, no file system, no clock |
//! | [`storage`] | the SQLite file: schema and migrations, writes with history and undo, backups and restore, checks on open, the write lock (one writer at a time), files readable by the user only, erasure of a person | `domain` |
//! | [`exchange`] | packages between school, municipality and region: keys and key cards, the signed envelope, age encryption, header and payload with limits, the merge plan | `domain` |
//! | [`import`] | spreadsheets in: reading XLSX/XLS/ODS/CSV, header mapping, value parsing, the import plan; templates and error files | `domain` |
//! | [`demo`] | the generator of realistic demo data (deterministic by seed) | `domain` |
//! | [`app`] | use cases: the one layer that combines storage and the rest; paths and the default database; its errors are one type ([`AppError`](app::AppError)) and what a screen tells the user one [`Notice`](app::Notice); the screens' changes are [`Command`](app::Command)s queued and applied once per frame ([`commands`](app::commands)); a save, an undo and a deletion patch the records in memory instead of reloading | everything below |
//! | [`ui`] | egui screens only: they read view models and send commands to `app` (a screen keeps its change in flight in a [`Pending`](ui::pending::Pending) and takes the outcome the next frame); files, spreadsheets and packages only through `app`; a large database opens behind a progress bar | `app`, `domain` |
//! | [`report`] | documents: a report as blocks (headings, paragraphs, tables, charts, signatures) rendered to PDF, XLSX and DOCX | `domain` |
//! | [`cli`] | the command line: one definition per command (name, help, handler) in a module per family — `database`, `sheets`, `reports`, `exchange`, `dev` (hidden); handlers return one outcome, one printer maps it to exit codes 0/1/2 (a closed pipe is not an error) | `app`, `domain` (and the storage and import types it names) |
//! | [`bench`](mod@bench) | `uchrost bench`: timings over generated data | everything below it |
//! | [`launch`] | starting the program: a command or the window, the fallback between ways of drawing it, a failed start explained in a message box | everything |
//!
//! The two binaries are thin: `main.rs` (`uchrost`, on Windows without a console) and
//! `bin/uchrost-cli.rs` (the console twin) hand over to [`launch`], which runs [`cli::run`] and opens the
//! GUI when no command is given.
//!
//! ## Invariants
//!
//! - `domain` never reads the clock: today's date is passed in, so every rule is a pure function.
//! - `ui` never touches rusqlite or the store and never writes: it sends commands; `domain` never imports
//!   egui or rusqlite; `import` never touches the database (a test reads the sources:
//!   `tests/it/architecture.rs`).
//! - Where a screen and a test need the same thing, the screen gets it through `app::Session`.
//! - Every write is one transaction, validated before it starts; every user edit is in the history.
//! - One program writes a database at a time: a writer holds its lock from opening to closing
//!   ([`storage::lock`]), so a plan and its write always see the same state; readers open read-only.
//! - A damaged or foreign file is refused before anything is written to it, and never replaced.
//! - Everything the user sees is Russian; dates are `дд.мм.гггг`.

pub mod app;
pub mod bench;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod exchange;
pub mod import;
pub mod launch;
pub mod report;
pub mod storage;
pub mod ui;
