//! The monitoring cycle (seeds 000, 001, 004): goals with their indicators, the analysis of a year
//! (findings the app proposes from the numbers, which the methodologist keeps or writes herself),
//! addressed recommendations, measures, management decisions, and the effect of each measure — its
//! indicators before and after.

use super::dataset::Dataset;
use super::dates::SchoolYear;
use super::ids::*;
use super::indicators::{self, Breakdown, Targets, Window};
use super::kinds::{AnyRecord, RecordKind};
use super::labels::{Addressee, DocumentKind};
use super::records::*;
use super::rules::RuleSettings;
use chrono::NaiveDate;

/// A new record of a cycle kind with the defaults a user would pick.
pub fn blank(kind: RecordKind, author: OrgId, today: NaiveDate) -> AnyRecord {
    let year = SchoolYear::of(today);
    let org = author;
    match kind {
        RecordKind::Goal => Goal {
            id: GoalId::new(),
            author,
            org,
            title: String::new(),
            justification: String::new(),
            regional_goal: String::new(),
            from: year,
            to: SchoolYear(year.0 + 4),
            indicators: Vec::new(),
            base: Vec::new(),
        }
        .into(),
        RecordKind::Finding => Finding {
            id: FindingId::new(),
            author,
            org,
            year,
            indicator: String::new(),
            scope: "all".into(),
            text: String::new(),
            factors: String::new(),
        }
        .into(),
        RecordKind::Recommendation => Recommendation {
            id: RecommendationId::new(),
            author,
            org,
            year,
            addressee: Addressee::MethodCentre,
            finding: None,
            text: String::new(),
            due: None,
        }
        .into(),
        RecordKind::Decision => Decision {
            id: DecisionId::new(),
            author,
            org,
            year,
            what: String::new(),
            by_whom: String::new(),
            date: today,
            document: String::new(),
            finding: None,
            measure: None,
        }
        .into(),
        RecordKind::Effect => Effect {
            id: EffectId::new(),
            author,
            org,
            measure: MeasureId::new(),
            year,
            conclusion: String::new(),
            corrections: String::new(),
        }
        .into(),
        RecordKind::Risk => {
            Risk { id: RiskId::new(), author, org, risk: String::new(), mitigation: String::new() }.into()
        }
        RecordKind::Order => Order {
            id: OrderId::new(),
            author,
            org,
            kind: super::labels::OrderKind::Other,
            number: String::new(),
            date: today,
            title: String::new(),
            preamble: String::new(),
            points: String::new(),
            signer_position: String::new(),
            signer: String::new(),
        }
        .into(),
        RecordKind::Association => Association {
            id: AssociationId::new(),
            author,
            org,
            name: String::new(),
            kind: super::labels::CommunityKind::SchoolAssociation,
            level: super::labels::Level::School,
            theme: String::new(),
            tasks: String::new(),
        }
        .into(),
        // The association is set by whoever opens the form (the meeting is added to one).
        RecordKind::Meeting => Meeting {
            id: MeetingId::new(),
            author,
            org,
            association: AssociationId(uuid::Uuid::nil()),
            date: today,
            topic: String::new(),
            speakers: String::new(),
            held: false,
            decisions: String::new(),
            group: GroupId::new(),
        }
        .into(),
        RecordKind::ScheduleItem => ScheduleItem {
            id: ScheduleItemId::new(),
            author,
            org,
            what: String::new(),
            when: String::new(),
            who: String::new(),
            result: String::new(),
        }
        .into(),
        _ => Measure {
            id: MeasureId::new(),
            author,
            org,
            year,
            title: String::new(),
            document_kind: DocumentKind::Order,
            document: String::new(),
            start: None,
            end: None,
            responsible: String::new(),
            participants: String::new(),
            event: String::new(),
            finding: None,
            indicators: Vec::new(),
        }
        .into(),
    }
}

/// How far below the whole a school must be (percentage points) to be named in a finding.
pub const FAR_BELOW_POINTS: f64 = 15.0;

