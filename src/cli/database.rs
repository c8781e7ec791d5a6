//! Commands on one database: create it, fill it with demo data, list its teachers, check it, back it up
//! and restore it, its history and journal, and the erasure of a person's data (152-ФЗ).

use super::*;

pub(super) const COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: "init",
        summary: "создать новую базу школы, муниципалитета или региона",
        usage: concat!(
            "uchrost init --db ФАЙЛ --school \"НАЗВАНИЕ\" --code КОД\n",
            "  uchrost init --db ФАЙЛ --municipality \"НАЗВАНИЕ\" [--code КОД]\n",
            "  uchrost init --db ФАЙЛ --region \"НАЗВАНИЕ\" [--code КОД]\n",
            "\n",
            "Код школы обязателен: по нему отчёты и муниципальная копия различают школы.\n",
            "Код муниципалитета нужен региону: по нему показатели разбиваются по муниципалитетам.",
        ),
        options: &[
            ("db", true),
            ("school", true),
            ("municipality", true),
            ("region", true),
            ("code", true),
            ("portable", false),
        ],
        files: false,
        hidden: false,
        run: init,
    },
    CommandSpec {
        name: "demo",
        summary: "заполнить базу правдоподобными демонстрационными данными",
        usage: concat!(
            "uchrost demo --db ФАЙЛ [--teachers N] [--seed S] [--today ДД.ММ.ГГГГ]\n",
            "  uchrost demo --db ФАЙЛ --schools K [--seed S] [--today ДД.ММ.ГГГГ]\n",
            "  uchrost demo --db ФАЙЛ --schools K --packages ПАПКА [--seed S] [--today ДД.ММ.ГГГГ]\n",
            "\n",
            "--packages: вместо заполнения базы муниципалитета — пакет каждой из K школ в ПАПКУ, подписанный\n",
            "ключом школы и зашифрованный для этого муниципалитета (принять: uchrost import --trust-new).\n",
            "Если файла нет, создаётся база школы (или муниципалитета при --schools).\n",
            "Одинаковые --seed и --today дают одинаковые данные. По умолчанию: 60 педагогов, seed 1, сегодняшняя дата.",
        ),
        options: &[
            ("db", true),
            ("teachers", true),
            ("schools", true),
            ("seed", true),
            ("today", true),
            ("packages", true),
        ],
        files: false,
        hidden: false,
        run: demo,
    },
    CommandSpec {
        name: "teachers",
        summary: "список работающих педагогов с их состоянием",
        usage: concat!(
            "uchrost teachers --db ФАЙЛ [--date ДД.ММ.ГГГГ] [--json]\n",
            "\n",
            "Категория и её состояние, курсы (нужны ли), молодой педагог, предметы и нагрузка текущего учебного года.",
        ),
        options: &[("db", true), ("date", true), ("json", false)],
        files: false,
        hidden: false,
        run: teachers,
    },
    CommandSpec {
        name: "check",
        summary: "проверить целостность базы",
        usage: "uchrost check --db ФАЙЛ",
        options: &[("db", true)],
        files: false,
        hidden: false,
        run: check,
    },
    CommandSpec {
        name: "backup",
        summary: "сделать резервную копию (или показать список копий)",
        usage: concat!(
            "uchrost backup --db ФАЙЛ [--out ФАЙЛ]\n",
            "  uchrost backup --db ФАЙЛ --list\n",
            "\n",
            "Без --out копия кладётся в папку uchrost-backups рядом с базой; хранятся последние 20 копий.",
        ),
        options: &[("db", true), ("out", true), ("list", false)],
        files: false,
        hidden: false,
        run: backup_cmd,
    },
    CommandSpec {
        name: "restore",
        summary: "восстановить базу из резервной копии",
        usage: concat!(
            "uchrost restore --db ФАЙЛ --from КОПИЯ [--other-org]\n",
            "\n",
            "Текущая база перед восстановлением сохраняется в копию; повреждённый файл переименовывается, а не удаляется.\n",
            "Копия сначала проверяется: база УчРост, целая, этой же организации. Копия другой организации\n",
            "восстанавливается только с --other-org. Пока база открыта в другой программе, восстановление не начинается.",
        ),
        options: &[("db", true), ("from", true), ("other-org", false)],
        files: false,
        hidden: false,
        run: restore,
    },
    CommandSpec {
        name: "history",
        summary: "история изменений; отмена выбранного изменения",
        usage: concat!("uchrost history --db ФАЙЛ [--limit N]\n", "  uchrost history --db ФАЙЛ --undo НОМЕР",),
        options: &[("db", true), ("limit", true), ("undo", true)],
        files: false,
        hidden: false,
        run: history,
    },
    CommandSpec {
        name: "erase-person",
        summary: "стереть персональные данные человека безвозвратно (вместе с историей изменений)",
        usage: concat!(
            "uchrost erase-person --db ФАЙЛ --name \"ФИО\" [--birth ДД.ММ.ГГГГ] [--yes]\n",
            "\n",
            "Находит человека в базе или среди удалённых (в истории изменений) и стирает его записи,\n",
            "строки истории и имя в описаниях изменений; отменить это нельзя. Без --yes только показывает,\n",
            "что будет стёрто. Резервные копии, сделанные раньше, хранят данные, пока не будут удалены.",
        ),
        options: &[("db", true), ("name", true), ("birth", true), ("yes", false)],
        files: false,
        hidden: false,
        run: erase_person,
    },
    CommandSpec {
        name: "journal",
        summary: "журнал операций: создание, импорт, пакеты, резервные копии, восстановление, отмены, обновления схемы",
        usage: concat!(
            "uchrost journal --db ФАЙЛ [--limit N] [--json]\n",
            "  uchrost journal --db ФАЙЛ --packages [--json]\n",
            "\n",
            "Без --packages — каждая операция, изменившая базу, новые сверху.\n",
            "--packages — журнал пакетов: каждый принятый, проверенный и отклонённый пакет.",
        ),
        options: &[("db", true), ("json", false), ("packages", false), ("limit", true)],
        files: false,
        hidden: false,
        run: journal,
    },
];

