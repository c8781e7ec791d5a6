//! The merge of a package into a copy: a package replaces only the rows its sender authored. The plan
//! is computed first (new, changed, removed, unchanged per kind) so that the user sees it before
//! anything is written; applying it is one transaction in the app layer.

use crate::domain::{AnyRecord, Dataset, OrgId, OrgRole, PersonId, RecordKind};
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

/// The organisations whose rows one package speaks for. A school's package and a municipal package
/// back to a school speak for their sender alone; a municipality's package for the region speaks for the
/// municipality and every school it brings (each stamped with the municipality as its `parent`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Domain {
    pub sender: OrgId,
    /// Whose rows in the copy the package replaces: the sender, and in a regional copy the schools
    /// an earlier package of this municipality brought.
    pub existing: HashSet<OrgId>,
    /// Whose rows the package may carry.
    pub incoming: HashSet<OrgId>,
    /// The schools whose people the package may carry (a school's package: the school itself).
    schools: HashSet<OrgId>,
}

impl Domain {
    /// The sender alone (a school's package, or a municipal package back to a school).
    pub fn single(sender: OrgId, school: bool) -> Self {
        let one: HashSet<OrgId> = [sender].into();
        Domain {
            sender,
            existing: one.clone(),
            incoming: one.clone(),
            schools: if school { one } else { HashSet::new() },
        }
    }

    /// A municipality's package for the region: the municipality and its schools, old and new. A school
    /// that does not name this municipality as its parent, or a second municipality, is refused.
    pub fn municipal(current: &Dataset, sender: OrgId, incoming: &[AnyRecord]) -> Result<Self, String> {
        let mut schools = HashSet::new();
        for r in incoming {
            if let AnyRecord::Organisation(o) = r
                && o.id != sender
            {
                if o.role != OrgRole::School || o.parent != Some(sender) {
                    return Err(format!(
                        "организация «{}» не числится школой этого муниципалитета: пакет может нести только \
                         свои школы",
                        o.name
                    ));
                }
                schools.insert(o.id);
            }
        }
        let mut existing: HashSet<OrgId> =
            current.organisations.iter().filter(|o| o.parent == Some(sender)).map(|o| o.id).collect();
        existing.insert(sender);
        let mut all = schools.clone();
        all.insert(sender);
        Ok(Domain { sender, existing, incoming: all, schools })
    }
}

/// Checks that every record belongs to the package's domain and that its people work at one of the
/// schools it brings (for a school's package: the school itself).
pub fn check_ownership(domain: &Domain, records: &[AnyRecord]) -> Result<(), String> {
    for r in records {
        if !domain.incoming.contains(&r.author()) {
            return Err(format!("запись «{}» другого автора: пакет может нести только свои записи", r.kind().label()));
        }
        if !domain.schools.is_empty()
            && let AnyRecord::Person(p) = r
            && !domain.schools.contains(&p.school)
        {
            return Err(format!("работник {} числится в другой школе", p.full_name()));
        }
    }
    Ok(())
}

/// Checks that no incoming record reuses the id of a record outside the package's domain: a package
/// replaces only its own rows and can never take over someone else's (another school's, or in a regional
/// copy another municipality's school).
pub fn check_foreign_ids(current: &Dataset, domain: &Domain, incoming: &[AnyRecord]) -> Result<(), String> {
    let others: HashMap<(RecordKind, Uuid), OrgId> = current
        .records()
        .into_iter()
        .filter(|r| !domain.existing.contains(&r.author()))
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

/// Plans the replacement of the domain's rows in `current` by `incoming`.
pub fn plan(current: &Dataset, domain: &Domain, incoming: Vec<AnyRecord>) -> Plan {
    let mine = |r: &AnyRecord| domain.existing.contains(&r.author());
    let existing: HashMap<(RecordKind, Uuid), AnyRecord> =
        current.records().into_iter().filter(|r| mine(r)).map(|r| ((r.kind(), r.uuid()), r)).collect();
    let mut plan = Plan {
        author: domain.sender,
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
    let others: Vec<AnyRecord> = current.records().into_iter().filter(|r| !mine(r)).collect();
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
