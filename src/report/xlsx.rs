//! XLSX with rust_xlsxwriter: one sheet per table (the report's title, organisation and period above
//! it), bold frozen headers with an autofilter, widths fitted to the contents, numbers, percents and
//! dates as values with formats, and the print setup (A4, landscape where wide, fit to width, the header
//! row repeated on every page, page numbers). Each chart gets a sheet of its values with a native Excel
//! bar chart drawn from them (the target, where there is one, as an outlined bar beside the value).

use super::{Block, Cell, Chart, Report};
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

/// A value as the document prints it, without the float noise of a division (61,7 % is 0.617 in the
/// cell, not 0.6170000000000001): rounded to `decimals` places.
fn exact(x: f64, decimals: i32) -> f64 {
    let k = 10f64.powi(decimals);
    (x * k).round() / k
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
    // Long texts wrap and their rows grow (a column is at most 60 characters wide).
    let text = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::Top).set_text_wrap();
    let int = Format::new().set_border(FormatBorder::Thin).set_num_format("0");
    let pct = Format::new().set_border(FormatBorder::Thin).set_num_format("0.0%");
    let date = Format::new().set_border(FormatBorder::Thin).set_num_format("dd.mm.yyyy");
    let people = Format::new().set_border(FormatBorder::Thin).set_num_format("0\" чел.\"");
    let at_least = Format::new().set_border(FormatBorder::Thin).set_num_format("\"≥ \"0.0%");
    let at_most = Format::new().set_border(FormatBorder::Thin).set_num_format("\"≤ \"0.0%");
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
        // A column of pairs («5 / 60», «12 человек / 30 %») becomes two columns of numbers.
        let parts: Vec<usize> = (0..t.columns.len())
            .map(|c| t.rows.iter().filter_map(|r| r.get(c)).map(Cell::parts).max().unwrap_or(1))
            .collect();
        let first: Vec<u16> = parts
            .iter()
            .scan(0u16, |at, n| {
                let here = *at;
                *at += *n as u16;
                Some(here)
            })
            .collect();
        let ncols: u16 = parts.iter().map(|n| *n as u16).sum();
        let mut titles: Vec<String> = Vec::new();
        for (c, col) in t.columns.iter().enumerate() {
            let pair = t.rows.iter().filter_map(|r| r.get(c)).find(|x| x.parts() == 2);
            let names = match pair {
                Some(Cell::Ratio(..)) => vec![format!("{}: посчитано", col.title), format!("{}: всего", col.title)],
                Some(_) => vec![format!("{}: человек", col.title), format!("{}: доля", col.title)],
                None => vec![col.title.clone()],
            };
            for (k, name) in names.into_iter().enumerate() {
                sheet.write_string_with_format(HEADER_ROW, first[c] + k as u16, &name, &header)?;
                titles.push(name);
            }
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = HEADER_ROW + 1 + r as u32;
            for (c, cell) in row.iter().enumerate() {
                let c0 = first[c];
                for k in cell.parts()..parts[c] {
                    sheet.write_blank(r, c0 + k as u16, &text)?;
                }
                let c = c0;
                match cell {
                    Cell::Text(s) => sheet.write_string_with_format(r, c, s, &text)?,
                    Cell::Int(n) => sheet.write_number_with_format(r, c, *n as f64, &int)?,
                    Cell::Number(x, d) => {
                        let f = Format::new().set_border(FormatBorder::Thin).set_num_format(if *d == 0 {
                            "0".to_string()
                        } else {
                            format!("0.{}", "0".repeat(*d as usize))
                        });
                        sheet.write_number_with_format(r, c, exact(*x, *d as i32), &f)?
                    }
                    Cell::Percent(p) => sheet.write_number_with_format(r, c, exact(*p, 6), &pct)?,
                    Cell::Date(d) => {
                        use chrono::Datelike;
                        let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                        sheet.write_datetime_with_format(r, c, &dt, &date)?
                    }
                    Cell::Ratio(n, d) => {
                        sheet.write_number_with_format(r, c, *n as f64, &int)?;
                        sheet.write_number_with_format(r, c + 1, *d as f64, &int)?
                    }
                    Cell::People(n) => sheet.write_number_with_format(r, c, *n as f64, &people)?,
                    Cell::PeopleShare(n, p) => {
                        sheet.write_number_with_format(r, c, *n as f64, &int)?;
                        sheet.write_number_with_format(r, c + 1, exact(*p, 6), &pct)?
                    }
                    Cell::Target { share, at_most: most } => sheet.write_number_with_format(
                        r,
                        c,
                        exact(*share, 6),
                        if *most { &at_most } else { &at_least },
                    )?,
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
                .map(|x| if x.parts() == 2 { 8 } else { x.display().chars().count() })
                .chain([col.title.chars().count().min(24)])
                .max()
                .unwrap_or(8);
            for k in 0..parts[c] {
                let width =
                    if parts[c] == 2 { titles[first[c] as usize + k].chars().count().clamp(8, 16) } else { longest };
                sheet.set_column_width(first[c] + k as u16, (width as f64 * 1.1 + 2.0).clamp(6.0, 60.0))?;
            }
        }
        sheet.set_paper_size(9);
        if report.landscape || ncols > 6 {
            sheet.set_landscape();
        }
        sheet.set_print_fit_to_pages(1, 0);
        sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
        sheet.set_footer("&C&P / &N");
    }
    for c in report.blocks.iter().filter_map(|b| match b {
        Block::Chart(c) => Some(c),
        _ => None,
    }) {
        chart_sheet(&mut book, report, c, &mut taken, (&title, &header, &text))?;
    }
    book.save_to_buffer()
}

