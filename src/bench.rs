//! `uchrost bench`: reproducible timings of the main jobs over generated data, as medians of several
//! runs. Each benchmark prints its figures; BENCHMARKS.md keeps the table and the machine.

use crate::app;
use crate::domain::{Dataset, fmt_date};
use crate::import::ImportKind;
use crate::storage::DiskMode;
use rust_xlsxwriter::Workbook;
use std::path::Path;
use std::time::{Duration, Instant};

/// The median of `runs` timings of `f`.
pub fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// One line of a benchmark report.
#[derive(Clone, Debug)]
pub struct Figure {
    pub name: String,
    pub median: Duration,
    pub target: Option<Duration>,
}

impl std::fmt::Display for Figure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:<58} {:>9.1} мс", self.name, self.median.as_secs_f64() * 1000.0)?;
        if let Some(t) = self.target {
            let ok = if self.median <= t { "в норме" } else { "ПРЕВЫШЕНО" };
            write!(f, "   цель ≤ {:.0} мс: {ok}", t.as_secs_f64() * 1000.0)?;
        }
        Ok(())
    }
}

impl Figure {
    /// A line as [`Display`](std::fmt::Display) writes it, read back (a benchmark run in a child
    /// process); `None` for any other line.
    pub fn parse(line: &str) -> Option<Figure> {
        let (rest, target) = match line.split_once("   цель ≤ ") {
            Some((rest, t)) => (rest, Some(t.split_once(" мс")?.0.trim().parse::<f64>().ok()?)),
            None => (line, None),
        };
        let (rest, ms) = rest.trim_end().strip_suffix(" мс")?.trim_end().rsplit_once(' ')?;
        let millis = |v: f64| Duration::from_secs_f64(v / 1000.0);
        Some(Figure { name: rest.trim().to_string(), median: millis(ms.parse().ok()?), target: target.map(millis) })
    }
}

/// Writes the staff of `data` as a staff sheet and their courses as a courses sheet, the way schools
/// keep them.
fn write_sheets(data: &Dataset, staff: &Path, courses: &Path) -> Result<(), String> {
    let index = data.index();
    let today = app::today();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    ws.write_string(0, 0, format!("Список педагогических работников на {}", fmt_date(today))).map_err(e)?;
    for (c, h) in ["ФИО", "Дата рождения", "Должность", "Предметы", "Нагрузка", "Стаж", "Категория", "Дата присвоения"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *h).map_err(e)?;
    }
    let settings = crate::domain::RuleSettings::default();
    for (i, p) in data.persons.iter().enumerate() {
        let r = (i + 2) as u32;
        let state = index.state(p, today, &settings);
        ws.write_string(r, 0, p.full_name()).map_err(e)?;
        ws.write_string(r, 1, p.birth_date.map(fmt_date).unwrap_or_default()).map_err(e)?;
        ws.write_string(r, 2, state.positions.join(", ")).map_err(e)?;
        ws.write_string(r, 3, state.subjects.join(", ")).map_err(e)?;
        ws.write_number(r, 4, f64::from(state.load_hours.unwrap_or(0.0))).map_err(e)?;
        ws.write_number(r, 5, f64::from(state.experience.unwrap_or(0))).map_err(e)?;
        let att = index
            .records(p.id)
            .and_then(|x| crate::domain::rules::valid_category(x.attestations.iter().copied(), today));
        ws.write_string(r, 6, att.map(|a| a.result.label()).unwrap_or("")).map_err(e)?;
        ws.write_string(r, 7, att.map(|a| fmt_date(a.decision_date)).unwrap_or_default()).map_err(e)?;
    }
    wb.save(staff).map_err(e)?;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in
        ["ФИО", "Дата рождения", "Название программы", "Часы", "Сроки обучения", "Организация"].iter().enumerate()
    {
        ws.write_string(0, c as u16, *h).map_err(e)?;
    }
    let names: std::collections::HashMap<_, _> = data.persons.iter().map(|p| (p.id, p)).collect();
    for (i, c) in data.courses.iter().enumerate() {
        let r = (i + 1) as u32;
        let p = names[&c.person];
        ws.write_string(r, 0, p.full_name()).map_err(e)?;
        ws.write_string(r, 1, p.birth_date.map(fmt_date).unwrap_or_default()).map_err(e)?;
        ws.write_string(r, 2, &c.title).map_err(e)?;
        ws.write_number(r, 3, f64::from(c.hours)).map_err(e)?;
        let period = match c.start {
            Some(s) => format!("с {} по {}", fmt_date(s), fmt_date(c.end)),
            None => fmt_date(c.end),
        };
        ws.write_string(r, 4, period).map_err(e)?;
        ws.write_string(r, 5, &c.provider).map_err(e)?;
    }
    wb.save(courses).map_err(e)
}

/// One frame drawn by egui without a window at 1366×768, the screen of a common school laptop; returns
/// how many shapes it made. No renderer takes the textures here, so their changes are dropped on purpose
/// (epaint checks that in debug builds).
fn headless_frame(ctx: &egui::Context, ui: impl FnMut(&mut egui::Ui)) -> usize {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1366.0, 768.0))),
        ..Default::default()
    };
    let mut output = ctx.run_ui(input, ui);
    output.textures_delta.clear();
    output.shapes.len()
}

