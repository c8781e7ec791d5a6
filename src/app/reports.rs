//! The reports, built from the same domain values the screens show (the indicator board, the plans,
//! the staffing picture), as [`Report`] models that `report` writes to PDF, XLSX or DOCX.

use super::AppError;
use crate::app::indicators::{self as board_mod, Board, Request};
use crate::domain::indicators::{self, Breakdown, Window};
use crate::domain::plans;
use crate::domain::ru;
use crate::domain::rules::CategoryState;
use crate::domain::{Dataset, OrgRole, Organisation, PersonId, RuleSettings, SchoolYear, fmt_date};
use crate::report::{Bar, Block, Cell, Chart, Column, Report, Signature, Table};
use chrono::NaiveDate;

/// Which report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportKind {
    /// Аналитическая справка о профессиональном развитии педагогических работников за учебный год.
    Analytical,
    /// Перспективный план аттестации (5 лет).
    AttestationPlan,
    /// Перспективный план повышения квалификации (3 года).
    CoursePlan,
    /// Список педагогических работников.
    StaffList,
    /// Наставничество и молодые педагоги.
    Mentoring,
    /// ИОМ: ход реализации по педагогам.
    Routes,
    /// ИОМ одного педагога на подпись.
    RouteCard(PersonId),
    /// A kept order (приказ), printed as kept.
    Order(crate::domain::OrderId),
    /// The employer's представление of a teacher for the attestation for СЗД (приказ № 196).
    Representation(PersonId),
    /// The mentor's report on a young teacher's year (the mentee).
    MentorReport(PersonId),
    /// The mentor's plan for a young teacher's year (the mentee).
    MentorPlan(PersonId),
    /// Мониторинг показателей по школам, предметам и кластерам, с рейтингом «Вклад ОО».
    Monitoring,
    /// Кадровые потребности.
    Staffing,
    /// Отчёт о самообследовании: кадровое обеспечение за календарный год.
    SelfEvaluation,
    /// The monitoring cycle as a document (seed 001's structure).
    Cycle,
    /// The staff tables of the statistical form ОО-1 (sections 3.1–3.3 as the records answer them).
    Oo1,
    /// The participants of an event or a contest of the year (`ReportRequest::event`).
    Participants,
    /// The bank of successful practices, optionally only those matching `ReportRequest::event` as a search.
    Practices,
    /// The plan of work with young teachers for the school year.
    YoungPlan,
    /// The plan of work of a methodological association for the year (`ReportRequest::event`: its name).
    AssociationPlan,
    /// The yearly report of a methodological association (`ReportRequest::event`: its name).
    AssociationReport,
    /// The members of a methodological association (`ReportRequest::event`: its name).
    AssociationMembers,
    /// The teachers nominated for a course, a diagnostic, a contest or an event (`ReportRequest::event`: the
    /// list's title).
    Nominated,
    /// The schedule of attestation for СЗД of the school year (приказ № 196).
    SzdSchedule,
    /// The extract from the attestation commission's protocol of a teacher's СЗД decision.
    SzdExtract(PersonId),
}

impl ReportKind {
    /// The kinds a user picks from a list (a route card is picked from a teacher).
    pub const LISTED: [ReportKind; 19] = [
        ReportKind::Analytical,
        ReportKind::AttestationPlan,
        ReportKind::CoursePlan,
        ReportKind::StaffList,
        ReportKind::Mentoring,
        ReportKind::Routes,
        ReportKind::Monitoring,
        ReportKind::Staffing,
        ReportKind::SelfEvaluation,
        ReportKind::Cycle,
        ReportKind::Oo1,
        ReportKind::Participants,
        ReportKind::Practices,
        ReportKind::YoungPlan,
        ReportKind::AssociationPlan,
        ReportKind::AssociationReport,
        ReportKind::AssociationMembers,
        ReportKind::Nominated,
        ReportKind::SzdSchedule,
    ];

    pub fn title(self) -> &'static str {
        match self {
            ReportKind::Analytical => "Аналитическая справка о профессиональном развитии педагогических работников",
            ReportKind::AttestationPlan => "Перспективный план аттестации педагогических работников",
            ReportKind::CoursePlan => "Перспективный план повышения квалификации педагогических работников",
            ReportKind::StaffList => "Список педагогических работников",
            ReportKind::Mentoring => "Наставничество и молодые педагоги",
            ReportKind::Routes => "Индивидуальные образовательные маршруты: ход реализации",
            ReportKind::RouteCard(_) => "Индивидуальный образовательный маршрут педагога",
            ReportKind::Order(_) => "Приказ",
            ReportKind::MentorReport(_) => "Отчёт наставника о работе с молодым педагогом",
            ReportKind::MentorPlan(_) => "Индивидуальный план развития молодого педагога под руководством наставника",
            ReportKind::Representation(_) => {
                "Представление на педагогического работника для аттестации в целях подтверждения соответствия занимаемой должности"
            }
            ReportKind::Monitoring => "Мониторинг показателей профессионального развития педагогических работников",
            ReportKind::Staffing => "Кадровые потребности: вакансии и кадровый резерв",
            ReportKind::SelfEvaluation => "Отчёт о самообследовании. Кадровое обеспечение",
            ReportKind::Cycle => {
                "Система обеспечения профессионального развития педагогических работников: цикл мониторинга"
            }
            ReportKind::Oo1 => "Сведения о руководящих и педагогических работниках (по форме № ОО-1)",
            ReportKind::Participants => "Список участников мероприятия",
            ReportKind::Practices => "Банк успешных практик",
            ReportKind::YoungPlan => "План работы с молодыми педагогами",
            ReportKind::AssociationPlan => "План работы методического объединения",
            ReportKind::AssociationReport => "Отчёт о работе методического объединения",
            ReportKind::AssociationMembers => "Состав методического объединения",
            ReportKind::Nominated => "Список педагогических работников, выдвинутых для участия",
            ReportKind::SzdSchedule => {
                "График аттестации педагогических работников в целях подтверждения соответствия занимаемым должностям"
            }
            ReportKind::SzdExtract(_) => "Выписка из протокола заседания аттестационной комиссии",
        }
    }

    /// The command-line name.
    pub fn code(self) -> &'static str {
        match self {
            ReportKind::Analytical => "analytical",
            ReportKind::AttestationPlan => "attestation-plan",
            ReportKind::CoursePlan => "course-plan",
            ReportKind::StaffList => "staff",
            ReportKind::Mentoring => "mentoring",
            ReportKind::Routes => "routes",
            ReportKind::RouteCard(_) => "route-card",
            ReportKind::Order(_) => "order",
            ReportKind::Representation(_) => "representation",
            ReportKind::MentorReport(_) => "mentor-report",
            ReportKind::MentorPlan(_) => "mentor-plan",
            ReportKind::Monitoring => "monitoring",
            ReportKind::Staffing => "staffing",
            ReportKind::SelfEvaluation => "self-evaluation",
            ReportKind::Cycle => "cycle",
            ReportKind::Oo1 => "oo1",
            ReportKind::Participants => "participants",
            ReportKind::Practices => "practices",
            ReportKind::YoungPlan => "young-plan",
            ReportKind::AssociationPlan => "association-plan",
            ReportKind::AssociationReport => "association-report",
            ReportKind::AssociationMembers => "association-members",
            ReportKind::Nominated => "nominated",
            ReportKind::SzdSchedule => "szd-schedule",
            ReportKind::SzdExtract(_) => "szd-extract",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::LISTED.into_iter().find(|k| k.code() == code)
    }

    /// Whether the report needs a municipal copy (many schools).
    pub fn municipal(self) -> bool {
        matches!(self, ReportKind::Monitoring)
    }
}

/// What a report is made for.
#[derive(Clone, Debug)]
pub struct ReportRequest {
    pub kind: ReportKind,
    /// The school year (the self-evaluation takes the calendar year in which it ends… see `calendar_year`).
    pub year: SchoolYear,
    /// The calendar year of the self-evaluation report.
    pub calendar_year: i32,
    /// The date the figures are counted on (the last day of a past school year).
    pub today: NaiveDate,
    /// The day the document is made («Дата составления»).
    pub made: NaiveDate,
    /// «И. О. Фамилия» of the one who signs (the deputy head, the methodologist); empty for a line.
    pub signer: String,
    /// «И. О. Фамилия» of the head who approves a plan («УТВЕРЖДАЮ»); empty for a line.
    pub approver: String,
    /// The problems and recommendations as the user edited them; none = drafted from the data.
    pub problems: Option<Vec<String>>,
    /// «Основание» of the справка as the user wrote it (an order, a plan of control); empty = the plan of
    /// the year (`default_basis`).
    pub basis: String,
    /// The event or contest whose participants are listed (its title as recorded).
    pub event: String,
}

impl ReportRequest {
    pub fn new(kind: ReportKind, today: NaiveDate) -> Self {
        use chrono::Datelike;
        ReportRequest {
            kind,
            year: SchoolYear::of(today),
            calendar_year: today.year() - 1,
            today,
            made: today,
            signer: String::new(),
            approver: String::new(),
            problems: None,
            basis: String::new(),
            event: String::new(),
        }
    }

    fn window(&self) -> Window {
        Window::school_year(self.year, self.today)
    }

    /// The day a document of the school year speaks of: today within the year, its first day for a year to
    /// come, its last for a past one.
    fn day_in_year(&self) -> chrono::NaiveDate {
        self.today.clamp(self.year.first_day(), self.year.last_day())
    }
}

fn col(title: &str, width: f32) -> Column {
    Column { title: title.into(), width, whole_words: false }
}

/// A column of names (people, schools): never hyphenated in print.
fn name_col(title: &str, width: f32) -> Column {
    Column { title: title.into(), width, whole_words: true }
}

fn signer_position(own: &Organisation) -> &'static str {
    match own.role {
        OrgRole::School => "Заместитель директора по УВР",
        _ => "Методист",
    }
}

fn signatures(own: &Organisation, req: &ReportRequest) -> Block {
    Block::Signatures(vec![Signature { position: signer_position(own).into(), name: req.signer.clone() }])
}

/// The grif of approval of the documents a head approves: the plans and the cycle document. A school's
/// director with the school's (short) name in one phrase; the head of a municipal or regional office with
/// the office's name on a line of its own (its full name would have to be declined after the position).
fn approval(own: &Organisation, req: &ReportRequest) -> Option<crate::report::Approval> {
    if !matches!(
        req.kind,
        ReportKind::AttestationPlan
            | ReportKind::CoursePlan
            | ReportKind::Cycle
            | ReportKind::AssociationPlan
            | ReportKind::SzdSchedule
    ) {
        return None;
    }
    let (position, org) = match own.role {
        OrgRole::School => (format!("Директор {}", own.short_or_name()), String::new()),
        _ => ("Руководитель".to_string(), own.name.clone()),
    };
    Some(crate::report::Approval { position, org, name: req.approver.clone() })
}

/// Where the справка is considered: the teachers' council of a school, the methodological council of a
/// municipality (seed 003: «через работу Методического совета при Отраслевом органе»).
fn considered(own: &Organisation, req: &ReportRequest) -> Option<String> {
    let body = match own.role {
        OrgRole::School => "на педагогическом совете",
        _ => "на заседании методического совета",
    };
    (req.kind == ReportKind::Analytical)
        .then(|| format!("Рассмотрено {body},\nпротокол № ______ от «___» ___________ 20___ г."))
}

fn report(own: &Organisation, req: &ReportRequest, period: String, landscape: bool, blocks: Vec<Block>) -> Report {
    Report {
        org: own.name.clone(),
        title: req.kind.title().into(),
        period,
        date: req.made,
        as_of: req.today,
        landscape,
        approval: approval(own, req),
        considered: considered(own, req),
        made_line: true,
        addressee: None,
        blocks,
    }
}

fn year_period(year: SchoolYear) -> String {
    format!("за {year} учебный год")
}

/// Builds the report.
pub fn build(
    data: &Dataset,
    settings: &RuleSettings,
    own: &Organisation,
    req: &ReportRequest,
) -> Result<Report, AppError> {
    if req.kind.municipal() && own.role == OrgRole::School {
        return Err(AppError::WrongRole {
            what: "Этот отчёт делается",
            needed: OrgRole::Municipality,
            found: own.role,
            hint: "",
        });
    }
    Ok(match req.kind {
        ReportKind::Analytical => analytical(data, settings, own, req),
        ReportKind::AttestationPlan => attestation_plan(data, settings, own, req),
        ReportKind::CoursePlan => course_plan(data, settings, own, req),
        ReportKind::StaffList => staff_list(data, settings, own, req),
        ReportKind::Mentoring => mentoring(data, settings, own, req),
        ReportKind::Routes => routes(data, own, req),
        ReportKind::RouteCard(person) => route_card(data, settings, own, req, person)?,
        ReportKind::Order(id) => order(data, own, req, id)?,
        ReportKind::Representation(person) => representation(data, settings, own, req, person)?,
        ReportKind::MentorReport(person) => mentor_report(data, settings, own, req, person)?,
        ReportKind::MentorPlan(person) => mentor_plan(data, settings, own, req, person)?,
        ReportKind::Monitoring => monitoring(data, settings, own, req),
        ReportKind::Staffing => staffing(data, own, req),
        ReportKind::SelfEvaluation => self_evaluation(data, settings, own, req),
        ReportKind::Cycle => cycle(data, settings, own, req),
        ReportKind::Oo1 => oo1(data, own, req),
        ReportKind::Participants => participants(data, settings, own, req)?,
        ReportKind::Practices => practices(data, own, req),
        ReportKind::YoungPlan => young_plan(data, settings, own, req),
        ReportKind::AssociationPlan => association_plan(data, settings, own, req)?,
        ReportKind::AssociationReport => association_report(data, own, req)?,
        ReportKind::AssociationMembers => association_members(data, settings, own, req)?,
        ReportKind::Nominated => nominated(data, settings, own, req)?,
        ReportKind::SzdSchedule => szd_schedule(data, settings, own, req),
        ReportKind::SzdExtract(person) => szd_extract(data, settings, own, req, person)?,
    })
}

/// The indicator board the screens show, for one breakdown.
pub fn board_for(
    data: &Dataset,
    settings: &RuleSettings,
    own: &Organisation,
    req: &ReportRequest,
    by: Breakdown,
) -> Board {
    let request =
        Request { window: req.window(), breakdown: by, today: req.today, settings: settings.clone(), own: own.clone() };
    board_mod::board(data, &request, &|_| {})
}

/// One board row as table cells: indicator, n / d, percent, last year, target, mark.
fn indicator_cells(row: &board_mod::Row, running: bool) -> Vec<Cell> {
    // «Количество …»: the number is the value; its share (and last year's share) would mislead.
    if indicators::about(&row.id).is_some_and(|a| a.count) {
        let n = row.counts.map_or(0, |(n, _)| n);
        return vec![
            Cell::text(&row.title),
            Cell::Int(n as i64),
            Cell::People(n),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ];
    }
    let last = row.trend.len().checked_sub(2).and_then(|i| row.trend[i]);
    vec![
        Cell::text(&row.title),
        row.counts.map_or(Cell::Empty, |(n, d)| Cell::Ratio(n, d)),
        Cell::percent(row.value),
        Cell::percent(last),
        row.target.map_or(Cell::Empty, |(t, _)| Cell::Target {
            share: t / 100.0,
            at_most: indicators::lower_is_better(&row.id),
        }),
        Cell::text(indicators::target_mark(row.met, running)),
    ]
}

fn indicator_columns() -> Vec<Column> {
    vec![
        col("Показатель", 5.0),
        col("Человек", 1.3),
        col("Значение", 1.2),
        col("Прошлый год", 1.2),
        col("Цель", 1.1),
        col("Отметка", 1.4),
    ]
}

