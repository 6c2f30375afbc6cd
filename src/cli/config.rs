//! The config file: named profiles, each with a server URL.
//!
//! `$MILLECTL_CONFIG_DIR/config.toml`, else `<user config dir>/millectl/config.toml`.
//! It never holds a secret; sessions live in the keyring or `credentials.toml`.
//!
//! A profile is *known* when it has a table here (`config set`, `login` and `config use`
//! write one), a stored session, or is `default`; any other `--profile` is a typo, and
//! is refused rather than silently talking to the default server (issue 16).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct ConfigFile {
    /// The profile a command uses without `--profile` or `MILLECTL_PROFILE`
    /// (`config use NAME`); `default` when unset. Before `profiles`: TOML writes plain
    /// values before tables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_profile: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Profile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
}

/// The directory of `config.toml` and `credentials.toml`.
pub fn config_dir() -> anyhow::Result<PathBuf> {
    if let Some(dir) = std::env::var_os("MILLECTL_CONFIG_DIR") {
        return Ok(PathBuf::from(dir));
    }
    let dirs = directories::ProjectDirs::from("", "", "millectl")
        .context("cannot find the user's config directory; set MILLECTL_CONFIG_DIR")?;
    Ok(dirs.config_dir().to_path_buf())
}

impl ConfigFile {
    pub fn path() -> anyhow::Result<PathBuf> {
        Ok(config_dir()?.join("config.toml"))
    }

    pub fn load() -> anyhow::Result<Self> {
        Self::load_from(&Self::path()?)
    }

    pub fn load_from(path: &Path) -> anyhow::Result<Self> {
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text)
                .with_context(|| format!("{} is not a valid config file", path.display())),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(err) => Err(err).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    pub fn save(&self) -> anyhow::Result<PathBuf> {
        let path = Self::path()?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        crate::secure_file::write(&path, toml::to_string_pretty(self)?.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
        Ok(path)
    }

    pub fn profile(&self, name: &str) -> Profile {
        self.profiles.get(name).cloned().unwrap_or_default()
    }

    /// The profile named by `config use`, else `default`.
    pub fn current(&self) -> &str {
        self.current_profile
            .as_deref()
            .unwrap_or(super::context::DEFAULT_PROFILE)
    }

    /// Profiles with a table in this file, and `default` (always known).
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.profiles.keys().cloned().collect();
        if !self.profiles.contains_key(super::context::DEFAULT_PROFILE) {
            names.insert(0, super::context::DEFAULT_PROFILE.to_owned());
        }
        names
    }
}

/// A profile name a command may create: 1 to 64 of `A-Z a-z 0-9 . _ -`. It becomes a
/// TOML key, a keyring account and part of messages, so nothing else gets in.
pub fn parse_profile_name(text: &str) -> Result<String, String> {
    let ok = !text.is_empty()
        && text.len() <= 64
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if ok {
        Ok(text.to_owned())
    } else {
        Err(format!(
            "a profile name is 1 to 64 letters, digits, '.', '_' or '-', not {}",
            super::fixes::shown(text)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_names_are_plain_words() {
        for good in ["default", "p3", "bank-prod", "a.b_c", &"x".repeat(64)] {
            assert_eq!(parse_profile_name(good).as_deref(), Ok(good));
        }
        for bad in ["", "a b", "p3\n", "ł", "../x", "a=b", &"x".repeat(65)] {
            assert!(parse_profile_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_current_profile_is_written_before_the_profile_tables() {
        let mut file = ConfigFile::default();
        file.profiles.insert("p3".into(), Profile::default());
        file.current_profile = Some("p3".into());
        let text = toml::to_string_pretty(&file).expect("toml");
        let back: ConfigFile = toml::from_str(&text).expect("parse");
        assert_eq!(back.current(), "p3");
        assert_eq!(back.names(), ["default", "p3"]);
    }
}