/// The import benchmark: a sheet of `teachers` teachers and a sheet of their courses, previewed
/// (read, header found, every row planned) against a database that has them and against an empty one.
pub fn import(teachers: usize, runs: usize) -> Result<Vec<Figure>, String> {
    in_temp_dir(|dir| import_in(dir, teachers, runs))
}

/// Runs `bench` in a temporary folder of its own, removed afterwards whatever happened.
fn in_temp_dir<T>(bench: impl FnOnce(&Path) -> Result<T, String>) -> Result<T, String> {
    let dir = std::env::temp_dir().join(format!("uchrost-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let result = bench(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn import_in(dir: &Path, teachers: usize, runs: usize) -> Result<Vec<Figure>, String> {
    let today = app::today();
    let full = dir.join("full.db");
    let mut store =
        app::create_school(&full, "Школа для замеров", "999", DiskMode::Local).map_err(|e| e.to_string())?;
    app::fill_school_demo(&mut store, teachers, 1, today).map_err(|e| e.to_string())?;
    let data = store.load().map_err(|e| e.to_string())?;
    let empty = Dataset { organisations: data.organisations.clone(), ..Dataset::default() };
    let (staff, courses) = (dir.join("staff.xlsx"), dir.join("courses.xlsx"));
    write_sheets(&data, &staff, &courses)?;
    let school = store.own_org().id;
    let mut figures = Vec::new();
    let preview = |file: &Path, kind: ImportKind, against: &Dataset| -> Result<usize, String> {
        let (sheet, header) =
            crate::app::import::read_with(file, None, kind, &Default::default()).map_err(|e| e.to_string())?;
        let p = crate::app::import::plan(
            against,
            sheet,
            header,
            &crate::app::import::Context { kind, school, today, event: None, school_year: None },
        )
        .map_err(|e| e.to_string())?;
        Ok(p.plan.rows.len())
    };
    let rows = preview(&staff, ImportKind::Teachers, &data)?;
    let course_rows = preview(&courses, ImportKind::Courses, &data)?;
    let two_s = Some(Duration::from_secs(2));
    figures.push(Figure {
        name: format!("предпросмотр: {rows} педагогов, все уже в базе"),
        median: median(runs, || drop(preview(&staff, ImportKind::Teachers, &data))),
        target: two_s,
    });
    figures.push(Figure {
        name: format!("предпросмотр: {rows} педагогов в пустую базу"),
        median: median(runs, || drop(preview(&staff, ImportKind::Teachers, &empty))),
        target: two_s,
    });
    figures.push(Figure {
        name: format!("предпросмотр: {course_rows} строк курсов этих педагогов"),
        median: median(runs, || drop(preview(&courses, ImportKind::Courses, &data))),
        target: two_s,
    });
    figures.push(Figure {
        name: format!("из них только чтение листа курсов ({course_rows} строк)"),
        median: median(runs, || drop(crate::import::sheet::read(&courses, None))),
        target: None,
    });
    store.close().map_err(|e| e.to_string())?;
    Ok(figures)
}

/// Generates the records of `teachers` teachers in memory: schools of about 60 teachers each, as a
/// municipal or regional copy holds them.
fn staff_data(teachers: usize) -> crate::domain::Dataset {
    use crate::demo::{Rng, SchoolPlan};
    use crate::domain::*;
    let today = app::today();
    let mut rng = Rng::new(1);
    let mut data = Dataset::default();
    let per_school = 60;
    for n in 0..teachers.div_ceil(per_school) {
        let school = Organisation {
            cluster: "СОШ".into(),
            ..Organisation::new(
                OrgId(rng.uuid()),
                OrgRole::School,
                &format!("Школа № {}", n + 1),
                &format!("{:04}", n + 1),
            )
        };
        let plan = SchoolPlan { school, teachers: per_school.min(teachers - n * per_school) };
        for r in crate::demo::school_records(&mut rng, &plan, today) {
            data.push(r);
        }
    }
    data
}

/// The Педагоги screen's frame, headless: the whole frame with the table of `teachers` rows (cache
/// built), and the rebuild of the filtered, sorted list after a change of the order.
pub fn staff_frame(teachers: usize, runs: usize) -> Result<Vec<Figure>, String> {
    let data = staff_data(teachers);
    let today = app::today();
    let states = app::all_staff_on(&data, today, &crate::domain::RuleSettings::default());
    let n = states.len();
    let ctx = egui::Context::default();
    let mut table = crate::ui::staff::StaffTable::default();
    let no_records = std::collections::HashMap::new();
    let frame = |table: &mut crate::ui::staff::StaffTable| {
        headless_frame(&ctx, |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                let _ = table.ui(ui, &states, 1, &no_records);
            });
        })
    };
    // Warm up: fonts, layout caches and the first build of the list.
    let mut shapes = 0;
    for _ in 0..3 {
        shapes = frame(&mut table);
    }
    // A frame that drew the visible rows has hundreds of shapes (text runs, stripes, checkboxes).
    if shapes < 200 {
        return Err(format!("кадр почти пуст ({shapes} фигур): таблица не нарисована"));
    }
    let mut figures = vec![Figure {
        name: format!("кадр экрана «Педагоги», {n} строк (список готов, {shapes} фигур)"),
        median: median(runs.max(20), || {
            frame(&mut table);
        }),
        target: (teachers >= 150_000).then_some(Duration::from_millis(8)),
    }];
    let mut ascending = true;
    figures.push(Figure {
        name: format!("пересборка списка из {n} строк после смены фильтра"),
        median: median(runs, || {
            ascending = !ascending;
            table.filters.text = if ascending { "а".into() } else { String::new() };
            table.refresh(&states, 1, &no_records);
        }),
        target: None,
    });
    // «Сегодня» over the same people: the names of every group, a screenful drawn.
    let groups = crate::domain::attention::attention(&data, today, &crate::domain::RuleSettings::default());
    let items: usize = groups.iter().map(|g| g.items.len()).sum();
    let today_frame = || {
        headless_frame(&ctx, |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                let _ = crate::ui::today::today_ui(ui, &groups, &[], None);
            });
        })
    };
    // Warm up as for the staff list: fonts and layout caches.
    let mut shapes = 0;
    for _ in 0..3 {
        shapes = today_frame();
    }
    if shapes < 50 {
        return Err(format!("кадр «Сегодня» почти пуст ({shapes} фигур)"));
    }
    figures.push(Figure {
        name: format!("кадр экрана «Сегодня», {items} строк ({shapes} фигур)"),
        median: median(runs.max(20), || {
            today_frame();
        }),
        target: (teachers >= 150_000).then_some(Duration::from_millis(8)),
    });
    Ok(figures)
}

