//! PDF through typst used as a library (typst-as-lib, no feature that downloads anything): one template
//! (`assets/report.typ`) lays out every report on A4 with Liberation Serif embedded (OFL, licence in
//! `assets/fonts/`), Russian hyphenation, page numbers, table headers repeated on every page, the title
//! block and the signature lines.

use super::Report;
use std::sync::OnceLock;
use typst::foundations::{Dict, IntoValue};
use typst_as_lib::TypstEngine;

const TEMPLATE: &str = include_str!("../../assets/report.typ");
const FONTS: [&[u8]; 4] = [
    include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-BoldItalic.ttf"),
];

type Engine = TypstEngine<typst_as_lib::TypstTemplateMainFile>;

/// The engine is built once (the fonts are parsed once) and shared.
fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| TypstEngine::builder().main_file(TEMPLATE).fonts(FONTS).build())
}

/// Lays out the report and writes the PDF.
pub fn render(report: &Report) -> Result<Vec<u8>, String> {
    let mut inputs = Dict::new();
    inputs.insert("data".into(), report.printed_json().into_value());
    let doc: typst_layout::PagedDocument =
        engine().compile_with_input(inputs).output.map_err(|e| format!("отчёт не свёрстан: {e}"))?;
    let options = typst_pdf::PdfOptions::default();
    typst_pdf::pdf(&doc, &options).map_err(|e| format!("PDF не записан: {e:?}"))
}
