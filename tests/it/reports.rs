//! Reports: every report in every format over demo data; the numbers are the board's (what the screens
//! show); the PDF is print-ready (A4, embedded fonts, page numbers, table headers repeated on every page,
//! signature lines — read back with poppler's pdftotext where installed, which `.ci/run` installs); the
//! XLSX has frozen bold headers, an autofilter, typed cells and the print setup; the DOCX is well-formed
//! WordprocessingML with the edited text; the ranking «Вклад ОО» shows its terms; the screen saves a file.

use crate::support::*;
use std::io::Read;
use std::path::Path;
use uchrost::app::reports::{self, ReportKind, ReportRequest};
use uchrost::domain::indicators::Breakdown;
use uchrost::domain::*;
use uchrost::report::{self, Block, Cell, Format};
use uchrost::storage::{DiskMode, Store};

fn today() -> chrono::NaiveDate {
    d("23.11.2026")
}

fn school(teachers: usize) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("dir");
    let mut store =
        uchrost::app::create_school(&dir.path().join("s.db"), "МОУ СОШ № 4", "004", DiskMode::Local).expect("school");
    uchrost::app::fill_school_demo(&mut store, teachers, 2, today()).expect("demo");
    (dir, store)
}

fn request(kind: ReportKind) -> ReportRequest {
    let mut r = ReportRequest::new(kind, today());
    r.year = SchoolYear(2025);
    r.today = SchoolYear(2025).last_day();
    r.signer = "Е. В. Смирнова".into();
    r
}

fn build(store: &Store, req: &ReportRequest) -> report::Report {
    let data = store.load().expect("load");
    let settings = store.rule_settings().expect("settings");
    // A list of participants is of one event: the year's latest, unless the test names one.
    let mut req = req.clone();
    if req.kind == ReportKind::Participants && req.event.is_empty() {
        req.event = reports::event_titles(&data, req.year).into_iter().next().expect("an event in the year");
    }
    // An association's documents are of the first one; a list of nominated teachers is the latest list.
    if req.event.is_empty() {
        match req.kind {
            ReportKind::AssociationPlan | ReportKind::AssociationReport | ReportKind::AssociationMembers => {
                let with_members = |name: &String| {
                    data.associations.iter().any(|a| {
                        a.name == *name
                            && !uchrost::domain::associations::members(&data, a, req.year.period()).is_empty()
                    })
                };
                // A municipality's copy holds its schools' associations (the demo gives it none of its own).
                let any: Vec<String> = data.associations.iter().map(|a| a.name.clone()).collect();
                req.event = reports::named_titles(req.kind, &data, store.own_org(), req.year)
                    .into_iter()
                    .chain(any)
                    .find(with_members)
                    .expect("an association with members in the year");
            }
            ReportKind::Nominated => {
                req.event = uchrost::domain::nominations::lists(&data).first().expect("a list").title.clone();
            }
            _ => {}
        }
    }
    reports::build(&data, &settings, store.own_org(), &req).expect("builds")
}

/// A part of a DOCX as read: its no-break spaces as spaces, its zero-width break points gone.
fn zip_entry(bytes: &[u8], name: &str) -> String {
    as_read(&zip_entry_raw(bytes, name))
}

fn zip_entry_raw(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut text = String::new();
    zip.by_name(name).expect(name).read_to_string(&mut text).expect("utf-8");
    text
}

/// Printed text as a reader takes it: a no-break space is a space, a zero-width break point nothing.
fn as_read(text: &str) -> String {
    text.replace('\u{a0}', " ").replace('\u{200b}', "")
}

fn well_formed(xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0i32;
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(_) => depth += 1,
            quick_xml::events::Event::End(_) => depth -= 1,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "every element closed");
}

/// The text of a PDF (or of one page) by poppler's pdftotext (the test fails where it is not installed).
fn pdf_text(pdf: &Path, page: Option<u32>) -> String {
    crate::support::require_tool("pdftotext", "poppler-utils");
    let mut cmd = std::process::Command::new("pdftotext");
    cmd.arg("-layout");
    if let Some(p) = page {
        cmd.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    let out = cmd.arg(pdf).arg("-").output().expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    as_read(&String::from_utf8(out.stdout).expect("utf-8"))
}

/// Runs `uchrost report` with these arguments and requires it to succeed.
fn run_report(args: &[&str]) {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_uchrost")).arg("report").args(args).output().expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// The whole text of a PDF with its spaces made single (lines joined), for other modules' tests.
pub(crate) fn pdf_text_of(pdf: &Path) -> String {
    pdf_text(pdf, None).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Pages and page size («841.89 x 595.276 pts») by poppler's pdfinfo (the test fails where it is not
/// installed).
fn pdf_info(pdf: &Path) -> (usize, String) {
    crate::support::require_tool("pdfinfo", "poppler-utils");
    let out = std::process::Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let field = |name: &str| {
        text.lines().find_map(|l| l.strip_prefix(name)).map(|v| v.trim().to_string()).expect("a pdfinfo field")
    };
    (field("Pages:").parse().expect("a number"), field("Page size:"))
}

/// A teacher of the demo with an СЗД decision (for the extract from the protocol): the earliest, so that
/// the extract is there in the past years the tests print too.
fn with_szd(data: &uchrost::domain::Dataset) -> uchrost::domain::PersonId {
    data.attestations
        .iter()
        .filter(|a| a.result == uchrost::domain::Category::PositionConformity)
        .min_by_key(|a| a.decision_date)
        .expect("the demo has an СЗД decision")
        .person
}

#[test]
fn every_report_renders_in_every_format() {
    let (_dir, store) = school(40);
    let data = store.load().expect("load");
    let with_route = data.routes.first().expect("the demo has routes").person;
    let mut kinds: Vec<ReportKind> = ReportKind::LISTED.into_iter().filter(|k| !k.municipal()).collect();
    kinds.push(ReportKind::RouteCard(with_route));
    kinds.push(ReportKind::SzdExtract(with_szd(&data)));
    for kind in kinds {
        let r = build(&store, &request(kind));
        assert!(!r.blocks.is_empty(), "{kind:?} has content");
        let pdf = report::render(&r, Format::Pdf).expect("pdf");
        assert!(pdf.starts_with(b"%PDF-") && pdf.windows(5).any(|w| w == b"%%EOF"), "{kind:?}: a PDF");
        assert!(
            String::from_utf8_lossy(&pdf).contains("LiberationSerif"),
            "{kind:?}: the font is embedded, not referenced"
        );
        let xlsx = report::render(&r, Format::Xlsx).expect("xlsx");
        let book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).expect("opens");
        let charts = r.blocks.iter().filter(|b| matches!(b, Block::Chart(_))).count();
        assert_eq!(
            calamine::Reader::sheet_names(&book).len(),
            r.tables().count().max(1) + charts,
            "{kind:?}: one sheet per table and per chart"
        );
        // No float noise in a cell: every number as the document prints it (0.617, not 0.6170000000000001).
        let xlsx = report::render(&r, Format::Xlsx).expect("xlsx");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&xlsx)).expect("zip");
        let mut read = 0;
        while let Ok(mut sheet) = zip.by_name(&format!("xl/worksheets/sheet{}.xml", read + 1)) {
            read += 1;
            let mut xml = String::new();
            sheet.read_to_string(&mut xml).expect("utf-8");
            for v in xml.split("<v>").skip(1).filter_map(|x| x.split("</v>").next()) {
                let decimals = v.split_once('.').map_or(0, |(_, f)| f.len());
                assert!(decimals <= 6 && !v.contains('e'), "{kind:?} sheet {read}: «{v}» has float noise");
            }
        }
        assert_eq!(read, calamine::Reader::sheet_names(&book).len(), "{kind:?}: every sheet read");
        let docx = report::render(&r, Format::Docx).expect("docx");
        let doc = zip_entry(&docx, "word/document.xml");
        well_formed(&doc);
        well_formed(&zip_entry(&docx, "word/styles.xml"));
        assert!(doc.contains(&r.title), "{kind:?}: the title is in the DOCX");
    }
    // At a school the municipal monitoring is refused with a reason.
    let data = store.load().expect("load");
    let err = reports::build(&data, &RuleSettings::default(), store.own_org(), &request(ReportKind::Monitoring))
        .expect_err("refused at a school");
    assert!(
        matches!(err, uchrost::app::AppError::WrongRole { needed: OrgRole::Municipality, found: OrgRole::School, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("«муниципалитет»"), "{err}");
}

#[test]
fn the_analytical_report_carries_the_boards_numbers() {
    let (dir, store) = school(40);
    let req = request(ReportKind::Analytical);
    let r = build(&store, &req);
    let data = store.load().expect("load");
    let settings = store.rule_settings().expect("settings");
    let board = reports::board_for(&data, &settings, store.own_org(), &req, Breakdown::None);
    let table = r.tables().find(|t| t.title == "Показатели").expect("the indicators table");
    let mut checked = 0;
    let reported = |id: &str| !id.starts_with("self_") && !id.starts_with("schools_");
    for row in board.rows.iter().filter(|x| x.scope == "all" && x.counts.is_some() && reported(&x.id)) {
        let line = table.rows.iter().find(|l| l[0] == Cell::Text(row.title.clone())).expect("a line per indicator");
        let (n, dd) = row.counts.expect("counts");
        if indicators::about(&row.id).is_some_and(|a| a.count) {
            // «Количество …»: the number itself, never a share.
            assert_eq!((&line[1], &line[2]), (&Cell::Int(n as i64), &Cell::People(n)), "{}", row.id);
            checked += 1;
            continue;
        }
        assert_eq!(line[1], Cell::Ratio(n, dd), "{}", row.id);
        assert_eq!(line[1].display(), format!("{n} / {dd}"), "{}", row.id);
        assert_eq!(line[2].display(), Cell::percent(row.value).display(), "{}", row.id);
        let last = row.trend[row.trend.len() - 2];
        assert_eq!(line[3].display(), Cell::percent(last).display(), "{} last year", row.id);
        checked += 1;
    }
    assert!(checked > 25, "every computed indicator is in the report ({checked})");
    // The problems are drafted from the data and name what the data shows.
    let problems = reports::drafted_problems(&data, &settings, &req);
    let list = r
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::List(items) => Some(items.clone()),
            _ => None,
        })
        .expect("a list of problems");
    assert_eq!(list, problems);
    let state = uchrost::app::staff_on(&data, req.today, &settings);
    let without_mentor: Vec<_> = state.iter().filter(|s| s.young_without_mentor).collect();
    if let Some(first) = without_mentor.first() {
        assert!(list.iter().any(|p| p.contains(&first.full_name)), "{list:?}");
    }
    // The printed PDF shows the same figures, the page numbers and the signature line.
    let pdf_path = dir.path().join("a.pdf");
    let bytes = reports::save(&r, Format::Pdf, &pdf_path).expect("saved");
    assert_eq!(bytes, std::fs::metadata(&pdf_path).expect("file").len());
    {
        let (text, (pages, size)) = (pdf_text(&pdf_path, None), pdf_info(&pdf_path));
        assert!(size.starts_with("595.276 x 841.89"), "A4 portrait: {size}");
        assert!(pages >= 2, "{pages} pages");
        let last = pdf_text(&pdf_path, Some(pages as u32));
        assert_eq!(
            last.lines().map(str::trim).find(|l| !l.is_empty()),
            Some(pages.to_string().as_str()),
            "page numbers"
        );
        assert!(
            text.contains("Рассмотрено на педагогическом совете,") && text.contains("протокол № ______ от"),
            "the справка is considered by the teachers' council"
        );
        assert!(!text.contains("УТВЕРЖДАЮ"), "a справка is not approved");
        assert!(text.contains("Е. В. Смирнова") && text.contains("Заместитель директора по УВР"));
        let course = board.rows.iter().find(|x| x.id == "course_3y" && x.scope == "all").expect("course_3y");
        let (n, dd) = course.counts.expect("counts");
        assert!(text.contains(&format!("{n} / {dd}")), "the course coverage as on the screen");
        assert!(text.contains(&Cell::percent(course.value).display()));
    }
}

