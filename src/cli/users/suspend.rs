//! `user suspend` and `user release` (issue 15): HelpDesk blocks a user on purpose — a
//! lost token, suspected fraud, an employee who left — and lifts it again. Beside
//! `unblock`, which lifts a lockout by wrong attempts and never a suspension.
//!
//! Both show the user first and ask before changing anything (`--yes` in scripts);
//! a suspension needs a reason, always, since it is what HelpDesk reads when the user
//! calls. The server decides who may (operators only) and refuses a second
//! suspension or a release of nobody; the CLI checks the status first only to say so
//! in the helpdesk's words before asking.

use clap::Args;

use super::super::change::{confirm, with_reason, ChangeArgs};
use super::super::errors::{self, CliError};
use super::super::Context;
use super::not_found_names;
use crate::api::{Login, MilleKod, ReleaseRequest, SuspendRequest, UserStatus, UserView};
use crate::client::Client;
use crate::domain::display_text::Reason;

/// `millectl user suspend LOGIN --millekod M --reason TEXT`.
#[derive(Debug, Clone, Args)]
pub struct SuspendArgs {
    /// The user's login.
    pub login: Login,
    /// Company code.
    #[arg(long)]
    pub millekod: MilleKod,
    /// Why (required): a ticket number or a few words, shown with the user and kept
    /// in the audit, e.g. "lost token, ticket 4411".
    #[arg(long)]
    pub reason: Reason,
    /// Do not ask for confirmation.
    #[arg(long, short = 'y')]
    pub yes: bool,
}

/// `millectl user release LOGIN --millekod M [--reason TEXT]`.
#[derive(Debug, Clone, Args)]
pub struct ReleaseArgs {
    /// The suspended user's login.
    pub login: Login,
    /// Company code.
    #[arg(long)]
    pub millekod: MilleKod,
    #[command(flatten)]
    pub change: ChangeArgs,
}

pub async fn suspend(ctx: &Context, args: SuspendArgs) -> anyhow::Result<()> {
    let SuspendArgs {
        login,
        millekod,
        reason,
        yes,
    } = args;
    let client = ctx.client()?;
    let before = show(&client, &millekod, &login).await?;
    if let Some(current) = &before.suspension {
        return Err(CliError::new(
            errors::CONFLICT,
            format!(
                "user '{login}' in MilleKod {millekod} is suspended already (by {}: {}); nothing changed",
                current.suspended_by, current.reason
            ),
        )
        .hint(format!(
            "to change the reason, release first: `{}`",
            super::super::fixes::release(&login, &millekod)
        ))
        .into());
    }
    print_before(ctx, &before)?;
    let question = format!(
        "Suspend '{login}' of MilleKod {millekod} (\"{reason}\")? Their sessions end and \
         every login is refused until HelpDesk releases it."
    );
    let change = ChangeArgs {
        reason: Some(reason.clone()),
        yes,
    };
    confirm(ctx, &change, &question)?;
    let request = SuspendRequest {
        reason: reason.to_string(),
    };
    let after = client
        .suspend_user(&millekod, &login, &request)
        .await
        .map_err(|e| not_found_names(e, &millekod, &login))?;
    if !ctx.json() {
        eprintln!(
            "Suspended. Tell the caller: logging in is refused until HelpDesk releases it \
             (millectl user release {login} --millekod {millekod})."
        );
    }
    let mut out = std::io::stdout().lock();
    ctx.output.record(&mut out, &after)
}

pub async fn release(ctx: &Context, args: ReleaseArgs) -> anyhow::Result<()> {
    let ReleaseArgs {
        login,
        millekod,
        change,
    } = args;
    let client = ctx.client()?;
    let before = show(&client, &millekod, &login).await?;
    let Some(suspension) = &before.suspension else {
        return Err(CliError::new(
            errors::CONFLICT,
            format!(
                "user '{login}' in MilleKod {millekod} is not suspended ({}); nothing to release",
                before.status.as_str()
            ),
        )
        .into());
    };
    print_before(ctx, &before)?;
    let question = format!(
        "Release the suspension of '{login}' of MilleKod {millekod} (by {}: \"{}\")? They \
         return to {}.",
        suspension.suspended_by,
        suspension.reason,
        suspension.returns_to.as_str()
    );
    confirm(ctx, &change, &question)?;
    let after = with_reason(ctx, change.reason.clone(), |reason| {
        let client: Client = client.clone();
        let (millekod, login) = (millekod.clone(), login.clone());
        async move {
            client
                .release_user(&millekod, &login, &ReleaseRequest { reason })
                .await
        }
    })
    .await?;
    if !ctx.json() {
        eprintln!("{}", next_step(&after));
    }
    let mut out = std::io::stdout().lock();
    ctx.output.record(&mut out, &after)
}

/// What the user can do after a release, in words for the caller.
fn next_step(after: &UserView) -> String {
    let (login, millekod) = (&after.login, &after.millekod);
    match after.status {
        UserStatus::Blocked => format!(
            "Released; the user is still blocked by wrong attempts: millectl unblock \
             current-password {login} --millekod {millekod} (or new-password)."
        ),
        UserStatus::PendingActivation => {
            "Released; the user can now log in for the first time with the envelope's password."
                .to_owned()
        }
        UserStatus::AwaitingNewPassword => {
            "Released; the user can now set a new password with the one-time access password."
                .to_owned()
        }
        UserStatus::Active | UserStatus::Suspended => {
            "Released; the user can log in again.".to_owned()
        }
    }
}

/// The CLI's answer when the server refuses an unblock because the user is suspended:
/// no unblock lifts a suspension, so it names the release command (HelpDesk only).
pub fn unblock_refused(login: &Login, millekod: &MilleKod) -> CliError {
    CliError::new(
        errors::CONFLICT,
        format!(
            "user '{login}' in MilleKod {millekod} is suspended by the bank; \
             no unblock lifts a suspension (`millectl user show {login} --millekod {millekod}` \
             shows by whom and why)"
        ),
    )
    .hint(format!(
        "HelpDesk releases it first: `{}`",
        super::super::fixes::release(login, millekod)
    ))
}

async fn show(client: &Client, millekod: &MilleKod, login: &Login) -> anyhow::Result<UserView> {
    client
        .show_user(millekod, login, false)
        .await
        .map_err(|e| not_found_names(e, millekod, login))
}

fn print_before(ctx: &Context, before: &UserView) -> anyhow::Result<()> {
    if !ctx.json() {
        eprintln!("Before:");
        ctx.output.record(&mut std::io::stderr().lock(), before)?;
    }
    Ok(())
}
