//! A change a screen sent to the session and the outcome it waits for (see `app::commands`): the
//! screen sends with [`Pending::send`] and takes the outcome at the start of a later frame with
//! [`Pending::take`], together with what it meant to do then (close a form, say what was done).

use crate::app::{AppError, Command, Done, Session, Ticket};

/// At most one change in flight per screen, with `A`: what to do with its outcome.
pub struct Pending<A>(Option<(Ticket, A)>);

impl<A> Default for Pending<A> {
    fn default() -> Self {
        Self(None)
    }
}

impl<A> Pending<A> {
    /// Sends `command`; `after` comes back with its outcome.
    pub fn send(&mut self, session: &mut Session, command: Command, after: A) {
        self.0 = Some((session.send(command), after));
    }

    /// Whether a change waits for its outcome.
    pub fn waiting(&self) -> bool {
        self.0.is_some()
    }

    /// The outcome, once the change is applied, with what the screen meant to do then.
    pub fn take(&mut self, session: &mut Session) -> Option<(A, Result<Done, AppError>)> {
        let outcome = session.outcome(self.0.as_ref()?.0)?;
        self.0.take().map(|(_, after)| (after, outcome))
    }
}
