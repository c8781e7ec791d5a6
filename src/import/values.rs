//! Values as people write them in spreadsheets, each parser returning a Russian reason when it cannot
//! read the value.

use super::sheet::Cell;
use crate::domain::dates::add_years;
use crate::domain::*;
use chrono::NaiveDate;

/// Text normalised for comparing names and headers (see [`crate::domain::text::name_key`]).
pub use crate::domain::text::name_key as norm;

/// An Excel serial date (days since 30.12.1899) in a plausible range.
fn from_serial(n: f64) -> Option<NaiveDate> {
    if !(1.0..=100_000.0).contains(&n) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)
        .and_then(|base| base.checked_add_signed(chrono::Duration::days(n.trunc() as i64)))
}

/// Parses a date written as `дд.мм.гггг`, `д.м.гг`, `гггг-мм-дд`, an Excel serial number, or a date cell.
pub fn date(cell: &Cell) -> Result<Option<NaiveDate>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Number(n) => from_serial(*n).map(Some).ok_or_else(|| format!("«{n}» — не дата")),
        Cell::Text(t) => date_text(t).map(Some),
        Cell::Error(_) => Err(cell.error().unwrap_or_default()),
    }
}

/// Parses a date written as text: as people type it ([`crate::domain::dates::parse_typed`], the same as
/// the forms), or an Excel serial number that arrived as text (five digits).
pub fn date_text(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    if t.chars().all(|c| c.is_ascii_digit()) && t.len() == 5 {
        return t.parse::<f64>().ok().and_then(from_serial).ok_or_else(|| format!("«{t}» — не дата"));
    }
    crate::domain::dates::parse_typed(text)
}

/// A course period: «с 01.02.2021 по 15.02.2021», «01.02.2021 - 15.02.2021», or one date (the end).
pub fn period(cell: &Cell) -> Result<(Option<NaiveDate>, Option<NaiveDate>), String> {
    let Cell::Text(t) = cell else {
        return date(cell).map(|d| (None, d));
    };
    let lower = t.to_lowercase();
    let cleaned =
        lower.replace("с ", " ").replace(" по ", " ").replace(" до ", " ").replace(['—', '–'], " ").replace(" - ", " ");
    let dates: Vec<&str> = cleaned.split_whitespace().filter(|w| w.chars().any(|c| c.is_ascii_digit())).collect();
    match dates.as_slice() {
        [] => Err(format!("«{}» — не срок обучения", t.trim())),
        [one] => Ok((None, Some(date_text(one)?))),
        [a, b] => Ok((Some(date_text(a)?), Some(date_text(b)?))),
        _ => Err(format!("«{}» — не понятно, где начало и конец обучения", t.trim())),
    }
}

/// A category as written: «высшая», «ВКК», «1 кв. кат.», «первая», «соответствие», «СЗД», and the 2023
/// qualifications; an empty cell or «нет», «б/к» means none.
pub fn category(cell: &Cell) -> Result<Option<Category>, String> {
    let raw = cell.text();
    let t = norm(&raw).replace(['.', ','], " ");
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() || ["нет", "без категории", "б/к", "бк", "-", "—"].contains(&t.as_str()) {
        return Ok(None);
    }
    let has = |w: &str| t.contains(w);
    let result = if has("методист") {
        Category::Methodist
    } else if has("наставник") {
        Category::Mentor
    } else if has("высш") || t == "вкк" || t.starts_with("в кв") {
        Category::Highest
    } else if has("перв")
        || t == "1"
        || t == "1 кк"
        || t == "1кк"
        || t.starts_with("1 кв")
        || t.starts_with("i ")
        || t == "i"
    {
        Category::First
    } else if has("соответств") || has("сзд") {
        Category::PositionConformity
    } else {
        return Err(format!("«{}» — не категория (высшая, первая, СЗД …)", raw.trim()));
    };
    Ok(Some(result))
}

