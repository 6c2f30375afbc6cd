//! `millectl demo`: the whole helpdesk job in one command, for a newcomer.
//!
//! It starts the dev server in this process (the same start as `server --dev`, on a
//! free loopback port, in a temporary directory), then runs the real command handlers
//! over HTTP with the real client, printing each command line before its output: log
//! in as the operator; a caller locks herself out; find her, show why she is blocked,
//! unblock her current password, read her timeline, fix marek's phone number, read the
//! audit trail. The session lives in memory only: the demo never reads or writes the
//! user's config, keyring or credentials file. Then it stops the server and the
//! directory goes away.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context as _;
use secrecy::SecretString;

use super::admin::{self, AuditArgs};
use super::change::ChangeArgs;
use super::users::{self, PhoneCommand, UnblockCommand, UserCommand};
use super::{Context, GlobalArgs};
use crate::api::{CompleteLogin, Login, MilleKod, Secret, StartLogin};
use crate::domain::otp::TotpSecret;
use crate::server::dev::{self, DevCredentials, DevOptions, DevServer, DEMO_MILLEKOD};
use crate::server::ServerOptions;

/// `println!` that returns the error (a closed pipe) instead of panicking.
macro_rules! outln {
    ($($arg:tt)*) => {
        std::io::Write::write_fmt(
            &mut std::io::stdout(),
            format_args!("{}\n", format_args!($($arg)*)),
        )
    };
}

pub async fn run(global: &GlobalArgs) -> anyhow::Result<()> {
    let listen: SocketAddr = "127.0.0.1:0".parse()?;
    eprintln!("Starting a throw-away dev server with demo data…");
    let DevServer {
        dir,
        credentials,
        server,
    } = dev::start(DevOptions {
        server: ServerOptions {
            listen,
            ..ServerOptions::default()
        },
        data_dir: None,
        seed_users: 0,
    })
    .await?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(server.serve_until(async {
        let _ = stopped.await;
    }));
    outln!(
        "Dev server at {} (company {DEMO_MILLEKOD}).",
        credentials.server
    )?;

    let walked = walk(global, &credentials).await;

    let _ = stop.send(());
    let served = tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .context("the demo server did not stop")?
        .context("the demo server failed")?;
    drop(dir);
    walked?;
    served?;
    outln!("")?;
    outln!("Done: the server is stopped and its data removed. Try it yourself with `millectl server --dev` and `millectl login`.")?;
    Ok(())
}

/// The main job, step by step, through the same handlers the commands use: a caller
/// who locked herself out is found, told why, unblocked, and her timeline read back.
async fn walk(global: &GlobalArgs, credentials: &DevCredentials) -> anyhow::Result<()> {
    let server = credentials.server.parse()?;
    let mut ctx = Context::in_memory(server, Context::output_of(global), global.verbose > 0);
    let millekod = MilleKod::parse(DEMO_MILLEKOD)?;
    let ewa = Login::parse("ewa")?;
    let marek = Login::parse("marek")?;
    let change = |reason: &str| ChangeArgs {
        reason: reason.parse().ok(),
        yes: true,
    };

    step("millectl login")?;
    ctx.session = Some(login_as_operator(&ctx, credentials).await?);

    outln!("")?;
    outln!(
        "A caller: \"I can't log in — Ewa Nowak, company {millekod}.\" (The demo first has \
         her type wrong password characters and a wrong SMS code three times, as she \
         did; the login page told her no more than \"login failed\".)"
    )?;
    lock_out(&ctx, credentials, &ewa).await?;

    step("millectl user find nowak")?;
    let find = UserCommand::Find(users::FindArgs {
        query: "nowak".to_owned(),
        millekod: None,
        filters: users::Filters::default(),
    });
    users::user(&ctx, find).await?;

    step(&format!("millectl user show ewa --millekod {millekod}"))?;
    let show = UserCommand::Show {
        login: ewa.clone(),
        millekod: Some(millekod.clone()),
        reveal_phone: false,
    };
    users::user(&ctx, show).await?;

    step(&format!(
        "millectl unblock current-password ewa --millekod {millekod} --reason DEMO-1 --yes"
    ))?;
    let unblock = UnblockCommand::CurrentPassword {
        logins: vec![ewa.clone()],
        millekod: Some(millekod.clone()),
        from: None,
        change: change("DEMO-1"),
    };
    users::unblock(&ctx, unblock).await?;

    step(&format!(
        "millectl user history ewa --millekod {millekod} --limit 5"
    ))?;
    let history = UserCommand::History(users::HistoryArgs {
        login: ewa,
        millekod: Some(millekod.clone()),
        since: None,
        limit: Some(5),
    });
    users::user(&ctx, history).await?;

    step(&format!(
        "millectl phone set marek \"601 234 999\" --millekod {millekod} --reason DEMO-2 --yes"
    ))?;
    let phone = PhoneCommand::Set {
        login: marek,
        phone: "601 234 999".to_owned(),
        millekod: Some(millekod.clone()),
        change: change("DEMO-2"),
    };
    users::phone(&ctx, phone).await?;

    step(&format!("millectl audit --millekod {millekod} --limit 6"))?;
    let audit = AuditArgs {
        millekod: Some(millekod),
        limit: Some(6),
        ..AuditArgs::default()
    };
    admin::audit(&ctx, audit).await
}

