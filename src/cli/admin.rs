//! Operators' commands: `api-token create|list|revoke` for batch scripts, and `audit`.
//!
//! A new token is printed once, on stdout and nowhere else, because the server keeps
//! only its hash: `-o table` prints the token alone on stdout (so
//! `TOKEN=$(millectl api-token create …)` captures exactly it) and describes the token
//! on stderr; `-o json` prints `{"token", "api_token"}`; `-o csv` one row with a
//! `token` column first.
//!
//! `audit --since`/`--until` take what people type (`1h30m`, `2026-11-30 14:02`, a date,
//! RFC 3339; see `when.rs`), read at parse time, so a typo is an invalid-input error
//! before anything is sent. `audit --limit N` takes any N and pages (`pages.rs`); the
//! default stays 100, `--all` reads to the first record.
//!
//! `audit --action` takes an action's full name (`user.unblock`) or its verb alone
//! (`unblock`), which selects every action ending in it (`user.unblock` and
//! `operator.unblock`): what HelpDesk means by "the unblocks", and never a guess, since
//! the records shown carry their full names. A verb no action has is refused, listing
//! the names.

use std::io::Write;
use std::str::FromStr;
use std::time::Duration;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Subcommand};

use super::change::{confirm, with_reason, ChangeArgs};
use super::errors::{CliError, CONFLICT, NOT_FOUND};
use super::pages;
use super::when::{resolve_range, When};
use super::Context;
use crate::api::{
    ApiTokenView, AuditAction, AuditOutcome, AuditQuery, CreateApiToken, ErrorCode, Login,
    MilleKod, Scope,
};
use crate::client::Client;
use crate::domain::display_text::{DisplayName, Reason};
use crate::output::{Format, Tabular};

#[derive(Debug, Subcommand)]
pub enum ApiTokenCommand {
    /// Create a token for a batch script; prints it once (it is never shown again).
    Create {
        /// A name saying which script uses it, e.g. "nightly-unblock-report"; unique
        /// among all tokens, revoked ones included, as the audit names tokens by it.
        name: DisplayName,
        /// What the token may do (repeat or separate with commas).
        #[arg(long = "scope", value_name = "SCOPE", required = true, num_args = 1.., value_delimiter = ',',
              value_parser = scope_parser())]
        scopes: Vec<Scope>,
        /// Lifetime: 30d, 12h, 90m or 3600s [default: 30 days; at most 365 days].
        #[arg(long)]
        expires_in: Option<Span>,
        /// Why: a ticket number or a few words, kept in the audit.
        #[arg(long)]
        reason: Option<Reason>,
    },
    /// List the API tokens, revoked ones included.
    List {
        /// Print at most N tokens [default: every one]. The server sends the whole
        /// list; this cuts it here.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..),
              conflicts_with = "all")]
        limit: Option<u32>,
        /// Print every token (the default).
        #[arg(long)]
        all: bool,
    },
    /// Revoke a token at once; scripts using it get "not authenticated".
    Revoke {
        /// The token's id (from `millectl api-token list`).
        id: String,
        #[command(flatten)]
        change: ChangeArgs,
    },
}

/// `millectl audit`: who did what, newest first.
#[derive(Debug, Default, Args)]
pub struct AuditArgs {
    /// Only records about this company.
    #[arg(long)]
    pub millekod: Option<MilleKod>,
    /// Only records about this login.
    #[arg(long)]
    pub login: Option<Login>,
    /// Only records from this time on: a span back from now (90m, 1h30m, 2d, 1w), a
    /// date-time in the local time zone (TZ) such as 2026-11-30 14:02 (or 2026-11-30
    /// for its midnight), or one with Z or an offset (2026-11-30T13:02:00Z, +01:00).
    #[arg(long, value_name = "SPAN|TIME")]
    pub since: Option<When>,
    /// Only records up to this time (inclusive), written as for --since.
    #[arg(long, value_name = "SPAN|TIME")]
    pub until: Option<When>,
    /// Only these actions: a full name (user.unblock) or a verb (unblock: every
    /// action ending in .unblock); repeat it or separate with commas for several.
    #[arg(long, value_name = "ACTION", value_delimiter = ',', value_parser = action_parser(),
          hide_possible_values = true)]
    pub action: Vec<ActionChoice>,
    /// Only this outcome.
    #[arg(long, value_parser = outcome_parser())]
    pub outcome: Option<AuditOutcome>,
    /// Only what this actor did: a login or token name (helpdesk), or the audit's whole
    /// actor (operator:helpdesk, user:12345678/anna, token:batch, anonymous).
    #[arg(long, value_name = "NAME")]
    pub actor: Option<String>,
    /// Print at most N records, newest first [default: 100]; any N, read a page of
    /// at most 1000 at a time.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..),
          conflicts_with = "all")]
    pub limit: Option<u32>,
    /// Print every matching record, back to the first.
    #[arg(long)]
    pub all: bool,
}

