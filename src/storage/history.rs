//! Writing records with their history of changes, reading that history, and undoing an action.
//!
//! An action is one user step (one transaction). Each changed record gets a `change` row with the whole
//! record before and after, so that the history can show "what, old value → new value" field by field
//! and an undo can put the old record back.

use super::{Change, HistoryMode, Result, StorageError, decode, read_record};
use crate::domain::{AnyRecord, RecordKind};
use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;
use uuid::Uuid;

/// Writes `record` (insert or update) into its table. With `fresh` the record is known not to be there
/// (a merge's new rows): a plain INSERT, which SQLite writes without the statement journal an upsert
/// needs (on a merge of many rows that journal was more writing than the rows themselves).
pub(crate) fn write_record(conn: &Connection, record: &AnyRecord, fresh: bool) -> Result<()> {
    write_record_text(conn, record, &record.to_json().to_string(), fresh)
}

/// [`write_record`] with the record's JSON text already made (`record.to_json().to_string()`).
fn write_record_text(conn: &Connection, record: &AnyRecord, data: &str, fresh: bool) -> Result<()> {
    let kind = record.kind();
    let id = record.uuid().to_string();
    let author = record.author().to_string();
    let (column, value): (Option<&str>, Option<String>) = match record {
        AnyRecord::Organisation(_) => (None, None),
        AnyRecord::Person(p) => (Some("school"), Some(p.school.to_string())),
        AnyRecord::Vacancy(v) => (Some("school"), Some(v.school.to_string())),
        // Organisation-level records (targets, entered indicators, the monitoring cycle) name the
        // organisation they are for in an `org` column.
        r if r.org().is_some() => (Some("org"), r.org().map(|o| o.to_string())),
        AnyRecord::Mentorship(m) => (Some("person"), Some(m.mentee.to_string())),
        other => (Some("person"), Some(other.person().map(|p| p.to_string()).unwrap_or_default())),
    };
    let mentor = match record {
        AnyRecord::Mentorship(m) => Some(m.mentor.map(|x| x.to_string())),
        _ => None,
    };
    let mut columns = vec!["id", "author"];
    columns.extend(column);
    if mentor.is_some() {
        columns.push("mentor");
    }
    columns.push("data");
    let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    let mut sql = format!("INSERT INTO {} ({}) VALUES ({})", kind.table(), columns.join(", "), marks.join(", "));
    if !fresh {
        let set: Vec<String> = columns[1..].iter().map(|c| format!("{c} = excluded.{c}")).collect();
        sql.push_str(&format!(" ON CONFLICT(id) DO UPDATE SET {}", set.join(", ")));
    }
    let mut values: Vec<Option<&str>> = vec![Some(&id), Some(&author)];
    values.extend(column.map(|_| value.as_deref()));
    values.extend(mentor.as_ref().map(Option::as_deref));
    values.push(Some(data));
    conn.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(values.iter()))?;
    Ok(())
}

fn delete_record(conn: &Connection, kind: RecordKind, id: Uuid) -> Result<()> {
    conn.prepare_cached(&format!("DELETE FROM {} WHERE id = ?1", kind.table()))?.execute([id.to_string()])?;
    Ok(())
}

/// Applies the changes inside an open transaction; with [`HistoryMode::Record`] each real change is logged
/// under a new action, whose id is returned (none if nothing changed).
pub(crate) fn apply_in(
    conn: &Connection,
    description: &str,
    changes: &[Change],
    now: NaiveDateTime,
    history: HistoryMode,
) -> Result<Option<i64>> {
    let mut action: Option<i64> = None;
    for change in changes {
        let (kind, id, new) = match change {
            Change::Put(r) | Change::Merged { record: r, .. } => (r.kind(), r.uuid(), Some(r)),
            Change::Delete(kind, id) => (*kind, *id, None),
        };
        let fresh = matches!(change, Change::Merged { fresh: true, .. });
        // A bulk load writes what it is given: it keeps no per-record history, so it does not read
        // (and decode) each old row first only to skip rewriting an unchanged one.
        if history == HistoryMode::JournalOnly {
            match change {
                Change::Merged { record, text, fresh } => write_record_text(conn, record, text, *fresh)?,
                Change::Put(r) => write_record(conn, r, false)?,
                Change::Delete(..) => delete_record(conn, kind, id)?,
            }
            continue;
        }
        let old = read_record(conn, kind, id)?;
        if old.as_ref() == new {
            continue;
        }
        match new {
            Some(r) => write_record(conn, r, fresh && old.is_none())?,
            None => delete_record(conn, kind, id)?,
        }
        {
            let action_id = match action {
                Some(a) => a,
                None => {
                    conn.execute(
                        "INSERT INTO action (at, description) VALUES (?1, ?2)",
                        params![now.to_string(), description],
                    )?;
                    let a = conn.last_insert_rowid();
                    action = Some(a);
                    a
                }
            };
            let person = new.or(old.as_ref()).and_then(AnyRecord::person).map(|p| p.to_string());
            conn.prepare_cached(
                "INSERT INTO change (action, kind, record, person, old, new) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                action_id,
                kind.table(),
                id.to_string(),
                person,
                old.map(|o| o.to_json().to_string()),
                new.map(|n| n.to_json().to_string()),
            ])?;
        }
    }
    Ok(action)
}

