//! DOCX (WordprocessingML in a zip) for the documents people finish in Word: the title block, headings
//! as Word headings, paragraphs, lists, tables with borders and the header row repeated on every page,
//! charts as the PDF's drawing in a picture, signature lines, the page number at the top from page 2. Times New Roman
//! is named (Liberation Serif, which the PDF embeds, has the same metrics).

use super::{Block, Report};
use std::io::Write;

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// A run of text; line breaks become `<w:br/>`.
fn run(text: &str, bold: bool, size_half_points: Option<u32>) -> String {
    let mut props = String::new();
    if bold {
        props.push_str("<w:b/>");
    }
    if let Some(s) = size_half_points {
        props.push_str(&format!("<w:sz w:val=\"{s}\"/><w:szCs w:val=\"{s}\"/>"));
    }
    let rpr = if props.is_empty() { String::new() } else { format!("<w:rPr>{props}</w:rPr>") };
    let text = crate::domain::ru::tie(text);
    let body: Vec<String> =
        text.split('\n').map(|line| format!("<w:t xml:space=\"preserve\">{}</w:t>", esc(line))).collect();
    format!("<w:r>{rpr}{}</w:r>", body.join("<w:br/>"))
}

fn para(style: Option<&str>, align: Option<&str>, runs: &str) -> String {
    let mut ppr = String::new();
    if let Some(s) = style {
        ppr.push_str(&format!("<w:pStyle w:val=\"{s}\"/>"));
    }
    if let Some(a) = align {
        ppr.push_str(&format!("<w:jc w:val=\"{a}\"/>"));
    }
    let ppr = if ppr.is_empty() { String::new() } else { format!("<w:pPr>{ppr}</w:pPr>") };
    format!("<w:p>{ppr}{runs}</w:p>")
}

/// A table: columns (title, relative width, names not hyphenated) and rows (text, numeric); a short one
/// (`together`: a chart's values) is kept on one page.
/// A paragraph kept on the page of the one after it (`w:keepNext`); `p` has properties (a style).
fn keep_with_next(p: String) -> String {
    p.replacen("<w:pPr>", "<w:pPr><w:keepNext/>", 1)
}

