//! The records a school (or a municipality) keeps, with every field of the specification.
//!
//! Every record carries `author`, the organisation that wrote it ("Who writes what" in the spec): a
//! school's package replaces only the rows its school authored. Records that change over time
//! (employment, absences, the yearly assignment) are separate records with dates, never a single
//! "current" field, because indicators are computed for past years.
//!
//! Fields that may be missing in an older stored version carry `#[serde(default)]`, so that stored
//! records and packages of earlier versions still read.

use super::dates::SchoolYear;
use super::ids::*;
use super::labels::*;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A school, a municipality or a region.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: OrgId,
    pub role: OrgRole,
    pub name: String,
    #[serde(default)]
    pub short_name: String,
    /// The code that tells schools apart in reports and in the municipal copy.
    #[serde(default)]
    pub code: String,
    /// The municipality's name, for a school.
    #[serde(default)]
    pub municipality: String,
    /// School type (СОШ, гимназия, МКШ …), from the clusters dictionary.
    #[serde(default)]
    pub cluster: String,
    /// Whether the school runs the target model of mentoring (целевая модель наставничества).
    #[serde(default)]
    pub mentoring_model: bool,
    /// In a regional copy: the municipality whose package brought this school (it alone may replace
    /// the school's rows). Empty at a school and in a municipal copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<OrgId>,
}

/// A person working at the school (работник).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub author: OrgId,
    /// The school the person works at (in a municipal copy, one of many).
    pub school: OrgId,
    pub last_name: String,
    pub first_name: String,
    #[serde(default)]
    pub middle_name: String,
    pub birth_date: Option<NaiveDate>,
    pub sex: Option<Sex>,
    pub education: Option<EducationLevel>,
    #[serde(default)]
    pub specialty: String,
    #[serde(default)]
    pub qualification: String,
    /// Start of pedagogical experience (педагогический стаж), as a date from which whole years count.
    pub ped_experience_start: Option<NaiveDate>,
    /// The start above is an estimate (counted back from «стаж 12 лет» on a sheet's date), not a date
    /// someone wrote down: an exact date replaces it, and it never replaces an exact date.
    #[serde(default)]
    pub ped_experience_estimated: bool,
    /// Start of total work experience.
    pub total_experience_start: Option<NaiveDate>,
    /// The start of total experience is an estimate (as `ped_experience_estimated`).
    #[serde(default)]
    pub total_experience_estimated: bool,
    /// A pedagogical worker: the population of every "teachers" indicator.
    #[serde(default)]
    pub pedagogical: bool,
    /// Management team (директор, заместители).
    #[serde(default)]
    pub management: bool,
    /// Contact fields: kept locally only, never in a package.
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub note: String,
}

impl Person {
    /// A new pedagogical worker of `school` with the given name and nothing else filled in.
    pub fn new(author: OrgId, school: OrgId, last_name: &str, first_name: &str, middle_name: &str) -> Self {
        Self {
            id: PersonId::new(),
            author,
            school,
            last_name: last_name.into(),
            first_name: first_name.into(),
            middle_name: middle_name.into(),
            birth_date: None,
            sex: None,
            education: None,
            specialty: String::new(),
            qualification: String::new(),
            ped_experience_start: None,
            ped_experience_estimated: false,
            total_experience_start: None,
            total_experience_estimated: false,
            pedagogical: true,
            management: false,
            phone: String::new(),
            email: String::new(),
            note: String::new(),
        }
    }

    /// «Фамилия Имя Отчество».
    pub fn full_name(&self) -> String {
        let mut s = format!("{} {}", self.last_name.trim(), self.first_name.trim());
        if !self.middle_name.trim().is_empty() {
            s.push(' ');
            s.push_str(self.middle_name.trim());
        }
        s
    }

