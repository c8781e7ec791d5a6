//! The indicator engine: every indicator of `shared/spec/indicators.md`, defined once — id, Russian
//! title, population, numerator and denominator as predicates over a person's records — and computed
//! for a set of people (a school, a cluster, a municipality) with the by-subject breakdown where the
//! catalogue gives it. Every result carries numerator and denominator; the percent is derived, and an
//! empty denominator has none («—»).

use super::dataset::{Dataset, PersonIndex, PersonRecords};
use super::dates::{Period, SchoolYear};
use super::ids::OrgId;
use super::labels::*;
use super::records::*;
use super::rules::{self, RuleSettings};
use chrono::NaiveDate;
use serde::Serialize;

/// Who an indicator counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Population {
    /// Pedagogical workers employed on the as-of date.
    Teachers,
    /// Young teachers (settings) employed on the as-of date.
    Young,
    /// Young teachers employed on the first day of the period.
    YoungAtStart,
    /// Management employed on the as-of date.
    Management,
    /// Teachers and management, each counted once (self-evaluation item 1.32).
    TeachersAndManagement,
    /// Schools (the municipal copy).
    Schools,
}

/// What an indicator computation sees of one person.
pub struct Subject<'a> {
    pub person: &'a Person,
    pub r: &'a PersonRecords<'a>,
    pub period: Period,
    pub as_of: NaiveDate,
    pub settings: &'a RuleSettings,
}

impl Subject<'_> {
    /// Courses completed in `p`: ended in it, and not failed at the final assessment (no удостоверение:
    /// not a completed course for any indicator, 273-ФЗ ст. 60 ч. 12).
    fn courses_in(&self, p: Period) -> impl Iterator<Item = &&Course> {
        self.r.courses.iter().filter(move |c| p.contains(c.end) && c.completed())
    }
    fn courses_in_period(&self) -> impl Iterator<Item = &&Course> {
        self.courses_in(self.period)
    }
    fn last_years(&self, years: i32) -> Period {
        Period::years_up_to(self.as_of, years)
    }
    fn diagnostics_in_period(&self) -> impl Iterator<Item = &&Diagnostic> {
        self.r.diagnostics.iter().filter(|d| self.period.contains(d.date))
    }
    fn routes_overlapping(&self) -> impl Iterator<Item = &&Route> {
        self.r.routes.iter().filter(|x| self.period.overlaps(x.start, x.end))
    }
    fn valid_category(&self) -> bool {
        rules::valid_category(self.r.attestations.iter().copied(), self.as_of).is_some()
    }
    fn assignment(&self) -> Option<&Assignment> {
        rules::assignment_on(self.r.assignments.iter().copied(), self.as_of)
    }
}

type Pred = fn(&Subject) -> bool;

/// One indicator of the catalogue: everything about it in one place — its title, the group it is shown
/// under, whether less is better, its population and predicates, and its splits.
pub struct Definition {
    pub id: &'static str,
    pub title: &'static str,
    pub group: Group,
    /// Less is better: a target is a ceiling, not a floor.
    pub lower_is_better: bool,
    pub population: Population,
    /// Narrows the population to the denominator (none = the whole population).
    pub denominator: Option<Pred>,
    pub numerator: Pred,
    /// Whether the catalogue gives the by-subject breakdown.
    pub by_subject: bool,
    /// Computed for a calendar year (the self-evaluation report) rather than the school year.
    pub calendar_year: bool,
    /// The number of people is the value, not their share («Количество …», «Общая численность …»).
    pub count: bool,
}

const fn def(
    id: &'static str,
    title: &'static str,
    group: Group,
    population: Population,
    denominator: Option<Pred>,
    numerator: Pred,
    by_subject: bool,
) -> Definition {
    Definition {
        id,
        title,
        group,
        lower_is_better: false,
        population,
        denominator,
        numerator,
        by_subject,
        calendar_year: false,
        count: false,
    }
}

const fn selfeval(id: &'static str, title: &'static str, population: Population, numerator: Pred) -> Definition {
    Definition {
        id,
        title,
        group: Group::SelfEvaluation,
        lower_is_better: false,
        population,
        denominator: None,
        numerator,
        by_subject: false,
        calendar_year: true,
        count: false,
    }
}

impl Definition {
    /// The same indicator where less is better.
    const fn lower(mut self) -> Self {
        self.lower_is_better = true;
        self
    }

    /// The same indicator, whose value is the number of people.
    const fn count(mut self) -> Self {
        self.count = true;
        self
    }
}

fn has_course_in_period(s: &Subject) -> bool {
    s.courses_in_period().next().is_some()
}
fn has_diag_in_period(s: &Subject) -> bool {
    s.diagnostics_in_period().next().is_some()
}
fn has_attestation_in_period(s: &Subject) -> bool {
    s.r.attestations.iter().any(|a| s.period.contains(a.decision_date))
}
fn has_retraining_in_period(s: &Subject) -> bool {
    s.courses_in_period().any(|c| c.kind == CourseKind::Retraining)
}
fn has_route_ending_in_period(s: &Subject) -> bool {
    s.r.routes.iter().any(|x| x.end.is_some_and(|e| s.period.contains(e)))
}
fn has_valid_category(s: &Subject) -> bool {
    s.valid_category()
}
fn has_subjects(s: &Subject) -> bool {
    s.assignment().is_some_and(|a| !a.subjects.is_empty())
}
fn ped_years(s: &Subject) -> Option<i32> {
    s.person.ped_experience_start.map(|d| rules::experience_on(d, s.as_of))
}
fn age(s: &Subject) -> Option<i32> {
    s.person.birth_date.map(|d| rules::age_on(d, s.as_of))
}
fn edu_matches(s: &Subject) -> bool {
    let Some(a) = s.assignment() else { return false };
    !a.subjects.is_empty()
        && a.subjects.iter().all(|sub| {
            sub.education_match == Some(true)
                || s.r.courses.iter().any(|c| {
                    c.kind == CourseKind::Retraining
                        && c.end <= s.as_of
                        && c.completed()
                        && c.subject.trim().eq_ignore_ascii_case(sub.subject.trim())
                })
        })
}

/// The form «учитель – учитель» however it is typed: «учитель-учитель», «Учитель – учитель», «учитель —
/// учитель».
fn is_teacher_teacher(form: &str) -> bool {
    let letters: String = form.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect();
    letters == "учительучитель"
}

