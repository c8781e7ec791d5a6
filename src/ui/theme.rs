//! The one theme module: colours, spacing and text sizes are declared here and nowhere else.

use egui::Color32;

/// Text of a problem the user must fix.
pub const ERROR: Color32 = Color32::from_rgb(0xB0, 0x24, 0x18);
/// A target met, a thing done.
pub const GOOD: Color32 = Color32::from_rgb(0x1E, 0x7A, 0x34);
/// The main colour of charts.
pub const CHART: Color32 = Color32::from_rgb(0x2A, 0x5D, 0xA8);
/// Something that needs attention soon.
pub const WARNING: Color32 = Color32::from_rgb(0xA8, 0x5A, 0x00);

/// A thing due soon (a category, courses): the colour of its word, never the only sign of it.
pub const DUE: Color32 = WARNING;
/// A thing overdue (a step past its date, a category expired): always said in words as well.
pub const OVERDUE: Color32 = ERROR;
/// A thing done (a step, a target met).
pub const DONE: Color32 = GOOD;

/// Space between a control and the next one of the same group.
pub const GAP_SMALL: f32 = 4.0;
/// Space between lines of a form or parts of a panel.
pub const GAP: f32 = 8.0;
/// Space between sections of a screen.
pub const GAP_LARGE: f32 = 14.0;
/// Space above what stands alone in the middle of a screen (the first start, the opening of a base).
pub const PAGE_TOP: f32 = 60.0;

/// DejaVu Sans (Bitstream Vera licence, `assets/fonts/DejaVu-LICENSE.txt`) after egui's own font: it
/// draws the arrows and symbols egui's font lacks («→», «…», «№» in every weight).
const FALLBACK_FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Installs the fonts and the look; called once, on the first frame.
pub fn install(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert("dejavu".into(), std::sync::Arc::new(egui::FontData::from_static(FALLBACK_FONT)));
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts.families.entry(family).or_default().push("dejavu".into());
    }
    ctx.set_fonts(fonts);
    apply(ctx);
}

/// A calm light look with readable sizes for a school office.
pub fn apply(ctx: &egui::Context) {
    ctx.set_theme(egui::Theme::Light);
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(10.0, 4.0);
        for (text_style, size) in [
            (egui::TextStyle::Body, 15.0),
            (egui::TextStyle::Button, 15.0),
            (egui::TextStyle::Heading, 21.0),
            (egui::TextStyle::Small, 12.0),
            (egui::TextStyle::Monospace, 14.0),
        ] {
            if let Some(font) = style.text_styles.get_mut(&text_style) {
                font.size = size;
            }
        }
    });
}
