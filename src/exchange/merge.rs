//! The merge of a package into a copy: a package replaces only the rows its sender authored. The plan
//! is computed first (new, changed, removed, unchanged per kind) so that the user sees it before
//! anything is written; applying it is one transaction in the app layer.

use crate::domain::{AnyRecord, Dataset, OrgId, OrgRole, PersonId, RecordKind};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

type Key = (RecordKind, Uuid);

/// A record's content for comparison: the first 16 bytes of the SHA-256 of its stored JSON text.
pub type Fingerprint = [u8; 16];

/// The fingerprint of a record's JSON text (as storage writes it: `to_json().to_string()`).
pub fn fingerprint_text(json: &str) -> Fingerprint {
    let full = Sha256::digest(json.as_bytes());
    let mut out = [0u8; 16];
    out.copy_from_slice(&full[..16]);
    out
}

/// The fingerprint of a record.
pub fn fingerprint(record: &AnyRecord) -> Fingerprint {
    fingerprint_text(&record.to_json().to_string())
}

/// What the merge knows of one record of the copy.
#[derive(Clone, Copy, Debug)]
struct Entry {
    author: OrgId,
    content: Fingerprint,
    person: Option<PersonId>,
    other: Option<PersonId>,
    /// The school of a person or a vacancy.
    school: Option<OrgId>,
}

/// The school a person or a vacancy belongs to (the rows the database ties to an organisation).
fn school_of(record: &AnyRecord) -> Option<OrgId> {
    match record {
        AnyRecord::Person(p) => Some(p.school),
        AnyRecord::Vacancy(v) => Some(v.school),
        _ => None,
    }
}

/// What the merge needs of the copy, without the records themselves: who wrote each record and a
/// fingerprint of its content, each author's records, the records that name each person, and each
/// organisation's parent. It is built once per import and kept up to date with every package taken in,
/// so that planning a package costs the size of the package and of its sender's rows, not of the whole
/// copy (a regional merge of 3,000 packages read and copied the whole copy for every one of them).
#[derive(Clone, Debug, Default)]
pub struct Index {
    entries: HashMap<Key, Entry>,
    by_author: HashMap<OrgId, HashSet<Key>>,
    /// Records other than people that name a person (as its subject or as a mentor).
    naming: HashMap<PersonId, Vec<Key>>,
    parents: HashMap<OrgId, Option<OrgId>>,
}

impl Index {
    /// The index of a dataset.
    pub fn of(data: &Dataset) -> Index {
        let mut index = Index::default();
        for r in data.records() {
            let content = fingerprint(&r);
            index.insert(&r, content);
        }
        index
    }

    /// The number of records indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds a record (replacing one of the same kind and id) with the fingerprint of its content.
    pub fn insert(&mut self, record: &AnyRecord, content: Fingerprint) {
        let key = (record.kind(), record.uuid());
        self.remove(key);
        let person = record.person();
        let other = record.other_person().filter(|o| Some(*o) != person);
        let entry = Entry { author: record.author(), content, person, other, school: school_of(record) };
        if record.kind() != RecordKind::Person {
            for p in person.into_iter().chain(other) {
                self.naming.entry(p).or_default().push(key);
            }
        }
        if let AnyRecord::Organisation(o) = record {
            self.parents.insert(o.id, o.parent);
        }
        self.by_author.entry(entry.author).or_default().insert(key);
        self.entries.insert(key, entry);
    }

    /// Removes a record, if indexed.
    pub fn remove(&mut self, key: (RecordKind, Uuid)) {
        let Some(old) = self.entries.remove(&key) else { return };
        if let Some(mine) = self.by_author.get_mut(&old.author) {
            mine.remove(&key);
            if mine.is_empty() {
                self.by_author.remove(&old.author);
            }
        }
        for p in old.person.into_iter().chain(old.other) {
            if let Some(list) = self.naming.get_mut(&p) {
                list.retain(|k| *k != key);
                if list.is_empty() {
                    self.naming.remove(&p);
                }
            }
        }
        if key.0 == RecordKind::Organisation {
            self.parents.remove(&OrgId(key.1));
        }
    }