/// A sheet with a chart's values (label, a column per series, the target) and an Excel bar chart of them.
fn chart_sheet(
    book: &mut Workbook,
    report: &Report,
    c: &Chart,
    taken: &mut HashSet<String>,
    (title, header, text): (&Format, &Format, &Format),
) -> Result<(), XlsxError> {
    use rust_xlsxwriter::{Chart as XChart, ChartDataLabel, ChartFormat, ChartLine, ChartSolidFill, ChartType, ColNum};
    const COLOURS: [&str; 5] = ["#3F72B8", "#E0962A", "#5A9E5A", "#9A9A9A", "#A65AA6"];
    let percent = c.unit == "%";
    let sheet = book.add_worksheet();
    let name = sheet_name(&format!("Диаграмма {}", c.title), taken);
    sheet.set_name(&name)?;
    sheet.write_string_with_format(0, 0, format!("{} — {}", report.title, c.title), title)?;
    sheet.write_string(1, 0, format!("{}; {}", report.org, report.period))?;
    let series: Vec<String> = if c.series.is_empty() { vec!["Значение".into()] } else { c.series.clone() };
    let targets = c.has_targets();
    let value_format = if percent {
        "0.0%".to_string()
    } else if c.decimals == 0 {
        "0".to_string()
    } else {
        format!("0.{}", "0".repeat(c.decimals as usize))
    };
    let number = Format::new().set_border(FormatBorder::Thin).set_num_format(&value_format);
    sheet.write_string_with_format(HEADER_ROW, 0, "", header)?;
    for (i, s) in series.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, 1 + i as ColNum, s, header)?;
    }
    let target_col = 1 + series.len() as ColNum;
    if targets {
        sheet.write_string_with_format(HEADER_ROW, target_col, "Цель", header)?;
    }
    let scale = if percent { 100.0 } else { 1.0 };
    for (r, b) in c.bars.iter().enumerate() {
        let r = HEADER_ROW + 1 + r as u32;
        sheet.write_string_with_format(r, 0, &b.label, text)?;
        for (i, v) in b.values.iter().enumerate() {
            sheet.write_number_with_format(
                r,
                1 + i as ColNum,
                exact(exact(*v, c.decimals.into()) / scale, 6),
                &number,
            )?;
        }
        if targets {
            match b.target {
                Some(t) => sheet.write_number_with_format(r, target_col, exact(t / scale, 6), &number)?,
                None => sheet.write_blank(r, target_col, text)?,
            };
        }
    }
    let longest = c.bars.iter().map(|b| b.label.chars().count()).max().unwrap_or(10);
    sheet.set_column_width(0, (longest as f64 * 1.1 + 2.0).clamp(12.0, 50.0))?;
    for (i, s) in series.iter().enumerate() {
        sheet.set_column_width(1 + i as ColNum, (s.chars().count() as f64 + 2.0).clamp(10.0, 30.0))?;
    }
    sheet.set_column_width(target_col, 10)?;
    if c.bars.is_empty() {
        return Ok(());
    }
    let first = HEADER_ROW + 1;
    let last = HEADER_ROW + c.bars.len() as u32;
    let mut chart = XChart::new(ChartType::Bar);
    chart.title().set_name(&c.title);
    for (i, _) in series.iter().enumerate() {
        let col = 1 + i as ColNum;
        chart
            .add_series()
            .set_name((name.as_str(), HEADER_ROW, col))
            .set_categories((name.as_str(), first, 0, last, 0))
            .set_values((name.as_str(), first, col, last, col))
            .set_format(ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(COLOURS[i % COLOURS.len()])))
            .set_data_label(ChartDataLabel::new().show_value().set_num_format(&value_format))
            .set_gap(60);
    }
    if targets {
        chart
            .add_series()
            .set_name((name.as_str(), HEADER_ROW, target_col))
            .set_categories((name.as_str(), first, 0, last, 0))
            .set_values((name.as_str(), first, target_col, last, target_col))
            .set_format(
                ChartFormat::new().set_no_fill().set_border(ChartLine::new().set_color("#C0392B").set_width(1.5)),
            );
    }
    // In a bar chart the categories are the vertical axis: the first label at the top, as in the table;
    // the values along the bottom from zero.
    chart.y_axis().set_reverse();
    chart.x_axis().set_num_format(if percent { "0%" } else { "General" }).set_min(0);
    if series.len() == 1 && !targets {
        chart.legend().set_hidden();
    }
    let rows = c.bars.len() as u32 * (series.len() as u32 + u32::from(targets));
    chart.set_width(760).set_height((120 + rows * 16).clamp(300, 4000));
    sheet.insert_chart(HEADER_ROW, target_col + 2, &chart)?;
    sheet.set_paper_size(9);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}
