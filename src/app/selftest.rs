//! `uchrost --self-test`: the whole program once, in a temporary folder whose path has Cyrillic letters
//! and spaces (as a Windows user's folder does): create a school and a municipal database (the
//! migrations), fill the school with demo data, exchange key cards, write the school's package and
//! verify it into the municipal copy, build the analytical справка as PDF and the municipal monitoring
//! as XLSX and read both back, check both databases. A Windows build is checked in one command on a real
//! machine or under Wine; every step prints one line, a failed step says which and why.

use super::{exchange, reports};
use crate::domain::{OrgRole, fmt_date};
use crate::storage::{self, DiskMode, Store};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The temporary folder: Cyrillic, spaces, and the process id (two runs at once do not meet).
pub fn folder() -> PathBuf {
    std::env::temp_dir().join(format!("УчРост самопроверка {}", std::process::id()))
}

/// Runs every step, printing one line each; the folder is removed afterwards, whatever happened.
pub fn run(out: &mut dyn Write) -> Result<(), super::AppError> {
    let dir = folder();
    let _ = writeln!(out, "Самопроверка УчРост {} во временной папке {}", env!("CARGO_PKG_VERSION"), dir.display());
    let result = std::fs::create_dir_all(&dir)
        .map_err(|e| super::AppError::SelfTest {
            step: format!("временная папка {} не создана", dir.display()),
            detail: crate::storage::files::io_message(&e),
        })
        .and_then(|()| steps(&dir, out));
    let _ = std::fs::remove_dir_all(&dir);
    match &result {
        Ok(()) => {
            let _ = writeln!(out, "Самопроверка пройдена.");
        }
        Err(e) => {
            let _ = writeln!(out, "Самопроверка НЕ пройдена: {e}");
        }
    }
    result
}

/// One step: its name, timed, printed as «✓ name (N мс)»; an error names the step.
fn step<T>(out: &mut dyn Write, name: &str, f: impl FnOnce() -> Result<T, String>) -> Result<T, super::AppError> {
    let started = Instant::now();
    let value = f().map_err(|detail| super::AppError::SelfTest { step: name.to_string(), detail })?;
    let _ = writeln!(out, "  ✓ {name} ({} мс)", started.elapsed().as_millis());
    Ok(value)
}