/// The problems the data shows, as sentences the user edits: the subjects with the lowest course
/// coverage, expiring categories, young teachers without a mentor, routes behind schedule.
pub fn drafted_problems(data: &Dataset, settings: &RuleSettings, req: &ReportRequest) -> Vec<String> {
    let mut out = Vec::new();
    let by_subject = indicators::compute(data, req.window(), settings, Breakdown::Subject);
    let display = |s: &str| {
        by_subject.iter().find(|v| v.id == "course_3y" && v.scope == format!("subject:{s}")).map(|v| v.display())
    };
    let names: Vec<String> = crate::domain::cycle::weakest_subjects(&by_subject, 100.0)
        .into_iter()
        .map(|(s, _, _)| format!("{s} ({})", display(s).unwrap_or_default()))
        .collect();
    if !names.is_empty() {
        out.push(format!(
            "Наименьший охват курсами повышения квалификации за 3 года — по предметам: {}. Рекомендуется \
             включить учителей этих предметов в план ПК на следующий учебный год.",
            names.join("; ")
        ));
    }
    let staff = super::staff_on(data, req.today, settings);
    let expiring: Vec<String> = staff
        .iter()
        .filter_map(|s| match s.category {
            CategoryState::Expiring { until, .. } => Some(format!("{} (до {})", s.full_name, fmt_date(until))),
            _ => None,
        })
        .collect();
    if !expiring.is_empty() {
        out.push(format!(
            "Истекает срок квалификационной категории у {}: {}. Необходимо своевременно подать \
             заявления на аттестацию.",
            ru::of_teachers(expiring.len() as u64),
            expiring.join(", ")
        ));
    }
    let young: Vec<String> = staff.iter().filter(|s| s.young_without_mentor).map(|s| s.full_name.clone()).collect();
    if !young.is_empty() {
        out.push(format!(
            "Молодые педагоги без наставника ({}): {}. Рекомендуется закрепить наставников приказом.",
            young.len(),
            young.join(", ")
        ));
    }
    let behind: Vec<String> = plans::route_board(data, req.today)
        .into_iter()
        .filter(|r| r.overdue > 0)
        .map(|r| format!("{} (просрочено шагов: {})", r.name, r.overdue))
        .collect();
    if !behind.is_empty() {
        out.push(format!(
            "Отстают от графика ИОМ: {}. Куратору — согласовать с педагогом сроки и формы работы.",
            behind.join(", ")
        ));
    }
    let due: usize = staff.iter().filter(|s| s.courses.due).count();
    if due > 0 {
        out.push(format!("Не проходили повышение квалификации более 3 лет: {}.", ru::teachers(due as u64)));
    }
    if out.is_empty() {
        out.push("Существенных проблем по данным учёта не выявлено.".into());
    }
    out
}

/// «Основание» of the справка when the user names none: the plan the analysis belongs to — a school's
/// plan of internal control, a municipality's plan of its methodological service (seed 001: «Аналитическая
/// справка» is the document of each direction of the municipal monitoring).
pub fn default_basis(own: &Organisation, year: SchoolYear) -> String {
    match own.role {
        OrgRole::School => format!("план внутришкольного контроля на {year} учебный год"),
        OrgRole::Municipality => format!(
            "план работы муниципальной методической службы на {year} учебный год, муниципальная система \
             мониторинга профессионального развития педагогических работников"
        ),
        _ => format!("план работы на {year} учебный год"),
    }
}

/// The preamble of a справка (ГОСТ Р 7.0.97-2016 and the usage of schools): «Цель», «Сроки» (the period
/// the figures cover), «Основание».
fn preamble(own: &Organisation, req: &ReportRequest) -> Vec<Block> {
    let whose = match own.role {
        OrgRole::School => "педагогических работников",
        OrgRole::Municipality => "педагогических работников образовательных организаций муниципалитета",
        _ => "педагогических работников образовательных организаций региона",
    };
    let period = req.window().counted();
    let basis = if req.basis.trim().is_empty() { default_basis(own, req.year) } else { req.basis.trim().to_string() };
    vec![
        Block::Paragraph(format!(
            "Цель: анализ профессионального развития {whose} за {} учебный год — кадрового состава, аттестации, \
             повышения квалификации, выявления и устранения профессиональных дефицитов, наставничества, участия \
             в конкурсах профессионального мастерства.",
            req.year
        )),
        Block::Paragraph(format!("Сроки: {} – {}.", fmt_date(period.from), fmt_date(period.to))),
        Block::Paragraph(format!("Основание: {}.", basis.trim_end_matches('.'))),
    ]
}

fn analytical(data: &Dataset, settings: &RuleSettings, own: &Organisation, req: &ReportRequest) -> Report {
    let mut blocks = preamble(own, req);
    let as_of = req.window().as_of;
    // 1. Staff.
    blocks.push(Block::Heading(1, "1. Кадровый состав".into()));
    let st = indicators::staffing(data, as_of, Breakdown::None).into_iter().next().unwrap_or_default();
    let where_ = match own.role {
        OrgRole::School => "в образовательной организации",
        OrgRole::Municipality => "в образовательных организациях муниципалитета",
        _ => "в образовательных организациях региона",
    };
    blocks.push(Block::Paragraph(format!(
        "На {} {where_} {}; средний возраст — {}, средняя нагрузка — {} ч в неделю.",
        fmt_date(as_of),
        ru::teachers_work(st.teachers),
        st.average_age.map_or("—".into(), |a| ru::years((a * 10.0).round() / 10.0)),
        st.average_load.map_or("—".into(), |a| Cell::Number(a, 1).display()),
    )));
    blocks.push(Block::Table(staffing_table("Состав педагогических работников", "Состав", &st)));
    // 2–3. Who was attested and who finished courses in the year.
    attestation_section(data, own, req, &mut blocks);
    courses_section(data, own, req, &mut blocks);
    // 4. Indicators with targets and last year.
    let board = board_for(data, settings, own, req, Breakdown::None);
    blocks.push(Block::Heading(1, "4. Показатели профессионального развития".into()));
    blocks.push(Block::Paragraph(format!(
        "Показатели рассчитаны по данным учёта за {} учебный год (на {}); «прошлый год» — значение за {} учебный \
         год, цель — целевое значение на год.",
        board.year,
        fmt_date(as_of),
        SchoolYear(board.year.0 - 1)
    )));
    let rows: Vec<&board_mod::Row> = board
        .rows
        .iter()
        .filter(|r| r.scope == "all" && !r.id.starts_with("self_") && !r.id.starts_with("schools_"))
        .collect();
    blocks.push(Block::Table(Table {
        title: "Показатели".into(),
        sheet: "Показатели".into(),
        columns: indicator_columns(),
        rows: rows.iter().map(|r| indicator_cells(r, indicators::year_running(board.year, req.today))).collect(),
    }));
    let chart_ids = ["course_3y", "category_high", "diag_done", "route_has", "contest", "young_mentor"];
    blocks.push(Block::Chart(Chart::percent(
        "Основные показатели, %",
        chart_ids
            .iter()
            .filter_map(|id| rows.iter().find(|r| r.id == *id))
            .map(|r| (short_title(&r.title), r.value.unwrap_or(0.0), r.target.map(|t| t.0))),
    )));
    // 3. By subject.
    let by_subject = indicators::compute(data, req.window(), settings, Breakdown::Subject);
    blocks.push(Block::Heading(1, "5. Показатели по предметам".into()));
    blocks.push(Block::Table(breakdown_table(
        &by_subject,
        ("По предметам", "По предметам", "Предмет", "Учителей"),
        Breakdown::Subject,
        &["course_3y", "category_high", "diag_done", "edu_match"],
        &|s| s.to_string(),
    )));
    let course_target = rows.iter().find(|r| r.id == "course_3y").and_then(|r| r.target).map(|t| t.0);
    blocks.push(Block::Chart(by_scope_chart(
        &format!("{} — по предметам, %", title_of("course_3y")),
        &by_subject,
        "course_3y",
        Breakdown::Subject,
        course_target,
        &|s| s.to_string(),
    )));
    // 4. Achievements.
    blocks.push(Block::Heading(1, "6. Достижения педагогов".into()));
    achievements(data, req, &mut blocks);
    // 5. Problems and recommendations.
    blocks.push(Block::Heading(1, "7. Проблемы и рекомендации".into()));
    let problems = req.problems.clone().unwrap_or_else(|| drafted_problems(data, settings, req));
    blocks.push(Block::List(problems));
    blocks.push(signatures(own, req));
    report(own, req, year_period(req.year), false, blocks)
}

/// The school years of a three-year dynamics ending with `year`, each with the day it is counted on (the
/// last day of a past year, the report's day in the running one).
fn three_years(year: SchoolYear, today: NaiveDate) -> Vec<(SchoolYear, NaiveDate)> {
    (0..3).rev().map(|k| SchoolYear(year.0 - k)).map(|y| (y, y.last_day().min(today))).collect()
}

/// «2. Аттестация»: the dynamics of высшая / первая / СЗД / без категории over three school years, and who
/// was attested in this one (ФИО, должность, the category held before and the one given, decision, order)
/// — in a municipal or regional copy, how many were attested at each school instead of every name.
fn attestation_section(data: &Dataset, own: &Organisation, req: &ReportRequest, blocks: &mut Vec<Block>) {
    use crate::domain::Category;
    blocks.push(Block::Heading(1, "2. Аттестация педагогических работников".into()));
    let years = three_years(req.year, req.today);
    let parts = ["высшая", "первая", "СЗД", "без категории и СЗД"];
    let counts: Vec<(SchoolYear, u64, Vec<u64>)> = years
        .iter()
        .map(|(y, on)| {
            let st = indicators::staffing(data, *on, Breakdown::None).into_iter().next().unwrap_or_default();
            let of = |label: &str| st.by_category.iter().find(|(l, _)| l == label).map_or(0, |(_, n)| *n);
            let holders = [of("высшая"), of("первая"), of("СЗД")];
            let rest = st.teachers.saturating_sub(holders.iter().sum());
            (*y, st.teachers, vec![holders[0], holders[1], holders[2], rest])
        })
        .collect();
    let mut columns = vec![col("", 3.0)];
    columns.extend(years.iter().flat_map(|(y, _)| [col(&format!("{y}, чел."), 1.4), col(&format!("{y}, %"), 1.3)]));
    let rows = parts
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let mut row = vec![Cell::text(*label)];
            for (_, total, n) in &counts {
                row.push(Cell::Int(n[i] as i64));
                row.push(if *total > 0 { Cell::Percent(n[i] as f64 / *total as f64) } else { Cell::Empty });
            }
            row
        })
        .collect();
    blocks.push(Block::Table(Table {
        title: "Динамика квалификационных категорий за три года".into(),
        sheet: "Категории за 3 года".into(),
        columns,
        rows,
    }));
    blocks.push(Block::Chart(Chart {
        title: "Квалификационные категории по годам, % педагогов".into(),
        unit: "%".into(),
        decimals: 1,
        series: parts.iter().map(|p| p.to_string()).collect(),
        bars: counts
            .iter()
            .map(|(y, total, n)| Bar {
                label: format!("{y} уч. г."),
                values: n.iter().map(|k| if *total > 0 { *k as f64 * 100.0 / *total as f64 } else { 0.0 }).collect(),
                target: None,
            })
            .collect(),
    }));

    let period = req.window().counted();
    let mut attested: Vec<&crate::domain::Attestation> =
        data.attestations.iter().filter(|a| period.contains(a.decision_date)).collect();
    let persons: std::collections::HashMap<PersonId, &crate::domain::Person> =
        data.persons.iter().map(|p| (p.id, p)).collect();
    if own.role != OrgRole::School {
        by_school_counts(
            data,
            blocks,
            "Аттестованы в учебном году, по школам",
            "Аттестованы по школам",
            &["Высшая", "Первая", "СЗД", "Всего"],
            attested
                .iter()
                .filter_map(|a| {
                    let school = persons.get(&a.person)?.school;
                    let k = match a.result {
                        Category::Highest => Some(0),
                        Category::First => Some(1),
                        Category::PositionConformity => Some(2),
                        _ => None,
                    };
                    // Each attestation in its column (if it has one) and in «Всего».
                    Some(k.into_iter().chain([3]).map(move |k| (school, k)))
                })
                .flatten(),
        );
        return;
    }
    // Only the attested people's own records are read: their position that year and their decisions.
    let index = data.index();
    let as_of = req.window().as_of;
    attested.sort_by_key(|a| (a.decision_date, persons.get(&a.person).map(|p| p.full_name())));
    let before = |a: &crate::domain::Attestation| {
        index
            .records(a.person)
            .and_then(|r| {
                r.attestations.iter().filter(|b| b.decision_date < a.decision_date).max_by_key(|b| b.decision_date)
            })
            .map_or("—".to_string(), |b| b.result.label().to_string())
    };
    blocks.push(Block::Table(Table {
        title: format!("Аттестованы в {} учебном году", req.year),
        sheet: "Аттестованы".into(),
        columns: vec![
            col("№", 0.5),
            name_col("ФИО", 2.6),
            col("Должность", 1.8),
            col("Было", 1.1),
            col("Присвоено", 1.2),
            col("Дата решения", 1.3),
            col("Приказ", 2.0),
        ],
        rows: attested
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let position = if a.position.trim().is_empty() {
                    index
                        .records(a.person)
                        .and_then(|r| crate::domain::rules::assignment_on(r.assignments.iter().copied(), as_of))
                        .map(|x| x.positions.join(", "))
                        .unwrap_or_default()
                } else {
                    a.position.clone()
                };
                vec![
                    Cell::Int(i as i64 + 1),
                    Cell::text(persons.get(&a.person).map(|p| p.full_name()).unwrap_or_default()),
                    Cell::text(position),
                    Cell::text(before(a)),
                    Cell::text(a.result.label()),
                    Cell::Date(a.decision_date),
                    Cell::text(plans::order_text(&a.order_number, a.order_date)),
                ]
            })
            .collect(),
    }));
}

/// «3. Повышение квалификации»: who finished which course in the year (тема, организация, часы, сроки,
/// документ) — in a municipal or regional copy, how many courses and people at each school.
fn courses_section(data: &Dataset, own: &Organisation, req: &ReportRequest, blocks: &mut Vec<Block>) {
    blocks.push(Block::Heading(1, "3. Повышение квалификации".into()));
    let period = req.window().counted();
    let mut done: Vec<&crate::domain::Course> = data.courses.iter().filter(|c| period.contains(c.end)).collect();
    let persons: std::collections::HashMap<PersonId, &crate::domain::Person> =
        data.persons.iter().map(|p| (p.id, p)).collect();
    let people: std::collections::HashSet<PersonId> = done.iter().map(|c| c.person).collect();
    let hours: u64 = done.iter().map(|c| u64::from(c.hours)).sum();
    blocks.push(Block::Paragraph(format!(
        "За {} учебный год (по {}) окончено курсов: {} ({}); их прошли {}.",
        req.year,
        fmt_date(period.to),
        done.len(),
        ru::count(hours, "час", "часа", "часов"),
        ru::people(people.len() as u64)
    )));
    if own.role != OrgRole::School {
        let mut seen = std::collections::HashSet::new();
        by_school_counts(
            data,
            blocks,
            "Повышение квалификации по школам",
            "Курсы по школам",
            &["Курсов", "Человек"],
            done.iter().filter_map(|c| persons.get(&c.person).map(|p| (p.school, c.person))).flat_map(|(school, p)| {
                let first = seen.insert(p);
                std::iter::once((school, 0)).chain(first.then_some((school, 1)))
            }),
        );
        return;
    }
    done.sort_by_key(|c| (persons.get(&c.person).map(|p| p.full_name()), c.end));
    blocks.push(Block::Table(Table {
        title: format!("Окончили курсы в {} учебном году", req.year),
        sheet: "Окончили курсы".into(),
        columns: vec![
            col("№", 0.5),
            name_col("ФИО", 2.4),
            col("Тема", 2.8),
            col("Организация", 2.0),
            col("Часов", 0.9),
            col("Сроки", 1.8),
            col("Документ", 2.0),
        ],
        rows: done
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let dates = match c.start {
                    Some(s) => format!("{} – {}", fmt_date(s), fmt_date(c.end)),
                    None => fmt_date(c.end),
                };
                let document = [c.document_kind.trim(), c.document_number.trim()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" № ");
                vec![
                    Cell::Int(i as i64 + 1),
                    Cell::text(persons.get(&c.person).map(|p| p.full_name()).unwrap_or_default()),
                    Cell::text(&c.title),
                    Cell::text(&c.provider),
                    Cell::Int(i64::from(c.hours)),
                    Cell::text(dates),
                    Cell::text(document),
                ]
            })
            .collect(),
    }));
}

/// A count by school of what `items` yields as (school, column): every school of the copy by its short
/// name, the columns `labels`, and a total row.
fn by_school_counts(
    data: &Dataset,
    blocks: &mut Vec<Block>,
    title: &str,
    sheet: &str,
    labels: &[&str],
    items: impl Iterator<Item = (crate::domain::OrgId, usize)>,
) {
    let mut counts: std::collections::HashMap<crate::domain::OrgId, Vec<i64>> = std::collections::HashMap::new();
    let mut total = vec![0i64; labels.len()];
    for (school, k) in items {
        let row = counts.entry(school).or_insert_with(|| vec![0; labels.len()]);
        row[k] += 1;
        total[k] += 1;
    }
    let mut schools: Vec<(&str, Vec<i64>)> = data
        .schools()
        .map(|s| (s.short_or_name(), counts.get(&s.id).cloned().unwrap_or_else(|| vec![0; labels.len()])))
        .collect();
    schools.sort_by_key(|s| s.0.to_lowercase());
    let mut columns = vec![name_col("Школа", 3.0)];
    columns.extend(labels.iter().map(|l| col(l, 1.2)));
    let mut rows: Vec<Vec<Cell>> = schools
        .into_iter()
        .map(|(name, n)| std::iter::once(Cell::text(name)).chain(n.into_iter().map(Cell::Int)).collect())
        .collect();
    rows.push(std::iter::once(Cell::text("Итого")).chain(total.into_iter().map(Cell::Int)).collect());
    blocks.push(Block::Table(Table { title: title.into(), sheet: sheet.into(), columns, rows }));
}

