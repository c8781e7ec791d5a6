//! The Показатели screen driven through egui_kittest: the table shows the engine's numbers, a click on a
//! number lists who is counted and who is not and opens a card, a target is set and marked, an own
//! indicator is entered (and a wrong value refused), the breakdown and the staffing tab.

use crate::support::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use uchrost::app::DiskMode;
use uchrost::app::paths::DbLocation;
use uchrost::domain::indicators::{self, Breakdown, Scope, Window, compute, drill};
use uchrost::domain::*;
use uchrost::ui::UchrostApp;

fn today() -> chrono::NaiveDate {
    d("23.11.2026")
}

fn window() -> (tempfile::TempDir, Harness<'static, UchrostApp>) {
    let (dir, path, mut store) = school_db();
    uchrost::app::fill_school_demo(&mut store, 40, 3, today()).expect("demo");
    store.close().expect("close");
    let app = UchrostApp::new(DbLocation { path, mode: DiskMode::Local }, today());
    let h = harness_of(app, 1366.0, 900.0);
    (dir, h)
}

/// Steps frames until the background computation is done and the window is quiet for a few frames
/// (a click may start a computation only on the frame after it).
pub(crate) fn settle(h: &mut Harness<'static, UchrostApp>) {
    let mut quiet = 0;
    for _ in 0..4000 {
        h.step();
        if h.state().busy() {
            quiet = 0;
            std::thread::sleep(std::time::Duration::from_millis(2));
        } else {
            quiet += 1;
            if quiet >= 4 {
                return;
            }
        }
    }
    panic!("the board was not computed");
}

fn click(h: &mut Harness<'static, UchrostApp>, label: &str) {
    h.get_all_by_label(label).next().unwrap_or_else(|| panic!("no «{label}»")).click();
    settle(h);
}

fn type_into(h: &mut Harness<'static, UchrostApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    settle(h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    settle(h);
    h.get_by_label(label).type_text(text);
    settle(h);
}

/// Picks `option` from the drop-down labelled `label`.
fn choose(h: &mut Harness<'static, UchrostApp>, label: &str, option: &str) {
    h.get_by_label(label).click();
    settle(h);
    h.get_by_label(option).click_accesskit();
    settle(h);
}

fn data(h: &Harness<'static, UchrostApp>) -> Dataset {
    h.state().session().expect("open").data().clone()
}