fn init(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    let path = o.db(usage)?;
    let mode = if o.flag("portable") { DiskMode::Portable } else { mode_for(&path) };
    let store = match (o.get("school"), o.get("municipality")) {
        (Some(name), None) => {
            let code = o.get("code").ok_or_else(|| Exit::Usage(format!("для школы укажите --code КОД\n\n{usage}")))?;
            app::create_school(&path, name, code, mode)?
        }
        (None, Some(name)) if o.get("region").is_none() => {
            app::create_municipality(&path, name, o.get("code").unwrap_or(""), mode)?
        }
        (None, None) if o.get("region").is_some() => {
            app::create_region(&path, o.get("region").unwrap_or_default(), o.get("code").unwrap_or(""), mode)?
        }
        _ => {
            return Err(Exit::Usage(format!("укажите одно из: --school, --municipality, --region\n\n{usage}")));
        }
    };
    let _ =
        writeln!(out, "Создана база: {} «{}» — {}", store.own_org().role.label(), store.own_org().name, path.display());
    close(store, out)?;
    Ok(())
}

fn demo(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    let path = o.db(usage)?;
    let seed = o.number("seed", 1)?;
    let today = o.date("today")?.unwrap_or_else(app::today);
    let schools = o.get("schools").map(|_| o.number("schools", 0)).transpose()?;
    if schools.is_some() && o.get("teachers").is_some() {
        return Err(Exit::Usage(format!("укажите либо --teachers, либо --schools\n\n{usage}")));
    }
    // Every argument is checked before the file is created or opened: wrong input changes nothing.
    if schools.is_some_and(|k| !(1..=5000).contains(&k)) {
        return Err(Exit::Usage("--schools: от 1 до 5000".into()));
    }
    let teachers = o.number("teachers", 60)?;
    if !(1..=200_000).contains(&teachers) {
        return Err(Exit::Usage("--teachers: от 1 до 200000".into()));
    }
    let mode = mode_for(&path);
    let mut store = if path.exists() {
        open_db(&path, out)?
    } else if schools.is_some() {
        app::create_municipality(&path, "Управление образования (демо)", "", mode)?
    } else {
        app::create_school(&path, "МОУ «Средняя общеобразовательная школа № 1» (демо)", "001", mode)?
    };
    if let Some(dir) = o.get("packages") {
        let k = schools.ok_or_else(|| Exit::Usage(format!("--packages: укажите и --schools K\n\n{usage}")))?;
        std::fs::create_dir_all(dir).map_err(|e| Exit::Error(format!("папка {dir} не создана: {}", io_message(&e))))?;
        let files =
            app::exchange::demo_packages(&mut store, k as usize, seed, today, Path::new(dir)).map_err(Exit::Error)?;
        close(store, out)?;
        writeln!(
            out,
            "Пакеты {} записаны в {dir} для «{}»",
            ru::count(files.len() as u64, "школы", "школ", "школ"),
            path.display()
        )?;
        return Ok(());
    }
    let summary = match schools {
        Some(k) => app::fill_municipal_demo(&mut store, k as usize, seed, today)?,
        None => app::fill_school_demo(&mut store, teachers as usize, seed, today)?,
    };
    writeln!(
        out,
        "Демонстрационные данные записаны в {}: {}, {}, {} на {}",
        path.display(),
        ru::count(summary.schools as u64, "школа", "школы", "школ"),
        ru::count(summary.persons as u64, "работник", "работника", "работников"),
        ru::count(summary.records as u64, "запись", "записи", "записей"),
        fmt_date(today)
    )?;
    close(store, out)?;
    Ok(())
}

