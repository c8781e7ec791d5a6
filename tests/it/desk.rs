//! The deputy head's desk driven through egui_kittest: create a teacher, see them on «Сегодня»,
//! add records, a wrong date refused next to its field, delete with confirmation, undo from history,
//! thresholds changing what «Сегодня» shows.

use crate::support::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use uchrost::app::DiskMode;
use uchrost::app::paths::DbLocation;
use uchrost::domain::*;
use uchrost::ui::UchrostApp;

/// The day the window believes it is.
fn today() -> chrono::NaiveDate {
    d("23.11.2026")
}

fn window() -> (tempfile::TempDir, Harness<'static, UchrostApp>) {
    let (dir, path, store) = school_db();
    store.close().expect("close");
    let app = UchrostApp::new(DbLocation { path, mode: DiskMode::Local }, today());
    let h = harness_of(app, 1366.0, 900.0);
    (dir, h)
}

fn click(h: &mut Harness<'static, UchrostApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

/// Clicks a tab of the open card: the navigation panel may have an entry of the same name, drawn first.
fn click_tab(h: &mut Harness<'static, UchrostApp>, label: &str) {
    h.get_all_by_label(label).last().expect("the tab").click();
    h.run();
}

/// Clicks the first of several widgets with the same label (a name listed in two groups).
fn click_first(h: &mut Harness<'static, UchrostApp>, label: &str) {
    h.get_all_by_label(label).next().expect("a widget with this label").click();
    h.run();
}

fn data(h: &Harness<'static, UchrostApp>) -> Dataset {
    h.state().session().expect("open").data().clone()
}

/// Enters a new teacher through «Добавить педагога»; the card opens.
fn new_teacher(h: &mut Harness<'static, UchrostApp>, last: &str, birth: &str, ped_start: &str) {
    click(h, "Педагоги");
    click(h, "Добавить педагога");
    type_into(h, "Фамилия", last);
    type_into(h, "Имя", "Мария");
    type_into(h, "Дата рождения", birth);
    type_into(h, "Дата приёма на работу", "01.09.2020");
    type_into(h, "Начало педагогического стажа", ped_start);
    click(h, "Сохранить");
    // The card of the new teacher is open: her name heads it.
    assert!(h.query_all_by_label(&format!("{last} Мария")).next().is_some(), "the card opens");
    h.get_by_label("Сведения о работнике");
}

fn go_today(h: &mut Harness<'static, UchrostApp>) {
    h.get_by_label_contains("Сегодня (").click();
    h.run();
}

#[test]
fn a_category_expiring_in_two_months_shows_on_today_and_a_course_leaves_the_due_list() {
    let (_dir, mut h) = window();
    new_teacher(&mut h, "Тестова", "15.05.1980", "01.09.2003");
    assert_eq!(data(&h).persons.len(), 1);
    assert_eq!(data(&h).employments.len(), 1, "a new teacher works here from today");

    // A первая decided on 24.01.2022 is valid until 23.01.2027: two months from today.
    click_tab(&mut h, "Аттестация");
    click(&mut h, "Добавить: аттестация");
    type_into(&mut h, "Дата решения", "24.01.2022");
    click(&mut h, "Сохранить");
    go_today(&mut h);
    h.get_by_label("Категория истекает в ближайшие 6 месяцев — 1");
    // The application was due three months before the end: that day has passed, and Сегодня says so.
    h.get_by_label_contains("действует до 23.01.2027, срок подачи заявления прошёл 23.10.2026");
    h.get_by_label("Нет курсов за 3 года — 1");

    // From «Сегодня» to the card, a course, and «курсы» leave the list.
    click_first(&mut h, "Тестова Мария");
    click_tab(&mut h, "Курсы");
    click(&mut h, "Добавить: курсы");
    type_into(&mut h, "Название программы", "Реализация требований обновлённых ФГОС");
    type_into(&mut h, "Дата окончания", "10.11.2026");
    click(&mut h, "Сохранить");
    assert_eq!(data(&h).courses.len(), 1);
    go_today(&mut h);
    assert!(h.query_by_label("Нет курсов за 3 года — 1").is_none(), "the course took her off the list");
    h.get_by_label("Категория истекает в ближайшие 6 месяцев — 1");
}

#[test]
fn an_impossible_date_is_refused_next_to_its_field_and_nothing_is_saved() {
    let (_dir, mut h) = window();
    new_teacher(&mut h, "Датова", "15.05.1980", "01.09.2003");
    click_tab(&mut h, "Курсы");
    click(&mut h, "Добавить: курсы");
    type_into(&mut h, "Название программы", "Цифровая образовательная среда");
    type_into(&mut h, "Дата окончания", "31.02.2026");
    // The field shows at once that there is no such date …
    h.get_by_label("«31.02.2026» — такой даты нет");
    click(&mut h, "Сохранить");
    // … and saving refuses, saying it once, next to the field.
    assert_eq!(h.query_all_by_label("«31.02.2026» — такой даты нет").count(), 1);
    assert!(data(&h).courses.is_empty(), "nothing saved");
    // Hours that do not fit the kind are refused too.
    type_into(&mut h, "Дата окончания", "10.11.2026");
    type_into(&mut h, "Часы", "8");
    click(&mut h, "Сохранить");
    h.get_by_label("8 ч — мало для программы повышения квалификации: нужно не менее 16 ч");
    assert!(data(&h).courses.is_empty());
    type_into(&mut h, "Часы", "72");
    click(&mut h, "Сохранить");
    assert_eq!(data(&h).courses.len(), 1);
}

#[test]
fn delete_asks_first_and_history_undoes_it() {
    let (_dir, mut h) = window();
    new_teacher(&mut h, "Удалова", "15.05.1980", "01.09.2003");
    click_tab(&mut h, "Курсы");
    click(&mut h, "Добавить: курсы");
    type_into(&mut h, "Название программы", "Наставничество в образовательной организации");
    click(&mut h, "Сохранить");
    assert_eq!(data(&h).courses.len(), 1);
    click(&mut h, "Удалить");
    h.get_by_label("Удалить?");
    click(&mut h, "Отмена");
    assert_eq!(data(&h).courses.len(), 1, "cancel keeps it");
    click(&mut h, "Удалить");
    click(&mut h, "Да, удалить");
    assert!(data(&h).courses.is_empty());

    click_tab(&mut h, "История изменений");
    h.get_by_label_contains("— Удалено: курсы");
    // The newest change (the deletion) is listed first.
    h.get_all_by_label_contains("Отменить № ").next().expect("an undo button").click();
    h.run();
    h.get_by_label_contains("Отменено изменение");
    assert_eq!(data(&h).courses.len(), 1, "the course is back");
    assert_eq!(data(&h).courses[0].title, "Наставничество в образовательной организации");
}

#[test]
fn a_young_teacher_without_a_mentor_appears_and_leaves_when_a_pair_is_added() {
    let (_dir, mut h) = window();
    new_teacher(&mut h, "Молодова", "10.03.2000", "01.09.2025");
    go_today(&mut h);
    h.get_by_label("Молодые педагоги без наставника — 1");
    click_first(&mut h, "Молодова Мария");
    click_tab(&mut h, "Наставничество");
    click(&mut h, "Добавить: наставничество");
    type_into(&mut h, "Наставник из другой организации (ФИО)", "Петрова Анна Ивановна (ИМЦ)");
    type_into(&mut h, "Начало", "01.09.2026");
    click(&mut h, "Сохранить");
    assert_eq!(data(&h).mentorships.len(), 1);
    go_today(&mut h);
    assert!(h.query_by_label("Молодые педагоги без наставника — 1").is_none());
}

#[test]
fn a_threshold_changed_in_settings_changes_today() {
    let (_dir, mut h) = window();
    new_teacher(&mut h, "Порогова", "10.03.1999", "01.09.2025");
    go_today(&mut h);
    h.get_by_label("Молодые педагоги без наставника — 1");
    // She is 27: with «young» meaning under 25 she is not young any more.
    click(&mut h, "Настройки");
    h.get_by_label("Молодой педагог: моложе, лет").set_value_accesskit(25.0);
    h.run();
    click(&mut h, "Сохранить настройки");
    assert_eq!(h.state().session().expect("open").settings().young_max_age, 25);
    go_today(&mut h);
    assert!(h.query_by_label("Молодые педагоги без наставника — 1").is_none());
}

#[test]
fn the_staff_list_opens_a_card_and_ctrl_f_searches() {
    let (_dir, mut h) = window();
    new_teacher(&mut h, "Поискова", "15.05.1980", "01.09.2003");
    click(&mut h, "‹ К списку");
    new_teacher(&mut h, "Другова", "15.05.1981", "01.09.2004");
    click(&mut h, "‹ К списку");
    h.get_by_label("2 педагога");
    go_today(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Поиск:").type_text("поиск");
    h.run();
    h.get_by_label("1 педагог");
    click(&mut h, "Поискова Мария");
    h.get_by_label("Сведения о работнике");
}

#[test]
fn the_staff_table_filters_sorts_and_copies_rows_for_excel() {
    let (_dir, path, data) = closed_demo_school(40, 4, today());
    let states = uchrost::app::staff_on(&data, today(), &RuleSettings::default());
    let young = states.iter().filter(|p| p.pedagogical && p.young).count();
    assert!(young > 0, "the demo has young teachers");
    let app = UchrostApp::new(DbLocation { path, mode: DiskMode::Local }, today());
    let mut h = harness_of(app, 1600.0, 1000.0);
    click(&mut h, "Педагоги");
    h.get_by_label("40 педагогов");
    click(&mut h, "Молодые");
    h.get_by_label(&ru::count(young as u64, "педагог", "педагога", "педагогов"));
    click(&mut h, "Молодые");
    // Sorting by age puts the youngest first; a second click, the oldest.
    click(&mut h, "Возраст");
    let youngest =
        states.iter().filter(|p| p.pedagogical).min_by_key(|p| (p.age, p.full_name.clone())).expect("someone");
    let oldest = states
        .iter()
        .filter(|p| p.pedagogical)
        .max_by_key(|p| (p.age, std::cmp::Reverse(p.full_name.clone())))
        .expect("someone");
    let first_link = |h: &Harness<'static, UchrostApp>| {
        h.get_all_by_role(egui::accesskit::Role::Link)
            .next()
            .and_then(|n| n.accesskit_node().label())
            .unwrap_or_default()
    };
    assert_eq!(first_link(&h), youngest.full_name);
    click(&mut h, "Возраст ▲");
    assert_eq!(first_link(&h), oldest.full_name);
    // Two rows selected copy as tab-separated lines under a header.
    let boxes: Vec<_> = h.get_all_by_label("Выбрать строку для копирования").take(2).collect();
    assert_eq!(boxes.len(), 2);
    for b in boxes {
        b.click();
    }
    h.run();
    // The copy goes out with the frame that handles the click.
    h.get_by_label("Копировать выбранных (2)").click();
    h.step();
    let copied = h
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .expect("text copied");
    let lines: Vec<&str> = copied.lines().collect();
    assert_eq!(lines.len(), 3, "{copied}");
    assert!(lines[0].starts_with("ФИО\tВозраст\tСтаж"));
    assert!(lines[1].starts_with(&format!("{}\t", oldest.full_name)), "{copied}");
    assert_eq!(lines[1].split('\t').count(), 8);
}

/// A teacher stored directly: employed since 01.09.2020, teaching `subject` in 2026/2027.
fn seed(store: &mut uchrost::storage::Store, last: &str, subject: &str) -> PersonId {
    let p = person(last, "10.01.1980", "01.09.2005");
    let id = p.id;
    let a = Assignment {
        id: AssignmentId::new(),
        author: org(),
        person: id,
        year: SchoolYear(2026),
        positions: vec!["учитель".into()],
        subjects: vec![SubjectLoad { subject: subject.into(), hours: 18.0, education_match: Some(true) }],
        load_hours: 18.0,
    };
    store
        .apply(
            "seed",
            vec![
                uchrost::storage::Change::Put(p.into()),
                uchrost::storage::Change::Put(employment(id, "01.09.2020", None).into()),
                uchrost::storage::Change::Put(a.into()),
            ],
            today(),
            uchrost::storage::HistoryMode::Record,
        )
        .expect("seed");
    id
}

fn window_with(
    seeding: impl FnOnce(&mut uchrost::storage::Store),
) -> (tempfile::TempDir, Harness<'static, UchrostApp>) {
    let (dir, path, mut store) = school_db();
    seeding(&mut store);
    store.close().expect("close");
    let app = UchrostApp::new(DbLocation { path, mode: DiskMode::Local }, today());
    let h = harness_of(app, 1600.0, 1000.0);
    (dir, h)
}

#[test]
fn a_seminar_entered_once_for_three_shows_in_their_three_cards() {
    let (_dir, mut h) = window_with(|store| {
        for (last, subject) in [("Альфа", "математика"), ("Бета", "физика"), ("Гамма", "химия"), ("Дельта", "история")]
        {
            seed(store, last, subject);
        }
    });
    click(&mut h, "Групповая запись");
    type_into(&mut h, "Мероприятие", "Семинар «Функциональная грамотность»");
    type_into(&mut h, "Дата", "10.11.2026");
    for name in ["Альфа Анна Ивановна", "Бета Анна Ивановна", "Гамма Анна Ивановна"]
    {
        click(&mut h, name);
    }
    h.get_by_label("Участники (3)");
    click(&mut h, "Сохранить");
    h.get_by_label("Записано для 3 педагогов");
    let events = data(&h).events;
    assert_eq!(events.len(), 3);
    assert!(events.iter().all(|e| e.group.is_some() && e.group == events[0].group), "one group");
    // Each participant's card lists it; the fourth teacher's does not.
    for (name, present) in [
        ("Альфа Анна Ивановна", true),
        ("Бета Анна Ивановна", true),
        ("Гамма Анна Ивановна", true),
        ("Дельта Анна Ивановна", false),
    ] {
        click(&mut h, "Педагоги");
        click(&mut h, name);
        click_tab(&mut h, "Сообщества и мероприятия");
        assert_eq!(h.query_by_label_contains("Семинар «Функциональная грамотность»").is_some(), present, "{name}");
    }
    // The whole group is one action in the history.
    let history = h.state().session().expect("open").history(None, 1).expect("history");
    assert_eq!(history[0].changes.len(), 3);
}

#[test]
fn the_attestation_register_lists_a_category_expiring_next_year_with_its_apply_by_date() {
    let (_dir, mut h) = window_with(|store| {
        let id = seed(store, "Планова", "математика");
        store.put("att", attestation(id, Category::First, "10.03.2022"), today()).expect("att");
        seed(store, "Безкатегорийная", "физика");
    });
    click(&mut h, "Аттестация");
    h.get_by_label("Перспективный план аттестации (5 лет)");
    h.get_by_label("09.03.2027");
    h.get_by_label("подать заявление до 09.12.2026");
    // Both fall in this school year: the category ends, and the other teacher's СЗД is due now.
    assert_eq!(h.get_all_by_label("2026/2027").count(), 2);
    h.get_by_label_contains("аттестация на СЗД требуется с");
    // The plan is kept between frames and made again when the data change: a category decided under
    // приказ № 196 shows at once, without an end.
    let other = data(&h).persons.iter().find(|p| p.last_name == "Безкатегорийная").expect("person").id;
    let session = h.state_mut().session_mut().expect("open");
    session.put("Аттестация", attestation(other, Category::First, "15.09.2023").into()).expect("put");
    h.run();
    h.get_by_label("бессрочно");
    h.get_by_label("категория бессрочна — аттестация не требуется (на высшую — по желанию)");
    click(&mut h, "Курсы");
    h.get_by_label("Перспективный план повышения квалификации (3 года)");
    assert_eq!(h.get_all_by_label_contains("нужны курсы").count(), 2, "neither has a course");
}

#[test]
fn the_new_school_year_step_copies_assignments() {
    let (_dir, mut h) = window_with(|store| {
        seed(store, "Переходова", "математика");
        let gone = seed(store, "Уходящая", "физика");
        let mut job = store.load().expect("load").employments.into_iter().find(|e| e.person == gone).expect("job");
        job.end = Some(d("30.06.2027"));
        store.put("left", job, today()).expect("left");
    });
    click(&mut h, "Настройки");
    click(&mut h, "Подготовить переход 2026/2027 → 2027/2028");
    h.get_by_label("Тарификация 2026/2027 перенесена на 2027/2028 для 1 работника");
    h.get_by_label_contains("Уходящая Анна Ивановна: не работает с 01.09.2027");
    click(&mut h, "Выполнить переход (1)");
    h.get_by_label_contains("Переход выполнен");
    let next: Vec<Assignment> = data(&h).assignments.into_iter().filter(|a| a.year == SchoolYear(2027)).collect();
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].subjects[0].subject, "математика");
    assert_eq!(next[0].load_hours, 18.0);
}

