//! Methodological associations (ШМО, РМО, тьюторский клуб, методический совет) as a whole: who belongs to
//! one and who heads it in a period, its meetings of a school year, and who attended each — the facts its
//! plan and its yearly report print (seed 001: «Учет участия педагогов в заседаниях РМО», «Планы работы
//! РМО», «отчёты по итогам работы РМО»).
//!
//! Membership is the people's own records (`Community`, one per person, as the indicators count it) with
//! the association's name; attendance is the people's participations (`Event` of kind «заседание
//! методического объединения») entered with the meeting's group. The association only adds what belongs to
//! the whole.

use super::dataset::Dataset;
use super::dates::{Period, SchoolYear};
use super::ids::*;
use super::kinds::{AnyRecord, RecordKind};
use super::labels::{CommunityRole, EventKind, EventRole};
use super::records::*;
use super::text::name_key;
use chrono::NaiveDate;

/// A member of an association in a period.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub person: PersonId,
    pub full_name: String,
    pub role: CommunityRole,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

/// The memberships of the association: those of its name as two spellings of a name compare
/// (`text::name_key`: case, spaces, ё and punctuation at the ends aside — the import matches names so).
fn memberships_of<'a>(data: &'a Dataset, a: &Association) -> impl Iterator<Item = &'a Community> {
    let key = name_key(&a.name);
    data.communities.iter().filter(move |c| name_key(&c.name) == key)
}

/// The members of the association at some time in `period`, by name (a person with two memberships of
/// it in the period — a member, then its head — once, in the last role).
pub fn members(data: &Dataset, a: &Association, period: Period) -> Vec<Member> {
    let mut out: Vec<Member> = Vec::new();
    let mut ms: Vec<&Community> = memberships_of(data, a).filter(|c| period.overlaps(c.start, c.end)).collect();
    ms.sort_by_key(|c| c.start);
    for c in ms {
        let Some(p) = data.persons.iter().find(|p| p.id == c.person) else { continue };
        let m = Member { person: p.id, full_name: p.full_name(), role: c.role, start: c.start, end: c.end };
        match out.iter_mut().find(|x| x.person == p.id) {
            Some(x) => *x = Member { start: x.start.min(c.start), ..m },
            None => out.push(m),
        }
    }
    out.sort_by(|x, y| {
        (x.role != CommunityRole::Leader).cmp(&(y.role != CommunityRole::Leader)).then(x.full_name.cmp(&y.full_name))
    });
    out
}

/// Who heads the association in the period: its members in the role «руководитель».
pub fn heads(members: &[Member]) -> Vec<&Member> {
    members.iter().filter(|m| m.role == CommunityRole::Leader).collect()
}

/// The meetings of the association in a school year, by date.
pub fn meetings(data: &Dataset, a: AssociationId, year: SchoolYear) -> Vec<&Meeting> {
    let mut out: Vec<&Meeting> =
        data.meetings.iter().filter(|m| m.association == a && year.period().contains(m.date)).collect();
    out.sort_by_key(|m| m.date);
    out
}

/// Who attended a meeting: the participations entered with it.
pub fn attended(data: &Dataset, m: &Meeting) -> Vec<PersonId> {
    let mut out: Vec<PersonId> = data.events.iter().filter(|e| e.group == Some(m.group)).map(|e| e.person).collect();
    out.sort();
    out.dedup();
    out
}

/// The changes that make `present` the attendance of the meeting: a participation for each one present
/// who has none (dated the meeting's day, at the association's level, titled by the association), the
/// participations of those no longer marked removed, and the meeting marked held when anyone was present.
pub fn attendance_changes(
    data: &Dataset,
    a: &Association,
    m: &Meeting,
    present: &[PersonId],
    author: OrgId,
) -> (Vec<AnyRecord>, Vec<(RecordKind, uuid::Uuid)>) {
    let existing: Vec<&Event> = data.events.iter().filter(|e| e.group == Some(m.group)).collect();
    let mut puts: Vec<AnyRecord> = Vec::new();
    for p in present {
        if existing.iter().any(|e| e.person == *p) {
            continue;
        }
        puts.push(
            Event {
                id: EventId::new(),
                author,
                person: *p,
                group: Some(m.group),
                title: a.name.clone(),
                kind: EventKind::AssociationMeeting,
                date: m.date,
                level: a.level,
                role: EventRole::Participant,
            }
            .into(),
        );
    }
    // The day or the association's name may have changed since: the records follow the meeting.
    for e in existing.iter().filter(|e| present.contains(&e.person)) {
        if e.date != m.date || e.title != a.name || e.level != a.level {
            puts.push(Event { date: m.date, title: a.name.clone(), level: a.level, ..(*e).clone() }.into());
        }
    }
    let deletes =
        existing.iter().filter(|e| !present.contains(&e.person)).map(|e| (RecordKind::Event, e.id.0)).collect();
    if !present.is_empty() && !m.held {
        puts.push(Meeting { held: true, ..m.clone() }.into());
    }
    (puts, deletes)
}

/// What follows an association edited to `new`: the memberships of its old name (renamed, of its kind
/// and level) and the participations of its meetings (titled by its name, at its level) — so that its members
/// stay its members when it is renamed. Only the records its own organisation wrote: a school's memberships
/// of a municipality's РМО are the school's to change (its next package would bring them back). Nothing when
/// the name, kind and level are unchanged (or it is new).
pub fn following(data: &Dataset, new: &Association) -> Vec<AnyRecord> {
    let Some(old) = data.associations.iter().find(|a| a.id == new.id) else { return Vec::new() };
    if (old.name.as_str(), old.kind, old.level) == (new.name.as_str(), new.kind, new.level) {
        return Vec::new();
    }
    let mut out: Vec<AnyRecord> = memberships_of(data, old)
        .filter(|c| c.author == new.author)
        .filter(|c| (c.name.as_str(), c.kind, c.level) != (new.name.as_str(), new.kind, new.level))
        .map(|c| Community { name: new.name.clone(), kind: new.kind, level: new.level, ..c.clone() }.into())
        .collect();
    let groups: Vec<GroupId> = data.meetings.iter().filter(|m| m.association == new.id).map(|m| m.group).collect();
    out.extend(
        data.events
            .iter()
            .filter(|e| e.author == new.author && e.group.is_some_and(|g| groups.contains(&g)))
            .filter(|e| (e.title.as_str(), e.level) != (new.name.as_str(), new.level))
            .map(|e| Event { title: new.name.clone(), level: new.level, ..e.clone() }.into()),
    );
    out
}
