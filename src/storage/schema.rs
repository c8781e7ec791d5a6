//! The schema, by migrations on `PRAGMA user_version`. A released migration is never edited: a change
//! is a new migration appended to [`MIGRATIONS`]. Each step runs in its own transaction, so a database
//! is always at one version or the next, never between. A fixture database of every released schema is
//! kept in `tests/fixtures/` with a test that upgrades it and checks its data.

use rusqlite::{Connection, Transaction};

/// `PRAGMA application_id` of every УчРост database: "UCHR" in ASCII.
pub const APPLICATION_ID: i32 = 0x5543_4852;

/// The tables of records about a person: (table, extra columns).
const PERSON_TABLES: &[&str] = &[
    "employment",
    "absence",
    "assignment",
    "attestation",
    "course",
    "diagnostic",
    "route",
    "contest",
    "expert_work",
    "community",
    "event",
    "reserve",
];

fn v1(tx: &Transaction) -> rusqlite::Result<()> {
    let mut sql = String::from(
        "
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
        CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL CHECK (json_valid(value))) STRICT;
        CREATE TABLE dictionary (
            dict TEXT NOT NULL, position INTEGER NOT NULL, value TEXT NOT NULL,
            PRIMARY KEY (dict, value)) STRICT;
        CREATE TABLE organisation (
            id TEXT PRIMARY KEY, author TEXT NOT NULL,
            data TEXT NOT NULL CHECK (json_valid(data))) STRICT;
        CREATE TABLE person (
            id TEXT PRIMARY KEY, author TEXT NOT NULL,
            school TEXT NOT NULL REFERENCES organisation(id),
            data TEXT NOT NULL CHECK (json_valid(data))) STRICT;
        CREATE INDEX person_school ON person(school);
        CREATE TABLE mentorship (
            id TEXT PRIMARY KEY, author TEXT NOT NULL,
            person TEXT NOT NULL REFERENCES person(id),
            mentor TEXT REFERENCES person(id),
            data TEXT NOT NULL CHECK (json_valid(data))) STRICT;
        CREATE INDEX mentorship_person ON mentorship(person);
        CREATE INDEX mentorship_mentor ON mentorship(mentor);
        CREATE TABLE vacancy (
            id TEXT PRIMARY KEY, author TEXT NOT NULL,
            school TEXT NOT NULL REFERENCES organisation(id),
            data TEXT NOT NULL CHECK (json_valid(data))) STRICT;
        -- One row per user action (one transaction); `undoes` links an undo to what it undid.
        CREATE TABLE action (
            id INTEGER PRIMARY KEY, at TEXT NOT NULL, description TEXT NOT NULL,
            undoes INTEGER REFERENCES action(id), undone_by INTEGER REFERENCES action(id)) STRICT;
        -- The history of changes: the whole record before and after (NULL = did not exist).
        CREATE TABLE change (
            id INTEGER PRIMARY KEY, action INTEGER NOT NULL REFERENCES action(id),
            kind TEXT NOT NULL, record TEXT NOT NULL, person TEXT,
            old TEXT CHECK (old IS NULL OR json_valid(old)),
            new TEXT CHECK (new IS NULL OR json_valid(new))) STRICT;
        CREATE INDEX change_action ON change(action);
        CREATE INDEX change_record ON change(record);
        CREATE INDEX change_person ON change(person);
        -- The journal of events that are not record edits: backups, restores, imports, packages.
        CREATE TABLE journal (
            id INTEGER PRIMARY KEY, at TEXT NOT NULL, event TEXT NOT NULL,
            message TEXT NOT NULL, details TEXT) STRICT;
        ",
    );
    sql.extend(PERSON_TABLES.iter().map(|t| person_table(t)));
    tx.execute_batch(&sql)
}

/// Version 2: targets of indicators and indicators entered by the user, each for an organisation.
fn v2(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "
        CREATE TABLE target (
            id TEXT PRIMARY KEY, author TEXT NOT NULL, org TEXT NOT NULL,
            data TEXT NOT NULL CHECK (json_valid(data))) STRICT;
        CREATE INDEX target_org ON target(org);
        CREATE TABLE entered_indicator (
            id TEXT PRIMARY KEY, author TEXT NOT NULL, org TEXT NOT NULL,
            data TEXT NOT NULL CHECK (json_valid(data))) STRICT;
        ",
    )
}

