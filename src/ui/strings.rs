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
