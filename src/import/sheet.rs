//! Reading a spreadsheet into plain cells: XLSX, XLS and ODS through calamine, CSV in UTF-8 or
//! Windows-1251 with a comma or a semicolon.

use chrono::NaiveDate;
use std::path::Path;

/// One cell as read.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    /// A cell whose value is an error (`#REF!`, `#ЗНАЧ!` …) or a formula saved without its computed value:
    /// never read as empty, always an error of its row (what the cell shows, in the text).
    Error(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text (numbers without a needless `.0`, dates as `дд.мм.гггг`).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) => crate::domain::ru::number(*n),
            Cell::Date(d) => crate::domain::fmt_date(*d),
            Cell::Error(e) => e.clone(),
        }
    }

    /// What is wrong with a cell that holds an error, in Russian, or `None` for a cell with a value.
    pub fn error(&self) -> Option<String> {
        match self {
            Cell::Error(e) if e == FORMULA_WITHOUT_VALUE => Some(
                "в ячейке формула без вычисленного значения: откройте таблицу в Excel или LibreOffice, пересчитайте и сохраните"
                    .into(),
            ),
            Cell::Error(e) => Some(format!("в ячейке ошибка формулы {e}: исправьте формулу или введите значение")),
            _ => None,
        }
    }
}

/// What a formula cell saved without its computed value reads as.
const FORMULA_WITHOUT_VALUE: &str = "=формула";

/// A sheet: its name and its rows; `first_row` is the spreadsheet's number of the first row (1-based).
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub first_row: usize,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// The spreadsheet row number (as the user sees it) of row index `i`.
    pub fn row_number(&self, i: usize) -> usize {
        self.first_row + i
    }

    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows.get(row).and_then(|r| r.get(col)).unwrap_or(&Cell::Empty)
    }
}

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("Файл {0} не найден")]
    NotFound(String),
    #[error("Формат файла «{0}» не поддерживается: нужны XLSX, XLS, ODS или CSV")]
    UnknownFormat(String),
    #[error("Файл не читается как таблица: {0}")]
    Unreadable(String),
    #[error("В файле нет листа «{0}»")]
    NoSuchSheet(String),
    #[error("Файл слишком большой для импорта: {0}")]
    TooLarge(String),
}

/// The most rows a sheet may have (a school has hundreds of people; a region's list, tens of thousands).
pub const MAX_ROWS: usize = 200_000;
/// The most columns a sheet may have.
pub const MAX_COLUMNS: usize = 200;

fn extension(path: &Path) -> String {
    path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default()
}

/// The names of the sheets of a file (a CSV file has one, named after the file).
pub fn sheet_names(path: &Path) -> Result<Vec<String>, SheetError> {
    if !path.exists() {
        return Err(SheetError::NotFound(path.display().to_string()));
    }
    match extension(path).as_str() {
        "csv" | "txt" => Ok(vec![csv_sheet_name(path)]),
        "xlsx" | "xlsm" | "xls" | "ods" => guarded(path, || {
            use calamine::Reader;
            check_container(path)?;
            let wb = calamine::open_workbook_auto(path)
                .map_err(|e| SheetError::Unreadable(unreadable_message(&e.to_string())))?;
            Ok(wb.sheet_names().to_vec())
        }),
        other => Err(SheetError::UnknownFormat(other.to_string())),
    }
}

