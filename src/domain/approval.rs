//! Maker–checker for what could hand a user's account to whoever asks (issue 11).
//!
//! The attack it stops: a HelpDesk person (or a batch token with `phones:write` and
//! `users:unblock`) sets a victim's phone to their own, blocks the victim with three
//! anonymous wrong logins and unblocks with a new password — the one-time access
//! password and the login code would both come to them. So for a hold after a phone
//! change (default 24 h; the old number is told of the change by SMS), an access
//! password is not sent to the new number on one person's word: the unblock becomes a
//! request that a *second, different* operator approves (or it waits for the hold to
//! end). A token counts as the operator who owns it, so an operator cannot approve
//! what their own token asked for.

use std::time::Duration;

use super::ids::Login;
use super::policy::Principal;

/// How long after a phone change an access password needs a second operator.
pub const DEFAULT_PHONE_CHANGE_HOLD: Duration = Duration::from_secs(24 * 3600);
/// How long a request waits for its approval.
pub const APPROVAL_TTL: Duration = Duration::from_secs(24 * 3600);

/// Is a number that changed at `changed_at` (ms) still within `hold` at `now` (ms)?
/// A number never changed since provisioning (`None`) is not.
pub fn in_hold(changed_at: Option<i64>, now: i64, hold: Duration) -> bool {
    let hold_ms = i64::try_from(hold.as_millis()).unwrap_or(i64::MAX);
    changed_at.is_some_and(|at| now < at.saturating_add(hold_ms))
}

/// The operator a principal answers for: themself, or a token's owner.
pub fn operator_of(principal: &Principal) -> Option<&Login> {
    match principal {
        Principal::Operator { login, .. } => Some(login),
        Principal::ApiToken { owner_login, .. } => Some(owner_login),
        Principal::CoUser { .. } | Principal::BackOffice { .. } => None,
    }
}

/// Why an approval is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApprovalRefused {
    #[error("only a HelpDesk operator, logged in as themself, can approve")]
    NotAnOperator,
    #[error("the operator who asked (or whose token asked) cannot approve it too")]
    SameOperator,
}

/// May `approver` approve what `requester` (the operator behind the request; `None`
/// for a co-user's request) asked?
pub fn may_approve(requester: Option<&Login>, approver: &Principal) -> Result<(), ApprovalRefused> {
    match approver {
        Principal::Operator { login, .. } if Some(login) == requester => {
            Err(ApprovalRefused::SameOperator)
        }
        Principal::Operator { .. } => Ok(()),
        Principal::ApiToken { .. } | Principal::CoUser { .. } | Principal::BackOffice { .. } => {
            Err(ApprovalRefused::NotAnOperator)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::MilleKod;

    fn login(s: &str) -> Login {
        Login::parse(s).unwrap()
    }
    fn operator(name: &str) -> Principal {
        Principal::Operator {
            user_id: 1,
            login: login(name),
        }
    }

    #[test]
    fn the_hold_runs_from_the_change_for_its_length() {
        let hold = Duration::from_secs(3600);
        assert!(!in_hold(None, 10_000, hold));
        assert!(in_hold(Some(0), 3_599_999, hold));
        assert!(!in_hold(Some(0), 3_600_000, hold));
        assert!(!in_hold(Some(0), 1, Duration::ZERO));
    }

    #[test]
    fn a_second_different_operator_approves() {
        let alice = login("alicja");
        let alice = Some(&alice);
        assert_eq!(may_approve(alice, &operator("bartek")), Ok(()));
        assert_eq!(
            may_approve(alice, &operator("alicja")),
            Err(ApprovalRefused::SameOperator)
        );
        assert_eq!(may_approve(None, &operator("alicja")), Ok(()));
        let token = Principal::ApiToken {
            token_id: "t".into(),
            name: "batch".into(),
            scopes: Default::default(),
            owner_login: login("bartek"),
        };
        assert_eq!(
            may_approve(alice, &token),
            Err(ApprovalRefused::NotAnOperator)
        );
        // What a token asks for is its owner's request.
        assert_eq!(operator_of(&token), Some(&login("bartek")));
        let co_user = Principal::CoUser {
            user_id: 2,
            millekod: MilleKod::parse("12345678").unwrap(),
            login: login("anna"),
        };
        assert_eq!(
            may_approve(alice, &co_user),
            Err(ApprovalRefused::NotAnOperator)
        );
        assert_eq!(operator_of(&co_user), None);
    }
}