#[test]
fn long_tables_repeat_their_header_on_every_page() {
    let (dir, store) = school(150);
    let r = build(&store, &request(ReportKind::StaffList));
    let path = dir.path().join("staff.pdf");
    reports::save(&r, Format::Pdf, &path).expect("saved");
    {
        let (pages, size) = pdf_info(&path);
        assert!(size.starts_with("841.89 x 595.276"), "A4 landscape: {size}");
        assert!(pages >= 4, "150 teachers take several landscape pages ({pages})");
        for p in 1..=pages as u32 {
            let text = pdf_text(&path, Some(p));
            assert!(text.contains("Специальность") && text.contains("Категория"), "page {p} has the header row");
            // The bare number at the top centre from the second page (ГОСТ Р 7.0.97-2016), none on the first.
            let first = text.lines().map(str::trim).find(|l| !l.is_empty()).expect("a line");
            if p == 1 {
                assert!(first.parse::<u32>().is_err(), "the first page carries no number: «{first}»");
            } else {
                assert_eq!(first, p.to_string(), "page {p} is numbered at its top");
            }
        }
    }
}

#[test]
fn the_xlsx_is_ready_to_filter_and_print() {
    let (_dir, store) = school(40);
    let r = build(&store, &request(ReportKind::AttestationPlan));
    let bytes = report::render(&r, Format::Xlsx).expect("xlsx");
    let sheet = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("state=\"frozen\""), "the header is frozen");
    assert!(sheet.contains("<autoFilter ref=\"A4:"), "an autofilter over the header row");
    assert!(sheet.contains("paperSize=\"9\"") && sheet.contains("orientation=\"landscape\""), "A4 landscape");
    assert!(sheet.contains("fitToHeight=\"0\""), "fit to width");
    let styles = zip_entry(&bytes, "xl/styles.xml");
    assert!(styles.contains("dd.mm.yyyy"), "a date format");
    let book = zip_entry(&bytes, "xl/workbook.xml");
    assert!(book.contains("_xlnm.Print_Titles"), "the header row repeats on printed pages");
    // Dates are dates and percents are numbers, not text.
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("opens");
    let range = calamine::Reader::worksheet_range(&mut book, "План аттестации").expect("the sheet");
    let header: Vec<String> =
        (0..6).map(|c| range.get_value((3, c)).map(|v| v.to_string()).unwrap_or_default()).collect();
    assert_eq!(header, ["№", "ФИО", "Должность", "Категория", "Решение", "Действует до"]);
    let table = r.tables().next().expect("a table");
    assert!(table.rows.iter().all(|row| !row[2].display().is_empty()), "each row names the position");
    assert!(table.rows.iter().any(|row| row[4].display().contains(", приказ № ")), "the last decision with its order");
    let first_dated = table.rows.iter().position(|row| matches!(row[5], Cell::Date(_))).expect("a dated row");
    let cell = range.get_value((4 + first_dated as u32, 5)).expect("the cell");
    assert!(matches!(cell, calamine::Data::DateTime(_)), "{cell:?}");
    let r = build(&store, &request(ReportKind::Routes));
    let bytes = report::render(&r, Format::Xlsx).expect("xlsx");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("opens");
    let range = calamine::Reader::worksheet_range(&mut book, "ИОМ").expect("the sheet");
    if let Some(Cell::Percent(p)) = r.tables().next().and_then(|t| t.rows.first()).map(|row| row[7].clone()) {
        // The share as printed, without the noise of its f32 origin.
        assert_eq!(range.get_value((4, 7)), Some(&calamine::Data::Float((p * 1e6).round() / 1e6)));
    }
}

#[test]
fn the_docx_takes_the_edited_text_and_the_signature() {
    let (_dir, store) = school(30);
    let mut req = request(ReportKind::Analytical);
    req.problems = Some(vec!["Первый пункт — свой текст".into(), "Второй пункт & <угловые> скобки".into()]);
    let r = build(&store, &req);
    let doc = zip_entry(&report::render(&r, Format::Docx).expect("docx"), "word/document.xml");
    well_formed(&doc);
    assert!(doc.contains("Первый пункт — свой текст"));
    assert!(doc.contains("Второй пункт &amp; &lt;угловые&gt; скобки"), "escaped");
    assert!(doc.contains("<w:tblHeader/>"), "table headers repeat in Word too");
    assert!(doc.contains("/ Е. В. Смирнова"));
    assert!(doc.contains("w:w=\"11906\""), "A4");
}

#[test]
fn the_self_evaluation_lines_are_people_and_percent_of_all() {
    let (_dir, store) = school(40);
    let mut req = request(ReportKind::SelfEvaluation);
    req.calendar_year = 2025;
    req.today = today();
    let r = build(&store, &req);
    let data = store.load().expect("load");
    let window = uchrost::domain::indicators::Window::range(d("01.01.2025"), d("31.12.2025"), today());
    let values = uchrost::domain::indicators::compute(&data, window, &RuleSettings::default(), Breakdown::None);
    let table = r.tables().next().expect("the table");
    let total = values.iter().find(|v| v.id == "self_total").expect("1.23").numerator;
    assert!(total > 0);
    for (id, number) in [("self_higher", "1.24"), ("self_category", "1.28"), ("self_age_ge55", "1.31")] {
        let v = values.iter().find(|v| v.id == id).expect(id);
        let line = table.rows.iter().find(|row| row[0] == Cell::text(number)).expect(number);
        let expected =
            format!("{} человек / {}", v.numerator, Cell::Percent(v.numerator as f64 / total as f64).display());
        assert_eq!(line[2], Cell::PeopleShare(v.numerator, v.numerator as f64 / total as f64), "{number}");
        assert_eq!(line[2].display(), expected, "{number}");
    }
    let high = table.rows.iter().find(|row| row[0] == Cell::text("1.28.1")).expect("1.28.1 высшая");
    assert!(matches!(&high[2], Cell::PeopleShare(..)) && high[2].display().contains("человек /"));
}

#[test]
fn the_contribution_ranking_shows_every_term() {
    let mut data = Dataset::default();
    let a =
        Organisation { code: "001".into(), ..Organisation::new(OrgId::new(), OrgRole::School, "Школа А", "001") };
    let b =
        Organisation { code: "002".into(), ..Organisation::new(OrgId::new(), OrgRole::School, "Школа Б", "002") };
    let mk = |school: &Organisation, last: &str| Person {
        school: school.id,
        author: school.id,
        ..person(last, "01.01.1980", "01.09.2005")
    };
    let (a1, a2, b1) = (mk(&a, "Алексеева"), mk(&a, "Борисова"), mk(&b, "Васильева"));
    for p in [&a1, &a2, &b1] {
        data.employments.push(employment(p.id, "01.09.2010", None));
    }
    data.attestations.push(attestation(a1.id, Category::Highest, "15.03.2026"));
    data.contests.push(Contest {
        id: ContestId::new(),
        author: a.id,
        person: a2.id,
        group: None,
        name: "Учитель года".into(),
        date: d("10.02.2026"),
        level: Level::Municipal,
        result: ContestResult::Winner,
    });
    data.events.push(Event {
        id: EventId::new(),
        author: b.id,
        person: b1.id,
        group: None,
        title: "Статья".into(),
        kind: EventKind::Publication,
        date: d("01.04.2026"),
        level: Level::Regional,
        role: EventRole::Author,
    });
    data.persons.extend([a1, a2, b1]);
    data.organisations.extend([a, b]);
    let window = uchrost::domain::indicators::Window::school_year(SchoolYear(2025), today());
    let ranking = reports::contribution(&data, &RuleSettings::default(), window);
    assert_eq!(ranking.len(), 2);
    // Школа А: category ½, attested ½, contests ½ → 1.5; Школа Б: publications 1 → 1.0.
    assert_eq!(ranking[0].school, "Школа А");
    assert_eq!(ranking[0].shares, vec![0.5, 0.5, 0.5, 0.0, 0.0]);
    assert!((ranking[0].score - 1.5).abs() < 1e-9);
    assert_eq!(ranking[1].shares, vec![0.0, 0.0, 0.0, 0.0, 1.0]);
}

#[test]
fn the_municipal_monitoring_breaks_down_and_ranks() {
    let dir = tempfile::tempdir().expect("dir");
    let mut m = uchrost::app::create_municipality(&dir.path().join("m.db"), "Северный район", "01", DiskMode::Local)
        .expect("m");
    uchrost::app::fill_municipal_demo(&mut m, 4, 3, today()).expect("demo");
    let r = build(&m, &request(ReportKind::Monitoring));
    let sheets: Vec<&str> = r.tables().map(|t| t.sheet.as_str()).collect();
    assert_eq!(sheets, ["Показатели", "По школам", "По кластерам", "По предметам", "Вклад ОО"]);
    let by_school = r.tables().find(|t| t.sheet == "По школам").expect("by school");
    assert_eq!(by_school.rows.len(), 4);
    let ranking = r.tables().find(|t| t.sheet == "Вклад ОО").expect("ranking");
    assert_eq!(ranking.rows.len(), 4);
    assert_eq!(ranking.columns.len(), 3 + reports::CONTRIBUTION_TERMS.len() + 1, "every term has a column");
    let bytes = report::render(&r, Format::Xlsx).expect("xlsx");
    let book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("opens");
    let names = calamine::Reader::sheet_names(&book);
    assert_eq!(names[..sheets.len()], sheets, "the tables' sheets, then the charts'");
    assert!(names[sheets.len()..].iter().all(|n| n.starts_with("Диаграмма")), "{names:?}");
}