/// A table of the scopes of one breakdown («subject:…», «school:…») against a few indicators: the scope,
/// its number of teachers (the denominator of `course_3y`) and each indicator's percent. `titles`: the
/// table's title, sheet, first column and count column.
fn breakdown_table(
    values: &[indicators::Value],
    titles: (&str, &str, &str, &str),
    by: Breakdown,
    ids: &[&str],
    label: &dyn Fn(&str) -> String,
) -> Table {
    let by_key: std::collections::HashMap<(&str, &str), &indicators::Value> =
        values.iter().filter_map(|v| Some(((v.id.as_str(), v.scope.part(by)?), v))).collect();
    let mut scopes: Vec<&str> =
        by_key.keys().map(|k| k.1).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    scopes.sort_by_key(|s| label(s).to_lowercase());
    // An indicator the catalogue does not break down this way (contests, mentoring of the young by
    // subject) has no column rather than an empty one.
    let ids: Vec<&str> =
        ids.iter().copied().filter(|id| scopes.iter().any(|s| by_key.contains_key(&(*id, *s)))).collect();
    // Headers are not hyphenated: the indicators' columns are as wide as «квалификационную» needs.
    let (label_width, width) = if ids.len() <= 4 { (2.2, 2.0) } else { (2.0, 1.9) };
    let mut columns = vec![col(titles.2, label_width), col(titles.3, 1.0)];
    columns.extend(ids.iter().map(|id| col(&short_title(&title_of(id)), width)));
    let rows = scopes
        .iter()
        .map(|s| {
            let mut row = vec![
                Cell::text(label(s)),
                by_key.get(&("course_3y", *s)).map_or(Cell::Empty, |v| Cell::Int(v.denominator as i64)),
            ];
            row.extend(ids.iter().map(|id| Cell::percent(by_key.get(&(*id, *s)).and_then(|v| v.percent()))));
            row
        })
        .collect();
    Table { title: titles.0.into(), sheet: titles.1.into(), columns, rows }
}

/// One indicator by school, subject or type of school as bars sorted from the highest share, the
/// indicator's target marked on each (a share-of-people indicator: the value is its percent).
fn by_scope_chart(
    title: &str,
    values: &[indicators::Value],
    id: &str,
    by: Breakdown,
    target: Option<f64>,
    label: &dyn Fn(&str) -> String,
) -> Chart {
    let mut bars: Vec<(String, f64)> =
        values.iter().filter(|v| v.id == id).filter_map(|v| Some((label(v.scope.part(by)?), v.percent()?))).collect();
    bars.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase())));
    Chart::percent(title, bars.into_iter().map(|(l, v)| (l, v, target)))
}

fn title_of(id: &str) -> String {
    indicators::catalogue().into_iter().find(|d| d.id == id).map(|d| d.title.to_string()).unwrap_or_else(|| id.into())
}

/// «Доля педагогов, прошедших …» → «Прошедших …», for narrow columns and chart labels.
fn short_title(title: &str) -> String {
    let t = title
        .trim_start_matches("Доля педагогов, ")
        .trim_start_matches("Доля педагогов ")
        .trim_start_matches("Доля ")
        .trim();
    let mut c = t.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn achievements(data: &Dataset, req: &ReportRequest, blocks: &mut Vec<Block>) {
    // What has happened: up to the day the report is made (in a running year, not next month's).
    let period = req.window().counted();
    let names: std::collections::HashMap<PersonId, String> =
        data.persons.iter().map(|p| (p.id, p.full_name())).collect();
    let name = |p: PersonId| names.get(&p).cloned().unwrap_or_default();
    let mut contests: Vec<_> = data.contests.iter().filter(|c| period.contains(c.date)).collect();
    contests.sort_by_key(|c| (c.date, name(c.person)));
    blocks.push(Block::Table(Table {
        title: "Участие в профессиональных конкурсах".into(),
        sheet: "Конкурсы".into(),
        columns: vec![
            name_col("Педагог", 2.5),
            col("Конкурс", 4.0),
            col("Дата", 1.3),
            col("Уровень", 1.6),
            col("Результат", 1.6),
        ],
        rows: contests
            .iter()
            .map(|c| {
                vec![
                    Cell::text(name(c.person)),
                    Cell::text(&c.name),
                    Cell::Date(c.date),
                    Cell::text(c.level.label()),
                    Cell::text(c.result.label()),
                ]
            })
            .collect(),
    }));
    let mut experts: Vec<_> = data.expert_works.iter().filter(|e| period.contains(e.date)).collect();
    experts.sort_by_key(|e| (e.date, name(e.person)));
    blocks.push(Block::Table(Table {
        title: "Экспертная деятельность".into(),
        sheet: "Экспертиза".into(),
        columns: vec![
            name_col("Педагог", 2.5),
            col("Роль", 2.5),
            col("Содержание", 3.5),
            col("Дата", 1.3),
            col("Уровень", 1.6),
        ],
        rows: experts
            .iter()
            .map(|e| {
                vec![
                    Cell::text(name(e.person)),
                    Cell::text(&e.role),
                    Cell::text(&e.description),
                    Cell::Date(e.date),
                    Cell::text(e.level.label()),
                ]
            })
            .collect(),
    }));
    use crate::domain::labels::{EventKind, EventRole};
    let mut shared: Vec<_> = data
        .events
        .iter()
        .filter(|e| period.contains(e.date))
        .filter(|e| {
            e.kind == EventKind::Publication
                || matches!(e.role, EventRole::Speaker | EventRole::MasterClassLeader | EventRole::Author)
        })
        .collect();
    shared.sort_by_key(|e| (e.date, name(e.person)));
    blocks.push(Block::Table(Table {
        title: "Выступления, мастер-классы и публикации".into(),
        sheet: "Выступления и публикации".into(),
        columns: vec![
            name_col("Педагог", 2.5),
            col("Мероприятие / публикация", 4.0),
            col("Дата", 1.3),
            col("Уровень", 1.6),
            col("Роль", 1.8),
        ],
        rows: shared
            .iter()
            .map(|e| {
                vec![
                    Cell::text(name(e.person)),
                    Cell::text(&e.title),
                    Cell::Date(e.date),
                    Cell::text(e.level.label()),
                    Cell::text(e.role.label_for(data.persons.iter().find(|p| p.id == e.person).and_then(|p| p.sex))),
                ]
            })
            .collect(),
    }));
}

fn staffing_table(title: &str, sheet: &str, st: &indicators::Staffing) -> Table {
    let pct = |n: u64| if st.teachers > 0 { Cell::Percent(n as f64 / st.teachers as f64) } else { Cell::Empty };
    let mut rows = vec![vec![
        Cell::text("Численность педагогических работников"),
        Cell::Int(st.teachers as i64),
        Cell::Percent(1.0),
    ]];
    for (group, parts) in [
        ("Образование", &st.by_education),
        ("Педагогический стаж", &st.by_experience),
        ("Возраст", &st.by_age),
        // СЗД is not a qualification category: the group is the attestation.
        ("Аттестация", &st.by_category),
    ] {
        for (label, n) in parts {
            let label = match (group, label.as_str()) {
                ("Аттестация", "высшая") => "высшая квалификационная категория",
                ("Аттестация", "первая") => "первая квалификационная категория",
                ("Аттестация", "СЗД") => "соответствие занимаемой должности",
                _ => label.as_str(),
            };
            rows.push(vec![Cell::text(format!("{group}: {label}")), Cell::Int(*n as i64), pct(*n)]);
        }
    }
    Table {
        title: title.into(),
        sheet: sheet.into(),
        columns: vec![col("", 5.0), col("Человек", 1.2), col("%", 1.2)],
        rows,
    }
}

fn attestation_plan(data: &Dataset, settings: &RuleSettings, own: &Organisation, req: &ReportRequest) -> Report {
    let rows = plans::attestation_plan(data, req.today, settings);
    let first = SchoolYear::of(req.today);
    let years: Vec<SchoolYear> = (0..5).map(|k| SchoolYear(first.0 + k)).collect();
    let mut columns = vec![
        col("№", 0.5),
        name_col("ФИО", 2.6),
        col("Должность", 1.6),
        col("Категория", 1.35),
        col("Решение", 1.8),
        col("Действует до", 1.35),
        col("Подать заявление до", 1.3),
    ];
    columns.extend(years.iter().map(|y| col(&y.to_string(), 0.8)));
    columns.push(col("Что сделать", 2.5));
    let table_rows = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut row = vec![
                Cell::Int(i as i64 + 1),
                Cell::text(&r.name),
                Cell::text(&r.position),
                Cell::text(r.category.map_or("—", |c| c.label())),
                Cell::text(r.decision.as_ref().map_or(String::new(), |(d, order)| {
                    if order.is_empty() { fmt_date(*d) } else { format!("{}, {order}", fmt_date(*d)) }
                })),
                if r.permanent { Cell::text("бессрочно") } else { Cell::date(r.valid_until) },
                Cell::date(r.apply_by),
            ];
            row.extend(years.iter().map(|y| Cell::text(if r.year == Some(*y) { "×" } else { "" })));
            row.push(Cell::text(&r.next_step));
            row
        })
        .collect();
    let blocks = vec![
        Block::Paragraph(format!(
            "План составлен на {} по действующим категориям и срокам их действия: категория, присвоенная до \
             01.09.2023, действует 5 лет с даты решения; присвоенная с 01.09.2023 (приказ Минпросвещения России \
             от 24.03.2023 № 196) — бессрочно. «×» — учебный год следующей аттестации: истечение категории, \
             аттестация на соответствие занимаемой должности или окончание освобождения от неё; заявление \
             подаётся не позднее чем за 3 месяца до истечения категории.",
            fmt_date(req.today)
        )),
        Block::Table(Table {
            title: String::new(), sheet: "План аттестации".into(), columns, rows: table_rows
        }),
        signatures(own, req),
    ];
    report(own, req, format!("на {} – {} учебные годы", first, years[4]), true, blocks)
}

fn course_plan(data: &Dataset, settings: &RuleSettings, own: &Organisation, req: &ReportRequest) -> Report {
    let rows = plans::course_plan(data, req.today, settings);
    let first = SchoolYear::of(req.today);
    let next: Vec<SchoolYear> = (0..3).map(|k| SchoolYear(first.0 + k)).collect();
    let mut columns = vec![
        col("№", 0.5),
        name_col("ФИО", 2.4),
        col("Должность", 1.6),
        col("Предметы", 1.6),
        col("Последние курсы: окончены", 1.3),
        col("Тема последних курсов", 3.0),
        col("Организация", 1.7),
    ];
    if let Some(r) = rows.first() {
        columns.extend(r.hours_by_year.iter().map(|(y, _)| col(&format!("Часов {}", y), 0.9)));
    }
    columns.extend(next.iter().map(|y| col(&format!("План {}", y), 0.9)));
    let table_rows = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut row = vec![
                Cell::Int(i as i64 + 1),
                Cell::text(&r.name),
                Cell::text(&r.position),
                Cell::text(&r.subjects),
                Cell::date(r.last_end),
                Cell::text(&r.last_title),
                Cell::text(&r.last_provider),
            ];
            row.extend(r.hours_by_year.iter().map(|(_, h)| Cell::Int(*h as i64)));
            // The year the courses fall due: now if due, else the year three years after the last.
            let due_year = if r.due { Some(first) } else { r.due_from.map(SchoolYear::of) };
            row.extend(next.iter().map(|y| Cell::text(if due_year == Some(*y) { "×" } else { "" })));
            row
        })
        .collect();
    let due = rows.iter().filter(|r| r.due).count();
    // The teachers' requests of the last year by direction: what the courses should be about.
    let names: std::collections::HashMap<PersonId, String> =
        data.persons.iter().map(|p| (p.id, p.full_name())).collect();
    let requests = plans::requests_by_direction(data, req.today);
    let requests_table = Table {
        title: "Запросы педагогов на повышение квалификации за год, по направлениям".into(),
        sheet: "Запросы".into(),
        columns: vec![col("Направление", 2.5), col("Педагогов", 0.9), name_col("Кто запросил", 5.0)],
        rows: requests
            .iter()
            .map(|(direction, people)| {
                let mut who: Vec<String> = people.iter().filter_map(|p| names.get(p).cloned()).collect();
                who.sort();
                vec![Cell::text(direction), Cell::People(people.len() as u64), Cell::text(who.join(", "))]
            })
            .collect(),
    };
    let blocks = vec![
        Block::Paragraph(format!(
            "Повышение квалификации — не реже одного раза в {} года. На {} не проходили курсы более этого срока: {} \
             (отмечены в плане текущего года).",
            settings.course_period_years,
            fmt_date(req.today),
            ru::teachers(due as u64)
        )),
        Block::Table(Table { title: String::new(), sheet: "План ПК".into(), columns, rows: table_rows }),
        Block::Table(requests_table),
        signatures(own, req),
    ];
    report(own, req, format!("на {} – {} учебные годы", first, next[2]), true, blocks)
}

fn staff_list(data: &Dataset, settings: &RuleSettings, own: &Organisation, req: &ReportRequest) -> Report {
    let staff = super::staff_on(data, req.today, settings);
    let persons: std::collections::HashMap<PersonId, &crate::domain::Person> =
        data.persons.iter().map(|p| (p.id, p)).collect();
    let index = data.index();
    let three_years_ago = crate::domain::dates::add_years(req.today, -3);
    let rows = staff
        .iter()
        .filter(|s| s.pedagogical)
        .enumerate()
        .map(|(i, s)| {
            let p = persons.get(&s.id);
            let courses: u32 = index
                .records(s.id)
                .map(|r| {
                    r.courses.iter().filter(|c| c.end > three_years_ago && c.end <= req.today).map(|c| c.hours).sum()
                })
                .unwrap_or(0);
            vec![
                Cell::Int(i as i64 + 1),
                Cell::text(&s.full_name),
                Cell::text(s.positions.join(", ")),
                Cell::text(p.and_then(|p| p.education).map_or("", |e| e.label())),
                Cell::text(p.map(|p| p.specialty.clone()).unwrap_or_default()),
                s.experience.map_or(Cell::Empty, |e| Cell::Int(e as i64)),
                Cell::text(category_text(&s.category)),
                Cell::Int(courses as i64),
                Cell::text(s.subjects.join(", ")),
                s.load_hours.map_or(Cell::Empty, |h| Cell::Number(h as f64, 1)),
            ]
        })
        .collect();
    let blocks = vec![
        Block::Table(Table {
            title: String::new(),
            sheet: "Педагоги".into(),
            columns: vec![
                col("№", 0.5),
                name_col("ФИО", 2.6),
                col("Должность", 1.8),
                col("Образование", 1.8),
                col("Специальность", 2.0),
                col("Пед. стаж, лет", 0.9),
                col("Категория", 1.6),
                col("Курсы за 3 года, ч", 1.0),
                col("Предметы", 2.2),
                col("Нагрузка, ч", 0.9),
            ],
            rows,
        }),
        signatures(own, req),
    ];
    report(own, req, format!("на {}", fmt_date(req.today)), true, blocks)
}

fn category_text(c: &CategoryState) -> String {
    c.describe()
}

fn mentoring(data: &Dataset, settings: &RuleSettings, own: &Organisation, req: &ReportRequest) -> Report {
    let staff = super::staff_on(data, req.today, settings);
    let names: std::collections::HashMap<PersonId, String> =
        data.persons.iter().map(|p| (p.id, p.full_name())).collect();
    let mut pairs: Vec<_> = data
        .mentorships
        .iter()
        .filter(|m| m.start <= req.today && m.end.is_none_or(|e| e >= req.year.period().from))
        .collect();
    pairs.sort_by_key(|m| (names.get(&m.mentee).cloned().unwrap_or_default(), m.start));
    let young: Vec<_> = staff.iter().filter(|s| s.young).collect();
    let blocks = vec![
        Block::Paragraph(format!(
            "Молодых педагогов (до 35 лет со стажем до 3 лет) на {}: {}; из них без наставника: {}. Пар \
             наставничества в {} учебном году: {}.",
            fmt_date(req.today),
            young.len(),
            young.iter().filter(|s| s.young_without_mentor).count(),
            req.year,
            pairs.len()
        )),
        Block::Table(Table {
            title: "Пары наставничества".into(),
            sheet: "Пары".into(),
            columns: vec![
                name_col("Наставляемый", 2.5),
                name_col("Наставник", 2.5),
                col("Форма", 1.6),
                col("Уровень", 1.4),
                col("Приказ", 1.6),
                col("С", 1.2),
                col("По", 1.2),
                col("Результат", 2.0),
            ],
            rows: pairs
                .iter()
                .map(|m| {
                    vec![
                        Cell::text(names.get(&m.mentee).cloned().unwrap_or_default()),
                        Cell::text(
                            m.mentor.and_then(|p| names.get(&p).cloned()).unwrap_or_else(|| m.mentor_name.clone()),
                        ),
                        Cell::text(&m.form),
                        Cell::text(m.level.label()),
                        Cell::text(match (&m.order_number, m.order_date) {
                            (n, Some(d)) if !n.is_empty() => format!("№ {n} от {}", fmt_date(d)),
                            (n, _) => n.clone(),
                        }),
                        Cell::Date(m.start),
                        Cell::date(m.end),
                        Cell::text(&m.result),
                    ]
                })
                .collect(),
        }),
        Block::Table(Table {
            title: "Молодые педагоги".into(),
            sheet: "Молодые педагоги".into(),
            columns: vec![
                name_col("ФИО", 3.0),
                col("Возраст", 1.0),
                col("Стаж, лет", 1.0),
                col("Предметы", 3.0),
                name_col("Наставник", 1.6),
            ],
            rows: young
                .iter()
                .map(|s| {
                    vec![
                        Cell::text(&s.full_name),
                        s.age.map_or(Cell::Empty, |a| Cell::Int(a as i64)),
                        s.experience.map_or(Cell::Empty, |a| Cell::Int(a as i64)),
                        Cell::text(s.subjects.join(", ")),
                        Cell::text(if s.young_without_mentor { "нет" } else { "есть" }),
                    ]
                })
                .collect(),
        }),
        signatures(own, req),
    ];
    report(own, req, year_period(req.year), true, blocks)
}

