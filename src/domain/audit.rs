//! The audit's vocabulary (R12): what was done ([`AuditAction`]) and how it ended
//! ([`AuditOutcome`]), each a closed list with one spelling.
//!
//! The spellings are a stable contract: they are stored in every audit row, shown by
//! `millectl audit`, and filtered on by scripts, so `as_str`, serde and `FromStr` all
//! give the same text, and a test lists every variant's text so a rename cannot slip
//! through. The store keeps the text (`AuditEntry.action`/`outcome` are strings, as are
//! `api::AuditRecord`'s): the audit is append-only and outlives any version of this
//! list, so a reader must show a row whose action this build does not know, not fail.
//!
//! An audit action is not a [`policy::Action`]: the policy rules on *what may be done*
//! (one `Provision` covers creating companies, users and assigning tokens), the audit
//! records *what was done* (logins and logouts, which the policy never rules on,
//! included). [`AuditAction::ruled_by`] says which policy action each is authorized
//! under, where there is one.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::policy::{self, Action};

/// Spells out each variant's text once, and derives `as_str`, `ALL` and serde from it.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )* }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant, )*
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The text stored in the audit and shown on the wire.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )*
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|it| it.as_str() == text)
                    .ok_or_else(|| {
                        let known: Vec<&str> = Self::ALL.iter().map(|it| it.as_str()).collect();
                        format!("unknown {} {text:?}; known: {}", stringify!($name), known.join(", "))
                    })
            }
        }
    };
}

vocabulary! {
    /// What an audit record says was done (its `action`).
    pub enum AuditAction {
        /// Step 2 of a login, every attempt (anonymous for an unknown login).
        Login = "login",
        Logout = "logout",
        UserList = "user.list",
        /// One page of a search across companies (issue 15): the query and the count.
        UserFind = "user.find",
        /// Showing a user; `reveal_phone` is audited under the same action.
        UserShow = "user.show",
        UserCreate = "user.create",
        /// Both unblocks (R9, R10); the mode is in the detail.
        UserUnblock = "user.unblock",
        UserPasswordReset = "user.password_reset",
        /// A fresh one-time access password (issue 15); the channel is in the detail.
        UserResend = "user.resend",
        PhoneSet = "phone.set",
        /// A chunk of phone changes as a whole (each changed row is a `phone.set`).
        PhoneBatch = "phone.batch",
        PhoneBatchDryRun = "phone.batch_dry_run",
        PasswordMaskingSet = "password_masking.set",
        CompanyCreate = "company.create",
        /// On the database host (`millectl server operator add`) or by `--dev`.
        OperatorCreate = "operator.create",
        OperatorUnblock = "operator.unblock",
        /// On the database host (`millectl server operator reset`).
        OperatorReset = "operator.reset",
        ApiTokenCreate = "api_token.create",
        ApiTokenList = "api_token.list",
        ApiTokenRevoke = "api_token.revoke",
        /// An action held for a second operator (maker–checker).
        ApprovalRequest = "approval.request",
        ApprovalApprove = "approval.approve",
        ApprovalList = "approval.list",
        EnvelopeIssue = "envelope.issue",
        TokenAssign = "token.assign",
        TokenWithdraw = "token.withdraw",
        TokensLoad = "tokens.load",
        TokensList = "tokens.list",
        AuditRead = "audit.read",
        /// A user blocked on purpose by HelpDesk (issue 15); the reason is the record's.
        UserSuspend = "user.suspend",
        /// A suspension lifted.
        UserRelease = "user.release",
        /// A user's timeline: login attempts and administrative actions (issue 15).
        UserHistory = "user.history",
    }
}