fn table(columns: &[(String, f32, bool)], rows: &[Vec<(String, bool)>], page_width: u32, together: bool) -> String {
    let total: f32 = columns.iter().map(|c| c.1).sum::<f32>().max(0.01);
    let widths: Vec<u32> = columns.iter().map(|c| ((c.1 / total) * page_width as f32) as u32).collect();
    let mut x = String::from(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>\
         <w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/>\
         <w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/>\
         <w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/></w:tblBorders>\
         <w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>",
    );
    for w in &widths {
        x.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    x.push_str("</w:tblGrid>");
    // The header row repeats on every page.
    x.push_str("<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
    for (c, w) in columns.iter().zip(&widths) {
        x.push_str(&format!(
            "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/><w:shd w:val=\"clear\" w:fill=\"E6E6E6\"/></w:tcPr>{}</w:tc>",
            para(Some("TableHead"), Some("center"), &run(&c.0.replace('/', "/\u{200b}"), true, None))
        ));
    }
    x.push_str("</w:tr>");
    for (i, row) in rows.iter().enumerate() {
        x.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        let keep = together && i + 1 < rows.len();
        for (((text, numeric), w), column) in row.iter().zip(&widths).zip(columns) {
            let style = if column.2 { "TableName" } else { "TableText" };
            let mut p = para(Some(style), Some(if *numeric { "right" } else { "left" }), &run(text, false, None));
            if keep {
                p = keep_with_next(p);
            }
            x.push_str(&format!("<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/></w:tcPr>{p}</w:tc>"));
        }
        x.push_str("</w:tr>");
    }
    x.push_str("</w:tbl>");
    x.push_str(&para(None, None, ""));
    x
}

/// The grifs above the title: «Рассмотрено …» at the left, «УТВЕРЖДАЮ» at the right, in a table without
/// borders (as Word users lay them out).
fn grifs(report: &Report, text_width: u32) -> String {
    if report.approval.is_none() && report.considered.is_none() && report.addressee.is_none() {
        return String::new();
    }
    let right = 4820.min(text_width / 2);
    let left = text_width - right;
    let cell = |w: u32, lines: &[String]| {
        let paras: String = lines.iter().map(|l| para(Some("Grif"), None, &run(l, false, None))).collect();
        let paras = if paras.is_empty() { para(Some("Grif"), None, "") } else { paras };
        format!("<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/></w:tcPr>{paras}</w:tc>")
    };
    let considered: Vec<String> = report.considered.iter().flat_map(|c| c.split('\n').map(String::from)).collect();
    let approval: Vec<String> = match (&report.approval, &report.addressee) {
        (Some(a), _) => a.lines(),
        (None, Some(to)) => to.split('\n').map(String::from).collect(),
        (None, None) => Vec::new(),
    };
    format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{text_width}\" w:type=\"dxa\"/><w:tblBorders><w:top w:val=\"nil\"/>\
         <w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/>\
         <w:insideV w:val=\"nil\"/></w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>\
         <w:gridCol w:w=\"{left}\"/><w:gridCol w:w=\"{right}\"/></w:tblGrid><w:tr>{}{}</w:tr></w:tbl>{}",
        cell(left, &considered),
        cell(right, &approval),
        para(None, None, "")
    )
}

/// The body of the document; the charts' pictures go to `images` (word/media/chart1.png, …).
/// A chart's picture (`word/media/chart{n}.png`, `w`×`h` pixels) inline, `width_mm` wide, with the chart's
/// title and values as its description.
fn picture(n: usize, width_mm: f64, (w, h): (u32, u32), c: &super::Chart) -> String {
    let cx = (width_mm * 36_000.0) as u64;
    let cy = cx * u64::from(h) / u64::from(w.max(1));
    let descr: Vec<String> = c
        .bars
        .iter()
        .map(|b| {
            let v: Vec<String> = b.values.iter().map(|v| c.shown(*v)).collect();
            format!("{}: {}", b.label, v.join(" / "))
        })
        .collect();
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"Picture\"/></w:pPr><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
         <wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:docPr id=\"{n}\" name=\"Диаграмма {n}\" descr=\"{}\"/>\
         <wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
         <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
         <pic:pic><pic:nvPicPr><pic:cNvPr id=\"{n}\" name=\"chart{n}.png\"/><pic:cNvPicPr/></pic:nvPicPr>\
         <pic:blipFill><a:blip r:embed=\"rIdChart{n}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
         <pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm>\
         <a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>\
         </wp:inline></w:drawing></w:r></w:p>",
        esc(&format!("{}. {}", c.title, descr.join("; ")))
    )
}

/// The signature lines as a table without borders: the position (which may take two lines when long) in
/// its column, the line for the hand, «/ И. О. Фамилия» unbroken — so a long position never pushes the
/// line and the name onto the next line, and every row's line stands under the one above. The rows keep
/// together and with the paragraph before them.
fn signatures(lines: &[super::Signature], text_width: u32) -> String {
    let widths =
        [text_width * 52 / 100, text_width * 20 / 100, text_width - text_width * 52 / 100 - text_width * 20 / 100];
    let mut x = format!(
        "<w:p><w:pPr><w:keepNext/></w:pPr></w:p><w:tbl><w:tblPr><w:tblW w:w=\"{text_width}\" w:type=\"dxa\"/>\
         <w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/>\
         <w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>{}</w:tblGrid>",
        widths.iter().map(|w| format!("<w:gridCol w:w=\"{w}\"/>")).collect::<String>()
    );
    for (i, s) in lines.iter().enumerate() {
        let name = if s.name.is_empty() { "____________________".to_string() } else { s.name.clone() };
        let keep = i + 1 < lines.len();
        let cell = |w: u32, align: &str, runs: String, bottom: bool| {
            let p = para(Some("Signature"), Some(align), &runs);
            let p = if keep { keep_with_next(p) } else { p };
            let border = if bottom { "<w:tcBorders><w:bottom w:val=\"single\" w:sz=\"4\"/></w:tcBorders>" } else { "" };
            format!(
                "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>{border}<w:vAlign w:val=\"bottom\"/></w:tcPr>{p}</w:tc>"
            )
        };
        x.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        x.push_str(&cell(widths[0], "left", run(&s.position, false, None), false));
        x.push_str(&cell(widths[1], "center", String::new(), true));
        x.push_str(&cell(widths[2], "left", run(&format!("/ {name}"), false, None), false));
        x.push_str("</w:tr>");
    }
    x.push_str("</w:tbl>");
    x
}

