//! The command line: parse, call `app`, print. Messages are Russian; exit code 0 on success, 1 on an
//! error, 2 on wrong usage; `--help` works for every command.

use crate::app::indicators::fmt_number;
use crate::app::{self, paths};
use crate::domain::dates::{fmt_date, parse_date};
use crate::domain::ru;
use crate::storage::files::io_message;
use crate::storage::{self, DiskMode, StorageError, Store, backup};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// How a command ended.
#[derive(Debug)]
pub enum Exit {
    Ok,
    /// An error the user can act on (exit code 1).
    Error(String),
    /// Wrong usage (exit code 2).
    Usage(String),
}

impl Exit {
    pub fn code(&self) -> i32 {
        match self {
            Exit::Ok => 0,
            Exit::Error(_) => 1,
            Exit::Usage(_) => 2,
        }
    }
}

impl From<StorageError> for Exit {
    fn from(e: StorageError) -> Self {
        Exit::Error(e.to_string())
    }
}

/// One command: its name, a one-line summary, usage, and its options (name, takes a value).
struct CommandSpec {
    name: &'static str,
    summary: &'static str,
    usage: &'static str,
    options: &'static [(&'static str, bool)],
    /// Whether the command takes file names after its options.
    files: bool,
    hidden: bool,
}

const COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: "indicators",
        summary: "показатели каталога: числитель, знаменатель, процент",
        usage: "uchrost indicators --db ФАЙЛ [--year ГГГГ | --from ДД.ММ.ГГГГ --to ДД.ММ.ГГГГ] [--by subject|school|cluster|municipality] [--staffing] [--json]\n\n--year 2025 — учебный год 2025/2026 (на его последний день или на сегодня, пока он идёт).\nПо умолчанию — текущий учебный год. Считается то, что произошло с начала периода до даты «на».\nПункты самообследования — за календарный год, в который входит эта дата, на ту же дату.\nВ JSON у каждой строки есть цель года (target) и отметка о её достижении (target_met);\nвведённые показатели идут следом с entered: true, value, unit и source.\n--staffing — кадровые потребности: численность, вакансии, образование, стаж, возраст, категории, нагрузка.",
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
    },
    CommandSpec {
        name: "bench",
        summary: "замеры скорости на сгенерированных данных (медианы нескольких прогонов)",
        usage: "uchrost bench import [--teachers N] [--runs R]\n  uchrost bench staff-frame [--teachers N] [--runs R]\n  uchrost bench indicators [--schools K] [--runs R]\n  uchrost bench reports [--teachers N] [--schools K] [--runs R]\n  uchrost bench exchange [--schools K] [--runs R]\n  uchrost bench startup [--schools K | --db ФАЙЛ] [--runs R]\n  uchrost bench merge --db ФАЙЛ ПАКЕТ...\n  uchrost bench catalogue --db ФАЙЛ [--runs R]\n\nimport: предпросмотр таблицы педагогов (по умолчанию 5000) и таблицы их курсов.\nstaff-frame: кадры экранов «Педагоги» и «Сегодня» без окна (по умолчанию 10 000 и 150 000 педагогов).\nindicators: весь каталог показателей со всеми разбивками (по умолчанию 60 и 3000 школ).\nreports: аналитическая справка PDF для школы (100 педагогов) и мониторинг XLSX (60 школ).\nexchange: выгрузка пакета школы; проверка и слияние пакетов 60 и 3000 школ рядом с полом (хеширование, вставка), пик памяти.\nstartup: от открытия базы муниципалитета (60 и 3000 школ) до первого кадра окна.\nmerge: приём пакетов в базу в этом процессе (время и пик памяти; exchange запускает его отдельным процессом).\ncatalogue: загрузка базы и весь каталог со всеми разбивками (время и пик памяти).",
        options: &[("teachers", true), ("schools", true), ("runs", true), ("db", true)],
        files: true,
        hidden: false,
    },
    CommandSpec {
        name: "import-sheet",
        summary: "загрузить педагогов, аттестацию, курсы, диагностику, наставников или участников из таблицы",
        usage: "uchrost import-sheet --db ФАЙЛ --kind ВИД [--sheet ЛИСТ] [--dry-run] [--accept-valid] [--errors-out ОШИБКИ.xlsx] ТАБЛИЦА\n\nВИД: teachers (педагоги), attestation, courses, diagnostics, mentoring, participants,\nroutes (ИОМ: строка на шаг), expert (экспертная деятельность), communities (сообщества, МО).\nТаблица: XLSX, XLS, ODS или CSV (UTF-8 или Windows-1251, запятая или точка с запятой).\nДля participants мероприятие описывается один раз:\n  --event \"НАЗВАНИЕ\" --event-date ДД.ММ.ГГГГ [--event-kind семинар|конкурс|…] [--level муниципальный|…]\n\n--dry-run ничего не записывает. Если в какой-то строке ошибка, ничего не записывается (код 1),\nесли не указан --accept-valid: тогда записываются строки без ошибок, а ошибки перечисляются.\n--errors-out сохраняет строки с ошибками в XLSX, чтобы исправить и загрузить снова.\n--school-year 2025 — записать должности, предметы и нагрузку педагогов в 2025/2026 учебный год\n(по умолчанию — в текущий).",
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
    },
    CommandSpec {
        name: "import-template",
        summary: "сохранить шаблон XLSX для загрузки",
        usage: "uchrost import-template --kind ВИД --out ФАЙЛ.xlsx\n\nВИД: teachers, attestation, courses, diagnostics, mentoring, participants, routes, expert, communities.",
        options: &[("kind", true), ("out", true)],
        files: false,
        hidden: false,
    },
    CommandSpec {
        name: "report",
        summary: "отчёт в PDF, XLSX или DOCX: справка, планы, списки, мониторинг, самообследование",
        usage: "uchrost report --db ФАЙЛ --kind ВИД --out ФАЙЛ.pdf|.xlsx|.docx [--year ГГГГ] [--calendar-year ГГГГ] [--signer \"И. О. Фамилия\"] [--person \"ФИО\"] [--problems ФАЙЛ.txt] [--today ДД.ММ.ГГГГ]\n\nВИД:\n  analytical        аналитическая справка за учебный год (для педсовета)\n  attestation-plan  перспективный план аттестации (5 лет)\n  course-plan       перспективный план повышения квалификации (3 года)\n  staff             список педагогических работников\n  mentoring         наставничество и молодые педагоги\n  routes            ИОМ: ход реализации по педагогам\n  route-card        ИОМ одного педагога на подпись (--person)\n  monitoring        мониторинг по школам, предметам, кластерам и рейтинг «Вклад ОО» (муниципалитет)\n  staffing          кадровые потребности: вакансии и кадровый резерв\n  self-evaluation   самообследование: кадровое обеспечение за календарный год (--calendar-year)\n  cycle             цикл мониторинга: цели, показатели, анализ, рекомендации, меры, решения, эффективность\n\nФормат — по расширению файла. --year 2025 — учебный год 2025/2026 (по умолчанию текущий).\n--problems — свой текст раздела «Проблемы и рекомендации» справки: по пункту на строку.",
        options: &[
            ("db", true),
            ("kind", true),
            ("out", true),
            ("year", true),
            ("calendar-year", true),
            ("signer", true),
            ("person", true),
            ("problems", true),
            ("today", true),
        ],
        files: false,
        hidden: false,
    },
    CommandSpec {
        name: "keys",
        summary: "ключи обмена: отпечатки, карточка ключа этой базы, приём карточки муниципалитета",
        usage: "uchrost keys --db ФАЙЛ [--export ФАЙЛ | --import ФАЙЛ [--replace] | --rotate | --revoke КОД | --require-encryption да|нет]\n\nБез параметров — отпечаток ключа этой базы и зарегистрированные ключи других организаций.\n--export — записать карточку ключа этой базы (её печатают и сверяют на бумаге).\n--import — принять карточку ключа: муниципалитета (в школе), региона (в муниципалитете),\n  школы или муниципалитета (повторная регистрация после потери ключа; снимает отзыв).\n--replace — с --import: новая база организации (прежняя утрачена) занимает место прежней с тем же кодом:\n  её пакеты заменят данные прежней, записи этой базы о её работниках привязываются по ФИО и дате рождения.\n--rotate — сменить ключ: следующий пакет ещё подписан прежним ключом и объявляет новый.\n--revoke КОД — отозвать ключ организации: её пакеты не принимаются до повторной регистрации.\n--require-encryption да|нет — принимать ли незашифрованные пакеты (в муниципалитете и регионе по умолчанию — нет).",
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
    },
    CommandSpec {
        name: "export",
        summary: "пакет для отправки: школы — муниципалитету, муниципалитета — школе или региону",
        usage: "uchrost export --db ФАЙЛ --out ФАЙЛ.uchpkg [--for КОД_ШКОЛЫ | --up] [--unencrypted]\n\nВ базе школы — пакет школы для муниципалитета (зашифрован его ключом).\nВ базе муниципалитета: --for КОД — пакет обратно школе; --up — сводные данные муниципалитета\nи всех его школ для региона (зашифрован ключом региона: сначала uchrost keys --import КАРТОЧКА_РЕГИОНА).\n--unencrypted — пакет без шифрования, если ключа получателя нет (выбор записывается в журнал).",
        options: &[("db", true), ("out", true), ("for", true), ("up", false), ("unencrypted", false)],
        files: false,
        hidden: false,
    },
    CommandSpec {
        name: "import",
        summary: "принять пакеты (школ — в муниципалитете, муниципалитета — в школе и в регионе)",
        usage: "uchrost import --db ФАЙЛ [--dry-run] [--trust-new] [--batch-rows N] ПАКЕТ...\n\n--dry-run — только показать, что изменится (новых, изменённых, удалённых, без изменений), ничего не записывая.\n--trust-new — зарегистрировать ключ школы, приславшей первый пакет (сначала сверьте отпечаток с бумажной карточкой).\n--batch-rows N — записывать пакеты одной транзакцией, пока в ней меньше N строк (по умолчанию 200000; 1 — каждый пакет отдельно).\nКод выхода 1, если хотя бы один файл отклонён.",
        options: &[("db", true), ("dry-run", false), ("trust-new", false), ("batch-rows", true)],
        files: true,
        hidden: false,
    },
    CommandSpec {
        name: "receipt",
        summary: "квитанция о принятом пакете: выдать (муниципалитет) или открыть (школа)",
        usage: "uchrost receipt --db ФАЙЛ --for КОД_ШКОЛЫ --out ФАЙЛ\n  uchrost receipt --db ФАЙЛ --open ФАЙЛ\n\nМуниципалитет выдаёт школе квитанцию о последнем принятом пакете.\nШкола открывает её: если база восстановлена из старой копии, нумерация пакетов продолжается с принятого.",
        options: &[("db", true), ("for", true), ("out", true), ("open", true)],
        files: false,
        hidden: false,
    },
    CommandSpec {
        name: "journal",
        summary: "журнал операций: создание, импорт, пакеты, резервные копии, восстановление, отмены, обновления схемы",
        usage: "uchrost journal --db ФАЙЛ [--limit N] [--json]\n  uchrost journal --db ФАЙЛ --packages [--json]\n\nБез --packages — каждая операция, изменившая базу, новые сверху.\n--packages — журнал пакетов: каждый принятый, проверенный и отклонённый пакет.",
        options: &[("db", true), ("json", false), ("packages", false), ("limit", true)],
        files: false,
        hidden: false,
    },
    CommandSpec {
        name: "init",
        summary: "создать новую базу школы, муниципалитета или региона",
        usage: "uchrost init --db ФАЙЛ --school \"НАЗВАНИЕ\" --code КОД\n  uchrost init --db ФАЙЛ --municipality \"НАЗВАНИЕ\" [--code КОД]\n  uchrost init --db ФАЙЛ --region \"НАЗВАНИЕ\" [--code КОД]\n\nКод школы обязателен: по нему отчёты и муниципальная копия различают школы.\nКод муниципалитета нужен региону: по нему показатели разбиваются по муниципалитетам.",
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
    },
    CommandSpec {
        name: "demo",
        summary: "заполнить базу правдоподобными демонстрационными данными",
        usage: "uchrost demo --db ФАЙЛ [--teachers N] [--seed S] [--today ДД.ММ.ГГГГ]\n  uchrost demo --db ФАЙЛ --schools K [--seed S] [--today ДД.ММ.ГГГГ]\n  uchrost demo --db ФАЙЛ --schools K --packages ПАПКА [--seed S] [--today ДД.ММ.ГГГГ]\n\n--packages: вместо заполнения базы муниципалитета — пакет каждой из K школ в ПАПКУ, подписанный\nключом школы и зашифрованный для этого муниципалитета (принять: uchrost import --trust-new).\nЕсли файла нет, создаётся база школы (или муниципалитета при --schools).\nОдинаковые --seed и --today дают одинаковые данные. По умолчанию: 60 педагогов, seed 1, сегодняшняя дата.",
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
    },
    CommandSpec {
        name: "teachers",
        summary: "список работающих педагогов с их состоянием",
        usage: "uchrost teachers --db ФАЙЛ [--date ДД.ММ.ГГГГ] [--json]\n\nКатегория и её состояние, курсы (нужны ли), молодой педагог, предметы и нагрузка текущего учебного года.",
        options: &[("db", true), ("date", true), ("json", false)],
        files: false,
        hidden: false,
    },
    CommandSpec {
        name: "check",
        summary: "проверить целостность базы",
        usage: "uchrost check --db ФАЙЛ",
        options: &[("db", true)],
        files: false,
        hidden: false,
    },
    CommandSpec {
        name: "backup",
        summary: "сделать резервную копию (или показать список копий)",
        usage: "uchrost backup --db ФАЙЛ [--out ФАЙЛ]\n  uchrost backup --db ФАЙЛ --list\n\nБез --out копия кладётся в папку uchrost-backups рядом с базой; хранятся последние 20 копий.",
        options: &[("db", true), ("out", true), ("list", false)],
        files: false,
        hidden: false,
    },
    CommandSpec {
        name: "restore",
        summary: "восстановить базу из резервной копии",
        usage: "uchrost restore --db ФАЙЛ --from КОПИЯ [--other-org]\n\nТекущая база перед восстановлением сохраняется в копию; повреждённый файл переименовывается, а не удаляется.\nКопия сначала проверяется: база УчРост, целая, этой же организации. Копия другой организации\nвосстанавливается только с --other-org. Пока база открыта в другой программе, восстановление не начинается.",
        options: &[("db", true), ("from", true), ("other-org", false)],
        files: false,
        hidden: false,
    },
    CommandSpec {
        name: "history",
        summary: "история изменений; отмена выбранного изменения",
        usage: "uchrost history --db ФАЙЛ [--limit N]\n  uchrost history --db ФАЙЛ --undo НОМЕР",
        options: &[("db", true), ("limit", true), ("undo", true)],
        files: false,
        hidden: false,
    },
    CommandSpec {
        name: "erase-person",
        summary: "стереть персональные данные человека безвозвратно (вместе с историей изменений)",
        usage: "uchrost erase-person --db ФАЙЛ --name \"ФИО\" [--birth ДД.ММ.ГГГГ] [--yes]\n\nНаходит человека в базе или среди удалённых (в истории изменений) и стирает его записи,\nстроки истории и имя в описаниях изменений; отменить это нельзя. Без --yes только показывает,\nчто будет стёрто. Резервные копии, сделанные раньше, хранят данные, пока не будут удалены.",
        options: &[("db", true), ("name", true), ("birth", true), ("yes", false)],
        files: false,
        hidden: false,
    },
    CommandSpec {
        name: "crash-writer",
        summary: "служебная: пишет транзакции в цикле (для проверки устойчивости к сбоям)",
        usage: "uchrost crash-writer --db ФАЙЛ [--count N]",
        options: &[("db", true), ("count", true)],
        files: false,
        hidden: true,
    },
];