    /// The index after the plan was written (what indexing the database again would give).
    pub fn apply(&mut self, plan: &Plan) {
        for (r, content) in plan.puts.iter().zip(&plan.contents) {
            self.insert(r, *content);
        }
        for key in &plan.deletes {
            self.remove(*key);
        }
    }

    fn author_of(&self, key: &Key) -> Option<OrgId> {
        self.entries.get(key).map(|e| e.author)
    }
}

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
    /// For each of `puts`: whether it is new to the copy (written with a plain insert) and the
    /// fingerprint of its content (for the index).
    pub fresh: Vec<bool>,
    pub contents: Vec<Fingerprint>,
    /// For each of `puts`: its JSON text as stored (see [`crate::exchange::package::Payload::texts`]).
    pub texts: Vec<String>,
    /// Records to delete, people last.
    pub deletes: Vec<(RecordKind, Uuid)>,
    /// People the sender dropped who stay because records of others point at them.
    pub kept: Vec<PersonId>,
    /// Records of others about people the sender dropped: flagged for the user, not deleted.
    pub flagged: Vec<(RecordKind, Uuid, PersonId)>,
    /// When the sender's new database takes the place of a lost one: records of others re-linked to the
    /// new people and organisation (they are among `puts`, after the sender's), and the people of the old
    /// database whom records of others name and who match nobody in the package.
    pub relinked: usize,
    pub unlinked: Vec<String>,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.puts.is_empty() && self.deletes.is_empty()
    }

    pub fn totals(&self) -> KindCounts {
        total(&self.per_kind)
    }

    /// What the user is told of the plan once it is written (the counts, the people kept, the flagged
    /// records), without the records themselves: an import of 3,000 packages kept every record it wrote
    /// in its outcomes, as much memory again as the whole copy.
    pub fn summary(&self) -> Summary {
        Summary {
            per_kind: self.per_kind.clone(),
            kept: self.kept.clone(),
            flagged: self.flagged.clone(),
            relinked: self.relinked,
            unlinked: self.unlinked.clone(),
        }
    }
}

/// The counts of a plan and the people and records it leaves for the user to look at (see
/// [`Plan::summary`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub per_kind: BTreeMap<RecordKind, KindCounts>,
    /// People the sender dropped who stay because records of others point at them.
    pub kept: Vec<PersonId>,
    /// Records of others about people the sender dropped: flagged for the user, not deleted.
    pub flagged: Vec<(RecordKind, Uuid, PersonId)>,
    /// Records of others re-linked to a new database's people (see [`Plan::relinked`]).
    pub relinked: usize,
    /// People of a lost database who could not be re-linked: «ФИО, дата рождения».
    pub unlinked: Vec<String>,
}

impl Summary {
    pub fn totals(&self) -> KindCounts {
        total(&self.per_kind)
    }
}

fn total(per_kind: &BTreeMap<RecordKind, KindCounts>) -> KindCounts {
    per_kind.values().fold(KindCounts::default(), |a, c| KindCounts {
        new: a.new + c.new,
        changed: a.changed + c.changed,
        removed: a.removed + c.removed,
        unchanged: a.unchanged + c.unchanged,
    })
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
    pub fn municipal(current: &Index, sender: OrgId, incoming: &[AnyRecord]) -> Result<Self, String> {
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
            current.parents.iter().filter(|(_, parent)| **parent == Some(sender)).map(|(id, _)| *id).collect();
        existing.insert(sender);
        let mut all = schools.clone();
        all.insert(sender);
        Ok(Domain { sender, existing, incoming: all, schools })
    }
}

impl Domain {
    /// The domain of a new database taking the place of the lost `old` one: the old organisation's rows
    /// (and in a regional copy those of the schools it brought) are replaced by the package too.
    pub fn succeeding(mut self, current: &Index, old: OrgId) -> Self {
        self.existing.insert(old);
        self.existing.extend(current.parents.iter().filter(|(_, p)| **p == Some(old)).map(|(id, _)| *id));
        self
    }
}

