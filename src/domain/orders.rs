//! Orders (приказы) drafted from the records (issue 25: «Приказы drafted from the records, in the usual
//! structure (преамбула «В соответствии с …», ПРИКАЗЫВАЮ, numbered points, responsible persons, контроль,
//! signature)»; seed 001's «Документ» column names them: «Приказ о закреплении наставников» (through «Приказ
//! о методическом сопровождении педагогов»), «Приказ о результатах диагностики», «Письмо о направлении на
//! мероприятие», «Приказ об итогах обучающего мероприятия», «Приказ о назначении руководителей РМО, тьюторов,
//! экспертов», «приказ о проведении анализа эффективности принятых мер»). The draft is a plain [`Order`]
//! record: the user edits its text and keeps it with its number and date; the printed order is made from
//! what she kept, never drafted again behind her back.

use super::dataset::Dataset;
use super::dates::{SchoolYear, fmt_date};
use super::ids::*;
use super::labels::{NominationKind, OrderKind, OrgRole};
use super::records::*;
use super::rules::RuleSettings;
use chrono::NaiveDate;

/// Who signs an order of the organisation, and who answers for the points a school's deputy head or a
/// municipal methodologist carries out.
fn roles(role: OrgRole) -> (&'static str, &'static str) {
    match role {
        OrgRole::School => ("Директор", "заместителя директора по УВР"),
        _ => ("Руководитель", "методиста муниципальной методической службы"),
    }
}

/// A person's full name, as an order lists people.
fn name_of(data: &Dataset, id: PersonId) -> String {
    data.persons.iter().find(|p| p.id == id).map(|p| p.full_name()).unwrap_or_default()
}

/// A draft order of `kind` for the school year `year` of the organisation `own`, from its records on
/// `today`.
/// Whether the year has lists of teachers nominated for courses (the order «о направлении на курсы» is
/// drafted from them then).
fn has_course_lists(data: &Dataset, year: SchoolYear) -> bool {
    data.nominations.iter().any(|n| n.kind == NominationKind::Course && year.period().contains(n.date))
}