/// Records `audit` prints without `--limit` or `--all`.
const AUDIT_DEFAULT: u32 = 100;

pub async fn audit(ctx: &Context, args: AuditArgs) -> anyhow::Result<()> {
    let (since, until) = resolve_range(&ctx.clock(), args.since.as_ref(), args.until.as_ref())?;
    let client = ctx.client()?;
    let query = AuditQuery {
        millekod: args.millekod,
        login: args.login,
        action: args
            .action
            .into_iter()
            .flat_map(|choice| choice.0)
            .collect(),
        outcome: args.outcome,
        actor: args.actor,
        since,
        until,
        limit: None,
        cursor: None,
    };
    let wanted = pages::wanted(args.limit, args.all, Some(AUDIT_DEFAULT));
    pages::print_pages(&ctx.output, wanted, "audit records", |cursor, limit| {
        let query = AuditQuery {
            cursor,
            limit: Some(limit),
            ..query.clone()
        };
        let client = &client;
        async move {
            let page = client.audit(&query).await?;
            Ok((page.records, page.next_cursor))
        }
    })
    .await
}

/// The actions one `--action` value selects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionChoice(Vec<AuditAction>);

/// What follows an action's last `.` (`unblock` of `user.unblock`), or the whole name.
fn verb_of(action: AuditAction) -> &'static str {
    let name = action.as_str();
    name.rsplit_once('.').map_or(name, |(_, verb)| verb)
}

impl FromStr for ActionChoice {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if let Ok(action) = AuditAction::from_str(text) {
            return Ok(ActionChoice(vec![action]));
        }
        let selected: Vec<AuditAction> = AuditAction::ALL
            .iter()
            .copied()
            .filter(|&action| verb_of(action) == text)
            .collect();
        if selected.is_empty() {
            let known: Vec<&str> = AuditAction::ALL.iter().map(|a| a.as_str()).collect();
            return Err(format!(
                "no audit action is named or ends in {text:?}; known: {}",
                known.join(", ")
            ));
        }
        Ok(ActionChoice(selected))
    }
}

/// Full names and verbs as possible values (for completions), read by `ActionChoice`.
fn action_parser() -> impl TypedValueParser<Value = ActionChoice> {
    let mut names: Vec<&'static str> = AuditAction::ALL.iter().map(|a| a.as_str()).collect();
    for &action in AuditAction::ALL {
        if !names.contains(&verb_of(action)) {
            names.push(verb_of(action));
        }
    }
    PossibleValuesParser::new(names).try_map(|text| ActionChoice::from_str(&text))
}

fn outcome_parser() -> impl TypedValueParser<Value = AuditOutcome> {
    PossibleValuesParser::new(AuditOutcome::ALL.iter().map(|o| o.as_str()))
        .try_map(|text| AuditOutcome::from_str(&text))
}

/// The scopes as clap possible values, so help and completions list them.
fn scope_parser() -> impl TypedValueParser<Value = Scope> {
    PossibleValuesParser::new(Scope::ALL.map(Scope::as_str)).try_map(|text| Scope::from_str(&text))
}

/// A span of time as people type it: a whole number and a unit, `s`, `m`, `h` or `d`
/// (`3600s`, `90m`, `12h`, `30d`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span(Duration);

impl Span {
    pub fn as_duration(self) -> Duration {
        self.0
    }
}

impl FromStr for Span {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wrong = || format!("{text:?} is not a span of time; e.g. 3600s, 90m, 12h or 30d");
        let text = text.trim();
        let unit_at = text.len().checked_sub(1).ok_or_else(wrong)?;
        let (number, unit) = text.split_at(unit_at);
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(wrong());
        }
        let number: u64 = number.parse().map_err(|_| wrong())?;
        let unit_s = match unit {
            "s" => 1,
            "m" => 60,
            "h" => 3600,
            "d" => 86_400,
            _ => return Err(wrong()),
        };
        match number.checked_mul(unit_s) {
            Some(0) => Err(format!("{text:?} is no time at all")),
            Some(seconds) => Ok(Self(Duration::from_secs(seconds))),
            None => Err(wrong()),
        }
    }
}

