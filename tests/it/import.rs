//! Spreadsheet import: fixture files made to look like real ones — title rows, merged header cells,
//! blank rows, trailing spaces, mixed date formats, Excel serial dates, «ВКК», Ё in names, a duplicate
//! teacher, an impossible date — each row's outcome checked, and the database afterwards.

use crate::support::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::path::{Path, PathBuf};
use uchrost::app::import as imp;
use uchrost::domain::*;
use uchrost::import::mapping::{self, Field};
use uchrost::import::values;
use uchrost::import::{Cell, EventInfo, ImportKind, RowStatus};
use uchrost::storage::Store;

/// A cell of a fixture sheet.
pub enum C {
    S(&'static str),
    N(f64),
    D(u16, u8, u8),
    E,
}

/// Writes an XLSX fixture: rows of cells and merged ranges (first row, first col, last row, last col, text).
pub fn xlsx(path: &Path, rows: &[Vec<C>], merges: &[(u32, u16, u32, u16, &str)]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Лист1").expect("name");
    let date = Format::new().set_num_format("dd.mm.yyyy");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                C::S(s) => {
                    ws.write_string(r, c, *s).expect("write");
                }
                C::N(n) => {
                    ws.write_number(r, c, *n).expect("write");
                }
                C::D(y, m, d) => {
                    let dt = ExcelDateTime::from_ymd(*y, *m, *d).expect("date");
                    ws.write_datetime_with_format(r, c, &dt, &date).expect("write");
                }
                C::E => {}
            }
        }
    }
    for (r1, c1, r2, c2, text) in merges {
        ws.merge_range(*r1, *c1, *r2, *c2, text, &Format::new()).expect("merge");
    }
    wb.save(path).expect("save");
}

fn today() -> chrono::NaiveDate {
    d("23.11.2026")
}

fn prepare(store: &Store, file: &Path, kind: ImportKind, event: Option<EventInfo>) -> imp::Prepared {
    let (sheet, header) = imp::read(store, file, None, kind).expect("read");
    let data = store.load().expect("load");
    imp::plan(
        &data,
        sheet,
        header,
        &imp::Context { kind, school: store.own_org().id, today: today(), event, school_year: None },
    )
    .expect("plan")
}

/// (row number, status word, error column, error words) for each row of a plan.
fn outcomes(p: &imp::Prepared) -> Vec<(usize, String)> {
    p.plan
        .rows
        .iter()
        .map(|r| {
            let s = match &r.status {
                RowStatus::Create => "создать".to_string(),
                RowStatus::Update(c) => format!("обновить: {}", c.join("; ")),
                RowStatus::Unchanged => "без изменений".into(),
                RowStatus::Skipped(w) => format!("пропуск: {w}"),
                RowStatus::Error(e) => format!(
                    "ошибка: {}",
                    e.iter().map(|e| format!("«{}» {}", e.column, e.message)).collect::<Vec<_>>().join("; ")
                ),
            };
            (r.row, s)
        })
        .collect()
}

fn expect_outcomes(p: &imp::Prepared, expected: &[(usize, &str)]) {
    let got = outcomes(p);
    assert_eq!(got.len(), expected.len(), "rows: {got:#?}");
    for ((row, status), (erow, words)) in got.iter().zip(expected) {
        assert_eq!(row, erow, "{got:#?}");
        assert!(
            status.starts_with(words) || status.contains(words),
            "строка {row}: ожидалось «{words}», получено «{status}»"
        );
    }
}

