//! Every text of the window, in one place, so that wording can be reviewed without hunting.

pub const TITLE: &str = "УчРост";
pub const WELCOME: &str = "Добро пожаловать в УчРост";
pub const WELCOME_TEXT: &str =
    "Создайте базу своей школы или муниципалитета — или откройте демонстрационную базу, чтобы осмотреться.";
pub const DB_KIND: &str = "Чья база";
pub const KIND_SCHOOL: &str = "Школа";
pub const KIND_MUNICIPALITY: &str = "Муниципалитет";
pub const ORG_NAME: &str = "Название";
pub const ORG_NAME_HINT: &str = "например, МОУ «СОШ № 5»";
pub const CODE: &str = "Код школы";
pub const CODE_OPTIONAL: &str = "Код (необязательно)";
pub const CREATE: &str = "Создать базу";
pub const OPEN_DEMO: &str = "Открыть демонстрационную базу";
pub const FILE: &str = "Файл базы";
pub const OPEN_FAILED: &str = "Базу данных не удалось открыть";
pub const NO_BACKUPS: &str =
    "Резервных копий этой базы нет. Файл не изменён; его можно отдать специалисту для восстановления.";
pub const CHOOSE_BACKUP: &str =
    "Восстановите базу из резервной копии (текущий файл не удаляется, а переименовывается):";
pub const RESTORE: &str = "Восстановить копию от";
pub const TODAY: &str = "Сегодня";
pub const SEARCH: &str = "Поиск:";
pub const COURSES_DUE: &str = "нужны курсы";
pub const COURSES_UNTIL: &str = "до";
pub const YOUNG_MARK: &str = "[молодой]";
pub const NO_DATA_DIR: &str = "Не удалось определить папку данных пользователя; укажите файл базы: uchrost --db ФАЙЛ";
pub const STAFF_COLUMNS: &[&str] =
    &["ФИО", "Возраст", "Стаж", "Категория", "Состояние", "Действует до", "Курсы", "Предметы"];

// Navigation.
pub const NAV_STAFF: &str = "Педагоги";
pub const NAV_IMPORT: &str = "Импорт из таблицы";

// «Импорт из таблицы».
pub const IMPORT_TITLE: &str = "Импорт из таблицы";
pub const IMPORT_HINT: &str =
    "Таблицу можно выбрать кнопкой или перетащить в окно. Ничего не записывается, пока вы не нажмёте «Загрузить».";
pub const IMPORT_KIND: &str = "Что загружаем";
pub const IMPORT_TEMPLATE: &str = "Скачать шаблон…";
pub const IMPORT_TEMPLATE_SAVED: &str = "Шаблон сохранён:";
pub const IMPORT_FILE: &str = "Таблица";
pub const IMPORT_CHOOSE_FILE: &str = "Выбрать файл…";
pub const IMPORT_SHEET: &str = "Лист";
pub const IMPORT_EVENT_TITLE: &str = "Мероприятие";
pub const IMPORT_EVENT_DATE: &str = "Дата мероприятия";
pub const IMPORT_EVENT_KIND: &str = "Вид мероприятия";
pub const IMPORT_EVENT_LEVEL: &str = "Уровень";
pub const IMPORT_EVENT_TITLE_MISSING: &str = "Укажите название мероприятия";
pub const IMPORT_EVENT_DATE_BAD: &str = "Укажите дату мероприятия в виде дд.мм.гггг";
pub const CONTEST: &str = "конкурс профессионального мастерства";
pub const IMPORT_READING: &str = "Чтение таблицы…";
pub const IMPORT_PLANNING: &str = "Проверка строк…";
pub const IMPORT_JOB_FAILED: &str = "Чтение таблицы прервалось с ошибкой; база не изменена";
pub const IMPORT_COLUMNS: &str = "Столбцы таблицы (можно исправить)";
pub const IMPORT_COLUMN: &str = "Столбец";
pub const IMPORT_SKIP: &str = "— не загружать —";
pub const IMPORT_TOTAL: &str = "Итого";
pub const IMPORT_CREATE: &str = "создать";
pub const IMPORT_UPDATE: &str = "обновить";
pub const IMPORT_UNCHANGED: &str = "без изменений";
pub const IMPORT_ERRORS: &str = "ошибок";
pub const IMPORT_SKIPPED: &str = "пропущено";
pub const IMPORT_ACCEPT_VALID: &str = "Загрузить только строки без ошибок";
pub const IMPORT_CONFIRM: &str = "Загрузить";
pub const IMPORT_SAVE_ERRORS: &str = "Сохранить строки с ошибками…";
pub const IMPORT_ERRORS_SAVED: &str = "Строки с ошибками сохранены";
pub const IMPORT_DONE: &str = "Загружено строк:";
pub const IMPORT_RECORDS: &str = "записей";
pub const IMPORT_PREVIEW_COLUMNS: &[&str] = &["Строка", "Кто", "Результат", "Подробности"];
pub const IMPORT_WILL_CREATE: &str = "будет создан";
pub const IMPORT_WILL_UPDATE: &str = "будет обновлён";
pub const IMPORT_NO_CHANGE: &str = "без изменений";
pub const IMPORT_WILL_SKIP: &str = "пропущена";
pub const IMPORT_ERROR: &str = "ошибка";

