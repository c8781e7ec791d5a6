//! All records of a database in memory, indexed by person, and the computed state of each person on a
//! date. Indicators, the staff list and reports read this; storage fills it.

use super::dates::SchoolYear;
use super::ids::*;
use super::kinds::{AnyRecord, RecordKind};
use super::labels::{Category, OrgRole};
use super::records::*;
use super::rules::{self, CategoryState, CoursesDue, RuleSettings, SzdStatus};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

/// Every record of a database.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    pub organisations: Vec<Organisation>,
    pub persons: Vec<Person>,
    pub employments: Vec<Employment>,
    pub absences: Vec<Absence>,
    pub assignments: Vec<Assignment>,
    pub attestations: Vec<Attestation>,
    pub courses: Vec<Course>,
    pub diagnostics: Vec<Diagnostic>,
    pub routes: Vec<Route>,
    pub mentorships: Vec<Mentorship>,
    pub contests: Vec<Contest>,
    pub expert_works: Vec<ExpertWork>,
    pub communities: Vec<Community>,
    pub events: Vec<Event>,
    pub vacancies: Vec<Vacancy>,
    pub reserves: Vec<Reserve>,
    pub targets: Vec<Target>,
    pub entered: Vec<EnteredIndicator>,
    pub goals: Vec<Goal>,
    pub findings: Vec<Finding>,
    pub recommendations: Vec<Recommendation>,
    pub measures: Vec<Measure>,
    pub decisions: Vec<Decision>,
    pub effects: Vec<Effect>,
    /// The monitoring schedule of each organisation (empty: the regulations' default, `cycle::default_schedule`).
    pub schedule: Vec<ScheduleItem>,
    pub awards: Vec<Award>,
    pub requests: Vec<Request>,
    pub practices: Vec<Practice>,
    pub risks: Vec<Risk>,
    pub orders: Vec<Order>,
    pub associations: Vec<Association>,
    pub meetings: Vec<Meeting>,
    pub nominations: Vec<Nomination>,
}

impl Dataset {
    /// Makes room for `additional` more records of `kind` (storage knows the count before it reads: a
    /// regional copy's lists would otherwise grow by doubling, a quarter of their memory unused).
    pub fn reserve(&mut self, kind: RecordKind, additional: usize) {
        match kind {
            RecordKind::Organisation => self.organisations.reserve_exact(additional),
            RecordKind::Person => self.persons.reserve_exact(additional),
            RecordKind::Employment => self.employments.reserve_exact(additional),
            RecordKind::Absence => self.absences.reserve_exact(additional),
            RecordKind::Assignment => self.assignments.reserve_exact(additional),
            RecordKind::Attestation => self.attestations.reserve_exact(additional),
            RecordKind::Course => self.courses.reserve_exact(additional),
            RecordKind::Diagnostic => self.diagnostics.reserve_exact(additional),
            RecordKind::Route => self.routes.reserve_exact(additional),
            RecordKind::Mentorship => self.mentorships.reserve_exact(additional),
            RecordKind::Contest => self.contests.reserve_exact(additional),
            RecordKind::ExpertWork => self.expert_works.reserve_exact(additional),
            RecordKind::Community => self.communities.reserve_exact(additional),
            RecordKind::Event => self.events.reserve_exact(additional),
            RecordKind::Vacancy => self.vacancies.reserve_exact(additional),
            RecordKind::Reserve => self.reserves.reserve_exact(additional),
            RecordKind::Target => self.targets.reserve_exact(additional),
            RecordKind::EnteredIndicator => self.entered.reserve_exact(additional),
            RecordKind::Goal => self.goals.reserve_exact(additional),
            RecordKind::Finding => self.findings.reserve_exact(additional),
            RecordKind::Recommendation => self.recommendations.reserve_exact(additional),
            RecordKind::Measure => self.measures.reserve_exact(additional),
            RecordKind::Decision => self.decisions.reserve_exact(additional),
            RecordKind::Effect => self.effects.reserve_exact(additional),
            RecordKind::ScheduleItem => self.schedule.reserve_exact(additional),
            RecordKind::Award => self.awards.reserve_exact(additional),
            RecordKind::Request => self.requests.reserve_exact(additional),
            RecordKind::Practice => self.practices.reserve_exact(additional),
            RecordKind::Risk => self.risks.reserve_exact(additional),
            RecordKind::Order => self.orders.reserve_exact(additional),
            RecordKind::Association => self.associations.reserve_exact(additional),
            RecordKind::Meeting => self.meetings.reserve_exact(additional),
            RecordKind::Nomination => self.nominations.reserve_exact(additional),
        }
    }

