//! One hand-built case per catalogue id: a school of four teachers (Т0…Т3, not young, employed since
//! 2015) plus the records of the case, with the number worked out by hand in the comment. The period is
//! the school year 2025/2026 as of its last day, 31.08.2026; the self-evaluation items run over the
//! calendar year 2026 as of «today», 23.11.2026. Each case puts something just outside a boundary beside
//! what counts, so that an off-by-one day fails it.

use crate::support::*;
use uchrost::domain::indicators::{self, Breakdown, Scope, Window, all_ids, compute, drill};
use uchrost::domain::*;

const TODAY: &str = "23.11.2026";

struct Town {
    data: Dataset,
    t: Vec<PersonId>,
}

impl Town {
    fn new() -> Self {
        let mut town = Town { data: Dataset::default(), t: Vec::new() };
        let mut school = Organisation::new(org(), OrgRole::School, "Школа № 1", "S1");
        school.cluster = "СОШ".into();
        town.data.organisations.push(school);
        for i in 0..4 {
            let id = town.teacher(&format!("Т{i}"), "10.01.1980", "01.09.2005");
            town.t.push(id);
        }
        town
    }

    fn teacher(&mut self, last: &str, birth: &str, ped_start: &str) -> PersonId {
        let p = person(last, birth, ped_start);
        let id = p.id;
        self.data.employments.push(employment(id, "01.09.2015", None));
        self.data.persons.push(p);
        id
    }

    fn manager(&mut self, last: &str) -> PersonId {
        let id = self.teacher(last, "10.01.1970", "01.09.1995");
        let p = self.data.persons.iter_mut().find(|p| p.id == id).expect("p");
        p.pedagogical = false;
        p.management = true;
        id
    }

    fn person_mut(&mut self, id: PersonId) -> &mut Person {
        self.data.persons.iter_mut().find(|p| p.id == id).expect("person")
    }

    fn leave(&mut self, id: PersonId, end: &str) {
        let e = self.data.employments.iter_mut().find(|e| e.person == id).expect("employment");
        e.end = Some(d(end));
    }

    fn diag(
        &mut self,
        who: PersonId,
        date: &str,
        kind: DiagnosticKind,
        level: Option<DiagnosticLevel>,
    ) -> DiagnosticId {
        let x = Diagnostic {
            id: DiagnosticId::new(),
            author: org(),
            person: who,
            group: None,
            date: d(date),
            kind,
            subject: String::new(),
            level,
            score: None,
            max_score: None,
            deficits: vec![],
            recommendations: String::new(),
        };
        let id = x.id;
        self.data.diagnostics.push(x);
        id
    }

    fn course(&mut self, who: PersonId, end: &str, f: impl FnOnce(&mut Course)) {
        let mut c = course(who, end);
        f(&mut c);
        self.data.courses.push(c);
    }

    fn route(&mut self, who: PersonId, start: &str, end: &str, f: impl FnOnce(&mut Route)) {
        let mut r = route(who, start, end, vec![]);
        f(&mut r);
        self.data.routes.push(r);
    }

    fn contest(&mut self, who: PersonId, date: &str, level: Level) {
        self.data.contests.push(Contest {
            id: ContestId::new(),
            author: org(),
            person: who,
            group: None,
            name: "Учитель года".into(),
            date: d(date),
            level,
            result: ContestResult::Participant,
        });
    }

    fn event(&mut self, who: PersonId, date: &str, kind: EventKind, level: Level, role: EventRole) {
        self.data.events.push(Event {
            id: EventId::new(),
            author: org(),
            person: who,
            group: None,
            title: "Мероприятие".into(),
            kind,
            date: d(date),
            level,
            role,
        });
    }

    fn community(&mut self, who: PersonId, start: &str, end: Option<&str>) {
        self.data.communities.push(Community {
            id: CommunityId::new(),
            author: org(),
            person: who,
            name: "ШМО".into(),
            kind: CommunityKind::SchoolAssociation,
            role: CommunityRole::Member,
            level: Level::School,
            start: d(start),
            end: end.map(d),
        });
    }

    fn pair(&mut self, mentor: Option<PersonId>, mentee: PersonId, start: &str, end: Option<&str>) {
        let mut p = pair(mentor, mentee, start);
        p.end = end.map(d);
        self.data.mentorships.push(p);
    }

    fn assign(&mut self, who: PersonId, year: i32, subjects: &[(&str, bool)], load: f32) {
        self.data.assignments.push(Assignment {
            id: AssignmentId::new(),
            author: org(),
            person: who,
            year: SchoolYear(year),
            positions: vec!["учитель".into()],
            subjects: subjects
                .iter()
                .map(|(s, ok)| SubjectLoad { subject: (*s).into(), hours: 6.0, education_match: Some(*ok) })
                .collect(),
            load_hours: load,
        });
    }

    fn attest(&mut self, who: PersonId, result: Category, date: &str, recommendations: bool) {
        let mut a = attestation(who, result, date);
        a.recommendations = recommendations;
        self.data.attestations.push(a);
    }

    fn second_school(&mut self, mentoring_model: bool) -> OrgId {
        let id = OrgId::new();
        let mut s = Organisation::new(id, OrgRole::School, "Школа № 2", "S2");
        s.mentoring_model = mentoring_model;
        s.cluster = "СОШ".into();
        self.data.organisations.push(s);
        id
    }