pub use crate::domain::diff::FieldChange;

/// One change of one record inside an action.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordChange {
    pub kind: RecordKind,
    pub record: Uuid,
    /// «добавлено», «изменено» or «удалено».
    pub what: &'static str,
    pub fields: Vec<FieldChange>,
    /// The record before and after the change (none for an added or a deleted one), for naming it.
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// An action in the history.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionEntry {
    pub id: i64,
    pub at: String,
    pub description: String,
    /// Set when this action was itself undone (by the action with this id).
    pub undone_by: Option<i64>,
    /// Set when this action is an undo of another.
    pub undoes: Option<i64>,
    pub changes: Vec<RecordChange>,
}

use crate::domain::diff::field_changes;

/// The history, newest first; `person` narrows it to actions that touched records about that person.
pub fn actions(conn: &Connection, person: Option<Uuid>, limit: usize) -> Result<Vec<ActionEntry>> {
    let ids: Vec<i64> = match person {
        Some(p) => conn
            .prepare("SELECT DISTINCT action FROM change WHERE person = ?1 ORDER BY action DESC LIMIT ?2")?
            .query_map(params![p.to_string(), limit as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
        None => conn
            .prepare("SELECT id FROM action ORDER BY id DESC LIMIT ?1")?
            .query_map([limit as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
    };
    ids.into_iter().map(|id| action(conn, id)).collect()
}

/// One action with its changes.
pub fn action(conn: &Connection, id: i64) -> Result<ActionEntry> {
    let (at, description, undone_by, undoes) = conn
        .query_row("SELECT at, description, undone_by, undoes FROM action WHERE id = ?1", [id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?
        .ok_or_else(|| StorageError::CannotUndo(format!("нет изменения № {id}")))?;
    let mut stmt = conn.prepare_cached("SELECT kind, record, old, new FROM change WHERE action = ?1 ORDER BY id")?;
    let mut rows = stmt.query([id])?;
    let mut changes = Vec::new();
    while let Some(row) = rows.next()? {
        let kind_text: String = row.get(0)?;
        let kind = RecordKind::from_table(&kind_text).ok_or_else(|| StorageError::Corrupt(kind_text.clone()))?;
        let record = Uuid::parse_str(&row.get::<_, String>(1)?).map_err(|e| StorageError::Corrupt(e.to_string()))?;
        let old: Option<Value> = row.get::<_, Option<String>>(2)?.map(|t| super::parse_json(&t)).transpose()?;
        let new: Option<Value> = row.get::<_, Option<String>>(3)?.map(|t| super::parse_json(&t)).transpose()?;
        let what = match (&old, &new) {
            (None, _) => "добавлено",
            (_, None) => "удалено",
            _ => "изменено",
        };
        let fields = field_changes(old.as_ref(), new.as_ref());
        changes.push(RecordChange { kind, record, what, fields, before: old, after: new });
    }
    Ok(ActionEntry { id, at, description, undone_by, undoes, changes })
}

/// Undoes action `id` in one transaction: every record it touched goes back to what it was, provided no
/// later action changed it since. The undo is itself an action, so it can be undone too.
pub fn undo(conn: &mut Connection, id: i64, now: NaiveDateTime) -> Result<i64> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let (description, undone_by): (String, Option<i64>) = tx
        .query_row("SELECT description, undone_by FROM action WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| StorageError::CannotUndo(format!("нет изменения № {id}")))?;
    if undone_by.is_some() {
        return Err(StorageError::CannotUndo(format!("«{description}» уже отменено")));
    }
    let rows: Vec<(String, String, Option<String>, Option<String>)> = tx
        .prepare("SELECT kind, record, old, new FROM change WHERE action = ?1 ORDER BY id DESC")?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut changes = Vec::new();
    for (kind_text, record, old, new) in rows {
        let kind = RecordKind::from_table(&kind_text).ok_or_else(|| StorageError::Corrupt(kind_text.clone()))?;
        let uuid = Uuid::parse_str(&record).map_err(|e| StorageError::Corrupt(e.to_string()))?;
        let current = read_record(&tx, kind, uuid)?;
        let expected = new.as_deref().map(|t| decode(kind, t)).transpose()?;
        if current != expected {
            return Err(StorageError::CannotUndo(format!(
                "запись «{}» изменена позднее — сначала отмените более поздние изменения",
                kind.label()
            )));
        }
        changes.push(match old {
            Some(t) => Change::Put(decode(kind, &t)?),
            None => Change::Delete(kind, uuid),
        });
    }
    let undo_id = apply_in(&tx, &format!("Отмена: {description}"), &changes, now, HistoryMode::Record)?
        .ok_or_else(|| StorageError::CannotUndo("нечего отменять".into()))?;
    tx.execute("UPDATE action SET undoes = ?1 WHERE id = ?2", params![id, undo_id])?;
    tx.execute("UPDATE action SET undone_by = ?1 WHERE id = ?2", params![undo_id, id])?;
    super::journal_in(&tx, "undo", &format!("Отменено изменение № {id}: {description}"), None)?;
    tx.commit()?;
    Ok(undo_id)
}