/// A municipal or regional copy in memory: `schools` schools of the demo's kinds and sizes, in
/// municipalities of 60 schools each (each with its organisation, for the by-municipality rows).
fn region(schools: usize) -> Dataset {
    use crate::demo::Rng;
    use crate::domain::*;
    let today = app::today();
    let mut rng = Rng::new(7);
    let mut data = Dataset::default();
    let mut left = schools;
    let mut m = 0;
    while left > 0 {
        m += 1;
        let count = left.min(60);
        left -= count;
        let name = format!("Муниципалитет № {m}");
        let municipality = OrgId(rng.uuid());
        data.push(Organisation::new(municipality, OrgRole::Municipality, &name, &format!("M{m:02}")).into());
        for r in crate::demo::municipal_targets(&mut rng, municipality, today) {
            data.push(r);
        }
        let mut records = Vec::new();
        for mut plan in crate::demo::municipal_plan(&mut rng, &name, count) {
            plan.school.code = format!("{m:02}-{}", plan.school.code);
            data.push(plan.school.clone().into());
            records.extend(crate::demo::school_records(&mut rng, &plan, today));
        }
        // The municipality's РМО of its schools' teachers, with their meetings and attendance.
        let rmo = crate::demo::municipal_associations(municipality, &records, today);
        for r in records.into_iter().chain(rmo) {
            data.push(r);
        }
    }
    data
}

/// The indicator benchmark: the whole catalogue with every breakdown (none, subject, school, cluster,
/// and municipality for a region), the staffing picture, and the Показатели board with its five-year
/// trend, over a municipal demo of `schools` schools.
pub fn indicators(schools: usize, runs: usize) -> Result<Vec<Figure>, String> {
    use crate::domain::indicators::{Breakdown, Window, compute_all, staffing};
    use crate::domain::{RuleSettings, SchoolYear};
    let data = region(schools);
    let today = app::today();
    let settings = RuleSettings::default();
    let teachers = data.persons.iter().filter(|p| p.pedagogical).count();
    let window = Window::school_year(SchoolYear::of(today).prev(), today);
    let breakdowns: &[Breakdown] = if schools > 60 { &Breakdown::ALL } else { &Breakdown::ALL[..4] };
    let mut rows = 0;
    let whole = median(runs, || {
        rows = compute_all(&data, window, &settings, breakdowns).iter().map(Vec::len).sum();
    });
    let target = if schools > 60 { Duration::from_secs(5) } else { Duration::from_millis(200) };
    let mut figures = vec![Figure {
        name: format!("каталог со всеми разбивками: {schools} школ, {teachers} педагогов ({rows} строк)"),
        median: whole,
        target: Some(target),
    }];
    figures.push(Figure {
        name: "кадровые потребности по школам".into(),
        median: median(runs, || drop(staffing(&data, window.as_of, Breakdown::School))),
        target: None,
    });
    let own = data.organisations[0].clone();
    let request = crate::app::indicators::Request { window, breakdown: Breakdown::School, today, settings, own };
    figures.push(Figure {
        name: "экран «Показатели» по школам с динамикой за 5 лет (в фоне)".into(),
        median: median(runs.min(3), || drop(crate::app::indicators::board(&data, &request, &|_| {}))),
        target: None,
    });
    Ok(figures)
}

