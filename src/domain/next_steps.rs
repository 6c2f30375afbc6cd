//! What HelpDesk (or a co-user) can do for a user now, and why not where not (issue 15,
//! "`user show` answers the next question").
//!
//! Pure, and decided by the very functions the routes enforce — `lockout::unblock`
//! for both unblock modes, `lockout::require_new_password` for a required password
//! change — so `user show` cannot say "allowed" where the command would be refused, or
//! the other way round. Each refusal names the command that fixes it, ready to paste.
//!
//! `resend` (a fresh one-time access password, `millectl user resend`) applies to a
//! user half-way through a flow that needs one: awaiting a new password, or never
//! logged in; it goes by SMS, so it needs a phone (a token user needs the access
//! password too, beside the token's code).

use super::ids::{Login, MilleKod};
use super::lockout::{
    self, LockoutLimit, PasswordResetRefused, UnblockFacts, UnblockMode, UnblockRefused, UserStatus,
};

/// The actions `user show` reports on, in the order it lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextAction {
    UnblockCurrentPassword,
    UnblockNewPassword,
    Resend,
    RequirePasswordChange,
}

impl NextAction {
    pub const ALL: [Self; 4] = [
        Self::UnblockCurrentPassword,
        Self::UnblockNewPassword,
        Self::Resend,
        Self::RequirePasswordChange,
    ];

    /// As the CLI names the command (and the JSON the action).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UnblockCurrentPassword => "unblock current-password",
            Self::UnblockNewPassword => "unblock new-password",
            Self::Resend => "resend",
            Self::RequirePasswordChange => "require-password-change",
        }
    }
}

/// One action: whether it is allowed now, and why — what it does and the command
/// where allowed, what stands in the way and how to fix it where not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub action: NextAction,
    pub allowed: bool,
    pub why: String,
}

/// Every action of [`NextAction::ALL`] for the user with these facts.
pub fn next_steps(
    facts: UnblockFacts,
    limit: LockoutLimit,
    millekod: &MilleKod,
    login: &Login,
) -> Vec<Step> {
    let cmd = |what: &str| format!("`millectl {what} {login} --millekod {millekod}`");
    let set_phone = format!(
        "no phone and no token — set a phone first: \
         `millectl phone set {login} PHONE --millekod {millekod}`"
    );
    let resend = cmd("user resend");
    let suspended = format!(
        "suspended by the bank — no unblock lifts it; HelpDesk releases it first: {}",
        cmd("user release")
    );
    let state = describe(facts);
    NextAction::ALL
        .into_iter()
        .map(|action| {
            let decided: Result<String, String> = match action {
                NextAction::UnblockCurrentPassword => {
                    match lockout::unblock(facts, UnblockMode::CurrentPassword, limit) {
                        Ok(outcome) => Ok(format!(
                            "{} more attempts with the current password: {}",
                            outcome.attempts_left,
                            cmd("unblock current-password")
                        )),
                        Err(UnblockRefused::NotBlocked) => Err(not_blocked(facts, &state, &resend)),
                        Err(UnblockRefused::NoAuthorizationTool) => Err(set_phone.clone()),
                        Err(UnblockRefused::Suspended) => Err(suspended.clone()),
                    }
                }
                NextAction::UnblockNewPassword => {
                    match lockout::unblock(facts, UnblockMode::NewPassword, limit) {
                        Ok(_) => Ok(format!(
                            "a one-time access password, then the user sets a new password: {}",
                            cmd("unblock new-password")
                        )),
                        Err(UnblockRefused::NotBlocked) => Err(not_blocked(facts, &state, &resend)),
                        Err(UnblockRefused::NoAuthorizationTool) => Err(set_phone.clone()),
                        Err(UnblockRefused::Suspended) => Err(suspended.clone()),
                    }
                }
                NextAction::Resend => match facts.status {
                    UserStatus::AwaitingNewPassword | UserStatus::PendingActivation
                        if !facts.has_phone =>
                    {
                        Err(format!(
                            "no phone to send it to — back-office issues one in an envelope \
                             (`millectl envelope issue`), or set a phone first: \
                             `millectl phone set {login} PHONE --millekod {millekod}`"
                        ))
                    }
                    UserStatus::AwaitingNewPassword | UserStatus::PendingActivation => Ok(format!(
                        "a fresh one-time access password (the previous one stops working): \
                         {resend}"
                    )),
                    UserStatus::Suspended => Err(suspended.clone()),
                    UserStatus::Active | UserStatus::Blocked => {
                        Err(format!("{state}: there is no access password to resend"))
                    }
                },
                NextAction::RequirePasswordChange => {
                    match lockout::require_new_password(facts, limit) {
                        Ok(_) => Ok(format!(
                            "the user must set a new password at the next login: {}",
                            cmd("user require-password-change")
                        )),
                        Err(PasswordResetRefused::NoAuthorizationTool) => Err(set_phone.clone()),
                        Err(PasswordResetRefused::Suspended) => Err(suspended.clone()),
                        Err(PasswordResetRefused::PendingActivation) => Err(format!(
                            "{state}: the first login sets a password; if the envelope is lost: \
                             {resend}"
                        )),
                        Err(PasswordResetRefused::AwaitingNewPassword) => Err(format!(
                            "{state}: nothing to require; if the access password is lost: \
                             {resend}"
                        )),
                    }
                }
            };
            match decided {
                Ok(why) => Step {
                    action,
                    allowed: true,
                    why,
                },
                Err(why) => Step {
                    action,
                    allowed: false,
                    why,
                },
            }
        })
        .collect()
}