pub fn draft(
    kind: OrderKind,
    data: &Dataset,
    settings: &RuleSettings,
    own: &Organisation,
    year: SchoolYear,
    today: NaiveDate,
) -> Order {
    let (signer_position, answers) = roles(own.role);
    let period = year.period();
    let in_year = |d: NaiveDate| period.contains(d);
    let control = format!("Контроль за исполнением приказа возложить на {answers}.");
    let (title, preamble, mut points): (String, String, Vec<String>) = match kind {
        OrderKind::Mentors => {
            // A municipality's order names the municipal mentors; a school's, its own pairs.
            let mut pairs: Vec<&Mentorship> = data
                .mentorships
                .iter()
                .filter(|m| period.overlaps(m.start, m.end))
                .filter(|m| own.role == OrgRole::School || m.level == super::labels::MentorshipLevel::Municipal)
                .collect();
            pairs.sort_by_key(|m| name_of(data, m.mentee));
            let first = point_with_list(
                format!("1. Закрепить наставников в {year} учебном году:"),
                pairs.iter().map(|m| {
                    let mentor = m.mentor.map(|p| name_of(data, p)).unwrap_or_else(|| m.mentor_name.clone());
                    let form = if m.form.trim().is_empty() {
                        String::new()
                    } else {
                        format!(" (форма «{}»)", m.form.trim())
                    };
                    // The young teacher first, her mentor after: «Воробьёва С. В. — наставник Васильев А. Д.».
                    format!("{} — наставник {}{form}", name_of(data, m.mentee), mentor)
                }),
            );
            (
                format!("О закреплении наставников в {year} учебном году"),
                "В соответствии с распоряжением Министерства просвещения Российской Федерации от 25.12.2019 № Р-145 \
                 «Об утверждении методологии (целевой модели) наставничества обучающихся…», положением о \
                 наставничестве, в целях адаптации молодых и вновь назначенных педагогов и их профессионального \
                 роста"
                    .into(),
                vec![
                    first,
                    format!(
                        "2. Наставникам совместно с наставляемыми составить индивидуальные планы развития до {}.",
                        fmt_date(year.first_day() + chrono::Days::new(29))
                    ),
                    format!(
                        "3. Наставникам представить отчёт о выполнении планов до {}.",
                        fmt_date(year.last_day() - chrono::Days::new(92))
                    ),
                ],
            )
        }
        OrderKind::DiagnosticResults => {
            let diagnosed: Vec<&Diagnostic> = data.diagnostics.iter().filter(|d| in_year(d.date)).collect();
            let mut people: Vec<PersonId> = diagnosed.iter().map(|d| d.person).collect();
            people.sort();
            people.dedup();
            let mut with_deficits: Vec<PersonId> =
                diagnosed.iter().filter(|d| !d.deficits.is_empty()).map(|d| d.person).collect();
            with_deficits.sort();
            with_deficits.dedup();
            let mut deficits: Vec<(String, usize)> = Vec::new();
            for d in &diagnosed {
                for x in &d.deficits {
                    match deficits.iter_mut().find(|(t, _)| t == x) {
                        Some(c) => c.1 += 1,
                        None => deficits.push((x.clone(), 1)),
                    }
                }
            }
            deficits.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let frequent: Vec<String> = deficits.iter().take(5).map(|(t, n)| format!("{t} ({n})")).collect();
            let mut names: Vec<String> = with_deficits.iter().map(|p| name_of(data, *p)).collect();
            names.sort();
            (
                format!(
                    "Об итогах диагностики профессиональных дефицитов педагогических работников в {year} учебном году"
                ),
                format!(
                    "В соответствии с планом работы на {year} учебный год, по итогам диагностики профессиональных \
                     дефицитов педагогических работников"
                ),
                vec![
                    format!(
                        "1. Принять к сведению итоги диагностики: диагностику прошли {}, дефициты выявлены у {}{}.",
                        super::ru::teachers(people.len() as u64),
                        super::ru::of_teachers(with_deficits.len() as u64),
                        if frequent.is_empty() {
                            String::new()
                        } else {
                            format!("; чаще всего — {}", frequent.join(", "))
                        }
                    ),
                    format!(
                        "2. {} совместно с педагогами разработать индивидуальные образовательные маршруты на основе \
                         результатов диагностики до {}: {}.",
                        capitalise(&answers.replacen("заместителя", "Заместителю", 1).replacen(
                            "методиста",
                            "Методисту",
                            1
                        )),
                        fmt_date(today + chrono::Days::new(30)),
                        if names.is_empty() { "—".to_string() } else { names.join(", ") }
                    ),
                ],
            )
        }
        OrderKind::Routes => {
            let mut routes: Vec<&Route> = data.routes.iter().filter(|r| period.overlaps(r.start, r.end)).collect();
            routes.sort_by_key(|r| name_of(data, r.person));
            let first = point_with_list(
                format!("1. Утвердить индивидуальные образовательные маршруты педагогов на {year} учебный год:"),
                routes.iter().map(|r| {
                    let until = r.end.map(|e| format!(" до {}", fmt_date(e))).unwrap_or_default();
                    let deficits =
                        if r.deficits.is_empty() { String::new() } else { format!(" ({})", r.deficits.join(", ")) };
                    format!("{}{deficits}{until}", name_of(data, r.person))
                }),
            );
            (
                format!("Об утверждении индивидуальных образовательных маршрутов педагогов на {year} учебный год"),
                "В соответствии с положением о мониторинге профессионального развития педагогических работников, \
                 по итогам диагностики профессиональных дефицитов"
                    .into(),
                vec![
                    first,
                    "2. Педагогам реализовать маршруты в установленные сроки, подтверждая выполнение шагов.".into(),
                ],
            )
        }
        // Seed 001: «направление на обучение» — the year's lists of teachers nominated for courses, each
        // a point; with none, the teachers whose courses are due by the plan.
        OrderKind::Courses if has_course_lists(data, year) => {
            let lists: Vec<super::nominations::List> = super::nominations::lists(data)
                .into_iter()
                .filter(|l| l.kind == NominationKind::Course && in_year(l.date))
                .rev()
                .collect();
            let mut points: Vec<String> = lists
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let mut about = Vec::new();
                    if !l.provider.trim().is_empty() {
                        about.push(l.provider.trim().to_string());
                    }
                    if l.hours > 0 {
                        about.push(format!("{} ч", l.hours));
                    }
                    about.push(match l.end.filter(|e| *e != l.date) {
                        Some(e) => format!("с {} по {}", fmt_date(l.date), fmt_date(e)),
                        None => fmt_date(l.date),
                    });
                    point_with_list(
                        format!(
                            "{}. Направить на обучение по дополнительной профессиональной программе повышения \
                             квалификации «{}» ({}):",
                            i + 1,
                            l.title.trim(),
                            about.join(", ")
                        ),
                        l.nominations.iter().map(|n| name_of(data, n.person)),
                    )
                })
                .collect();
            points.push(format!(
                "{}. Педагогам по окончании обучения представить копии удостоверений о повышении квалификации.",
                lists.len() + 1
            ));
            (
                format!("О направлении на курсы повышения квалификации в {year} учебном году"),
                "В соответствии с пунктом 2 части 5 статьи 47 Федерального закона от 29.12.2012 № 273-ФЗ «Об \
                 образовании в Российской Федерации», перспективным планом повышения квалификации"
                    .into(),
                points,
            )
        }
        OrderKind::Courses => {
            let due: Vec<super::plans::CourseRow> =
                super::plans::course_plan(data, today, settings).into_iter().filter(|r| r.due).collect();
            let first = point_with_list(
                format!("1. Направить на курсы повышения квалификации в {year} учебном году:"),
                due.iter().map(|r| {
                    let what = [r.position.as_str(), r.subjects.as_str()]
                        .iter()
                        .filter(|x| !x.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ");
                    let what = if what.is_empty() { String::new() } else { format!(", {what}") };
                    let last = r
                        .last_end
                        .map(|d| format!(" (последние курсы — {})", fmt_date(d)))
                        .unwrap_or_else(|| " (курсов нет)".into());
                    format!("{}{what}{last}", r.name)
                }),
            );
            (
                format!("О направлении на курсы повышения квалификации в {year} учебном году"),
                "В соответствии с пунктом 2 части 5 статьи 47 Федерального закона от 29.12.2012 № 273-ФЗ «Об \
                 образовании в Российской Федерации», перспективным планом повышения квалификации"
                    .into(),
                vec![
                    first,
                    "2. Педагогам по окончании обучения представить копии удостоверений о повышении квалификации."
                        .into(),
                ],
            )
        }
        OrderKind::EventResults => {
            // A municipality's order: the contests of the municipal level and above.
            let mut contests: Vec<&Contest> = data
                .contests
                .iter()
                .filter(|c| in_year(c.date))
                .filter(|c| own.role == OrgRole::School || c.level >= super::labels::Level::Municipal)
                .collect();
            contests.sort_by_key(|c| (c.date, name_of(data, c.person)));
            let first = point_with_list(
                format!("1. Утвердить итоги участия педагогов в конкурсах и мероприятиях в {year} учебном году:"),
                contests.iter().map(|c| {
                    format!(
                        "{} — «{}» ({}, {}): {}",
                        name_of(data, c.person),
                        c.name,
                        c.level.label(),
                        fmt_date(c.date),
                        c.result.label()
                    )
                }),
            );
            (
                format!("Об итогах участия педагогов в профессиональных конкурсах в {year} учебном году"),
                "По итогам профессиональных конкурсов и обучающих мероприятий".into(),
                vec![first, "2. Объявить благодарность победителям и призёрам конкурсов.".into()],
            )
        }
        OrderKind::Appointments => {
            let mut experts: Vec<&ExpertWork> =
                data.expert_works.iter().filter(|e| period.overlaps(e.date, e.end)).collect();
            experts.sort_by_key(|e| name_of(data, e.person));
            let first = point_with_list(
                format!("1. Назначить в {year} учебном году экспертами:"),
                experts.iter().map(|e| format!("{} — {} ({})", name_of(data, e.person), e.role, e.level.label())),
            );
            (
                format!(
                    "О назначении руководителей методических объединений, тьюторов, экспертов в {year} учебном году"
                ),
                "В целях организации методической работы и сетевого взаимодействия педагогов".into(),
                vec![first, "2. Руководителям методических объединений представить планы работы до 1 октября.".into()],
            )
        }
        OrderKind::Effectiveness => {
            let measures: Vec<&Measure> = data.measures.iter().filter(|m| m.org == own.id && m.year == year).collect();
            let first = point_with_list(
                format!("1. Провести анализ эффективности мер, принятых в {year} учебном году:"),
                measures.iter().map(|m| {
                    let who = if m.responsible.is_empty() {
                        String::new()
                    } else {
                        format!(" (ответственные: {})", m.responsible)
                    };
                    format!("{}{who}", m.title)
                }),
            );
            (
                "О проведении анализа эффективности принятых мер".into(),
                "В соответствии с положением о муниципальной системе обеспечения профессионального развития \
                 педагогических работников (качественный анализ достижения показателей)"
                    .into(),
                vec![
                    first,
                    format!(
                        "2. Результаты анализа представить до {}.",
                        fmt_date(NaiveDate::from_ymd_opt(year.0 + 1, 9, 30).unwrap_or(year.last_day()))
                    ),
                ],
            )
        }
        // A letter: `preamble` is the addressee, `points` the body (seed 001's April – May monitoring and the
        // training events «1 полугодие — до 20 декабря, 2 полугодие — до 1 июня»).
        OrderKind::LetterMonitoring => {
            let (whom, what) = match own.role {
                OrgRole::School => ("Педагогическим работникам", "педагогических работников школы"),
                _ => (
                    "Руководителям образовательных организаций",
                    "педагогических работников образовательных организаций",
                ),
            };
            let deadline = NaiveDate::from_ymd_opt(year.0 + 1, 5, 20).unwrap_or(year.last_day());
            (
                "О проведении мониторинга профессиональных дефицитов".into(),
                whom.into(),
                vec![
                    "Уважаемые коллеги!".into(),
                    format!(
                        "В соответствии с графиком мониторинга на {year} учебный год в апреле – мае проводится \
                         мониторинг профессиональных дефицитов {what}."
                    ),
                    format!(
                        "Просим до {} обеспечить прохождение диагностики педагогами, не проходившими её в этом \
                         учебном году, и представить сведения о её результатах и о составленных индивидуальных \
                         образовательных маршрутах.",
                        fmt_date(deadline)
                    ),
                    "Сведения направляются подписанным пакетом программы УчРост или по форме, приложенной к письму."
                        .into(),
                ],
            )
        }
        OrderKind::LetterEvent => (
            "О направлении педагогов на мероприятие".into(),
            match own.role {
                OrgRole::School => "Педагогическим работникам".into(),
                _ => "Руководителям образовательных организаций".into(),
            },
            vec![
                "Уважаемые коллеги!".into(),
                "Информируем о проведении мероприятия «____________________» (дата, место, форма проведения).".into(),
                format!(
                    "Просим направить педагогов для участия и представить списки участников до {} (1 полугодие — \
                     до 20 декабря, 2 полугодие — до 1 июня).",
                    fmt_date(today + chrono::Days::new(14))
                ),
            ],
        ),
        OrderKind::Other => (String::new(), String::new(), vec!["1. ".into()]),
    };
    if kind != OrderKind::Other && !kind.is_letter() {
        points.push(format!("{}. {control}", points.len() + 1));
    }
    Order {
        id: OrderId::new(),
        author: own.id,
        org: own.id,
        kind,
        number: String::new(),
        date: today,
        title,
        preamble,
        points: points.join("\n"),
        signer_position: signer_position.into(),
        signer: String::new(),
    }
}

/// The first point with its sub-points, each on a line of its own: «1. …:\n1.1. …\n1.2. …».
fn point_with_list(point: String, items: impl Iterator<Item = String>) -> String {
    let number = point.split('.').next().filter(|n| n.chars().all(|c| c.is_ascii_digit())).unwrap_or("1").to_string();
    items.enumerate().fold(point, |text, (k, item)| format!("{text}\n{number}.{}. {item}.", k + 1))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

impl Order {
    /// «Приказ от 01.09.2026 № 45 «О …»», «Письмо от … № … «О …»» — how lists and messages name it.
    pub fn line(&self) -> String {
        let what = if self.kind.is_letter() { "Письмо" } else { "Приказ" };
        let number = if self.number.trim().is_empty() {
            "без номера".to_string()
        } else {
            format!("№ {}", self.number.trim())
        };
        format!("{what} от {} {number} «{}»", fmt_date(self.date), self.title)
    }
}