fn charts(r: &report::Report) -> Vec<report::Chart> {
    r.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Chart(c) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

/// A number of a table cell as a percent (`Cell::Percent` keeps a share).
fn percent_of(c: &Cell) -> Option<f64> {
    match c {
        Cell::Percent(p) => Some(p * 100.0),
        _ => None,
    }
}

/// Issue 24, «Pictures where people would rather look than read»: the справка draws the category dynamics
/// over three years (a bar per category in each year) and the coverage by subject against the target; the
/// monitoring draws each school's shares against the municipal target and the ranking «Вклад ОО». Every bar
/// is a number of the report's own tables. The PDF draws them, the DOCX holds the same drawing as a PNG
/// (with the values in its description), the XLSX a native Excel chart over a sheet of the values.
#[test]
fn charts_draw_the_tables_numbers_in_every_format() {
    let (dir, store) = school(40);
    let req = request(ReportKind::Analytical);
    let r = build(&store, &req);
    let cs = charts(&r);
    let titles: Vec<&str> = cs.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    let table = |title: &str| r.tables().find(|t| t.title == title).unwrap_or_else(|| panic!("«{title}»")).clone();
    // The dynamics: a series per row of the table, a group per year, the same percents.
    let dynamics = table("Динамика квалификационных категорий за три года");
    let cat = &cs[0];
    assert_eq!(cat.series, ["высшая", "первая", "СЗД", "без категории и СЗД"]);
    assert_eq!(
        cat.bars.iter().map(|b| b.label.as_str()).collect::<Vec<_>>(),
        ["2023/2024 уч. г.", "2024/2025 уч. г.", "2025/2026 уч. г."]
    );
    for (k, bar) in cat.bars.iter().enumerate() {
        for (i, v) in bar.values.iter().enumerate() {
            let p = percent_of(&dynamics.rows[i][2 + 2 * k]).expect("a percent");
            assert!((v - p).abs() < 1e-9, "{} {}: {v} and the table's {p}", bar.label, cat.series[i]);
        }
    }
    let shares: f64 = cat.bars[2].values.iter().sum();
    assert!((shares - 100.0).abs() < 1e-6, "the four parts are every teacher: {shares}");
    // By subject: the table's column of courses, from the highest, each bar with the target of the board.
    let by_subject = table("По предметам");
    let subj = &cs[2];
    assert!(subj.title.contains("по предметам"), "{}", subj.title);
    let board_target = reports::board_for(
        &store.load().expect("load"),
        &store.rule_settings().expect("settings"),
        store.own_org(),
        &req,
        Breakdown::None,
    )
    .rows
    .iter()
    .find(|row| row.id == "course_3y" && row.scope == "all")
    .expect("course_3y")
    .target
    .map(|t| t.0);
    let rows_with_share = by_subject.rows.iter().filter(|row| percent_of(&row[2]).is_some()).count();
    assert_eq!(subj.bars.len(), rows_with_share, "a bar per subject");
    for bar in &subj.bars {
        let row = by_subject.rows.iter().find(|row| row[0] == Cell::text(&bar.label)).expect("the subject's row");
        assert_eq!(Some(bar.values[0]), percent_of(&row[2]).map(|p| (p * 10.0).round() / 10.0), "{}", bar.label);
        assert_eq!(bar.target, board_target);
    }
    assert!(subj.bars.windows(2).all(|w| w[0].values[0] >= w[1].values[0]), "from the highest");

    // PDF: each title is printed.
    let pdf = dir.path().join("s.pdf");
    std::fs::write(&pdf, report::render(&r, Format::Pdf).expect("pdf")).expect("write");
    let text = pdf_text(&pdf, None).split_whitespace().collect::<Vec<_>>().join(" ");
    for c in &cs {
        assert!(text.contains(&c.title), "«{}» in the PDF", c.title);
    }
    // DOCX: a PNG per chart, wide as the text, linked from the document, its description the values.
    let docx = report::render(&r, Format::Docx).expect("docx");
    let doc = zip_entry(&docx, "word/document.xml");
    let rels = zip_entry(&docx, "word/_rels/document.xml.rels");
    well_formed(&rels);
    assert!(zip_entry(&docx, "[Content_Types].xml").contains(r#"Extension="png" ContentType="image/png""#));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).expect("zip");
    for (n, c) in cs.iter().enumerate() {
        let n = n + 1;
        let mut png = Vec::new();
        zip.by_name(&format!("word/media/chart{n}.png")).expect("the picture").read_to_end(&mut png).expect("read");
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "chart {n} is a PNG");
        let width = u32::from_be_bytes(png[16..20].try_into().expect("4 bytes"));
        let height = u32::from_be_bytes(png[20..24].try_into().expect("4 bytes"));
        assert!((1350..1500).contains(&width), "180 mm at 200 dpi: {width}");
        assert!(height > 100 && height < width * 2, "{width}×{height}");
        assert!(rels.contains(&format!(r#"Id="rIdChart{n}" "#)) && rels.contains(&format!("media/chart{n}.png")));
        assert!(doc.contains(&format!(r#"r:embed="rIdChart{n}""#)), "chart {n} is in the text");
        for b in &c.bars {
            let shown: Vec<String> = b.values.iter().map(|v| c.shown(*v)).collect();
            let said = format!("{}: {}", b.label, shown.join(" / "));
            assert!(doc.contains(&said), "the description says «{said}»");
        }
    }
    for c in &cs {
        assert!(
            doc.contains(&format!("{}</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val=\"Picture\"/>", c.title)),
            "«{}»: the picture follows its title, no table of values in its place",
            c.title
        );
    }
    // A long chart (a region's schools) is cut into pictures shorter than the page, on one scale.
    let mut long = r.clone();
    long.blocks = vec![Block::Chart(report::Chart::percent(
        "По школам",
        (1..=100).map(|i| (format!("Школа № {i}"), i as f64 * 0.9, Some(60.0))),
    ))];
    let docx = report::render(&long, Format::Docx).expect("docx");
    let doc = zip_entry(&docx, "word/document.xml");
    assert_eq!(doc.matches("<pic:pic>").count(), 3, "100 bars: three pictures of 40, 40 and 20");
    let text_height_emu = (297 - 40) * 36_000;
    for cy in doc.split("<wp:extent cx=\"").skip(1).map(|x| {
        x.split("cy=\"").nth(1).and_then(|y| y.split('"').next()).and_then(|y| y.parse::<u64>().ok()).expect("cy")
    }) {
        assert!(cy < text_height_emu, "a picture of {cy} EMU fits the page's {text_height_emu}");
    }
    assert!(
        doc.contains("Школа № 40: 36,0 %") && doc.contains("Школа № 41: 36,9 %") && doc.contains("Школа № 100: 90,0 %")
    );
    // XLSX: a sheet of each chart's values as numbers and a native bar chart over it.
    let xlsx = report::render(&r, Format::Xlsx).expect("xlsx");
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.clone())).expect("opens");
    let names = calamine::Reader::sheet_names(&book);
    let chart_sheets: Vec<String> = names.iter().filter(|n| n.starts_with("Диаграмма")).cloned().collect();
    assert_eq!(chart_sheets.len(), cs.len());
    for (sheet, c) in chart_sheets.iter().zip(&cs) {
        let range = calamine::Reader::worksheet_range(&mut book, sheet).expect("sheet");
        for (i, b) in c.bars.iter().enumerate() {
            let row = 4 + i as u32;
            assert_eq!(range.get_value((row, 0)), Some(&calamine::Data::String(b.label.clone())));
            for (k, v) in b.values.iter().enumerate() {
                match range.get_value((row, 1 + k as u32)) {
                    // The value as the bar prints it: 24,3 %, stored as 0.243.
                    Some(calamine::Data::Float(x)) => {
                        assert!((x * 100.0 - (v * 10.0).round() / 10.0).abs() < 1e-9, "{sheet}: {x} and {v}")
                    }
                    other => panic!("{sheet} row {row}: a number, not {other:?}"),
                }
            }
        }
        let n = chart_sheets.iter().position(|s| s == sheet).expect("index") + 1;
        let xml = zip_entry_raw(&xlsx, &format!("xl/charts/chart{n}.xml"));
        assert!(xml.contains("<c:barChart>") && xml.contains(r#"<c:barDir val="bar"/>"#), "a horizontal bar chart");
        assert_eq!(xml.matches("<c:ser>").count(), c.series.len().max(1) + usize::from(c.has_targets()));
    }

    // The monitoring: each school's shares against the target, and the ranking in the table's order.
    let mdir = tempfile::tempdir().expect("dir");
    let mut m = uchrost::app::create_municipality(&mdir.path().join("m.db"), "Северный район", "01", DiskMode::Local)
        .expect("m");
    uchrost::app::fill_municipal_demo(&mut m, 5, 3, today()).expect("demo");
    let r = build(&m, &request(ReportKind::Monitoring));
    let cs = charts(&r);
    let ranking = r.tables().find(|t| t.sheet == "Вклад ОО").expect("ranking");
    let vklad = cs.iter().find(|c| c.title.starts_with("Рейтинг «Вклад ОО»")).expect("the ranking's chart");
    assert_eq!(vklad.bars.len(), ranking.rows.len());
    for (bar, row) in vklad.bars.iter().zip(&ranking.rows) {
        assert_eq!(Cell::text(&bar.label), row[1], "the same order as the table");
        assert_eq!(Cell::Number(bar.values[0], 3), *row.last().expect("sum"));
    }
    let by_school = r.tables().find(|t| t.sheet == "По школам").expect("by school");
    let board = reports::board_for(
        &m.load().expect("load"),
        &m.rule_settings().expect("settings"),
        m.own_org(),
        &request(ReportKind::Monitoring),
        Breakdown::None,
    );
    for (id, column) in [("course_3y", 2), ("category_high", 3)] {
        let title = indicators::catalogue().into_iter().find(|d| d.id == id).expect("id").title.to_string();
        let c = cs.iter().find(|c| c.title.starts_with(&title)).unwrap_or_else(|| panic!("{id} by school"));
        assert_eq!(c.bars.len(), by_school.rows.len(), "{id}: a bar per school");
        let target = board.rows.iter().find(|r| r.id == id && r.scope == "all").and_then(|r| r.target).map(|t| t.0);
        assert!(target.is_some(), "{id}: the demo municipality sets a target");
        for bar in &c.bars {
            let row = by_school.rows.iter().find(|row| row[0] == Cell::text(&bar.label)).expect("the school's row");
            assert_eq!(
                Some(bar.values[0]),
                percent_of(&row[column]).map(|p| (p * 10.0).round() / 10.0),
                "{id} {}",
                bar.label
            );
            assert_eq!(bar.target, target, "{id}: the municipal target on every bar");
        }
    }
}

#[test]
fn the_command_line_writes_reports() {
    let (dir, store) = school(20);
    let db = dir.path().join("s.db");
    store.close().expect("close");
    let run = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_uchrost")).args(args).output().expect("run");
        (o.status.code(), String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr))
    };
    let db = db.to_str().expect("utf-8");
    let (code, help) = run(&["report", "--help"]);
    assert_eq!(code, Some(0));
    for kind in ReportKind::LISTED {
        assert!(help.contains(kind.code()), "«{}» listed in report --help", kind.code());
    }
    assert!(help.contains("route-card"));
    let out = dir.path().join("план.xlsx");
    let (code, text) = run(&["report", "--db", db, "--kind", "course-plan", "--out", out.to_str().expect("utf-8")]);
    assert_eq!(code, Some(0), "{text}");
    assert!(out.exists());
    let (code, text) = run(&["report", "--db", db, "--kind", "staff", "--out", "x.odt"]);
    assert_eq!((code, text.contains(".pdf, .xlsx или .docx")), (Some(2), true), "{text}");
    let (code, text) = run(&["report", "--db", db, "--kind", "route-card", "--out", "x.pdf"]);
    assert_eq!((code, text.contains("--person")), (Some(2), true), "{text}");
    let (code, text) = run(&["report", "--db", db, "--kind", "monitoring", "--out", "x.pdf"]);
    assert_eq!((code, text.contains("«муниципалитет»")), (Some(1), true), "{text}");
    let (code, text) =
        run(&["report", "--db", db, "--kind", "route-card", "--person", "Нетакойфамилии", "--out", "x.pdf"]);
    assert_eq!((code, text.contains("нет в базе")), (Some(1), true), "{text}");
}

/// The deputy head saves the attestation plan as PDF and the analytical report, with problems drafted
/// from the data, as DOCX — through the Отчёты screen.
#[test]
fn the_reports_screen_saves_files() {
    use egui_kittest::kittest::Queryable;
    let (dir, store) = school(20);
    let db = dir.path().join("s.db");
    let data = store.load().expect("load");
    let plan = uchrost::domain::plans::attestation_plan(&data, today(), &RuleSettings::default());
    let first = plan.first().expect("a plan").name.clone();
    store.close().expect("close");
    let (pdf, docx) = (dir.path().join("план.pdf"), dir.path().join("справка.docx"));
    let dialogs = uchrost::ui::dialogs::QueuedDialogs::default();
    dialogs.save.borrow_mut().extend([pdf.clone(), docx.clone()]);
    let opened = dialogs.opened.clone();
    let app = uchrost::ui::UchrostApp::new(
        uchrost::app::paths::DbLocation { path: db.clone(), mode: DiskMode::Local },
        today(),
    )
    .with_dialogs(Box::new(dialogs));
    let mut h = harness_of(app, 1366.0, 900.0);
    let press = |h: &mut egui_kittest::Harness<'static, uchrost::ui::UchrostApp>, label: &str| {
        h.get_by_label(label).click();
        crate::indicators_screen::settle(h);
    };
    press(&mut h, "Отчёты");
    press(&mut h, "Перспективный план аттестации педагогических работников");
    h.get_by_label("Подписывает:");
    // The preview shows the document: its title and the first teacher of the plan.
    h.get_by_label("Предварительный просмотр");
    assert!(h.query_all_by_label(&first).count() >= 1, "{first} in the preview");
    press(&mut h, "Печать…");
    let printed = opened.borrow().clone();
    assert_eq!(printed.len(), 1, "one PDF handed to the viewer");
    assert!(std::fs::read(&printed[0]).expect("the printed PDF").starts_with(b"%PDF-"));
    // The head who approves the plan, typed on the screen, stands in its «УТВЕРЖДАЮ».
    h.get_by_label("Утверждает (руководитель):").click();
    crate::indicators_screen::settle(&mut h);
    h.get_by_label("Утверждает (руководитель):").type_text("О. П. Директорова");
    crate::indicators_screen::settle(&mut h);
    press(&mut h, "Сохранить PDF…");
    h.get_by_label_contains("Отчёт записан:");
    assert!(std::fs::read(&pdf).expect("the PDF").starts_with(b"%PDF-"));
    let first_page = pdf_text(&pdf, Some(1));
    assert!(first_page.contains("УТВЕРЖДАЮ") && first_page.contains("О. П. Директорова"), "{first_page}");
    press(&mut h, "Аналитическая справка о профессиональном развитии педагогических работников");
    press(&mut h, "Составить по данным");
    assert!(h.query_by_label("Утверждает (руководитель):").is_none(), "a справка is not approved");
    // «Основание» of the справка typed on the screen.
    h.get_by_label("Основание:").click();
    crate::indicators_screen::settle(&mut h);
    h.get_by_label("Основание:").type_text("приказ от 01.04.2026 № 45 «О проведении анализа»");
    crate::indicators_screen::settle(&mut h);
    press(&mut h, "Сохранить DOCX…");
    let doc = zip_entry(&std::fs::read(&docx).expect("the DOCX"), "word/document.xml");
    assert!(doc.contains("Проблемы и рекомендации"));
    assert!(doc.contains("Рассмотрено на педагогическом совете"));
    assert!(doc.contains("Основание: приказ от 01.04.2026 № 45 «О проведении анализа».</w:t>"), "the typed basis");
}

/// The справка opens as its readers expect (issue 24, «the Цель / сроки / основание preamble»): the aim
/// of the analysis, the period its figures cover, and what it is made under — the plan of the year by
/// default (a school's internal control, a municipality's methodological service), or what the user names
/// (`--basis` on the command line, «Основание:» on the screen).
#[test]
fn the_spravka_begins_with_its_aim_period_and_basis() {
    let (dir, store) = school(15);
    let req = request(ReportKind::Analytical);
    let r = build(&store, &req);
    let first: Vec<&str> = r
        .blocks
        .iter()
        .take(3)
        .map(|b| match b {
            Block::Paragraph(p) => p.as_str(),
            other => panic!("the preamble is three paragraphs, not {other:?}"),
        })
        .collect();
    assert!(first[0].starts_with("Цель: анализ профессионального развития педагогических работников за 2025/2026"));
    assert_eq!(first[1], "Сроки: 01.09.2025 – 31.08.2026.");
    assert_eq!(first[2], "Основание: план внутришкольного контроля на 2025/2026 учебный год.");
    assert!(matches!(&r.blocks[3], Block::Heading(1, h) if h == "1. Кадровый состав"));
    // In the running year the period ends on the day counted.
    let mut running = request(ReportKind::Analytical);
    running.year = SchoolYear(2026);
    running.today = d("23.11.2026");
    assert!(
        matches!(&build(&store, &running).blocks[1], Block::Paragraph(p) if p == "Сроки: 01.09.2026 – 23.11.2026.")
    );
    // Other kinds have no preamble.
    let plan = build(&store, &request(ReportKind::CoursePlan));
    assert!(!plan.blocks.iter().any(|b| matches!(b, Block::Paragraph(p) if p.starts_with("Основание:"))));
    // The command line's --basis, in the PDF.
    let db = dir.path().join("s.db");
    store.close().expect("close");
    let pdf = dir.path().join("справка.pdf");
    run_report(&[
        "--db",
        db.to_str().expect("utf-8"),
        "--kind",
        "analytical",
        "--year",
        "2025",
        "--basis",
        "приказ № 12 от 10.05.2026",
        "--out",
        pdf.to_str().expect("utf-8"),
    ]);
    let text = pdf_text(&pdf, Some(1)).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Основание: приказ № 12 от 10.05.2026."), "{text}");
    assert!(text.contains("Сроки: 01.09.2025 – 31.08.2026."), "{text}");
    // A municipality's справка speaks of its schools and its plan.
    let mdir = tempfile::tempdir().expect("dir");
    let mut m = uchrost::app::create_municipality(&mdir.path().join("m.db"), "Северный район", "01", DiskMode::Local)
        .expect("m");
    uchrost::app::fill_municipal_demo(&mut m, 2, 3, today()).expect("demo");
    let r = build(&m, &req);
    assert!(matches!(&r.blocks[0], Block::Paragraph(p) if p.contains("образовательных организаций муниципалитета")));
    assert!(
        matches!(&r.blocks[2], Block::Paragraph(p) if p.starts_with("Основание: план работы муниципальной методической службы"))
    );
}

/// What `uchrost indicators --json` prints: (id, scope) → (numerator, denominator, percent).
type CliRow = (u64, u64, Option<f64>, String);

fn cli_indicators(db: &str, extra: &[&str]) -> std::collections::HashMap<(String, String), CliRow> {
    let mut args = vec!["indicators", "--db", db, "--json"];
    if !extra.contains(&"--from") {
        args.extend(["--year", "2025"]);
    }
    args.extend_from_slice(extra);
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_uchrost")).args(&args).output().expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("json");
    rows.iter()
        .filter(|r| r.get("numerator").is_some_and(|n| n.is_u64()))
        .map(|r| {
            (
                (r["id"].as_str().expect("id").to_string(), r["scope"].as_str().expect("scope").to_string()),
                (
                    r["numerator"].as_u64().expect("n"),
                    r["denominator"].as_u64().expect("d"),
                    r["percent"].as_f64(),
                    r["title"].as_str().expect("title").to_string(),
                ),
            )
        })
        .collect()
}

fn percent_text(p: Option<f64>) -> String {
    Cell::percent(p).display()
}

/// The analytical report in all three formats, made by the command line, holds for every indicator it
/// shows the numerator, denominator and percent `uchrost indicators` prints for the same year.
#[test]
fn the_printed_reports_hold_the_command_lines_numbers() {
    let (dir, store) = school(40);
    let db = dir.path().join("s.db");
    store.close().expect("close");
    let db = db.to_str().expect("utf-8");
    let expected = cli_indicators(db, &[]);
    let file = |ext: &str| {
        let out = dir.path().join(format!("справка.{ext}"));
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_uchrost"))
            .args([
                "report",
                "--db",
                db,
                "--kind",
                "analytical",
                "--year",
                "2025",
                "--out",
                out.to_str().expect("utf-8"),
            ])
            .output()
            .expect("run");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        out
    };
    let (xlsx, pdf, docx) = (file("xlsx"), file("pdf"), file("docx"));
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).expect("opens");
    let sheet = calamine::Reader::worksheet_range(&mut book, "Показатели").expect("the sheet");
    let doc = zip_entry(&std::fs::read(&docx).expect("docx"), "word/document.xml");
    let text = pdf_text(&pdf, None);
    let mut checked = 0;
    for ((id, scope), (n, d, p, title)) in &expected {
        if scope != "all" || id.starts_with("self_") || id.starts_with("schools_") {
            continue;
        }
        let row = sheet
            .rows()
            .find(|r| r.first().map(|c| c.to_string()).as_ref() == Some(title))
            .unwrap_or_else(|| panic!("{id} in the XLSX"));
        // Numbers as numbers: those counted and all in two columns, the share in the third.
        if indicators::about(id).is_some_and(|a| a.count) {
            assert_eq!(
                (&row[1], &row[3]),
                (&calamine::Data::Float(*n as f64), &calamine::Data::Float(*n as f64)),
                "{id}"
            );
            checked += 1;
            continue;
        }
        assert_eq!(
            (&row[1], &row[2]),
            (&calamine::Data::Float(*n as f64), &calamine::Data::Float(*d as f64)),
            "{id}: XLSX counts"
        );
        match (p, &row[3]) {
            (Some(p), calamine::Data::Float(x)) => assert!((x * 100.0 - p).abs() < 1e-9, "{id}: {x} vs {p}"),
            (None, calamine::Data::Empty) => {}
            (p, x) => panic!("{id}: {p:?} vs {x:?}"),
        }
        assert!(doc.contains(&format!("{n} / {d}")) && doc.contains(&percent_text(*p)), "{id} in the DOCX");
        {
            // pdftotext may drop a narrow space («0/3»): compare without spaces.
            let squash = |s: &str| s.replace([' ', '\u{a0}'], "");
            let (line, shown) = (squash(&format!("{n} / {d}")), squash(&percent_text(*p)));
            assert!(
                text.lines().map(squash).any(|l| l.contains(&line) && l.contains(&shown)),
                "{id}: «{line} … {shown}» on one printed line"
            );
        }
        checked += 1;
    }
    assert!(checked > 25, "{checked} indicators checked");
}

/// The self-evaluation's lines in XLSX, PDF and DOCX are what `uchrost indicators` prints for the
/// calendar year, as «N человек / X %».
#[test]
fn the_self_evaluation_holds_the_command_lines_numbers() {
    let (dir, store) = school(40);
    let db = dir.path().join("s.db");
    store.close().expect("close");
    let db = db.to_str().expect("utf-8");
    let expected = cli_indicators(db, &["--from", "01.01.2025", "--to", "31.12.2025"]);
    let file = |ext: &str| {
        let out = dir.path().join(format!("самообследование.{ext}"));
        let args = ["report", "--db", db, "--kind", "self-evaluation", "--calendar-year", "2025", "--out"];
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_uchrost")).args(args).arg(&out).output().expect("run");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        out
    };
    let (xlsx, pdf, docx) = (file("xlsx"), file("pdf"), file("docx"));
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).expect("opens");
    let sheet = calamine::Reader::worksheet_range(&mut book, "Самообследование").expect("the sheet");
    let doc = zip_entry(&std::fs::read(&docx).expect("docx"), "word/document.xml");
    let text = pdf_text(&pdf, None).replace([' ', '\u{a0}'], "");
    let mut checked = 0;
    for ((id, scope), (n, _, p, title)) in expected.iter().filter(|((id, _), _)| id.starts_with("self_")) {
        assert_eq!(scope, "all");
        let number = title.split_once(' ').expect("«1.24 …»").0;
        let shown = if id == "self_total" {
            uchrost::domain::ru::people(*n)
        } else {
            format!("{} / {}", uchrost::domain::ru::people(*n), percent_text(*p))
        };
        let row = sheet.rows().find(|r| r[0] == number).unwrap_or_else(|| panic!("{number} in the XLSX"));
        // Numbers as numbers: the people in one column, their share of all in the next.
        assert_eq!(row[2], calamine::Data::Float(*n as f64), "{id}: people");
        match (id.as_str(), p, &row[3]) {
            ("self_total", _, calamine::Data::Empty) => {}
            // The command line prints the percent to one decimal, the sheet keeps the exact share.
            (_, Some(p), calamine::Data::Float(x)) => assert!((x * 100.0 - p).abs() <= 0.05 + 1e-9, "{id}: {x} vs {p}"),
            (_, p, x) => panic!("{id}: {p:?} vs {x:?}"),
        }
        assert!(doc.contains(&shown), "{id} in the DOCX");
        assert!(text.contains(&shown.replace(' ', "")), "{id}: «{shown}» printed");
        checked += 1;
    }
    assert!(checked >= 10, "{checked}");
}

/// The municipal monitoring XLSX holds, school by school, the percents `uchrost indicators --by school`
/// prints.
#[test]
fn the_monitoring_xlsx_holds_the_by_school_numbers() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("m.db");
    let mut m = uchrost::app::create_municipality(&path, "Северный район", "01", DiskMode::Local).expect("m");
    uchrost::app::fill_municipal_demo(&mut m, 4, 3, today()).expect("demo");
    let schools: Vec<(String, String)> = m
        .load()
        .expect("load")
        .schools()
        .map(|s| (s.code.clone(), if s.short_name.is_empty() { s.name.clone() } else { s.short_name.clone() }))
        .collect();
    m.close().expect("close");
    let db = path.to_str().expect("utf-8");
    let expected = cli_indicators(db, &["--by", "school"]);
    let out = dir.path().join("мониторинг.xlsx");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_uchrost"))
        .args(["report", "--db", db, "--kind", "monitoring", "--year", "2025", "--out", out.to_str().expect("utf-8")])
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out).expect("opens");
    let sheet = calamine::Reader::worksheet_range(&mut book, "По школам").expect("the sheet");
    let header: Vec<String> = sheet.rows().nth(3).expect("header").iter().map(|c| c.to_string()).collect();
    let catalogue = uchrost::domain::indicators::catalogue();
    let mut checked = 0;
    for (code, name) in &schools {
        let row = sheet.rows().find(|r| r[0].to_string() == *name).unwrap_or_else(|| panic!("{name}"));
        let (_, d, _, _) = &expected[&("course_3y".to_string(), format!("school:{code}"))];
        assert_eq!(row[1], calamine::Data::Float(*d as f64), "{name}: teachers");
        for (c, title) in header.iter().enumerate().skip(2) {
            let def = catalogue
                .iter()
                .find(|x| {
                    let t = x.title.trim_start_matches("Доля педагогов, ").trim_start_matches("Доля ");
                    t.to_lowercase() == title.to_lowercase()
                })
                .unwrap_or_else(|| panic!("column «{title}» names an indicator"));
            let (_, _, p, _) = &expected[&(def.id.to_string(), format!("school:{code}"))];
            match (*p, &row[c]) {
                (Some(p), calamine::Data::Float(x)) => assert!((x * 100.0 - p).abs() < 1e-9, "{name} {}", def.id),
                (None, calamine::Data::Empty) => {}
                (p, x) => panic!("{name} {}: {p:?} vs {x:?}", def.id),
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 4 * (header.len() - 2));
}

/// The route card says «просрочен» for a step whose date has passed and is not done (issue 24), its
/// status for the others, and the evidence for a step done.
#[test]
fn the_route_card_says_an_overdue_step_is_overdue() {
    let (_dir, mut store) = school(5);
    let data = store.load().expect("load");
    let person = data.persons[0].id;
    let step = |title: &str, planned: &str, status: StepStatus, evidence: &str| RouteStep {
        id: RouteStepId::new(),
        kind: StepKind::Seminar,
        title: title.into(),
        planned: Some(d(planned)),
        done: (status == StepStatus::Done).then(|| d(planned)),
        status,
        evidence: evidence.into(),
        expected: String::new(),
    };
    let mut route = data.routes.iter().find(|r| r.person == person).cloned().unwrap_or_else(|| {
        let mut r = data.routes[0].clone();
        r.id = RouteId::new();
        r.person = person;
        r
    });
    route.start = d("01.09.2025");
    route.end = Some(d("31.08.2026"));
    route.steps = vec![
        step("Семинар по ФГОС", "15.10.2025", StepStatus::Done, "сертификат № 12"),
        step("Открытый урок", "20.12.2025", StepStatus::Planned, ""),
        step("Курсы по ФГ", "20.05.2026", StepStatus::Planned, ""),
    ];
    store.put("ИОМ", route, today()).expect("route");
    let mut req = request(ReportKind::RouteCard(person));
    req.today = d("15.01.2026");
    let r = build(&store, &req);
    let table = r.tables().next().expect("the steps");
    let last = |i: usize| table.rows[i].last().expect("a result").display();
    assert_eq!((last(0), last(1), last(2)), ("сертификат № 12".into(), "просрочен".into(), "запланировано".into()));
    // Every signature line writes the name one way: initials, then the surname (ГОСТ Р 7.0.97-2016).
    let Some(Block::Signatures(lines)) = r.blocks.iter().find(|b| matches!(b, Block::Signatures(_))) else {
        panic!("signature lines")
    };
    let p = store.load().expect("load").persons.into_iter().find(|p| p.id == person).expect("the teacher");
    let initial = |s: &str| s.chars().next().map(|c| format!("{c}.")).unwrap_or_default();
    let expected = format!("{} {} {}", initial(&p.first_name), initial(&p.middle_name), p.last_name);
    assert_eq!(lines[0].name, expected.replace("  ", " "), "the teacher signs as «И. О. Фамилия»");
    assert_eq!(lines[2].name, "Е. В. Смирнова");
}

/// СЗД is not a qualification category (issue 24): the staff table groups it under «Аттестация», with
/// the categories named as categories.
#[test]
fn the_staff_table_does_not_call_szd_a_category() {
    let (_dir, store) = school(20);
    let r = build(&store, &request(ReportKind::Analytical));
    let table = r.tables().find(|t| t.title == "Состав педагогических работников").expect("the staff table");
    let labels: Vec<String> = table.rows.iter().map(|row| row[0].display()).collect();
    for want in [
        "Аттестация: высшая квалификационная категория",
        "Аттестация: первая квалификационная категория",
        "Аттестация: соответствие занимаемой должности",
        "Аттестация: без категории и СЗД",
    ] {
        assert!(labels.iter().any(|l| l == want), "{want} in {labels:?}");
    }
    assert!(labels.iter().all(|l| !(l.contains("категория") && l.contains("СЗД") && !l.contains("без"))), "{labels:?}");
}

/// «Дата составления» is the day the document is made; a past school year's figures say «по состоянию на»
/// its last day on a line of their own (issue 24), in the PDF and the DOCX.
#[test]
fn the_date_made_and_the_date_counted_on_are_apart() {
    let (dir, store) = school(10);
    let mut req = request(ReportKind::StaffList);
    req.made = d("30.11.2026");
    req.today = d("31.08.2026");
    let r = build(&store, &req);
    let doc = zip_entry(&report::render(&r, Format::Docx).expect("docx"), "word/document.xml");
    assert!(doc.contains("Дата составления: 30.11.2026"), "the day it is made");
    assert!(doc.contains("по состоянию на 31.08.2026"), "the day its figures are counted on");
    let pdf = dir.path().join("список.pdf");
    std::fs::write(&pdf, report::render(&r, Format::Pdf).expect("pdf")).expect("write");
    let text = pdf_text(&pdf, Some(1));
    assert!(text.contains("Дата составления: 30.11.2026") && text.contains("по состоянию на 31.08.2026"), "{text}");
    // Counted on the day it is made: one date, no second line.
    req.today = req.made;
    let doc = zip_entry(&report::render(&build(&store, &req), Format::Docx).expect("docx"), "word/document.xml");
    assert!(doc.contains("Дата составления: 30.11.2026") && !doc.contains("по состоянию на"));
}

/// The grifs of an official document (ГОСТ Р 7.0.97-2016, issue 24): the plans and the cycle document are
/// approved («УТВЕРЖДАЮ», the head's position with the school's name, the name, a date to fill in), the
/// справка is considered by the teachers' council at a school and the methodological council in a
/// municipality; the other documents carry neither. In the PDF and in the DOCX alike.
#[test]
fn plans_are_approved_and_the_spravka_is_considered() {
    let (dir, store) = school(12);
    let grifs = |r: &report::Report, name: &str| {
        let pdf = dir.path().join(format!("{name}.pdf"));
        reports::save(r, Format::Pdf, &pdf).expect("pdf");
        let docx = zip_entry(&report::render(r, Format::Docx).expect("docx"), "word/document.xml");
        (pdf_text(&pdf, Some(1)), docx)
    };
    for kind in [ReportKind::AttestationPlan, ReportKind::CoursePlan, ReportKind::Cycle] {
        let mut req = request(kind);
        req.approver = "И. И. Директоров".into();
        let r = build(&store, &req);
        let a = r.approval.as_ref().expect("approved");
        assert_eq!(a.position, "Директор МОУ СОШ № 4");
        let (pdf, docx) = grifs(&r, kind.code());
        for (what, text) in [("PDF", &pdf), ("DOCX", &docx)] {
            for line in
                ["УТВЕРЖДАЮ", "Директор МОУ СОШ № 4", "____________ И. И. Директоров", "«___» ______________ 20___ г."]
            {
                assert!(text.contains(line), "{kind:?} {what} holds «{line}»");
            }
            assert!(!text.contains("Рассмотрено"), "{kind:?} {what}: a plan is not «considered»");
        }
        // Before the title: the grif stands above the document's name.
        assert!(pdf.find("УТВЕРЖДАЮ") < pdf.find(kind.title().split(' ').next().expect("a word")));
        // Without a name, a line to sign on.
        let r = build(&store, &request(kind));
        assert!(r.approval.expect("approved").lines()[2].contains("____________ ____________________"));
    }
    for kind in [ReportKind::StaffList, ReportKind::Routes, ReportKind::Mentoring, ReportKind::SelfEvaluation] {
        let r = build(&store, &request(kind));
        assert!(r.approval.is_none() && r.considered.is_none(), "{kind:?} carries no grif");
    }
    let r = build(&store, &request(ReportKind::Analytical));
    let (pdf, docx) = grifs(&r, "analytical");
    for text in [&pdf, &docx] {
        assert!(text.contains("Рассмотрено на педагогическом совете,"));
        assert!(text.contains("протокол № ______ от «___» ___________ 20___ г."));
    }
    // The municipality's справка goes to its methodological council.
    let m_dir = tempfile::tempdir().expect("dir");
    let mut m =
        uchrost::app::create_municipality(&m_dir.path().join("m.db"), "Управление образования", "M01", DiskMode::Local)
            .expect("municipality");
    uchrost::app::fill_municipal_demo(&mut m, 2, 3, today()).expect("demo");
    let r = build(&m, &request(ReportKind::Analytical));
    assert!(r.considered.expect("considered").starts_with("Рассмотрено на заседании методического совета,"));
    let mut req = request(ReportKind::AttestationPlan);
    req.approver = "А. Б. Начальникова".into();
    let a = build(&m, &req).approval.expect("approved");
    assert_eq!(
        a.lines(),
        [
            "УТВЕРЖДАЮ",
            "Руководитель",
            "Управление образования",
            "____________ А. Б. Начальникова",
            "«___» ______________ 20___ г."
        ]
    );
}

/// The DOCX is laid out as the PDF (ГОСТ Р 7.0.97-2016): margins 20/10/20/20 mm, the page number in the
/// header from page 2 (none on the first), automatic hyphenation of the body but not of titles, headings,
/// table headers and names; «№», initials and numbers joined by no-break spaces; the paragraph before the
/// signatures kept with them.
#[test]
fn the_docx_is_laid_out_as_an_official_document() {
    let (_dir, store) = school(12);
    let r = build(&store, &request(ReportKind::Analytical));
    let bytes = report::render(&r, Format::Docx).expect("docx");
    let doc = zip_entry_raw(&bytes, "word/document.xml");
    well_formed(&doc);
    assert!(doc.contains("<w:pgMar w:top=\"1134\" w:right=\"567\" w:bottom=\"1134\" w:left=\"1134\""), "margins");
    assert!(doc.contains("<w:titlePg/>") && doc.contains("<w:headerReference w:type=\"default\""));
    assert!(!doc.contains("w:type=\"first\""), "no header on the first page");
    let header = zip_entry_raw(&bytes, "word/header1.xml");
    well_formed(&header);
    assert!(header.contains(" PAGE ") && header.contains("<w:jc w:val=\"center\"/>"));
    let settings = zip_entry_raw(&bytes, "word/settings.xml");
    well_formed(&settings);
    assert!(settings.contains("<w:autoHyphenation/>"));
    let styles = zip_entry_raw(&bytes, "word/styles.xml");
    for style in ["Title", "Heading1", "Heading2", "TableTitle", "TableHead", "TableName", "Signature", "Grif"] {
        let at = styles.find(&format!("w:styleId=\"{style}\"")).unwrap_or_else(|| panic!("style {style}"));
        let end = at + styles[at..].find("</w:style>").expect("closed");
        assert!(styles[at..end].contains("<w:suppressAutoHyphens/>"), "{style} is not hyphenated");
    }
    for part in ["[Content_Types].xml", "word/_rels/document.xml.rels"] {
        let x = zip_entry_raw(&bytes, part);
        assert!(x.contains("header1.xml") && x.contains("settings.xml") && !x.contains("footer1.xml"), "{part}");
        assert!(x.contains("numbering.xml"), "{part}");
    }
    // The problems and recommendations are a real Word list (a bullet «–» from numbering.xml).
    let numbering = zip_entry_raw(&bytes, "word/numbering.xml");
    well_formed(&numbering);
    assert!(numbering.contains("<w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"–\"/>"));
    let styles_list = styles.find("w:styleId=\"ListItem\"").expect("the list style");
    assert!(styles[styles_list..].starts_with("w:styleId=\"ListItem\"><w:name w:val=\"List Bullet\"/>"));
    assert!(styles[styles_list..].contains("<w:numId w:val=\"1\"/>"));
    let items = doc.matches("<w:pStyle w:val=\"ListItem\"/>").count();
    let listed: usize = r.blocks.iter().map(|b| if let Block::List(l) = b { l.len() } else { 0 }).sum();
    assert_eq!(items, listed, "one list paragraph per item");
    assert!(!doc.contains(">– "), "no dash typed before an item");
    // No-break spaces: the signer's initials, «№» of the protocol, a count and its noun.
    assert!(doc.contains("Е.\u{a0}В.\u{a0}Смирнова"), "initials tied");
    assert!(doc.contains("протокол №\u{a0}______"), "№ tied");
    assert!(doc.contains("работают\u{a0}") || doc.contains("работает\u{a0}") || doc.contains("\u{a0}педагогическ"));
    // The paragraph before the signatures keeps with them.
    let sig = doc.find("w:val=\"Signature\"").expect("signature lines");
    let before = &doc[..sig];
    let last_text = before.rfind("<w:p><w:pPr><w:keepNext/>").expect("kept with what follows");
    assert!(doc[last_text..sig].matches("<w:p>").count() <= 2, "the paragraph just before the signatures");
    // A long position keeps to its column: the signatures are a table without borders — position, a line
    // for the hand, «/ И. О. Фамилия» — not tab stops a long position would run past.
    let mut long = r.clone();
    long.blocks = vec![Block::Signatures(vec![
        report::Signature {
            position: "Начальник отдела общего и дополнительного образования управления образования администрации \
                       муниципального района"
                .into(),
            name: "А. Б. Длиннофамильная-Двойная".into(),
        },
        report::Signature { position: "Методист".into(), name: String::new() },
    ])];
    let doc = zip_entry_raw(&report::render(&long, Format::Docx).expect("docx"), "word/document.xml");
    well_formed(&doc);
    let table = &doc[doc.rfind("<w:tbl>").expect("the signatures' table")..];
    assert!(table.contains("<w:insideV w:val=\"nil\"/>"), "no borders");
    assert_eq!(table.matches("<w:tr>").count(), 2, "a row per signature");
    assert_eq!(table.matches("<w:tc>").count(), 6, "position, line, name");
    assert_eq!(table.matches("<w:bottom w:val=\"single\"").count(), 2, "the line for the hand");
    assert!(table.contains("/\u{a0}А.\u{a0}Б.\u{a0}Длиннофамильная-Двойная"), "the name unbroken: {table}");
    assert!(table.contains(">/ ____________________<"), "a line for a name not given");
    assert!(!table.contains("<w:tab/>"), "no tab stops to run past");
    assert!(table.find("муниципального").expect("position") < table.find("Длиннофамильная").expect("name"));
}

/// The справка says who was attested and who finished courses in the year, and how the categories went
/// over three years (issue 24): every attestation decided in the year is a row with the position, the
/// category held before, the one given and the order; every course ended in the year a row with its topic,
/// provider, hours, dates and document; the three-year table holds the staffing counts of each year's day.
/// In a municipal copy the lists become counts by school (short names, a total equal to the records), with
/// no teacher's name.
#[test]
fn the_spravka_lists_the_attested_and_the_trained_with_three_years_of_categories() {
    let (_dir, store) = school(40);
    let data = store.load().expect("load");
    let req = request(ReportKind::Analytical);
    let r = build(&store, &req);
    let table =
        |title: &str| r.tables().find(|t| t.title.starts_with(title)).unwrap_or_else(|| panic!("«{title}»")).clone();
    let period = indicators::Window::school_year(req.year, req.today).counted();
    let attested: Vec<&Attestation> = data.attestations.iter().filter(|a| period.contains(a.decision_date)).collect();
    let list = table("Аттестованы в 2025/2026 учебном году");
    assert_eq!(list.rows.len(), attested.len(), "one row per attestation of the year");
    assert!(!attested.is_empty(), "the demo attests someone in a year");
    for a in &attested {
        let name = data.persons.iter().find(|p| p.id == a.person).expect("person").full_name();
        let row = list
            .rows
            .iter()
            .find(|row| row[1] == Cell::text(&name) && row[5] == Cell::Date(a.decision_date))
            .unwrap_or_else(|| panic!("{name} attested on {}", fmt_date(a.decision_date)));
        assert_eq!(row[4], Cell::text(a.result.label()));
        assert_eq!(row[6], Cell::text(plans::order_text(&a.order_number, a.order_date)));
    }
    let courses: Vec<&Course> = data.courses.iter().filter(|c| period.contains(c.end)).collect();
    let list = table("Окончили курсы в 2025/2026 учебном году");
    assert_eq!(list.rows.len(), courses.len(), "one row per course ended in the year");
    for c in &courses {
        assert!(
            list.rows.iter().any(|row| row[2] == Cell::text(&c.title)
                && row[3] == Cell::text(&c.provider)
                && row[4] == Cell::Int(i64::from(c.hours))
                && row[5].display().ends_with(&fmt_date(c.end))),
            "«{}» of {}",
            c.title,
            fmt_date(c.end)
        );
    }
    let hours: u64 = courses.iter().map(|c| u64::from(c.hours)).sum();
    assert!(
        r.blocks.iter().any(|b| matches!(b, Block::Paragraph(p) if p.contains(&format!("окончено курсов: {} ({})", courses.len(), ru::count(hours, "час", "часа", "часов"))))),
        "the summary of the courses"
    );
    // Three years of categories, each counted on its own day, as the staffing figures.
    let dynamics = table("Динамика квалификационных категорий за три года");
    for (k, year) in [SchoolYear(2023), SchoolYear(2024), SchoolYear(2025)].into_iter().enumerate() {
        assert_eq!(dynamics.columns[1 + 2 * k].title, format!("{year}, чел."));
        let st = indicators::staffing(&data, year.last_day().min(req.today), indicators::Breakdown::None).remove(0);
        let of = |l: &str| st.by_category.iter().find(|(x, _)| x == l).map_or(0, |(_, n)| *n) as i64;
        assert_eq!(dynamics.rows[0][1 + 2 * k], Cell::Int(of("высшая")), "{year}: высшая");
        assert_eq!(dynamics.rows[1][1 + 2 * k], Cell::Int(of("первая")), "{year}: первая");
        assert_eq!(dynamics.rows[2][1 + 2 * k], Cell::Int(of("СЗД")), "{year}: СЗД");
        let all: i64 = dynamics
            .rows
            .iter()
            .map(|row| match row[1 + 2 * k] {
                Cell::Int(n) => n,
                _ => 0,
            })
            .sum();
        assert_eq!(all, st.teachers as i64, "{year}: the four rows are all the teachers");
    }

    // A municipal copy: counts by school, no names.
    let dir = tempfile::tempdir().expect("dir");
    let mut m = uchrost::app::create_municipality(&dir.path().join("m.db"), "Северный район", "01", DiskMode::Local)
        .expect("m");
    uchrost::app::fill_municipal_demo(&mut m, 3, 3, today()).expect("demo");
    let data = m.load().expect("load");
    let r = build(&m, &req);
    let by_school = r.tables().find(|t| t.title == "Аттестованы в учебном году, по школам").expect("by school").clone();
    let schools: Vec<String> = data.schools().map(|s| s.short_or_name().to_string()).collect();
    assert_eq!(by_school.rows.len(), schools.len() + 1, "a row per school and the total");
    for s in &schools {
        assert!(by_school.rows.iter().any(|row| row[0] == Cell::text(s)), "{s} by its short name");
    }
    let in_year = data.attestations.iter().filter(|a| period.contains(a.decision_date)).count() as i64;
    assert_eq!(by_school.rows.last().expect("total")[4], Cell::Int(in_year), "«Всего» of «Итого» is every attestation");
    let trained = r.tables().find(|t| t.title == "Повышение квалификации по школам").expect("courses by school");
    let ended = data.courses.iter().filter(|c| period.contains(c.end)).count() as i64;
    assert_eq!(trained.rows.last().expect("total")[1], Cell::Int(ended));
    let names: Vec<String> = data.persons.iter().map(|p| p.full_name()).collect();
    for t in r.tables().filter(|t| t.title.contains("по школам")) {
        assert!(t.rows.iter().flatten().all(|c| !names.contains(&c.display())), "«{}» names no teacher", t.title);
    }
    assert!(
        r.blocks
            .iter()
            .any(|b| matches!(b, Block::Paragraph(p) if p.contains("в образовательных организациях муниципалитета"))),
        "the municipality speaks of its schools"
    );
}

/// The course plan names what a deputy head plans by (issue 24): each teacher's position, subjects, and the
/// topic and provider of the last course finished, besides its date — the same course the card lists last.
#[test]
fn the_course_plan_names_the_position_subject_and_last_course() {
    let (_dir, store) = school(30);
    let data = store.load().expect("load");
    let r = build(&store, &request(ReportKind::CoursePlan));
    let t = r.tables().next().expect("the plan");
    let titles: Vec<&str> = t.columns.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        titles[..7],
        ["№", "ФИО", "Должность", "Предметы", "Последние курсы: окончены", "Тема последних курсов", "Организация"]
    );
    let states = uchrost::app::staff_on(&data, request(ReportKind::CoursePlan).today, &RuleSettings::default());
    let mut with_course = 0;
    for row in &t.rows {
        let name = row[1].display();
        let p = data.persons.iter().find(|p| p.full_name() == name).expect("a person");
        let state = states.iter().find(|s| s.id == p.id).expect("employed");
        assert_eq!(row[2], Cell::text(state.positions.join(", ")), "{name}: position");
        assert_eq!(row[3], Cell::text(state.subjects.join(", ")), "{name}: subjects");
        let on = request(ReportKind::CoursePlan).today;
        let last = data.courses.iter().filter(|c| c.person == p.id && c.end <= on).max_by_key(|c| c.end);
        match last {
            Some(c) => {
                with_course += 1;
                assert_eq!(
                    (&row[4], &row[5], &row[6]),
                    (&Cell::Date(c.end), &Cell::text(&c.title), &Cell::text(&c.provider))
                );
            }
            None => assert_eq!(row[5], Cell::text(""), "{name} has no course"),
        }
    }
    assert!(with_course > 0, "the demo's teachers have courses");
}

/// The XLSX keeps numbers as numbers (issue 24): a target is the share itself (printed «≥ 90,0 %» by its
/// number format), «5 / 60» two number columns, and no cell of the indicators holds a number as text.
#[test]
fn the_xlsx_keeps_targets_and_counts_as_numbers() {
    let (dir, store) = school(40);
    let r = build(&store, &request(ReportKind::Analytical));
    let table = r.tables().find(|t| t.sheet == "Показатели").expect("indicators").clone();
    let targets: Vec<(&str, f64)> = table
        .rows
        .iter()
        .filter_map(|row| match (&row[0], &row[4]) {
            (Cell::Text(title), Cell::Target { share, .. }) => Some((title.as_str(), *share)),
            _ => None,
        })
        .collect();
    assert!(!targets.is_empty(), "the demo sets targets");
    let path = dir.path().join("справка.xlsx");
    reports::save(&r, Format::Xlsx, &path).expect("saved");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).expect("opens");
    let sheet = calamine::Reader::worksheet_range(&mut book, "Показатели").expect("the sheet");
    let header: Vec<String> = sheet.rows().nth(3).expect("the header").iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header,
        ["Показатель", "Человек: посчитано", "Человек: всего", "Значение", "Прошлый год", "Цель", "Отметка"]
    );
    for (title, share) in targets {
        let row = sheet.rows().find(|r| r[0] == title).expect("the row");
        assert_eq!(row[5], calamine::Data::Float(share), "{title}: the target as a number");
    }
    for row in sheet.rows().skip(4) {
        for c in &row[1..6] {
            if let calamine::Data::String(s) = c {
                panic!("«{}»: a number written as text «{s}»", row[0]);
            }
        }
    }
}

