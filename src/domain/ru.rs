//! Russian as the program writes numbers: the decimal comma («30,5»), percents («30,5 %»), and the plural
//! of a noun after a count («1 педагог», «2 педагога», «5 педагогов»). Every screen, report and message
//! formats numbers here.

/// `x` with `digits` decimals and a decimal comma: «30,5».
pub fn decimal(x: f64, digits: usize) -> String {
    let text = format!("{x:.digits$}").replace('.', ",");
    // A negative number that rounds to zero (and −0 itself, the sum of no numbers) is written «0,0».
    match text.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == ',') => rest.to_string(),
        _ => text,
    }
}

/// A percent (already in percent units) with one decimal: «30,5 %».
pub fn percent(p: f64) -> String {
    format!("{} %", decimal(p, 1))
}

/// A number as typed: a whole number without decimals («12»), otherwise as many decimals as it has, with
/// a comma («0,75»).
pub fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 { format!("{}", x as i64) } else { x.to_string().replace('.', ",") }
}

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

/// «работает 21 педагогический работник», «работают 22 педагогических работника», «работают 25
/// педагогических работников»: the verb and the noun phrase agree with the count.
pub fn teachers_work(n: u64) -> String {
    format!(
        "{} {}",
        plural(n, "работает", "работают", "работают"),
        count(n, "педагогический работник", "педагогических работника", "педагогических работников")
    )
}

/// «1 педагог», «2 педагога», «5 педагогов» (the nominative after a count).
pub fn teachers(n: u64) -> String {
    count(n, "педагог", "педагога", "педагогов")
}

/// «у 1 педагога», «у 2 педагогов» (the genitive after «у»: only 1, 21 … take the singular).
pub fn of_teachers(n: u64) -> String {
    count(n, "педагога", "педагогов", "педагогов")
}

/// «1 человек», «2 человека», «5 человек».
pub fn people(n: u64) -> String {
    count(n, "человек", "человека", "человек")
}

/// An age or a length in years: «40 лет», «41 год», «42 года», and a fraction as «40,8 года».
pub fn years(x: f64) -> String {
    if x.fract() == 0.0 && x >= 0.0 {
        count(x as u64, "год", "года", "лет")
    } else {
        format!("{} года", decimal(x, 1))
    }
}

/// The no-break space of a printed document.
pub const NBSP: char = '\u{a0}';

/// Joins with a no-break space what a printed line must not split (ГОСТ Р 7.0.97-2016 and the usual rules
/// of Russian typesetting): «№ 12», «§ 3»; a number and the word or sign after it («21 педагог», «36 ч»,
/// «12,5 %», «2026 г.»); initials and the surname («Петрова А. И.», «И. О. Фамилия»); a one-letter word
/// and the word after it («в школе», «и методист»); a dash and the word before it («справка — это»).
pub fn tie(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    // Whether the word ending at `end` (exclusive) is one letter, or an initial («А.»).
    let word_start = |end: usize| {
        let mut s = end;
        while s > 0
            && !chars[s - 1].is_whitespace()
            && chars[s - 1] != NBSP
            && chars[s - 1] != '«'
            && chars[s - 1] != '('
        {
            s -= 1;
        }
        s
    };
    for (i, &c) in chars.iter().enumerate() {
        if c != ' ' || i == 0 || i + 1 >= chars.len() {
            out.push(c);
            continue;
        }
        let (before, after) = (chars[i - 1], chars[i + 1]);
        let word: String = chars[word_start(i)..i].iter().collect();
        let initial = |w: &[char]| w.len() == 2 && w[0].is_uppercase() && w[1] == '.';
        let next_word: Vec<char> =
            chars[i + 1..].iter().take_while(|c| !c.is_whitespace() && **c != NBSP).copied().collect();
        let tied = matches!(before, '№' | '§')
            || (before.is_ascii_digit() && (after.is_alphabetic() || after == '%'))
            || initial(&next_word.iter().copied().take_while(|c| *c != ',' && *c != ';').collect::<Vec<_>>())
            || (initial(&word.chars().collect::<Vec<_>>()) && after.is_uppercase())
            || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
            || after == '—';
        out.push(if tied { NBSP } else { ' ' });
    }
    out
}
