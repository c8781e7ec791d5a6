//! Starting the program: the command line, or the window with a fallback between ways of drawing it,
//! and a failed start that explains itself in a Russian message box — never a silent exit.
//!
//! Two executables share this: `uchrost` (on Windows a GUI-subsystem program with no console window;
//! what a command prints is shown in a message box) and `uchrost-cli` (a console program for scripts:
//! it prints and hands its exit code back). Everywhere else `uchrost` is a console program too.
//!
//! The window is drawn with OpenGL 2 (glow). Where that fails — remote desktop, a virtual machine, the
//! basic display driver — Windows falls back to Direct3D 12 through wgpu, which Windows itself draws in
//! software (WARP) when no graphics card can; Linux starts itself again with Mesa's software OpenGL.
//! `--safe-mode` («безопасный режим», a Start-menu shortcut on Windows) starts with the fallback.

use crate::app::{WindowArgs, paths};
use crate::cli::{self, Exit, Next};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A way to draw the window, in the order [`attempts`] gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attempt {
    /// OpenGL 2 or later through the graphics driver (glow).
    OpenGl,
    /// Direct3D 12 through wgpu; Windows draws it in software (WARP) when no graphics card can.
    /// Built only into the Windows executable.
    Direct3d,
    /// OpenGL drawn in software by Mesa (llvmpipe): the program starts itself again with
    /// `LIBGL_ALWAYS_SOFTWARE=1`. Linux and other Unix systems.
    SoftwareOpenGl,
}

impl Attempt {
    /// How the message box names it.
    pub fn label(self) -> &'static str {
        match self {
            Attempt::OpenGl => "OpenGL",
            Attempt::Direct3d => "Direct3D 12",
            Attempt::SoftwareOpenGl => "программный OpenGL (Mesa)",
        }
    }
}

/// The environment variable that marks the restarted program (so it does not restart again).
pub const SOFTWARE_RESTART_ENV: &str = "UCHROST_SOFTWARE_GL";

/// The ways to try, in order: on Windows OpenGL then Direct3D (reversed in safe mode); elsewhere OpenGL
/// then a restart with software OpenGL (at once in safe mode); the restarted program draws with it.
pub fn attempts(windows: bool, safe_mode: bool, software_restart: bool) -> Vec<Attempt> {
    match (windows, safe_mode, software_restart) {
        (true, false, _) => vec![Attempt::OpenGl, Attempt::Direct3d],
        (true, true, _) => vec![Attempt::Direct3d, Attempt::OpenGl],
        (false, _, true) => vec![Attempt::SoftwareOpenGl],
        (false, false, false) => vec![Attempt::OpenGl, Attempt::SoftwareOpenGl],
        (false, true, false) => vec![Attempt::SoftwareOpenGl],
    }
}

/// The message box when no way of drawing the window worked.
pub fn start_failure_text(windows: bool, failures: &[(Attempt, String)]) -> String {
    let mut text = String::from("Не удалось открыть окно УчРост.\n\nПробовали способы отрисовки:\n");
    for (attempt, error) in failures {
        text.push_str(&format!("• {}: {}\n", attempt.label(), first_lines(error, 3)));
    }
    text.push_str("\nЧто можно сделать:\n");
    if windows {
        text.push_str(
            "• запустите «УчРост (безопасный режим)» из меню «Пуск» или uchrost.exe --safe-mode;\n\
             • обновите драйвер видеокарты; при удалённом подключении запустите программу на самом компьютере;\n",
        );
    } else {
        text.push_str("• запустите uchrost --safe-mode;\n• проверьте драйвер видеокарты и переменную DISPLAY;\n");
    }
    let cli = if windows { "uchrost-cli.exe" } else { "uchrost-cli" };
    text.push_str(&format!(
        "• данные не пострадали: база не открывалась. Команды работают и без окна: {cli} --help, \
         проверка программы: {cli} --self-test."
    ));
    text
}

/// The message box when the running window stopped on an internal error.
pub fn crash_text(error: &str, log: Option<&Path>) -> String {
    let mut text = format!(
        "УчРост остановился из-за внутренней ошибки:\n\n{}\n\nСохранённые данные не пострадали: каждая запись \
         сохраняется целиком или не сохраняется вовсе. Несохранённая правка в открытой форме могла пропасть.",
        first_lines(error, 8)
    );
    if let Some(log) = log {
        text.push_str(&format!("\n\nПодробности записаны в файл {} — пришлите его разработчикам.", log.display()));
    }
    text
}

fn first_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.trim().lines().collect();
    let mut out = lines.iter().take(n).copied().collect::<Vec<_>>().join("\n");
    if lines.len() > n {
        out.push_str(" …");
    }
    out
}

/// The console executable (`uchrost-cli`, and `uchrost` outside Windows).
pub fn main_console() -> ! {
    std::process::exit(run(false))
}

/// The windowed executable: on Windows it has no console, so what a command prints goes to a message
/// box; elsewhere it is the console executable.
pub fn main_windowed() -> ! {
    std::process::exit(run(cfg!(windows)))
}

fn run(windowed: bool) -> i32 {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut captured = Vec::new();
    let mut stdout = std::io::stdout();
    let out: &mut dyn Write = if windowed { &mut captured } else { &mut stdout };
    match cli::run(&args, out) {
        Next::Exit(exit) => {
            let code = exit.code();
            let printed = String::from_utf8_lossy(&captured).into_owned();
            match exit {
                Exit::Ok if windowed && !printed.trim().is_empty() => message_box(false, &shorten(&printed)),
                Exit::Ok => {}
                Exit::Error(msg) | Exit::Usage(msg) => {
                    let _ = std::io::stdout().flush();
                    eprintln!("Ошибка: {msg}");
                    if windowed {
                        message_box(true, &shorten(&format!("{printed}\nОшибка: {msg}")));
                    }
                }
            }
            code
        }
        Next::Gui(w) => window(w),
    }
}