fn routes(data: &Dataset, own: &Organisation, req: &ReportRequest) -> Report {
    let rows = plans::route_board(data, req.today);
    let blocks = vec![
        Block::Paragraph(format!(
            "Маршрутов, действующих на {} или завершённых за последний год: {}; с просроченными шагами: {}.",
            fmt_date(req.today),
            rows.len(),
            rows.iter().filter(|r| r.overdue > 0).count()
        )),
        Block::Table(Table {
            title: String::new(),
            sheet: "ИОМ".into(),
            columns: vec![
                name_col("Педагог", 3.0),
                col("Период", 2.0),
                col("Статус", 1.5),
                col("Выполнено шагов", 1.1),
                col("Наступил срок", 1.1),
                col("Всего шагов", 1.0),
                col("Просрочено", 1.0),
                col("Выполнение", 1.1),
            ],
            rows: rows
                .iter()
                .map(|r| {
                    vec![
                        Cell::text(&r.name),
                        Cell::text(&r.period),
                        Cell::text(r.status.label()),
                        Cell::Int(r.done as i64),
                        Cell::Int(r.due as i64),
                        Cell::Int(r.total as i64),
                        Cell::Int(r.overdue as i64),
                        r.completion().map_or(Cell::Empty, |c| Cell::Percent(f64::from(c))),
                    ]
                })
                .collect(),
        }),
        signatures(own, req),
    ];
    report(own, req, format!("на {}", fmt_date(req.today)), true, blocks)
}

/// The ИОМ card (issue 25: «The ИОМ card with position, subject, category, the diagnostic result it rests
/// on …»; seed 001: «ИОМ … на основе диагностики»): who the teacher is on the day, what the route rests on,
/// the deficits, the steps, the signatures.
fn route_card(
    data: &Dataset,
    settings: &RuleSettings,
    own: &Organisation,
    req: &ReportRequest,
    person: PersonId,
) -> Result<Report, AppError> {
    let p = data.persons.iter().find(|p| p.id == person).ok_or_else(|| AppError::NoSuchPerson(person.to_string()))?;
    let route = data.routes.iter().filter(|r| r.person == person).max_by_key(|r| r.start).ok_or_else(|| {
        AppError::Report(format!("у педагога {} нет индивидуального образовательного маршрута", p.full_name()))
    })?;
    let state = data.index().state(p, req.today, settings);
    let or_dash = |v: &[String]| if v.is_empty() { "—".to_string() } else { v.join(", ") };
    let mut blocks = vec![
        Block::Paragraph(format!("Педагог: {}", p.full_name())),
        Block::Paragraph(format!("Должность: {}; предметы: {}.", or_dash(&state.positions), or_dash(&state.subjects))),
        Block::Paragraph(format!("Квалификационная категория: {}.", category_text(&state.category))),
        Block::Paragraph(format!(
            "Период: {} – {}; статус: {}",
            fmt_date(route.start),
            route.end.map(fmt_date).unwrap_or_else(|| "не указан".into()),
            route.status.label()
        )),
    ];
    // What the route rests on: the diagnostic and what it found, the attestation's recommendations, the
    // teacher's request.
    let mut basis = Vec::new();
    if let Some(d) = route.basis_diagnostic.and_then(|id| data.diagnostics.iter().find(|d| d.id == id)) {
        let mut t = format!("диагностика от {} ({}", fmt_date(d.date), d.kind.label());
        if let Some(level) = d.level {
            t.push_str(&format!(", уровень: {}", level.label()));
        }
        if let (Some(score), Some(max)) = (d.score, d.max_score) {
            t.push_str(&format!(", {} из {} баллов", ru::number(f64::from(score)), ru::number(f64::from(max))));
        }
        t.push(')');
        if !d.deficits.is_empty() {
            t.push_str(&format!("; дефициты: {}", d.deficits.join(", ")));
        }
        basis.push(t);
    }
    if let Some(a) = route.basis_attestation.and_then(|id| data.attestations.iter().find(|a| a.id == id)) {
        let recs =
            if a.recommendations_text.is_empty() { String::new() } else { format!(": {}", a.recommendations_text) };
        basis.push(format!("рекомендации по итогам аттестации от {}{recs}", fmt_date(a.decision_date)));
    }
    if !route.basis_request.trim().is_empty() {
        basis.push(format!("запрос педагога: {}", route.basis_request.trim()));
    }
    blocks.push(Block::Paragraph(if basis.is_empty() {
        "Основание: не указано.".to_string()
    } else {
        format!("Основание: {}.", basis.join("; "))
    }));
    if !route.goal.trim().is_empty() {
        blocks.push(Block::Paragraph(format!("Цель: {}", route.goal.trim())));
    }
    if !route.tasks.trim().is_empty() {
        blocks.push(Block::Heading(2, "Задачи".into()));
        blocks.push(Block::List(
            route.tasks.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect(),
        ));
    }
    if !route.deficits.is_empty() {
        blocks.push(Block::Heading(2, "Выявленные профессиональные дефициты".into()));
        blocks.push(Block::List(route.deficits.clone()));
    }
    blocks.push(Block::Table(Table {
        title: "Шаги маршрута".into(),
        sheet: "ИОМ".into(),
        columns: vec![
            col("№", 0.5),
            col("Содержание", 3.4),
            col("Форма", 1.5),
            col("Срок", 1.2),
            col("Ожидаемый результат", 2.0),
            col("Выполнено", 1.2),
            col("Результат", 2.0),
        ],
        rows: route
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                vec![
                    Cell::Int(i as i64 + 1),
                    Cell::text(&s.title),
                    Cell::text(s.kind.label()),
                    Cell::date(s.planned),
                    Cell::text(&s.expected),
                    Cell::date(s.done),
                    Cell::text(if s.evidence.is_empty() {
                        s.state_on(req.today).to_string()
                    } else {
                        s.evidence.clone()
                    }),
                ]
            })
            .collect(),
    }));
    blocks.push(Block::Signatures(vec![
        Signature { position: "Педагог".into(), name: p.signature_name() },
        Signature { position: "Куратор".into(), name: route.curator.clone() },
        Signature { position: signer_position(own).into(), name: req.signer.clone() },
    ]));
    let mut r = report(
        own,
        req,
        format!("{} – {}", fmt_date(route.start), route.end.map(fmt_date).unwrap_or_default()),
        false,
        blocks,
    );
    r.title = format!("{}: {}", ReportKind::RouteCard(person).title(), p.full_name());
    Ok(r)
}

pub use crate::domain::indicators::{CONTRIBUTION_TERMS, Contribution, contribution};

fn monitoring(data: &Dataset, settings: &RuleSettings, own: &Organisation, req: &ReportRequest) -> Report {
    let mut blocks = Vec::new();
    let whole = board_for(data, settings, own, req, Breakdown::None);
    blocks.push(Block::Heading(1, "1. Показатели муниципалитета".into()));
    blocks.push(Block::Table(Table {
        title: "Показатели в целом".into(),
        sheet: "Показатели".into(),
        columns: indicator_columns(),
        rows: whole
            .rows
            .iter()
            .filter(|r| r.scope == "all")
            .map(|r| indicator_cells(r, indicators::year_running(whole.year, req.today)))
            .collect(),
    }));
    let ids = ["course_3y", "category_high", "diag_done", "route_has", "contest", "young_mentor", "edu_match"];
    let parts = [
        (Breakdown::School, ("По школам", "По школам", "Школа", "Педагогов")),
        (Breakdown::Cluster, ("По типам школ (кластерам)", "По кластерам", "Тип школы", "Педагогов")),
        (Breakdown::Subject, ("По предметам", "По предметам", "Предмет", "Учителей")),
    ];
    // One pass over the people for the three breakdowns.
    let breakdowns: Vec<Breakdown> = parts.iter().map(|p| p.0).collect();
    let values = indicators::compute_all(data, req.window(), settings, &breakdowns);
    let school_names: std::collections::HashMap<&str, String> =
        data.schools().map(|s| (s.code.as_str(), s.short_or_name().to_string())).collect();
    for (n, ((by, titles), values)) in parts.into_iter().zip(&values).enumerate() {
        blocks.push(Block::Heading(1, format!("{}. {}", n + 2, titles.0)));
        let label = |s: &str| match by {
            Breakdown::School => school_names.get(s).cloned().unwrap_or_else(|| s.to_string()),
            _ => s.to_string(),
        };
        blocks.push(Block::Table(breakdown_table(values, titles, by, &ids, &label)));
        // The per-school shares of the two indicators the municipal targets are set for first, as bars
        // against the target.
        if by == Breakdown::School {
            for id in ["course_3y", "category_high"] {
                let target = whole.rows.iter().find(|r| r.id == id && r.scope == "all").and_then(|r| r.target);
                let title = format!("{} — по школам, %", title_of(id));
                blocks.push(Block::Chart(by_scope_chart(&title, values, id, by, target.map(|t| t.0), &label)));
            }
        }
    }
    blocks.push(Block::Heading(1, "5. Рейтинг «Вклад ОО»".into()));
    blocks.push(Block::Paragraph(format!(
        "Школы упорядочены по сумме долей педагогов с весами: {}. Показаны все слагаемые, чтобы порядок можно \
         было проверить.",
        CONTRIBUTION_TERMS
            .iter()
            .map(|(t, w)| format!("{t} × {}", Cell::Number(*w, 1).display()))
            .collect::<Vec<_>>()
            .join(", ")
    )));
    let ranking = contribution(data, settings, req.window());
    let mut columns = vec![col("Место", 0.7), name_col("Школа", 3.0), col("Педагогов", 1.0)];
    columns.extend(CONTRIBUTION_TERMS.iter().map(|(t, _)| col(t, 1.2)));
    columns.push(col("Сумма", 1.0));
    blocks.push(Block::Table(Table {
        title: "Рейтинг «Вклад ОО»".into(),
        sheet: "Вклад ОО".into(),
        columns,
        rows: ranking
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut row = vec![Cell::Int(i as i64 + 1), Cell::text(&c.school), Cell::Int(c.teachers as i64)];
                row.extend(c.shares.iter().map(|s| Cell::Percent(*s)));
                row.push(Cell::Number(c.score, 3));
                row
            })
            .collect(),
    }));
    blocks.push(Block::Chart(Chart {
        title: "Рейтинг «Вклад ОО»: сумма взвешенных долей".into(),
        unit: String::new(),
        decimals: 3,
        series: Vec::new(),
        bars: ranking.iter().map(|c| Bar { label: c.school.clone(), values: vec![c.score], target: None }).collect(),
    }));
    blocks.push(signatures(own, req));
    report(own, req, year_period(req.year), true, blocks)
}

fn staffing(data: &Dataset, own: &Organisation, req: &ReportRequest) -> Report {
    let as_of = req.window().as_of;
    let by = if data.schools().count() > 1 { Breakdown::School } else { Breakdown::None };
    let all = indicators::staffing(data, as_of, by);
    let mut blocks = Vec::new();
    let summary_rows = all
        .iter()
        .map(|s| {
            vec![
                Cell::text(if s.scope == "all" { "Всего".to_string() } else { s.scope.name().to_string() }),
                Cell::Int(s.teachers as i64),
                Cell::Int(s.vacancies as i64),
                Cell::Number(s.vacancy_hours, 1),
                s.average_age.map_or(Cell::Empty, |a| Cell::Number(a, 1)),
                s.average_load.map_or(Cell::Empty, |a| Cell::Number(a, 1)),
                Cell::percent(s.provision),
            ]
        })
        .collect();
    blocks.push(Block::Table(Table {
        title: "Численность, вакансии, обеспеченность".into(),
        sheet: "Сводка".into(),
        columns: vec![
            col("", 2.5),
            col("Педагогов", 1.0),
            col("Вакансий", 1.0),
            col("Часов вакансий", 1.1),
            col("Средний возраст", 1.1),
            col("Средняя нагрузка", 1.1),
            col("Обеспеченность", 1.2),
        ],
        rows: summary_rows,
    }));
    if let Some(total) = all.first() {
        blocks.push(Block::Table(staffing_table("Состав педагогических работников", "Состав", total)));
    }
    let mut vacancies: Vec<_> =
        data.vacancies.iter().filter(|v| v.opened <= as_of && v.closed.is_none_or(|c| c > as_of)).collect();
    vacancies.sort_by_key(|v| (v.school, v.position.clone()));
    let school_names: std::collections::HashMap<_, _> =
        data.schools().map(|s| (s.id, s.short_or_name().to_string())).collect();
    blocks.push(Block::Table(Table {
        title: "Открытые вакансии".into(),
        sheet: "Вакансии".into(),
        columns: vec![
            name_col("Школа", 2.5),
            col("Должность", 2.0),
            col("Предмет", 2.0),
            col("Часов", 1.0),
            col("Открыта с", 1.2),
        ],
        rows: vacancies
            .iter()
            .map(|v| {
                vec![
                    Cell::text(school_names.get(&v.school).cloned().unwrap_or_default()),
                    Cell::text(&v.position),
                    Cell::text(&v.subject),
                    Cell::Number(v.hours as f64, 1),
                    Cell::Date(v.opened),
                ]
            })
            .collect(),
    }));
    // The staff reserve across schools (seed 001: «формирование кадрового резерва из числа педагогов-лидеров»).
    let persons: std::collections::HashMap<PersonId, &crate::domain::Person> =
        data.persons.iter().map(|p| (p.id, p)).collect();
    let mut reserve: Vec<_> = data.reserves.iter().filter(|r| r.date <= as_of).collect();
    reserve.sort_by_key(|r| (persons.get(&r.person).map(|p| p.school), r.position.clone(), r.date));
    blocks.push(Block::Table(Table {
        title: "Кадровый резерв".into(),
        sheet: "Кадровый резерв".into(),
        columns: vec![
            name_col("Школа", 2.2),
            name_col("Педагог", 2.5),
            col("Должность", 2.0),
            col("Состояние", 1.5),
            col("С", 1.2),
        ],
        rows: reserve
            .iter()
            .map(|r| {
                let p = persons.get(&r.person);
                vec![
                    Cell::text(p.and_then(|p| school_names.get(&p.school).cloned()).unwrap_or_default()),
                    Cell::text(p.map(|p| p.full_name()).unwrap_or_default()),
                    Cell::text(&r.position),
                    Cell::text(r.status.label()),
                    Cell::Date(r.date),
                ]
            })
            .collect(),
    }));
    blocks.push(signatures(own, req));
    report(own, req, format!("на {}", fmt_date(as_of)), false, blocks)
}

fn self_evaluation(data: &Dataset, settings: &RuleSettings, own: &Organisation, req: &ReportRequest) -> Report {
    let from = NaiveDate::from_ymd_opt(req.calendar_year, 1, 1).expect("1 January");
    let to = NaiveDate::from_ymd_opt(req.calendar_year, 12, 31).expect("31 December");
    let window = Window::range(from, to, req.today);
    let values = indicators::compute(data, window, settings, Breakdown::None);
    let st = indicators::staffing(data, window.as_of, Breakdown::None).into_iter().next().unwrap_or_default();
    let total = values.iter().find(|v| v.id == "self_total" && v.scope == "all").map_or(0, |v| v.numerator);
    let line = |n: u64, d: u64| Cell::PeopleShare(n, if d > 0 { n as f64 / d as f64 } else { 0.0 });
    let mut rows = Vec::new();
    for def in indicators::catalogue().into_iter().filter(|d| d.id.starts_with("self_")) {
        let Some(v) = values.iter().find(|v| v.id == def.id && v.scope == "all") else { continue };
        let (number, title) = def.title.split_once(' ').unwrap_or(("", def.title));
        let value = if def.id == "self_total" { Cell::People(v.numerator) } else { line(v.numerator, v.denominator) };
        rows.push(vec![Cell::text(number), Cell::text(title), value]);
        if def.id == "self_category" {
            let get = |label: &str| st.by_category.iter().find(|(l, _)| l == label).map_or(0, |x| x.1);
            rows.push(vec![Cell::text("1.28.1"), Cell::text("Высшая"), line(get("высшая"), total)]);
            rows.push(vec![Cell::text("1.28.2"), Cell::text("Первая"), line(get("первая"), total)]);
        }
    }
    let blocks = vec![
        Block::Heading(1, "Кадровое обеспечение".into()),
        Block::Paragraph(format!(
            "На 31.12.{} в организации {}. Показатели деятельности (приказ Минобрнауки России от \
             10.12.2013 № 1324, приложение 2) — в таблице.",
            req.calendar_year,
            ru::teachers_work(total)
        )),
        Block::Table(Table {
            title: "Показатели деятельности: педагогические работники".into(),
            sheet: "Самообследование".into(),
            columns: vec![col("N п/п", 0.8), col("Показатели", 5.0), col("Единица измерения", 2.0)],
            rows,
        }),
        Block::Signatures(vec![Signature { position: "Директор".into(), name: String::new() }]),
    ];
    report(own, req, format!("за {} год", req.calendar_year), false, blocks)
}