vocabulary! {
    /// How an audited action ended (its `outcome`).
    pub enum AuditOutcome {
        Success = "success",
        /// Tried and failed: wrong credentials, or an SMS that could not be sent.
        Failure = "failure",
        /// The policy said no (403).
        Denied = "denied",
        /// The target does not exist (404).
        NotFound = "not_found",
        /// The target's state does not allow it (409).
        Refused = "refused",
        /// Held for a second operator.
        Pending = "pending",
        /// A login refused because access is blocked.
        Blocked = "blocked",
        /// A login refused while every attempt left is being checked.
        Busy = "busy",
        /// A login whose challenge no longer applies.
        Expired = "expired",
        /// A login the server could not check (the mask key could not compute).
        Unavailable = "unavailable",
        /// A login refused because the user is suspended (issue 15).
        Suspended = "suspended",
    }
}

impl AuditAction {
    /// The policy action this is authorized under, where the policy rules on it (a
    /// login, a logout and what runs on the database host are not ruled on; a held
    /// request is ruled on as the action it holds). Several audit actions share one
    /// policy action, and `user.show` is also checked against
    /// [`Action::RevealPhone`] when the whole number is asked for.
    pub fn ruled_by(self) -> Option<policy::Action> {
        Some(match self {
            Self::Login
            | Self::Logout
            | Self::OperatorCreate
            | Self::OperatorReset
            | Self::ApprovalRequest => return None,
            Self::UserList | Self::UserFind => Action::ListUsers,
            Self::UserShow => Action::ShowUser,
            Self::UserUnblock => Action::Unblock,
            // The same people as an unblock, under the same scope (issue 15).
            Self::UserResend => Action::Unblock,
            Self::UserPasswordReset => Action::RequirePasswordChange,
            Self::PhoneSet | Self::PhoneBatch | Self::PhoneBatchDryRun => Action::SetPhone,
            Self::PasswordMaskingSet => Action::SetPasswordMasking,
            Self::CompanyCreate
            | Self::UserCreate
            | Self::TokenAssign
            | Self::TokenWithdraw
            | Self::TokensList => Action::Provision,
            Self::ApiTokenCreate | Self::ApiTokenList | Self::ApiTokenRevoke => {
                Action::ManageApiTokens
            }
            Self::OperatorUnblock => Action::UnblockOperator,
            Self::ApprovalApprove | Self::ApprovalList => Action::Approve,
            Self::EnvelopeIssue => Action::IssueEnvelope,
            Self::TokensLoad => Action::LoadTokens,
            Self::AuditRead => Action::ReadAudit,
            Self::UserSuspend => Action::Suspend,
            Self::UserRelease => Action::ReleaseSuspension,
            // Who may see a user may see their timeline.
            Self::UserHistory => Action::ShowUser,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every action's text, written out: these are in audit rows already stored, so a
    /// change here is a change of the contract, never a refactoring.
    const ACTIONS: &[(AuditAction, &str)] = &[
        (AuditAction::Login, "login"),
        (AuditAction::Logout, "logout"),
        (AuditAction::UserList, "user.list"),
        (AuditAction::UserFind, "user.find"),
        (AuditAction::UserShow, "user.show"),
        (AuditAction::UserCreate, "user.create"),
        (AuditAction::UserUnblock, "user.unblock"),
        (AuditAction::UserPasswordReset, "user.password_reset"),
        (AuditAction::UserResend, "user.resend"),
        (AuditAction::PhoneSet, "phone.set"),
        (AuditAction::PhoneBatch, "phone.batch"),
        (AuditAction::PhoneBatchDryRun, "phone.batch_dry_run"),
        (AuditAction::PasswordMaskingSet, "password_masking.set"),
        (AuditAction::CompanyCreate, "company.create"),
        (AuditAction::OperatorCreate, "operator.create"),
        (AuditAction::OperatorUnblock, "operator.unblock"),
        (AuditAction::OperatorReset, "operator.reset"),
        (AuditAction::ApiTokenCreate, "api_token.create"),
        (AuditAction::ApiTokenList, "api_token.list"),
        (AuditAction::ApiTokenRevoke, "api_token.revoke"),
        (AuditAction::ApprovalRequest, "approval.request"),
        (AuditAction::ApprovalApprove, "approval.approve"),
        (AuditAction::ApprovalList, "approval.list"),
        (AuditAction::EnvelopeIssue, "envelope.issue"),
        (AuditAction::TokenAssign, "token.assign"),
        (AuditAction::TokenWithdraw, "token.withdraw"),
        (AuditAction::TokensLoad, "tokens.load"),
        (AuditAction::TokensList, "tokens.list"),
        (AuditAction::AuditRead, "audit.read"),
        (AuditAction::UserSuspend, "user.suspend"),
        (AuditAction::UserRelease, "user.release"),
        (AuditAction::UserHistory, "user.history"),
    ];

    const OUTCOMES: &[(AuditOutcome, &str)] = &[
        (AuditOutcome::Success, "success"),
        (AuditOutcome::Failure, "failure"),
        (AuditOutcome::Denied, "denied"),
        (AuditOutcome::NotFound, "not_found"),
        (AuditOutcome::Refused, "refused"),
        (AuditOutcome::Pending, "pending"),
        (AuditOutcome::Blocked, "blocked"),
        (AuditOutcome::Busy, "busy"),
        (AuditOutcome::Expired, "expired"),
        (AuditOutcome::Unavailable, "unavailable"),
        (AuditOutcome::Suspended, "suspended"),
    ];

    fn spelled_alike<T>(table: &[(T, &str)], all: &[T])
    where
        T: Copy + PartialEq + fmt::Debug + fmt::Display + FromStr + Serialize,
        T: for<'de> Deserialize<'de>,
        <T as FromStr>::Err: fmt::Debug,
    {
        let listed: Vec<T> = table.iter().map(|(it, _)| *it).collect();
        assert_eq!(listed, all, "every variant is listed, in order");
        for (it, text) in table {
            assert_eq!(it.to_string(), *text);
            assert_eq!(serde_json::to_value(it).unwrap(), *text);
            let back: T = serde_json::from_value(serde_json::json!(text)).unwrap();
            assert_eq!(back, *it);
            assert_eq!(text.parse::<T>().unwrap(), *it);
        }
    }

    #[test]
    fn every_action_has_its_text_everywhere() {
        spelled_alike(ACTIONS, AuditAction::ALL);
    }

    #[test]
    fn every_outcome_has_its_text_everywhere() {
        spelled_alike(OUTCOMES, AuditOutcome::ALL);
    }

    #[test]
    fn an_unknown_text_is_refused_naming_the_known_ones() {
        let err = "user.delete".parse::<AuditAction>().unwrap_err();
        assert!(err.contains("user.unblock"), "{err}");
        assert!("ok".parse::<AuditOutcome>().is_err());
    }

    #[test]
    fn a_policy_action_rules_the_audit_actions_named_after_it() {
        assert_eq!(AuditAction::UserUnblock.ruled_by(), Some(Action::Unblock));
        assert_eq!(AuditAction::TokenAssign.ruled_by(), Some(Action::Provision));
        assert_eq!(AuditAction::Login.ruled_by(), None);
        // Every policy action but the phone reveal (checked beside `user.show`) rules
        // at least one audited action.
        for action in [
            Action::ListUsers,
            Action::ShowUser,
            Action::Unblock,
            Action::RequirePasswordChange,
            Action::SetPhone,
            Action::SetPasswordMasking,
            Action::ReadAudit,
            Action::Provision,
            Action::ManageApiTokens,
            Action::UnblockOperator,
            Action::Approve,
            Action::IssueEnvelope,
            Action::LoadTokens,
            Action::Suspend,
            Action::ReleaseSuspension,
        ] {
            assert!(
                AuditAction::ALL
                    .iter()
                    .any(|a| a.ruled_by() == Some(action)),
                "{action:?}"
            );
        }
    }
}