impl Index {
    /// Whether the copy still holds rows the organisation authored.
    pub fn holds(&self, author: OrgId) -> bool {
        self.by_author.get(&author).is_some_and(|keys| !keys.is_empty())
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

/// Checks that no two records of a package share a kind and an id: one of them would be silently lost.
pub fn check_unique_ids(records: &[AnyRecord]) -> Result<(), String> {
    let mut seen = HashSet::with_capacity(records.len());
    match records.iter().find(|r| !seen.insert((r.kind(), r.uuid()))) {
        Some(r) => {
            Err(format!("две записи «{}» с одним идентификатором {}: пакет отклонён", r.kind().label(), r.uuid()))
        }
        None => Ok(()),
    }
}

/// Checks that every record about a person is about one of the package's own people: a school's package
/// speaks of its own teachers only (an attestation or a course about another school's teacher would
/// change that school's figures).
pub fn check_own_people(domain: &Domain, records: &[AnyRecord]) -> Result<(), String> {
    if domain.schools.is_empty() {
        return Ok(());
    }
    let own: HashSet<crate::domain::PersonId> = records
        .iter()
        .filter_map(|r| match r {
            AnyRecord::Person(p) if domain.schools.contains(&p.school) => Some(p.id),
            _ => None,
        })
        .collect();
    for r in records {
        if r.kind() == RecordKind::Person {
            continue;
        }
        if let Some(p) = r.person()
            && !own.contains(&p)
        {
            return Err(format!(
                "запись «{}» ({}) о работнике {p}, которого нет среди работников отправителя: пакет может нести                  только записи о своих работниках",
                r.kind().label(),
                r.uuid()
            ));
        }
    }
    Ok(())
}

/// Checks that a school's package (or a municipality's for the region) carries nothing that never leaves
/// a school (contacts, notes, document numbers, the note of an absence): a correct sender strips them, so
/// a package that has them is refused, naming the field. (The reason for leaving a job, which earlier
/// versions sent, is dropped by the receiver instead.)
pub fn check_kept_at_school(kind: super::package::PackageKind, records: &[AnyRecord]) -> Result<(), String> {
    if kind == super::package::PackageKind::Municipal {
        return Ok(());
    }
    for r in records {
        let field = match r {
            AnyRecord::Person(p) if !p.phone.is_empty() => Some("Телефон"),
            AnyRecord::Person(p) if !p.email.is_empty() => Some("Эл. почта"),
            AnyRecord::Person(p) if !p.note.is_empty() => Some("Примечание"),
            AnyRecord::Absence(a) if !a.note.is_empty() => Some("Примечание к отсутствию"),
            AnyRecord::Course(c) if !c.document_number.is_empty() => Some("№ удостоверения"),
            _ => None,
        };
        if let Some(field) = field {
            return Err(format!(
                "запись «{}» ({}) несёт поле «{field}», которое не покидает школу (152-ФЗ): пакет отклонён",
                r.kind().label(),
                r.uuid()
            ));
        }
    }
    Ok(())
}

/// Checks that no incoming record reuses the id of a record outside the package's domain: a package
/// replaces only its own rows and can never take over someone else's (another school's, or in a regional
/// copy another municipality's school).
pub fn check_foreign_ids(current: &Index, domain: &Domain, incoming: &[AnyRecord]) -> Result<(), String> {
    let foreign = |r: &&AnyRecord| {
        current.author_of(&(r.kind(), r.uuid())).is_some_and(|author| !domain.existing.contains(&author))
    };
    match incoming.iter().find(foreign) {
        Some(r) => Err(format!(
            "запись «{}» с идентификатором {} уже внесена другой организацией: пакет не может её заменить",
            r.kind().label(),
            r.uuid()
        )),
        None => Ok(()),
    }
}

/// Checks that every person and school the incoming records name is there after the merge: brought
/// by the package itself, or in the copy and not the package's own to remove. SQLite would refuse such a
/// row in the middle of the write; here the package is refused first, naming the record.
pub fn check_references(current: &Index, domain: &Domain, incoming: &[AnyRecord]) -> Result<(), String> {
    let brought: HashSet<Key> = incoming.iter().map(|r| (r.kind(), r.uuid())).collect();
    let stays = |key: Key| {
        brought.contains(&key) || current.author_of(&key).is_some_and(|author| !domain.existing.contains(&author))
    };
    for r in incoming {
        if let Some(school) = school_of(r)
            && !stays((RecordKind::Organisation, school.0))
        {
            return Err(format!(
                "запись «{}» ссылается на организацию {school}, которой нет ни в пакете, ни в копии",
                r.kind().label()
            ));
        }
        let named = r.person().filter(|_| r.kind() != RecordKind::Person).into_iter().chain(r.other_person());
        for p in named {
            if !stays((RecordKind::Person, p.0)) {
                return Err(format!(
                    "запись «{}» ссылается на работника {p}, которого нет ни в пакете, ни в копии",
                    r.kind().label()
                ));
            }
        }
    }
    Ok(())
}

/// A new database of an organisation taking the place of its lost one (re-enrolled by the receiver): the
/// receiver's records about the old database's people and organisation, re-linked to the new ones.
#[derive(Clone, Debug, Default)]
pub struct Succession {
    /// Records of others rewritten to name the new people and organisation.
    pub records: Vec<AnyRecord>,
    /// Old people whom records of others name and who match nobody: moved to the new organisation (so
    /// that one organisation keeps its code), kept while those records name them and flagged like anyone
    /// a school dropped.
    pub moved: Vec<AnyRecord>,
    /// How many old people were matched.
    pub linked: usize,
    /// Old people whom records of others name and who match nobody (or more than one) in the package.
    pub unlinked: Vec<String>,
}

impl Succession {
    /// Matches the old database's people (`old_people`) to the package's by ФИО and date of birth (case,
    /// Ё and spaces ignored) and rewrites `others` — records of other authors that name old people or the
    /// old organisation — to name the new ones. A person with no date of birth, or whose name and date
    /// fit more than one person on either side, is not matched: a wrong link would give one teacher
    /// another's category.
    pub fn of(
        orgs: (OrgId, OrgId),
        old_people: &[&crate::domain::Person],
        others: &[AnyRecord],
        incoming: &[AnyRecord],
    ) -> Succession {
        use crate::domain::text::name_key;
        type MatchKey = (String, chrono::NaiveDate);
        let key = |p: &crate::domain::Person| p.birth_date.map(|d| (name_key(&p.full_name()), d));
        let mut new_by_key: HashMap<MatchKey, Vec<PersonId>> = HashMap::new();
        for r in incoming {
            if let AnyRecord::Person(p) = r
                && let Some(k) = key(p)
            {
                new_by_key.entry(k).or_default().push(p.id);
            }
        }
        let mut old_by_key: HashMap<MatchKey, usize> = HashMap::new();
        for p in old_people {
            if let Some(k) = key(p) {
                *old_by_key.entry(k).or_default() += 1;
            }
        }
        let mut people = HashMap::new();
        for p in old_people {
            if let Some(k) = key(p)
                && old_by_key.get(&k) == Some(&1)
                && let Some([new]) = new_by_key.get(&k).map(Vec::as_slice)
            {
                people.insert(p.id, *new);
            }
        }
        let named: HashSet<PersonId> =
            others.iter().flat_map(|r| r.person().into_iter().chain(r.other_person())).collect();
        let mut unlinked: Vec<String> = old_people
            .iter()
            .filter(|p| named.contains(&p.id) && !people.contains_key(&p.id))
            .map(|p| match p.birth_date {
                Some(d) => format!("{}, {}", p.full_name(), d.format("%d.%m.%Y")),
                None => format!("{}, дата рождения не указана", p.full_name()),
            })
            .collect();
        unlinked.sort();
        let moved = old_people
            .iter()
            .filter(|p| named.contains(&p.id) && !people.contains_key(&p.id))
            .map(|p| {
                let mut p = (*p).clone();
                // The author stays the old database: while it has rows, every package of the new one
                // tries to match them again (a date of birth corrected at the school links them then).
                p.school = orgs.1;
                AnyRecord::Person(p)
            })
            .collect();
        let records = others.iter().filter_map(|r| r.relinked(orgs, &people)).collect();
        Succession { records, moved, linked: people.len(), unlinked }
    }
}

/// Plans the replacement of the domain's rows in `current` by `incoming`, whose JSON texts as stored are
/// `texts` (one for each record; when empty they are made here).
pub fn plan(current: &Index, domain: &Domain, incoming: Vec<AnyRecord>, texts: Vec<String>) -> Plan {
    plan_succeeding(current, domain, incoming, texts, Succession::default())
}

/// [`plan`] for a new database taking the place of a lost one (`domain.existing` holds the old
/// organisation too): the records of others in `succession` are re-linked, and an old person no record of
/// others names any more (after re-linking) is removed with the old database's rows.
pub fn plan_succeeding(
    current: &Index,
    domain: &Domain,
    incoming: Vec<AnyRecord>,
    texts: Vec<String>,
    succession: Succession,
) -> Plan {
    let texts =
        if texts.len() == incoming.len() { texts } else { incoming.iter().map(|r| r.to_json().to_string()).collect() };
    let mine = |author: OrgId| domain.existing.contains(&author);
    let mut plan = Plan {
        author: domain.sender,
        per_kind: BTreeMap::new(),
        puts: Vec::new(),
        fresh: Vec::new(),
        contents: Vec::new(),
        texts: Vec::new(),
        deletes: Vec::new(),
        kept: Vec::new(),
        flagged: Vec::new(),
        relinked: succession.records.len(),
        unlinked: succession.unlinked,
    };
    let moved: HashSet<PersonId> = succession
        .moved
        .iter()
        .filter_map(|r| match r {
            AnyRecord::Person(p) => Some(p.id),
            _ => None,
        })
        .collect();
    // Who a re-linked record still names once it is rewritten.
    let rewritten: HashMap<Key, Vec<PersonId>> = succession
        .records
        .iter()
        .map(|r| ((r.kind(), r.uuid()), r.person().into_iter().chain(r.other_person()).collect()))
        .collect();
    let mut seen = HashSet::new();
    let mut puts = Vec::new();
    for (r, text) in incoming.into_iter().zip(texts) {
        let key = (r.kind(), r.uuid());
        if !seen.insert(key) {
            continue;
        }
        let counts = plan.per_kind.entry(r.kind()).or_default();
        let content = fingerprint_text(&text);
        match current.entries.get(&key).filter(|e| mine(e.author)) {
            None => {
                counts.new += 1;
                puts.push((r, content, true, text));
            }
            Some(old) if old.content == content => counts.unchanged += 1,
            Some(_) => {
                counts.changed += 1;
                puts.push((r, content, false, text));
            }
        }
    }
    puts.sort_by_key(|(r, ..)| rank(r.kind()));
    for (r, content, fresh, text) in puts {
        plan.puts.push(r);
        plan.contents.push(content);
        plan.fresh.push(fresh);
        plan.texts.push(text);
    }
    let mut removed: Vec<Key> = domain
        .existing
        .iter()
        .filter_map(|a| current.by_author.get(a))
        .flatten()
        .filter(|k| !seen.contains(*k))
        .copied()
        .collect();
    removed.sort_by_key(|(k, id)| (std::cmp::Reverse(rank(*k)), *id));
    for (kind, id) in removed {
        if kind == RecordKind::Person {
            let person = PersonId(id);
            let refs: Vec<Key> = current
                .naming
                .get(&person)
                .into_iter()
                .flatten()
                .filter(|k| current.author_of(k).is_some_and(|a| !mine(a)))
                .filter(|k| rewritten.get(*k).is_none_or(|still| still.contains(&person)))
                .copied()
                .collect();
            if !refs.is_empty() {
                plan.kept.push(person);
                plan.flagged.extend(refs.iter().map(|(k, id)| (*k, *id, person)));
                continue;
            }
        }
        if kind == RecordKind::Organisation {
            let org = OrgId(id);
            let holds = |p: &PersonId| current.entries.get(&(RecordKind::Person, p.0)).and_then(|e| e.school);
            if plan.kept.iter().filter(|p| !moved.contains(p)).any(|p| holds(p) == Some(org)) {
                // A school whose dropped people stay (records of others name them) stays with them.
                continue;
            }
        }
        plan.per_kind.entry(kind).or_default().removed += 1;
        plan.deletes.push((kind, id));
    }
    // The moved people and the re-linked records of others come after the sender's records (the new
    // people they name are written first) and before the deletions (the old people they named go last).
    for r in succession.moved.into_iter().chain(succession.records) {
        let text = r.to_json().to_string();
        plan.contents.push(fingerprint_text(&text));
        plan.fresh.push(false);
        plan.texts.push(text);
        plan.puts.push(r);
    }
    plan
}