fn document(report: &Report, images: &mut Vec<Vec<u8>>) -> Result<String, String> {
    // A4 in twentieths of a point; margins 20/10/20/20 mm (left/right/top/bottom, ГОСТ Р 7.0.97-2016).
    let (w, h) = if report.landscape { (16838, 11906) } else { (11906, 16838) };
    let text_width = w - 1134 - 567;
    let mut body = grifs(report, text_width);
    body.push_str(&para(Some("Org"), Some("center"), &run(&report.org, false, None)));
    body.push_str(&para(Some("Title"), Some("center"), &run(&report.title, true, None)));
    if !report.period.is_empty() {
        body.push_str(&para(None, Some("center"), &run(&report.period, false, None)));
    }
    if report.made_line {
        body.push_str(&para(
            None,
            Some("right"),
            &run(&format!("Дата составления: {}", crate::domain::fmt_date(report.date)), false, Some(22)),
        ));
    }
    if report.made_line && report.as_of != report.date {
        body.push_str(&para(
            None,
            Some("right"),
            &run(&format!("по состоянию на {}", crate::domain::fmt_date(report.as_of)), false, Some(22)),
        ));
    }
    for (i, b) in report.blocks.iter().enumerate() {
        // A signature never stands alone on a page: the paragraph before it keeps with it.
        let before_signatures = matches!(report.blocks.get(i + 1), Some(Block::Signatures(_)));
        match b {
            Block::Paragraph(text) if before_signatures => {
                body.push_str(&keep_with_next(para(Some("BodyText"), Some("both"), &run(text, false, None))))
            }
            Block::Heading(level, text) => body.push_str(&para(
                Some(if *level <= 1 { "Heading1" } else { "Heading2" }),
                None,
                &run(text, true, None),
            )),
            Block::Paragraph(text) => body.push_str(&para(Some("BodyText"), Some("both"), &run(text, false, None))),
            Block::Flush(text) => body.push_str(&keep_with_next(para(Some("Flush"), None, &run(text, false, None)))),
            Block::List(items) => {
                for i in items {
                    // A real Word list (numbering.xml: «–» at 1.25 cm), not dashes typed into paragraphs.
                    body.push_str(&para(Some("ListItem"), Some("both"), &run(i, false, None)));
                }
            }
            Block::Table(t) => {
                if !t.title.is_empty() {
                    body.push_str(&para(Some("TableTitle"), None, &run(&t.title, true, None)));
                }
                if t.rows.is_empty() {
                    body.push_str(&para(Some("BodyText"), None, &run("Записей нет.", false, None)));
                    continue;
                }
                let columns: Vec<(String, f32, bool)> =
                    t.columns.iter().map(|c| (c.title.clone(), c.width, c.whole_words)).collect();
                let rows: Vec<Vec<(String, bool)>> =
                    t.rows.iter().map(|r| r.iter().map(|c| (c.display(), c.numeric())).collect()).collect();
                body.push_str(&table(&columns, &rows, text_width, false));
            }
            Block::Chart(c) => {
                // The drawing of the PDF as a picture as wide as the text, its title a paragraph of its
                // own kept with it, the values in the picture's description for screen readers. A long
                // chart (a municipality's schools) becomes several pictures, each shorter than the page,
                // on one scale.
                body.push_str(&para(Some("TableTitle"), None, &run(&c.title, true, None)));
                let width_mm = f64::from(text_width) / 1440.0 * 25.4;
                let per_picture = (if report.landscape { 24 } else { 40 }) / c.series.len().max(1);
                let parts: Vec<&[super::Bar]> =
                    if c.bars.is_empty() { vec![&c.bars[..]] } else { c.bars.chunks(per_picture.max(1)).collect() };
                for bars in parts {
                    let part = super::Chart { bars: bars.to_vec(), ..c.clone() };
                    let (png, w, h) = super::pdf::chart_png(&part, width_mm, c.max())?;
                    images.push(png);
                    body.push_str(&picture(images.len(), width_mm, (w, h), &part));
                }
            }
            Block::Signatures(lines) => body.push_str(&signatures(lines, text_width)),
            Block::PageBreak => body.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"),
        }
    }
    let orient = if report.landscape { " w:orient=\"landscape\"" } else { "" };
    Ok(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
         xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
         xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
         xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>{body}\
         <w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/><w:pgSz w:w=\"{w}\" w:h=\"{h}\"{orient}/>\
         <w:pgMar w:top=\"1134\" w:right=\"567\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>\
         <w:titlePg/></w:sectPr></w:body></w:document>"
    ))
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