fn teachers(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    let path = o.db(usage)?;
    let date = o.date("date")?.unwrap_or_else(app::today);
    let store = open_to_read(&path, out)?;
    let data = store.load()?;
    let settings = store.rule_settings()?;
    let staff: Vec<_> = app::staff_on(&data, date, &settings).into_iter().filter(|s| s.pedagogical).collect();
    if o.flag("json") {
        let json: Vec<_> = staff.iter().map(|s| s.to_json()).collect();
        let text = serde_json::to_string_pretty(&json).map_err(|e| Exit::Error(e.to_string()))?;
        writeln!(out, "{text}")?;
    } else {
        writeln!(
            out,
            "Педагоги на {} ({}):",
            fmt_date(date),
            ru::count(staff.len() as u64, "педагог", "педагога", "педагогов")
        )?;
        for s in &staff {
            let j = s.to_json();
            writeln!(
                out,
                "{:<40} {:>3} л. стаж {:>2} | {:<9} {:<13} {:<10} | курсы: {:<24} | {}{}",
                j.full_name,
                j.age.map(|a| a.to_string()).unwrap_or_default(),
                j.experience_years.map(|a| a.to_string()).unwrap_or_default(),
                j.category.unwrap_or("—"),
                j.category_state,
                j.category_valid_until.unwrap_or_default(),
                if j.courses_due {
                    format!("нужны (с {})", j.courses_due_from.unwrap_or_else(|| "—".into()))
                } else {
                    format!("до {}", j.courses_due_from.unwrap_or_default())
                },
                if j.young { "молодой; " } else { "" },
                j.subjects.join(", "),
            )?;
        }
    }
    close(store, out)?;
    Ok(())
}

