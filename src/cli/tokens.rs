//! `millectl token …`: hardware tokens (issue 11). Back-office loads the vendor's
//! PSKC inventory; HelpDesk or back-office assigns a token by serial and withdraws one
//! that is lost, broken or returned. No command takes or shows a seed.

use std::path::PathBuf;

use clap::Subcommand;

use super::change::{confirm, with_reason, ChangeArgs};
use super::Context;
use crate::api::{AssignToken, Login, MilleKod, WithdrawToken, WithdrawnBecause};
use crate::client::Client;
use crate::output::Tabular;

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Back-office: load a PSKC (RFC 6030) file from the vendor; its seeds stay encrypted
    /// until the server opens them with its transport key.
    Load {
        /// The PSKC file.
        file: PathBuf,
    },
    /// Serials available for assignment.
    List,
    /// Give a user the token with this serial; their codes then come from it.
    Assign {
        login: Login,
        serial: String,
        #[arg(long)]
        millekod: MilleKod,
        #[command(flatten)]
        change: ChangeArgs,
    },
    /// Take a user's token away for good; with a mobile number they get SMS codes.
    Withdraw {
        login: Login,
        #[arg(long)]
        millekod: MilleKod,
        /// Why: lost, broken or returned.
        #[arg(long, value_enum)]
        because: Because,
        #[command(flatten)]
        change: ChangeArgs,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Because {
    Lost,
    Broken,
    Returned,
}

/// `token list` prints one serial a line.
#[derive(serde::Serialize)]
struct Serial {
    serial: String,
}

impl Tabular for Serial {
    fn headers() -> &'static [&'static str] {
        &["serial"]
    }
    fn row(&self) -> Vec<String> {
        vec![self.serial.clone()]
    }
}

pub async fn run(ctx: &Context, command: TokenCommand) -> anyhow::Result<()> {
    let client = ctx.client()?;
    let mut out = std::io::stdout().lock();
    match command {
        TokenCommand::Load { file } => {
            let xml = std::fs::read(&file).map_err(|e| {
                super::errors::CliError::invalid(format!("cannot read {}: {e}", file.display()))
            })?;
            let loaded = client.load_tokens(xml).await?;
            eprintln!(
                "{} of {} tokens in the file are new to the inventory",
                loaded.loaded, loaded.in_file
            );
            Ok(())
        }
        TokenCommand::List => {
            let list = client.token_inventory().await?;
            let rows: Vec<Serial> = list
                .available
                .into_iter()
                .map(|serial| Serial { serial })
                .collect();
            ctx.output.list(&mut out, &rows)
        }
        TokenCommand::Assign {
            login,
            serial,
            millekod,
            change,
        } => {
            let question = format!("Give '{login}' of MilleKod {millekod} the token {serial}?");
            confirm(ctx, &change, &question)?;
            let after = with_reason(ctx, change.reason.clone(), |reason| {
                let client: Client = client.clone();
                let (millekod, login, serial) = (millekod.clone(), login.clone(), serial.clone());
                async move {
                    client
                        .assign_token(&millekod, &login, &AssignToken { serial, reason })
                        .await
                }
            })
            .await?;
            ctx.output.record(&mut out, &after)
        }
        TokenCommand::Withdraw {
            login,
            millekod,
            because,
            change,
        } => {
            let because = match because {
                Because::Lost => WithdrawnBecause::Lost,
                Because::Broken => WithdrawnBecause::Broken,
                Because::Returned => WithdrawnBecause::Returned,
            };
            let question = format!(
                "Withdraw the token of '{login}' of MilleKod {millekod} ({}) for good?",
                because.as_str()
            );
            confirm(ctx, &change, &question)?;
            let after = with_reason(ctx, change.reason.clone(), |reason| {
                let client: Client = client.clone();
                let (millekod, login) = (millekod.clone(), login.clone());
                async move {
                    client
                        .withdraw_token(&millekod, &login, &WithdrawToken { because, reason })
                        .await
                }
            })
            .await?;
            ctx.output.record(&mut out, &after)
        }
    }
}
