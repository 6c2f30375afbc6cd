//! The records of a user's timeline (issue 15): login attempts in their own table, the
//! co-users who could help. Kept apart from the audit, which records administrative
//! actions; the history route interleaves the two.

use super::Millis;
use crate::domain::login_attempt::{AttemptOutcome, FailedFactors};
use crate::domain::user::Flow;

/// One step 2 of a known user's login, as the server saw it. Never what was typed.
#[derive(Debug, Clone)]
pub struct LoginAttempt {
    pub at: Millis,
    pub user_id: i64,
    /// The client's address (`server::client_ip`).
    pub source: Option<String>,
    /// The User-Agent, cleaned (`domain::login_attempt::clean_client`).
    pub client: Option<String>,
    /// The flow of the challenge answered: `login`, `first_login`, `new_password`.
    pub flow: Flow,
    pub outcome: AttemptOutcome,
    /// For a failure: which factors were wrong. Empty otherwise.
    pub failed: FailedFactors,
    /// Attempts left after this one, where it counted.
    pub attempts_left: Option<i64>,
}

/// A stored attempt and its id (ties of `at` are ordered by id).
#[derive(Debug, Clone)]
pub struct StoredLoginAttempt {
    pub id: i64,
    pub attempt: LoginAttempt,
}

/// Active co-users of a MilleKod, other than one user: the first few by login, and
/// how many there are in all.
#[derive(Debug, Clone, Default)]
pub struct CoUsers {
    /// (login, name)
    pub first: Vec<(String, String)>,
    pub total: i64,
}
