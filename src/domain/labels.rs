//! Closed lists of the domain (enums) with their Russian labels. Open lists that users edit (positions,
//! subjects, providers …) are dictionaries, see [`crate::domain::dictionaries`].

use serde::{Deserialize, Serialize};

macro_rules! labelled_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $label:literal,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vdoc])* $variant,)* }

        impl $name {
            /// Every value, in the order the user sees them.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The Russian label shown to the user.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)* }
            }

            /// The value whose label is `text` (case and surrounding spaces ignored).
            pub fn from_label(text: &str) -> Option<Self> {
                let text = text.trim().to_lowercase();
                Self::ALL.iter().copied().find(|v| v.label().to_lowercase() == text)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

labelled_enum! {
    /// What an organisation is; chosen when its database is created.
    OrgRole {
        School => "школа",
        Municipality => "муниципалитет",
        Region => "регион",
    }
}

labelled_enum! {
    /// What an award is (seed 000: «поощрение»; seed 001: «Поощрение тьюторов, наставников, руководителей
    /// РМО, экспертов»; приказ № 196: state and departmental awards and honorary titles also give the
    /// simplified attestation).
    AwardKind {
        State => "государственная награда",
        HonoraryTitle => "почётное звание",
        Departmental => "ведомственная награда",
        Regional => "региональная награда",
        Municipal => "муниципальная награда",
        Encouragement => "поощрение (благодарность, грамота)",
    }
}

labelled_enum! {
    /// The orders the app drafts from the records (issue 25; seed 001's «Документ» column).
    OrderKind {
        DiagnosticResults => "об итогах диагностики профессиональных дефицитов",
        Mentors => "о закреплении наставников",
        Routes => "об утверждении индивидуальных образовательных маршрутов",
        Courses => "о направлении на курсы повышения квалификации",
        EventResults => "об итогах обучающего мероприятия (конкурса)",
        Appointments => "о назначении руководителей РМО, тьюторов, экспертов",
        Effectiveness => "о проведении анализа эффективности принятых мер",
        LetterMonitoring => "письмо о проведении мониторинга",
        LetterEvent => "письмо о направлении на мероприятие",
        Other => "другой",
    }
}

labelled_enum! {
    /// What a teacher is put forward for (seed 001: «списки педагогов для участия в оценке предметных
    /// компетенций», «направление на обучение», конкурсы).
    NominationKind {
        Diagnostic => "диагностика (оценка компетенций)",
        Course => "курсы повышения квалификации",
        Contest => "конкурс",
        Event => "мероприятие",
    }
}

labelled_enum! {
    /// Sex as recorded in staff lists.
    Sex {
        Male => "мужской",
        Female => "женский",
    }
}

labelled_enum! {
    /// Level and orientation of the education received.
    EducationLevel {
        HigherPedagogical => "высшее педагогическое",
        HigherOther => "высшее непедагогическое",
        VocationalPedagogical => "СПО педагогическое",
        VocationalOther => "СПО непедагогическое",
        Other => "другое",
    }
}

impl EducationLevel {
    pub fn is_higher(self) -> bool {
        matches!(self, Self::HigherPedagogical | Self::HigherOther)
    }
    pub fn is_vocational(self) -> bool {
        matches!(self, Self::VocationalPedagogical | Self::VocationalOther)
    }
    pub fn is_pedagogical(self) -> bool {
        matches!(self, Self::HigherPedagogical | Self::VocationalPedagogical)
    }
}

labelled_enum! {
    /// Why an absence keeps a person employed but away.
    AbsenceKind {
        Pregnancy => "беременность",
        Maternity => "отпуск по беременности и родам",
        ChildCare => "отпуск по уходу за ребёнком",
        LongIllness => "длительная болезнь",
        Other => "другое",
    }
}

labelled_enum! {
    /// The result of an attestation: a category, СЗД, or a 2023 qualification.
    Category {
        Highest => "высшая",
        First => "первая",
        PositionConformity => "СЗД",
        Methodist => "педагог-методист",
        Mentor => "педагог-наставник",
    }
}

impl Category {
    /// Высшая and первая are the qualification categories proper; the rest are not.
    pub fn is_category(self) -> bool {
        matches!(self, Self::Highest | Self::First)
    }
}

labelled_enum! {
    /// The body that decided an attestation.
    AttestationBody {
        Regional => "региональная аттестационная комиссия",
        School => "аттестационная комиссия ОО",
    }
}

labelled_enum! {
    /// Kind of a course; the minimum hours differ.
    CourseKind {
        Upgrade => "повышение квалификации",
        Retraining => "профессиональная переподготовка",
        Internship => "стажировка",
    }
}

impl CourseKind {
    /// The least number of hours a course of this kind may have (ПК ≥ 16, переподготовка ≥ 250).
    pub fn min_hours(self) -> u32 {
        match self {
            Self::Upgrade => 16,
            Self::Retraining => 250,
            Self::Internship => 1,
        }
    }
}

labelled_enum! {
    /// How a course was taught.
    CourseForm {
        InPerson => "очно",
        Distance => "дистанционно",
        Blended => "смешанно",
    }
}

labelled_enum! {
    /// Kind of a diagnostic.
    DiagnosticKind {
        Municipal => "муниципальная диагностика",
        RegionalInput => "региональная входная диагностика слушателей КПК",
        SubjectCompetence => "диагностика предметных компетенций ЦНППМ",
        SelfAssessment => "самодиагностика",
        Other => "другое",
    }
}

labelled_enum! {
    /// The level a diagnostic found.
    DiagnosticLevel {
        BelowBasic => "ниже базового",
        Basic => "базовый",
        Advanced => "повышенный",
        High => "высокий",
    }
}

labelled_enum! {
    /// Kind of a route step.
    StepKind {
        Course => "курсы",
        Seminar => "семинар/вебинар",
        Internship => "стажировка",
        SelfStudy => "самообразование",
        LessonVisits => "взаимопосещение уроков",
        OpenLesson => "открытый урок",
        MasterClass => "мастер-класс",
        Mentoring => "наставничество",
        Contest => "конкурс",
        Publication => "публикация",
        Other => "другое",
    }
}

labelled_enum! {
    /// Status of a route step.
    StepStatus {
        Planned => "запланировано",
        Done => "выполнено",
        NotDone => "не выполнено",
        Postponed => "перенесено",
    }
}

labelled_enum! {
    /// Overall status of a route.
    RouteStatus {
        Drafted => "разработан",
        Running => "реализуется",
        Completed => "реализован",
        Failed => "не реализован",
    }
}

labelled_enum! {
    /// Level of a mentor pair.
    MentorshipLevel {
        School => "школьный",
        Municipal => "муниципальный",
    }
}

labelled_enum! {
    /// Level of an event, contest or community.
    Level {
        School => "школьный",
        Municipal => "муниципальный",
        Regional => "региональный",
        Interregional => "межрегиональный",
        National => "всероссийский",
        International => "международный",
    }
}

impl Level {
    /// Regional level or above (the `network_high` indicator).
    pub fn is_regional_or_above(self) -> bool {
        self >= Self::Regional
    }
}

labelled_enum! {
    /// Result of a contest participation.
    ContestResult {
        Participant => "участник",
        Laureate => "лауреат",
        Prizewinner => "призёр",
        Winner => "победитель",
    }
}

labelled_enum! {
    /// Kind of a professional community.
    CommunityKind {
        SchoolAssociation => "ШМО",
        MunicipalAssociation => "РМО/ГМО",
        Network => "сетевое сообщество",
        Association => "ассоциация",
        TutorClub => "тьюторский клуб",
        MethodicalCouncil => "методический совет",
        Other => "другое",
    }
}

labelled_enum! {
    /// Role in a community.
    CommunityRole {
        Member => "участник",
        Leader => "руководитель",
        Tutor => "тьютор",
    }
}

labelled_enum! {
    /// Kind of an event; some kinds feed particular indicators.
    EventKind {
        Seminar => "семинар",
        Conference => "конференция",
        MasterClass => "мастер-класс",
        Festival => "фестиваль",
        Publication => "публикация",
        Talk => "выступление",
        YoungTeacherSchool => "школа молодого педагога",
        BurnoutPrevention => "профилактика профессионального выгорания",
        RecruitmentAssessment => "оценочные процедуры в рекрутинг-центре",
        OpenLesson => "открытый урок",
        /// Attendance at a meeting of a methodological association (entered from the meeting).
        AssociationMeeting => "заседание методического объединения",
        Other => "другое",
    }
}

labelled_enum! {
    /// What the person did at an event.
    EventRole {
        Participant => "участник",
        Speaker => "выступил с докладом",
        MasterClassLeader => "провёл мастер-класс",
        Author => "автор публикации",
        Organizer => "организатор",
    }
}

impl EventRole {
    /// The label agreeing with the person («выступила с докладом» for a woman; the plain label when the
    /// sex is not known).
    pub fn label_for(self, sex: Option<Sex>) -> &'static str {
        match (self, sex) {
            (Self::Speaker, Some(Sex::Female)) => "выступила с докладом",
            (Self::MasterClassLeader, Some(Sex::Female)) => "провела мастер-класс",
            _ => self.label(),
        }
    }

    /// Roles that count as presenting one's experience (`experience_sharing`).
    pub fn shares_experience(self) -> bool {
        matches!(self, Self::Speaker | Self::MasterClassLeader | Self::Author)
    }
}

