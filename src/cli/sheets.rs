//! Spreadsheets in: the import of a sheet (with its plan and its error file) and the empty templates.

use super::*;

pub(super) const COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: "import-sheet",
        summary: "загрузить педагогов, аттестацию, курсы, диагностику, наставников или участников из таблицы",
        usage: concat!(
            "uchrost import-sheet --db ФАЙЛ --kind ВИД [--sheet ЛИСТ] [--dry-run] [--accept-valid] [--errors-out ОШИБКИ.xlsx] ТАБЛИЦА\n",
            "\n",
            "ВИД: teachers (педагоги), attestation, courses, diagnostics, mentoring, participants,\n",
            "routes (ИОМ: строка на шаг), expert (экспертная деятельность), communities (сообщества, МО),\n",
            "nominations (выдвинутые на курсы, диагностику, конкурс, мероприятие: строки с одним названием и датой — один список),\n",
            "awards (награды, звания, поощрения), practices (банк успешных практик), requests (запросы педагогов),\n",
            "risks (риски программы развития и меры по их минимизации: столбцы «Риск», «Меры»),\n",
            "meetings (заседания методических объединений: объединение, дата, тема, присутствовали — ФИО через «;»).\n",
            "Таблица: XLSX, XLS, ODS или CSV (UTF-8 или Windows-1251, запятая или точка с запятой).\n",
            "Для participants мероприятие описывается один раз:\n",
            "  --event \"НАЗВАНИЕ\" --event-date ДД.ММ.ГГГГ [--event-kind семинар|конкурс|…] [--level муниципальный|…]\n",
            "\n",
            "--dry-run ничего не записывает. Если в какой-то строке ошибка, ничего не записывается (код 1),\n",
            "если не указан --accept-valid: тогда записываются строки без ошибок, а ошибки перечисляются.\n",
            "--errors-out сохраняет строки с ошибками в XLSX, чтобы исправить и загрузить снова.\n",
            "--school-year 2025 — записать должности, предметы и нагрузку педагогов в 2025/2026 учебный год\n",
            "(по умолчанию — в текущий).",
        ),
        options: &[
            ("db", true),
            ("kind", true),
            ("sheet", true),
            ("dry-run", false),
            ("accept-valid", false),
            ("errors-out", true),
            ("event", true),
            ("event-date", true),
            ("event-kind", true),
            ("level", true),
            ("school-year", true),
        ],
        files: true,
        hidden: false,
        run: import_sheet,
    },
    CommandSpec {
        name: "import-template",
        summary: "сохранить шаблон XLSX для загрузки",
        usage: concat!(
            "uchrost import-template --kind ВИД --out ФАЙЛ.xlsx\n",
            "\n",
            "ВИД: teachers, attestation, courses, diagnostics, mentoring, participants, routes, expert, communities, nominations, awards, practices, requests, risks, meetings.",
        ),
        options: &[("kind", true), ("out", true)],
        files: false,
        hidden: false,
        run: import_template,
    },
];

fn import_kind(o: &Options, usage: &str) -> Result<crate::import::ImportKind, Exit> {
    let key = o.required("kind", usage)?;
    crate::import::ImportKind::from_key(key)
        .ok_or_else(|| Exit::Usage(format!("--kind: «{key}» — неизвестный вид загрузки\n\n{usage}")))
}

fn import_template(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    let kind = import_kind(o, usage)?;
    let path = PathBuf::from(o.required("out", usage)?);
    crate::import::write_template(kind, &path).map_err(|e| Exit::Error(format!("Не удалось сохранить шаблон: {e}")))?;
    writeln!(out, "Шаблон «{}» сохранён: {}", kind.label(), path.display())?;
    Ok(())
}

fn event_info(o: &Options, usage: &str) -> Result<Option<crate::import::EventInfo>, Exit> {
    use crate::domain::{EventKind, Level};
    let Some(title) = o.get("event") else { return Ok(None) };
    let date = o
        .date("event-date")?
        .ok_or_else(|| Exit::Usage(format!("для --event укажите --event-date ДД.ММ.ГГГГ\n\n{usage}")))?;
    let kind = match o.get("event-kind").map(|k| k.trim().to_lowercase()) {
        None => Some(EventKind::Seminar),
        Some(k) if k == "конкурс" => None,
        Some(k) => Some(EventKind::from_label(&k).ok_or_else(|| {
            let all: Vec<&str> = EventKind::ALL.iter().map(|e| e.label()).collect();
            Exit::Usage(format!("--event-kind: «{k}» — неизвестный вид; возможны: конкурс, {}", all.join(", ")))
        })?),
    };
    let level = match o.get("level") {
        None => Level::School,
        Some(l) => Level::from_label(l).ok_or_else(|| Exit::Usage(format!("--level: «{l}» — неизвестный уровень")))?,
    };
    Ok(Some(crate::import::EventInfo { title: title.trim().to_string(), kind, date, level }))
}

