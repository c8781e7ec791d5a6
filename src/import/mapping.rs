//! Which column holds what: the headers people write, the header row found below title rows and merged
//! cells, and the mapping the user corrects (and the app remembers).

use super::sheet::Sheet;
use super::values::norm;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The kinds of import.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Teachers,
    Attestation,
    Courses,
    Diagnostics,
    Mentoring,
    Participants,
    /// ИОМ with their steps: a row per step.
    Routes,
    ExpertWork,
    Communities,
    /// Teachers nominated for a course, a diagnostic, a contest or an event.
    Nominations,
    /// Awards, honorary titles and encouragements.
    Awards,
    /// The bank of successful practices.
    Practices,
    /// Teachers' requests for directions of professional development.
    Requests,
    /// The development programme's risks with their mitigation (the organisation's, no person).
    Risks,
    /// Meetings of methodological associations with who attended (the association made if new).
    Meetings,
}

impl ImportKind {
    pub const ALL: &'static [ImportKind] = &[
        Self::Teachers,
        Self::Attestation,
        Self::Courses,
        Self::Diagnostics,
        Self::Mentoring,
        Self::Participants,
        Self::Routes,
        Self::ExpertWork,
        Self::Communities,
        Self::Nominations,
        Self::Awards,
        Self::Practices,
        Self::Requests,
        Self::Risks,
        Self::Meetings,
    ];

    /// The name on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Self::Teachers => "teachers",
            Self::Attestation => "attestation",
            Self::Courses => "courses",
            Self::Diagnostics => "diagnostics",
            Self::Mentoring => "mentoring",
            Self::Participants => "participants",
            Self::Routes => "routes",
            Self::ExpertWork => "expert",
            Self::Communities => "communities",
            Self::Nominations => "nominations",
            Self::Awards => "awards",
            Self::Practices => "practices",
            Self::Requests => "requests",
            Self::Risks => "risks",
            Self::Meetings => "meetings",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.key() == key)
    }

    /// The Russian name of the kind.
    pub fn label(self) -> &'static str {
        match self {
            Self::Teachers => "Педагоги (штатное расписание)",
            Self::Attestation => "Аттестация",
            Self::Courses => "Курсы повышения квалификации",
            Self::Diagnostics => "Результаты диагностики",
            Self::Mentoring => "Наставнические пары",
            Self::Participants => "Участники мероприятия",
            Self::Routes => "ИОМ и их шаги",
            Self::ExpertWork => "Экспертная деятельность",
            Self::Communities => "Сообщества и методические объединения",
            Self::Nominations => "Выдвинутые на курсы, диагностику, конкурсы",
            Self::Awards => "Награды, почётные звания, поощрения",
            Self::Practices => "Банк успешных практик",
            Self::Requests => "Запросы педагогов на повышение квалификации",
            Self::Risks => "Риски программы развития и меры по их минимизации",
            Self::Meetings => "Заседания методических объединений и присутствие",
        }
    }

    /// The fields a sheet of this kind may have, in template order.
    pub fn fields(self) -> &'static [Field] {
        use Field::*;
        match self {
            Self::Teachers => &[
                FullName,
                LastName,
                FirstName,
                MiddleName,
                BirthDate,
                Sex,
                Position,
                Subjects,
                Load,
                Education,
                Specialty,
                Qualification,
                PedExperience,
                TotalExperience,
                HireDate,
                DismissalDate,
                EducationMatch,
                Category,
                CategoryDate,
                OrderNumber,
                OrderDate,
                AddressedRecs,
                AbsenceKind,
                AbsenceStart,
                AbsenceEnd,
                Phone,
                Email,
            ],
            Self::Attestation => &[
                FullName,
                LastName,
                FirstName,
                MiddleName,
                BirthDate,
                Category,
                CategoryDate,
                OrderNumber,
                OrderDate,
                Position,
                Body,
                AddressedRecs,
            ],
            Self::Courses => &[
                FullName,
                LastName,
                FirstName,
                MiddleName,
                BirthDate,
                CourseTitle,
                CourseKind,
                Hours,
                Period,
                CourseStart,
                CourseEnd,
                Provider,
                DocNumber,
                Form,
                Fgos,
                FederalRegister,
                PriorityProgram,
                Gifted,
                PedOrientation,
                StaffShortage,
                FinalAssessment,
                DiagBasis,
            ],
            Self::Diagnostics => &[
                FullName,
                LastName,
                FirstName,
                MiddleName,
                BirthDate,
                DiagDate,
                DiagKind,
                Subject,
                Level,
                Score,
                Deficits,
                Recommendations,
            ],
            Self::Mentoring => &[MentorName, MenteeName, Form, Program, Start, End, OrderNumber, OrderDate],
            Self::Participants => &[FullName, LastName, FirstName, MiddleName, BirthDate, Role],
            Self::Routes => &[
                FullName,
                LastName,
                FirstName,
                MiddleName,
                BirthDate,
                RouteStart,
                RouteEnd,
                Deficits,
                StepTitle,
                StepKind,
                StepPlanned,
                StepDone,
                StepEvidence,
            ],
            Self::ExpertWork => {
                &[FullName, LastName, FirstName, MiddleName, BirthDate, ExpertRole, Description, EventLevel, Start, End]
            }
            Self::Communities => &[
                FullName,
                LastName,
                FirstName,
                MiddleName,
                BirthDate,
                CommunityName,
                CommunityKind,
                CommunityRole,
                EventLevel,
                Start,
                End,
            ],
            Self::Nominations => &[
                FullName,
                LastName,
                FirstName,
                MiddleName,
                BirthDate,
                NominatedFor,
                NominationTitle,
                Start,
                End,
                EventLevel,
                Provider,
                Hours,
            ],
            Self::Awards => {
                &[FullName, LastName, FirstName, MiddleName, BirthDate, AwardKind, AwardTitle, When, Document]
            }
            Self::Practices => &[
                FullName,
                LastName,
                FirstName,
                MiddleName,
                BirthDate,
                PracticeTitle,
                Topic,
                EventLevel,
                ShownAt,
                When,
                File,
            ],
            Self::Requests => {
                &[FullName, LastName, FirstName, MiddleName, BirthDate, When, Direction, WantedForm, Note]
            }
            Self::Risks => &[RiskText, Mitigation],
            Self::Meetings => {
                &[AssociationName, CommunityKind, EventLevel, When, MeetingTopic, Speakers, Held, Decisions, Present]
            }
        }
    }
}

