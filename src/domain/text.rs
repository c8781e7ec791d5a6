//! Text as the program compares it — one folding for the search, the spreadsheet's headers and names, and
//! the matching of people by name: lower case, Ё as Е; for names and headers also single spaces and no
//! surrounding punctuation.

/// Appends `text` folded: lower case, with ё as е.
pub fn push_folded(out: &mut String, text: &str) {
    out.reserve(text.len());
    for c in text.chars() {
        match c {
            _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            // Russian letters directly (the general table is a search per letter, and a regional copy
            // folds millions of texts).
            'а'..='я' => out.push(c),
            'А'..='Я' => out.push(char::from_u32(c as u32 + 32).unwrap_or(c)),
            'ё' | 'Ё' => out.push('е'),
            _ => out.extend(c.to_lowercase().map(|l| if l == 'ё' { 'е' } else { l })),
        }
    }
}

/// `text` folded: lower case, with ё as е (a search query and what it is looked for in).
pub fn fold(text: &str) -> String {
    let mut out = String::new();
    push_folded(&mut out, text);
    out
}

/// A name or a header as two spellings of it compare: folded, single spaces, no punctuation or «№» at
/// either end («Иванова  Алёна » and «иванова алена» are one).
pub fn name_key(text: &str) -> String {
    fold(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| c.is_ascii_punctuation() || c == '№')
        .trim()
        .to_string()
}
