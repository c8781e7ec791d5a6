//! Erasing a person's personal data for good (152-ФЗ, ст. 21: personal data is destroyed when the purpose
//! of keeping it has gone — a person who left long ago, or one entered by mistake and deleted).
//!
//! A delete keeps the person in the history so that it can be undone; an erase removes the person, every
//! record about them, every row of the history that holds them (before or after a change) and their name
//! from the descriptions of the changes, in one transaction with SQLite's `secure_delete` on (the freed
//! pages are overwritten with zeros), then rewrites the file without its free space (`VACUUM`: an
//! earlier delete left old rows there) and empties the write-ahead log. The journal says that an
//! erase happened, never whose. Backups made before keep the data until they are pruned; the caller says
//! for how long ([`super::backup::retention_text`]).

use super::{Result, StorageError, Store, journal_in};
use crate::domain::{AnyRecord, Person, PersonId, RecordKind};
use rusqlite::params;

/// A person whose data can be erased: one in the database, or one deleted and still in the history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Erasable {
    pub id: PersonId,
    pub full_name: String,
    pub birth_date: Option<chrono::NaiveDate>,
    /// Still in the database (else only in the history of changes).
    pub present: bool,
}

/// What an erase removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Erased {
    /// Records about the person (the person included).
    pub records: usize,
    /// Rows of the history of changes that held the person's data.
    pub history_rows: usize,
    /// Changes whose description named the person, reworded.
    pub descriptions: usize,
    /// Whether the file was rewritten without free space (where earlier deletes, made before the
    /// erase, left old content): false when that failed (a full disk), and the data may linger there.
    pub compacted: bool,
}

/// The tables of records about one person (column `person`), the person's own and the pairs they lead
/// aside.
pub(crate) fn person_tables() -> impl Iterator<Item = RecordKind> {
    RecordKind::ALL.iter().copied().filter(|k| {
        !matches!(
            k,
            RecordKind::Person
                | RecordKind::Organisation
                | RecordKind::Mentorship
                | RecordKind::Vacancy
                | RecordKind::Target
                | RecordKind::EnteredIndicator
                | RecordKind::Goal
                | RecordKind::Finding
                | RecordKind::Recommendation
                | RecordKind::Measure
                | RecordKind::Decision
                | RecordKind::Effect
                | RecordKind::ScheduleItem
                | RecordKind::Risk
                | RecordKind::Order
                | RecordKind::Association
                | RecordKind::Meeting
        )
    })
}

