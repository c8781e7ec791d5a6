//! Realistic generated data for demonstrations, tests and benchmarks: Russian names, positions and
//! subjects in believable proportions, ages and experience, categories expiring over the next years,
//! course histories, diagnostics, routes with steps, mentor pairs, contests, expert work, communities,
//! events and vacancies over six school years.
//!
//! Deterministic: the same seed and the same anchor date give the same data, ids included (the
//! generator has its own small PRNG, so that a crate update never changes the data).

use crate::domain::dates::{add_months, add_years};
use crate::domain::*;
use chrono::{Datelike, NaiveDate};
use uuid::Uuid;

/// SplitMix64: small, fast and stable across versions.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + (self.next_u64() % ((hi - lo + 1) as u64)) as i64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as i64 - 1) as usize]
    }

    /// A UUID from the generator (version 4 layout), so ids are reproducible too.
    pub fn uuid(&mut self) -> Uuid {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next_u64().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next_u64().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }

    /// A date `days` days around `base` (uniform in `lo..=hi` days from it).
    pub fn date_around(&mut self, base: NaiveDate, lo: i64, hi: i64) -> NaiveDate {
        base + chrono::Duration::days(self.range(lo, hi))
    }
}

const MALE_SURNAMES: &[&str] = &[
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Воробьёв",
    "Сергеев",
    "Кузьмин",
    "Фролов",
    "Александров",
    "Дмитриев",
    "Королёв",
    "Гусев",
    "Киселёв",
    "Ильин",
    "Максимов",
    "Поляков",
    "Сорокин",
    "Виноградов",
    "Ковалёв",
    "Белов",
    "Медведев",
    "Антонов",
    "Тарасов",
];
const MALE_NAMES: &[&str] = &[
    "Александр",
    "Сергей",
    "Дмитрий",
    "Андрей",
    "Алексей",
    "Максим",
    "Евгений",
    "Иван",
    "Михаил",
    "Артём",
    "Николай",
    "Владимир",
    "Павел",
    "Олег",
    "Игорь",
    "Роман",
    "Виктор",
    "Юрий",
    "Денис",
    "Антон",
];
const FEMALE_NAMES: &[&str] = &[
    "Елена",
    "Ольга",
    "Наталья",
    "Татьяна",
    "Ирина",
    "Светлана",
    "Анна",
    "Марина",
    "Юлия",
    "Екатерина",
    "Мария",
    "Людмила",
    "Галина",
    "Надежда",
    "Оксана",
    "Валентина",
    "Любовь",
    "Анастасия",
    "Дарья",
    "Ксения",
    "Алёна",
    "Виктория",
    "Лариса",
    "Вера",
    "Нина",
];
const PATRONYMIC_ROOTS: &[&str] = &[
    "Александров",
    "Сергеев",
    "Владимиров",
    "Николаев",
    "Викторов",
    "Иванов",
    "Петров",
    "Михайлов",
    "Юрьев",
    "Анатольев",
    "Борисов",
    "Васильев",
    "Геннадьев",
    "Евгеньев",
    "Олегов",
    "Павлов",
    "Андреев",
    "Дмитриев",
];

/// Subjects with how often they are taught (per mille of subject teachers) and typical companions.
const SUBJECTS: &[(&str, u32)] = &[
    ("русский язык", 150),
    ("литература", 0),
    ("математика", 140),
    ("иностранный язык (английский)", 100),
    ("история", 60),
    ("обществознание", 0),
    ("биология", 40),
    ("химия", 30),
    ("физика", 40),
    ("география", 35),
    ("информатика", 35),
    ("физическая культура", 70),
    ("музыка", 20),
    ("изобразительное искусство", 20),
    ("труд (технология)", 35),
    ("ОБЗР", 15),
    ("иностранный язык (немецкий)", 15),
];

/// Second subjects that usually go with the first.
fn companion(subject: &str) -> Option<&'static str> {
    match subject {
        "русский язык" => Some("литература"),
        "история" => Some("обществознание"),
        "математика" => Some("вероятность и статистика"),
        "биология" => Some("химия"),
        "география" => Some("биология"),
        "изобразительное искусство" => Some("труд (технология)"),
        _ => None,
    }
}

const COURSE_TITLES: &[&str] = &[
    "Реализация требований обновлённых ФГОС ООО, ФГОС СОО в работе учителя",
    "Школа современного учителя: развитие предметной и методической компетенций",
    "Формирование функциональной грамотности обучающихся",
    "Цифровая образовательная среда: инструменты и сервисы для учителя",
    "Организация работы с одарёнными детьми в условиях общеобразовательной школы",
    "Подготовка обучающихся к ГИА: содержание и методика",
    "Инклюзивное образование детей с ОВЗ",
    "Воспитательная работа и деятельность классного руководителя",
    "Оказание первой помощи",
    "Профилактика профессионального выгорания педагогов",
    "Наставничество в образовательной организации",
    "Методика преподавания предмета в соответствии с ФОП",
];

const CONTESTS: &[&str] = &[
    "Учитель года",
    "Педагогический дебют",
    "Мой лучший урок",
    "Лучшие учителя России",
    "Классный руководитель года",
    "Педагог-наставник",
];
const SEMINARS: &[&str] = &[
    "Функциональная грамотность: от диагностики к уроку",
    "Формирующее оценивание на уроке",
    "Современный урок в логике ФГОС",
    "Цифровые инструменты учителя",
    "Работа с детьми с ОВЗ в инклюзивном классе",
    "Проектная деятельность обучающихся",
];
const DEFICITS: &[&str] = &[
    "предметные",
    "методические",
    "психолого-педагогические",
    "коммуникативные",
    "цифровые",
    "воспитательные",
    "оценочные",
];
const PROVIDERS: &[&str] = &[
    "региональный институт развития образования (ИРО)",
    "ЦНППМ",
    "Академия Минпросвещения России",
    "педагогический университет",
];

/// What to generate for one school.
pub struct SchoolPlan {
    pub school: Organisation,
    /// Pedagogical workers employed on the anchor date (management who teach included).
    pub teachers: usize,
}

