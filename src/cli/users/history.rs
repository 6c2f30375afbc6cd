//! `user history` — why is this user blocked? Their login attempts interleaved with the
//! administrative actions on them, newest first (issue 15) — and the table view of
//! `user show`, which answers the next question: the last failure, how the block came
//! about, what can be done now and which co-users could help.

use clap::Args;
use serde::Serialize;

use super::not_found_names;
use crate::api::{HistoryEntry, HistoryKind, HistoryQuery, Login, MilleKod, UserView};
use crate::cli::Context;
use crate::output::columns::Piece;
use crate::output::{Column, Format, Tabular, Tone, Value};

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The user's login.
    pub login: Login,
    /// Company code [default: your own, for co-users].
    #[arg(long)]
    pub millekod: Option<MilleKod>,
    /// Only entries from this time on: a span back from now (90m, 1h30m, 2d, 1w), a
    /// date-time in the local time zone (TZ) such as 2026-11-30 14:02 (or 2026-11-30
    /// for its midnight), or one with Z or an offset (2026-11-30T13:02:00Z, +01:00).
    #[arg(long, value_name = "SPAN|TIME")]
    pub since: Option<crate::cli::when::When>,
    /// At most this many entries [server default: 50].
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub limit: Option<u32>,
}

pub async fn history(ctx: &Context, args: HistoryArgs) -> anyhow::Result<()> {
    let (since, _) = crate::cli::when::resolve_range(&ctx.clock(), args.since.as_ref(), None)?;
    let client = ctx.client()?;
    let millekod = ctx.millekod(&client, args.millekod).await?;
    let query = HistoryQuery {
        since,
        limit: args.limit,
    };
    let history = client
        .user_history(&millekod, &args.login, &query)
        .await
        .map_err(|e| not_found_names(e, &millekod, &args.login))?;
    // Long lists on a terminal go through $PAGER (output/pager.rs).
    let mut out = ctx.output.pager();
    ctx.output.list(&mut out, &history.entries)?;
    out.finish()?;
    Ok(())
}

const HISTORY_COLUMNS: [Column; 11] = [
    Column::new("at", "Time"),
    Column::new("kind", "Kind").wide(),
    Column::new("what", "What"),
    Column::new("outcome", "Outcome"),
    Column::new("factor", "Factor").text().wide(),
    Column::new("attempts_left", "Attempts left"),
    Column::new("source", "Source").text(),
    Column::new("client", "Client").text().wide(),
    Column::new("actor", "Actor"),
    Column::new("reason", "Reason").text(),
    Column::new("detail", "Detail").text().wide(),
];

impl Tabular for HistoryEntry {
    fn columns() -> Vec<Column> {
        HISTORY_COLUMNS.to_vec()
    }

    fn values(&self) -> Vec<Value> {
        let tone = match self.outcome.as_str() {
            "success" => Tone::Good,
            "pending" => Tone::Warn,
            _ => Tone::Bad,
        };
        vec![
            Value::Time(Some(self.at)),
            Value::text(match self.kind {
                HistoryKind::Login => "login",
                HistoryKind::Admin => "admin",
            }),
            Value::text(&self.what),
            Value::Status(self.outcome.clone(), tone),
            Value::maybe(self.factor.as_ref()),
            Value::maybe(self.attempts_left),
            Value::maybe(self.source.as_ref()),
            Value::maybe(self.client.as_ref()),
            Value::maybe(self.actor.as_ref()),
            Value::maybe(self.reason.as_ref()),
            Value::maybe(self.detail.as_ref()),
        ]
    }

    fn none() -> &'static str {
        "no history entries match"
    }
}

/// `user show` in a table: the user's fields, then what answers the next question.
/// JSON and CSV print the [`UserView`] itself (its new fields are in the JSON).
pub fn print_show(
    ctx: &Context,
    out: &mut dyn std::io::Write,
    user: &UserView,
) -> anyhow::Result<()> {
    match ctx.output.format {
        Format::Table | Format::Wide => ctx.output.record(out, &Shown(user)),
        Format::Json | Format::Csv => ctx.output.record(out, user),
    }
}

/// A user as `user show` prints it in a table.
#[derive(Serialize)]
#[serde(transparent)]
struct Shown<'a>(&'a UserView);

/// The advice rows, after the user's own: each action's key is its name.
const SHOWN_EXTRA: [Column; 7] = [
    Column::new("last_failure", "Last failure"),
    Column::new("blocked_by", "Blocked by"),
    Column::new("unblock current-password", "Unblock, current password"),
    Column::new("unblock new-password", "Unblock, new password"),
    Column::new("resend", "Resend"),
    Column::new("require-password-change", "Require password change"),
    Column::new("co_users_who_can_help", "Co-users who can help"),
];

impl Tabular for Shown<'_> {
    fn columns() -> Vec<Column> {
        let mut all = UserView::columns();
        all.extend(SHOWN_EXTRA);
        all
    }

    fn values(&self) -> Vec<Value> {
        let user = self.0;
        let mut row = user.values();
        row.push(match &user.last_failure {
            Some(f) => Value::Phrase(vec![
                Piece::Time(f.at),
                Piece::Text(format!(
                    " — {} from {}",
                    describe_factor(&f.factor),
                    f.source.as_deref().unwrap_or("?")
                )),
            ]),
            None => Value::Maybe(None),
        });
        row.push(match &user.blocked_by {
            Some(b) => {
                let mut pieces = vec![Piece::Text(b.cause.clone())];
                if let Some(at) = b.at {
                    pieces.push(Piece::Text(" at ".into()));
                    pieces.push(Piece::Time(at));
                }
                if let Some(factor) = &b.factor {
                    pieces.push(Piece::Text(format!(" (last: {})", describe_factor(factor))));
                }
                Value::Phrase(pieces)
            }
            None => Value::Maybe(None),
        });
        for action in &SHOWN_EXTRA[2..6] {
            row.push(Value::Maybe(
                match user.actions.iter().find(|a| a.action == action.key) {
                    Some(a) if a.allowed => Some(format!("yes — {}", a.why)),
                    Some(a) => Some(format!("no — {}", a.why)),
                    None => None,
                },
            ));
        }
        row.push(Value::Maybe(match &user.co_users_who_can_help {
            Some(co) if co.users.is_empty() => Some("none".to_owned()),
            Some(co) => {
                let names: Vec<String> = co
                    .users
                    .iter()
                    .map(|u| format!("{} ({})", u.login, u.name))
                    .collect();
                Some(match co.more {
                    0 => names.join(", "),
                    more => format!("{} and {more} more", names.join(", ")),
                })
            }
            None => None,
        }));
        row
    }
}

/// `password_chars+sms_code` as a person reads it.
fn describe_factor(stored: &str) -> String {
    match crate::domain::login_attempt::FailedFactors::parse(stored) {
        Some(factors) if !factors.is_empty() => factors.describe(),
        _ => stored.to_owned(),
    }
}