    /// Adds one record to the matching list.
    pub fn push(&mut self, record: AnyRecord) {
        match record {
            AnyRecord::Organisation(r) => self.organisations.push(r),
            AnyRecord::Person(r) => self.persons.push(r),
            AnyRecord::Employment(r) => self.employments.push(r),
            AnyRecord::Absence(r) => self.absences.push(r),
            AnyRecord::Assignment(r) => self.assignments.push(r),
            AnyRecord::Attestation(r) => self.attestations.push(r),
            AnyRecord::Course(r) => self.courses.push(r),
            AnyRecord::Diagnostic(r) => self.diagnostics.push(r),
            AnyRecord::Route(r) => self.routes.push(r),
            AnyRecord::Mentorship(r) => self.mentorships.push(r),
            AnyRecord::Contest(r) => self.contests.push(r),
            AnyRecord::ExpertWork(r) => self.expert_works.push(r),
            AnyRecord::Community(r) => self.communities.push(r),
            AnyRecord::Event(r) => self.events.push(r),
            AnyRecord::Vacancy(r) => self.vacancies.push(r),
            AnyRecord::Reserve(r) => self.reserves.push(r),
            AnyRecord::Target(r) => self.targets.push(r),
            AnyRecord::EnteredIndicator(r) => self.entered.push(r),
            AnyRecord::Goal(r) => self.goals.push(r),
            AnyRecord::Finding(r) => self.findings.push(r),
            AnyRecord::Recommendation(r) => self.recommendations.push(r),
            AnyRecord::Measure(r) => self.measures.push(r),
            AnyRecord::Decision(r) => self.decisions.push(r),
            AnyRecord::Effect(r) => self.effects.push(r),
            AnyRecord::ScheduleItem(r) => self.schedule.push(r),
            AnyRecord::Award(r) => self.awards.push(r),
            AnyRecord::Request(r) => self.requests.push(r),
            AnyRecord::Practice(r) => self.practices.push(r),
            AnyRecord::Risk(r) => self.risks.push(r),
            AnyRecord::Order(r) => self.orders.push(r),
            AnyRecord::Association(r) => self.associations.push(r),
            AnyRecord::Meeting(r) => self.meetings.push(r),
            AnyRecord::Nomination(r) => self.nominations.push(r),
        }
    }