/// Every indicator of the catalogue, in its order.
pub fn catalogue() -> Vec<Definition> {
    use Population::*;
    vec![
        def(
            "diag_done",
            "Доля педагогов, прошедших диагностику профессиональных дефицитов",
            Group::Diagnostics,
            Teachers,
            None,
            has_diag_in_period,
            true,
        ),
        // Seed 000, «Показатели»: «доля педагогов (в разрезе учебных предметов), прошедших муниципальную
        // диагностику профессиональных дефицитов и запросов» — the municipal diagnostic alone.
        def(
            "diag_municipal",
            "Доля педагогов, прошедших муниципальную диагностику профессиональных дефицитов и запросов",
            Group::Diagnostics,
            Teachers,
            None,
            |s| s.diagnostics_in_period().any(|d| d.kind == DiagnosticKind::Municipal),
            true,
        ),
        def(
            "diag_level_ok",
            "Доля выполнивших диагностику на базовый, повышенный и высокий уровни",
            Group::Diagnostics,
            Teachers,
            Some(has_diag_in_period),
            |s| s.diagnostics_in_period().any(|d| d.level.is_some_and(|l| l >= DiagnosticLevel::Basic)),
            true,
        ),
        def(
            "diag_deficits",
            "Доля педагогов с выявленными профессиональными дефицитами",
            Group::Diagnostics,
            Teachers,
            Some(has_diag_in_period),
            |s| s.diagnostics_in_period().any(|d| !d.deficits.is_empty()),
            true,
        )
        .lower(),
        def(
            "diag_course_input",
            "Доля слушателей КПК, охваченных региональной входной диагностикой",
            Group::Diagnostics,
            Teachers,
            Some(has_course_in_period),
            |s| s.diagnostics_in_period().any(|d| d.kind == DiagnosticKind::RegionalInput),
            false,
        ),
        def(
            "route_has",
            "Доля педагогов, для которых составлены ИОМ на основе диагностики",
            Group::Routes,
            Teachers,
            None,
            |s| s.routes_overlapping().any(|x| x.basis_diagnostic.is_some()),
            true,
        ),
        def(
            "route_done",
            "Доля успешно реализовавших ИОМ",
            Group::Routes,
            Teachers,
            Some(has_route_ending_in_period),
            |s| {
                s.r.routes
                    .iter()
                    .any(|x| x.end.is_some_and(|e| s.period.contains(e)) && x.status == RouteStatus::Completed)
            },
            true,
        ),
        def(
            "route_activity",
            "Доля участвовавших в мероприятиях по устранению дефицитов в рамках ИОМ",
            Group::Routes,
            Teachers,
            None,
            |s| {
                s.r.routes
                    .iter()
                    .flat_map(|x| x.steps.iter())
                    .any(|st| st.status == StepStatus::Done && st.done.is_some_and(|d| s.period.contains(d)))
            },
            false,
        ),
        def(
            "route_support",
            "Доля получивших адресную методическую поддержку в разработке и реализации ИОМ",
            Group::Routes,
            Teachers,
            None,
            |s| s.routes_overlapping().any(|x| x.methodical_support),
            false,
        ),
        def(
            "route_tutor",
            "Доля обеспеченных персональным сопровождением при реализации ИОМ",
            Group::Routes,
            Teachers,
            None,
            |s| s.routes_overlapping().any(|x| !x.curator.trim().is_empty()),
            false,
        ),
        def(
            "attest_recs",
            "Доля прошедших аттестацию и получивших адресные рекомендации, формирующих ИОТ",
            Group::Categories,
            Teachers,
            Some(has_attestation_in_period),
            |s| {
                s.r.attestations.iter().any(|a| s.period.contains(a.decision_date) && a.recommendations)
                    && s.routes_overlapping().next().is_some()
            },
            true,
        ),
        def(
            "category_high",
            "Доля педагогов, имеющих первую и высшую квалификационную категорию",
            Group::Categories,
            Teachers,
            None,
            has_valid_category,
            true,
        ),
        // Seed 004, п. 7: «Количество педагогических работников прошедших аттестацию на первую и высшую
        // квалификационные категории» — a number: those given первая or высшая by a decision in the period.
        def(
            "attested_high",
            "Количество педагогических работников, прошедших аттестацию на первую и высшую квалификационные категории",
            Group::Categories,
            Teachers,
            None,
            |s| {
                s.r.attestations.iter().any(|a| {
                    s.period.contains(a.decision_date) && matches!(a.result, Category::First | Category::Highest)
                })
            },
            false,
        )
        .count(),
        def(
            "category_high_course",
            "Доля педагогов с высшей и первой категорией, прошедших ПК/переподготовку по современному содержанию",
            Group::Categories,
            Teachers,
            Some(has_valid_category),
            |s| s.courses_in(s.last_years(3)).next().is_some(),
            false,
        ),
        def(
            "course_3y",
            "Доля педагогов, прошедших повышение квалификации за последние 3 года",
            Group::Courses,
            Teachers,
            None,
            |s| s.courses_in(s.last_years(3)).next().is_some(),
            true,
        ),
        def(
            "course_fgos",
            "Доля педагогов, прошедших КПК в соответствии с требованиями ФГОС",
            Group::Courses,
            Teachers,
            None,
            |s| s.courses_in(s.last_years(3)).any(|c| c.fgos),
            true,
        ),
        def(
            "course_priority",
            "Доля повысивших квалификацию в рамках приоритетных федеральных программ",
            Group::Courses,
            Teachers,
            None,
            |s| s.courses_in_period().any(|c| c.priority_program),
            false,
        ),
        def(
            "course_register_diag",
            "Доля освоивших программы ДПО из Федерального реестра, подобранные с учётом диагностики",
            Group::Courses,
            Teachers,
            None,
            |s| s.courses_in_period().any(|c| c.federal_register && c.diagnostic.is_some()),
            false,
        ),
        def(
            "course_gifted",
            "Доля освоивших программы ДПО по работе с одарёнными детьми",
            Group::Courses,
            Teachers,
            None,
            |s| s.courses_in_period().any(|c| c.gifted),
            false,
        ),
        def(
            "retrain_ped",
            "Доля прошедших переподготовку по программам педагогической направленности (от прошедших переподготовку)",
            Group::Courses,
            Teachers,
            Some(has_retraining_in_period),
            |s| s.courses_in_period().any(|c| c.kind == CourseKind::Retraining && c.pedagogical_orientation),
            false,
        ),
        def(
            "retrain_shortage",
            "Доля освоивших программы переподготовки с учётом выявленных кадровых дефицитов",
            Group::Courses,
            Teachers,
            None,
            |s| s.courses_in_period().any(|c| c.kind == CourseKind::Retraining && c.staff_shortage),
            false,
        ),
        def(
            "expert",
            "Доля педагогов, вовлечённых в экспертную деятельность",
            Group::Activity,
            Teachers,
            None,
            |s| s.r.expert_works.iter().any(|e| s.period.overlaps(e.date, e.end.or(Some(e.date)))),
            false,
        ),
        // Seed 000, «Показатели»: «доля педагогов, принявших участие в экспертизе конкурсных материалов
        // мероприятий, проводимых на муниципальном уровне» — expert work of the municipal level alone.
        def(
            "expert_municipal",
            "Доля педагогов, принявших участие в экспертизе конкурсных материалов мероприятий муниципального уровня",
            Group::Activity,
            Teachers,
            None,
            |s| {
                s.r.expert_works
                    .iter()
                    .any(|e| e.level == Level::Municipal && s.period.overlaps(e.date, e.end.or(Some(e.date))))
            },
            false,
        ),
        def(
            "contest",
            "Доля педагогов, участвующих в профессиональных конкурсах",
            Group::Activity,
            Teachers,
            None,
            |s| s.r.contests.iter().any(|c| s.period.contains(c.date)),
            false,
        ),
        // Seed 004, п. 9: «Количество педагогических и управленческих кадров, принявших участие в
        // профессиональных конкурсах» — a number, teachers and management each counted once.
        def(
            "contest_staff",
            "Количество педагогических и управленческих кадров, принявших участие в профессиональных конкурсах",
            Group::Activity,
            TeachersAndManagement,
            None,
            |s| s.r.contests.iter().any(|c| s.period.contains(c.date)),
            false,
        )
        .count(),
        def(
            "network",
            "Доля педагогов, включённых в сетевые сообщества / сетевое взаимодействие (ШМО, РМО)",
            Group::Activity,
            Teachers,
            None,
            |s| s.r.communities.iter().any(|c| s.period.overlaps(c.start, c.end)),
            false,
        ),
        def(
            "network_high",
            "Доля принявших участие в мероприятиях регионального и федерального уровня",
            Group::Activity,
            Teachers,
            None,
            |s| {
                s.r.events.iter().any(|e| s.period.contains(e.date) && e.level.is_regional_or_above())
                    || s.r.contests.iter().any(|c| s.period.contains(c.date) && c.level.is_regional_or_above())
            },
            false,
        ),
        def(
            "mentoring_any",
            "Доля педагогов, участвующих в программах наставничества",
            Group::Mentoring,
            Teachers,
            None,
            |s| s.r.mentored.iter().chain(s.r.mentoring.iter()).any(|m| s.period.overlaps(m.start, m.end)),
            false,
        ),
        def(
            "burnout",
            "Доля охваченных мероприятиями по профилактике профессионального выгорания",
            Group::Conditions,
            Teachers,
            None,
            |s| s.r.events.iter().any(|e| s.period.contains(e.date) && e.kind == EventKind::BurnoutPrevention),
            false,
        ),
        def(
            "load_over36",
            "Доля педагогических работников с нагрузкой более 36 часов",
            Group::Conditions,
            Teachers,
            None,
            |s| s.assignment().is_some_and(|a| a.load_hours > s.settings.overload_hours),
            false,
        )
        .lower(),
        def(
            "edu_match",
            "Доля учителей, имеющих образование, соответствующее профилю преподаваемого предмета",
            Group::Conditions,
            Teachers,
            Some(has_subjects),
            edu_matches,
            true,
        ),
        def(
            "young_mentor",
            "Доля молодых педагогов, охваченных наставничеством",
            Group::Mentoring,
            Young,
            None,
            |s| s.r.mentored.iter().any(|m| s.period.overlaps(m.start, m.end)),
            false,
        ),
        // Seed 000, «Показатели»: «доля молодых педагогов, охваченных целевой моделью наставничества (форма
        // «учитель-учитель»)» — the pairs of that form alone, however the dash is typed.
        def(
            "young_mentor_tt",
            "Доля молодых педагогов, охваченных наставничеством в форме «учитель – учитель»",
            Group::Mentoring,
            Young,
            None,
            |s| s.r.mentored.iter().any(|m| s.period.overlaps(m.start, m.end) && is_teacher_teacher(&m.form)),
            false,
        ),
        // Seed 001 (наставничество: школьные и муниципальные наставники, «тьюторский центр») and the split of
        // `young_mentor` by the mentor's level: a young teacher with a school mentor and a municipal one.
        def(
            "young_two_mentors",
            "Доля молодых педагогов, имеющих и школьного, и муниципального наставника",
            Group::Mentoring,
            Young,
            None,
            |s| {
                let has = |level: MentorshipLevel| {
                    s.r.mentored.iter().any(|m| m.level == level && s.period.overlaps(m.start, m.end))
                };
                has(MentorshipLevel::School) && has(MentorshipLevel::Municipal)
            },
            false,
        ),
        def(
            "young_school",
            "Доля молодых педагогов, охваченных мероприятиями школы молодого педагога / проектов поддержки",
            Group::Mentoring,
            Young,
            None,
            |s| s.r.events.iter().any(|e| s.period.contains(e.date) && e.kind == EventKind::YoungTeacherSchool),
            false,
        ),
        def(
            "young_retained",
            "Сохранность контингента молодых специалистов",
            Group::Mentoring,
            YoungAtStart,
            None,
            |s| rules::employed_on(s.r.employments.iter().copied(), s.period.to),
            false,
        ),
        def(
            "mgmt_course",
            "Доля управленческих кадров, принявших участие в программах ПК",
            Group::Management,
            Management,
            None,
            has_course_in_period,
            false,
        ),
        def(
            "mgmt_recruit",
            "Количество руководящих работников, прошедших оценочные процедуры в рекрутинг-центре",
            Group::Management,
            Management,
            None,
            |s| s.r.events.iter().any(|e| s.period.contains(e.date) && e.kind == EventKind::RecruitmentAssessment),
            false,
        )
        .count(),
        def(
            "experience_sharing",
            "Доля педагогов, представивших опыт на конкурсах, мероприятиях разного уровня",
            Group::Activity,
            Teachers,
            None,
            |s| {
                s.r.contests.iter().any(|c| s.period.contains(c.date))
                    || s.r.events.iter().any(|e| s.period.contains(e.date) && e.role.shares_experience())
            },
            false,
        ),
        selfeval("self_total", "1.23 Общая численность педагогических работников", Teachers, |_| true).count(),
        selfeval("self_higher", "1.24 Имеющих высшее образование", Teachers, |s| {
            s.person.education.is_some_and(EducationLevel::is_higher)
        }),
        selfeval(
            "self_higher_ped",
            "1.25 Имеющих высшее образование педагогической направленности",
            Teachers,
            |s| s.person.education == Some(EducationLevel::HigherPedagogical),
        ),
        selfeval(
            "self_spo",
            "1.26 Имеющих среднее профессиональное образование",
            Teachers,
            |s| s.person.education.is_some_and(EducationLevel::is_vocational),
        ),
        selfeval(
            "self_spo_ped",
            "1.27 Имеющих СПО педагогической направленности",
            Teachers,
            |s| s.person.education == Some(EducationLevel::VocationalPedagogical),
        ),
        selfeval("self_category", "1.28 Которым присвоена квалификационная категория", Teachers, has_valid_category),
        selfeval("self_exp_lt5", "1.29.1 Педагогический стаж до 5 лет", Teachers, |s| {
            ped_years(s).is_some_and(|y| y < 5)
        }),
        selfeval("self_exp_gt30", "1.29.2 Педагогический стаж свыше 30 лет", Teachers, |s| {
            ped_years(s).is_some_and(|y| y > 30)
        }),
        selfeval("self_age_lt30", "1.30 В возрасте до 30 лет", Teachers, |s| {
            age(s).is_some_and(|a| a < 30)
        }),
        selfeval("self_age_ge55", "1.31 В возрасте от 55 лет", Teachers, |s| {
            age(s).is_some_and(|a| a >= 55)
        }),
        selfeval(
            "self_course_5y",
            "1.32 Прошедших за последние 5 лет ПК / переподготовку по профилю деятельности",
            TeachersAndManagement,
            |s| s.courses_in(s.last_years(5)).next().is_some(),
        ),
        selfeval(
            "self_course_fgos",
            "1.33 Прошедших ПК по применению ФГОС",
            Teachers,
            |s| s.courses_in(s.last_years(5)).any(|c| c.fgos),
        ),
    ]
}

