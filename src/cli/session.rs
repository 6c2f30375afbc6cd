//! `login`, `logout` and `whoami`.
//!
//! Logging in without a terminal (scripts, tests) reads secrets from stdin, one per
//! line, in the order the flow asks for them — never from the command line (R12: the
//! process list is readable by every user of the machine): the password (or, in the
//! first-login and new-password flows, the temporary password, then the new
//! password), then the one-time code. One stream for every secret, as `docker login
//! --password-stdin` reads its one: a script that knows the code up front writes it as
//! the next line; one that must wait for an SMS keeps stdin open and writes it when it
//! comes (the server has sent it once the challenge exists). `--otp CODE`, the old way,
//! still works but is hidden and warns.

use std::collections::BTreeMap;
use std::io::BufRead;

use clap::Args;
use secrecy::{ExposeSecret, SecretString};
use serde_json::json;

use super::credentials::{self, Source, StoredSession};
use super::errors::CliError;
use super::hidden::Hidden;
use super::origin::ServerOrigin;
use super::Context;
use crate::api::{
    AuthTool, Challenge, CompleteLogin, Flow, Login, MilleKod, PrincipalView, Secret,
    SessionCreated, StartLogin,
};
use crate::domain::masked_password::Password;
use crate::output::{Column, Tabular, Value};
use reqwest::Url;

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Company code; leave out for HelpDesk operators.
    #[arg(long)]
    pub millekod: Option<MilleKod>,
    /// Your login.
    #[arg(long)]
    pub login: Option<Login>,
    /// Read the secrets from stdin, one per line: the password (first login and new
    /// password: the temporary password, then the new one), then the one-time code.
    #[arg(long, conflicts_with = "with_token")]
    pub password_stdin: bool,
    /// Deprecated: the one-time code as an argument, visible in the process list; give
    /// it at the prompt, or on stdin after the password with --password-stdin.
    // Hidden from --help (completions still list it, as clap_complete does for every
    // hidden argument) and warned about when used; kept so old scripts keep working.
    #[arg(long, hide = true, conflicts_with = "with_token", value_name = "CODE")]
    pub otp: Option<String>,
    /// Read an API token from stdin and store it instead of logging in.
    #[arg(long)]
    pub with_token: bool,
}

/// Secrets read from stdin, one per line, in order.
struct StdinSecrets {
    lines: std::io::Lines<std::io::StdinLock<'static>>,
}

impl StdinSecrets {
    fn new() -> Self {
        Self {
            lines: std::io::stdin().lock().lines(),
        }
    }

    fn next(&mut self, what: &str) -> anyhow::Result<SecretString> {
        match self.lines.next() {
            Some(Ok(line)) if !line.is_empty() => {
                Ok(SecretString::from(line.trim_end_matches('\r').to_owned()))
            }
            Some(Err(err)) => {
                Err(CliError::invalid(format!("cannot read {what} from stdin: {err}")).into())
            }
            _ => Err(CliError::invalid(format!("stdin ended before {what}"))
                .hint("give one secret per line on stdin, in the order the login asks for them")
                .into()),
        }
    }
}

/// Where secrets come from: prompts for people, stdin lines for scripts.
enum Asker {
    Prompt,
    Stdin(StdinSecrets),
}

impl Asker {
    fn secret(&mut self, prompt: &str, what: &str) -> anyhow::Result<SecretString> {
        match self {
            Asker::Prompt => {
                let mut terminal = Hidden::start()?;
                loop {
                    let text = terminal.line(prompt)?;
                    if !text.expose_secret().is_empty() {
                        return Ok(text);
                    }
                }
            }
            Asker::Stdin(lines) => lines.next(what),
        }
    }

    /// A new password: typed twice and checked against the policy before sending.
    fn new_password(&mut self) -> anyhow::Result<SecretString> {
        match self {
            Asker::Prompt => {
                let mut terminal = Hidden::start()?;
                loop {
                    let text = terminal.line("New password")?;
                    let again = terminal.line("Repeat the new password")?;
                    if text.expose_secret() != again.expose_secret() {
                        eprintln!("The passwords differ; try again");
                        continue;
                    }
                    match Password::parse(text.expose_secret()) {
                        Ok(_) => return Ok(text),
                        Err(err) => eprintln!("{err}; try again"),
                    }
                }
            }
            Asker::Stdin(lines) => {
                let text = lines.next("the new password")?;
                Password::parse(text.expose_secret()).map_err(|e| {
                    CliError::invalid(format!("the new password is not allowed: {e}"))
                })?;
                Ok(text)
            }
        }
    }
}