    /// «Фамилия И. О.», as signatures and compact tables show it.
    pub fn short_name(&self) -> String {
        let initial = |s: &str| s.trim().chars().next().map(|c| format!("{c}.")).unwrap_or_default();
        let mut s = format!("{} {}", self.last_name.trim(), initial(&self.first_name));
        let m = initial(&self.middle_name);
        if !m.is_empty() {
            s.push(' ');
            s.push_str(&m);
        }
        s
    }

    /// «М. П. Алексеева»: the name under a signature (ГОСТ Р 7.0.97-2016: initials before the surname), as
    /// every signature line of the reports writes it.
    pub fn signature_name(&self) -> String {
        let initial = |s: &str| s.trim().chars().next().map(|c| format!("{c}. ")).unwrap_or_default();
        format!("{}{}{}", initial(&self.first_name), initial(&self.middle_name), self.last_name.trim())
    }
}

/// A period of work at the school; a re-hire is a new period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Employment {
    pub id: EmploymentId,
    pub author: OrgId,
    pub person: PersonId,
    pub start: NaiveDate,
    /// The last day of work; none while the person works.
    pub end: Option<NaiveDate>,
    #[serde(default)]
    pub end_reason: String,
    /// The hire date is not known (a staff sheet without it): `start` is then only the first day the
    /// person is known to work here, and a rule that needs the hire date does not assume it.
    #[serde(default)]
    pub start_unknown: bool,
}

/// An absence that keeps the person employed (декрет, long illness).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Absence {
    pub id: AbsenceId,
    pub author: OrgId,
    pub person: PersonId,
    pub kind: AbsenceKind,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    /// Free text kept locally (may hold medical details): never in a package.
    #[serde(default)]
    pub note: String,
}

/// One subject in a yearly assignment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubjectLoad {
    pub subject: String,
    /// Weekly hours of this subject.
    #[serde(default)]
    pub hours: f32,
    /// Whether the person's education (or a retraining) matches the subject; none: not known (never
    /// guessed from the level of education).
    #[serde(default)]
    pub education_match: Option<bool>,
}

/// The yearly assignment (тарификация): positions, subjects and weekly teaching load of one school year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    pub id: AssignmentId,
    pub author: OrgId,
    pub person: PersonId,
    pub year: SchoolYear,
    #[serde(default, deserialize_with = "exact")]
    pub positions: Vec<String>,
    #[serde(default, deserialize_with = "exact")]
    pub subjects: Vec<SubjectLoad>,
    /// Weekly teaching load in hours.
    #[serde(default)]
    pub load_hours: f32,
}

/// An attestation decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attestation {
    pub id: AttestationId,
    pub author: OrgId,
    pub person: PersonId,
    pub result: Category,
    /// The date of the commission's decision; the category runs from it.
    pub decision_date: NaiveDate,
    pub order_date: Option<NaiveDate>,
    #[serde(default)]
    pub order_number: String,
    pub body: Option<AttestationBody>,
    /// The position attested (for СЗД it is per position).
    #[serde(default)]
    pub position: String,
    /// Addressed recommendations received (адресные рекомендации).
    #[serde(default)]
    pub recommendations: bool,
    #[serde(default)]
    pub recommendations_text: String,
}

impl Organisation {
    /// The name lists and tables show: the short name, or the full one when there is none.
    pub fn short_or_name(&self) -> &str {
        if self.short_name.trim().is_empty() { &self.name } else { &self.short_name }
    }

    /// An organisation of `role` with its name and code and nothing else filled in.
    pub fn new(id: OrgId, role: OrgRole, name: &str, code: &str) -> Self {
        Self {
            id,
            role,
            name: name.into(),
            short_name: String::new(),
            code: code.into(),
            municipality: String::new(),
            cluster: String::new(),
            mentoring_model: false,
            parent: None,
        }
    }
}

