//! `millectl user resend LOGIN... [--millekod M] [--from FILE|-]`: a fresh one-time
//! access password for users stuck half-way (issue 15), through the list machinery of
//! `bulk.rs` (one confirmation, a line per user, a summary) even for one user.

use std::path::PathBuf;

use clap::Args;

use super::bulk::{self, Outcome, UserOutcome};
use super::next;
use crate::api::{Login, MilleKod, ResendRequest};
use crate::cli::change::{with_reason, ChangeArgs};
use crate::cli::Context;
use crate::client::Client;

/// `user resend`.
#[derive(Debug, Args)]
pub struct ResendArgs {
    /// The users' logins (awaiting a new password or a first login).
    pub logins: Vec<Login>,
    /// Company code [default: your own, for co-users].
    #[arg(long)]
    pub millekod: Option<MilleKod>,
    /// Read the users from FILE (`-`: stdin): one login, or millekod;login, per line;
    /// blank lines and # comments are skipped.
    #[arg(long, value_name = "FILE|-")]
    pub from: Option<PathBuf>,
    #[command(flatten)]
    pub change: ChangeArgs,
}

pub async fn run(ctx: &Context, args: ResendArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let targets = bulk::targets(
        ctx,
        &client,
        &args.logins,
        args.from.as_ref(),
        args.millekod,
    )
    .await?;
    bulk::confirm_list(
        ctx,
        &args.change,
        &targets,
        "Send a new one-time access password by SMS to",
    )?;
    let mut outcomes = Vec::with_capacity(targets.len());
    for target in &targets {
        let sent = with_reason(ctx, args.change.reason.clone(), |reason| {
            let client: Client = client.clone();
            let (millekod, login) = (target.millekod.clone(), target.login.clone());
            async move {
                client
                    .resend_access_password(&millekod, &login, &ResendRequest { reason })
                    .await
            }
        })
        .await;
        outcomes.push(match sent {
            Ok(resent) => UserOutcome {
                millekod: target.millekod.clone(),
                login: target.login.clone(),
                outcome: Outcome::Ok,
                detail: next::after_resend(&resent),
            },
            Err(err) => match err.downcast::<crate::client::ClientError>() {
                Ok(err) => bulk::failed(target, &err),
                Err(other) => return Err(other),
            },
        });
    }
    bulk::report(ctx, &outcomes, "sent")
}