pub async fn login(ctx: &Context, args: LoginArgs) -> anyhow::Result<()> {
    super::formats::refuse_csv(ctx, "login")?;
    let client = ctx.anonymous()?;
    if args.with_token {
        let token = StdinSecrets::new().next("the API token")?;
        let me = client.with_token(token.clone()).me().await?;
        let source = store(ctx, token)?;
        report(ctx, &me.principal, &source)?;
        return Ok(());
    }
    if args.otp.is_some() {
        eprintln!(
            "millectl: warning: --otp puts the one-time code in the process list; \
             give it at the prompt, or on stdin after the password with --password-stdin"
        );
    }
    let interactive = ctx.interactive() && !args.password_stdin;
    if !interactive && !args.password_stdin {
        return Err(CliError::usage(
            "no terminal to ask for the password; pass --password-stdin (or --with-token)",
        )
        .into());
    }
    let (millekod, login) = match (args.millekod, args.login, interactive) {
        (m, Some(l), _) => (m, l),
        (m, None, true) => prompt_identity(m)?,
        (_, None, false) => {
            return Err(CliError::usage("give --login with --password-stdin").into())
        }
    };
    let mut asker = if interactive {
        Asker::Prompt
    } else {
        Asker::Stdin(StdinSecrets::new())
    };

    let challenge = client
        .start_login(&StartLogin {
            millekod: millekod.clone(),
            login: login.clone(),
        })
        .await?;
    let answer = answer_challenge(&challenge, &mut asker, args.otp)?;
    let session = client
        .complete_login(&challenge.challenge_id, &answer)
        .await?;
    let SessionCreated {
        token, principal, ..
    } = session;
    let source = store(ctx, SecretString::from(token.expose().to_owned()))?;
    report(ctx, &principal, &source)
}

fn prompt_identity(millekod: Option<MilleKod>) -> anyhow::Result<(Option<MilleKod>, Login)> {
    let millekod = match millekod {
        Some(m) => Some(m),
        None => {
            let text: String = dialoguer::Input::new()
                .with_prompt("MilleKod (empty for HelpDesk operators)")
                .allow_empty(true)
                .validate_with(|t: &String| {
                    if t.is_empty() {
                        Ok(())
                    } else {
                        MilleKod::parse(t).map(|_| ()).map_err(|e| e.to_string())
                    }
                })
                .interact_text()?;
            if text.is_empty() {
                None
            } else {
                Some(MilleKod::parse(&text)?)
            }
        }
    };
    let login: String = dialoguer::Input::new()
        .with_prompt("Login")
        .validate_with(|t: &String| Login::parse(t).map(|_| ()).map_err(|e| e.to_string()))
        .interact_text()?;
    Ok((millekod, Login::parse(&login)?))
}

/// Build the answer to a challenge, asking for exactly what its flow needs.
fn answer_challenge(
    challenge: &Challenge,
    asker: &mut Asker,
    otp: Option<String>,
) -> anyhow::Result<CompleteLogin> {
    let mut answer = CompleteLogin {
        password_chars: None,
        password: None,
        otp: Secret::new(""),
        temporary_password: None,
        new_password: None,
    };
    match challenge.flow {
        Flow::Login => match &challenge.password_positions {
            Some(positions) => {
                answer.password_chars = Some(masked_chars(challenge, positions, asker)?);
            }
            None => {
                let password = asker.secret("Password", "the password")?;
                answer.password = Some(Secret::from(password));
            }
        },
        Flow::FirstLogin | Flow::NewPassword => {
            if challenge.flow == Flow::FirstLogin {
                eprintln!(
                    "First login: the temporary password from your envelope, then a new password."
                );
            } else {
                eprintln!("Setting a new password after an unblock.");
            }
            let temporary = asker.secret("Temporary password", "the temporary password")?;
            answer.temporary_password = Some(Secret::from(temporary));
            answer.new_password = Some(Secret::from(asker.new_password()?));
        }
    }
    let otp = match otp {
        Some(code) => SecretString::from(code),
        None => {
            let number = challenge
                .sms_reference
                .as_deref()
                .map(|n| format!(" no. {n}"))
                .unwrap_or_default();
            let prompt = match (challenge.otp_method, &challenge.sms_sent_to) {
                (AuthTool::Sms, Some(to)) => format!("H@sło SMS{number} sent to {to}"),
                (AuthTool::Sms, None) => format!("H@sło SMS{number}"),
                (AuthTool::Token, _) => "Code from your token".to_owned(),
            };
            asker.secret(&prompt, "the one-time code")?
        }
    };
    answer.otp = Secret::from(otp);
    Ok(answer)
}

