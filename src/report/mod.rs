//! Reports: a model of the document (title block, headings, paragraphs, tables, charts as data,
//! signature lines) built from domain values by `app::reports`, and separate writers for PDF ([`pdf`], typst
//! as a library with Liberation Serif embedded), XLSX ([`xlsx`], one sheet per table) and DOCX
//! ([`docx`], for the analytical report the deputy head finishes in Word). The numbers are the same
//! values the screens show: the builders call the same domain functions.

pub mod docx;
pub mod pdf;
pub mod xlsx;

use crate::domain::fmt_date;
use chrono::NaiveDate;
use serde::Serialize;

/// A whole document.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The organisation, as the title block names it.
    pub org: String,
    pub title: String,
    /// «за 2025/2026 учебный год», «на 01.09.2026 – 31.08.2031».
    pub period: String,
    /// The date the document is made («Дата составления»).
    pub date: NaiveDate,
    /// The date its figures are counted on («по состоянию на …»), printed when it is not the day it is
    /// made (a past school year is counted on its last day).
    pub as_of: NaiveDate,
    /// Wide tables: the PDF and the print setup turn the page.
    pub landscape: bool,
    /// «УТВЕРЖДАЮ» at the top right (plans, the cycle document: ГОСТ Р 7.0.97-2016, п. 5.19).
    pub approval: Option<Approval>,
    /// «Рассмотрено на педагогическом совете, протокол № ___ от ___» at the top left (the справка); its
    /// lines apart by `\n`.
    pub considered: Option<String>,
    /// «Дата составления» under the title (an order carries its date in «от … № …» instead).
    pub made_line: bool,
    /// A letter's addressee at the top right («Руководителям образовательных организаций»), in the place
    /// of «УТВЕРЖДАЮ»; its lines apart by `\n`.
    pub addressee: Option<String>,
    pub blocks: Vec<Block>,
}

/// The grif of approval: «УТВЕРЖДАЮ», the position with the organisation, a line for the signature with
/// «И. О. Фамилия» (or a line to fill in), and a date to fill in by hand.
#[derive(Clone, Debug, PartialEq)]
pub struct Approval {
    /// «Директор МБОУ «СОШ № 1»», «Руководитель».
    pub position: String,
    /// The organisation on a line of its own, when it cannot follow the position in one phrase (a
    /// municipal office's full name, which would have to be declined); empty otherwise.
    pub org: String,
    /// «И. О. Фамилия», or empty for a line.
    pub name: String,
}

impl Approval {
    /// The lines of the grif, as printed in the PDF and the DOCX.
    pub fn lines(&self) -> Vec<String> {
        let name = if self.name.is_empty() { "____________________".to_string() } else { self.name.clone() };
        let mut lines = vec!["УТВЕРЖДАЮ".to_string(), self.position.clone()];
        if !self.org.is_empty() {
            lines.push(self.org.clone());
        }
        lines.push(format!("____________ {name}"));
        lines.push("«___» ______________ 20___ г.".to_string());
        lines
    }
}

/// One part of a document, in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Heading(u8, String),
    Paragraph(String),
    /// A line at the margin, without the paragraph's indent («ПРИКАЗЫВАЮ:»).
    Flush(String),
    /// A bulleted list.
    List(Vec<String>),
    Table(Table),
    Chart(Chart),
    /// «Заместитель директора по УВР ____________ / И. О. Фамилия», one per line.
    Signatures(Vec<Signature>),
    PageBreak,
}

/// A table with typed cells: the PDF and DOCX print them as Russian text, the XLSX keeps numbers,
/// percents and dates as values with formats.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub title: String,
    /// The sheet name in an XLSX (up to 31 characters).
    pub sheet: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub title: String,
    /// Relative width in the PDF (the XLSX fits widths to the contents).
    pub width: f32,
    /// Names (of people, of schools): printed without hyphenation.
    pub whole_words: bool,
}

