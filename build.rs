//! For a Windows build only: compiles the icon, the version information (in Russian, the version from
//! Cargo.toml) and the application manifest into a resource object with mingw's `windres` and links it
//! into both executables. Other builds do nothing here.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if target_os != "windows" {
        return;
    }
    println!("cargo:rerun-if-changed=assets/icon.ico");
    println!("cargo:rerun-if-changed=packaging/windows/uchrost.exe.manifest");
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    let version = std::env::var("CARGO_PKG_VERSION").expect("CARGO_PKG_VERSION");
    let mut parts: Vec<u16> = version.split(['.', '-', '+']).take(3).map(|p| p.parse().unwrap_or(0)).collect();
    parts.resize(4, 0);
    let numeric = parts.iter().map(u16::to_string).collect::<Vec<_>>().join(",");
    let year = std::env::var("SOURCE_DATE_YEAR").unwrap_or_else(|_| "2026".into());
    // Paths in the script are written with forward slashes, which windres accepts.
    let path = |p: PathBuf| p.display().to_string().replace('\\', "/");
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_else(|_| "x86_64".into());
    let windres = std::env::var("WINDRES").unwrap_or_else(|_| format!("{arch}-w64-mingw32-windres"));
    // One resource object per executable: the same icon, version and manifest, its own name and description.
    for (bin, description) in
        [("uchrost", "УчРост — профессиональное развитие педагогов"), ("uchrost-cli", "УчРост — командная строка")]
    {
        let rc = format!(
            r#"#pragma code_page(65001)
#include <winver.h>
1 ICON "{icon}"
1 24 "{manifest}"
VS_VERSION_INFO VERSIONINFO
FILEVERSION {numeric}
PRODUCTVERSION {numeric}
FILEFLAGSMASK 0x3fL
FILEFLAGS 0x0L
FILEOS VOS_NT_WINDOWS32
FILETYPE VFT_APP
FILESUBTYPE 0x0L
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "041904b0"
    BEGIN
      VALUE "CompanyName", "Команда УчРост"
      VALUE "FileDescription", "{description}"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "{bin}"
      VALUE "LegalCopyright", "© {year} Команда УчРост, лицензия MIT"
      VALUE "OriginalFilename", "{bin}.exe"
      VALUE "ProductName", "УчРост"
      VALUE "ProductVersion", "{version}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x0419, 1200
  END
END
"#,
            icon = path(root.join("assets/icon.ico")),
            manifest = path(root.join("packaging/windows/uchrost.exe.manifest")),
        );
        let rc_file = out.join(format!("{bin}.rc"));
        std::fs::write(&rc_file, rc).expect("write the resource script");
        let object = out.join(format!("{bin}-resources.o"));
        let status = Command::new(&windres)
            .args(["--codepage=65001", "-O", "coff", "-i"])
            .arg(&rc_file)
            .arg("-o")
            .arg(&object)
            .status()
            .unwrap_or_else(|e| {
                panic!("{windres} не запускается ({e}): установите gcc-mingw-w64-x86-64 (binutils-mingw-w64)")
            });
        assert!(status.success(), "{windres} завершился с ошибкой: {status}");
        println!("cargo:rustc-link-arg-bin={bin}={}", object.display());
    }
}
