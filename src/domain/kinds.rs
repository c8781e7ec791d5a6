//! Every record kind in one enum, so that storage, history and exchange handle records generically.

use super::ids::*;
use super::records::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! record_kinds {
    ($($variant:ident($ty:ty) => $table:literal, $label:literal;)*) => {
        /// A kind of record; `table()` is its table in the database.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum RecordKind { $($variant,)* }

        impl RecordKind {
            pub const ALL: &'static [RecordKind] = &[$(RecordKind::$variant,)*];

            /// The table that holds records of this kind.
            pub fn table(self) -> &'static str {
                match self { $(RecordKind::$variant => $table,)* }
            }

            /// The Russian name of the kind, for history and messages.
            pub fn label(self) -> &'static str {
                match self { $(RecordKind::$variant => $label,)* }
            }

            pub fn from_table(table: &str) -> Option<Self> {
                match table { $($table => Some(RecordKind::$variant),)* _ => None }
            }
        }

        /// Any record, tagged with its kind.
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[serde(tag = "kind", content = "record", rename_all = "snake_case")]
        pub enum AnyRecord { $($variant($ty),)* }

        impl AnyRecord {
            pub fn kind(&self) -> RecordKind {
                match self { $(AnyRecord::$variant(_) => RecordKind::$variant,)* }
            }

            /// The record's id as a plain UUID.
            pub fn uuid(&self) -> Uuid {
                match self { $(AnyRecord::$variant(r) => r.id.0,)* }
            }

            /// The record's fields as JSON (without the kind tag), as stored in the database.
            pub fn to_json(&self) -> serde_json::Value {
                match self { $(AnyRecord::$variant(r) => serde_json::to_value(r).unwrap_or_default(),)* }
            }

            /// Reads a record of `kind` from its stored JSON.
            pub fn from_json(kind: RecordKind, value: serde_json::Value) -> Result<Self, serde_json::Error> {
                Ok(match kind { $(RecordKind::$variant => AnyRecord::$variant(serde_json::from_value(value)?),)* })
            }

            /// Reads a record of `kind` from its stored JSON text, straight into the record (going through
            /// a `serde_json::Value` first took twice as long to load a regional copy).
            pub fn from_json_text(kind: RecordKind, text: &str) -> Result<Self, serde_json::Error> {
                Ok(match kind { $(RecordKind::$variant => AnyRecord::$variant(serde_json::from_str(text)?),)* })
            }
        }

        $(impl From<$ty> for AnyRecord {
            fn from(r: $ty) -> Self { AnyRecord::$variant(r) }
        })*
    };
}

record_kinds! {
    Organisation(Organisation) => "organisation", "организация";
    Person(Person) => "person", "работник";
    Employment(Employment) => "employment", "период работы";
    Absence(Absence) => "absence", "отсутствие";
    Assignment(Assignment) => "assignment", "тарификация";
    Attestation(Attestation) => "attestation", "аттестация";
    Course(Course) => "course", "курсы";
    Diagnostic(Diagnostic) => "diagnostic", "диагностика";
    Route(Route) => "route", "ИОМ";
    Mentorship(Mentorship) => "mentorship", "наставничество";
    Contest(Contest) => "contest", "конкурс";
    ExpertWork(ExpertWork) => "expert_work", "экспертная деятельность";
    Community(Community) => "community", "сообщество";
    Event(Event) => "event", "мероприятие";
    Vacancy(Vacancy) => "vacancy", "вакансия";
    Reserve(Reserve) => "reserve", "кадровый резерв";
    Target(Target) => "target", "целевое значение";
    EnteredIndicator(EnteredIndicator) => "entered_indicator", "введённый показатель";
    Goal(Goal) => "goal", "цель";
    Finding(Finding) => "finding", "вывод анализа";
    Recommendation(Recommendation) => "recommendation", "адресная рекомендация";
    Measure(Measure) => "measure", "мера (мероприятие)";
    Decision(Decision) => "decision", "управленческое решение";
    Effect(Effect) => "effect", "анализ эффективности";
    ScheduleItem(ScheduleItem) => "schedule_item", "пункт графика мониторинга";
    Award(Award) => "award", "награда, поощрение";
    Request(Request) => "request", "запрос педагога";
    Practice(Practice) => "practice", "успешная практика";
    Risk(Risk) => "risk", "риск";
    Order(Order) => "order_document", "приказ";
    Association(Association) => "association", "методическое объединение";
    Meeting(Meeting) => "meeting", "заседание методического объединения";
    Nomination(Nomination) => "nomination", "выдвижение на участие";
}

