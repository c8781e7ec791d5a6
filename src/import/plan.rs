//! The import plan: a pure function of the sheet, the column mapping and the records already in the
//! database. Every row gets its outcome — will create, will update (with the changes), unchanged, error
//! (column and reason) or skipped — and the records it would write. Nothing is written here; the app
//! writes the accepted rows in one transaction after a backup.

use super::mapping::{Field, Header, ImportKind};
use super::sheet::{Cell, Sheet};
use super::values::{self, norm};
use crate::domain::*;
use chrono::NaiveDate;
use std::collections::HashMap;

/// The event a participants sheet lists people of (described once, outside the sheet).
#[derive(Clone, Debug, PartialEq)]
pub struct EventInfo {
    pub title: String,
    /// `None` for a professional contest (its people get contest records), else the event's kind.
    pub kind: Option<EventKind>,
    pub date: NaiveDate,
    pub level: Level,
}

/// What the plan needs besides the sheet.
#[derive(Clone, Debug)]
pub struct Context {
    pub kind: ImportKind,
    /// The organisation the records are written for (and authored by).
    pub school: OrgId,
    pub today: NaiveDate,
    /// The event of a participants sheet.
    pub event: Option<EventInfo>,
    /// The school year a staff sheet's assignments (positions, subjects, load) go to; none: the current
    /// one (the preview says which, and offers the sheet's own year when it states another).
    pub school_year: Option<SchoolYear>,
}

/// One problem of a row: the column and the reason, in Russian.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub column: String,
    pub message: String,
}

/// What will happen to a row.
#[derive(Clone, Debug, PartialEq)]
pub enum RowStatus {
    Create,
    /// An update, with the changes as «поле: старое → новое».
    Update(Vec<String>),
    Unchanged,
    Error(Vec<RowError>),
    /// A row that holds nothing to import (blank, a subtotal …), with the reason.
    Skipped(String),
}

/// The outcome of one row.
#[derive(Clone, Debug, PartialEq)]
pub struct RowOutcome {
    /// The row number as the spreadsheet shows it.
    pub row: usize,
    /// Who the row is about, for the preview.
    pub who: String,
    pub status: RowStatus,
    /// The records this row writes if accepted.
    pub records: Vec<AnyRecord>,
    /// For a row that creates a person or a record: what will be stored, in words (the category as
    /// understood, the dates), for the preview.
    pub stored: String,
}

/// The whole preview.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPlan {
    pub kind: ImportKind,
    pub rows: Vec<RowOutcome>,
    /// The date experience in years is counted from, and where it came from (for the preview).
    pub as_of: NaiveDate,
    pub as_of_note: String,
    /// The school year the assignments go to, and the year the sheet states when it is another one.
    pub school_year: SchoolYear,
    pub sheet_year: Option<SchoolYear>,
    /// The columns of the sheet that nothing is read from (their titles): said in the preview, so that
    /// nothing is lost without a word.
    pub unused: Vec<String>,
}

/// Counts of the outcomes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub create: usize,
    pub update: usize,
    pub unchanged: usize,
    pub errors: usize,
    pub skipped: usize,
}

impl ImportPlan {
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for r in &self.rows {
            match r.status {
                RowStatus::Create => c.create += 1,
                RowStatus::Update(_) => c.update += 1,
                RowStatus::Unchanged => c.unchanged += 1,
                RowStatus::Error(_) => c.errors += 1,
                RowStatus::Skipped(_) => c.skipped += 1,
            }
        }
        c
    }

    /// The records of the rows without errors, in row order.
    pub fn accepted(&self) -> Vec<AnyRecord> {
        self.rows
            .iter()
            .filter(|r| matches!(r.status, RowStatus::Create | RowStatus::Update(_)))
            .flat_map(|r| r.records.iter().cloned())
            .collect()
    }

    pub fn has_errors(&self) -> bool {
        self.rows.iter().any(|r| matches!(r.status, RowStatus::Error(_)))
    }
}

/// Finds the date a sheet states in its title rows («на 01.09.2025»).
pub fn stated_date(sheet: &Sheet, header_row: usize) -> Option<NaiveDate> {
    (0..header_row.min(sheet.rows.len()))
        .flat_map(|r| sheet.rows[r].iter())
        .find_map(|c| values::stated_date(&c.text()))
}

/// People already in the database, looked up by normalised ФИО.
struct People<'a> {
    by_name: HashMap<String, Vec<&'a Person>>,
}

fn name_key(last: &str, first: &str, middle: &str) -> String {
    norm(&format!("{last} {first} {middle}"))
}

impl<'a> People<'a> {
    fn new(data: &'a Dataset) -> Self {
        let mut by_name: HashMap<String, Vec<&Person>> = HashMap::new();
        for p in &data.persons {
            by_name.entry(name_key(&p.last_name, &p.first_name, &p.middle_name)).or_default().push(p);
        }
        Self { by_name }
    }

    /// By ФИО and date of birth; by ФИО alone when that is unique.
    fn find(&self, key: &str, birth: Option<NaiveDate>) -> Result<Option<&'a Person>, String> {
        let candidates = self.by_name.get(key).map(Vec::as_slice).unwrap_or(&[]);
        let fitting: Vec<&&Person> = match birth {
            Some(b) => candidates.iter().filter(|p| p.birth_date.is_none_or(|pb| pb == b)).collect(),
            None => candidates.iter().collect(),
        };
        match fitting.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(**one)),
            _ => Err(format!(
                "в базе {} с таким ФИО — укажите дату рождения",
                crate::domain::ru::people(fitting.len() as u64)
            )),
        }
    }
}

/// One row with its cells looked up by field.
struct Row<'s> {
    sheet: &'s Sheet,
    header: &'s Header,
    index: usize,
    errors: Vec<RowError>,
    /// What the preview must say of the row besides its records (a value read as nothing, and why).
    notes: Vec<String>,
}

impl Row<'_> {
    fn col(&self, field: Field) -> Option<usize> {
        self.header.columns.iter().position(|c| *c == Some(field))
    }

    fn has(&self, field: Field) -> bool {
        self.col(field).is_some()
    }

    fn cell(&self, field: Field) -> &Cell {
        self.col(field).map_or(&Cell::Empty, |c| self.sheet.cell(self.index, c))
    }

    fn text(&self, field: Field) -> String {
        self.cell(field).text()
    }

    fn column_title(&self, field: Field) -> String {
        self.col(field)
            .and_then(|c| self.header.titles.get(c))
            .filter(|t| !t.trim().is_empty())
            .cloned()
            .unwrap_or_else(|| field.label().to_string())
    }

    fn error(&mut self, field: Field, message: impl Into<String>) {
        let column = self.column_title(field);
        self.errors.push(RowError { column, message: message.into() });
    }

    /// Parses a cell with `parse`, recording the error against the column.
    fn parse<T>(&mut self, field: Field, parse: impl FnOnce(&Cell) -> Result<Option<T>, String>) -> Option<T> {
        match parse(self.cell(field)) {
            Ok(v) => v,
            Err(e) => {
                self.error(field, e);
                None
            }
        }
    }

    fn required<T>(&mut self, field: Field, value: Option<T>) -> Option<T> {
        if value.is_none() && !self.errors.iter().any(|e| e.column == self.column_title(field)) {
            self.error(field, "не заполнено");
        }
        value
    }

    /// The person's name from ФИО or from separate columns.
    fn name(&self, full: Field) -> Option<(String, String, String)> {
        if self.has(Field::LastName) && full == Field::FullName {
            let last = self.text(Field::LastName);
            let first = self.text(Field::FirstName);
            if last.is_empty() && first.is_empty() {
                return None;
            }
            return Some((last, first, self.text(Field::MiddleName)));
        }
        values::split_name(&self.text(full))
    }

    fn is_blank(&self) -> bool {
        self.sheet.rows.get(self.index).is_none_or(|r| r.iter().all(Cell::is_empty))
    }
}