impl Course {
    /// A course of upgrade (ПК) of `hours` ending on `end`, with no flags and no document.
    pub fn new(author: OrgId, person: PersonId, title: &str, hours: u32, end: NaiveDate) -> Self {
        Self {
            id: CourseId::new(),
            author,
            person,
            group: None,
            title: title.into(),
            provider: String::new(),
            kind: CourseKind::Upgrade,
            hours,
            start: None,
            end,
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
    }
}

/// A course (повышение квалификации), a retraining or an internship.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Course {
    pub id: CourseId,
    pub author: OrgId,
    pub person: PersonId,
    pub group: Option<GroupId>,
    pub title: String,
    #[serde(default)]
    pub provider: String,
    pub kind: CourseKind,
    pub hours: u32,
    pub start: Option<NaiveDate>,
    pub end: NaiveDate,
    pub form: Option<CourseForm>,
    /// «удостоверение» or «диплом».
    #[serde(default)]
    pub document_kind: String,
    /// Document number: kept locally, never in a package.
    #[serde(default)]
    pub document_number: String,
    pub document_date: Option<NaiveDate>,
    #[serde(default)]
    pub federal_register: bool,
    #[serde(default)]
    pub fgos: bool,
    #[serde(default)]
    pub gifted: bool,
    #[serde(default)]
    pub priority_program: bool,
    /// The diagnostic on whose basis the course was chosen.
    pub diagnostic: Option<DiagnosticId>,
    /// A retraining of pedagogical orientation.
    #[serde(default)]
    pub pedagogical_orientation: bool,
    /// A retraining to close a staff shortage.
    #[serde(default)]
    pub staff_shortage: bool,
    /// Whether the course's final assessment was passed (none = not known).
    pub final_assessment_passed: Option<bool>,
    /// The subject a retraining qualifies for (it makes that subject match the education).
    #[serde(default)]
    pub subject: String,
}

impl Course {
    /// Whether the course counts as completed once it has ended: not when its final assessment was
    /// failed (итоговая аттестация не пройдена — no удостоверение, 273-ФЗ ст. 60 ч. 12).
    pub fn completed(&self) -> bool {
        self.final_assessment_passed != Some(false)
    }
}

/// A diagnostic of professional deficits or subject competences.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub id: DiagnosticId,
    pub author: OrgId,
    pub person: PersonId,
    pub group: Option<GroupId>,
    pub date: NaiveDate,
    pub kind: DiagnosticKind,
    #[serde(default)]
    pub subject: String,
    pub level: Option<DiagnosticLevel>,
    pub score: Option<f32>,
    pub max_score: Option<f32>,
    /// Competence areas with deficits found.
    #[serde(default, deserialize_with = "exact")]
    pub deficits: Vec<String>,
    #[serde(default)]
    pub recommendations: String,
}

/// One step of a route.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RouteStep {
    pub id: RouteStepId,
    pub kind: StepKind,
    pub title: String,
    pub planned: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    pub status: StepStatus,
    #[serde(default)]
    pub evidence: String,
    /// What the step is to give (the ИОМ card's «ожидаемый результат»).
    #[serde(default)]
    pub expected: String,
}

impl RouteStep {
    /// Whether the step is overdue on `date`: planned or postponed, and its date has passed. Сегодня, the
    /// card, the routes register and the route card all ask this.
    pub fn overdue_on(&self, date: NaiveDate) -> bool {
        matches!(self.status, StepStatus::Planned | StepStatus::Postponed) && self.planned.is_some_and(|d| d < date)
    }

    /// The step's state in words on `date`: «просрочен» for an overdue step, else its status.
    pub fn state_on(&self, date: NaiveDate) -> &'static str {
        if self.overdue_on(date) { "просрочен" } else { self.status.label() }
    }
}

