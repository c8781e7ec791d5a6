//! Figures and documents out: the indicators (table or JSON, staffing) and the reports (PDF, XLSX, DOCX).

use super::*;

pub(super) const COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: "order",
        summary: "составить приказ или письмо по учёту и сохранить с номером и датой",
        usage: concat!(
            "uchrost order --db ФАЙЛ --kind ВИД --number НОМЕР [--date ДД.ММ.ГГГГ] [--year ГГГГ] [--signer \"И. О. Фамилия\"]\n",
            "\n",
            "ВИД:\n",
            "  mentors             о закреплении наставников (пары учебного года)\n",
            "  diagnostic_results  об итогах диагностики профессиональных дефицитов\n",
            "  routes              об утверждении ИОМ\n",
            "  courses             о направлении на курсы (списки выдвинутых на курсы учебного года; без них — кому подошёл срок по плану ПК)\n",
            "  event_results       об итогах конкурсов\n",
            "  appointments        о назначении руководителей РМО, тьюторов, экспертов\n",
            "  effectiveness       о проведении анализа эффективности принятых мер\n",
            "  letter_monitoring   письмо о проведении мониторинга профессиональных дефицитов\n",
            "  letter_event        письмо о направлении педагогов на мероприятие\n",
            "\n",
            "Текст составляется по записям учебного года (--year 2026 — 2026/2027, по умолчанию текущий) и\n",
            "сохраняется как есть; править его — в окне («Цикл мониторинга» → «Приказы»), печатать —\n",
            "uchrost report --kind order --order НОМЕР.",
        ),
        options: &[("db", true), ("kind", true), ("number", true), ("date", true), ("year", true), ("signer", true)],
        files: false,
        hidden: false,
        run: order,
    },
    CommandSpec {
        name: "nominations",
        summary: "списки выдвинутых педагогов; отметить, что мероприятие состоялось, и записать участие",
        usage: concat!(
            "uchrost nominations --db ФАЙЛ [--done \"НАЗВАНИЕ\" [--absent \"ФИО; ФИО\"]]\n",
            "\n",
            "Без --done — списки: что, когда, сколько выдвинуто, у кого участие уже записано.\n",
            "--done — список с этим названием состоялся: каждому выдвинутому, кроме названных в --absent,\n",
            "записывается участие (курсы с названием, организацией, часами и сроками списка; диагностика;\n",
            "конкурс — «участник»; мероприятие), и выдвижение отмечается выполненным. Результаты (удостоверение,\n",
            "итоговая аттестация, балл, место) не придумываются — их вносят потом. Уже записанное участие не\n",
            "повторяется. Списки составляются в окне («Групповая запись») или import-sheet --kind nominations.",
        ),
        options: &[("db", true), ("done", true), ("absent", true)],
        files: false,
        hidden: false,
        run: nominations,
    },
    CommandSpec {
        name: "schedule",
        summary: "график мониторинга: что, когда, кто; что подошло по сроку на дату",
        usage: concat!(
            "uchrost schedule --db ФАЙЛ [--on ДД.ММ.ГГГГ] [--keep]\n",
            "\n",
            "Строки графика этой организации (или, пока своего нет, графика по положению) и то, что подошло\n",
            "на дату --on (по умолчанию сегодня): строки этого месяца и сроки «до …» за 30 дней — как в «Сегодня».\n",
            "--keep — сохранить график по положению как свой (его строки потом меняются в окне, «Цикл мониторинга»).",
        ),
        options: &[("db", true), ("on", true), ("keep", false)],
        files: false,
        hidden: false,
        run: schedule,
    },
    CommandSpec {
        name: "indicators",
        summary: "показатели каталога: числитель, знаменатель, процент",
        usage: concat!(
            "uchrost indicators --db ФАЙЛ [--year ГГГГ | --from ДД.ММ.ГГГГ --to ДД.ММ.ГГГГ] [--by subject|school|cluster|municipality] [--staffing] [--json]\n",
            "\n",
            "--year 2025 — учебный год 2025/2026 (на его последний день или на сегодня, пока он идёт).\n",
            "По умолчанию — текущий учебный год. Считается то, что произошло с начала периода до даты «на».\n",
            "Пункты самообследования — за календарный год, в который входит эта дата, на ту же дату.\n",
            "В JSON у каждой строки есть цель года (target) и отметка о её достижении (target_met);\n",
            "введённые показатели идут следом с entered: true, value, unit и source.\n",
            "--staffing — кадровые потребности: численность, вакансии, образование, стаж, возраст, категории, нагрузка.",
        ),
        options: &[
            ("db", true),
            ("year", true),
            ("from", true),
            ("to", true),
            ("by", true),
            ("staffing", false),
            ("json", false),
        ],
        files: false,
        hidden: false,
        run: indicators,
    },
    CommandSpec {
        name: "report",
        summary: "отчёт в PDF, XLSX или DOCX: справка, планы, списки, мониторинг, самообследование",
        usage: concat!(
            "uchrost report --db ФАЙЛ --kind ВИД --out ФАЙЛ.pdf|.xlsx|.docx [--year ГГГГ] [--calendar-year ГГГГ] [--signer \"И. О. Фамилия\"] [--approver \"И. О. Фамилия\"] [--person \"ФИО\"] [--order НОМЕР] [--event \"НАЗВАНИЕ\"] [--association \"НАЗВАНИЕ\"] [--list \"НАЗВАНИЕ\"] [--problems ФАЙЛ.txt] [--basis \"ТЕКСТ\"] [--today ДД.ММ.ГГГГ]\n",
            "\n",
            "ВИД:\n",
            "  analytical        аналитическая справка за учебный год (для педсовета)\n",
            "  attestation-plan  перспективный план аттестации (5 лет)\n",
            "  course-plan       перспективный план повышения квалификации (3 года)\n",
            "  staff             список педагогических работников\n",
            "  mentoring         наставничество и молодые педагоги\n",
            "  routes            ИОМ: ход реализации по педагогам\n",
            "  route-card        ИОМ одного педагога на подпись (--person)\n",
            "  mentor-plan       план наставника на год молодого педагога (--person — молодой педагог)\n",
            "  mentor-report     отчёт наставника о годе молодого педагога (--person — молодой педагог)\n",
            "  representation    представление работодателя на аттестацию для СЗД (--person; подписывает --approver)\n",
            "  order             сохранённый приказ (--order НОМЕР или слова заголовка); составляется в окне, «Цикл мониторинга» → «Приказы»\n",
            "  monitoring        мониторинг по школам, предметам, кластерам и рейтинг «Вклад ОО» (муниципалитет)\n",
            "  staffing          кадровые потребности: вакансии и кадровый резерв\n",
            "  self-evaluation   самообследование: кадровое обеспечение за календарный год (--calendar-year)\n",
            "  cycle             цикл мониторинга: цели, показатели, анализ, рекомендации, меры, решения, эффективность\n",
            "  young-plan        план работы с молодыми педагогами: наставники и запланированное по учёту\n",
            "  practices         банк успешных практик (--event \"слова\" — только те, где они есть)\n",
            "  participants      список участников мероприятия или конкурса учебного года (--event \"Название\")\n",
            "  association-plan  план работы методического объединения на учебный год (--association \"Название\")\n",
            "  association-report отчёт о работе методического объединения за учебный год (--association)\n",
            "  association-members состав методического объединения (--association)\n",
            "  szd-schedule      график аттестации на соответствие занимаемой должности на учебный год (приказ № 196)\n",
            "  szd-extract       выписка из протокола аттестационной комиссии о решении СЗД (--person; председатель — --approver, секретарь — --signer)\n",
            "  nominated         список педагогов, выдвинутых на курсы, диагностику, конкурс (--list \"Название\")\n",
            "  oo1               сведения о руководящих и педагогических работниках по форме № ОО-1 (разделы 3.1–3.3)\n",
            "\n",
            "Формат — по расширению файла. --year 2025 — учебный год 2025/2026 (по умолчанию текущий).\n",
            "--problems — свой текст раздела «Проблемы и рекомендации» справки: по пункту на строку.\n",
            "--basis — «Основание» справки (приказ, план контроля); без него — план на учебный год.",
        ),
        options: &[
            ("db", true),
            ("kind", true),
            ("out", true),
            ("year", true),
            ("calendar-year", true),
            ("signer", true),
            ("approver", true),
            ("person", true),
            ("order", true),
            ("event", true),
            ("association", true),
            ("list", true),
            ("problems", true),
            ("basis", true),
            ("today", true),
        ],
        files: false,
        hidden: false,
        run: report,
    },
];