/// An indicator computed over schools rather than people (municipal copy).
pub struct SchoolIndicator {
    pub id: &'static str,
    pub title: &'static str,
    pub group: Group,
    pub lower_is_better: bool,
}

/// The indicators computed over schools rather than people (municipal copy).
pub const SCHOOL_LEVEL: &[SchoolIndicator] = &[
    SchoolIndicator {
        id: "mgmt_teams",
        title: "Доля управленческих команд, принявших участие в программах ПК",
        group: Group::Management,
        lower_is_better: false,
    },
    SchoolIndicator {
        id: "schools_mentoring",
        title: "Доля школ, реализующих целевую модель наставничества",
        group: Group::Schools,
        lower_is_better: false,
    },
    SchoolIndicator {
        id: "schools_network",
        title: "Доля школ, педагоги которых включены в сетевое взаимодействие",
        group: Group::Schools,
        lower_is_better: false,
    },
    SchoolIndicator {
        id: "schools_mismatch30",
        title: "Доля ОО, в которых более 30 % учителей преподают не по образованию",
        group: Group::Schools,
        lower_is_better: true,
    },
];

/// What every screen, report and command needs to know about an indicator, whichever way it is computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct About {
    pub id: &'static str,
    pub title: &'static str,
    pub group: Group,
    pub lower_is_better: bool,
    /// Counts schools (a share of schools), not people.
    pub counts_schools: bool,
    /// The catalogue gives the by-subject breakdown.
    pub by_subject: bool,
    /// Computed for a calendar year (the self-evaluation report).
    pub calendar_year: bool,
    /// The number of people is the value, not their share.
    pub count: bool,
}

/// Every indicator the engine computes, in the catalogue's order (people first, then schools).
pub fn described() -> &'static [About] {
    static ALL: std::sync::OnceLock<Vec<About>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        catalogue()
            .iter()
            .map(|d| About {
                id: d.id,
                title: d.title,
                group: d.group,
                lower_is_better: d.lower_is_better,
                counts_schools: false,
                by_subject: d.by_subject,
                calendar_year: d.calendar_year,
                count: d.count,
            })
            .chain(SCHOOL_LEVEL.iter().map(|s| About {
                id: s.id,
                title: s.title,
                group: s.group,
                lower_is_better: s.lower_is_better,
                counts_schools: true,
                by_subject: false,
                calendar_year: false,
                count: false,
            }))
            .collect()
    })
}

/// The description of a computed indicator (none for an entered one).
pub fn about(id: &str) -> Option<&'static About> {
    described().iter().find(|a| a.id == id)
}

/// Every id the engine computes, for the check against the catalogue.
pub fn all_ids() -> Vec<&'static str> {
    described().iter().map(|a| a.id).collect()
}

