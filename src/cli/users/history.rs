//! `user history` — why is this user blocked? Their login attempts interleaved with the
//! administrative actions on them, newest first (issue 15) — and the table view of
//! `user show`, which answers the next question: the last failure, how the block came
//! about, what can be done now and which co-users could help.

use clap::Args;
use serde::Serialize;
use time::OffsetDateTime;

use super::not_found_names;
use crate::api::{HistoryEntry, HistoryKind, HistoryQuery, Login, MilleKod, UserView};
use crate::cli::Context;
use crate::output::{Format, Tabular};

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The user's login.
    pub login: Login,
    /// Company code [default: your own, for co-users].
    #[arg(long)]
    pub millekod: Option<MilleKod>,
    /// Only entries from this time on: a span back from now (30m, 1h, 2d) or a time
    /// (2025-05-01T08:00:00Z, or a date, 2025-05-01, meaning its midnight UTC).
    #[arg(long, value_name = "SPAN|TIME", value_parser = crate::cli::admin::parse_since)]
    pub since: Option<OffsetDateTime>,
    /// At most this many entries [server default: 50].
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub limit: Option<u32>,
}

pub async fn history(ctx: &Context, args: HistoryArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let millekod = ctx.millekod(&client, args.millekod).await?;
    let query = HistoryQuery {
        since: args.since,
        limit: args.limit,
    };
    let history = client
        .user_history(&millekod, &args.login, &query)
        .await
        .map_err(|e| not_found_names(e, &millekod, &args.login))?;
    let mut out = std::io::stdout().lock();
    ctx.output.list(&mut out, &history.entries)
}

fn text(value: Option<&str>) -> String {
    value.unwrap_or("-").to_owned()
}

impl Tabular for HistoryEntry {
    fn headers() -> &'static [&'static str] {
        &[
            "at",
            "kind",
            "what",
            "outcome",
            "factor",
            "attempts_left",
            "source",
            "client",
            "actor",
            "reason",
            "detail",
        ]
    }

    fn row(&self) -> Vec<String> {
        vec![
            self.at
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            match self.kind {
                HistoryKind::Login => "login",
                HistoryKind::Admin => "admin",
            }
            .to_owned(),
            self.what.clone(),
            self.outcome.clone(),
            text(self.factor.as_deref()),
            self.attempts_left
                .map_or_else(|| "-".to_owned(), |n| n.to_string()),
            text(self.source.as_deref()),
            text(self.client.as_deref()),
            text(self.actor.as_deref()),
            text(self.reason.as_deref()),
            text(self.detail.as_deref()),
        ]
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
        Format::Table => ctx.output.record(out, &Shown(user)),
        Format::Json | Format::Csv => ctx.output.record(out, user),
    }
}

/// A user as `user show` prints it in a table.
#[derive(Serialize)]
#[serde(transparent)]
struct Shown<'a>(&'a UserView);

const SHOWN_EXTRA: [&str; 7] = [
    "last_failure",
    "blocked_by",
    "unblock current-password",
    "unblock new-password",
    "resend",
    "require-password-change",
    "co_users_who_can_help",
];

impl Tabular for Shown<'_> {
    fn headers() -> &'static [&'static str] {
        static HEADERS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
        HEADERS.get_or_init(|| {
            let mut all = UserView::headers().to_vec();
            all.extend(SHOWN_EXTRA);
            all
        })
    }

    fn row(&self) -> Vec<String> {
        let user = self.0;
        let mut row = user.row();
        let time = |t: OffsetDateTime| {
            t.format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default()
        };
        row.push(match &user.last_failure {
            Some(f) => format!(
                "{} — {} from {}",
                time(f.at),
                describe_factor(&f.factor),
                f.source.as_deref().unwrap_or("?")
            ),
            None => "-".to_owned(),
        });
        row.push(match &user.blocked_by {
            Some(b) => {
                let mut text = b.cause.clone();
                if let Some(at) = b.at {
                    text.push_str(&format!(" at {}", time(at)));
                }
                if let Some(factor) = &b.factor {
                    text.push_str(&format!(" (last: {})", describe_factor(factor)));
                }
                text
            }
            None => "-".to_owned(),
        });
        for action in &SHOWN_EXTRA[2..6] {
            row.push(match user.actions.iter().find(|a| a.action == *action) {
                Some(a) if a.allowed => format!("yes — {}", a.why),
                Some(a) => format!("no — {}", a.why),
                None => "-".to_owned(),
            });
        }
        row.push(match &user.co_users_who_can_help {
            Some(co) if co.users.is_empty() => "none".to_owned(),
            Some(co) => {
                let names: Vec<String> = co
                    .users
                    .iter()
                    .map(|u| format!("{} ({})", u.login, u.name))
                    .collect();
                match co.more {
                    0 => names.join(", "),
                    more => format!("{} and {more} more", names.join(", ")),
                }
            }
            None => "-".to_owned(),
        });
        row
    }

    fn status_color(&self) -> Option<(usize, comfy_table::Color)> {
        self.0.status_color()
    }
}

/// `password_chars+sms_code` as a person reads it.
fn describe_factor(stored: &str) -> String {
    match crate::domain::login_attempt::FailedFactors::parse(stored) {
        Some(factors) if !factors.is_empty() => factors.describe(),
        _ => stored.to_owned(),
    }
}