/// A message box shows 40 lines at most; the rest is for `uchrost-cli`.
fn shorten(text: &str) -> String {
    let lines: Vec<&str> = text.trim().lines().collect();
    if lines.len() <= 40 {
        return lines.join("\n");
    }
    format!("{}\n…\n(весь текст выводит uchrost-cli.exe в командной строке)", lines[..40].join("\n"))
}

/// Shows a message box (and prints the text, for a console or a log).
pub fn message_box(error: bool, text: &str) {
    eprintln!("{text}");
    let level = if error { rfd::MessageLevel::Error } else { rfd::MessageLevel::Info };
    rfd::MessageDialog::new()
        .set_level(level)
        .set_title(if error { "УчРост — ошибка" } else { "УчРост" })
        .set_description(text)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
}

/// Where an internal error of the window is written down.
fn crash_log() -> Option<PathBuf> {
    paths::data_file("uchrost-errors.log")
}

/// Appends a dated line to the error log (and prints it); a log that cannot be written is no error.
fn log(line: &str) {
    eprintln!("{line}");
    let Some(file) = crash_log() else { return };
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Ok(mut f) = crate::storage::files::private_options().create(true).append(true).open(&file) {
        let _ = writeln!(
            f,
            "{} УчРост {} ({}): {line}",
            chrono::Local::now().format("%d.%m.%Y %H:%M:%S"),
            env!("CARGO_PKG_VERSION"),
            std::env::consts::OS
        );
    }
}

static LAST_PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Every panic is written to the error log and kept for the message box; the default hook still
/// prints it.
fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "неизвестная ошибка".into());
        let place = info.location().map(|l| format!(" ({}:{})", l.file(), l.line())).unwrap_or_default();
        let thread = std::thread::current().name().unwrap_or("без имени").to_string();
        let message = format!("{payload}{place}");
        log(&format!("внутренняя ошибка в потоке «{thread}»: {message}"));
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(message);
        }
        default(info);
    }));
}

fn last_panic() -> String {
    LAST_PANIC.lock().ok().and_then(|mut l| l.take()).unwrap_or_else(|| "неизвестная ошибка".into())
}

/// Opens the window, trying the ways of drawing it in order; returns the exit code.
fn window(args: WindowArgs) -> i32 {
    crate::storage::lock::set_program("окно УчРост");
    let exe = std::env::current_exe().ok();
    let Some(location) = paths::resolve_for_window(args.db.as_deref(), exe.as_deref()) else {
        message_box(true, crate::ui::strings::NO_DATA_DIR);
        return 1;
    };
    install_panic_hook();
    let software_restart = std::env::var_os(SOFTWARE_RESTART_ENV).is_some();
    let mut failures = Vec::new();
    for attempt in attempts(cfg!(windows), args.safe_mode, software_restart) {
        if !failures.is_empty() {
            log(&format!("пробуем способ «{}»", attempt.label()));
        }
        let renderer = match attempt {
            Attempt::SoftwareOpenGl if !software_restart => return restart_with_software_gl(),
            // The restarted program already has Mesa's software OpenGL in its environment.
            Attempt::OpenGl | Attempt::SoftwareOpenGl => eframe::Renderer::Glow,
            Attempt::Direct3d => match direct3d() {
                Some(r) => r,
                None => continue,
            },
        };
        let started = std::rc::Rc::new(std::cell::Cell::new(false));
        let flag = started.clone();
        let (location, open) = (location.clone(), args.open.clone());
        let fell_back = (!failures.is_empty()).then(|| format!("окно открыто способом «{}»", attempt.label()));
        let on_start = move || {
            flag.set(true);
            if let Some(line) = fell_back {
                log(&line);
            }
        };
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            crate::ui::run_native(location, open, renderer, on_start)
        }));
        let error = match result {
            Ok(Ok(())) => return 0,
            Ok(Err(e)) => e,
            Err(_) => last_panic(),
        };
        if started.get() {
            message_box(true, &crash_text(&error, crash_log().as_deref()));
            return 101;
        }
        // Written down for whoever helps the user later; the next way is tried at once.
        log(&format!("окно не открылось способом «{}»: {}", attempt.label(), first_lines(&error, 3)));
        failures.push((attempt, error));
    }
    message_box(true, &start_failure_text(cfg!(windows), &failures));
    1
}

#[cfg(windows)]
fn direct3d() -> Option<eframe::Renderer> {
    Some(eframe::Renderer::Wgpu)
}

#[cfg(not(windows))]
fn direct3d() -> Option<eframe::Renderer> {
    None
}

/// Starts this program again with Mesa's software OpenGL and the same arguments; its exit code is ours
/// (it explains its own failure).
fn restart_with_software_gl() -> i32 {
    let Ok(exe) = std::env::current_exe() else { return 1 };
    match std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env("LIBGL_ALWAYS_SOFTWARE", "1")
        .env(SOFTWARE_RESTART_ENV, "1")
        .status()
    {
        Ok(status) => status.code().unwrap_or(1),
        Err(e) => {
            message_box(true, &start_failure_text(false, &[(Attempt::SoftwareOpenGl, e.to_string())]));
            1
        }
    }
}
