//! The window driven through egui_kittest: widgets found by their Russian labels, clicked and typed
//! into; the test checks what the window shows and what the database stores.

use crate::support::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use uchrost::app::paths::DbLocation;
use uchrost::app::{DiskMode, Session};
use uchrost::ui::UchrostApp;

fn harness(app: UchrostApp) -> Harness<'static, UchrostApp> {
    harness_of(app, 1280.0, 760.0)
}

#[test]
fn first_start_creates_a_school_database() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("uchrost.db");
    let app = UchrostApp::new(DbLocation { path: path.clone(), mode: DiskMode::Local }, d("23.11.2026"));
    let mut h = harness(app);
    h.get_by_label("Добро пожаловать в УчРост");
    h.get_by_label("Школа");
    h.get_by_label("Муниципалитет");
    h.get_by_label("Открыть демонстрационную базу");

    // Without a code the school is refused with a message, and no database appears.
    h.get_by_label("Название").click();
    h.run();
    h.get_by_label("Название").type_text("МОУ СОШ № 12");
    h.run();
    h.get_by_label("Создать базу").click();
    h.run();
    h.get_by_label_contains("код школы обязателен");
    h.get_by_label_contains("Базу школы не создать, пока не заполнено: Код школы — ");
    assert!(h.query_by_label_contains("организация").is_none(), "said of the school, not of a record kind");
    assert!(!path.exists(), "nothing is created from a refused form");

    h.get_by_label("Код школы").click();
    h.run();
    h.get_by_label("Код школы").type_text("012");
    h.run();
    h.get_by_label("Создать базу").click();
    h.run();
    h.get_by_label("МОУ СОШ № 12");
    // An empty database says how to begin, with the two ways right there.
    h.get_by_label_contains("В базе ещё нет педагогов");
    assert!(h.query_by_label_contains("всё в порядке").is_none());
    h.get_all_by_label("Импорт из таблицы").last().expect("the import button").click();
    h.run();
    h.get_by_label("Выбрать файл…");
    h.get_by_label("Сегодня").click();
    h.run();
    h.get_all_by_label("Добавить педагога").last().expect("the add button").click();
    h.run();
    h.get_by_label("Фамилия");
    h.get_by_label("Отмена").click();
    h.run();
    h.get_by_label("0 педагогов");
    let session: &Session = h.state().session().expect("a database is open");
    assert_eq!((session.org().name.as_str(), session.org().code.as_str()), ("МОУ СОШ № 12", "012"));
    assert!(path.exists());
}

#[test]
fn the_staff_list_shows_the_teachers_and_searches_by_surname() {
    let (_dir, path, data) = closed_demo_school(30, 5, d("23.11.2026"));
    let target = data
        .persons
        .iter()
        .filter(|p| p.pedagogical)
        .find(|p| data.persons.iter().filter(|q| q.last_name.contains(&p.last_name)).count() == 1)
        .expect("a surname no other contains")
        .clone();
    let app = UchrostApp::new(DbLocation { path, mode: DiskMode::Local }, d("23.11.2026"));
    let mut h = harness(app);
    h.get_by_label("МОУ СОШ № 7");
    h.get_by_label("Педагоги").click();
    h.run();
    h.get_by_label("30 педагогов");
    h.get_by_label("Поиск:");
    h.get_by_label("Поиск:").click();
    h.run();
    let search = h.get_by_label("Поиск:");
    search.type_text(&target.last_name);
    h.run();
    h.get_by_label("1 педагог");
    h.get_by_label(&target.full_name());
}

#[test]
fn a_damaged_database_shows_what_to_do() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("uchrost.db");
    std::fs::write(&path, "это не база данных").expect("write");
    let app = UchrostApp::new(DbLocation { path: path.clone(), mode: DiskMode::Local }, d("23.11.2026"));
    let h = harness(app);
    h.get_by_label("Базу данных не удалось открыть");
    h.get_by_label_contains("не база данных УчРост");
    h.get_by_label_contains("Резервных копий этой базы нет");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "это не база данных");
}

