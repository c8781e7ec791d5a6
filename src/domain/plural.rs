//! Russian plurals: «1 педагог», «2 педагога», «5 педагогов».

/// Picks the form for `n`: `one` for 1, 21, 31 …; `few` for 2–4, 22–24 …; `many` otherwise (5–20, 11–14).
pub fn plural<'a>(n: u64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let n100 = n % 100;
    let n10 = n % 10;
    if (11..=14).contains(&n100) {
        many
    } else if n10 == 1 {
        one
    } else if (2..=4).contains(&n10) {
        few
    } else {
        many
    }
}

/// «N педагог(а/ов)».
pub fn count(n: u64, one: &str, few: &str, many: &str) -> String {
    format!("{n} {}", plural(n, one, few, many))
}

/// «в 1 строке», «в 3 строках»: the prepositional case, where only 1, 21, 31 … take the singular.
pub fn in_rows(n: u64) -> String {
    if n % 10 == 1 && n % 100 != 11 { format!("в {n} строке") } else { format!("в {n} строках") }
}