/// The findings the numbers suggest for a year, for the methodologist to keep, edit or drop: every
/// indicator below its target; for each goal indicator, the schools far below the whole; the subjects with
/// the weakest course coverage. Nothing is stored.
pub fn propose_findings(
    data: &Dataset,
    settings: &RuleSettings,
    own: OrgId,
    year: SchoolYear,
    today: NaiveDate,
) -> Vec<Finding> {
    let window = Window::school_year(year, today);
    let all = indicators::compute_all(
        data,
        window,
        settings,
        &[Breakdown::None, Breakdown::School, Breakdown::Subject, Breakdown::Cluster],
    );
    let targets = Targets::new(data);
    let titles: std::collections::HashMap<&str, &str> =
        indicators::catalogue().into_iter().map(|d| (d.id, d.title)).collect();
    let finding = |indicator: &str, scope: &str, text: String| Finding {
        id: FindingId::new(),
        author: own,
        org: own,
        year,
        indicator: indicator.into(),
        scope: scope.into(),
        text,
        factors: String::new(),
    };
    let mut out = Vec::new();
    let whole: std::collections::HashMap<&str, &indicators::Value> =
        all[0].iter().filter(|v| v.scope == "all").map(|v| (v.id.as_str(), v)).collect();
    let school = (data.organisations.iter().find(|o| o.id == own)).filter(|o| o.role == super::OrgRole::School);
    let mut below: Vec<(&str, f64, f64)> = Vec::new();
    for (id, v) in &whole {
        let Some(p) = v.percent() else { continue };
        let Some((t, _)) = targets.get(id, year, school.map(|s| s.id)) else { continue };
        if indicators::target_met(id, Some(p), t) == Some(false) {
            below.push((id, p, t));
        }
    }
    below.sort_by(|a, b| a.0.cmp(b.0));
    for (id, p, t) in below {
        let sign = if indicators::lower_is_better(id) { "≤" } else { "≥" };
        out.push(finding(
            id,
            "all",
            format!(
                "Показатель «{}» — {} при цели {sign} {}: цель не достигнута.",
                titles.get(id).copied().unwrap_or(id),
                pct(p),
                pct(t)
            ),
        ));
    }
    // Schools far below the whole, for the goals' indicators (or the main ones without goals).
    let mut ids: Vec<&str> = data
        .goals
        .iter()
        .filter(|g| g.org == own && g.from <= year && year <= g.to)
        .flat_map(|g| g.indicators.iter().map(String::as_str))
        .collect();
    if ids.is_empty() {
        ids = vec!["course_3y", "category_high", "diag_done"];
    }
    ids.sort();
    ids.dedup();
    let names: std::collections::HashMap<&str, &str> =
        data.schools().map(|s| (s.code.as_str(), s.short_or_name())).collect();
    // By cluster (МКШ, гимназия …) first, as seed 001 asks, then by school.
    for (values, by) in [(&all[3], Breakdown::Cluster), (&all[1], Breakdown::School)] {
        for id in &ids {
            let id = *id;
            let Some(w) = whole.get(id).and_then(|v| v.percent()) else { continue };
            let mut far: Vec<(&str, f64)> = values
                .iter()
                .filter(|v| v.id == id && v.denominator > 0)
                .filter_map(|v| Some((v.scope.part(by)?, v.percent()?)))
                .filter(|(_, p)| {
                    if indicators::lower_is_better(id) { *p > w + FAR_BELOW_POINTS } else { *p < w - FAR_BELOW_POINTS }
                })
                .collect();
            far.sort_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal));
            for (key, p) in far {
                let who = if by == Breakdown::Cluster {
                    format!("Школы типа «{key}»")
                } else {
                    names.get(key).copied().unwrap_or(key).to_string()
                };
                out.push(finding(
                    id,
                    &format!("{}:{key}", by.prefix()),
                    format!(
                        "{who}: показатель «{}» — {} при {} в целом.",
                        titles.get(id).copied().unwrap_or(id),
                        pct(p),
                        pct(w)
                    ),
                ));
            }
        }
    }
    // The subjects with the weakest course coverage.
    if let Some(w) = whole.get("course_3y").and_then(|v| v.percent()) {
        let weak: Vec<String> = weakest_subjects(&all[2], w)
            .into_iter()
            .map(|(s, p, d)| format!("{s} — {} ({d} учителей)", pct(p)))
            .collect();
        if !weak.is_empty() {
            out.push(finding(
                "course_3y",
                "all",
                format!("Наименьший охват курсами ПК за 3 года по предметам: {}.", weak.join("; ")),
            ));
        }
    }
    out
}