/// The staff list of a school as deputy heads keep it.
pub fn staff_sheet(dir: &Path) -> PathBuf {
    use C::*;
    let path = dir.join("Список педагогов.xlsx");
    let rows = vec![
        vec![S("Список педагогических работников МОУ СОШ № 7")],
        vec![S("по состоянию на 01.09.2025")],
        vec![],
        vec![S("№"), S("ФИО"), S("Дата рождения"), S("Должность"), S("Предметы"), S("Стаж"), E, E],
        vec![E, E, E, E, E, E, S("Категория"), S("Дата присвоения")],
        vec![
            N(1.0),
            S("Иванова Анна Сергеевна  "),
            D(1985, 4, 12),
            S("учитель"),
            S("русский язык, литература"),
            N(15.0),
            S("ВКК"),
            N(45000.0),
        ],
        vec![
            N(2.0),
            S("Семёнов Пётр Петрович"),
            S("01.02.1979"),
            S("учитель"),
            S("математика; информатика"),
            S("20 лет"),
            S("1 кв. кат."),
            S("15.03.2021"),
        ],
        vec![],
        vec![N(3.0), S("Сёмина Ольга Игоревна"), S("31.02.1990"), S("учитель"), S("физика"), N(5.0), E, E],
        vec![
            N(4.0),
            S("Иванова Анна Сергеевна"),
            S("12.04.1985"),
            S("учитель"),
            S("русский язык"),
            N(15.0),
            S("высшая"),
            S("15.03.2023"),
        ],
        vec![
            N(5.0),
            S("Кузнецова Алёна Викторовна"),
            S("1985-06-07"),
            S("учитель начальных классов"),
            S("начальные классы"),
            S("3 г. 6 мес."),
            S("первая"),
            E,
        ],
        vec![
            N(6.0),
            S("Орлова Нина Павловна"),
            S("7.6.85"),
            S("педагог-психолог"),
            E,
            N(12.0),
            S("соответствие"),
            D(2022, 10, 10),
        ],
    ];
    // «Аттестация» spans the two columns above «Категория» and «Дата присвоения».
    xlsx(&path, &rows, &[(0, 0, 0, 7, "Список педагогических работников МОУ СОШ № 7"), (3, 6, 3, 7, "Аттестация")]);
    path
}

#[test]
fn values_as_people_write_them() {
    // dates
    let dates = [
        (Cell::Text("15.03.2021".into()), Some("15.03.2021")),
        (Cell::Text("5.3.21".into()), Some("05.03.2021")),
        (Cell::Text("7.6.85".into()), Some("07.06.1985")),
        (Cell::Text("2021-09-01".into()), Some("01.09.2021")),
        (Cell::Text("15.03.2021 г.".into()), Some("15.03.2021")),
        (Cell::Number(45000.0), Some("15.03.2023")),
        (Cell::Text("45000".into()), Some("15.03.2023")),
        (Cell::Empty, None),
    ];
    for (cell, expected) in dates {
        assert_eq!(values::date(&cell).expect("date"), expected.map(d), "{cell:?}");
    }
    for bad in ["31.02.1990", "вчера", "15.13.2020", "1.1.1"] {
        assert!(values::date(&Cell::Text(bad.into())).is_err(), "{bad}");
    }
    // periods
    let p = values::period(&Cell::Text("с 01.02.2021 по 15.02.2021".into())).expect("period");
    assert_eq!(p, (Some(d("01.02.2021")), Some(d("15.02.2021"))));
    let p = values::period(&Cell::Text("01.02.2021 – 15.02.2021".into())).expect("period");
    assert_eq!(p, (Some(d("01.02.2021")), Some(d("15.02.2021"))));
    assert_eq!(values::period(&Cell::Text("15.02.2021".into())).expect("one date"), (None, Some(d("15.02.2021"))));
    // categories
    let cats = [
        ("высшая", Some(Category::Highest)),
        ("ВКК", Some(Category::Highest)),
        ("Высшая квалификационная категория", Some(Category::Highest)),
        ("1 кв. кат.", Some(Category::First)),
        ("первая", Some(Category::First)),
        ("I", Some(Category::First)),
        ("соответствие", Some(Category::PositionConformity)),
        ("СЗД", Some(Category::PositionConformity)),
        ("педагог-методист", Some(Category::Methodist)),
        ("б/к", None),
        ("", None),
    ];
    for (text, expected) in cats {
        assert_eq!(values::category(&Cell::Text(text.into())).expect("category"), expected, "{text}");
    }
    assert!(values::category(&Cell::Text("вторая".into())).is_err());
    // hours
    for (text, h) in [("72", 72), ("72 ч.", 72), ("72 часа", 72), ("16 ак. ч", 16)] {
        assert_eq!(values::hours(&Cell::Text(text.into())).expect("hours"), Some(h), "{text}");
    }
    assert!(values::hours(&Cell::Text("много".into())).is_err());
    // experience in years, counted back from the sheet's date
    let as_of = d("01.09.2025");
    for (cell, start) in [
        (Cell::Number(12.0), "01.09.2013"),
        (Cell::Text("12 лет".into()), "01.09.2013"),
        (Cell::Text("3 г. 6 мес.".into()), "01.03.2022"),
        (Cell::Text("01.09.2000".into()), "01.09.2000"),
    ] {
        assert_eq!(values::experience_start(&cell, as_of).expect("exp"), Some(d(start)), "{cell:?}");
    }
    // subjects
    assert_eq!(
        values::list(&Cell::Text("русский язык;  литература, ОДНКНР".into())),
        vec!["русский язык", "литература", "ОДНКНР"]
    );
    assert_eq!(values::norm("  Сёмина   ОЛЬГА "), "семина ольга");
}