/// An individual educational route (ИОМ) with its steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Route {
    pub id: RouteId,
    pub author: OrgId,
    pub person: PersonId,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    /// The route's basis (seed 001: «ИОМ … на основе диагностики»; seed 000: the attestation's addressed
    /// recommendations; the teacher's own request): the diagnostic, the attestation, the request in words.
    pub basis_diagnostic: Option<DiagnosticId>,
    pub basis_attestation: Option<AttestationId>,
    #[serde(default)]
    pub basis_request: String,
    /// The route's goal and tasks (the ИОМ card's «цель» and «задачи»).
    #[serde(default)]
    pub goal: String,
    #[serde(default)]
    pub tasks: String,
    #[serde(default, deserialize_with = "exact")]
    pub deficits: Vec<String>,
    /// Curator or tutor giving personal support (персональное сопровождение).
    #[serde(default)]
    pub curator: String,
    /// Addressed methodical support received in developing and running the route.
    #[serde(default)]
    pub methodical_support: bool,
    pub status: RouteStatus,
    #[serde(default, deserialize_with = "exact")]
    pub steps: Vec<RouteStep>,
}

/// A mentor pair.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mentorship {
    pub id: MentorshipId,
    pub author: OrgId,
    /// The mentor when they work at this school.
    pub mentor: Option<PersonId>,
    /// The mentor's name when they come from elsewhere (a municipal mentor).
    #[serde(default)]
    pub mentor_name: String,
    pub mentee: PersonId,
    pub level: MentorshipLevel,
    /// «учитель – учитель», «руководитель – педагог», «педагог – молодой специалист» …
    #[serde(default)]
    pub form: String,
    #[serde(default)]
    pub program: String,
    #[serde(default)]
    pub order_number: String,
    pub order_date: Option<NaiveDate>,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    #[serde(default)]
    pub result: String,
}

/// A professional contest participation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contest {
    pub id: ContestId,
    pub author: OrgId,
    pub person: PersonId,
    pub group: Option<GroupId>,
    pub name: String,
    pub date: NaiveDate,
    pub level: Level,
    pub result: ContestResult,
}

/// Expert activity (эксперт ГИА, жюри, член аттестационной комиссии …).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExpertWork {
    pub id: ExpertWorkId,
    pub author: OrgId,
    pub person: PersonId,
    pub role: String,
    #[serde(default)]
    pub description: String,
    pub date: NaiveDate,
    pub end: Option<NaiveDate>,
    pub level: Level,
}

/// Membership in a professional community (ШМО, РМО, сетевое сообщество …).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Community {
    pub id: CommunityId,
    pub author: OrgId,
    pub person: PersonId,
    pub name: String,
    pub kind: CommunityKind,
    pub role: CommunityRole,
    pub level: Level,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

/// Participation in an event (seminar, conference, publication, school of the young teacher …).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: EventId,
    pub author: OrgId,
    pub person: PersonId,
    pub group: Option<GroupId>,
    pub title: String,
    pub kind: EventKind,
    pub date: NaiveDate,
    pub level: Level,
    pub role: EventRole,
}

/// A vacancy of the school.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Vacancy {
    pub id: VacancyId,
    pub author: OrgId,
    pub school: OrgId,
    pub position: String,
    #[serde(default)]
    pub subject: String,
    /// Weekly hours of the vacancy.
    pub hours: f32,
    pub opened: NaiveDate,
    pub closed: Option<NaiveDate>,
}

/// A target (целевое значение) of an indicator for a school year. A school sets its own; the
/// municipality's target applies to every school that has none of its own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub id: TargetId,
    pub author: OrgId,
    /// The organisation the target is for: a school, or the municipality (for all its schools).
    pub org: OrgId,
    /// A catalogue id, or the id of an entered indicator.
    pub indicator: String,
    pub year: SchoolYear,
    /// Percent for shares; the indicator's own unit for an entered one.
    pub value: f64,
}

/// An indicator measured outside the records (a survey result), with its values by school year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnteredIndicator {
    pub id: EnteredIndicatorId,
    pub author: OrgId,
    /// The organisation the values describe.
    pub org: OrgId,
    pub title: String,
    /// Where the values come from (a survey, a monitoring).
    #[serde(default)]
    pub source: String,
    /// «%» for a share, else the unit of the value.
    #[serde(default = "percent_unit")]
    pub unit: String,
    #[serde(default, deserialize_with = "exact")]
    pub values: Vec<EnteredValue>,
}

