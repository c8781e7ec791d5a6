//! Use cases: the one layer that combines storage and the rest. The command line and the GUI call these.

pub mod commands;
pub mod error;
pub mod exchange;
pub mod fields;
pub mod history;
pub mod import;
pub mod indicators;
pub mod jobs;
pub mod new_teacher;
pub mod paths;
pub mod reports;
pub mod selftest;

use crate::demo::{self, Rng, SchoolPlan};
use crate::domain::*;
/// The history as the screens read it.
pub use crate::storage::{ActionEntry, RecordChange};
use crate::storage::{Change, HistoryMode, Store};
pub use crate::storage::{DiskMode, StorageError};
use chrono::{NaiveDate, NaiveDateTime};
pub use commands::{Command, Done, Ticket};
pub use error::AppError;
use std::path::{Path, PathBuf};

/// Today's date on this computer. The one place the app reads the clock for the date; everything below
/// takes the date as a parameter.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn now() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// Writes `bytes` to `path` atomically (a temporary file beside it, flushed to disk, then renamed),
/// readable by the user only: packages, key cards and reports hold personal data.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    crate::storage::files::write_private_atomically(path, bytes)
}

/// What the window is asked to open: `uchrost [--db FILE] [--import SHEET] [--safe-mode] [FILE]`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WindowArgs {
    /// The database (else the portable one, the last one, or the default).
    pub db: Option<PathBuf>,
    /// A file to open at once: a spreadsheet goes to the import screen, a package or receipt
    /// (`.uchpkg`, `.uchrcpt` — what a double click on such a file hands over) to Обмен.
    pub open: Option<PathBuf>,
    /// «Безопасный режим»: start with the other renderer (see `crate::launch`).
    pub safe_mode: bool,
}

/// Creates a school database.
pub fn create_school(path: &Path, name: &str, code: &str, mode: DiskMode) -> Result<Store, StorageError> {
    let org = Organisation::new(OrgId::new(), OrgRole::School, name.trim(), code.trim());
    check_org(&org)?;
    Store::create_with(path, org, mode, now(), exchange::ensure_keys)
}

/// Creates a municipal database.
pub fn create_municipality(path: &Path, name: &str, code: &str, mode: DiskMode) -> Result<Store, StorageError> {
    create_upper(path, OrgRole::Municipality, name, code, mode)
}

/// Creates a regional database (it merges municipal packages).
pub fn create_region(path: &Path, name: &str, code: &str, mode: DiskMode) -> Result<Store, StorageError> {
    create_upper(path, OrgRole::Region, name, code, mode)
}

fn create_upper(path: &Path, role: OrgRole, name: &str, code: &str, mode: DiskMode) -> Result<Store, StorageError> {
    let org = Organisation {
        municipality: if role == OrgRole::Municipality { name.trim().to_string() } else { String::new() },
        ..Organisation::new(OrgId::new(), role, name.trim(), code.trim())
    };
    check_org(&org)?;
    Store::create_with(path, org, mode, now(), exchange::ensure_keys)
}

fn check_org(org: &Organisation) -> Result<(), StorageError> {
    let mut errors = match validate(&AnyRecord::Organisation(org.clone()), today()) {
        Ok(()) => Vec::new(),
        Err(e) => e,
    };
    if org.role == OrgRole::School && org.code.trim().is_empty() {
        errors.push(FieldError {
            field: "code",
            label: "Код школы",
            message: "код школы обязателен: по нему отчёты и муниципальная копия различают школы".into(),
        });
    }
    if errors.is_empty() { Ok(()) } else { Err(StorageError::invalid(RecordKind::Organisation, errors)) }
}

/// Opens a database for writing, making the day's first backup (a database that can only be read opens
/// read-only, with no backup: [`Store::read_only_reason`] says why).
pub fn open(path: &Path, mode: DiskMode) -> Result<Store, StorageError> {
    let mut store = Store::open(path, mode)?;
    // A daily backup that cannot be made (a full disk, a read-only backup folder) is said, as the window
    // says it in its top bar, and the work goes on: an import still makes its own backup first.
    if store.read_only_reason().is_none()
        && let Err(e) = store.daily_backup(today())
    {
        store.add_note(format!("Ежедневная резервная копия не сделана: {e}"));
    }
    Ok(store)
}

/// Opens a database only to read it (lists, reports, checks): it works while another program writes.
pub fn open_to_read(path: &Path, mode: DiskMode) -> Result<Store, StorageError> {
    Store::open_read_only(path, mode)
}