/// Builds the plan for every data row below the header.
pub fn plan(sheet: &Sheet, header: &Header, data: &Dataset, ctx: &Context) -> ImportPlan {
    let (as_of, mut as_of_note) = match stated_date(sheet, header.row) {
        Some(d) => (d, format!("Стаж в годах считается на {} — дату из заголовка листа", fmt_date(d))),
        None => (
            ctx.today,
            format!(
                "Стаж в годах считается на дату импорта {}: в заголовке листа нет даты «на …»",
                fmt_date(ctx.today)
            ),
        ),
    };
    // Years of experience are read from a staff list only.
    if ctx.kind != ImportKind::Teachers {
        as_of_note.clear();
    }
    let stated = stated_date(sheet, header.row);
    let sheet_year = stated.map(SchoolYear::of).filter(|y| *y != SchoolYear::of(ctx.today));
    let school_year = ctx.school_year.unwrap_or_else(|| SchoolYear::of(ctx.today));
    let unused = header
        .titles
        .iter()
        .zip(&header.columns)
        .filter(|(t, f)| f.is_none() && !t.trim().is_empty())
        .map(|(t, _)| t.trim().to_string())
        .collect();
    let people = People::new(data);
    let index = data.index();
    let mut planner = Planner {
        ctx,
        people,
        index,
        as_of,
        school_year,
        seen: HashMap::new(),
        routes: HashMap::new(),
        created: HashMap::new(),
        nominations: &data.nominations,
        lists: HashMap::new(),
        data,
        associations: HashMap::new(),
    };
    let mut rows = Vec::new();
    for index in header.row + 1..sheet.rows.len() {
        let mut row = Row { sheet, header, index, errors: Vec::new(), notes: Vec::new() };
        if row.is_blank() {
            continue;
        }
        let number = sheet.row_number(index);
        let outcome = planner.row(&mut row, number);
        rows.push(outcome);
    }
    ImportPlan { kind: ctx.kind, rows, as_of, as_of_note, school_year, sheet_year, unused }
}

struct Planner<'a> {
    ctx: &'a Context,
    /// Every stored record by person, built once per plan.
    index: PersonIndex<'a>,
    people: People<'a>,
    as_of: NaiveDate,
    school_year: SchoolYear,
    /// Natural keys already planned in this sheet → the row that planned them.
    seen: HashMap<String, usize>,
    /// Routes as the rows so far make them (a route's steps come one row each): person and start → route.
    routes: HashMap<(PersonId, NaiveDate), Route>,
    /// People created by earlier rows of this sheet: name key → (birth, person).
    created: HashMap<String, Vec<Person>>,
    /// The nominations stored, and the list (group) each kind, title and date of this sheet goes into.
    nominations: &'a [Nomination],
    lists: HashMap<String, GroupId>,
    /// Every stored record (awards, practices and requests are matched to the stored ones by it).
    data: &'a Dataset,
    /// Associations made by earlier rows of this sheet, by folded name.
    associations: HashMap<String, Association>,
}

/// What the records of a new row will store, in words: «д. р. 12.04.1985; пед. стаж с 30.11.2014
/// (оценка по числу лет); принят: дата неизвестна; 2026/2027: учитель — математика; высшая от 15.03.2023,
/// бессрочно».
pub fn stored_text(records: &[AnyRecord]) -> String {
    let mut parts = Vec::new();
    for r in records {
        match r {
            AnyRecord::Person(p) => {
                if let Some(b) = p.birth_date {
                    parts.push(format!("д. р. {}", fmt_date(b)));
                }
                if let Some(s) = p.ped_experience_start {
                    let how = if p.ped_experience_estimated { " (оценка по числу лет)" } else { "" };
                    parts.push(format!("пед. стаж с {}{how}", fmt_date(s)));
                }
                if let Some(e) = p.education {
                    parts.push(e.label().to_string());
                }
            }
            AnyRecord::Employment(e) => {
                // Words agree with the person: «принята», «уволена».
                let female = records
                    .iter()
                    .any(|r| matches!(r, AnyRecord::Person(p) if p.sex == Some(crate::domain::Sex::Female)));
                let a = if female { "а" } else { "" };
                parts.push(match (e.start_unknown, e.end) {
                    (true, None) => format!("дата приёма неизвестна (работает на {})", fmt_date(e.start)),
                    (true, Some(end)) => format!("дата приёма неизвестна, уволен{a} {}", fmt_date(end)),
                    (false, None) => format!("принят{a} {}", fmt_date(e.start)),
                    (false, Some(end)) => format!("работал{a} с {} по {}", fmt_date(e.start), fmt_date(end)),
                })
            }
            AnyRecord::Assignment(a) => {
                let subjects: Vec<String> = a
                    .subjects
                    .iter()
                    .map(|s| match s.education_match {
                        Some(true) => format!("{} (образование соответствует)", s.subject),
                        Some(false) => format!("{} (образование не соответствует)", s.subject),
                        None => s.subject.clone(),
                    })
                    .collect();
                let subjects =
                    if subjects.is_empty() { String::new() } else { format!(" — {}", subjects.join(", ")) };
                parts.push(format!("{}: {}{subjects}", a.year, a.positions.join(", ")));
            }
            AnyRecord::Attestation(a) => {
                let term = match rules::valid_until(a.result, a.decision_date) {
                    Some(u) => format!("до {}", fmt_date(u)),
                    None => "бессрочно".into(),
                };
                parts.push(format!("{} от {}, {term}", a.result.label(), fmt_date(a.decision_date)));
            }
            AnyRecord::Absence(a) => parts.push(format!("{} с {}", a.kind.label(), fmt_date(a.start))),
            AnyRecord::Course(c) => {
                let mut flags = Vec::new();
                for (on, label) in [
                    (c.fgos, "ФГОС"),
                    (c.federal_register, "реестр"),
                    (c.priority_program, "приоритетная программа"),
                    (c.gifted, "одарённые дети"),
                    (c.pedagogical_orientation, "пед. направленность"),
                    (c.staff_shortage, "дефицит кадров"),
                ] {
                    if on {
                        flags.push(label);
                    }
                }
                if c.final_assessment_passed == Some(false) {
                    flags.push("итоговая аттестация не пройдена");
                }
                let flags = if flags.is_empty() { String::new() } else { format!(" ({})", flags.join(", ")) };
                parts.push(format!("{}, {} ч, окончен {}{flags}", c.kind.label(), c.hours, fmt_date(c.end)));
            }
            AnyRecord::Association(a) => {
                parts.push(format!("новое объединение «{}» ({}, {})", a.name, a.kind.label(), a.level.label()))
            }
            AnyRecord::Meeting(m) => parts.push(format!(
                "заседание {}{}",
                fmt_date(m.date),
                if m.held { ", проведено" } else { ", по плану" }
            )),
            AnyRecord::Nomination(n) => parts.push(format!("{}: «{}», {}", n.kind.label(), n.title, fmt_date(n.date))),
            AnyRecord::Award(a) => parts.push(format!("{}, {}", a.kind.label(), fmt_date(a.date))),
            AnyRecord::Practice(x) => parts.push(format!("{}, {}", x.level.label(), fmt_date(x.date))),
            AnyRecord::Request(x) => parts.push(format!("запрос от {}", fmt_date(x.date))),
            AnyRecord::Risk(x) if !x.mitigation.is_empty() => parts.push("с мерами по минимизации".into()),
            _ => {}
        }
    }
    let came = records
        .iter()
        .filter(|r| matches!(r, AnyRecord::Event(e) if e.kind == crate::domain::EventKind::AssociationMeeting))
        .count();
    if came > 0 {
        parts.push(format!("присутствовали {}", crate::domain::ru::people(came as u64)));
    }
    parts.join("; ")
}

/// Whether an «Адресные рекомендации» cell says recommendations were given: any text but a «нет».
fn recommendations_given(text: &str) -> bool {
    let t = norm(text);
    !t.is_empty() && !matches!(values::yes_no(&Cell::Text(text.to_string())), Ok(Some(false)))
}

/// The text of the recommendations (a plain «да» is no text).
fn recommendations_text(text: &str) -> String {
    match values::yes_no(&Cell::Text(text.to_string())) {
        Ok(Some(_)) => String::new(),
        _ => text.trim().to_string(),
    }
}

/// Describes the changes between two versions of a record, with Russian field names where known.
fn describe_changes(old: &AnyRecord, new: &AnyRecord) -> Vec<String> {
    diff::field_changes(Some(&old.to_json()), Some(&new.to_json()))
        .into_iter()
        .map(|c| format!("{}: {} → {}", field_title(&c.field), c.old, c.new))
        .collect()
}

fn field_title(field: &str) -> &str {
    match field {
        "last_name" => "фамилия",
        "first_name" => "имя",
        "middle_name" => "отчество",
        "birth_date" => "дата рождения",
        "sex" => "пол",
        "education" => "образование",
        "specialty" => "специальность",
        "qualification" => "квалификация",
        "ped_experience_start" => "начало пед. стажа",
        "total_experience_start" => "начало общего стажа",
        "positions" => "должности",
        "subjects" => "предметы",
        "load_hours" => "нагрузка",
        "hours" => "часы",
        "provider" => "организация",
        "start" => "начало",
        "end" => "окончание",
        "order_number" => "№ приказа",
        "order_date" => "дата приказа",
        "level" => "уровень",
        "score" => "балл",
        "deficits" => "дефициты",
        "phone" => "телефон",
        "email" => "эл. почта",
        "management" => "управленческие кадры",
        "pedagogical" => "педагогический работник",
        "form" => "форма",
        "program" => "программа",
        "role" => "роль",
        "result" => "результат",
        other => other,
    }
}