fn report(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    use crate::app::reports::{self, ReportKind, ReportRequest};
    use crate::domain::SchoolYear;
    use crate::report::Format;
    let path = o.db(usage)?;
    let file = PathBuf::from(o.required("out", usage)?);
    let format =
        file.extension().and_then(|e| e.to_str()).and_then(Format::parse).ok_or_else(|| {
            Exit::Usage(format!("--out: расширение файла должно быть .pdf, .xlsx или .docx\n\n{usage}"))
        })?;
    let code = o.required("kind", usage)?;
    let today = o.date("today")?.unwrap_or_else(app::today);
    let kind = match code {
        "route-card" | "order" | "representation" | "szd-extract" | "mentor-report" | "mentor-plan" => None,
        c => Some(
            ReportKind::parse(c).ok_or_else(|| Exit::Usage(format!("--kind: «{c}» — нет такого отчёта\n\n{usage}")))?,
        ),
    };
    if matches!(code, "route-card" | "representation" | "szd-extract" | "mentor-report" | "mentor-plan")
        && o.get("person").is_none()
    {
        return Err(Exit::Usage(format!("для {code} укажите --person \"ФИО\"\n\n{usage}")));
    }
    if code == "order" && o.get("order").is_none() {
        return Err(Exit::Usage(format!("для order укажите --order НОМЕР (или слова заголовка)\n\n{usage}")));
    }
    let problems = match o.get("problems") {
        Some(f) => {
            let text = std::fs::read_to_string(f)
                .map_err(|e| Exit::Error(format!("файл {f} не читается: {}", io_message(&e))))?;
            Some(text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect())
        }
        None => None,
    };
    let store = open_to_read(&path, out)?;
    let data = store.load()?;
    let settings = store.rule_settings()?;
    let kind = match kind {
        Some(k) => k,
        None if code == "order" => {
            ReportKind::Order(reports::find_order(&data, store.own_org(), o.get("order").unwrap_or_default())?)
        }
        None if code == "mentor-plan" => {
            ReportKind::MentorPlan(reports::find_person(&data, o.get("person").unwrap_or_default())?)
        }
        None if code == "mentor-report" => {
            ReportKind::MentorReport(reports::find_person(&data, o.get("person").unwrap_or_default())?)
        }
        None if code == "szd-extract" => {
            ReportKind::SzdExtract(reports::find_person(&data, o.get("person").unwrap_or_default())?)
        }
        None if code == "representation" => {
            ReportKind::Representation(reports::find_person(&data, o.get("person").unwrap_or_default())?)
        }
        None => ReportKind::RouteCard(reports::find_person(&data, o.get("person").unwrap_or_default())?),
    };
    let mut req = ReportRequest::new(kind, today);
    if let Some(y) = o.get("year") {
        req.year = SchoolYear::parse(y).ok_or_else(|| Exit::Usage(format!("--year: «{y}» — не год\n\n{usage}")))?;
        req.today = req.year.last_day().min(today);
    }
    if let Some(y) = o.get("calendar-year") {
        req.calendar_year = y.trim().parse().map_err(|_| Exit::Usage(format!("--calendar-year: «{y}» — не год")))?;
    }
    req.signer = o.get("signer").unwrap_or_default().to_string();
    req.approver = o.get("approver").unwrap_or_default().to_string();
    req.problems = problems;
    req.basis = o.get("basis").unwrap_or_default().to_string();
    req.event = ["event", "association", "list"].iter().find_map(|k| o.get(k)).unwrap_or_default().to_string();
    let built = reports::build(&data, &settings, store.own_org(), &req)?;
    close(store, out)?;
    let bytes = reports::save(&built, format, &file)?;
    writeln!(out, "Отчёт «{}» записан в {} ({bytes} байт).", built.title, file.display())?;
    Ok(())
}

