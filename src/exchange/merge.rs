//! The merge of a package into a copy: a package replaces only the rows its sender authored. The plan
//! is computed first (new, changed, removed, unchanged per kind) so that the user sees it before
//! anything is written; applying it is one transaction in the app layer.

use crate::domain::{AnyRecord, Dataset, OrgId, PersonId, RecordKind};
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

/// Counts of one record kind in a plan.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KindCounts {
    pub new: u64,
    pub changed: u64,
    pub removed: u64,
    pub unchanged: u64,
}

impl std::fmt::Display for KindCounts {
    /// «новых 3, изменённых 1, удалённых 0, без изменений 12».
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "новых {}, изменённых {}, удалённых {}, без изменений {}",
            self.new, self.changed, self.removed, self.unchanged
        )
    }
}

/// What merging a package would do.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub author: OrgId,
    pub per_kind: BTreeMap<RecordKind, KindCounts>,
    /// Records to write (new and changed), organisations and people first.
    pub puts: Vec<AnyRecord>,
    /// Records to delete, people last.
    pub deletes: Vec<(RecordKind, Uuid)>,
    /// People the sender dropped who stay because records of others point at them.
    pub kept: Vec<PersonId>,
    /// Records of others about people the sender dropped: flagged for the user, not deleted.
    pub flagged: Vec<(RecordKind, Uuid, PersonId)>,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.puts.is_empty() && self.deletes.is_empty()
    }

    pub fn totals(&self) -> KindCounts {
        self.per_kind.values().fold(KindCounts::default(), |a, c| KindCounts {
            new: a.new + c.new,
            changed: a.changed + c.changed,
            removed: a.removed + c.removed,
            unchanged: a.unchanged + c.unchanged,
        })
    }
}

fn rank(kind: RecordKind) -> u8 {
    match kind {
        RecordKind::Organisation => 0,
        RecordKind::Person => 1,
        _ => 2,
    }
}

/// Checks that every record is the sender's own and that its people belong to it (for a school).
pub fn check_ownership(author: OrgId, school: bool, records: &[AnyRecord]) -> Result<(), String> {
    for r in records {
        if r.author() != author {
            return Err(format!("запись «{}» другого автора: пакет может нести только свои записи", r.kind().label()));
        }
        if school
            && let AnyRecord::Person(p) = r
            && p.school != author
        {
            return Err(format!("работник {} числится в другой школе", p.full_name()));
        }
    }
    Ok(())
}

/// Checks that no incoming record reuses the id of a record another organisation authored: a package
/// replaces only its sender's rows and can never take over someone else's.
pub fn check_foreign_ids(current: &Dataset, author: OrgId, incoming: &[AnyRecord]) -> Result<(), String> {
    let others: HashMap<(RecordKind, Uuid), OrgId> = current
        .records()
        .into_iter()
        .filter(|r| r.author() != author)
        .map(|r| ((r.kind(), r.uuid()), r.author()))
        .collect();
    match incoming.iter().find(|r| others.contains_key(&(r.kind(), r.uuid()))) {
        Some(r) => Err(format!(
            "запись «{}» с идентификатором {} уже внесена другой организацией: пакет не может её заменить",
            r.kind().label(),
            r.uuid()
        )),
        None => Ok(()),
    }
}

/// Plans the replacement of `author`'s rows in `current` by `incoming`.
pub fn plan(current: &Dataset, author: OrgId, incoming: Vec<AnyRecord>) -> Plan {
    let existing: HashMap<(RecordKind, Uuid), AnyRecord> =
        current.records().into_iter().filter(|r| r.author() == author).map(|r| ((r.kind(), r.uuid()), r)).collect();
    let mut plan = Plan {
        author,
        per_kind: BTreeMap::new(),
        puts: Vec::new(),
        deletes: Vec::new(),
        kept: Vec::new(),
        flagged: Vec::new(),
    };
    let mut seen = HashSet::new();
    for r in incoming {
        let key = (r.kind(), r.uuid());
        if !seen.insert(key) {
            continue;
        }
        let counts = plan.per_kind.entry(r.kind()).or_default();
        match existing.get(&key) {
            None => {
                counts.new += 1;
                plan.puts.push(r);
            }
            Some(old) if old.to_json() == r.to_json() => counts.unchanged += 1,
            Some(_) => {
                counts.changed += 1;
                plan.puts.push(r);
            }
        }
    }
    let others: Vec<AnyRecord> = current.records().into_iter().filter(|r| r.author() != author).collect();
    let mut removed: Vec<(RecordKind, Uuid)> = existing.keys().filter(|k| !seen.contains(*k)).copied().collect();
    removed.sort_by_key(|(k, id)| (std::cmp::Reverse(rank(*k)), *id));
    for (kind, id) in removed {
        if kind == RecordKind::Person {
            let person = PersonId(id);
            let refs: Vec<&AnyRecord> =
                others.iter().filter(|r| r.person() == Some(person) || r.other_person() == Some(person)).collect();
            if !refs.is_empty() {
                plan.kept.push(person);
                plan.flagged.extend(refs.iter().map(|r| (r.kind(), r.uuid(), person)));
                continue;
            }
        }
        plan.per_kind.entry(kind).or_default().removed += 1;
        plan.deletes.push((kind, id));
    }
    plan.puts.sort_by_key(|r| rank(r.kind()));
    plan
}