/// Every indicator number the municipal monitoring prints — the whole municipality's table (with the
/// self-evaluation items and the schools' shares), the tables by type of school and by subject, and the
/// teachers counted in each — is what `uchrost indicators` prints for the same year and breakdown (issue
/// 24: «every number a report prints equals the catalogue's»; the by-school table has its own test above).
#[test]
fn every_number_of_the_monitoring_is_the_command_lines() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("m.db");
    let mut m = uchrost::app::create_municipality(&path, "Северный район", "01", DiskMode::Local).expect("m");
    uchrost::app::fill_municipal_demo(&mut m, 4, 3, today()).expect("demo");
    let r = build(&m, &request(ReportKind::Monitoring));
    m.close().expect("close");
    let db = path.to_str().expect("utf-8");
    let table = |sheet: &str| r.tables().find(|t| t.sheet == sheet).unwrap_or_else(|| panic!("«{sheet}»")).clone();
    // The whole municipality: counts and percent of every row.
    let whole = cli_indicators(db, &[]);
    let t = table("Показатели");
    let mut checked = 0;
    for row in &t.rows {
        let title = row[0].display();
        let ((id, _), (n, d, p, _)) = whole
            .iter()
            .find(|((_, scope), (.., t))| scope == "all" && *t == title)
            .unwrap_or_else(|| panic!("«{title}» is an indicator of the command line"));
        if indicators::about(id).is_some_and(|a| a.count) {
            assert_eq!(row[2], Cell::People(*n), "{id}");
        } else {
            assert_eq!(row[1], Cell::Ratio(*n, *d), "{id}: counted / all");
            assert_eq!(row[2], Cell::percent(*p), "{id}: percent");
        }
        checked += 1;
    }
    assert!(t.rows.iter().any(|r| r[0].display().starts_with("1.23")), "the self-evaluation items are there");
    assert!(t.rows.iter().any(|r| r[0].display().starts_with("Доля школ")), "the schools' shares are there");
    // By type of school and by subject: each label's teachers and every indicator's percent.
    let catalogue = indicators::catalogue();
    for (sheet, by) in [("По кластерам", "cluster"), ("По предметам", "subject")] {
        let expected = cli_indicators(db, &["--by", by]);
        let t = table(sheet);
        assert!(!t.rows.is_empty(), "{sheet}");
        for row in &t.rows {
            let label = row[0].display();
            let of = |id: &str| {
                expected
                    .iter()
                    .find(|((i, scope), _)| i == id && scope.split_once(':').is_some_and(|(_, s)| s == label))
                    .map(|(_, v)| v.clone())
                    .unwrap_or_else(|| panic!("{sheet}: {id} of «{label}»"))
            };
            assert_eq!(row[1], Cell::Int(of("course_3y").1 as i64), "{sheet}: teachers of «{label}»");
            for (c, column) in t.columns.iter().enumerate().skip(2) {
                let def = catalogue
                    .iter()
                    .find(|x| {
                        let t = x.title.trim_start_matches("Доля педагогов, ").trim_start_matches("Доля ");
                        t.to_lowercase() == column.title.to_lowercase()
                    })
                    .unwrap_or_else(|| panic!("column «{}» names an indicator", column.title));
                assert_eq!(row[c], Cell::percent(of(def.id).2), "{sheet}: {} of «{label}»", def.id);
                checked += 1;
            }
        }
    }
    assert!(checked > 60, "{checked} numbers checked");
}