impl AnyRecord {
    /// The organisation that authored the record (an organisation authors itself).
    pub fn author(&self) -> OrgId {
        match self {
            AnyRecord::Organisation(r) => r.id,
            AnyRecord::Person(r) => r.author,
            AnyRecord::Employment(r) => r.author,
            AnyRecord::Absence(r) => r.author,
            AnyRecord::Assignment(r) => r.author,
            AnyRecord::Attestation(r) => r.author,
            AnyRecord::Course(r) => r.author,
            AnyRecord::Diagnostic(r) => r.author,
            AnyRecord::Route(r) => r.author,
            AnyRecord::Mentorship(r) => r.author,
            AnyRecord::Contest(r) => r.author,
            AnyRecord::ExpertWork(r) => r.author,
            AnyRecord::Community(r) => r.author,
            AnyRecord::Event(r) => r.author,
            AnyRecord::Vacancy(r) => r.author,
            AnyRecord::Reserve(r) => r.author,
            AnyRecord::Target(r) => r.author,
            AnyRecord::EnteredIndicator(r) => r.author,
            AnyRecord::Goal(r) => r.author,
            AnyRecord::Finding(r) => r.author,
            AnyRecord::Recommendation(r) => r.author,
            AnyRecord::Measure(r) => r.author,
            AnyRecord::Decision(r) => r.author,
            AnyRecord::Effect(r) => r.author,
            AnyRecord::ScheduleItem(r) => r.author,
            AnyRecord::Award(r) => r.author,
            AnyRecord::Request(r) => r.author,
            AnyRecord::Practice(r) => r.author,
            AnyRecord::Risk(r) => r.author,
            AnyRecord::Order(r) => r.author,
            AnyRecord::Association(r) => r.author,
            AnyRecord::Meeting(r) => r.author,
            AnyRecord::Nomination(r) => r.author,
        }
    }

    /// The person the record is about (the mentee for a mentor pair); none for organisations and
    /// vacancies.
    pub fn person(&self) -> Option<PersonId> {
        match self {
            AnyRecord::Organisation(_)
            | AnyRecord::Vacancy(_)
            | AnyRecord::Target(_)
            | AnyRecord::EnteredIndicator(_)
            | AnyRecord::Goal(_)
            | AnyRecord::Finding(_)
            | AnyRecord::Recommendation(_)
            | AnyRecord::Measure(_)
            | AnyRecord::Decision(_)
            | AnyRecord::Effect(_)
            | AnyRecord::ScheduleItem(_)
            | AnyRecord::Risk(_)
            | AnyRecord::Order(_)
            | AnyRecord::Association(_)
            | AnyRecord::Meeting(_) => None,
            AnyRecord::Nomination(r) => Some(r.person),
            AnyRecord::Award(r) => Some(r.person),
            AnyRecord::Request(r) => Some(r.person),
            AnyRecord::Practice(r) => Some(r.person),
            AnyRecord::Person(r) => Some(r.id),
            AnyRecord::Employment(r) => Some(r.person),
            AnyRecord::Absence(r) => Some(r.person),
            AnyRecord::Assignment(r) => Some(r.person),
            AnyRecord::Attestation(r) => Some(r.person),
            AnyRecord::Course(r) => Some(r.person),
            AnyRecord::Diagnostic(r) => Some(r.person),
            AnyRecord::Route(r) => Some(r.person),
            AnyRecord::Mentorship(r) => Some(r.mentee),
            AnyRecord::Contest(r) => Some(r.person),
            AnyRecord::ExpertWork(r) => Some(r.person),
            AnyRecord::Community(r) => Some(r.person),
            AnyRecord::Event(r) => Some(r.person),
            AnyRecord::Reserve(r) => Some(r.person),
        }
    }