fn check(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    let path = o.db(usage)?;
    let store = open_to_read(&path, out)?;
    let problems = store.integrity_problems()?;
    let settings = storage::connection::settings_of(store.connection()).map_err(StorageError::from)?;
    let data = store.load()?;
    writeln!(
        out,
        "База: {} «{}», схема {}, журнал {}, записей о людях: {}",
        store.own_org().role.label(),
        store.own_org().name,
        settings.user_version,
        settings.journal_mode,
        data.persons.len()
    )?;
    close(store, out)?;
    if problems.is_empty() {
        writeln!(out, "Проверка целостности: ошибок нет.")?;
        Ok(())
    } else {
        Err(Exit::Error(format!("Найдены ошибки целостности:\n{}", problems.join("\n"))))
    }
}

fn backup_cmd(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    let path = o.db(usage)?;
    if o.flag("list") {
        let list = backup::list(&path)?;
        if list.is_empty() {
            writeln!(out, "Резервных копий нет (папка {}).", backup::folder(&path).display())?;
        }
        for b in list {
            writeln!(out, "{}  {:<28} {:>8} КБ  {}", b.when(), b.reason, b.size / 1024, b.path.display())?;
        }
        return Ok(());
    }
    // A backup only reads the database: while another program writes it (the window open all day, a
    // scheduled backup at night) the copy is made all the same, without the journal's line.
    let mut store = match app::open(&path, mode_for(&path)) {
        Err(StorageError::Busy { holder, .. }) => {
            let store = open_to_read(&path, out)?;
            let _ =
                writeln!(out, "База открыта в другой программе {holder}: копия делается без записи в журнал операций.");
            store
        }
        other => {
            let store = other.map_err(|e| open_error(&path, e))?;
            say_notes(&store, out);
            store
        }
    };
    let target = match o.get("out") {
        Some(target) => {
            let target = PathBuf::from(target);
            store.backup_to(&target)?;
            target
        }
        None => store.backup("по команде")?,
    };
    writeln!(out, "Резервная копия сохранена: {}", target.display())?;
    close(store, out)?;
    Ok(())
}

fn restore(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    let path = o.db(usage)?;
    let from = PathBuf::from(o.required("from", usage)?);
    let done = app::restore(&path, &from, mode_for(&path), o.flag("other-org"))?;
    writeln!(out, "База {} восстановлена из копии {}", path.display(), from.display())?;
    if let Some(before) = &done.before {
        writeln!(out, "Прежнее состояние базы сохранено в копию {}", before.display())?;
    }
    if let Some(aside) = &done.moved_aside {
        writeln!(out, "Повреждённый файл сохранён под именем {}", aside.display())?;
    }
    if let Some(other) = &done.other_org {
        writeln!(out, "Внимание: восстановлена база другой организации — «{other}».")?;
    }
    Ok(())
}

fn history(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    let path = o.db(usage)?;
    let mut store = if o.get("undo").is_some() { open_db(&path, out)? } else { open_to_read(&path, out)? };
    if let Some(n) = o.get("undo") {
        let id: i64 = n.trim().parse().map_err(|_| Exit::Usage(format!("--undo: «{n}» — не номер изменения")))?;
        let undo = store.undo(id)?;
        writeln!(out, "Изменение № {id} отменено (отмена записана как № {undo}).")?;
    } else {
        let limit = o.number("limit", 30)? as usize;
        // The same words as the window's history: names, labels, values as the forms show them.
        let data = store.load()?;
        let names = data.persons.iter().map(|p| (p.id, p.full_name())).collect();
        for a in store.history(None, limit)? {
            let mark = match (a.undone_by, a.undoes) {
                (Some(by), _) => format!(" [отменено № {by}]"),
                _ => String::new(),
            };
            let shown = crate::app::history::shown(&data, &names, &a);
            writeln!(out, "№ {} {}{}", a.id, shown.header, mark)?;
            for (change, fields) in &shown.changes {
                writeln!(out, "    {change}")?;
                for f in fields {
                    writeln!(out, "      {f}")?;
                }
            }
        }
    }
    close(store, out)?;
    Ok(())
}