#[test]
fn headers_are_found_below_titles_and_merged_cells() {
    let dir = tempfile::tempdir().expect("dir");
    let sheet = uchrost::import::sheet::read(&staff_sheet(dir.path()), None).expect("read");
    let header = mapping::detect(&sheet, ImportKind::Teachers, &Default::default()).expect("header");
    assert_eq!(header.row, 4, "the second header row");
    assert_eq!(
        header.columns,
        vec![
            None,
            Some(Field::FullName),
            Some(Field::BirthDate),
            Some(Field::Position),
            Some(Field::Subjects),
            Some(Field::PedExperience),
            Some(Field::Category),
            Some(Field::CategoryDate)
        ]
    );
    assert_eq!(header.titles[6], "Аттестация / Категория");
    // A remembered choice wins: the user said «Стаж» is the total experience.
    let remembered = [("стаж".to_string(), Some(Field::TotalExperience))].into_iter().collect();
    let header = mapping::detect(&sheet, ImportKind::Teachers, &remembered).expect("header");
    assert_eq!(header.columns[5], Some(Field::TotalExperience));
    // Common header spellings.
    let fields = ImportKind::Courses.fields();
    for (title, field) in [
        ("Ф.И.О. педагога", Field::FullName),
        ("Кол-во часов", Field::Hours),
        ("Сроки обучения", Field::Period),
        ("№ удостоверения", Field::DocNumber),
        ("Наименование программы", Field::CourseTitle),
    ] {
        assert_eq!(mapping::recognise(title, fields).map(|x| x.0), Some(field), "{title}");
    }
}

#[test]
fn a_staff_list_brings_teachers_assignments_and_categories() {
    let (dir, _path, mut store) = school_db();
    let file = staff_sheet(dir.path());
    let p = prepare(&store, &file, ImportKind::Teachers, None);
    assert!(p.plan.as_of_note.contains("01.09.2025"), "{}", p.plan.as_of_note);
    expect_outcomes(
        &p,
        &[
            (6, "создать"),
            (7, "создать"),
            (9, "ошибка: «Дата рождения» «31.02.1990» — такой даты нет"),
            (10, "ошибка: «—» повтор"),
            (11, "категория указана без даты присвоения"),
            (12, "создать"),
        ],
    );
    // With errors nothing is written unless the valid rows are accepted.
    let err = imp::apply(&mut store, &p, false, today(), "Список педагогов.xlsx").expect_err("refused");
    assert!(err.to_string().contains("в 3 строках ошибки"), "{err}");
    assert!(store.load().expect("load").persons.is_empty());
    imp::apply(&mut store, &p, true, today(), "Список педагогов.xlsx").expect("apply");

    let data = store.load().expect("load");
    assert_eq!(data.persons.len(), 3);
    let ivanova = data.persons.iter().find(|x| x.last_name == "Иванова").expect("Иванова");
    assert_eq!(ivanova.full_name(), "Иванова Анна Сергеевна", "trailing spaces trimmed");
    assert_eq!(ivanova.birth_date, Some(d("12.04.1985")));
    assert_eq!(ivanova.ped_experience_start, Some(d("01.09.2010")), "15 years on 01.09.2025");
    let index = data.index();
    let r = index.records(ivanova.id).expect("records");
    // The sheet is of 01.09.2025, but the assignments go to the current school year unless asked.
    assert_eq!((p.plan.school_year, p.plan.sheet_year), (SchoolYear(2026), Some(SchoolYear(2025))));
    assert_eq!(r.assignments[0].year, SchoolYear(2026));
    let subjects: Vec<&str> = r.assignments[0].subjects.iter().map(|s| s.subject.as_str()).collect();
    assert_eq!(subjects, ["русский язык", "литература"]);
    assert_eq!((r.attestations[0].result, r.attestations[0].decision_date), (Category::Highest, d("15.03.2023")));
    assert_eq!(r.employments.len(), 1);
    let orlova = data.persons.iter().find(|x| x.last_name == "Орлова").expect("Орлова");
    assert_eq!(orlova.birth_date, Some(d("07.06.1985")));
    let r = index.records(orlova.id).expect("records");
    assert_eq!(r.attestations[0].result, Category::PositionConformity);
    assert_eq!(r.assignments[0].positions, ["педагог-психолог"]);
    // A backup was made before the import, and the history holds it as one undoable action.
    assert!(uchrost::storage::backup::list(store.path()).expect("list").iter().any(|b| b.reason == "перед импортом"));
    let history = store.history(None, 5).expect("history");
    assert!(history[0].description.starts_with("Импорт из таблицы"));

    // The same file again: nothing doubles.
    let again = prepare(&store, &file, ImportKind::Teachers, None);
    expect_outcomes(
        &again,
        &[
            (6, "без изменений"),
            (7, "без изменений"),
            (9, "ошибка"),
            (10, "ошибка"),
            (11, "ошибка"),
            (12, "без изменений"),
        ],
    );
    imp::apply(&mut store, &again, true, today(), "Список педагогов.xlsx").expect("apply again");
    let after = store.load().expect("load");
    assert_eq!(after.persons.len(), 3);
    assert_eq!(after.attestations.len(), 3);
    assert_eq!(after.assignments.len(), 3);
}

