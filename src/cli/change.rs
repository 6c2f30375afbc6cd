//! What every state-changing command shares: `--reason` (parsed at clap time into the
//! server's own [`Reason`], so the rule is stated once, in `domain`), `--yes`, the
//! confirmation asked on a terminal, and the reason asked for when the server demands
//! one. Users, unblocks, phones, imports, tokens, envelopes and approvals all use it.

use clap::Args;

use super::errors::{self, CliError};
use super::Context;
use crate::api::ErrorCode;
use crate::client::ClientError;
use crate::domain::display_text::Reason;

/// What every state-changing command takes.
#[derive(Debug, Clone, Args)]
pub struct ChangeArgs {
    /// Why: a ticket number or a few words, kept in the audit.
    #[arg(long)]
    pub reason: Option<Reason>,
    /// Do not ask for confirmation.
    #[arg(long, short = 'y')]
    pub yes: bool,
}

/// Ask before changing state: on a terminal a y/N prompt; without one, `--yes` or refuse.
pub fn confirm(ctx: &Context, change: &ChangeArgs, question: &str) -> anyhow::Result<()> {
    if change.yes {
        return Ok(());
    }
    if !ctx.interactive() {
        return Err(CliError::usage(
            "refusing to change anything without confirmation: no terminal to ask on",
        )
        .hint("pass --yes to confirm in scripts")
        .into());
    }
    let yes = dialoguer::Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact()?;
    if yes {
        Ok(())
    } else {
        Err(CliError::new(errors::OTHER, "cancelled; nothing changed").into())
    }
}

/// Send a change; where the server demands a reason and a person is at the terminal,
/// ask for one and send again (a refused request changed nothing, so this is safe).
pub async fn with_reason<T, F, Fut>(
    ctx: &Context,
    reason: Option<Reason>,
    send: F,
) -> anyhow::Result<T>
where
    F: Fn(Option<String>) -> Fut,
    Fut: std::future::Future<Output = Result<T, ClientError>>,
{
    let given = reason.as_ref().map(Reason::to_string);
    match send(given).await {
        Err(err)
            if err.code() == Some(ErrorCode::ReasonRequired)
                && reason.is_none()
                && ctx.interactive() =>
        {
            let text: String = dialoguer::Input::new()
                .with_prompt("Reason (ticket number or a few words)")
                .validate_with(|t: &String| Reason::parse(t).map(|_| ()).map_err(|e| e.to_string()))
                .interact_text()?;
            let reason = Reason::parse(&text).map_err(|e| CliError::invalid(e.to_string()))?;
            Ok(send(Some(reason.to_string())).await?)
        }
        other => Ok(other?),
    }
}