/// The user's state in a few words.
fn describe(facts: UnblockFacts) -> String {
    match facts.status {
        UserStatus::Active => format!("active, {} attempts left", facts.attempts_left.max(0)),
        UserStatus::Blocked => "blocked".to_owned(),
        UserStatus::AwaitingNewPassword => "awaiting a new password".to_owned(),
        UserStatus::PendingActivation => "not logged in for the first time yet".to_owned(),
        UserStatus::Suspended => "suspended".to_owned(),
    }
}

/// Why an unblock does not apply to a user who is not blocked, and what does.
fn not_blocked(facts: UnblockFacts, state: &str, resend: &str) -> String {
    match facts.status {
        UserStatus::AwaitingNewPassword | UserStatus::PendingActivation => {
            format!("not blocked ({state}); if the access password is lost: {resend}")
        }
        UserStatus::Active | UserStatus::Blocked | UserStatus::Suspended => {
            format!("not blocked ({state}); nothing to unblock")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STATUSES: [UserStatus; 5] = [
        UserStatus::Suspended,
        UserStatus::PendingActivation,
        UserStatus::Active,
        UserStatus::Blocked,
        UserStatus::AwaitingNewPassword,
    ];

    fn facts(status: UserStatus, has_phone: bool, has_token: bool) -> UnblockFacts {
        UnblockFacts {
            status,
            attempts_left: if status == UserStatus::Blocked { 0 } else { 3 },
            has_permanent_password: matches!(status, UserStatus::Active | UserStatus::Blocked),
            has_phone,
            has_token,
        }
    }

    fn steps(f: UnblockFacts) -> Vec<Step> {
        let millekod = MilleKod::parse("12345678").unwrap();
        let login = Login::parse("marek").unwrap();
        next_steps(f, LockoutLimit::default(), &millekod, &login)
    }

    fn allowed(f: UnblockFacts, action: NextAction) -> bool {
        steps(f)
            .iter()
            .find(|s| s.action == action)
            .unwrap()
            .allowed
    }

    /// Over every status × phone × token: each answer is what the enforcing function
    /// decides, and every refusal says why with a command to run.
    #[test]
    fn every_status_tool_and_phone_agrees_with_the_rules() {
        let limit = LockoutLimit::default();
        for status in STATUSES {
            for has_phone in [false, true] {
                for has_token in [false, true] {
                    let f = facts(status, has_phone, has_token);
                    let list = steps(f);
                    assert_eq!(list.len(), NextAction::ALL.len());
                    let current = lockout::unblock(f, UnblockMode::CurrentPassword, limit).is_ok();
                    let new = lockout::unblock(f, UnblockMode::NewPassword, limit).is_ok();
                    let reset = lockout::require_new_password(f, limit).is_ok();
                    let resend = matches!(
                        status,
                        UserStatus::AwaitingNewPassword | UserStatus::PendingActivation
                    ) && has_phone;
                    assert_eq!(allowed(f, NextAction::UnblockCurrentPassword), current);
                    assert_eq!(allowed(f, NextAction::UnblockNewPassword), new);
                    assert_eq!(allowed(f, NextAction::RequirePasswordChange), reset);
                    assert_eq!(allowed(f, NextAction::Resend), resend);
                    for step in &list {
                        assert!(!step.why.is_empty(), "{status:?} {step:?}");
                        if step.allowed
                            || step.why.contains("no phone")
                            || status == UserStatus::Suspended
                        {
                            assert!(step.why.contains("`millectl "), "{step:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn blocked_without_phone_or_token_is_told_to_set_a_phone() {
        let list = steps(facts(UserStatus::Blocked, false, false));
        let new = &list[1];
        assert_eq!(new.action, NextAction::UnblockNewPassword);
        assert!(!new.allowed);
        assert_eq!(
            new.why,
            "no phone and no token — set a phone first: \
             `millectl phone set marek PHONE --millekod 12345678`"
        );
        assert!(list[0].allowed, "the current password needs no tool");
    }

    #[test]
    fn half_way_users_are_pointed_at_resend() {
        for status in [
            UserStatus::AwaitingNewPassword,
            UserStatus::PendingActivation,
        ] {
            let list = steps(facts(status, true, false));
            assert!(!list[0].allowed && !list[1].allowed && !list[3].allowed);
            assert!(list[2].allowed);
            for step in [&list[0], &list[1], &list[3]] {
                assert!(
                    step.why
                        .contains("`millectl user resend marek --millekod 12345678`"),
                    "{step:?}"
                );
            }
        }
    }

    #[test]
    fn an_active_user_can_only_be_made_to_change_the_password() {
        let list = steps(facts(UserStatus::Active, true, false));
        let allowed: Vec<_> = list
            .iter()
            .filter(|s| s.allowed)
            .map(|s| s.action)
            .collect();
        assert_eq!(allowed, [NextAction::RequirePasswordChange]);
        assert!(list[0].why.contains("nothing to unblock"));
    }

    #[test]
    fn a_suspended_user_is_pointed_at_release_only() {
        for (phone, token) in [(false, false), (true, false), (false, true)] {
            let list = steps(facts(UserStatus::Suspended, phone, token));
            assert!(list.iter().all(|s| !s.allowed), "{list:?}");
            for step in &list {
                assert!(
                    step.why
                        .contains("`millectl user release marek --millekod 12345678`"),
                    "{step:?}"
                );
            }
        }
    }
}