fn indicators(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    use crate::domain::SchoolYear;
    use crate::domain::indicators::{self, Breakdown, Window};
    let path = o.db(usage)?;
    let today = app::today();
    let window = match (o.get("year"), o.date("from")?, o.date("to")?) {
        (Some(y), None, None) => {
            let year = SchoolYear::parse(y).ok_or_else(|| Exit::Usage(format!("--year: «{y}» — не год\n\n{usage}")))?;
            Window::school_year(year, today)
        }
        (None, Some(from), Some(to)) if from <= to => Window::range(from, to, today),
        (None, None, None) => Window::school_year(SchoolYear::of(today), today),
        _ => {
            return Err(Exit::Usage(format!(
                "укажите либо --year, либо --from и --to (начало не позже конца)\n\n{usage}"
            )));
        }
    };
    let breakdown = match o.get("by") {
        None => Breakdown::None,
        Some("subject") => Breakdown::Subject,
        Some("school") => Breakdown::School,
        Some("cluster") => Breakdown::Cluster,
        Some("municipality") => Breakdown::Municipality,
        Some(other) => {
            return Err(Exit::Usage(format!("--by: «{other}» — нужно subject, school, cluster или municipality")));
        }
    };
    let store = open_to_read(&path, out)?;
    let data = store.load()?;
    let settings = store.rule_settings()?;
    let own = store.own_org().clone();
    close(store, out)?;
    if o.flag("staffing") {
        return staffing(o, &data, window, breakdown, out);
    }
    let values = indicators::compute(&data, window, &settings, breakdown);
    let rows = indicator_rows(&data, &values, &own, SchoolYear::of(window.as_of));
    if o.flag("json") {
        writeln!(out, "{}", serde_json::to_string_pretty(&rows).map_err(|e| Exit::Error(e.to_string()))?)?;
        return Ok(());
    }
    writeln!(out, "Показатели за {} (на {}):", window.period, fmt_date(window.as_of))?;
    let calendar = window.calendar();
    writeln!(
        out,
        "Пункты самообследования (self_…) — за календарный {} год на {}: считается то, что произошло до этой даты.",
        chrono::Datelike::year(&calendar.as_of),
        fmt_date(calendar.as_of)
    )?;
    for r in &rows {
        let scope = if r.scope == "all" { String::new() } else { format!(" [{}]", r.scope) };
        let shown = match (r.numerator, r.denominator, r.value) {
            (Some(n), Some(d), _) => indicators::Value {
                id: String::new(),
                title: String::new(),
                scope: crate::domain::indicators::Scope::All,
                numerator: n,
                denominator: d,
            }
            .display(),
            (_, _, Some(x)) => format!("{} {} (введён)", fmt_number(x), r.unit.unwrap_or("")),
            _ => "— (введён)".into(),
        };
        let target = match (r.target, r.target_met) {
            (Some(t), Some(true)) => format!("  цель {}: достигнута", fmt_number(t)),
            (Some(t), _) => format!("  цель {}: не достигнута", fmt_number(t)),
            (None, _) => String::new(),
        };
        writeln!(out, "{:<22} {:<24}{scope}  {}{target}", r.id, shown, r.title)?;
    }
    Ok(())
}

