//! The records issue 25 added, entered from the command line (issue 25: «Each item works in the window and
//! on the command line»): `import-sheet --kind awards | practices | requests` — what a row holds lands in
//! the record, a row repeated later changes nothing, a bad value is refused with its row and column and
//! nothing is written.

use crate::support::*;
use uchrost::domain::*;
use uchrost::storage::{Change, DiskMode, HistoryMode, Store};

#[test]
fn awards_practices_and_requests_are_imported_from_sheets() {
    let (_dir, path, mut store) = school_db();
    let a = person("Алексеева", "10.01.1985", "01.09.2008");
    let b = person("Борисова", "10.01.1986", "01.09.2009");
    store
        .apply(
            "люди",
            vec![Change::Put(a.clone().into()), Change::Put(b.clone().into())],
            d("23.11.2026"),
            HistoryMode::Record,
        )
        .expect("write");
    store.close().expect("close");
    let load = || Store::open(&path, DiskMode::Local).expect("open").load().expect("load");

    // Awards: a kind people write («Почётная грамота министерства» — ведомственная), a bad kind refused.
    let bad = "ФИО;Вид награды;Награда, звание, поощрение;Дата;Документ\n\
               Алексеева Анна Ивановна;ведомственная;Почётная грамота Минпросвещения России;12.05.2024;приказ № 45/н\n\
               Борисова Анна Ивановна;медаль за отвагу;Медаль;01.01.2020;\n";
    let (code, text) = import_csv(&path, "awards", bad);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("строка 3") && text.contains("не вид награды"), "{text}");
    assert!(load().awards.is_empty(), "nothing written");
    let good = "ФИО;Вид награды;Награда, звание, поощрение;Дата;Документ\n\
                Алексеева Анна Ивановна;ведомственная;Почётная грамота Минпросвещения России;12.05.2024;приказ № 45/н\n\
                Борисова Анна Ивановна;Почётное звание;Почётный работник воспитания и просвещения РФ;01.10.2023;\n\
                Борисова Анна Ивановна;благодарность главы района;Благодарность;20.05.2025;\n";
    let (code, text) = import_csv(&path, "awards", good);
    assert_eq!(code, Some(0), "{text}");
    let data = load();
    let mut got: Vec<(PersonId, AwardKind, String, String)> =
        data.awards.iter().map(|x| (x.person, x.kind, x.title.clone(), x.document.clone())).collect();
    got.sort_by(|x, y| x.2.cmp(&y.2));
    assert_eq!(
        got,
        [
            (b.id, AwardKind::Encouragement, "Благодарность".to_string(), String::new()),
            (
                a.id,
                AwardKind::Departmental,
                "Почётная грамота Минпросвещения России".to_string(),
                "приказ № 45/н".to_string()
            ),
            (
                b.id,
                AwardKind::HonoraryTitle,
                "Почётный работник воспитания и просвещения РФ".to_string(),
                String::new()
            ),
        ]
    );
    let (code, text) = import_csv(&path, "awards", good);
    assert_eq!(code, Some(0), "{text}");
    assert_eq!(load().awards.len(), 3, "the same rows again change nothing");

    // Practices.
    let csv = "ФИО;Практика;Тема, дефицит;Уровень;Где представлена;Дата;Файл или ссылка\n\
               Алексеева Анна Ивановна;Лист самооценки на уроке;формирующее оценивание;муниципальный;форум «Я делаю так»;15.03.2026;https://school/12\n";
    let (code, text) = import_csv(&path, "practices", csv);
    assert_eq!(code, Some(0), "{text}");
    let data = load();
    let x = &data.practices[0];
    assert_eq!(
        (x.person, x.title.as_str(), x.topic.as_str(), x.level, x.shown_at.as_str(), x.date, x.file.as_str()),
        (
            a.id,
            "Лист самооценки на уроке",
            "формирующее оценивание",
            Level::Municipal,
            "форум «Я делаю так»",
            d("15.03.2026"),
            "https://school/12"
        )
    );

    // Requests: summed by direction in the course plan as entered.
    let csv = "ФИО;Дата;Направление;Желаемая форма;Примечание\n\
               Алексеева Анна Ивановна;15.09.2026;работа с детьми с ОВЗ;курсы;\n\
               Борисова Анна Ивановна;16.09.2026;Работа с детьми с ОВЗ;стажировка;после декрета\n";
    let (code, text) = import_csv(&path, "requests", csv);
    assert_eq!(code, Some(0), "{text}");
    let data = load();
    assert_eq!(data.requests.len(), 2);
    assert!(data.requests.iter().any(|r| r.person == b.id && r.form == "стажировка" && r.note == "после декрета"));
    let sums = plans::requests_by_direction(&data, d("23.11.2026"));
    assert_eq!(sums.first().map(|s| s.1.len()), Some(2), "{sums:?}");

    // Risks: the organisation's, matched by their wording; a second run only adds the measures.
    let csv = "Риск;Меры по минимизации риска\n\
               Недостаточная мотивация педагогов к участию в диагностике;\n\
               Дефицит кадров в сельских школах;Целевое обучение\n";
    let (code, text) = import_csv(&path, "risks", csv);
    assert_eq!(code, Some(0), "{text}");
    let csv = "Ожидаемые риски;Возможные мероприятия по минимизации риска\n\
               недостаточная мотивация педагогов к участию в диагностике;Разъяснительная работа\n";
    let (code, text) = import_csv(&path, "risks", csv);
    assert_eq!(code, Some(0), "{text}");
    let data = load();
    assert_eq!(data.risks.len(), 2);
    let own = data.organisations[0].id;
    assert!(data.risks.iter().all(|r| r.org == own));
    let r = data.risks.iter().find(|r| r.risk.starts_with("Недостаточная")).expect("the risk");
    assert_eq!(r.mitigation, "Разъяснительная работа");
}
