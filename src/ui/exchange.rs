//! The Обмен screen. At a school: this database's key, the municipality's key, what a package carries
//! (the 152-ФЗ table with counts), making a package, taking in the municipality's package and receipt,
//! and the log. At a municipality: its key card, the schools with their keys and last packages, taking in
//! packages with a preview first (a new school's fingerprint confirmed against its paper card), the
//! package back to a school, receipts, revocation, the package for the region, and the log. At a region:
//! the municipalities and their packages the same way. Everywhere: the key rotation.

use super::dialogs::FileDialogs;
use super::{strings as s, theme};
use crate::app::Notice;
use crate::app::Session;
use crate::app::exchange::{ExportTarget, FileOutcome, Overview};
use crate::domain::{OrgId, OrgRole, fmt_date};
use std::path::PathBuf;

/// Takes in a card and says what was taken (or why not).
fn take_card(session: &mut Session, text: &str) -> Notice {
    match session.take_key_card(text) {
        Ok(card) => Notice::Done(format!(
            "{} {} ({}), {} {}",
            s::EX_CARD_TAKEN,
            card.name,
            card.code,
            s::EX_FINGERPRINT,
            card.fingerprint()
        )),
        Err(e) => Notice::Failed(e.to_string()),
    }
}

/// Days without a package after which a school is marked.
pub const QUIET_DAYS: i64 = 45;

#[derive(Default)]
pub struct ExchangeScreen {
    overview: Option<Overview>,
    generation: u64,
    unencrypted: bool,
    /// Files previewed and waiting for confirmation, with the preview.
    pending: Vec<PathBuf>,
    preview: Vec<FileOutcome>,
    fingerprint_checked: bool,
    results: Vec<FileOutcome>,
    message: Option<Notice>,
    /// The key rotation explained and waiting for confirmation.
    confirm_rotation: bool,
    /// The organisation (by code) whose key waits for the revocation to be confirmed.
    confirm_revoke: Option<String>,
    /// A card of a new database whose code is registered to another (lost) one, waiting for the choice
    /// to take it in that one's place: the card's text, the registered organisation, its fingerprint and
    /// the new card's.
    confirm_replace: Option<(String, String, String, String)>,
    /// A card read and shown with its fingerprint, kept only once the user confirms it matches the paper
    /// card: its text and what to show of it.
    confirm_card: Option<(String, String)>,
}