/// One line of `indicators --json`.
#[derive(serde::Serialize)]
struct IndicatorRow<'a> {
    id: String,
    title: &'a str,
    scope: crate::domain::indicators::Scope,
    numerator: Option<u64>,
    denominator: Option<u64>,
    percent: Option<f64>,
    target: Option<f64>,
    target_met: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entered: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
}

/// The computed values with their targets, then the entered indicators (value of the year, marked).
fn indicator_rows<'a>(
    data: &'a crate::domain::Dataset,
    values: &'a [crate::domain::indicators::Value],
    own: &crate::domain::Organisation,
    year: crate::domain::SchoolYear,
) -> Vec<IndicatorRow<'a>> {
    use crate::domain::indicators;
    let targets = indicators::Targets::new(data);
    let codes = crate::app::indicators::SchoolCodes::new(data);
    let mut rows: Vec<IndicatorRow> = values
        .iter()
        .map(|v| {
            let target = targets.get(&v.id, year, codes.target_school(&v.scope, own)).map(|t| t.0);
            IndicatorRow {
                id: v.id.clone(),
                title: &v.title,
                scope: v.scope.clone(),
                numerator: Some(v.numerator),
                denominator: Some(v.denominator),
                percent: v.percent(),
                target,
                target_met: target.and_then(|t| indicators::target_met(&v.id, v.percent(), t)),
                entered: None,
                value: None,
                unit: None,
                source: None,
            }
        })
        .collect();
    for e in &data.entered {
        let code = e.code();
        let value = e.value_in(year);
        let target = targets.get(&code, year, Some(e.org)).map(|t| t.0);
        use crate::domain::indicators::Scope;
        let scope = if e.org == own.id {
            Scope::All
        } else {
            data.organisation(e.org).map_or(Scope::All, |o| Scope::School(o.code.clone()))
        };
        rows.push(IndicatorRow {
            target_met: target.and_then(|t| indicators::target_met(&code, value, t)),
            id: code,
            title: &e.title,
            scope,
            numerator: None,
            denominator: None,
            percent: value.filter(|_| e.unit.trim() == "%"),
            target,
            entered: Some(true),
            value,
            unit: Some(&e.unit),
            source: Some(&e.source),
        });
    }
    rows
}