fn main_help() -> String {
    let mut s = String::from(
        "УчРост — профессиональное развитие педагогов\n\nИспользование:\n  uchrost [--db ФАЙЛ]          открыть окно программы (по умолчанию — база в папке данных пользователя;\n                               uchrost.db рядом с программой — переносной режим)\n  uchrost [--db ФАЙЛ] --import ТАБЛИЦА   открыть окно сразу на загрузке этой таблицы\n  uchrost [--db ФАЙЛ] ПАКЕТ.uchpkg      открыть окно на «Обмене» с этим пакетом\n  uchrost --safe-mode          безопасный режим: другой способ отрисовки окна (если окно не открывается)\n  uchrost --self-test          самопроверка: база, демо, пакет, отчёты PDF и XLSX во временной папке\n  uchrost КОМАНДА [ПАРАМЕТРЫ]\n\nКоманды:\n",
    );
    for c in COMMANDS.iter().filter(|c| !c.hidden) {
        s.push_str(&format!("  {:<10} {}\n", c.name, c.summary));
    }
    s.push_str("\nСправка по команде: uchrost КОМАНДА --help\n");
    s
}

/// Parsed options of one command.
struct Options {
    values: HashMap<&'static str, Option<String>>,
    files: Vec<String>,
}

impl Options {
    fn parse(spec: &CommandSpec, args: &[String]) -> Result<Self, Exit> {
        let mut values = HashMap::new();
        let mut files = Vec::new();
        let mut i = 0;
        while i < args.len() {
            let a = &args[i];
            let Some(name) = a.strip_prefix("--") else {
                if spec.files {
                    files.push(a.clone());
                    i += 1;
                    continue;
                }
                return Err(Exit::Usage(format!("лишний параметр «{a}»\n\n{}", spec.usage)));
            };
            let (name, inline) = match name.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (name, None),
            };
            let Some(&(key, takes)) = spec.options.iter().find(|(n, _)| *n == name) else {
                return Err(Exit::Usage(format!(
                    "неизвестный параметр «--{name}» у команды {}\n\n{}",
                    spec.name, spec.usage
                )));
            };
            if takes {
                let value = match inline {
                    Some(v) => v,
                    None => {
                        i += 1;
                        args.get(i).cloned().ok_or_else(|| {
                            Exit::Usage(format!("у параметра --{name} нет значения\n\n{}", spec.usage))
                        })?
                    }
                };
                values.insert(key, Some(value));
            } else {
                values.insert(key, None);
            }
            i += 1;
        }
        Ok(Self { values, files })
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).and_then(|v| v.as_deref())
    }

    fn flag(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }

    fn required(&self, name: &str, usage: &str) -> Result<&str, Exit> {
        self.get(name).ok_or_else(|| Exit::Usage(format!("не указан параметр --{name}\n\n{usage}")))
    }

    fn number(&self, name: &str, default: u64) -> Result<u64, Exit> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => {
                v.trim().parse().map_err(|_| Exit::Usage(format!("--{name}: «{v}» — не целое неотрицательное число")))
            }
        }
    }

    fn date(&self, name: &str) -> Result<Option<chrono::NaiveDate>, Exit> {
        self.get(name)
            .map(|v| parse_date(v).ok_or_else(|| Exit::Usage(format!("--{name}: «{v}» — не дата в виде дд.мм.гггг"))))
            .transpose()
    }

    fn db(&self, usage: &str) -> Result<PathBuf, Exit> {
        Ok(PathBuf::from(self.required("db", usage)?))
    }
}