#[test]
fn a_damaged_database_is_restored_from_the_offered_backup() {
    let (_dir, path, mut store) = school_db();
    uchrost::app::fill_school_demo(&mut store, 12, 9, d("23.11.2026")).expect("demo");
    let persons = store.load().expect("load").persons.len();
    store.backup("после заполнения").expect("backup");
    store.close().expect("close");
    let bytes = std::fs::read(&path).expect("read");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).expect("truncate");
    let app = UchrostApp::new(DbLocation { path: path.clone(), mode: DiskMode::Local }, d("23.11.2026"));
    let mut h = harness(app);
    h.get_by_label("Базу данных не удалось открыть");
    h.get_by_label_contains("повреждён");
    h.get_all_by_label_contains("Восстановить копию от").next().expect("a backup is offered").click();
    h.run();
    h.get_by_label("Педагоги").click();
    h.run();
    h.get_by_label("12 педагогов");
    assert_eq!(h.state().session().expect("open").data().persons.len(), persons);
}

#[test]
fn the_import_screen_previews_remaps_and_writes() {
    use uchrost::ui::dialogs::QueuedDialogs;
    let (dir, path, store) = school_db();
    store.close().expect("close");
    let sheet = crate::import::staff_sheet(dir.path());
    let dialogs = QueuedDialogs::default();
    dialogs.open.borrow_mut().push_back(sheet);
    let app = UchrostApp::new(DbLocation { path: path.clone(), mode: DiskMode::Local }, d("23.11.2026"))
        .with_dialogs(Box::new(dialogs));
    let mut h = harness(app);
    // The navigation's «Импорт из таблицы» (an empty database offers the same on «Сегодня»).
    h.get_all_by_label("Импорт из таблицы").next().expect("the navigation").click();
    h.run();
    h.get_by_label("Выбрать файл…").click();
    settle(&mut h);
    h.get_by_label_contains("Итого: создать 3, обновить 0, без изменений 0, ошибок 3");
    assert_eq!(h.get_all_by_label("будет создан").count(), 3);
    h.get_by_label_contains("такой даты нет");
    h.get_by_label_contains("Стаж в годах считается на 01.09.2025 — дату из заголовка листа");

    // «Стаж» is remapped to the total experience.
    h.get_by_label("Столбцы таблицы (можно исправить)").click();
    h.run();
    h.get_by_label("Столбец 6: «Стаж»").click();
    h.run();
    h.get_by_label("Общий стаж").click_accesskit();
    settle(&mut h);
    // The list closes with Esc, so that it covers nothing below it.
    h.key_press(egui::Key::Escape);
    h.run();
    h.get_by_label_contains("Итого: создать 3");

    // With errors, only the valid rows are loaded, after the user says so.
    h.get_by_label("Загрузить только строки без ошибок").click();
    h.run();
    h.get_by_label("Загрузить (3)").click();
    h.run();
    h.get_by_label_contains("Загружено строк: 3");
    let data = h.state().session().expect("open").data().clone();
    assert_eq!(data.persons.len(), 3);
    let ivanova = data.persons.iter().find(|p| p.last_name == "Иванова").expect("Иванова");
    assert_eq!((ivanova.total_experience_start, ivanova.ped_experience_start), (Some(d("01.09.2010")), None));
    // The corrected mapping is remembered for the next file of this kind.
    let remembered = h.state().session().expect("open").import_remembered(uchrost::import::ImportKind::Teachers);
    assert_eq!(remembered.get("стаж"), Some(&Some(uchrost::import::Field::TotalExperience)));
    // The staff list shows the new people at once.
    h.get_by_label("Педагоги").click();
    h.run();
    h.get_by_label("3 педагога");
    h.get_by_label("Иванова Анна Сергеевна");
    // The import is one action of the whole history, undone from «История изменений» after its preview.
    h.get_by_label("История изменений").click();
    h.run();
    h.get_all_by_label_contains("Импорт из таблицы «").next().expect("the import is listed");
    h.get_all_by_label_contains("Отменить № ").next().expect("its undo").click_accesskit();
    h.run();
    h.get_by_label_contains("Отмена вернёт всё, что изменило это действие, как было до него:");
    // What the undo does to each record, in words: the people the import added are removed.
    assert!(h.query_all_by_label_contains("добавлено → будет удалено").count() >= 3, "each added person is named");
    assert!(
        h.query_all_by_label_contains("→ будет возвращено").next().is_none(),
        "nothing «comes back» from an import"
    );
    h.get_by_label("Да, отменить").click_accesskit();
    h.run();
    assert!(h.state().session().expect("open").data().persons.is_empty(), "the three people are gone again");
}