/// Renders the report and writes the file atomically; returns its size.
pub fn save(report: &Report, format: crate::report::Format, path: &std::path::Path) -> Result<u64, AppError> {
    let bytes = crate::report::render(report, format).map_err(AppError::Report)?;
    super::write_atomically(path, &bytes).map_err(|e| AppError::write(path, &e))?;
    Ok(bytes.len() as u64)
}

/// A person by «Фамилия Имя Отчество» (or its beginning), for the command line's route card.
pub fn find_person(data: &Dataset, name: &str) -> Result<PersonId, AppError> {
    let wanted = name.trim().to_lowercase();
    let found: Vec<&crate::domain::Person> =
        data.persons.iter().filter(|p| p.full_name().to_lowercase().starts_with(&wanted)).collect();
    match found.as_slice() {
        [one] => Ok(one.id),
        [] => Err(AppError::NoSuchPerson(name.to_string())),
        many => Err(AppError::AmbiguousPerson { name: name.to_string(), count: many.len() }),
    }
}

impl crate::app::Session {
    /// Builds a report over this database's data.
    pub fn build_report(&self, req: &ReportRequest) -> Result<Report, AppError> {
        build(self.data(), self.settings(), self.org(), req)
    }
}

/// The monitoring cycle as a document in seed 001's structure: goals, indicators, methods, monitoring,
/// analysis, recommendations, measures, decisions, effectiveness — of this organisation for the year
/// (and, at a school, the recommendations its municipality addressed to it).
fn cycle(data: &Dataset, settings: &RuleSettings, own: &Organisation, req: &ReportRequest) -> Report {
    use crate::domain::cycle;
    let year = req.year;
    let mine = |org: crate::domain::OrgId| org == own.id;
    let mut blocks = Vec::new();
    let goals: Vec<_> = data.goals.iter().filter(|g| mine(g.org) && g.from <= year && year <= g.to).collect();
    blocks.push(Block::Heading(1, "1. Цели".into()));
    blocks.push(Block::Table(Table {
        title: String::new(),
        sheet: "Цели".into(),
        columns: vec![
            col("Цель", 3.0),
            col("Обоснование", 3.0),
            col("Соответствие региональной цели", 2.5),
            col("Период", 1.2),
        ],
        rows: goals
            .iter()
            .map(|g| {
                vec![
                    Cell::text(&g.title),
                    Cell::text(&g.justification),
                    Cell::text(&g.regional_goal),
                    Cell::text(format!("{}–{}", g.from, g.to)),
                ]
            })
            .collect(),
    }));
    // 2. Indicators of the goals: base, targets by year, this year's value.
    let window = req.window();
    let values = indicators::compute(data, window, settings, Breakdown::None);
    let targets = indicators::Targets::new(data);
    let school = (own.role == OrgRole::School).then_some(own.id);
    let title_of_any = |id: &str| {
        data.entered.iter().find(|e| e.code() == id).map(|e| e.title.clone()).unwrap_or_else(|| title_of(id))
    };
    let actual = |id: &str| {
        values
            .iter()
            .find(|v| v.id == id && v.scope == "all")
            .and_then(|v| v.percent())
            .or_else(|| data.entered.iter().find(|e| e.code() == id).and_then(|e| e.value_in(year)))
    };
    let mut rows = Vec::new();
    for g in &goals {
        for id in &g.indicators {
            let base = g.base.iter().find(|b| b.indicator == *id);
            let plan: Vec<String> = (g.from.0..=g.to.0)
                .filter_map(|y| {
                    targets
                        .get(id, SchoolYear(y), school)
                        .map(|(t, _)| format!("{}: {}", SchoolYear(y), Cell::Number(t, 1).display()))
                })
                .collect();
            let target = targets.get(id, year, school).map(|t| t.0);
            rows.push(vec![
                Cell::text(title_of_any(id)),
                base.map_or(Cell::Empty, |b| {
                    Cell::text(format!("{} ({})", Cell::Number(b.value, 1).display(), b.year))
                }),
                Cell::text(plan.join("; ")),
                target.map_or(Cell::Empty, |t| Cell::Number(t, 1)),
                actual(id).map_or(Cell::Empty, |a| Cell::Number(a, 1)),
                Cell::text(indicators::target_mark(
                    target.and_then(|t| indicators::target_met(id, actual(id), t)),
                    indicators::year_running(year, req.today),
                )),
            ]);
        }
    }
    blocks.push(Block::Heading(1, "2. Показатели".into()));
    blocks.push(Block::Table(Table {
        title: String::new(),
        sheet: "Показатели".into(),
        columns: vec![
            col("Показатель", 3.5),
            col("Базовое значение", 1.2),
            col("План по годам", 2.5),
            col(&format!("Цель {year}"), 1.0),
            col(&format!("Факт {year}"), 1.0),
            col("Отметка", 1.2),
        ],
        rows,
    }));
    blocks.push(Block::Heading(1, "3. Методы сбора и обработки информации".into()));
    // One line per survey, however many schools report it.
    let sources: Vec<String> = data
        .entered
        .iter()
        .filter(|e| !e.source.is_empty())
        .map(|e| format!("{} — {}", e.title, e.source))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut methods = vec![
        "Учёт в программе УчРост: кадровый состав, аттестация, курсы, диагностика, ИОМ, наставничество, конкурсы, экспертная деятельность, сообщества и мероприятия; показатели рассчитываются по записям учёта на дату.".to_string(),
    ];
    if own.role != OrgRole::School {
        methods.push("Сбор данных школ — подписанные пакеты школ, объединяемые в муниципальную копию.".into());
    }
    methods.extend(sources);
    blocks.push(Block::List(methods));
    blocks.push(Block::Heading(1, "4. Мониторинг показателей".into()));
    blocks.push(Block::Table(Table {
        title: String::new(),
        sheet: "Мониторинг".into(),
        // The organisation's own schedule, or the regulations' while it has written none (the same lines
        // «Сегодня» reminds of).
        columns: vec![col("Что", 4.0), col("Когда", 2.0), col("Ответственные", 2.0), col("Результат, документ", 2.5)],
        rows: crate::domain::cycle::schedule_of(data, own.id, own.role == OrgRole::School)
            .into_iter()
            .map(|x| vec![Cell::text(x.what), Cell::text(x.when), Cell::text(x.who), Cell::text(x.result)])
            .collect(),
    }));
    let findings: Vec<_> = data.findings.iter().filter(|f| mine(f.org) && f.year == year).collect();
    blocks.push(Block::Heading(1, "5. Анализ результатов мониторинга".into()));
    blocks.push(Block::Table(Table {
        title: String::new(),
        sheet: "Анализ".into(),
        columns: vec![col("№", 0.5), col("Вывод", 4.0), col("Где", 1.5), col("Факторы", 3.0)],
        rows: findings
            .iter()
            .enumerate()
            .map(|(i, f)| {
                vec![
                    Cell::Int(i as i64 + 1),
                    Cell::text(&f.text),
                    Cell::text(super::indicators::scope_text_label(data, &f.scope)),
                    Cell::text(&f.factors),
                ]
            })
            .collect(),
    }));
    let finding_no = |id: Option<crate::domain::FindingId>| {
        id.and_then(|id| findings.iter().position(|f| f.id == id))
            .map_or(String::new(), |i| format!("к выводу {}", i + 1))
    };
    let school_name =
        |org: crate::domain::OrgId| data.organisation(org).map(|s| s.short_or_name().to_string()).unwrap_or_default();
    let recs: Vec<_> =
        data.recommendations.iter().filter(|r| r.year == year && (r.author == own.id || mine(r.org))).collect();
    blocks.push(Block::Heading(1, "6. Адресные рекомендации".into()));
    blocks.push(Block::Table(Table {
        title: String::new(),
        sheet: "Рекомендации".into(),
        columns: vec![col("Кому", 2.2), col("Рекомендация", 4.0), col("Срок", 1.2), col("Основание", 1.3)],
        rows: recs
            .iter()
            .map(|r| {
                let whom = if r.addressee.is_school() && r.org != own.id {
                    format!("{} ({})", r.addressee.label(), school_name(r.org))
                } else {
                    r.addressee.label().to_string()
                };
                vec![Cell::text(whom), Cell::text(&r.text), Cell::date(r.due), Cell::text(finding_no(r.finding))]
            })
            .collect(),
    }));
    let measures: Vec<_> = data.measures.iter().filter(|m| mine(m.org) && m.year == year).collect();
    blocks.push(Block::Heading(1, "7. Меры, мероприятия".into()));
    blocks.push(Block::Table(Table {
        title: String::new(),
        sheet: "Меры".into(),
        columns: vec![
            col("Мероприятие", 3.5),
            col("Документ", 1.8),
            col("Сроки", 1.6),
            col("Ответственные / участники", 2.5),
        ],
        rows: measures
            .iter()
            .map(|m| {
                let count = cycle::participants(data, m).len();
                let who = [
                    m.responsible.clone(),
                    m.participants.clone(),
                    if count > 0 { format!("участников по учёту: {count}") } else { String::new() },
                ]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join("; ");
                vec![
                    Cell::text(&m.title),
                    Cell::text(m.document_kind.with_name(&m.document)),
                    Cell::text(match (m.start, m.end) {
                        (Some(s), Some(e)) => format!("{} – {}", fmt_date(s), fmt_date(e)),
                        (Some(s), None) => format!("с {}", fmt_date(s)),
                        (None, Some(e)) => format!("до {}", fmt_date(e)),
                        (None, None) => "в течение года".into(),
                    }),
                    Cell::text(who),
                ]
            })
            .collect(),
    }));
    let decisions: Vec<_> = data.decisions.iter().filter(|d| mine(d.org) && d.year == year).collect();
    blocks.push(Block::Heading(1, "8. Управленческие решения".into()));
    blocks.push(Block::Table(Table {
        title: String::new(),
        sheet: "Решения".into(),
        columns: vec![
            col("Решение", 4.0),
            col("Кем", 1.8),
            col("Когда", 1.2),
            col("Документ", 1.6),
            col("Основание", 1.6),
        ],
        rows: decisions
            .iter()
            .map(|d| {
                let basis = [
                    finding_no(d.finding),
                    d.measure
                        .and_then(|m| measures.iter().find(|x| x.id == m))
                        .map(|m| format!("мера «{}»", m.title))
                        .unwrap_or_default(),
                ]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join("; ");
                vec![
                    Cell::text(&d.what),
                    Cell::text(&d.by_whom),
                    Cell::Date(d.date),
                    Cell::text(&d.document),
                    Cell::text(basis),
                ]
            })
            .collect(),
    }));
    blocks.push(Block::Heading(1, "9. Анализ эффективности принятых мер".into()));
    let effects: Vec<_> = data.effects.iter().filter(|e| mine(e.org) && e.year == year).collect();
    let mut rows = Vec::new();
    for e in &effects {
        let Some(m) = data.measures.iter().find(|m| m.id == e.measure) else { continue };
        let changes: Vec<String> = cycle::before_after(data, settings, m, req.today)
            .iter()
            .map(|b| {
                let f = |v: Option<f64>| v.map_or("—".into(), |v| Cell::Number(v, 1).display());
                format!("{}: {} → {}", b.title, f(b.before), f(b.after))
            })
            .collect();
        rows.push(vec![
            Cell::text(&m.title),
            Cell::text(changes.join("\n")),
            Cell::text(&e.conclusion),
            Cell::text(&e.corrections),
        ]);
    }
    blocks.push(Block::Table(Table {
        title: String::new(),
        sheet: "Эффективность".into(),
        columns: vec![
            col("Мера", 2.5),
            col(&format!("Показатели: {} → {}", SchoolYear(year.0 - 1), year), 3.0),
            col("Вывод", 2.5),
            col("Коррекция целей", 2.5),
        ],
        rows,
    }));
    blocks.push(signatures(own, req));
    report(own, req, year_period(year), true, blocks)
}

/// The staff tables of the form № ОО-1 (issue 25; seed 000 names the «открытые статистические данные» among
/// the sources of the municipal monitoring): «Численность и состав работников», «Распределение по стажу
/// работы», «Распределение по возрасту и полу», each line with its number, on the form's day (20 September
/// of the school year, or today before it).
fn oo1(data: &Dataset, own: &Organisation, req: &ReportRequest) -> Report {
    use crate::domain::oo1;
    let on = oo1::day_of(req.year, req.today);
    let form = oo1::form(data, on);
    let mut blocks = vec![Block::Paragraph(format!(
        "Сведения подготовлены по данным учёта на {}. Работник учтён один раз — по основной должности \
         (заместитель директора, ведущий уроки, — в строке руководящих работников); «не указано» — сведений \
         в учёте нет. Квалификационные категории — действующие на эту дату.",
        fmt_date(on)
    ))];
    let name = |l: &oo1::Line| if l.of_above { format!("  из них: {}", l.title) } else { l.title.clone() };
    // Headers are not hyphenated: a column is as wide as its longest word («педагогическое»).
    let head = |extra: &[&str]| {
        let mut c = vec![name_col("Наименование показателя", 2.8), col("№ строки", 0.9), col("Всего", 0.8)];
        c.extend(extra.iter().map(|t| col(t, if t.contains("педагогическое") { 1.6 } else { 1.1 })));
        c
    };
    let lead = |i: usize, l: &oo1::Line| {
        vec![Cell::text(name(l)), Cell::text(format!("{:02}", i + 1)), Cell::Int(l.total as i64)]
    };
    let int = |n: &u64| Cell::Int(*n as i64);
    // One table per section: each line's name, number and total, then the section's own columns.
    let section = |title: &str, sheet: &str, extra: &[&str], cells: &dyn Fn(&oo1::Line) -> Vec<Cell>| {
        Block::Table(Table {
            title: title.into(),
            sheet: sheet.into(),
            columns: head(extra),
            rows: form
                .lines
                .iter()
                .enumerate()
                .map(|(i, l)| lead(i, l).into_iter().chain(cells(l)).collect())
                .collect(),
        })
    };
    let mut titles: Vec<&str> = oo1::EDUCATION_COLUMNS.to_vec();
    titles.extend(["Высшая категория", "Первая категория"]);
    blocks.push(section(
        "Раздел 3.1. Численность и состав работников, человек",
        "3.1 Состав",
        &titles,
        &|l| l.education.iter().chain([&l.highest, &l.first]).map(int).collect(),
    ));
    blocks.push(section(
        "Раздел 3.2. Распределение по общему стажу работы, человек",
        "3.2 Общий стаж",
        &oo1::EXPERIENCE_BANDS,
        &|l| l.total_experience.iter().map(int).collect(),
    ));
    blocks.push(section(
        "Раздел 3.2. Распределение по педагогическому стажу, человек",
        "3.2 Пед. стаж",
        &oo1::EXPERIENCE_BANDS,
        &|l| l.ped_experience.iter().map(int).collect(),
    ));
    let mut age_columns = vec!["из них женщины"];
    age_columns.extend(oo1::AGE_BANDS);
    blocks.push(section(
        "Раздел 3.3. Распределение по возрасту и полу (полных лет), человек",
        "3.3 Возраст и пол",
        &age_columns,
        &|l| std::iter::once(&l.women).chain(l.age.iter()).map(int).collect(),
    ));
    blocks.push(signatures(own, req));
    let mut r = report(own, req, format!("на {}", fmt_date(on)), true, blocks);
    r.as_of = on;
    r
}