fn percent_unit() -> String {
    "%".into()
}

/// The value of an entered indicator in one school year.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnteredValue {
    pub year: SchoolYear,
    pub value: f64,
}

impl EnteredIndicator {
    /// The id by which tables, targets and the JSON name it.
    pub fn code(&self) -> String {
        format!("entered_{}", &self.id.0.simple().to_string()[..8])
    }

    pub fn value_in(&self, year: SchoolYear) -> Option<f64> {
        self.values.iter().find(|v| v.year == year).map(|v| v.value)
    }
}

/// A person proposed for the staff reserve (кадровый резерв).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reserve {
    pub id: ReserveId,
    pub author: OrgId,
    pub person: PersonId,
    pub position: String,
    pub date: NaiveDate,
    pub status: ReserveStatus,
}

/// A goal of the monitoring cycle (seed 001's first table) with the indicators that measure it; their
/// targets per year are [`Target`] records, so seed 002's plan for 2022–2026 is entered as targets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub id: GoalId,
    pub author: OrgId,
    /// The organisation whose cycle it is (the municipality, or a school's methodological service).
    pub org: OrgId,
    pub title: String,
    #[serde(default)]
    pub justification: String,
    /// The matching regional goal.
    #[serde(default)]
    pub regional_goal: String,
    /// The first and last school year of the goal.
    pub from: SchoolYear,
    pub to: SchoolYear,
    /// Catalogue ids or ids of entered indicators.
    #[serde(default, deserialize_with = "exact")]
    pub indicators: Vec<String>,
    /// The base value of each indicator (its value before the goal), by id.
    #[serde(default, deserialize_with = "exact")]
    pub base: Vec<BaseValue>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BaseValue {
    pub indicator: String,
    pub year: SchoolYear,
    pub value: f64,
}

/// An award, honorary title or encouragement of a person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Award {
    pub id: AwardId,
    pub author: OrgId,
    pub person: PersonId,
    pub kind: AwardKind,
    /// «Почётная грамота Министерства просвещения Российской Федерации».
    pub title: String,
    pub date: NaiveDate,
    /// The order or decree: «приказ Минпросвещения России от 12.05.2024 № 45/н».
    #[serde(default)]
    pub document: String,
}

/// A teacher's request for a direction of professional development (seed 000: «диагностику
/// профессиональных дефицитов и запросов»; the course plan sums them by direction).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub id: RequestId,
    pub author: OrgId,
    pub person: PersonId,
    pub date: NaiveDate,
    /// The direction asked for: «формирующее оценивание», «работа с детьми с ОВЗ».
    pub direction: String,
    /// The form wanted: «курсы», «стажировка», «наставничество» …
    #[serde(default)]
    pub form: String,
    #[serde(default)]
    pub note: String,
}

/// A practice of the bank of successful practices (seeds 001 and 004: «банк передовых и успешных
/// практик»): its author, topic, level, where it was shown, and where the materials are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Practice {
    pub id: PracticeId,
    pub author: OrgId,
    /// The teacher whose practice it is.
    pub person: PersonId,
    pub title: String,
    /// The deficit or direction it answers: «формирующее оценивание».
    #[serde(default)]
    pub topic: String,
    pub level: Level,
    /// Where it was shown: «муниципальный форум «Я делаю так»».
    #[serde(default)]
    pub shown_at: String,
    pub date: NaiveDate,
    /// A file or a link to the materials.
    #[serde(default)]
    pub file: String,
}

/// A risk of the development programme and its mitigation (seed 002, «Риски»; seed 004, «9. Ожидаемые
/// риски» and «Возможные мероприятия по минимизации риска»).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Risk {
    pub id: RiskId,
    pub author: OrgId,
    pub org: OrgId,
    pub risk: String,
    #[serde(default)]
    pub mitigation: String,
}

