//! `dev-credentials.json`: every secret of a dev server's demo data, for newcomers,
//! tests and scripts; written readable by its owner only.

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::api::{AuthTool, UserStatus};

use super::DevDir;

/// `dev-credentials.json`: every demo secret, for newcomers, tests and scripts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DevCredentials {
    pub server: String,
    pub api_token: String,
    pub operator: DevOperator,
    /// Back-office staff: envelopes with one-time access passwords.
    pub back_office: DevOperator,
    pub users: Vec<DevUser>,
    /// Hardware tokens in the inventory, unassigned, with their seeds (demo only).
    pub inventory: Vec<DevToken>,
    /// The management listener (`/v1/health`, `/metrics`), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub management: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DevToken {
    pub serial: String,
    pub totp_secret: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DevOperator {
    pub login: String,
    pub password: String,
    pub totp_secret: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DevUser {
    pub millekod: String,
    pub login: String,
    pub password: Option<String>,
    pub temporary_password: Option<String>,
    pub auth_tool: AuthTool,
    pub totp_secret: Option<String>,
    pub phone: Option<String>,
    pub status: UserStatus,
}

/// Write the credentials file (mode 0600), replacing an earlier one atomically.
pub fn write_credentials(dir: &DevDir, credentials: &DevCredentials) -> anyhow::Result<()> {
    let path = dir.credentials_path();
    let text = serde_json::to_string_pretty(credentials)?;
    crate::secure_file::write(&path, text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}