/// Version 3: the exchange — this database's own keys, the registered peers, the packages sent and the
/// log of packages taken in (or refused).
fn v3(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "
        CREATE TABLE own_key (purpose TEXT PRIMARY KEY CHECK (purpose IN ('sign', 'encrypt')),
            secret BLOB NOT NULL CHECK (length(secret) = 32), created TEXT NOT NULL) STRICT;
        CREATE TABLE peer (org TEXT PRIMARY KEY, role TEXT NOT NULL, name TEXT NOT NULL, code TEXT NOT NULL,
            sign_key BLOB NOT NULL CHECK (length(sign_key) = 32), encrypt_key TEXT,
            registered TEXT NOT NULL, revoked TEXT,
            last_sequence INTEGER, last_hash TEXT, last_at TEXT) STRICT;
        CREATE TABLE sent (sequence INTEGER PRIMARY KEY, hash TEXT NOT NULL, at TEXT NOT NULL,
            kind TEXT NOT NULL, to_org TEXT, file TEXT NOT NULL, encrypted INTEGER NOT NULL) STRICT;
        CREATE TABLE package_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, file TEXT NOT NULL, org TEXT,
            sequence INTEGER, hash TEXT, result TEXT NOT NULL, message TEXT NOT NULL, counts TEXT) STRICT;
        ",
    )
}

/// Version 4: key rotation. The own keys may also be the next signing key (announced, not yet in use)
/// and retired decryption keys (`encrypt_old_…`, kept so that packages still on their way can be read).
fn v4(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        "
        CREATE TABLE own_key_v4 (purpose TEXT PRIMARY KEY
                CHECK (purpose IN ('sign', 'encrypt', 'sign_next') OR purpose GLOB 'encrypt_old_*'),
            secret BLOB NOT NULL CHECK (length(secret) = 32), created TEXT NOT NULL) STRICT;
        INSERT INTO own_key_v4 (purpose, secret, created) SELECT purpose, secret, created FROM own_key;
        DROP TABLE own_key;
        ALTER TABLE own_key_v4 RENAME TO own_key;
        ",
    )
}

/// Version 5: the monitoring cycle — goals, findings, recommendations, measures, decisions, effects;
/// like targets, each row names the organisation it is for.
fn v5(tx: &Transaction) -> rusqlite::Result<()> {
    let sql: String =
        ["goal", "finding", "recommendation", "measure", "decision", "effect"].into_iter().map(org_table).collect();
    tx.execute_batch(&sql)
}

/// A table of records about an organisation (the cycle, the schedule, orders): its `org` column indexed.
fn org_table(t: &str) -> String {
    format!(
        "CREATE TABLE {t} (
            id TEXT PRIMARY KEY, author TEXT NOT NULL, org TEXT NOT NULL,
            data TEXT NOT NULL CHECK (json_valid(data))) STRICT;
         CREATE INDEX {t}_org ON {t}(org);\n"
    )
}

/// A table of records about a person: its `person` column refers to the person and is indexed.
fn person_table(t: &str) -> String {
    format!(
        "CREATE TABLE {t} (
            id TEXT PRIMARY KEY, author TEXT NOT NULL,
            person TEXT NOT NULL REFERENCES person(id),
            data TEXT NOT NULL CHECK (json_valid(data))) STRICT;
         CREATE INDEX {t}_person ON {t}(person);\n"
    )
}

/// Version 6: the monitoring schedule (seed 001's «Сроки», seed 004's periodicity), the programme's risks
/// and the orders drafted from the records (each row naming the organisation it is for), and the records
/// the regulations name about a person that had no home — awards, the bank of practices, the teachers'
/// requests.
fn v6(tx: &Transaction) -> rusqlite::Result<()> {
    let people = ["award", "practice", "request"].into_iter().map(person_table);
    let orgs = ["schedule_item", "risk", "order_document"].into_iter().map(org_table);
    tx.execute_batch(&people.chain(orgs).collect::<String>())
}

/// Version 7: methodological associations and their meetings (each row naming the organisation it is
/// for; attendance is kept as participations of the people), and the nominations of teachers for a course,
/// a diagnostic, a contest or an event (a record about a person).
fn v7(tx: &Transaction) -> rusqlite::Result<()> {
    let people = ["nomination"].into_iter().map(person_table);
    let orgs = ["association", "meeting"].into_iter().map(org_table);
    tx.execute_batch(&people.chain(orgs).collect::<String>())
}