/// The three subjects with the weakest course coverage in three years (`course_3y` by subject), of those
/// below `below` percent: (subject, percent, teachers), weakest first.
pub fn weakest_subjects(by_subject: &[indicators::Value], below: f64) -> Vec<(&str, f64, u64)> {
    let mut subjects: Vec<(&str, f64, u64)> = by_subject
        .iter()
        .filter(|v| v.id == "course_3y" && v.denominator > 0)
        .filter_map(|v| Some((v.scope.part(Breakdown::Subject)?, v.percent()?, v.denominator)))
        .collect();
    subjects.sort_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal));
    subjects.into_iter().take(3).filter(|(_, p, _)| *p < below).collect()
}

fn pct(p: f64) -> String {
    super::ru::percent(p)
}

/// One indicator of a measure before (the year before the measure) and after (its year).
#[derive(Clone, Debug, PartialEq)]
pub struct BeforeAfter {
    pub indicator: String,
    pub title: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
}

impl BeforeAfter {
    /// The change in percentage points.
    pub fn change(&self) -> Option<f64> {
        Some(self.after? - self.before?)
    }
}

/// The indicators of a measure before and after it, for the whole of this copy.
pub fn before_after(data: &Dataset, settings: &RuleSettings, measure: &Measure, today: NaiveDate) -> Vec<BeforeAfter> {
    let at = |y: SchoolYear| {
        indicators::compute(data, Window::school_year(y, today), settings, Breakdown::None)
            .into_iter()
            .filter(|v| v.scope == "all")
            .collect::<Vec<_>>()
    };
    let (before, after) = (at(SchoolYear(measure.year.0 - 1)), at(measure.year));
    measure
        .indicators
        .iter()
        .map(|id| {
            let find = |vs: &[indicators::Value]| vs.iter().find(|v| v.id == *id).and_then(indicators::Value::percent);
            let entered = data.entered.iter().find(|e| e.code() == *id);
            let entered_at = |y: SchoolYear| entered.and_then(|e| e.value_in(y));
            BeforeAfter {
                indicator: id.clone(),
                title: before
                    .iter()
                    .find(|v| v.id == *id)
                    .map(|v| v.title.clone())
                    .or_else(|| entered.map(|e| e.title.clone()))
                    .unwrap_or_else(|| id.clone()),
                before: find(&before).or_else(|| entered_at(SchoolYear(measure.year.0 - 1))),
                after: find(&after).or_else(|| entered_at(measure.year)),
            }
        })
        .collect()
}

/// The participants of a measure that is an event: the people with an event record of its title within
/// its dates.
pub fn participants(data: &Dataset, measure: &Measure) -> Vec<PersonId> {
    let title = measure.event.trim().to_lowercase();
    if title.is_empty() {
        return Vec::new();
    }
    let mut people: Vec<PersonId> = data
        .events
        .iter()
        .filter(|e| e.title.trim().to_lowercase() == title)
        .filter(|e| measure.start.is_none_or(|s| e.date >= s) && measure.end.is_none_or(|x| e.date <= x))
        .map(|e| e.person)
        .collect();
    people.sort();
    people.dedup();
    people
}