fn erase_person(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    let path = o.db(usage)?;
    let name = o.required("name", usage)?;
    let birth = o.date("birth")?;
    let mut store = open_db(&path, out)?;
    let mut found = store.erasable(name)?;
    if let Some(b) = birth {
        found.retain(|e| e.birth_date == Some(b));
    }
    let describe = |e: &storage::erase::Erasable| {
        format!(
            "{}{}{}",
            e.full_name,
            e.birth_date.map(|b| format!(", {} г. р.", fmt_date(b))).unwrap_or_default(),
            if e.present { "" } else { " (удалён, остался в истории изменений)" }
        )
    };
    let person = match found.as_slice() {
        [] => {
            close(store, out)?;
            return Err(Exit::Error(format!("Человек «{name}» не найден ни в базе, ни в истории изменений.")));
        }
        [one] => one.clone(),
        many => {
            let list: Vec<String> = many.iter().map(|e| format!("  {}", describe(e))).collect();
            close(store, out)?;
            return Err(Exit::Error(format!(
                "Найдено несколько человек — уточните ФИО или дату рождения (--birth):\n{}",
                list.join("\n")
            )));
        }
    };
    if !o.flag("yes") {
        writeln!(
            out,
            "Будут безвозвратно стёрты: {} — все записи о нём, строки истории изменений и имя в их описаниях.\n{}\nНичего не стёрто. Чтобы стереть, повторите команду с --yes.",
            describe(&person),
            backup::retention_text()
        )?;
        close(store, out)?;
        return Ok(());
    }
    let erased = store.erase_person(person.id)?;
    writeln!(
        out,
        "Стёрто: {} — {}, {}.\n{} Копии, сделанные до этого, хранят данные, пока не будут удалены.",
        person.full_name,
        ru::count(erased.records as u64, "запись", "записи", "записей"),
        ru::count(erased.history_rows as u64, "строка истории", "строки истории", "строк истории"),
        backup::retention_text()
    )?;
    if !erased.compacted {
        writeln!(
            out,
            "Внимание: файл базы не удалось уплотнить (мало места на диске?) — старые удалённые строки могут оставаться в свободном месте файла. Освободите место и повторите команду."
        )?;
    }
    close(store, out)?;
    Ok(())
}

fn journal(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    let path = o.db(usage)?;
    let store = open_to_read(&path, out)?;
    let limit = o.number("limit", 10_000)? as usize;
    if o.flag("packages") {
        let entries = store.package_log(limit)?;
        close(store, out)?;
        if o.flag("json") {
            let text = serde_json::to_string_pretty(&entries).map_err(|e| Exit::Error(e.to_string()))?;
            writeln!(out, "{text}")?;
            return Ok(());
        }
        if entries.is_empty() {
            writeln!(out, "Пакетов ещё не было.")?;
        }
        for e in &entries {
            let seq = e.sequence.map(|s| format!(" №{s}")).unwrap_or_default();
            writeln!(out, "{} {}{seq} — {}: {}", e.at, e.file, e.result, e.message)?;
        }
        return Ok(());
    }
    let entries = store.journal_entries(limit)?;
    close(store, out)?;
    if o.flag("json") {
        let json: Vec<serde_json::Value> = entries
            .iter()
            .map(|e| {
                serde_json::json!({
                    "at": e.at, "event": e.event, "kind": e.event_label(), "message": e.message, "details": e.details
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&json).map_err(|e| Exit::Error(e.to_string()))?;
        writeln!(out, "{text}")?;
        return Ok(());
    }
    for e in &entries {
        let details = e.details.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
        writeln!(out, "{}  {:<22} {}{details}", e.when(), e.event_label(), e.message)?;
    }
    writeln!(out, "Правки отдельных записей — в истории изменений: uchrost history --db ФАЙЛ")?;
    Ok(())
}