    /// Writes one record as the database now holds it: in its place if a record of its kind and id is
    /// there (storage updates a row in place), else at the end (a new row comes last) — the same order a
    /// fresh load gives, so that a screen patched after a save shows what a reload would.
    pub fn upsert(&mut self, record: AnyRecord) {
        match record {
            AnyRecord::Organisation(r) => upsert_in(&mut self.organisations, r, |x| x.id.0),
            AnyRecord::Person(r) => upsert_in(&mut self.persons, r, |x| x.id.0),
            AnyRecord::Employment(r) => upsert_in(&mut self.employments, r, |x| x.id.0),
            AnyRecord::Absence(r) => upsert_in(&mut self.absences, r, |x| x.id.0),
            AnyRecord::Assignment(r) => upsert_in(&mut self.assignments, r, |x| x.id.0),
            AnyRecord::Attestation(r) => upsert_in(&mut self.attestations, r, |x| x.id.0),
            AnyRecord::Course(r) => upsert_in(&mut self.courses, r, |x| x.id.0),
            AnyRecord::Diagnostic(r) => upsert_in(&mut self.diagnostics, r, |x| x.id.0),
            AnyRecord::Route(r) => upsert_in(&mut self.routes, r, |x| x.id.0),
            AnyRecord::Mentorship(r) => upsert_in(&mut self.mentorships, r, |x| x.id.0),
            AnyRecord::Contest(r) => upsert_in(&mut self.contests, r, |x| x.id.0),
            AnyRecord::ExpertWork(r) => upsert_in(&mut self.expert_works, r, |x| x.id.0),
            AnyRecord::Community(r) => upsert_in(&mut self.communities, r, |x| x.id.0),
            AnyRecord::Event(r) => upsert_in(&mut self.events, r, |x| x.id.0),
            AnyRecord::Vacancy(r) => upsert_in(&mut self.vacancies, r, |x| x.id.0),
            AnyRecord::Reserve(r) => upsert_in(&mut self.reserves, r, |x| x.id.0),
            AnyRecord::Target(r) => upsert_in(&mut self.targets, r, |x| x.id.0),
            AnyRecord::EnteredIndicator(r) => upsert_in(&mut self.entered, r, |x| x.id.0),
            AnyRecord::Goal(r) => upsert_in(&mut self.goals, r, |x| x.id.0),
            AnyRecord::Finding(r) => upsert_in(&mut self.findings, r, |x| x.id.0),
            AnyRecord::Recommendation(r) => upsert_in(&mut self.recommendations, r, |x| x.id.0),
            AnyRecord::Measure(r) => upsert_in(&mut self.measures, r, |x| x.id.0),
            AnyRecord::Decision(r) => upsert_in(&mut self.decisions, r, |x| x.id.0),
            AnyRecord::Effect(r) => upsert_in(&mut self.effects, r, |x| x.id.0),
            AnyRecord::ScheduleItem(r) => upsert_in(&mut self.schedule, r, |x| x.id.0),
            AnyRecord::Award(r) => upsert_in(&mut self.awards, r, |x| x.id.0),
            AnyRecord::Request(r) => upsert_in(&mut self.requests, r, |x| x.id.0),
            AnyRecord::Practice(r) => upsert_in(&mut self.practices, r, |x| x.id.0),
            AnyRecord::Risk(r) => upsert_in(&mut self.risks, r, |x| x.id.0),
            AnyRecord::Order(r) => upsert_in(&mut self.orders, r, |x| x.id.0),
            AnyRecord::Association(r) => upsert_in(&mut self.associations, r, |x| x.id.0),
            AnyRecord::Meeting(r) => upsert_in(&mut self.meetings, r, |x| x.id.0),
            AnyRecord::Nomination(r) => upsert_in(&mut self.nominations, r, |x| x.id.0),
        }
    }

