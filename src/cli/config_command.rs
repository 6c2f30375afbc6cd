//! `millectl config set|show`: the current profile's settings, kept in the config file
//! (`super::config`), and where its session is kept.

use std::io::Write;

use clap::Subcommand;
use serde_json::json;

use super::config::ConfigFile;
use super::credentials;
use super::errors::CliError;
use super::Context;

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Set a value of the current profile (`server`).
    Set {
        /// The key: `server`.
        key: ConfigKey,
        /// The value, e.g. https://auth.bank.example
        value: String,
    },
    /// Show the current profile: server, where the session is kept, config path.
    Show,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ConfigKey {
    Server,
}

pub fn config(ctx: &Context, command: ConfigCommand) -> anyhow::Result<()> {
    match command {
        ConfigCommand::Set {
            key: ConfigKey::Server,
            value,
        } => {
            let url = super::parse_server_url(&value).map_err(CliError::invalid)?;
            let mut file = ConfigFile::load()?;
            file.profiles.entry(ctx.profile.clone()).or_default().server = Some(url.to_string());
            let path = file.save()?;
            eprintln!(
                "server of profile {:?} set to {url} ({})",
                ctx.profile,
                path.display()
            );
        }
        ConfigCommand::Show => {
            let session = match credentials::load(&ctx.profile) {
                Ok(Some((_, source))) => source.to_string(),
                Ok(None) => "none (not logged in)".to_owned(),
                Err(err) => format!("unreadable: {err:#}"),
            };
            let path = ConfigFile::path()?;
            let mut out = std::io::stdout().lock();
            if ctx.json() {
                serde_json::to_writer_pretty(
                    &mut out,
                    &json!({"profile": ctx.profile, "server": ctx.server.to_string(),
                            "session": session, "config_file": path.display().to_string()}),
                )?;
                writeln!(out)?;
            } else {
                writeln!(out, "profile:     {}", ctx.profile)?;
                writeln!(out, "server:      {}", ctx.server)?;
                writeln!(out, "session:     {session}")?;
                writeln!(out, "config file: {}", path.display())?;
            }
        }
    }
    Ok(())
}