type Migration = fn(&Transaction) -> rusqlite::Result<()>;

/// Every migration, in order; migration `i` takes the database from version `i` to `i + 1`.
pub const MIGRATIONS: &[Migration] = &[v1, v2, v3, v4, v5, v6, v7];

/// The schema version this build writes.
pub const CURRENT_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Brings the database up to [`CURRENT_VERSION`], one version per transaction. Each step also writes
/// the version into `meta` (key `schema`), so that a damaged version number in the file's header is
/// told from a real one (see [`check_version`]).
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    loop {
        let version = user_version(conn)?;
        let Some(step) = usize::try_from(version).ok().and_then(|v| MIGRATIONS.get(v)) else {
            if version == CURRENT_VERSION && recorded_version(conn)?.is_none() {
                conn.execute("INSERT INTO meta (key, value) VALUES ('schema', ?1)", [version.to_string()])?;
            }
            return Ok(());
        };
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        step(&tx)?;
        tx.pragma_update(None, "user_version", version + 1)?;
        if version == 0 {
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('schema', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [(version + 1).to_string()],
        )?;
        tx.commit()?;
    }
}

/// The version recorded in `meta` by [`migrate`] (none in a database made before it recorded one).
fn recorded_version(conn: &Connection) -> rusqlite::Result<Option<i64>> {
    use rusqlite::OptionalExtension;
    let has_meta: bool =
        conn.query_row("SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'meta'", [], |r| {
            r.get(0)
        })?;
    if !has_meta {
        return Ok(None);
    }
    let text: Option<String> =
        conn.query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| r.get(0)).optional()?;
    Ok(text.and_then(|t| t.parse().ok()))
}

/// The version the tables themselves show: each version added something the ones before did not have.
fn shape_version(conn: &Connection) -> rusqlite::Result<i64> {
    let sql_of = |name: &str| -> rusqlite::Result<Option<String>> {
        use rusqlite::OptionalExtension;
        conn.query_row("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1", [name], |r| r.get(0))
            .optional()
    };
    let own_key = sql_of("own_key")?;
    let version = if sql_of("nomination")?.is_some() {
        7
    } else if sql_of("schedule_item")?.is_some() {
        6
    } else if sql_of("goal")?.is_some() {
        5
    } else if own_key.as_ref().is_some_and(|sql| sql.contains("sign_next")) {
        4
    } else if own_key.is_some() {
        3
    } else if sql_of("target")?.is_some() {
        2
    } else if sql_of("meta")?.is_some() {
        1
    } else {
        0
    };
    Ok(version)
}

/// Why a schema version cannot be taken as it is.
#[derive(Debug)]
pub enum VersionProblem {
    /// A version a newer program wrote.
    TooNew(i64),
    /// A number no program wrote: the header is damaged (said in Russian).
    Implausible(String),
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for VersionProblem {
    fn from(e: rusqlite::Error) -> Self {
        Self::Sqlite(e)
    }
}

/// How far beyond [`CURRENT_VERSION`] a newer program's version may plausibly be.
const NEWER_VERSIONS: i64 = 100;

/// Checks that the schema version in the header is one a program wrote: the number is in range, equals
/// the version recorded in `meta`, and (for the versions this program knows) matches the tables. A byte
/// flipped in the header's version is damage, never a migration to run.
pub fn check_version(conn: &Connection) -> Result<(), VersionProblem> {
    let found = user_version(conn)?;
    if !(0..=CURRENT_VERSION + NEWER_VERSIONS).contains(&found) {
        return Err(VersionProblem::Implausible(format!("в заголовке невозможный номер версии схемы: {found}")));
    }
    if let Some(recorded) = recorded_version(conn)?
        && recorded != found
    {
        return Err(VersionProblem::Implausible(format!(
            "номер версии схемы в заголовке ({found}) не совпадает с записанным в базе ({recorded})"
        )));
    }
    let shape = shape_version(conn)?;
    if found > CURRENT_VERSION {
        return if shape == CURRENT_VERSION {
            Err(VersionProblem::TooNew(found))
        } else {
            Err(VersionProblem::Implausible(format!(
                "номер версии схемы в заголовке ({found}) не совпадает с таблицами базы (версия {shape})"
            )))
        };
    }
    if shape != found {
        return Err(VersionProblem::Implausible(format!(
            "номер версии схемы в заголовке ({found}) не совпадает с таблицами базы (версия {shape})"
        )));
    }
    Ok(())
}