fn steps(dir: &Path, out: &mut dyn Write) -> Result<(), super::AppError> {
    let today = super::today();
    let school_db = dir.join("База школы № 1.db");
    let municipal_db = dir.join("Управление образования.db");
    let package = dir.join("пакет школы для муниципалитета.uchpkg");
    let pdf = dir.join("Аналитическая справка.pdf");
    let xlsx = dir.join("Мониторинг по школам.xlsx");
    let text = |e: storage::StorageError| e.to_string();

    let (mut school, mut municipality) = step(
        out,
        "созданы базы школы и муниципалитета (все миграции)",
        || {
            let school = super::create_school(&school_db, "МОУ «СОШ № 1» (самопроверка)", "001", DiskMode::Local)
                .map_err(text)?;
            let municipality =
                super::create_municipality(&municipal_db, "Управление образования (самопроверка)", "", DiskMode::Local)
                    .map_err(text)?;
            for store in [&school, &municipality] {
                let version =
                    storage::connection::settings_of(store.connection()).map_err(|e| e.to_string())?.user_version;
                if version != storage::schema::CURRENT_VERSION {
                    return Err(format!("схема {version}, ожидалась {}", storage::schema::CURRENT_VERSION));
                }
            }
            Ok((school, municipality))
        },
    )?;

    let (mut school, persons) = step(
        out,
        "демонстрационные данные школы записаны и прочитаны",
        move || {
            let summary = super::fill_school_demo(&mut school, 40, 1, today).map_err(String::from)?;
            // Reopened from the file: what was written is what is read.
            school.close().map_err(text)?;
            let school = super::open(&school_db, DiskMode::Local).map_err(text)?;
            let data = school.load().map_err(text)?;
            if data.persons.len() != summary.persons {
                return Err(format!("записано {} работников, прочитано {}", summary.persons, data.persons.len()));
            }
            Ok((school, summary.persons))
        },
    )?;

    step(out, "ключи: карточка муниципалитета принята школой", || {
        let card = exchange::own_card(&mut municipality).map_err(text)?;
        exchange::take_card(&mut school, &card.to_text()).map(|_| ()).map_err(String::from)
    })?;

    step(out, "пакет школы записан (подписан и зашифрован)", || {
        let done = exchange::export(&mut school, &package, exchange::ExportTarget::Upward, false, today)?;
        if !done.encrypted || done.bytes == 0 {
            return Err("пакет не зашифрован или пуст".into());
        }
        Ok(())
    })?;

    step(out, "пакет проверен и принят муниципалитетом", || {
        let files = [package.as_path()];
        for dry_run in [true, false] {
            let outcome = exchange::import(&mut municipality, &files, dry_run, true, today).map_err(text)?;
            let refused: Vec<String> =
                outcome.iter().filter(|o| o.refused()).map(|o| format!("{}: {}", o.result, o.message)).collect();
            if outcome.len() != 1 || !refused.is_empty() {
                return Err(format!("пакет не принят: {}", refused.join("; ")));
            }
        }
        let merged = municipality.load().map_err(text)?;
        let schools: Vec<_> = merged.schools().filter(|s| s.role == OrgRole::School).collect();
        if schools.len() != 1 || merged.persons.len() != persons {
            return Err(format!(
                "в муниципальной копии {} школ и {} работников, ожидалось 1 и {persons}",
                schools.len(),
                merged.persons.len()
            ));
        }
        Ok(())
    })?;

    step(out, "аналитическая справка школы в PDF", || {
        let bytes = build_and_save(&school, reports::ReportKind::Analytical, &pdf, today)?;
        let file = std::fs::read(&pdf).map_err(|e| e.to_string())?;
        let tail = String::from_utf8_lossy(&file[file.len().saturating_sub(64)..]).to_string();
        if !file.starts_with(b"%PDF-") || !tail.contains("%%EOF") || bytes < 10_000 {
            return Err(format!("файл {} не похож на PDF ({bytes} байт)", pdf.display()));
        }
        Ok(())
    })?;

    step(out, "мониторинг муниципалитета в XLSX", || {
        build_and_save(&municipality, reports::ReportKind::Monitoring, &xlsx, today)?;
        use calamine::Reader;
        let mut book = calamine::open_workbook_auto(&xlsx).map_err(|e| format!("XLSX не читается: {e}"))?;
        let sheets = book.sheet_names();
        let first = sheets.first().ok_or("в XLSX нет листов")?.clone();
        let range = book.worksheet_range(&first).map_err(|e| format!("лист «{first}» не читается: {e}"))?;
        if range.height() < 2 {
            return Err(format!("лист «{first}» пуст"));
        }
        Ok(())
    })?;

    step(out, "целостность обеих баз", || {
        for store in [&school, &municipality] {
            let problems = store.integrity_problems().map_err(text)?;
            if !problems.is_empty() {
                return Err(problems.join("; "));
            }
        }
        Ok(())
    })?;
    school.close()?;
    municipality.close()?;
    let _ = writeln!(out, "  дата проверки: {}", fmt_date(today));
    Ok(())
}

fn build_and_save(
    store: &Store,
    kind: reports::ReportKind,
    path: &Path,
    today: chrono::NaiveDate,
) -> Result<u64, String> {
    let data = store.load().map_err(|e| e.to_string())?;
    let settings = store.rule_settings().map_err(|e| e.to_string())?;
    let req = reports::ReportRequest::new(kind, today);
    let built = reports::build(&data, &settings, store.own_org(), &req)?;
    let format = path.extension().and_then(|e| e.to_str()).and_then(crate::report::Format::parse).ok_or("формат")?;
    Ok(reports::save(&built, format, path)?)
}