/// A kept order as it is printed (ГОСТ Р 7.0.97-2016 and the usage of schools): the organisation, «ПРИКАЗ»,
/// its date and number, the title «О …», the preamble, «ПРИКАЗЫВАЮ:», the points as kept, the signature.
/// Nothing is drafted again: the text is what the user kept.
fn order(
    data: &Dataset,
    own: &Organisation,
    req: &ReportRequest,
    id: crate::domain::OrderId,
) -> Result<Report, AppError> {
    let o =
        data.orders.iter().find(|o| o.id == id).ok_or_else(|| AppError::Report("такого приказа нет в базе".into()))?;
    if o.kind.is_letter() {
        return Ok(letter(own, req, o));
    }
    let mut blocks = Vec::new();
    if !o.title.trim().is_empty() {
        blocks.push(Block::Heading(2, o.title.trim().to_string()));
    }
    if !o.preamble.trim().is_empty() {
        blocks.push(Block::Paragraph(format!("{},", o.preamble.trim().trim_end_matches([',', '.']))));
    }
    blocks.push(Block::Flush("ПРИКАЗЫВАЮ:".into()));
    blocks.extend(o.points.lines().map(str::trim).filter(|l| !l.is_empty()).map(|l| Block::Paragraph(l.to_string())));
    Ok(kept(own, req, o, "ПРИКАЗ", blocks))
}

/// A kept order or letter as printed: its body, the signature (its own signer, or the screen's), «от … №
/// …» in place of «Дата составления», dated as kept.
fn kept(
    own: &Organisation,
    req: &ReportRequest,
    o: &crate::domain::Order,
    title: &str,
    mut blocks: Vec<Block>,
) -> Report {
    let position = if o.signer_position.trim().is_empty() {
        signer_position(own).to_string()
    } else {
        o.signer_position.trim().to_string()
    };
    let signer = if o.signer.trim().is_empty() { req.signer.clone() } else { o.signer.trim().to_string() };
    blocks.push(Block::Signatures(vec![Signature { position, name: signer }]));
    let number = if o.number.trim().is_empty() { "______".to_string() } else { o.number.trim().to_string() };
    let mut r = report(own, req, format!("от {} № {number}", fmt_date(o.date)), false, blocks);
    r.title = title.into();
    r.made_line = false;
    r.date = o.date;
    r.as_of = o.date;
    r
}

/// The kept order with this number (or, failing that, whose title contains the text), for the command
/// line's `--order`.
pub fn find_order(data: &Dataset, own: &Organisation, text: &str) -> Result<crate::domain::OrderId, AppError> {
    let t = text.trim().trim_start_matches('№').trim();
    let mine: Vec<&crate::domain::Order> = data.orders.iter().filter(|o| o.org == own.id).collect();
    if let Some(o) = mine.iter().find(|o| o.number.trim() == t) {
        return Ok(o.id);
    }
    let fold = crate::domain::text::fold;
    let found: Vec<&&crate::domain::Order> = mine.iter().filter(|o| fold(&o.title).contains(&fold(t))).collect();
    match found.as_slice() {
        [one] => Ok(one.id),
        [] => Err(AppError::Report(format!("приказа «{t}» нет в базе: укажите его номер или слова заголовка"))),
        _ => Err(AppError::Report(format!(
            "под «{t}» подходят {}: укажите номер",
            crate::domain::ru::count(found.len() as u64, "приказ", "приказа", "приказов")
        ))),
    }
}

/// The employer's представление of a teacher for the attestation for СЗД (issue 25, «СЗД paperwork»;
/// приказ Минпросвещения России от 24.03.2023 № 196: the представление gives the name, the position on the
/// day of the attestation and the date of the employment contract for it, the education and qualification,
/// the additional professional education in the teacher's field, the results of earlier attestations, and a
/// reasoned, all-round and objective appraisal of the teacher's professional and business qualities and
/// results). Everything but the appraisal is filled from the card; the appraisal is the employer's to write,
/// and the teacher signs that she has read it.
fn representation(
    data: &Dataset,
    settings: &RuleSettings,
    own: &Organisation,
    req: &ReportRequest,
    person: PersonId,
) -> Result<Report, AppError> {
    let p = data.persons.iter().find(|p| p.id == person).ok_or_else(|| AppError::NoSuchPerson(person.to_string()))?;
    let index = data.index();
    let on = req.today;
    let state = index.state(p, on, settings);
    let records = index.records(p.id);
    let employment = records
        .and_then(|r| {
            r.employments.iter().filter(|e| e.start <= on && e.end.is_none_or(|x| x >= on)).max_by_key(|e| e.start)
        })
        .copied();
    let contract = match employment {
        Some(e) if !e.start_unknown => fmt_date(e.start),
        Some(e) => format!("не известна (работает не позднее чем с {})", fmt_date(e.start)),
        None => "—".into(),
    };
    let mut education = p.education.map_or("не указано".to_string(), |e| e.label().to_string());
    for (what, value) in [("специальность", &p.specialty), ("квалификация", &p.qualification)]
    {
        if !value.trim().is_empty() {
            education.push_str(&format!("; {what}: {}", value.trim()));
        }
    }
    let years = |d: Option<chrono::NaiveDate>| {
        d.map_or("не указан".to_string(), |d| ru::years(f64::from(crate::domain::rules::experience_on(d, on))))
    };
    let three_years_ago = crate::domain::dates::add_years(on, -3);
    let mut courses: Vec<&crate::domain::Course> = data
        .courses
        .iter()
        .filter(|c| c.person == person && c.end <= on && c.end >= three_years_ago && c.completed())
        .collect();
    courses.sort_by_key(|c| std::cmp::Reverse(c.end));
    let courses: Vec<String> = courses
        .iter()
        .map(|c| format!("«{}», {}, {} ч, окончены {}", c.title, c.provider, c.hours, fmt_date(c.end)))
        .collect();
    let mut attested: Vec<&crate::domain::Attestation> =
        data.attestations.iter().filter(|a| a.person == person && a.decision_date <= on).collect();
    attested.sort_by_key(|a| std::cmp::Reverse(a.decision_date));
    let attested: Vec<String> = attested
        .iter()
        .map(|a| {
            let order = crate::domain::plans::order_text(&a.order_number, a.order_date);
            let order = if order.is_empty() { String::new() } else { format!(", {order}") };
            format!("{} — {}{order}", fmt_date(a.decision_date), a.result.label())
        })
        .collect();
    let mut results: Vec<String> = data
        .contests
        .iter()
        .filter(|c| c.person == person && c.date <= on && c.date >= three_years_ago)
        .map(|c| format!("конкурс «{}» ({}, {}): {}", c.name, c.level.label(), fmt_date(c.date), c.result.label()))
        .collect();
    results.extend(
        data.events
            .iter()
            .filter(|e| e.person == person && e.date <= on && e.date >= three_years_ago && e.role.shares_experience())
            .map(|e| format!("«{}» ({}, {}): {}", e.title, e.level.label(), fmt_date(e.date), e.role.label())),
    );
    let or_none = |v: Vec<String>| if v.is_empty() { "нет".to_string() } else { v.join("; ") };
    let rows = vec![
        ("Фамилия, имя, отчество", p.full_name()),
        ("Дата рождения", p.birth_date.map_or("не указана".into(), fmt_date)),
        (
            "Должность на дату аттестации",
            if state.positions.is_empty() { "не указана".into() } else { state.positions.join(", ") },
        ),
        ("Дата заключения трудового договора", contract),
        ("Уровень образования, специальность, квалификация", education),
        ("Педагогический стаж", years(p.ped_experience_start)),
        ("Общий стаж", years(p.total_experience_start)),
        ("Дополнительное профессиональное образование за последние 3 года", or_none(courses)),
        ("Результаты предыдущих аттестаций", or_none(attested)),
        ("Участие в конкурсах, трансляция опыта за последние 3 года", or_none(results)),
    ];
    let mut blocks = vec![
        Block::Table(Table {
            title: "Сведения о педагогическом работнике".into(),
            sheet: "Сведения".into(),
            columns: vec![col("Сведения", 2.2), col("По данным учёта", 4.0)],
            rows: rows.into_iter().map(|(k, v)| vec![Cell::text(k), Cell::text(v)]).collect(),
        }),
        Block::Heading(2, "Мотивированная всесторонняя и объективная оценка профессиональных, деловых качеств, результатов профессиональной деятельности по выполнению трудовых обязанностей".into()),
    ];
    blocks.extend(lines_to_fill(4));
    blocks.extend([
        Block::Signatures(vec![
            Signature { position: signer_position_head(own).into(), name: req.approver.clone() },
            Signature {
                position: "С представлением ознакомлен(а)".into(), name: p.signature_name()
            },
        ]),
        Block::Flush("«___» ______________ 20___ г.".into()),
    ]);
    let mut r = report(own, req, format!("на {}", fmt_date(on)), false, blocks);
    r.title = format!("{}: {}", ReportKind::Representation(person).title(), p.full_name());
    r.made_line = false;
    Ok(r)
}

/// Lines across the text's width for what the signer writes by hand (an appraisal, conclusions).
fn lines_to_fill(n: usize) -> impl Iterator<Item = Block> {
    (0..n).map(|_| Block::Flush("_".repeat(78)))
}

/// Who signs a document of the employer: a school's director, an office's head.
fn signer_position_head(own: &Organisation) -> &'static str {
    match own.role {
        OrgRole::School => "Директор",
        _ => "Руководитель",
    }
}

/// The titles a document of `kind` is picked by: the year's events and contests (participants), this
/// organisation's methodological associations (their plan, report, members), the year's lists of
/// nominated teachers.
pub fn named_titles(kind: ReportKind, data: &Dataset, own: &Organisation, year: SchoolYear) -> Vec<String> {
    match kind {
        ReportKind::AssociationPlan | ReportKind::AssociationReport | ReportKind::AssociationMembers => {
            let mut names: Vec<String> =
                data.associations.iter().filter(|a| a.org == own.id).map(|a| a.name.trim().to_string()).collect();
            names.sort();
            names.dedup();
            names
        }
        ReportKind::Nominated => crate::domain::nominations::lists(data)
            .into_iter()
            .filter(|l| year.period().contains(l.date))
            .map(|l| l.title.trim().to_string())
            .fold(Vec::new(), |mut out, t| {
                if !out.iter().any(|x| crate::domain::nominations::same_title(x, &t)) {
                    out.push(t);
                }
                out
            }),
        _ => event_titles(data, year),
    }
}

/// The titles of the events and contests of the school year, for choosing whose participants to list
/// (the most recent first, each once).
pub fn event_titles(data: &Dataset, year: SchoolYear) -> Vec<String> {
    let within = |d: chrono::NaiveDate| year.period().contains(d);
    let mut dated: Vec<(chrono::NaiveDate, String)> = data
        .events
        .iter()
        .filter(|e| within(e.date))
        .map(|e| (e.date, e.title.trim().to_string()))
        .chain(data.contests.iter().filter(|c| within(c.date)).map(|c| (c.date, c.name.trim().to_string())))
        .collect();
    dated.sort_by_key(|d| std::cmp::Reverse(d.0));
    let mut out: Vec<String> = Vec::new();
    for (_, t) in dated {
        if !t.is_empty() && !out.iter().any(|x| x.to_lowercase() == t.to_lowercase()) {
            out.push(t);
        }
    }
    out
}

/// The list of participants of an event or a contest of the year (issue 25, «Lists: participants of an
/// event»; seed 001: «ведение списков участников мероприятий», «Сертификаты, подтверждающие участие»): each
/// person with position, the date, the level, the role or result, in the order of names.
fn participants(
    data: &Dataset,
    settings: &RuleSettings,
    own: &Organisation,
    req: &ReportRequest,
) -> Result<Report, AppError> {
    let title = req.event.trim();
    if title.is_empty() {
        return Err(AppError::Report("выберите мероприятие или конкурс, чьих участников перечислить".into()));
    }
    let within = |d: chrono::NaiveDate| req.year.period().contains(d);
    let same = |t: &str| t.trim().to_lowercase() == title.to_lowercase();
    let index = data.index();
    let mut rows: Vec<(String, String, chrono::NaiveDate, String, String)> = Vec::new();
    let person = |id: PersonId| data.persons.iter().find(|p| p.id == id);
    for e in data.events.iter().filter(|e| within(e.date) && same(&e.title)) {
        if let Some(p) = person(e.person) {
            let position = index.state(p, e.date, settings).positions.join(", ");
            rows.push((p.full_name(), position, e.date, e.level.label().into(), e.role.label().into()));
        }
    }
    for c in data.contests.iter().filter(|c| within(c.date) && same(&c.name)) {
        if let Some(p) = person(c.person) {
            let position = index.state(p, c.date, settings).positions.join(", ");
            rows.push((p.full_name(), position, c.date, c.level.label().into(), c.result.label().into()));
        }
    }
    if rows.is_empty() {
        return Err(AppError::Report(format!("в {} учебном году нет участников «{title}»", req.year)));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.cmp(&b.2)));
    let count = rows.len() as u64;
    let blocks = vec![
        Block::Heading(2, format!("«{title}»")),
        Block::Paragraph(format!("Участников: {}.", ru::people(count))),
        Block::Table(Table {
            title: String::new(),
            sheet: "Участники".into(),
            columns: vec![
                col("№", 0.5),
                name_col("ФИО", 2.6),
                col("Должность", 1.8),
                col("Дата", 1.0),
                col("Уровень", 1.3),
                col("Участие, результат", 1.6),
            ],
            rows: rows
                .into_iter()
                .enumerate()
                .map(|(i, (name, position, date, level, role))| {
                    vec![
                        Cell::Int(i as i64 + 1),
                        Cell::text(name),
                        Cell::text(position),
                        Cell::Date(date),
                        Cell::text(level),
                        Cell::text(role),
                    ]
                })
                .collect(),
        }),
        signatures(own, req),
    ];
    Ok(report(own, req, year_period(req.year), false, blocks))
}

/// A kept letter (seed 001: «Письмо о проведении мониторинга», «Письмо о направлении на мероприятие»): the
/// organisation with «от … № …», the addressee at the top right, the subject «О …» at the left, the body
/// as kept, the signature.
fn letter(own: &Organisation, req: &ReportRequest, o: &crate::domain::Order) -> Report {
    let mut blocks = Vec::new();
    if !o.title.trim().is_empty() {
        blocks.push(Block::Flush(o.title.trim().to_string()));
    }
    for (i, line) in o.points.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
        // The salutation stands alone; the rest are the letter's paragraphs.
        blocks.push(if i == 0 && line.ends_with('!') {
            Block::Heading(2, line.to_string())
        } else {
            Block::Paragraph(line.to_string())
        });
    }
    let mut r = kept(own, req, o, "", blocks);
    r.addressee = Some(o.preamble.trim().to_string()).filter(|a| !a.is_empty());
    r
}

/// The bank of successful practices (issue 25: «a practice with its author, topic, level, where it was
/// shown, and a file reference; searchable and printable as a list»; seeds 001 and 004: «банк передовых и
/// успешных практик»): every practice recorded, newest first, or those whose title, topic, author or place
/// contain the words searched (`ReportRequest::event`, case and ё ignored).
fn practices(data: &Dataset, own: &Organisation, req: &ReportRequest) -> Report {
    let fold = crate::domain::text::fold;
    let search = fold(req.event.trim());
    let names: std::collections::HashMap<PersonId, String> =
        data.persons.iter().map(|p| (p.id, p.full_name())).collect();
    let mut found: Vec<(&crate::domain::Practice, String)> = data
        .practices
        .iter()
        .map(|x| (x, names.get(&x.person).cloned().unwrap_or_default()))
        .filter(|(x, author)| {
            search.is_empty()
                || search.split_whitespace().all(|w| {
                    [x.title.as_str(), x.topic.as_str(), author.as_str(), x.shown_at.as_str()]
                        .iter()
                        .any(|t| fold(t).contains(w))
                })
        })
        .collect();
    found.sort_by(|a, b| b.0.date.cmp(&a.0.date).then_with(|| a.1.cmp(&b.1)));
    let mut blocks = Vec::new();
    if !search.is_empty() {
        blocks.push(Block::Paragraph(format!("Отобраны практики, в которых есть «{}».", req.event.trim())));
    }
    blocks.push(Block::Table(Table {
        title: String::new(),
        sheet: "Практики".into(),
        columns: vec![
            col("№", 0.5),
            col("Практика", 2.6),
            col("Тема, дефицит", 2.0),
            name_col("Автор", 2.0),
            col("Уровень", 1.2),
            col("Где представлена", 2.0),
            col("Дата", 1.0),
            col("Материалы", 1.8),
        ],
        rows: found
            .iter()
            .enumerate()
            .map(|(i, (x, author))| {
                vec![
                    Cell::Int(i as i64 + 1),
                    Cell::text(&x.title),
                    Cell::text(&x.topic),
                    Cell::text(author),
                    Cell::text(x.level.label()),
                    Cell::text(&x.shown_at),
                    Cell::Date(x.date),
                    Cell::text(&x.file),
                ]
            })
            .collect(),
    }));
    blocks.push(signatures(own, req));
    let mut r = report(own, req, format!("на {}", fmt_date(req.today)), true, blocks);
    r.as_of = r.date;
    r
}