/// An order (приказ) drafted from the records, edited, and kept with its number and date: the preamble
/// («В соответствии с …»), «ПРИКАЗЫВАЮ:», the numbered points, control, and who signs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Order {
    pub id: OrderId,
    pub author: OrgId,
    pub org: OrgId,
    pub kind: OrderKind,
    #[serde(default)]
    pub number: String,
    pub date: NaiveDate,
    /// «О закреплении наставников за молодыми педагогами в 2026/2027 учебном году».
    pub title: String,
    #[serde(default)]
    pub preamble: String,
    /// The points after «ПРИКАЗЫВАЮ:», one per line.
    #[serde(default)]
    pub points: String,
    /// «Директор», «Начальник управления образования».
    #[serde(default)]
    pub signer_position: String,
    /// «И. О. Фамилия».
    #[serde(default)]
    pub signer: String,
}

/// A methodological association as a whole — ШМО, РМО, тьюторский клуб, методический совет (seed 001:
/// «Планы работы РМО», «отчёты по итогам работы РМО», «Учет участия педагогов в заседаниях РМО»): its name,
/// kind, level and methodological theme. Its members and its head are the memberships (`Community`) of
/// that name — one record per person, as the indicators count them; the association holds what belongs to
/// the whole, and its meetings ([`Meeting`]) point at it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Association {
    pub id: AssociationId,
    pub author: OrgId,
    pub org: OrgId,
    /// «ШМО учителей русского языка и литературы» — the name the memberships carry.
    pub name: String,
    pub kind: CommunityKind,
    pub level: Level,
    /// The methodological theme the association works on: «Формирующее оценивание на уроке».
    #[serde(default)]
    pub theme: String,
    /// The aim and tasks of the year, as the plan states them.
    #[serde(default)]
    pub tasks: String,
}

/// A meeting (заседание) of an association: planned (its date and topic in the plan of the year) or held.
/// Who attended are the participations (`Event` of kind «заседание методического объединения») entered with
/// the meeting's `group`, so that attendance counts where participation counts and leaves with a person's
/// data when it is erased.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    pub id: MeetingId,
    pub author: OrgId,
    pub org: OrgId,
    pub association: AssociationId,
    pub date: NaiveDate,
    /// The topic and the questions considered, one per line.
    pub topic: String,
    /// Who reports (in the plan: «ответственные»).
    #[serde(default)]
    pub speakers: String,
    /// Whether it was held (else it is planned).
    #[serde(default)]
    pub held: bool,
    /// What was decided.
    #[serde(default)]
    pub decisions: String,
    /// The attendance records' group.
    pub group: GroupId,
}

/// A teacher put forward for a diagnostic, a course, a contest or an event (seed 001: «списки педагогов для
/// участия в оценке предметных компетенций», «направление на обучение»): one record per person, those
/// entered together sharing a `group` — the list. When it has taken place the list becomes the people's
/// participations (`nominations::participations`) and each nomination is marked done.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Nomination {
    pub id: NominationId,
    pub author: OrgId,
    pub person: PersonId,
    pub group: Option<GroupId>,
    pub kind: NominationKind,
    /// The course, contest, event or diagnostic: «Оценка предметных компетенций учителей математики».
    pub title: String,
    /// When it begins (a course) or takes place.
    pub date: NaiveDate,
    /// When a course ends.
    pub end: Option<NaiveDate>,
    pub level: Level,
    /// Who runs it (a course's provider, the organiser of a contest).
    #[serde(default)]
    pub provider: String,
    /// A course's hours.
    #[serde(default)]
    pub hours: u32,
    /// Taken place: the participation is recorded.
    #[serde(default)]
    pub done: bool,
}

