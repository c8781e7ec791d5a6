//! Spreadsheets in: reading ([`sheet`]), header mapping ([`mapping`]), value parsing ([`values`]) and the
//! import plan ([`plan`]), a pure function of the sheet and the records already stored. Also the XLSX
//! templates for each kind and the export of rows with errors.

pub mod compound;
pub mod mapping;
pub mod plan;
pub mod sheet;
pub mod values;

pub use mapping::{Field, Header, ImportKind};
pub use plan::{Context, EventInfo, ImportPlan, RowStatus};
pub use sheet::{Cell, Sheet, SheetError};

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use std::path::Path;

/// An example row for each kind's template.
fn example(kind: ImportKind, field: Field) -> &'static str {
    use Field::*;
    match (kind, field) {
        (ImportKind::Mentoring, MentorName) => "Смирнова Ольга Петровна",
        (ImportKind::Mentoring, MenteeName) => "Зайцева Дарья Андреевна",
        (_, FullName) => "Иванова Анна Сергеевна",
        (_, BirthDate) => "12.04.1985",
        (_, Sex) => "ж",
        (_, Position) => "учитель",
        (_, Subjects) => "русский язык, литература",
        (_, Load) => "24",
        (_, Education) => "высшее педагогическое",
        (_, PedExperience) => "15",
        (_, TotalExperience) => "17",
        (_, HireDate) => "01.09.2015",
        (_, Category) => "высшая",
        (_, CategoryDate) => "15.03.2023",
        (_, OrderNumber) => "1234",
        (_, OrderDate) => "25.03.2023",
        (_, CourseTitle) => "Реализация требований обновлённых ФГОС",
        (_, CourseKind) => "повышение квалификации",
        (_, Hours) => "72",
        (_, Period) => "с 01.02.2025 по 15.02.2025",
        (_, Provider) => "ИРО",
        (_, DocNumber) => "772400012345",
        (_, Form) => "дистанционно",
        (_, DiagDate) => "10.10.2025",
        (_, DiagKind) => "муниципальная диагностика",
        (_, Subject) => "русский язык",
        (_, Level) => "базовый",
        (_, Score) => "24",
        (_, Deficits) => "методические; цифровые",
        (_, Recommendations) => "Курсы по формирующему оцениванию",
        (_, Program) => "Первые шаги в профессии",
        (_, Start) => "01.09.2025",
        (_, End) => "31.05.2026",
        (_, Role) => "участник",
        (_, DismissalDate) => "",
        (_, EducationMatch) => "да",
        (_, AddressedRecs) => "Освоить технологии формирующего оценивания",
        (_, AbsenceKind) => "",
        (_, AbsenceStart) => "",
        (_, AbsenceEnd) => "",
        (_, Fgos) => "да",
        (_, FederalRegister) => "да",
        (_, PriorityProgram) => "нет",
        (_, Gifted) => "нет",
        (_, PedOrientation) => "",
        (_, StaffShortage) => "",
        (_, FinalAssessment) => "да",
        (_, DiagBasis) => "10.10.2025",
        (_, RouteStart) => "01.10.2025",
        (_, RouteEnd) => "31.05.2026",
        (_, StepTitle) => "Курсы «Формирующее оценивание»",
        (_, StepKind) => "курсы",
        (_, StepPlanned) => "15.12.2025",
        (_, StepDone) => "10.12.2025",
        (_, StepEvidence) => "удостоверение № 123",
        (_, ExpertRole) => "эксперт ОГЭ",
        (_, Description) => "русский язык",
        (_, EventLevel) => "муниципальный",
        (_, CommunityName) => "ШМО учителей русского языка",
        (_, CommunityKind) => "ШМО",
        (_, CommunityRole) => "участник",
        (_, NominatedFor) => "курсы",
        (_, AwardKind) => "ведомственная награда",
        (_, AwardTitle) => "Почётная грамота Министерства просвещения Российской Федерации",
        (ImportKind::Requests, When) => "15.09.2026",
        (ImportKind::Meetings, When) => "05.11.2026",
        (_, When) => "12.05.2024",
        (_, Document) => "приказ Минпросвещения России от 12.05.2024 № 45/н",
        (_, PracticeTitle) => "Лист самооценки на уроке русского языка",
        (_, Topic) => "формирующее оценивание",
        (_, ShownAt) => "муниципальный форум «Я делаю так»",
        (_, File) => "https://school4.ru/practice/12",
        (_, Direction) => "работа с детьми с ОВЗ",
        (_, WantedForm) => "курсы",
        (_, Note) => "",
        (_, AssociationName) => "ШМО учителей начальных классов",
        (_, MeetingTopic) => "Итоги диагностики; индивидуальные маршруты",
        (_, Speakers) => "Петрова А. И.",
        (_, Held) => "да",
        (_, Decisions) => "Составить ИОМ по итогам диагностики",
        (_, Present) => "Иванова Анна Сергеевна; Петрова Анна Ивановна",
        (_, RiskText) => "Недостаточная мотивация педагогов к участию в диагностике",
        (_, Mitigation) => "Разъяснительная работа; адресные рекомендации по итогам диагностики",
        (_, NominationTitle) => "Формирующее оценивание на уроке",
        _ => "",
    }
}