    fn teacher_at(&mut self, school: OrgId, last: &str) -> PersonId {
        let id = self.teacher(last, "10.01.1980", "01.09.2005");
        self.person_mut(id).school = school;
        id
    }
}

type Setup = fn(&mut Town);

/// (id, setup, numerator, denominator).
const CASES: &[(&str, Setup, u64, u64)] = &[
    // Seed-worded variants (issue 25, «Indicators worded as the seeds word them»).
    // Seed 000: «прошедших муниципальную диагностику …». Т0's municipal diagnostic on the first day counts;
    // Т1's is of the ЦНППМ; Т2's municipal one is a day before the period.
    (
        "diag_municipal",
        |x| {
            x.diag(x.t[0], "01.09.2025", DiagnosticKind::Municipal, None);
            x.diag(x.t[1], "10.10.2025", DiagnosticKind::SubjectCompetence, None);
            x.diag(x.t[2], "31.08.2025", DiagnosticKind::Municipal, None);
        },
        1,
        4,
    ),
    // Seed 004, п. 7: the number given первая or высшая in the period. Т0 высшая on the first day, Т1
    // первая on the last; Т2's СЗД is not a category; Т3's первая is a day before the period.
    (
        "attested_high",
        |x| {
            x.attest(x.t[0], Category::Highest, "01.09.2025", false);
            x.attest(x.t[1], Category::First, "31.08.2026", false);
            x.attest(x.t[2], Category::PositionConformity, "10.10.2025", false);
            x.attest(x.t[3], Category::First, "31.08.2025", false);
        },
        2,
        4,
    ),
    // Seed 000: «экспертизе конкурсных материалов мероприятий, проводимых на муниципальном уровне». Т0 a
    // municipal expert in the period; Т1 a regional one; Т2 a municipal one a day before.
    (
        "expert_municipal",
        |x| {
            for (who, date, level) in [
                (x.t[0], "10.10.2025", Level::Municipal),
                (x.t[1], "10.10.2025", Level::Regional),
                (x.t[2], "31.08.2025", Level::Municipal),
            ] {
                x.data.expert_works.push(ExpertWork {
                    id: ExpertWorkId::new(),
                    author: org(),
                    person: who,
                    role: "эксперт конкурса «Учитель года»".into(),
                    description: String::new(),
                    date: d(date),
                    end: None,
                    level,
                });
            }
        },
        1,
        4,
    ),
    // Seed 004, п. 9: teachers and management in contests, a number. Р1 (management, not pedagogical) and
    // Т0 in the period; Т1 a day before. Of four teachers and one manager.
    (
        "contest_staff",
        |x| {
            let m1 = x.manager("Р1");
            x.contest(m1, "10.10.2025", Level::Municipal);
            x.contest(x.t[0], "31.08.2026", Level::School);
            x.contest(x.t[1], "31.08.2025", Level::School);
        },
        2,
        5,
    ),
    // Seed 000: «(форма «учитель-учитель»)». Я1's pair is typed «Учитель-учитель»; Я2's is another form; Я3
    // has none.
    (
        "young_mentor_tt",
        |x| {
            let y1 = x.teacher("Я1", "10.05.2000", "01.09.2024");
            let y2 = x.teacher("Я2", "10.05.2000", "01.09.2024");
            x.teacher("Я3", "10.05.2000", "01.09.2024");
            let mut p = pair(Some(x.t[1]), y1, "01.09.2024");
            p.form = "Учитель-учитель".into();
            x.data.mentorships.push(p);
            x.data.mentorships.push(pair(Some(x.t[1]), y2, "01.09.2024"));
        },
        1,
        3,
    ),
    // Я1 has a school mentor and a municipal one; Я2 only a school mentor; Я3's municipal pair ended before
    // the period.
    (
        "young_two_mentors",
        |x| {
            let y1 = x.teacher("Я1", "10.05.2000", "01.09.2024");
            let y2 = x.teacher("Я2", "10.05.2000", "01.09.2024");
            let y3 = x.teacher("Я3", "10.05.2000", "01.09.2024");
            for (who, level, end) in [
                (y1, MentorshipLevel::School, None),
                (y1, MentorshipLevel::Municipal, None),
                (y2, MentorshipLevel::School, None),
                (y3, MentorshipLevel::School, None),
                (y3, MentorshipLevel::Municipal, Some("31.08.2025")),
            ] {
                let mut p = pair(None, who, "01.09.2024");
                p.mentor_name = "Иванова И. И.".into();
                p.level = level;
                p.end = end.map(d);
                x.data.mentorships.push(p);
            }
        },
        1,
        3,
    ),
    // Т0 on the first day of the period; Т1 on the day before it.
    (
        "diag_done",
        |x| {
            x.diag(x.t[0], "01.09.2025", DiagnosticKind::Municipal, None);
            x.diag(x.t[1], "31.08.2025", DiagnosticKind::Municipal, None);
        },
        1,
        4,
    ),
    // Of three diagnosed: базовый counts, ниже базового and no level do not.
    (
        "diag_level_ok",
        |x| {
            x.diag(x.t[0], "10.10.2025", DiagnosticKind::Municipal, Some(DiagnosticLevel::Basic));
            x.diag(x.t[1], "10.10.2025", DiagnosticKind::Municipal, Some(DiagnosticLevel::BelowBasic));
            x.diag(x.t[2], "10.10.2025", DiagnosticKind::Municipal, None);
        },
        1,
        3,
    ),
    (
        "diag_deficits",
        |x| {
            x.diag(x.t[0], "10.10.2025", DiagnosticKind::Municipal, None);
            x.diag(x.t[1], "10.10.2025", DiagnosticKind::Municipal, None);
            x.data.diagnostics[0].deficits = vec!["оценивание".into()];
        },
        1,
        2,
    ),
    // Course-takers Т0 (regional input diagnostic) and Т1 (another kind); Т2 has the diagnostic but no course.
    (
        "diag_course_input",
        |x| {
            x.course(x.t[0], "31.08.2026", |_| {});
            x.course(x.t[1], "01.09.2025", |_| {});
            x.diag(x.t[0], "01.09.2025", DiagnosticKind::RegionalInput, None);
            x.diag(x.t[1], "01.09.2025", DiagnosticKind::Municipal, None);
            x.diag(x.t[2], "01.09.2025", DiagnosticKind::RegionalInput, None);
        },
        1,
        2,
    ),
    // Т0's route rests on a diagnostic; Т1's does not; Т2's ended the day before the period.
    (
        "route_has",
        |x| {
            let dg = x.diag(x.t[0], "01.06.2025", DiagnosticKind::Municipal, None);
            let dg2 = x.diag(x.t[2], "01.06.2024", DiagnosticKind::Municipal, None);
            x.route(x.t[0], "01.06.2025", "31.05.2026", |r| r.basis_diagnostic = Some(dg));
            x.route(x.t[1], "01.06.2025", "31.05.2026", |_| {});
            x.route(x.t[2], "01.09.2024", "31.08.2025", |r| r.basis_diagnostic = Some(dg2));
        },
        1,
        4,
    ),
    // Routes ending in the period: Т0 реализован on the last day, Т1 не реализован; Т2's runs on.
    (
        "route_done",
        |x| {
            x.route(x.t[0], "01.09.2025", "31.08.2026", |r| r.status = RouteStatus::Completed);
            x.route(x.t[1], "01.09.2025", "31.05.2026", |r| r.status = RouteStatus::Failed);
            x.route(x.t[2], "01.09.2025", "31.12.2026", |r| r.status = RouteStatus::Completed);
        },
        1,
        2,
    ),
    (
        "route_activity",
        |x| {
            let done = step("Семинар", StepKind::Seminar, "15.10.2025", StepStatus::Done);
            let old = step("Семинар", StepKind::Seminar, "15.10.2024", StepStatus::Done);
            let planned = step("Семинар", StepKind::Seminar, "15.10.2025", StepStatus::Planned);
            x.route(x.t[0], "01.09.2025", "31.05.2026", |r| r.steps = vec![done]);
            x.route(x.t[1], "01.09.2024", "31.05.2026", |r| r.steps = vec![old]);
            x.route(x.t[2], "01.09.2025", "31.05.2026", |r| r.steps = vec![planned]);
        },
        1,
        4,
    ),
    (
        "route_support",
        |x| {
            x.route(x.t[0], "01.09.2025", "31.05.2026", |r| r.methodical_support = true);
            x.route(x.t[1], "01.09.2023", "31.05.2024", |r| r.methodical_support = true);
        },
        1,
        4,
    ),
    (
        "route_tutor",
        |x| {
            x.route(x.t[0], "01.09.2025", "31.05.2026", |r| r.curator = "Петрова Е. А.".into());
            x.route(x.t[1], "01.09.2025", "31.05.2026", |_| {});
        },
        1,
        4,
    ),
    // Attested in the period: Т0 (recommendations and a route), Т1 (recommendations, no route), Т2 (route,
    // no recommendations); Т3 was attested the year before.
    (
        "attest_recs",
        |x| {
            x.attest(x.t[0], Category::First, "10.12.2025", true);
            x.attest(x.t[1], Category::First, "10.12.2025", true);
            x.attest(x.t[2], Category::First, "31.08.2026", false);
            x.attest(x.t[3], Category::First, "31.08.2025", true);
            x.route(x.t[0], "01.01.2026", "31.12.2026", |_| {});
            x.route(x.t[2], "01.01.2026", "31.12.2026", |_| {});
        },
        1,
        3,
    ),
    // Т1's первая of 01.09.2021 is valid through 31.08.2026; Т2's of 31.08.2021 expired the day before;
    // Т3's СЗД is not a category.
    (
        "category_high",
        |x| {
            x.attest(x.t[0], Category::Highest, "15.03.2022", false);
            x.attest(x.t[1], Category::First, "01.09.2021", false);
            x.attest(x.t[2], Category::First, "31.08.2021", false);
            x.attest(x.t[3], Category::PositionConformity, "15.03.2024", false);
        },
        2,
        4,
    ),
    // Holders Т0 (course on the first day of the 3 years) and Т1 (a day earlier); Т2 has a course, no category.
    (
        "category_high_course",
        |x| {
            x.attest(x.t[0], Category::Highest, "15.03.2022", false);
            x.attest(x.t[1], Category::First, "15.03.2022", false);
            x.course(x.t[0], "01.09.2023", |_| {});
            x.course(x.t[1], "31.08.2023", |_| {});
            x.course(x.t[2], "10.10.2025", |_| {});
        },
        1,
        2,
    ),
    // 3 years up to 31.08.2026 start on 01.09.2023; a стажировка counts too.
    (
        "course_3y",
        |x| {
            x.course(x.t[0], "01.09.2023", |_| {});
            x.course(x.t[1], "31.08.2023", |_| {});
            x.course(x.t[2], "10.02.2026", |c| c.kind = CourseKind::Internship);
        },
        2,
        4,
    ),
    (
        "course_fgos",
        |x| {
            x.course(x.t[0], "10.02.2024", |c| c.fgos = true);
            x.course(x.t[1], "10.02.2024", |_| {});
            x.course(x.t[2], "10.02.2023", |c| c.fgos = true);
        },
        1,
        4,
    ),
    (
        "course_priority",
        |x| {
            x.course(x.t[0], "31.08.2026", |c| c.priority_program = true);
            x.course(x.t[1], "31.08.2025", |c| c.priority_program = true);
        },
        1,
        4,
    ),
    // Federal register and linked to a diagnostic; Т1's is from the register but not linked.
    (
        "course_register_diag",
        |x| {
            let dg = x.diag(x.t[0], "10.09.2025", DiagnosticKind::Municipal, None);
            x.course(x.t[0], "10.12.2025", |c| {
                c.federal_register = true;
                c.diagnostic = Some(dg);
            });
            x.course(x.t[1], "10.12.2025", |c| c.federal_register = true);
        },
        1,
        4,
    ),
    (
        "course_gifted",
        |x| {
            x.course(x.t[0], "10.12.2025", |c| c.gifted = true);
            x.course(x.t[1], "10.12.2024", |c| c.gifted = true);
        },
        1,
        4,
    ),
    // Of the two who finished a retraining, Т0's was pedagogical; Т2's pedagogical course was an upgrade.
    (
        "retrain_ped",
        |x| {
            x.course(x.t[0], "10.12.2025", |c| {
                c.kind = CourseKind::Retraining;
                c.pedagogical_orientation = true;
            });
            x.course(x.t[1], "10.12.2025", |c| c.kind = CourseKind::Retraining);
            x.course(x.t[2], "10.12.2025", |c| c.pedagogical_orientation = true);
        },
        1,
        2,
    ),
    (
        "retrain_shortage",
        |x| {
            x.course(x.t[0], "10.12.2025", |c| {
                c.kind = CourseKind::Retraining;
                c.staff_shortage = true;
            });
            x.course(x.t[1], "10.12.2025", |c| c.staff_shortage = true);
        },
        1,
        4,
    ),
    (
        "expert",
        |x| {
            for (who, date) in [(x.t[0], "31.08.2026"), (x.t[1], "31.08.2025")] {
                x.data.expert_works.push(ExpertWork {
                    id: ExpertWorkId::new(),
                    author: org(),
                    person: who,
                    role: "эксперт ОГЭ".into(),
                    description: String::new(),
                    date: d(date),
                    end: None,
                    level: Level::Regional,
                });
            }
        },
        1,
        4,
    ),
    (
        "contest",
        |x| {
            x.contest(x.t[0], "01.09.2025", Level::Municipal);
            x.contest(x.t[1], "31.08.2025", Level::Municipal);
        },
        1,
        4,
    ),
    // Т0 a member since 2020; Т1's membership ended before the period; Т2 joined on its last day.
    (
        "network",
        |x| {
            x.community(x.t[0], "01.09.2020", None);
            x.community(x.t[1], "01.09.2020", Some("31.08.2025"));
            x.community(x.t[2], "31.08.2026", None);
        },
        2,
        4,
    ),
    (
        "network_high",
        |x| {
            x.event(x.t[0], "10.10.2025", EventKind::Seminar, Level::Regional, EventRole::Participant);
            x.contest(x.t[1], "10.10.2025", Level::National);
            x.event(x.t[2], "10.10.2025", EventKind::Seminar, Level::Municipal, EventRole::Participant);
        },
        2,
        4,
    ),
    // Т0 mentors Т1 this year; Т2 was mentored in a pair that ended in 2024.
    (
        "mentoring_any",
        |x| {
            x.pair(Some(x.t[0]), x.t[1], "01.09.2025", None);
            x.pair(Some(x.t[3]), x.t[2], "01.09.2023", Some("31.05.2024"));
        },
        2,
        4,
    ),
    (
        "burnout",
        |x| {
            x.event(x.t[0], "10.10.2025", EventKind::BurnoutPrevention, Level::School, EventRole::Participant);
            x.event(x.t[1], "10.10.2025", EventKind::Seminar, Level::School, EventRole::Participant);
        },
        1,
        4,
    ),
    // 36,5 h is above 36; 36 h is not; Т2's 40 h were last year.
    (
        "load_over36",
        |x| {
            x.assign(x.t[0], 2025, &[("математика", true)], 36.5);
            x.assign(x.t[1], 2025, &[("математика", true)], 36.0);
            x.assign(x.t[2], 2024, &[("математика", true)], 40.0);
        },
        1,
        4,
    ),
    // Т0 teaches three subjects, one outside the education; Т1's история is covered by a retraining;
    // Т2 matches; Т3 has no assignment and is outside the denominator.
    (
        "edu_match",
        |x| {
            x.assign(x.t[0], 2025, &[("математика", true), ("физика", true), ("ОДНКНР", false)], 24.0);
            x.assign(x.t[1], 2025, &[("история", false)], 18.0);
            x.assign(x.t[2], 2025, &[("математика", true)], 18.0);
            x.course(x.t[1], "10.06.2025", |c| {
                c.kind = CourseKind::Retraining;
                c.subject = "история".into();
            });
        },
        2,
        3,
    ),
    // Young: Я1 and Я2 (under 35, less than 3 years). Я1 is a mentee; Т0 is a mentee but not young.
    (
        "young_mentor",
        |x| {
            let y1 = x.teacher("Я1", "10.05.2000", "01.09.2024");
            x.teacher("Я2", "10.05.2000", "01.09.2024");
            x.pair(Some(x.t[1]), y1, "01.09.2024", None);
            x.pair(Some(x.t[1]), x.t[0], "01.09.2025", None);
        },
        1,
        2,
    ),
    (
        "young_school",
        |x| {
            let y1 = x.teacher("Я1", "10.05.2000", "01.09.2024");
            let y2 = x.teacher("Я2", "10.05.2000", "01.09.2024");
            x.event(y1, "10.10.2025", EventKind::YoungTeacherSchool, Level::Municipal, EventRole::Participant);
            x.event(y2, "10.10.2025", EventKind::Seminar, Level::Municipal, EventRole::Participant);
        },
        1,
        2,
    ),
    // Young on 01.09.2025: Я1 stays, Я2 leaves in January; Я3 came in October (not at the start).
    (
        "young_retained",
        |x| {
            x.teacher("Я1", "10.05.2000", "01.09.2024");
            let y2 = x.teacher("Я2", "10.05.2000", "01.09.2024");
            x.leave(y2, "31.01.2026");
            let y3 = x.teacher("Я3", "10.05.2001", "01.10.2025");
            x.data.employments.iter_mut().find(|e| e.person == y3).expect("e").start = d("01.10.2025");
        },
        1,
        2,
    ),
    (
        "mgmt_course",
        |x| {
            let m1 = x.manager("Р1");
            x.manager("Р2");
            x.course(m1, "10.12.2025", |_| {});
            x.course(x.t[0], "10.12.2025", |_| {});
        },
        1,
        2,
    ),
    (
        "mgmt_recruit",
        |x| {
            let m1 = x.manager("Р1");
            let m2 = x.manager("Р2");
            x.event(m1, "10.12.2025", EventKind::RecruitmentAssessment, Level::Regional, EventRole::Participant);
            x.event(m2, "10.12.2024", EventKind::RecruitmentAssessment, Level::Regional, EventRole::Participant);
        },
        1,
        2,
    ),
    // Т0 in a contest, Т1 spoke; Т2 only listened.
    (
        "experience_sharing",
        |x| {
            x.contest(x.t[0], "10.10.2025", Level::School);
            x.event(x.t[1], "10.10.2025", EventKind::Conference, Level::Municipal, EventRole::Speaker);
            x.event(x.t[2], "10.10.2025", EventKind::Conference, Level::Municipal, EventRole::Participant);
        },
        2,
        4,
    ),
    // Т3 left in January 2026: not employed on 23.11.2026.
    ("self_total", |x| x.leave(x.t[3], "31.01.2026"), 3, 3),
    (
        "self_higher",
        |x| {
            x.person_mut(x.t[1]).education = Some(EducationLevel::HigherOther);
            x.person_mut(x.t[2]).education = Some(EducationLevel::VocationalPedagogical);
            x.person_mut(x.t[3]).education = None;
        },
        2,
        4,
    ),
    (
        "self_higher_ped",
        |x| {
            x.person_mut(x.t[1]).education = Some(EducationLevel::HigherOther);
            x.person_mut(x.t[2]).education = Some(EducationLevel::VocationalPedagogical);
            x.person_mut(x.t[3]).education = Some(EducationLevel::VocationalPedagogical);
        },
        1,
        4,
    ),
    (
        "self_spo",
        |x| {
            x.person_mut(x.t[1]).education = Some(EducationLevel::VocationalOther);
            x.person_mut(x.t[2]).education = Some(EducationLevel::VocationalPedagogical);
            x.person_mut(x.t[3]).education = Some(EducationLevel::Other);
        },
        2,
        4,
    ),
    (
        "self_spo_ped",
        |x| {
            x.person_mut(x.t[1]).education = Some(EducationLevel::VocationalOther);
            x.person_mut(x.t[2]).education = Some(EducationLevel::VocationalPedagogical);
        },
        1,
        4,
    ),
    // As of 23.11.2026: Т0's высшая of 15.03.2022 holds; Т1's первая of 01.09.2021 ended on 31.08.2026.
    (
        "self_category",
        |x| {
            x.attest(x.t[0], Category::Highest, "15.03.2022", false);
            x.attest(x.t[1], Category::First, "01.09.2021", false);
        },
        1,
        4,
    ),
    // On 23.11.2026 Т0 has 4 whole years (from 01.12.2021), Т1 exactly 5 (from 23.11.2021).
    (
        "self_exp_lt5",
        |x| {
            x.person_mut(x.t[0]).ped_experience_start = Some(d("01.12.2021"));
            x.person_mut(x.t[1]).ped_experience_start = Some(d("23.11.2021"));
        },
        1,
        4,
    ),
    // Т0 31 years (from 01.09.1995); Т1 30 (from 24.11.1995) — «свыше 30» needs more than 30.
    (
        "self_exp_gt30",
        |x| {
            x.person_mut(x.t[0]).ped_experience_start = Some(d("01.09.1995"));
            x.person_mut(x.t[1]).ped_experience_start = Some(d("24.11.1995"));
        },
        1,
        4,
    ),
    // Born 24.11.1996: 29 on 23.11.2026; born 23.11.1996: 30 that day.
    (
        "self_age_lt30",
        |x| {
            x.person_mut(x.t[0]).birth_date = Some(d("24.11.1996"));
            x.person_mut(x.t[1]).birth_date = Some(d("23.11.1996"));
        },
        1,
        4,
    ),
    (
        "self_age_ge55",
        |x| {
            x.person_mut(x.t[0]).birth_date = Some(d("23.11.1971"));
            x.person_mut(x.t[1]).birth_date = Some(d("24.11.1971"));
        },
        1,
        4,
    ),
    // 5 years up to 23.11.2026 start on 24.11.2021: the manager's course counts, Т0's a day earlier does
    // not; the denominator is 4 teachers and 1 manager.
    (
        "self_course_5y",
        |x| {
            let m = x.manager("Р1");
            x.course(m, "24.11.2021", |_| {});
            x.course(x.t[0], "23.11.2021", |_| {});
        },
        1,
        5,
    ),
    (
        "self_course_fgos",
        |x| {
            x.course(x.t[0], "10.02.2024", |c| c.fgos = true);
            x.course(x.t[1], "10.02.2024", |_| {});
        },
        1,
        4,
    ),
    // Two schools: only the first's management took a course.
    (
        "mgmt_teams",
        |x| {
            let s2 = x.second_school(false);
            let m1 = x.manager("Р1");
            let m2 = x.manager("Р2");
            x.person_mut(m2).school = s2;
            x.course(m1, "10.12.2025", |_| {});
            x.course(m2, "10.12.2024", |_| {});
        },
        1,
        2,
    ),
    (
        "schools_mentoring",
        |x| {
            x.second_school(true);
        },
        1,
        2,
    ),
    (
        "schools_network",
        |x| {
            let s2 = x.second_school(false);
            let t = x.teacher_at(s2, "Ш2");
            x.community(x.t[0], "01.09.2025", None);
            x.community(t, "01.09.2023", Some("31.08.2025"));
        },
        1,
        2,
    ),
    // School 1: 2 of 4 teach outside their education (50 %); school 2: 3 of 10 (30 %, not more than 30 %).
    (
        "schools_mismatch30",
        |x| {
            for (i, t) in x.t.clone().into_iter().enumerate() {
                x.assign(t, 2025, &[("математика", i >= 2)], 18.0);
            }
            let s2 = x.second_school(false);
            for i in 0..10 {
                let t = x.teacher_at(s2, &format!("Ш{i}"));
                x.assign(t, 2025, &[("химия", i >= 3)], 18.0);
            }
        },
        1,
        2,
    ),
];