    /// Removes the record of a kind and id, if there.
    pub fn remove(&mut self, kind: RecordKind, id: uuid::Uuid) {
        match kind {
            RecordKind::Organisation => self.organisations.retain(|x| x.id.0 != id),
            RecordKind::Person => self.persons.retain(|x| x.id.0 != id),
            RecordKind::Employment => self.employments.retain(|x| x.id.0 != id),
            RecordKind::Absence => self.absences.retain(|x| x.id.0 != id),
            RecordKind::Assignment => self.assignments.retain(|x| x.id.0 != id),
            RecordKind::Attestation => self.attestations.retain(|x| x.id.0 != id),
            RecordKind::Course => self.courses.retain(|x| x.id.0 != id),
            RecordKind::Diagnostic => self.diagnostics.retain(|x| x.id.0 != id),
            RecordKind::Route => self.routes.retain(|x| x.id.0 != id),
            RecordKind::Mentorship => self.mentorships.retain(|x| x.id.0 != id),
            RecordKind::Contest => self.contests.retain(|x| x.id.0 != id),
            RecordKind::ExpertWork => self.expert_works.retain(|x| x.id.0 != id),
            RecordKind::Community => self.communities.retain(|x| x.id.0 != id),
            RecordKind::Event => self.events.retain(|x| x.id.0 != id),
            RecordKind::Vacancy => self.vacancies.retain(|x| x.id.0 != id),
            RecordKind::Reserve => self.reserves.retain(|x| x.id.0 != id),
            RecordKind::Target => self.targets.retain(|x| x.id.0 != id),
            RecordKind::EnteredIndicator => self.entered.retain(|x| x.id.0 != id),
            RecordKind::Goal => self.goals.retain(|x| x.id.0 != id),
            RecordKind::Finding => self.findings.retain(|x| x.id.0 != id),
            RecordKind::Recommendation => self.recommendations.retain(|x| x.id.0 != id),
            RecordKind::Measure => self.measures.retain(|x| x.id.0 != id),
            RecordKind::Decision => self.decisions.retain(|x| x.id.0 != id),
            RecordKind::Effect => self.effects.retain(|x| x.id.0 != id),
            RecordKind::ScheduleItem => self.schedule.retain(|x| x.id.0 != id),
            RecordKind::Award => self.awards.retain(|x| x.id.0 != id),
            RecordKind::Request => self.requests.retain(|x| x.id.0 != id),
            RecordKind::Practice => self.practices.retain(|x| x.id.0 != id),
            RecordKind::Risk => self.risks.retain(|x| x.id.0 != id),
            RecordKind::Order => self.orders.retain(|x| x.id.0 != id),
            RecordKind::Association => self.associations.retain(|x| x.id.0 != id),
            RecordKind::Meeting => self.meetings.retain(|x| x.id.0 != id),
            RecordKind::Nomination => self.nominations.retain(|x| x.id.0 != id),
        }
    }