/// A table cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// A number with this many decimals.
    Number(f64, u8),
    /// A share from 0 to 1, shown as «12,5 %».
    Percent(f64),
    Date(NaiveDate),
    /// «5 / 60»: those counted of all. The XLSX keeps the two numbers in two columns.
    Ratio(u64, u64),
    /// «12 человек»: a number of people. The XLSX keeps the number (formatted «12 чел.»).
    People(u64),
    /// «12 человек / 30,0 %»: people and their share from 0 to 1. The XLSX keeps the two in two columns.
    PeopleShare(u64, f64),
    /// A target «≥ 90,0 %» («≤» where lower is better), a share from 0 to 1. The XLSX keeps the number.
    Target {
        share: f64,
        at_most: bool,
    },
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Self {
        Cell::Text(s.into())
    }

    /// A date or an empty cell.
    pub fn date(d: Option<NaiveDate>) -> Self {
        d.map_or(Cell::Empty, Cell::Date)
    }

    /// A percent or an empty cell (an empty denominator).
    pub fn percent(p: Option<f64>) -> Self {
        p.map_or(Cell::Empty, |p| Cell::Percent(p / 100.0))
    }

    /// As the printed document shows it.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Number(x, d) => crate::domain::ru::decimal(*x, *d as usize),
            Cell::Percent(p) => crate::domain::ru::percent(p * 100.0),
            Cell::Date(d) => fmt_date(*d),
            Cell::Ratio(n, d) => format!("{n} / {d}"),
            Cell::People(n) => crate::domain::ru::people(*n),
            Cell::PeopleShare(n, p) => {
                format!("{} / {}", crate::domain::ru::people(*n), crate::domain::ru::percent(p * 100.0))
            }
            Cell::Target { share, at_most } => {
                format!("{} {}", if *at_most { "≤" } else { "≥" }, crate::domain::ru::percent(share * 100.0))
            }
            Cell::Empty => String::new(),
        }
    }

    /// Whether the cell is a number (right-aligned).
    pub fn numeric(&self) -> bool {
        matches!(
            self,
            Cell::Int(_)
                | Cell::Number(..)
                | Cell::Percent(_)
                | Cell::Ratio(..)
                | Cell::People(_)
                | Cell::PeopleShare(..)
                | Cell::Target { .. }
        )
    }

    /// The XLSX's columns for a cell of this kind: two for a pair of numbers, else one.
    pub fn parts(&self) -> usize {
        match self {
            Cell::Ratio(..) | Cell::PeopleShare(..) => 2,
            _ => 1,
        }
    }
}

/// A bar chart: one row per label with a bar per series, the target (where there is one) marked across
/// the row. The PDF draws it, the DOCX holds the same drawing as a picture, the XLSX a native chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub title: String,
    /// «%» or a unit («чел.»); empty for a bare number.
    pub unit: String,
    /// Decimals of the values printed on the bars.
    pub decimals: u8,
    /// The series' names (the legend) when each label has several bars; empty for one series.
    pub series: Vec<String>,
    pub bars: Vec<Bar>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    /// One value per series (one when the chart has a single series).
    pub values: Vec<f64>,
    pub target: Option<f64>,
}

impl Chart {
    /// A chart of one series in percent, each bar with its target.
    pub fn percent(title: impl Into<String>, bars: impl IntoIterator<Item = (String, f64, Option<f64>)>) -> Self {
        Chart {
            title: title.into(),
            unit: "%".into(),
            decimals: 1,
            series: Vec::new(),
            bars: bars.into_iter().map(|(label, v, target)| Bar { label, values: vec![v], target }).collect(),
        }
    }

    /// A value as printed on its bar: «12,5 %», «3 чел.», «1,234».
    pub fn shown(&self, v: f64) -> String {
        let n = crate::domain::ru::decimal(v, self.decimals as usize);
        if self.unit.is_empty() { n } else { format!("{n} {}", self.unit) }
    }

    /// The largest value or target (the scale of the bars); 1 for an empty chart.
    pub fn max(&self) -> f64 {
        let max = self.bars.iter().flat_map(|b| b.values.iter().copied().chain(b.target)).fold(0.0_f64, f64::max);
        if max > 0.0 { max } else { 1.0 }
    }

    /// Whether any bar has a target.
    pub fn has_targets(&self) -> bool {
        self.bars.iter().any(|b| b.target.is_some())
    }