/// The characters at the asked positions: asked one by one on a terminal, picked
/// from the whole password (which never leaves this process) for scripts.
fn masked_chars(
    challenge: &Challenge,
    positions: &[u8],
    asker: &mut Asker,
) -> anyhow::Result<BTreeMap<String, Secret>> {
    let list = positions
        .iter()
        .map(u8::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let mut chars = BTreeMap::new();
    match asker {
        Asker::Prompt => {
            eprintln!("Enter characters {list} of your password.");
            // One hidden stretch for all of them: a character typed before its prompt
            // shows is kept for it, not flushed between two prompts.
            let mut terminal = Hidden::start()?;
            for position in positions {
                let typed = loop {
                    let text = terminal.line(&format!("Character {position}"))?;
                    if text.expose_secret().chars().count() == 1 {
                        break text;
                    }
                    eprintln!("type exactly one character");
                };
                chars.insert(position.to_string(), Secret::from(typed));
            }
        }
        Asker::Stdin(lines) => {
            let password = lines.next("the password")?;
            let all: Vec<char> = password.expose_secret().chars().collect();
            for position in positions {
                let c = all
                    .get(usize::from(*position).saturating_sub(1))
                    .ok_or_else(|| {
                        CliError::invalid(format!(
                        "the password has {} characters but the bank asks for character {position}",
                        all.len()
                    ))
                    })?;
                chars.insert(position.to_string(), Secret::new(c.to_string()));
            }
        }
    }
    let _ = challenge;
    Ok(chars)
}

fn store(ctx: &Context, token: SecretString) -> anyhow::Result<Source> {
    credentials::save(
        &ctx.profile,
        &StoredSession {
            server: ctx.server.to_string(),
            token,
        },
    )
}

fn describe(principal: &PrincipalView) -> String {
    match principal {
        PrincipalView::Operator { login } => format!("HelpDesk operator {login}"),
        PrincipalView::BackOffice { login } => format!("back-office {login}"),
        PrincipalView::User { millekod, login } => format!("{login} of MilleKod {millekod}"),
        PrincipalView::ApiToken { name, owner, .. } => {
            format!("API token {name:?} (of operator {owner})")
        }
    }
}

fn report(ctx: &Context, principal: &PrincipalView, source: &Source) -> anyhow::Result<()> {
    if ctx.json() {
        let mut out = std::io::stdout().lock();
        ctx.output.json(
            &mut out,
            &json!({ "principal": principal, "stored_in": source.to_string() }),
        )?;
    }
    eprintln!(
        "Logged in to {} as {} (session kept in {source}).",
        ctx.server,
        describe(principal)
    );
    Ok(())
}

pub async fn logout(ctx: &Context) -> anyhow::Result<()> {
    if std::env::var_os("MILLECTL_TOKEN").is_some() {
        eprintln!("note: MILLECTL_TOKEN is set; unset it too, it is not stored by millectl");
    }
    // The stored session, not MILLECTL_TOKEN: that one is not ours to forget.
    match credentials::load_stored(&ctx.profile)? {
        Some((session, Source::Keyring | Source::File(_))) => {
            // Ended where it was issued, whatever --server says: the token goes to no
            // other server (see `origin`). A session of unknown origin is only forgotten.
            match Url::parse(&session.server) {
                Ok(issuer) if ServerOrigin::of(&issuer).is_some() => {
                    let client = ctx.client_of(issuer, Some(session.token))?;
                    // An API token is not a session; ending it is `api-token revoke`.
                    if let Err(err) = client.logout().await {
                        if ctx.verbose {
                            eprintln!("the server did not end the session: {err}");
                        }
                    }
                }
                _ => eprintln!(
                    "note: the stored session names no valid server; forgetting it without ending it"
                ),
            }
            credentials::clear(&ctx.profile)?;
            match ServerOrigin::parse(&session.server) {
                Some(issuer) => {
                    eprintln!("Logged out of profile {:?} ({issuer}).", ctx.profile)
                }
                None => eprintln!("Logged out of profile {:?}.", ctx.profile),
            }
        }
        _ => eprintln!("Not logged in (profile {:?}); nothing to do.", ctx.profile),
    }
    Ok(())
}

pub async fn whoami(ctx: &Context) -> anyhow::Result<()> {
    let (_, source) = ctx.token()?;
    let me = ctx.client()?.me().await?;
    let mut out = std::io::stdout().lock();
    if ctx.json() {
        // The server's own answer, through --jq when given.
        return ctx.output.json(&mut out, &me);
    }
    let shown = WhoAmI {
        principal: describe(&me.principal),
        server: ctx.server.to_string(),
        expires_at: me.expires_at,
        token_from: source.to_string(),
    };
    ctx.output.record(&mut out, &shown)
}

/// `whoami` as a table (labels in words, the expiry as "in 14 min") or csv.
#[derive(serde::Serialize)]
struct WhoAmI {
    principal: String,
    server: String,
    expires_at: Option<time::OffsetDateTime>,
    token_from: String,
}

impl Tabular for WhoAmI {
    fn columns() -> Vec<Column> {
        vec![
            Column::new("principal", "Logged in as"),
            Column::new("server", "Server"),
            Column::new("expires_at", "Session expires"),
            Column::new("token_from", "Token from"),
        ]
    }

    fn values(&self) -> Vec<Value> {
        vec![
            Value::text(&self.principal),
            Value::text(&self.server),
            match self.expires_at {
                Some(t) => Value::Deadline(t),
                // An API token's session: it has no expiry of its own.
                None => Value::Maybe(None),
            },
            Value::text(&self.token_from),
        ]
    }
}