/// Generates a whole school's records (not the organisation itself), authored by the school.
pub fn school_records(rng: &mut Rng, plan: &SchoolPlan, today: NaiveDate) -> Vec<AnyRecord> {
    let mut g = Gen { rng, school: plan.school.id, today, out: Vec::new(), staff: Vec::new() };
    // Management: a director who does not teach, deputies who do.
    g.person(Role::Director);
    let deputies = if plan.teachers >= 30 { 2 } else { 1 };
    for _ in 0..deputies {
        g.person(Role::TeachingDeputy);
    }
    for _ in deputies..plan.teachers {
        g.person(Role::Teacher);
    }
    // People who left in the last years stay in history.
    for _ in 0..(plan.teachers / 12).max(1) {
        g.person(Role::Left);
    }
    g.mentoring();
    g.group_events();
    g.vacancies();
    g.targets_and_survey();
    g.associations_and_lists();
    g.out
}

/// An id made from an organisation and `what`, without drawing from a generator.
fn fixed_uuid(org: OrgId, what: &str) -> Uuid {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (org.0, what).hash(&mut h);
    let a = h.finish();
    "second".hash(&mut h);
    Uuid::from_u64_pair(a, h.finish())
}

/// The associations `org` keeps, one for each name of the memberships of `kind` in `records`, with the
/// current school year's meetings on `topics`' days: the past ones held, four members in five present,
/// their attendance as participations authored by `org`.
fn associations_of(
    org: OrgId,
    records: &[AnyRecord],
    (kind, level): (CommunityKind, Level),
    topics: &[(&str, &str)],
    speakers: &str,
    today: NaiveDate,
) -> Vec<AnyRecord> {
    let year = SchoolYear::of(today);
    let memberships: Vec<&Community> = records
        .iter()
        .filter_map(|r| match r {
            AnyRecord::Community(c) if c.kind == kind => Some(c),
            _ => None,
        })
        .collect();
    let mut names: Vec<&str> = memberships.iter().map(|c| c.name.as_str()).collect();
    names.sort();
    names.dedup();
    let mut out = Vec::new();
    for name in names {
        let subject = name.rsplit(": ").next().unwrap_or(name);
        let association = Association {
            id: AssociationId(fixed_uuid(org, name)),
            author: org,
            org,
            name: name.to_string(),
            kind,
            level,
            theme: format!("Формирующее оценивание как средство повышения качества обучения ({subject})"),
            tasks: "Освоить приёмы формирующего оценивания\nПреодолеть дефициты, выявленные диагностикой\nОбобщить и \
                    представить опыт работы"
                .into(),
        };
        out.push(association.clone().into());
        for (k, (day, topic)) in topics.iter().enumerate() {
            let (dd, mm) = day.split_once('.').unwrap_or(("1", "9"));
            let (d, m): (u32, u32) = (dd.parse().unwrap_or(1), mm.parse().unwrap_or(9));
            let y = if m >= 9 { year.0 } else { year.0 + 1 };
            let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else { continue };
            let held = date <= today;
            let meeting = Meeting {
                id: MeetingId(fixed_uuid(org, &format!("{name}|{k}"))),
                author: org,
                org,
                association: association.id,
                date,
                topic: (*topic).into(),
                speakers: speakers.into(),
                held,
                decisions: if held {
                    "Принять к сведению; рекомендации учесть в работе".into()
                } else {
                    String::new()
                },
                group: GroupId(fixed_uuid(org, &format!("{name}|{k}|group"))),
            };
            if held {
                let present = memberships
                    .iter()
                    .filter(|c| c.name == name && c.start <= date && c.end.is_none_or(|e| e >= date))
                    .map(|c| c.person)
                    .enumerate()
                    .filter(|(i, _)| (i + k) % 5 != 4)
                    .map(|(_, p)| p);
                for (i, person) in present.enumerate() {
                    out.push(
                        Event {
                            id: EventId(fixed_uuid(org, &format!("{name}|{k}|{i}"))),
                            author: org,
                            person,
                            group: Some(meeting.group),
                            title: name.to_string(),
                            kind: EventKind::AssociationMeeting,
                            date,
                            level,
                            role: EventRole::Participant,
                        }
                        .into(),
                    );
                }
            }
            out.push(meeting.into());
        }
    }
    out
}

/// The municipality's РМО — one for each «РМО учителей: …» its schools' teachers belong to — with the year's
/// four meetings and who came from the schools (seed 001: «Учет участия педагогов в заседаниях РМО»,
/// «Планы работы РМО по предметам», «декабрь, май»).
pub fn municipal_associations(municipality: OrgId, records: &[AnyRecord], today: NaiveDate) -> Vec<AnyRecord> {
    let topics = [
        ("10.09", "План работы РМО на учебный год\nИтоги ГИА прошлого года"),
        ("14.12", "Мониторинг деятельности РМО: первое полугодие\nОбмен опытом: открытые уроки"),
        ("15.03", "Подготовка к ГИА\nЛучшие практики школ района"),
        ("17.05", "Итоги года; отчёт о работе РМО"),
    ];
    associations_of(
        municipality,
        records,
        (CommunityKind::MunicipalAssociation, Level::Municipal),
        &topics,
        "руководитель РМО",
        today,
    )
}

/// Municipal targets for every school, as a municipal programme sets them (seed 002 plans 2022–2026;
/// seed 004 states thresholds such as «не менее 60 %»).
pub fn municipal_targets(rng: &mut Rng, municipality: OrgId, today: NaiveDate) -> Vec<AnyRecord> {
    let now = SchoolYear::of(today);
    let mut out = Vec::new();
    for (indicator, base, step) in
        [("category_high", 55.0, 2.0), ("course_3y", 85.0, 2.5), ("young_mentor", 60.0, 10.0), ("network", 40.0, 5.0)]
    {
        for k in 0..6 {
            let year = SchoolYear(now.0 - 4 + k);
            out.push(
                Target {
                    id: TargetId(rng.uuid()),
                    author: municipality,
                    org: municipality,
                    indicator: indicator.into(),
                    year,
                    value: (base + step * f64::from(k)).min(100.0),
                }
                .into(),
            );
        }
    }
    out
}