/// What a column can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    FullName,
    LastName,
    FirstName,
    MiddleName,
    BirthDate,
    Sex,
    Position,
    Subjects,
    Load,
    Education,
    Specialty,
    Qualification,
    PedExperience,
    TotalExperience,
    HireDate,
    Category,
    CategoryDate,
    OrderNumber,
    OrderDate,
    Body,
    Phone,
    Email,
    CourseTitle,
    CourseKind,
    Hours,
    Period,
    CourseStart,
    CourseEnd,
    Provider,
    DocNumber,
    Form,
    DiagDate,
    DiagKind,
    Subject,
    Level,
    Score,
    Deficits,
    Recommendations,
    MentorName,
    MenteeName,
    Program,
    Start,
    End,
    Role,
    DismissalDate,
    EducationMatch,
    AddressedRecs,
    AbsenceKind,
    AbsenceStart,
    AbsenceEnd,
    Fgos,
    FederalRegister,
    PriorityProgram,
    Gifted,
    PedOrientation,
    StaffShortage,
    FinalAssessment,
    DiagBasis,
    RouteStart,
    RouteEnd,
    StepTitle,
    StepKind,
    StepPlanned,
    StepDone,
    StepEvidence,
    ExpertRole,
    Description,
    EventLevel,
    CommunityName,
    NominatedFor,
    NominationTitle,
    AwardKind,
    AwardTitle,
    /// The day of an award, a practice shown, a request.
    When,
    Document,
    PracticeTitle,
    Topic,
    ShownAt,
    File,
    Direction,
    WantedForm,
    Note,
    RiskText,
    Mitigation,
    AssociationName,
    MeetingTopic,
    Speakers,
    Held,
    Decisions,
    Present,
    CommunityKind,
    CommunityRole,
}

