//! The thin binary: hand the arguments to the command line, which opens the GUI when no command is given.

use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut stdout = std::io::stdout();
    match uchrost::cli::run(&args, &mut stdout) {
        uchrost::cli::Next::Exit(exit) => {
            let code = exit.code();
            match exit {
                uchrost::cli::Exit::Ok => {}
                uchrost::cli::Exit::Error(msg) | uchrost::cli::Exit::Usage(msg) => {
                    let _ = stdout.flush();
                    eprintln!("Ошибка: {msg}");
                }
            }
            std::process::exit(code);
        }
        uchrost::cli::Next::Gui { db, import } => {
            if let Err(e) = uchrost::ui::run_native(db, import) {
                eprintln!("Ошибка запуска окна: {e}");
                std::process::exit(1);
            }
        }
    }
}