/// A municipality's monitoring cycle for the last completed school year, in the words of seeds 001 and
/// 000: two goals with their indicators, findings, recommendations (one to a school), measures, a
/// decision and the analysis of a measure's effect.
pub fn municipal_cycle(rng: &mut Rng, municipality: OrgId, school: Option<OrgId>, today: NaiveDate) -> Vec<AnyRecord> {
    let year = SchoolYear(SchoolYear::of(today).0 - 1);
    let org = municipality;
    let author = municipality;
    let mut out: Vec<AnyRecord> = Vec::new();
    out.push(
        Goal {
            id: GoalId(rng.uuid()),
            author,
            org,
            title: "Выявление профессиональных дефицитов педагогических работников".into(),
            justification: "Соответствие педагога требованиям профессионального стандарта; адресная помощь по итогам \
                            диагностики"
                .into(),
            regional_goal: "Соответствует цели региональной системы научно-методического сопровождения".into(),
            from: SchoolYear(year.0 - 2),
            to: SchoolYear(year.0 + 2),
            indicators: vec!["diag_done".into(), "route_has".into()],
            base: vec![BaseValue { indicator: "diag_done".into(), year: SchoolYear(year.0 - 3), value: 20.0 }],
        }
        .into(),
    );
    out.push(
        Goal {
            id: GoalId(rng.uuid()),
            author,
            org,
            title: "Поддержка молодых педагогов. Реализация программ наставничества".into(),
            justification: "Обеспечение адаптации и закрепления молодых специалистов в профессии".into(),
            regional_goal: "Соответствует региональной целевой модели наставничества".into(),
            from: SchoolYear(year.0 - 2),
            to: SchoolYear(year.0 + 2),
            indicators: vec!["young_mentor".into(), "young_retained".into()],
            base: Vec::new(),
        }
        .into(),
    );
    let f1 = FindingId(rng.uuid());
    let f2 = FindingId(rng.uuid());
    for (id, indicator, text, factors) in [
        (
            f1,
            "diag_done",
            "Диагностику профессиональных дефицитов прошла меньшая часть педагогов; в малокомплектных школах — \
             единицы.",
            "Удалённость МКШ, нагрузка педагогов, отсутствие графика диагностики в школах",
        ),
        (
            f2,
            "young_mentor",
            "Не все молодые педагоги закреплены за наставниками приказом.",
            "Нехватка опытных педагогов в небольших школах",
        ),
    ] {
        out.push(
            Finding {
                id,
                author,
                org,
                year,
                indicator: indicator.into(),
                scope: "all".into(),
                text: text.into(),
                factors: factors.into(),
            }
            .into(),
        );
    }
    if let Some(school) = school {
        out.push(
            Recommendation {
                id: RecommendationId(rng.uuid()),
                author,
                org: school,
                year,
                addressee: Addressee::School,
                finding: Some(f2),
                text: "Закрепить приказом наставников за всеми молодыми педагогами; при нехватке наставников в \
                       школе — обратиться в ММЦ за муниципальным наставником"
                    .into(),
                due: Some(year.last_day()),
            }
            .into(),
        );
    }
    out.push(
        Recommendation {
            id: RecommendationId(rng.uuid()),
            author,
            org,
            year,
            addressee: Addressee::MethodCentre,
            finding: Some(f1),
            text: "Составить график диагностики профессиональных дефицитов для МКШ с выездом методистов".into(),
            due: None,
        }
        .into(),
    );
    let m1 = MeasureId(rng.uuid());
    out.push(
        Measure {
            id: m1,
            author,
            org,
            year,
            title: "Муниципальная диагностика профессиональных дефицитов учителей".into(),
            document_kind: DocumentKind::Order,
            document: format!("№ 87 от 15.03.{}", year.0 + 1),
            start: NaiveDate::from_ymd_opt(year.0 + 1, 4, 1),
            end: NaiveDate::from_ymd_opt(year.0 + 1, 5, 31),
            responsible: "ММЦ, руководители РМО".into(),
            participants: "учителя всех ОО".into(),
            event: String::new(),
            finding: Some(f1),
            indicators: vec!["diag_done".into()],
        }
        .into(),
    );
    out.push(
        Measure {
            id: MeasureId(rng.uuid()),
            author,
            org,
            year,
            title: "Слёт молодых специалистов, конкурс «Педагогический дебют»".into(),
            document_kind: DocumentKind::Plan,
            document: "план работы Ассоциации молодых специалистов".into(),
            start: None,
            end: None,
            responsible: "ММЦ".into(),
            participants: "молодые педагоги и наставники".into(),
            event: String::new(),
            finding: Some(f2),
            indicators: vec!["young_mentor".into()],
        }
        .into(),
    );
    out.push(
        Decision {
            id: DecisionId(rng.uuid()),
            author,
            org,
            year,
            what: "Классификация ОО по педагогическому составу (квалификация, аттестация, участие в конкурсах, \
                   выступления и публикации)"
                .into(),
            by_whom: "Управление образования".into(),
            date: NaiveDate::from_ymd_opt(year.0 + 1, 8, 20).unwrap_or(today),
            document: "приказ".into(),
            finding: Some(f1),
            measure: Some(m1),
        }
        .into(),
    );
    out.push(
        Effect {
            id: EffectId(rng.uuid()),
            author,
            org,
            measure: m1,
            year,
            conclusion: "Охват диагностикой вырос; в МКШ остаётся ниже, чем в городских школах".into(),
            corrections: "Сохранить цель; добавить выездную диагностику для МКШ".into(),
        }
        .into(),
    );
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Director,
    TeachingDeputy,
    Teacher,
    Left,
}

struct Staff {
    id: PersonId,
    young: bool,
    experienced: bool,
    subjects: Vec<String>,
    employed: bool,
}

struct Gen<'r> {
    rng: &'r mut Rng,
    school: OrgId,
    today: NaiveDate,
    out: Vec<AnyRecord>,
    staff: Vec<Staff>,
}