impl Field {
    /// The column title in templates and in the mapping list.
    pub fn label(self) -> &'static str {
        use Field::*;
        match self {
            FullName => "ФИО",
            LastName => "Фамилия",
            FirstName => "Имя",
            MiddleName => "Отчество",
            BirthDate => "Дата рождения",
            Sex => "Пол",
            Position => "Должность",
            Subjects => "Предметы",
            Load => "Нагрузка, ч",
            Education => "Образование",
            Specialty => "Специальность по диплому",
            Qualification => "Квалификация по диплому",
            PedExperience => "Педагогический стаж",
            TotalExperience => "Общий стаж",
            HireDate => "Дата приёма",
            Category => "Категория",
            CategoryDate => "Дата присвоения категории",
            OrderNumber => "№ приказа",
            OrderDate => "Дата приказа",
            Body => "Аттестационная комиссия",
            Phone => "Телефон",
            Email => "Эл. почта",
            CourseTitle => "Название программы",
            CourseKind => "Вид обучения",
            Hours => "Часы",
            Period => "Сроки обучения",
            CourseStart => "Начало обучения",
            CourseEnd => "Окончание обучения",
            Provider => "Организация",
            DocNumber => "№ удостоверения",
            Form => "Форма",
            DiagDate => "Дата диагностики",
            DiagKind => "Вид диагностики",
            Subject => "Предмет",
            Level => "Уровень",
            Score => "Балл",
            Deficits => "Дефициты",
            Recommendations => "Рекомендации",
            MentorName => "Наставник",
            MenteeName => "Наставляемый",
            Program => "Программа",
            Start => "Начало",
            End => "Окончание",
            Role => "Роль / результат",
            DismissalDate => "Дата увольнения",
            EducationMatch => "Соответствие образования предмету",
            AddressedRecs => "Адресные рекомендации",
            AbsenceKind => "Длительное отсутствие",
            AbsenceStart => "Начало отсутствия",
            AbsenceEnd => "Окончание отсутствия",
            Fgos => "По обновлённым ФГОС",
            FederalRegister => "Из Федерального реестра ДПП",
            PriorityProgram => "Приоритетная федеральная программа",
            Gifted => "Работа с одарёнными детьми",
            PedOrientation => "Переподготовка педагогической направленности",
            StaffShortage => "Для устранения дефицита кадров",
            FinalAssessment => "Итоговая аттестация пройдена",
            DiagBasis => "По итогам диагностики (дата)",
            RouteStart => "Начало ИОМ",
            RouteEnd => "Окончание ИОМ",
            StepTitle => "Шаг (мероприятие)",
            StepKind => "Вид шага",
            StepPlanned => "Срок",
            StepDone => "Выполнено (дата)",
            StepEvidence => "Результат, подтверждение",
            ExpertRole => "Вид экспертной деятельности",
            Description => "Описание",
            EventLevel => "Уровень",
            CommunityName => "Сообщество",
            NominatedFor => "На что выдвинут",
            NominationTitle => "Название",
            AwardKind => "Вид награды",
            AwardTitle => "Награда, звание, поощрение",
            When => "Дата",
            Document => "Документ (приказ, указ)",
            PracticeTitle => "Практика",
            Topic => "Тема, дефицит",
            ShownAt => "Где представлена",
            File => "Файл или ссылка",
            Direction => "Направление (чему хочет научиться)",
            WantedForm => "Желаемая форма",
            Note => "Примечание",
            RiskText => "Риск",
            AssociationName => "Объединение",
            MeetingTopic => "Тема, вопросы",
            Speakers => "Ответственные, выступающие",
            Held => "Проведено",
            Decisions => "Решения",
            Present => "Присутствовали (ФИО через «;»)",
            Mitigation => "Меры по минимизации риска",
            CommunityKind => "Вид сообщества",
            CommunityRole => "Роль в сообществе",
        }
    }

    /// Header words that mean this field, most specific first; each is matched against the normalised
    /// header (lower case, Ё as Е) as a whole word sequence or a prefix.
    fn patterns(self) -> &'static [&'static str] {
        use Field::*;
        match self {
            FullName => &[
                "фио",
                "ф и о",
                "фамилия имя отчество",
                "фамилия, имя, отчество",
                "работник",
                "педагог",
                "участник",
                "сотрудник",
            ],
            LastName => &["фамилия"],
            FirstName => &["имя"],
            MiddleName => &["отчество"],
            BirthDate => &["дата рождения", "д р", "год рождения", "рождения"],
            Sex => &["пол"],
            Position => &["должность", "занимаемая должность"],
            Subjects => &["предметы", "преподаваемые предметы", "предмет", "учебный предмет"],
            Load => &["нагрузка", "учебная нагрузка", "часов в неделю", "тарификация"],
            Education => &["образование", "уровень образования"],
            Specialty => &["специальность"],
            Qualification => &["квалификация"],
            PedExperience => &["педагогический стаж", "пед стаж", "стаж педагогической работы", "стаж"],
            TotalExperience => &["общий стаж", "общий трудовой стаж"],
            HireDate => &["дата приема", "принят", "дата поступления"],
            Category => &["категория", "квалификационная категория", "кв категория", "результат аттестации"],
            CategoryDate => &["дата аттестации", "дата присвоения", "дата решения", "дата установления", "присвоена"],
            OrderNumber => &["приказ", "номер приказа", "№ приказа", "реквизиты приказа"],
            OrderDate => &["дата приказа"],
            Body => &["аттестационная комиссия", "орган", "кем"],
            Phone => &["телефон", "тел"],
            Email => &["эл почта", "e-mail", "email", "электронная почта"],
            CourseTitle => &[
                "название программы",
                "программа",
                "тема",
                "курсы",
                "наименование курсов",
                "название курсов",
                "наименование программы",
            ],
            CourseKind => &["вид обучения", "вид", "тип обучения"],
            Hours => &["часы", "количество часов", "кол-во часов", "объем", "часов"],
            Period => &["сроки обучения", "сроки", "период обучения", "период"],
            CourseStart => &["начало обучения", "дата начала"],
            CourseEnd => &["окончание обучения", "дата окончания", "дата завершения", "окончание"],
            Provider => &["организация", "место прохождения", "где", "учреждение", "оо дпо", "кем проведены"],
            DocNumber => &["№ удостоверения", "номер удостоверения", "удостоверение", "документ", "номер документа"],
            Form => &["форма обучения", "форма"],
            DiagDate => &["дата диагностики", "дата проведения", "дата"],
            DiagKind => &["вид диагностики", "диагностика"],
            Subject => &["предмет", "учебный предмет", "дисциплина"],
            Level => &["уровень", "результат", "уровень сформированности"],
            Score => &["балл", "баллы", "количество баллов", "результат в баллах"],
            Deficits => &["дефициты", "выявленные дефициты", "профессиональные дефициты", "затруднения"],
            Recommendations => &["рекомендации"],
            MentorName => &["наставник", "фио наставника"],
            MenteeName => {
                &["наставляемый", "молодой специалист", "молодой педагог", "фио наставляемого", "наставляемый педагог"]
            }
            Program => &["программа", "программа наставничества"],
            Start => &["начало", "дата начала", "с", "дата"],
            End => &["окончание", "дата окончания", "по"],
            Role => &["роль", "результат", "статус", "участие"],
            DismissalDate => &["дата увольнения", "уволен", "уволена", "дата расторжения"],
            EducationMatch => &[
                "соответствие образования",
                "соответствие образования предмету",
                "образование соответствует",
                "соответствует преподаваемому предмету",
            ],
            AddressedRecs => &["адресные рекомендации", "рекомендации по итогам аттестации", "рекомендации аттестации"],
            AbsenceKind => &["длительное отсутствие", "отсутствие", "причина отсутствия", "декрет", "отпуск по уходу"],
            AbsenceStart => &["начало отсутствия", "отсутствует с"],
            AbsenceEnd => &["окончание отсутствия", "отсутствует по", "выход на работу"],
            Fgos => &["по обновленным фгос", "обновленные фгос", "по фгос", "фгос"],
            FederalRegister => &["из федерального реестра дпп", "федеральный реестр", "реестр дпп", "реестр"],
            PriorityProgram => &["приоритетная федеральная программа", "приоритетная программа", "приоритетный проект"],
            Gifted => &["работа с одаренными детьми", "одаренные дети", "одаренные"],
            PedOrientation => &[
                "переподготовка педагогической направленности",
                "педагогической направленности",
                "педагогическая направленность",
            ],
            StaffShortage => {
                &["для устранения дефицита кадров", "устранение дефицита кадров", "дефицит кадров", "кадровый дефицит"]
            }
            FinalAssessment => &["итоговая аттестация пройдена", "итоговая аттестация", "аттестация пройдена"],
            DiagBasis => {
                &["по итогам диагностики", "на основе диагностики", "по результатам диагностики", "диагностика"]
            }
            RouteStart => &["начало иом", "начало маршрута", "дата начала", "начало"],
            RouteEnd => &["окончание иом", "окончание маршрута", "дата окончания", "окончание"],
            StepTitle => &["шаг", "мероприятие", "содержание", "название шага", "действие", "шаг мероприятие"],
            StepKind => &["вид шага", "форма", "вид"],
            StepPlanned => &["срок", "планируемый срок", "срок выполнения", "дата по плану"],
            StepDone => &["выполнено", "дата выполнения", "выполнен", "выполнено дата"],
            StepEvidence => {
                &["результат", "подтверждение", "продукт", "отметка о выполнении", "результат подтверждение"]
            }
            ExpertRole => &["вид экспертной деятельности", "экспертная деятельность", "вид деятельности", "роль"],
            Description => &["описание", "предмет", "направление", "содержание"],
            EventLevel => &["уровень"],
            CommunityName => {
                &["сообщество", "название сообщества", "объединение", "методическое объединение", "мо", "наименование"]
            }
            CommunityKind => &["вид сообщества", "тип сообщества", "вид"],
            AwardKind => &["вид награды", "вид", "вид поощрения"],
            AwardTitle => &["награда", "звание", "поощрение", "наименование награды", "награда звание поощрение"],
            When => &["дата", "дата награждения", "дата присвоения", "дата запроса", "дата представления"],
            Document => &["документ", "приказ", "указ", "реквизиты", "документ приказ указ"],
            PracticeTitle => &["практика", "название практики", "успешная практика"],
            Topic => &["тема", "дефицит", "тема дефицит", "направление"],
            ShownAt => &["где представлена", "где представлен опыт", "мероприятие", "где"],
            File => &["файл", "ссылка", "материалы", "файл или ссылка"],
            Direction => &["направление", "запрос", "чему хочет научиться", "тема", "направление чему хочет научиться"],
            WantedForm => &["желаемая форма", "форма"],
            Note => &["примечание", "комментарий"],
            RiskText => &["риск", "риски", "ожидаемые риски", "наименование риска"],
            AssociationName => &["объединение", "методическое объединение", "мо", "рмо", "шмо", "сообщество"],
            MeetingTopic => &["тема", "вопросы", "повестка", "тема заседания", "тема вопросы"],
            Speakers => &["ответственные", "выступающие", "докладчики", "ответственные выступающие"],
            Held => &["проведено", "состоялось", "проведено да нет"],
            Decisions => &["решения", "решили", "решение"],
            Present => &["присутствовали", "присутствующие", "участники", "присутствовали фио через"],
            Mitigation => &[
                "меры по минимизации риска",
                "меры",
                "мероприятия по минимизации риска",
                "возможные мероприятия по минимизации риска",
                "минимизация",
            ],
            NominatedFor => &["на что выдвинут", "на что", "вид", "куда", "направлен на"],
            NominationTitle => &[
                "название",
                "наименование",
                "название программы",
                "программа",
                "конкурс",
                "мероприятие",
                "диагностика",
            ],
            CommunityRole => &["роль в сообществе", "роль", "статус"],
        }
    }
}