    /// The number of records of every kind.
    pub fn len(&self) -> usize {
        let d = self;
        [
            d.organisations.len(),
            d.persons.len(),
            d.employments.len(),
            d.absences.len(),
            d.assignments.len(),
            d.attestations.len(),
            d.courses.len(),
            d.diagnostics.len(),
            d.routes.len(),
            d.mentorships.len(),
            d.contests.len(),
            d.expert_works.len(),
            d.communities.len(),
            d.events.len(),
            d.vacancies.len(),
            d.reserves.len(),
            d.targets.len(),
            d.entered.len(),
            d.goals.len(),
            d.findings.len(),
            d.recommendations.len(),
            d.measures.len(),
            d.decisions.len(),
            d.effects.len(),
            d.schedule.len(),
            d.awards.len(),
            d.requests.len(),
            d.practices.len(),
            d.risks.len(),
            d.orders.len(),
            d.associations.len(),
            d.meetings.len(),
            d.nominations.len(),
        ]
        .iter()
        .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every record, as `AnyRecord`s, in a stable order (kind by kind, as stored).
    pub fn records(&self) -> Vec<AnyRecord> {
        let mut out = Vec::new();
        out.extend(self.organisations.iter().cloned().map(AnyRecord::from));
        out.extend(self.persons.iter().cloned().map(AnyRecord::from));
        out.extend(self.employments.iter().cloned().map(AnyRecord::from));
        out.extend(self.absences.iter().cloned().map(AnyRecord::from));
        out.extend(self.assignments.iter().cloned().map(AnyRecord::from));
        out.extend(self.attestations.iter().cloned().map(AnyRecord::from));
        out.extend(self.courses.iter().cloned().map(AnyRecord::from));
        out.extend(self.diagnostics.iter().cloned().map(AnyRecord::from));
        out.extend(self.routes.iter().cloned().map(AnyRecord::from));
        out.extend(self.mentorships.iter().cloned().map(AnyRecord::from));
        out.extend(self.contests.iter().cloned().map(AnyRecord::from));
        out.extend(self.expert_works.iter().cloned().map(AnyRecord::from));
        out.extend(self.communities.iter().cloned().map(AnyRecord::from));
        out.extend(self.events.iter().cloned().map(AnyRecord::from));
        out.extend(self.vacancies.iter().cloned().map(AnyRecord::from));
        out.extend(self.reserves.iter().cloned().map(AnyRecord::from));
        out.extend(self.targets.iter().cloned().map(AnyRecord::from));
        out.extend(self.entered.iter().cloned().map(AnyRecord::from));
        out.extend(self.goals.iter().cloned().map(AnyRecord::from));
        out.extend(self.findings.iter().cloned().map(AnyRecord::from));
        out.extend(self.recommendations.iter().cloned().map(AnyRecord::from));
        out.extend(self.measures.iter().cloned().map(AnyRecord::from));
        out.extend(self.decisions.iter().cloned().map(AnyRecord::from));
        out.extend(self.effects.iter().cloned().map(AnyRecord::from));
        out.extend(self.schedule.iter().cloned().map(AnyRecord::from));
        out.extend(self.awards.iter().cloned().map(AnyRecord::from));
        out.extend(self.requests.iter().cloned().map(AnyRecord::from));
        out.extend(self.practices.iter().cloned().map(AnyRecord::from));
        out.extend(self.risks.iter().cloned().map(AnyRecord::from));
        out.extend(self.orders.iter().cloned().map(AnyRecord::from));
        out.extend(self.associations.iter().cloned().map(AnyRecord::from));
        out.extend(self.meetings.iter().cloned().map(AnyRecord::from));
        out.extend(self.nominations.iter().cloned().map(AnyRecord::from));
        out
    }

    /// The organisation this database belongs to (the first one of role school, municipality or region
    /// created with it); see `storage::Store::own_org`.
    pub fn organisation(&self, id: OrgId) -> Option<&Organisation> {
        self.organisations.iter().find(|o| o.id == id)
    }

    /// Schools in the dataset.
    pub fn schools(&self) -> impl Iterator<Item = &Organisation> {
        self.organisations.iter().filter(|o| o.role == OrgRole::School)
    }

    /// Builds the per-person index.
    pub fn index(&self) -> PersonIndex<'_> {
        PersonIndex::build(self)
    }
}

/// Every record of one person, by kind.
#[derive(Clone, Debug, Default)]
pub struct PersonRecords<'a> {
    pub employments: Vec<&'a Employment>,
    pub absences: Vec<&'a Absence>,
    pub assignments: Vec<&'a Assignment>,
    pub attestations: Vec<&'a Attestation>,
    pub courses: Vec<&'a Course>,
    pub diagnostics: Vec<&'a Diagnostic>,
    pub routes: Vec<&'a Route>,
    /// Pairs where the person is the mentee.
    pub mentored: Vec<&'a Mentorship>,
    /// Pairs where the person is the mentor.
    pub mentoring: Vec<&'a Mentorship>,
    pub contests: Vec<&'a Contest>,
    pub expert_works: Vec<&'a ExpertWork>,
    pub communities: Vec<&'a Community>,
    pub events: Vec<&'a Event>,
    pub reserves: Vec<&'a Reserve>,
}

/// The records of every person, looked up by id.
pub struct PersonIndex<'a> {
    pub data: &'a Dataset,
    /// Each person's place in `lists` (a map of small values, and the lists in one allocation: a map
    /// of the lists themselves took a third more memory for a regional copy).
    position: HashMap<PersonId, u32>,
    lists: Vec<PersonRecords<'a>>,
}

