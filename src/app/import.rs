//! The spreadsheet import as a use case: read and map a sheet, plan against the stored records, and
//! write the accepted rows in one transaction after a backup. The mapping the user settles on is
//! remembered per kind.

use crate::domain::Dataset;
use crate::import::mapping::{self, Header};
pub use crate::import::plan::Context;
/// The import's types the screens name (they reach the import through `app`).
pub use crate::import::{EventInfo, Field, ImportKind, RowStatus};

/// The sheets of a spreadsheet file, for the choice of one (a Russian message when it cannot be read).
pub fn sheet_names(path: &Path) -> Result<Vec<String>, super::AppError> {
    Ok(sheet::sheet_names(path)?)
}

/// Writes the empty template of a kind (headers and an example row) to `path`.
pub fn write_template(kind: ImportKind, path: &Path) -> Result<(), super::AppError> {
    crate::import::write_template(kind, path)
        .map_err(|e| super::AppError::Write { path: path.to_path_buf(), detail: e.to_string() })
}
use crate::import::plan::{self, ImportPlan};
use crate::import::sheet::{self, Sheet};
use crate::storage::{Change, HistoryMode, StorageError, Store};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::Path;

/// Why an import could not go on.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Sheet(#[from] sheet::SheetError),
    #[error("На листе «{0}» не найдена строка заголовков: ни один столбец не похож на ФИО, дату, категорию …")]
    NoHeader(String),
    #[error("Не найден столбец с {0}: сопоставьте его вручную")]
    NoNameColumn(&'static str),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("Не удалось записать файл: {0}")]
    Write(String),
}

/// A sheet read, mapped and planned: the preview the user confirms.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub sheet: Sheet,
    pub header: Header,
    pub plan: ImportPlan,
}

fn mapping_key(kind: ImportKind) -> String {
    format!("import_mapping.{}", kind.key())
}

/// The mapping remembered for a kind (normalised header → field, or none for a skipped column).
pub fn remembered(store: &Store, kind: ImportKind) -> HashMap<String, Option<Field>> {
    store.setting(&mapping_key(kind)).ok().flatten().unwrap_or_default()
}

/// Reads `sheet_name` (the first sheet when none) of `path` and finds its header.
pub fn read(
    store: &Store,
    path: &Path,
    sheet_name: Option<&str>,
    kind: ImportKind,
) -> Result<(Sheet, Header), ImportError> {
    read_with(path, sheet_name, kind, &remembered(store, kind))
}

/// Reads a sheet and finds its header with a given remembered mapping (no store needed: background jobs).
pub fn read_with(
    path: &Path,
    sheet_name: Option<&str>,
    kind: ImportKind,
    remembered: &HashMap<String, Option<Field>>,
) -> Result<(Sheet, Header), ImportError> {
    let sheet = sheet::read(path, sheet_name)?;
    let header = mapping::detect(&sheet, kind, remembered).ok_or_else(|| ImportError::NoHeader(sheet.name.clone()))?;
    Ok((sheet, header))
}

/// Plans the import of a read sheet with the (possibly corrected) header against the stored records,
/// for what `ctx` says (the kind, the school, the date, the event, the school year).
pub fn plan(data: &Dataset, sheet: Sheet, header: Header, ctx: &Context) -> Result<Prepared, ImportError> {
    let (name_fields, what): (&[Field], &str) = match ctx.kind {
        ImportKind::Mentoring => (&[Field::MenteeName], "ФИО"),
        ImportKind::Risks => (&[Field::RiskText], "риском"),
        ImportKind::Meetings => (&[Field::AssociationName], "объединением"),
        _ => (&[Field::FullName, Field::LastName], "ФИО"),
    };
    if !header.columns.iter().flatten().any(|f| name_fields.contains(f)) {
        return Err(ImportError::NoNameColumn(what));
    }
    let plan = plan::plan(&sheet, &header, data, ctx);
    Ok(Prepared { sheet, header, plan })
}

/// What an import wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Written {
    pub rows: usize,
    pub records: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl Written {
    /// «Записано строк: 12 (создано 10, обновлено 2, без изменений 3; записей: 40).», after `lead`.
    pub fn summary(&self, lead: &str) -> String {
        format!(
            "{lead} {} (создано {}, обновлено {}, без изменений {}; записей: {}).",
            self.rows, self.created, self.updated, self.unchanged, self.records
        )
    }
}

/// Writes the accepted rows of a plan in one transaction, after a backup, and remembers the mapping.
/// Refuses when any row has an error unless `accept_valid` is set.
pub fn apply(
    store: &mut Store,
    prepared: &Prepared,
    accept_valid: bool,
    today: NaiveDate,
    file: &str,
) -> Result<Written, ImportError> {
    let counts = prepared.plan.counts();
    if counts.errors > 0 && !accept_valid {
        return Err(ImportError::Write(format!(
            "{} ошибки — ничего не записано; исправьте их или примите только строки без ошибок",
            crate::domain::ru::in_rows(counts.errors as u64)
        )));
    }
    let records = prepared.plan.accepted();
    let written = Written {
        rows: counts.create + counts.update,
        records: records.len(),
        created: counts.create,
        updated: counts.update,
        unchanged: counts.unchanged,
    };
    // The mapping is remembered only with an import that was written (a failed one keeps the old).
    if records.is_empty() {
        store.set_setting(&mapping_key(prepared.plan.kind), &mapping::to_remember(&prepared.header))?;
        return Ok(written);
    }
    store.backup("перед импортом")?;
    let description = format!("Импорт из таблицы «{file}»: {}", prepared.plan.kind.label());
    let line =
        format!("{description}: создано {}, обновлено {}, ошибок {}", counts.create, counts.update, counts.errors);
    store.apply_journalled(
        &description,
        records.into_iter().map(Change::Put).collect(),
        today,
        HistoryMode::Record,
        Some(("import", &line, Some(file))),
    )?;
    // The rows are written: the mapping is a convenience for next time, and a failure to keep it
    // (a full disk right now) does not make the import a failure.
    let _ = store.set_setting(&mapping_key(prepared.plan.kind), &mapping::to_remember(&prepared.header));
    Ok(written)
}

/// Saves the rows with errors of a prepared import as an XLSX at `path` (readable by the user only);
/// returns how many rows it holds.
pub fn save_errors(prepared: &Prepared, path: &Path) -> Result<usize, super::AppError> {
    let (bytes, n) = crate::import::errors_xlsx(&prepared.sheet, &prepared.header, &prepared.plan).map_err(|e| {
        super::AppError::Write {
            path: path.to_path_buf(), detail: format!("таблица не сформирована: {e}")
        }
    })?;
    super::write_atomically(path, &bytes).map_err(|e| super::AppError::write(path, &e))?;
    Ok(n)
}