/// Whether the normalised header matches a pattern: equal, or starts with it followed by a separator.
fn matches(header: &str, pattern: &str) -> bool {
    header == pattern || header.strip_prefix(pattern).is_some_and(|rest| rest.starts_with([' ', ',', '(', '/', '.']))
}

/// Whether the header abbreviates the pattern word by word, as staff lists do («Дата рожд.» for «дата
/// рождения», «Образ.» for «образование»): as many words, each the pattern's word or its first four
/// letters or more.
fn abbreviates(header: &str, pattern: &str) -> bool {
    let (h, p): (Vec<&str>, Vec<&str>) = (header.split(' ').collect(), pattern.split(' ').collect());
    h.len() == p.len()
        && h != p
        && h.iter().zip(&p).all(|(h, p)| h == p || (h.chars().count() >= 4 && p.starts_with(h)))
}

/// The field a header most likely names among `fields`, with the strength of the match (longer patterns
/// are stronger; an abbreviation is weaker than the pattern written out).
pub fn recognise(header: &str, fields: &[Field]) -> Option<(Field, usize)> {
    let h = norm(header).replace(['.', ','], " ");
    let h = h.split_whitespace().collect::<Vec<_>>().join(" ");
    if h.is_empty() {
        return None;
    }
    let mut best: Option<(Field, usize)> = None;
    for &f in fields {
        for p in f.patterns() {
            // Patterns are normalised like headers («№ приказа» → «приказа»).
            let p = &norm(p).replace(['.', ','], " ");
            let strength = if matches(&h, p) {
                p.len()
            } else if abbreviates(&h, p) {
                p.len().saturating_sub(1)
            } else {
                continue;
            };
            if !p.is_empty() && best.is_none_or(|(_, len)| strength > len) {
                best = Some((f, strength));
            }
        }
    }
    best
}