#[test]
fn the_board_drills_down_sets_targets_and_takes_entered_indicators() {
    let (_dir, mut h) = window();
    click(&mut h, "Показатели");
    let snapshot = data(&h);
    let settings = RuleSettings::default();
    let w = Window::school_year(SchoolYear(2026), today());
    let values = compute(&snapshot, w, &settings, Breakdown::None);
    let cat = values.iter().find(|v| v.id == "category_high" && v.scope == "all").expect("category_high").clone();
    // The filter narrows the table to one group; the engine's number is there.
    choose(&mut h, "Группа", "Аттестация и категории");
    assert!(h.query_by_label_contains("прошедших диагностику").is_none(), "other groups are filtered out");
    h.get_by_label("Доля педагогов, имеющих первую и высшую квалификационную категорию");
    click(&mut h, &cat.display());

    // The drill-down: who is counted and who is not, as the engine lists them.
    let rows = drill(&snapshot, w, &settings, "category_high", &Scope::All);
    let counted: Vec<&str> = rows.iter().filter(|r| r.counted).map(|r| r.name.as_str()).collect();
    h.get_by_label(&format!("Посчитаны: {}", cat.numerator));
    h.get_by_label(&format!("Не посчитаны: {}", cat.denominator - cat.numerator));
    h.get_by_label("Динамика по учебным годам");
    h.get_by_label_contains("по категориям — высшая: ");
    // The drill-down is headed by the indicator's title, never its id.
    h.get_by_label_contains(&format!("{} · всего · ", cat.title));
    assert!(h.query_all_by_label_contains("category_high").next().is_none(), "no internal id on the screen");

    // A target above the actual share is stored as the school's and marked as not reached yet: the
    // school year still runs («не достигнута» only once it has ended).
    type_into(&mut h, "Своя цель школы:", "99,5");
    click(&mut h, "Сохранить цель");
    let stored = data_target(&h, "category_high");
    assert_eq!(stored, Some(99.5));
    h.get_by_label("≥ 99,5 %");
    h.get_all_by_label("… промежуточно (год идёт)").next().expect("the mark");
    assert!(h.query_all_by_label("✘ не достигнута").next().is_none(), "not «missed» while the year runs");
    // A target that is not a number is refused with a message and changes nothing.
    type_into(&mut h, "Своя цель школы:", "много");
    click(&mut h, "Сохранить цель");
    h.get_by_label_contains("Цель: введите число");
    assert_eq!(data_target(&h, "category_high"), Some(99.5));
    // A target out of 0–100 is refused by the store.
    type_into(&mut h, "Своя цель школы:", "140");
    click(&mut h, "Сохранить цель");
    h.get_by_label_contains("от 0 до 100");
    assert_eq!(data_target(&h, "category_high"), Some(99.5));

    // A counted teacher's name opens the card.
    let first = counted.first().expect("someone is counted").to_string();
    click(&mut h, &first);
    h.get_by_label("Сведения о работнике");

    // An own indicator: a wrong value is refused, a right one appears beside the computed ones.
    click(&mut h, "Показатели");
    click(&mut h, "Добавить свой показатель");
    type_into(&mut h, "Показатель", "Удовлетворённость педагогов условиями труда");
    type_into(&mut h, "Источник", "анкета, ноябрь");
    type_into(&mut h, "2026/2027", "семьдесят");
    click(&mut h, "Сохранить");
    h.get_by_label_contains("значение не число");
    let before = data(&h).entered.len();
    type_into(&mut h, "2026/2027", "71,5");
    type_into(&mut h, "2025/2026", "64");
    click(&mut h, "Сохранить");
    let after = data(&h);
    assert_eq!(after.entered.len(), before + 1);
    let e = after.entered.iter().find(|e| e.title.starts_with("Удовлетворённость")).expect("stored");
    assert_eq!((e.value_in(SchoolYear(2026)), e.value_in(SchoolYear(2025))), (Some(71.5), Some(64.0)));
    assert_eq!(e.source, "анкета, ноябрь");
    choose(&mut h, "Группа", "Введённые показатели");
    h.get_by_label("Удовлетворённость педагогов условиями труда (введённый)");
    h.get_by_label("71,5 %");
}

fn data_target(h: &Harness<'static, UchrostApp>, id: &str) -> Option<f64> {
    let data = data(h);
    let own = h.state().session().expect("open").org().id;
    data.targets.iter().find(|t| t.org == own && t.indicator == id && t.year == SchoolYear(2026)).map(|t| t.value)
}

#[test]
fn the_breakdown_by_subject_and_the_staffing_tab() {
    let (_dir, mut h) = window();
    click(&mut h, "Показатели");
    choose(&mut h, "Разбивка", "по предметам");
    let data = data(&h);
    let w = Window::school_year(SchoolYear(2026), today());
    let values = compute(&data, w, &RuleSettings::default(), Breakdown::Subject);
    let subject_row = values.iter().find(|v| matches!(v.scope, Scope::Subject(_))).expect("a subject row");
    let subject = subject_row.scope.name();
    assert!(h.query_all_by_label(subject).next().is_some(), "the subject rows are listed");
    click(&mut h, "Кадровые потребности");
    let staffing = indicators::staffing(&data, w.as_of, Breakdown::Subject);
    h.get_by_label("Педагогов");
    h.get_all_by_label(&staffing[0].teachers.to_string()).next().expect("the fact number");
    h.get_by_label_contains("высшее педагогическое: ");
    // A custom period with a wrong date says so and shows no stale table.
    click(&mut h, "Показатели");
    h.get_by_label("свой период").click();
    settle(&mut h);
    h.get_by_label_contains("Период: 01.09.2026 — 31.08.2027");
    type_into(&mut h, "с", "31.02.2026");
    h.get_by_label_contains("укажите обе даты");
    type_into(&mut h, "с", "01.01.2026");
    settle(&mut h);
    h.get_by_label_contains("Период: 01.01.2026 — 31.08.2027, на 23.11.2026");
}

