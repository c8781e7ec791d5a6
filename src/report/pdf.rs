//! PDF through typst used as a library (typst-as-lib, no feature that downloads anything): one template
//! (`assets/report.typ`) lays out every report on A4 with Liberation Serif embedded (OFL, licence in
//! `assets/fonts/`), Russian hyphenation, page numbers, table headers repeated on every page, the title
//! block and the signature lines. Its charts (`assets/chart.typ`) are also rendered alone to PNG
//! (typst-render) for the DOCX, so the picture in Word is the drawing of the PDF.

use super::{Chart, Report};
use std::sync::OnceLock;
use typst::foundations::{Dict, IntoValue};
use typst_as_lib::{TypstEngine, TypstTemplateCollection};

const REPORT: &str = include_str!("../../assets/report.typ");
const CHART: &str = include_str!("../../assets/chart.typ");
const CHART_IMAGE: &str = include_str!("../../assets/chart-image.typ");
const FONTS: [&[u8]; 4] = [
    include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-BoldItalic.ttf"),
];

type Engine = TypstEngine<TypstTemplateCollection>;

/// The engine is built once (the fonts are parsed once) and shared.
fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        TypstEngine::builder()
            .fonts(FONTS)
            .with_static_source_file_resolver([
                ("report.typ", REPORT),
                ("chart.typ", CHART),
                ("chart-image.typ", CHART_IMAGE),
            ])
            .build()
    })
}

fn compile(main: &str, json: String) -> Result<typst_layout::PagedDocument, String> {
    let mut inputs = Dict::new();
    inputs.insert("data".into(), json.into_value());
    engine().compile_with_input(main, inputs).output.map_err(|e| format!("отчёт не свёрстан: {e}"))
}

/// Lays out the report and writes the PDF.
pub fn render(report: &Report) -> Result<Vec<u8>, String> {
    let doc = compile("report.typ", report.printed_json())?;
    let options = typst_pdf::PdfOptions::default();
    typst_pdf::pdf(&doc, &options).map_err(|e| format!("PDF не записан: {e:?}"))
}

/// Pixels per typographic point of a chart's picture: 200 dpi, sharp when printed.
const PIXELS_PER_PT: f64 = 200.0 / 72.0;

/// A chart drawn as in the PDF, alone on a strip `width_mm` wide, its bars on the scale `max` (a part
/// of a long chart keeps the whole chart's), as a PNG with its size in pixels.
pub fn chart_png(chart: &Chart, width_mm: f64, max: f64) -> Result<(Vec<u8>, u32, u32), String> {
    let mut json = chart.printed();
    json["width"] = width_mm.into();
    json["max"] = max.into();
    let doc = compile("chart-image.typ", json.to_string())?;
    let page = doc.pages().first().ok_or("диаграмма не свёрстана: пустая страница")?;
    let options =
        typst_render::RenderOptions { pixel_per_pt: typst::utils::Scalar::new(PIXELS_PER_PT), render_bleed: false };
    let pixmap = typst_render::render(page, &options);
    let png = pixmap.encode_png().map_err(|e| format!("диаграмма не записана: {e}"))?;
    Ok((png, pixmap.width(), pixmap.height()))
}
