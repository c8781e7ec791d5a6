//! Reference lists the user edits (positions, subjects, providers …) and their Russian defaults
//! ("Default reference lists" in the spec).

use serde::{Deserialize, Serialize};

/// An editable reference list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dictionary {
    Positions,
    ManagementPositions,
    Subjects,
    Providers,
    Levels,
    ContestResults,
    Clusters,
    Deficits,
    MentoringForms,
    ExpertRoles,
}

impl Dictionary {
    pub const ALL: &'static [Dictionary] = &[
        Self::Positions,
        Self::ManagementPositions,
        Self::Subjects,
        Self::Providers,
        Self::Levels,
        Self::ContestResults,
        Self::Clusters,
        Self::Deficits,
        Self::MentoringForms,
        Self::ExpertRoles,
    ];

    /// The key under which the list is stored.
    pub fn key(self) -> &'static str {
        match self {
            Self::Positions => "positions",
            Self::ManagementPositions => "management_positions",
            Self::Subjects => "subjects",
            Self::Providers => "providers",
            Self::Levels => "levels",
            Self::ContestResults => "contest_results",
            Self::Clusters => "clusters",
            Self::Deficits => "deficits",
            Self::MentoringForms => "mentoring_forms",
            Self::ExpertRoles => "expert_roles",
        }
    }

    /// The Russian title of the list.
    pub fn title(self) -> &'static str {
        match self {
            Self::Positions => "Должности педагогических работников",
            Self::ManagementPositions => "Должности управленческих кадров",
            Self::Subjects => "Учебные предметы",
            Self::Providers => "Организации ДПО",
            Self::Levels => "Уровни",
            Self::ContestResults => "Результаты конкурсов",
            Self::Clusters => "Типы ОО",
            Self::Deficits => "Области профессиональных дефицитов",
            Self::MentoringForms => "Формы наставничества",
            Self::ExpertRoles => "Виды экспертной деятельности",
        }
    }

    /// The values a new database starts with.
    pub fn defaults(self) -> &'static [&'static str] {
        match self {
            Self::Positions => &[
                "учитель",
                "учитель начальных классов",
                "учитель-логопед",
                "учитель-дефектолог",
                "педагог-психолог",
                "социальный педагог",
                "педагог дополнительного образования",
                "педагог-организатор",
                "педагог-библиотекарь",
                "тьютор",
                "воспитатель",
                "старший вожатый",
                "преподаватель-организатор ОБЗР",
                "советник директора по воспитанию и взаимодействию с детскими общественными объединениями",
                "методист",
                "инструктор по физической культуре",
                "музыкальный руководитель",
                "тренер-преподаватель",
            ],
            Self::ManagementPositions => &[
                "директор",
                "заместитель директора по УВР",
                "заместитель директора по ВР",
                "заместитель директора по НМР",
                "заместитель директора по АХР",
            ],
            Self::Subjects => &[
                "русский язык",
                "литературное чтение",
                "литература",
                "родной язык и литература",
                "иностранный язык (английский)",
                "иностранный язык (немецкий)",
                "иностранный язык (французский)",
                "иностранный язык (китайский)",
                "математика",
                "алгебра",
                "геометрия",
                "вероятность и статистика",
                "информатика",
                "история",
                "обществознание",
                "география",
                "окружающий мир",
                "биология",
                "физика",
                "химия",
                "изобразительное искусство",
                "музыка",
                "труд (технология)",
                "физическая культура",
                "ОБЗР",
                "ОРКСЭ",
                "ОДНКНР",
                "начальные классы",
            ],
            Self::Providers => &[
                "региональный институт развития образования (ИРО)",
                "ЦНППМ",
                "Академия Минпросвещения России",
                "педагогический университет",
                "другое",
            ],
            Self::Levels => {
                &["школьный", "муниципальный", "региональный", "межрегиональный", "всероссийский", "международный"]
            }
            Self::ContestResults => &["участник", "лауреат", "призёр", "победитель"],
            Self::Clusters => &[
                "СОШ",
                "ООШ",
                "НОШ",
                "гимназия",
                "лицей",
                "СОШ с углублённым изучением предметов",
                "малокомплектная школа (МКШ)",
                "УМКШ",
                "другое",
            ],
            Self::Deficits => &[
                "предметные",
                "методические",
                "психолого-педагогические",
                "коммуникативные",
                "цифровые",
                "воспитательные",
                "оценочные",
            ],
            Self::MentoringForms => &[
                "учитель – учитель",
                "руководитель – педагог",
                "педагог – молодой специалист",
                "учитель – ученик",
                "студент – ученик",
            ],
            Self::ExpertRoles => &[
                "эксперт предметной комиссии ГИА",
                "эксперт конкурсных материалов",
                "член аттестационной комиссии",
                "член жюри олимпиады",
                "эксперт по аттестации",
            ],
        }
    }
}
