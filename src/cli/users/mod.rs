//! `user show|list|find|history|require-password-change|suspend|release|resend`,
//! `unblock current-password|new-password`, `phone set`. Several users at once:
//! `bulk.rs`; what the user does next: `next.rs`.

mod bulk;
mod find;
mod history;
mod next;
mod resend;
mod suspend;

pub use find::{Filters, FindArgs};
pub use history::HistoryArgs;

use clap::Subcommand;

use super::change::{confirm, with_reason, ChangeArgs};
use super::errors::CliError;
use super::Context;
use crate::api::{
    ErrorCode, Login, MilleKod, PasswordResetRequest, SetPhoneRequest, UnblockMode, UnblockRequest,
    UserView,
};
use crate::client::{Client, ClientError, Unblocked};
use crate::domain::phone::PhoneNumber;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Show one user: status, attempts, authorization tool, phone (masked).
    Show {
        /// The user's login.
        login: Login,
        /// Company code [default: your own, for co-users].
        #[arg(long)]
        millekod: Option<MilleKod>,
        /// Show the whole phone number (recorded in the audit).
        #[arg(long)]
        reveal_phone: bool,
    },
    /// List the users of a company, filtered.
    List(find::ListArgs),
    /// Find users across companies (a co-user: in their own) by login, name, the
    /// phone's last digits or MilleKod.
    Find(find::FindArgs),
    /// Make a user set a new password at their next login (e.g. one stored under an
    /// old scheme): a one-time access password goes by SMS (without a mobile number,
    /// in an envelope from back-office) and their sessions end. For an active or
    /// blocked user with a mobile number or a token.
    RequirePasswordChange {
        /// The user's login.
        login: Login,
        /// Company code [default: your own, for co-users].
        #[arg(long)]
        millekod: Option<MilleKod>,
        #[command(flatten)]
        change: ChangeArgs,
    },
    /// Block a user on purpose (lost token, suspected fraud, left the company), with
    /// a reason: their sessions end and every login is refused until HelpDesk
    /// releases it. No unblock lifts it. HelpDesk only.
    Suspend(suspend::SuspendArgs),
    /// Lift a suspension: the user returns to the status they were suspended from (a
    /// blocked user stays blocked until unblocked). HelpDesk only.
    Release(suspend::ReleaseArgs),
    /// Send a fresh one-time access password by SMS to users awaiting a new password
    /// or a first login (the old one stops working); at most 3 per user per hour.
    Resend(resend::ResendArgs),
    /// Why is this user blocked: their login attempts (when, from where, which factor
    /// failed, attempts left) and every administrative action on them, newest first.
    History(history::HistoryArgs),
}