#[test]
fn e_and_yo_case_and_spaces_match_the_same_person_and_changes_are_shown() {
    let (dir, _path, mut store) = school_db();
    let p = prepare(&store, &staff_sheet(dir.path()), ImportKind::Teachers, None);
    imp::apply(&mut store, &p, true, today(), "staff").expect("apply");
    let file = dir.path().join("правка.csv");
    std::fs::write(
        &file,
        "Нагрузка на 01.09.2025\nФИО;Дата рождения;Нагрузка\nСЕМЕНОВ   Петр петрович;01.02.1979;27\n",
    )
    .expect("write");
    let p = prepare(&store, &file, ImportKind::Teachers, None);
    expect_outcomes(&p, &[(3, "обновить: нагрузка: 0 → 27")]);
    imp::apply(&mut store, &p, false, today(), "правка.csv").expect("apply");
    let data = store.load().expect("load");
    assert_eq!(data.persons.len(), 3, "matched, not created");
    let semenov = data.persons.iter().find(|x| x.last_name == "Семёнов").expect("the name keeps its Ё");
    let index = data.index();
    let a = &index.records(semenov.id).expect("records").assignments;
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].load_hours, 27.0);
}

#[test]
fn courses_from_a_windows_1251_csv_with_semicolons() {
    let (dir, _path, mut store) = school_db();
    let p = prepare(&store, &staff_sheet(dir.path()), ImportKind::Teachers, None);
    imp::apply(&mut store, &p, true, today(), "staff").expect("apply");
    let text = "Курсы повышения квалификации за 2024/2025 учебный год\n\
        ФИО;Дата рождения;Название программы;Часы;Сроки обучения;Организация;№ удостоверения\n\
        Иванова Анна Сергеевна;12.04.1985;Формирование функциональной грамотности;72 ч.;с 01.02.2025 по 15.02.2025;ИРО;772400012345\n\
        СЕМЕНОВ   Петр Петрович;;Цифровая образовательная среда;36 часов;10.03.2025;ЦНППМ;\n\
        ;;;;;;\n\
        Неизвестная Мария Ивановна;;Курс;72;01.03.2025;ИРО;\n\
        Орлова Нина Павловна;;Семинар-практикум;12;с 01.09.2024 по 02.09.2024;ИРО;\n\
        Орлова Нина Павловна;;Цифровая образовательная среда;36;10.03.2025;ЦНППМ;\n\
        Иванова Анна Сергеевна;;Формирование функциональной грамотности;72;15.02.2025;ИРО;\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    let file = dir.path().join("курсы.csv");
    std::fs::write(&file, &bytes).expect("write");
    let p = prepare(&store, &file, ImportKind::Courses, None);
    expect_outcomes(
        &p,
        &[(3, "создать"), (4, "создать"), (6, "нет в базе"), (7, "нужно не менее 16 ч"), (8, "создать"), (9, "повтор")],
    );
    imp::apply(&mut store, &p, true, today(), "курсы.csv").expect("apply");
    let data = store.load().expect("load");
    assert_eq!(data.courses.len(), 3);
    let ivanova = data.courses.iter().find(|c| c.hours == 72).expect("72 h");
    assert_eq!((ivanova.start, ivanova.end), (Some(d("01.02.2025")), d("15.02.2025")));
    assert_eq!(ivanova.document_number, "772400012345");
    let again = prepare(&store, &file, ImportKind::Courses, None);
    assert_eq!(again.plan.counts().create, 0);
    assert_eq!(again.plan.counts().unchanged, 3);
}