impl Store {
    /// Every person whose data can be erased whose name contains `query` (case and ё ignored): those in
    /// the database and those deleted but kept in the history, by name.
    pub fn erasable(&self, query: &str) -> Result<Vec<Erasable>> {
        let fold = crate::domain::text::fold;
        let query = fold(query.trim());
        let mut found: Vec<Erasable> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut push = |p: Person, present: bool, found: &mut Vec<Erasable>| {
            if seen.insert(p.id) && fold(&p.full_name()).contains(&query) {
                found.push(Erasable { id: p.id, full_name: p.full_name(), birth_date: p.birth_date, present });
            }
        };
        let mut stmt = self.conn.prepare("SELECT data FROM person")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        for text in rows {
            if let Ok(AnyRecord::Person(p)) = AnyRecord::from_json_text(RecordKind::Person, &text?) {
                push(p, true, &mut found);
            }
        }
        let mut stmt = self.conn.prepare(
            "SELECT coalesce(old, new) FROM change WHERE kind = 'person' AND record NOT IN (SELECT id FROM person)
             ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([], |r| r.get::<_, Option<String>>(0))?;
        for text in rows {
            if let Some(text) = text?
                && let Ok(AnyRecord::Person(p)) = AnyRecord::from_json_text(RecordKind::Person, &text)
            {
                push(p, false, &mut found);
            }
        }
        found.sort_by(|a, b| a.full_name.cmp(&b.full_name));
        Ok(found)
    }

    /// Erases the person `id` for good (see the module's documentation): the records, the history's
    /// rows, and every form of the name in the descriptions of changes.
    pub fn erase_person(&mut self, id: PersonId) -> Result<Erased> {
        self.writable()?;
        let Some(person) = self.erasable("")?.into_iter().find(|e| e.id == id) else {
            return Err(StorageError::RecordNotFound { kind: RecordKind::Person.label(), id: id.to_string() });
        };
        let names = name_forms(&self.person_names(id)?, &person.full_name);
        let key = id.to_string();
        self.conn.pragma_update(None, "secure_delete", true)?;
        let erased = (|| -> Result<Erased> {
            let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let mut erased = Erased::default();
            for kind in person_tables() {
                erased.records += tx.execute(&format!("DELETE FROM {} WHERE person = ?1", kind.table()), [&key])?;
            }
            erased.records += tx.execute("DELETE FROM mentorship WHERE person = ?1 OR mentor = ?1", [&key])?;
            // The history: every row that holds the person (as the record, or named inside another).
            let pattern = format!("%{key}%");
            let actions: Vec<i64> = tx
                .prepare(
                    "SELECT DISTINCT action FROM change
                     WHERE person = ?1 OR record = ?1 OR old LIKE ?2 OR new LIKE ?2",
                )?
                .query_map(params![key, pattern], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            erased.history_rows = tx.execute(
                "DELETE FROM change WHERE person = ?1 OR record = ?1 OR old LIKE ?2 OR new LIKE ?2",
                params![key, pattern],
            )?;
            for action in actions {
                let left: i64 =
                    tx.query_row("SELECT count(*) FROM change WHERE action = ?1", [action], |r| r.get(0))?;
                if left == 0 {
                    tx.execute("UPDATE action SET undoes = NULL WHERE undoes = ?1", [action])?;
                    tx.execute("UPDATE action SET undone_by = NULL WHERE undone_by = ?1", [action])?;
                    tx.execute("DELETE FROM action WHERE id = ?1", [action])?;
                    erased.descriptions += 1;
                    continue;
                }
                let description: String =
                    tx.query_row("SELECT description FROM action WHERE id = ?1", [action], |r| r.get(0))?;
                let reworded = names.iter().fold(description.clone(), |d, n| d.replace(n.as_str(), ERASED));
                if reworded != description {
                    tx.execute("UPDATE action SET description = ?1 WHERE id = ?2", params![reworded, action])?;
                    erased.descriptions += 1;
                }
            }
            erased.records += tx.execute("DELETE FROM person WHERE id = ?1", [&key])?;
            journal_in(
                &tx,
                "erase",
                &format!(
                    "Стёрты персональные данные одного человека: записей {}, строк истории {}",
                    erased.records, erased.history_rows
                ),
                None,
            )?;
            tx.commit()?;
            Ok(erased)
        })();
        let _ = self.conn.pragma_update(None, "secure_delete", false);
        let mut erased = erased?;
        // A delete made before (the person deleted last year) left the old rows in free space: the file
        // is rewritten without it. The log still holds the pages as they were: it is emptied after.
        erased.compacted = self.conn.execute_batch("VACUUM").is_ok();
        if self.mode == super::DiskMode::Local {
            self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        Ok(erased)
    }

    /// Every name the person had in the database or its history (a changed surname included).
    fn person_names(&self, id: PersonId) -> Result<Vec<Person>> {
        let key = id.to_string();
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT data FROM person WHERE id = ?1
             UNION ALL SELECT old FROM change WHERE record = ?1 AND old IS NOT NULL
             UNION ALL SELECT new FROM change WHERE record = ?1 AND new IS NOT NULL",
        )?;
        for text in stmt.query_map([&key], |r| r.get::<_, String>(0))? {
            if let Ok(AnyRecord::Person(p)) = AnyRecord::from_json_text(RecordKind::Person, &text?) {
                out.push(p);
            }
        }
        Ok(out)
    }
}

/// What a description says instead of an erased name.
const ERASED: &str = "[данные стёрты]";

/// The forms a name appears in: «Фамилия Имя Отчество», «Фамилия И. О.», «Фамилия Имя», longest first
/// (so that the full name is replaced before its part).
fn name_forms(persons: &[Person], full: &str) -> Vec<String> {
    let mut forms: Vec<String> = vec![full.to_string()];
    for p in persons {
        forms.push(p.full_name());
        forms.push(p.short_name());
        forms.push(format!("{} {}", p.last_name, p.first_name).trim().to_string());
    }
    forms.retain(|f| f.trim().chars().count() > 3);
    forms.sort_by_key(|f| std::cmp::Reverse(f.chars().count()));
    forms.dedup();
    forms
}
