//! `millectl server operator|init-pepper|mask-key|backup|restore`: the bootstrap and
//! upkeep of a deployment, run on the database's host. Each calls its entry point in `server` (which opens the
//! database, reads the pepper, talks to the token) and prints what it hands back once.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use secrecy::ExposeSecret;

use crate::domain::display_text::DisplayName;
use crate::domain::ids::Login;
use crate::domain::policy::OperatorRole;
use crate::server::backup;
use crate::server::bootstrap::{self, OperatorSecrets};
use crate::server::mask_key;
use crate::server::options::MaskKeyOptions;
use crate::server::secrets_file::init_pepper;

use super::config_file::ConfigFile;
use super::options::{backup_error, secret_source, start_error};

#[derive(Debug, Subcommand)]
pub enum ServerCommand {
    /// Manage HelpDesk operators directly in the database (bootstrap).
    #[command(subcommand)]
    Operator(OperatorCommand),
    /// Write a new random pepper to a file (mode 0600).
    InitPepper {
        /// Where to write it; must not exist.
        path: PathBuf,
    },
    /// Manage the masked-password key in a PKCS#11 token.
    #[command(subcommand)]
    MaskKey(MaskKeyCommand),
    /// Copy an SQLite database to OUT, consistently, while the server runs.
    ///
    /// The copy is the database as of one commit (SQLite's VACUUM INTO), in one file,
    /// mode 0600. A PostgreSQL database is backed up with pg_dump instead. The pepper
    /// is not in the copy, and without it the copy cannot log anyone in: back the
    /// pepper file up too, kept apart and protected separately.
    Backup {
        /// Database URL (sqlite://PATH).
        #[arg(long, env = "MILLECTL_DATABASE")]
        database: String,
        /// Where to write the copy; must not exist unless --force.
        out: PathBuf,
        /// Replace OUT if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Put a backup back as the SQLite database; stop the server first.
    ///
    /// The backup must be a millectl database of a schema this version knows. It is
    /// copied beside the database and renamed over it, so a crash leaves the old
    /// database or the new one; the old one's WAL is removed with it. A database in
    /// use (a server running on it) is refused. Start the server with the pepper the
    /// backup was made with. PostgreSQL: use pg_restore.
    Restore {
        /// Database URL (sqlite://PATH) to restore to; made if missing.
        #[arg(long, env = "MILLECTL_DATABASE")]
        database: String,
        /// The backup (from `millectl server backup`).
        backup: PathBuf,
        /// Replace the database even while it is in use or unreadable: the running
        /// server's later writes are lost, and it must be stopped at once.
        #[arg(long)]
        force: bool,
    },
    /// Check a config file (`server --config FILE`) without starting the server.
    #[command(subcommand)]
    Config(ConfigCommand),
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Check every key and value of a config file; prints `FILE: ok`, or the first
    /// problem (exit 7).
    Check {
        /// The TOML file.
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum MaskKeyCommand {
    /// Generate a new HMAC key inside the token (never extractable); prints its id.
    ///
    /// Start the server with `--mask-key-pkcs11-key LABEL` to make new records with
    /// it; records made with the token's older keys still check.
    Generate {
        /// The PKCS#11 module (the HSM vendor's library).
        #[arg(long, value_name = "PATH")]
        pkcs11_module: PathBuf,
        /// Label of the token.
        #[arg(long, value_name = "LABEL")]
        pkcs11_token: String,
        /// Label of the new key; must not exist in the token.
        #[arg(long, value_name = "LABEL")]
        key: String,
        /// File holding the token's user PIN; or set MILLECTL_PKCS11_PIN.
        #[arg(long, value_name = "FILE")]
        pkcs11_pin_file: Option<PathBuf>,
    },
}

/// `--role` of `server operator add`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RoleArg {
    HelpDesk,
    BackOffice,
}

#[derive(Debug, Subcommand)]
pub enum OperatorCommand {
    /// Create an operator; prints the temporary password and token seed once.
    Add {
        /// The operator's login.
        login: Login,
        /// HelpDesk (unblocks, phones) or back-office (envelopes with one-time access
        /// passwords, provisioning); nobody holds both.
        #[arg(long, value_enum, default_value_t = RoleArg::HelpDesk)]
        role: RoleArg,
        /// Display name: one line of visible text (no control, bidi or zero-width
        /// characters).
        #[arg(long, default_value = "HelpDesk operator")]
        name: DisplayName,
        /// Database URL (sqlite://PATH or postgres://…).
        #[arg(long, env = "MILLECTL_DATABASE")]
        database: String,
        /// File holding the server's pepper; or set MILLECTL_PEPPER.
        #[arg(long)]
        pepper_file: Option<PathBuf>,
    },
    /// Give a locked-out operator three more attempts with the current password.
    ///
    /// For when no other operator can do it over the API (`millectl operator unblock`).
    Unblock {
        /// The operator's login.
        login: Login,
        /// Database URL (sqlite://PATH or postgres://…).
        #[arg(long, env = "MILLECTL_DATABASE")]
        database: String,
    },
    /// Start an operator over: new temporary password and token seed, printed once.
    ///
    /// For an operator who forgot the password or lost the token. The old password
    /// and every session of the operator end; the next login is a first login.
    Reset {
        /// The operator's login.
        login: Login,
        /// Database URL (sqlite://PATH or postgres://…).
        #[arg(long, env = "MILLECTL_DATABASE")]
        database: String,
        /// File holding the server's pepper; or set MILLECTL_PEPPER.
        #[arg(long)]
        pepper_file: Option<PathBuf>,
    },
}

pub async fn run(command: ServerCommand) -> anyhow::Result<ExitCode> {
    match command {
        ServerCommand::Config(ConfigCommand::Check { file }) => {
            let config = ConfigFile::read(&file)?;
            config.check(true)?;
            writeln!(std::io::stdout().lock(), "{}: ok", config.path().display())?;
            Ok(ExitCode::SUCCESS)
        }
        ServerCommand::InitPepper { path } => {
            init_pepper(&path)?;
            eprintln!(
                "pepper written to {} (mode 0600); keep it out of the database's backups",
                path.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        ServerCommand::Backup {
            database,
            out,
            force,
        } => {
            let copied = backup::backup(&database, &out, force)
                .await
                .map_err(backup_error)?;
            eprintln!(
                "backup written to {} ({} bytes, schema {}); keep the pepper file with \
                 it, protected separately: without it the copy logs nobody in",
                copied.path.display(),
                copied.bytes,
                copied.schema_version
            );
            Ok(ExitCode::SUCCESS)
        }
        ServerCommand::Restore {
            database,
            backup: from,
            force,
        } => {
            let restored = backup::restore(&database, &from, force)
                .await
                .map_err(backup_error)?;
            eprintln!(
                "{} restored to {} ({} bytes, schema {}); start the server with the \
                 pepper the backup was made with",
                from.display(),
                restored.path.display(),
                restored.bytes,
                restored.schema_version
            );
            Ok(ExitCode::SUCCESS)
        }
        ServerCommand::Operator(OperatorCommand::Add {
            login,
            role,
            name,
            database,
            pepper_file,
        }) => {
            let pepper = secret_source(pepper_file, "MILLECTL_PEPPER");
            let role = match role {
                RoleArg::HelpDesk => OperatorRole::HelpDesk,
                RoleArg::BackOffice => OperatorRole::BackOffice,
            };
            let secrets = bootstrap::add_operator(&database, &pepper, &login, &name, role).await?;
            print_operator_secrets(&login, &secrets)?;
            Ok(ExitCode::SUCCESS)
        }
        ServerCommand::Operator(OperatorCommand::Unblock { login, database }) => {
            bootstrap::unblock_operator(&database, &login).await?;
            eprintln!(
                "operator '{login}' unblocked: three more attempts with the current password"
            );
            Ok(ExitCode::SUCCESS)
        }
        ServerCommand::Operator(OperatorCommand::Reset {
            login,
            database,
            pepper_file,
        }) => {
            let pepper = secret_source(pepper_file, "MILLECTL_PEPPER");
            let secrets = bootstrap::reset_operator(&database, &pepper, &login).await?;
            print_operator_secrets(&login, &secrets)?;
            Ok(ExitCode::SUCCESS)
        }
        ServerCommand::MaskKey(MaskKeyCommand::Generate {
            pkcs11_module,
            pkcs11_token,
            key,
            pkcs11_pin_file,
        }) => {
            let token = MaskKeyOptions {
                module: pkcs11_module,
                token_label: pkcs11_token,
                key_label: key,
                pin: secret_source(pkcs11_pin_file, "MILLECTL_PKCS11_PIN"),
            };
            let id = mask_key::generate(&token).await.map_err(start_error)?;
            writeln!(std::io::stdout().lock(), "{id}")?;
            eprintln!("key generated in the token; start the server with --mask-key-pkcs11-key to use it for new records");
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Shown once, on stdout only, for the person setting up the operator. A closed
/// stdout is an error (the secrets were not shown), never a panic.
fn print_operator_secrets(login: &Login, secrets: &OperatorSecrets) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "operator:            {login}")?;
    writeln!(
        out,
        "temporary password:  {}",
        secrets.temporary_password.expose_secret()
    )?;
    writeln!(
        out,
        "token seed (base32): {}",
        secrets.totp_secret.to_base32().as_str()
    )?;
    out.flush()?;
    eprintln!("Hand these over securely; they are not shown again. The operator logs in once with a token code and the temporary password, and sets a permanent password.");
    Ok(())
}