/// A school with the three teachers of the staff sheet, for the other kinds.
fn staffed() -> (tempfile::TempDir, Store) {
    let (dir, _path, mut store) = school_db();
    let p = prepare(&store, &staff_sheet(dir.path()), ImportKind::Teachers, None);
    imp::apply(&mut store, &p, true, today(), "staff").expect("apply");
    (dir, store)
}

/// Imports `file` twice and checks the second time creates nothing and doubles nothing.
fn twice(store: &mut Store, file: &Path, kind: ImportKind, event: Option<EventInfo>) -> Dataset {
    let p = prepare(store, file, kind, event.clone());
    assert!(!p.plan.has_errors(), "{:#?}", outcomes(&p));
    imp::apply(store, &p, false, today(), "file").expect("apply");
    let once = store.load().expect("load").records().len();
    let p = prepare(store, file, kind, event);
    assert_eq!(p.plan.counts().create + p.plan.counts().update, 0, "{:#?}", outcomes(&p));
    imp::apply(store, &p, false, today(), "file").expect("apply again");
    let data = store.load().expect("load");
    assert_eq!(data.records().len(), once, "importing twice doubles nothing");
    data
}

#[test]
fn attestation_diagnostics_mentoring_and_participants_import_once() {
    use C::*;
    let (dir, mut store) = staffed();
    let att = dir.path().join("аттестация.xlsx");
    xlsx(
        &att,
        &[
            vec![S("Перспективный план аттестации")],
            vec![S("ФИО"), S("Категория"), S("Дата решения"), S("Приказ"), S("Дата приказа")],
            vec![S("Орлова Нина Павловна"), S("первая"), S("20.12.2024"), S("№ 1502"), D(2024, 12, 28)],
            vec![S("Иванова Анна Сергеевна"), S("высшая"), N(45000.0), S("№ 300"), S("25.03.2023")],
        ],
        &[],
    );
    let data = twice(&mut store, &att, ImportKind::Attestation, None);
    // The existing высшая of 15.03.2023 got its order; Орлова got a new первая.
    assert_eq!(data.attestations.len(), 4);
    assert!(data.attestations.iter().any(|a| a.order_number == "№ 300" && a.order_date == Some(d("25.03.2023"))));

    let diag = dir.path().join("диагностика.xlsx");
    xlsx(
        &diag,
        &[
            vec![S("ФИО"), S("Дата"), S("Предмет"), S("Уровень"), S("Балл"), S("Дефициты")],
            vec![
                S("Иванова Анна Сергеевна"),
                S("10.10.2025"),
                S("русский язык"),
                S("базовый"),
                S("24,5"),
                S("методические; цифровые"),
            ],
            vec![S("Семенов Петр Петрович"), D(2025, 10, 10), S("математика"), S("ниже базового"), N(12.0), E],
        ],
        &[],
    );
    let data = twice(&mut store, &diag, ImportKind::Diagnostics, None);
    assert_eq!(data.diagnostics.len(), 2);
    let d1 = data.diagnostics.iter().find(|x| x.subject == "русский язык").expect("diag");
    assert_eq!((d1.level, d1.score, d1.deficits.len()), (Some(DiagnosticLevel::Basic), Some(24.5), 2));

    let pairs = dir.path().join("наставники.csv");
    std::fs::write(
        &pairs,
        "Наставник;Наставляемый;Форма;Начало\nИванова Анна Сергеевна;Орлова Нина Павловна;учитель – учитель;01.09.2025\nПетрова Мария Ивановна (ИМЦ);Семёнов Пётр Петрович;педагог – молодой специалист;01.09.2025\n",
    )
    .expect("write");
    let data = twice(&mut store, &pairs, ImportKind::Mentoring, None);
    assert_eq!(data.mentorships.len(), 2);
    assert!(
        data.mentorships
            .iter()
            .any(|m| m.mentor.is_none() && m.mentor_name.contains("Петрова") && m.level == MentorshipLevel::Municipal)
    );

    let people = dir.path().join("участники.csv");
    std::fs::write(&people, "ФИО;Роль\nИванова Анна Сергеевна;выступление с докладом\nОрлова Нина Павловна;участник\n")
        .expect("write");
    let seminar = EventInfo {
        title: "Функциональная грамотность".into(),
        kind: Some(EventKind::Seminar),
        date: d("15.11.2025"),
        level: Level::Municipal,
    };
    let data = twice(&mut store, &people, ImportKind::Participants, Some(seminar));
    assert_eq!(data.events.len(), 2);
    assert!(data.events.iter().any(|e| e.role == EventRole::Speaker));
    let contest =
        EventInfo {
            title: "Учитель года".into(), kind: None, date: d("20.02.2026"), level: Level::Municipal
        };
    std::fs::write(&people, "ФИО;Результат\nИванова Анна Сергеевна;призёр\n").expect("write");
    let data = twice(&mut store, &people, ImportKind::Participants, Some(contest));
    assert_eq!(data.contests.len(), 1);
    assert_eq!(data.contests[0].result, ContestResult::Prizewinner);
}

