//! Packages between school, municipality and region: keys and key cards, making and taking in
//! packages, receipts.

use super::*;

pub(super) const COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: "keys",
        summary: "ключи обмена: отпечатки, карточка ключа этой базы, приём карточки муниципалитета",
        usage: concat!(
            "uchrost keys --db ФАЙЛ [--export ФАЙЛ | --import ФАЙЛ [--replace] | --rotate | --revoke КОД | --require-encryption да|нет]\n",
            "\n",
            "Без параметров — отпечаток ключа этой базы и зарегистрированные ключи других организаций.\n",
            "--export — записать карточку ключа этой базы (её печатают и сверяют на бумаге).\n",
            "--import — принять карточку ключа: муниципалитета (в школе), региона (в муниципалитете),\n",
            "  школы или муниципалитета (повторная регистрация после потери ключа; снимает отзыв).\n",
            "--replace — с --import: новая база организации (прежняя утрачена) занимает место прежней с тем же кодом:\n",
            "  её пакеты заменят данные прежней, записи этой базы о её работниках привязываются по ФИО и дате рождения.\n",
            "--rotate — сменить ключ: следующий пакет ещё подписан прежним ключом и объявляет новый.\n",
            "--revoke КОД — отозвать ключ организации: её пакеты не принимаются до повторной регистрации.\n",
            "--require-encryption да|нет — принимать ли незашифрованные пакеты (в муниципалитете и регионе по умолчанию — нет).",
        ),
        options: &[
            ("db", true),
            ("export", true),
            ("import", true),
            ("replace", false),
            ("rotate", false),
            ("revoke", true),
            ("require-encryption", true),
        ],
        files: false,
        hidden: false,
        run: keys,
    },
    CommandSpec {
        name: "export",
        summary: "пакет для отправки: школы — муниципалитету, муниципалитета — школе или региону",
        usage: concat!(
            "uchrost export --db ФАЙЛ --out ФАЙЛ.uchpkg [--for КОД_ШКОЛЫ | --up] [--unencrypted]\n",
            "\n",
            "В базе школы — пакет школы для муниципалитета (зашифрован его ключом).\n",
            "В базе муниципалитета: --for КОД — пакет обратно школе; --up — сводные данные муниципалитета\n",
            "и всех его школ для региона (зашифрован ключом региона: сначала uchrost keys --import КАРТОЧКА_РЕГИОНА).\n",
            "--unencrypted — пакет без шифрования, если ключа получателя нет (выбор записывается в журнал).",
        ),
        options: &[("db", true), ("out", true), ("for", true), ("up", false), ("unencrypted", false)],
        files: false,
        hidden: false,
        run: export,
    },
    CommandSpec {
        name: "import",
        summary: "принять пакеты (школ — в муниципалитете, муниципалитета — в школе и в регионе)",
        usage: concat!(
            "uchrost import --db ФАЙЛ [--dry-run] [--trust-new] [--batch-rows N] ПАКЕТ...\n",
            "\n",
            "--dry-run — только показать, что изменится (новых, изменённых, удалённых, без изменений), ничего не записывая.\n",
            "--trust-new — зарегистрировать ключ школы, приславшей первый пакет (сначала сверьте отпечаток с бумажной карточкой).\n",
            "--batch-rows N — записывать пакеты одной транзакцией, пока в ней меньше N строк (по умолчанию 200000; 1 — каждый пакет отдельно).\n",
            "Код выхода 1, если хотя бы один файл отклонён.",
        ),
        options: &[("db", true), ("dry-run", false), ("trust-new", false), ("batch-rows", true)],
        files: true,
        hidden: false,
        run: import_packages,
    },
    CommandSpec {
        name: "receipt",
        summary: "квитанция о принятом пакете: выдать (муниципалитет) или открыть (школа)",
        usage: concat!(
            "uchrost receipt --db ФАЙЛ --for КОД_ШКОЛЫ --out ФАЙЛ\n",
            "  uchrost receipt --db ФАЙЛ --open ФАЙЛ\n",
            "\n",
            "Муниципалитет выдаёт школе квитанцию о последнем принятом пакете.\n",
            "Школа открывает её: если база восстановлена из старой копии, нумерация пакетов продолжается с принятого.",
        ),
        options: &[("db", true), ("for", true), ("out", true), ("open", true)],
        files: false,
        hidden: false,
        run: receipt,
    },
];

