//! Changes the screens ask for. A screen does not write: it queues a [`Command`] with
//! [`Session::send`] and gets a [`Ticket`]; the window applies the whole queue once per frame, after
//! every screen has drawn ([`Session::apply_queued`]), so that no frame shows data half before and half
//! after a change; in the next frame the screen takes its outcome with [`Session::outcome`] and closes
//! its form or shows the message. The command line and the tests call the same use cases directly.

use super::new_teacher::{NewTeacher, Problems};
use super::{AppError, Session};
use crate::domain::dictionaries::Dictionary;
use crate::domain::{AnyRecord, EnteredIndicator, Organisation, PersonId, RecordKind, RuleSettings, SchoolYear};
use std::collections::HashMap;

/// One change to the open database, as a screen asks for it.
#[derive(Debug)]
pub enum Command {
    /// Writes one record (new or changed), described in the history as `what`.
    Put { what: String, record: AnyRecord },
    /// Writes several records as one action (one undo).
    PutMany { what: String, records: Vec<AnyRecord> },
    /// Writes several records as one action after a backup of the whole database (a bulk change).
    BackupThenPutMany { what: String, records: Vec<AnyRecord> },
    /// Writes some records and deletes others as one action (one undo): a meeting's attendance.
    Change { what: String, puts: Vec<AnyRecord>, deletes: Vec<(RecordKind, uuid::Uuid)> },
    /// Deletes one record.
    Delete { what: String, kind: RecordKind, id: uuid::Uuid },
    /// Deletes a person with every record about them, as one action.
    DeletePerson(PersonId),
    /// Undoes an action of the history.
    Undo(i64),
    /// Saves an indicator entered by hand.
    SaveEntered(EnteredIndicator),
    /// Sets (or, with `None`, removes) this organisation's target for an indicator and a year.
    SetTarget { indicator: String, year: SchoolYear, value: Option<f64> },
    /// Saves the rules' thresholds.
    SetRuleSettings(RuleSettings),
    /// Adds a teacher from the one form.
    AddTeacher(Box<NewTeacher>),
    /// Saves the organisation's own profile.
    SetProfile(Box<Organisation>),
    /// Replaces a reference list.
    SetDictionary { dictionary: Dictionary, values: Vec<String> },
}

/// What an applied command did.
#[derive(Debug, PartialEq)]
pub enum Done {
    /// The change is written.
    Written,
    /// The new teacher is written with this id.
    Teacher(PersonId),
    /// Nothing is written: the new teacher's form has these problems, field by field.
    Refused(Problems),
}

/// Names a command's outcome for the screen that sent it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ticket(u64);

/// The queue of a session: commands waiting for the end of the frame, and the outcomes of those
/// applied at the end of the last one.
#[derive(Default)]
pub struct Queue {
    next: u64,
    waiting: Vec<(Ticket, Command)>,
    outcomes: HashMap<Ticket, Result<Done, AppError>>,
}

impl Session {
    /// Queues `command` for the end of the frame.
    pub fn send(&mut self, command: Command) -> Ticket {
        self.queue.next += 1;
        let ticket = Ticket(self.queue.next);
        self.queue.waiting.push((ticket, command));
        ticket
    }

    /// Whether commands are waiting.
    pub fn has_queued(&self) -> bool {
        !self.queue.waiting.is_empty()
    }

    /// Applies the waiting commands in the order they were sent, each in its own transaction; their
    /// outcomes wait for the next frame (an outcome nobody took in that frame — its screen was closed —
    /// is dropped). Returns how many were applied.
    pub fn apply_queued(&mut self) -> usize {
        self.queue.outcomes.clear();
        let waiting = std::mem::take(&mut self.queue.waiting);
        let applied = waiting.len();
        for (ticket, command) in waiting {
            let outcome = self.apply(command);
            self.queue.outcomes.insert(ticket, outcome);
        }
        applied
    }

    /// The outcome of the command sent with `ticket`, once it is applied (taken once).
    pub fn outcome(&mut self, ticket: Ticket) -> Option<Result<Done, AppError>> {
        self.queue.outcomes.remove(&ticket)
    }

    /// Applies one command now.
    pub fn apply(&mut self, command: Command) -> Result<Done, AppError> {
        let written = |r: Result<(), crate::storage::StorageError>| r.map(|()| Done::Written).map_err(AppError::from);
        match command {
            Command::Put { what, record } => written(self.put(&what, record)),
            Command::PutMany { what, records } => written(self.put_many(&what, records)),
            Command::BackupThenPutMany { what, records } => written(self.backup_then_put_many(&what, records)),
            Command::Change { what, puts, deletes } => written(self.change(&what, puts, deletes)),
            Command::Delete { what, kind, id } => written(self.delete(&what, kind, id)),
            Command::DeletePerson(person) => written(self.delete_person(person)),
            Command::Undo(action) => written(self.undo(action)),
            Command::SaveEntered(e) => written(self.save_entered(e)),
            Command::SetTarget { indicator, year, value } => written(self.set_target(&indicator, year, value)),
            Command::SetRuleSettings(settings) => written(self.set_rule_settings(&settings)),
            Command::SetProfile(org) => written(self.set_profile(*org)),
            Command::SetDictionary { dictionary, values } => written(self.set_dictionary(dictionary, &values)),
            Command::AddTeacher(form) => Ok(match self.add_teacher(&form)? {
                Ok(id) => Done::Teacher(id),
                Err(problems) => Done::Refused(problems),
            }),
        }
    }
}