/// Opens a database for the window: the file is checked as [`open`] checks it, but the day's first
/// backup is left to [`Session::daily_backup_job`], which the window runs in the background once it is
/// open (a regional copy of 2 GB takes seconds to copy and check).
pub fn open_for_window(path: &Path, mode: DiskMode) -> Result<Store, StorageError> {
    Store::open(path, mode)
}

/// A database file at least this large opens in the window in the background, behind a progress bar (a
/// municipal copy of 60 schools is about 40 MB and opens in a fifth of a second; a regional one of
/// 2 GB takes seconds).
pub const BACKGROUND_OPEN_BYTES: u64 = 64 * 1024 * 1024;

/// Whether the database at `path` is large enough to open in the background ([`BACKGROUND_OPEN_BYTES`]).
pub fn opens_slowly(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() >= BACKGROUND_OPEN_BYTES)
}

/// What a demo fill wrote.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub schools: usize,
    pub persons: usize,
    pub records: usize,
}

/// The demo school beside the database at `beside` (`uchrost-demo.db`), made with 60 teachers the first
/// time, as the window opens it.
pub fn open_demo(beside: &Path) -> Result<Session, AppError> {
    let path = beside.with_file_name("uchrost-demo.db");
    let store = if path.exists() {
        open_for_window(&path, DiskMode::Local)?
    } else {
        let mut store =
            create_school(&path, "МОУ «Средняя общеобразовательная школа № 1» (демо)", "001", DiskMode::Local)?;
        fill_school_demo(&mut store, 60, 1, today())?;
        store
    };
    Ok(Session::new(store)?)
}

/// Fills a school database with `teachers` generated teachers (as of `today`), after a backup.
pub fn fill_school_demo(
    store: &mut Store,
    teachers: usize,
    seed: u64,
    today: NaiveDate,
) -> Result<DemoSummary, AppError> {
    if store.own_org().role != OrgRole::School {
        return Err(AppError::WrongRole {
            what: "Демонстрационные педагоги заполняются",
            needed: OrgRole::School,
            found: store.own_org().role,
            hint: "; для муниципалитета укажите --schools",
        });
    }
    store.backup("перед заполнением демо")?;
    let mut rng = Rng::new(seed);
    let plan = SchoolPlan { school: store.own_org().clone(), teachers };
    let records = demo::school_records(&mut rng, &plan, today);
    let summary = DemoSummary { schools: 1, persons: count_persons(&records), records: records.len() };
    write_bulk(store, "Демонстрационные данные", records, today)?;
    Ok(summary)
}

/// Fills a municipal database with `schools` generated schools and their staff, after a backup.
pub fn fill_municipal_demo(
    store: &mut Store,
    schools: usize,
    seed: u64,
    today: NaiveDate,
) -> Result<DemoSummary, AppError> {
    if store.own_org().role == OrgRole::School {
        return Err(AppError::WrongRole {
            what: "Демонстрационные школы заполняются",
            needed: OrgRole::Municipality,
            found: OrgRole::School,
            hint: "; для школы укажите --teachers",
        });
    }
    store.backup("перед заполнением демо")?;
    let mut rng = Rng::new(seed);
    let name = store.own_org().name.clone();
    let plans = demo::municipal_plan(&mut rng, &name, schools);
    let mut records: Vec<AnyRecord> = plans.iter().map(|p| AnyRecord::Organisation(p.school.clone())).collect();
    records.extend(demo::municipal_targets(&mut rng, store.own_org().id, today));
    for plan in &plans {
        records.extend(demo::school_records(&mut rng, plan, today));
    }
    // The cycle from its own generator, so that the schools' data stay what the seed gave before.
    let mut cycle_rng = Rng::new(seed ^ 0x000C_1C1E);
    records.extend(demo::municipal_cycle(
        &mut cycle_rng,
        store.own_org().id,
        plans.first().map(|p| p.school.id),
        today,
    ));
    // The municipality's РМО of its schools' teachers, made without a generator.
    let rmo = demo::municipal_associations(store.own_org().id, &records, today);
    records.extend(rmo);
    let summary = DemoSummary { schools, persons: count_persons(&records), records: records.len() };
    write_bulk(store, "Демонстрационные данные муниципалитета", records, today)?;
    Ok(summary)
}

fn count_persons(records: &[AnyRecord]) -> usize {
    records.iter().filter(|r| r.kind() == RecordKind::Person).count()
}

