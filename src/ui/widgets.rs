//! Small widgets of our own: the date field typed as `дд.мм.гггг` with immediate checking and a Russian
//! calendar (egui_extras' date picker speaks English and cannot be changed).

use super::{strings as s, theme};
use crate::app::Notice;
use crate::domain::{fmt_date, parse_date};
use chrono::{Datelike, NaiveDate};

const MONTHS: [&str; 12] = [
    "Январь",
    "Февраль",
    "Март",
    "Апрель",
    "Май",
    "Июнь",
    "Июль",
    "Август",
    "Сентябрь",
    "Октябрь",
    "Ноябрь",
    "Декабрь",
];
const WEEKDAYS: [&str; 7] = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"];

/// A date field: the text as typed (`дд.мм.гггг`), checked as it is typed, with a calendar button.
/// Returns true when the text changed. An unreadable text is shown in the error colour at once.
pub fn date_field(ui: &mut egui::Ui, text: &mut String, label: egui::Id, today: NaiveDate) -> bool {
    let mut changed = false;
    ui.horizontal(|ui| {
        // What is wrong with the text as typed («такой даты нет», or the expected form); none once fixed.
        let problem = if text.trim().is_empty() { None } else { crate::domain::dates::parse_typed(text).err() };
        let bad = problem.is_some();
        let mut edit = egui::TextEdit::singleline(text).desired_width(96.0).hint_text("дд.мм.гггг");
        if bad {
            edit = edit.text_color(theme::ERROR);
        }
        let response = ui.add(edit).labelled_by(label);
        changed |= response.changed();
        let button = ui.small_button(s::CALENDAR_BUTTON).on_hover_text(s::CALENDAR);
        let popup_id = button.id.with("calendar");
        egui::Popup::from_toggle_button_response(&button)
            .id(popup_id)
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
            .show(|ui| {
                let shown = parse_date(text).unwrap_or(today);
                let month_id = popup_id.with("month");
                let mut month: NaiveDate =
                    ui.data(|d| d.get_temp(month_id)).unwrap_or_else(|| shown.with_day(1).unwrap_or(shown));
                if let Some(day) = calendar_ui(ui, &mut month, parse_date(text), today) {
                    *text = fmt_date(day);
                    changed = true;
                    egui::Popup::close_id(ui.ctx(), popup_id);
                }
                ui.data_mut(|d| d.insert_temp(month_id, month));
            });
        if let Some(problem) = problem {
            ui.colored_label(theme::ERROR, problem);
        }
    });
    changed
}

/// A month of days; returns the day clicked.
fn calendar_ui(
    ui: &mut egui::Ui,
    month: &mut NaiveDate,
    selected: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let mut picked = None;
    ui.horizontal(|ui| {
        if ui.button("‹").on_hover_text(s::PREV_MONTH).clicked() {
            *month = crate::domain::dates::add_months(*month, -1);
        }
        // Month and year chosen directly: a date of birth forty years back is two choices, not 480 clicks.
        // The month dragged or typed (a number or the start of its name), the year likewise: a date of birth
        // forty years back is two entries, not hundreds of clicks on «‹».
        let mut m = month.month0() as usize;
        let month_label = ui.label(s::CALENDAR_MONTH);
        let mut m1 = m as f64 + 1.0;
        ui.add(
            egui::DragValue::new(&mut m1)
                .range(1.0..=12.0)
                .speed(0.1)
                .custom_formatter(|n, _| MONTHS[(n as usize).clamp(1, 12) - 1].to_string())
                .custom_parser(|t| {
                    let t = t.trim().to_lowercase();
                    t.parse::<f64>().ok().or_else(|| {
                        MONTHS
                            .iter()
                            .position(|name| !t.is_empty() && name.to_lowercase().starts_with(&t))
                            .map(|i| i as f64 + 1.0)
                    })
                }),
        )
        .labelled_by(month_label.id)
        .on_hover_text(s::CALENDAR_MONTH);
        m = (m1 as usize).clamp(1, 12) - 1;
        // The year typed or dragged (a combo box of a hundred years would need scrolling).
        let mut y = month.year();
        let year_label = ui.label(s::CALENDAR_YEAR);
        ui.add(egui::DragValue::new(&mut y).range(today.year() - 120..=today.year() + 20).speed(0.2))
            .labelled_by(year_label.id)
            .on_hover_text(s::CALENDAR_YEAR);
        if (m, y) != (month.month0() as usize, month.year())
            && let Some(first) = NaiveDate::from_ymd_opt(y, m as u32 + 1, 1)
        {
            *month = first;
        }
        if ui.button("›").on_hover_text(s::NEXT_MONTH).clicked() {
            *month = crate::domain::dates::add_months(*month, 1);
        }
    });
    egui::Grid::new("calendar_days").spacing([2.0, 2.0]).show(ui, |ui| {
        for w in WEEKDAYS {
            ui.label(w);
        }
        ui.end_row();
        let offset = month.weekday().num_days_from_monday() as i64;
        let mut day = *month - chrono::Duration::days(offset);
        for _week in 0..6 {
            for _ in 0..7 {
                let in_month = day.month() == month.month();
                let mut text = egui::RichText::new(format!("{:>2}", day.day()));
                if !in_month {
                    text = text.weak();
                }
                if day == today {
                    text = text.underline();
                }
                if ui.selectable_label(Some(day) == selected, text).clicked() {
                    picked = Some(day);
                }
                day = day.succ_opt().unwrap_or(day);
            }
            ui.end_row();
        }
    });
    if ui.button(s::TODAY_BUTTON).clicked() {
        picked = Some(today);
    }
    picked
}

/// A drop-down list with its label before it (the label also names the list for screen readers).
pub fn labelled_combo<R>(
    ui: &mut egui::Ui,
    label: &str,
    selected: impl Into<egui::WidgetText>,
    width: f32,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> egui::Response {
    // One unit: where a row wraps, the label goes to the next line with its list, never apart from it.
    ui.horizontal(|ui| {
        let l = ui.label(label);
        egui::ComboBox::from_id_salt(("labelled_combo", label))
            .selected_text(selected)
            .width(width)
            .show_ui(ui, add)
            .response
            .labelled_by(l.id)
    })
    .inner
}

/// The outcome of the last action on a screen: plain when it went well, red when it was refused.
pub fn outcome(ui: &mut egui::Ui, message: &Option<Notice>) {
    match message {
        Some(Notice::Done(m)) => {
            ui.label(m.as_str());
        }
        Some(Notice::Failed(m)) => {
            ui.colored_label(super::theme::ERROR, m.as_str());
        }
        None => {}
    }
}

/// A background job's progress line (spinner and bar); the frame repaints until it ends.
pub fn progress(ui: &mut egui::Ui, fraction: f32, text: impl Into<egui::WidgetText>) {
    ui.horizontal(|ui| {
        ui.spinner();
        ui.add(egui::ProgressBar::new(fraction).desired_width(260.0).text(text));
    });
    ui.ctx().request_repaint_after(std::time::Duration::from_millis(50));
}
