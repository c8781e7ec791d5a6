//! XLSX with rust_xlsxwriter: one sheet per table (the report's title, organisation and period above
//! it), bold frozen headers with an autofilter, widths fitted to the contents, numbers, percents and
//! dates as values with formats, and the print setup (A4, landscape where wide, fit to width, the header
//! row repeated on every page, page numbers).

use super::{Cell, Report};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use std::collections::HashSet;

/// The row of the column headers (above it: title, organisation and period, an empty row).
const HEADER_ROW: u32 = 3;

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the workbook.
fn sheet_name(wanted: &str, taken: &mut HashSet<String>) -> String {
    let clean: String = wanted.chars().map(|c| if "[]:*?/\\".contains(c) { '-' } else { c }).collect();
    let clean = clean.trim().trim_matches('\'');
    let base: String = if clean.is_empty() { "Лист".into() } else { clean.chars().take(31).collect() };
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(name.to_lowercase()) {
        let suffix = format!(" ({n})");
        name = base.chars().take(31 - suffix.chars().count()).collect::<String>() + &suffix;
        n += 1;
    }
    name
}

pub fn render(report: &Report) -> Result<Vec<u8>, String> {
    write(report).map_err(|e| format!("XLSX не записан: {e}"))
}

fn write(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let title = Format::new().set_bold().set_font_size(13);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color("#E6E6E6")
        .set_border(FormatBorder::Thin);
    let text = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::Top);
    let int = Format::new().set_border(FormatBorder::Thin).set_num_format("0");
    let pct = Format::new().set_border(FormatBorder::Thin).set_num_format("0.0%");
    let date = Format::new().set_border(FormatBorder::Thin).set_num_format("dd.mm.yyyy");
    let mut taken = HashSet::new();
    let tables: Vec<_> = report.tables().collect();
    if tables.is_empty() {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&report.title, &mut taken))?;
        sheet.write_string_with_format(0, 0, &report.title, &title)?;
        sheet.write_string(1, 0, &report.org)?;
    }
    for t in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(if t.sheet.is_empty() { &t.title } else { &t.sheet }, &mut taken))?;
        let heading =
            if t.title.is_empty() { report.title.clone() } else { format!("{} — {}", report.title, t.title) };
        sheet.write_string_with_format(0, 0, &heading, &title)?;
        sheet.write_string(1, 0, format!("{}; {}", report.org, report.period))?;
        let ncols = t.columns.len() as u16;
        for (c, col) in t.columns.iter().enumerate() {
            sheet.write_string_with_format(HEADER_ROW, c as u16, &col.title, &header)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = HEADER_ROW + 1 + r as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(s) => sheet.write_string_with_format(r, c, s, &text)?,
                    Cell::Int(n) => sheet.write_number_with_format(r, c, *n as f64, &int)?,
                    Cell::Number(x, d) => {
                        let f = Format::new().set_border(FormatBorder::Thin).set_num_format(if *d == 0 {
                            "0".to_string()
                        } else {
                            format!("0.{}", "0".repeat(*d as usize))
                        });
                        sheet.write_number_with_format(r, c, *x, &f)?
                    }
                    Cell::Percent(p) => sheet.write_number_with_format(r, c, *p, &pct)?,
                    Cell::Date(d) => {
                        use chrono::Datelike;
                        let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                        sheet.write_datetime_with_format(r, c, &dt, &date)?
                    }
                    Cell::Empty => sheet.write_blank(r, c, &text)?,
                };
            }
        }
        let last = HEADER_ROW + t.rows.len() as u32;
        sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
        if ncols > 0 {
            sheet.autofilter(HEADER_ROW, 0, last, ncols - 1)?;
        }
        sheet.autofit();
        // Long texts wrap instead of making a column a screen wide; the title row does not count.
        for (c, col) in t.columns.iter().enumerate() {
            let longest = t
                .rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|x| x.display().chars().count())
                .chain([col.title.chars().count().min(24)])
                .max()
                .unwrap_or(8);
            sheet.set_column_width(c as u16, (longest as f64 * 1.1 + 2.0).clamp(6.0, 60.0))?;
        }
        sheet.set_paper_size(9);
        if report.landscape || ncols > 6 {
            sheet.set_landscape();
        }
        sheet.set_print_fit_to_pages(1, 0);
        sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
        sheet.set_footer("&C&P / &N");
    }
    book.save_to_buffer()
}