// Widgets.
pub const CALENDAR: &str = "Выбрать дату в календаре";
pub const CALENDAR_BUTTON: &str = "…";
pub const PREV_MONTH: &str = "Предыдущий месяц";
pub const NEXT_MONTH: &str = "Следующий месяц";
pub const TODAY_BUTTON: &str = "Сегодня";
pub const DATE_FORMAT_HINT: &str = "дата в виде дд.мм.гггг";

// Forms.
pub const SAVE: &str = "Сохранить";
pub const CANCEL: &str = "Отмена";
pub const NOT_SET: &str = "— не указано —";
pub const REQUIRED: &str = "поле не заполнено";
pub const FORM_INCOMPLETE: &str = "запись заполнена не полностью";

// The card.
pub const BACK_TO_LIST: &str = "‹ К списку";
pub const PERSON_FIELDS: &str = "Сведения о работнике";
pub const PERSON_EDITED: &str = "Изменены сведения о работнике";
pub const NEW: &str = "Новая запись";
pub const EDITING: &str = "Изменение";
pub const ADD: &str = "Добавить:";
pub const ADDED: &str = "Добавлено";
pub const EDITED: &str = "Изменено";
pub const EDIT: &str = "Изменить";
pub const DELETE: &str = "Удалить";
pub const DELETED: &str = "Удалено";
pub const DELETE_PERSON: &str = "Удалить работника…";
pub const CONFIRM_DELETE: &str = "Удалить?";
pub const CONFIRM_DELETE_PERSON: &str =
    "Будут удалены работник и все записи о нём (это можно отменить в истории изменений):";
pub const DELETE_CONFIRMED: &str = "Да, удалить";
pub const SAVED: &str = "Сохранено.";
pub const NO_RECORDS: &str = "Записей нет.";
pub const NO_HISTORY: &str = "Изменений пока нет.";
pub const UNDO: &str = "Отменить";
pub const UNDONE: &str = "Отменено изменение";
pub const UNDONE_BY: &str = "отменено изменением";
pub const READ_ONLY_MARK: &str = "[только чтение]";
pub const READ_ONLY_AUTHOR: &str = "Запись внесена муниципалитетом; изменить её может только автор.";
pub const NOT_EMPLOYED: &str = "не работает";
pub const NAV_TODAY: &str = "Сегодня";
pub const NAV_SETTINGS: &str = "Настройки";
pub const TODAY_NOTHING: &str = "Сегодня всё в порядке: ничего не требует внимания.";
pub const ADD_TEACHER: &str = "Добавить педагога";
pub const NEW_TEACHER: &str = "Новый педагог";
pub const TEACHER_ADDED: &str = "Добавлен педагог";
pub const UNSAVED_TITLE: &str = "Есть несохранённые изменения";
pub const UNSAVED_TEXT: &str = "Сохранить их перед закрытием?";
pub const SAVE_AND_CLOSE: &str = "Сохранить и закрыть";
pub const CLOSE_WITHOUT_SAVING: &str = "Закрыть без сохранения";
pub const THRESHOLDS: &str = "Пороговые значения";
pub const YOUNG_AGE: &str = "Молодой педагог: моложе, лет";
pub const YOUNG_EXPERIENCE: &str = "Молодой педагог: стаж меньше, лет";
pub const HORIZON: &str = "Предупреждать об истечении категории за, месяцев";
pub const COURSE_YEARS: &str = "Курсы нужны раз в, лет";
pub const OVERLOAD: &str = "Перегрузка: нагрузка больше, ч в неделю";
pub const MISMATCH_SHARE: &str = "Школа «не по образованию»: доля учителей больше";
pub const SAVE_SETTINGS: &str = "Сохранить настройки";
pub const FILTER_SUBJECT: &str = "Предмет";
pub const FILTER_POSITION: &str = "Должность";
pub const FILTER_STATE: &str = "Категория";
pub const FILTER_YOUNG: &str = "Молодые";
pub const FILTER_COURSES_DUE: &str = "Нужны курсы";
pub const FILTER_EMPLOYED: &str = "Кого показывать";
pub const WORKING: &str = "работающих";
pub const LEFT: &str = "уволенных";
pub const ALL: &str = "все";
pub const COPY_SELECTED: &str = "Копировать выбранных";
pub const CLEAR_SELECTION: &str = "Снять выбор";
pub const SELECT_ROW: &str = "Выбрать строку для копирования";