/// The mentor's report on a young teacher's school year (issue 25: «the mentor's plan and report»; seed 001:
/// «Проведение мониторинга разработанных программ наставничества», «План работы с молодыми педагогами»):
/// the pair as recorded, then what the records say the young teacher did in the year — courses, events
/// and shared experience, contests, the route's steps done and still due, diagnostics — and lines for the
/// mentor's conclusions; signed by the mentor, the young teacher and the deputy head.
fn mentor_report(
    data: &Dataset,
    settings: &RuleSettings,
    own: &Organisation,
    req: &ReportRequest,
    mentee: PersonId,
) -> Result<Report, AppError> {
    let p = data.persons.iter().find(|p| p.id == mentee).ok_or_else(|| AppError::NoSuchPerson(mentee.to_string()))?;
    let period = crate::domain::Period::new(req.year.first_day(), req.year.last_day().min(req.today));
    let to = period.to;
    let within = |d: chrono::NaiveDate| period.contains(d);
    let (pair, mentor_person) = year_mentor(data, p, req.year, period)?;
    let mentor = mentor_person.map_or(pair.mentor_name.clone(), |m| m.full_name());
    let mentor_signature = mentor_person.map_or(pair.mentor_name.clone(), |m| m.signature_name());
    let state = data.index().state(p, to, settings);
    let order = crate::domain::plans::order_text(&pair.order_number, pair.order_date);
    let mut blocks = vec![
        Block::Paragraph(format!(
            "Молодой педагог: {}{}.",
            p.full_name(),
            if state.positions.is_empty() { String::new() } else { format!(", {}", state.positions.join(", ")) }
        )),
        Block::Paragraph(format!(
            "Наставник: {mentor} (уровень: {}; форма: {}){}; с {}{}.",
            pair.level.label(),
            if pair.form.trim().is_empty() { "не указана" } else { pair.form.trim() },
            if order.is_empty() { String::new() } else { format!(", {order}") },
            fmt_date(pair.start),
            pair.end.map(|e| format!(" по {}", fmt_date(e))).unwrap_or_default()
        )),
    ];
    let mut done: Vec<Vec<Cell>> = Vec::new();
    for c in data.courses.iter().filter(|c| c.person == mentee && within(c.end)) {
        done.push(vec![
            Cell::Date(c.end),
            Cell::text("курсы"),
            Cell::text(format!("«{}», {} ч", c.title, c.hours)),
            Cell::text(c.provider.clone()),
        ]);
    }
    for e in data.events.iter().filter(|e| e.person == mentee && within(e.date)) {
        done.push(vec![
            Cell::Date(e.date),
            Cell::text(e.kind.label()),
            Cell::text(format!("«{}»", e.title)),
            Cell::text(e.role.label()),
        ]);
    }
    for c in data.contests.iter().filter(|c| c.person == mentee && within(c.date)) {
        done.push(vec![
            Cell::Date(c.date),
            Cell::text("конкурс"),
            Cell::text(format!("«{}» ({})", c.name, c.level.label())),
            Cell::text(c.result.label()),
        ]);
    }
    for d in data.diagnostics.iter().filter(|d| d.person == mentee && within(d.date)) {
        let found = if d.deficits.is_empty() {
            "дефициты не выявлены".to_string()
        } else {
            format!("дефициты: {}", d.deficits.join(", "))
        };
        done.push(vec![Cell::Date(d.date), Cell::text("диагностика"), Cell::text(d.kind.label()), Cell::text(found)]);
    }
    let mut due: Vec<Vec<Cell>> = Vec::new();
    for r in data.routes.iter().filter(|r| r.person == mentee) {
        for s in &r.steps {
            match s.done {
                Some(d) if within(d) => done.push(vec![
                    Cell::Date(d),
                    Cell::text(format!("шаг ИОМ: {}", s.kind.label())),
                    Cell::text(&s.title),
                    Cell::text(&s.evidence),
                ]),
                None if s.planned.is_some_and(|x| x <= req.year.last_day()) => {
                    due.push(vec![Cell::date(s.planned), Cell::text(&s.title), Cell::text(s.state_on(req.today))])
                }
                _ => {}
            }
        }
    }
    done.sort_by_key(|row| match row[0] {
        Cell::Date(d) => d,
        _ => chrono::NaiveDate::MIN,
    });
    blocks.push(Block::Table(Table {
        title: format!("Что сделано за {} учебный год (по данным учёта)", req.year),
        sheet: "Сделано".into(),
        columns: vec![col("Дата", 1.0), col("Вид", 1.4), col("Содержание", 3.2), col("Результат, роль", 2.0)],
        rows: done,
    }));
    blocks.push(Block::Table(Table {
        title: "Шаги ИОМ, ещё не выполненные".into(),
        sheet: "Не выполнено".into(),
        columns: vec![col("Срок", 1.0), col("Шаг", 4.0), col("Состояние", 1.4)],
        rows: due,
    }));
    if !pair.result.trim().is_empty() {
        blocks.push(Block::Paragraph(format!(
            "Результат наставничества по учёту: {}.",
            pair.result.trim().trim_end_matches('.')
        )));
    }
    blocks.push(Block::Heading(2, "Выводы наставника и рекомендации на следующий год".into()));
    blocks.extend(lines_to_fill(3));
    blocks.push(Block::Signatures(vec![
        Signature { position: "Наставник".into(), name: mentor_signature },
        Signature { position: "Молодой педагог".into(), name: p.signature_name() },
        Signature { position: signer_position(own).into(), name: req.signer.clone() },
    ]));
    let mut r = report(own, req, year_period(req.year), false, blocks);
    r.title = format!("{}: {}", ReportKind::MentorReport(mentee).title(), p.full_name());
    Ok(r)
}

/// The plan of work with young teachers for the school year (issue 25: «A plan of work with young teachers»;
/// seed 001: «План работы с молодыми педагогами», «Составление базы данных молодых педагогов (вновь
/// назначенных), назначение наставников»): who the young teachers are on the plan's day — today within
/// the year, its first day for a year to come, its last for a past one (the rule's age and experience) — each with position, experience, mentor (or «не назначен»), and what the records plan
/// for them in the year — route steps and the courses due; then the school of the young teacher's events of
/// the year. Only what the records hold; the rest of the plan is the deputy head's to write.
fn young_plan(data: &Dataset, settings: &RuleSettings, own: &Organisation, req: &ReportRequest) -> Report {
    let year = req.year.period();
    let within = |d: chrono::NaiveDate| year.contains(d);
    let index = data.index();
    let on = req.day_in_year();
    let mut young: Vec<&crate::domain::Person> = data
        .persons
        .iter()
        .filter(|p| p.pedagogical && crate::domain::rules::is_young(p, on, settings))
        .filter(|p| {
            index.records(p.id).is_some_and(|r| crate::domain::rules::employed_on(r.employments.iter().copied(), on))
        })
        .collect();
    young.sort_by_key(|p| p.full_name());
    let due: std::collections::HashSet<PersonId> =
        plans::course_plan(data, on, settings).into_iter().filter(|r| r.due).map(|r| r.person).collect();
    let rows =
        young
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let state = index.state(p, on, settings);
                let mentor = data
                    .mentorships
                    .iter()
                    .filter(|m| m.mentee == p.id && year.overlaps(m.start, m.end))
                    .map(|m| {
                        m.mentor
                            .and_then(|id| data.persons.iter().find(|x| x.id == id))
                            .map_or(m.mentor_name.clone(), |x| x.full_name())
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                let mut planned: Vec<String> = data
                    .routes
                    .iter()
                    .filter(|r| r.person == p.id)
                    .flat_map(|r| &r.steps)
                    .filter(|s| s.done.is_none() && s.planned.is_some_and(within))
                    .map(|s| format!("{} — {}", s.planned.map(fmt_date).unwrap_or_default(), s.title))
                    .collect();
                planned.sort();
                if due.contains(&p.id) {
                    planned.push("курсы повышения квалификации (подошёл срок)".into());
                }
                vec![
                    Cell::Int(i as i64 + 1),
                    Cell::text(p.full_name()),
                    Cell::text(state.positions.join(", ")),
                    Cell::text(p.ped_experience_start.map_or("—".to_string(), |d| {
                        ru::years(f64::from(crate::domain::rules::experience_on(d, on)))
                    })),
                    Cell::text(if mentor.is_empty() { "не назначен".to_string() } else { mentor }),
                    Cell::text(if planned.is_empty() { "—".to_string() } else { planned.join("; ") }),
                ]
            })
            .collect();
    let mut events: Vec<(chrono::NaiveDate, String, usize)> = Vec::new();
    for e in data.events.iter().filter(|e| within(e.date) && e.kind == crate::domain::EventKind::YoungTeacherSchool) {
        match events.iter_mut().find(|x| x.0 == e.date && x.1 == e.title) {
            Some(x) => x.2 += 1,
            None => events.push((e.date, e.title.clone(), 1)),
        }
    }
    events.sort();
    let blocks = vec![
        Block::Paragraph(format!(
            "Молодые педагоги — моложе {} лет с педагогическим стажем менее {} лет — на {}: {}.",
            settings.young_max_age,
            settings.young_max_experience,
            fmt_date(on),
            ru::people(young.len() as u64)
        )),
        Block::Table(Table {
            title: "Молодые педагоги, наставники и запланированное по учёту".into(),
            sheet: "Молодые педагоги".into(),
            columns: vec![
                col("№", 0.5),
                name_col("ФИО", 2.4),
                col("Должность", 1.6),
                col("Стаж", 0.8),
                name_col("Наставник", 2.2),
                col("Запланировано (ИОМ, курсы)", 4.0),
            ],
            rows,
        }),
        Block::Table(Table {
            title: "Мероприятия школы молодого педагога в учебном году".into(),
            sheet: "Школа молодого педагога".into(),
            columns: vec![col("Дата", 1.0), col("Мероприятие", 4.0), col("Участников", 1.0)],
            rows: events
                .into_iter()
                .map(|(d, t, n)| vec![Cell::Date(d), Cell::text(t), Cell::People(n as u64)])
                .collect(),
        }),
        signatures(own, req),
    ];
    report(own, req, format!("на {} учебный год", req.year), true, blocks)
}

/// The mentor's plan for a young teacher's school year (issue 25: «the mentor's plan and report»; seed 001:
/// «План работы наставнического (тьюторского) центра», август – сентябрь): the pair, the deficits the last
/// diagnostic found, and a plan of the year from the records — the route's steps still to do with their
/// expected results, the courses if due — with a column for the mark of what was done and lines for what
/// the mentor adds; signed by the mentor and the young teacher, approved by the deputy head.
fn mentor_plan(
    data: &Dataset,
    settings: &RuleSettings,
    own: &Organisation,
    req: &ReportRequest,
    mentee: PersonId,
) -> Result<Report, AppError> {
    let p = data.persons.iter().find(|p| p.id == mentee).ok_or_else(|| AppError::NoSuchPerson(mentee.to_string()))?;
    let to = req.year.last_day();
    let (pair, mentor) = year_mentor(data, p, req.year, req.year.period())?;
    let mut blocks = vec![
        Block::Paragraph(format!("Молодой педагог: {}.", p.full_name())),
        Block::Paragraph(format!(
            "Наставник: {} (форма: {}).",
            mentor.map_or(pair.mentor_name.clone(), |m| m.full_name()),
            if pair.form.trim().is_empty() { "не указана" } else { pair.form.trim() }
        )),
    ];
    if let Some(d) = data.diagnostics.iter().filter(|d| d.person == mentee && d.date <= to).max_by_key(|d| d.date) {
        blocks.push(Block::Paragraph(if d.deficits.is_empty() {
            format!("Диагностика от {}: дефициты не выявлены.", fmt_date(d.date))
        } else {
            format!("Дефициты по диагностике от {}: {}.", fmt_date(d.date), d.deficits.join(", "))
        }));
    }
    let mut rows: Vec<(Option<chrono::NaiveDate>, Vec<Cell>)> = data
        .routes
        .iter()
        .filter(|r| r.person == mentee)
        .flat_map(|r| &r.steps)
        .filter(|s| s.done.is_none() && s.planned.is_none_or(|d| d <= to))
        .map(|s| (s.planned, vec![Cell::date(s.planned), Cell::text(&s.title), Cell::text(&s.expected), Cell::Empty]))
        .collect();
    let on = req.day_in_year();
    if plans::course_plan(data, on, settings).iter().any(|r| r.person == mentee && r.due) {
        rows.push((
            None,
            vec![
                Cell::Empty,
                Cell::text("Курсы повышения квалификации (подошёл срок)"),
                Cell::text("удостоверение"),
                Cell::Empty,
            ],
        ));
    }
    rows.sort_by_key(|(d, _)| d.unwrap_or(chrono::NaiveDate::MAX));
    blocks.push(Block::Table(Table {
        title: format!("План на {} учебный год (по данным учёта)", req.year),
        sheet: "План".into(),
        columns: vec![
            col("Срок", 1.0),
            col("Мероприятие", 3.4),
            col("Ожидаемый результат", 2.4),
            col("Отметка о выполнении", 1.6),
        ],
        rows: rows.into_iter().map(|(_, r)| r).collect(),
    }));
    blocks.push(Block::Heading(2, "Дополнительно (посещение уроков, открытые уроки, консультации)".into()));
    blocks.extend(lines_to_fill(3));
    blocks.push(Block::Signatures(vec![
        Signature {
            position: "Наставник".into(),
            name: mentor.map_or(pair.mentor_name.clone(), |m| m.signature_name()),
        },
        Signature { position: "Молодой педагог".into(), name: p.signature_name() },
        Signature { position: signer_position(own).into(), name: req.signer.clone() },
    ]));
    let mut r = report(own, req, format!("на {} учебный год", req.year), false, blocks);
    r.title = format!("{}: {}", ReportKind::MentorPlan(mentee).title(), p.full_name());
    Ok(r)
}

/// The young teacher's pair of the school year `year` (the latest begun of those overlapping `period`) with
/// its mentor when the mentor works here; refused with a reason when there is none.
fn year_mentor<'a>(
    data: &'a Dataset,
    p: &crate::domain::Person,
    year: SchoolYear,
    period: crate::domain::Period,
) -> Result<(&'a crate::domain::Mentorship, Option<&'a crate::domain::Person>), AppError> {
    let pair = data
        .mentorships
        .iter()
        .filter(|m| m.mentee == p.id && period.overlaps(m.start, m.end))
        .max_by_key(|m| m.start)
        .ok_or_else(|| {
            AppError::Report(format!("у педагога {} нет наставника в {year} учебном году", p.full_name()))
        })?;
    Ok((pair, pair.mentor.and_then(|id| data.persons.iter().find(|x| x.id == id))))
}

/// The association the request names (`ReportRequest::event`), of this organisation.
fn association_of<'a>(
    data: &'a Dataset,
    own: &Organisation,
    req: &ReportRequest,
) -> Result<&'a crate::domain::Association, AppError> {
    let name = req.event.trim();
    if name.is_empty() {
        return Err(AppError::Report("выберите методическое объединение".into()));
    }
    let same = |a: &crate::domain::Association| crate::domain::nominations::same_title(&a.name, name);
    data.associations
        .iter()
        .find(|a| a.org == own.id && same(a))
        .or_else(|| data.associations.iter().find(|a| same(a)))
        .ok_or_else(|| AppError::Report(format!("методического объединения «{name}» нет")))
}

/// The members' table: №, ФИО, должность, роль (the head first).
fn members_table(
    data: &Dataset,
    settings: &RuleSettings,
    members: &[crate::domain::associations::Member],
    on: chrono::NaiveDate,
) -> Table {
    let index = data.index();
    Table {
        title: "Состав объединения".into(),
        sheet: "Состав".into(),
        columns: vec![
            col("№", 0.5),
            name_col("ФИО", 2.8),
            col("Должность, предметы", 2.6),
            col("Категория", 1.4),
            col("Роль", 1.2),
        ],
        rows: members
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let (position, category) = data.persons.iter().find(|p| p.id == m.person).map_or_else(
                    || (String::new(), String::new()),
                    |p| {
                        let st = index.state(p, on, settings);
                        let mut what = st.positions.join(", ");
                        if !st.subjects.is_empty() {
                            what.push_str(&format!(" ({})", st.subjects.join(", ")));
                        }
                        (what, st.category_text())
                    },
                );
                vec![
                    Cell::Int(i as i64 + 1),
                    Cell::text(&m.full_name),
                    Cell::text(position),
                    Cell::text(category),
                    Cell::text(m.role.label()),
                ]
            })
            .collect(),
    }
}

/// The opening lines of an association's documents: its name, kind and level, theme, head, members.
fn association_lines(a: &crate::domain::Association, members: &[crate::domain::associations::Member]) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(2, format!("«{}»", a.name.trim()))];
    blocks.push(Block::Paragraph(format!("Вид: {}; уровень: {}.", a.kind.label(), a.level.label())));
    if !a.theme.trim().is_empty() {
        blocks.push(Block::Paragraph(format!("Методическая тема: «{}».", a.theme.trim().trim_end_matches('.'))));
    }
    let heads = crate::domain::associations::heads(members);
    blocks.push(Block::Paragraph(if heads.is_empty() {
        "Руководитель: не назначен.".to_string()
    } else {
        format!("Руководитель: {}.", heads.iter().map(|m| m.full_name.as_str()).collect::<Vec<_>>().join(", "))
    }));
    blocks.push(Block::Paragraph(format!("Состав: {}.", ru::people(members.len() as u64))));
    blocks
}