impl<'a> PersonIndex<'a> {
    fn build(data: &'a Dataset) -> Self {
        let position: HashMap<PersonId, u32> = data.persons.iter().enumerate().map(|(i, p)| (p.id, i as u32)).collect();
        // Two passes: count each person's records of each kind, then fill lists made at that size (lists
        // grown by doubling left a quarter of their memory unused).
        let mut counts = vec![[0u32; 14]; data.persons.len()];
        let mut lists: Vec<PersonRecords<'a>> = Vec::with_capacity(data.persons.len());
        macro_rules! kinds {
            ($each:ident) => {
                $each!(0, employments, person, employments);
                $each!(1, absences, person, absences);
                $each!(2, assignments, person, assignments);
                $each!(3, attestations, person, attestations);
                $each!(4, courses, person, courses);
                $each!(5, diagnostics, person, diagnostics);
                $each!(6, routes, person, routes);
                $each!(7, mentorships, mentee, mentored);
                $each!(9, contests, person, contests);
                $each!(10, expert_works, person, expert_works);
                $each!(11, communities, person, communities);
                $each!(12, events, person, events);
                $each!(13, reserves, person, reserves);
            };
        }
        macro_rules! count {
            ($slot:literal, $list:ident, $field:ident, $target:ident) => {
                for r in &data.$list {
                    if let Some(&i) = position.get(&r.$field) {
                        counts[i as usize][$slot] += 1;
                    }
                }
            };
        }
        kinds!(count);
        for m in &data.mentorships {
            if let Some(&i) = m.mentor.as_ref().and_then(|mentor| position.get(mentor)) {
                counts[i as usize][8] += 1;
            }
        }
        for c in &counts {
            lists.push(PersonRecords {
                employments: Vec::with_capacity(c[0] as usize),
                absences: Vec::with_capacity(c[1] as usize),
                assignments: Vec::with_capacity(c[2] as usize),
                attestations: Vec::with_capacity(c[3] as usize),
                courses: Vec::with_capacity(c[4] as usize),
                diagnostics: Vec::with_capacity(c[5] as usize),
                routes: Vec::with_capacity(c[6] as usize),
                mentored: Vec::with_capacity(c[7] as usize),
                mentoring: Vec::with_capacity(c[8] as usize),
                contests: Vec::with_capacity(c[9] as usize),
                expert_works: Vec::with_capacity(c[10] as usize),
                communities: Vec::with_capacity(c[11] as usize),
                events: Vec::with_capacity(c[12] as usize),
                reserves: Vec::with_capacity(c[13] as usize),
            });
        }
        drop(counts);
        macro_rules! fill {
            ($slot:literal, $list:ident, $field:ident, $target:ident) => {
                for r in &data.$list {
                    if let Some(&i) = position.get(&r.$field) {
                        lists[i as usize].$target.push(r);
                    }
                }
            };
        }
        kinds!(fill);
        for m in &data.mentorships {
            if let Some(&i) = m.mentor.as_ref().and_then(|mentor| position.get(mentor)) {
                lists[i as usize].mentoring.push(m);
            }
        }
        Self { data, position, lists }
    }

    pub fn records(&self, person: PersonId) -> Option<&PersonRecords<'a>> {
        self.position.get(&person).map(|&i| &self.lists[i as usize])
    }

    /// The computed state of a person on `date`.
    pub fn state(&self, person: &'a Person, date: NaiveDate, settings: &RuleSettings) -> PersonState {
        let empty = PersonRecords::default();
        let r = self.records(person.id).unwrap_or(&empty);
        let category = rules::category_state(r.attestations.iter().copied(), date, settings.expiry_horizon_months);
        let courses = rules::courses_due(r.courses.iter().copied(), date, settings.course_period_years);
        let assignment = rules::assignment_on(r.assignments.iter().copied(), date);
        let young = rules::is_young(person, date, settings);
        let has_mentor = r.mentored.iter().any(|m| m.start <= date && m.end.is_none_or(|e| e >= date));
        PersonState {
            id: person.id,
            full_name: person.full_name(),
            female: person.sex == Some(super::labels::Sex::Female),
            employed: rules::employed_on(r.employments.iter().copied(), date),
            pedagogical: person.pedagogical,
            management: person.management,
            age: person.birth_date.map(|b| rules::age_on(b, date)),
            experience: person.ped_experience_start.map(|s| rules::experience_on(s, date)),
            category,
            courses,
            szd: rules::szd_status(person, &r.employments, &r.absences, &r.attestations, date),
            young,
            young_without_mentor: young && !has_mentor,
            school_year: SchoolYear::of(date),
            positions: assignment.map(|a| a.positions.clone()).unwrap_or_default(),
            subjects: assignment.map(|a| a.subjects.iter().map(|s| s.subject.clone()).collect()).unwrap_or_default(),
            load_hours: assignment.map(|a| a.load_hours),
        }
    }
}