impl ExchangeScreen {
    pub fn ui(&mut self, ui: &mut egui::Ui, session: &mut Session, dialogs: &dyn FileDialogs) {
        if self.overview.is_none() || self.generation != session.generation {
            match session.exchange_overview() {
                Ok(o) => self.overview = Some(o),
                Err(e) => self.message = Some(Notice::Failed(e.to_string())),
            }
            self.generation = session.generation;
        }
        let Some(o) = self.overview.clone() else { return };
        let school = session.org().role == OrgRole::School;
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            ui.heading(s::EX_TITLE);
            ui.horizontal(|ui| {
                ui.label(format!("{} {}", s::EX_OWN_KEY, o.own_fingerprint));
                if dialogs.pressed(&ui.button(s::EX_SAVE_CARD))
                    && let Some(path) = dialogs.save_file(s::EX_SAVE_CARD, "карточка-ключа.txt", "Текст", &["txt"])
                {
                    self.message = Some(match session.own_key_card() {
                        Ok(text) => match crate::app::write_atomically(&path, text.as_bytes()) {
                            Ok(()) => Notice::Done(format!("{} {}", s::EX_CARD_SAVED, path.display())),
                            Err(e) => Notice::Failed(crate::app::io_message(&e)),
                        },
                        Err(e) => Notice::Failed(e.to_string()),
                    });
                }
                if dialogs.pressed(&ui.button(s::EX_TAKE_CARD)) {
                    self.pick_card(session, dialogs);
                }
                if o.rotation.is_none() && ui.button(s::EX_ROTATE).clicked() {
                    self.confirm_rotation = true;
                }
            });
            if let Some((text, about)) = self.confirm_card.clone() {
                ui.colored_label(theme::WARNING, format!("{} {about}. {}", s::EX_CARD_CHECK, s::EX_CARD_CHECK_TAIL));
                ui.horizontal(|ui| {
                    if ui.button(s::EX_CARD_CONFIRM).clicked() {
                        self.message = Some(take_card(session, &text));
                        self.confirm_card = None;
                    }
                    if ui.button(s::EX_CANCEL).clicked() {
                        self.confirm_card = None;
                    }
                });
            }
            if let Some((text, old, old_fp, new_fp)) = self.confirm_replace.clone() {
                ui.colored_label(
                    theme::WARNING,
                    format!(
                        "{} {old} ({} {old_fp}). {} {new_fp}. {}",
                        s::EX_REPLACE_TAKEN,
                        s::EX_FINGERPRINT,
                        s::EX_REPLACE_NEW,
                        s::EX_REPLACE_EXPLAIN
                    ),
                );
                ui.horizontal(|ui| {
                    if ui.button(s::EX_REPLACE_CONFIRM).clicked() {
                        self.message = Some(match session.replace_with_card(&text) {
                            Ok(done) => Notice::Done(format!(
                                "{} «{}» ({}). {} {}",
                                s::EX_REPLACED,
                                done.card.name,
                                done.card.code,
                                s::EX_REPLACED_HELD,
                                done.held
                            )),
                            Err(e) => Notice::Failed(e.to_string()),
                        });
                        self.confirm_replace = None;
                    }
                    if ui.button(s::EX_CANCEL).clicked() {
                        self.confirm_replace = None;
                    }
                });
            }
            if let Some(fp) = &o.rotation {
                ui.colored_label(theme::WARNING, format!("{} {fp} {}", s::EX_ROTATING, s::EX_ROTATING_TAIL));
            }
            if self.confirm_rotation {
                ui.label(s::EX_ROTATE_EXPLAIN);
                ui.horizontal(|ui| {
                    if ui.button(s::EX_ROTATE_CONFIRM).clicked() {
                        self.message = Some(match session.rotate_keys() {
                            Ok(fp) => Notice::Done(format!("{} {fp}. {}", s::EX_ROTATED, s::EX_ROTATING_TAIL)),
                            Err(e) => Notice::Failed(e.to_string()),
                        });
                        self.confirm_rotation = false;
                    }
                    if ui.button(s::EX_CANCEL).clicked() {
                        self.confirm_rotation = false;
                    }
                });
            }
            super::widgets::outcome(ui, &self.message);
            ui.separator();
            if school {
                self.school_ui(ui, session, dialogs, &o);
            } else {
                self.municipal_ui(ui, session, dialogs, &o);
            }
            ui.separator();
            ui.strong(s::EX_MADE_LOG);
            if o.made.is_empty() {
                ui.weak(s::EX_NONE_MADE);
            }
            egui::Grid::new("packages_made").striped(true).num_columns(4).show(ui, |ui| {
                for p in &o.made {
                    ui.label(format!("№{}", p.sequence));
                    ui.label(p.at.get(..16).unwrap_or(&p.at).replace('T', " "));
                    ui.label(std::path::Path::new(&p.file).file_name().and_then(|n| n.to_str()).unwrap_or(&p.file));
                    ui.label(if p.encrypted { s::EX_ENCRYPTED } else { s::EX_NOT_ENCRYPTED });
                    ui.end_row();
                }
            });
            ui.add_space(theme::GAP);
            ui.strong(s::EX_LOG);
            egui::Grid::new("package_log").striped(true).num_columns(4).show(ui, |ui| {
                for e in o.log.iter().take(20) {
                    ui.label(e.at.replace('T', " "));
                    ui.label(std::path::Path::new(&e.file).file_name().and_then(|n| n.to_str()).unwrap_or(&e.file));
                    ui.label(&e.result);
                    ui.label(&e.message);
                    ui.end_row();
                }
            });
        });
    }

    /// Reads a key card the user picks and asks to compare its fingerprint (or whether it takes a lost
    /// database's place) before anything is kept.
    fn pick_card(&mut self, session: &mut Session, dialogs: &dyn FileDialogs) {
        let Some(path) = dialogs.open_files(s::EX_TAKE_CARD, "Карточка ключа", &["txt"]).into_iter().next()
        else {
            return;
        };
        // A card whose code is registered to another database asks first whether the new
        // database takes the lost one's place.
        // Nothing is kept before the fingerprint is compared with the paper card.
        self.message = match crate::app::exchange::read_card(&path) {
            Ok((text, card)) => match session.card_replaces(&text) {
                Ok(Some((old, fp))) => {
                    self.confirm_replace = Some((text, old, fp, card.fingerprint()));
                    None
                }
                Ok(None) => {
                    let about = format!(
                        "{} ({}, {}), {} {}",
                        card.name,
                        card.code,
                        card.role.label(),
                        s::EX_FINGERPRINT,
                        card.fingerprint()
                    );
                    self.confirm_card = Some((text, about));
                    None
                }
                Err(e) => Some(Notice::Failed(e.to_string())),
            },
            Err(e) => Some(Notice::Failed(e.to_string())),
        };
    }

    fn school_ui(&mut self, ui: &mut egui::Ui, session: &mut Session, dialogs: &dyn FileDialogs, o: &Overview) {
        let municipality = o.peers.iter().find(|p| p.role != OrgRole::School.label());
        match municipality {
            Some(m) => ui.label(format!(
                "{} {} ({}), {} {}",
                s::EX_MUNICIPALITY,
                m.name,
                m.code,
                s::EX_FINGERPRINT,
                m.fingerprint
            )),
            None => {
                // What to do, with the button right there (not a hint after a file was chosen).
                ui.colored_label(theme::WARNING, s::EX_NO_MUNICIPALITY);
                if dialogs.pressed(&ui.button(s::EX_TAKE_CARD)) {
                    self.pick_card(session, dialogs);
                }
                ui.label(s::EX_NO_MUNICIPALITY_OR)
            }
        };
        last_sent_ui(ui, o);
        ui.add_space(theme::GAP);
        ui.strong(s::EX_WHAT_LEAVES);
        ui.label(s::EX_PRIVACY);
        egui::Grid::new("outgoing").striped(true).num_columns(2).show(ui, |ui| {
            for (kind, n) in &o.outgoing {
                ui.label(kind.label());
                ui.label(n.to_string());
                ui.end_row();
            }
        });
        if municipality.is_none_or(|m| !m.encrypts) {
            ui.checkbox(&mut self.unencrypted, s::EX_UNENCRYPTED);
        }
        // Without the municipality's key a package is made only when asked to go unencrypted.
        let can_make = municipality.is_some_and(|m| m.encrypts) || self.unencrypted;
        ui.horizontal(|ui| {
            if dialogs.pressed(&ui.add_enabled(can_make, egui::Button::new(s::EX_MAKE_PACKAGE))) {
                let name = format!(
                    "пакет-{}-{}.uchpkg",
                    session.org().code,
                    o.last_sent.as_ref().map_or(1, |l| l.sequence + 1)
                );
                if let Some(path) = dialogs.save_file(s::EX_MAKE_PACKAGE, &name, "Пакет УчРост", &["uchpkg"])
                {
                    self.message = Some(match session.export_package(&path, ExportTarget::Upward, self.unencrypted) {
                        Ok(done) => Notice::Done(format!(
                            "{} №{} — {}{}",
                            s::EX_PACKAGE_MADE,
                            done.sequence,
                            path.display(),
                            if done.encrypted { "" } else { " (без шифрования)" }
                        )),
                        Err(e) => Notice::Failed(e.to_string()),
                    });
                }
            }
            if dialogs.pressed(&ui.button(s::EX_TAKE_PACKAGE)) {
                let files = dialogs.open_files(s::EX_TAKE_PACKAGE, "Пакет УчРост", &["uchpkg"]);
                self.take_at_school(session, &files);
            }
            if dialogs.pressed(&ui.button(s::EX_OPEN_RECEIPT))
                && let Some(path) =
                    dialogs.open_files(s::EX_OPEN_RECEIPT, "Квитанция", &["uchpkg", "uchrcpt"]).into_iter().next()
            {
                self.open_receipt(session, &path);
            }
        });
        results_ui(ui, &self.results);
    }

    /// A file handed to the window (a double-clicked or dropped package or receipt): at a school a
    /// package is taken in and a receipt opened, as the buttons do; a municipality or region previews
    /// the packages first and waits for «Принять».
    pub fn offer(&mut self, session: &mut Session, files: Vec<PathBuf>) {
        let receipt = |p: &PathBuf| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("uchrcpt"));
        if session.org().role == OrgRole::School {
            let (receipts, packages): (Vec<PathBuf>, Vec<PathBuf>) = files.into_iter().partition(receipt);
            self.take_at_school(session, &packages);
            if let Some(r) = receipts.first() {
                self.open_receipt(session, r);
            }
        } else {
            self.preview(session, files);
        }
    }

    /// A school takes in the municipality's packages.
    fn take_at_school(&mut self, session: &mut Session, files: &[PathBuf]) {
        if files.is_empty() {
            return;
        }
        let refs: Vec<&std::path::Path> = files.iter().map(PathBuf::as_path).collect();
        match session.import_packages(&refs, false, false) {
            Ok(r) => self.results = r,
            Err(e) => self.message = Some(Notice::Failed(e.to_string())),
        }
    }

    /// A municipality or region checks packages without writing, and keeps them for «Принять».
    fn preview(&mut self, session: &mut Session, files: Vec<PathBuf>) {
        if files.is_empty() {
            return;
        }
        let refs: Vec<&std::path::Path> = files.iter().map(PathBuf::as_path).collect();
        match session.import_packages(&refs, true, true) {
            Ok(r) => {
                self.preview = r;
                self.pending = files;
                self.fingerprint_checked = false;
                self.results.clear();
            }
            Err(e) => self.message = Some(Notice::Failed(e.to_string())),
        }
    }

    /// A school opens the municipality's receipt.
    fn open_receipt(&mut self, session: &mut Session, path: &std::path::Path) {
        self.message = Some(match session.open_receipt_file(path) {
            Ok((r, behind)) => Notice::Done(format!(
                "{} №{}{}",
                s::EX_RECEIPT_OK,
                r.last_sequence,
                if behind { format!("; {} №{}", s::EX_CONTINUES, r.last_sequence + 1) } else { String::new() }
            )),
            Err(e) => Notice::Failed(e.to_string()),
        });
    }

    /// A municipality's package for the region: the region's key and the button.
    fn region_ui(&mut self, ui: &mut egui::Ui, session: &mut Session, dialogs: &dyn FileDialogs, o: &Overview) {
        let region = o.peers.iter().find(|p| p.role == OrgRole::Region.label() && !p.revoked);
        match region {
            Some(r) => {
                ui.label(format!("{} {} ({}), {} {}", s::EX_REGION, r.name, r.code, s::EX_FINGERPRINT, r.fingerprint))
            }
            None => ui.colored_label(theme::WARNING, s::EX_NO_REGION),
        };
        last_sent_ui(ui, o);
        ui.label(s::EX_UP_WHAT);
        let total: u64 = o.outgoing.iter().map(|(_, n)| n).sum();
        ui.label(
            o.outgoing.iter().map(|(k, n)| format!("{} {n}", k.label())).collect::<Vec<_>>().join(", ")
                + &format!(" — всего {total}"),
        );
        if region.is_none_or(|r| !r.encrypts) {
            ui.checkbox(&mut self.unencrypted, s::EX_UNENCRYPTED);
        }
        if dialogs.pressed(&ui.button(s::EX_MAKE_UP)) {
            let name = format!(
                "пакет-{}-для-региона-{}.uchpkg",
                session.org().code,
                o.last_sent.as_ref().map_or(1, |l| l.sequence + 1)
            );
            if let Some(path) = dialogs.save_file(s::EX_MAKE_UP, &name, "Пакет УчРост", &["uchpkg"]) {
                self.message = Some(match session.export_package(&path, ExportTarget::Upward, self.unencrypted) {
                    Ok(done) => Notice::Done(format!("{} №{} — {}", s::EX_PACKAGE_MADE, done.sequence, path.display())),
                    Err(e) => Notice::Failed(e.to_string()),
                });
            }
        }
    }

    fn municipal_ui(&mut self, ui: &mut egui::Ui, session: &mut Session, dialogs: &dyn FileDialogs, o: &Overview) {
        let region = session.org().role == OrgRole::Region;
        if !region {
            self.region_ui(ui, session, dialogs, o);
            ui.separator();
        }
        let (title, columns, lower) = if region {
            (s::EX_MUNICIPALITIES, s::EX_MUNICIPALITY_COLUMNS, OrgRole::Municipality)
        } else {
            (s::EX_SCHOOLS, s::EX_SCHOOL_COLUMNS, OrgRole::School)
        };
        ui.strong(title);
        let today = session.today();
        let schools: Vec<(OrgId, String, String)> =
            session.data().schools().map(|s| (s.id, s.code.clone(), s.short_name.clone())).collect();
        let mut back_to: Option<OrgId> = None;
        let mut receipt_for: Option<OrgId> = None;
        let mut revoke: Option<String> = None;
        egui::Grid::new("schools").striped(true).num_columns(7).show(ui, |ui| {
            for t in columns {
                ui.strong(t);
            }
            ui.end_row();
            for p in o.peers.iter().filter(|p| p.role == lower.label()) {
                ui.label(format!("{} ({})", p.name, p.code));
                if p.revoked {
                    ui.colored_label(theme::ERROR, format!("{} — {}", p.fingerprint, s::EX_REVOKED));
                } else {
                    ui.label(&p.fingerprint);
                }
                ui.label(p.last_sequence.map(|n| format!("№{n}")).unwrap_or_default());
                match p.last_date {
                    Some(d) if (today - d).num_days() > QUIET_DAYS => {
                        ui.colored_label(
                            theme::WARNING,
                            format!("{} — {} {}", fmt_date(d), (today - d).num_days(), s::EX_DAYS_AGO),
                        );
                    }
                    Some(d) => {
                        ui.label(fmt_date(d));
                    }
                    None => {
                        ui.label("—");
                    }
                }
                let id = uuid::Uuid::parse_str(&p.org).ok().map(OrgId);
                if !region && dialogs.pressed(&ui.add_enabled(p.encrypts && !p.revoked, egui::Button::new(s::EX_BACK)))
                {
                    back_to = id;
                }
                if dialogs.pressed(&ui.add_enabled(p.last_sequence.is_some(), egui::Button::new(s::EX_RECEIPT))) {
                    receipt_for = id;
                }
                if ui.add_enabled(!p.revoked, egui::Button::new(s::EX_REVOKE)).clicked() {
                    revoke = Some(p.code.clone());
                }
                ui.end_row();
            }
        });
        if revoke.is_some() {
            self.confirm_revoke = revoke;
        }
        if let Some(code) = self.confirm_revoke.clone() {
            let name = o.peers.iter().find(|p| p.code == code).map(|p| p.name.clone()).unwrap_or_default();
            ui.colored_label(theme::WARNING, format!("«{name}»: {}", s::EX_REVOKE_CONFIRM));
            ui.horizontal(|ui| {
                if ui.button(s::EX_REVOKE).clicked() {
                    self.message = Some(match session.revoke_key(&code) {
                        Ok(name) => Notice::Done(format!("Ключ «{name}» отозван")),
                        Err(e) => Notice::Failed(e.to_string()),
                    });
                    self.confirm_revoke = None;
                }
                if ui.button(s::EX_CANCEL).clicked() {
                    self.confirm_revoke = None;
                }
            });
        }
        if let Some(school) = back_to {
            let code = schools.iter().find(|x| x.0 == school).map(|x| x.1.clone()).unwrap_or_default();
            if let Some(path) =
                dialogs.save_file(s::EX_BACK, &format!("пакет-для-{code}.uchpkg"), "Пакет УчРост", &["uchpkg"])
            {
                self.message = Some(match session.export_package(&path, ExportTarget::BackTo(school), false) {
                    Ok(done) => Notice::Done(format!("{} №{} — {}", s::EX_PACKAGE_MADE, done.sequence, path.display())),
                    Err(e) => Notice::Failed(e.to_string()),
                });
            }
        }
        if let Some(school) = receipt_for {
            let code = schools.iter().find(|x| x.0 == school).map(|x| x.1.clone()).unwrap_or_default();
            if let Some(path) =
                dialogs.save_file(s::EX_RECEIPT, &format!("квитанция-{code}.uchpkg"), "Квитанция", &["uchpkg"])
            {
                self.message = Some(match session.receipt_for(school, &path) {
                    Ok(r) => Notice::Done(format!("{} «{}» №{}", s::EX_RECEIPT_MADE, r.school_name, r.last_sequence)),
                    Err(e) => Notice::Failed(e.to_string()),
                });
            }
        }
        ui.add_space(theme::GAP);
        if self.pending.is_empty() {
            let take = if region { s::EX_TAKE_MUNICIPAL_PACKAGES } else { s::EX_TAKE_PACKAGES };
            if dialogs.pressed(&ui.button(take)) {
                let files = dialogs.open_files(take, "Пакеты УчРост", &["uchpkg"]);
                self.preview(session, files);
            }
        } else {
            ui.strong(s::EX_PREVIEW);
            results_ui(ui, &self.preview);
            let new_keys = self.preview.iter().any(|r| r.fingerprint.is_some() && !r.refused());
            if new_keys {
                let label = if region { s::EX_FINGERPRINT_CHECKED_MUN } else { s::EX_FINGERPRINT_CHECKED };
                ui.checkbox(&mut self.fingerprint_checked, label);
            }
            ui.horizontal(|ui| {
                let ready = self.preview.iter().any(|r| !r.refused()) && (!new_keys || self.fingerprint_checked);
                if ui.add_enabled(ready, egui::Button::new(s::EX_ACCEPT)).clicked() {
                    let refs: Vec<&std::path::Path> = self.pending.iter().map(PathBuf::as_path).collect();
                    match session.import_packages(&refs, false, self.fingerprint_checked) {
                        Ok(r) => self.results = r,
                        Err(e) => self.message = Some(Notice::Failed(e.to_string())),
                    }
                    self.pending.clear();
                    self.preview.clear();
                }
                if ui.button(s::EX_CANCEL).clicked() {
                    self.pending.clear();
                    self.preview.clear();
                }
            });
        }
        results_ui(ui, &self.results);
    }
}