/// What `run` decided for the binary to do next.
pub enum Next {
    /// Exit with this result.
    Exit(Exit),
    /// Open the window.
    Gui(app::WindowArgs),
}

/// Whether `arg` starts the window rather than naming a command: a window option, or a file that
/// exists (a double-clicked package).
fn opens_window(arg: &str) -> bool {
    matches!(arg, "--db" | "--import" | "--safe-mode")
        || (!COMMANDS.iter().any(|c| c.name == arg) && !arg.starts_with('-') && Path::new(arg).is_file())
}

/// Parses the window's arguments.
fn window_args(args: &[String]) -> Result<app::WindowArgs, Exit> {
    let mut w = app::WindowArgs::default();
    let mut i = 0;
    while i < args.len() {
        let target = match args[i].as_str() {
            "--safe-mode" => {
                w.safe_mode = true;
                i += 1;
                continue;
            }
            "--db" => &mut w.db,
            "--import" => &mut w.open,
            other if !other.starts_with('-') && w.open.is_none() => {
                w.open = Some(PathBuf::from(other));
                i += 1;
                continue;
            }
            other => return Err(Exit::Usage(format!("лишний параметр «{other}»\n\n{}", main_help()))),
        };
        let Some(value) = args.get(i + 1) else {
            return Err(Exit::Usage(format!("после {} укажите файл\n\n{}", args[i], main_help())));
        };
        *target = Some(PathBuf::from(value));
        i += 2;
    }
    Ok(w)
}

