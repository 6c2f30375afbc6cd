//! One way to start a server for a test: the real `millectl` binary, `server --dev` on
//! a random 127.0.0.1 port with its own data directory and a fresh database — SQLite,
//! or a fresh PostgreSQL database when `TEST_DATABASE_URL` is set — and a typed client.
//!
//! Split by what a test reaches for: [`server`] starts processes (dev servers,
//! replicas, the CLI beside them) and reads their logs and metrics; [`api`] is the HTTP
//! client and its answers; [`requests`] the typed requests the suite repeats; [`login`] builds login answers and logs people in; [`db`]
//! picks the databases and reads or writes them past the API; [`raw`] speaks TCP by hand
//! for the tests of hostile clients. Everything is re-exported here, so a test file
//! needs only `use crate::helpers::*;`.

mod api;
mod db;
mod login;
mod raw;
mod requests;
mod server;

pub use api::*;
pub use db::*;
pub use login::*;
pub use raw::*;
pub use requests::*;
pub use server::*;

use serde::Deserialize;

/// `dev-credentials.json`, as the dev server writes it.
#[derive(Debug, Clone, Deserialize)]
pub struct Credentials {
    pub server: String,
    pub api_token: String,
    pub operator: OperatorCredentials,
    pub back_office: OperatorCredentials,
    pub users: Vec<UserCredentials>,
    pub inventory: Vec<InventoryCredentials>,
    /// The management listener (health, metrics), which `--dev` always binds.
    #[serde(default)]
    pub management: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct OperatorCredentials {
    pub login: String,
    pub password: String,
    pub totp_secret: String,
}

/// A token of the dev inventory: its serial and (dev only) its seed.
#[derive(Debug, Clone, Deserialize)]
pub struct InventoryCredentials {
    pub serial: String,
    pub totp_secret: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct UserCredentials {
    pub millekod: String,
    pub login: String,
    pub password: Option<String>,
    pub temporary_password: Option<String>,
    pub auth_tool: String,
    pub totp_secret: Option<String>,
    pub phone: Option<String>,
    pub status: String,
}