/// The window opens without waiting for the day's first backup (a regional copy takes seconds to copy):
/// the backup is made in the background, the date and the journal record it once it is checked, and a
/// second opening the same day makes none. A backup that cannot be made is said at the foot of the window.
#[test]
fn the_days_first_backup_is_made_in_the_background_once_the_window_is_open() {
    use uchrost::storage::{DAILY, Store, backup};
    let (_dir, path, store) = school_db();
    let daily = || backup::list(&path).expect("list").into_iter().filter(|b| b.reason == DAILY).count();
    assert!(store.daily_backup_due(uchrost::app::today()).expect("due"), "a new database has no backup yet");
    store.close().expect("close");
    assert_eq!(daily(), 0);
    let open = || UchrostApp::new(DbLocation { path: path.clone(), mode: DiskMode::Local }, d("23.11.2026"));
    let mut h = harness(open());
    h.get_by_label_contains("В базе ещё нет педагогов");
    settle(&mut h);
    assert_eq!(daily(), 1, "the day's backup is made");
    assert!(h.query_by_label_contains("Ежедневная резервная копия").is_none(), "and its line is gone");
    drop(h);
    let store = Store::open(&path, DiskMode::Local).expect("open");
    assert!(!store.daily_backup_due(uchrost::app::today()).expect("due"), "the date is recorded");
    let journal = store.journal_entries(5).expect("journal");
    assert!(journal.iter().any(|j| j.message == format!("Резервная копия: {DAILY}")), "{journal:?}");
    // The backup is a whole database of the same records.
    let copy = backup::list(&path).expect("list").into_iter().find(|b| b.reason == DAILY).expect("daily");
    let records = store.load().expect("load").records();
    assert_eq!(Store::open(&copy.path, DiskMode::Local).expect("copy").load().expect("load").records(), records);
    store.close().expect("close");
    let mut h = harness(open());
    settle(&mut h);
    assert_eq!(daily(), 1, "one a day");
    drop(h);

    // The next day, with the backup folder made impossible (a file in its place), the window still opens
    // and says why there is no backup; nothing is recorded.
    rusqlite::Connection::open(&path)
        .and_then(|c| c.execute("UPDATE meta SET value = '2020-01-01' WHERE key = 'last_daily_backup'", []))
        .expect("yesterday's backup");
    let folder = backup::folder(&path);
    std::fs::remove_dir_all(&folder).expect("remove the backups");
    std::fs::write(&folder, "не папка").expect("block the folder");
    let mut h = harness(open());
    settle(&mut h);
    h.get_by_label_contains("Ежедневная резервная копия не сделана:");
    h.get_by_label_contains("Педагоги");
    drop(h);
    let store = Store::open(&path, DiskMode::Local).expect("open");
    assert!(store.daily_backup_due(uchrost::app::today()).expect("due"), "still due: tried again next time");
}