impl Gen<'_> {
    fn id<T>(&mut self, f: impl FnOnce(Uuid) -> T) -> T {
        f(self.rng.uuid())
    }

    /// An id made from the school and `what`, without drawing from the generator: the records added last
    /// leave every other record of the demo (and of the next school) as it was.
    fn fixed_id<T>(&self, what: &str, f: impl FnOnce(Uuid) -> T) -> T {
        f(fixed_uuid(self.school, what))
    }

    /// The school's methodological associations (one per ШМО its people belong to) with the current year's
    /// five meetings — those already past held, most members present — and a list of teachers nominated for
    /// courses next month (seed 001: «Планы работы РМО», «направление на обучение»).
    fn associations_and_lists(&mut self) {
        let topics = [
            ("02.09", "Анализ работы за прошлый год и план на учебный год\nРабочие программы по предметам"),
            ("05.11", "Итоги диагностики профессиональных дефицитов\nИндивидуальные образовательные маршруты"),
            ("15.01", "Формирующее оценивание на уроке: обмен опытом\nОткрытые уроки"),
            ("25.03", "Подготовка к ГИА: анализ пробных работ"),
            ("20.05", "Итоги года; предложения в план курсовой подготовки"),
        ];
        let made = associations_of(
            self.school,
            &self.out,
            (CommunityKind::SchoolAssociation, Level::School),
            &topics,
            "руководитель ШМО",
            self.today,
        );
        self.out.extend(made);
        // Three teachers of the staff nominated for courses from the 10th of the month after next.
        let teaching: std::collections::HashSet<PersonId> = self
            .out
            .iter()
            .filter_map(|r| match r {
                AnyRecord::Person(p) if p.pedagogical && !p.management => Some(p.id),
                _ => None,
            })
            .collect();
        let teachers: Vec<PersonId> = self
            .out
            .iter()
            .filter_map(|r| match r {
                AnyRecord::Employment(e) if e.end.is_none() && teaching.contains(&e.person) => Some(e.person),
                _ => None,
            })
            .step_by(4)
            .take(3)
            .collect();
        let group = self.fixed_id("nomination", GroupId);
        let next = |d: NaiveDate| d.with_day(1).and_then(|d| d.checked_add_months(chrono::Months::new(1)));
        let Some(start) = next(self.today).and_then(next).and_then(|d| d.with_day(10)) else { return };
        for (i, person) in teachers.into_iter().enumerate() {
            self.out.push(
                Nomination {
                    id: self.fixed_id(&format!("nomination|{i}"), NominationId),
                    author: self.school,
                    person,
                    group: Some(group),
                    kind: NominationKind::Course,
                    title: "Формирующее оценивание на уроке".into(),
                    date: start,
                    end: Some(start + chrono::Duration::days(14)),
                    level: Level::Regional,
                    provider: "ИРО".into(),
                    hours: 36,
                    done: false,
                }
                .into(),
            );
        }
    }

    /// The school's own targets for two indicators and a survey result it keeps by year (seed 002's
    /// «готовность педагогов …»).
    fn targets_and_survey(&mut self) {
        let now = SchoolYear::of(self.today);
        for (indicator, base) in [("category_high", 50.0), ("diag_done", 70.0)] {
            for k in 0..6 {
                let t = Target {
                    id: self.id(TargetId),
                    author: self.school,
                    org: self.school,
                    indicator: indicator.into(),
                    year: SchoolYear(now.0 - 4 + k),
                    value: base + 5.0 * f64::from(k),
                };
                self.out.push(t.into());
            }
        }
        let mut values = Vec::new();
        let mut level = self.rng.range(35, 55) as f64;
        for k in 0..5 {
            values.push(EnteredValue { year: SchoolYear(now.0 - 4 + k), value: level });
            level = (level + self.rng.range(2, 9) as f64).min(100.0);
        }
        let id = self.id(EnteredIndicatorId);
        let code = EnteredIndicator {
            id,
            author: self.school,
            org: self.school,
            title: "Готовность педагогов к построению образовательной деятельности на основе инновационных технологий"
                .into(),
            source: "анкетирование педагогов (ежегодное)".into(),
            unit: "%".into(),
            values,
        };
        let target_code = code.code();
        self.out.push(code.into());
        for k in 0..6 {
            let t = Target {
                id: self.id(TargetId),
                author: self.school,
                org: self.school,
                indicator: target_code.clone(),
                year: SchoolYear(now.0 - 4 + k),
                value: 50.0 + 6.0 * f64::from(k),
            };
            self.out.push(t.into());
        }
    }

    fn years_back(&self) -> SchoolYear {
        SchoolYear::of(self.today).prev().prev().prev().prev().prev()
    }

    fn person(&mut self, role: Role) {
        let today = self.today;
        let female = self.rng.chance(0.82);
        let young = role == Role::Teacher && self.rng.chance(0.14);
        let age = if young {
            self.rng.range(22, 30)
        } else {
            // Most staff are 40–60: a sum of two draws centres the distribution.
            let a = self.rng.range(24, 66) + self.rng.range(30, 56);
            (a / 2).clamp(25, 70)
        };
        let birth = self.rng.date_around(add_years(today, -(age as i32)), -364, 0);
        let surname = self.rng.pick(MALE_SURNAMES).to_string();
        let (last_name, first_name, middle_name) = if female {
            let root = self.rng.pick(PATRONYMIC_ROOTS);
            (format!("{surname}а"), self.rng.pick(FEMALE_NAMES).to_string(), format!("{root}на"))
        } else {
            let root = self.rng.pick(PATRONYMIC_ROOTS);
            (surname, self.rng.pick(MALE_NAMES).to_string(), format!("{root}ич"))
        };
        let ped_start = if young {
            let years = self.rng.range(0, 2) as i32;
            self.rng.date_around(add_years(today, -years), -300, -10)
        } else {
            let start_age = self.rng.range(21, 26) as i32;
            add_years(birth, start_age) + chrono::Duration::days(self.rng.range(0, 300))
        };
        let ped_start = ped_start.min(today);
        let education = if self.rng.chance(0.8) {
            EducationLevel::HigherPedagogical
        } else if self.rng.chance(0.5) {
            EducationLevel::HigherOther
        } else {
            EducationLevel::VocationalPedagogical
        };
        let id = self.id(PersonId);
        let person = Person {
            id,
            author: self.school,
            school: self.school,
            last_name,
            first_name,
            middle_name,
            birth_date: Some(birth),
            sex: Some(if female { Sex::Female } else { Sex::Male }),
            education: Some(education),
            specialty: String::new(),
            qualification: String::new(),
            ped_experience_start: Some(ped_start),
            ped_experience_estimated: false,
            total_experience_start: Some(ped_start - chrono::Duration::days(self.rng.range(0, 700))),
            total_experience_estimated: false,
            pedagogical: role != Role::Director,
            management: matches!(role, Role::Director | Role::TeachingDeputy),
            phone: format!(
                "+7 9{:02} {:03}-{:02}-{:02}",
                self.rng.range(0, 99),
                self.rng.range(0, 999),
                self.rng.range(0, 99),
                self.rng.range(0, 99)
            ),
            email: String::new(),
            note: String::new(),
        };
        let full_name_for_email = person.last_name.clone();
        let _ = full_name_for_email;
        self.out.push(person.into());

        // Employment: hired at this school some time after the start of experience.
        let earliest = ped_start.max(add_years(today, -30));
        let span = (today - earliest).num_days().max(1);
        let mut hired = earliest + chrono::Duration::days(self.rng.range(0, span * 2 / 3));
        if young {
            hired = ped_start;
        }
        let left = if role == Role::Left {
            Some(
                self.rng
                    .date_around(today, -5 * 365, -30)
                    .max(hired + chrono::Duration::days(200))
                    .min(today - chrono::Duration::days(1)),
            )
        } else {
            None
        };
        if role != Role::Left && !young && self.rng.chance(0.05) {
            // An earlier period here before a break: a re-hire.
            let first_end = hired - chrono::Duration::days(self.rng.range(200, 900));
            let first_start = first_end - chrono::Duration::days(self.rng.range(365, 2000));
            if first_start > ped_start {
                let eid = self.id(EmploymentId);
                self.out.push(
                    Employment {
                        id: eid,
                        author: self.school,
                        person: id,
                        start: first_start,
                        end: Some(first_end),
                        end_reason: "по собственному желанию".into(),
                        start_unknown: false,
                    }
                    .into(),
                );
            }
        }
        let eid = self.id(EmploymentId);
        self.out.push(
            Employment {
                id: eid,
                author: self.school,
                person: id,
                start: hired,
                end: left,
                end_reason: if left.is_some() {
                    self.rng
                        .pick(&["по собственному желанию", "переезд", "выход на пенсию", "перевод в другую ОО"])
                        .to_string()
                } else {
                    String::new()
                },
                start_unknown: false,
            }
            .into(),
        );
        let last_day = left.unwrap_or(today);

        // A few are on childcare leave now or were recently.
        if female && age < 40 && role == Role::Teacher && self.rng.chance(0.12) {
            let start = self.rng.date_around(today, -900, -60).max(hired);
            let end = if self.rng.chance(0.5) {
                None
            } else {
                Some((start + chrono::Duration::days(self.rng.range(200, 700))).min(today))
            };
            let aid = self.id(AbsenceId);
            self.out.push(
                Absence {
                    id: aid,
                    author: self.school,
                    person: id,
                    kind: AbsenceKind::ChildCare,
                    start,
                    end,
                    note: String::new(),
                }
                .into(),
            );
        }

        // Yearly assignments.
        let subjects = self.subjects_for(role);
        let positions: Vec<String> = match role {
            Role::Director => vec!["директор".into()],
            Role::TeachingDeputy => vec!["заместитель директора по УВР".into(), "учитель".into()],
            _ => vec![self.position_for(&subjects)],
        };
        let matches = education.is_pedagogical() || self.rng.chance(0.3);
        let mut year = self.years_back();
        while year <= SchoolYear::of(today) {
            if year.first_day() <= last_day && year.last_day() >= hired && role != Role::Director {
                let base: f32 = match role {
                    Role::TeachingDeputy => 9.0,
                    _ => self.rng.range(14, 34) as f32,
                };
                let load =
                    if role == Role::Teacher && self.rng.chance(0.07) { self.rng.range(37, 42) as f32 } else { base };
                let n = subjects.len().max(1) as f32;
                let subject_loads = subjects
                    .iter()
                    .enumerate()
                    .map(|(i, s)| SubjectLoad {
                        subject: s.clone(),
                        hours: (load / n).round(),
                        education_match: Some(matches || i > 0 && self.rng.chance(0.5)),
                    })
                    .collect();
                let asid = self.id(AssignmentId);
                self.out.push(
                    Assignment {
                        id: asid,
                        author: self.school,
                        person: id,
                        year,
                        positions: positions.clone(),
                        subjects: subject_loads,
                        load_hours: load,
                    }
                    .into(),
                );
            }
            year = year.next();
        }

        let mut experience_years = crate::domain::rules::experience_on(ped_start, today);
        if role == Role::Director {
            experience_years = experience_years.max(10);
        }
        self.attestations(id, hired, ped_start, last_day, experience_years, young);
        self.courses(id, hired.max(add_years(today, -7)), last_day, role);
        if role != Role::Director {
            self.growth(id, &subjects, hired, last_day, young);
        }
        self.staff.push(Staff {
            id,
            young,
            experienced: experience_years >= 10,
            subjects,
            employed: role != Role::Left,
        });
    }

    fn subjects_for(&mut self, role: Role) -> Vec<String> {
        if role == Role::Director {
            return Vec::new();
        }
        if role == Role::Teacher && self.rng.chance(0.18) {
            return vec!["начальные классы".into()];
        }
        if role == Role::Teacher && self.rng.chance(0.08) {
            return Vec::new(); // психолог, логопед, педагог доп. образования …
        }
        let total: u32 = SUBJECTS.iter().map(|s| s.1).sum();
        let mut roll = self.rng.range(0, i64::from(total) - 1) as u32;
        let mut first = SUBJECTS[0].0;
        for (s, w) in SUBJECTS {
            if roll < *w {
                first = s;
                break;
            }
            roll -= w;
        }
        let mut out = vec![first.to_string()];
        if let Some(c) = companion(first)
            && self.rng.chance(0.7)
        {
            out.push(c.into());
        }
        if self.rng.chance(0.05) {
            out.push("ОДНКНР".into());
        }
        out
    }

    fn position_for(&mut self, subjects: &[String]) -> String {
        if subjects.iter().any(|s| s == "начальные классы") {
            return "учитель начальных классов".into();
        }
        if subjects.is_empty() {
            return self
                .rng
                .pick(&[
                    "педагог-психолог",
                    "социальный педагог",
                    "учитель-логопед",
                    "педагог дополнительного образования",
                    "советник директора по воспитанию и взаимодействию с детскими общественными объединениями",
                    "педагог-библиотекарь",
                ])
                .to_string();
        }
        "учитель".into()
    }

    fn attestations(
        &mut self,
        id: PersonId,
        hired: NaiveDate,
        ped_start: NaiveDate,
        last_day: NaiveDate,
        experience: i32,
        young: bool,
    ) {
        let today = self.today;
        if young || experience < 2 {
            return;
        }
        let roll = self.rng.range(0, 99);
        // The current result: its decision falls in the last five years, so expiries spread over the next.
        let current = match roll {
            0..=39 => Some(Category::Highest),
            40..=74 => Some(Category::First),
            75..=86 => Some(Category::PositionConformity),
            _ => None,
        };
        let Some(result) = current else {
            // Some without a category had one that expired.
            if self.rng.chance(0.4) {
                let decision = self.rng.date_around(today, -9 * 365, -5 * 365 - 30).max(add_years(ped_start, 2));
                if decision <= today && add_years(decision, 5) <= today {
                    self.attestation(id, Category::First, decision);
                }
            }
            return;
        };
        let latest = last_day.min(today);
        let mut decision = self.rng.date_around(latest, -5 * 365 + 20, -20);
        decision = decision.max(add_years(ped_start, 2)).min(latest);
        if result == Category::PositionConformity {
            decision = decision.max(add_years(hired, 2)).min(latest);
        }
        // A high category usually followed an earlier first one (at least 2 years before).
        if result == Category::Highest {
            let earlier = add_years(decision, -5);
            if earlier >= add_years(ped_start, 2) {
                self.attestation(id, Category::First, earlier);
            } else {
                self.attestation(id, Category::First, add_years(decision, -2).max(ped_start));
            }
            if experience >= 20 && self.rng.chance(0.06) {
                let q = add_months(decision, 6).min(today);
                let qualification = *self.rng.pick(&[Category::Methodist, Category::Mentor]);
                self.attestation(id, qualification, q);
            }
        }
        self.attestation(id, result, decision);
    }

    fn attestation(&mut self, person: PersonId, result: Category, decision: NaiveDate) {
        let aid = self.id(AttestationId);
        let order_date = decision + chrono::Duration::days(self.rng.range(3, 25));
        let recommendations = result.is_category() && self.rng.chance(0.3);
        self.out.push(
            Attestation {
                id: aid,
                author: self.school,
                person,
                result,
                decision_date: decision,
                order_date: Some(order_date.min(self.today)),
                order_number: format!("{}-атт", self.rng.range(10, 999)),
                body: Some(if result == Category::PositionConformity {
                    AttestationBody::School
                } else {
                    AttestationBody::Regional
                }),
                position: "учитель".into(),
                recommendations,
                recommendations_text: if recommendations {
                    "Освоить технологии формирующего оценивания; принять участие в профессиональном конкурсе".into()
                } else {
                    String::new()
                },
            }
            .into(),
        );
    }

    fn courses(&mut self, person: PersonId, from: NaiveDate, to: NaiveDate, role: Role) {
        let today = self.today;
        let to = to.min(today);
        if to <= from {
            return;
        }
        // About one in six has no course in the last three years.
        let lazy = self.rng.chance(0.17);
        let n = self.rng.range(1, 4);
        for _ in 0..n {
            let mut end = self.rng.date_around(to, -((to - from).num_days()), 0);
            if lazy && end > add_years(today, -3) {
                end = add_years(today, -3) - chrono::Duration::days(self.rng.range(1, 500));
                if end < from {
                    continue;
                }
            }
            let retraining = self.rng.chance(0.06);
            let hours = if retraining {
                *self.rng.pick(&[250u32, 300, 520])
            } else {
                *self.rng.pick(&[16u32, 24, 36, 36, 72, 72, 108])
            };
            let days = i64::from(hours / 6).max(3);
            let cid = self.id(CourseId);
            let title = if role == Role::Director || role == Role::TeachingDeputy && self.rng.chance(0.4) {
                "Управление образовательной организацией в современных условиях".to_string()
            } else {
                self.rng.pick(COURSE_TITLES).to_string()
            };
            let fgos = title.contains("ФГОС") || title.contains("ФОП") || self.rng.chance(0.2);
            let gifted = title.contains("одарён");
            self.out.push(
                Course {
                    id: cid,
                    author: self.school,
                    person,
                    group: None,
                    title,
                    provider: self.rng.pick(PROVIDERS).to_string(),
                    kind: if retraining { CourseKind::Retraining } else { CourseKind::Upgrade },
                    hours,
                    start: Some(end - chrono::Duration::days(days)),
                    end,
                    form: Some(*self.rng.pick(CourseForm::ALL)),
                    document_kind: if retraining { "диплом".into() } else { "удостоверение".into() },
                    document_number: format!("{:06}", self.rng.range(1, 999_999)),
                    document_date: Some(end),
                    federal_register: self.rng.chance(0.45),
                    fgos,
                    gifted,
                    priority_program: self.rng.chance(0.2),
                    diagnostic: None,
                    pedagogical_orientation: retraining && self.rng.chance(0.7),
                    staff_shortage: retraining && self.rng.chance(0.3),
                    final_assessment_passed: Some(true),
                    subject: String::new(),
                }
                .into(),
            );
        }
    }

    fn growth(&mut self, person: PersonId, subjects: &[String], hired: NaiveDate, last_day: NaiveDate, young: bool) {
        let today = self.today;
        let last_day = last_day.min(today);
        // Diagnostics: about 60 % took one in the last years.
        let mut diagnostic: Option<(DiagnosticId, NaiveDate, Vec<String>)> = None;
        let diag_count = if self.rng.chance(0.6) { self.rng.range(1, 2) } else { 0 };
        for _ in 0..diag_count {
            let date = self.rng.date_around(last_day, -4 * 365, -10).max(hired);
            if date > last_day {
                continue;
            }
            let level = *self.rng.pick(&[
                DiagnosticLevel::BelowBasic,
                DiagnosticLevel::Basic,
                DiagnosticLevel::Basic,
                DiagnosticLevel::Advanced,
                DiagnosticLevel::Advanced,
                DiagnosticLevel::High,
            ]);
            let deficits: Vec<String> = if level <= DiagnosticLevel::Basic || self.rng.chance(0.3) {
                let n = self.rng.range(1, 3);
                let mut d: Vec<String> = (0..n).map(|_| self.rng.pick(DEFICITS).to_string()).collect();
                d.sort();
                d.dedup();
                d
            } else {
                Vec::new()
            };
            let did = self.id(DiagnosticId);
            let max = 40.0;
            let score = match level {
                DiagnosticLevel::BelowBasic => self.rng.range(5, 15),
                DiagnosticLevel::Basic => self.rng.range(16, 25),
                DiagnosticLevel::Advanced => self.rng.range(26, 34),
                DiagnosticLevel::High => self.rng.range(35, 40),
            } as f32;
            self.out.push(
                Diagnostic {
                    id: did,
                    author: self.school,
                    person,
                    group: None,
                    date,
                    kind: *self.rng.pick(&[
                        DiagnosticKind::Municipal,
                        DiagnosticKind::RegionalInput,
                        DiagnosticKind::SubjectCompetence,
                        DiagnosticKind::SelfAssessment,
                    ]),
                    subject: subjects.first().cloned().unwrap_or_default(),
                    level: Some(level),
                    score: Some(score),
                    max_score: Some(max),
                    deficits: deficits.clone(),
                    recommendations: if deficits.is_empty() {
                        String::new()
                    } else {
                        "Включить в ИОМ мероприятия по устранению дефицитов".into()
                    },
                }
                .into(),
            );
            if !deficits.is_empty() {
                diagnostic = Some((did, date, deficits));
            }
        }
        // Routes: most teachers with deficits get one; some are behind schedule.
        if let Some((did, date, deficits)) = diagnostic
            && self.rng.chance(0.75)
        {
            let start = date + chrono::Duration::days(self.rng.range(10, 40));
            if start <= today {
                let end = add_years(start, 1);
                let mut steps = Vec::new();
                for i in 0..self.rng.range(3, 6) {
                    let planned = add_months(start, (i as i32 + 1) * 2);
                    let kind = *self.rng.pick(&[
                        StepKind::Course,
                        StepKind::Seminar,
                        StepKind::SelfStudy,
                        StepKind::LessonVisits,
                        StepKind::OpenLesson,
                        StepKind::MasterClass,
                    ]);
                    let (status, done) = if planned < today && self.rng.chance(0.75) {
                        (StepStatus::Done, Some(planned.min(today)))
                    } else if planned < today && self.rng.chance(0.3) {
                        (StepStatus::Postponed, None)
                    } else {
                        (StepStatus::Planned, None)
                    };
                    let sid = self.id(RouteStepId);
                    steps.push(RouteStep {
                        id: sid,
                        kind,
                        title: format!("{}: {}", kind.label(), self.rng.pick(SEMINARS)),
                        planned: Some(planned),
                        done,
                        status,
                        evidence: if done.is_some() {
                            "справка / сертификат".into()
                        } else {
                            String::new()
                        },
                        // No draw of the generator: the same seed gives the same data as before.
                        expected: match kind {
                            StepKind::Course => "удостоверение о повышении квалификации, приёмы в уроках".into(),
                            StepKind::OpenLesson | StepKind::MasterClass => {
                                "проведённое занятие и его самоанализ".into()
                            }
                            StepKind::Publication => "опубликованная статья".into(),
                            _ => "освоенные приёмы, применённые на уроках".into(),
                        },
                    });
                }
                let all_done = steps.iter().all(|s| s.status == StepStatus::Done);
                let status = if end < today {
                    if all_done { RouteStatus::Completed } else { RouteStatus::Failed }
                } else {
                    RouteStatus::Running
                };
                let rid = self.id(RouteId);
                let curator =
                    if self.rng.chance(0.6) { "руководитель ШМО".to_string() } else { String::new() };
                self.out.push(
                    Route {
                        id: rid,
                        author: self.school,
                        person,
                        start,
                        end: Some(end),
                        basis_diagnostic: Some(did),
                        basis_attestation: None,
                        basis_request: String::new(),
                        goal: String::new(),
                        tasks: String::new(),
                        deficits,
                        curator,
                        methodical_support: self.rng.chance(0.5),
                        status,
                        steps,
                    }
                    .into(),
                );
            }
        }
        // Contests, expert work, communities.
        if self.rng.chance(if young { 0.3 } else { 0.18 }) {
            let cid = self.id(ContestId);
            let name = if young {
                "Педагогический дебют".to_string()
            } else {
                self.rng.pick(CONTESTS).to_string()
            };
            let date = self.rng.date_around(last_day, -3 * 365, -5).max(hired);
            self.out.push(
                Contest {
                    id: cid,
                    author: self.school,
                    person,
                    group: None,
                    name,
                    date,
                    level: *self.rng.pick(&[
                        Level::School,
                        Level::Municipal,
                        Level::Municipal,
                        Level::Regional,
                        Level::National,
                    ]),
                    result: *self.rng.pick(ContestResult::ALL),
                }
                .into(),
            );
        }
        if !young && self.rng.chance(0.12) {
            let eid = self.id(ExpertWorkId);
            let date = self.rng.date_around(last_day, -3 * 365, -5).max(hired);
            self.out.push(
                ExpertWork {
                    id: eid,
                    author: self.school,
                    person,
                    role: self
                        .rng
                        .pick(&[
                            "эксперт предметной комиссии ГИА",
                            "член жюри олимпиады",
                            "эксперт конкурсных материалов",
                            "член аттестационной комиссии",
                        ])
                        .to_string(),
                    description: String::new(),
                    date,
                    end: None,
                    level: *self.rng.pick(&[Level::Municipal, Level::Regional]),
                }
                .into(),
            );
        }
        if let Some(subject) = subjects.first() {
            let cid = self.id(CommunityId);
            self.out.push(
                Community {
                    id: cid,
                    author: self.school,
                    person,
                    name: format!("ШМО: {subject}"),
                    kind: CommunityKind::SchoolAssociation,
                    role: if self.rng.chance(0.12) { CommunityRole::Leader } else { CommunityRole::Member },
                    level: Level::School,
                    start: hired.max(add_years(today, -6)),
                    end: if last_day < today { Some(last_day) } else { None },
                }
                .into(),
            );
            if self.rng.chance(0.2) {
                let cid = self.id(CommunityId);
                self.out.push(
                    Community {
                        id: cid,
                        author: self.school,
                        person,
                        name: format!("РМО учителей: {subject}"),
                        kind: CommunityKind::MunicipalAssociation,
                        role: CommunityRole::Member,
                        level: Level::Municipal,
                        start: self.rng.date_around(last_day, -4 * 365, -30).max(hired),
                        end: None,
                    }
                    .into(),
                );
            }
        }
        if self.rng.chance(0.1) {
            let eid = self.id(EventId);
            let date = self.rng.date_around(last_day, -2 * 365, -5).max(hired);
            self.out.push(
                Event {
                    id: eid,
                    author: self.school,
                    person,
                    group: None,
                    title: "Статья в сборнике материалов конференции".into(),
                    kind: EventKind::Publication,
                    date,
                    level: Level::Regional,
                    role: EventRole::Author,
                }
                .into(),
            );
        }
    }

    fn mentoring(&mut self) {
        let today = self.today;
        let mentors: Vec<PersonId> = self.staff.iter().filter(|s| s.experienced && s.employed).map(|s| s.id).collect();
        if mentors.is_empty() {
            return;
        }
        let young: Vec<PersonId> = self.staff.iter().filter(|s| s.young && s.employed).map(|s| s.id).collect();
        for mentee in young {
            // Three in four young teachers have a mentor.
            if !self.rng.chance(0.75) {
                continue;
            }
            let mentor = *self.rng.pick(&mentors);
            let mid = self.id(MentorshipId);
            let start = self.rng.date_around(today, -300, -20);
            self.out.push(
                Mentorship {
                    id: mid,
                    author: self.school,
                    mentor: Some(mentor),
                    mentor_name: String::new(),
                    mentee,
                    level: MentorshipLevel::School,
                    form: "педагог – молодой специалист".into(),
                    program: "Программа наставничества «Первые шаги в профессии»".into(),
                    order_number: format!("{}-од", self.rng.range(10, 300)),
                    order_date: Some(start),
                    start,
                    end: Some(add_years(start, 1)),
                    result: String::new(),
                }
                .into(),
            );
        }
    }

    /// Seminars and school events entered once for many participants (one group id).
    fn group_events(&mut self) {
        let today = self.today;
        let employed: Vec<(PersonId, bool)> =
            self.staff.iter().filter(|s| s.employed).map(|s| (s.id, s.young)).collect();
        if employed.is_empty() {
            return;
        }
        for year_back in 0..3 {
            let base = add_years(today, -year_back);
            for (title, kind) in [
                (*self.rng.pick(SEMINARS), EventKind::Seminar),
                ("Профилактика профессионального выгорания педагогов", EventKind::BurnoutPrevention),
            ] {
                let group = self.id(GroupId);
                let date = self.rng.date_around(base, -300, -10);
                let level = if kind == EventKind::Seminar {
                    *self.rng.pick(&[Level::School, Level::Municipal, Level::Regional])
                } else {
                    Level::School
                };
                for (person, _) in employed.clone() {
                    if !self.rng.chance(0.35) {
                        continue;
                    }
                    let eid = self.id(EventId);
                    let role = if self.rng.chance(0.08) { EventRole::Speaker } else { EventRole::Participant };
                    self.out.push(
                        Event {
                            id: eid,
                            author: self.school,
                            person,
                            group: Some(group),
                            title: title.into(),
                            kind,
                            date,
                            level,
                            role,
                        }
                        .into(),
                    );
                }
            }
            // The school of the young teacher.
            let group = self.id(GroupId);
            let date = self.rng.date_around(base, -300, -10);
            for (person, young) in employed.clone() {
                if young && self.rng.chance(0.7) {
                    let eid = self.id(EventId);
                    self.out.push(
                        Event {
                            id: eid,
                            author: self.school,
                            person,
                            group: Some(group),
                            title: "Школа молодого педагога".into(),
                            kind: EventKind::YoungTeacherSchool,
                            date,
                            level: Level::Municipal,
                            role: EventRole::Participant,
                        }
                        .into(),
                    );
                }
            }
        }
        let _ = self.staff.iter().map(|s| s.subjects.len()).sum::<usize>();
    }

    fn vacancies(&mut self) {
        let today = self.today;
        for _ in 0..self.rng.range(1, 4) {
            let vid = self.id(VacancyId);
            let opened = self.rng.date_around(today, -700, -10);
            let closed = if self.rng.chance(0.4) {
                Some(opened + chrono::Duration::days(self.rng.range(20, 200))).filter(|d| *d <= today)
            } else {
                None
            };
            let (position, subject) = *self.rng.pick(&[
                ("учитель", "математика"),
                ("учитель", "иностранный язык (английский)"),
                ("учитель", "физика"),
                ("педагог-психолог", ""),
                ("учитель начальных классов", "начальные классы"),
                ("учитель-логопед", ""),
            ]);
            self.out.push(
                Vacancy {
                    id: vid,
                    author: self.school,
                    school: self.school,
                    position: position.into(),
                    subject: subject.into(),
                    hours: self.rng.range(9, 27) as f32,
                    opened,
                    closed,
                }
                .into(),
            );
        }
        let leaders: Vec<PersonId> =
            self.staff.iter().filter(|s| s.experienced && s.employed).map(|s| s.id).take(40).collect();
        for _ in 0..self.rng.range(1, 3) {
            if leaders.is_empty() {
                break;
            }
            let person = *self.rng.pick(&leaders);
            let rid = self.id(ReserveId);
            let date = self.rng.date_around(today, -600, -10);
            self.out.push(
                Reserve {
                    id: rid,
                    author: self.school,
                    person,
                    position: "заместитель директора по УВР".into(),
                    date,
                    status: *self.rng.pick(&[ReserveStatus::Proposed, ReserveStatus::Included]),
                }
                .into(),
            );
        }
        let _ = today.year();
    }
}