impl<'a> Planner<'a> {
    /// The stored records of a person.
    fn of(&self, person: PersonId) -> Option<&PersonRecords<'a>> {
        self.index.records(person)
    }

    fn row(&mut self, row: &mut Row, number: usize) -> RowOutcome {
        let who = match self.ctx.kind {
            ImportKind::Mentoring => format!("{} → {}", row.text(Field::MentorName), row.text(Field::MenteeName)),
            _ => {
                row.name(Field::FullName).map(|(l, f, m)| format!("{l} {f} {m}").trim().to_string()).unwrap_or_default()
            }
        };
        // A cell with an error or a formula without its value is an error of its row, in the column it
        // is in: never read as empty (a date or a category silently dropped).
        for (col, field) in row.header.columns.iter().enumerate() {
            if let Some(field) = field
                && let Some(problem) = row.sheet.cell(row.index, col).error()
            {
                row.error(*field, problem);
            }
        }
        let result = match self.ctx.kind {
            ImportKind::Teachers => self.teacher(row, number),
            ImportKind::Attestation => self.attestation(row, number),
            ImportKind::Courses => self.course(row, number),
            ImportKind::Diagnostics => self.diagnostic(row, number),
            ImportKind::Mentoring => self.mentoring(row, number),
            ImportKind::Participants => self.participant(row, number),
            ImportKind::Routes => self.route_step(row, number),
            ImportKind::ExpertWork => self.expert_work(row, number),
            ImportKind::Communities => self.community(row, number),
            ImportKind::Nominations => self.nomination(row, number),
            ImportKind::Awards => self.award(row, number),
            ImportKind::Practices => self.practice(row, number),
            ImportKind::Requests => self.request(row, number),
            ImportKind::Risks => self.risk(row, number),
            ImportKind::Meetings => self.meeting(row, number),
        };
        let (status, records) = match result {
            Ok(Some((RowStatus::Update(mut changes), records))) if row.errors.is_empty() => {
                changes.append(&mut row.notes);
                (RowStatus::Update(changes), records)
            }
            Ok(Some((status, records))) if row.errors.is_empty() => (status, records),
            Ok(None) if row.errors.is_empty() => {
                let why = match self.ctx.kind {
                    ImportKind::Risks => "нет риска",
                    ImportKind::Meetings => "нет объединения",
                    _ => "нет ФИО",
                };
                (RowStatus::Skipped(format!("{why} — строка пропущена")), Vec::new())
            }
            _ => (RowStatus::Error(std::mem::take(&mut row.errors)), Vec::new()),
        };
        let stored = if status == RowStatus::Create {
            std::iter::once(stored_text(&records)).chain(std::mem::take(&mut row.notes)).collect::<Vec<_>>().join("; ")
        } else {
            String::new()
        };
        RowOutcome { row: number, who, status, records, stored }
    }

    /// Validates a record; problems become row errors named by the record's field label.
    fn check(&self, row: &mut Row, record: &AnyRecord) {
        if let Err(problems) = validate(record, self.ctx.today) {
            for p in problems {
                row.errors.push(RowError { column: p.label.to_string(), message: p.message });
            }
        }
    }

    /// Remembers a natural key; a repeat within the sheet is an error on the later row.
    fn once(&mut self, row: &mut Row, key: String, number: usize, what: &str) -> bool {
        if let Some(first) = self.seen.get(&key) {
            row.errors
                .push(RowError {
                    column: "—".into(), message: format!("повтор: {what} уже есть в строке {first}")
                });
            return false;
        }
        self.seen.insert(key, number);
        true
    }

    /// The existing person a row names (error if none or ambiguous); people created by earlier rows of
    /// the same sheet count too.
    fn existing_person(&self, row: &mut Row, name_field: Field, birth_field: Option<Field>) -> Option<Person> {
        let Some((l, f, m)) = row.name(name_field) else {
            if !row.text(name_field).is_empty() {
                row.error(name_field, "нужны хотя бы фамилия и имя");
            }
            return None;
        };
        let birth = birth_field.and_then(|b| row.parse(b, values::date));
        let key = name_key(&l, &f, &m);
        match self.people.find(&key, birth) {
            Ok(Some(p)) => Some(p.clone()),
            Ok(None) => {
                row.error(
                    name_field,
                    format!("{l} {f} {m} — нет в базе; сначала загрузите педагогов").replace("  ", " "),
                );
                None
            }
            Err(e) => {
                row.error(name_field, e);
                None
            }
        }
    }

    fn teacher(&mut self, row: &mut Row, number: usize) -> Result<Option<(RowStatus, Vec<AnyRecord>)>, ()> {
        let Some((last, first, middle)) = row.name(Field::FullName) else {
            if !row.text(Field::FullName).is_empty() {
                row.error(Field::FullName, "нужны хотя бы фамилия и имя");
            }
            return Ok(None);
        };
        let birth = row.parse(Field::BirthDate, values::date);
        let key = name_key(&last, &first, &middle);
        if !self.once(row, format!("{key}|{birth:?}"), number, "этот педагог") {
            return Err(());
        }
        if let Some(earlier) = self.created.get(&key)
            && earlier.iter().any(|p| birth.is_none() || p.birth_date.is_none())
        {
            row.errors.push(RowError {
                column: "ФИО".into(),
                message: "повтор: педагог с таким ФИО уже есть выше в листе — укажите даты рождения".into(),
            });
            return Err(());
        }
        let existing = match self.people.find(&key, birth) {
            Ok(p) => p.cloned(),
            Err(e) => {
                row.error(Field::FullName, e);
                return Err(());
            }
        };
        let positions = values::list(row.cell(Field::Position));
        let subjects = values::list(row.cell(Field::Subjects));
        let load = row.parse(Field::Load, values::number);
        let education = row.parse(Field::Education, values::education);
        if let Some(note) = values::education_unsaid(row.cell(Field::Education)) {
            row.notes.push(note);
        }
        let sex = row.parse(Field::Sex, values::sex);
        let ped_start = row.parse(Field::PedExperience, |c| values::experience(c, self.as_of));
        let total_start = row.parse(Field::TotalExperience, |c| values::experience(c, self.as_of));
        let hired = row.parse(Field::HireDate, values::date);
        let dismissed = row.parse(Field::DismissalDate, values::date);
        let absence_kind = row.parse(Field::AbsenceKind, values::absence_kind);
        let absence_start = row.parse(Field::AbsenceStart, values::date);
        let absence_end = row.parse(Field::AbsenceEnd, values::date);
        let recommendations = row.text(Field::AddressedRecs);
        let category = row.parse(Field::Category, values::category);
        let category_date = row.parse(Field::CategoryDate, values::date);
        let order_date = row.parse(Field::OrderDate, values::date);
        let is_management = positions.iter().any(|p| norm(p).contains("директор"));
        let only_management =
            is_management && subjects.is_empty() && positions.iter().all(|p| norm(p).contains("директор"));

        let mut person =
            existing.clone().unwrap_or_else(|| Person::new(self.ctx.school, self.ctx.school, &last, &first, &middle));
        // Only what the sheet has overwrites what the database has; a matched name keeps its stored
        // spelling (Ё, capitals).
        if birth.is_some() {
            person.birth_date = birth;
        }
        if sex.is_some() {
            person.sex = sex;
        }
        if education.is_some() {
            person.education = education;
        }
        for (field, target) in [
            (Field::Specialty, &mut person.specialty),
            (Field::Qualification, &mut person.qualification),
            (Field::Phone, &mut person.phone),
            (Field::Email, &mut person.email),
        ] {
            let t = row.text(field);
            if !t.is_empty() {
                *target = t;
            }
        }
        // An exact date replaces what is stored; an estimate («стаж 12» on the sheet's date) only fills
        // an empty field, never an exact date someone wrote down.
        for (value, start, estimated) in [
            (ped_start, &mut person.ped_experience_start, &mut person.ped_experience_estimated),
            (total_start, &mut person.total_experience_start, &mut person.total_experience_estimated),
        ] {
            match value {
                Some((date, false)) => (*start, *estimated) = (Some(date), false),
                Some((date, true)) if start.is_none() => (*start, *estimated) = (Some(date), true),
                _ => {}
            }
        }
        if !positions.is_empty() {
            person.management = is_management;
            person.pedagogical = !only_management;
        }
        let person_record = AnyRecord::Person(person.clone());
        self.check(row, &person_record);

        let mut records = vec![person_record.clone()];
        let mut changes = Vec::new();
        let own = existing.as_ref().and_then(|p| self.index.records(p.id));
        if let Some(old) = &existing {
            changes.extend(describe_changes(&AnyRecord::Person(old.clone()), &person_record));
        }
        // Employment: from the hire date; without one, the hire date is unknown (the sheet's date is only
        // the first day the person is known to work here). A dismissal date ends the period.
        let on = self.as_of.min(self.ctx.today);
        let current = own.and_then(|r| {
            rules::employment_on(r.employments.iter().copied(), on)
                .or_else(|| dismissed.and_then(|d| rules::employment_on(r.employments.iter().copied(), d)))
        });
        match current {
            None => {
                let e = AnyRecord::Employment(Employment {
                    id: EmploymentId::new(),
                    author: self.ctx.school,
                    person: person.id,
                    // Without a hire date: the first day known — the sheet's date, or the last day of
                    // work when the person has left before it.
                    start: hired.unwrap_or(dismissed.map_or(on, |d| d.min(on))),
                    end: dismissed,
                    end_reason: String::new(),
                    start_unknown: hired.is_none(),
                });
                self.check(row, &e);
                if existing.is_some() {
                    changes.push(match hired {
                        Some(h) => format!("период работы: с {}", fmt_date(h)),
                        None => format!("период работы: дата приёма неизвестна, работает на {}", fmt_date(on)),
                    });
                }
                records.push(e);
            }
            Some(job) => {
                let mut e = job.clone();
                if let Some(h) = hired
                    && (e.start_unknown || e.start != h)
                {
                    (e.start, e.start_unknown) = (h, false);
                }
                if dismissed.is_some() {
                    e.end = dismissed;
                }
                if &e != job {
                    let new = AnyRecord::Employment(e);
                    self.check(row, &new);
                    changes.extend(describe_changes(&AnyRecord::Employment(job.clone()), &new));
                    records.push(new);
                }
            }
        }
        // A long absence (декрет, болезнь) keeps the person employed; the same one is not added twice.
        match (absence_kind, absence_start) {
            (Some(kind), Some(start)) => {
                let old = own.and_then(|r| r.absences.iter().find(|a| a.kind == kind && a.start == start).copied());
                let mut a = old.cloned().unwrap_or(Absence {
                    id: AbsenceId::new(),
                    author: self.ctx.school,
                    person: person.id,
                    kind,
                    start,
                    end: None,
                    note: String::new(),
                });
                if absence_end.is_some() {
                    a.end = absence_end;
                }
                let new = AnyRecord::Absence(a);
                self.check(row, &new);
                match old {
                    Some(o) if AnyRecord::Absence(o.clone()) == new => {}
                    Some(o) => {
                        changes.extend(describe_changes(&AnyRecord::Absence(o.clone()), &new));
                        records.push(new);
                    }
                    None => {
                        if existing.is_some() {
                            changes.push(format!("отсутствие: {} с {}", kind.label(), fmt_date(start)));
                        }
                        records.push(new);
                    }
                }
            }
            (Some(_), None) => row.error(Field::AbsenceStart, "отсутствие указано без даты начала"),
            (None, Some(_)) => {
                row.error(Field::AbsenceKind, "дата отсутствия указана без его вида (декрет, болезнь …)")
            }
            (None, None) => {}
        }
        // The assignment of the school year chosen for the import (the current one unless asked).
        if !positions.is_empty() || !subjects.is_empty() || load.is_some() {
            let year = self.school_year;
            let old = own.and_then(|r| r.assignments.iter().find(|a| a.year == year).copied());
            let mut a = old.cloned().unwrap_or_else(|| Assignment {
                id: AssignmentId::new(),
                author: self.ctx.school,
                person: person.id,
                year,
                positions: Vec::new(),
                subjects: Vec::new(),
                load_hours: 0.0,
            });
            if !positions.is_empty() {
                a.positions = positions;
            }
            if !subjects.is_empty() {
                let per = load.unwrap_or(0.0) / subjects.len() as f32;
                // Whether the education matches a subject is what the sheet says, never guessed from the
                // level of education: unknown stays unknown (and a known answer is kept).
                let matches = row
                    .parse(Field::EducationMatch, |c| values::education_match(c, &subjects).map(Some))
                    .unwrap_or_else(|| vec![None; subjects.len()]);
                a.subjects = subjects
                    .iter()
                    .zip(matches)
                    .map(|(s, matched)| {
                        let kept = old.and_then(|o| o.subjects.iter().find(|x| norm(&x.subject) == norm(s)));
                        let mut load = kept.cloned().unwrap_or(SubjectLoad {
                            subject: s.clone(),
                            hours: per,
                            education_match: None,
                        });
                        if matched.is_some() {
                            load.education_match = matched;
                        }
                        load
                    })
                    .collect();
            }
            if let Some(l) = load {
                a.load_hours = l;
            }
            let new = AnyRecord::Assignment(a);
            self.check(row, &new);
            match old {
                Some(o) if AnyRecord::Assignment(o.clone()) == new => {}
                Some(o) => {
                    changes.extend(describe_changes(&AnyRecord::Assignment(o.clone()), &new));
                    records.push(new);
                }
                None => {
                    if existing.is_some() {
                        changes.push(format!("тарификация {}", year));
                    }
                    records.push(new);
                }
            }
        }
        // The category beside the name brings its attestation record in.
        match (category, category_date) {
            (Some(result), Some(decision)) => {
                let exists = own
                    .is_some_and(|r| r.attestations.iter().any(|a| a.result == result && a.decision_date == decision));
                if !exists {
                    let a = AnyRecord::Attestation(Attestation {
                        id: AttestationId::new(),
                        author: self.ctx.school,
                        person: person.id,
                        result,
                        decision_date: decision,
                        order_date,
                        order_number: row.text(Field::OrderNumber),
                        body: None,
                        position: String::new(),
                        recommendations: recommendations_given(&recommendations),
                        recommendations_text: recommendations_text(&recommendations),
                    });
                    self.check(row, &a);
                    if existing.is_some() {
                        changes.push(format!("аттестация: {} от {}", result.label(), fmt_date(decision)));
                    }
                    records.push(a);
                }
            }
            (Some(_), None) => {
                row.error(Field::CategoryDate, "категория указана без даты присвоения — срок действия не вычислить");
            }
            _ => {}
        }
        if existing.is_none() {
            self.created.entry(key).or_default().push(person);
            return Ok(Some((RowStatus::Create, records)));
        }
        if changes.is_empty() {
            return Ok(Some((RowStatus::Unchanged, Vec::new())));
        }
        Ok(Some((RowStatus::Update(changes), records)))
    }

    fn attestation(&mut self, row: &mut Row, number: usize) -> Result<Option<(RowStatus, Vec<AnyRecord>)>, ()> {
        if row.name(Field::FullName).is_none() && row.text(Field::FullName).is_empty() {
            return Ok(None);
        }
        let person = self.existing_person(row, Field::FullName, Some(Field::BirthDate));
        let result = row.parse(Field::Category, values::category);
        let result = row.required(Field::Category, result);
        let decision = row.parse(Field::CategoryDate, values::date);
        let decision = row.required(Field::CategoryDate, decision);
        let order_date = row.parse(Field::OrderDate, values::date);
        let (Some(person), Some(result), Some(decision)) = (person, result, decision) else { return Err(()) };
        if !self.once(row, format!("att|{}|{result:?}|{decision}", person.id), number, "эта аттестация") {
            return Err(());
        }
        let body = norm(&row.text(Field::Body));
        let existing = self
            .of(person.id)
            .and_then(|r| r.attestations.iter().copied().find(|a| a.result == result && a.decision_date == decision));
        let mut a = existing.cloned().unwrap_or_else(|| Attestation {
            id: AttestationId::new(),
            author: self.ctx.school,
            person: person.id,
            result,
            decision_date: decision,
            order_date: None,
            order_number: String::new(),
            body: None,
            position: String::new(),
            recommendations: false,
            recommendations_text: String::new(),
        });
        if order_date.is_some() {
            a.order_date = order_date;
        }
        let order = row.text(Field::OrderNumber);
        if !order.is_empty() {
            a.order_number = order;
        }
        let position = row.text(Field::Position);
        if !position.is_empty() {
            a.position = position;
        }
        if !body.is_empty() {
            a.body = Some(if body.contains("ОО") || body.contains("оо") || body.contains("школ") {
                AttestationBody::School
            } else {
                AttestationBody::Regional
            });
        }
        if result == Category::PositionConformity && a.body.is_none() {
            a.body = Some(AttestationBody::School);
        }
        let recommendations = row.text(Field::AddressedRecs);
        if !recommendations.is_empty() {
            a.recommendations = recommendations_given(&recommendations);
            a.recommendations_text = recommendations_text(&recommendations);
        }
        self.finish(row, existing.cloned().map(AnyRecord::Attestation), AnyRecord::Attestation(a))
    }

    /// The common end of a row that writes one record: validate, and compare with what exists.
    fn finish(
        &self,
        row: &mut Row,
        existing: Option<AnyRecord>,
        new: AnyRecord,
    ) -> Result<Option<(RowStatus, Vec<AnyRecord>)>, ()> {
        self.check(row, &new);
        if !row.errors.is_empty() {
            return Err(());
        }
        Ok(Some(match existing {
            None => (RowStatus::Create, vec![new]),
            Some(old) if old == new => (RowStatus::Unchanged, Vec::new()),
            Some(old) => (RowStatus::Update(describe_changes(&old, &new)), vec![new]),
        }))
    }

    fn course(&mut self, row: &mut Row, number: usize) -> Result<Option<(RowStatus, Vec<AnyRecord>)>, ()> {
        if row.name(Field::FullName).is_none() && row.text(Field::FullName).is_empty() {
            return Ok(None);
        }
        let person = self.existing_person(row, Field::FullName, Some(Field::BirthDate));
        let title = row.text(Field::CourseTitle);
        if title.is_empty() {
            row.error(Field::CourseTitle, "не указано название программы");
        }
        let hours = row.parse(Field::Hours, values::hours);
        let hours = row.required(Field::Hours, hours);
        let (mut start, mut end) = (None, None);
        if row.has(Field::Period) {
            match values::period(row.cell(Field::Period)) {
                Ok((s, e)) => (start, end) = (s, e),
                Err(e) => row.error(Field::Period, e),
            }
        }
        if let Some(s) = row.parse(Field::CourseStart, values::date) {
            start = Some(s);
        }
        if let Some(e) = row.parse(Field::CourseEnd, values::date) {
            end = Some(e);
        }
        if end.is_none() && row.errors.is_empty() {
            row.error(
                if row.has(Field::Period) { Field::Period } else { Field::CourseEnd },
                "не указана дата окончания обучения",
            );
        }
        let kind_text = norm(&row.text(Field::CourseKind));
        let kind = if kind_text.contains("переподготов") || hours.is_some_and(|h| h >= 250) && kind_text.is_empty()
        {
            CourseKind::Retraining
        } else if kind_text.contains("стажир") {
            CourseKind::Internship
        } else {
            CourseKind::Upgrade
        };
        let form_text = norm(&row.text(Field::Form));
        let form = if form_text.contains("дистан") {
            Some(CourseForm::Distance)
        } else if form_text.contains("смеш") || form_text.contains("очно-заоч") {
            Some(CourseForm::Blended)
        } else if form_text.starts_with("очн") {
            Some(CourseForm::InPerson)
        } else {
            None
        };
        let (Some(person), Some(hours), Some(end)) = (person, hours, end) else { return Err(()) };
        if title.is_empty() {
            return Err(());
        }
        let key = format!("course|{}|{}|{end}", person.id, norm(&title));
        if !self.once(row, key, number, "этот курс этого педагога") {
            return Err(());
        }
        let existing = self
            .of(person.id)
            .and_then(|r| r.courses.iter().copied().find(|c| c.end == end && norm(&c.title) == norm(&title)));
        // The flags are what the sheet's columns say (never guessed from the title); an empty cell keeps
        // what is stored.
        let mut c = existing.cloned().unwrap_or_else(|| Course::new(self.ctx.school, person.id, &title, hours, end));
        for (field, flag) in [
            (Field::Fgos, &mut c.fgos),
            (Field::FederalRegister, &mut c.federal_register),
            (Field::PriorityProgram, &mut c.priority_program),
            (Field::Gifted, &mut c.gifted),
            (Field::PedOrientation, &mut c.pedagogical_orientation),
            (Field::StaffShortage, &mut c.staff_shortage),
        ] {
            if let Some(value) = row.parse(field, values::yes_no) {
                *flag = value;
            }
        }
        if let Some(passed) = row.parse(Field::FinalAssessment, values::yes_no) {
            c.final_assessment_passed = Some(passed);
        }
        if let Some(date) = row.parse(Field::DiagBasis, values::date) {
            match self.of(person.id).and_then(|r| r.diagnostics.iter().find(|x| x.date == date)) {
                Some(diag) => c.diagnostic = Some(diag.id),
                None => row.error(
                    Field::DiagBasis,
                    format!("диагностики от {} у этого педагога нет — загрузите сначала диагностику", fmt_date(date)),
                ),
            }
        }
        c.hours = hours;
        c.kind = kind;
        if start.is_some() {
            c.start = start;
        }
        if form.is_some() {
            c.form = form;
        }
        let provider = row.text(Field::Provider);
        if !provider.is_empty() {
            c.provider = provider;
        }
        let doc = row.text(Field::DocNumber);
        if !doc.is_empty() {
            c.document_number = doc;
            c.document_kind = if kind == CourseKind::Retraining {
                "диплом".into()
            } else {
                "удостоверение".into()
            };
        }
        self.finish(row, existing.cloned().map(AnyRecord::Course), AnyRecord::Course(c))
    }

    fn diagnostic(&mut self, row: &mut Row, number: usize) -> Result<Option<(RowStatus, Vec<AnyRecord>)>, ()> {
        if row.name(Field::FullName).is_none() && row.text(Field::FullName).is_empty() {
            return Ok(None);
        }
        let person = self.existing_person(row, Field::FullName, Some(Field::BirthDate));
        let date = row.parse(Field::DiagDate, values::date);
        let date = row.required(Field::DiagDate, date);
        let level = row.parse(Field::Level, values::level);
        let score = row.parse(Field::Score, values::number);
        let subject = row.text(Field::Subject);
        let kind_text = norm(&row.text(Field::DiagKind));
        let kind = if kind_text.contains("входн") || kind_text.contains("кпк") {
            DiagnosticKind::RegionalInput
        } else if kind_text.contains("предметн") || kind_text.contains("цнппм") {
            DiagnosticKind::SubjectCompetence
        } else if kind_text.contains("само") {
            DiagnosticKind::SelfAssessment
        } else if kind_text.is_empty() || kind_text.contains("муницип") {
            DiagnosticKind::Municipal
        } else {
            DiagnosticKind::Other
        };
        let (Some(person), Some(date)) = (person, date) else { return Err(()) };
        if !self.once(row, format!("diag|{}|{date}|{}", person.id, norm(&subject)), number, "эта диагностика")
        {
            return Err(());
        }
        let existing = self
            .of(person.id)
            .and_then(|r| r.diagnostics.iter().copied().find(|d| d.date == date && norm(&d.subject) == norm(&subject)));
        let mut d = existing.cloned().unwrap_or_else(|| Diagnostic {
            id: DiagnosticId::new(),
            author: self.ctx.school,
            person: person.id,
            group: None,
            date,
            kind,
            subject: subject.clone(),
            level: None,
            score: None,
            max_score: None,
            deficits: Vec::new(),
            recommendations: String::new(),
        });
        if row.has(Field::DiagKind) {
            d.kind = kind;
        }
        if level.is_some() {
            d.level = level;
        }
        if score.is_some() {
            d.score = score;
        }
        if row.has(Field::Deficits) {
            d.deficits = values::list(row.cell(Field::Deficits));
        }
        let recs = row.text(Field::Recommendations);
        if !recs.is_empty() {
            d.recommendations = recs;
        }
        self.finish(row, existing.cloned().map(AnyRecord::Diagnostic), AnyRecord::Diagnostic(d))
    }

    fn mentoring(&mut self, row: &mut Row, number: usize) -> Result<Option<(RowStatus, Vec<AnyRecord>)>, ()> {
        if row.text(Field::MenteeName).is_empty() && row.text(Field::MentorName).is_empty() {
            return Ok(None);
        }
        let mentee = self.existing_person(row, Field::MenteeName, None);
        // A mentor from elsewhere (a municipal mentor) is named by text.
        let mentor_text = row.text(Field::MentorName);
        let (mentor, mentor_name) = match values::split_name(&mentor_text) {
            Some((l, f, m)) => match self.people.find(&name_key(&l, &f, &m), None) {
                Ok(Some(p)) => (Some(p.id), String::new()),
                Ok(None) => (None, mentor_text.clone()),
                Err(e) => {
                    row.error(Field::MentorName, e);
                    (None, String::new())
                }
            },
            None => {
                row.error(Field::MentorName, "не указан наставник");
                (None, String::new())
            }
        };
        let start = row.parse(Field::Start, values::date);
        let end = row.parse(Field::End, values::date);
        let order_date = row.parse(Field::OrderDate, values::date);
        let Some(mentee) = mentee else { return Err(()) };
        let mentor_key = mentor.map_or_else(|| norm(&mentor_name), |m| m.to_string());
        if !self.once(row, format!("pair|{mentor_key}|{}", mentee.id), number, "эта пара") {
            return Err(());
        }
        let existing = self.of(mentee.id).and_then(|r| {
            r.mentored.iter().copied().find(|m| {
                m.mentor.is_some() && m.mentor == mentor
                    || m.mentor.is_none() && mentor.is_none() && norm(&m.mentor_name) == norm(&mentor_name)
            })
        });
        // A new pair needs its start: a date the sheet does not have is not made up.
        if existing.is_none() && start.is_none() {
            row.error(Field::Start, "не указана дата начала наставничества");
            return Err(());
        }
        let mut m = existing.cloned().unwrap_or_else(|| Mentorship {
            id: MentorshipId::new(),
            author: self.ctx.school,
            mentor,
            mentor_name: mentor_name.clone(),
            mentee: mentee.id,
            level: if mentor.is_some() { MentorshipLevel::School } else { MentorshipLevel::Municipal },
            form: String::new(),
            program: String::new(),
            order_number: String::new(),
            order_date: None,
            start: start.unwrap_or(self.as_of.min(self.ctx.today)),
            end: None,
            result: String::new(),
        });
        if let Some(s) = start {
            m.start = s;
        }
        if end.is_some() {
            m.end = end;
        }
        if order_date.is_some() {
            m.order_date = order_date;
        }
        for (field, target) in
            [(Field::Form, &mut m.form), (Field::Program, &mut m.program), (Field::OrderNumber, &mut m.order_number)]
        {
            let t = row.text(field);
            if !t.is_empty() {
                *target = t;
            }
        }
        self.finish(row, existing.cloned().map(AnyRecord::Mentorship), AnyRecord::Mentorship(m))
    }

    /// A row of an ИОМ sheet: one step of a route; the route is the person's route that starts on the
    /// row's date (made by the first of its rows, or already stored), and each row adds or updates its
    /// step (the same title is the same step).
    fn route_step(&mut self, row: &mut Row, number: usize) -> Result<Option<(RowStatus, Vec<AnyRecord>)>, ()> {
        if row.name(Field::FullName).is_none() && row.text(Field::FullName).is_empty() {
            return Ok(None);
        }
        let person = self.existing_person(row, Field::FullName, Some(Field::BirthDate));
        let start = row.parse(Field::RouteStart, values::date);
        let start = row.required(Field::RouteStart, start);
        let end = row.parse(Field::RouteEnd, values::date);
        let deficits = values::list(row.cell(Field::Deficits));
        let title = row.text(Field::StepTitle);
        let kind = row.parse(Field::StepKind, values::step_kind);
        let planned = row.parse(Field::StepPlanned, values::date);
        let done = row.parse(Field::StepDone, values::date);
        let evidence = row.text(Field::StepEvidence);
        let (Some(person), Some(start)) = (person, start) else { return Err(()) };
        if !title.is_empty()
            && !self.once(row, format!("step|{}|{start}|{}", person.id, norm(&title)), number, "этот шаг")
        {
            return Err(());
        }
        let stored = self.of(person.id).and_then(|r| r.routes.iter().copied().find(|x| x.start == start)).cloned();
        let key = (person.id, start);
        let before = self.routes.get(&key).cloned().or_else(|| stored.clone());
        let mut route = before.clone().unwrap_or_else(|| Route {
            id: RouteId::new(),
            author: self.ctx.school,
            person: person.id,
            start,
            end: None,
            basis_diagnostic: None,
            basis_attestation: None,
            basis_request: String::new(),
            goal: String::new(),
            tasks: String::new(),
            deficits: Vec::new(),
            curator: String::new(),
            methodical_support: false,
            status: RouteStatus::Running,
            steps: Vec::new(),
        });
        if end.is_some() {
            route.end = end;
        }
        for d in deficits {
            if !route.deficits.iter().any(|x| norm(x) == norm(&d)) {
                route.deficits.push(d);
            }
        }
        if !title.is_empty() {
            let i = match route.steps.iter().position(|s| norm(&s.title) == norm(&title)) {
                Some(i) => i,
                None => {
                    route.steps.push(RouteStep {
                        id: RouteStepId::new(),
                        kind: kind.unwrap_or(StepKind::SelfStudy),
                        title: title.clone(),
                        planned: None,
                        done: None,
                        status: StepStatus::Planned,
                        evidence: String::new(),
                        expected: String::new(),
                    });
                    route.steps.len() - 1
                }
            };
            let step = &mut route.steps[i];
            if let Some(k) = kind {
                step.kind = k;
            }
            if planned.is_some() {
                step.planned = planned;
            }
            if done.is_some() {
                (step.done, step.status) = (done, StepStatus::Done);
            }
            if !evidence.is_empty() {
                step.evidence = evidence;
            }
        }
        let new = AnyRecord::Route(route.clone());
        self.check(row, &new);
        if !row.errors.is_empty() {
            return Err(());
        }
        self.routes.insert(key, route);
        Ok(Some(match before {
            None => (RowStatus::Create, vec![new]),
            Some(old) if AnyRecord::Route(old.clone()) == new => (RowStatus::Unchanged, Vec::new()),
            Some(old) => (RowStatus::Update(describe_changes(&AnyRecord::Route(old), &new)), vec![new]),
        }))
    }

    /// A row of expert work: the role, its level and dates (the same role from the same date is the same
    /// record).
    fn expert_work(&mut self, row: &mut Row, number: usize) -> Result<Option<(RowStatus, Vec<AnyRecord>)>, ()> {
        if row.name(Field::FullName).is_none() && row.text(Field::FullName).is_empty() {
            return Ok(None);
        }
        let person = self.existing_person(row, Field::FullName, Some(Field::BirthDate));
        let role = row.text(Field::ExpertRole);
        if role.is_empty() {
            row.error(Field::ExpertRole, "не указан вид экспертной деятельности");
        }
        let level = row.parse(Field::EventLevel, values::event_level);
        let level = row.required(Field::EventLevel, level);
        let date = row.parse(Field::Start, values::date);
        let date = row.required(Field::Start, date);
        let end = row.parse(Field::End, values::date);
        let (Some(person), Some(level), Some(date)) = (person, level, date) else { return Err(()) };
        if role.is_empty()
            || !self.once(row, format!("expert|{}|{}|{date}", person.id, norm(&role)), number, "эта работа")
        {
            return Err(());
        }
        let existing = self
            .of(person.id)
            .and_then(|r| r.expert_works.iter().copied().find(|e| e.date == date && norm(&e.role) == norm(&role)));
        let mut e = existing.cloned().unwrap_or_else(|| ExpertWork {
            id: ExpertWorkId::new(),
            author: self.ctx.school,
            person: person.id,
            role: role.clone(),
            description: String::new(),
            date,
            end: None,
            level,
        });
        e.level = level;
        if end.is_some() {
            e.end = end;
        }
        let description = row.text(Field::Description);
        if !description.is_empty() {
            e.description = description;
        }
        self.finish(row, existing.cloned().map(AnyRecord::ExpertWork), AnyRecord::ExpertWork(e))
    }

    /// A row of community membership: the community, its kind, the person's role, the level and dates
    /// (the same community from the same date is the same record).
    fn community(&mut self, row: &mut Row, number: usize) -> Result<Option<(RowStatus, Vec<AnyRecord>)>, ()> {
        if row.name(Field::FullName).is_none() && row.text(Field::FullName).is_empty() {
            return Ok(None);
        }
        let person = self.existing_person(row, Field::FullName, Some(Field::BirthDate));
        let name = row.text(Field::CommunityName);
        if name.is_empty() {
            row.error(Field::CommunityName, "не указано сообщество");
        }
        let kind = row.parse(Field::CommunityKind, values::community_kind);
        let role = row.parse(Field::CommunityRole, values::community_role);
        let level = row.parse(Field::EventLevel, values::event_level);
        let start = row.parse(Field::Start, values::date);
        let start = row.required(Field::Start, start);
        let end = row.parse(Field::End, values::date);
        let (Some(person), Some(start)) = (person, start) else { return Err(()) };
        if name.is_empty()
            || !self.once(row, format!("community|{}|{}|{start}", person.id, norm(&name)), number, "это участие")
        {
            return Err(());
        }
        let existing = self
            .of(person.id)
            .and_then(|r| r.communities.iter().copied().find(|c| c.start == start && norm(&c.name) == norm(&name)));
        let guessed_kind = || {
            let n = norm(&name);
            if n.contains("шмо") || n.starts_with("мо ") {
                CommunityKind::SchoolAssociation
            } else if n.contains("рмо") || n.contains("гмо") {
                CommunityKind::MunicipalAssociation
            } else {
                CommunityKind::Other
            }
        };
        let mut c = existing.cloned().unwrap_or_else(|| Community {
            id: CommunityId::new(),
            author: self.ctx.school,
            person: person.id,
            name: name.clone(),
            kind: kind.unwrap_or_else(guessed_kind),
            role: CommunityRole::Member,
            level: level.unwrap_or(Level::School),
            start,
            end: None,
        });
        if let Some(k) = kind {
            c.kind = k;
        }
        if let Some(r) = role {
            c.role = r;
        }
        if let Some(l) = level {
            c.level = l;
        }
        if end.is_some() {
            c.end = end;
        }
        self.finish(row, existing.cloned().map(AnyRecord::Community), AnyRecord::Community(c))
    }

    /// A row of a list of nominated teachers (seed 001: «списки педагогов для участия в оценке предметных
    /// компетенций», «направление на обучение»): the rows of one kind, title and date make one list, joining
    /// the stored list of that kind, title and date when there is one; the same person on it is the same
    /// nomination.
    fn nomination(&mut self, row: &mut Row, number: usize) -> Result<Option<(RowStatus, Vec<AnyRecord>)>, ()> {
        if row.name(Field::FullName).is_none() && row.text(Field::FullName).is_empty() {
            return Ok(None);
        }
        let person = self.existing_person(row, Field::FullName, Some(Field::BirthDate));
        let kind = row.parse(Field::NominatedFor, values::nomination_kind);
        let kind = row.required(Field::NominatedFor, kind);
        let title = row.text(Field::NominationTitle);
        if title.is_empty() {
            row.error(Field::NominationTitle, "не указано название");
        }
        let start = row.parse(Field::Start, values::date);
        let start = row.required(Field::Start, start);
        let end = row.parse(Field::End, values::date);
        let level = row.parse(Field::EventLevel, values::event_level);
        let hours = row.parse(Field::Hours, values::hours);
        let provider = row.text(Field::Provider);
        let (Some(person), Some(kind), Some(start)) = (person, kind, start) else { return Err(()) };
        let key = format!("{kind:?}|{}|{start}", norm(&title));
        if title.is_empty() || !self.once(row, format!("nomination|{}|{key}", person.id), number, "это выдвижение")
        {
            return Err(());
        }
        let same = |n: &Nomination| n.kind == kind && n.date == start && norm(&n.title) == norm(&title);
        let existing = self.nominations.iter().find(|n| n.person == person.id && same(n));
        let stored_group = self.nominations.iter().find(|n| same(n)).and_then(|n| n.group);
        let group = *self.lists.entry(key).or_insert_with(|| stored_group.unwrap_or_else(GroupId::new));
        let mut n = existing.cloned().unwrap_or_else(|| Nomination {
            id: NominationId::new(),
            author: self.ctx.school,
            person: person.id,
            group: Some(group),
            kind,
            title: title.clone(),
            date: start,
            end: None,
            level: Level::Regional,
            provider: String::new(),
            hours: 0,
            done: false,
        });
        if let Some(e) = end {
            n.end = Some(e);
        }
        if let Some(l) = level {
            n.level = l;
        }
        if let Some(h) = hours {
            n.hours = h;
        }
        if !provider.is_empty() {
            n.provider = provider;
        }
        self.finish(row, existing.cloned().map(AnyRecord::Nomination), AnyRecord::Nomination(n))
    }

    /// A row of awards (seed 001: «Поощрение тьюторов, наставников, руководителей РМО, экспертов»; приказ №
    /// 196 counts state and departmental awards): the person's award of that title on that day is the same
    /// record.
    fn award(&mut self, row: &mut Row, number: usize) -> Result<Option<(RowStatus, Vec<AnyRecord>)>, ()> {
        if row.name(Field::FullName).is_none() && row.text(Field::FullName).is_empty() {
            return Ok(None);
        }
        let person = self.existing_person(row, Field::FullName, Some(Field::BirthDate));
        let kind = row.parse(Field::AwardKind, values::award_kind);
        let title = row.text(Field::AwardTitle);
        if title.is_empty() {
            row.error(Field::AwardTitle, "не указана награда");
        }
        let date = row.parse(Field::When, values::date);
        let date = row.required(Field::When, date);
        let document = row.text(Field::Document);
        let (Some(person), Some(date)) = (person, date) else { return Err(()) };
        if title.is_empty()
            || !self.once(row, format!("award|{}|{}|{date}", person.id, norm(&title)), number, "эта награда")
        {
            return Err(());
        }
        let existing =
            self.data.awards.iter().find(|a| a.person == person.id && a.date == date && norm(&a.title) == norm(&title));
        let mut a = existing.cloned().unwrap_or_else(|| Award {
            id: AwardId::new(),
            author: self.ctx.school,
            person: person.id,
            kind: kind.unwrap_or(AwardKind::Encouragement),
            title: title.clone(),
            date,
            document: String::new(),
        });
        if let Some(k) = kind {
            a.kind = k;
        }
        if !document.is_empty() {
            a.document = document;
        }
        self.finish(row, existing.cloned().map(AnyRecord::Award), AnyRecord::Award(a))
    }

    /// A row of the bank of successful practices (seeds 001, 004): the person's practice of that title is
    /// the same record.
    fn practice(&mut self, row: &mut Row, number: usize) -> Result<Option<(RowStatus, Vec<AnyRecord>)>, ()> {
        if row.name(Field::FullName).is_none() && row.text(Field::FullName).is_empty() {
            return Ok(None);
        }
        let person = self.existing_person(row, Field::FullName, Some(Field::BirthDate));
        let title = row.text(Field::PracticeTitle);
        if title.is_empty() {
            row.error(Field::PracticeTitle, "не указана практика");
        }
        let level = row.parse(Field::EventLevel, values::event_level);
        let date = row.parse(Field::When, values::date);
        let date = row.required(Field::When, date);
        let (Some(person), Some(date)) = (person, date) else { return Err(()) };
        if title.is_empty()
            || !self.once(row, format!("practice|{}|{}", person.id, norm(&title)), number, "эта практика")
        {
            return Err(());
        }
        let existing = self.data.practices.iter().find(|x| x.person == person.id && norm(&x.title) == norm(&title));
        let mut x = existing.cloned().unwrap_or_else(|| Practice {
            id: PracticeId::new(),
            author: self.ctx.school,
            person: person.id,
            title: title.clone(),
            topic: String::new(),
            level: Level::School,
            shown_at: String::new(),
            date,
            file: String::new(),
        });
        x.date = date;
        if let Some(l) = level {
            x.level = l;
        }
        for (field, value) in
            [(Field::Topic, &mut x.topic), (Field::ShownAt, &mut x.shown_at), (Field::File, &mut x.file)]
        {
            let text = row.text(field);
            if !text.is_empty() {
                *value = text;
            }
        }
        self.finish(row, existing.cloned().map(AnyRecord::Practice), AnyRecord::Practice(x))
    }

    /// A row of teachers' requests (seed 000: «диагностику профессиональных дефицитов и запросов»): the
    /// person's request of that direction on that day is the same record.
    fn request(&mut self, row: &mut Row, number: usize) -> Result<Option<(RowStatus, Vec<AnyRecord>)>, ()> {
        if row.name(Field::FullName).is_none() && row.text(Field::FullName).is_empty() {
            return Ok(None);
        }
        let person = self.existing_person(row, Field::FullName, Some(Field::BirthDate));
        let direction = row.text(Field::Direction);
        if direction.is_empty() {
            row.error(Field::Direction, "не указано направление");
        }
        let date = row.parse(Field::When, values::date);
        let date = row.required(Field::When, date);
        let (Some(person), Some(date)) = (person, date) else { return Err(()) };
        if direction.is_empty()
            || !self.once(row, format!("request|{}|{}|{date}", person.id, norm(&direction)), number, "этот запрос")
        {
            return Err(());
        }
        let existing = self
            .data
            .requests
            .iter()
            .find(|x| x.person == person.id && x.date == date && norm(&x.direction) == norm(&direction));
        let mut x = existing.cloned().unwrap_or_else(|| Request {
            id: RequestId::new(),
            author: self.ctx.school,
            person: person.id,
            date,
            direction: direction.clone(),
            form: String::new(),
            note: String::new(),
        });
        for (field, value) in [(Field::WantedForm, &mut x.form), (Field::Note, &mut x.note)] {
            let text = row.text(field);
            if !text.is_empty() {
                *value = text;
            }
        }
        self.finish(row, existing.cloned().map(AnyRecord::Request), AnyRecord::Request(x))
    }

    /// A row of the programme's risks (seed 002 «Риски», seed 004 «9. Ожидаемые риски» and «Возможные
    /// мероприятия по минимизации риска»): the organisation's risk of the same wording is the same record;
    /// a row without a risk is skipped.
    fn risk(&mut self, row: &mut Row, number: usize) -> Result<Option<(RowStatus, Vec<AnyRecord>)>, ()> {
        let risk = row.text(Field::RiskText);
        if risk.is_empty() {
            return Ok(None);
        }
        if !self.once(row, format!("risk|{}", norm(&risk)), number, "этот риск") {
            return Err(());
        }
        let own = self.ctx.school;
        let existing = self.data.risks.iter().find(|x| x.org == own && norm(&x.risk) == norm(&risk));
        let mut x = existing.cloned().unwrap_or_else(|| Risk {
            id: RiskId::new(),
            author: own,
            org: own,
            risk: risk.clone(),
            mitigation: String::new(),
        });
        let mitigation = row.text(Field::Mitigation);
        if !mitigation.is_empty() {
            x.mitigation = mitigation;
        }
        self.finish(row, existing.cloned().map(AnyRecord::Risk), AnyRecord::Risk(x))
    }

    /// A row of meetings of a methodological association (seed 001: «Учет участия педагогов в заседаниях
    /// РМО»): the association by name (made with the row's kind and level when the organisation has none of
    /// that name), the meeting of that day (the same day is the same meeting), and a participation for each
    /// one named present who has none for it yet. Held unless «Проведено» says no; a meeting in the future
    /// with people present is refused. A sheet adds to the attendance recorded, it removes no one.
    fn meeting(&mut self, row: &mut Row, number: usize) -> Result<Option<(RowStatus, Vec<AnyRecord>)>, ()> {
        let name = row.text(Field::AssociationName);
        if name.is_empty() {
            return Ok(None);
        }
        let kind = row.parse(Field::CommunityKind, values::community_kind);
        let level = row.parse(Field::EventLevel, values::event_level);
        let date = row.parse(Field::When, values::date);
        let date = row.required(Field::When, date);
        let topic = row.text(Field::MeetingTopic);
        if topic.is_empty() {
            row.error(Field::MeetingTopic, "не указана тема");
        }
        let held = row.parse(Field::Held, values::yes_no);
        let mut present: Vec<Person> = Vec::new();
        for full in values::list(row.cell(Field::Present)) {
            let Some((l, f, m)) = values::split_name(&full) else {
                row.error(Field::Present, format!("«{full}» — нужны хотя бы фамилия и имя"));
                continue;
            };
            match self.people.find(&name_key(&l, &f, &m), None) {
                Ok(Some(p)) => present.push(p.clone()),
                Ok(None) => row.error(Field::Present, format!("{full} — нет в базе")),
                Err(e) => row.error(Field::Present, e),
            }
        }
        let Some(date) = date else { return Err(()) };
        if !self.once(row, format!("meeting|{}|{date}", norm(&name)), number, "это заседание") {
            return Err(());
        }
        let held = held.unwrap_or(date <= self.ctx.today);
        if !present.is_empty() && date > self.ctx.today {
            row.error(Field::Present, "заседание ещё не состоялось — присутствие не отмечается");
        }
        if !present.is_empty() && !held {
            row.error(Field::Held, "отмечены присутствовавшие, а заседание не проведено");
        }
        let own = self.ctx.school;
        let key = norm(&name);
        let stored = self.data.associations.iter().find(|a| a.org == own && norm(&a.name) == key);
        let mut records = Vec::new();
        let association = match stored.or_else(|| self.associations.get(&key)) {
            Some(a) => a.clone(),
            None => {
                // A school's is its ШМО, a municipality's its РМО, unless the row says otherwise.
                let (default_kind, default_level) =
                    if self.data.organisation(own).is_some_and(|o| o.role == OrgRole::School) {
                        (CommunityKind::SchoolAssociation, Level::School)
                    } else {
                        (CommunityKind::MunicipalAssociation, Level::Municipal)
                    };
                let a = Association {
                    id: AssociationId::new(),
                    author: own,
                    org: own,
                    name: name.clone(),
                    kind: kind.unwrap_or(default_kind),
                    level: level.unwrap_or(default_level),
                    theme: String::new(),
                    tasks: String::new(),
                };
                self.associations.insert(key, a.clone());
                records.push(AnyRecord::Association(a.clone()));
                a
            }
        };
        let existing = self.data.meetings.iter().find(|m| m.association == association.id && m.date == date);
        let mut m = existing.cloned().unwrap_or_else(|| Meeting {
            id: MeetingId::new(),
            author: own,
            org: own,
            association: association.id,
            date,
            topic: String::new(),
            speakers: String::new(),
            held,
            decisions: String::new(),
            group: GroupId::new(),
        });
        m.topic = topic.replace("; ", "\n");
        m.held = held;
        for (field, value) in [(Field::Speakers, &mut m.speakers), (Field::Decisions, &mut m.decisions)] {
            let text = row.text(field);
            if !text.is_empty() {
                *value = text;
            }
        }
        self.check(row, &AnyRecord::Meeting(m.clone()));
        if !row.errors.is_empty() {
            return Err(());
        }
        let (puts, _) = crate::domain::associations::attendance_changes(
            self.data,
            &association,
            &m,
            &present.iter().map(|p| p.id).collect::<Vec<_>>(),
            own,
        );
        let came: Vec<AnyRecord> = puts.into_iter().filter(|r| matches!(r, AnyRecord::Event(_))).collect();
        let changed = existing.is_none_or(|old| *old != m);
        if changed {
            records.push(AnyRecord::Meeting(m.clone()));
        }
        let new_people = came.len();
        records.extend(came);
        Ok(Some(match existing {
            None => (RowStatus::Create, records),
            Some(_) if records.is_empty() => (RowStatus::Unchanged, Vec::new()),
            Some(old) => {
                let mut changes = if changed {
                    describe_changes(&AnyRecord::Meeting(old.clone()), &AnyRecord::Meeting(m))
                } else {
                    Vec::new()
                };
                if new_people > 0 {
                    changes.push(format!("присутствовали ещё {}", ru::people(new_people as u64)));
                }
                (RowStatus::Update(changes), records)
            }
        }))
    }

    fn participant(&mut self, row: &mut Row, number: usize) -> Result<Option<(RowStatus, Vec<AnyRecord>)>, ()> {
        if row.name(Field::FullName).is_none() && row.text(Field::FullName).is_empty() {
            return Ok(None);
        }
        let Some(event) = self.ctx.event.clone() else {
            row.errors.push(RowError {
                column: "—".into(),
                message: "не описано мероприятие: название, дата, уровень".into(),
            });
            return Err(());
        };
        let person = self.existing_person(row, Field::FullName, Some(Field::BirthDate));
        let role_text = norm(&row.text(Field::Role));
        let Some(person) = person else { return Err(()) };
        if !self.once(row, format!("part|{}", person.id), number, "этот участник") {
            return Err(());
        }
        match event.kind {
            None => {
                let result = if role_text.contains("победит") {
                    ContestResult::Winner
                } else if role_text.contains("призер") {
                    ContestResult::Prizewinner
                } else if role_text.contains("лауреат") {
                    ContestResult::Laureate
                } else {
                    ContestResult::Participant
                };
                let existing = self.of(person.id).and_then(|r| {
                    r.contests.iter().copied().find(|c| c.date == event.date && norm(&c.name) == norm(&event.title))
                });
                let mut c = existing.cloned().unwrap_or_else(|| Contest {
                    id: ContestId::new(),
                    author: self.ctx.school,
                    person: person.id,
                    group: None,
                    name: event.title.clone(),
                    date: event.date,
                    level: event.level,
                    result,
                });
                c.result = result;
                c.level = event.level;
                self.finish(row, existing.cloned().map(AnyRecord::Contest), AnyRecord::Contest(c))
            }
            Some(kind) => {
                let role = if role_text.contains("мастер") {
                    EventRole::MasterClassLeader
                } else if role_text.contains("выступ") || role_text.contains("доклад") || role_text.contains("спикер")
                {
                    EventRole::Speaker
                } else if role_text.contains("публикац") || role_text.contains("автор") {
                    EventRole::Author
                } else if role_text.contains("организ") {
                    EventRole::Organizer
                } else {
                    EventRole::Participant
                };
                let existing = self.of(person.id).and_then(|r| {
                    r.events.iter().copied().find(|e| e.date == event.date && norm(&e.title) == norm(&event.title))
                });
                let mut e = existing.cloned().unwrap_or_else(|| Event {
                    id: EventId::new(),
                    author: self.ctx.school,
                    person: person.id,
                    group: None,
                    title: event.title.clone(),
                    kind,
                    date: event.date,
                    level: event.level,
                    role,
                });
                e.role = role;
                e.kind = kind;
                e.level = event.level;
                self.finish(row, existing.cloned().map(AnyRecord::Event), AnyRecord::Event(e))
            }
        }
    }
}