fn window() -> Window {
    Window::school_year(SchoolYear(2025), d(TODAY))
}

/// The window a case is computed in: the school year 2025/26 (ended on 31.08.2026); the self-evaluation
/// items, counted on the as-of date of their window, in the running school year 2026/27 — the calendar
/// year 2026 as of today (23.11.2026), the day the cases' boundaries are set on.
fn window_of(id: &str) -> Window {
    if id.starts_with("self_") { Window::school_year(SchoolYear(2026), d(TODAY)) } else { window() }
}

#[test]
fn every_catalogue_id_has_a_hand_built_case() {
    let missing: Vec<&str> = all_ids().into_iter().filter(|id| !CASES.iter().any(|c| c.0 == *id)).collect();
    assert!(missing.is_empty(), "ids without a case: {missing:?}");
}

#[test]
fn every_case_gives_the_number_worked_out_by_hand() {
    let mut wrong = Vec::new();
    for (id, setup, num, den) in CASES {
        let mut town = Town::new();
        setup(&mut town);
        let values = compute(&town.data, window_of(id), &RuleSettings::default(), Breakdown::None);
        let v = values.iter().find(|v| v.id == *id && v.scope == "all").unwrap_or_else(|| panic!("{id}"));
        if (v.numerator, v.denominator) != (*num, *den) {
            wrong.push(format!("{id}: {} / {}, expected {num} / {den}", v.numerator, v.denominator));
        }
        // The drill-down lists exactly the denominator, the numerator marked.
        let rows = drill(&town.data, window_of(id), &RuleSettings::default(), id, &Scope::All);
        let counted = rows.iter().filter(|r| r.counted).count() as u64;
        if (counted, rows.len() as u64) != (*num, *den) {
            wrong.push(format!("{id} drill-down: {counted} of {}, expected {num} of {den}", rows.len()));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn breakdowns_split_the_school_level_shares_and_the_people() {
    let mut town = Town::new();
    let s2 = town.second_school(true);
    let t = town.teacher_at(s2, "Ш2");
    town.community(t, "01.09.2025", None);
    let settings = RuleSettings::default();
    let by_school = compute(&town.data, window(), &settings, Breakdown::School);
    let find = |v: &[indicators::Value], id: &str, scope: &str| {
        let x = v.iter().find(|x| x.id == id && x.scope == scope).unwrap_or_else(|| panic!("{id} {scope}"));
        (x.numerator, x.denominator)
    };
    assert_eq!(find(&by_school, "network", "all"), (1, 5));
    assert_eq!(find(&by_school, "network", "school:S1"), (0, 4));
    assert_eq!(find(&by_school, "network", "school:S2"), (1, 1));
    assert_eq!(find(&by_school, "schools_mentoring", "school:S2"), (1, 1), "by school a yes/no");
    assert_eq!(find(&by_school, "schools_mentoring", "school:S1"), (0, 1));
    let by_cluster = compute(&town.data, window(), &settings, Breakdown::Cluster);
    assert_eq!(find(&by_cluster, "network", "cluster:СОШ"), (1, 5));
    assert_eq!(find(&by_cluster, "schools_network", "cluster:СОШ"), (1, 2));
    // Drill-down by school lists that school's teachers only.
    let rows = drill(&town.data, window(), &settings, "network", &Scope::School("S2".into()));
    assert_eq!(rows.len(), 1);
    assert!(rows[0].counted && rows[0].name.starts_with("Ш2"));
    let rows = drill(&town.data, window(), &settings, "schools_mentoring", &Scope::All);
    assert_eq!(
        rows.iter().map(|r| (r.name.as_str(), r.counted)).collect::<Vec<_>>(),
        [("Школа № 2", true), ("Школа № 1", false)]
    );
}

#[test]
fn a_regional_copy_breaks_down_by_municipality_code() {
    let mut town = Town::new();
    let mut m = Organisation::new(OrgId::new(), OrgRole::Municipality, "Заречный район", "MR07");
    m.municipality = String::new();
    town.data.organisations.push(m);
    town.data.organisations[0].municipality = "Заречный район".into();
    let s2 = town.second_school(false);
    town.data.organisations.iter_mut().find(|o| o.id == s2).expect("s2").municipality = "Город".into();
    town.teacher_at(s2, "Ш2");
    let v = compute(&town.data, window(), &RuleSettings::default(), Breakdown::Municipality);
    let total = |scope: &str| v.iter().find(|x| x.id == "self_total" && x.scope == scope).map(|x| x.numerator);
    assert_eq!(total("municipality:MR07"), Some(4));
    assert_eq!(total("municipality:Город"), Some(1), "a municipality without its organisation goes by name");
}

#[test]
fn staffing_counts_and_distributions() {
    let mut x = Town::new();
    // Т0: 25 years old, 2 years of experience, СПО педагогическое, 30 h.
    let p = x.person_mut(x.t[0]);
    p.birth_date = Some(d("01.01.2001"));
    p.ped_experience_start = Some(d("01.09.2024"));
    p.education = Some(EducationLevel::VocationalPedagogical);
    // Т1: 55 on 31.08.2026 exactly, 21 years; высшая.
    x.person_mut(x.t[1]).birth_date = Some(d("31.08.1971"));
    x.attest(x.t[1], Category::Highest, "15.03.2022", false);
    // Т2: СЗД in force; Т3 left in January (not counted).
    x.attest(x.t[2], Category::PositionConformity, "15.03.2024", false);
    x.person_mut(x.t[2]).ped_experience_start = Some(d("01.09.2006"));
    x.leave(x.t[3], "31.01.2026");
    x.assign(x.t[0], 2025, &[("математика", true)], 30.0);
    x.assign(x.t[1], 2025, &[("математика", true), ("физика", true)], 20.0);
    x.assign(x.t[2], 2025, &[("история", true)], 10.0);
    let vacancy = |hours: f32, opened: &str, closed: Option<&str>| Vacancy {
        id: VacancyId::new(),
        author: org(),
        school: org(),
        position: "учитель".into(),
        subject: "физика".into(),
        hours,
        opened: d(opened),
        closed: closed.map(d),
    };
    x.data.vacancies.push(vacancy(20.0, "01.06.2026", None));
    x.data.vacancies.push(vacancy(18.0, "01.06.2025", Some("30.08.2026")));
    let all = indicators::staffing(&x.data, d("31.08.2026"), Breakdown::None);
    let s = &all[0];
    assert_eq!(s.scope, "all");
    assert_eq!(s.teachers, 3);
    assert_eq!((s.vacancies, s.vacancy_hours), (1, 20.0), "the vacancy closed on 30.08.2026 is not open");
    let get = |v: &[(String, u64)], label: &str| v.iter().find(|(l, _)| l == label).map(|(_, n)| *n);
    assert_eq!(get(&s.by_experience, "до 3 лет"), Some(1));
    // A boundary year belongs to the upper band: Т1's 20 whole years (since 01.09.2005) are «свыше 20»,
    // Т2's 19 (since 01.09.2006) are «10–20».
    assert_eq!(get(&s.by_experience, "свыше 20 лет"), Some(1));
    assert_eq!(get(&s.by_experience, "10–20 лет"), Some(1));
    assert_eq!(get(&s.by_age, "до 35 лет"), Some(1));
    assert_eq!(get(&s.by_age, "55 лет и старше"), Some(1), "55 on the day itself");
    assert_eq!(get(&s.by_age, "35–54 года"), Some(1));
    assert_eq!(s.average_age, Some(((25 + 55 + 46) as f64 / 3.0 * 10.0).round() / 10.0));
    assert_eq!(get(&s.by_education, "СПО педагогическое"), Some(1));
    assert_eq!(get(&s.by_education, "высшее педагогическое"), Some(2));
    assert_eq!(get(&s.by_category, "высшая"), Some(1));
    assert_eq!(get(&s.by_category, "СЗД"), Some(1));
    assert_eq!(get(&s.by_category, "без категории и СЗД"), Some(1));
    assert_eq!((s.total_load, s.average_load), (60.0, Some(20.0)));
    assert_eq!(s.provision, Some(75.0), "60 h of 60 + 20");
    let by_subject = indicators::staffing(&x.data, d("31.08.2026"), Breakdown::Subject);
    let physics = by_subject.iter().find(|s| s.scope == "subject:физика").expect("физика");
    assert_eq!((physics.teachers, physics.vacancies), (1, 1));
    let maths = by_subject.iter().find(|s| s.scope == "subject:математика").expect("математика");
    assert_eq!(maths.teachers, 2);
}

#[test]
fn a_school_target_overrides_the_municipal_one() {
    let mut x = Town::new();
    let m = OrgId::new();
    x.data.organisations.push(Organisation::new(m, OrgRole::Municipality, "Район", "R"));
    let s2 = x.second_school(false);
    let target = |org: OrgId, value: f64| Target {
        id: TargetId::new(),
        author: org,
        org,
        indicator: "category_high".into(),
        year: SchoolYear(2025),
        value,
    };
    x.data.targets.push(target(m, 60.0));
    x.data.targets.push(target(org(), 70.0));
    use indicators::{TargetSource, target_for, target_met};
    assert_eq!(target_for(&x.data, "category_high", SchoolYear(2025), Some(org())), Some((70.0, TargetSource::School)));
    assert_eq!(target_for(&x.data, "category_high", SchoolYear(2025), Some(s2)), Some((60.0, TargetSource::Municipal)));
    assert_eq!(target_for(&x.data, "category_high", SchoolYear(2025), None), Some((60.0, TargetSource::Municipal)));
    assert_eq!(target_for(&x.data, "category_high", SchoolYear(2024), Some(org())), None, "targets are per year");
    // A floor for shares, a ceiling where less is better.
    assert_eq!(target_met("category_high", Some(60.0), 60.0), Some(true));
    assert_eq!(target_met("category_high", Some(59.9), 60.0), Some(false));
    assert_eq!(target_met("load_over36", Some(12.0), 10.0), Some(false));
    assert_eq!(target_met("load_over36", Some(8.0), 10.0), Some(true));
    assert_eq!(target_met("category_high", None, 60.0), None, "no actual value, no mark");
}

#[test]
fn the_splits_the_catalogue_asks_beside_a_number() {
    let settings = RuleSettings::default();
    let parts = |x: &Town, id: &str| {
        indicators::splits(&x.data, window(), &settings, id, &Scope::All)
            .into_iter()
            .map(|s| s.parts)
            .collect::<Vec<_>>()
    };
    let p = |items: &[(&str, u64)]| items.iter().map(|(l, n)| (l.to_string(), *n)).collect::<Vec<_>>();
    // Categories over the denominator: высшая, первая, СЗД, none.
    let mut x = Town::new();
    x.attest(x.t[0], Category::Highest, "15.03.2022", false);
    x.attest(x.t[1], Category::First, "15.03.2022", false);
    x.attest(x.t[2], Category::PositionConformity, "15.03.2024", false);
    assert_eq!(
        parts(&x, "category_high"),
        [p(&[("высшая", 1), ("первая", 1), ("СЗД", 1), ("без категории и СЗД", 1)])]
    );
    // Contests: a teacher counts in each level she reached and once by her best result.
    let mut x = Town::new();
    x.contest(x.t[0], "10.10.2025", Level::School);
    x.contest(x.t[0], "10.02.2026", Level::Regional);
    x.data.contests.last_mut().expect("c").result = ContestResult::Prizewinner;
    x.contest(x.t[1], "10.10.2025", Level::School);
    x.contest(x.t[2], "10.10.2024", Level::National);
    let split = parts(&x, "contest");
    assert_eq!(split[0], p(&[("школьный", 2), ("региональный", 1)]));
    assert_eq!(split[1], p(&[("призёр", 1), ("участник", 1)]));
    // Young teachers' school against all teachers under 35: Я1 (young) and М (34, 10 years' experience).
    let mut x = Town::new();
    let y1 = x.teacher("Я1", "10.05.2000", "01.09.2024");
    let m = x.teacher("М", "10.05.1992", "01.09.2015");
    x.event(y1, "10.10.2025", EventKind::YoungTeacherSchool, Level::School, EventRole::Participant);
    x.event(m, "10.10.2025", EventKind::YoungTeacherSchool, Level::School, EventRole::Participant);
    assert_eq!(parts(&x, "young_school"), [p(&[("охвачено", 2), ("всего", 2)])]);
    // Young mentees by form and by mentor level.
    let mut x = Town::new();
    let y1 = x.teacher("Я1", "10.05.2000", "01.09.2024");
    x.pair(Some(x.t[0]), y1, "01.09.2024", None);
    assert_eq!(parts(&x, "young_mentor"), [p(&[("педагог – молодой специалист", 1)]), p(&[("наставник школьный", 1)])]);
    assert!(parts(&x, "course_3y").is_empty(), "no split asked");
}
