//! `approve ID` and `approvals`: the second operator of maker–checker (issue 11).
//!
//! An unblock with a new password within the hold after a phone change waits for a
//! second, different operator: they list what waits, read who asked and why, and
//! approve one; only then does the one-time access password go by SMS.

use clap::Args;

use super::change::{confirm, with_reason, ChangeArgs};
use super::Context;
use crate::api::ApproveRequest;
use crate::client::Client;

#[derive(Debug, Args)]
pub struct ApproveArgs {
    /// The id of the request (from `millectl approvals`, or the unblock's output).
    pub id: String,
    #[command(flatten)]
    pub change: ChangeArgs,
}

/// `millectl approvals`: the requests waiting for a second operator.
pub async fn list(ctx: &Context) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let list = client.approvals().await?;
    // Long lists on a terminal go through $PAGER (output/pager.rs).
    let mut out = ctx.output.pager();
    ctx.output.list(&mut out, &list.approvals)?;
    out.finish()?;
    Ok(())
}

/// `millectl approve ID`: show the request, confirm, approve, show the user after.
pub async fn approve(ctx: &Context, args: ApproveArgs) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let waiting = client.approvals().await?;
    let mut err_out = std::io::stderr().lock();
    let question = match waiting.approvals.iter().find(|a| a.id == args.id) {
        Some(request) => {
            if !ctx.json() {
                eprintln!("Request:");
                ctx.output.record(&mut err_out, request)?;
            }
            format!(
                "Approve {} of '{}' in MilleKod {}, asked by {} (the access password goes by SMS now)?",
                request.action, request.login, request.millekod, request.requested_by
            )
        }
        None => format!("Approve request {}?", args.id),
    };
    confirm(ctx, &args.change, &question)?;
    let after = with_reason(ctx, args.change.reason.clone(), |reason| {
        let client: Client = client.clone();
        let id = args.id.clone();
        async move { client.approve(&id, &ApproveRequest { reason }).await }
    })
    .await?;
    let mut out = std::io::stdout().lock();
    if !ctx.json() {
        eprintln!("After:");
    }
    ctx.output.record(&mut out, &after)
}