/// The header of a sheet: where it is and what each column holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    /// Row index of the (last) header row; data starts below it.
    pub row: usize,
    /// The header text of each column (with the merged upper row's text where there are two rows).
    pub titles: Vec<String>,
    /// What each column holds; `None` skips the column.
    pub columns: Vec<Option<Field>>,
}

/// How many header rows are looked for under title rows.
const HEADER_SEARCH_ROWS: usize = 30;

/// Finds the header row (or a pair of rows, where merged upper cells group the columns below them) that
/// names the most fields of `kind`, and maps its columns; `remembered` (normalised header → field, or
/// `None` for a column the user skipped) takes precedence.
pub fn detect(sheet: &Sheet, kind: ImportKind, remembered: &HashMap<String, Option<Field>>) -> Option<Header> {
    let fields = kind.fields();
    let width = sheet.width();
    let mut best: Option<(usize, Header)> = None;
    for row in 0..sheet.rows.len().min(HEADER_SEARCH_ROWS) {
        for two_rows in [false, true] {
            if two_rows && row == 0 {
                continue;
            }
            let mut upper_fill = String::new();
            let titles: Vec<String> = (0..width)
                .map(|c| {
                    let lower = sheet.cell(row, c).text();
                    if !two_rows {
                        return lower;
                    }
                    let upper = sheet.cell(row - 1, c).text();
                    if !upper.is_empty() {
                        upper_fill = upper.clone();
                    }
                    match (upper_fill.is_empty(), lower.is_empty()) {
                        (_, true) => upper,
                        (true, false) => lower,
                        (false, false) => format!("{upper_fill} / {lower}"),
                    }
                })
                .collect();
            let header = map_titles(&titles, fields, remembered, row);
            let score = header.columns.iter().flatten().count();
            if score > 0 && best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, header));
            }
        }
    }
    best.map(|(_, h)| h)
}

