//! The login's records: attempts reserved and counted, challenges, sessions.

use super::Millis;
use crate::domain::lockout::UserStatus;
use crate::domain::masked_password::PasswordRecord;
use crate::domain::user::{AuthTool, Flow};

/// What reserving an attempt (R7) came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reservation {
    /// One attempt is now held for this check.
    Reserved,
    /// The user (or decoy) is blocked.
    Blocked,
    /// Not blocked, but every attempt left is held by a check still running.
    Busy,
    /// The user's status no longer calls for the challenge's flow (or the user is gone).
    Mismatch,
    /// The user is suspended (issue 15): nothing reserved, nothing to count.
    Suspended,
}

/// What a credential failure did to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailureOutcome {
    pub status: UserStatus,
    pub attempts_left: i64,
}

/// What a successful login changes besides resetting the counter.
#[derive(Clone)]
pub struct LoginSuccess {
    /// The flow of the challenge: the success holds only while the user's status still
    /// calls for it (`domain::lockout::statuses_for`).
    pub flow: Flow,
    /// A new permanent password (first login, new-password flow).
    pub new_password: Option<PasswordRecord>,
}

/// A login challenge between step 1 and step 2.
#[derive(Debug, Clone)]
pub struct ChallengeRecord {
    pub id: String,
    /// `None` for a challenge handed to an unknown login (no enumeration).
    pub user_id: Option<i64>,
    pub flow: Flow,
    pub otp_method: AuthTool,
    pub positions: Option<String>,
    pub sms_code_digest: Option<Vec<u8>>,
    /// For a decoy: the key its failures are counted under (see `record_decoy_failure`).
    pub decoy_key: Option<String>,
    /// SMS challenges: the challenge whose message carried the code (itself, or an
    /// earlier one whose live code this one re-uses); the code's digest is keyed by it.
    pub sms_ref: Option<String>,
    pub created_at: Millis,
    pub expires_at: Millis,
}

impl ChallengeRecord {
    /// The login a challenge belongs to, as the start policy counts it.
    pub fn subject(&self) -> String {
        match (self.user_id, &self.decoy_key) {
            (Some(id), _) => format!("user:{id}"),
            (None, Some(key)) => format!("decoy:{key}"),
            (None, None) => "none".to_owned(),
        }
    }
}

/// What step 1 came to under the start policy (`domain::login_start`).
#[derive(Debug, Clone)]
pub enum Opened {
    /// The challenge was stored (with pinned positions, and a re-used code's `sms_ref`,
    /// digest and end where it points to an earlier SMS); `send_code`: its own code is
    /// to be sent now.
    Stored { send_code: bool },
    /// Too many challenges are open: the newest of them, handed out again.
    Existing(ChallengeRecord),
    /// No new SMS code before `until`; `budget`: the bank-wide budget is spent (the
    /// breaker is open), not this login's own limit.
    Wait { until: Millis, budget: bool },
}

#[derive(Debug, Clone)]
pub struct SessionRecord {
    pub user_id: i64,
    pub created_at: Millis,
    pub last_seen_at: Millis,
    pub idle_timeout_ms: i64,
    pub absolute_expires_at: Millis,
}