labelled_enum! {
    /// Status of a reserve entry.
    ReserveStatus {
        Proposed => "предложен",
        Included => "включён в резерв",
        Appointed => "назначен",
        Withdrawn => "исключён",
    }
}

impl ReserveStatus {
    /// The label agreeing with the person («включена в резерв» for a woman).
    pub fn label_for(self, sex: Option<Sex>) -> &'static str {
        match (self, sex) {
            (Self::Proposed, Some(Sex::Female)) => "предложена",
            (Self::Included, Some(Sex::Female)) => "включена в резерв",
            (Self::Appointed, Some(Sex::Female)) => "назначена",
            (Self::Withdrawn, Some(Sex::Female)) => "исключена",
            _ => self.label(),
        }
    }
}

labelled_enum! {
    /// Whom a recommendation is addressed to (seed 000's list).
    Addressee {
        Teachers => "педагогам",
        School => "образовательной организации",
        MethodCentre => "муниципальному методическому центру",
        PsychCentre => "психологическому центру",
        EducationDept => "управлению образования",
    }
}

impl Addressee {
    /// Addressed to a school or its teachers: the recommendation travels to that school.
    pub fn is_school(self) -> bool {
        matches!(self, Self::Teachers | Self::School)
    }
}

labelled_enum! {
    /// The document of a measure or decision (seed 001's «Документ» column).
    DocumentKind {
        Order => "приказ",
        Letter => "письмо",
        Report => "аналитическая справка",
        Plan => "план",
        Protocol => "протокол",
        Other => "другое",
    }
}

impl DocumentKind {
    /// The document as a line: its kind before its name («приказ № 12 от 01.09.2026»), unless the name
    /// already begins with it («План работы РМО» stays as typed, never «план План работы РМО»); «другое»
    /// says nothing of its own.
    pub fn with_name(self, name: &str) -> String {
        let name = name.trim();
        let kind = self.label();
        let folded = super::text::fold(name);
        if self == DocumentKind::Other || folded.starts_with(&super::text::fold(kind)) {
            name.to_string()
        } else if name.is_empty() {
            kind.to_string()
        } else {
            format!("{kind} {name}")
        }
    }
}

impl OrderKind {
    /// A letter of the methodologist (seed 001: «Письмо о проведении мониторинга», «Письмо о направлении на
    /// мероприятие»), printed as a letter, not as an order.
    pub fn is_letter(self) -> bool {
        matches!(self, Self::LetterMonitoring | Self::LetterEvent)
    }
}