// Registers.
pub const NAV_REGISTERS: &str = "Реестры";
pub const REG_ATTESTATION: &str = "Аттестация";
pub const REG_COURSES: &str = "Курсы";
pub const REG_ROUTES: &str = "ИОМ";
pub const REG_MENTORING: &str = "Наставничество";
pub const REG_ATTESTATION_TITLE: &str = "Перспективный план аттестации (5 лет)";
pub const REG_ATTESTATION_COLUMNS: &[&str] =
    &["ФИО", "Категория", "Действует до", "Подать до", "Учебный год", "Следующий шаг"];
pub const REG_COURSES_TITLE: &str = "Перспективный план повышения квалификации (3 года)";
pub const REG_ROUTES_TITLE: &str = "Индивидуальные образовательные маршруты";
pub const REG_MENTORING_TITLE: &str = "Наставничество";
pub const NAME: &str = "ФИО";
pub const LAST_COURSE: &str = "Последние курсы";
pub const DUE_FROM: &str = "Курсы нужны с";
pub const HOURS_IN: &str = "Часы,";
pub const OF: &str = "из";
pub const STEPS_DUE: &str = "шагов к сроку";
pub const OVERDUE: &str = "просрочено";
pub const YOUNG_WITHOUT_MENTOR: &str = "Молодые педагоги без наставника";

// Group records.
pub const NAV_GROUP: &str = "Групповая запись";
pub const GROUP_HINT: &str =
    "Семинар, конкурс, курсы или диагностика для многих вводятся один раз — и появляются в карточке каждого участника.";
pub const GROUP_WHAT: &str = "Что записываем";
pub const PARTICIPANTS: &str = "Участники";
pub const TICK_SHOWN: &str = "Отметить показанных";
pub const UNTICK_ALL: &str = "Снять все отметки";
pub const GROUP_NOBODY: &str = "Отметьте хотя бы одного участника";
pub const GROUP_SAVED: &str = "Групповая запись";
pub const GROUP_DONE: &str = "Записано для";
pub const NEW_YEAR: &str = "Новый учебный год";
pub const NEW_YEAR_PREPARE: &str = "Подготовить переход";
pub const NEW_YEAR_APPLY: &str = "Выполнить переход";
pub const NEW_YEAR_DONE: &str = "Переход выполнен; тарификацию можно править в карточках. Учебный год";

// Route steps.
pub const STEP_DONE: &str = "Выполнено…";
pub const ADD_STEP: &str = "Добавить шаг";
pub const STEP_KIND: &str = "Вид шага";
pub const STEP_TITLE: &str = "Содержание шага";
pub const STEP_PLANNED: &str = "Срок";
pub const STEP_DONE_DATE: &str = "Дата выполнения";
pub const STEP_EVIDENCE: &str = "Подтверждение";
pub const STEP_EVIDENCE_HINT: &str = "сертификат, справка, ссылка на урок …";
pub const STEP_EVIDENCE_MISSING: &str = "Укажите, чем подтверждено выполнение (сертификат, справка …)";
pub const SAVE_STEP: &str = "Сохранить шаг";
pub const STEP_MARKED_DONE: &str = "Шаг ИОМ выполнен";
pub const STEP_ADDED: &str = "Шаг ИОМ добавлен";

