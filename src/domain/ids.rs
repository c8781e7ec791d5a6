//! Typed identifiers. Every record kind has its own newtype over a UUID, made where the record is born
//! (`new()`), so that a course id can never be passed where a person id is expected.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

macro_rules! typed_id {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh random id for a record being created now.
            #[allow(clippy::new_without_default)]
            pub fn new() -> Self {
                Self(Uuid::new_v4())
            }

            /// Parses the hyphenated text form used in the database and on the command line.
            pub fn parse(text: &str) -> Option<Self> {
                Uuid::parse_str(text).ok().map(Self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

typed_id! {
    /// A school, a municipality or a region.
    OrgId;
    /// A person (работник).
    PersonId;
    /// An employment period (период работы).
    EmploymentId;
    /// An absence that keeps the person employed.
    AbsenceId;
    /// The yearly assignment (тарификация) of a person.
    AssignmentId;
    /// An attestation decision.
    AttestationId;
    /// A course, retraining or internship.
    CourseId;
    /// A diagnostic of professional deficits.
    DiagnosticId;
    /// An individual educational route (ИОМ).
    RouteId;
    /// One step of a route.
    RouteStepId;
    /// A mentor pair.
    MentorshipId;
    /// A contest participation.
    ContestId;
    /// An expert-work record.
    ExpertWorkId;
    /// A community membership.
    CommunityId;
    /// An event participation.
    EventId;
    /// A vacancy.
    VacancyId;
    /// A reserve entry (кадровый резерв).
    ReserveId;
    /// A target value of an indicator for a school year.
    TargetId;
    /// An indicator measured outside the records, entered by the user.
    EnteredIndicatorId;
    /// A goal of the monitoring cycle.
    GoalId;
    /// A finding of the analysis.
    FindingId;
    /// A line of the monitoring schedule.
    ScheduleItemId;
    /// An award, honorary title or encouragement of a person.
    AwardId;
    /// A teacher's request for a direction of professional development.
    RequestId;
    /// A practice of the bank of successful practices.
    PracticeId;
    /// A risk of the development programme with its mitigation.
    RiskId;
    /// An order (приказ) drafted from the records and signed.
    OrderId;
    /// A methodological association (ШМО, РМО …).
    AssociationId;
    /// A meeting of an association.
    MeetingId;
    /// A teacher put forward for a diagnostic, a course, a contest or an event.
    NominationId;
    /// An addressed recommendation.
    RecommendationId;
    /// A measure (мероприятие) of the cycle.
    MeasureId;
    /// A management decision.
    DecisionId;
    /// The analysis of a measure's effect.
    EffectId;
    /// Records entered together for many people at once (a seminar, a course for a group).
    GroupId;
}
