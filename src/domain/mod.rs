//! The ground floor: plain Rust types and rules. No egui, no rusqlite, no file system, no clock —
//! today's date is always passed in.

pub mod associations;
pub mod attention;
pub mod cycle;
pub mod dataset;
pub mod dates;
pub mod dictionaries;
pub mod diff;
pub mod ids;
pub mod indicators;
pub mod kinds;
pub mod labels;
pub mod nominations;
pub mod oo1;
pub mod orders;
pub mod plans;
pub mod records;
pub mod ru;
pub mod rules;
pub mod text;
pub mod validation;

pub use dataset::{Dataset, PersonIndex, PersonRecords, PersonState};
pub use dates::{Period, SchoolYear, fmt_date, parse_date};
pub use ids::*;
pub use kinds::{AnyRecord, RecordKind};
pub use labels::*;
pub use records::*;
pub use rules::RuleSettings;
pub use validation::{FieldError, validate};