/// A line of the monitoring schedule (seed 001's «Сроки» of each direction, seed 004's periodicity):
/// what, when, who, with what result. Not tied to a year: the schedule repeats every year until edited.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScheduleItem {
    pub id: ScheduleItemId,
    pub author: OrgId,
    pub org: OrgId,
    /// What is collected or done: «Мониторинг по выявлению профессиональных дефицитов …».
    pub what: String,
    /// When, as the regulation says it: «апрель – май», «сентябрь, май», «1 полугодие — до 20 декабря,
    /// 2 полугодие — до 1 июня». The months and the dated deadlines are read from it
    /// (`cycle::months_of`, `cycle::deadlines_of`).
    pub when: String,
    /// Who is responsible: «Методист, руководители ОО».
    #[serde(default)]
    pub who: String,
    /// The result or document: «Письмо о проведении мониторинга», «Аналитическая справка».
    #[serde(default)]
    pub result: String,
}

/// A finding of the analysis of a year: what the indicators show, where, and the factors found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub id: FindingId,
    pub author: OrgId,
    pub org: OrgId,
    pub year: SchoolYear,
    /// The indicator, if the finding is about one.
    #[serde(default)]
    pub indicator: String,
    /// `all`, `school:КОД`, `cluster:ТИП`, `subject:ПРЕДМЕТ`.
    #[serde(default)]
    pub scope: String,
    pub text: String,
    #[serde(default)]
    pub factors: String,
}

/// An addressed recommendation answering a finding. One addressed to a school or its teachers has that
/// school as its `org` and travels to it in the municipal package.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    pub id: RecommendationId,
    pub author: OrgId,
    /// The school it is addressed to, or the author's own organisation.
    pub org: OrgId,
    pub year: SchoolYear,
    pub addressee: Addressee,
    #[serde(default)]
    pub finding: Option<FindingId>,
    pub text: String,
    #[serde(default)]
    pub due: Option<NaiveDate>,
}

/// A measure (мероприятие) in seed 001's columns. A measure that is an event names it in `event`: the
/// event records of that title (and date range) are its participants.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub id: MeasureId,
    pub author: OrgId,
    pub org: OrgId,
    pub year: SchoolYear,
    pub title: String,
    pub document_kind: DocumentKind,
    #[serde(default)]
    pub document: String,
    #[serde(default)]
    pub start: Option<NaiveDate>,
    #[serde(default)]
    pub end: Option<NaiveDate>,
    #[serde(default)]
    pub responsible: String,
    #[serde(default)]
    pub participants: String,
    /// The title of the event records of its participants.
    #[serde(default)]
    pub event: String,
    #[serde(default)]
    pub finding: Option<FindingId>,
    /// The indicators the measure is meant to move (for the analysis of its effect).
    #[serde(default, deserialize_with = "exact")]
    pub indicators: Vec<String>,
}

/// A management decision (управленческое решение).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub id: DecisionId,
    pub author: OrgId,
    pub org: OrgId,
    pub year: SchoolYear,
    pub what: String,
    #[serde(default)]
    pub by_whom: String,
    pub date: NaiveDate,
    #[serde(default)]
    pub document: String,
    #[serde(default)]
    pub finding: Option<FindingId>,
    #[serde(default)]
    pub measure: Option<MeasureId>,
}

/// The analysis of a measure's effect after the period: the methodologist's conclusion and the
/// corrections for next year's goals; the indicators before and after are computed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Effect {
    pub id: EffectId,
    pub author: OrgId,
    pub org: OrgId,
    pub measure: MeasureId,
    /// The year of the measure; «before» is the year before it.
    pub year: SchoolYear,
    pub conclusion: String,
    #[serde(default)]
    pub corrections: String,
}

/// A list read at its length. A list read from text is grown by doubling (its length is not known
/// beforehand), which left a regional copy (2.9 million records) about 150 MiB larger in memory.
fn exact<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    let mut list = Vec::<T>::deserialize(d)?;
    list.shrink_to_fit();
    Ok(list)
}
