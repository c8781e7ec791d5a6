//! The one theme module: colours, spacing and text sizes are declared here and nowhere else.

use egui::Color32;

/// Text of a problem the user must fix.
pub const ERROR: Color32 = Color32::from_rgb(0xB0, 0x24, 0x18);
/// Something that needs attention soon.
pub const WARNING: Color32 = Color32::from_rgb(0xA8, 0x5A, 0x00);

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