/// The monitoring schedule as the regulations set it, for an organisation that has not written its own:
/// (what, when, who, result). A school: seed 004's eight rows, «6. Периодичность мониторингов
/// показателей», with the months a school usually takes; a municipality: seed 001's rows of monitoring,
/// of the September lists and of the training deadlines («1 полугодие — до 20 декабря, 2 полугодие — до 1
/// июня»), of the June analysis and of the effectiveness (the seed's «Сроки» and «Документ»; its
/// methodologist's name becomes her position).
pub fn default_schedule(school: bool) -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
    const MUN: &str = "методист, руководители ОО";
    if school {
        let w = "заместитель директора по УВР";
        vec![
            (
                "Исследование профессиональных компетенций педагогических работников",
                "2 раза в год: сентябрь, май",
                w,
                "результаты диагностики, ИОМ",
            ),
            ("Аттестация педагогических работников", "1 раз в год: май", w, "перспективный план аттестации"),
            (
                "Повышение квалификации, профессиональная переподготовка",
                "1 раз в год: июнь",
                w,
                "перспективный план ПК",
            ),
            ("Участие в профессиональных конкурсах", "1 раз в год: май", w, "аналитическая справка"),
            (
                "Сетевое взаимодействие в рамках городских методических объединений",
                "1 раз в год: май",
                w,
                "аналитическая справка",
            ),
            (
                "Прохождение оценочных процедур в рекрутинг центре",
                "1 раз в год: июнь",
                "директор",
                "список кадрового резерва",
            ),
            ("Сохранность контингента молодых специалистов", "1 раз в год: сентябрь", w, "база молодых специалистов"),
            (
                "Вовлеченность в мероприятия молодых специалистов",
                "1 раз в год: сентябрь",
                w,
                "план работы с молодыми педагогами",
            ),
        ]
    } else {
        vec![
            (
                "Подготовка списков педагогов для участия в оценке предметных компетенций",
                "сентябрь",
                MUN,
                "сформированный список участников",
            ),
            (
                "Координация участия педагогов в обучающих мероприятиях (курсы ПК, семинары, конференции, конкурсы)",
                "1 полугодие — до 20 декабря, 2 полугодие — до 1 июня",
                MUN,
                "письмо о направлении на мероприятие, приказ об итогах обучающего мероприятия",
            ),
            (
                "Составление базы данных молодых педагогов (вновь назначенных), назначение наставников",
                "сентябрь – октябрь",
                MUN,
                "база данных молодых педагогов",
            ),
            (
                "Отбор педагогов для участия в экспертной деятельности, методических объединениях",
                "сентябрь – октябрь",
                MUN,
                "приказ о назначении руководителей РМО, тьюторов, экспертов",
            ),
            (
                "Мониторинг по выявлению профессиональных дефицитов педагогических работников",
                "апрель – май",
                MUN,
                "письмо о проведении мониторинга",
            ),
            ("Мониторинг выполнения всех позиций ИОМ", "апрель – май", MUN, "ИОМ"),
            (
                "Мониторинг программ наставничества и поддержки молодых педагогов",
                "август – сентябрь",
                MUN,
                "план работы с молодыми педагогами, план работы наставнического центра",
            ),
            (
                "Мониторинг деятельности руководителей РМО, тьюторов, экспертов (сетевое взаимодействие)",
                "декабрь, май",
                MUN,
                "планы работы РМО по предметам",
            ),
            ("Мониторинг выявления вакансий", "июнь – август", MUN, "база данных вакансий"),
            (
                "Анализ результатов, полученных по итогам диагностики",
                "апрель – май",
                MUN,
                "приказ о результатах диагностики",
            ),
            (
                "Координация выполнения всех позиций ИОМ, разработка программ наставничества, координация РМО",
                "июнь",
                MUN,
                "аналитическая справка, приказ об итогах, отчёты РМО",
            ),
            (
                "Форум «лучшие практики», поощрение тьюторов, наставников, руководителей РМО, экспертов; рейтинг «Вклад ОО»",
                "июль – сентябрь",
                MUN,
                "рейтинг «Вклад ОО»",
            ),
            (
                "Анализ эффективности принятых мер (качественный анализ достижения показателей)",
                "июль – сентябрь",
                MUN,
                "приказ о проведении анализа эффективности",
            ),
        ]
    }
}

/// The default schedule as records of `org`, to keep and edit.
pub fn default_items(org: OrgId, school: bool) -> Vec<ScheduleItem> {
    default_schedule(school)
        .into_iter()
        .map(|(what, when, who, result)| ScheduleItem {
            id: ScheduleItemId::new(),
            author: org,
            org,
            what: what.into(),
            when: when.into(),
            who: who.into(),
            result: result.into(),
        })
        .collect()
}