#[test]
fn a_route_step_is_marked_done_with_date_and_evidence_and_leaves_today() {
    let (_dir, mut h) = window_with(|store| {
        let id = seed(store, "Маршрутова", "математика");
        let mut route = route(
            id,
            "01.09.2026",
            "31.08.2027",
            vec![step("Открытый урок для ШМО", StepKind::OpenLesson, "01.11.2026", StepStatus::Planned)],
        );
        route.deficits = vec!["методические".into()];
        route.curator = "руководитель ШМО".into();
        route.methodical_support = true;
        store.put("route", route, today()).expect("route");
    });
    go_today(&mut h);
    h.get_by_label("Просроченные шаги ИОМ — 1");
    click_first(&mut h, "Маршрутова Анна Ивановна");
    click_tab(&mut h, "ИОМ");
    click(&mut h, "Выполнено…");
    type_into(&mut h, "Дата выполнения", "20.11.2026");
    click(&mut h, "Сохранить шаг");
    h.get_by_label("Укажите, чем подтверждено выполнение (сертификат, справка …)");
    assert_eq!(data(&h).routes[0].steps[0].status, StepStatus::Planned, "nothing saved without evidence");
    type_into(&mut h, "Подтверждение", "протокол заседания ШМО № 3");
    click(&mut h, "Сохранить шаг");
    let step = data(&h).routes[0].steps[0].clone();
    assert_eq!(
        (step.status, step.done, step.evidence.as_str()),
        (StepStatus::Done, Some(d("20.11.2026")), "протокол заседания ШМО № 3")
    );
    // A new step.
    click(&mut h, "Добавить шаг");
    type_into(&mut h, "Содержание шага", "Курсы по формирующему оцениванию");
    type_into(&mut h, "Срок", "01.02.2027");
    click(&mut h, "Сохранить шаг");
    assert_eq!(data(&h).routes[0].steps.len(), 2);
    go_today(&mut h);
    assert!(h.query_by_label("Просроченные шаги ИОМ — 1").is_none());
    click(&mut h, "ИОМ");
    // Steps done of all the route's steps, and how many are due by now; under column headers.
    h.get_by_label("1 из 2, к сроку — 1");
    h.get_by_label("Выполнено шагов");
}