fn write_bulk(
    store: &mut Store,
    description: &str,
    records: Vec<AnyRecord>,
    today: NaiveDate,
) -> Result<(), StorageError> {
    let n = records.len();
    store.apply(description, records.into_iter().map(Change::Put).collect(), today, HistoryMode::JournalOnly)?;
    let n = crate::domain::ru::count(n as u64, "запись", "записи", "записей");
    store.journal("bulk", &format!("{description}: {n}"), None)?;
    Ok(())
}

pub use crate::domain::text::{fold as fold_for_search, push_folded};

/// What each person's records say, lower case with Ё as Е, for the search across people and records.
/// Each text is folded straight into its person's string (a regional copy has millions of them).
pub fn search_texts(data: &Dataset) -> std::collections::HashMap<PersonId, String> {
    type Texts = std::collections::HashMap<PersonId, String>;
    fn add<'a>(out: &mut Texts, p: PersonId, texts: impl IntoIterator<Item = &'a str>) {
        let e = out.entry(p).or_default();
        for t in texts {
            e.push(' ');
            push_folded(e, t);
        }
    }
    let mut out = Texts::with_capacity(data.persons.len());
    for c in &data.courses {
        add(&mut out, c.person, [c.title.as_str(), &c.provider]);
    }
    for c in &data.contests {
        add(&mut out, c.person, [c.name.as_str()]);
    }
    for e in &data.events {
        add(&mut out, e.person, [e.title.as_str()]);
    }
    for c in &data.communities {
        add(&mut out, c.person, [c.name.as_str()]);
    }
    for d in &data.diagnostics {
        add(&mut out, d.person, std::iter::once(d.subject.as_str()).chain(d.deficits.iter().map(String::as_str)));
    }
    for e in &data.expert_works {
        add(&mut out, e.person, [e.role.as_str()]);
    }
    for a in &data.assignments {
        let subjects = a.subjects.iter().map(|s| s.subject.as_str());
        add(&mut out, a.person, subjects.chain(a.positions.iter().map(String::as_str)));
    }
    out
}

/// The computed state on `date` of every pedagogical worker, employed or not (the staff table filters).
pub fn all_staff_on(data: &Dataset, date: NaiveDate, settings: &RuleSettings) -> Vec<PersonState> {
    let index = data.index();
    let mut out: Vec<PersonState> =
        data.persons.iter().filter(|p| p.pedagogical).map(|p| index.state(p, date, settings)).collect();
    out.sort_by(|a, b| a.full_name.cmp(&b.full_name));
    out
}

/// The computed state of every person employed on `date`, sorted by name.
pub fn staff_on(data: &Dataset, date: NaiveDate, settings: &RuleSettings) -> Vec<PersonState> {
    let index = data.index();
    let mut out: Vec<PersonState> =
        data.persons.iter().map(|p| index.state(p, date, settings)).filter(|s| s.employed).collect();
    out.sort_by(|a, b| a.full_name.cmp(&b.full_name));
    out
}

fn read_dictionaries(
    store: &Store,
) -> Result<std::collections::HashMap<crate::domain::dictionaries::Dictionary, Vec<String>>, StorageError> {
    crate::domain::dictionaries::Dictionary::ALL.iter().map(|d| Ok((*d, store.dictionary(*d)?))).collect()
}

/// What the user is told after an action: that it was done (and what), or why it failed. Every screen
/// keeps and shows its last notice the same way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    Done(String),
    Failed(String),
}

impl Notice {
    /// The notice of a result: `done` says what was done; a failure says why.
    pub fn of<T, E: std::fmt::Display>(result: Result<T, E>, done: impl FnOnce(T) -> String) -> Self {
        match result {
            Ok(v) => Notice::Done(done(v)),
            Err(e) => Notice::Failed(e.to_string()),
        }
    }

    pub fn ok(&self) -> bool {
        matches!(self, Notice::Done(_))
    }

    pub fn text(&self) -> &str {
        match self {
            Notice::Done(t) | Notice::Failed(t) => t,
        }
    }
}

/// An open database as the GUI uses it: the store, the records loaded in memory, and the rule settings.
/// The loaded data is rebuilt only after a write, never per frame.
pub struct Session {
    store: Store,
    /// The date the session works on: today, or a fixed date (tests, «what if» views).
    today: NaiveDate,
    data: std::sync::Arc<Dataset>,
    settings: RuleSettings,
    /// The reference lists, read once per reload (screens ask for them every frame).
    dictionaries: std::collections::HashMap<crate::domain::dictionaries::Dictionary, Vec<String>>,
    /// Bumped on every reload, so that screens can tell when to rebuild their caches.
    pub generation: u64,
    /// The screens' changes waiting for the end of the frame, and the outcomes of the last frame's.
    queue: commands::Queue,
}

