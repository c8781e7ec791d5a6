//! The staff tables of the form № ОО-1 (issue 25: «The staff tables of the statistical form ОО-1 that the
//! app's data answer (by age and experience bands, by sex, by education) as an XLSX in the form's
//! layout»): a table of hand-built workers with every band's boundary, the lines by main position, and the
//! report in XLSX (a sheet per section, numbers as numbers) and on the command line.

use crate::support::*;
use uchrost::app::reports::{self, ReportKind, ReportRequest};
use uchrost::domain::oo1::{self, AGE_BANDS, EXPERIENCE_BANDS};
use uchrost::domain::*;
use uchrost::report::{self, Cell, Format};

const ON: &str = "20.09.2025";

struct Staff {
    data: Dataset,
}

impl Staff {
    /// A worker employed since 2010 with the main position `position` in 2025/2026.
    fn add(&mut self, position: &str, f: impl FnOnce(&mut Person)) -> PersonId {
        let mut p = person("Иванова", "10.01.1980", "01.09.2005");
        f(&mut p);
        let id = p.id;
        self.data.employments.push(employment(id, "01.09.2010", None));
        if !position.is_empty() {
            self.data.assignments.push(Assignment {
                id: AssignmentId::new(),
                author: org(),
                person: id,
                year: SchoolYear(2025),
                positions: vec![position.into(), "классный руководитель".into()],
                subjects: vec![],
                load_hours: 18.0,
            });
        }
        self.data.persons.push(p);
        id
    }
}

fn line<'a>(form: &'a oo1::Form, title: &str) -> &'a oo1::Line {
    form.lines.iter().find(|l| l.title == title).unwrap_or_else(|| panic!("«{title}»"))
}

/// Each band's lower boundary belongs to it (a full 25 years is «25–29», a full 3 years of experience «от 3
/// до 5 лет»), the day before to the band below; what the records do not say is «не указан».
#[test]
fn every_worker_falls_in_the_band_of_their_full_years() {
    // (birth date, age band) — counted on 20.09.2025.
    let ages = [
        ("21.09.2000", "моложе 25 лет"),
        ("20.09.2000", "25–29"),
        ("20.09.1995", "30–34"),
        ("21.09.1960", "60–64"),
        ("20.09.1960", "65 лет и более"),
    ];
    // (start of experience, band).
    let experience = [
        ("21.09.2022", "до 3 лет"),
        ("20.09.2022", "от 3 до 5 лет"),
        ("20.09.2020", "от 5 до 10 лет"),
        ("21.09.2010", "от 10 до 15 лет"),
        ("20.09.2010", "от 15 до 20 лет"),
        ("20.09.2005", "20 лет и более"),
    ];
    for (birth, band) in ages {
        let mut s = Staff { data: Dataset::default() };
        s.add("учитель", |p| p.birth_date = Some(d(birth)));
        let form = oo1::form(&s.data, d(ON));
        let at = AGE_BANDS.iter().position(|b| *b == band).expect("band");
        assert_eq!(line(&form, "Педагогические работники — всего").age[at], 1, "born {birth}: {band}");
        assert_eq!(line(&form, "Педагогические работники — всего").age.iter().sum::<u64>(), 1);
    }
    for (start, band) in experience {
        let mut s = Staff { data: Dataset::default() };
        s.add("учитель", |p| {
            p.ped_experience_start = Some(d(start));
            p.total_experience_start = Some(d(start));
        });
        let form = oo1::form(&s.data, d(ON));
        let at = EXPERIENCE_BANDS.iter().position(|b| *b == band).expect("band");
        let l = line(&form, "Педагогические работники — всего");
        assert_eq!((l.ped_experience[at], l.total_experience[at]), (1, 1), "since {start}: {band}");
    }
    // Nothing known: every distribution says «не указан», the education «не указано».
    let mut s = Staff { data: Dataset::default() };
    s.add("учитель", |p| {
        p.birth_date = None;
        p.ped_experience_start = None;
        p.total_experience_start = None;
        p.education = None;
        p.sex = None;
    });
    let form = oo1::form(&s.data, d(ON));
    let l = line(&form, "Педагогические работники — всего");
    assert_eq!((l.age[10], l.ped_experience[6], l.total_experience[6], l.education[5], l.women), (1, 1, 1, 1, 0));
}

