//! The lockout state machine (R7–R10): one idea, its states, its events and their
//! preconditions, which reads best whole (tests in `lockout/tests.rs`).
//!
//! ```text
//!                     wrong data, attempts left          right data
//!                          ┌──────┐                  ┌──────────────┐
//!                          ▼      │                  ▼              │
//!  pending_activation ──► active ─┴─ wrong data, none left ─► blocked
//!        │  first login ▲   ▲                                  │   │
//!        │              │   └──── unblock current_password ────┘   │
//!        │              │         (three more attempts, R9)        │
//!        │              └── new password set ◄── awaiting_new_password
//!        │                                       ▲ unblock new_password (R10)
//!        └─ wrong data, none left ─► blocked ────┘
//!
//!   any of the four ── suspend (HelpDesk, with a reason) ──► suspended
//!   suspended ── release (HelpDesk) ──► the status it was suspended from
//! ```
//!
//! **Suspension** (issue 15) is a block on purpose — a lost token, suspected fraud, an
//! employee who left — not one by failures, so it is a status of its own beside the
//! four: [`suspend`] goes there from any of them and remembers which; [`release_suspension`]
//! goes back to exactly that status with the counts as they were. Why back and not to
//! `blocked` or `active`: a release is not an unblock. Going to `active` would make
//! suspend-then-release an unblock without an unblock's rules (a locked-out user would
//! get a full count); going to `blocked` would make every release of a user who was
//! fine a second call to HelpDesk. Restoring the state leaves the two mechanisms
//! independent: a suspension neither lifts nor adds a lockout. While suspended nothing
//! else moves the status: no unblock lifts it ([`UnblockRefused::Suspended`]), no new
//! password can be required, no attempt is reserved (so a login counts no failure and
//! checks no credential: [`NotReserved::Suspended`]), a failure of a check already
//! running when the suspension landed counts but does not block, and no success lands.

//! One more edge (issue 13): HelpDesk or a co-user can *require* a new password of an
//! active or blocked user ([`require_new_password`]), which leads to
//! `awaiting_new_password` exactly as the R10 unblock does, access password and all.
//!
//! Why the counter works the way it does: a check that is *then* counted lets N parallel
//! guesses all be checked before any is counted. So every attempt first **reserves** one
//! of the attempts left (an atomic `UPDATE … WHERE attempts_left > 0 RETURNING` in the
//! store), then the credentials are checked, then the outcome is recorded. However many
//! requests race, at most `attempts_left` of them ever get their credentials checked.
//! This module holds the policy as data; the store applies it atomically, so every server
//! replica sharing a database agrees (unlike per-server soft-locks).
//!
//! A reservation and its outcome always finish together (the server checks and records
//! in a task that a dropped connection does not cancel). Should a process still die in
//! between, the user is left with no attempts and no block; [`is_locked_out`] counts
//! that as locked out, so an unblock lifts it like any block.
//!
//! **Each transition is stated once, here**, as a pure function of a [`LockoutState`]:
//! [`reserve`], [`failure`], [`release`], [`success`], [`unblocked`],
//! [`password_reset`], [`unblock_undone`], [`password_reset_undone`], [`suspend`] and
//! [`release_suspension`]. The store
//! applies them atomically in SQL (that is why replicas agree): where the outcome does
//! not depend on a count others may be changing, the SQL binds the state these
//! functions compute (`*_target`) and keeps only the precondition in its `WHERE`; where
//! it must count under races (reserve, failure, release, success), the SQL says the
//! same thing in a `CASE` and names the function it implements. A store test drives
//! every transition through the real SQL from every state and compares the row with
//! these functions (`store::sql::lockout_tests`), so the two cannot drift.
//!
//! Every change of a user's state ends their open challenges, and a challenge is only
//! good for the flow the user's *current* state calls for ([`flow_for`]): a challenge
//! started while awaiting a new password cannot set one after the user already did.

use serde::{Deserialize, Serialize};

use crate::domain::user::Flow;

/// Unix milliseconds (as the store keeps times).
type Millis = i64;

/// Attempts granted by "unblock current password" (R9): exactly three.
pub const UNBLOCK_CURRENT_PASSWORD_ATTEMPTS: u8 = 3;
/// Ceiling from the EU RTS on strong customer authentication, Art. 4.
pub const MAX_LOCKOUT_LIMIT: u8 = 5;
pub const DEFAULT_LOCKOUT_LIMIT: u8 = 3;

/// Where a user stands with respect to logging in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum UserStatus {
    /// Has a temporary password from the envelope, never logged in (R6).
    PendingActivation,
    Active,
    /// Too many consecutive failures (R7).
    Blocked,
    /// Unblocked with "new password" (R10): next login sets a new password.
    AwaitingNewPassword,
    /// Blocked on purpose by HelpDesk, with a reason (issue 15); only a release lifts it.
    Suspended,
}