impl Session {
    pub fn new(store: Store) -> Result<Self, StorageError> {
        Self::new_with_progress(store, &|_| ())
    }

    /// [`Session::new`], telling `progress` the share of the records loaded so far.
    pub fn new_with_progress(store: Store, progress: &dyn Fn(f32)) -> Result<Self, StorageError> {
        let data = store.load_with_progress(progress)?;
        let settings = store.rule_settings()?;
        let dictionaries = read_dictionaries(&store)?;
        Ok(Self {
            store,
            today: today(),
            data: std::sync::Arc::new(data),
            settings,
            dictionaries,
            generation: 1,
            queue: commands::Queue::default(),
        })
    }

    /// Works on `date` instead of today's date.
    pub fn with_today(mut self, date: NaiveDate) -> Self {
        self.today = date;
        self
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// Moves the session to another date (the window passes its fixed date in).
    pub fn set_today(&mut self, date: NaiveDate) {
        self.today = date;
    }

    pub fn data(&self) -> &Dataset {
        &self.data
    }

    /// The loaded records, shared with a background job.
    pub fn shared_data(&self) -> std::sync::Arc<Dataset> {
        self.data.clone()
    }

    pub fn settings(&self) -> &RuleSettings {
        &self.settings
    }

    pub fn org(&self) -> &Organisation {
        self.store.own_org()
    }

    pub fn path(&self) -> &Path {
        self.store.path()
    }

    /// Why the database is open read-only (a read-only file or folder), if it is.
    pub fn read_only_reason(&self) -> Option<&str> {
        self.store.read_only_reason()
    }

    /// What opening the database found and did that the user should hear of.
    pub fn notes(&self) -> &[String] {
        self.store.notes()
    }

    /// Reloads everything from the database (after a write).
    pub fn reload(&mut self) -> Result<(), StorageError> {
        self.data = std::sync::Arc::new(self.store.load()?);
        self.settings = self.store.rule_settings()?;
        self.dictionaries = read_dictionaries(&self.store)?;
        self.generation += 1;
        Ok(())
    }

    /// Saves one record as one action; the records in memory are patched with it as stored, not reloaded
    /// (a reload of a regional copy takes seconds).
    pub fn put(&mut self, description: &str, record: AnyRecord) -> Result<(), StorageError> {
        let key = (record.kind(), record.uuid());
        self.store.put(description, record, self.today)?;
        self.patch(&[key], &[])
    }

    /// Patches the records in memory after a write: the records `written` as the database now holds them,
    /// and the `removed` ones gone. A change to the organisation's own profile reloads instead (the
    /// settings and every screen depend on it).
    fn patch(
        &mut self,
        written: &[(RecordKind, uuid::Uuid)],
        removed: &[(RecordKind, uuid::Uuid)],
    ) -> Result<(), StorageError> {
        if written.iter().chain(removed).any(|(k, _)| *k == RecordKind::Organisation) {
            return self.reload();
        }
        let mut fresh = Vec::with_capacity(written.len());
        for (kind, id) in written {
            fresh.push(self.store.get(*kind, *id)?);
        }
        let data = std::sync::Arc::make_mut(&mut self.data);
        for ((kind, id), record) in written.iter().zip(fresh) {
            match record {
                Some(r) => data.upsert(r),
                None => data.remove(*kind, *id),
            }
        }
        for (kind, id) in removed {
            data.remove(*kind, *id);
        }
        self.generation += 1;
        Ok(())
    }

    /// Saves the rule thresholds and reloads (every screen recomputes).
    pub fn set_rule_settings(&mut self, settings: &RuleSettings) -> Result<(), StorageError> {
        self.store.set_rule_settings(settings)?;
        self.reload()
    }

    /// A bulk change: a backup first, then the records as one action, then a reload.
    pub fn backup_then_put_many(&mut self, description: &str, records: Vec<AnyRecord>) -> Result<(), StorageError> {
        self.store.backup(&format!("перед: {description}"))?;
        self.put_many(description, records)
    }

    /// Saves several records as one action and patches them in memory.
    pub fn put_many(&mut self, description: &str, records: Vec<AnyRecord>) -> Result<(), StorageError> {
        let keys: Vec<(RecordKind, uuid::Uuid)> = records.iter().map(|r| (r.kind(), r.uuid())).collect();
        self.store.apply(
            description,
            records.into_iter().map(Change::Put).collect(),
            self.today,
            HistoryMode::Record,
        )?;
        self.patch(&keys, &[])
    }

    /// Writes `puts` and deletes `deletes` as one action (one transaction, one undo).
    pub fn change(
        &mut self,
        description: &str,
        puts: Vec<AnyRecord>,
        deletes: Vec<(RecordKind, uuid::Uuid)>,
    ) -> Result<(), StorageError> {
        let keys: Vec<(RecordKind, uuid::Uuid)> = puts.iter().map(|r| (r.kind(), r.uuid())).collect();
        let changes =
            puts.into_iter().map(Change::Put).chain(deletes.iter().map(|(k, id)| Change::Delete(*k, *id))).collect();
        self.store.apply(description, changes, self.today, HistoryMode::Record)?;
        self.patch(&keys, &deletes)
    }

    /// Deletes one record as one action and takes it out of memory.
    pub fn delete(&mut self, description: &str, kind: RecordKind, id: uuid::Uuid) -> Result<(), StorageError> {
        self.store.apply(description, vec![Change::Delete(kind, id)], self.today, HistoryMode::Record)?;
        self.patch(&[], &[(kind, id)])
    }

    /// Deletes a person with all their records as one action; the memory is patched to match.
    pub fn delete_person(&mut self, person: PersonId) -> Result<(), StorageError> {
        match self.store.delete_person(person, self.today)? {
            Some(action) => {
                let deleted = self.store.action_records(action)?;
                self.patch(&[], &deleted)
            }
            None => Ok(()),
        }
    }

    /// The people whose personal data can be erased (in the database, or deleted and in the history).
    pub fn erasable(&self, query: &str) -> Result<Vec<crate::storage::erase::Erasable>, StorageError> {
        self.store.erasable(query)
    }

    /// Erases a person's personal data for good, history included, and reloads.
    pub fn erase_person(&mut self, person: PersonId) -> Result<crate::storage::erase::Erased, StorageError> {
        let erased = self.store.erase_person(person)?;
        self.reload()?;
        Ok(erased)
    }

    /// The journal of operations (imports, backups, restores, undo, schema changes …), newest first.
    pub fn journal(&self, limit: usize) -> Result<Vec<crate::storage::JournalEntry>, StorageError> {
        self.store.journal_entries(limit)
    }

    /// The history of changes (about one person, or all), newest first.
    pub fn history(
        &self,
        person: Option<PersonId>,
        limit: usize,
    ) -> Result<Vec<crate::storage::ActionEntry>, StorageError> {
        self.store.history(person, limit)
    }

    /// Undoes an action of the history; the records it gave back are patched in memory.
    pub fn undo(&mut self, action: i64) -> Result<(), StorageError> {
        let undo = self.store.undo(action)?;
        let touched = self.store.action_records(undo)?;
        self.patch(&touched, &[])
    }

    /// Saves the organisation's own profile (name, code, type …) and reloads.
    pub fn set_profile(&mut self, org: Organisation) -> Result<(), StorageError> {
        self.store.put("Изменён профиль организации", org, self.today)?;
        self.store.refresh_own()?;
        self.reload()
    }

    /// Replaces a reference list.
    pub fn set_dictionary(
        &mut self,
        dict: crate::domain::dictionaries::Dictionary,
        values: &[String],
    ) -> Result<(), StorageError> {
        self.store.set_dictionary(dict, values)?;
        self.dictionaries.insert(dict, self.store.dictionary(dict)?);
        Ok(())
    }

    /// Makes a backup now, in the background, with its progress.
    pub fn backup_job(&self) -> jobs::Job<Result<std::path::PathBuf, StorageError>> {
        self.spawn_backup("Резервное копирование…", "по кнопке")
    }

    /// A backup of the open database under `reason`, copied in the background from a connection of its own.
    fn spawn_backup(
        &self,
        title: &'static str,
        reason: &'static str,
    ) -> jobs::Job<Result<std::path::PathBuf, StorageError>> {
        let path = self.store.path().to_path_buf();
        jobs::Job::spawn(title, move |progress| {
            crate::storage::backup::make_from_file(&path, reason, now(), &|f| progress.set(f))
        })
    }

    /// The day's first backup in the background, if it is still to make today (the window opens the
    /// database with [`open_for_window`]); [`Session::note_daily_backup`] records it when it is made.
    pub fn daily_backup_job(&self) -> Option<jobs::Job<Result<std::path::PathBuf, StorageError>>> {
        if self.store.read_only_reason().is_some() || !self.store.daily_backup_due(today()).unwrap_or(true) {
            return None;
        }
        Some(self.spawn_backup("Ежедневная резервная копия…", crate::storage::DAILY))
    }

    /// Records the day's first backup, made in the background at `path`.
    pub fn note_daily_backup(&mut self, path: &Path) -> Result<(), StorageError> {
        self.store.note_daily_backup(today(), path)
    }

    /// Records a finished background backup in the journal.
    pub fn note_backup(&mut self, path: &Path) -> Result<(), StorageError> {
        self.store.journal("backup", "Резервная копия по кнопке", Some(&path.display().to_string()))
    }

    /// The backups of this database, newest first.
    pub fn backups(&self) -> Vec<BackupInfo> {
        backups(self.store.path()).unwrap_or_default()
    }

    /// Restores this database from a backup (the current state is backed up first) and reopens it; the
    /// write lock is kept the whole time, so that no other program writes in between. A copy of another
    /// organisation is refused ([`StorageError::OtherOrganisation`]) unless `allow_other_org`.
    pub fn restore_from(
        &mut self,
        backup: &Path,
        allow_other_org: bool,
    ) -> Result<crate::storage::backup::Restored, StorageError> {
        if let Some(why) = self.store.read_only_reason() {
            return Err(StorageError::ReadOnly { path: self.path().to_owned(), why: why.to_string() });
        }
        let path = self.store.path().to_path_buf();
        let mode = self.store.disk_mode();
        // The store must be closed while the file is replaced; a placeholder keeps `self` whole.
        let placeholder = Store::open_memory()?;
        let store = std::mem::replace(&mut self.store, placeholder);
        let lock = store.into_lock()?;
        let result = crate::storage::backup::restore(&path, backup, mode, now(), &lock, allow_other_org);
        self.store = Store::open_locked(&path, mode, lock)?;
        let restored = result?;
        self.reload()?;
        Ok(restored)
    }

    /// The name of an organisation known to this database («неизвестная организация» otherwise).
    pub fn organisation_name(&self, id: OrgId) -> String {
        self.data.organisation(id).map_or_else(|| "неизвестная организация".into(), |o| o.name.clone())
    }

    /// The values of a reference list.
    pub fn dictionary(&self, dict: crate::domain::dictionaries::Dictionary) -> Vec<String> {
        self.dictionaries.get(&dict).cloned().unwrap_or_default()
    }

    /// The remembered column mapping of an import kind.
    pub fn import_remembered(
        &self,
        kind: crate::import::ImportKind,
    ) -> std::collections::HashMap<String, Option<crate::import::Field>> {
        import::remembered(&self.store, kind)
    }

    /// Writes the accepted rows of an import (after a backup) and reloads.
    pub fn import_apply(
        &mut self,
        prepared: &import::Prepared,
        accept_valid: bool,
        file: &str,
    ) -> Result<import::Written, import::ImportError> {
        let written = import::apply(&mut self.store, prepared, accept_valid, self.today, file)?;
        self.reload()?;
        Ok(written)
    }

    /// The underlying store, for use cases in this layer and tests.
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    pub fn close(self) -> Result<(), StorageError> {
        self.store.close()
    }
}

pub use crate::storage::BackupInfo;
pub use crate::storage::backup::retention_text as backup_retention;
pub use crate::storage::erase::{Erasable, Erased};
pub use crate::storage::files::io_message;

/// The backups of the database at `path`, newest first.
pub fn backups(path: &Path) -> Result<Vec<BackupInfo>, StorageError> {
    crate::storage::backup::list(path)
}

/// Restores the database at `path` from the backup `from` (the current file is kept: backed up if
/// healthy, moved aside if damaged). Refused while another program has the database open for writing,
/// and for a copy of another organisation unless `allow_other_org`.
pub fn restore(
    path: &Path,
    from: &Path,
    mode: DiskMode,
    allow_other_org: bool,
) -> Result<crate::storage::backup::Restored, StorageError> {
    let lock = crate::storage::WriterLock::acquire(path)?;
    crate::storage::backup::restore(path, from, mode, now(), &lock, allow_other_org)
}