/// What the app computes for a person on a date: the line of the staff list.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonState {
    pub id: PersonId,
    pub full_name: String,
    /// For the words that agree with the person («освобождена»).
    pub female: bool,
    pub employed: bool,
    pub pedagogical: bool,
    pub management: bool,
    pub age: Option<i32>,
    pub experience: Option<i32>,
    pub category: CategoryState,
    pub courses: CoursesDue,
    pub szd: SzdStatus,
    pub young: bool,
    pub young_without_mentor: bool,
    pub school_year: SchoolYear,
    pub positions: Vec<String>,
    pub subjects: Vec<String>,
    pub load_hours: Option<f32>,
}

/// The JSON shape of a person's state (`uchrost teachers --json`).
#[derive(Serialize)]
pub struct PersonStateJson {
    pub id: String,
    pub full_name: String,
    pub age: Option<i32>,
    pub experience_years: Option<i32>,
    pub category: Option<&'static str>,
    pub category_state: &'static str,
    pub category_valid_until: Option<String>,
    pub apply_by: Option<String>,
    pub last_course_end: Option<String>,
    pub courses_due: bool,
    pub courses_due_from: Option<String>,
    pub szd: String,
    pub young: bool,
    pub young_without_mentor: bool,
    pub school_year: String,
    pub positions: Vec<String>,
    pub subjects: Vec<String>,
    pub load_hours: Option<f32>,
}

impl PersonState {
    pub fn to_json(&self) -> PersonStateJson {
        use super::dates::fmt_date;
        let (until, apply_by) = match self.category {
            CategoryState::Expiring { until, apply_by, .. } => (Some(until), Some(apply_by)),
            other => (other.until(), None),
        };
        PersonStateJson {
            id: self.id.to_string(),
            full_name: self.full_name.clone(),
            age: self.age,
            experience_years: self.experience,
            category: self.category.category().map(Category::label),
            category_state: self.category.label(),
            category_valid_until: until.map(fmt_date),
            apply_by: apply_by.map(fmt_date),
            last_course_end: self.courses.last_end.map(fmt_date),
            courses_due: self.courses.due,
            courses_due_from: self.courses.due_from.map(fmt_date),
            szd: self.szd_label(),
            young: self.young,
            young_without_mentor: self.young_without_mentor,
            school_year: self.school_year.to_string(),
            positions: self.positions.clone(),
            subjects: self.subjects.clone(),
            load_hours: self.load_hours,
        }
    }

    /// The category as the card's header and the lists say it: «высшая категория, бессрочно», «первая
    /// категория до 14.03.2026», «первая категория истекает 14.03.2026 (подать до 14.12.2025)», «первая
    /// категория истекла 31.05.2025», «без категории».
    pub fn category_text(&self) -> String {
        use super::dates::fmt_date;
        match self.category {
            CategoryState::Valid { category, until: None } => format!("{} категория, бессрочно", category.label()),
            CategoryState::Valid { category, until: Some(u) } => {
                format!("{} категория до {}", category.label(), fmt_date(u))
            }
            CategoryState::Expiring { category, until, apply_by } => format!(
                "{} категория истекает {} (подать до {})",
                category.label(),
                fmt_date(until),
                fmt_date(apply_by)
            ),
            CategoryState::Expired { category, until } => {
                format!("{} категория истекла {}", category.label(), fmt_date(until))
            }
            CategoryState::None => "без категории".into(),
        }
    }