/// The document's relationships: styles, header, settings, numbering and one per chart picture.
fn doc_rels(images: usize) -> String {
    let charts: String = (1..=images)
        .map(|n| {
            format!(
                "<Relationship Id=\"rIdChart{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/chart{n}.png\"/>"
            )
        })
        .collect();
    DOC_RELS.replace("</Relationships>", &(charts + "</Relationships>"))
}

const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;

/// The page number alone at the top centre; the first page has none (`w:titlePg` and no first-page header).
const HEADER: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>"#;

/// The one list of the documents: a bulleted list with «–», as Russian documents mark items.
const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="–"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="709" w:hanging="284"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;

/// Automatic hyphenation of the body text (titles, headings and table headers suppress it in their styles).
const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:autoHyphenation/><w:consecutiveHyphenLimit w:val="2"/><w:defaultTabStop w:val="709"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="ru-RU"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:suppressAutoHyphens/><w:spacing w:before="120" w:after="60"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Org"><w:name w:val="Организация"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="22"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="BodyText"/><w:pPr><w:keepNext/><w:keepLines/><w:suppressAutoHyphens/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="BodyText"/><w:pPr><w:keepNext/><w:keepLines/><w:suppressAutoHyphens/><w:spacing w:before="200" w:after="100"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLine="709"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Flush"><w:name w:val="Без отступа"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="120" w:after="120"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="ListItem"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:ind w:left="709" w:hanging="284"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="TableTitle"><w:name w:val="Заголовок таблицы"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:keepLines/><w:suppressAutoHyphens/><w:spacing w:before="160" w:after="80"/></w:pPr><w:rPr><w:b/><w:sz w:val="22"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Текст таблицы"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Grif"><w:name w:val="Гриф"/><w:basedOn w:val="Normal"/><w:pPr><w:suppressAutoHyphens/><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="TableName"><w:name w:val="Имена в таблице"/><w:basedOn w:val="TableText"/><w:pPr><w:suppressAutoHyphens/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="TableHead"><w:name w:val="Шапка таблицы"/><w:basedOn w:val="TableText"/><w:pPr><w:keepNext/><w:suppressAutoHyphens/></w:pPr><w:rPr><w:b/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Signature"><w:name w:val="Подпись"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:keepLines/><w:suppressAutoHyphens/><w:spacing w:before="240"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Picture"><w:name w:val="Рисунок"/><w:basedOn w:val="Normal"/><w:pPr><w:keepLines/><w:spacing w:after="120"/><w:jc w:val="center"/></w:pPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblCellMar><w:left w:w="70" w:type="dxa"/><w:right w:w="70" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#;

fn core(report: &Report) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:creator>УчРост</dc:creator>\
         </cp:coreProperties>",
        esc(&report.title)
    )
}

/// The DOCX file; an error when a chart could not be drawn.
pub fn render(report: &Report) -> Result<Vec<u8>, String> {
    let mut images = Vec::new();
    let body = document(report, &mut images)?;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        let parts: [(&str, String); 9] = [
            ("[Content_Types].xml", CONTENT_TYPES.into()),
            ("_rels/.rels", RELS.into()),
            ("docProps/core.xml", core(report)),
            ("word/_rels/document.xml.rels", doc_rels(images.len())),
            ("word/styles.xml", STYLES.into()),
            ("word/header1.xml", HEADER.into()),
            ("word/settings.xml", SETTINGS.into()),
            ("word/numbering.xml", NUMBERING.into()),
            ("word/document.xml", body),
        ];
        for (name, text) in parts {
            zip.start_file(name, opts).expect("a zip entry in memory");
            zip.write_all(text.as_bytes()).expect("writing to memory");
        }
        // The PNGs are already compressed.
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for (i, png) in images.iter().enumerate() {
            zip.start_file(format!("word/media/chart{}.png", i + 1), stored).expect("a zip entry in memory");
            zip.write_all(png).expect("writing to memory");
        }
        zip.finish().expect("a zip in memory");
    }
    Ok(buf.into_inner())
}
