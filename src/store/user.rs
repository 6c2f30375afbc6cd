//! Users as the store keeps them: the row, a user to create, the shapes decoys are
//! drawn from, and the administrative changes applied to a row.

use super::Millis;
use crate::domain::ids::{Login, MilleKod, UserUid};
use crate::domain::lockout::UserStatus;
use crate::domain::masked_password::PasswordRecord;
use crate::domain::phone::PhoneNumber;
use crate::domain::user::AuthTool;

/// Operators are bank staff outside any MilleKod (R1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserKind {
    Operator,
    CompanyUser,
}

/// A user row as the server needs it: the user (the same facts a [`NewUser`] is
/// created with, as they are now) and what only a stored row has. Holds secrets in
/// protected form only.
///
/// Why one core and not two near-twins: a field added to users is added once, and a
/// row can never hold a fact a new user cannot be created with. The row reads through
/// to its user (`record.status`, via `Deref`), since nearly every use reads the user's
/// facts; the stored-only fields are named on the row itself.
#[derive(Clone)]
pub struct UserRecord {
    pub id: i64,
    pub user: NewUser,
    pub token_last_step: Option<i64>,
    pub pending_positions: Option<String>,
    pub last_login_at: Option<Millis>,
    /// When the phone number last changed (`None`: not since it was provisioned).
    pub phone_changed_at: Option<Millis>,
    /// Who suspended the user, when, why, and what a release returns to (issue 15):
    /// present exactly while the status is `suspended`.
    pub suspension: Option<crate::domain::lockout::Suspension>,
}

impl std::ops::Deref for UserRecord {
    type Target = NewUser;

    fn deref(&self) -> &NewUser {
        &self.user
    }
}

impl UserRecord {
    /// What the lockout rule (`domain::lockout`) reads of the user.
    pub fn lockout_state(&self) -> crate::domain::lockout::LockoutState {
        crate::domain::lockout::LockoutState {
            status: self.status,
            failed_attempts: self.failed_attempts,
            attempts_left: self.attempts_left,
            blocked_at: self.blocked_at,
        }
    }

    /// What an unblock decision (`domain::lockout::unblock`) needs to know of the user.
    pub fn unblock_facts(&self) -> crate::domain::lockout::UnblockFacts {
        crate::domain::lockout::UnblockFacts {
            status: self.status,
            attempts_left: self.attempts_left,
            has_permanent_password: self.password.is_some(),
            has_phone: self.phone.is_some(),
            has_token: self.token_seed_sealed.is_some(),
        }
    }
}

impl std::fmt::Debug for UserRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserRecord")
            .field("id", &self.id)
            .field("millekod", &self.millekod)
            .field("login", &self.login)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// A user: what creating one takes, and what a stored row ([`UserRecord`]) holds of
/// them besides the row's own bookkeeping.
#[derive(Clone)]
pub struct NewUser {
    /// Drawn by the caller ([`UserUid::generate`]): credentials made before the insert
    /// (a sealed token seed, a masked password) are bound to it.
    pub uid: UserUid,
    pub kind: UserKind,
    /// `None` for operators.
    pub millekod: Option<MilleKod>,
    pub login: Login,
    pub name: String,
    pub status: UserStatus,
    pub attempts_left: i64,
    pub failed_attempts: i64,
    pub auth_tool: AuthTool,
    pub phone: Option<PhoneNumber>,
    pub password_masking: bool,
    pub password: Option<PasswordRecord>,
    pub temporary_password_hash: Option<String>,
    pub token_serial: Option<String>,
    pub token_seed_sealed: Option<Vec<u8>>,
    pub blocked_at: Option<Millis>,
    /// Operators only: HelpDesk (`None` means the same) or back-office.
    pub operator_role: Option<crate::domain::policy::OperatorRole>,
}

/// A user's token seed still sealed to their (MilleKod, login), as every seed was
/// before migration 10: what the start-up pass re-seals to the uid
/// (`server::token_binding`).
#[derive(Clone)]
pub struct LoginBoundSeed {
    pub user_id: i64,
    pub uid: UserUid,
    /// `None` for operators.
    pub millekod: Option<MilleKod>,
    pub login: Login,
    pub sealed: Vec<u8>,
}

/// How many users share one shape of login challenge (status, tool, masking, password
/// length and threshold): what decoys are drawn from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserShape {
    pub status: UserStatus,
    pub auth_tool: AuthTool,
    pub password_masking: bool,
    /// (length, threshold) of the permanent password, if there is one.
    pub password: Option<(u8, u8)>,
    pub count: i64,
}

/// A state change decided by the server, applied atomically with its audit record.
#[derive(Clone)]
pub enum UserChange {
    /// Only if the user is still blocked (R9, R10).
    Unblock {
        status: UserStatus,
        attempts_left: i64,
        temporary_password_hash: Option<String>,
    },
    /// Undo an unblock whose one-time access password could not be sent (R10): back
    /// to the blocked state it left, only while the user still awaits the password
    /// that unblock set (`unblocked_hash`), which nobody has seen.
    UndoUnblock {
        unblocked_hash: String,
        failed_attempts: i64,
        attempts_left: i64,
        blocked_at: Option<Millis>,
        temporary_password_hash: Option<String>,
    },
    /// A required password change (issue 13): to awaiting a new password with a full
    /// count and the access password's hash (none: an envelope from back-office will
    /// bring one), only while the user is still active or blocked. The permanent
    /// password stays until the user sets a new one; the new-password flow never asks
    /// for it.
    RequireNewPassword {
        attempts_left: i64,
        temporary_password_hash: Option<String>,
    },
    /// Undo a required password change whose access password could not be sent: back
    /// to the state it left, only while the user still awaits the password it set.
    UndoPasswordReset {
        reset_hash: String,
        status: UserStatus,
        failed_attempts: i64,
        attempts_left: i64,
        blocked_at: Option<Millis>,
        temporary_password_hash: Option<String>,
    },
    /// A new number; the old one (if any) gets a notice, and the hold starts.
    SetPhone(PhoneNumber),
    /// A one-time access password from a back-office envelope, for a user awaiting a
    /// new password or a first login (only then).
    IssueEnvelope {
        temporary_password_hash: String,
    },
    SetPasswordMasking(bool),
    /// A token from the inventory (only while its serial is available); a token the
    /// user had is withdrawn as replaced.
    AssignToken {
        serial: String,
        seed_sealed: Vec<u8>,
    },
    /// Take the user's token away (lost, broken, returned): its serial is withdrawn
    /// for good, and a user with a phone goes back to SMS codes.
    WithdrawToken {
        reason: String,
    },
    /// Start over as if just created (an operator who lost the password or token):
    /// pending activation with a new temporary password and token seed, the old
    /// password gone, a full count of attempts.
    Reprovision {
        attempts_left: i64,
        temporary_password_hash: String,
        token_seed_sealed: Vec<u8>,
    },
}