impl UserStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PendingActivation => "pending_activation",
            Self::Active => "active",
            Self::Blocked => "blocked",
            Self::AwaitingNewPassword => "awaiting_new_password",
            Self::Suspended => "suspended",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "pending_activation" => Self::PendingActivation,
            "active" => Self::Active,
            "blocked" => Self::Blocked,
            "awaiting_new_password" => Self::AwaitingNewPassword,
            "suspended" => Self::Suspended,
            _ => return None,
        })
    }
}

/// The two ways of unblocking (R9, R10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnblockMode {
    /// The user remembers the password: three more attempts with it.
    CurrentPassword,
    /// The user forgot it: a one-time access password, then a new password.
    NewPassword,
}

impl UnblockMode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CurrentPassword => "current_password",
            Self::NewPassword => "new_password",
        }
    }
}

/// Consecutive failures allowed before a block: 1..=5, default 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutLimit(u8);

impl LockoutLimit {
    pub fn new(limit: u8) -> Result<Self, String> {
        if (1..=MAX_LOCKOUT_LIMIT).contains(&limit) {
            Ok(Self(limit))
        } else {
            Err(format!(
                "lockout limit must be 1..={MAX_LOCKOUT_LIMIT} (EU RTS on SCA, Art. 4), got {limit}"
            ))
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl Default for LockoutLimit {
    fn default() -> Self {
        Self(DEFAULT_LOCKOUT_LIMIT)
    }
}

/// The login process a user in `status` goes through (R5, R6, R10). A suspended user
/// is handed an ordinary login challenge, like a blocked one, and refused at step 2.
pub fn flow_for(status: UserStatus) -> Flow {
    match status {
        UserStatus::PendingActivation => Flow::FirstLogin,
        UserStatus::AwaitingNewPassword => Flow::NewPassword,
        UserStatus::Active | UserStatus::Blocked | UserStatus::Suspended => Flow::Login,
    }
}

/// The statuses in which a challenge of `flow` may still succeed: those whose flow it
/// is. (A `Login` success also lifts a block that failures racing it just set.)
pub fn statuses_for(flow: Flow) -> &'static [UserStatus] {
    match flow {
        Flow::Login => &[UserStatus::Active, UserStatus::Blocked],
        Flow::FirstLogin => &[UserStatus::PendingActivation],
        Flow::NewPassword => &[UserStatus::AwaitingNewPassword],
    }
}

/// A user locked out by failures: blocked, or with no attempt left to reserve. A
/// suspended user is not (a suspension is not a lockout, and no unblock lifts it).
pub fn is_locked_out(status: UserStatus, attempts_left: i64) -> bool {
    status != UserStatus::Suspended && (status == UserStatus::Blocked || attempts_left <= 0)
}

/// What the user's facts must be for an unblock to make sense.
#[derive(Debug, Clone, Copy)]
pub struct UnblockFacts {
    pub status: UserStatus,
    pub attempts_left: i64,
    pub has_permanent_password: bool,
    pub has_phone: bool,
    pub has_token: bool,
}

/// Why an unblock is refused (a conflict with the user's state, not a permission issue).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnblockRefused {
    #[error("the user is not blocked; nothing to unblock")]
    NotBlocked,
    #[error("the user is suspended by the bank; an unblock does not lift a suspension, a release by HelpDesk does")]
    Suspended,
    #[error(
        "the user has neither a registered mobile number nor a token; add a phone number first"
    )]
    NoAuthorizationTool,
}

/// The state an unblock leads to and the attempts it grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnblockOutcome {
    pub status: UserStatus,
    pub attempts_left: u8,
}

/// Decide an unblock (R9, R10). Only a locked-out user can be unblocked.
pub fn unblock(
    facts: UnblockFacts,
    mode: UnblockMode,
    limit: LockoutLimit,
) -> Result<UnblockOutcome, UnblockRefused> {
    if facts.status == UserStatus::Suspended {
        return Err(UnblockRefused::Suspended);
    }
    if !is_locked_out(facts.status, facts.attempts_left) {
        return Err(UnblockRefused::NotBlocked);
    }
    match mode {
        // A user who never set a permanent password keeps the envelope's temporary one.
        UnblockMode::CurrentPassword => Ok(UnblockOutcome {
            status: if facts.has_permanent_password {
                UserStatus::Active
            } else {
                UserStatus::PendingActivation
            },
            attempts_left: UNBLOCK_CURRENT_PASSWORD_ATTEMPTS,
        }),
        UnblockMode::NewPassword if !(facts.has_phone || facts.has_token) => {
            Err(UnblockRefused::NoAuthorizationTool)
        }
        UnblockMode::NewPassword => Ok(UnblockOutcome {
            status: UserStatus::AwaitingNewPassword,
            attempts_left: limit.get(),
        }),
    }
}