fn import_sheet(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    use crate::app::import as imp;
    use crate::import::RowStatus;
    let path = o.db(usage)?;
    let kind = import_kind(o, usage)?;
    let [file] = o.files.as_slice() else {
        return Err(Exit::Usage(format!("укажите один файл таблицы\n\n{usage}")));
    };
    let event = event_info(o, usage)?;
    let mut store = open_db(&path, out)?;
    let err = |e: imp::ImportError| Exit::Error(e.to_string());
    let (sheet, header) = imp::read(&store, Path::new(file), o.get("sheet"), kind).map_err(err)?;
    let data = store.load()?;
    let today = app::today();
    let school_year = match o.get("school-year") {
        None => None,
        Some(text) => Some(parse_school_year(text).ok_or_else(|| {
            Exit::Usage(format!("--school-year: «{text}» — не учебный год (пример: 2026 или 2026/2027)"))
        })?),
    };
    let prepared =
        imp::plan(&data, sheet, header, &imp::Context { kind, school: store.own_org().id, today, event, school_year })
            .map_err(err)?;
    let plan = &prepared.plan;
    if plan.as_of_note.is_empty() {
        writeln!(out, "Лист «{}», {}", prepared.sheet.name, kind.label())?;
    } else {
        writeln!(out, "Лист «{}», {}: {}", prepared.sheet.name, kind.label(), plan.as_of_note)?;
    }
    if kind == crate::import::ImportKind::Teachers {
        let sheet_year = plan
            .sheet_year
            .map(|y| format!(" (в заголовке листа — {y}: чтобы записать в него, укажите --school-year {})", y.0))
            .unwrap_or_default();
        writeln!(out, "Должности, предметы и нагрузка — в {} учебный год{sheet_year}.", plan.school_year)?;
    }
    if !plan.unused.is_empty() {
        let list: Vec<String> = plan.unused.iter().map(|t| format!("«{t}»")).collect();
        writeln!(out, "Не используются (данные из них не загружаются) столбцы: {}", list.join(", "))?;
    }
    for r in &plan.rows {
        match &r.status {
            RowStatus::Create if r.stored.is_empty() => {
                writeln!(out, "строка {}: {} — будет создано", r.row, r.who)?;
            }
            RowStatus::Create => {
                writeln!(out, "строка {}: {} — будет создано: {}", r.row, r.who, r.stored)?;
            }
            RowStatus::Update(changes) => {
                writeln!(out, "строка {}: {} — будет обновлено: {}", r.row, r.who, changes.join("; "))?;
            }
            RowStatus::Unchanged => {
                writeln!(out, "строка {}: {} — без изменений", r.row, r.who)?;
            }
            RowStatus::Skipped(why) => {
                writeln!(out, "строка {}: пропущена — {why}", r.row)?;
            }
            RowStatus::Error(errors) => {
                let list =
                    errors.iter().map(|e| format!("«{}»: {}", e.column, e.message)).collect::<Vec<_>>().join("; ");
                writeln!(out, "строка {}: {} — ОШИБКА: {list}", r.row, r.who)?;
            }
        }
    }
    let c = plan.counts();
    writeln!(
        out,
        "Итого: создать {}, обновить {}, без изменений {}, ошибок {}, пропущено {}",
        c.create, c.update, c.unchanged, c.errors, c.skipped
    )?;
    if let Some(errors_out) = o.get("errors-out")
        && c.errors > 0
    {
        let n = crate::app::import::save_errors(&prepared, Path::new(errors_out))
            .map_err(|e| Exit::Error(format!("Не удалось сохранить строки с ошибками: {e}")))?;
        writeln!(out, "Строки с ошибками ({n}) сохранены в {errors_out}")?;
    }
    if o.flag("dry-run") {
        writeln!(out, "Пробный прогон (--dry-run): ничего не записано.")?;
        close(store, out)?;
        return if c.errors > 0 {
            Err(Exit::Error(format!("{} ошибки", ru::in_rows(c.errors as u64))))
        } else {
            Ok(())
        };
    }
    if c.errors > 0 && !o.flag("accept-valid") {
        close(store, out)?;
        return Err(Exit::Error(format!(
            "{} ошибки — ничего не записано. Исправьте их или добавьте --accept-valid, чтобы записать строки без ошибок.",
            ru::in_rows(c.errors as u64)
        )));
    }
    let written = imp::apply(&mut store, &prepared, true, today, file).map_err(err)?;
    writeln!(out, "{}", written.summary("Записано строк:"))?;
    if c.errors > 0 {
        writeln!(out, "Строки с ошибками ({}) не записаны — они перечислены выше.", c.errors)?;
    }
    close(store, out)?;
    Ok(())
}

/// A school year as people write it: «2026», «2026/2027», «2026-27».
fn parse_school_year(text: &str) -> Option<crate::domain::SchoolYear> {
    let first: i32 = text.trim().split(['/', '-', '–']).next()?.trim().parse().ok()?;
    (1990..=2100).contains(&first).then_some(crate::domain::SchoolYear(first))
}