/// Every field of every form names a field its record has: the form edits the record as its stored JSON,
/// and a misspelt key would keep the user's input beside the record and lose it on save without a word.
/// The record's own JSON (all its fields) is the list the keys are checked against.
#[test]
fn every_form_field_is_a_field_of_its_record() {
    use uchrost::app::fields::specs;
    use uchrost::domain::{OrgId, PersonId, RecordKind};
    let org = OrgId(uuid::Uuid::from_u128(1));
    let person = PersonId(uuid::Uuid::from_u128(2));
    let mut checked = 0;
    for kind in RecordKind::ALL {
        let record = uchrost::ui::card::blank(*kind, person, org, d("30.11.2026"));
        assert_eq!(record.kind(), *kind);
        let json = record.to_json();
        let fields = json.as_object().expect("a record is a JSON object");
        for spec in specs(*kind) {
            let known = fields.contains_key(spec.key) || optional_field(*kind, spec.key);
            assert!(known, "форма «{}»: поле «{}» ({}) не поле записи", kind.label(), spec.label, spec.key);
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} fields checked");
}

/// The optional fields the JSON leaves out when empty (`skip_serializing_if`).
fn optional_field(kind: uchrost::domain::RecordKind, key: &str) -> bool {
    matches!((kind, key), (uchrost::domain::RecordKind::Organisation, "parent"))
}

/// The history is written for people: one change of every kind of record (added, then edited in every
/// field its form has, then deleted) is shown with no record id, no stored English value and no ISO date
/// in it — names, Russian labels for that kind of record, dates as дд.мм.гггг.
#[test]
fn the_history_shows_names_labels_and_russian_dates() {
    use uchrost::domain::{AnyRecord, RecordKind};
    let (_dir, _path, mut session) = demo_session(6, 2);
    let org = session.org().id;
    let (teacher, mentor) = (session.data().persons[0].id, session.data().persons[1].id);
    let mut kinds = 0;
    for kind in RecordKind::ALL.iter().filter(|k| !matches!(k, RecordKind::Organisation | RecordKind::Person)) {
        let mut record = uchrost::ui::card::blank(*kind, teacher, org, d("30.11.2026"));
        if let AnyRecord::Mentorship(m) = &mut record {
            m.mentor = Some(mentor);
        }
        let mut json = record.to_json();
        // Every text field the form has gets a value, so that the record validates and the edit changes it.
        for spec in uchrost::app::fields::specs(*kind) {
            if json.get(spec.key).is_some_and(|v| v.as_str() == Some("")) {
                json[spec.key] = serde_json::Value::String(format!("Значение {}", spec.label));
            }
        }
        let record = AnyRecord::from_json(*kind, json.clone()).expect("record");
        if session.put("Добавлено", record.clone()).is_err() {
            continue;
        }
        for spec in uchrost::app::fields::specs(*kind) {
            if json.get(spec.key).is_some_and(serde_json::Value::is_string) && !spec.key.ends_with("date") {
                json[spec.key] = serde_json::Value::String(format!("Другое {}", spec.label));
            }
        }
        if let Ok(edited) = AnyRecord::from_json(*kind, json) {
            let _ = session.put("Изменено", edited);
        }
        session.delete("Удалено", *kind, record.uuid()).expect("delete");
        kinds += 1;
    }
    assert!(kinds >= 18, "{kinds} kinds of record went through the history");
    let history = session.history(None, 500).expect("history");
    let names = session.data().persons.iter().map(|p| (p.id, p.full_name())).collect();
    let uuid = regex_lite(r"[0-9a-f]{8}-[0-9a-f]{4}-");
    let iso = regex_lite(r"\d{4}-\d{2}-\d{2}");
    let mut lines = 0;
    for a in &history {
        let shown = uchrost::app::history::shown(session.data(), &names, a);
        let all = std::iter::once(shown.header.clone())
            .chain(shown.changes.iter().flat_map(|(c, f)| std::iter::once(c.clone()).chain(f.iter().cloned())));
        for line in all {
            lines += 1;
            assert!(!uuid(&line), "an id in the history: {line}");
            assert!(!iso(&line), "an ISO date in the history: {line}");
            let latin: Vec<&str> = line.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= 3).collect();
            assert!(latin.is_empty(), "English in the history ({latin:?}): {line}");
        }
    }
    assert!(lines > 100, "{lines} lines read");
    if std::env::var("PEEK").is_ok() {
        for a in history.iter().take(12) {
            let s = uchrost::app::history::shown(session.data(), &names, a);
            eprintln!("{}", s.header);
            for (c, f) in &s.changes {
                eprintln!("  {c}");
                for l in f {
                    eprintln!("    {l}");
                }
            }
        }
    }
}

/// A tiny matcher for the two patterns above (digits, hex and literal characters), so that the test
/// needs no regex crate.
fn regex_lite(pattern: &'static str) -> impl Fn(&str) -> bool {
    move |text: &str| {
        let chars: Vec<char> = text.chars().collect();
        (0..chars.len()).any(|start| matches_at(pattern, &chars[start..]))
    }
}

fn matches_at(pattern: &str, text: &[char]) -> bool {
    let mut p = pattern.chars().peekable();
    let mut i = 0;
    while let Some(c) = p.next() {
        let class: Box<dyn Fn(char) -> bool> = match c {
            '[' => {
                let set: String = p.by_ref().take_while(|c| *c != ']').collect();
                Box::new(move |x: char| set == "0-9a-f" && (x.is_ascii_digit() || ('a'..='f').contains(&x)))
            }
            '\\' => {
                p.next();
                Box::new(|x: char| x.is_ascii_digit())
            }
            lit => Box::new(move |x: char| x == lit),
        };
        let times = if p.peek() == Some(&'{') {
            p.next();
            let n: String = p.by_ref().take_while(|c| *c != '}').collect();
            n.parse().unwrap_or(1)
        } else {
            1
        };
        for _ in 0..times {
            if i >= text.len() || !class(text[i]) {
                return false;
            }
            i += 1;
        }
    }
    true
}
