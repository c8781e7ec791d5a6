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

/// What is collected when: seed 004's periodicity for a school's methodological service, seed 001's months
/// for a municipality.
pub fn default_schedule(school: bool) -> Vec<(&'static str, &'static str)> {
    if school {
        vec![
            ("Диагностика профессиональных дефицитов педагогов", "2 раза в год: сентябрь, май"),
            ("Аттестация педагогических работников", "1 раз в год: май"),
            ("Повышение квалификации (курсы, переподготовка)", "1 раз в год: июнь"),
            ("Индивидуальные образовательные маршруты: ход реализации", "2 раза в год: декабрь, май"),
            ("Участие в профессиональных конкурсах", "1 раз в год: май"),
            ("Сетевое взаимодействие, методические объединения", "1 раз в год: май"),
            ("Наставничество и молодые педагоги", "1 раз в год: сентябрь"),
        ]
    } else {
        vec![
            ("Мониторинг по выявлению профессиональных дефицитов педагогических работников", "апрель – май"),
            ("Мониторинг ИОМ совершенствования профессионального мастерства", "май – июнь"),
            ("Мониторинг поддержки молодых педагогов и наставничества", "август – сентябрь"),
            ("Мониторинг сетевого взаимодействия педагогов (РМО, сообщества)", "май – июнь"),
            ("Мониторинг кадровых потребностей (вакансии, кадровый резерв)", "июнь – август"),
            ("Анализ эффективности принятых мер", "июль – сентябрь"),
        ]
    }
}

/// The items of the schedule due in the month of `date` (for Сегодня).
pub fn due_this_month(school: bool, date: NaiveDate) -> Vec<&'static str> {
    use chrono::Datelike;
    const MONTHS: [&str; 12] =
        ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"];
    // «март» is checked before «ма…» (май) because it comes first in the list.
    let month_of = |w: &str| MONTHS.iter().position(|x| w.starts_with(x));
    let now = date.month0() as usize;
    default_schedule(school)
        .into_iter()
        .filter(|(_, when)| {
            let months: Vec<usize> = when.split([' ', ',', ':']).filter_map(month_of).collect();
            // «апрель – май» is a range (across the new year too); «сентябрь, май» a list.
            match (when.contains('–'), months.as_slice()) {
                (true, [a, b]) if a <= b => (*a..=*b).contains(&now),
                (true, [a, b]) => now >= *a || now <= *b,
                _ => months.contains(&now),
            }
        })
        .map(|(what, _)| what)
        .collect()
}