#[test]
fn settings_edit_the_profile_and_a_reference_list_and_restore_a_backup() {
    let (_dir, mut h) = window_with(|store| {
        seed(store, "Копиева", "математика");
    });
    click(&mut h, "Настройки");
    click(&mut h, "Профиль организации");
    type_into(&mut h, "Краткое название", "СОШ № 7");
    click(&mut h, "Сохранить");
    assert_eq!(h.state().session().expect("open").org().short_name, "СОШ № 7");

    click(&mut h, "Справочники");
    click(&mut h, "Учебные предметы");
    let list = || egui::accesskit::Role::MultilineTextInput;
    // The list is long and may sit below the fold: focus it as a screen reader would.
    h.get_by_role_and_label(list(), "Учебные предметы").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(list(), "Учебные предметы").type_text("астрономия\nфизика");
    h.run();
    click(&mut h, "Сохранить справочник");
    let subjects = h.state().session().expect("open").dictionary(uchrost::domain::dictionaries::Dictionary::Subjects);
    assert_eq!(subjects, vec!["астрономия", "физика"]);

    // A backup now; the person deleted; the backup restored: the person is back.
    click(&mut h, "Резервные копии");
    h.get_by_label("Сделать копию сейчас").click();
    // The backup runs in the background with a progress bar; the window keeps drawing.
    for _ in 0..2000 {
        h.step();
        if !h.state().busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    h.run();
    h.get_by_label_contains("Копия сохранена:");
    let id = data(&h).persons[0].id;
    h.state_mut().session_mut().expect("open").delete_person(id).expect("delete");
    assert!(data(&h).persons.is_empty());
    h.run();
    h.get_all_by_label_contains("Восстановить копию от").next().expect("a backup").click();
    h.run();
    click(&mut h, "Да, восстановить");
    h.get_by_label_contains("База восстановлена из копии. Прежнее состояние сохранено в копию");
    assert_eq!(data(&h).persons.len(), 1);
}

#[test]
fn vacancies_are_added_and_the_diagnostics_register_flags_deficits_without_a_route() {
    let (_dir, mut h) = window_with(|store| {
        let id = seed(store, "Дефицитова", "математика");
        let diag = Diagnostic {
            id: DiagnosticId::new(),
            author: org(),
            person: id,
            group: None,
            date: d("10.10.2026"),
            kind: DiagnosticKind::Municipal,
            subject: "математика".into(),
            level: Some(DiagnosticLevel::Basic),
            score: Some(21.0),
            max_score: Some(40.0),
            deficits: vec!["методические".into()],
            recommendations: String::new(),
        };
        store.put("diag", diag, today()).expect("diag");
    });
    click(&mut h, "Диагностика");
    h.get_by_label("нет ИОМ");
    h.get_by_label("методические");
    click(&mut h, "Вакансии и резерв");
    click(&mut h, "Добавить вакансию");
    type_into(&mut h, "Предмет", "физика");
    type_into(&mut h, "Часы в неделю", "12");
    click(&mut h, "Сохранить");
    assert_eq!(data(&h).vacancies.len(), 1);
    h.get_by_label("Открытые вакансии, часов в неделю: 12 ч");
}

#[test]
fn the_school_year_selector_shows_past_staff_and_search_finds_records() {
    let (_dir, mut h) = window_with(|store| {
        let stays = seed(store, "Остающаяся", "математика");
        store.put("course", course(stays, "10.10.2026"), today()).expect("course");
        let gone = seed(store, "Ушедшая", "физика");
        let mut job = store.load().expect("load").employments.into_iter().find(|e| e.person == gone).expect("job");
        job.end = Some(d("30.06.2026"));
        store.put("left", job, today()).expect("left");
    });
    click(&mut h, "Педагоги");
    h.get_by_label("1 педагог");
    // The whole school as it was at the end of 2024/2025: she still worked then.
    h.get_by_label("Учебный год").click();
    h.run();
    h.get_by_label("2024/2025").click();
    h.run();
    h.get_by_label("Показано на 31.08.2025");
    h.get_by_label("2 педагога");
    h.get_by_label("Учебный год").click();
    h.run();
    h.get_by_label("2026/2027").click();
    h.run();
    h.get_by_label("1 педагог");
    // The search finds people by their records: the course title.
    h.get_by_label("Поиск:").type_text("функциональной");
    h.run();
    h.get_by_label("1 педагог");
    h.get_by_label("Остающаяся Анна Ивановна");
}

#[test]
fn recording_a_course_offers_to_close_the_route_step_it_fulfils() {
    let (_dir, mut h) = window_with(|store| {
        let id = seed(store, "Курсова", "математика");
        let route = route(
            id,
            "01.09.2026",
            "31.08.2027",
            vec![step("КПК по формирующему оцениванию", StepKind::Course, "01.12.2026", StepStatus::Planned)],
        );
        store.put("route", route, today()).expect("route");
    });
    click(&mut h, "Педагоги");
    click(&mut h, "Курсова Анна Ивановна");
    click_tab(&mut h, "Курсы");
    click(&mut h, "Добавить: курсы");
    type_into(&mut h, "Название программы", "Формирующее оценивание на уроке");
    type_into(&mut h, "Дата окончания", "20.11.2026");
    click(&mut h, "Сохранить");
    h.get_by_label("Эти курсы выполняют шаг ИОМ «КПК по формирующему оцениванию»?");
    click(&mut h, "Да, отметить шаг выполненным");
    let step = data(&h).routes[0].steps[0].clone();
    assert_eq!((step.status, step.done), (StepStatus::Done, Some(d("20.11.2026"))));
    assert!(step.evidence.contains("Формирующее оценивание на уроке"));
}

#[test]
fn the_calendar_picks_a_date_and_ctrl_s_saves() {
    let (_dir, mut h) = window();
    new_teacher(&mut h, "Календарева", "15.05.1980", "01.09.2003");
    click_tab(&mut h, "Курсы");
    click(&mut h, "Добавить: курсы");
    type_into(&mut h, "Название программы", "Цифровая образовательная среда");
    // «Дата окончания» starts as today (23.11.2026); the calendar opens on November 2026.
    h.get_all_by_label("…").nth(1).expect("the calendar button of «Дата окончания»").click();
    h.run();
    assert_eq!(h.get_by_label("Месяц").value().as_deref(), Some("Ноябрь"));
    assert_eq!(h.get_by_label("Год").value().as_deref(), Some("2026"));
    h.get_by_label("‹").click();
    h.run();
    assert_eq!(h.get_by_label("Месяц").value().as_deref(), Some("Октябрь"));
    h.get_by_label("15").click();
    h.run();
    assert_eq!(h.get_by_label("Дата окончания").value().as_deref(), Some("15.10.2026"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let courses = data(&h).courses;
    assert_eq!(courses.len(), 1, "Ctrl+S saved the form");
    assert_eq!(courses[0].end, d("15.10.2026"));
}

#[test]
fn closing_the_window_with_an_unsaved_edit_asks_and_saves() {
    let (_dir, mut h) = window();
    new_teacher(&mut h, "Закрывающая", "15.05.1980", "01.09.2003");
    type_into(&mut h, "Отчество", "Петровна");
    assert!(h.state().dirty());
    h.input_mut().viewports.entry(egui::ViewportId::ROOT).or_default().events.push(egui::ViewportEvent::Close);
    h.run();
    h.get_by_label("Есть несохранённые изменения");
    click(&mut h, "Сохранить и закрыть");
    assert_eq!(data(&h).persons[0].middle_name, "Петровна", "the edit was saved before closing");
    assert!(!h.state().dirty());
}

#[test]
fn records_authored_by_the_municipality_are_read_only_with_their_author() {
    let municipality = OrgId::new();
    let (_dir, mut h) = window_with(|store| {
        let id = seed(store, "Муниципальная", "математика");
        let muni = Organisation::new(municipality, OrgRole::Municipality, "Управление образования г. Энска", "");
        let mut diag = Diagnostic {
            id: DiagnosticId::new(),
            author: municipality,
            person: id,
            group: None,
            date: d("10.10.2026"),
            kind: DiagnosticKind::Municipal,
            subject: "математика".into(),
            level: Some(DiagnosticLevel::Advanced),
            score: None,
            max_score: None,
            deficits: vec![],
            recommendations: String::new(),
        };
        store.put("muni", muni, today()).expect("org");
        store.put("diag", diag.clone(), today()).expect("diag");
        diag.id = DiagnosticId::new();
        diag.author = org();
        diag.date = d("11.10.2026");
        store.put("own diag", diag, today()).expect("own");
    });
    click(&mut h, "Педагоги");
    click(&mut h, "Муниципальная Анна Ивановна");
    click_tab(&mut h, "Диагностика");
    // Our own record can be edited; the municipality's shows its mark and no buttons.
    assert_eq!(h.get_all_by_label("Изменить").count(), 1);
    assert_eq!(h.get_all_by_label("[только чтение]").count(), 1);
}

/// «Сегодня» over hundreds of people: the names are drawn a screenful at a time (a regional copy lists
/// tens of thousands, and every frame used to lay out all of them), and a group folds away under its title.
#[test]
fn today_draws_a_long_list_a_screenful_at_a_time_and_folds_its_groups() {
    use egui::accesskit::Role;
    let (_dir, path, data) = closed_demo_school(300, 4, today());
    let groups: Vec<_> = uchrost::domain::attention::attention(&data, today(), &RuleSettings::default())
        .into_iter()
        .filter(|g| !g.items.is_empty())
        .collect();
    let items: usize = groups.iter().map(|g| g.items.len()).sum();
    assert!(groups.len() >= 3 && items > 100, "the demo needs attention: {} groups, {items} names", groups.len());
    let title = |g: &uchrost::domain::attention::Group| format!("{} — {}", g.title, g.items.len());
    let app = UchrostApp::new(DbLocation { path, mode: DiskMode::Local }, today());
    let mut h = harness_of(app, 1366.0, 900.0);
    go_today(&mut h);
    h.get_by_label(&format!("Сегодня ({items})"));
    // The first names are there; far fewer than all of them are drawn.
    let links = h.query_all_by_role(Role::Link).count();
    assert!(links > 5 && links < 60, "{links} names drawn of {items}");
    h.get_all_by_label(&groups[0].items[0].name).next().expect("the first name of the first group");
    // Folding each group in turn brings the next title up; with all folded only the titles are left.
    for g in &groups {
        click(&mut h, &title(g));
    }
    assert_eq!(h.query_all_by_role(Role::Link).count(), 0, "every group folded");
    for g in &groups {
        h.get_by_label(&title(g));
    }
    // Unfolding the last brings its names back, from its first.
    let last = groups.last().expect("a group");
    click(&mut h, &title(last));
    h.get_all_by_label(&last.items[0].name).next().expect("the first name of the last group");
    assert!(h.query_all_by_role(Role::Link).count() > 0);
}

/// What the search compares: lower case with ё as е, the same for the query and what it looks in; and each
/// person's text holds what every record of theirs says (the demo school's, every kind the search reads).
#[test]
fn the_search_text_of_each_person_holds_their_records_folded() {
    use uchrost::app::fold_for_search as fold;
    for (text, folded) in [
        ("Ёлкина Алёна", "елкина алена"),
        ("ФГОС ООО", "фгос ооо"),
        ("Python и ИКТ", "python и икт"),
        ("ЁЁ ёё", "ее ее"),
        ("Äpfel Ω", "äpfel ω"),
        ("", ""),
    ] {
        assert_eq!(fold(text), folded, "{text}");
    }
    let (_dir, _path, mut store) = school_db();
    uchrost::app::fill_school_demo(&mut store, 40, 4, today()).expect("demo");
    let data = store.load().expect("load");
    let texts = uchrost::app::search_texts(&data);
    let holds = |p: PersonId, t: &str| {
        let text = texts.get(&p).map(String::as_str).unwrap_or_default();
        assert!(text.contains(&fold(t)), "«{t}» is not in the search text of {p:?}: {text}");
    };
    assert!(!data.courses.is_empty() && !data.diagnostics.is_empty() && !data.assignments.is_empty());
    for c in &data.courses {
        holds(c.person, &c.title);
        holds(c.person, &c.provider);
    }
    for d in &data.diagnostics {
        d.deficits.iter().for_each(|x| holds(d.person, x));
    }
    for a in &data.assignments {
        a.subjects.iter().for_each(|s| holds(a.person, &s.subject));
        a.positions.iter().for_each(|x| holds(a.person, x));
    }
    for c in &data.contests {
        holds(c.person, &c.name);
    }
    for text in texts.values() {
        assert!(!text.chars().any(|c| c.is_uppercase() || c == 'ё'), "not folded: {text}");
    }
}

/// A date typed the short way is taken; a date that does not exist is named as such under the field, and
/// the message goes once the date is corrected.
#[test]
fn dates_are_typed_as_people_write_them() {
    let (_dir, mut h) = window();
    click(&mut h, "Педагоги");
    click(&mut h, "Добавить педагога");
    type_into(&mut h, "Фамилия", "Краткова");
    type_into(&mut h, "Имя", "Мария");
    type_into(&mut h, "Дата рождения", "31.02.1980");
    assert!(h.query_all_by_label_contains("такой даты нет").next().is_some(), "said under the field");
    type_into(&mut h, "Дата рождения", "12.5.75");
    assert!(h.query_all_by_label_contains("такой даты нет").next().is_none(), "gone once fixed");
    type_into(&mut h, "Начало педагогического стажа", "1.9.98");
    type_into(&mut h, "Дата приёма на работу", "1.9.20");
    click(&mut h, "Сохранить");
    let person = data(&h).persons.into_iter().find(|p| p.last_name == "Краткова").expect("saved");
    assert_eq!(person.birth_date, Some(d("12.05.1975")));
    assert_eq!(person.ped_experience_start, Some(d("01.09.1998")));
}

/// The calendar picks a month and a year directly: a date of birth forty years back is a year, a month and
/// a day, not hundreds of clicks on «‹».
#[test]
fn the_calendar_picks_a_year_and_a_month_directly() {
    let (_dir, mut h) = window();
    click(&mut h, "Педагоги");
    click(&mut h, "Добавить педагога");
    h.get_all_by_label(uchrost::ui::strings::CALENDAR_BUTTON).next().expect("the calendar of the first date").click();
    h.run();
    type_into(&mut h, "Месяц", "май");
    h.key_press(Key::Enter);
    h.run();
    type_into(&mut h, "Год", "1985");
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("12").click();
    h.run();
    assert_eq!(h.get_by_label("Дата рождения").value().as_deref(), Some("12.05.1985"));
}

/// A step of an ИОМ can be corrected and removed; an overdue step says «просрочен» in words; a removed step
/// comes back from the history.
#[test]
fn a_route_step_is_edited_deleted_and_says_it_is_overdue() {
    let (_dir, mut h) = window_with(|store| {
        let id = seed(store, "Шагова", "математика");
        let route = route(
            id,
            "01.09.2026",
            "31.08.2027",
            vec![
                step("Открытый урок для ШМО", StepKind::OpenLesson, "01.11.2026", StepStatus::Planned),
                step("Семинар по ФГОС", StepKind::Seminar, "01.03.2027", StepStatus::Planned),
            ],
        );
        store.put("route", route, today()).expect("route");
    });
    click_first(&mut h, "Шагова Анна Ивановна");
    click_tab(&mut h, "ИОМ");
    h.get_by_label_contains("Открытый урок для ШМО — запланировано (срок 01.11.2026, просрочен)");
    assert!(h.query_by_label_contains("Семинар по ФГОС — запланировано (срок 01.03.2027)").is_some());
    // Corrected: a new title and a later term; no longer overdue.
    h.get_all_by_label("Изменить шаг").next().expect("the first step's edit").click();
    h.run();
    type_into(&mut h, "Содержание шага", "Открытый урок по геометрии");
    type_into(&mut h, "Срок", "15.12.2026");
    click(&mut h, "Сохранить шаг");
    let steps = data(&h).routes[0].steps.clone();
    assert_eq!((steps[0].title.as_str(), steps[0].planned), ("Открытый урок по геометрии", Some(d("15.12.2026"))));
    assert!(h.query_by_label_contains("просрочен").is_none(), "no longer overdue");
    // Removed, and undone from the history.
    h.get_all_by_label("Удалить шаг").nth(1).expect("the second step's delete").click();
    h.run();
    assert_eq!(data(&h).routes[0].steps.len(), 1);
    h.get_by_label_contains("Это можно отменить в истории изменений");
    click_tab(&mut h, "История изменений");
    h.get_all_by_label_contains("Отменить № ").next().expect("an undo button").click();
    h.run();
    assert_eq!(data(&h).routes[0].steps.len(), 2, "the step is back");
}

/// The mentoring register adds a pair for a young teacher without a mentor and ends a pair; both names
/// lead to the cards.
#[test]
fn the_mentoring_register_adds_and_ends_a_pair() {
    let (_dir, mut h) = window_with(|store| {
        seed(store, "Опытова", "математика");
        let mut young = person("Молодова", "10.01.2000", "01.09.2025");
        young.first_name = "Дарья".into();
        let id = young.id;
        store.put("young", young, today()).expect("young");
        store.put("employment", employment(id, "01.09.2025", None), today()).expect("employment");
    });
    click(&mut h, "Наставничество");
    h.get_by_label("Молодова Дарья Ивановна");
    click(&mut h, "Назначить наставника");
    choose_in(&mut h, "Наставник", "Опытова Анна Ивановна");
    click(&mut h, "Сохранить");
    h.get_by_label_contains("Пара наставничества сохранена");
    let pairs = data(&h).mentorships;
    assert_eq!(pairs.len(), 1);
    assert!(pairs[0].end.is_none());
    // The mentor's name is a link to her card.
    assert!(h.query_all_by_label("Опытова Анна Ивановна").next().is_some());
    click(&mut h, "Завершить");
    assert_eq!(data(&h).mentorships[0].end, Some(today()), "ended on the day viewed");
    h.get_by_label_contains("Завершена пара наставничества: Молодова Дарья Ивановна");
}

fn choose_in(h: &mut Harness<'static, UchrostApp>, combo: &str, option: &str) {
    h.get_by_label(combo).click();
    h.run();
    h.get_all_by_label(option).last().unwrap_or_else(|| panic!("no «{option}»")).click();
    h.run();
}

/// A new teacher in one form: ФИО, date of birth, hire date, positions, subjects, the year's load,
/// education, the category with its decision date, pedagogical experience — one save writes the person,
/// the work period from the hire date (not from today), the assignment and the category, then the card opens.
/// A missing hire date is said under its field and nothing is saved.
#[test]
fn a_new_teacher_is_entered_in_one_form() {
    let (_dir, mut h) = window();
    click(&mut h, "Педагоги");
    click(&mut h, "Добавить педагога");
    type_into(&mut h, "Фамилия", "Полнова");
    type_into(&mut h, "Имя", "Ольга");
    type_into(&mut h, "Отчество", "Сергеевна");
    type_into(&mut h, "Дата рождения", "14.03.1979");
    click(&mut h, "Сохранить");
    h.get_by_label("поле не заполнено");
    assert!(data(&h).persons.is_empty(), "nothing saved without the hire date");
    type_into(&mut h, "Дата приёма на работу", "01.09.2004");
    assert!(h.query_by_label("поле не заполнено").is_none(), "the problem goes once the field is changed");
    type_into(&mut h, "Должность (через запятую)", "учитель, классный руководитель");
    type_into(&mut h, "Предметы (через запятую)", "математика, информатика");
    type_into(&mut h, "Нагрузка, ч в неделю, 2026/2027", "24");
    h.get_by_label("Категория").click();
    h.run();
    h.get_all_by_label("высшая").last().expect("the option").click();
    h.run();
    type_into(&mut h, "Дата решения о категории", "20.12.2022");
    type_into(&mut h, "Начало педагогического стажа", "01.09.2001");
    click(&mut h, "Сохранить");
    let d_ = data(&h);
    let p = d_.persons.iter().find(|p| p.last_name == "Полнова").expect("saved");
    assert_eq!((p.birth_date, p.ped_experience_start), (Some(d("14.03.1979")), Some(d("01.09.2001"))));
    let job = d_.employments.iter().find(|e| e.person == p.id).expect("work period");
    assert_eq!(job.start, d("01.09.2004"), "from the hire date, not from today");
    let a = d_.assignments.iter().find(|a| a.person == p.id).expect("assignment");
    assert_eq!(a.year, SchoolYear(2026));
    assert_eq!(a.positions, vec!["учитель".to_string(), "классный руководитель".to_string()]);
    assert_eq!(a.subjects.iter().map(|s| s.subject.as_str()).collect::<Vec<_>>(), vec!["математика", "информатика"]);
    assert_eq!(a.load_hours, 24.0);
    let att = d_.attestations.iter().find(|x| x.person == p.id).expect("category");
    assert_eq!((att.result, att.decision_date), (Category::Highest, d("20.12.2022")));
    // The card opens, and a teacher hired in 2004 is not «освобождён» from the СЗД as a newcomer.
    h.get_by_label("Сведения о работнике");
    assert!(h.query_all_by_label_contains("освобожд").next().is_none(), "no newcomer's exemption");
    // One action in the history.
    let history = h.state().session().expect("open").history(None, 10).expect("history");
    assert_eq!(history[0].changes.len(), 4);
}

/// Every way out of an unsaved edit asks: the navigation and «‹ К списку» — «Остаться» keeps the edit open,
/// «Не сохранять» drops it, «Сохранить» saves it and goes on.
#[test]
fn leaving_an_unsaved_card_asks_save_discard_or_stay() {
    let (_dir, mut h) = window();
    new_teacher(&mut h, "Уходова", "15.05.1980", "01.09.2003");
    type_into(&mut h, "Отчество", "Петровна");
    click(&mut h, "Вакансии и резерв");
    h.get_by_label("Есть несохранённые изменения");
    click(&mut h, "Остаться");
    assert_eq!(h.get_by_label("Отчество").value().as_deref(), Some("Петровна"), "the edit is still there");
    click(&mut h, "Вакансии и резерв");
    click(&mut h, "Не сохранять");
    assert_eq!(data(&h).persons[0].middle_name, "", "dropped, as asked");
    click(&mut h, "Педагоги");
    click_first(&mut h, "Уходова Мария");
    type_into(&mut h, "Отчество", "Ивановна");
    click(&mut h, "‹ К списку");
    h.get_by_label("Есть несохранённые изменения");
    // The question's «Сохранить» (the form's own button is behind it).
    h.get_all_by_label("Сохранить").last().expect("the question's button").click();
    h.run();
    assert_eq!(data(&h).persons[0].middle_name, "Ивановна", "saved on the way out");
    assert!(h.query_by_label("Сведения о работнике").is_none(), "and back to the list");
}

/// The history of the whole database (Настройки): a deleted teacher — whose card, and its history, are
/// gone — is found by name and brought back, after the undo has shown what it will restore.
#[test]
fn a_deleted_teacher_comes_back_from_the_whole_history() {
    let (_dir, mut h) = window();
    new_teacher(&mut h, "Вернова", "15.05.1980", "01.09.2003");
    new_teacher(&mut h, "Другова", "15.05.1981", "01.09.2004");
    click(&mut h, "‹ К списку");
    click_first(&mut h, "Вернова Мария");
    click(&mut h, "Удалить работника…");
    click(&mut h, "Да, удалить");
    assert_eq!(data(&h).persons.len(), 1);
    // The whole history has its own place in the navigation.
    click(&mut h, "История изменений");
    h.get_by_label_contains("Все изменения базы, новые сверху");
    type_into(&mut h, "ФИО или слово", "вернова");
    assert!(h.query_all_by_label_contains("Другова").next().is_none(), "the filter leaves the other teacher out");
    h.get_all_by_label_contains("Удалён работник Вернова").next().expect("the deletion is listed");
    h.get_all_by_label_contains("Отменить № ").next().expect("an undo").click();
    h.run();
    h.get_by_label_contains("Отмена вернёт всё, что изменило это действие, как было до него:");
    // A deleted teacher comes back.
    h.get_all_by_label_contains("→ будет возвращено").next().expect("the deleted records come back");
    // The section is the last of Настройки, below the fold of a small test window: pressed as a screen
    // reader would press it.
    h.get_by_label("Да, отменить").click_accesskit();
    h.run();
    let back = data(&h).persons.into_iter().find(|p| p.last_name == "Вернова").expect("she is back");
    assert_eq!(back.birth_date, Some(d("15.05.1980")));
    assert_eq!(data(&h).employments.iter().filter(|e| e.person == back.id).count(), 1, "with her work period");
}

/// Steps the window until the database opening in the background is open (or the opening failed) and
/// the background work that follows (the day's backup, a sheet handed in) is done.
fn until_opened(h: &mut Harness<'static, UchrostApp>) {
    for _ in 0..3000 {
        if !h.state().busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    h.run();
}

/// A large copy opens in the background (issue 22: a regional copy's first frame in 2 s): the first
/// frame says what is being opened with a progress bar, then the desk shows the staff on «Сегодня», and a
/// sheet handed to the window while it opened lands on the import screen.
#[test]
fn a_database_opened_in_the_background_shows_its_progress_then_the_desk() {
    let (dir, path, mut store) = school_db();
    seed(&mut store, "Воронцова", "математика");
    store.close().expect("close");
    let sheet = dir.path().join("сотрудники.csv");
    std::fs::write(&sheet, "ФИО;Дата рождения\nПетрова Анна Ивановна;12.05.1975\n").expect("sheet");
    let app = UchrostApp::opening(DbLocation { path, mode: DiskMode::Local }, today(), true);
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_ui_state(|ui, app: &mut UchrostApp| app.ui(ui), app);
    h.step();
    assert!(h.state().busy(), "the opening is background work");
    if h.state().session().is_none() {
        h.get_by_label_contains("Открываем базу «school.db»");
        h.get_by_label_contains("Файл базы: ");
    }
    h.state_mut().open_file(sheet);
    until_opened(&mut h);
    let session = h.state().session().expect("the database opened");
    assert_eq!(session.org().name, "МОУ СОШ № 7");
    assert!(h.query_by_label_contains("Открываем базу").is_none(), "the progress is gone");
    // The sheet waited for the database and went to the import screen with it.
    assert!(h.query_all_by_value("сотрудники.csv").next().is_some(), "the sheet's name on the import screen");
    h.get_by_label("Загрузить (1)");
    // The lists built in the background are the desk's: the teacher is found on the staff list.
    h.get_by_label("Педагоги").click();
    h.run();
    h.get_by_label_contains("Воронцова");
}

/// A file that is not a database, opened in the background, ends on the screen that says why and offers
/// the backups — not on a progress bar for ever.
#[test]
fn a_damaged_database_opened_in_the_background_says_why() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("school.db");
    std::fs::write(&path, vec![0x55u8; 64 * 1024]).expect("garbage");
    let app = UchrostApp::opening(DbLocation { path: path.clone(), mode: DiskMode::Local }, today(), true);
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_ui_state(|ui, app: &mut UchrostApp| app.ui(ui), app);
    h.step();
    until_opened(&mut h);
    assert!(!h.state().busy());
    assert!(h.state().session().is_none());
    h.get_by_label("Базу данных не удалось открыть");
    assert_eq!(std::fs::read(&path).expect("file"), vec![0x55u8; 64 * 1024], "the file is left as it was");
}

/// Whether the window was asked to close in the frames stepped now.
fn steps_close(h: &mut Harness<'static, UchrostApp>) -> bool {
    let mut closed = false;
    for _ in 0..6 {
        h.step();
        closed |= h.output().viewport_output.values().any(|v| v.commands.contains(&egui::ViewportCommand::Close));
    }
    closed
}

/// «Сохранить и закрыть» closes only once the save is written (it is applied at the end of the frame),
/// and not at all when the save is refused: the form stays open with its message.
#[test]
fn closing_waits_for_the_save_and_stays_when_it_is_refused() {
    let (_dir, mut h) = window();
    new_teacher(&mut h, "Закрывалова", "15.05.1980", "01.09.2003");
    type_into(&mut h, "Дата рождения", "31.02.1980");
    let close = |h: &mut Harness<'static, UchrostApp>| {
        h.input_mut().viewports.entry(egui::ViewportId::ROOT).or_default().events.push(egui::ViewportEvent::Close);
        h.run();
        h.get_by_label("Есть несохранённые изменения");
        h.get_by_label("Сохранить и закрыть").click();
    };
    close(&mut h);
    assert!(!steps_close(&mut h), "a refused save keeps the window open");
    assert!(h.state().dirty(), "with the edit");
    h.get_by_label_contains("такой даты нет");
    assert_eq!(data(&h).persons[0].birth_date, Some(d("15.05.1980")), "nothing written");
    type_into(&mut h, "Дата рождения", "28.02.1980");
    close(&mut h);
    assert!(steps_close(&mut h), "the window closes once the save is written");
    assert_eq!(data(&h).persons[0].birth_date, Some(d("28.02.1980")));
    assert!(!h.state().dirty());
}

/// Every control named by a label, on the screen shown now, whose label is not beside it on its row or
/// right above it (ppp 1 in the harness: the accesskit rectangles are the logical ones).
fn labels_apart(h: &Harness<'static, UchrostApp>, screen: &str) -> Vec<String> {
    let mut apart = Vec::new();
    for n in h.root().query_all(egui_kittest::kittest::by()) {
        let a = n.accesskit_node();
        let Some(c) = a.bounding_box() else { continue };
        for label in a.labelled_by() {
            let Some(l) = label.bounding_box() else { continue };
            let (l_mid, c_mid) = ((l.y0 + l.y1) / 2.0, (c.y0 + c.y1) / 2.0);
            let beside = (l_mid - c_mid).abs() < 12.0 && l.x1 <= c.x0 + 1.0 && c.x0 - l.x1 < 400.0;
            let above = l.y1 <= c.y0 + 2.0 && c.y0 - l.y1 < 16.0 && l.x0 < c.x1 && c.x0 < l.x1 + 40.0;
            if !beside && !above {
                apart.push(format!(
                    "{screen}: «{}» at ({:.0}, {:.0}), its control at ({:.0}, {:.0})",
                    label.label().or(label.value()).unwrap_or_default(),
                    l.x0,
                    l.y0,
                    c.x0,
                    c.y0
                ));
            }
        }
    }
    apart
}

/// At 1366×768 (a school laptop) every label stays next to its control on every screen, the registers'
/// forms, the group entry, the new teacher's form and the card included (issue 23).
#[test]
fn labels_stay_next_to_their_controls_at_1366_by_768() {
    let (_dir, path, mut store) = school_db();
    seed(&mut store, "Воронцова", "математика");
    seed(&mut store, "Лебедева", "история");
    store.close().expect("close");
    let app = UchrostApp::new(DbLocation { path, mode: DiskMode::Local }, today());
    let mut h = harness_of(app, 1366.0, 768.0);
    settle(&mut h);
    let mut apart = Vec::new();
    for section in [
        "Педагоги",
        "Аттестация",
        "Курсы",
        "Диагностика",
        "ИОМ",
        "Наставничество",
        "Конкурсы и экспертиза",
        "Сообщества и мероприятия",
        "Вакансии и резерв",
        "Показатели",
        "Отчёты",
        "Цикл мониторинга",
        "Обмен",
        "Групповая запись",
        "Импорт из таблицы",
        "Настройки",
    ] {
        // The navigation's entry is the first widget of that name (a register's heading may repeat it);
        // Показатели computes in the background.
        h.get_all_by_label(section).next().expect("the navigation").click();
        settle(&mut h);
        apart.extend(labels_apart(&h, section));
    }
    // The forms: a vacancy, the group entry of each kind, the new teacher, the card.
    h.get_by_label("Вакансии и резерв").click();
    h.run();
    click(&mut h, "Добавить вакансию");
    apart.extend(labels_apart(&h, "вакансия"));
    h.get_by_label("Групповая запись").click();
    h.run();
    for kind in ["мероприятие", "конкурс", "курсы", "диагностика"] {
        click(&mut h, kind);
        apart.extend(labels_apart(&h, kind));
    }
    h.get_by_label("Педагоги").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    apart.extend(labels_apart(&h, "новый педагог"));
    h.key_press(Key::Escape);
    h.run();
    h.get_all_by_label_contains("Воронцова").next().expect("her name in the list").click();
    h.run();
    h.get_by_label("Сведения о работнике");
    apart.extend(labels_apart(&h, "карточка"));
    assert!(apart.is_empty(), "labels apart from their controls:\n{}", apart.join("\n"));
}

/// Where no file dialog can be shown (a Linux desktop without the portal), the window says so and takes a
/// typed path: a wrong one is refused with the reason, a right one answers the next press of the button.
#[test]
fn without_a_file_dialog_the_window_takes_a_typed_path() {
    use uchrost::ui::dialogs::{NoDialogs, WithPathFallback};
    let (dir, path, store) = school_db();
    store.close().expect("close");
    let sheet = dir.path().join("сотрудники.csv");
    std::fs::write(&sheet, "ФИО;Дата рождения\nПетрова Анна Ивановна;12.05.1975\n").expect("sheet");
    let app = UchrostApp::new(DbLocation { path, mode: DiskMode::Local }, today())
        .with_dialogs(Box::new(WithPathFallback::new(NoDialogs)));
    let mut h = harness_of(app, 1366.0, 768.0);
    settle(&mut h);
    h.get_all_by_label("Импорт из таблицы").next().expect("the navigation").click();
    h.run();
    click(&mut h, "Выбрать файл…");
    h.get_by_label("Окно выбора файла не открылось");
    let missing = dir.path().join("нет такого.xlsx");
    type_into(&mut h, "Выберите таблицу:", &missing.display().to_string());
    click(&mut h, "Готово");
    h.get_by_label_contains("нет такого.xlsx нет");
    type_into(&mut h, "Выберите таблицу:", dir.path().to_str().expect("utf-8"));
    click(&mut h, "Готово");
    h.get_by_label_contains("это папка, а нужен файл");
    type_into(&mut h, "Выберите таблицу:", &sheet.display().to_string());
    h.get_by_label("Готово").click();
    // The press that could not open a dialog goes on with the typed path: no second press.
    settle(&mut h);
    assert!(h.query_by_label("Окно выбора файла не открылось").is_none(), "the question is gone");
    assert!(h.query_all_by_value("сотрудники.csv").next().is_some(), "the typed file is read");
    h.get_by_label("Загрузить (1)");
    // A save goes the same way: «Шаблон» writes where the path says, on the one press.
    let template = dir.path().join("шаблон.xlsx");
    click(&mut h, "Скачать шаблон…");
    h.get_by_label("Окно выбора файла не открылось");
    type_into(&mut h, "Сохранить как:", &template.display().to_string());
    h.get_by_label("Готово").click();
    settle(&mut h);
    assert!(template.is_file(), "the template is written to the typed path");
    h.get_by_label_contains("шаблон.xlsx");
}

/// A card's history shows the person's own records of an action that changed many (an import of courses
/// for two), says how many others its undo would bring back, and lists an added record's values without
/// arrows and without its unticked boxes.
#[test]
fn a_cards_history_shows_the_persons_records_of_a_shared_action() {
    let (mut ids, mut h) = (Vec::new(), None);
    let (_dir, harness) = window_with(|store| {
        ids.push(seed(store, "Воронцова", "математика"));
        ids.push(seed(store, "Лебедева", "история"));
    });
    h.replace(harness);
    let mut h = h.expect("window");
    let mut theirs = course(ids[1], "20.11.2026");
    theirs.title = "Чужие курсы".into();
    let records = vec![course(ids[0], "25.11.2026").into(), theirs.into()];
    h.state_mut().session_mut().expect("open").put_many("Импорт из таблицы «курсы.xlsx»", records).expect("put");
    h.run();
    h.get_by_label("Педагоги").click();
    h.run();
    h.get_all_by_label_contains("Воронцова").next().expect("in the list").click();
    h.run();
    click_tab(&mut h, "История изменений");
    h.get_by_label_contains("в этом действии ещё 1 запись других работников — отмена вернёт и их");
    h.get_all_by_label_contains("Формирование функциональной грамотности").next().expect("her course");
    assert!(
        h.query_all_by_label_contains("Чужие курсы").next().is_none(),
        "another teacher's course is not in her card"
    );
    assert!(h.query_all_by_label_contains("Часы: 36").next().is_some(), "an added record's hours, without arrows");
    assert!(h.query_all_by_label_contains("— → 36").next().is_none());
    assert!(h.query_all_by_label_contains("— → нет").next().is_none(), "no unticked box of a new record");
}

/// Words agree with the person in the window (issue 23): a woman «выступила с докладом» in the register of
/// events and «включена в резерв» in the reserve, a man «выступил с докладом».
#[test]
fn the_registers_speak_of_a_woman_and_a_man_in_their_own_words() {
    let (_dir, mut h) = window_with(|store| {
        let her = seed(store, "Воронцова", "математика");
        let mut man = person("Громов", "10.01.1980", "01.09.2005");
        man.sex = Some(Sex::Male);
        man.first_name = "Игорь".into();
        let him = man.id;
        store.put("работник", man, d("23.11.2026")).expect("him");
        for (who, title) in [(her, "Функциональная грамотность"), (him, "Цифровая школа")]
        {
            let e = Event {
                id: EventId::new(),
                author: org(),
                person: who,
                group: None,
                title: title.into(),
                kind: EventKind::Seminar,
                date: d("10.10.2026"),
                level: Level::Municipal,
                role: EventRole::Speaker,
            };
            store.put("мероприятие", e, d("23.11.2026")).expect("event");
        }
    });
    h.get_all_by_label("Сообщества и мероприятия").next().expect("the navigation").click();
    h.run();
    assert!(h.query_all_by_label("выступила с докладом").next().is_some(), "she spoke");
    assert!(h.query_all_by_label("выступил с докладом").next().is_some(), "he spoke");
}

/// A route and a course rest on a diagnostic chosen in their forms (issue 25, «ИОМ basis and course
/// links»; seed 001: «ИОМ … на основе диагностики», seed 004, п. 3: courses «подобранные с учетом диагностики
/// … успешно сдали итоговую аттестацию»): the pickers list the teacher's own diagnostics, the route may rest
/// on a teacher's request instead, and `route_has` and `course_register_diag` count what was set.
#[test]
fn a_route_and_a_course_rest_on_a_diagnostic_chosen_in_the_form() {
    use uchrost::domain::indicators::{self, Breakdown, Window};
    let (_dir, mut h) = window();
    new_teacher(&mut h, "Основова", "15.05.1985", "01.09.2010");
    click_tab(&mut h, "Диагностика");
    click(&mut h, "Добавить: диагностика");
    type_into(&mut h, "Дата", "10.10.2026");
    type_into(&mut h, "Дефициты", "формирующее оценивание");
    click(&mut h, "Сохранить");
    let diag = data(&h).diagnostics[0].clone();
    let choice = format!("10.10.2026 — {}; дефициты: формирующее оценивание", diag.kind.label());
    click_tab(&mut h, "ИОМ");
    click(&mut h, "Добавить: ИОМ");
    type_into(&mut h, "Начало", "15.10.2026");
    type_into(&mut h, "Основание: запрос педагога", "хочу освоить формирующее оценивание");
    click(&mut h, "Основание: диагностика");
    h.get_by_label(&choice).click_accesskit();
    h.run();
    click(&mut h, "Сохранить");
    let route = data(&h).routes[0].clone();
    assert_eq!(route.basis_diagnostic, Some(diag.id), "the route rests on the diagnostic chosen");
    // A step with what it is to give.
    click(&mut h, "Добавить шаг");
    type_into(&mut h, "Содержание шага", "Семинар по формирующему оцениванию");
    type_into(&mut h, "Ожидаемый результат", "приёмы в трёх уроках");
    click(&mut h, "Сохранить шаг");
    assert_eq!(data(&h).routes[0].steps.last().map(|s| s.expected.clone()), Some("приёмы в трёх уроках".into()));
    assert_eq!(route.basis_request, "хочу освоить формирующее оценивание");
    click_tab(&mut h, "Курсы");
    click(&mut h, "Добавить: курсы");
    type_into(&mut h, "Название программы", "Формирующее оценивание на уроке");
    type_into(&mut h, "Дата окончания", "20.11.2026");
    type_into(&mut h, "Часы", "36");
    click(&mut h, "Из Федерального реестра ДПП");
    click(&mut h, "Подобраны по диагностике");
    h.get_by_label(&choice).click_accesskit();
    h.run();
    // The chosen line shows in its box; the list closes as a user's click elsewhere would close it.
    h.key_press(Key::Escape);
    h.run();
    click(&mut h, "Итоговая аттестация по курсу");
    h.get_by_label("сдана").click_accesskit();
    h.run();
    click(&mut h, "Сохранить");
    let course = data(&h).courses[0].clone();
    assert_eq!((course.diagnostic, course.final_assessment_passed), (Some(diag.id), Some(true)));
    // The indicators count what the forms set.
    let d = data(&h);
    let values = indicators::compute(
        &d,
        Window::school_year(SchoolYear(2026), today()),
        &RuleSettings::default(),
        Breakdown::None,
    );
    let of = |id: &str| {
        values.iter().find(|v| v.id == id && v.scope == indicators::Scope::All).map(|v| (v.numerator, v.denominator))
    };
    assert_eq!(of("route_has"), Some((1, 1)), "ИОМ на основе диагностики");
    assert_eq!(of("course_register_diag"), Some((1, 1)), "ДПО из реестра по диагностике");
}