    /// The chart as the typst template's `render-chart` reads it (texts with their no-break spaces).
    pub fn printed(&self) -> serde_json::Value {
        let mut v = serde_json::json!({
            "type": "chart",
            "title": self.title,
            "series": self.series,
            "max": self.max(),
            "bars": self.bars.iter().map(|b| serde_json::json!({
                "label": b.label,
                "values": b.values,
                "shown": b.values.iter().map(|v| self.shown(*v)).collect::<Vec<_>>(),
                "target": b.target,
            })).collect::<Vec<_>>(),
        });
        tie_all(&mut v);
        v
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    pub position: String,
    /// «И. О. Фамилия», or empty for a line to fill in by hand.
    pub name: String,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Xlsx,
    Docx,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Docx => "docx",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.to_lowercase().as_str() {
            "pdf" => Some(Format::Pdf),
            "xlsx" => Some(Format::Xlsx),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }
}

/// Renders a report in a format.
pub fn render(report: &Report, format: Format) -> Result<Vec<u8>, String> {
    match format {
        Format::Pdf => pdf::render(report),
        Format::Xlsx => xlsx::render(report),
        Format::Docx => docx::render(report),
    }
}

/// The JSON the typst template reads: every cell already as Russian text.
#[derive(Serialize)]
struct Printed<'a> {
    org: &'a str,
    title: &'a str,
    period: &'a str,
    date: String,
    /// Empty when the figures are counted on the day the document is made.
    as_of: String,
    landscape: bool,
    /// The lines of «УТВЕРЖДАЮ», none when the document has no grif.
    approval: Vec<String>,
    /// «Рассмотрено на …», empty when the document has none.
    considered: String,
    made_line: bool,
    blocks: Vec<serde_json::Value>,
}

/// Every text of the printed document with its no-break spaces (`ru::tie`).
fn tie_all(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) => *s = crate::domain::ru::tie(s),
        serde_json::Value::Array(a) => a.iter_mut().for_each(tie_all),
        serde_json::Value::Object(o) => o.values_mut().for_each(tie_all),
        _ => {}
    }
}

impl Report {
    /// The tables of the report, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }

    /// The report as the JSON the PDF template reads.
    pub fn printed_json(&self) -> String {
        use serde_json::json;
        let blocks = self
            .blocks
            .iter()
            .map(|b| match b {
                Block::Heading(level, text) => json!({"type": "heading", "level": level, "text": text}),
                Block::Paragraph(text) => json!({"type": "paragraph", "text": text}),
                Block::Flush(text) => json!({"type": "flush", "text": text}),
                Block::List(items) => json!({"type": "list", "items": items}),
                Block::Table(t) => json!({
                    "type": "table",
                    "title": t.title,
                    "columns": t.columns.iter().map(|c| json!({"title": c.title, "width": c.width, "whole": c.whole_words})).collect::<Vec<_>>(),
                    "numeric": (0..t.columns.len())
                        .map(|i| t.rows.iter().any(|r| r.get(i).is_some_and(Cell::numeric)))
                        .collect::<Vec<_>>(),
                    "rows": t.rows.iter().map(|r| r.iter().map(Cell::display).collect::<Vec<_>>()).collect::<Vec<_>>(),
                }),
                Block::Chart(c) => c.printed(),
                Block::Signatures(lines) => json!({
                    "type": "signatures",
                    "lines": lines.iter().map(|s| json!({"position": s.position, "name": s.name})).collect::<Vec<_>>(),
                }),
                Block::PageBreak => json!({"type": "pagebreak"}),
            })
            .collect();
        let mut printed = serde_json::to_value(Printed {
            org: &self.org,
            title: &self.title,
            period: &self.period,
            date: fmt_date(self.date),
            as_of: if self.as_of == self.date { String::new() } else { fmt_date(self.as_of) },
            landscape: self.landscape,
            approval: match (&self.approval, &self.addressee) {
                (Some(a), _) => a.lines(),
                (None, Some(to)) => to.split('\n').map(String::from).collect(),
                (None, None) => Vec::new(),
            },
            considered: self.considered.clone().unwrap_or_default(),
            made_line: self.made_line,
            blocks,
        })
        .expect("a report serialises");
        tie_all(&mut printed);
        printed.to_string()
    }
}
