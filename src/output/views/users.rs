//! A user's columns: `user list`, `user find`, and the rows `user show` starts with.
//!
//! Default set: who (login, name), where they stand (status, attempts left, tool)
//! and when they last got in — the questions a HelpDesk call starts with.

use super::super::columns::{Column, Piece, Tone, Value};
use super::super::Tabular;
use crate::api::{UserStatus, UserView};

const COLUMNS: [Column; 12] = [
    Column::new("millekod", "MilleKod").wide(),
    Column::new("login", "Login"),
    Column::new("name", "Name").text(),
    Column::new("status", "Status"),
    Column::new("failed_attempts", "Failed attempts").wide(),
    Column::new("attempts_left", "Attempts left"),
    Column::new("auth_tool", "Tool"),
    Column::new("phone", "Phone").wide(),
    Column::new("password_masking", "Masked password").wide(),
    Column::new("last_login_at", "Last login"),
    Column::new("blocked_at", "Blocked").wide(),
    Column::new("suspension", "Suspension").text().wide(),
];

/// A user's status, coloured: green can log in, red cannot, yellow must act first.
fn status_value(status: UserStatus) -> Value {
    let tone = match status {
        UserStatus::Active => Tone::Good,
        UserStatus::Blocked | UserStatus::Suspended => Tone::Bad,
        UserStatus::PendingActivation | UserStatus::AwaitingNewPassword => Tone::Warn,
    };
    Value::Status(status.as_str().to_owned(), tone)
}

impl Tabular for UserView {
    fn columns() -> Vec<Column> {
        COLUMNS.to_vec()
    }

    fn values(&self) -> Vec<Value> {
        vec![
            Value::text(&self.millekod),
            Value::text(&self.login),
            Value::text(&self.name),
            status_value(self.status),
            Value::text(self.failed_attempts),
            Value::text(self.attempts_left),
            Value::text(self.auth_tool.as_str()),
            Value::maybe(self.phone.as_ref()),
            Value::Flag(self.password_masking),
            Value::Time(self.last_login_at),
            Value::Time(self.blocked_at),
            match &self.suspension {
                Some(s) => Value::Phrase(vec![
                    Piece::Text("since ".into()),
                    Piece::Time(s.suspended_at),
                    Piece::Text(format!(
                        " by {}: {} (release returns to {})",
                        s.suspended_by,
                        s.reason,
                        s.returns_to.as_str()
                    )),
                ]),
                None => Value::Maybe(None),
            },
        ]
    }

    fn none() -> &'static str {
        "no users match"
    }
}