/// Hours: «72», «72 ч.», «72 часа».
pub fn hours(cell: &Cell) -> Result<Option<u32>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) if *n >= 0.0 && n.fract() == 0.0 => Ok(Some(*n as u32)),
        _ => {
            let raw = cell.text();
            let digits: String = raw.trim().chars().take_while(|c| c.is_ascii_digit()).collect();
            let rest = norm(&raw[digits.len()..]);
            if digits.is_empty()
                || !(rest.is_empty() || rest.starts_with('ч') || rest.starts_with("час") || rest.starts_with("ак"))
            {
                return Err(format!("«{}» — не число часов", raw.trim()));
            }
            digits.parse().map(Some).map_err(|_| format!("«{}» — не число часов", raw.trim()))
        }
    }
}

/// A decimal number (load hours, a score): «18», «18,5», «18.5 ч».
pub fn number(cell: &Cell) -> Result<Option<f32>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) => Ok(Some(*n as f32)),
        _ => {
            let raw = cell.text();
            let t: String =
                raw.trim().replace(',', ".").chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
            t.parse::<f32>().map(Some).map_err(|_| format!("«{}» — не число", raw.trim()))
        }
    }
}

/// Whether an experience cell's text is a date («01.09.2010»), not a number of years.
fn written_as_date(t: &str) -> bool {
    t.matches('.').count() == 2 && t.chars().filter(char::is_ascii_digit).count() >= 6
}

/// Experience as a start date and whether it is an estimate: a date written in the cell is exact; a
/// number of years («12», «12 лет», «12 л. 3 мес.») is counted back from `as_of` and is an estimate.
pub fn experience(cell: &Cell, as_of: NaiveDate) -> Result<Option<(NaiveDate, bool)>, String> {
    let exact = match cell {
        Cell::Date(_) => true,
        Cell::Number(n) => *n > 100.0,
        Cell::Text(t) => written_as_date(t),
        _ => false,
    };
    experience_start(cell, as_of).map(|d| d.map(|d| (d, !exact)))
}

/// Experience in years as a start date: «12», «12 лет», «12 л. 3 мес.» counted back from `as_of`; a
/// date is taken as the start itself.
pub fn experience_start(cell: &Cell, as_of: NaiveDate) -> Result<Option<NaiveDate>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Error(_) => Err(cell.error().unwrap_or_default()),
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Number(n) if *n > 100.0 => date(cell),
        Cell::Number(n) if *n >= 0.0 => Ok(Some(back(as_of, *n as i32, ((n.fract()) * 12.0).round() as i32))),
        Cell::Number(n) => Err(format!("«{n}» — стаж не может быть отрицательным")),
        Cell::Text(t) if written_as_date(t) => date_text(t).map(Some),
        Cell::Text(t) => {
            let numbers: Vec<i32> = t
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty())
                .filter_map(|s| s.parse().ok())
                .collect();
            let lower = t.to_lowercase();
            match numbers.as_slice() {
                [y] if *y <= 70 => Ok(Some(back(as_of, *y, 0))),
                [y, m] if *y <= 70 && *m < 12 && (lower.contains("мес") || lower.contains('м')) => {
                    Ok(Some(back(as_of, *y, *m)))
                }
                _ => Err(format!("«{}» — не стаж (ожидается число лет)", t.trim())),
            }
        }
    }
}

fn back(as_of: NaiveDate, years: i32, months: i32) -> NaiveDate {
    crate::domain::dates::add_months(add_years(as_of, -years), -months)
}

/// A list: subjects or positions separated by commas or semicolons (or line breaks).
pub fn list(cell: &Cell) -> Vec<String> {
    cell.text()
        .split([',', ';', '\n'])
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
        .collect()
}

/// A yes/no cell: «да», «+», «1», «есть» are yes.
pub fn yes(cell: &Cell) -> bool {
    matches!(norm(&cell.text()).as_str(), "да" | "+" | "1" | "есть" | "v" | "x" | "х" | "yes")
}

