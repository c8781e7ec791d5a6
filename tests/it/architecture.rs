//! The floors of the house: a lower module never uses a higher one, `domain` reads no clock and no
//! file system, and the screens never touch rusqlite. A single crate cannot make the compiler enforce
//! this, so this test reads the sources.

use std::path::Path;

fn sources(dir: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir);
    let mut stack = vec![root.clone()];
    if root.is_file() {
        return vec![(dir.into(), std::fs::read_to_string(&root).expect("read"))];
    }
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir") {
            let path = e.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push((path.display().to_string(), std::fs::read_to_string(&path).expect("read")));
            }
        }
    }
    out
}

fn forbid(dir: &str, words: &[&str]) {
    for (file, text) in sources(dir) {
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for w in words {
                assert!(!code.contains(w), "{file}:{}: «{w}» is not allowed in {dir}: {line}", n + 1);
            }
        }
    }
}

#[test]
fn every_arrow_points_down() {
    forbid(
        "domain",
        &[
            "egui",
            "rusqlite",
            "std::fs",
            "Local::now",
            "Utc::now",
            "crate::storage",
            "crate::app",
            "crate::ui",
            "crate::cli",
        ],
    );
    forbid("storage", &["egui", "crate::app", "crate::ui", "crate::cli", "crate::demo"]);
    forbid("import", &["egui", "rusqlite", "crate::storage", "crate::app", "crate::ui", "crate::cli", "Local::now"]);
    forbid(
        "exchange",
        &["egui", "rusqlite", "std::fs", "Local::now", "crate::storage", "crate::app", "crate::ui", "crate::cli"],
    );
    forbid("demo.rs", &["egui", "rusqlite", "crate::storage", "crate::app", "crate::ui", "Local::now"]);
    forbid(
        "report",
        &["egui", "rusqlite", "std::fs", "Local::now", "crate::storage", "crate::app", "crate::ui", "crate::cli"],
    );
    forbid("app", &["egui", "crate::ui", "crate::cli"]);
    // The screens reach spreadsheets, packages and files through `app`.
    forbid("ui", &["rusqlite", "crate::cli", "crate::storage", "crate::import", "crate::exchange", "std::fs"]);
    forbid("cli", &["rusqlite", "egui", "crate::ui"]);
}

/// Screens do not write: they send commands, which the window applies once per frame (`app::commands`).
#[test]
fn screens_send_commands_instead_of_writing() {
    forbid(
        "ui",
        &[
            "session.put(",
            "session.put_many(",
            "session.backup_then_put_many(",
            "session.delete(",
            "session.delete_person(",
            "session.undo(",
            "session.save_entered(",
            "session.set_target(",
            "session.set_rule_settings(",
            "session.add_teacher(",
            "session.set_profile(",
            "session.set_dictionary(",
            ".apply(",
        ],
    );
}

/// The library is built without a test harness (`[lib] test = false`): a `#[cfg(test)]` module in `src/`
/// would never run. Tests live in `tests/it/`.
#[test]
fn no_unit_test_hides_in_the_library() {
    for (file, text) in sources("") {
        assert!(!text.contains("#[cfg(test)]"), "{file}: a test module that `cargo test` never runs");
    }
}