/// Runs the command line on `args` (without the program name), writing to `out`.
pub fn run(args: &[String], out: &mut dyn Write) -> Next {
    let Some(first) = args.first() else {
        return Next::Gui(app::WindowArgs::default());
    };
    match first.as_str() {
        "--help" | "-h" | "help" => {
            let _ = write!(out, "{}", main_help());
            return Next::Exit(Exit::Ok);
        }
        "--version" | "-V" => {
            let _ = writeln!(out, "УчРост {}", env!("CARGO_PKG_VERSION"));
            return Next::Exit(Exit::Ok);
        }
        "--self-test" | "self-test" => {
            if let Some(extra) = args.get(1) {
                return Next::Exit(Exit::Usage(format!(
                    "лишний параметр «{extra}»: --self-test работает без параметров"
                )));
            }
            return Next::Exit(match app::selftest::run(out) {
                Ok(()) => Exit::Ok,
                Err(e) => Exit::Error(e),
            });
        }
        a if opens_window(a) => {
            return match window_args(args) {
                Ok(w) => Next::Gui(w),
                Err(e) => Next::Exit(e),
            };
        }
        _ => {}
    }
    let Some(spec) = COMMANDS.iter().find(|c| c.name == first) else {
        return Next::Exit(Exit::Usage(format!("неизвестная команда «{first}»\n\n{}", main_help())));
    };
    let rest = &args[1..];
    if rest.iter().any(|a| a == "--help" || a == "-h") {
        let _ = writeln!(out, "{} — {}\n\nИспользование:\n  {}", spec.name, spec.summary, spec.usage);
        return Next::Exit(Exit::Ok);
    }
    let options = match Options::parse(spec, rest) {
        Ok(o) => o,
        Err(e) => return Next::Exit(e),
    };
    storage::lock::set_program(&format!("команда «uchrost {}»", spec.name));
    let result = match spec.name {
        "init" => init(&options, spec.usage, out),
        "demo" => demo(&options, spec.usage, out),
        "teachers" => teachers(&options, spec.usage, out),
        "check" => check(&options, spec.usage, out),
        "backup" => backup_cmd(&options, spec.usage, out),
        "restore" => restore(&options, spec.usage, out),
        "history" => history(&options, spec.usage, out),
        "crash-writer" => crash_writer(&options, spec.usage, out),
        "erase-person" => erase_person(&options, spec.usage, out),
        "import-sheet" => import_sheet(&options, spec.usage, out),
        "keys" => keys(&options, spec.usage, out),
        "export" => export(&options, spec.usage, out),
        "import" => import_packages(&options, spec.usage, out),
        "journal" => journal(&options, spec.usage, out),
        "receipt" => receipt(&options, spec.usage, out),
        "import-template" => import_template(&options, spec.usage, out),
        "bench" => bench(&options, spec.usage, out),
        "indicators" => indicators(&options, spec.usage, out),
        "report" => report(&options, spec.usage, out),
        _ => Err(Exit::Usage(main_help())),
    };
    Next::Exit(result.err().unwrap_or(Exit::Ok))
}