/// A yes/no cell with «not known» as empty: «да», «+», «1», «есть», «пройдена», «соответствует» are yes;
/// «нет», «-», «0», «не пройдена», «не соответствует» are no; anything else is an error of the row.
pub fn yes_no(cell: &Cell) -> Result<Option<bool>, String> {
    let t = norm(&cell.text());
    let t = t.trim_end_matches('.');
    if t.is_empty() {
        return Ok(None);
    }
    if t.starts_with("не ") || t.starts_with("нет") || matches!(t, "-" | "–" | "—" | "0" | "no" | "н") {
        return Ok(Some(false));
    }
    if matches!(t, "да" | "+" | "1" | "есть" | "v" | "x" | "х" | "yes" | "д" | "✓")
        || ["пройден", "соответств", "сдан", "зачтен", "выдан"].iter().any(|w| t.starts_with(w))
    {
        return Ok(Some(true));
    }
    Err(format!("«{}» — ожидается «да» или «нет»", cell.text()))
}

/// The kind of a long absence as staff lists write it.
pub fn absence_kind(cell: &Cell) -> Result<Option<AbsenceKind>, String> {
    let t = norm(&cell.text());
    if t.is_empty() {
        return Ok(None);
    }
    Ok(Some(if t.contains("уход") || t.contains("декрет") {
        AbsenceKind::ChildCare
    } else if t.contains("родам") || t.contains("бир") {
        AbsenceKind::Maternity
    } else if t.contains("беремен") {
        AbsenceKind::Pregnancy
    } else if t.contains("болезн") || t.contains("больничн") || t.contains("нетрудоспособ") {
        AbsenceKind::LongIllness
    } else {
        AbsenceKind::Other
    }))
}

/// Whether the education matches each subject: one «да»/«нет» for all, or per subject («математика —
/// да; физика — нет»). An empty cell, or a subject not named, is not known.
pub fn education_match(cell: &Cell, subjects: &[String]) -> Result<Vec<Option<bool>>, String> {
    let text = cell.text();
    if text.trim().is_empty() {
        return Ok(vec![None; subjects.len()]);
    }
    let parts: Vec<&str> = text.split([';', ',', '\n']).map(str::trim).filter(|p| !p.is_empty()).collect();
    let named = parts.iter().any(|p| p.contains(':') || p.contains('—') || p.contains(" - ") || p.contains('–'));
    if !named {
        let all = yes_no(&Cell::Text(text.clone()))?;
        return Ok(vec![all; subjects.len()]);
    }
    let mut out = vec![None; subjects.len()];
    for part in parts {
        let Some((subject, answer)) = part.split_once([':', '—', '–']).or_else(|| part.split_once(" - ")) else {
            return Err(format!("«{part}» — ожидается «предмет — да/нет»"));
        };
        let value = yes_no(&Cell::Text(answer.trim().to_string()))?;
        let i = subjects
            .iter()
            .position(|s| norm(s) == norm(subject))
            .ok_or_else(|| format!("предмет «{}» не указан в столбце предметов этой строки", subject.trim()))?;
        out[i] = value;
    }
    Ok(out)
}

/// Education as written in staff lists. «высшее» or «СПО» alone does not say whether the education is
/// pedagogical: nothing is guessed (None; the row says so in its preview, `education_unsaid`).
pub fn education(cell: &Cell) -> Result<Option<EducationLevel>, String> {
    let raw = cell.text();
    let t = norm(&raw);
    if t.is_empty() {
        return Ok(None);
    }
    let higher = t.starts_with("высш") || t.starts_with("во");
    if !(higher || t.starts_with("спо") || t.contains("средн") || t.contains("проф")) {
        return Err(format!("«{}» — не уровень образования (высшее, СПО …)", raw.trim()));
    }
    // The level is named; without «пед…» the orientation is not.
    if !t.contains("пед") {
        return Ok(None);
    }
    let pedagogical = !(t.contains("непед") || t.contains("не пед"));
    Ok(Some(match (higher, pedagogical) {
        (true, true) => EducationLevel::HigherPedagogical,
        (true, false) => EducationLevel::HigherOther,
        (false, true) => EducationLevel::VocationalPedagogical,
        (false, false) => EducationLevel::VocationalOther,
    }))
}