/// The signature of an association's document: its head (the first), and the one who keeps the records.
fn association_signatures(
    data: &Dataset,
    own: &Organisation,
    req: &ReportRequest,
    members: &[crate::domain::associations::Member],
) -> Block {
    let head = crate::domain::associations::heads(members)
        .first()
        .and_then(|m| data.persons.iter().find(|p| p.id == m.person))
        .map(|p| p.signature_name())
        .unwrap_or_default();
    Block::Signatures(vec![
        Signature {
            position: "Руководитель методического объединения".into(), name: head
        },
        Signature { position: signer_position(own).into(), name: req.signer.clone() },
    ])
}

/// The plan of work of a methodological association for the year (seed 001: «Планы работы РМО»): its
/// theme, aim and tasks, head and members, and the meetings planned — date, topic and questions, who is
/// responsible — approved by the head of the organisation.
fn association_plan(
    data: &Dataset,
    settings: &RuleSettings,
    own: &Organisation,
    req: &ReportRequest,
) -> Result<Report, AppError> {
    let a = association_of(data, own, req)?;
    let members = crate::domain::associations::members(data, a, req.year.period());
    let meetings = crate::domain::associations::meetings(data, a.id, req.year);
    let mut blocks = association_lines(a, &members);
    let tasks: Vec<String> = a.tasks.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
    if !tasks.is_empty() {
        blocks.push(Block::Heading(3, "Цель и задачи".into()));
        blocks.push(Block::List(tasks));
    }
    if meetings.is_empty() {
        blocks.push(Block::Paragraph("Заседания на этот учебный год не запланированы.".into()));
    } else {
        blocks.push(Block::Table(Table {
            title: "План заседаний".into(),
            sheet: "Заседания".into(),
            columns: vec![col("№", 0.5), col("Срок", 1.1), col("Тема и вопросы", 5.0), name_col("Ответственные", 2.2)],
            rows: meetings
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    vec![
                        Cell::Int(i as i64 + 1),
                        Cell::Date(m.date),
                        Cell::text(topic_text(&m.topic)),
                        Cell::text(&m.speakers),
                    ]
                })
                .collect(),
        }));
    }
    if !members.is_empty() {
        blocks.push(Block::Table(members_table(data, settings, &members, req.day_in_year())));
    }
    blocks.push(association_signatures(data, own, req, &members));
    Ok(report(own, req, format!("на {} учебный год", req.year), false, blocks))
}

/// A meeting's topic and questions as one cell: the lines numbered when there are several.
fn topic_text(topic: &str) -> String {
    let lines: Vec<&str> = topic.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.len() < 2 {
        return lines.join("");
    }
    lines.iter().enumerate().map(|(i, l)| format!("{}. {l}", i + 1)).collect::<Vec<_>>().join("\n")
}

/// The yearly report of a methodological association (seed 001: «отчёты по итогам работы РМО», «Учет
/// участия педагогов в заседаниях РМО»): the meetings held against the plan, who attended each, what was
/// decided, and each member's year — meetings attended, courses, contests, experience shared, practices.
fn association_report(data: &Dataset, own: &Organisation, req: &ReportRequest) -> Result<Report, AppError> {
    use crate::domain::associations;
    let a = association_of(data, own, req)?;
    let period = req.year.period();
    let within = |d: chrono::NaiveDate| period.contains(d);
    let members = associations::members(data, a, period);
    let meetings = associations::meetings(data, a.id, req.year);
    let held: Vec<&&crate::domain::Meeting> = meetings.iter().filter(|m| m.held).collect();
    let attendance: Vec<Vec<PersonId>> = held.iter().map(|m| associations::attended(data, m)).collect();
    let mut blocks = association_lines(a, &members);
    let present_total: usize = attendance.iter().map(Vec::len).sum();
    let mut summary = format!(
        "В {} учебном году проведено заседаний: {} из {} запланированных.",
        req.year,
        held.len(),
        meetings.len()
    );
    if !held.is_empty() && !members.is_empty() {
        let share = present_total as f64 / (held.len() * members.len()) as f64;
        summary.push_str(&format!(
            " Средняя посещаемость заседаний — {} ({} в среднем на заседании).",
            ru::percent(share * 100.0),
            ru::number((present_total as f64 / held.len() as f64 * 10.0).round() / 10.0)
        ));
    }
    blocks.push(Block::Paragraph(summary));
    if !held.is_empty() {
        blocks.push(Block::Table(Table {
            title: "Проведённые заседания".into(),
            sheet: "Заседания".into(),
            columns: vec![
                col("№", 0.5),
                col("Дата", 1.1),
                col("Тема и вопросы", 3.6),
                col("Присутствовали", 1.4),
                col("Решения", 3.0),
            ],
            rows: held
                .iter()
                .zip(&attendance)
                .enumerate()
                .map(|(i, (m, present))| {
                    vec![
                        Cell::Int(i as i64 + 1),
                        Cell::Date(m.date),
                        Cell::text(topic_text(&m.topic)),
                        Cell::Ratio(present.len() as u64, members.len() as u64),
                        Cell::text(m.decisions.trim()),
                    ]
                })
                .collect(),
        }));
    }
    // Planned and not held: those whose day has passed, and those still to come.
    let line = |m: &&crate::domain::Meeting| {
        format!("{} — {}", fmt_date(m.date), m.topic.lines().next().unwrap_or_default().trim())
    };
    let not_held: Vec<String> = meetings.iter().filter(|m| !m.held && m.date <= req.today).map(line).collect();
    let to_come: Vec<String> = meetings.iter().filter(|m| !m.held && m.date > req.today).map(line).collect();
    if !not_held.is_empty() {
        blocks.push(Block::Heading(3, "Не проведены (или не отмечены как проведённые)".into()));
        blocks.push(Block::List(not_held));
    }
    if !to_come.is_empty() {
        blocks.push(Block::Heading(3, format!("Запланированы после {}", fmt_date(req.today))));
        blocks.push(Block::List(to_come));
    }
    if !members.is_empty() {
        let rows = members
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let visits = attendance.iter().filter(|p| p.contains(&m.person)).count() as u64;
                let courses =
                    data.courses.iter().filter(|c| c.person == m.person && within(c.end) && c.completed()).count();
                let contests = data.contests.iter().filter(|c| c.person == m.person && within(c.date)).count();
                let shared = data
                    .events
                    .iter()
                    .filter(|e| e.person == m.person && within(e.date) && e.role.shares_experience())
                    .count();
                let practices = data.practices.iter().filter(|x| x.person == m.person && within(x.date)).count();
                vec![
                    Cell::Int(i as i64 + 1),
                    Cell::text(&m.full_name),
                    Cell::Ratio(visits, held.len() as u64),
                    Cell::Int(courses as i64),
                    Cell::Int(contests as i64),
                    Cell::Int(shared as i64),
                    Cell::Int(practices as i64),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table {
            title: "Участие членов объединения за год (по учёту)".into(),
            sheet: "Члены объединения".into(),
            columns: vec![
                col("№", 0.5),
                name_col("ФИО", 2.8),
                col("Заседаний посещено", 1.3),
                col("Курсы", 0.9),
                col("Конкурсы", 1.0),
                col("Выступления, мастер-классы, публикации", 1.8),
                col("Успешные практики", 1.2),
            ],
            rows,
        }));
    }
    blocks.push(association_signatures(data, own, req, &members));
    Ok(report(own, req, year_period(req.year), false, blocks))
}

/// The members of an association as a printable list.
fn association_members(
    data: &Dataset,
    settings: &RuleSettings,
    own: &Organisation,
    req: &ReportRequest,
) -> Result<Report, AppError> {
    let a = association_of(data, own, req)?;
    let members = crate::domain::associations::members(data, a, req.year.period());
    if members.is_empty() {
        return Err(AppError::Report(format!("в {} учебном году в «{}» никого нет", req.year, a.name)));
    }
    let mut blocks = association_lines(a, &members);
    blocks.push(Block::Table(members_table(data, settings, &members, req.day_in_year())));
    blocks.push(association_signatures(data, own, req, &members));
    Ok(report(own, req, year_period(req.year), false, blocks))
}

/// The teachers nominated together (seed 001: «списки педагогов для участия в оценке предметных
/// компетенций», «направление на обучение»): what, when, who runs it, and each teacher with position,
/// subjects, category, and whether the participation is recorded.
fn nominated(
    data: &Dataset,
    settings: &RuleSettings,
    own: &Organisation,
    req: &ReportRequest,
) -> Result<Report, AppError> {
    let lists = crate::domain::nominations::lists(data);
    let title = req.event.trim();
    if title.is_empty() {
        return Err(AppError::Report("выберите список выдвинутых педагогов".into()));
    }
    let list = crate::domain::nominations::find(&lists, title)
        .ok_or_else(|| AppError::Report(format!("списка «{title}» нет")))?;
    let index = data.index();
    let mut blocks = vec![Block::Heading(2, format!("«{}»", list.title.trim()))];
    let mut about = vec![format!("Вид: {}", list.kind.label()), format!("уровень: {}", list.level.label())];
    about.push(match list.end.filter(|e| *e != list.date) {
        Some(e) => format!("сроки: с {} по {}", fmt_date(list.date), fmt_date(e)),
        None => format!("дата: {}", fmt_date(list.date)),
    });
    if !list.provider.trim().is_empty() {
        about.push(format!("проводит: {}", list.provider.trim()));
    }
    if list.hours > 0 {
        about.push(format!("объём: {}", ru::count(u64::from(list.hours), "час", "часа", "часов")));
    }
    blocks.push(Block::Paragraph(format!("{}.", about.join("; "))));
    blocks.push(Block::Paragraph(format!("Выдвинуто: {}.", ru::people(list.nominations.len() as u64))));
    let rows = list
        .nominations
        .iter()
        .enumerate()
        .filter_map(|(i, n)| {
            let p = data.persons.iter().find(|p| p.id == n.person)?;
            let st = index.state(p, list.date, settings);
            Some(vec![
                Cell::Int(i as i64 + 1),
                Cell::text(p.full_name()),
                Cell::text(st.positions.join(", ")),
                Cell::text(st.subjects.join(", ")),
                Cell::text(st.category_text()),
                Cell::text(if n.done { "участие записано" } else { "" }),
            ])
        })
        .collect();
    blocks.push(Block::Table(Table {
        title: String::new(),
        sheet: "Список".into(),
        columns: vec![
            col("№", 0.5),
            name_col("ФИО", 2.6),
            col("Должность", 1.6),
            col("Предметы", 1.6),
            col("Категория", 1.4),
            col("Отметка об участии", 1.3),
        ],
        rows,
    }));
    blocks.push(signatures(own, req));
    let mut r = report(own, req, String::new(), false, blocks);
    r.title = format!("Список педагогических работников, выдвинутых для участия: {}", list.kind.label());
    Ok(r)
}

/// The schedule of attestation for СЗД of the school year (приказ Минпросвещения России от 24.03.2023 № 196:
/// the attestation for conformity with the position is held once in five years by the school's commission,
/// by a schedule the teacher is told of under signature no less than 30 calendar days before, together
/// with the employer's представление): each teacher whose СЗД falls due in the year (`plans::szd_schedule`
/// — the rule «Сегодня» and the card use), in the position since, the last СЗД, the day it is due, the day
/// of the attestation, the day to be told by, and a column for the signature; approved by the director.
fn szd_schedule(data: &Dataset, settings: &RuleSettings, own: &Organisation, req: &ReportRequest) -> Report {
    let on = req.day_in_year();
    let rows = plans::szd_schedule(data, req.year, on, settings);
    let mut blocks = vec![Block::Paragraph(format!(
        "Аттестация проводится аттестационной комиссией {} один раз в пять лет на основе представления \
         работодателя. С графиком и представлением работник знакомится под подпись не позднее чем за 30 \
         календарных дней до дня аттестации (приказ Минпросвещения России от 24.03.2023 № 196).",
        own.short_or_name()
    ))];
    if rows.is_empty() {
        blocks.push(Block::Paragraph(format!(
            "В {} учебном году аттестация в целях подтверждения соответствия занимаемой должности никому не \
             предстоит.",
            req.year
        )));
    } else {
        blocks.push(Block::Paragraph(format!("Подлежат аттестации: {}.", ru::people(rows.len() as u64))));
        let overdue = rows.iter().filter(|r| r.due < on).count() as u64;
        if overdue > 0 {
            blocks.push(Block::Paragraph(format!(
                "Срок аттестации уже наступил ({}): аттестация назначена на ближайший день после 30 дней на \
                 ознакомление.",
                ru::people(overdue)
            )));
        }
        blocks.push(Block::Table(Table {
            title: String::new(),
            sheet: "График СЗД".into(),
            columns: vec![
                col("№", 0.5),
                name_col("ФИО", 2.4),
                col("Должность", 1.6),
                col("В должности с", 1.1),
                col("Предыдущая аттестация на СЗД", 1.2),
                col("Аттестация обязательна с", 1.1),
                col("Дата аттестации", 1.1),
                col("Ознакомить с графиком и представлением не позднее", 1.5),
                col("С графиком ознакомлен(а)", 1.4),
            ],
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    vec![
                        Cell::Int(i as i64 + 1),
                        Cell::text(&r.name),
                        Cell::text(&r.position),
                        r.position_since.map_or(Cell::text("не известно"), Cell::Date),
                        r.last_szd.map_or(Cell::text("—"), Cell::Date),
                        Cell::Date(r.due),
                        Cell::Date(r.planned),
                        Cell::Date(r.acquaint_by),
                        Cell::Empty,
                    ]
                })
                .collect(),
        }));
    }
    blocks.push(signatures(own, req));
    report(own, req, format!("на {} учебный год", req.year), true, blocks)
}

/// The extract from the protocol of the attestation commission with a teacher's СЗД decision (приказ № 196:
/// the decision is entered in the protocol, and the employer makes the teacher acquainted with the extract
/// under signature within three working days after it is drawn up): the commission, the decision's day and
/// the order of the employer as recorded, the teacher and the position, the decision, lines for what the
/// record does not hold (the protocol's number, the votes), the chair's and the secretary's signatures and the
/// teacher's «С выпиской ознакомлен(а)».
fn szd_extract(
    data: &Dataset,
    settings: &RuleSettings,
    own: &Organisation,
    req: &ReportRequest,
    person: PersonId,
) -> Result<Report, AppError> {
    let p = data.persons.iter().find(|p| p.id == person).ok_or_else(|| AppError::NoSuchPerson(person.to_string()))?;
    let a = data
        .attestations
        .iter()
        .filter(|a| {
            a.person == person
                && a.result == crate::domain::Category::PositionConformity
                && a.decision_date <= req.today
        })
        .max_by_key(|a| a.decision_date)
        .ok_or_else(|| {
            AppError::Report(format!(
                "{}: решения об аттестации в целях подтверждения соответствия занимаемой должности в учёте нет",
                p.full_name()
            ))
        })?;
    let position = if a.position.trim().is_empty() {
        data.index().state(p, a.decision_date, settings).positions.join(", ")
    } else {
        a.position.trim().to_string()
    };
    let position = if position.is_empty() { "________________".to_string() } else { position };
    let mut blocks = vec![
        Block::Paragraph(format!(
            "Заседание аттестационной комиссии {} от {}, протокол № ______.",
            own.short_or_name(),
            fmt_date(a.decision_date)
        )),
        Block::Paragraph("Присутствовали: ____ членов комиссии из ____.".into()),
        Block::Paragraph(format!(
            "Слушали: об аттестации в целях подтверждения соответствия занимаемой должности «{position}»: {}.",
            p.full_name()
        )),
        Block::Paragraph(format!(
            "Решили: {}, {position} — соответствует занимаемой должности «{position}».",
            p.full_name()
        )),
        Block::Paragraph("Результаты голосования: «за» — ____, «против» — ____, «воздержались» — ____.".into()),
    ];
    if !a.order_number.trim().is_empty() {
        blocks.push(Block::Paragraph(format!(
            "Приказ работодателя{}: № {}.",
            a.order_date.map(|d| format!(" от {}", fmt_date(d))).unwrap_or_default(),
            a.order_number.trim()
        )));
    }
    blocks.push(Block::Paragraph(format!(
        "Решение действует по {}.",
        fmt_date(crate::domain::dates::day_before(crate::domain::dates::add_years(
            a.decision_date,
            crate::domain::rules::SZD_YEARS
        )))
    )));
    blocks.push(Block::Signatures(vec![
        Signature {
            position: "Председатель аттестационной комиссии".into(), name: req.approver.clone()
        },
        Signature {
            position: "Секретарь аттестационной комиссии".into(), name: req.signer.clone()
        },
        Signature { position: "С выпиской ознакомлен(а)".into(), name: p.signature_name() },
    ]));
    let mut r = report(own, req, String::new(), false, blocks);
    r.title = format!("{}: {}", ReportKind::SzdExtract(person).title(), p.full_name());
    r.made_line = true;
    Ok(r)
}