/// The fields a template shows: the full name instead of its three parts.
fn template_fields(kind: ImportKind) -> Vec<Field> {
    kind.fields()
        .iter()
        .copied()
        .filter(|f| {
            !matches!(f, Field::LastName | Field::FirstName | Field::MiddleName | Field::CourseStart | Field::CourseEnd)
        })
        .collect()
}

/// Writes the XLSX template of a kind: a title row, the header row and one example row.
pub fn write_template(kind: ImportKind, path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Шаблон")?;
    let bold = Format::new().set_bold().set_text_wrap().set_background_color("#E8EEF5");
    ws.write_string_with_format(0, 0, format!("{} (шаблон УчРост)", kind.label()), &Format::new().set_bold())?;
    for (c, f) in template_fields(kind).iter().enumerate() {
        let col = c as u16;
        ws.write_string_with_format(1, col, f.label(), &bold)?;
        ws.write_string(2, col, example(kind, *f))?;
        ws.set_column_width(
            col,
            (f.label().chars().count().max(example(kind, *f).chars().count()) as f64 * 1.1).clamp(10.0, 45.0),
        )?;
    }
    ws.set_freeze_panes(2, 0)?;
    wb.save(path)
}

/// The rows with errors as an XLSX to fix and import again — the header row, those rows as they were,
/// and a last column with the reasons — with how many rows it holds (`app::import::save_errors` writes
/// it, readable by the user only: it holds names).
pub fn errors_xlsx(sheet: &Sheet, header: &Header, plan: &ImportPlan) -> Result<(Vec<u8>, usize), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Ошибки")?;
    let bold = Format::new().set_bold().set_background_color("#E8EEF5");
    let width = header.titles.len();
    for (c, t) in header.titles.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, t, &bold)?;
    }
    ws.write_string_with_format(0, width as u16, "Ошибки", &bold.clone().set_font_color("#B02418"))?;
    let mut out_row = 1u32;
    for r in &plan.rows {
        let plan::RowStatus::Error(errors) = &r.status else { continue };
        let index = r.row - sheet.first_row;
        for c in 0..width {
            match sheet.cell(index, c) {
                Cell::Empty => {}
                Cell::Number(n) => {
                    ws.write_number(out_row, c as u16, *n)?;
                }
                other => {
                    ws.write_string(out_row, c as u16, other.text())?;
                }
            }
        }
        let reasons = errors.iter().map(|e| format!("«{}»: {}", e.column, e.message)).collect::<Vec<_>>().join("; ");
        ws.write_string(out_row, width as u16, format!("строка {}: {reasons}", r.row))?;
        out_row += 1;
    }
    ws.set_column_width(width as u16, 80)?;
    Ok((wb.save_to_buffer()?, out_row as usize - 1))
}
