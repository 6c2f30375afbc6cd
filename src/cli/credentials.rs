//! Where a session token lives between commands.
//!
//! Lookup order (like `gh`): `MILLECTL_TOKEN` → the OS keyring → a 0600 file in the
//! config directory. `MILLECTL_CREDENTIAL_STORE=auto|keyring|file` picks the store
//! (default `auto`: keyring, falling back to the file — and saying so — where no
//! keyring backend works, e.g. headless Linux). Keyring calls are bounded by a timeout
//! so a hung secret service cannot hang the CLI. Tests use `file`, never the real
//! keyring.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Context;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use super::config::config_dir;

const KEYRING_SERVICE: &str = "millectl";
const KEYRING_TIMEOUT: Duration = Duration::from_secs(3);

/// A stored session: the server that issued it (the only one it is sent to, see
/// `origin`) and its bearer token.
#[derive(Clone)]
pub struct StoredSession {
    pub server: String,
    pub token: SecretString,
}

#[derive(Serialize, Deserialize)]
struct SessionRecord {
    server: String,
    token: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreMode {
    Auto,
    Keyring,
    File,
}

impl StoreMode {
    pub fn from_env() -> anyhow::Result<Self> {
        match std::env::var("MILLECTL_CREDENTIAL_STORE").as_deref() {
            Err(_) | Ok("") | Ok("auto") => Ok(Self::Auto),
            Ok("keyring") => Ok(Self::Keyring),
            Ok("file") => Ok(Self::File),
            Ok(other) => anyhow::bail!(
                "MILLECTL_CREDENTIAL_STORE must be auto, keyring or file, not {other:?}"
            ),
        }
    }
}

/// Where the session was found or put, for `config show` and messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Env,
    /// Held by this process only (`millectl demo`), never stored.
    Memory,
    Keyring,
    File(PathBuf),
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Env => f.write_str("MILLECTL_TOKEN"),
            Self::Memory => f.write_str("memory (this process only)"),
            Self::Keyring => f.write_str("OS keyring"),
            Self::File(path) => write!(f, "{}", path.display()),
        }
    }
}

fn credentials_path() -> anyhow::Result<PathBuf> {
    Ok(config_dir()?.join("credentials.toml"))
}

/// Run a keyring call on a thread and give up after a timeout.
fn with_keyring<T: Send + 'static>(
    profile: &str,
    call: impl FnOnce(keyring::Entry) -> keyring::Result<T> + Send + 'static,
) -> anyhow::Result<T> {
    let account = format!("profile:{profile}");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let result = keyring::Entry::new(KEYRING_SERVICE, &account).and_then(call);
        let _ = tx.send(result);
    });
    match rx.recv_timeout(KEYRING_TIMEOUT) {
        Ok(result) => result.map_err(anyhow::Error::from),
        Err(_) => anyhow::bail!("the OS keyring did not answer within {KEYRING_TIMEOUT:?}"),
    }
}

fn read_file() -> anyhow::Result<BTreeMap<String, SessionRecord>> {
    let path = credentials_path()?;
    match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text).with_context(|| format!("{} is corrupt", path.display())),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
        Err(err) => Err(err).with_context(|| format!("cannot read {}", path.display())),
    }
}

fn write_file(records: &BTreeMap<String, SessionRecord>) -> anyhow::Result<PathBuf> {
    let path = credentials_path()?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let text = toml::to_string(records)?;
    crate::secure_file::write(&path, text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// `MILLECTL_TOKEN`, when set and not blank.
pub fn env_token() -> Option<SecretString> {
    let token = std::env::var("MILLECTL_TOKEN").ok()?;
    let token = token.trim();
    (!token.is_empty()).then(|| SecretString::from(token.to_owned()))
}

/// The session for `profile`, and where it came from. A token from the environment
/// has no server of its own (`server` is empty): it goes where the user points.
pub fn load(profile: &str) -> anyhow::Result<Option<(StoredSession, Source)>> {
    if let Some(token) = env_token() {
        let session = StoredSession {
            server: String::new(),
            token,
        };
        return Ok(Some((session, Source::Env)));
    }
    load_stored(profile)
}

/// The session `login` stored for `profile` (keyring or file), whatever
/// `MILLECTL_TOKEN` says: what `logout` must end and forget.
pub fn load_stored(profile: &str) -> anyhow::Result<Option<(StoredSession, Source)>> {
    let mode = StoreMode::from_env()?;
    if mode != StoreMode::File {
        let owned = profile.to_owned();
        match with_keyring(&owned, |entry| entry.get_password()) {
            Ok(json) => {
                let record: SessionRecord =
                    serde_json::from_str(&json).context("the keyring entry is corrupt")?;
                return Ok(Some((
                    StoredSession {
                        server: record.server,
                        token: SecretString::from(record.token),
                    },
                    Source::Keyring,
                )));
            }
            Err(err) if mode == StoreMode::Keyring => {
                if err
                    .downcast_ref::<keyring::Error>()
                    .is_some_and(|e| matches!(e, keyring::Error::NoEntry))
                {
                    return Ok(None);
                }
                return Err(err.context("cannot read the session from the OS keyring"));
            }
            Err(_) => {}
        }
    }
    let records = read_file()?;
    Ok(records.get(profile).map(|record| {
        (
            StoredSession {
                server: record.server.clone(),
                token: SecretString::from(record.token.clone()),
            },
            Source::File(credentials_path().unwrap_or_default()),
        )
    }))
}

/// Keep a session for `profile`; returns where it went.
pub fn save(profile: &str, session: &StoredSession) -> anyhow::Result<Source> {
    let record = SessionRecord {
        server: session.server.clone(),
        token: session.token.expose_secret().to_owned(),
    };
    let mode = StoreMode::from_env()?;
    if mode != StoreMode::File {
        let json = serde_json::to_string(&record)?;
        match with_keyring(profile, move |entry| entry.set_password(&json)) {
            Ok(()) => {
                register(profile)?;
                return Ok(Source::Keyring);
            }
            Err(err) if mode == StoreMode::Keyring => {
                return Err(err.context("cannot store the session in the OS keyring"))
            }
            Err(err) => {
                eprintln!(
                    "note: no usable OS keyring ({err:#}); keeping the session in a file readable only by you"
                );
            }
        }
    }
    let mut records = read_file()?;
    records.insert(profile.to_owned(), record);
    let path = write_file(&records)?;
    register(profile)?;
    Ok(Source::File(path))
}

/// Give `profile` a table in the config file, so `config list` shows it and it is a
/// known profile wherever its session is kept (a keyring cannot be listed).
fn register(profile: &str) -> anyhow::Result<()> {
    let mut file = super::config::ConfigFile::load()?;
    if !file.profiles.contains_key(profile) {
        file.profiles.insert(profile.to_owned(), Default::default());
        file.save()?;
    }
    Ok(())
}

/// The profiles with a session in the credentials file.
pub fn stored_profiles() -> anyhow::Result<Vec<String>> {
    Ok(read_file()?.into_keys().collect())
}

/// Forget the session of `profile` everywhere it may be.
pub fn clear(profile: &str) -> anyhow::Result<()> {
    if StoreMode::from_env()? != StoreMode::File {
        let _ = with_keyring(profile, |entry| entry.delete_credential());
    }
    let mut records = read_file()?;
    if records.remove(profile).is_some() {
        write_file(&records)?;
    }
    Ok(())
}

// The keyring path with the keyring crate's mock store (never the real keyring).
#[cfg(test)]
mod tests;