/// The words a count governs, in the nominative after a bare number and in the genitive after «у», «из»,
/// «для», «от», «до», «без»: one, few (2–4), many — by the last two digits.
const COUNTED: [([&str; 3], [&str; 3]); 4] = [
    (["педагог", "педагога", "педагогов"], ["педагога", "педагогов", "педагогов"]),
    (["работник", "работника", "работников"], ["работника", "работников", "работников"]),
    (["человек", "человека", "человек"], ["человека", "человек", "человек"]),
    (["час", "часа", "часов"], ["часа", "часов", "часов"]),
];

/// Where `text` puts a number before a counted word in a form that does not agree with it: «у 1 педагогов»,
/// «работают 21 педагогических работников», «33 человек». An adjective may stand between («21
/// педагогический работник»); numbers after «№» are names, not counts.
fn disagreements(text: &str) -> Vec<String> {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace())
        .map(|w| w.trim_matches(|c: char| "()[]«»,.;:!?".contains(c)).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    let mut found = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let Ok(n) = w.parse::<u64>() else { continue };
        let before = if i > 0 { words[i - 1].as_str() } else { "" };
        if before == "№" {
            continue;
        }
        let genitive = ["у", "из", "для", "от", "до", "без", "около"].contains(&before);
        let f = match (n % 100, n % 10) {
            (11..=14, _) => 2,
            (_, 1) => 0,
            (_, 2..=4) => 1,
            _ => 2,
        };
        // The noun: the next word, or the one after an adjective.
        for next in words.iter().skip(i + 1).take(2) {
            let Some((nom, genv)) =
                COUNTED.iter().find(|(nom, genv)| nom.contains(&next.as_str()) || genv.contains(&next.as_str()))
            else {
                if next.ends_with("ий") || next.ends_with("их") || next.ends_with("ого") || next.ends_with("ый")
                {
                    continue;
                }
                break;
            };
            let expected = if genitive { genv[f] } else { nom[f] };
            if next != expected {
                found.push(format!("«{} {n} … {next}» (ждём «{expected}»)", before));
            }
            break;
        }
    }
    found
}