/// The lines: руководящие by the management flag (a deputy head who teaches counts there once), the
/// педагогические with «из них» by main position, «учитель» first; education, categories valid on the day
/// and women counted per line; who left before the day or came after it is not counted.
#[test]
fn workers_count_once_by_their_main_position() {
    let mut s = Staff { data: Dataset::default() };
    let deputy = s.add("заместитель директора по УВР", |p| p.management = true);
    s.data.attestations.push(attestation(deputy, Category::Highest, "15.03.2022"));
    let t1 = s.add("учитель", |p| p.education = Some(EducationLevel::VocationalPedagogical));
    s.data.attestations.push(attestation(t1, Category::First, "20.09.2020")); // valid through 19.09.2025: expired
    let t2 = s.add("Учитель", |p| p.sex = Some(Sex::Male));
    s.data.attestations.push(attestation(t2, Category::First, "21.09.2020")); // valid on the day
    s.add("педагог-психолог", |p| p.education = Some(EducationLevel::HigherOther));
    s.add("", |p| p.education = Some(EducationLevel::Other));
    let left = s.add("учитель", |_| {});
    s.data.employments.iter_mut().find(|e| e.person == left).expect("e").end = Some(d("19.09.2025"));
    let late = s.add("учитель", |_| {});
    s.data.employments.iter_mut().find(|e| e.person == late).expect("e").start = d("21.09.2025");
    s.add("библиотекарь", |p| p.pedagogical = false); // neither pedagogical nor management
    let form = oo1::form(&s.data, d(ON));
    let titles: Vec<&str> = form.lines.iter().map(|l| l.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Руководящие работники",
            "Педагогические работники — всего",
            "учитель",
            "должность не указана",
            "педагог-психолог"
        ]
    );
    let m = line(&form, "Руководящие работники");
    assert_eq!((m.total, m.highest, m.education[0], m.education[1]), (1, 1, 1, 1));
    let all = line(&form, "Педагогические работники — всего");
    assert_eq!(all.total, 4);
    assert_eq!(all.women, 3, "the man is not among the women");
    assert_eq!(all.education, [2, 1, 1, 1, 1, 0], "высшее 2 (1 пед.), СПО 1 (1 пед.), другое 1");
    assert_eq!((all.highest, all.first), (0, 1), "т1's первая expired the day before");
    let teachers = line(&form, "учитель");
    assert!(teachers.of_above && teachers.total == 2, "«учитель» and «Учитель» are one position");
    let sum: u64 = form.lines.iter().filter(|l| l.of_above).map(|l| l.total).sum();
    assert_eq!(sum, all.total, "the «из них» lines add up to the total");
    for l in &form.lines {
        assert_eq!(l.age.iter().sum::<u64>(), l.total, "{}: ages", l.title);
        assert_eq!(l.ped_experience.iter().sum::<u64>(), l.total, "{}: experience", l.title);
        assert_eq!(l.education[0] + l.education[2] + l.education[4] + l.education[5], l.total, "{}", l.title);
    }
    // The form's day: 20 September of the school year, or today before it.
    assert_eq!(oo1::day_of(SchoolYear(2025), d("31.08.2026")), d("20.09.2025"));
    assert_eq!(oo1::day_of(SchoolYear(2026), d("10.09.2026")), d("10.09.2026"));
}

/// The report of the demo school: four tables (3.1, 3.2 twice, 3.3) with numbered lines, each as an XLSX
/// sheet of numbers; its lines are the domain's; the command line writes it.
#[test]
fn the_oo1_report_lays_out_the_forms_sections() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("s.db");
    let mut store =
        uchrost::app::create_school(&path, "МОУ СОШ № 4", "004", uchrost::storage::DiskMode::Local).expect("school");
    uchrost::app::fill_school_demo(&mut store, 40, 2, d("23.11.2026")).expect("demo");
    let data = store.load().expect("load");
    let mut req = ReportRequest::new(ReportKind::Oo1, d("23.11.2026"));
    req.year = SchoolYear(2025);
    req.today = SchoolYear(2025).last_day();
    let r = reports::build(&data, &store.rule_settings().expect("settings"), store.own_org(), &req).expect("builds");
    assert_eq!(r.as_of, d("20.09.2025"));
    assert_eq!(r.period, "на 20.09.2025");
    let form = oo1::form(&data, d("20.09.2025"));
    let sheets: Vec<&str> = r.tables().map(|t| t.sheet.as_str()).collect();
    assert_eq!(sheets, ["3.1 Состав", "3.2 Общий стаж", "3.2 Пед. стаж", "3.3 Возраст и пол"]);
    for t in r.tables() {
        assert_eq!(t.rows.len(), form.lines.len(), "{}", t.title);
        for (i, (row, l)) in t.rows.iter().zip(&form.lines).enumerate() {
            assert_eq!(row[1], Cell::text(format!("{:02}", i + 1)), "the line's number");
            assert_eq!(row[2], Cell::Int(l.total as i64), "{}: {}", t.title, l.title);
            assert_eq!(row.len(), t.columns.len());
        }
    }
    let ages = r.tables().last().expect("3.3");
    assert_eq!(ages.rows[1][3], Cell::Int(form.lines[1].women as i64), "women of the teachers");
    assert!(form.lines[1].total > 30, "the demo's teachers are counted");
    // XLSX: the numbers as numbers on each section's sheet.
    let bytes = report::render(&r, Format::Xlsx).expect("xlsx");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("opens");
    let range = calamine::Reader::worksheet_range(&mut book, "3.3 Возраст и пол").expect("sheet");
    assert_eq!(range.get_value((5, 2)), Some(&calamine::Data::Float(form.lines[1].total as f64)));
    assert_eq!(range.get_value((5, 3)), Some(&calamine::Data::Float(form.lines[1].women as f64)));
    // The command line.
    store.close().expect("close");
    let out = dir.path().join("оо1.xlsx");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_uchrost"))
        .args(["report", "--db", path.to_str().expect("utf-8"), "--kind", "oo1", "--year", "2025"])
        .args(["--out", out.to_str().expect("utf-8")])
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.exists());
    let help =
        std::process::Command::new(env!("CARGO_BIN_EXE_uchrost")).args(["report", "--help"]).output().expect("run");
    assert!(String::from_utf8_lossy(&help.stdout).contains("oo1"));
}
