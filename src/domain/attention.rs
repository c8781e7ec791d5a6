//! «Сегодня»: what needs attention on a date, as groups of people with a detail each. A pure function of
//! the records, the date and the thresholds.

use super::dataset::Dataset;
use super::dates::{add_months, fmt_date};
use super::ids::PersonId;
use super::rules::{CategoryState, RuleSettings, SzdStatus};
use chrono::NaiveDate;

/// One kind of thing that needs attention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Concern {
    ExpiringSoon,
    ExpiringLater,
    Expired,
    SzdDue,
    CoursesDue,
    YoungWithoutMentor,
    OverdueSteps,
    RoutesWithoutSteps,
    DeficitsWithoutRoute,
}

impl Concern {
    pub const ALL: &'static [Concern] = &[
        Self::ExpiringSoon,
        Self::ExpiringLater,
        Self::Expired,
        Self::SzdDue,
        Self::CoursesDue,
        Self::YoungWithoutMentor,
        Self::OverdueSteps,
        Self::RoutesWithoutSteps,
        Self::DeficitsWithoutRoute,
    ];
}

/// A person in a group, with what concerns them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub person: PersonId,
    pub name: String,
    pub detail: String,
}

/// One group of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub concern: Concern,
    pub title: String,
    pub items: Vec<Item>,
}

/// Months of the near warning horizon (the far one is the setting, 12 by default).
pub const NEAR_MONTHS: i32 = 6;

/// Everything that needs attention on `date` among the teachers employed then.
pub fn attention(data: &Dataset, date: NaiveDate, settings: &RuleSettings) -> Vec<Group> {
    let index = data.index();
    let near = add_months(date, NEAR_MONTHS);
    let far_months = settings.expiry_horizon_months.max(NEAR_MONTHS);
    let mut groups: Vec<Group> = Concern::ALL
        .iter()
        .map(|&concern| Group {
            concern,
            title: match concern {
                Concern::ExpiringSoon => format!("Категория истекает в ближайшие {NEAR_MONTHS} месяцев"),
                Concern::ExpiringLater => format!("Категория истекает через {NEAR_MONTHS}–{far_months} месяцев"),
                Concern::Expired => "Категория истекла".into(),
                Concern::SzdDue => "Нужна аттестация на соответствие занимаемой должности".into(),
                Concern::CoursesDue => format!("Нет курсов за {} года", settings.course_period_years),
                Concern::YoungWithoutMentor => "Молодые педагоги без наставника".into(),
                Concern::OverdueSteps => "Просроченные шаги ИОМ".into(),
                Concern::RoutesWithoutSteps => "ИОМ без шагов".into(),
                Concern::DeficitsWithoutRoute => "Выявлены дефициты, но нет ИОМ".into(),
            },
            items: Vec::new(),
        })
        .collect();
    let mut persons: Vec<_> = data.persons.iter().filter(|p| p.pedagogical).collect();
    // The name is made once per person (a key function is called at every comparison).
    persons.sort_by_cached_key(|p| p.full_name());
    // The category, СЗД, courses and the young teacher's mentor come from the person's one computed
    // state (as on the card, in the registers and in `uchrost teachers`); the horizon of «Сегодня» is
    // the far one.
    let horizon = RuleSettings { expiry_horizon_months: far_months, ..settings.clone() };
    for p in persons {
        let Some(r) = index.records(p.id) else { continue };
        let state = index.state(p, date, &horizon);
        if !state.employed {
            continue;
        }
        let mut add = |concern: Concern, detail: String| {
            if let Some(g) = groups.iter_mut().find(|g| g.concern == concern) {
                g.items.push(Item { person: p.id, name: state.full_name.clone(), detail });
            }
        };
        match state.category {
            CategoryState::Expiring { category, until, .. } => {
                let detail =
                    format!("{}: действует до {}, {}", category.label(), fmt_date(until), state.attestation_step(date));
                add(if until <= near { Concern::ExpiringSoon } else { Concern::ExpiringLater }, detail);
            }
            CategoryState::Expired { category, until } => {
                add(Concern::Expired, format!("{}: истекла {}", category.label(), fmt_date(until)));
            }
            _ => {}
        }
        if let SzdStatus::Due { .. } = state.szd {
            add(Concern::SzdDue, state.szd_label());
        }
        if state.courses.due {
            add(
                Concern::CoursesDue,
                match state.courses.last_end {
                    Some(last) => format!("последние курсы окончены {}", fmt_date(last)),
                    None => "курсов нет".into(),
                },
            );
        }
        if state.young_without_mentor {
            add(Concern::YoungWithoutMentor, "наставник не назначен".into());
        }
        let active_routes: Vec<_> =
            r.routes.iter().filter(|x| x.start <= date && x.end.is_none_or(|e| e >= date)).collect();
        let overdue: Vec<String> = active_routes
            .iter()
            .flat_map(|x| x.steps.iter())
            .filter(|s| s.overdue_on(date))
            .map(|s| format!("«{}» (срок {})", s.title, s.planned.map(fmt_date).unwrap_or_default()))
            .collect();
        if !overdue.is_empty() {
            add(Concern::OverdueSteps, overdue.join("; "));
        }
        if active_routes.iter().any(|x| x.steps.is_empty()) {
            add(Concern::RoutesWithoutSteps, "маршрут составлен, шаги не запланированы".into());
        }
        // The latest diagnostic with deficits, and no route started on or after it.
        if let Some(diag) =
            r.diagnostics.iter().filter(|d| !d.deficits.is_empty() && d.date <= date).max_by_key(|d| d.date)
            && !r.routes.iter().any(|x| x.basis_diagnostic == Some(diag.id) || x.start >= diag.date)
        {
            add(Concern::DeficitsWithoutRoute, format!("{} ({})", diag.deficits.join(", "), fmt_date(diag.date)));
        }
    }
    groups
}