/// What a row's preview says of an education cell that names the level but not the orientation.
pub fn education_unsaid(cell: &Cell) -> Option<String> {
    let raw = cell.text();
    (!raw.trim().is_empty() && matches!(education(cell), Ok(None))).then(|| {
        format!(
            "образование «{}» не заполнено: не сказано, педагогической ли направленности (укажите в карточке)",
            raw.trim()
        )
    })
}

/// Sex: «м», «ж», «муж.», «жен.».
pub fn sex(cell: &Cell) -> Result<Option<Sex>, String> {
    let t = norm(&cell.text());
    match t.chars().next() {
        None => Ok(None),
        Some('м') => Ok(Some(Sex::Male)),
        Some('ж') => Ok(Some(Sex::Female)),
        _ => Err(format!("«{}» — не пол (м/ж)", cell.text())),
    }
}

/// A diagnostic level as written.
pub fn level(cell: &Cell) -> Result<Option<DiagnosticLevel>, String> {
    let t = norm(&cell.text());
    if t.is_empty() {
        return Ok(None);
    }
    let l = if t.contains("ниже") || t.contains("недостат") {
        DiagnosticLevel::BelowBasic
    } else if t.contains("баз") {
        DiagnosticLevel::Basic
    } else if t.contains("повыш") {
        DiagnosticLevel::Advanced
    } else if t.contains("высок") {
        DiagnosticLevel::High
    } else {
        return Err(format!("«{}» — не уровень (ниже базового, базовый, повышенный, высокий)", cell.text()));
    };
    Ok(Some(l))
}

/// A full name split into surname, name and patronymic.
pub fn split_name(full: &str) -> Option<(String, String, String)> {
    let parts: Vec<&str> = full.split_whitespace().collect();
    match parts.as_slice() {
        [last, first] => Some(((*last).into(), (*first).into(), String::new())),
        [last, first, rest @ ..] => Some(((*last).into(), (*first).into(), rest.join(" "))),
        _ => None,
    }
}

/// «на 01.09.2025» in a sheet's title rows: the date the sheet states.
pub fn stated_date(text: &str) -> Option<NaiveDate> {
    let lower = text.to_lowercase();
    let pos = lower.find("на ")?;
    lower[pos + "на ".len()..]
        .split_whitespace()
        .next()
        .and_then(|w| date_text(w.trim_end_matches([',', ')', ':'])).ok())
}

/// The level of an event, a community or expert work as people write it («муниципальный», «регион.»).
pub fn event_level(cell: &Cell) -> Result<Option<Level>, String> {
    let t = norm(&cell.text());
    if t.is_empty() {
        return Ok(None);
    }
    let level = if t.contains("межрегион") {
        Level::Interregional
    } else if t.contains("междунар") {
        Level::International
    } else if t.contains("регион") || t.contains("областн") || t.contains("краев") {
        Level::Regional
    } else if t.contains("всерос") || t.contains("федерал") {
        Level::National
    } else if t.contains("муницип") || t.contains("район") || t.contains("город") {
        Level::Municipal
    } else if t.contains("школ") || t.contains("оо") || t.contains("уровень оо") {
        Level::School
    } else {
        return Err(format!("«{}» — не уровень (школьный, муниципальный, региональный, всероссийский …)", cell.text()));
    };
    Ok(Some(level))
}

/// The kind of a route step as people write it; anything unrecognised is an error of the row.
pub fn step_kind(cell: &Cell) -> Result<Option<StepKind>, String> {
    let t = norm(&cell.text());
    if t.is_empty() {
        return Ok(None);
    }
    if let Some(k) = StepKind::from_label(&t) {
        return Ok(Some(k));
    }
    let found = StepKind::ALL.iter().copied().find(|k| {
        let label = norm(k.label());
        let stem: String = label.chars().take(5).collect();
        t.contains(&stem)
    });
    found.map(Some).ok_or_else(|| {
        let all: Vec<&str> = StepKind::ALL.iter().map(|k| k.label()).collect();
        format!("«{}» — не вид шага ({})", cell.text(), all.join(", "))
    })
}