// Settings.
pub const PROFILE: &str = "Профиль организации";
pub const DICTIONARIES: &str = "Справочники";
pub const DICTIONARIES_HINT: &str = "Выберите справочник; одно значение в строке. Порядок строк — порядок в списках.";
pub const SAVE_LIST: &str = "Сохранить справочник";
pub const RESET_LIST: &str = "Вернуть значения по умолчанию";
pub const BACKUPS: &str = "Резервные копии";
pub const BACKUP_NOW: &str = "Сделать копию сейчас";
pub const BACKUP_SAVED: &str = "Копия сохранена:";
pub const RESTORE_WARNING: &str = "База будет заменена этой копией. Текущее состояние сохранится отдельной копией.";
pub const RESTORE_CONFIRM: &str = "Да, восстановить";
pub const RESTORED: &str = "База восстановлена из копии.";
pub const REG_DIAGNOSTICS: &str = "Диагностика";
pub const REG_DIAGNOSTICS_TITLE: &str = "Диагностика профессиональных дефицитов";
pub const REG_DIAGNOSTICS_COLUMNS: &[&str] = &["ФИО", "Дата", "Вид", "Предмет", "Уровень", "Дефициты", "ИОМ"];
pub const HAS_ROUTE: &str = "ИОМ составлен";
pub const NO_ROUTE: &str = "нет ИОМ";
pub const REG_CONTESTS: &str = "Конкурсы и экспертиза";
pub const REG_CONTESTS_COLUMNS: &[&str] = &["ФИО", "Дата", "Конкурс / экспертиза", "Уровень", "Результат"];
pub const CONTEST_WORD: &str = "конкурс";
pub const EXPERT_WORD: &str = "эксперт";
pub const REG_COMMUNITIES: &str = "Сообщества и мероприятия";
pub const REG_COMMUNITIES_COLUMNS: &[&str] = &["ФИО", "Сообщество / мероприятие", "Вид", "Роль", "Уровень"];
pub const REG_VACANCIES: &str = "Вакансии и резерв";
pub const ADD_VACANCY: &str = "Добавить вакансию";
pub const VACANCY_SAVED: &str = "Вакансия сохранена";
pub const OPEN_VACANCY_HOURS: &str = "Открытые вакансии, часов в неделю";
pub const VACANCY_COLUMNS: &[&str] = &["Должность", "Предмет", "Часы", "Открыта", "Закрыта", ""];
pub const RESERVE: &str = "Кадровый резерв";
pub const SCHOOL_YEAR: &str = "Учебный год";
pub const VIEW_AS_OF: &str = "Показано на";
pub const OFFER_STEP: &str = "Эти курсы выполняют шаг ИОМ";
pub const OFFER_YES: &str = "Да, отметить шаг выполненным";
pub const OFFER_NO: &str = "Нет";
pub const NOTHING_DUE: &str = "пока нет";
pub const STEPS_TOTAL: &str = "всего шагов";
pub const BACKUP_FAILED: &str = "Копирование прервалось; база не изменена";
pub const READ_ONLY_BY: &str = "Только для чтения: запись внесена организацией";

// The Показатели screen.
pub const NAV_INDICATORS: &str = "Показатели";
pub const IND_TAB_VALUES: &str = "Показатели";
pub const IND_TAB_STAFFING: &str = "Кадровые потребности";
pub const IND_PERIOD: &str = "Период:";
pub const IND_PERIOD_YEAR: &str = "учебный год (выбран вверху)";
pub const IND_PERIOD_CUSTOM: &str = "свой период";
pub const IND_FROM: &str = "с";
pub const IND_TO: &str = "по";
pub const IND_BAD_PERIOD: &str = "Период: укажите обе даты в виде дд.мм.гггг, начало не позже конца";
pub const IND_BREAKDOWN: &str = "Разбивка";
pub const IND_GROUP: &str = "Группа";
pub const IND_ALL_GROUPS: &str = "все группы";
pub const IND_COMPUTING: &str = "Показатели считаются…";
pub const IND_COLUMNS: [&str; 6] = ["Показатель", "Срез", "Значение", "Цель", "Отметка", "Динамика"];
pub const IND_ALL_SCOPE: &str = "всего";
pub const IND_ENTERED_MARK: &str = "введённый";
pub const IND_MET: &str = "✔ достигнута";
pub const IND_MISSED: &str = "✘ не достигнута";
pub const IND_NO_TARGET: &str = "—";
pub const IND_ADD_ENTERED: &str = "Добавить свой показатель";
pub const IND_HINT: &str = "Нажмите на значение, чтобы увидеть, кто посчитан и кто нет.";
pub const IND_COUNTED: &str = "Посчитаны";
pub const IND_NOT_COUNTED: &str = "Не посчитаны";
pub const IND_TARGET_FOR: &str = "Цель на";
pub const IND_SAVE_TARGET: &str = "Сохранить цель";
pub const IND_REMOVE_TARGET: &str = "Убрать цель";
pub const IND_TARGET_BAD: &str = "Цель: введите число, например 60 или 62,5";
pub const IND_TREND: &str = "Динамика по учебным годам";
pub const IND_BARS: &str = "Сравнение по срезам";
pub const IND_ACTUAL: &str = "факт";
pub const IND_TARGET_LINE: &str = "цель";
pub const IND_CLOSE: &str = "Закрыть";
pub const IND_EDIT_ENTERED: &str = "Изменить показатель";
pub const IND_ENTERED_TITLE: &str = "Показатель";
pub const IND_ENTERED_SOURCE: &str = "Источник";
pub const IND_ENTERED_UNIT: &str = "Единица";
pub const IND_ENTERED_VALUES: &str = "Значения по учебным годам (пусто — нет данных)";
pub const IND_ENTERED_BAD_VALUE: &str = "значение не число";
pub const IND_SAVE: &str = "Сохранить";
pub const IND_CANCEL: &str = "Отмена";
pub const IND_STAFF_COLUMNS: [&str; 7] =
    ["Срез", "Педагогов", "Вакансий", "Часы вакансий", "Средний возраст", "Средняя нагрузка, ч", "Обеспеченность"];
