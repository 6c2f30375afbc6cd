//! `millectl envelope LOGIN`: back-office prints a one-time access password for a
//! sealed envelope (issue 11).
//!
//! A user without a mobile number on file (a token user, or one who lost the first
//! envelope) gets the second factor of the new-password flow this way, through a
//! channel HelpDesk does not control. The password is printed once, alone on stdout,
//! for the envelope; it is never stored in clear or shown again.

use clap::Args;

use super::change::{confirm, with_reason, ChangeArgs};
use super::Context;
use crate::api::{IssueEnvelope, Login, MilleKod};
use crate::client::Client;

#[derive(Debug, Args)]
pub struct EnvelopeArgs {
    /// The user awaiting a new password (after an unblock) or a first login.
    pub login: Login,
    /// Company code.
    #[arg(long)]
    pub millekod: MilleKod,
    #[command(flatten)]
    pub change: ChangeArgs,
}

pub async fn issue(ctx: &Context, args: EnvelopeArgs) -> anyhow::Result<()> {
    // A secret printed once, alone: no rows (and no JSON object either).
    super::formats::refuse_csv(ctx, "envelope")?;
    let client = ctx.client()?;
    let (login, millekod) = (args.login, args.millekod);
    let question = format!(
        "Issue a new envelope for '{login}' of MilleKod {millekod} (an earlier one stops working)?"
    );
    confirm(ctx, &args.change, &question)?;
    let issued = with_reason(ctx, args.change.reason.clone(), |reason| {
        let client: Client = client.clone();
        let (millekod, login) = (millekod.clone(), login.clone());
        async move {
            client
                .issue_envelope(&millekod, &login, &IssueEnvelope { reason })
                .await
        }
    })
    .await?;
    if !ctx.json() {
        eprintln!("One-time access password for the envelope of '{login}' (shown this once):");
    }
    let mut out = std::io::stdout().lock();
    std::io::Write::write_fmt(
        &mut out,
        format_args!("{}\n", issued.temporary_password.expose()),
    )?;
    Ok(())
}