const SCHOOL_KINDS: &[(&str, &str, i64, i64)] = &[
    ("СОШ", "Средняя общеобразовательная школа", 35, 90),
    ("гимназия", "Гимназия", 50, 100),
    ("лицей", "Лицей", 45, 90),
    ("ООШ", "Основная общеобразовательная школа", 15, 30),
    ("малокомплектная школа (МКШ)", "Малокомплектная школа", 8, 16),
    ("СОШ с углублённым изучением предметов", "Средняя школа с углублённым изучением отдельных предметов", 50, 110),
];

/// Plans `count` schools of different clusters and sizes for a municipal demo.
pub fn municipal_plan(rng: &mut Rng, municipality: &str, count: usize) -> Vec<SchoolPlan> {
    (0..count)
        .map(|i| {
            let (cluster, title, lo, hi) = *rng.pick(SCHOOL_KINDS);
            let n = i + 1;
            let id = OrgId(rng.uuid());
            let name = format!("Муниципальное общеобразовательное учреждение «{title} № {n}»");
            SchoolPlan {
                school: Organisation {
                    id,
                    role: OrgRole::School,
                    name,
                    short_name: format!("{} № {n}", if cluster.starts_with("малокомплект") { "МКШ" } else { cluster }),
                    code: format!("{:03}", n),
                    municipality: municipality.into(),
                    cluster: cluster.into(),
                    mentoring_model: rng.chance(0.6),
                    parent: None,
                },
                teachers: rng.range(lo, hi) as usize,
            }
        })
        .collect()
}