/// The last package this database made (or the number a receipt continued from).
fn last_sent_ui(ui: &mut egui::Ui, o: &Overview) {
    match &o.last_sent {
        Some(l) => ui.label(format!(
            "{} №{} — {}{}",
            s::EX_LAST_SENT,
            l.sequence,
            l.at.get(..10)
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .map(fmt_date)
                .unwrap_or_default(),
            if l.kind == "receipt" { format!(" ({})", s::EX_BY_RECEIPT) } else { String::new() }
        )),
        None => ui.label(s::EX_NOTHING_SENT),
    };
}

/// The outcome of each file: result, message, warnings and the plan by kind.
fn results_ui(ui: &mut egui::Ui, results: &[FileOutcome]) {
    for r in results {
        let name = std::path::Path::new(&r.file).file_name().and_then(|n| n.to_str()).unwrap_or(&r.file).to_string();
        let from = r.from.as_deref().map(|f| format!(" — {f}")).unwrap_or_default();
        let line = format!("{name}{from}: {} — {}", r.result, r.message);
        if r.refused() {
            ui.colored_label(theme::ERROR, line);
        } else {
            ui.label(line);
        }
        if let Some(fp) = &r.fingerprint {
            ui.label(format!("    {} {fp}", s::EX_SENDER_FINGERPRINT));
        }
        for w in &r.warnings {
            ui.colored_label(theme::WARNING, format!("    {w}"));
        }
        if let Some(plan) = &r.plan {
            for (kind, c) in &plan.per_kind {
                ui.label(format!("    {}: {c}", kind.label()));
            }
        }
    }
}
