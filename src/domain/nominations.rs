//! Nominations: teachers put forward for a course, a diagnostic, a contest or an event (seed 001:
//! «списки педагогов для участия в оценке предметных компетенций», «направление на обучение»), listed
//! together, and turned into the people's participations once it has taken place.

use super::dataset::Dataset;
use super::ids::*;
use super::kinds::AnyRecord;
use super::labels::{ContestResult, CourseKind, DiagnosticKind, EventKind, EventRole, Level, NominationKind};
use super::records::*;
use super::text::name_key;
use chrono::NaiveDate;

/// The teachers put forward together: the nominations sharing a group (or, entered one by one, the same
/// kind, title and date).
#[derive(Clone, Debug, PartialEq)]
pub struct List {
    pub kind: NominationKind,
    pub title: String,
    pub date: NaiveDate,
    pub end: Option<NaiveDate>,
    pub level: Level,
    pub provider: String,
    pub hours: u32,
    /// Every nomination of the list, by the person's name.
    pub nominations: Vec<Nomination>,
}

impl List {
    /// Whether every nomination of the list has become a participation.
    pub fn done(&self) -> bool {
        self.nominations.iter().all(|n| n.done)
    }

    /// «курсы повышения квалификации «…», 01.02.2027 – 15.02.2027».
    pub fn line(&self) -> String {
        let when = match self.end.filter(|e| *e != self.date) {
            Some(e) => format!("{} – {}", super::dates::fmt_date(self.date), super::dates::fmt_date(e)),
            None => super::dates::fmt_date(self.date),
        };
        format!("{} «{}», {when}", self.kind.label(), self.title)
    }
}

/// Whether two titles are one, as two spellings of a name compare (`text::name_key`: case, spaces, ё and
/// punctuation at the ends aside — the import matches titles so).
pub fn same_title(a: &str, b: &str) -> bool {
    name_key(a) == name_key(b)
}

/// Every list of the data, the latest first.
pub fn lists(data: &Dataset) -> Vec<List> {
    let names: std::collections::HashMap<PersonId, String> =
        data.persons.iter().map(|p| (p.id, p.full_name())).collect();
    let mut out: Vec<List> = Vec::new();
    for n in &data.nominations {
        let found = out.iter_mut().find(|l| {
            let first = &l.nominations[0];
            match (first.group, n.group) {
                (Some(a), Some(b)) => a == b,
                _ => first.kind == n.kind && first.date == n.date && same_title(&first.title, &n.title),
            }
        });
        match found {
            Some(l) => l.nominations.push(n.clone()),
            None => out.push(List {
                kind: n.kind,
                title: n.title.clone(),
                date: n.date,
                end: n.end,
                level: n.level,
                provider: n.provider.clone(),
                hours: n.hours,
                nominations: vec![n.clone()],
            }),
        }
    }
    for l in &mut out {
        l.nominations.sort_by_key(|n| names.get(&n.person).cloned().unwrap_or_default());
    }
    out.sort_by(|a, b| b.date.cmp(&a.date).then(a.title.cmp(&b.title)));
    out
}

/// The list whose title is `title` (the latest of that title).
pub fn find<'a>(lists: &'a [List], title: &str) -> Option<&'a List> {
    lists.iter().find(|l| same_title(&l.title, title))
}

/// The participation a nomination becomes: a course (повышение квалификации; its end the list's end, or
/// its day), a diagnostic (municipal at the school's and the municipality's level, else the ЦНППМ's
/// assessment of subject competences seed 001 names), a contest entry («участник»; the result is entered
/// when known), an event participation. Nothing is invented that the list does not say: a course's document
/// and final assessment, a diagnostic's level and score, a contest's result stay to be entered.
pub fn participation(n: &Nomination, author: OrgId) -> AnyRecord {
    let group = n.group;
    match n.kind {
        NominationKind::Course => Course {
            id: CourseId::new(),
            author,
            person: n.person,
            group,
            title: n.title.clone(),
            provider: n.provider.clone(),
            kind: CourseKind::Upgrade,
            hours: n.hours,
            start: Some(n.date),
            end: n.end.unwrap_or(n.date),
            form: None,
            document_kind: String::new(),
            document_number: String::new(),
            document_date: None,
            federal_register: false,
            fgos: false,
            gifted: false,
            priority_program: false,
            diagnostic: None,
            pedagogical_orientation: false,
            staff_shortage: false,
            final_assessment_passed: None,
            subject: String::new(),
        }
        .into(),
        NominationKind::Diagnostic => Diagnostic {
            id: DiagnosticId::new(),
            author,
            person: n.person,
            group,
            date: n.date,
            kind: if matches!(n.level, Level::School | Level::Municipal) {
                DiagnosticKind::Municipal
            } else {
                DiagnosticKind::SubjectCompetence
            },
            subject: String::new(),
            level: None,
            score: None,
            max_score: None,
            deficits: Vec::new(),
            recommendations: String::new(),
        }
        .into(),
        NominationKind::Contest => Contest {
            id: ContestId::new(),
            author,
            person: n.person,
            group,
            name: n.title.clone(),
            date: n.date,
            level: n.level,
            result: ContestResult::Participant,
        }
        .into(),
        NominationKind::Event => Event {
            id: EventId::new(),
            author,
            person: n.person,
            group,
            title: n.title.clone(),
            kind: EventKind::Other,
            date: n.date,
            level: n.level,
            role: EventRole::Participant,
        }
        .into(),
    }
}

/// Whether the person already has this participation (entered by hand or by an earlier conversion).
fn recorded(data: &Dataset, n: &Nomination) -> bool {
    let end = n.end.unwrap_or(n.date);
    match n.kind {
        NominationKind::Course => {
            data.courses.iter().any(|c| c.person == n.person && c.end == end && same_title(&c.title, &n.title))
        }
        NominationKind::Diagnostic => data.diagnostics.iter().any(|d| d.person == n.person && d.date == n.date),
        NominationKind::Contest => {
            data.contests.iter().any(|c| c.person == n.person && c.date == n.date && same_title(&c.name, &n.title))
        }
        NominationKind::Event => {
            data.events.iter().any(|e| e.person == n.person && e.date == n.date && same_title(&e.title, &n.title))
        }
    }
}

/// The records that mark the list as taken place for `present` (its nominated people who took part):
/// their participations (none for one who has it recorded already) and their nominations marked done. The
/// nominations of the others stay as they are — not done.
pub fn take_place(data: &Dataset, list: &List, present: &[PersonId], author: OrgId) -> Vec<AnyRecord> {
    let mut out = Vec::new();
    for n in list.nominations.iter().filter(|n| !n.done && present.contains(&n.person)) {
        if !recorded(data, n) {
            out.push(participation(n, author));
        }
        out.push(Nomination { done: true, ..n.clone() }.into());
    }
    out
}
