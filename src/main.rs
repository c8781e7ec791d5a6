//! The windowed executable: the window, or a command (see `uchrost::launch`). On Windows it is a
//! GUI-subsystem program: no console window opens behind it.

#![cfg_attr(windows, windows_subsystem = "windows")]

fn main() {
    uchrost::launch::main_windowed()
}