fn keys(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    use crate::app::exchange;
    let path = o.db(usage)?;
    let mut store = open_db(&path, out)?;
    if let Some(answer) = o.get("require-encryption") {
        let require = match answer.trim().to_lowercase().as_str() {
            "да" | "yes" | "1" => true,
            "нет" | "no" | "0" => false,
            other => return Err(Exit::Usage(format!("--require-encryption: «{other}» — укажите «да» или «нет»"))),
        };
        exchange::set_requires_encryption(&mut store, require)?;
        writeln!(
            out,
            "{}",
            if require {
                "Незашифрованные пакеты не принимаются."
            } else {
                "Незашифрованные пакеты принимаются (в предпросмотре и журнале отмечены «пакет не зашифрован»)."
            }
        )?;
    } else if o.flag("rotate") {
        let fp = exchange::rotate_keys(&mut store)?;
        writeln!(
            out,
            "Новый ключ подписи: отпечаток {fp}. Следующий пакет ещё будет подписан прежним ключом и объявит \
             новый; после него пакеты подписываются новым. Запишите новый отпечаток в карточку ключа."
        )?;
    } else if let Some(code) = o.get("revoke") {
        let name = exchange::revoke(&mut store, code)?;
        writeln!(
            out,
            "Ключ «{name}» отозван: её пакеты не принимаются, пока не будет принята её новая карточка ключа \
             (uchrost keys --import)."
        )?;
    } else if let Some(file) = o.get("import") {
        let text = std::fs::read_to_string(file)
            .map_err(|e| Exit::Error(format!("файл {file} не читается: {}", io_message(&e))))?;
        if o.flag("replace") {
            let done = exchange::replace_with_card(&mut store, &text)?;
            writeln!(
                out,
                "Новая база «{}» ({}) принята на место прежней «{}» (отпечаток {}). Новый отпечаток {} — сверьте \
                 его с бумажной карточкой. Записей этой базы о работниках прежней базы: {}; они будут привязаны к \
                 работникам её первого пакета по ФИО и дате рождения (посмотреть заранее: uchrost import --dry-run).",
                done.card.name,
                done.card.code,
                done.old_name,
                done.old_fingerprint,
                done.card.fingerprint(),
                done.held
            )?;
            return close(store, out);
        }
        let card = exchange::take_card(&mut store, &text)?;
        writeln!(
            out,
            "Принята карточка ключа: {} ({}), {}. Отпечаток {} — сверьте его с бумажной карточкой.",
            card.name,
            card.code,
            card.role.label(),
            card.fingerprint()
        )?;
    } else {
        let card = exchange::own_card(&mut store)?;
        if let Some(file) = o.get("export") {
            crate::app::write_atomically(Path::new(file), card.to_text().as_bytes())
                .map_err(|e| Exit::Error(format!("файл {file} не записан: {}", io_message(&e))))?;
            writeln!(out, "Карточка ключа записана в {file}.")?;
        }
        writeln!(out, "Эта база: {} ({}), отпечаток ключа {}", card.name, card.code, card.fingerprint())?;
        if let Some(fp) = exchange::pending_rotation(&store)? {
            writeln!(out, "  идёт смена ключа: новый отпечаток {fp} объявит следующий пакет")?;
        }
        for p in store.peers()? {
            let fp = crate::exchange::keys::peer_fingerprint(&p.role, &p.org, &p.sign_key);
            let state = if p.revoked.is_some() { ", ОТОЗВАН" } else { "" };
            let last = p.last_sequence.map(|s| format!(", последний пакет №{s}")).unwrap_or_default();
            writeln!(out, "  {} ({}), {}: отпечаток {fp}{last}{state}", p.name, p.code, p.role)?;
        }
    }
    close(store, out)?;
    Ok(())
}