pub const IND_STAFF_EDUCATION: &str = "Образование";
pub const IND_STAFF_EXPERIENCE: &str = "Педагогический стаж";
pub const IND_STAFF_AGE: &str = "Возраст";
pub const IND_STAFF_CATEGORY: &str = "Категории";
pub const IND_OWN_TARGET: &str = "Своя цель";

// The Обмен screen.
pub const NAV_EXCHANGE: &str = "Обмен";
pub const NAV_REPORTS: &str = "Отчёты";
pub const REP_YEAR: &str = "Учебный год (выбирается вверху):";
pub const REP_ROUTE_CARD: &str = "ИОМ педагога — документ на подпись";
pub const REP_SIGNER: &str = "Подписывает:";
pub const REP_CALENDAR_YEAR: &str = "Календарный год:";
pub const REP_PROBLEMS: &str =
    "Проблемы и рекомендации (по пункту на строку; пусто — составить по данным при сохранении):";
pub const REP_PROBLEMS_HINT: &str = "Каждая строка — отдельный пункт";
pub const REP_DRAFT: &str = "Составить по данным";
pub const REP_SAVE_PDF: &str = "Сохранить PDF…";
pub const REP_SAVE_XLSX: &str = "Сохранить XLSX…";
pub const REP_SAVE_DOCX: &str = "Сохранить DOCX…";
pub const REP_SAVED: &str = "Отчёт записан:";
pub const REP_FAILED: &str = "Отчёт не составлен: внутренняя ошибка";
pub const REP_MAKING: &str = "Составляется отчёт…";
pub const REP_TEACHER: &str = "Педагог";
pub const REP_PICK_TEACHER: &str = "выберите педагога";
pub const REP_PRINT: &str = "Печать…";
pub const REP_OPENED: &str = "PDF открыт для печати:";
pub const REP_PREVIEW: &str = "Предварительный просмотр";
pub const REP_PREVIEWING: &str = "Готовится просмотр…";
pub const REP_MORE_ROWS: &str = "и ещё строк:";
pub const REP_NO_ROWS: &str = "Записей нет.";
pub const EX_TITLE: &str = "Обмен пакетами";
pub const EX_OWN_KEY: &str = "Отпечаток ключа этой базы:";
pub const EX_SAVE_CARD: &str = "Сохранить карточку ключа…";
pub const EX_CARD_SAVED: &str = "Карточка ключа сохранена:";
pub const EX_TAKE_CARD: &str = "Принять карточку ключа…";
pub const EX_CARD_TAKEN: &str = "Принята карточка ключа:";
pub const EX_FINGERPRINT: &str = "отпечаток";
pub const EX_LOG: &str = "Журнал пакетов";
pub const EX_MUNICIPALITY: &str = "Муниципалитет:";
pub const EX_NO_MUNICIPALITY: &str =
    "Ключ муниципалитета не принят: примите его карточку, чтобы пакеты шифровались для муниципалитета.";