fn mode_for(path: &Path) -> DiskMode {
    let exe = std::env::current_exe().ok();
    paths::resolve(Some(path), exe.as_deref()).map_or(DiskMode::Local, |l| l.mode)
}

/// Opens a database for a command that writes (the day's first backup made); a damaged file gets the
/// list of backups to restore from; what opening found (a read-only file, unfinished copies removed) is
/// said first.
fn open_db(path: &Path, out: &mut dyn Write) -> Result<Store, Exit> {
    let store = app::open(path, mode_for(path)).map_err(|e| open_error(path, e))?;
    say_notes(&store, out);
    Ok(store)
}

/// Opens a database for a command that only reads: no lock, so it runs while another program writes.
fn open_to_read(path: &Path, out: &mut dyn Write) -> Result<Store, Exit> {
    let store = app::open_to_read(path, mode_for(path)).map_err(|e| open_error(path, e))?;
    say_notes(&store, out);
    Ok(store)
}

/// What opening found goes to the error stream: the output of a command (`--json`) stays what it is.
fn say_notes(store: &Store, _out: &mut dyn Write) {
    for note in store.notes() {
        eprintln!("{note}");
    }
}

/// Closes a database; everything committed is safe, and a checkpoint that failed (a full disk) is a
/// warning with what to do, never an error that hides what was done.
fn close(store: Store, out: &mut dyn Write) -> Result<(), Exit> {
    if let Some(warning) = store.close_reporting()? {
        let _ = writeln!(out, "{warning}");
    }
    Ok(())
}

