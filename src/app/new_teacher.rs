//! A new teacher from one form, as the deputy head has them on paper: ФИО, date of birth, hire date,
//! position(s), subjects and load for the current school year, education, category with its decision date
//! (or none), pedagogical experience. One save writes the person, the work period from the hire date (not
//! from today), the year's assignment and the category — one action in the history.

use super::AppError;
use crate::domain::dates::parse_typed;
use crate::domain::*;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The form as typed (texts; dates as people write them).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewTeacher {
    pub last_name: String,
    pub first_name: String,
    pub middle_name: String,
    pub birth_date: String,
    pub hired: String,
    /// Positions, comma-separated («учитель, классный руководитель»).
    pub positions: String,
    /// Subjects, comma-separated.
    pub subjects: String,
    /// Weekly load for the current school year, hours.
    pub load: String,
    pub education: Option<EducationLevel>,
    /// The category held, if any (a первая or высшая, or СЗД), with its decision date.
    pub category: Option<Category>,
    pub category_date: String,
    pub ped_experience_start: String,
}

/// What is wrong, by the form's field («hired», «category_date» …), in Russian.
pub type Problems = BTreeMap<&'static str, String>;

fn list(text: &str) -> Vec<String> {
    text.split([',', ';']).map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect()
}

impl NewTeacher {
    /// The records to write (person, work period, the year's assignment, the category), or what is wrong
    /// with each field. Every record is also checked by the domain's validation, field by field.
    pub fn records(&self, school: OrgId, today: NaiveDate) -> Result<Vec<AnyRecord>, Problems> {
        let mut problems = Problems::new();
        let mut date = |field: &'static str, text: &str, required: bool| -> Option<NaiveDate> {
            if text.trim().is_empty() {
                if required {
                    problems.insert(field, "поле не заполнено".into());
                }
                return None;
            }
            parse_typed(text).map_err(|e| problems.insert(field, e)).ok()
        };
        let birth = date("birth_date", &self.birth_date, false);
        let hired = date("hired", &self.hired, true);
        let ped = date("ped_experience_start", &self.ped_experience_start, false);
        let decided = date("category_date", &self.category_date, self.category.is_some());
        let load = if self.load.trim().is_empty() {
            0.0
        } else {
            match self.load.trim().replace(',', ".").parse::<f32>() {
                Ok(v) if (0.0..=60.0).contains(&v) => v,
                _ => {
                    problems.insert("load", format!("«{}» — число часов в неделю, от 0 до 60", self.load.trim()));
                    0.0
                }
            }
        };
        let mut person = Person::new(school, school, &self.last_name, &self.first_name, &self.middle_name);
        person.birth_date = birth;
        person.education = self.education;
        person.ped_experience_start = ped;
        let id = person.id;
        let mut records: Vec<AnyRecord> = vec![person.into()];
        if let Some(start) = hired {
            records.push(
                Employment {
                    id: EmploymentId::new(),
                    author: school,
                    person: id,
                    start,
                    end: None,
                    end_reason: String::new(),
                    start_unknown: false,
                }
                .into(),
            );
        }
        let (positions, subjects) = (list(&self.positions), list(&self.subjects));
        if !positions.is_empty() || !subjects.is_empty() || load > 0.0 {
            records.push(
                Assignment {
                    id: AssignmentId::new(),
                    author: school,
                    person: id,
                    year: SchoolYear::of(today),
                    positions,
                    subjects: subjects
                        .into_iter()
                        .map(|subject| SubjectLoad { subject, hours: 0.0, education_match: None })
                        .collect(),
                    load_hours: load,
                }
                .into(),
            );
        }
        if let (Some(result), Some(decision_date)) = (self.category, decided) {
            records.push(
                Attestation {
                    id: AttestationId::new(),
                    author: school,
                    person: id,
                    result,
                    decision_date,
                    order_date: None,
                    order_number: String::new(),
                    body: None,
                    position: String::new(),
                    recommendations: false,
                    recommendations_text: String::new(),
                }
                .into(),
            );
        }
        // The domain's own checks, each problem under the form's field it belongs to.
        for r in &records {
            if let Err(errors) = validation::validate(r, today) {
                for e in errors {
                    let field = match (r.kind(), e.field) {
                        (RecordKind::Employment, "start") => "hired",
                        (RecordKind::Attestation, "decision_date") => "category_date",
                        (RecordKind::Assignment, "load_hours") => "load",
                        (RecordKind::Person, f) => f,
                        (_, _) => "",
                    };
                    problems.entry(field).or_insert(e.message);
                }
            }
        }
        if problems.is_empty() { Ok(records) } else { Err(problems) }
    }
}

impl super::Session {
    /// Saves a new teacher from the one form as one action; returns the person's id.
    pub fn add_teacher(&mut self, form: &NewTeacher) -> Result<Result<PersonId, Problems>, AppError> {
        let records = match form.records(self.org().id, self.today()) {
            Ok(r) => r,
            Err(p) => return Ok(Err(p)),
        };
        let AnyRecord::Person(p) = &records[0] else { unreachable!("the person comes first") };
        let (id, name) = (p.id, p.full_name());
        self.put_many(&format!("Добавлен педагог {name}"), records)?;
        Ok(Ok(id))
    }
}