pub const EX_LAST_SENT: &str = "Последний пакет:";
pub const EX_BY_RECEIPT: &str = "по квитанции";
pub const EX_NOTHING_SENT: &str = "Пакетов ещё не было.";
pub const EX_WHAT_LEAVES: &str = "Что уйдёт в пакете";
pub const EX_PRIVACY: &str = "Только записи школы. Не уходят: телефоны, e-mail, заметки, номера документов, медицинские подробности отсутствий, история изменений, резервные копии, настройки.";
pub const EX_UNENCRYPTED: &str = "Сделать пакет без шифрования (выбор запишется в журнал)";
pub const EX_MAKE_PACKAGE: &str = "Сделать пакет…";
pub const EX_PACKAGE_MADE: &str = "Пакет записан и проверен:";
pub const EX_TAKE_PACKAGE: &str = "Принять пакет муниципалитета…";
pub const EX_OPEN_RECEIPT: &str = "Открыть квитанцию…";
pub const EX_RECEIPT_OK: &str = "Квитанция: муниципалитет принял пакет";
pub const EX_CONTINUES: &str = "нумерация продолжится с";
pub const EX_SCHOOLS: &str = "Школы";
pub const EX_SCHOOL_COLUMNS: [&str; 7] = ["Школа", "Отпечаток ключа", "Последний пакет", "Принят", "", "", ""];
pub const EX_DAYS_AGO: &str = "дн. назад";
pub const EX_BACK: &str = "Пакет для школы…";
pub const EX_RECEIPT: &str = "Квитанция…";
pub const EX_RECEIPT_MADE: &str = "Квитанция записана для";
pub const EX_TAKE_PACKAGES: &str = "Принять пакеты школ…";
pub const EX_PREVIEW: &str = "Что изменится (ничего ещё не записано)";
pub const EX_FINGERPRINT_CHECKED: &str = "Отпечатки новых школ сверены с бумажными карточками";
pub const EX_FINGERPRINT_CHECKED_MUN: &str = "Отпечатки новых муниципалитетов сверены с бумажными карточками";
pub const EX_ACCEPT: &str = "Принять";
pub const EX_CANCEL: &str = "Отмена";
pub const EX_SENDER_FINGERPRINT: &str = "отпечаток ключа отправителя:";
pub const EX_ROTATE: &str = "Сменить ключ…";
pub const EX_ROTATE_EXPLAIN: &str = "Смена ключа: будет создан новый ключ подписи и шифрования. Следующий пакет ещё подписывается прежним ключом и объявляет новый, получатель принимает его сам; новый отпечаток запишите в карточку ключа. Если ключ украден или потерян, смена не поможет — нужна повторная регистрация по новой карточке.";
pub const EX_ROTATE_CONFIRM: &str = "Сменить ключ";
pub const EX_ROTATING: &str = "Идёт смена ключа: новый отпечаток";
pub const EX_ROTATING_TAIL: &str = "объявит следующий пакет.";
pub const EX_ROTATED: &str = "Новый ключ подписи создан, отпечаток";
pub const EX_REVOKE: &str = "Отозвать ключ";
pub const EX_REVOKE_CONFIRM: &str =
    "Отозвать ключ: пакеты не будут приниматься до повторной регистрации по новой карточке";
pub const EX_REVOKED: &str = "ОТОЗВАН";
pub const EX_MUNICIPALITIES: &str = "Муниципалитеты";
pub const EX_MUNICIPALITY_COLUMNS: [&str; 7] =
    ["Муниципалитет", "Отпечаток ключа", "Последний пакет", "Принят", "", "", ""];
pub const EX_TAKE_MUNICIPAL_PACKAGES: &str = "Принять пакеты муниципалитетов…";
pub const EX_REGION: &str = "Регион:";
pub const EX_NO_REGION: &str = "Карточка ключа региона не принята: без неё пакет для региона не будет зашифрован. Примите её кнопкой «Принять карточку ключа…».";
pub const EX_MAKE_UP: &str = "Пакет для региона…";
pub const EX_UP_WHAT: &str = "В пакет для региона войдут записи муниципалитета и все принятые записи его школ (без контактов, заметок и номеров документов).";
pub const FIRST_CARD: &str = "Ключ муниципалитета";
pub const FIRST_CARD_PICK: &str = "Выбрать карточку ключа…";
pub const FIRST_CARD_LATER: &str = "можно и позже, на экране «Обмен»";
