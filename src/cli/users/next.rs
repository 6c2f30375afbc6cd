//! What the user must do next, in one line, after an unblock, a required password
//! change or a resend (issue 15): what HelpDesk tells the caller before hanging up.

use crate::api::{AccessPasswordResent, AuthTool, UserStatus, UserView};
use crate::client::Unblocked;

/// The next step of the user an unblock (or required change) left as `after`.
pub fn after_unblock(after: &Unblocked) -> String {
    match after {
        Unblocked::AwaitingApproval(pending) => format!(
            "held: the phone changed recently, so another operator must approve \
             (`millectl approve {}`); nothing was sent yet",
            pending.id
        ),
        Unblocked::Done(user) => of_user(user),
    }
}

/// The next step of a user whose access password was resent.
pub fn after_resend(resent: &AccessPasswordResent) -> String {
    let login = &resent.user.login;
    format!(
        "an access password was sent to {}; {login} logs in with it and {} and sets a new \
         password",
        resent.sent_to,
        code_of(&resent.user)
    )
}

fn code_of(user: &UserView) -> &'static str {
    match user.auth_tool {
        AuthTool::Sms => "the SMS code",
        AuthTool::Token => "a token code",
    }
}

fn of_user(user: &UserView) -> String {
    let login = &user.login;
    match user.status {
        UserStatus::Active => format!(
            "{login} can log in with the current password: {} attempts",
            user.attempts_left
        ),
        UserStatus::PendingActivation => format!(
            "{login} can log in for the first time with the envelope's password: {} attempts",
            user.attempts_left
        ),
        UserStatus::AwaitingNewPassword => match &user.phone {
            Some(phone) => format!(
                "an access password was sent to {phone}; {login} logs in with it and {} and \
                 sets a new password",
                code_of(user)
            ),
            None => format!(
                "no phone: back-office sends an access password in an envelope (`millectl \
                 envelope issue`); {login} logs in with it and {} and sets a new password",
                code_of(user)
            ),
        },
        UserStatus::Blocked => format!("{login} is still blocked"),
        UserStatus::Suspended => format!("{login} is suspended: HelpDesk releases it first"),
    }
}
