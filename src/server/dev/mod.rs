//! `millectl server --dev`: a throw-away server with demo data, like `vault server -dev`.
//!
//! Everything lives in one data directory: the SQLite database (unless `--database`
//! names a PostgreSQL one), the generated pepper (`pepper`, so a second replica can join
//! with `--pepper-file`), the SMS outbox (`sms-outbox.jsonl`, standing in for the users'
//! phones) and `dev-credentials.json` with every demo secret. Restarting on the same
//! directory keeps the data and the credentials.
//!
//! [`start`] is the one entry point (`server --dev` and `millectl demo`): it prepares
//! the directory, opens and seeds the database, binds the listeners and writes the
//! credentials. `seed` loads the demo data, `synthetic` the users of `--seed-users`,
//! `credentials` is the file format.

mod credentials;
mod seed;
mod synthetic;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;

use crate::domain::pepper::Pepper;
use crate::domain::transport_key::TransportKey;

use super::options::ServerOptions;
use super::serve::{BoundServer, ServerConfig};
use super::sms::OutboxFile;
use super::start::prepare;

pub use self::credentials::{write_credentials, DevCredentials, DevOperator, DevToken, DevUser};
pub use self::seed::seed;
pub use self::synthetic::{
    seed_synthetic_users, synthetic_login, synthetic_password, MAX_SYNTHETIC_USERS,
    SYNTHETIC_FIRST_MILLEKOD, SYNTHETIC_USERS_PER_COMPANY,
};

pub const CREDENTIALS_FILE: &str = "dev-credentials.json";
pub const OUTBOX_FILE: &str = "sms-outbox.jsonl";
pub const PEPPER_FILE: &str = "pepper";
pub const TRANSPORT_KEY_FILE: &str = "token-transport.key";
/// Hardware tokens in the demo inventory (serials `DEV-T-0001`…), not yet assigned.
pub const DEV_INVENTORY: usize = 5;
pub const DEMO_MILLEKOD: &str = "12345678";
pub const OTHER_MILLEKOD: &str = "87654321";

/// The dev server's directory and pepper.
pub struct DevDir {
    pub path: PathBuf,
    pub pepper: Pepper,
    /// Keeps a temporary directory alive while the server runs.
    _temp: Option<tempfile::TempDir>,
    /// The token vendor's transport key of the demo inventory (PSKC).
    pub transport_key: TransportKey,
}

impl DevDir {
    pub fn prepare(data_dir: Option<&Path>) -> anyhow::Result<Self> {
        let (path, temp) = match data_dir {
            Some(dir) => {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
                (dir.to_path_buf(), None)
            }
            None => {
                let temp = tempfile::Builder::new()
                    .prefix("millectl-dev-")
                    .tempdir()
                    .context("cannot create a temporary directory")?;
                (temp.path().to_path_buf(), Some(temp))
            }
        };
        let pepper_path = path.join(PEPPER_FILE);
        let pepper = if pepper_path.exists() {
            Pepper::load_file(&pepper_path)?
        } else {
            let pepper = Pepper::generate();
            pepper.write_file(&pepper_path)?;
            pepper
        };
        let key_path = path.join(TRANSPORT_KEY_FILE);
        let transport_key = if key_path.exists() {
            TransportKey::load_file(&key_path).map_err(anyhow::Error::msg)?
        } else {
            let key = TransportKey::generate();
            key.write_file(&key_path).map_err(anyhow::Error::msg)?;
            key
        };
        Ok(Self {
            path,
            pepper,
            transport_key,
            _temp: temp,
        })
    }

    pub fn sqlite_url(&self) -> String {
        crate::store::sqlite_url(&self.path.join("millectl.db"))
    }

    pub fn credentials_path(&self) -> PathBuf {
        self.path.join(CREDENTIALS_FILE)
    }

    pub fn outbox_path(&self) -> PathBuf {
        self.path.join(OUTBOX_FILE)
    }
}

/// What a dev server is started with (`server --dev`, `demo`).
#[derive(Debug)]
pub struct DevOptions {
    /// The server's options. A dev server makes its own pepper and has no PKCS#11 key
    /// (`pepper` and `mask_key` are not read); `database: None` is the directory's
    /// SQLite file; with no `sms_webhook`, SMS go to the directory's outbox file.
    pub server: ServerOptions,
    /// Where its data lives; `None`: a temporary directory, gone when it stops.
    pub data_dir: Option<PathBuf>,
    /// Synthetic users to add (`--seed-users`).
    pub seed_users: u64,
}

/// A dev server with demo data, bound (its URL known) but not yet serving.
pub struct DevServer {
    /// Keep it while serving: a temporary directory goes away with it.
    pub dir: DevDir,
    /// Every demo secret, `server` filled in; also written to `dev-credentials.json`.
    pub credentials: DevCredentials,
    pub server: BoundServer,
}

/// Prepare the directory, open and seed the database, bind the listeners and write
/// `dev-credentials.json`: everything of `server --dev` short of serving.
pub async fn start(options: DevOptions) -> anyhow::Result<DevServer> {
    let prepared = prepare(&options.server)?;
    let dir = DevDir::prepare(options.data_dir.as_deref())?;
    let url = options
        .server
        .database
        .clone()
        .unwrap_or_else(|| dir.sqlite_url());
    let store = crate::store::open(&url).await?;
    let mut credentials = seed(store.as_ref(), &dir, prepared.settings.lockout_limit).await?;
    seed_synthetic_users(
        store.as_ref(),
        &dir,
        options.seed_users,
        prepared.settings.lockout_limit,
    )
    .await?;
    let sms = prepared
        .webhook
        .unwrap_or_else(|| Arc::new(OutboxFile::new(dir.outbox_path())));
    let mut settings = prepared.settings;
    if settings.token_transport_key.is_none() {
        settings.token_transport_key = Some(dir.transport_key.clone());
    }
    let config = ServerConfig {
        listen: options.server.listen,
        store,
        pepper: Pepper::load_file(&dir.path.join(PEPPER_FILE))?,
        mask_key: None,
        sms,
        settings,
        tls: prepared.tls,
        insecure_http: options.server.insecure_http,
        connections: prepared.connections,
        management_listen: options.server.management_listen,
    };
    let server = BoundServer::bind(config).await?;
    credentials.server = server.url();
    credentials.management = server.management_addr.map(|addr| format!("http://{addr}"));
    write_credentials(&dir, &credentials)?;
    Ok(DevServer {
        dir,
        credentials,
        server,
    })
}