pub async fn api_token(ctx: &Context, command: ApiTokenCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    match command {
        ApiTokenCommand::Create {
            name,
            scopes,
            expires_in,
            reason,
        } => {
            let request = |reason| CreateApiToken {
                name: name.to_string(),
                scopes: scopes.clone(),
                expires_in_s: expires_in.map(|s| s.as_duration().as_secs()),
                reason,
            };
            let created = with_reason(ctx, reason, |reason| {
                let client: Client = client.clone();
                let request = request(reason);
                async move { client.create_api_token(&request).await }
            })
            .await
            .map_err(|err| match err.downcast::<crate::client::ClientError>() {
                Ok(e) if e.code() == Some(ErrorCode::AlreadyExists) => {
                    CliError::new(CONFLICT, e.to_string())
                        .hint(format!(
                            "`{}` shows the names taken",
                            super::fixes::command("api-token list")
                        ))
                        .into()
                }
                Ok(e) => e.into(),
                Err(other) => other,
            })?;
            let mut out = std::io::stdout().lock();
            match ctx.output.format {
                Format::Json => ctx.output.json(&mut out, &created)?,
                Format::Csv => {
                    let mut writer = csv::Writer::from_writer(&mut out);
                    let columns = ApiTokenView::columns();
                    let mut header = vec!["token"];
                    header.extend(columns.iter().map(|c| c.key));
                    writer.write_record(header)?;
                    // The token is base64url (no formula can be spelled in it) and must
                    // stay exact; the rest (the name) never starts a formula.
                    let mut row = vec![created.token.expose().to_owned()];
                    row.extend(
                        columns
                            .iter()
                            .zip(created.api_token.values())
                            .map(|(c, v)| {
                                crate::output::csv_safe::cell(c.key, &v.for_scripts()).into_owned()
                            }),
                    );
                    writer.write_record(row)?;
                    writer.flush()?;
                }
                Format::Table | Format::Wide => {
                    writeln!(out, "{}", created.token.expose())?;
                    out.flush()?;
                    let mut err = std::io::stderr().lock();
                    ctx.output.record(&mut err, &created.api_token)?;
                    eprintln!(
                        "The token above is shown this once; keep it in the script's secret \
                         store and give it to millectl as MILLECTL_TOKEN."
                    );
                }
            }
            Ok(())
        }
        ApiTokenCommand::List { limit, all } => {
            let list = client.list_api_tokens().await?;
            let wanted = pages::wanted(limit, all, None);
            pages::print_cut(&ctx.output, wanted, "API tokens", list.api_tokens)
        }
        ApiTokenCommand::Revoke { id, change } => {
            // Name the token in the question when we can see it; the server has the
            // last word on whether it exists.
            let known = client
                .list_api_tokens()
                .await?
                .api_tokens
                .into_iter()
                .find(|t| t.id == id);
            let question = match &known {
                Some(token) if token.revoked_at.is_some() => {
                    eprintln!("API token {id} ({:?}) is already revoked.", token.name);
                    return Ok(());
                }
                Some(token) => format!(
                    "Revoke API token {:?} ({id}) of {}? Scripts using it stop working.",
                    token.name, token.created_by
                ),
                None => format!("Revoke API token {id}? Scripts using it stop working."),
            };
            confirm(ctx, &change, &question)?;
            with_reason(ctx, change.reason.clone(), |reason| {
                let client: Client = client.clone();
                let id = id.clone();
                async move { client.revoke_api_token(&id, reason).await }
            })
            .await
            .map_err(|err| match err.downcast::<crate::client::ClientError>() {
                Ok(e) if e.code() == Some(ErrorCode::NotFound) => {
                    CliError::new(NOT_FOUND, format!("no API token with id {id}"))
                        .hint(format!(
                            "`{}` shows the ids",
                            super::fixes::command("api-token list")
                        ))
                        .into()
                }
                Ok(e) => e.into(),
                Err(other) => other,
            })?;
            eprintln!("API token {id} revoked.");
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_by_full_name_or_by_verb() {
        let choice = |t: &str| ActionChoice::from_str(t).map(|c| c.0);
        assert_eq!(choice("user.unblock"), Ok(vec![AuditAction::UserUnblock]));
        assert_eq!(
            choice("unblock"),
            Ok(vec![AuditAction::UserUnblock, AuditAction::OperatorUnblock])
        );
        assert_eq!(choice("login"), Ok(vec![AuditAction::Login]));
        assert_eq!(choice("show"), Ok(vec![AuditAction::UserShow]));
        for wrong in ["", "user", "unblok", "user.", "USER.UNBLOCK", "'; --"] {
            let err = choice(wrong).unwrap_err();
            assert!(
                err.starts_with("no audit action is named"),
                "{wrong:?}: {err}"
            );
        }
    }

    #[test]
    fn spans_take_a_number_and_a_unit() {
        let secs = |t: &str| t.parse::<Span>().map(|s| s.as_duration().as_secs());
        assert_eq!(secs("3600s"), Ok(3600));
        assert_eq!(secs("90m"), Ok(5400));
        assert_eq!(secs("12h"), Ok(43_200));
        assert_eq!(secs("30d"), Ok(2_592_000));
        for bad in [
            "",
            "d",
            "30",
            "-1h",
            "1.5h",
            "1w",
            "0s",
            "h1",
            "99999999999999999999d",
        ] {
            assert!(bad.parse::<Span>().is_err(), "{bad:?} parsed");
        }
    }
}