/// The report benchmark: the analytical report (PDF) for a school of `teachers` teachers, and the
/// municipal monitoring (XLSX) for `schools` schools — built from the data and written, each as a whole.
/// The floor beside each: the writer alone on the same report (typst laying out and writing the PDF;
/// rust_xlsxwriter writing the same cells), so that the time of building the figures shows apart.
pub fn reports(teachers: usize, schools: usize, runs: usize) -> Result<Vec<Figure>, String> {
    use crate::app::reports::{ReportKind, ReportRequest, build};
    use crate::domain::{OrgId, OrgRole, Organisation, RuleSettings};
    use crate::report::{Format, render};
    let today = app::today();
    let settings = RuleSettings::default();
    // A school of `teachers` teachers, generated as a one-school municipality and seen from the school.
    let mut rng = crate::demo::Rng::new(11);
    let mut plan = crate::demo::municipal_plan(&mut rng, "Район", 1).remove(0);
    plan.teachers = teachers;
    let mut school_data = Dataset::default();
    school_data.push(plan.school.clone().into());
    for r in crate::demo::school_records(&mut rng, &plan, today) {
        school_data.push(r);
    }
    let own_school = plan.school.clone();
    let req = ReportRequest::new(ReportKind::Analytical, today);
    let mut pdf_bytes = 0;
    let analytical = median(runs, || {
        let r = build(&school_data, &settings, &own_school, &req).expect("builds");
        pdf_bytes = render(&r, Format::Pdf).expect("renders").len();
    });
    let built = build(&school_data, &settings, &own_school, &req)?;
    let pdf_only = median(runs, || drop(render(&built, Format::Pdf).expect("renders")));
    // The DOCX of the same справка: its charts are drawn by typst and rendered to PNG pictures.
    let mut docx_bytes = 0;
    let docx = median(runs, || docx_bytes = render(&built, Format::Docx).expect("renders").len());
    let data = region(schools);
    let own = data
        .organisations
        .iter()
        .find(|o| o.role == OrgRole::Municipality)
        .cloned()
        .unwrap_or_else(|| Organisation::new(OrgId::new(), OrgRole::Municipality, "Район", ""));
    let req = ReportRequest::new(ReportKind::Monitoring, today);
    let mut xlsx_bytes = 0;
    let monitoring = median(runs, || {
        let r = build(&data, &settings, &own, &req).expect("builds");
        xlsx_bytes = render(&r, Format::Xlsx).expect("renders").len();
    });
    let built = build(&data, &settings, &own, &req)?;
    let xlsx_only = median(runs, || drop(render(&built, Format::Xlsx).expect("renders")));
    // The municipality's РМО: the screen's list (each one's members found by name among every membership,
    // its meetings of the year) and the yearly report of the largest, as a PDF.
    let year = crate::domain::SchoolYear::of(today);
    let own_rmo: Vec<&crate::domain::Association> = data.associations.iter().filter(|a| a.org == own.id).collect();
    let mut members_total = 0;
    let rmo_list = median(runs, || {
        members_total = 0;
        for a in &own_rmo {
            members_total += crate::domain::associations::members(&data, a, year.period()).len();
            drop(crate::domain::associations::meetings(&data, a.id, year));
        }
    });
    let largest = own_rmo
        .iter()
        .max_by_key(|a| crate::domain::associations::members(&data, a, year.period()).len())
        .map(|a| a.name.clone())
        .unwrap_or_default();
    let mut rmo_req = ReportRequest::new(ReportKind::AssociationReport, today);
    rmo_req.event = largest;
    let mut rmo_bytes = 0;
    let rmo_report = median(runs, || {
        let r = build(&data, &settings, &own, &rmo_req).expect("builds");
        rmo_bytes = render(&r, Format::Pdf).expect("renders").len();
    });
    // The floor of XLSX: the same cells, unformatted, by rust_xlsxwriter.
    let plain = median(runs, || {
        let mut book = Workbook::new();
        for t in built.tables() {
            let sheet = book.add_worksheet();
            for (r, row) in t.rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    let _ = sheet.write_string(r as u32, c as u16, cell.display());
                }
            }
        }
        drop(book.save_to_buffer().expect("saves"));
    });
    Ok(vec![
        Figure {
            name: format!("аналитическая справка PDF: школа, {teachers} педагогов ({} КБ)", pdf_bytes / 1024),
            median: analytical,
            target: Some(Duration::from_secs(2)),
        },
        Figure {
            name: "  из них вёрстка и запись PDF (typst)".into(), median: pdf_only, target: None
        },
        Figure {
            name: format!("  та же справка в DOCX с диаграммами-рисунками ({} КБ)", docx_bytes / 1024),
            median: docx,
            target: Some(Duration::from_secs(2)),
        },
        Figure {
            name: format!("мониторинг XLSX: {schools} школ ({} КБ)", xlsx_bytes / 1024),
            median: monitoring,
            target: Some(Duration::from_secs(2)),
        },
        Figure {
            name: "  из них запись XLSX с форматами".into(), median: xlsx_only, target: None
        },
        Figure {
            name: "  пол: те же ячейки без форматов (rust_xlsxwriter)".into(), median: plain, target: None
        },
        Figure {
            name: format!(
                "список РМО с составом и заседаниями: {} объединений, {members_total} членов из {schools} школ",
                own_rmo.len()
            ),
            median: rmo_list,
            target: Some(Duration::from_millis(200)),
        },
        Figure {
            name: format!("отчёт о работе РМО PDF: крупнейшее объединение ({} КБ)", rmo_bytes / 1024),
            median: rmo_report,
            target: Some(Duration::from_secs(2)),
        },
    ])
}

/// The peak resident memory of this process since the last [`reset_peak_memory`], in MiB (Linux:
/// `VmHWM` of /proc/self/status; elsewhere unknown).
pub fn peak_memory_mib() -> Option<f64> {
    status_mib("VmHWM:")
}

/// The resident memory of this process now, in MiB (Linux: `VmRSS`).
pub fn memory_mib() -> Option<f64> {
    status_mib("VmRSS:")
}