/// Why HelpDesk (or a co-user) cannot require a new password of a user now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordResetRefused {
    #[error("the user has not logged in for the first time yet; that login sets a password")]
    PendingActivation,
    #[error("the user already awaits a new password; nothing to require")]
    AwaitingNewPassword,
    #[error("the user is suspended by the bank; release the suspension first")]
    Suspended,
    #[error(
        "the user has neither a registered mobile number nor a token; add a phone number first"
    )]
    NoAuthorizationTool,
}

/// Decide a required password change (issue 13): the user goes where "unblock new
/// password" (R10) leads — awaiting a new password, with a full count of attempts —
/// whether they were active (their password may be stored under an old scheme, or be
/// suspected known) or blocked. The same one-time access password then goes to them, so
/// the same tool is needed: a mobile number for the SMS, or a token (the access password
/// then comes in a back-office envelope). A user who never logged in sets a password
/// at the first login anyway; one already awaiting a new password has nothing to change.
pub fn require_new_password(
    facts: UnblockFacts,
    limit: LockoutLimit,
) -> Result<UnblockOutcome, PasswordResetRefused> {
    match facts.status {
        UserStatus::PendingActivation => Err(PasswordResetRefused::PendingActivation),
        UserStatus::AwaitingNewPassword => Err(PasswordResetRefused::AwaitingNewPassword),
        UserStatus::Suspended => Err(PasswordResetRefused::Suspended),
        UserStatus::Active | UserStatus::Blocked if !(facts.has_phone || facts.has_token) => {
            Err(PasswordResetRefused::NoAuthorizationTool)
        }
        UserStatus::Active | UserStatus::Blocked => Ok(UnblockOutcome {
            status: UserStatus::AwaitingNewPassword,
            attempts_left: limit.get(),
        }),
    }
}

/// What the lockout rule reads and writes of a user (R7–R10).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutState {
    pub status: UserStatus,
    /// Consecutive failures since the last success or unblock.
    pub failed_attempts: i64,
    /// Attempts that may still be reserved (a reserved one is taken off at once).
    pub attempts_left: i64,
    /// Since when the user is blocked (`None`: not blocked by failures).
    pub blocked_at: Option<Millis>,
}

/// Why no attempt could be reserved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotReserved {
    /// The user is blocked.
    Blocked,
    /// Not blocked, but every attempt left is held by a check still running.
    Busy,
    /// The user's status no longer calls for the challenge's flow.
    Mismatch,
    /// The user is suspended (issue 15): no attempt, no check, no failure counted.
    Suspended,
}

/// Reserve one attempt for a check of a challenge of `flow`, before the check runs.
pub fn reserve(s: LockoutState, flow: Flow) -> Result<LockoutState, NotReserved> {
    let allowed = statuses_for(flow);
    if s.status == UserStatus::Suspended {
        return Err(NotReserved::Suspended);
    }
    if s.attempts_left > 0 && s.status != UserStatus::Blocked && allowed.contains(&s.status) {
        Ok(LockoutState {
            attempts_left: s.attempts_left - 1,
            ..s
        })
    } else if s.status == UserStatus::Blocked {
        Err(NotReserved::Blocked)
    } else if allowed.contains(&s.status) {
        Err(NotReserved::Busy)
    } else {
        Err(NotReserved::Mismatch)
    }
}

/// A failed check (its attempt already reserved): one more failure, and a block when
/// no attempt is left, dated the first time only. A check that was running when a
/// suspension landed counts, but does not turn the suspension into a block.
pub fn failure(s: LockoutState, now: Millis) -> LockoutState {
    let block = s.attempts_left <= 0 && s.status != UserStatus::Suspended;
    LockoutState {
        status: if block { UserStatus::Blocked } else { s.status },
        failed_attempts: s.failed_attempts + 1,
        attempts_left: s.attempts_left,
        blocked_at: if block && s.status != UserStatus::Blocked {
            Some(now)
        } else {
            s.blocked_at
        },
    }
}

/// Give back an attempt reserved for a check that could not be made: never above
/// `limit`, never to a blocked user.
pub fn release(s: LockoutState, limit: i64) -> LockoutState {
    if s.status == UserStatus::Blocked || s.attempts_left >= limit {
        s
    } else {
        LockoutState {
            attempts_left: s.attempts_left + 1,
            ..s
        }
    }
}