#[derive(Debug, Subcommand)]
pub enum UnblockCommand {
    /// The user remembers the password: grant three more attempts with it.
    CurrentPassword {
        /// The blocked users' logins (one, or several).
        logins: Vec<Login>,
        /// Company code [default: your own, for co-users].
        #[arg(long)]
        millekod: Option<MilleKod>,
        /// Read the users from FILE (`-`: stdin): one login, or millekod;login, per
        /// line; blank lines and # comments are skipped.
        #[arg(long, value_name = "FILE|-")]
        from: Option<std::path::PathBuf>,
        #[command(flatten)]
        change: ChangeArgs,
    },
    /// The user forgot it: a one-time access password goes by SMS (or, without a
    /// mobile number, in an envelope from back-office) and the next login sets a new
    /// password (needs a registered mobile number or a token).
    NewPassword {
        /// The blocked users' logins (one, or several).
        logins: Vec<Login>,
        /// Company code [default: your own, for co-users].
        #[arg(long)]
        millekod: Option<MilleKod>,
        /// Read the users from FILE (`-`: stdin): one login, or millekod;login, per
        /// line; blank lines and # comments are skipped.
        #[arg(long, value_name = "FILE|-")]
        from: Option<std::path::PathBuf>,
        #[command(flatten)]
        change: ChangeArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum PhoneCommand {
    /// Set a user's mobile number, as people type it: "601 234 567",
    /// "+48601234567", "0048 601-234-567" (default region PL).
    Set {
        /// The user's login.
        login: Login,
        /// The mobile number.
        phone: String,
        /// Company code [default: your own, for co-users].
        #[arg(long)]
        millekod: Option<MilleKod>,
        #[command(flatten)]
        change: ChangeArgs,
    },
    /// Change many users' numbers from a CSV file (millekod,login,phone[,expected_phone]),
    /// in chunks, resumable after an interruption: run the same command again.
    Import(super::import::ImportArgs),
}

pub async fn user(ctx: &Context, command: UserCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let mut out = std::io::stdout().lock();
    match command {
        UserCommand::Show {
            login,
            millekod,
            reveal_phone,
        } => {
            let millekod = ctx.millekod(&client, millekod).await?;
            let user = client
                .show_user(&millekod, &login, reveal_phone)
                .await
                .map_err(|e| not_found_names(e, &millekod, &login))?;
            history::print_show(ctx, &mut out, &user)
        }
        UserCommand::History(args) => history::history(ctx, args).await,
        UserCommand::List(args) => find::list(ctx, &client, args).await,
        UserCommand::Find(args) => find::find(ctx, &client, args).await,
        UserCommand::RequirePasswordChange {
            login,
            millekod,
            change,
        } => {
            let millekod = ctx.millekod(&client, millekod).await?;
            let after = require_password_change(ctx, &client, &millekod, &login, change).await?;
            let next = next::after_unblock(&after);
            print_unblocked(ctx, &mut out, after, "No password change required yet")?;
            say_next(ctx, &next);
            Ok(())
        }
        UserCommand::Suspend(args) => suspend::suspend(ctx, args).await,
        UserCommand::Release(args) => suspend::release(ctx, args).await,
        UserCommand::Resend(args) => resend::run(ctx, args).await,
    }
}

/// Preview (a dry run) and ask, then require a new password of the user.
async fn require_password_change(
    ctx: &Context,
    client: &Client,
    millekod: &MilleKod,
    login: &Login,
    change: ChangeArgs,
) -> anyhow::Result<Unblocked> {
    // Issue 15: no separate read (and `user.show` record) before the write. With
    // `--yes` nothing is previewed; on a terminal a dry run of the change itself
    // (authorised and refused exactly like it, audited under `user.password_reset`)
    // shows the user before asking.
    let send = |dry_run: bool| {
        with_reason(ctx, change.reason.clone(), move |reason| {
            let client: Client = client.clone();
            let (millekod, login) = (millekod.clone(), login.clone());
            let request = PasswordResetRequest { reason, dry_run };
            async move {
                client
                    .require_password_change(&millekod, &login, &request)
                    .await
            }
        })
    };
    let named = |err: anyhow::Error| match err.downcast::<ClientError>() {
        Ok(err) => not_found_names(err, millekod, login),
        Err(other) => other,
    };
    let preview = async { send(true).await.map_err(named) };
    confirm_after_preview(ctx, &change, preview, |before| {
        let delivery = match before.phone {
            Some(_) => "a one-time access password goes by SMS",
            None => {
                "no mobile number: the one-time access password comes in an envelope from back-office"
            }
        };
        format!(
            "Make '{login}' of MilleKod {millekod} set a new password at the next login ({delivery}; their sessions end)?"
        )
    })
    .await?;
    send(false).await.map_err(named)
}

/// Before a write: unless `--yes`, show the user as a dry run of the write itself
/// answers (`preview`; issue 15: no separate `user.show` read) and ask `question` of
/// them. Without a terminal and without `--yes`, refuse before anything is sent.
async fn confirm_after_preview(
    ctx: &Context,
    change: &ChangeArgs,
    preview: impl std::future::Future<Output = anyhow::Result<Unblocked>>,
    question: impl FnOnce(&UserView) -> String,
) -> anyhow::Result<()> {
    if change.yes {
        return Ok(());
    }
    if !ctx.interactive() {
        confirm(ctx, change, "")?;
    }
    let before = match preview.await? {
        Unblocked::Done(before) => before,
        Unblocked::AwaitingApproval(_) => {
            return Err(
                CliError::new(super::errors::OTHER, "unexpected answer to a dry run").into(),
            )
        }
    };
    if !ctx.json() {
        eprintln!("Before:");
        ctx.output.record(&mut std::io::stderr().lock(), &before)?;
    }
    confirm(ctx, change, &question(&before))
}

/// The user after the change, or the request a second operator must approve.
fn print_unblocked(
    ctx: &Context,
    out: &mut impl std::io::Write,
    after: Unblocked,
    held: &str,
) -> anyhow::Result<()> {
    match after {
        Unblocked::Done(after) => {
            if !ctx.json() {
                eprintln!("After:");
            }
            ctx.output.record(out, &after)
        }
        // Held after a phone change: nothing was sent; a second operator decides.
        Unblocked::AwaitingApproval(pending) => {
            if !ctx.json() {
                eprintln!(
                    "{held}: {}.\nAnother operator approves with: millectl approve {}",
                    pending.detail, pending.id
                );
            }
            ctx.output.record(out, &pending)
        }
    }
}

/// Say which user was not found, in the bank's words.
fn not_found_names(err: ClientError, millekod: &MilleKod, login: &Login) -> anyhow::Error {
    if err.code() == Some(ErrorCode::NoAuthorizationTool) {
        return super::fixes::no_phone_or_token(login, millekod).into();
    }
    if err.code() == Some(ErrorCode::Suspended) {
        let release = super::fixes::release(login, millekod);
        return CliError::new(super::errors::CONFLICT, err.to_string())
            .hint(format!("HelpDesk releases it first: `{release}`"))
            .into();
    }
    if err.code() == Some(ErrorCode::NotFound) {
        return CliError::new(
            super::errors::NOT_FOUND,
            format!("no user '{login}' in MilleKod {millekod}"),
        )
        .hint(format!(
            "check the login and --millekod; `{}` lists them",
            super::fixes::command(&format!("user list --millekod {millekod}"))
        ))
        .into();
    }
    err.into()
}

pub async fn unblock(ctx: &Context, command: UnblockCommand) -> anyhow::Result<()> {
    let (logins, millekod, from, change, mode) = match command {
        UnblockCommand::CurrentPassword {
            logins,
            millekod,
            from,
            change,
        } => (logins, millekod, from, change, UnblockMode::CurrentPassword),
        UnblockCommand::NewPassword {
            logins,
            millekod,
            from,
            change,
        } => (logins, millekod, from, change, UnblockMode::NewPassword),
    };
    let login = match (logins.as_slice(), &from) {
        ([login], None) => login.clone(),
        _ => return unblock_many(ctx, &logins, from.as_ref(), millekod, change, mode).await,
    };
    let client = ctx.client()?;
    let millekod = ctx.millekod(&client, millekod).await?;
    // Issue 15: no separate read (and `user.show` record) before the write. With
    // `--yes` nothing is previewed; on a terminal a dry run of the unblock itself
    // (authorised and refused exactly like it, audited under `user.unblock`) shows the
    // user before asking.
    let send = |dry_run: bool| {
        let (client, millekod, login) = (&client, &millekod, &login);
        with_reason(ctx, change.reason.clone(), move |reason| {
            let client: Client = client.clone();
            let (millekod, login) = (millekod.clone(), login.clone());
            let request = UnblockRequest {
                mode,
                reason,
                dry_run,
            };
            async move { client.unblock(&millekod, &login, &request).await }
        })
    };
    let refused = |err: anyhow::Error| match err.downcast::<ClientError>() {
        Ok(err) if err.code() == Some(ErrorCode::NotBlocked) => CliError::new(
            super::errors::CONFLICT,
            format!("user '{login}' in MilleKod {millekod} is not blocked; nothing to unblock"),
        )
        .hint(format!(
            "`{}` shows where they stand",
            super::fixes::command(&format!("user show {login} --millekod {millekod}"))
        ))
        .into(),
        Ok(err) if err.code() == Some(ErrorCode::Suspended) => {
            suspend::unblock_refused(&login, &millekod).into()
        }
        Ok(err) => not_found_names(err, &millekod, &login),
        Err(other) => other,
    };
    let preview = async { send(true).await.map_err(refused) };
    confirm_after_preview(ctx, &change, preview, |before| match mode {
        UnblockMode::CurrentPassword => {
            format!("Give '{login}' of MilleKod {millekod} three more attempts with the current password?")
        }
        UnblockMode::NewPassword if before.phone.is_some() => format!(
            "Let '{login}' of MilleKod {millekod} set a new password (a one-time access password goes by SMS)?"
        ),
        UnblockMode::NewPassword => format!(
            "Let '{login}' of MilleKod {millekod} set a new password (no mobile number: the one-time access password comes in an envelope from back-office)?"
        ),
    })
    .await?;
    let after = send(false).await.map_err(refused)?;
    let next = next::after_unblock(&after);
    let mut out = std::io::stdout().lock();
    print_unblocked(ctx, &mut out, after, "Not unblocked yet")?;
    say_next(ctx, &next);
    Ok(())
}

/// The user's next step, on stderr for people (JSON stays the user alone).
fn say_next(ctx: &Context, next: &str) {
    if !ctx.json() {
        eprintln!("Next: {next}");
    }
}

/// Unblock several users: one confirmation, a line each, a summary (`bulk.rs`). No
/// user is read first: the server's refusal (not found, not blocked) is the outcome.
async fn unblock_many(
    ctx: &Context,
    logins: &[Login],
    from: Option<&std::path::PathBuf>,
    millekod: Option<MilleKod>,
    change: ChangeArgs,
    mode: UnblockMode,
) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let targets = bulk::targets(ctx, &client, logins, from, millekod).await?;
    let what = match mode {
        UnblockMode::CurrentPassword => "Give three more attempts with the current password to",
        UnblockMode::NewPassword => "Let set a new password (access password by SMS)",
    };
    bulk::confirm_list(ctx, &change, &targets, what)?;
    let mut outcomes = Vec::with_capacity(targets.len());
    for target in &targets {
        let done = with_reason(ctx, change.reason.clone(), |reason| {
            let client: Client = client.clone();
            let (millekod, login) = (target.millekod.clone(), target.login.clone());
            async move {
                client
                    .unblock(
                        &millekod,
                        &login,
                        &UnblockRequest {
                            mode,
                            reason,
                            dry_run: false,
                        },
                    )
                    .await
            }
        })
        .await;
        outcomes.push(match done {
            Ok(after) => bulk::UserOutcome {
                millekod: target.millekod.clone(),
                login: target.login.clone(),
                outcome: match after {
                    Unblocked::Done(_) => bulk::Outcome::Ok,
                    Unblocked::AwaitingApproval(_) => bulk::Outcome::Held,
                },
                detail: next::after_unblock(&after),
            },
            Err(err) => match err.downcast::<ClientError>() {
                Ok(err) => bulk::failed(target, &err),
                Err(other) => return Err(other),
            },
        });
    }
    bulk::report(ctx, &outcomes, "unblocked")
}

pub async fn phone(ctx: &Context, command: PhoneCommand) -> anyhow::Result<()> {
    let (login, phone, millekod, change) = match command {
        PhoneCommand::Set {
            login,
            phone,
            millekod,
            change,
        } => (login, phone, millekod, change),
        PhoneCommand::Import(args) => return super::import::run(ctx, args).await,
    };
    // Checked here first, so a typo is caught before anything is sent.
    let number = PhoneNumber::parse(&phone).map_err(|e| CliError::invalid(e.to_string()))?;
    let client = ctx.client()?;
    let millekod = ctx.millekod(&client, millekod).await?;
    let question = format!(
        "Set the mobile number of '{login}' in MilleKod {millekod} to {}?",
        number.as_e164()
    );
    confirm(ctx, &change, &question)?;
    let after = with_reason(ctx, change.reason.clone(), |reason| {
        let client: Client = client.clone();
        let (millekod, login) = (millekod.clone(), login.clone());
        let phone = number.as_e164().to_owned();
        async move {
            client
                .set_phone(&millekod, &login, &SetPhoneRequest { phone, reason })
                .await
        }
    })
    .await
    .map_err(|e| match e.downcast::<ClientError>() {
        Ok(client_err) => not_found_names(client_err, &millekod, &login),
        Err(other) => other,
    })?;
    if !ctx.json() {
        eprintln!("Phone of '{login}' set to {}.", number.as_e164());
    }
    let mut out = std::io::stdout().lock();
    ctx.output.record(&mut out, &after)
}