/// `indicators --staffing`: the staffing picture per scope.
fn staffing(
    o: &Options,
    data: &crate::domain::Dataset,
    window: crate::domain::indicators::Window,
    breakdown: crate::domain::indicators::Breakdown,
    out: &mut dyn Write,
) -> Result<(), Exit> {
    let rows = crate::domain::indicators::staffing(data, window.as_of, breakdown);
    if o.flag("json") {
        writeln!(out, "{}", serde_json::to_string_pretty(&rows).map_err(|e| Exit::Error(e.to_string()))?)?;
        return Ok(());
    }
    writeln!(out, "Кадровые потребности на {}:", fmt_date(window.as_of))?;
    let opt = |v: Option<f64>| v.map_or("—".to_string(), fmt_number);
    for r in &rows {
        writeln!(
            out,
            "[{}] педагогов {}, вакансий {} ({} ч), средний возраст {}, средняя нагрузка {} ч, обеспеченность кадрами {} %",
            r.scope,
            r.teachers,
            r.vacancies,
            fmt_number(r.vacancy_hours),
            opt(r.average_age),
            opt(r.average_load),
            opt(r.provision)
        )?;
        for (title, list) in [
            ("образование", &r.by_education),
            ("стаж", &r.by_experience),
            ("возраст", &r.by_age),
            ("категории", &r.by_category),
        ] {
            let parts: Vec<String> = list.iter().map(|(l, n)| format!("{l} {n}")).collect();
            writeln!(out, "    {title}: {}", parts.join(", "))?;
        }
    }
    Ok(())
}

fn schedule(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    use crate::domain::{OrgRole, cycle, fmt_date};
    let path = o.db(usage)?;
    let on = o.date("on")?.unwrap_or_else(app::today);
    let (data, own) = if o.flag("keep") {
        let mut store = open_db(&path, out)?;
        let own = store.own_org().clone();
        if store.load()?.schedule.iter().any(|x| x.org == own.id) {
            close(store, out)?;
            return Err(Exit::Error(
                "свой график уже составлен: его строки меняются в окне («Цикл мониторинга»)".into(),
            ));
        }
        let changes = cycle::default_items(own.id, own.role == OrgRole::School)
            .into_iter()
            .map(|x| crate::storage::Change::Put(x.into()))
            .collect();
        store.apply(
            "График мониторинга по положению сохранён как свой",
            changes,
            app::today(),
            crate::storage::HistoryMode::Record,
        )?;
        let data = store.load()?;
        close(store, out)?;
        (data, own)
    } else {
        let store = open_to_read(&path, out)?;
        let data = store.load()?;
        let own = store.own_org().clone();
        close(store, out)?;
        (data, own)
    };
    let school = own.role == OrgRole::School;
    let kept = data.schedule.iter().any(|x| x.org == own.id);
    let items = cycle::schedule_of(&data, own.id, school);
    writeln!(out, "График мониторинга ({}):", if kept { "свой" } else { "по положению — свой ещё не составлен" })?;
    for x in &items {
        writeln!(out, "  {} — {}; {}; {}", x.what, x.when, x.who, x.result)?;
    }
    let due = cycle::due(&items, on);
    writeln!(out, "\nНа {}:", fmt_date(on))?;
    if due.is_empty() {
        writeln!(out, "  по графику ничего")?;
    }
    for d in due {
        match d.deadline {
            Some(day) => writeln!(out, "  до {}: {} — {}", fmt_date(day), d.what, d.who)?,
            None => writeln!(out, "  в этом месяце: {} — {}", d.what, d.who)?,
        }
    }
    Ok(())
}