/// Whom a value counts: the whole copy, or one part of a breakdown. Its one text form — `all`,
/// `subject:ПРЕДМЕТ`, `school:КОД`, `cluster:ТИП`, `municipality:КОД` — is the JSON's and the
/// command line's.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    #[default]
    All,
    Subject(String),
    School(String),
    Cluster(String),
    Municipality(String),
}

impl Scope {
    /// The scope of a text form (none for an unknown prefix).
    pub fn parse(text: &str) -> Option<Scope> {
        if text == "all" {
            return Some(Scope::All);
        }
        let (kind, name) = text.split_once(':')?;
        let name = name.to_string();
        Some(match kind {
            "subject" => Scope::Subject(name),
            "school" => Scope::School(name),
            "cluster" => Scope::Cluster(name),
            "municipality" => Scope::Municipality(name),
            _ => return None,
        })
    }

    /// The breakdown whose rows have this scope.
    pub fn breakdown(&self) -> Breakdown {
        match self {
            Scope::All => Breakdown::None,
            Scope::Subject(_) => Breakdown::Subject,
            Scope::School(_) => Breakdown::School,
            Scope::Cluster(_) => Breakdown::Cluster,
            Scope::Municipality(_) => Breakdown::Municipality,
        }
    }

    /// The part's name when the scope is a part of `breakdown` (a subject of the by-subject breakdown …).
    pub fn part(&self, breakdown: Breakdown) -> Option<&str> {
        (*self != Scope::All && self.breakdown() == breakdown).then(|| self.name())
    }

    /// The part's name (a subject, a school's code …); empty for the whole.
    pub fn name(&self) -> &str {
        match self {
            Scope::All => "",
            Scope::Subject(n) | Scope::School(n) | Scope::Cluster(n) | Scope::Municipality(n) => n,
        }
    }
}

impl std::fmt::Display for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scope::All => f.write_str("all"),
            other => write!(f, "{}:{}", other.breakdown().prefix(), other.name()),
        }
    }
}

impl Serialize for Scope {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Scope {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Scope::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("неизвестная область «{text}»")))
    }
}

impl PartialEq<str> for Scope {
    fn eq(&self, other: &str) -> bool {
        match self {
            Scope::All => other == "all",
            s => other.strip_prefix(s.breakdown().prefix()).and_then(|r| r.strip_prefix(':')) == Some(s.name()),
        }
    }
}

impl PartialEq<&str> for Scope {
    fn eq(&self, other: &&str) -> bool {
        self == *other
    }
}

impl PartialEq<String> for Scope {
    fn eq(&self, other: &String) -> bool {
        self == other.as_str()
    }
}

/// One computed value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Value {
    pub id: String,
    pub title: String,
    pub scope: Scope,
    pub numerator: u64,
    pub denominator: u64,
}

impl Value {
    /// The percent with one decimal; none for an empty denominator.
    pub fn percent(&self) -> Option<f64> {
        (self.denominator > 0).then(|| (self.numerator as f64 * 1000.0 / self.denominator as f64).round() / 10.0)
    }

    /// «12 / 40 = 30,0 %», or «0 / 0 = —».
    pub fn display(&self) -> String {
        match self.percent() {
            Some(p) => format!("{} / {} = {}", self.numerator, self.denominator, super::ru::percent(p)),
            None => format!("{} / {} = —", self.numerator, self.denominator),
        }
    }
}

/// The period of a report: a school year (as of its last day, or `today` while it runs), a calendar
/// year for the self-evaluation items, or any range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub period: Period,
    pub as_of: NaiveDate,
    /// A past calendar year the self-evaluation items are counted for (on its 31 December) instead of
    /// the one containing `as_of`: a trend's earlier points (`with_calendar_year`).
    calendar_year: Option<i32>,
}

impl Window {
    pub fn school_year(year: SchoolYear, today: NaiveDate) -> Self {
        let period = year.period();
        Self { period, as_of: period.to.min(today).max(period.from), calendar_year: None }
    }

    pub fn range(from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Self {
        Self { period: Period::new(from, to), as_of: to.min(today).max(from), calendar_year: None }
    }

    /// The same window with its self-evaluation items counted for the past calendar year `year`, on its
    /// 31 December. A board's trend needs it: from September to December the school year that has just
    /// ended lies in the current calendar year, so its «прошлый год» of items 1.23–1.33 would be this
    /// year again; the trend's points are consecutive calendar years instead.
    pub fn with_calendar_year(self, year: i32) -> Self {
        Self { calendar_year: Some(year), ..self }
    }

    /// What counts: the records dated in [period start, as-of date] (`indicators.md`, «Dates»:
    /// nothing counts before it has happened — in the running year, a course ending next month is not
    /// finished yet and a route planned to end next summer is not completed).
    pub fn counted(&self) -> Period {
        Period::new(self.period.from, self.as_of.min(self.period.to))
    }

    /// The self-evaluation items' window: the calendar year that contains this window's as-of date,
    /// counted on that same date (so that the items of a past school year are those of its last day,
    /// not of today).
    pub fn calendar(&self) -> Self {
        use chrono::Datelike;
        let y = self.calendar_year.unwrap_or(self.as_of.year());
        let from = NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(self.as_of);
        let to = NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(self.as_of);
        let as_of = if self.calendar_year.is_some() { to } else { self.as_of };
        Self { period: Period::new(from, to), as_of, calendar_year: None }
    }
}

/// How the results are broken down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Breakdown {
    None,
    Subject,
    School,
    Cluster,
    /// By municipality, in a regional copy.
    Municipality,
}

impl Breakdown {
    pub const ALL: [Breakdown; 5] =
        [Breakdown::None, Breakdown::Subject, Breakdown::School, Breakdown::Cluster, Breakdown::Municipality];

    pub fn label(self) -> &'static str {
        match self {
            Breakdown::None => "без разбивки",
            Breakdown::Subject => "по предметам",
            Breakdown::School => "по школам",
            Breakdown::Cluster => "по типам школ",
            Breakdown::Municipality => "по муниципалитетам",
        }
    }

    /// The scope prefix of its rows («school», «subject» …).
    pub fn prefix(self) -> &'static str {
        match self {
            Breakdown::None => "all",
            Breakdown::Subject => "subject",
            Breakdown::School => "school",
            Breakdown::Cluster => "cluster",
            Breakdown::Municipality => "municipality",
        }
    }
}

/// The group an indicator is shown under (the filter of the Показатели screen).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Group {
    Diagnostics,
    Routes,
    Categories,
    Courses,
    Activity,
    Mentoring,
    Conditions,
    Management,
    SelfEvaluation,
    Schools,
    Entered,
}

impl Group {
    pub const ALL: [Group; 11] = [
        Group::Diagnostics,
        Group::Routes,
        Group::Categories,
        Group::Courses,
        Group::Activity,
        Group::Mentoring,
        Group::Conditions,
        Group::Management,
        Group::SelfEvaluation,
        Group::Schools,
        Group::Entered,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Group::Diagnostics => "Диагностика дефицитов",
            Group::Routes => "ИОМ",
            Group::Categories => "Аттестация и категории",
            Group::Courses => "Повышение квалификации",
            Group::Activity => "Конкурсы, экспертиза, сети",
            Group::Mentoring => "Наставничество и молодые педагоги",
            Group::Conditions => "Нагрузка, образование, выгорание",
            Group::Management => "Управленческие кадры",
            Group::SelfEvaluation => "Самообследование (приказ № 1324)",
            Group::Schools => "Доли школ",
            Group::Entered => "Введённые показатели",
        }
    }

    /// The group of an indicator, as its definition says (an id the engine does not compute is an
    /// entered one).
    pub fn of(id: &str) -> Group {
        about(id).map_or(Group::Entered, |a| a.group)
    }
}

/// Who a scope of a breakdown takes, and its name for the JSON and tables.
struct Scopes {
    names: Vec<Scope>,
    lookup: std::collections::HashMap<Scope, usize>,
}

impl Scopes {
    fn new() -> Self {
        let mut s = Self { names: Vec::new(), lookup: Default::default() };
        s.id(Scope::All);
        s
    }

    fn id(&mut self, name: Scope) -> usize {
        if let Some(&i) = self.lookup.get(&name) {
            return i;
        }
        self.names.push(name.clone());
        self.lookup.insert(name, self.names.len() - 1);
        self.names.len() - 1
    }
}