/// Every text the window drew in its last frame, with the rectangle it takes and the rectangle it may be
/// seen in (egui_plot's axis labels are painted, not in the accessibility tree).
fn painted_texts(h: &Harness<'static, UchrostApp>) -> Vec<(String, egui::Rect, egui::Rect)> {
    fn walk(shape: &egui::Shape, clip: egui::Rect, out: &mut Vec<(String, egui::Rect, egui::Rect)>) {
        match shape {
            egui::Shape::Text(t) => out.push((t.galley.text().to_string(), t.visual_bounding_rect(), clip)),
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, clip, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for c in &h.output().shapes {
        walk(&c.shape, c.clip_rect, &mut out);
    }
    out
}

/// The trend chart of an indicator at 1366×768 shows every school year of its axis whole (issue 23: the
/// year axis was cut): each label is inside the window and inside the chart's visible part, and none is
/// drawn twice.
#[test]
fn the_trend_charts_year_axis_is_whole_at_1366_by_768() {
    let (dir, path, mut store) = school_db();
    uchrost::app::fill_school_demo(&mut store, 40, 3, today()).expect("demo");
    store.close().expect("close");
    let app = UchrostApp::new(DbLocation { path, mode: DiskMode::Local }, today());
    let mut h = harness_of(app, 1366.0, 768.0);
    click(&mut h, "Показатели");
    let snapshot = data(&h);
    let w = Window::school_year(SchoolYear(2026), today());
    let values = compute(&snapshot, w, &RuleSettings::default(), Breakdown::None);
    let cat = values.iter().find(|v| v.id == "category_high" && v.scope == "all").expect("category_high").clone();
    choose(&mut h, "Группа", "Аттестация и категории");
    click(&mut h, &cat.display());
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1366.0, 768.0));
    // A year is named whole or shortened as the chart's width allows: «2022/2023», «2022/23», «22/23».
    let labels: Vec<[String; 3]> = ((2026 - 4)..=2026)
        .map(|y| {
            [
                SchoolYear(y).to_string(),
                format!("{y}/{:02}", (y + 1) % 100),
                format!("{:02}/{:02}", y % 100, (y + 1) % 100),
            ]
        })
        .collect();
    // The drill-down scrolls: down until the axis is in sight from top to bottom.
    let mut texts = painted_texts(&h);
    for _ in 0..12 {
        let in_sight = |l: &[String; 3]| {
            texts
                .iter()
                .any(|(t, r, c)| l.contains(t) && r.top() >= c.top() && r.bottom() <= c.bottom().min(screen.bottom()))
        };
        if labels.iter().all(in_sight) {
            break;
        }
        // The wheel over the chart's heading (an accesskit scroll would go to the lists beside it).
        h.hover_at(h.get_by_label("Динамика по учебным годам").rect().center());
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -120.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        });
        settle(&mut h);
        texts = painted_texts(&h);
        eprintln!(
            "{:?}",
            texts.iter().filter(|t| t.0 == "0" || t.0 == "100" || t.0.starts_with("Цель")).collect::<Vec<_>>()
        );
    }
    for label in &labels {
        // Only the drill-down's own texts (the year chooser at the top names this year too).
        let panel = texts.iter().find(|(t, _, _)| t == "Динамика по учебным годам").expect("the chart's heading").2;
        let drawn: Vec<_> = texts.iter().filter(|(t, _, c)| label.contains(t) && panel.contains_rect(*c)).collect();
        let label = &label[0];
        assert_eq!(drawn.len(), 1, "«{label}» is on the axis once: {drawn:?}");
        let (_, rect, clip) = drawn[0];
        assert!(screen.contains_rect(*rect), "«{label}» at {rect:?} is inside the window");
        assert!(clip.contains_rect(*rect), "«{label}» at {rect:?} is not cut by {clip:?}");
    }
    drop(dir);
}