/// Numerals agree with nouns in every report's text (issue 24): every kind, school and municipality, each
/// paragraph, list item, heading and text cell is scanned for a count before «педагог», «работник»,
/// «человек», «час». The scanner itself is checked on the wrong forms the issue quotes.
#[test]
fn every_reports_text_agrees_numerals_with_nouns() {
    for wrong in
        ["у 1 педагогов", "работают 21 педагогических работников", "53 педагогических работников", "33 человек"]
    {
        assert!(!disagreements(wrong).is_empty(), "the scanner catches «{wrong}»");
    }
    for right in [
        "у 1 педагога",
        "работает 21 педагогический работник",
        "53 педагогических работника",
        "из 60 педагогов",
        "приказ № 21 педагогов",
    ] {
        assert!(disagreements(right).is_empty(), "«{right}»: {:?}", disagreements(right));
    }
    let (_dir, store) = school(60);
    let mdir = tempfile::tempdir().expect("dir");
    let mut m = uchrost::app::create_municipality(&mdir.path().join("m.db"), "Северный район", "01", DiskMode::Local)
        .expect("m");
    uchrost::app::fill_municipal_demo(&mut m, 6, 3, today()).expect("demo");
    let data = store.load().expect("load");
    let with_route = data.routes.first().expect("routes").person;
    let mut texts = 0;
    let mut wrong = Vec::new();
    for (db, municipal) in [(&store, false), (&m, true)] {
        let mut kinds: Vec<ReportKind> =
            ReportKind::LISTED.into_iter().filter(|k| municipal || !k.municipal()).collect();
        if !municipal {
            kinds.push(ReportKind::RouteCard(with_route));
            kinds.push(ReportKind::SzdExtract(with_szd(&data)));
        }
        for kind in kinds {
            for year in [2024, 2025] {
                let mut req = request(kind);
                req.year = SchoolYear(year);
                req.today = SchoolYear(year).last_day();
                let r = build(db, &req);
                let mut all: Vec<String> = vec![r.title.clone(), r.period.clone()];
                for b in &r.blocks {
                    match b {
                        Block::Heading(_, t) | Block::Paragraph(t) | Block::Flush(t) => all.push(t.clone()),
                        Block::List(items) => all.extend(items.iter().cloned()),
                        Block::Table(t) => all.extend(t.rows.iter().flatten().map(Cell::display)),
                        Block::Chart(c) => all.push(c.title.clone()),
                        _ => {}
                    }
                }
                for t in &all {
                    texts += 1;
                    wrong.extend(disagreements(t).into_iter().map(|w| format!("{kind:?} {year}: {w} in «{t}»")));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert!(texts > 2000, "{texts} texts read");
}

/// The ИОМ card says who the teacher is on the day — position, subjects, category — and what the route
/// rests on: the diagnostic with its date, kind, level and deficits, the attestation's recommendations, the
/// teacher's request (issue 25: «The ИОМ card with position, subject, category, the diagnostic result it
/// rests on»).
#[test]
fn the_route_card_names_the_teacher_and_what_the_route_rests_on() {
    let (_dir, store) = school(40);
    let mut data = store.load().expect("load");
    let settings = store.rule_settings().expect("settings");
    let route = data.routes.iter().find(|r| r.basis_diagnostic.is_some()).expect("a route on a diagnostic").clone();
    let diag = data.diagnostics.iter().find(|d| Some(d.id) == route.basis_diagnostic).expect("its diagnostic").clone();
    {
        let r = data.routes.iter_mut().find(|r| r.id == route.id).expect("route");
        r.basis_request = "освоить формирующее оценивание".into();
        r.goal = "Освоить формирующее оценивание на уроках математики".into();
        r.tasks = "изучить приёмы\nприменить на уроках в 7 классе".into();
        r.steps[0].expected = "три урока с листами самооценки".into();
    }
    let route = data.routes.iter().find(|r| r.id == route.id).expect("route").clone();
    let req = request(ReportKind::RouteCard(route.person));
    let r = reports::build(&data, &settings, store.own_org(), &req).expect("builds");
    let text: Vec<String> =
        r.blocks.iter().filter_map(|b| if let Block::Paragraph(p) = b { Some(p.clone()) } else { None }).collect();
    let p = data.persons.iter().find(|p| p.id == route.person).expect("person");
    let state = data.index().state(p, req.today, &settings);
    let line = |start: &str| {
        text.iter().find(|t| t.starts_with(start)).unwrap_or_else(|| panic!("«{start}…» in {text:?}")).clone()
    };
    assert_eq!(
        line("Должность:"),
        format!("Должность: {}; предметы: {}.", state.positions.join(", "), state.subjects.join(", "))
    );
    assert_eq!(
        line("Квалификационная категория:"),
        format!("Квалификационная категория: {}.", state.category.describe())
    );
    let basis = line("Основание:");
    assert!(basis.contains(&format!("диагностика от {} ({}", fmt_date(diag.date), diag.kind.label())), "{basis}");
    for d in &diag.deficits {
        assert!(basis.contains(d.as_str()), "the deficit «{d}»: {basis}");
    }
    assert!(basis.ends_with("; запрос педагога: освоить формирующее оценивание."), "{basis}");
    // The goal, the tasks as a list, each step's expected result beside its date.
    assert_eq!(line("Цель:"), "Цель: Освоить формирующее оценивание на уроках математики");
    let tasks = vec!["изучить приёмы".to_string(), "применить на уроках в 7 классе".to_string()];
    assert!(r.blocks.iter().any(|b| matches!(b, Block::List(l) if *l == tasks)));
    let steps = r.tables().next().expect("the steps");
    assert_eq!(steps.columns[4].title, "Ожидаемый результат");
    assert_eq!(steps.rows[0][4], Cell::text("три урока с листами самооценки"));
    assert_eq!(steps.rows[0][1], Cell::text(&route.steps[0].title));
}

/// The employer's представление for СЗД (issue 25, «СЗД paperwork»; приказ № 196): every fact is the
/// card's — the position on the day, the contract's date, the education, the courses of the last three
/// years, the earlier attestations with their orders, contests and shared experience — and the appraisal is
/// left to the employer to write; the teacher signs that she has read it. On the command line by name.
#[test]
fn the_szd_representation_is_filled_from_the_card() {
    let (dir, store) = school(30);
    let data = store.load().expect("load");
    let settings = store.rule_settings().expect("settings");
    let req = request(ReportKind::StaffList);
    // A teacher with courses and an attestation.
    let p = data
        .persons
        .iter()
        .find(|p| {
            p.pedagogical
                && data.attestations.iter().any(|a| a.person == p.id && a.decision_date <= req.today)
                && data
                    .courses
                    .iter()
                    .any(|c| c.person == p.id && c.end <= req.today && c.end >= dates::add_years(req.today, -3))
        })
        .expect("a teacher with courses and an attestation")
        .clone();
    let mut req = request(ReportKind::Representation(p.id));
    req.approver = "О. П. Директорова".into();
    let r = reports::build(&data, &settings, store.own_org(), &req).expect("builds");
    let t = r.tables().next().expect("the facts").clone();
    let row =
        |k: &str| t.rows.iter().find(|row| row[0] == Cell::text(k)).unwrap_or_else(|| panic!("«{k}»"))[1].display();
    assert_eq!(row("Фамилия, имя, отчество"), p.full_name());
    let state = data.index().state(&p, req.today, &settings);
    assert_eq!(row("Должность на дату аттестации"), state.positions.join(", "));
    let courses = row("Дополнительное профессиональное образование за последние 3 года");
    for c in data
        .courses
        .iter()
        .filter(|c| c.person == p.id && c.end <= req.today && c.end >= dates::add_years(req.today, -3) && c.completed())
    {
        assert!(courses.contains(&format!("«{}»", c.title)) && courses.contains(&fmt_date(c.end)), "{courses}");
    }
    let attestations = row("Результаты предыдущих аттестаций");
    for a in data.attestations.iter().filter(|a| a.person == p.id && a.decision_date <= req.today) {
        assert!(
            attestations.contains(&format!("{} — {}", fmt_date(a.decision_date), a.result.label())),
            "{attestations}"
        );
    }
    assert!(r.blocks.iter().any(
        |b| matches!(b, Block::Heading(_, h) if h.starts_with("Мотивированная всесторонняя и объективная оценка"))
    ));
    let signatures = r
        .blocks
        .iter()
        .find_map(|b| if let Block::Signatures(s) = b { Some(s.clone()) } else { None })
        .expect("signed");
    assert_eq!(signatures[0].name, "О. П. Директорова");
    assert_eq!(
        (signatures[1].position.as_str(), signatures[1].name.clone()),
        ("С представлением ознакомлен(а)", p.signature_name())
    );
    // The command line.
    let db = dir.path().join("s.db");
    store.close().expect("close");
    let out = dir.path().join("представление.pdf");
    run_report(&[
        "--db",
        db.to_str().expect("utf-8"),
        "--kind",
        "representation",
        "--person",
        &p.full_name(),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    let text = pdf_text_of(&out);
    assert!(text.contains("Представление на педагогического работника для аттестации"), "{text}");
    assert!(text.contains(&p.full_name()));
}

/// A list of the participants of one event of the year (issue 25, «Lists: participants of an event»; seed
/// 001: «ведение списков участников мероприятий»): everyone with an event record of that title in the
/// year, whatever the case it was typed in, each with position, date, level and role, by name; an event
/// nobody attended in the year is refused with a reason; the command line takes `--event`.
#[test]
fn the_participants_of_an_event_are_listed() {
    let (dir, store) = school(40);
    let data = store.load().expect("load");
    let year = SchoolYear(2025);
    let title = reports::event_titles(&data, year).into_iter().next().expect("an event");
    let mut req = request(ReportKind::Participants);
    req.event = title.to_uppercase();
    let r = build(&store, &req);
    let t = r.tables().next().expect("the list");
    let within = |d: chrono::NaiveDate| year.first_day() <= d && d <= year.last_day();
    let expected =
        data.events.iter().filter(|e| within(e.date) && e.title.trim().to_lowercase() == title.to_lowercase()).count()
            + data
                .contests
                .iter()
                .filter(|c| within(c.date) && c.name.trim().to_lowercase() == title.to_lowercase())
                .count();
    assert_eq!(t.rows.len(), expected, "every participation of «{title}»");
    let names: Vec<String> = t.rows.iter().map(|r| r[1].display()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "by name");
    assert!(
        r.blocks
            .iter()
            .any(|b| matches!(b, Block::Paragraph(p) if p == &format!("Участников: {}.", ru::people(expected as u64))))
    );
    let mut nobody = request(ReportKind::Participants);
    nobody.event = "Такого мероприятия не было".into();
    let err = reports::build(&data, &store.rule_settings().expect("settings"), store.own_org(), &nobody)
        .expect_err("refused");
    assert!(err.to_string().contains("нет участников «Такого мероприятия не было»"), "{err}");
    let db = dir.path().join("s.db");
    store.close().expect("close");
    let out = dir.path().join("список.xlsx");
    run_report(&[
        "--db",
        db.to_str().expect("utf-8"),
        "--kind",
        "participants",
        "--year",
        "2025",
        "--event",
        &title,
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(out.exists());
}

/// The bank of successful practices (issue 25; seeds 001, 004): every practice with its author, topic,
/// level, place and materials, newest first; searched by words of the title, topic, author or place (case
/// and ё ignored, every word must be found); on the command line with `--event`.
#[test]
fn the_bank_of_practices_is_listed_and_searched() {
    let (dir, mut store) = {
        let (dir, store) = school(10);
        (dir, store)
    };
    let data = store.load().expect("load");
    let (a, b) = (data.persons[0].clone(), data.persons[1].clone());
    let practice = |who: &Person, title: &str, topic: &str, shown: &str, date: &str| Practice {
        id: PracticeId::new(),
        author: store.own_org().id,
        person: who.id,
        title: title.into(),
        topic: topic.into(),
        level: Level::Municipal,
        shown_at: shown.into(),
        date: d(date),
        file: "\\\\server\\практики\\файл.pdf".into(),
    };
    for p in [
        practice(&a, "Лист самооценки на уроке", "формирующее оценивание", "форум «Я делаю так»", "10.03.2026"),
        practice(&b, "Ёлочка вопросов", "смысловое чтение", "РМО учителей начальных классов", "12.04.2026"),
    ] {
        store.put("практика", p, d("20.04.2026")).expect("put");
    }
    let all = build(&store, &request(ReportKind::Practices));
    let t = all.tables().next().expect("the bank");
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[0][1], Cell::text("Ёлочка вопросов"), "newest first");
    assert_eq!(t.rows[1][3], Cell::text(a.full_name()));
    let mut req = request(ReportKind::Practices);
    req.event = "ЕЛОЧКА".into();
    let found = build(&store, &req);
    let t = found.tables().next().expect("found");
    assert_eq!(t.rows.len(), 1, "ё and case ignored");
    req.event = format!("{} самооценки", a.last_name);
    assert_eq!(build(&store, &req).tables().next().expect("found").rows.len(), 1, "author and title together");
    req.event = "самооценки чтение".into();
    assert!(build(&store, &req).tables().next().expect("none").rows.is_empty(), "every word must be found");
    let db = dir.path().join("s.db");
    store.close().expect("close");
    let out = dir.path().join("практики.xlsx");
    run_report(&[
        "--db",
        db.to_str().expect("utf-8"),
        "--kind",
        "practices",
        "--event",
        "форум",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
}

/// The mentor's report on a young teacher's year (issue 25: «the mentor's plan and report»): the pair as
/// recorded, every course, event, contest, diagnostic and route step done in the year from the records, by
/// date, the steps still due, lines for the mentor's conclusions and three signatures; a teacher without a
/// mentor in the year is refused with a reason; on the command line by name.
#[test]
fn the_mentors_report_tells_the_young_teachers_year_from_the_records() {
    let (dir, store) = school(40);
    let data = store.load().expect("load");
    let req0 = request(ReportKind::StaffList);
    let (from, to) = (req0.year.first_day(), req0.today);
    let within = |d: chrono::NaiveDate| from <= d && d <= to;
    let pair = data
        .mentorships
        .iter()
        .filter(|m| m.start <= to && m.end.is_none_or(|e| e >= from))
        .max_by_key(|m| {
            data.events.iter().filter(|e| e.person == m.mentee && within(e.date)).count()
                + data.courses.iter().filter(|c| c.person == m.mentee && within(c.end)).count()
        })
        .expect("a pair in the year")
        .clone();
    let r = build(&store, &request(ReportKind::MentorReport(pair.mentee)));
    let done = r.tables().next().expect("what was done");
    let expected = data.courses.iter().filter(|c| c.person == pair.mentee && within(c.end)).count()
        + data.events.iter().filter(|e| e.person == pair.mentee && within(e.date)).count()
        + data.contests.iter().filter(|c| c.person == pair.mentee && within(c.date)).count()
        + data.diagnostics.iter().filter(|d| d.person == pair.mentee && within(d.date)).count()
        + data
            .routes
            .iter()
            .filter(|x| x.person == pair.mentee)
            .flat_map(|x| &x.steps)
            .filter(|s| s.done.is_some_and(within))
            .count();
    assert!(expected > 0, "the demo's young teacher did something in the year");
    assert_eq!(done.rows.len(), expected, "one row per thing done in the year");
    let dates: Vec<Cell> = done.rows.iter().map(|row| row[0].clone()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by_key(|c| if let Cell::Date(d) = c { *d } else { chrono::NaiveDate::MIN });
    assert_eq!(dates, sorted, "by date");
    let signatures = r
        .blocks
        .iter()
        .find_map(|b| if let Block::Signatures(s) = b { Some(s.clone()) } else { None })
        .expect("signed");
    assert_eq!(
        signatures.iter().map(|s| s.position.as_str()).collect::<Vec<_>>(),
        ["Наставник", "Молодой педагог", "Заместитель директора по УВР"]
    );
    // Someone without a mentor in the year.
    let lonely = data.persons.iter().find(|p| !data.mentorships.iter().any(|m| m.mentee == p.id)).expect("someone");
    let err = reports::build(
        &data,
        &store.rule_settings().expect("settings"),
        store.own_org(),
        &request(ReportKind::MentorReport(lonely.id)),
    )
    .expect_err("refused");
    assert!(err.to_string().contains("нет наставника в 2025/2026 учебном году"), "{err}");
    let name = data.persons.iter().find(|p| p.id == pair.mentee).expect("mentee").full_name();
    let db = dir.path().join("s.db");
    store.close().expect("close");
    let out = dir.path().join("отчёт.docx");
    run_report(&[
        "--db",
        db.to_str().expect("utf-8"),
        "--kind",
        "mentor-report",
        "--year",
        "2025",
        "--person",
        &name,
        "--out",
        out.to_str().expect("utf-8"),
    ]);
}

/// The plan of work with young teachers (issue 25; seed 001: «План работы с молодыми педагогами»,
/// «Составление базы данных молодых педагогов …, назначение наставников»): every young teacher employed on
/// the plan's day (the report's day within the year), by the rule's age and experience, each with the mentor of the year or «не
/// назначен» and the route steps planned in the year; the year's events of the school of the young teacher.
#[test]
fn the_plan_with_young_teachers_lists_them_with_mentors_and_plans() {
    let (_dir, store) = school(60);
    let data = store.load().expect("load");
    let settings = store.rule_settings().expect("settings");
    let mut req = request(ReportKind::YoungPlan);
    req.year = SchoolYear(2025);
    req.today = d("23.11.2026");
    let r = build(&store, &req);
    let t = r.tables().next().expect("the young teachers").clone();
    let (first, last) = (SchoolYear(2025).first_day(), SchoolYear(2025).last_day());
    let on = req.today.clamp(first, last);
    let index = data.index();
    let young: Vec<&Person> = data
        .persons
        .iter()
        .filter(|p| p.pedagogical && rules::is_young(p, on, &settings))
        .filter(|p| index.records(p.id).is_some_and(|r| rules::employed_on(r.employments.iter().copied(), on)))
        .collect();
    assert!(!young.is_empty(), "the demo has young teachers");
    assert_eq!(t.rows.len(), young.len(), "one row per young teacher");
    for p in &young {
        let row = t.rows.iter().find(|row| row[1] == Cell::text(p.full_name())).expect("listed");
        let has_mentor = data
            .mentorships
            .iter()
            .any(|m| m.mentee == p.id && m.start <= SchoolYear(2025).last_day() && m.end.is_none_or(|e| e >= on));
        assert_eq!(row[4] == Cell::text("не назначен"), !has_mentor, "{}", p.full_name());
    }
    let events = r.tables().nth(1).expect("the school of the young teacher");
    let held: usize = data
        .events
        .iter()
        .filter(|e| e.kind == EventKind::YoungTeacherSchool && first <= e.date && e.date <= last)
        .count();
    let counted: u64 = events.rows.iter().map(|row| if let Cell::People(n) = row[2] { n } else { 0 }).sum();
    assert_eq!(counted as usize, held, "every participation counted once");
}

/// The mentor's plan for a young teacher's year (issue 25: «the mentor's plan and report»): the pair, the
/// last diagnostic's deficits, every route step still to do with its expected result and a column for the
/// mark, by date; a teacher without a mentor refused; on the command line by name.
#[test]
fn the_mentors_plan_holds_the_steps_still_to_do() {
    let (dir, store) = school(40);
    let data = store.load().expect("load");
    let mut req = request(ReportKind::StaffList);
    req.year = SchoolYear(2026);
    req.today = d("23.11.2026");
    let (from, to) = (req.year.first_day(), req.year.last_day());
    let pair = data
        .mentorships
        .iter()
        .find(|m| m.start <= to && m.end.is_none_or(|e| e >= from))
        .expect("a pair in 2026/2027")
        .clone();
    req.kind = ReportKind::MentorPlan(pair.mentee);
    let r = build(&store, &req);
    let t = r.tables().next().expect("the plan");
    let steps: Vec<&RouteStep> = data
        .routes
        .iter()
        .filter(|x| x.person == pair.mentee)
        .flat_map(|x| &x.steps)
        .filter(|s| s.done.is_none() && s.planned.is_none_or(|p| p <= to))
        .collect();
    let courses =
        t.rows.iter().filter(|row| row[1] == Cell::text("Курсы повышения квалификации (подошёл срок)")).count();
    assert_eq!(t.rows.len(), steps.len() + courses, "every step still to do, and the courses if due");
    for s in &steps {
        assert!(
            t.rows.iter().any(|row| row[1] == Cell::text(&s.title) && row[2] == Cell::text(&s.expected)),
            "{}",
            s.title
        );
    }
    assert!(t.rows.iter().all(|row| row[3] == Cell::Empty), "the mark is left to fill in");
    let name = data.persons.iter().find(|p| p.id == pair.mentee).expect("mentee").full_name();
    let db = dir.path().join("s.db");
    store.close().expect("close");
    let out = dir.path().join("план.pdf");
    run_report(&[
        "--db",
        db.to_str().expect("utf-8"),
        "--kind",
        "mentor-plan",
        "--year",
        "2026",
        "--person",
        &name,
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(pdf_text_of(&out).contains("Индивидуальный план развития молодого педагога"));
}