fn map_titles(titles: &[String], fields: &[Field], remembered: &HashMap<String, Option<Field>>, row: usize) -> Header {
    let mut columns: Vec<Option<Field>> = Vec::with_capacity(titles.len());
    let mut strength: Vec<usize> = Vec::with_capacity(titles.len());
    for t in titles {
        if let Some(choice) = remembered.get(&norm(t)) {
            columns.push(*choice);
            strength.push(usize::MAX);
            continue;
        }
        // In a two-row header "Курсы / Часы" the lower part names the field; try it first.
        let lower = t.rsplit(" / ").next().unwrap_or(t);
        let found = recognise(lower, fields).or_else(|| recognise(t, fields));
        columns.push(found.map(|(f, _)| f));
        strength.push(found.map_or(0, |(_, s)| s));
    }
    // A field is taken by one column only: the strongest match keeps it.
    for i in 0..columns.len() {
        if let Some(f) = columns[i] {
            for j in 0..columns.len() {
                if i != j && columns[j] == Some(f) && (strength[j] > strength[i] || strength[j] == strength[i] && j < i)
                {
                    columns[i] = None;
                    break;
                }
            }
        }
    }
    Header { row, titles: titles.to_vec(), columns }
}

/// The mapping to remember for next time: each header's normalised text → the user's choice.
pub fn to_remember(header: &Header) -> HashMap<String, Option<Field>> {
    header
        .titles
        .iter()
        .zip(&header.columns)
        .filter(|(t, _)| !t.trim().is_empty())
        .map(|(t, f)| (norm(t), *f))
        .collect()
}