fn status_mib(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Starts a new peak for [`peak_memory_mib`] (Linux: writing 5 to /proc/self/clear_refs).
pub fn reset_peak_memory() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The exchange benchmark (issue 10): one school's export; then, for `schools` school packages, their
/// verification against its floor (SHA-256 of the same bytes), and the whole verify-and-merge into an
/// empty municipal copy against its floor (the same rows inserted into an empty database of the same
/// schema with one prepared statement per table in one transaction), with the peak memory of the merge.
pub fn exchange(schools: usize, runs: usize) -> Result<Vec<Figure>, String> {
    in_temp_dir(|dir| exchange_in(dir, schools, runs))
}

fn exchange_in(dir: &Path, schools: usize, runs: usize) -> Result<Vec<Figure>, String> {
    use crate::app::exchange as ex;
    use crate::exchange::package;
    use sha2::Digest;
    let e = |e: crate::storage::StorageError| e.to_string();
    let today = app::today();
    let mut figures = Vec::new();

    // One school of 60 teachers exports its package to its municipality.
    let mut mun = app::create_municipality(&dir.join("mun-export.db"), "Управление образования", "", DiskMode::Local)
        .map_err(e)?;
    let mut school = app::create_school(&dir.join("school.db"), "МОУ СОШ № 1", "001", DiskMode::Local).map_err(e)?;
    app::fill_school_demo(&mut school, 60, 1, today).map_err(|e| e.to_string())?;
    let card = ex::own_card(&mut mun).map_err(e)?;
    ex::take_card(&mut school, &card.to_text())?;
    let out = dir.join("export.uchpkg");
    let mut bytes = 0;
    let export = median(runs, || {
        bytes = ex::export(&mut school, &out, ex::ExportTarget::Upward, false, today).map(|d| d.bytes).unwrap_or(0);
    });
    figures.push(Figure {
        name: format!("пакет одной школы (60 педагогов, {} КБ): выгрузка", bytes / 1024),
        median: export,
        target: Some(Duration::from_secs(1)),
    });
    drop(school);
    drop(mun);

    // The packages of every school, and the municipality that takes them in.
    let mun_path = dir.join("mun.db");
    let mut mun = app::create_municipality(&mun_path, "Управление образования", "", DiskMode::Local).map_err(e)?;
    let files = ex::demo_packages(&mut mun, schools, 7, today, dir)?;
    let contents: Vec<Vec<u8>> =
        files.iter().map(std::fs::read).collect::<Result<_, _>>().map_err(|e| e.to_string())?;
    let total: usize = contents.iter().map(Vec::len).sum();
    let identity = ex::identity(&mut mun).map_err(e)?;
    let verify = median(runs, || {
        for b in &contents {
            let opened = package::open(b).expect("a package of the benchmark opens");
            std::hint::black_box(package::verify_payload(&opened, Some(&identity)).expect("and verifies"));
        }
    });
    let hashing = median(runs, || {
        for b in &contents {
            std::hint::black_box(sha2::Sha256::digest(b));
        }
    });
    let primitives = median(runs, || {
        for b in &contents {
            verification_primitives(b);
        }
    });
    figures.push(Figure {
        name: format!(
            "проверка {schools} пакетов ({} МБ): подпись, расшифровка, хеш; пол — SHA-256 тех же байт {:.1} мс, \
             {:.2}×; те же четыре прохода (SHA-512, SHA-256, ChaCha20-Poly1305, SHA-256) {:.1} мс, {:.2}×",
            total / (1 << 20),
            hashing.as_secs_f64() * 1000.0,
            verify.as_secs_f64() / hashing.as_secs_f64(),
            primitives.as_secs_f64() * 1000.0,
            verify.as_secs_f64() / primitives.as_secs_f64()
        ),
        median: verify,
        // The floor is the hashing verification cannot do without: the same four passes over the same
        // bytes (one SHA-256 pass is printed beside it).
        target: Some(primitives.mul_f64(1.5)),
    });
    drop(contents);
    mun.close().map_err(e)?;

    // Verify-and-merge into an empty municipal copy, once (a second import would find them taken), in a
    // process of its own, as the user runs it: its peak memory is then the merge's and not what this
    // process kept of generating the packages.
    let started = Instant::now();
    let child = in_child(&["bench", "merge", "--db"], &mun_path, &files)?;
    let merge = started.elapsed();
    let (floor, rows) = insert_floor(&mun_path, &dir.join("floor.db"))?;
    figures.push(Figure {
        name: format!(
            "проверка и слияние {schools} пакетов ({rows} строк; пик памяти {}); пол — вставка {:.0} мс, {:.2}×",
            child.peak.map_or("—".into(), |m| format!("{m:.0} МиБ")),
            floor.as_secs_f64() * 1000.0,
            merge.as_secs_f64() / floor.as_secs_f64()
        ),
        median: merge,
        target: Some(floor * 2),
    });

    // The catalogue over the merged copy, in a process of its own (loading the copy and computing).
    let runs_text = runs.to_string();
    let child = in_child(&["bench", "catalogue", "--runs", &runs_text, "--db"], &mun_path, &[])?;
    let peak = child.peak;
    figures.extend(child.figures.into_iter().map(|mut f| {
        if f.name.starts_with("каталог") {
            f.name = format!("{} (пик памяти {})", f.name, peak.map_or("—".into(), |m| format!("{m:.0} МиБ")));
        }
        f
    }));
    Ok(figures)
}

/// The four passes a package's verification makes over its bytes, on the same bytes and with nothing
/// of ours around them: SHA-512 of the file (inside the Ed25519 signature), SHA-256 of the file (its
/// identity), ChaCha20-Poly1305 over the payload in 64 KiB chunks (the decryption) and SHA-256 of the
/// plaintext (against the signed header).
fn verification_primitives(file: &[u8]) {
    use chacha20poly1305::aead::AeadInPlace;
    use chacha20poly1305::{ChaCha20Poly1305, KeyInit};
    use sha2::Digest;
    std::hint::black_box(sha2::Sha512::digest(file));
    std::hint::black_box(sha2::Sha256::digest(file));
    let aead = ChaCha20Poly1305::new(&[7u8; 32].into());
    let mut chunk = vec![0u8; 64 * 1024];
    for (i, part) in file.chunks(chunk.len()).enumerate() {
        let buf = &mut chunk[..part.len()];
        buf.copy_from_slice(part);
        let mut nonce = [0u8; 12];
        nonce[..8].copy_from_slice(&(i as u64).to_be_bytes());
        std::hint::black_box(aead.encrypt_in_place_detached(&nonce.into(), b"", buf).expect("a chunk seals"));
    }
    std::hint::black_box(sha2::Sha256::digest(file));
}

/// What a benchmark run in a child process printed: its figures, and the peak memory it reported.
struct Child {
    figures: Vec<Figure>,
    peak: Option<f64>,
}

/// Runs this program with `args`, `db` and `files` (`uchrost bench merge|catalogue …`) and reads back the
/// figures it prints (see [`Figure::parse`]) and its peak memory.
fn in_child(args: &[&str], db: &Path, files: &[std::path::PathBuf]) -> Result<Child, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let output = std::process::Command::new(exe)
        .args(args)
        .arg(db)
        .args(files)
        .output()
        .map_err(|e| format!("замер в отдельном процессе не запустился: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "замер `{}` не удался: {}{}",
            args.join(" "),
            stdout,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let figures: Vec<Figure> = stdout.lines().filter_map(Figure::parse).collect();
    let peak = stdout.lines().find_map(|l| l.strip_prefix(PEAK_LINE)).and_then(|m| m.trim().parse().ok());
    Ok(Child { figures, peak })
}

/// The line a benchmark in a child process ends with: its peak memory in MiB.
pub const PEAK_LINE: &str = "пик памяти процесса, МиБ:";

/// `uchrost bench merge --db F PKG…`: takes the packages into the copy at `db` (trusting new senders)
/// in this process; the figure is the whole import, and the process's peak memory follows it.
pub fn merge(db: &Path, files: &[std::path::PathBuf]) -> Result<Vec<Figure>, String> {
    let today = app::today();
    let mut store = app::open(db, DiskMode::Local).map_err(|e| e.to_string())?;
    let refs: Vec<&Path> = files.iter().map(std::path::PathBuf::as_path).collect();
    let started = Instant::now();
    let outcomes = app::exchange::import(&mut store, &refs, false, true, today).map_err(|e| e.to_string())?;
    let took = started.elapsed();
    if let Some(r) = outcomes.iter().find(|o| o.refused()) {
        return Err(format!("пакет {} не принят: {}", r.file, r.message));
    }
    store.close().map_err(|e| e.to_string())?;
    Ok(vec![Figure {
        name: format!("проверка и слияние {} пакетов", files.len()), median: took, target: None
    }])
}

/// `uchrost bench catalogue --db F`: the copy at `db` loaded and the whole catalogue with every
/// breakdown (and by municipality for a region) computed over it, in this process.
pub fn catalogue(db: &Path, runs: usize) -> Result<Vec<Figure>, String> {
    use crate::domain::indicators::{Breakdown, Window, compute_all};
    let today = app::today();
    let store = app::open(db, DiskMode::Local).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let data = store.load().map_err(|e| e.to_string())?;
    let load = started.elapsed();
    let loaded = memory_mib();
    let settings = store.rule_settings().map_err(|e| e.to_string())?;
    store.close().map_err(|e| e.to_string())?;
    let records = data.len();
    let window = Window::school_year(crate::domain::SchoolYear::of(today).prev(), today);
    let regional = data.organisations.iter().filter(|o| o.role == crate::domain::OrgRole::Municipality).count() > 1;
    let breakdowns: &[Breakdown] = if regional { &Breakdown::ALL } else { &Breakdown::ALL[..4] };
    let whole = median(runs, || drop(compute_all(&data, window, &settings, breakdowns)));
    Ok(vec![
        Figure {
            name: format!(
                "загрузка копии ({records} записей; в памяти после загрузки {})",
                loaded.map_or("—".into(), |m| format!("{m:.0} МиБ"))
            ),
            median: load,
            target: None,
        },
        Figure {
            name: "каталог со всеми разбивками по слитой копии".into(), median: whole, target: None
        },
    ])
}

/// The floor of a merge: every record row of the database at `merged` inserted into an empty database
/// at `floor` of the same tables, constraints and indexes, with the same journal, sync and foreign-key
/// settings, one prepared statement per table, one transaction (tables in the order of the kinds, so
/// that a row's organisation and person are there before it). Returns the time of the inserts and the number of rows.
fn insert_floor(merged: &Path, floor: &Path) -> Result<(Duration, usize), String> {
    use rusqlite::{Connection, types::Value};
    let e = |e: rusqlite::Error| e.to_string();
    let src = Connection::open(merged).map_err(e)?;
    let tables: Vec<String> = crate::domain::RecordKind::ALL.iter().map(|k| k.table().to_string()).collect();
    let mut schema = Vec::new();
    let mut data: Vec<(String, usize, Vec<Vec<Value>>)> = Vec::new();
    for t in &tables {
        let sql: Vec<String> = src
            .prepare("SELECT sql FROM sqlite_master WHERE tbl_name = ?1 AND sql IS NOT NULL ORDER BY type DESC")
            .and_then(|mut s| s.query_map([t], |r| r.get(0))?.collect())
            .map_err(e)?;
        schema.extend(sql);
        let mut stmt = src.prepare(&format!("SELECT * FROM \"{t}\"")).map_err(e)?;
        let columns = stmt.column_count();
        let rows: Vec<Vec<Value>> = stmt
            .query_map([], |r| (0..columns).map(|i| r.get::<_, Value>(i)).collect())
            .and_then(Iterator::collect)
            .map_err(e)?;
        data.push((t.clone(), columns, rows));
    }
    let _ = std::fs::remove_file(floor);
    let mut dst = Connection::open(floor).map_err(e)?;
    // The store's own settings (storage::connection): write-ahead log, full sync, foreign keys checked.
    dst.execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;").map_err(e)?;
    for s in &schema {
        dst.execute_batch(s).map_err(|err| format!("{s}: {err}"))?;
    }
    let started = Instant::now();
    let tx = dst.transaction().map_err(e)?;
    let mut count = 0;
    for (t, columns, rows) in &data {
        let marks = vec!["?"; *columns].join(", ");
        let mut stmt = tx.prepare(&format!("INSERT INTO \"{t}\" VALUES ({marks})")).map_err(e)?;
        for row in rows {
            stmt.execute(rusqlite::params_from_iter(row.iter())).map_err(e)?;
            count += 1;
        }
    }
    tx.commit().map_err(e)?;
    Ok((started.elapsed(), count))
}

/// A save in the window: one course of one teacher edited through the session, on a municipal copy of
/// `schools` schools — the write (one transaction with its history) and the records in memory patched,
/// which is what the screens wait for. The median of `runs` saves, each a different edit.
pub fn save(schools: usize, runs: usize) -> Result<Vec<Figure>, String> {
    in_temp_dir(|dir| {
        let today = app::today();
        let path = dir.join("mun.db");
        let mut store = app::create_municipality(&path, "Управление образования", "", DiskMode::Local)
            .map_err(|e| e.to_string())?;
        let summary = app::fill_municipal_demo(&mut store, schools, 1, today).map_err(|e| e.to_string())?;
        store.close().map_err(|e| e.to_string())?;
        let store = app::open_for_window(&path, DiskMode::Local).map_err(|e| e.to_string())?;
        let mut session = app::Session::new(store).map_err(|e| e.to_string())?.with_today(today);
        let course = session.data().courses.first().cloned().ok_or("в демо нет курсов")?;
        let mut times = Vec::new();
        for run in 0..runs.max(1) {
            let mut edited = course.clone();
            edited.hours = 36 + (run % 100) as u32;
            let started = Instant::now();
            session.put("Изменён курс", edited.into()).map_err(|e| e.to_string())?;
            times.push(started.elapsed());
        }
        times.sort();
        // The undo of a save, and a person deleted with every record about them and brought back,
        // as the history and the card do it (each patches the memory instead of reloading).
        let mut undos = Vec::new();
        let mut deletions = Vec::new();
        for run in 0..runs.max(1) {
            let mut edited = course.clone();
            edited.hours = 200 + run as u32;
            session.put("Изменён курс", edited.into()).map_err(|e| e.to_string())?;
            let last =
                session.history(None, 1).map_err(|e| e.to_string())?.first().map(|a| a.id).ok_or("нет истории")?;
            let started = Instant::now();
            session.undo(last).map_err(|e| e.to_string())?;
            undos.push(started.elapsed());
            let person = session.data().persons.get(run % 50).map(|p| p.id).ok_or("в демо нет людей")?;
            let started = Instant::now();
            session.delete_person(person).map_err(|e| e.to_string())?;
            deletions.push(started.elapsed());
            let deleted = session.history(None, 1).map_err(|e| e.to_string())?[0].id;
            session.undo(deleted).map_err(|e| e.to_string())?;
        }
        undos.sort();
        deletions.sort();
        let people = summary.persons;
        Ok(vec![
            Figure {
                name: format!("сохранение записи: {schools} школ, {people} работников"),
                median: times[times.len() / 2],
                target: (schools <= 60).then(|| Duration::from_millis(50)),
            },
            Figure {
                name: "  отмена последнего изменения".into(), median: undos[undos.len() / 2], target: None
            },
            Figure {
                name: "  удаление работника со всеми записями".into(),
                median: deletions[deletions.len() / 2],
                target: None,
            },
        ])
    })
}

/// Start-up to the first frame: the municipal copy of `schools` schools opened as the window opens it
/// (the check of the file, the session, the caches of Сегодня) and its first frame drawn headless by egui
/// at 1366×768 with a fresh context (fonts included); the day's backup it starts in the background is
/// measured apart.
pub fn startup(schools: usize, runs: usize) -> Result<Vec<Figure>, String> {
    in_temp_dir(|dir| startup_in(dir, schools, runs))
}

fn startup_in(dir: &Path, schools: usize, runs: usize) -> Result<Vec<Figure>, String> {
    let today = app::today();
    let path = dir.join("mun.db");
    let mut store =
        app::create_municipality(&path, "Управление образования", "", DiskMode::Local).map_err(|e| e.to_string())?;
    let summary = app::fill_municipal_demo(&mut store, schools, 1, today).map_err(|e| e.to_string())?;
    store.close().map_err(|e| e.to_string())?;
    startup_of(&path, &format!("{schools} школ, {} работников", summary.persons), runs)
}

/// `uchrost bench startup --db F`: start-up to the first frame on an existing copy (a copy of it, so that
/// the daily backup and the session leave the file as it was), and apart: opening with the check of the
/// file, loading the records, the first frame with the caches of Сегодня, and the day's backup.
pub fn startup_on(db: &Path, runs: usize) -> Result<Vec<Figure>, String> {
    in_temp_dir(|dir| {
        let path = dir.join("copy.db");
        let mut store = crate::storage::Store::open(db, DiskMode::Local).map_err(|e| e.to_string())?;
        store.backup_to(&path).map_err(|e| e.to_string())?;
        store.close().map_err(|e| e.to_string())?;
        let name = db.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        startup_of(&path, &name, runs)
    })
}

fn startup_of(path: &Path, what: &str, runs: usize) -> Result<Vec<Figure>, String> {
    let today = app::today();
    let e = |e: crate::storage::StorageError| e.to_string();
    // Each run starts as the first start of the day does: with the daily backup still to make.
    let forget_backup = || -> Result<(), String> {
        let conn = rusqlite::Connection::open(path).map_err(|e| e.to_string())?;
        conn.execute("DELETE FROM meta WHERE key = 'last_daily_backup'", []).map_err(|e| e.to_string())?;
        Ok(())
    };
    let mut times = Vec::new();
    for _ in 0..runs.max(1) {
        forget_backup()?;
        let started = Instant::now();
        let store = app::open_for_window(path, DiskMode::Local).map_err(e)?;
        let opened = started.elapsed();
        let session = app::Session::new(store).map_err(e)?;
        let loaded = started.elapsed();
        // The three caches the first frame builds, each alone on the loaded records.
        let (data, settings) = (session.data(), session.settings());
        let timed = |f: &dyn Fn()| {
            let t = Instant::now();
            f();
            t.elapsed()
        };
        let caches = [
            timed(&|| drop(std::hint::black_box(app::all_staff_on(data, today, settings)))),
            timed(&|| drop(std::hint::black_box(crate::domain::attention::attention(data, today, settings)))),
            timed(&|| drop(std::hint::black_box(app::search_texts(data)))),
        ];
        // The day's backup the window then makes in the background, alone.
        let t = Instant::now();
        let copy = crate::storage::backup::make_from_file(path, "замер", app::now(), &|_| ()).map_err(e)?;
        let backup = t.elapsed();
        std::fs::remove_file(&copy).map_err(|e| e.to_string())?;
        drop(session);
        forget_backup()?;
        let started = Instant::now();
        let location = app::paths::DbLocation { path: path.to_path_buf(), mode: DiskMode::Local };
        let mut window = crate::ui::UchrostApp::new(location, today);
        let made = started.elapsed();
        let ctx = egui::Context::default();
        let shapes = headless_frame(&ctx, |ui| window.ui(ui));
        let first = started.elapsed();
        // A large copy opens in the background: its first frame shows the progress, and the desk follows
        // when the records and the lists are ready.
        while window.session().is_none() {
            if !window.busy() {
                return Err("база не открылась".into());
            }
            std::thread::sleep(Duration::from_millis(5));
            headless_frame(&ctx, |ui| window.ui(ui));
        }
        let shapes = if shapes < 50 { headless_frame(&ctx, |ui| window.ui(ui)) } else { shapes };
        let desk = started.elapsed();
        if shapes < 50 {
            return Err(format!("первый кадр рабочего стола почти пуст ({shapes} фигур)"));
        }
        // The window's own backup of the day goes on in the background: let it end before the next run.
        while window.busy() {
            std::thread::sleep(Duration::from_millis(20));
            headless_frame(&ctx, |ui| window.ui(ui));
        }
        times.push((first, desk, [opened, loaded - opened, first - made, backup], caches));
    }
    times.sort_by_key(|t| t.0);
    let (first, desk, parts, caches) = times[times.len() / 2];
    Ok(vec![
        Figure {
            name: format!("запуск до первого кадра: {what}"),
            median: first,
            target: Some(Duration::from_secs(2)),
        },
        Figure {
            name: format!("запуск до рабочего стола со списками: {what}"), median: desk, target: None
        },
        Figure {
            name: "  из них открытие с проверкой файла".into(), median: parts[0], target: None
        },
        Figure { name: "  из них загрузка записей".into(), median: parts[1], target: None },
        Figure {
            name: "  первый кадр (у большой базы — ход открытия)".into(), median: parts[2], target: None
        },
        Figure { name: "    в нём список педагогов".into(), median: caches[0], target: None },
        Figure { name: "    в нём «Требует внимания»".into(), median: caches[1], target: None },
        Figure { name: "    в нём тексты для поиска".into(), median: caches[2], target: None },
        Figure {
            name: "ежедневная резервная копия (в фоне, окно уже открыто)".into(), median: parts[3], target: None
        },
    ])
}