fn csv_sheet_name(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Reads one sheet (the first when `name` is none).
pub fn read(path: &Path, name: Option<&str>) -> Result<Sheet, SheetError> {
    if !path.exists() {
        return Err(SheetError::NotFound(path.display().to_string()));
    }
    match extension(path).as_str() {
        "csv" | "txt" => {
            let bytes = std::fs::read(path).map_err(|e| SheetError::Unreadable(read_failure(&e)))?;
            let sheet_name = csv_sheet_name(path);
            if let Some(n) = name
                && n != sheet_name
            {
                return Err(SheetError::NoSuchSheet(n.to_string()));
            }
            read_csv(&bytes, sheet_name)
        }
        "xlsx" | "xlsm" | "xls" | "ods" => guarded(path, || read_workbook(path, name)),
        other => Err(SheetError::UnknownFormat(other.to_string())),
    }
}

/// The workbook reader (calamine) on a damaged file may panic instead of returning an error — its XLS
/// reader indexed past the end of a truncated sector (found by the `sheet_reader` fuzz target,
/// `tests/fixtures/fuzz/damaged-cfb.xls`) — or, for an XLS file whose chains loop, exhaust the memory
/// (`tests/fixtures/fuzz/looping-chain.xls`; see [`super::compound`]). Such a file is unreadable, and the
/// program goes on.
fn guarded<T>(path: &Path, read: impl FnOnce() -> Result<T, SheetError>) -> Result<T, SheetError> {
    // An XLS file whose sector chains loop would make the library exhaust the memory (an abort, which
    // cannot be caught): its container is checked first.
    if extension(path) == "xls" {
        let bytes = std::fs::read(path).map_err(|e| SheetError::Unreadable(read_failure(&e)))?;
        super::compound::check(&bytes).map_err(|e| {
            SheetError::Unreadable(format!("файл повреждён: внутренняя структура книги нарушена ({e})"))
        })?;
    }
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
        .unwrap_or_else(|_| Err(SheetError::Unreadable("файл повреждён: внутренняя структура книги нарушена".into())))
}

/// An Office file saved with a password is an encrypted container (an OLE compound file with an
/// «EncryptionInfo» stream) whatever its extension says; an XLSX that is an OLE file without it is an old
/// XLS renamed. Both are said as such before the workbook reader tries the file as a zip.
fn check_container(path: &Path) -> Result<(), SheetError> {
    const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if !matches!(extension(path).as_str(), "xlsx" | "xlsm" | "ods") {
        return Ok(());
    }
    let bytes = std::fs::read(path).map_err(|e| SheetError::Unreadable(read_failure(&e)))?;
    if !bytes.starts_with(&OLE) {
        return Ok(());
    }
    let marker: Vec<u8> = "EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes).collect();
    if bytes.windows(marker.len()).any(|w| w == marker.as_slice()) {
        return Err(SheetError::Unreadable(unreadable_message("Workbook is password protected")));
    }
    Err(SheetError::Unreadable(
        "это книга Excel старого формата (XLS) с расширением .xlsx: переименуйте файл в .xls или сохраните его как XLSX"
            .into(),
    ))
}

fn read_workbook(path: &Path, name: Option<&str>) -> Result<Sheet, SheetError> {
    use calamine::{Data, DataType, Reader};
    check_container(path)?;
    let mut wb =
        calamine::open_workbook_auto(path).map_err(|e| SheetError::Unreadable(unreadable_message(&e.to_string())))?;
    let names = wb.sheet_names().to_vec();
    let sheet = match name {
        Some(n) => names.iter().find(|s| s.as_str() == n).cloned().ok_or_else(|| SheetError::NoSuchSheet(n.into()))?,
        None => names.first().cloned().ok_or_else(|| SheetError::Unreadable("в книге нет листов".into()))?,
    };
    let range = wb.worksheet_range(&sheet).map_err(|e| SheetError::Unreadable(unreadable_message(&e.to_string())))?;
    // Formulas, to tell a formula saved without its computed value (a file written by a program that
    // does not compute) from an empty cell. A workbook whose formulas cannot be read has none to tell.
    let formulas = wb.worksheet_formula(&sheet).ok();
    let formula_at = |row: u32, col: u32| {
        formulas.as_ref().and_then(|f| f.get_value((row, col))).is_some_and(|text| !text.trim().is_empty())
    };
    let (start_row, start_col) = range.start().unwrap_or((0, 0));
    if range.height() > MAX_ROWS || range.width() + start_col as usize > MAX_COLUMNS {
        return Err(SheetError::TooLarge(format!("{} строк, {} столбцов", range.height(), range.width())));
    }
    let mut rows = Vec::with_capacity(range.height());
    for (i, r) in range.rows().enumerate() {
        let mut row = vec![Cell::Empty; start_col as usize];
        let row_index = start_row + i as u32;
        row.extend(r.iter().enumerate().map(|(j, c)| match c {
            Data::Empty if formula_at(row_index, start_col + j as u32) => Cell::Error(FORMULA_WITHOUT_VALUE.into()),
            Data::Empty => Cell::Empty,
            Data::Error(e) => Cell::Error(e.to_string()),
            Data::String(s) => Cell::Text(s.clone()),
            Data::Int(i) => Cell::Number(*i as f64),
            Data::Float(f) => Cell::Number(*f),
            Data::Bool(b) => Cell::Text(if *b { "да".into() } else { "нет".into() }),
            Data::DateTime(_) | Data::DateTimeIso(_) => c.as_date().map_or(Cell::Empty, Cell::Date),
            Data::DurationIso(s) => Cell::Text(s.clone()),
        }));
        rows.push(row);
    }
    Ok(Sheet { name: sheet, first_row: start_row as usize + 1, rows })
}

/// Why the file could not be read from the disk, in Russian.
fn read_failure(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "нет доступа к файлу".into(),
        std::io::ErrorKind::NotFound => "файл не найден".into(),
        _ => "файл не читается с диска (диск отключён или неисправен)".into(),
    }
}