    /// The organisation an organisation-level record is for (targets, entered indicators, the cycle).
    pub fn org(&self) -> Option<OrgId> {
        match self {
            AnyRecord::Target(r) => Some(r.org),
            AnyRecord::EnteredIndicator(r) => Some(r.org),
            AnyRecord::Goal(r) => Some(r.org),
            AnyRecord::Finding(r) => Some(r.org),
            AnyRecord::Recommendation(r) => Some(r.org),
            AnyRecord::Measure(r) => Some(r.org),
            AnyRecord::Decision(r) => Some(r.org),
            AnyRecord::Effect(r) => Some(r.org),
            AnyRecord::ScheduleItem(r) => Some(r.org),
            AnyRecord::Risk(r) => Some(r.org),
            AnyRecord::Order(r) => Some(r.org),
            AnyRecord::Association(r) => Some(r.org),
            AnyRecord::Meeting(r) => Some(r.org),
            _ => None,
        }
    }

    /// The same record naming other people and another organisation: `people` maps a person to the one
    /// who takes their place, `org` an organisation to its successor (a school's new database taking the
    /// place of a lost one). `None` when the record names none of them.
    pub fn relinked(
        &self,
        org: (OrgId, OrgId),
        people: &std::collections::HashMap<PersonId, PersonId>,
    ) -> Option<Self> {
        let mut r = self.clone();
        let mut changed = false;
        let mut swap = |p: &mut PersonId| {
            if let Some(new) = people.get(p) {
                *p = *new;
                changed = true;
            }
        };
        match &mut r {
            AnyRecord::Employment(x) => swap(&mut x.person),
            AnyRecord::Absence(x) => swap(&mut x.person),
            AnyRecord::Assignment(x) => swap(&mut x.person),
            AnyRecord::Attestation(x) => swap(&mut x.person),
            AnyRecord::Course(x) => swap(&mut x.person),
            AnyRecord::Diagnostic(x) => swap(&mut x.person),
            AnyRecord::Route(x) => swap(&mut x.person),
            AnyRecord::Mentorship(x) => {
                swap(&mut x.mentee);
                if let Some(m) = x.mentor.as_mut() {
                    swap(m);
                }
            }
            AnyRecord::Contest(x) => swap(&mut x.person),
            AnyRecord::ExpertWork(x) => swap(&mut x.person),
            AnyRecord::Community(x) => swap(&mut x.person),
            AnyRecord::Event(x) => swap(&mut x.person),
            AnyRecord::Reserve(x) => swap(&mut x.person),
            AnyRecord::Award(x) => swap(&mut x.person),
            AnyRecord::Request(x) => swap(&mut x.person),
            AnyRecord::Practice(x) => swap(&mut x.person),
            AnyRecord::Nomination(x) => swap(&mut x.person),
            AnyRecord::Organisation(_) | AnyRecord::Person(_) | AnyRecord::Vacancy(_) => {}
            AnyRecord::Target(_)
            | AnyRecord::EnteredIndicator(_)
            | AnyRecord::Goal(_)
            | AnyRecord::Finding(_)
            | AnyRecord::Recommendation(_)
            | AnyRecord::Measure(_)
            | AnyRecord::Decision(_)
            | AnyRecord::Effect(_)
            | AnyRecord::ScheduleItem(_)
            | AnyRecord::Risk(_)
            | AnyRecord::Order(_)
            | AnyRecord::Association(_)
            | AnyRecord::Meeting(_) => {}
        }
        let of = match &mut r {
            AnyRecord::Target(x) => Some(&mut x.org),
            AnyRecord::EnteredIndicator(x) => Some(&mut x.org),
            AnyRecord::Goal(x) => Some(&mut x.org),
            AnyRecord::Finding(x) => Some(&mut x.org),
            AnyRecord::Recommendation(x) => Some(&mut x.org),
            AnyRecord::Measure(x) => Some(&mut x.org),
            AnyRecord::Decision(x) => Some(&mut x.org),
            AnyRecord::Effect(x) => Some(&mut x.org),
            AnyRecord::ScheduleItem(x) => Some(&mut x.org),
            AnyRecord::Risk(x) => Some(&mut x.org),
            AnyRecord::Order(x) => Some(&mut x.org),
            AnyRecord::Association(x) => Some(&mut x.org),
            AnyRecord::Meeting(x) => Some(&mut x.org),
            _ => None,
        };
        if let Some(o) = of
            && *o == org.0
        {
            *o = org.1;
            changed = true;
        }
        changed.then_some(r)
    }

    /// A second person the record points at (the mentor of a pair).
    pub fn other_person(&self) -> Option<PersonId> {
        match self {
            AnyRecord::Mentorship(r) => r.mentor,
            _ => None,
        }
    }
}