fn order(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    use crate::domain::labels::OrderKind;
    use crate::domain::{SchoolYear, orders};
    let path = o.db(usage)?;
    let code = o.required("kind", usage)?;
    let kind: OrderKind = serde_json::from_value(serde_json::Value::String(code.to_string()))
        .ok()
        .filter(|k| *k != OrderKind::Other)
        .ok_or_else(|| Exit::Usage(format!("--kind: «{code}» — нет такого приказа\n\n{usage}")))?;
    let number = o.required("number", usage)?.trim().to_string();
    let today = app::today();
    let date = o.date("date")?.unwrap_or(today);
    let year = match o.get("year") {
        Some(y) => SchoolYear::parse(y).ok_or_else(|| Exit::Usage(format!("--year: «{y}» — не год\n\n{usage}")))?,
        None => SchoolYear::of(date),
    };
    let mut store = open_db(&path, out)?;
    let data = store.load()?;
    let settings = store.rule_settings()?;
    let own = store.own_org().clone();
    if data.orders.iter().any(|x| x.org == own.id && x.number.trim() == number) {
        close(store, out)?;
        return Err(Exit::Error(format!("приказ № {number} уже есть в базе: укажите другой номер")));
    }
    let mut order = orders::draft(kind, &data, &settings, &own, year, date);
    order.number = number;
    order.signer = o.get("signer").unwrap_or_default().to_string();
    let line = order.line();
    store.put(&format!("Составлен {line}"), order, today)?;
    close(store, out)?;
    writeln!(out, "Сохранён {line}.")?;
    Ok(())
}

fn nominations(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    use crate::domain::nominations::{self, List};
    let path = o.db(usage)?;
    let today = app::today();
    let Some(title) = o.get("done") else {
        let store = open_to_read(&path, out)?;
        let data = store.load()?;
        close(store, out)?;
        let lists = nominations::lists(&data);
        if lists.is_empty() {
            writeln!(out, "Списков выдвинутых педагогов нет.")?;
        }
        let names: HashMap<crate::domain::PersonId, String> =
            data.persons.iter().map(|p| (p.id, p.full_name())).collect();
        for l in &lists {
            let done = l.nominations.iter().filter(|n| n.done).count();
            writeln!(out, "{} — выдвинуто {}, участие записано: {done}", l.line(), l.nominations.len())?;
            for n in &l.nominations {
                let name = names.get(&n.person).map(String::as_str).unwrap_or("—");
                writeln!(out, "    {name}{}", if n.done { " — участие записано" } else { "" })?;
            }
        }
        return Ok(());
    };
    let mut store = open_db(&path, out)?;
    let data = store.load()?;
    let lists = nominations::lists(&data);
    let Some(list): Option<&List> = nominations::find(&lists, title) else {
        close(store, out)?;
        return Err(Exit::Error(format!("списка «{title}» нет: uchrost nominations --db … покажет списки")));
    };
    let fold = crate::domain::text::fold;
    let absent: Vec<String> = o
        .get("absent")
        .unwrap_or_default()
        .split([';', ','])
        .map(|t| fold(t.trim()))
        .filter(|t| !t.is_empty())
        .collect();
    let nominated: Vec<(crate::domain::PersonId, String)> = list
        .nominations
        .iter()
        .filter_map(|n| data.persons.iter().find(|p| p.id == n.person).map(|p| (p.id, p.full_name())))
        .collect();
    if let Some(unknown) = absent.iter().find(|a| !nominated.iter().any(|(_, n)| fold(n) == **a)) {
        close(store, out)?;
        return Err(Exit::Error(format!("--absent: «{unknown}» нет в списке «{}»", list.title)));
    }
    let present: Vec<crate::domain::PersonId> =
        nominated.iter().filter(|(_, n)| !absent.contains(&fold(n))).map(|(id, _)| *id).collect();
    let records = nominations::take_place(&data, list, &present, store.own_org().id);
    if records.is_empty() {
        close(store, out)?;
        writeln!(out, "В списке «{}» записывать нечего: участие уже записано.", list.title)?;
        return Ok(());
    }
    let marked = records.iter().filter(|r| matches!(r, crate::domain::AnyRecord::Nomination(_))).count() as u64;
    let made = records.len() as u64 - marked;
    let what = format!("Состоялось: «{}», {}", list.title, ru::count(marked, "участник", "участника", "участников"));
    store.apply(&what, records.into_iter().map(storage::Change::Put).collect(), today, storage::HistoryMode::Record)?;
    close(store, out)?;
    writeln!(
        out,
        "«{}»: участие записано для {} (новых записей об участии: {made}).",
        list.title,
        ru::count(marked, "педагога", "педагогов", "педагогов")
    )?;
    Ok(())
}