/// A successful login of `flow`, only while the user's status still calls for it
/// (`None`: it does not). The count is reset to `limit`; a block that failures racing
/// the success just set is lifted; setting a new password makes the user active.
pub fn success(
    s: LockoutState,
    flow: Flow,
    limit: i64,
    new_password: bool,
) -> Option<LockoutState> {
    if !statuses_for(flow).contains(&s.status) {
        return None;
    }
    Some(LockoutState {
        status: if new_password || s.status == UserStatus::Blocked {
            UserStatus::Active
        } else {
            s.status
        },
        failed_attempts: 0,
        attempts_left: limit,
        blocked_at: None,
    })
}

/// The state an unblock decided by [`unblock`] leads to, whatever the state before.
pub fn unblock_target(status: UserStatus, attempts_left: i64) -> LockoutState {
    LockoutState {
        status,
        failed_attempts: 0,
        attempts_left,
        blocked_at: None,
    }
}

/// Apply an unblock to `s`: only a locked-out user is unblocked (`None`: conflict); a
/// suspended one never is ([`is_locked_out`]).
pub fn unblocked(s: LockoutState, status: UserStatus, attempts_left: i64) -> Option<LockoutState> {
    is_locked_out(s.status, s.attempts_left).then(|| unblock_target(status, attempts_left))
}

/// The statuses a new password can be required of ([`require_new_password`]).
pub const PASSWORD_RESETTABLE: &[UserStatus] = &[UserStatus::Active, UserStatus::Blocked];

/// The state a required password change leads to, whatever the state before.
pub fn password_reset_target(attempts_left: i64) -> LockoutState {
    LockoutState {
        status: UserStatus::AwaitingNewPassword,
        failed_attempts: 0,
        attempts_left,
        blocked_at: None,
    }
}

/// Apply a required password change to `s` (`None`: the status no longer allows it).
pub fn password_reset(s: LockoutState, attempts_left: i64) -> Option<LockoutState> {
    PASSWORD_RESETTABLE
        .contains(&s.status)
        .then(|| password_reset_target(attempts_left))
}

/// Undoing a "new password" unblock or a required password change: only while the
/// user still awaits the new password it set (the store also checks it is still the
/// same access password, which nobody has seen).
pub const UNDOABLE: UserStatus = UserStatus::AwaitingNewPassword;

/// The state undoing a "new password" unblock leads to: blocked again, with the
/// counts it had.
pub fn unblock_undone_target(before: LockoutState) -> LockoutState {
    LockoutState {
        status: UserStatus::Blocked,
        ..before
    }
}

/// Undo a "new password" unblock whose access password could not be sent.
pub fn unblock_undone(s: LockoutState, before: LockoutState) -> Option<LockoutState> {
    (s.status == UNDOABLE).then(|| unblock_undone_target(before))
}

/// Undo a required password change whose access password could not be sent: back to
/// the state it left.
pub fn password_reset_undone(s: LockoutState, before: LockoutState) -> Option<LockoutState> {
    (s.status == UNDOABLE).then_some(before)
}

/// Why a suspension cannot be placed or released (a conflict with the user's state).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SuspensionRefused {
    #[error("the user is suspended already; release the suspension first to change its reason")]
    AlreadySuspended,
    #[error("the user is not suspended; nothing to release")]
    NotSuspended,
}

/// Who suspended a user, when and why, and the status a release returns them to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suspension {
    pub at: Millis,
    /// How the audit names who did it, e.g. `operator:helpdesk`.
    pub by: String,
    pub reason: String,
    /// The status the user was suspended from.
    pub returns_to: UserStatus,
}

/// Suspend (issue 15), from any status but suspended: the status becomes `suspended`,
/// the counts stay as they are, and the status left is what a release returns to.
pub fn suspend(s: LockoutState) -> Result<(LockoutState, UserStatus), SuspensionRefused> {
    if s.status == UserStatus::Suspended {
        return Err(SuspensionRefused::AlreadySuspended);
    }
    let suspended = LockoutState {
        status: UserStatus::Suspended,
        ..s
    };
    Ok((suspended, s.status))
}

/// Release a suspension: back to the status it was placed on (`returns_to`), counts
/// untouched — a blocked user stays blocked, an active one is active again.
pub fn release_suspension(
    s: LockoutState,
    returns_to: UserStatus,
) -> Result<LockoutState, SuspensionRefused> {
    if s.status != UserStatus::Suspended {
        return Err(SuspensionRefused::NotSuspended);
    }
    // A remembered `suspended` cannot be (suspend refuses a suspended user); were a
    // row ever to hold it, the safe state to land in is blocked.
    let status = match returns_to {
        UserStatus::Suspended => UserStatus::Blocked,
        other => other,
    };
    Ok(LockoutState { status, ..s })
}

#[cfg(test)]
mod tests;