#[test]
fn errors_are_saved_to_fix_and_templates_read_back() {
    let (dir, _path, store) = school_db();
    let p = prepare(&store, &staff_sheet(dir.path()), ImportKind::Teachers, None);
    let out = dir.path().join("ошибки.xlsx");
    let n = uchrost::app::import::save_errors(&p, &out).expect("write errors");
    assert_eq!(n, 3);
    let sheet = uchrost::import::sheet::read(&out, None).expect("read back");
    assert_eq!(sheet.rows.len(), 4);
    assert_eq!(sheet.cell(1, 1).text(), "Сёмина Ольга Игоревна");
    assert!(sheet.cell(1, 8).text().contains("такой даты нет"));
    // The error file maps like the original, so it can be fixed and imported again.
    let header = mapping::detect(&sheet, ImportKind::Teachers, &Default::default()).expect("header");
    assert_eq!(header.columns[1], Some(Field::FullName));

    for &kind in ImportKind::ALL {
        let t = dir.path().join(format!("{}.xlsx", kind.key()));
        uchrost::import::write_template(kind, &t).expect("template");
        let sheet = uchrost::import::sheet::read(&t, None).expect("read template");
        let header = mapping::detect(&sheet, kind, &Default::default()).expect("header");
        let mapped = header.columns.iter().flatten().count();
        assert_eq!(
            mapped,
            header.titles.iter().filter(|t| !t.is_empty()).count(),
            "{kind:?}: every template column is recognised: {header:?}"
        );
    }
}

