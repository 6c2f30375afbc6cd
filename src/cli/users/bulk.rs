//! Several users at once (issue 15): `unblock current-password|new-password` and
//! `user resend` with several logins or `--from FILE|-`.
//!
//! One confirmation for the whole list (shown with its count; `--yes` skips it), then
//! one request per user, in order: one user's refusal or a transport failure is that
//! user's outcome line and never stops the others. A summary line follows on stderr,
//! and the exit code is `phone import`'s "some rows failed" (9) when any user was not
//! done. The list is read and checked whole before anything is sent: a malformed line
//! is reported with its number and nothing is done.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use serde::Serialize;

use super::super::change::{confirm, ChangeArgs};
use super::super::errors::{self, CliError};
use super::super::Context;
use crate::api::{ErrorCode, Login, MilleKod};
use crate::client::{Client, ClientError};
use crate::output::Tabular;

/// Lines of a `--from` list beyond this are refused (a typo'd path to a huge file).
const MAX_USERS: usize = 10_000;

/// One user of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub millekod: MilleKod,
    pub login: Login,
}

/// Read a list: one `login` or `millekod;login` per line; blank lines and `#` comments
/// are skipped. `default` is the MilleKod of a bare login.
pub fn parse_list(
    text: impl BufRead,
    default: Option<&MilleKod>,
    source: &str,
) -> anyhow::Result<Vec<Target>> {
    let mut targets = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let line = line.map_err(|e| CliError::invalid(format!("{source}: line {number}: {e}")))?;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |why: String| -> anyhow::Error {
            CliError::invalid(format!("{source}: line {number}: {why}; nothing was done"))
                .hint("one login, or millekod;login, per line")
                .into()
        };
        let (millekod, login) = match line.split_once(';') {
            Some((millekod, login)) => (
                MilleKod::parse(millekod.trim()).map_err(|e| bad(e.to_string()))?,
                login.trim(),
            ),
            None => match default {
                Some(millekod) => (millekod.clone(), line),
                None => {
                    return Err(bad(
                        "no MilleKod: write millekod;login or give --millekod".into()
                    ))
                }
            },
        };
        let login = Login::parse(login).map_err(|e| bad(e.to_string()))?;
        targets.push(Target { millekod, login });
        if targets.len() > MAX_USERS {
            return Err(bad(format!("more than {MAX_USERS} users")));
        }
    }
    if targets.is_empty() {
        return Err(
            CliError::invalid(format!("{source}: no users in it; nothing was done")).into(),
        );
    }
    Ok(targets)
}

/// The users a command names: its logins, or the `--from` list (`-`: stdin).
pub async fn targets(
    ctx: &Context,
    client: &Client,
    logins: &[Login],
    from: Option<&PathBuf>,
    millekod: Option<MilleKod>,
) -> anyhow::Result<Vec<Target>> {
    match (logins.is_empty(), from) {
        (false, Some(_)) => Err(CliError::usage("give logins or --from, not both").into()),
        (true, None) => Err(CliError::usage("give at least one login, or --from FILE|-").into()),
        (false, None) => {
            let millekod = ctx.millekod(client, millekod).await?;
            Ok(logins
                .iter()
                .map(|login| Target {
                    millekod: millekod.clone(),
                    login: login.clone(),
                })
                .collect())
        }
        (true, Some(path)) => {
            // A bare login needs a MilleKod: --millekod, or a co-user's own.
            let default = match millekod {
                Some(m) => Some(m),
                None => ctx.millekod(client, None).await.ok(),
            };
            if path.as_os_str() == "-" {
                parse_list(std::io::stdin().lock(), default.as_ref(), "stdin")
            } else {
                let file = std::fs::File::open(path).map_err(|e| {
                    CliError::invalid(format!("cannot read {}: {e}", path.display()))
                })?;
                let source = path.display().to_string();
                parse_list(std::io::BufReader::new(file), default.as_ref(), &source)
            }
        }
    }
}

/// Show the list and its count, then ask once.
pub fn confirm_list(
    ctx: &Context,
    change: &ChangeArgs,
    targets: &[Target],
    what: &str,
) -> anyhow::Result<()> {
    if !change.yes && !ctx.json() {
        let mut err = std::io::stderr().lock();
        for t in targets {
            writeln!(err, "  {}\t{}", t.millekod, t.login)?;
        }
    }
    let users = if targets.len() == 1 { "user" } else { "users" };
    confirm(
        ctx,
        change,
        &format!("{what} these {} {users}?", targets.len()),
    )
}