    /// What to do next about attestation on `date`, in Russian: the one wording of «Сегодня», the card,
    /// the attestation plan and its report. A category without an end date needs nothing; one with an
    /// end date is applied for by 3 months before it; after a category has expired, or without one, the
    /// СЗД rule says what is due (with the category as the other way).
    pub fn attestation_step(&self, date: NaiveDate) -> String {
        use super::dates::fmt_date;
        let szd = || match &self.szd {
            SzdStatus::Due { .. } => format!("аттестация на СЗД {}", self.szd_label()),
            SzdStatus::Done { until } => format!("СЗД действует до {}", fmt_date(*until)),
            SzdStatus::Exempt { until, reason } if *until != NaiveDate::MAX => {
                format!("{} от СЗД до {} ({reason})", self.exempt_word(), fmt_date(*until))
            }
            SzdStatus::Exempt { reason, .. } => format!("{} от СЗД: {reason}", self.exempt_word()),
            SzdStatus::NotApplicable => String::new(),
        };
        match self.category {
            CategoryState::Valid { category: Category::Highest, until: None } => {
                "высшая категория бессрочна — аттестация не требуется".into()
            }
            CategoryState::Valid { until: None, .. } => {
                "категория бессрочна — аттестация не требуется (на высшую — по желанию)".into()
            }
            CategoryState::Valid { until: Some(until), .. } | CategoryState::Expiring { until, .. } => {
                let apply_by = super::rules::apply_by(until);
                if apply_by < date {
                    format!("срок подачи заявления прошёл {} — подать немедленно", fmt_date(apply_by))
                } else {
                    format!("подать заявление до {}", fmt_date(apply_by))
                }
            }
            CategoryState::Expired { until, .. } => match szd() {
                s if s.is_empty() => format!("категория истекла {} — подать заявление", fmt_date(until)),
                s => format!("категория истекла {}: {s} (или заявление на категорию)", fmt_date(until)),
            },
            CategoryState::None => match szd() {
                s if s.is_empty() => "первая категория — по желанию".into(),
                s => format!("{s}; первая категория — по желанию"),
            },
        }
    }

    /// «освобождён» or «освобождена», by the person's sex (masculine when unknown).
    fn exempt_word(&self) -> &'static str {
        if self.female { "освобождена" } else { "освобождён" }
    }

    /// The СЗД state in Russian.
    pub fn szd_label(&self) -> String {
        use super::dates::fmt_date;
        match &self.szd {
            SzdStatus::NotApplicable => "не требуется".into(),
            SzdStatus::Done { until } => format!("пройдена, действует до {}", fmt_date(*until)),
            SzdStatus::Exempt { until, reason } if *until == NaiveDate::MAX => {
                format!("{}: {reason}", self.exempt_word())
            }
            SzdStatus::Exempt { until, reason } => {
                format!("{} до {}: {reason}", self.exempt_word(), fmt_date(*until))
            }
            SzdStatus::Due { since, hire_unknown: false } => format!("требуется с {}", fmt_date(*since)),
            SzdStatus::Due { since, hire_unknown: true } => format!(
                "требуется с {} (дата приёма неизвестна — освобождение «менее 2 лет в должности» не проверено)",
                fmt_date(*since)
            ),
        }
    }
}

fn upsert_in<T>(list: &mut Vec<T>, record: T, id: impl Fn(&T) -> uuid::Uuid) {
    let key = id(&record);
    match list.iter_mut().find(|x| id(x) == key) {
        Some(slot) => *slot = record,
        None => list.push(record),
    }
}