fn open_error(path: &Path, e: StorageError) -> Exit {
    {
        let mut msg = e.to_string();
        if e.offers_restore()
            && let Ok(list) = backup::list(path)
            && let Some(last) = list.first()
        {
            msg.push_str(&format!(
                "\nПоследняя резервная копия: {} ({}). Восстановить:\n  uchrost restore --db \"{}\" --from \"{}\"",
                last.when(),
                last.reason,
                path.display(),
                last.path.display()
            ));
        }
        Exit::Error(msg)
    }
}

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
        let _ = writeln!(
            out,
            "Пакеты {} записаны в {dir} для «{}»",
            ru::count(files.len() as u64, "школы", "школ", "школ"),
            path.display()
        );
        return Ok(());
    }
    let summary = match schools {
        Some(k) => app::fill_municipal_demo(&mut store, k as usize, seed, today)?,
        None => app::fill_school_demo(&mut store, teachers as usize, seed, today)?,
    };
    let _ = writeln!(
        out,
        "Демонстрационные данные записаны в {}: {}, {}, {} на {}",
        path.display(),
        ru::count(summary.schools as u64, "школа", "школы", "школ"),
        ru::count(summary.persons as u64, "работник", "работника", "работников"),
        ru::count(summary.records as u64, "запись", "записи", "записей"),
        fmt_date(today)
    );
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
        let _ = writeln!(out, "{text}");
    } else {
        let _ = writeln!(
            out,
            "Педагоги на {} ({}):",
            fmt_date(date),
            ru::count(staff.len() as u64, "педагог", "педагога", "педагогов")
        );
        for s in &staff {
            let j = s.to_json();
            let _ = writeln!(
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
            );
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
    let _ = writeln!(
        out,
        "База: {} «{}», схема {}, журнал {}, записей о людях: {}",
        store.own_org().role.label(),
        store.own_org().name,
        settings.user_version,
        settings.journal_mode,
        data.persons.len()
    );
    close(store, out)?;
    if problems.is_empty() {
        let _ = writeln!(out, "Проверка целостности: ошибок нет.");
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
            let _ = writeln!(out, "Резервных копий нет (папка {}).", backup::folder(&path).display());
        }
        for b in list {
            let _ = writeln!(out, "{}  {:<28} {:>8} КБ  {}", b.when(), b.reason, b.size / 1024, b.path.display());
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
    let _ = writeln!(out, "Резервная копия сохранена: {}", target.display());
    close(store, out)?;
    Ok(())
}

fn restore(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    let path = o.db(usage)?;
    let from = PathBuf::from(o.required("from", usage)?);
    let done = app::restore(&path, &from, mode_for(&path), o.flag("other-org"))?;
    let _ = writeln!(out, "База {} восстановлена из копии {}", path.display(), from.display());
    if let Some(before) = &done.before {
        let _ = writeln!(out, "Прежнее состояние базы сохранено в копию {}", before.display());
    }
    if let Some(aside) = &done.moved_aside {
        let _ = writeln!(out, "Повреждённый файл сохранён под именем {}", aside.display());
    }
    if let Some(other) = &done.other_org {
        let _ = writeln!(out, "Внимание: восстановлена база другой организации — «{other}».");
    }
    Ok(())
}

fn history(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    let path = o.db(usage)?;
    let mut store = if o.get("undo").is_some() { open_db(&path, out)? } else { open_to_read(&path, out)? };
    if let Some(n) = o.get("undo") {
        let id: i64 = n.trim().parse().map_err(|_| Exit::Usage(format!("--undo: «{n}» — не номер изменения")))?;
        let undo = store.undo(id)?;
        let _ = writeln!(out, "Изменение № {id} отменено (отмена записана как № {undo}).");
    } else {
        let limit = o.number("limit", 30)? as usize;
        for a in store.history(None, limit)? {
            let mark = match (a.undone_by, a.undoes) {
                (Some(by), _) => format!(" [отменено № {by}]"),
                _ => String::new(),
            };
            let _ = writeln!(out, "№ {} {} {}{}", a.id, a.at.get(..19).unwrap_or(&a.at), a.description, mark);
            for c in &a.changes {
                let _ = writeln!(out, "    {} {}", c.kind.label(), c.what);
                for f in &c.fields {
                    let _ = writeln!(out, "      {}: {} → {}", f.field, f.old, f.new);
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
        let _ = writeln!(
            out,
            "Будут безвозвратно стёрты: {} — все записи о нём, строки истории изменений и имя в их описаниях.\n{}\nНичего не стёрто. Чтобы стереть, повторите команду с --yes.",
            describe(&person),
            backup::retention_text()
        );
        close(store, out)?;
        return Ok(());
    }
    let erased = store.erase_person(person.id)?;
    let _ = writeln!(
        out,
        "Стёрто: {} — {}, {}.\n{} Копии, сделанные до этого, хранят данные, пока не будут удалены.",
        person.full_name,
        ru::count(erased.records as u64, "запись", "записи", "записей"),
        ru::count(erased.history_rows as u64, "строка истории", "строки истории", "строк истории"),
        backup::retention_text()
    );
    if !erased.compacted {
        let _ = writeln!(
            out,
            "Внимание: файл базы не удалось уплотнить (мало места на диске?) — старые удалённые строки могут оставаться в свободном месте файла. Освободите место и повторите команду."
        );
    }
    close(store, out)?;
    Ok(())
}

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
        let _ = writeln!(out, "committed {id}");
        let _ = out.flush();
    }
    Ok(())
}

fn import_kind(o: &Options, usage: &str) -> Result<crate::import::ImportKind, Exit> {
    let key = o.required("kind", usage)?;
    crate::import::ImportKind::from_key(key)
        .ok_or_else(|| Exit::Usage(format!("--kind: «{key}» — неизвестный вид загрузки\n\n{usage}")))
}

fn import_template(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    let kind = import_kind(o, usage)?;
    let path = PathBuf::from(o.required("out", usage)?);
    crate::import::write_template(kind, &path).map_err(|e| Exit::Error(format!("Не удалось сохранить шаблон: {e}")))?;
    let _ = writeln!(out, "Шаблон «{}» сохранён: {}", kind.label(), path.display());
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
    let _ = writeln!(out, "Лист «{}», {}: {}", prepared.sheet.name, kind.label(), plan.as_of_note);
    if kind == crate::import::ImportKind::Teachers {
        let sheet_year = plan
            .sheet_year
            .map(|y| format!(" (в заголовке листа — {y}: чтобы записать в него, укажите --school-year {})", y.0))
            .unwrap_or_default();
        let _ = writeln!(out, "Должности, предметы и нагрузка — в {} учебный год{sheet_year}.", plan.school_year);
    }
    if !plan.unused.is_empty() {
        let list: Vec<String> = plan.unused.iter().map(|t| format!("«{t}»")).collect();
        let _ = writeln!(out, "Не используются (данные из них не загружаются) столбцы: {}", list.join(", "));
    }
    for r in &plan.rows {
        match &r.status {
            RowStatus::Create if r.stored.is_empty() => {
                let _ = writeln!(out, "строка {}: {} — будет создано", r.row, r.who);
            }
            RowStatus::Create => {
                let _ = writeln!(out, "строка {}: {} — будет создано: {}", r.row, r.who, r.stored);
            }
            RowStatus::Update(changes) => {
                let _ = writeln!(out, "строка {}: {} — будет обновлено: {}", r.row, r.who, changes.join("; "));
            }
            RowStatus::Unchanged => {
                let _ = writeln!(out, "строка {}: {} — без изменений", r.row, r.who);
            }
            RowStatus::Skipped(why) => {
                let _ = writeln!(out, "строка {}: пропущена — {why}", r.row);
            }
            RowStatus::Error(errors) => {
                let list =
                    errors.iter().map(|e| format!("«{}»: {}", e.column, e.message)).collect::<Vec<_>>().join("; ");
                let _ = writeln!(out, "строка {}: {} — ОШИБКА: {list}", r.row, r.who);
            }
        }
    }
    let c = plan.counts();
    let _ = writeln!(
        out,
        "Итого: создать {}, обновить {}, без изменений {}, ошибок {}, пропущено {}",
        c.create, c.update, c.unchanged, c.errors, c.skipped
    );
    if let Some(errors_out) = o.get("errors-out")
        && c.errors > 0
    {
        let n = crate::app::import::save_errors(&prepared, Path::new(errors_out))
            .map_err(|e| Exit::Error(format!("Не удалось сохранить строки с ошибками: {e}")))?;
        let _ = writeln!(out, "Строки с ошибками ({n}) сохранены в {errors_out}");
    }
    if o.flag("dry-run") {
        let _ = writeln!(out, "Пробный прогон (--dry-run): ничего не записано.");
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
    let _ = writeln!(out, "{}", written.summary("Записано строк:"));
    if c.errors > 0 {
        let _ = writeln!(out, "Строки с ошибками ({}) не записаны — они перечислены выше.", c.errors);
    }
    close(store, out)?;
    Ok(())
}

/// A school year as people write it: «2026», «2026/2027», «2026-27».
fn parse_school_year(text: &str) -> Option<crate::domain::SchoolYear> {
    let first: i32 = text.trim().split(['/', '-', '–']).next()?.trim().parse().ok()?;
    (1990..=2100).contains(&first).then_some(crate::domain::SchoolYear(first))
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
    let _ = writeln!(out, "Медианы {runs} прогонов:");
    for f in &figures {
        let _ = writeln!(out, "{f}");
    }
    // The jobs measured in a process of their own report its peak memory (the others hold the data they
    // generated, which says nothing of the job).
    if matches!(o.files.first().map(String::as_str), Some("merge" | "catalogue"))
        && let Some(peak) = crate::bench::peak_memory_mib()
    {
        let _ = writeln!(out, "{} {peak:.0}", crate::bench::PEAK_LINE);
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
        "route-card" => None,
        c => Some(
            ReportKind::parse(c).ok_or_else(|| Exit::Usage(format!("--kind: «{c}» — нет такого отчёта\n\n{usage}")))?,
        ),
    };
    if kind.is_none() && o.get("person").is_none() {
        return Err(Exit::Usage(format!("для route-card укажите --person \"ФИО\"\n\n{usage}")));
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
        None => ReportKind::RouteCard(
            reports::find_person(&data, o.get("person").unwrap_or_default()).map_err(Exit::Error)?,
        ),
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
    req.problems = problems;
    let built = reports::build(&data, &settings, store.own_org(), &req).map_err(Exit::Error)?;
    close(store, out)?;
    let bytes = reports::save(&built, format, &file).map_err(Exit::Error)?;
    let _ = writeln!(out, "Отчёт «{}» записан в {} ({bytes} байт).", built.title, file.display());
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
        let _ = writeln!(out, "{}", serde_json::to_string_pretty(&rows).map_err(|e| Exit::Error(e.to_string()))?);
        return Ok(());
    }
    let _ = writeln!(out, "Показатели за {} (на {}):", window.period, fmt_date(window.as_of));
    let calendar = window.calendar();
    let _ = writeln!(
        out,
        "Пункты самообследования (self_…) — за календарный {} год на {}: считается то, что произошло до этой даты.",
        chrono::Datelike::year(&calendar.as_of),
        fmt_date(calendar.as_of)
    );
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
        let _ = writeln!(out, "{:<22} {:<24}{scope}  {}{target}", r.id, shown, r.title);
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
        let _ = writeln!(out, "{}", serde_json::to_string_pretty(&rows).map_err(|e| Exit::Error(e.to_string()))?);
        return Ok(());
    }
    let _ = writeln!(out, "Кадровые потребности на {}:", fmt_date(window.as_of));
    let opt = |v: Option<f64>| v.map_or("—".to_string(), fmt_number);
    for r in &rows {
        let _ = writeln!(
            out,
            "[{}] педагогов {}, вакансий {} ({} ч), средний возраст {}, средняя нагрузка {} ч, обеспеченность кадрами {} %",
            r.scope,
            r.teachers,
            r.vacancies,
            fmt_number(r.vacancy_hours),
            opt(r.average_age),
            opt(r.average_load),
            opt(r.provision)
        );
        for (title, list) in [
            ("образование", &r.by_education),
            ("стаж", &r.by_experience),
            ("возраст", &r.by_age),
            ("категории", &r.by_category),
        ] {
            let parts: Vec<String> = list.iter().map(|(l, n)| format!("{l} {n}")).collect();
            let _ = writeln!(out, "    {title}: {}", parts.join(", "));
        }
    }
    Ok(())
}

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
        let _ = writeln!(
            out,
            "{}",
            if require {
                "Незашифрованные пакеты не принимаются."
            } else {
                "Незашифрованные пакеты принимаются (в предпросмотре и журнале отмечены «пакет не зашифрован»)."
            }
        );
    } else if o.flag("rotate") {
        let fp = exchange::rotate_keys(&mut store)?;
        let _ = writeln!(
            out,
            "Новый ключ подписи: отпечаток {fp}. Следующий пакет ещё будет подписан прежним ключом и объявит \
             новый; после него пакеты подписываются новым. Запишите новый отпечаток в карточку ключа."
        );
    } else if let Some(code) = o.get("revoke") {
        let name = exchange::revoke(&mut store, code).map_err(Exit::Error)?;
        let _ = writeln!(
            out,
            "Ключ «{name}» отозван: её пакеты не принимаются, пока не будет принята её новая карточка ключа \
             (uchrost keys --import)."
        );
    } else if let Some(file) = o.get("import") {
        let text = std::fs::read_to_string(file)
            .map_err(|e| Exit::Error(format!("файл {file} не читается: {}", io_message(&e))))?;
        if o.flag("replace") {
            let done = exchange::replace_with_card(&mut store, &text).map_err(Exit::Error)?;
            let _ = writeln!(
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
            );
            return close(store, out);
        }
        let card = exchange::take_card(&mut store, &text).map_err(Exit::Error)?;
        let _ = writeln!(
            out,
            "Принята карточка ключа: {} ({}), {}. Отпечаток {} — сверьте его с бумажной карточкой.",
            card.name,
            card.code,
            card.role.label(),
            card.fingerprint()
        );
    } else {
        let card = exchange::own_card(&mut store)?;
        if let Some(file) = o.get("export") {
            crate::app::write_atomically(Path::new(file), card.to_text().as_bytes())
                .map_err(|e| Exit::Error(format!("файл {file} не записан: {}", io_message(&e))))?;
            let _ = writeln!(out, "Карточка ключа записана в {file}.");
        }
        let _ = writeln!(out, "Эта база: {} ({}), отпечаток ключа {}", card.name, card.code, card.fingerprint());
        if let Some(fp) = exchange::pending_rotation(&store)? {
            let _ = writeln!(out, "  идёт смена ключа: новый отпечаток {fp} объявит следующий пакет");
        }
        for p in store.peers()? {
            let fp = crate::exchange::keys::peer_fingerprint(&p.role, &p.org, &p.sign_key);
            let state = if p.revoked.is_some() { ", ОТОЗВАН" } else { "" };
            let last = p.last_sequence.map(|s| format!(", последний пакет №{s}")).unwrap_or_default();
            let _ = writeln!(out, "  {} ({}), {}: отпечаток {fp}{last}{state}", p.name, p.code, p.role);
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
    let done = exchange::export(&mut store, Path::new(file), target, o.flag("unencrypted"), app::today())
        .map_err(Exit::Error)?;
    close(store, out)?;
    let counts: Vec<String> = done.counts.iter().map(|(k, n)| format!("{} {n}", k.label())).collect();
    let _ = writeln!(
        out,
        "Пакет №{} записан в {file} ({} байт, {}). Записи: {}.",
        done.sequence,
        done.bytes,
        if done.encrypted { "зашифрован" } else { "БЕЗ шифрования" },
        counts.join(", ")
    );
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
        let _ = writeln!(out, "{}: пакет{seq}{from} — {}: {}", r.file, r.result, r.message);
        if let Some(fp) = &r.fingerprint {
            let _ = writeln!(out, "    отпечаток ключа отправителя: {fp}");
        }
        for w in &r.warnings {
            let _ = writeln!(out, "    внимание: {w}");
        }
        if let Some(plan) = &r.plan {
            for (kind, c) in &plan.per_kind {
                let _ = writeln!(out, "    {}: {c}", kind.label());
            }
            if !plan.flagged.is_empty() {
                let _ = writeln!(
                    out,
                    "    внимание: {} записей муниципалитета о людях, которых больше нет в пакете школы (сохранены)",
                    plan.flagged.len()
                );
            }
        }
    }
    if refused {
        return Err(Exit::Error("не все пакеты приняты".into()));
    }
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
            let _ = writeln!(out, "{text}");
            return Ok(());
        }
        if entries.is_empty() {
            let _ = writeln!(out, "Пакетов ещё не было.");
        }
        for e in &entries {
            let seq = e.sequence.map(|s| format!(" №{s}")).unwrap_or_default();
            let _ = writeln!(out, "{} {}{seq} — {}: {}", e.at, e.file, e.result, e.message);
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
        let _ = writeln!(out, "{text}");
        return Ok(());
    }
    for e in &entries {
        let details = e.details.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
        let _ = writeln!(out, "{}  {:<22} {}{details}", e.when(), e.event_label(), e.message);
    }
    let _ = writeln!(out, "Правки отдельных записей — в истории изменений: uchrost history --db ФАЙЛ");
    Ok(())
}

fn receipt(o: &Options, usage: &str, out: &mut dyn Write) -> Result<(), Exit> {
    use crate::app::exchange;
    let path = o.db(usage)?;
    let mut store = open_db(&path, out)?;
    match (o.get("open"), o.get("out"), o.get("for")) {
        (Some(file), None, None) => {
            let (r, behind) = exchange::open_receipt(&mut store, Path::new(file)).map_err(Exit::Error)?;
            let _ = writeln!(
                out,
                "Квитанция «{}»: принят пакет №{} ({}).",
                r.from_name,
                r.last_sequence,
                r.accepted_at.get(..10).unwrap_or(&r.accepted_at)
            );
            if behind {
                let _ = writeln!(out, "Нумерация пакетов продолжится с №{}.", r.last_sequence + 1);
            }
        }
        (None, Some(file), Some(code)) => {
            let data = store.load()?;
            let school = data
                .schools()
                .find(|s| s.code == code)
                .ok_or_else(|| Exit::Error(format!("школы с кодом «{code}» нет в базе")))?
                .id;
            let r = exchange::write_receipt(&mut store, school, Path::new(file)).map_err(Exit::Error)?;
            let _ = writeln!(out, "Квитанция для «{}» (пакет №{}) записана в {file}.", r.school_name, r.last_sequence);
        }
        _ => return Err(Exit::Usage(format!("укажите --open ФАЙЛ или --for КОД --out ФАЙЛ\n\n{usage}"))),
    }
    close(store, out)?;
    Ok(())
}
