//! The console executable `uchrost-cli`: the same commands as `uchrost`, printed to the console, with
//! the exit code handed back to the script that ran it (a GUI-subsystem program can do neither on
//! Windows). Without a command it opens the window too.

fn main() {
    uchrost::launch::main_console()
}