fn export(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    use crate::app::exchange::{self, ExportTarget};
    let path = o.db(usage)?;
    let file = o.get("out").ok_or_else(|| Exit::Usage(format!("укажите --out ФАЙЛ.uchpkg\n\n{usage}")))?;
    let mut store = open_db(&path, out)?;
    let own_role = store.own_org().role;
    if o.flag("up") && (o.get("for").is_some() || own_role != crate::domain::OrgRole::Municipality) {
        return Err(Exit::Usage(format!("--up — пакет муниципалитета для региона, без --for\n\n{usage}")));
    }
    if !o.flag("up") && o.get("for").is_none() && own_role == crate::domain::OrgRole::Municipality {
        return Err(Exit::Usage(format!(
            "в базе муниципалитета укажите --for КОД_ШКОЛЫ (пакет школе) или --up (пакет для региона)\n\n{usage}"
        )));
    }
    let target = match o.get("for") {
        Some(code) => {
            let data = store.load()?;
            let school = data
                .schools()
                .find(|s| s.code == code)
                .ok_or_else(|| Exit::Error(format!("школы с кодом «{code}» нет в базе")))?;
            ExportTarget::BackTo(school.id)
        }
        None => ExportTarget::Upward,
    };
    let done = exchange::export(&mut store, Path::new(file), target, o.flag("unencrypted"), app::today())?;
    close(store, out)?;
    let counts: Vec<String> = done.counts.iter().map(|(k, n)| format!("{} {n}", k.label())).collect();
    writeln!(
        out,
        "Пакет №{} записан в {file} ({} байт, {}). Записи: {}.",
        done.sequence,
        done.bytes,
        if done.encrypted { "зашифрован" } else { "БЕЗ шифрования" },
        counts.join(", ")
    )?;
    Ok(())
}

fn import_packages(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    let path = o.db(usage)?;
    if o.files.is_empty() {
        return Err(Exit::Usage(format!("укажите файлы пакетов\n\n{usage}")));
    }
    let mut store = open_db(&path, out)?;
    let files: Vec<&Path> = o.files.iter().map(Path::new).collect();
    let batch = o.number("batch-rows", crate::app::exchange::BATCH_ROWS as u64)?.max(1) as usize;
    let outcomes = crate::app::exchange::import_in_batches(
        &mut store,
        &files,
        o.flag("dry-run"),
        o.flag("trust-new"),
        app::today(),
        batch,
    )?;
    close(store, out)?;
    let mut refused = false;
    for r in &outcomes {
        refused |= r.refused();
        let from = r.from.as_deref().map(|f| format!(" от {f}")).unwrap_or_default();
        let seq = r.sequence.map(|s| format!(" №{s}")).unwrap_or_default();
        writeln!(out, "{}: пакет{seq}{from} — {}: {}", r.file, r.result, r.message)?;
        if let Some(fp) = &r.fingerprint {
            writeln!(out, "    отпечаток ключа отправителя: {fp}")?;
        }
        for w in &r.warnings {
            writeln!(out, "    внимание: {w}")?;
        }
        if let Some(plan) = &r.plan {
            for (kind, c) in &plan.per_kind {
                writeln!(out, "    {}: {c}", kind.label())?;
            }
            if !plan.flagged.is_empty() {
                writeln!(
                    out,
                    "    внимание: {} муниципалитета о людях, которых больше нет в пакете школы (сохранены)",
                    ru::count(plan.flagged.len() as u64, "запись", "записи", "записей")
                )?;
            }
        }
    }
    if refused {
        return Err(Exit::Error("не все пакеты приняты".into()));
    }
    Ok(())
}

fn receipt(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    use crate::app::exchange;
    let path = o.db(usage)?;
    let mut store = open_db(&path, out)?;
    match (o.get("open"), o.get("out"), o.get("for")) {
        (Some(file), None, None) => {
            let (r, behind) = exchange::open_receipt(&mut store, Path::new(file))?;
            writeln!(
                out,
                "Квитанция «{}»: принят пакет №{} ({}).",
                r.from_name,
                r.last_sequence,
                r.accepted_at.get(..10).unwrap_or(&r.accepted_at)
            )?;
            if behind {
                writeln!(out, "Нумерация пакетов продолжится с №{}.", r.last_sequence + 1)?;
            }
        }
        (None, Some(file), Some(code)) => {
            let data = store.load()?;
            let school = data
                .schools()
                .find(|s| s.code == code)
                .ok_or_else(|| Exit::Error(format!("школы с кодом «{code}» нет в базе")))?
                .id;
            let r = exchange::write_receipt(&mut store, school, Path::new(file))?;
            writeln!(out, "Квитанция для «{}» (пакет №{}) записана в {file}.", r.school_name, r.last_sequence)?;
        }
        _ => return Err(Exit::Usage(format!("укажите --open ФАЙЛ или --for КОД --out ФАЙЛ\n\n{usage}"))),
    }
    close(store, out)?;
    Ok(())
}
