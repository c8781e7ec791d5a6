//! Validation: each bad record gets a Russian message naming the field and the problem.

use crate::support::*;
use uchrost::domain::*;

fn problems(record: impl Into<AnyRecord>) -> Vec<FieldError> {
    validate(&record.into(), d("23.11.2026")).err().unwrap_or_default()
}

/// Asserts that exactly the field `field` is reported and the message contains `words`.
fn check(record: impl Into<AnyRecord>, field: &str, words: &str) {
    let got = problems(record);
    assert!(
        !got.is_empty() && got.iter().all(|e| e.field == field) && got.iter().any(|e| e.message.contains(words)),
        "ожидалась ошибка только в поле {field} со словами «{words}», получено: {got:?}"
    );
}

#[test]
fn good_records_pass() {
    let p = person("Иванова", "10.01.1985", "01.09.2008");
    assert_eq!(problems(p.clone()), vec![]);
    assert_eq!(problems(course(p.id, "10.10.2025")), vec![]);
    assert_eq!(problems(attestation(p.id, Category::First, "10.10.2025")), vec![]);
}

#[test]
fn person_problems() {
    let mut p = person("  ", "10.01.1985", "01.09.2008");
    p.first_name = String::new();
    let got = problems(p);
    assert!(got.iter().any(|e| e.field == "last_name" && e.message == "поле не заполнено"), "{got:?}");
    assert!(got.iter().any(|e| e.field == "first_name"), "{got:?}");

    let no_start = |mut p: Person| {
        p.ped_experience_start = None;
        p
    };
    check(no_start(person("Юнова", "01.01.2014", "01.09.2025")), "birth_date", "12 лет");
    check(no_start(person("Старова", "01.01.1900", "01.09.1925")), "birth_date", "проверьте дату рождения");
    check(no_start(person("Будущева", "01.01.2030", "01.09.2025")), "birth_date", "ещё не наступила");
    check(person("Раннева", "01.01.1990", "01.09.2000"), "ped_experience_start", "10 лет");
    check(person("Иванова2", "01.01.1990", "01.09.2015"), "last_name", "цифр");
    let mut nobody = person("Никакова", "01.01.1990", "01.09.2015");
    nobody.pedagogical = false;
    check(nobody, "pedagogical", "управленческие");
    let mut mail = person("Почтова", "01.01.1990", "01.09.2015");
    mail.email = "почта.ру".into();
    check(mail, "email", "@");
}

#[test]
fn periods_end_after_start() {
    let p = PersonId::new();
    check(employment(p, "01.09.2020", Some("31.08.2020")), "end", "раньше даты начала 01.09.2020");
    check(absence(p, AbsenceKind::ChildCare, "01.09.2020", Some("01.01.2020")), "end", "раньше");
    let mut c = course(p, "10.10.2024");
    c.start = Some(d("20.10.2024"));
    check(c, "end", "дата окончания 10.10.2024 раньше даты начала 20.10.2024");
}

#[test]
fn course_hours_fit_the_kind() {
    let p = PersonId::new();
    // (kind, hours, ok)
    let cases = [
        (CourseKind::Upgrade, 15, false),
        (CourseKind::Upgrade, 16, true),
        (CourseKind::Retraining, 249, false),
        (CourseKind::Retraining, 250, true),
        (CourseKind::Internship, 8, true),
        (CourseKind::Upgrade, 5000, false),
    ];
    for (kind, hours, ok) in cases {
        let mut c = course(p, "10.10.2024");
        c.kind = kind;
        c.hours = hours;
        let got = problems(c);
        assert_eq!(got.iter().all(|e| e.field != "hours"), ok, "{kind} {hours} ч: {got:?}");
    }
    let mut c = course(p, "10.10.2024");
    c.kind = CourseKind::Retraining;
    c.hours = 100;
    check(c, "hours", "не менее 250 ч");
}

#[test]
fn attestation_dates() {
    let p = PersonId::new();
    let mut a = attestation(p, Category::First, "15.03.2021");
    a.order_date = Some(d("15.03.2026"));
    check(a.clone(), "order_date", "позже срока действия категории (14.03.2026)");
    a.order_date = Some(d("14.03.2021"));
    check(a.clone(), "order_date", "раньше даты решения");
    a.order_date = Some(d("20.03.2021"));
    assert_eq!(problems(a.clone()), vec![]);
    a.recommendations = true;
    check(a, "recommendations_text", "впишите");
    check(attestation(p, Category::First, "01.01.2027"), "decision_date", "ещё не наступила");
}

#[test]
fn a_teacher_does_not_mentor_themself() {
    let p = PersonId::new();
    let pair = pair(Some(p), p, "01.09.2025");
    check(pair.clone(), "mentor", "один и тот же человек");
    let nobody = Mentorship { mentor: None, ..pair };
    check(nobody, "mentor", "укажите наставника");
}

#[test]
fn messages_name_the_field_in_russian() {
    let got = problems(employment(PersonId::new(), "01.09.2020", Some("31.08.2020")));
    assert_eq!(got[0].to_string(), "«Дата увольнения»: дата окончания 31.08.2020 раньше даты начала 01.09.2020");
}

/// The byte scan of the merge's hot path finds exactly what the character rule finds in a multi-line
/// text: every character up to U+3000 and the byte-order mark, alone and between Cyrillic letters.
#[test]
fn the_byte_scan_finds_what_the_character_rule_finds() {
    use uchrost::domain::validation::{has_hidden_character, hidden_character};
    for code in (0u32..0x3000).chain([0xFEFF, 0xFEFE, 0xFFFD, 0x1F600]) {
        let Some(c) = char::from_u32(code) else { continue };
        for text in [c.to_string(), format!("Иванова{c}Анна"), format!("{c}ё"), format!("ж{c}")] {
            assert_eq!(
                has_hidden_character(&text),
                hidden_character(&text, false).is_some(),
                "U+{code:04X} in {text:?}"
            );
        }
    }
    // In a long text, at and across the edges of the scan's 64-byte blocks.
    for at in [0, 1, 61, 62, 63, 64, 65, 126, 127, 128, 129, 300] {
        for hidden in ['\u{200B}', '\u{FEFF}', '\u{202E}', '\u{2066}', '\u{85}', '\u{1}'] {
            let text: String = "x".repeat(at) + &hidden.to_string() + &"ё".repeat(50);
            assert!(has_hidden_character(&text), "U+{:04X} at byte {at}", hidden as u32);
            assert!(!has_hidden_character(&("x".repeat(at) + "ё€—«»" + &"ж".repeat(50))));
        }
    }
}
