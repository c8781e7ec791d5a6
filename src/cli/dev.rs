//! Developers' commands, left out of the user's help: the benchmarks and the writer the crash tests kill.

use super::*;

pub(super) const COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: "bench",
        summary: "замеры скорости на сгенерированных данных (медианы нескольких прогонов)",
        usage: concat!(
            "uchrost bench import [--teachers N] [--runs R]\n",
            "  uchrost bench staff-frame [--teachers N] [--runs R]\n",
            "  uchrost bench indicators [--schools K] [--runs R]\n",
            "  uchrost bench reports [--teachers N] [--schools K] [--runs R]\n",
            "  uchrost bench exchange [--schools K] [--runs R]\n",
            "  uchrost bench startup [--schools K | --db ФАЙЛ] [--runs R]\n",
            "  uchrost bench save [--schools K] [--runs R]\n",
            "  uchrost bench merge --db ФАЙЛ ПАКЕТ...\n",
            "  uchrost bench catalogue --db ФАЙЛ [--runs R]\n",
            "\n",
            "import: предпросмотр таблицы педагогов (по умолчанию 5000) и таблицы их курсов.\n",
            "staff-frame: кадры экранов «Педагоги» и «Сегодня» без окна (по умолчанию 10 000 и 150 000 педагогов).\n",
            "indicators: весь каталог показателей со всеми разбивками (по умолчанию 60 и 3000 школ).\n",
            "reports: аналитическая справка PDF для школы (100 педагогов) и мониторинг XLSX (60 школ).\n",
            "exchange: выгрузка пакета школы; проверка и слияние пакетов 60 и 3000 школ рядом с полом (хеширование, вставка), пик памяти.\n",
            "startup: от открытия базы муниципалитета (60 и 3000 школ) до первого кадра окна.\n",
            "save: сохранение одной записи в окне (запись и обновление данных в памяти), 60 и 3000 школ.\n",
            "merge: приём пакетов в базу в этом процессе (время и пик памяти; exchange запускает его отдельным процессом).\n",
            "catalogue: загрузка базы и весь каталог со всеми разбивками (время и пик памяти).",
        ),
        options: &[("teachers", true), ("schools", true), ("runs", true), ("db", true)],
        files: true,
        hidden: true,
        run: bench,
    },
    CommandSpec {
        name: "crash-writer",
        summary: "служебная: пишет транзакции в цикле (для проверки устойчивости к сбоям)",
        usage: "uchrost crash-writer --db ФАЙЛ [--count N]",
        options: &[("db", true), ("count", true)],
        files: false,
        hidden: true,
        run: crash_writer,
    },
];

/// Writes transactions in a loop through the app's real write path and reports each one after it is
/// committed. The fault tests kill this process at random moments and check that every reported
/// transaction survived whole.
fn crash_writer(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    use crate::domain::*;
    let path = o.db(usage)?;
    let count = o.number("count", 1_000_000)?;
    let mut store = Store::open(&path, DiskMode::Local)?;
    let school = store.own_org().id;
    let today = app::today();
    for n in 0..count {
        let person = Person {
            birth_date: chrono::NaiveDate::from_ymd_opt(1980, 1, 1),
            ped_experience_start: chrono::NaiveDate::from_ymd_opt(2005, 9, 1),
            note: format!("{n}"),
            ..Person::new(school, school, "Проверкина", "Анна", &format!("Запись{}", "ъ".repeat((n % 7) as usize)))
        };
        let employment = Employment {
            id: EmploymentId::new(),
            author: school,
            person: person.id,
            start: today,
            end: None,
            end_reason: String::new(),
            start_unknown: false,
        };
        let course = Course::new(school, person.id, &format!("Курс {n}"), 36, today);
        let id = person.id;
        store.apply(
            &format!("Запись {n}"),
            vec![
                storage::Change::Put(person.into()),
                storage::Change::Put(employment.into()),
                storage::Change::Put(course.into()),
            ],
            today,
            storage::HistoryMode::Record,
        )?;
        writeln!(out, "committed {id}")?;
        let _ = out.flush();
    }
    Ok(())
}

fn bench(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    let runs = o.number("runs", 5)? as usize;
    let figures = match o.files.as_slice() {
        [what] if what == "import" => crate::bench::import(o.number("teachers", 5000)? as usize, runs),
        [what] if what == "indicators" => at_sizes(o, "schools", &[60, 3000], |n| crate::bench::indicators(n, runs))?,
        [what] if what == "exchange" => {
            // The regional merge takes minutes: one run of it.
            at_sizes(o, "schools", &[60, 3000], |n| crate::bench::exchange(n, if n > 60 { 1 } else { runs }))?
        }
        [what] if what == "startup" && o.get("db").is_some() => crate::bench::startup_on(&o.db(usage)?, runs),
        [what] if what == "startup" => at_sizes(o, "schools", &[60, 3000], |n| crate::bench::startup(n, runs))?,
        [what] if what == "save" => at_sizes(o, "schools", &[60, 3000], |n| crate::bench::save(n, runs))?,
        [what] if what == "reports" => {
            crate::bench::reports(o.number("teachers", 100)? as usize, o.number("schools", 60)? as usize, runs)
        }
        [what] if what == "staff-frame" => {
            at_sizes(o, "teachers", &[10_000, 150_000], |n| crate::bench::staff_frame(n, runs))?
        }
        [what, files @ ..] if what == "merge" && !files.is_empty() => {
            let files: Vec<std::path::PathBuf> = files.iter().map(std::path::PathBuf::from).collect();
            crate::bench::merge(&o.db(usage)?, &files)
        }
        [what] if what == "catalogue" => crate::bench::catalogue(&o.db(usage)?, runs),
        _ => return Err(Exit::Usage(format!("укажите, что замерять\n\n{usage}"))),
    }
    .map_err(Exit::Error)?;
    writeln!(out, "Медианы {runs} прогонов:")?;
    for f in &figures {
        writeln!(out, "{f}")?;
    }
    // The jobs measured in a process of their own report its peak memory (the others hold the data they
    // generated, which says nothing of the job).
    if matches!(o.files.first().map(String::as_str), Some("merge" | "catalogue"))
        && let Some(peak) = crate::bench::peak_memory_mib()
    {
        writeln!(out, "{} {peak:.0}", crate::bench::PEAK_LINE)?;
    }
    if figures.iter().any(|f| f.target.is_some_and(|t| f.median > t)) {
        return Err(Exit::Error("цель не достигнута".into()));
    }
    Ok(())
}

/// Runs a benchmark at each of its default `sizes`, or at the one size given with `--{option}` (a value
/// that is not a number is a usage error before anything runs).
fn at_sizes(
    o: &Options,
    option: &str,
    sizes: &[u64],
    mut bench: impl FnMut(usize) -> Result<Vec<crate::bench::Figure>, String>,
) -> Result<Result<Vec<crate::bench::Figure>, String>, Exit> {
    let sizes = match o.get(option) {
        Some(_) => vec![o.number(option, 0)?],
        None => sizes.to_vec(),
    };
    let mut all = Vec::new();
    for n in sizes {
        match bench(n as usize) {
            Ok(figures) => all.extend(figures),
            Err(e) => return Ok(Err(e)),
        }
    }
    Ok(Ok(all))
}
