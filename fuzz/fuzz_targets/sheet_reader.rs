//! The spreadsheet reader on arbitrary bytes: the first byte picks the format (XLSX, XLS, ODS, CSV), the
//! rest is the file. Whatever opens is then mapped (header detection) and planned for every kind of
//! import into an empty school. It must never panic, hang or allocate without bound.
//! Run: `cargo +nightly fuzz run sheet_reader -- -max_total_time=600` (see README).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;
use uchrost::domain::{Dataset, OrgId};
use uchrost::import::{Context, ImportKind, mapping, plan, sheet};

fuzz_target!(|data: &[u8]| {
    // The reader catches a panic of the workbook library and reports the file as unreadable (see
    // `sheet::read`); libFuzzer's hook would abort on it even so. The default hook prints it, and a panic
    // that is not caught still aborts the run.
    static DEFAULT_HOOK: std::sync::Once = std::sync::Once::new();
    DEFAULT_HOOK.call_once(|| drop(std::panic::take_hook()));
    let Some((&pick, bytes)) = data.split_first() else { return };
    let extension = ["xlsx", "xls", "ods", "csv"][pick as usize % 4];
    let file = std::env::temp_dir().join(format!("uchrost-fuzz-{}.{extension}", std::process::id()));
    if std::fs::write(&file, bytes).is_err() {
        return;
    }
    let read = sheet::read(&file, None);
    let _ = sheet::sheet_names(&file);
    let Ok(sheet) = read else { return };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    for &kind in ImportKind::ALL {
        let Some(header) = mapping::detect(&sheet, kind, &HashMap::new()) else { continue };
        let ctx = Context { kind, school: OrgId(uuid::Uuid::nil()), today, event: None };
        let _ = plan::plan(&sheet, &header, &Dataset::default(), &ctx);
        let _ = plan::stated_date(&sheet, header.row);
    }
});