/// The scope name of every school under a breakdown («school:<code>», «cluster:<name>»,
/// «municipality:<code>»; none for the others), built once per computation. A school's municipality is
/// the code of the municipality whose package brought it (its `parent`) in a regional copy, else of the
/// municipality organisation of that name, else the name itself.
fn school_scopes(data: &Dataset, breakdown: Breakdown) -> std::collections::HashMap<OrgId, Scope> {
    let municipalities = || data.organisations.iter().filter(|o| o.role == OrgRole::Municipality && !o.code.is_empty());
    let codes: std::collections::HashMap<&str, &str> =
        municipalities().map(|o| (o.name.as_str(), o.code.as_str())).collect();
    let by_id: std::collections::HashMap<OrgId, &str> = municipalities().map(|o| (o.id, o.code.as_str())).collect();
    data.schools()
        .filter_map(|s| {
            let name = match breakdown {
                Breakdown::School => Scope::School(s.code.clone()),
                Breakdown::Cluster => Scope::Cluster(s.cluster.clone()),
                Breakdown::Municipality => {
                    let code = s.parent.and_then(|p| by_id.get(&p).copied());
                    let code = code.or_else(|| codes.get(s.municipality.as_str()).copied());
                    Scope::Municipality(code.unwrap_or(&s.municipality).to_string())
                }
                Breakdown::None | Breakdown::Subject => return None,
            };
            Some((s.id, name))
        })
        .collect()
}

/// What one person contributes to each indicator: bit `i` of `den` — in the denominator of definition
/// `i`; of `num` — also in its numerator.
#[derive(Clone, Copy, Default)]
struct Bits {
    den: u64,
    num: u64,
}

fn evaluate(defs: &[Definition], p: &Person, r: &PersonRecords, windows: [Window; 2], settings: &RuleSettings) -> Bits {
    let mut bits = Bits::default();
    for (i, d) in defs.iter().enumerate() {
        let w = windows[usize::from(d.calendar_year)];
        if !in_population(p, r, d.population, w, settings) {
            continue;
        }
        let s = Subject { person: p, r, period: w.counted(), as_of: w.as_of, settings };
        if d.denominator.is_some_and(|f| !f(&s)) {
            continue;
        }
        bits.den |= 1 << i;
        if (d.numerator)(&s) {
            bits.num |= 1 << i;
        }
    }
    bits
}

/// The subjects of a person's assignment on `as_of`, each once, as scope names.
fn subject_scopes(r: &PersonRecords, as_of: NaiveDate) -> Vec<Scope> {
    rules::assignment_on(r.assignments.iter().copied(), as_of)
        .map(|a| {
            let mut subjects: Vec<Scope> = a.subjects.iter().map(|s| Scope::Subject(s.subject.clone())).collect();
            subjects.sort();
            subjects.dedup();
            subjects
        })
        .unwrap_or_default()
}

/// Computes the whole catalogue over `data` for the window, with the breakdown: for every indicator the
/// whole («all») first, then its breakdown rows.
pub fn compute(data: &Dataset, window: Window, settings: &RuleSettings, breakdown: Breakdown) -> Vec<Value> {
    compute_all(data, window, settings, &[breakdown]).pop().unwrap_or_default()
}