/// Three logins with wrong password characters and SMS code, as the caller typed
/// them: the server blocks her (R7) and keeps each attempt for HelpDesk's `user show`
/// and `user history`.
async fn lock_out(
    ctx: &Context,
    credentials: &DevCredentials,
    login: &Login,
) -> anyhow::Result<()> {
    let user = credentials
        .users
        .iter()
        .find(|u| u.login == login.as_str())
        .context("the demo user is not in the dev data")?;
    let password: Vec<char> = user
        .password
        .as_deref()
        .context("the demo user has no password")?
        .chars()
        .collect();
    let client = ctx.anonymous()?;
    for _ in 0..3 {
        let challenge = client
            .start_login(&StartLogin {
                millekod: Some(MilleKod::parse(&user.millekod)?),
                login: login.clone(),
            })
            .await?;
        let mut chars = BTreeMap::new();
        for position in challenge.password_positions.clone().unwrap_or_default() {
            let right = password.get(usize::from(position).saturating_sub(1));
            let wrong = if right == Some(&'x') { 'y' } else { 'x' };
            chars.insert(position.to_string(), Secret::new(wrong.to_string()));
        }
        let answer = CompleteLogin {
            password_chars: Some(chars),
            password: None,
            otp: Secret::new("000000".to_owned()),
            temporary_password: None,
            new_password: None,
        };
        // Refused, as it should be; what matters is what the server kept.
        let refused = client
            .complete_login(&challenge.challenge_id, &answer)
            .await;
        anyhow::ensure!(refused.is_err(), "a wrong answer logged the demo user in");
    }
    Ok(())
}

/// Print a command line before its output, as a person would have typed it.
fn step(command: &str) -> std::io::Result<()> {
    outln!("")?;
    outln!("$ {command}")
}

/// Log in as the dev operator the way `login --password-stdin` does: send only the
/// characters at the asked positions, and the token's current code.
async fn login_as_operator(
    ctx: &Context,
    credentials: &DevCredentials,
) -> anyhow::Result<SecretString> {
    let operator = &credentials.operator;
    let client = ctx.anonymous()?;
    let challenge = client
        .start_login(&StartLogin {
            millekod: None,
            login: Login::parse(&operator.login)?,
        })
        .await?;
    let password: Vec<char> = operator.password.chars().collect();
    let positions = challenge.password_positions.clone().unwrap_or_default();
    let mut chars = BTreeMap::new();
    for position in &positions {
        let c = password
            .get(usize::from(*position).saturating_sub(1))
            .context("the dev password is shorter than the asked position")?;
        chars.insert(position.to_string(), Secret::new(c.to_string()));
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs();
    let otp = TotpSecret::from_base32(&operator.totp_secret)
        .map_err(|e| anyhow::anyhow!("the dev token seed is unreadable: {e}"))?
        .code_at(now);
    let answer = CompleteLogin {
        password_chars: (!positions.is_empty()).then_some(chars),
        password: positions
            .is_empty()
            .then(|| Secret::new(operator.password.clone())),
        otp: Secret::new(otp),
        temporary_password: None,
        new_password: None,
    };
    let session = client
        .complete_login(&challenge.challenge_id, &answer)
        .await?;
    let list = positions
        .iter()
        .map(u8::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    outln!(
        "Login: {} (no MilleKod: a HelpDesk operator). The bank asks for characters {list} \
         of the password, then the code from the hardware token; the demo types them.",
        operator.login
    )?;
    outln!(
        "Logged in to {} as HelpDesk operator {} (session kept in memory only).",
        ctx.server,
        operator.login
    )?;
    Ok(SecretString::from(session.token.expose().to_owned()))
}