/// The kind of a community: ШМО, РМО/ГМО, сетевое сообщество …
pub fn community_kind(cell: &Cell) -> Result<Option<CommunityKind>, String> {
    let t = norm(&cell.text());
    if t.is_empty() {
        return Ok(None);
    }
    Ok(Some(if t.contains("шмо") || t.contains("школьн") {
        CommunityKind::SchoolAssociation
    } else if t.contains("рмо") || t.contains("гмо") || t.contains("районн") || t.contains("городск")
    {
        CommunityKind::MunicipalAssociation
    } else if t.contains("сетев") {
        CommunityKind::Network
    } else if t.contains("ассоциац") {
        CommunityKind::Association
    } else if t.contains("тьютор") {
        CommunityKind::TutorClub
    } else if t.contains("методическ") && t.contains("совет") {
        CommunityKind::MethodicalCouncil
    } else {
        CommunityKind::Other
    }))
}

/// The person's role in a community: участник, руководитель, тьютор.
pub fn community_role(cell: &Cell) -> Result<Option<CommunityRole>, String> {
    let t = norm(&cell.text());
    if t.is_empty() {
        return Ok(None);
    }
    if t.contains("руковод") || t.contains("председат") {
        Ok(Some(CommunityRole::Leader))
    } else if t.contains("тьютор") {
        Ok(Some(CommunityRole::Tutor))
    } else if t.contains("участ") || t.contains("член") {
        Ok(Some(CommunityRole::Member))
    } else {
        Err(format!("«{}» — не роль (участник, руководитель, тьютор)", cell.text()))
    }
}

/// What a teacher is nominated for: курсы, диагностика (оценка компетенций), конкурс, мероприятие.
pub fn nomination_kind(cell: &Cell) -> Result<Option<NominationKind>, String> {
    let t = norm(&cell.text());
    if t.is_empty() {
        return Ok(None);
    }
    if t.contains("конкурс") || t.contains("олимпиад") {
        Ok(Some(NominationKind::Contest))
    } else if t.contains("курс") || t.contains("обучен") || (t.contains("пк") && t.len() <= 4) {
        Ok(Some(NominationKind::Course))
    } else if t.contains("диагност") || t.contains("компетенц") || t.contains("оценк") {
        Ok(Some(NominationKind::Diagnostic))
    } else if t.contains("мероприят") || t.contains("семинар") || t.contains("конферен") || t.contains("форум")
    {
        Ok(Some(NominationKind::Event))
    } else {
        Err(format!("«{}» — не понятно, на что выдвинут (курсы, диагностика, конкурс, мероприятие)", cell.text()))
    }
}

/// What an award is: государственная награда, почётное звание, ведомственная, региональная, муниципальная
/// награда, поощрение (грамота, благодарность).
pub fn award_kind(cell: &Cell) -> Result<Option<AwardKind>, String> {
    let t = norm(&cell.text());
    if t.is_empty() {
        return Ok(None);
    }
    if let Some(k) = AwardKind::from_label(&t) {
        return Ok(Some(k));
    }
    Ok(Some(if t.contains("государствен") {
        AwardKind::State
    } else if t.contains("звани") {
        AwardKind::HonoraryTitle
    } else if t.contains("ведомствен") || t.contains("министерств") {
        AwardKind::Departmental
    } else if t.contains("региональн") || t.contains("областн") || t.contains("краев") {
        AwardKind::Regional
    } else if t.contains("муниципальн") || t.contains("городск") || t.contains("районн") {
        AwardKind::Municipal
    } else if t.contains("поощрен") || t.contains("грамот") || t.contains("благодарн") {
        AwardKind::Encouragement
    } else {
        return Err(format!(
            "«{}» — не вид награды (государственная, почётное звание, ведомственная, региональная, муниципальная, поощрение)",
            cell.text()
        ));
    }))
}
