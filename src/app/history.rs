//! The history of changes written for people: what was done and when (`дд.мм.гггг чч:мм`), which record
//! (named as the card lists it), and each changed field with its Russian label for that kind of record
//! and its values as the form shows them — a person's name, never an id; the label of a choice, never
//! its stored English value.

use super::ActionEntry;
use super::fields::{Input, specs};
use crate::domain::{AnyRecord, Dataset, PersonId, RecordKind};
use std::collections::HashMap;

/// One action of the history as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    /// «30.11.2026 05:09 — Изменён курс».
    pub header: String,
    /// Per record changed: «Курсы «…» — изменено», and a line per field.
    pub changes: Vec<(String, Vec<String>)>,
    /// Per record changed, in the same order, what its undo does: an added record is removed, a deleted
    /// one comes back, an edited one takes its former values.
    pub undo: Vec<&'static str>,
}

/// What undoing a change does to its record, in words.
pub fn undo_effect(c: &super::RecordChange) -> &'static str {
    match (&c.before, &c.after) {
        (None, Some(_)) => "будет удалено",
        (Some(_), None) => "будет возвращено",
        _ => "вернутся прежние значения",
    }
}

/// An action of the history, written for people.
pub fn shown(data: &Dataset, names: &HashMap<PersonId, String>, a: &ActionEntry) -> Shown {
    let at = chrono::NaiveDateTime::parse_from_str(a.at.get(..19).unwrap_or(&a.at), "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(a.at.get(..19).unwrap_or(&a.at), "%Y-%m-%d %H:%M:%S"))
        .map_or_else(|_| a.at.clone(), |t| t.format("%d.%m.%Y %H:%M").to_string());
    let changes = a
        .changes
        .iter()
        .map(|c| {
            let fields = specs(c.kind);
            // In the form's order; a field whose two values read the same (an empty list and none) is
            // not a change anyone could see.
            let mut lines: Vec<(usize, String)> = c
                .fields
                .iter()
                .filter_map(|f| {
                    let at = fields.iter().position(|s| s.key == f.field);
                    let (label, input) = match at {
                        Some(i) => (fields[i].label, fields[i].input),
                        None => (hidden_label(c.kind, &f.field)?, Input::Text),
                    };
                    let (old, new) = (
                        super::fields::shown(&f.old_value, input, data),
                        super::fields::shown(&f.new_value, input, data),
                    );
                    // A record added or deleted: its values, without the arrows; an unticked box of a new
                    // record says nothing.
                    let line = match (&c.before, &c.after) {
                        (None, Some(_)) if new == "нет" => return None,
                        (None, Some(_)) => format!("{label}: {new}"),
                        (Some(_), None) => format!("{label}: {old}"),
                        _ => format!("{label}: {old} → {new}"),
                    };
                    (old != new).then(|| (at.unwrap_or(usize::MAX), line))
                })
                .collect();
            lines.sort_by_key(|(at, _)| *at);
            let lines: Vec<String> = lines.into_iter().map(|(_, l)| l).collect();
            (format!("{} {} — {}", c.kind.label(), record_line(names, c), c.what), lines)
        })
        .collect();
    Shown { header: format!("{at} — {}", a.description), changes, undo: a.changes.iter().map(undo_effect).collect() }
}

/// Whether a change is about `person`: their own record, a record about them, or a pair they mentor (an
/// action — an import — may change records of many people; a card shows only theirs).
pub fn about_person(c: &super::RecordChange, person: PersonId) -> bool {
    let id = person.to_string();
    let names = |v: &Option<serde_json::Value>| {
        v.as_ref().is_some_and(|v| {
            let field = |k: &str| v.get(k).and_then(|x| x.as_str()) == Some(id.as_str());
            field("person") || field("mentor") || (c.kind == RecordKind::Person && field("id"))
        })
    };
    names(&c.before) || names(&c.after)
}

/// The record a change is about, as the card lists it (from its version after the change, or before a
/// deletion).
fn record_line(names: &HashMap<PersonId, String>, c: &super::RecordChange) -> String {
    let record = c.after.clone().or_else(|| c.before.clone()).and_then(|v| AnyRecord::from_json(c.kind, v).ok());
    let Some(r) = record else { return String::new() };
    let about = match &r {
        AnyRecord::Person(p) => p.full_name(),
        other => {
            let who = other.person().filter(|_| other.kind() != RecordKind::Person).and_then(|p| names.get(&p));
            let what = super::fields::summary(other, names);
            match who {
                Some(w) => format!("{w}: {what}"),
                None => what,
            }
        }
    };
    format!("«{about}»")
}

/// The fields a form does not show but the history may: their labels (others stay out of it).
fn hidden_label(kind: RecordKind, field: &str) -> Option<&'static str> {
    match (kind, field) {
        (RecordKind::Employment, "start_unknown") => Some("Дата приёма неизвестна"),
        (RecordKind::Employment, "end_reason") => Some("Причина увольнения"),
        (RecordKind::Person, "phone") => Some("Телефон"),
        (RecordKind::Person, "email") => Some("Эл. почта"),
        (RecordKind::Person, "note") => Some("Примечание"),
        _ => None,
    }
}