/// Computes the whole catalogue once for several breakdowns (one result per breakdown, in order). Each
/// person is evaluated once for every indicator — on all cores, in chunks — and the breakdowns only add
/// up the bits by scope.
pub fn compute_all(
    data: &Dataset,
    window: Window,
    settings: &RuleSettings,
    breakdowns: &[Breakdown],
) -> Vec<Vec<Value>> {
    let index = data.index();
    let defs = catalogue();
    let windows = [window, window.calendar()];
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let chunk = data.persons.len().div_ceil(threads).max(1024);
    let evaluated: Vec<(&Person, &PersonRecords, Bits)> = std::thread::scope(|scope| {
        let jobs: Vec<_> = data
            .persons
            .chunks(chunk)
            .map(|persons| {
                let (index, defs) = (&index, &defs);
                scope.spawn(move || {
                    persons
                        .iter()
                        .filter_map(|p| {
                            let r = index.records(p.id)?;
                            let bits = evaluate(defs, p, r, windows, settings);
                            (bits.den != 0).then_some((p, r, bits))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        // A worker that panicked fails the computation (its panic goes on) instead of dropping its people
        // from every figure.
        jobs.into_iter().flat_map(|j| j.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    let facts = school_facts(data, &index, window, settings);
    breakdowns
        .iter()
        .map(|&b| {
            let mut out = aggregate(data, &defs, &evaluated, window, b);
            out.extend(school_level(data, &facts, b));
            out
        })
        .collect()
}

/// Adds up the evaluated bits by the scopes of one breakdown.
fn aggregate(
    data: &Dataset,
    defs: &[Definition],
    evaluated: &[(&Person, &PersonRecords, Bits)],
    window: Window,
    breakdown: Breakdown,
) -> Vec<Value> {
    let names = school_scopes(data, breakdown);
    let mut scopes = Scopes::new();
    // Breakdown rows in a stable order: schools as listed, clusters and municipalities and subjects sorted.
    if breakdown == Breakdown::School {
        for s in data.schools() {
            scopes.id(names[&s.id].clone());
        }
    } else {
        let mut sorted: Vec<&Scope> = names.values().collect();
        sorted.sort();
        sorted.dedup();
        for n in sorted {
            scopes.id(n.clone());
        }
    }
    let slot_of: std::collections::HashMap<OrgId, usize> =
        names.iter().map(|(school, name)| (*school, scopes.lookup[name])).collect();
    let mut sums: Vec<Vec<[u64; 2]>> = vec![vec![[0, 0]; defs.len()]; scopes.names.len()];
    let add = |scope: usize, bits: Bits, sums: &mut Vec<Vec<[u64; 2]>>| {
        if sums.len() <= scope {
            sums.resize(scope + 1, vec![[0, 0]; defs.len()]);
        }
        for (i, cell) in sums[scope].iter_mut().enumerate() {
            cell[0] += (bits.den >> i) & 1;
            cell[1] += (bits.num >> i) & 1;
        }
    };
    for &(p, r, bits) in evaluated {
        add(0, bits, &mut sums);
        if breakdown == Breakdown::Subject {
            for name in subject_scopes(r, window.as_of) {
                let id = scopes.id(name);
                add(id, bits, &mut sums);
            }
        } else if let Some(&slot) = slot_of.get(&p.school) {
            add(slot, bits, &mut sums);
        }
    }
    sums.resize(scopes.names.len(), vec![[0, 0]; defs.len()]);
    // Subjects are listed sorted.
    let mut order: Vec<usize> = (1..scopes.names.len()).collect();
    if breakdown == Breakdown::Subject {
        order.sort_by(|a, b| scopes.names[*a].cmp(&scopes.names[*b]));
    }
    let mut out = Vec::new();
    for (i, d) in defs.iter().enumerate() {
        let value = |scope: usize| Value {
            id: d.id.into(),
            title: d.title.into(),
            scope: scopes.names[scope].clone(),
            numerator: sums[scope][i][1],
            denominator: sums[scope][i][0],
        };
        out.push(value(0));
        if breakdown != Breakdown::Subject || d.by_subject {
            out.extend(order.iter().map(|&s| value(s)));
        }
    }
    out
}

fn in_population(p: &Person, r: &PersonRecords, population: Population, w: Window, settings: &RuleSettings) -> bool {
    let employed = |d: NaiveDate| rules::employed_on(r.employments.iter().copied(), d);
    match population {
        Population::Teachers => p.pedagogical && employed(w.as_of),
        Population::Young => p.pedagogical && employed(w.as_of) && rules::is_young(p, w.as_of, settings),
        Population::YoungAtStart => {
            p.pedagogical && employed(w.period.from) && rules::is_young(p, w.period.from, settings)
        }
        Population::Management => p.management && employed(w.as_of),
        Population::TeachersAndManagement => (p.pedagogical || p.management) && employed(w.as_of),
        Population::Schools => false,
    }
}

/// The facts of one school behind the school-level shares.
#[derive(Clone, Copy, Debug, Default)]
struct SchoolFacts {
    mgmt_course: bool,
    mentoring_model: bool,
    network: bool,
    mismatch: bool,
}

impl SchoolFacts {
    fn get(&self, i: usize) -> bool {
        [self.mgmt_course, self.mentoring_model, self.network, self.mismatch][i]
    }
}

fn school_facts(data: &Dataset, index: &PersonIndex, w: Window, settings: &RuleSettings) -> Vec<(OrgId, SchoolFacts)> {
    let mut by_school: std::collections::HashMap<OrgId, (SchoolFacts, usize, usize)> = Default::default();
    for p in &data.persons {
        let Some(r) = index.records(p.id) else { continue };
        let s = Subject { person: p, r, period: w.counted(), as_of: w.as_of, settings };
        let e = by_school.entry(p.school).or_default();
        let teacher = in_population(p, r, Population::Teachers, w, settings);
        if in_population(p, r, Population::Management, w, settings) && has_course_in_period(&s) {
            e.0.mgmt_course = true;
        }
        if teacher && r.communities.iter().any(|c| w.counted().overlaps(c.start, c.end)) {
            e.0.network = true;
        }
        if teacher && has_subjects(&s) {
            e.1 += 1;
            if !edu_matches(&s) {
                e.2 += 1;
            }
        }
    }
    data.schools()
        .map(|school| {
            let (mut f, with_subjects, mismatched) = by_school.get(&school.id).copied().unwrap_or_default();
            f.mentoring_model = school.mentoring_model;
            f.mismatch = with_subjects > 0 && mismatched as f64 > settings.mismatch_share * with_subjects as f64;
            (school.id, f)
        })
        .collect()
}

/// The shares over schools: management teams with a course, schools running the mentoring model, with a
/// teacher in a community, with more than 30 % (a setting) of teachers not matching their subjects. By
/// school each is a yes/no (1 / 1 or 0 / 1).
fn school_level(data: &Dataset, facts: &[(OrgId, SchoolFacts)], breakdown: Breakdown) -> Vec<Value> {
    let names = school_scopes(data, breakdown);
    let mut out = Vec::new();
    for (i, SchoolIndicator { id, title, .. }) in SCHOOL_LEVEL.iter().enumerate() {
        let mut rows: Vec<(Scope, u64, u64)> = vec![(Scope::All, 0, 0)];
        let mut at: std::collections::HashMap<&Scope, usize> = Default::default();
        for (school, f) in facts {
            let yes = u64::from(f.get(i));
            rows[0].1 += yes;
            rows[0].2 += 1;
            let Some(scope) = names.get(school) else { continue };
            let slot = *at.entry(scope).or_insert_with(|| {
                rows.push((scope.clone(), 0, 0));
                rows.len() - 1
            });
            rows[slot].1 += yes;
            rows[slot].2 += 1;
        }
        if breakdown != Breakdown::School {
            rows[1..].sort_by(|a, b| a.0.cmp(&b.0));
        }
        out.extend(rows.into_iter().map(|(scope, n, d)| Value {
            id: (*id).into(),
            title: (*title).into(),
            scope,
            numerator: n,
            denominator: d,
        }));
    }
    out
}

/// The schools a school-based scope («school:…», «cluster:…», «municipality:…») takes.
fn schools_in(data: &Dataset, scope: &Scope) -> std::collections::HashSet<OrgId> {
    if matches!(scope, Scope::All | Scope::Subject(_)) {
        return Default::default();
    }
    school_scopes(data, scope.breakdown()).into_iter().filter(|(_, name)| name == scope).map(|(id, _)| id).collect()
}

/// Whether a person is in a scope: «all», «subject:…» by the assignment on `as_of`, or a school-based
/// scope taking one of `schools` (see [`schools_in`]).
fn person_in_scope(
    scope: &Scope,
    schools: &std::collections::HashSet<OrgId>,
    p: &Person,
    r: &PersonRecords,
    as_of: NaiveDate,
) -> bool {
    match scope {
        Scope::All => true,
        Scope::Subject(subject) => rules::assignment_on(r.assignments.iter().copied(), as_of)
            .is_some_and(|a| a.subjects.iter().any(|s| s.subject == *subject)),
        _ => schools.contains(&p.school),
    }
}

/// One line of a drill-down: a person (or, for the school-level shares, a school) in the denominator,
/// and whether the numerator counts them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DrillRow {
    pub person: Option<super::ids::PersonId>,
    pub name: String,
    pub school: String,
    pub counted: bool,
}

/// Who is behind one number: every member of the denominator of `id` in `scope`, counted or not,
/// counted first and then by name.
pub fn drill(data: &Dataset, window: Window, settings: &RuleSettings, id: &str, scope: &Scope) -> Vec<DrillRow> {
    drill_in(data, &data.index(), window, settings, id, scope)
}

fn drill_in(
    data: &Dataset,
    index: &PersonIndex,
    window: Window,
    settings: &RuleSettings,
    id: &str,
    scope: &Scope,
) -> Vec<DrillRow> {
    let schools: std::collections::HashMap<OrgId, &Organisation> = data.schools().map(|s| (s.id, s)).collect();
    let school_name = |id: OrgId| schools.get(&id).map(|s| s.short_or_name().to_string()).unwrap_or_default();
    let members = schools_in(data, scope);
    let mut rows = Vec::new();
    if let Some(i) = SCHOOL_LEVEL.iter().position(|x| x.id == id) {
        for (school, f) in school_facts(data, index, window, settings) {
            if scope == "all" || members.contains(&school) {
                rows.push(DrillRow {
                    person: None,
                    name: school_name(school),
                    school: String::new(),
                    counted: f.get(i),
                });
            }
        }
    } else if let Some(d) = catalogue().into_iter().find(|d| d.id == id) {
        let windows = [window, window.calendar()];
        let w = windows[usize::from(d.calendar_year)];
        for p in &data.persons {
            let Some(r) = index.records(p.id) else { continue };
            let bits = evaluate(std::slice::from_ref(&d), p, r, windows, settings);
            if bits.den == 0 {
                continue;
            }
            if person_in_scope(scope, &members, p, r, w.as_of) {
                rows.push(DrillRow {
                    person: Some(p.id),
                    name: p.full_name(),
                    school: school_name(p.school),
                    counted: bits.num != 0,
                });
            }
        }
    }
    rows.sort_by(|a, b| b.counted.cmp(&a.counted).then_with(|| a.name.cmp(&b.name)));
    rows
}

/// Whose target applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum TargetSource {
    /// The school's own.
    School,
    /// The municipality's (or region's), applying to every school without its own.
    Municipal,
}

impl TargetSource {
    pub fn label(self) -> &'static str {
        match self {
            TargetSource::School => "цель школы",
            TargetSource::Municipal => "цель муниципалитета",
        }
    }
}

/// The targets of a dataset looked up by (organisation, indicator, year), built once for a table.
pub struct Targets<'a> {
    by_key: std::collections::HashMap<(OrgId, &'a str, SchoolYear), f64>,
    /// Municipalities and regions: their targets apply to schools without their own.
    upper: Vec<OrgId>,
}

impl<'a> Targets<'a> {
    pub fn new(data: &'a Dataset) -> Self {
        Self {
            by_key: data.targets.iter().map(|t| ((t.org, t.indicator.as_str(), t.year), t.value)).collect(),
            upper: data
                .organisations
                .iter()
                .filter(|o| matches!(o.role, OrgRole::Municipality | OrgRole::Region))
                .map(|o| o.id)
                .collect(),
        }
    }

    /// The target of `indicator` for `year`: for a school (`school` given) its own target, else the
    /// municipality's; for the whole of a municipal copy (`school` none) the municipality's.
    pub fn get(&self, indicator: &str, year: SchoolYear, school: Option<OrgId>) -> Option<(f64, TargetSource)> {
        if let Some(v) = school.and_then(|s| self.by_key.get(&(s, indicator, year))) {
            return Some((*v, TargetSource::School));
        }
        self.upper.iter().find_map(|o| self.by_key.get(&(*o, indicator, year))).map(|v| (*v, TargetSource::Municipal))
    }
}

/// One target lookup (see [`Targets::get`]); a table builds [`Targets`] once instead.
pub fn target_for(
    data: &Dataset,
    indicator: &str,
    year: SchoolYear,
    school: Option<OrgId>,
) -> Option<(f64, TargetSource)> {
    Targets::new(data).get(indicator, year, school)
}

/// Indicators where less is better (a target is a ceiling, not a floor), as their definitions say.
pub fn lower_is_better(id: &str) -> bool {
    about(id).is_some_and(|a| a.lower_is_better)
}

/// How a value stands against its target, in words: «достигнуто», «не достигнуто», or, while the school
/// year still runs (`running`), «промежуточно» for a value below its target — the year may still reach
/// it. Empty without a target or a value. Every screen and report marks targets with this.
pub fn target_mark(met: Option<bool>, running: bool) -> &'static str {
    match met {
        Some(true) => "достигнуто",
        Some(false) if running => "промежуточно",
        Some(false) => "не достигнуто",
        None => "",
    }
}

/// Whether `year` still runs on `today` (its last day not yet past).
pub fn year_running(year: SchoolYear, today: NaiveDate) -> bool {
    today <= year.last_day()
}

/// Whether `actual` meets `target` for the indicator (none when there is no actual value).
pub fn target_met(id: &str, actual: Option<f64>, target: f64) -> Option<bool> {
    let a = actual?;
    Some(if lower_is_better(id) { a <= target + 1e-9 } else { a + 1e-9 >= target })
}

/// The staffing picture (кадровые потребности) of one scope on the as-of date.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Staffing {
    pub scope: Scope,
    /// Fact number of teachers.
    pub teachers: u64,
    /// Vacancies open on the as-of date, and their weekly hours.
    pub vacancies: u64,
    pub vacancy_hours: f64,
    pub by_education: Vec<(String, u64)>,
    pub by_experience: Vec<(String, u64)>,
    pub by_age: Vec<(String, u64)>,
    pub average_age: Option<f64>,
    pub by_category: Vec<(String, u64)>,
    /// Weekly teaching hours of the year's assignments.
    pub total_load: f64,
    pub average_load: Option<f64>,
    /// Обеспеченность кадрами, percent: assigned hours / (assigned + open vacancy hours).
    pub provision: Option<f64>,
}

pub const EXPERIENCE_BANDS: [&str; 6] = ["до 3 лет", "3–5 лет", "5–10 лет", "10–20 лет", "свыше 20 лет", "не указан"];
pub const AGE_BANDS: [&str; 4] = ["до 35 лет", "35–54 года", "55 лет и старше", "не указан"];
pub const CATEGORY_BANDS: [&str; 4] = ["высшая", "первая", "СЗД", "без категории и СЗД"];

fn band(value: Option<i32>, limits: &[i32]) -> usize {
    match value {
        None => limits.len() + 1,
        Some(v) => limits.iter().position(|l| v < *l).unwrap_or(limits.len()),
    }
}

/// Staffing of every scope of the breakdown («all» first). A subject breakdown counts a teacher in
/// each subject they teach and vacancies by their subject.
pub fn staffing(data: &Dataset, as_of: NaiveDate, breakdown: Breakdown) -> Vec<Staffing> {
    let index = data.index();
    let names = school_scopes(data, breakdown);
    struct Acc {
        s: Staffing,
        ages: (i64, u64),
        edu: [u64; 6],
        exp: [u64; 6],
        age: [u64; 4],
        cat: [u64; 4],
        loaded: u64,
    }
    let mut accs: Vec<Acc> = Vec::new();
    let mut lookup: std::collections::HashMap<Scope, usize> = Default::default();
    let mut slot = |scope: Scope, accs: &mut Vec<Acc>| -> usize {
        *lookup.entry(scope.clone()).or_insert_with(|| {
            accs.push(Acc {
                s: Staffing { scope, ..Default::default() },
                ages: (0, 0),
                edu: [0; 6],
                exp: [0; 6],
                age: [0; 4],
                cat: [0; 4],
                loaded: 0,
            });
            accs.len() - 1
        })
    };
    slot(Scope::All, &mut accs);
    if breakdown == Breakdown::School {
        for s in data.schools() {
            slot(Scope::School(s.code.clone()), &mut accs);
        }
    }
    for p in &data.persons {
        let Some(r) = index.records(p.id) else { continue };
        if !p.pedagogical || !rules::employed_on(r.employments.iter().copied(), as_of) {
            continue;
        }
        let assignment = rules::assignment_on(r.assignments.iter().copied(), as_of);
        let mut scopes = vec![0];
        match breakdown {
            Breakdown::None => {}
            Breakdown::Subject => {
                let mut subjects: Vec<&str> =
                    assignment.map(|a| a.subjects.iter().map(|s| s.subject.as_str()).collect()).unwrap_or_default();
                subjects.sort();
                subjects.dedup();
                scopes.extend(subjects.into_iter().map(|s| slot(Scope::Subject(s.to_string()), &mut accs)));
            }
            _ => {
                if let Some(name) = names.get(&p.school) {
                    scopes.push(slot(name.clone(), &mut accs));
                }
            }
        }
        let edu = p.education.map(|e| EducationLevel::ALL.iter().position(|x| *x == e).unwrap_or(5)).unwrap_or(5);
        let years = p.ped_experience_start.map(|d| rules::experience_on(d, as_of));
        let exp = band(years, &[3, 5, 10, 20]);
        let age_years = p.birth_date.map(|d| rules::age_on(d, as_of));
        let age = band(age_years, &[35, 55]);
        let cat = match rules::valid_category(r.attestations.iter().copied(), as_of).map(|a| a.result) {
            Some(Category::Highest) => 0,
            Some(_) => 1,
            None if r
                .attestations
                .iter()
                .any(|a| a.result == Category::PositionConformity && rules::in_force(a, as_of)) =>
            {
                2
            }
            None => 3,
        };
        let load = assignment.map(|a| f64::from(a.load_hours));
        for &i in &scopes {
            let a = &mut accs[i];
            a.s.teachers += 1;
            a.edu[edu] += 1;
            a.exp[exp] += 1;
            a.age[age] += 1;
            a.cat[cat] += 1;
            if let Some(y) = age_years {
                a.ages.0 += i64::from(y);
                a.ages.1 += 1;
            }
            if let Some(l) = load {
                a.s.total_load += l;
                a.loaded += 1;
            }
        }
    }
    for v in &data.vacancies {
        if v.opened > as_of || v.closed.is_some_and(|c| c < as_of) {
            continue;
        }
        let mut scopes = vec![0];
        match breakdown {
            Breakdown::None => {}
            Breakdown::Subject if !v.subject.trim().is_empty() => {
                scopes.push(slot(Scope::Subject(v.subject.trim().to_string()), &mut accs));
            }
            Breakdown::Subject => {}
            _ => {
                if let Some(name) = names.get(&v.school) {
                    scopes.push(slot(name.clone(), &mut accs));
                }
            }
        }
        for i in scopes {
            accs[i].s.vacancies += 1;
            accs[i].s.vacancy_hours += f64::from(v.hours);
        }
    }
    let mut out: Vec<Staffing> = accs
        .into_iter()
        .map(|a| {
            let mut s = a.s;
            let mut edu_labels: Vec<String> = EducationLevel::ALL.iter().map(|e| e.label().to_string()).collect();
            edu_labels.resize(5, String::new());
            edu_labels.push("не указано".into());
            s.by_education = edu_labels.into_iter().zip(a.edu).filter(|(l, _)| !l.is_empty()).collect();
            s.by_experience = EXPERIENCE_BANDS.iter().map(|l| l.to_string()).zip(a.exp).collect();
            s.by_age = AGE_BANDS.iter().map(|l| l.to_string()).zip(a.age).collect();
            s.by_category = CATEGORY_BANDS.iter().map(|l| l.to_string()).zip(a.cat).collect();
            s.average_age = (a.ages.1 > 0).then(|| (a.ages.0 as f64 / a.ages.1 as f64 * 10.0).round() / 10.0);
            s.average_load = (a.loaded > 0).then(|| (s.total_load / a.loaded as f64 * 10.0).round() / 10.0);
            let demand = s.total_load + s.vacancy_hours;
            s.provision = (demand > 0.0).then(|| (s.total_load / demand * 1000.0).round() / 10.0);
            s
        })
        .collect();
    if breakdown != Breakdown::School {
        out[1..].sort_by(|a, b| a.scope.cmp(&b.scope));
    }
    out
}

/// A split the catalogue asks beside an indicator («also shown split: …»): its title and the counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Split {
    pub title: String,
    pub parts: Vec<(String, u64)>,
}

fn count_parts(parts: &mut Vec<(String, u64)>, label: &str) {
    match parts.iter_mut().find(|(l, _)| l == label) {
        Some(p) => p.1 += 1,
        None => parts.push((label.to_string(), 1)),
    }
}

/// The splits of one number: `category_high` by category (высшая, первая, СЗД, none) over its
/// denominator; `contest` by level and by best result of those counted; `young_mentor` by form and by
/// mentor level of those counted; `young_school` against all teachers under 35 (seed 004 states its target
/// so). Other ids have none.
pub fn splits(data: &Dataset, window: Window, settings: &RuleSettings, id: &str, scope: &Scope) -> Vec<Split> {
    let index = data.index();
    let rows = drill_in(data, &index, window, settings, id, scope);
    let records = |p: super::ids::PersonId| index.records(p);
    let w = window;
    let mut out = Vec::new();
    match id {
        "category_high" => {
            let mut parts: Vec<(String, u64)> = CATEGORY_BANDS.iter().map(|l| (l.to_string(), 0)).collect();
            for r in rows.iter().filter_map(|x| x.person.and_then(records)) {
                let i = match rules::valid_category(r.attestations.iter().copied(), w.as_of).map(|a| a.result) {
                    Some(Category::Highest) => 0,
                    Some(_) => 1,
                    None if r
                        .attestations
                        .iter()
                        .any(|a| a.result == Category::PositionConformity && rules::in_force(a, w.as_of)) =>
                    {
                        2
                    }
                    None => 3,
                };
                parts[i].1 += 1;
            }
            out.push(Split { title: "по категориям".into(), parts });
        }
        "contest" => {
            let (mut levels, mut results) = (Vec::new(), Vec::new());
            for r in rows.iter().filter(|x| x.counted).filter_map(|x| x.person.and_then(records)) {
                let contests: Vec<&&Contest> = r.contests.iter().filter(|c| w.counted().contains(c.date)).collect();
                let mut seen: Vec<Level> = contests.iter().map(|c| c.level).collect();
                seen.sort();
                seen.dedup();
                for l in seen {
                    count_parts(&mut levels, l.label());
                }
                if let Some(best) = contests.iter().map(|c| c.result).max() {
                    count_parts(&mut results, best.label());
                }
            }
            out.push(Split {
                title: "по уровню конкурса (педагог — в каждом своём уровне)".into(), parts: levels
            });
            out.push(Split { title: "по лучшему результату".into(), parts: results });
        }
        "young_mentor" => {
            let (mut forms, mut levels) = (Vec::new(), Vec::new());
            for r in rows.iter().filter(|x| x.counted).filter_map(|x| x.person.and_then(records)) {
                let pairs: Vec<&&Mentorship> =
                    r.mentored.iter().filter(|m| w.counted().overlaps(m.start, m.end)).collect();
                let mut f: Vec<&str> = pairs
                    .iter()
                    .map(|m| if m.form.trim().is_empty() { "форма не указана" } else { m.form.trim() })
                    .collect();
                f.sort();
                f.dedup();
                for x in f {
                    count_parts(&mut forms, x);
                }
                let mut l: Vec<MentorshipLevel> = pairs.iter().map(|m| m.level).collect();
                l.sort_by_key(|x| x.label());
                l.dedup();
                for x in l {
                    count_parts(&mut levels, &format!("наставник {}", x.label()));
                }
            }
            out.push(Split { title: "по форме наставничества".into(), parts: forms });
            out.push(Split { title: "по уровню наставника".into(), parts: levels });
        }
        "young_school" => {
            let members = schools_in(data, scope);
            let (mut num, mut den) = (0, 0);
            for p in &data.persons {
                let Some(r) = index.records(p.id) else { continue };
                if !in_population(p, r, Population::Teachers, w, settings)
                    || p.birth_date.is_none_or(|b| rules::age_on(b, w.as_of) >= settings.young_max_age)
                {
                    continue;
                }
                if !person_in_scope(scope, &members, p, r, w.as_of) {
                    continue;
                }
                den += 1;
                if r.events.iter().any(|e| w.counted().contains(e.date) && e.kind == EventKind::YoungTeacherSchool) {
                    num += 1;
                }
            }
            out.push(Split {
                title: format!("от всех педагогов до {} лет (охвачено / всего)", settings.young_max_age),
                parts: vec![("охвачено".into(), num), ("всего".into(), den)],
            });
        }
        _ => {}
    }
    out
}

/// The weights of the ranking «Вклад ОО»: category holders, attested in the year, contest participants,
/// speakers, authors of publications.
pub const CONTRIBUTION_TERMS: [(&str, f64); 5] =
    [("Категория", 1.0), ("Аттестованы за год", 1.0), ("Конкурсы", 1.0), ("Выступления", 1.0), ("Публикации", 1.0)];

/// One school of the ranking «Вклад ОО» with every term.
#[derive(Clone, Debug, PartialEq)]
pub struct Contribution {
    pub school: String,
    pub teachers: u64,
    /// The shares (0–1) of the terms, in the order of [`CONTRIBUTION_TERMS`].
    pub shares: Vec<f64>,
    pub score: f64,
}

/// The ranking «Вклад ОО» (seed 001): schools by the weighted sum of their shares of category holders,
/// attested in the year, contest participants, speakers and authors of publications.
pub fn contribution(data: &Dataset, settings: &RuleSettings, window: Window) -> Vec<Contribution> {
    use super::labels::{EventKind, EventRole};
    let index = data.index();
    let employed: std::collections::HashSet<super::PersonId> = data
        .persons
        .iter()
        .filter(|p| p.pedagogical && index.state(p, window.as_of, settings).employed)
        .map(|p| p.id)
        .collect();
    let mut by_school: std::collections::HashMap<OrgId, Vec<&Person>> = std::collections::HashMap::new();
    for p in data.persons.iter().filter(|p| employed.contains(&p.id)) {
        by_school.entry(p.school).or_default().push(p);
    }
    let mut out = Vec::new();
    for school in data.schools() {
        let people = by_school.remove(&school.id).unwrap_or_default();
        let n = people.len() as u64;
        let mut counts = [0u64; 5];
        for p in &people {
            let Some(r) = index.records(p.id) else { continue };
            let in_period = |d: NaiveDate| window.counted().contains(d);
            if rules::valid_category(r.attestations.iter().copied(), window.as_of).is_some() {
                counts[0] += 1;
            }
            if r.attestations.iter().any(|a| in_period(a.decision_date)) {
                counts[1] += 1;
            }
            if r.contests.iter().any(|c| in_period(c.date)) {
                counts[2] += 1;
            }
            if r.events
                .iter()
                .any(|e| in_period(e.date) && matches!(e.role, EventRole::Speaker | EventRole::MasterClassLeader))
            {
                counts[3] += 1;
            }
            if r.events
                .iter()
                .any(|e| in_period(e.date) && (e.kind == EventKind::Publication || e.role == EventRole::Author))
            {
                counts[4] += 1;
            }
        }
        let shares: Vec<f64> = counts.iter().map(|c| if n > 0 { *c as f64 / n as f64 } else { 0.0 }).collect();
        let score = shares.iter().zip(CONTRIBUTION_TERMS).map(|(s, (_, w))| s * w).sum();
        out.push(Contribution { school: school.short_or_name().to_string(), teachers: n, shares, score });
    }
    out.sort_by(|a, b| {
        b.score.partial_cmp(&a.score).unwrap_or(std::cmp::Ordering::Equal).then(a.school.cmp(&b.school))
    });
    out
}