/// What the workbook reader's (English) error means for the user.
pub fn unreadable_message(detail: &str) -> String {
    let d = detail.to_lowercase();
    if d.contains("password") || d.contains("encrypt") {
        "книга защищена паролем: снимите пароль в Excel (Файл → Сведения → Защитить книгу) и сохраните".into()
    } else if d.contains("zip") || d.contains("eocd") || d.contains("central directory") {
        "файл повреждён или не является книгой Excel/LibreOffice (архив книги не читается)".into()
    } else if d.contains("utf-8") || d.contains("utf8") {
        "в файле неверная кодировка текста".into()
    } else if d.contains("xml") {
        "файл повреждён: содержимое листа не читается".into()
    } else if d.contains("cfb") || d.contains("ole") || d.contains("sector") {
        "файл повреждён: внутренняя структура книги нарушена".into()
    } else {
        "файл повреждён или сохранён в неподдерживаемом формате".into()
    }
}

/// Decodes CSV bytes: UTF-16 with its BOM, UTF-8 (with or without BOM) when valid, else Windows-1251; the
/// delimiter is the one of tab, `;` and `,` that splits the first lines more evenly.
pub fn read_csv(bytes: &[u8], name: String) -> Result<Sheet, SheetError> {
    let text = decode_text(bytes);
    let delimiter = guess_delimiter(&text);
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| SheetError::Unreadable(format!("CSV: {e}")))?;
        if rows.len() >= MAX_ROWS || record.len() > MAX_COLUMNS {
            return Err(SheetError::TooLarge(format!("более {MAX_ROWS} строк или {MAX_COLUMNS} столбцов")));
        }
        rows.push(
            record.iter().map(|f| if f.trim().is_empty() { Cell::Empty } else { Cell::Text(f.to_string()) }).collect(),
        );
    }
    Ok(Sheet { name, first_row: 1, rows })
}

/// UTF-16 when the bytes start with its BOM (Excel's «Текст Юникод», which is tab-separated), UTF-8 if
/// they are valid UTF-8 (a BOM is dropped), otherwise Windows-1251, the encoding Excel uses for CSV on
/// Russian Windows.
pub fn decode_text(bytes: &[u8]) -> String {
    for (bom, encoding) in [([0xFF, 0xFE], encoding_rs::UTF_16LE), ([0xFE, 0xFF], encoding_rs::UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(&bom) {
            return encoding.decode_without_bom_handling(rest).0.into_owned();
        }
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1251.decode(bytes).0.into_owned(),
    }
}

/// The one of tab, `;` and `,` found on more of the first lines (then more often); a tab first, as
/// Excel's «Текст Юникод» and a copy from a table write it.
fn guess_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(20).collect();
    let score = |c: char| {
        lines.iter().map(|l| l.matches(c).count()).filter(|n| *n > 0).count() * 1000
            + lines.iter().map(|l| l.matches(c).count()).sum::<usize>()
    };
    let (tab, semicolon, comma) = (score('\t'), score(';'), score(','));
    if tab > 0 && tab >= semicolon && tab >= comma {
        b'\t'
    } else if semicolon >= comma {
        b';'
    } else {
        b','
    }
}
