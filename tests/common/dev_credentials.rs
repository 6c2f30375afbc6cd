//! `dev-credentials.json`, as `millectl server --dev` writes it: the one description
//! of its shape, shared by the API tests (`tests/api`) and the CLI tests (`tests/cli`),
//! each of which includes this file with `#[path]` (there is no test-support crate).

use std::path::Path;

use serde::Deserialize;

/// Everything a test needs to act as the dev server's people and scripts.
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

/// An operator (HelpDesk or back-office): password and token seed.
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

/// A demo company user, in the state the dev server seeded.
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

impl Credentials {
    /// Read and parse the file a dev server wrote (panics: a test cannot go on without).
    pub fn read(path: &Path) -> Self {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {}: {e}", path.display()))
    }

    /// The demo user `millekod/login`.
    pub fn user(&self, millekod: &str, login: &str) -> UserCredentials {
        self.users
            .iter()
            .find(|u| u.millekod == millekod && u.login == login)
            .cloned()
            .unwrap_or_else(|| panic!("no demo user {millekod}/{login}"))
    }
}