/// The schedule of `org`: its own lines, or the regulations' default while it has written none.
pub fn schedule_of(data: &Dataset, org: OrgId, school: bool) -> Vec<ScheduleItem> {
    let own: Vec<ScheduleItem> = data.schedule.iter().filter(|x| x.org == org).cloned().collect();
    if own.is_empty() { default_items(org, school) } else { own }
}

/// The month (1–12) a word names: «апрель», «апреля», «май», «мая» …
fn month_of(word: &str) -> Option<u32> {
    const STEMS: [&str; 12] =
        ["январ", "феврал", "март", "апрел", "май", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"];
    if word == "мая" {
        return Some(5);
    }
    STEMS.iter().position(|s| word.starts_with(s)).map(|i| i as u32 + 1)
}

/// The words of a text, lower-case, without punctuation (digits kept).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// The months (1–12, in order, once each) a «when» names: a list («декабрь, май»), a range («апрель – май»,
/// «сентябрь-октябрь», «сентябрь – июнь» across the new year), «ежеквартально» (March, June, September,
/// December), «ежемесячно» (every month), and the month of a deadline («до 20 декабря»).
pub fn months_of(when: &str) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    let lower = when.to_lowercase();
    if lower.contains("ежемесячно") {
        out.extend(1..=12);
    }
    if lower.contains("ежеквартально") {
        out.extend([3, 6, 9, 12]);
    }
    for part in lower.split([',', ';']) {
        let months: Vec<u32> = words(part).iter().filter_map(|w| month_of(w)).collect();
        let ranged = months.len() == 2 && part.contains(['-', '–', '—']) && !part.contains("до ");
        match months.as_slice() {
            [a, b] if ranged && a <= b => out.extend(*a..=*b),
            [a, b] if ranged => out.extend((*a..=12).chain(1..=*b)),
            _ => out.extend(months),
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The dated deadlines a «when» names: «до 20 декабря» → (20, 12).
pub fn deadlines_of(when: &str) -> Vec<(u32, u32)> {
    let w = words(when);
    w.windows(3)
        .filter(|x| x[0] == "до")
        .filter_map(|x| Some((x[1].parse::<u32>().ok()?, month_of(&x[2])?)))
        .filter(|(d, m)| NaiveDate::from_ymd_opt(2024, *m, *d).is_some())
        .collect()
}

/// A line of the schedule due: what, who, and the deadline when it has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Due {
    pub what: String,
    pub who: String,
    pub result: String,
    pub deadline: Option<NaiveDate>,
}

/// How many days before a dated deadline «Сегодня» starts to remind of it.
pub const DEADLINE_NOTICE_DAYS: i64 = 30;

/// The lines of a schedule due on `today` (for «Сегодня»): a line with dated deadlines when the next of
/// them is at most `DEADLINE_NOTICE_DAYS` away (with its date), any other line in the months it names.
/// The nearest deadlines first.
pub fn due(items: &[ScheduleItem], today: NaiveDate) -> Vec<Due> {
    use chrono::Datelike;
    let mut out: Vec<Due> = Vec::new();
    for x in items {
        let due = |deadline| Due { what: x.what.clone(), who: x.who.clone(), result: x.result.clone(), deadline };
        let deadlines = deadlines_of(&x.when);
        if deadlines.is_empty() {
            if months_of(&x.when).contains(&today.month()) {
                out.push(due(None));
            }
            continue;
        }
        let next = deadlines
            .iter()
            .filter_map(|(d, m)| {
                let this = NaiveDate::from_ymd_opt(today.year(), *m, *d)?;
                if this >= today { Some(this) } else { NaiveDate::from_ymd_opt(today.year() + 1, *m, *d) }
            })
            .min();
        if let Some(next) = next.filter(|n| (*n - today).num_days() <= DEADLINE_NOTICE_DAYS) {
            out.push(due(Some(next)));
        }
    }
    out.sort_by_key(|d| d.deadline.unwrap_or(NaiveDate::MAX));
    out
}