/// How one user's request ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Ok,
    /// Held for a second operator's approval.
    Held,
    NotFound,
    NotBlocked,
    Refused,
    /// Not sent, or no answer (network, server unavailable).
    Failed,
}

impl Outcome {
    fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Held => "held",
            Self::NotFound => "not found",
            Self::NotBlocked => "not blocked",
            Self::Refused => "refused",
            Self::Failed => "failed",
        }
    }
}

/// One user's line: who, how it ended, and what next (or why not).
#[derive(Debug, Clone, Serialize)]
pub struct UserOutcome {
    pub millekod: MilleKod,
    pub login: Login,
    pub outcome: Outcome,
    /// What the user does next (done), or why it was not done.
    pub detail: String,
}

impl Tabular for UserOutcome {
    fn headers() -> &'static [&'static str] {
        &["millekod", "login", "outcome", "detail"]
    }

    fn row(&self) -> Vec<String> {
        vec![
            self.millekod.to_string(),
            self.login.to_string(),
            self.outcome.as_str().to_owned(),
            self.detail.clone(),
        ]
    }
}

/// A failed request as that user's outcome.
pub fn failed(target: &Target, err: &ClientError) -> UserOutcome {
    let outcome = match err.code() {
        Some(ErrorCode::NotFound) => Outcome::NotFound,
        Some(ErrorCode::NotBlocked) => Outcome::NotBlocked,
        Some(_) => Outcome::Refused,
        None => Outcome::Failed,
    };
    let detail = match outcome {
        Outcome::NotFound => format!("no user '{}' in MilleKod {}", target.login, target.millekod),
        _ => err.to_string(),
    };
    UserOutcome {
        millekod: target.millekod.clone(),
        login: target.login.clone(),
        outcome,
        detail: detail.lines().next().unwrap_or_default().to_owned(),
    }
}

/// Print every outcome and the summary; an error (exit 9) if any user was not done.
pub fn report(ctx: &Context, outcomes: &[UserOutcome], done_word: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    ctx.output.list(&mut out, outcomes)?;
    let count = |o: Outcome| outcomes.iter().filter(|u| u.outcome == o).count();
    let mut parts = vec![format!("{} {done_word}", count(Outcome::Ok))];
    for outcome in [
        Outcome::Held,
        Outcome::NotFound,
        Outcome::NotBlocked,
        Outcome::Refused,
        Outcome::Failed,
    ] {
        let n = count(outcome);
        if n > 0 {
            parts.push(format!("{n} {}", outcome.as_str()));
        }
    }
    let summary = parts.join(", ");
    let not_done = outcomes.len() - count(Outcome::Ok) - count(Outcome::Held);
    if not_done > 0 {
        return Err(CliError::new(
            errors::ROWS_FAILED,
            format!("{summary} (of {})", outcomes.len()),
        )
        .into());
    }
    if !ctx.json() {
        eprintln!("{summary}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kod(s: &str) -> MilleKod {
        MilleKod::parse(s).unwrap()
    }

    #[test]
    fn a_list_skips_blanks_and_comments_and_takes_both_forms() {
        let text = "# helpdesk call 42\njan\n\n  87654321;olga  \n#marek\nmarek\n";
        let list = parse_list(text.as_bytes(), Some(&kod("12345678")), "f").unwrap();
        let names: Vec<String> = list
            .iter()
            .map(|t| format!("{}/{}", t.millekod, t.login))
            .collect();
        assert_eq!(names, ["12345678/jan", "87654321/olga", "12345678/marek"]);
    }

    #[test]
    fn a_malformed_line_names_its_number() {
        for (text, says) in [
            ("jan\n1234;ewa\n", "line 2"),
            ("jan\n\n12345678;\n", "line 3"),
            ("jan ewa\n", "line 1"),
            ("# only a comment\n", "no users"),
        ] {
            let err = parse_list(text.as_bytes(), Some(&kod("12345678")), "f").unwrap_err();
            assert!(err.to_string().contains(says), "{text:?}: {err}");
        }
        let err = parse_list("jan\n".as_bytes(), None, "f").unwrap_err();
        assert!(err.to_string().contains("no MilleKod"), "{err}");
    }
}