#[test]
fn the_command_line_imports_a_sheet() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("s.db");
    let bin = env!("CARGO_BIN_EXE_uchrost");
    let run = |args: &[&str]| std::process::Command::new(bin).args(args).output().expect("run");
    assert!(run(&["init", "--db", db.to_str().expect("p"), "--school", "СОШ", "--code", "1"]).status.success());
    let file = staff_sheet(dir.path());
    let f = file.to_str().expect("p");
    let o = run(&["import-sheet", "--db", db.to_str().expect("p"), "--kind", "teachers", "--dry-run", f]);
    assert_eq!(o.status.code(), Some(1), "errors in a dry run");
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("строка 9: Сёмина Ольга Игоревна — ОШИБКА"), "{text}");
    assert!(text.contains("ничего не записано"), "{text}");
    let o = run(&["import-sheet", "--db", db.to_str().expect("p"), "--kind", "teachers", f]);
    assert_eq!(o.status.code(), Some(1), "errors: nothing written");
    assert!(
        Store::open(&db, uchrost::storage::DiskMode::Local).expect("open").load().expect("load").persons.is_empty()
    );
    let errors = dir.path().join("e.xlsx");
    let o = run(&[
        "import-sheet",
        "--db",
        db.to_str().expect("p"),
        "--kind",
        "teachers",
        "--accept-valid",
        "--errors-out",
        errors.to_str().expect("p"),
        f,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Записано строк: 3"));
    assert!(errors.exists());
    let o = run(&["import-sheet", "--db", db.to_str().expect("p"), "--kind", "кадры", f]);
    assert_eq!(o.status.code(), Some(2));
    let t = dir.path().join("t.xlsx");
    assert!(run(&["import-template", "--kind", "courses", "--out", t.to_str().expect("p")]).status.success());
    assert!(t.exists());
}

/// The same staff list saved by LibreOffice as CSV, ODS and XLS (`tests/fixtures/staff.*`) reads alike:
/// the ODS and XLS carry real date cells where the CSV has text.
#[test]
fn xls_ods_and_csv_of_one_list_give_the_same_plan() {
    let (_dir, _path, mut store) = school_db();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut plans = Vec::new();
    for ext in ["csv", "ods", "xls"] {
        let p = prepare(&store, &fixtures.join(format!("staff.{ext}")), ImportKind::Teachers, None);
        expect_outcomes(&p, &[(4, "создать"), (5, "создать"), (6, "такой даты нет")]);
        plans.push(p);
    }
    let mut stored = Vec::new();
    for p in &plans {
        let people: Vec<(String, Option<chrono::NaiveDate>, Option<chrono::NaiveDate>)> = p
            .plan
            .accepted()
            .into_iter()
            .filter_map(|r| match r {
                AnyRecord::Person(p) => Some((p.full_name(), p.birth_date, p.ped_experience_start)),
                _ => None,
            })
            .collect();
        stored.push(people);
    }
    assert_eq!(stored[0], stored[1], "ODS reads as the CSV");
    assert_eq!(stored[0], stored[2], "XLS reads as the CSV");
    assert_eq!(stored[0][0], ("Иванова Анна Сергеевна".into(), Some(d("12.04.1985")), Some(d("01.09.2010"))));
    imp::apply(&mut store, &plans[2], true, today(), "staff.xls").expect("apply");
    assert_eq!(store.load().expect("load").persons.len(), 2);
}

#[test]
fn csv_in_utf8_with_bom_and_commas_or_1251_with_semicolons() {
    use uchrost::import::sheet::read_csv;
    let utf8 = "\u{feff}ФИО,Предметы\n\"Иванова Анна Сергеевна\",\"русский язык, литература\"\n";
    let sheet = read_csv(utf8.as_bytes(), "a".into()).expect("utf-8");
    assert_eq!(sheet.cell(0, 0).text(), "ФИО", "the BOM is dropped");
    assert_eq!(sheet.cell(1, 1).text(), "русский язык, литература", "a quoted comma stays in its field");
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("ФИО;Стаж\nЁлкина Мария;12\n");
    let sheet = read_csv(&cp1251, "b".into()).expect("1251");
    assert_eq!(sheet.cell(1, 0).text(), "Ёлкина Мария");
    assert_eq!(sheet.cell(1, 1).text(), "12");
}

/// Excel's «Текст Юникод» (.txt): UTF-16 little-endian with a BOM, tab-separated — read as such, not as
/// Windows-1251 garbage; big-endian too. A tab in a UTF-8 copy from a table separates as well.
#[test]
fn excels_unicode_text_is_utf16_with_tabs() {
    use uchrost::import::sheet::read_csv;
    let text = "ФИО\tПредметы\tСтаж\r\nЁлкина Мария Петровна\tрусский язык, литература\t12\r\n";
    let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    for (bytes, what) in [(le, "UTF-16LE"), (be, "UTF-16BE"), (text.as_bytes().to_vec(), "UTF-8 с табуляцией")]
    {
        let sheet = read_csv(&bytes, "a".into()).expect(what);
        assert_eq!(sheet.cell(0, 0).text(), "ФИО", "{what}");
        assert_eq!(sheet.cell(1, 0).text(), "Ёлкина Мария Петровна", "{what}");
        assert_eq!(sheet.cell(1, 1).text(), "русский язык, литература", "{what}: a comma inside a field stays");
        assert_eq!(sheet.cell(1, 2).text(), "12", "{what}");
    }
}

/// Regression tests of two damaged XLS files: the spreadsheet fuzzer's finding, whose sectors end early
/// and made the workbook library panic (an index out of range), and a 1.5 KB file whose directory chain
/// points back at itself, on which the library appended the same sector until the memory ran out and the
/// program aborted. Reading each, listing its sheets and previewing it all say in Russian that the file is
/// damaged; the database is unchanged and the program goes on.
#[test]
fn damaged_xls_files_that_broke_the_reader_are_reported_as_unreadable() {
    for file in ["damaged-cfb.xls", "looping-chain.xls"] {
        damaged_xls_is_refused(file);
    }
}

fn damaged_xls_is_refused(file: &str) {
    let (_dir, _path, store) = school_db();
    let before = store.load().expect("load").records().len();
    let damaged = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz").join(file);
    for result in [
        uchrost::import::sheet::read(&damaged, None).map(|_| ()),
        uchrost::import::sheet::sheet_names(&damaged).map(|_| ()),
        imp::read(&store, &damaged, None, ImportKind::Teachers).map(|_| ()).map_err(|e| match e {
            imp::ImportError::Sheet(e) => e,
            other => panic!("a sheet error, not {other}"),
        }),
    ] {
        let message = result.expect_err("the damaged file is refused").to_string();
        assert!(message.contains("не читается") && message.contains("повреждён"), "{file}: {message}");
    }
    assert_eq!(store.load().expect("load").records().len(), before);
}

/// The container check of XLS files as a table: a real workbook and files that are not compound files
/// pass; a chain that loops, or points outside the sector table, is refused with what is wrong.
#[test]
fn the_xls_container_check_refuses_looping_and_stray_chains() {
    use uchrost::import::compound::check;
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let real = std::fs::read(fixtures.join("staff.xls")).expect("staff.xls");
    let looping = std::fs::read(fixtures.join("fuzz/looping-chain.xls")).expect("looping");
    // The same file with the directory's sector pointing past the table instead of at itself.
    let mut stray = looping.clone();
    stray[512 + 4..512 + 8].copy_from_slice(&1000u32.to_le_bytes());
    // And with the chain ended: the container is then sound (the library's own checks take it from there).
    let mut ended = looping.clone();
    ended[512 + 4..512 + 8].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    let cases: [(&str, &[u8], Option<&str>); 6] = [
        ("the staff list saved by LibreOffice", &real, None),
        ("a CSV file", b"\xd0\xa4\xd0\x98\xd0\x9e;1\n", None),
        ("an empty file", b"", None),
        ("a directory chain pointing at itself", &looping, Some("зациклена")),
        ("a directory chain pointing past the table", &stray, Some("вне таблицы")),
        ("the same chain ended", &ended, None),
    ];
    for (what, bytes, refused) in cases {
        match (check(bytes), refused) {
            (Ok(()), None) => {}
            (Err(e), Some(word)) => assert!(e.contains(word), "{what}: {e}"),
            (got, want) => panic!("{what}: got {got:?}, expected a refusal with {want:?}"),
        }
    }
}

/// A staff list as another school keeps it (the deputy head's week, issue 23): abbreviated headers («Дата
/// рожд.», «Пед. стаж») are read, a date that does not exist is refused naming its column, «высшее» alone
/// is not guessed to be непедагогическое — the preview says it was left empty and why — and the preview's
/// words agree with the person («принята»).
#[test]
fn another_schools_staff_list_with_abbreviated_headers_and_unsaid_education() {
    let (dir, _path, store) = school_db();
    let text = "Фамилия;Имя;Отчество;Дата рожд.;Пол;Должность;Предмет(ы);Дата приёма;Образ.;Пед. стаж\n\
        Семёнова;Ольга;Игоревна;3.4.1981;ж;учитель;математика, информатика;1.9.05;высшее педагогическое;20\n\
        Кузнецов;Пётр;Алексеевич;31.02.1980;м;учитель;физика;01.09.2010;высшее;15\n\
        Иванова;Мария;Сергеевна;07/08/1975;жен.;педагог-психолог;;15.08.2001;высшее;24\n\
        Петров;Иван;Иванович;1968-11-02;муж;учитель;история;2.9.1991;СПО;33\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    let file = dir.path().join("штат.csv");
    std::fs::write(&file, &bytes).expect("write");
    let p = prepare(&store, &file, ImportKind::Teachers, None);
    assert!(p.plan.unused.is_empty(), "every column is read: {:?}", p.plan.unused);
    expect_outcomes(
        &p,
        &[(2, "создать"), (3, "«Дата рожд.» «31.02.1980» — такой даты нет"), (4, "создать"), (5, "создать")],
    );
    let stored = |row: usize| p.plan.rows.iter().find(|r| r.row == row).expect("row").stored.clone();
    assert!(stored(2).contains("д. р. 03.04.1981") && stored(2).contains("высшее педагогическое"), "{}", stored(2));
    assert!(stored(2).contains("принята 01.09.2005"), "her words: {}", stored(2));
    assert!(stored(5).contains("принят 02.09.1991"), "his words: {}", stored(5));
    let ivanova = stored(4);
    assert!(
        ivanova.contains("образование «высшее» не заполнено: не сказано, педагогической ли направленности"),
        "{ivanova}"
    );
    assert!(!ivanova.contains("непедагогическое"), "nothing guessed: {ivanova}");
    assert!(
        ivanova.contains("2026/2027: педагог-психолог;") || ivanova.contains("2026/2027: педагог-психолог"),
        "{ivanova}"
    );
    assert!(!ivanova.contains("педагог-психолог —"), "no dash before missing subjects: {ivanova}");
    assert!(stored(5).contains("образование «СПО» не заполнено"), "{}", stored(5));
    let people = |p: &imp::Prepared| {
        p.plan
            .rows
            .iter()
            .flat_map(|r| &r.records)
            .filter_map(|r| match r {
                AnyRecord::Person(p) => Some((p.last_name.clone(), p.education)),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    let got = people(&p);
    assert!(got.contains(&("Иванова".to_string(), None)), "{got:?}");
    assert!(got.contains(&("Семёнова".to_string(), Some(EducationLevel::HigherPedagogical))), "{got:?}");
}
