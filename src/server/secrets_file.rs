//! The server's secrets that live outside the database: where each comes from (a file
//! or an environment variable taken at start) and the key files themselves.
//!
//! `domain` keeps the key types pure (`Pepper`, `TransportKey`: parse, print, derive);
//! reading and writing their files is here. The file methods are inherent methods of
//! the domain types (`Pepper::load_file`, `TransportKey::write_file`…), declared in
//! this module: Rust lets any module of the crate add them, so callers say what they
//! mean while the I/O stays out of `domain`. Every write goes through
//! [`crate::secure_file`] (0600 from the start, atomic, never over an existing key).

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::Context;
use secrecy::SecretString;
use zeroize::Zeroizing;

use crate::domain::pepper::{Pepper, PepperError};
use crate::domain::transport_key::TransportKey;

use super::options::OptionsError;

/// Where a secret the server starts with comes from.
pub enum SecretSource {
    /// A file holding it (`--pepper-file`, `--mask-key-pkcs11-pin-file`…).
    File(PathBuf),
    /// The value of its environment variable, taken out of the environment as the
    /// process started (`MILLECTL_PEPPER`, `MILLECTL_PKCS11_PIN`).
    Env(Zeroizing<String>),
    /// Neither was given.
    Unset,
}

impl std::fmt::Debug for SecretSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::File(path) => f.debug_tuple("File").field(path).finish(),
            Self::Env(_) => f.write_str("Env(redacted)"),
            Self::Unset => f.write_str("Unset"),
        }
    }
}

/// A pepper file holds 64 hex characters and perhaps a newline; anything much larger is
/// not a pepper file, and we refuse to read it into memory.
const MAX_PEPPER_FILE_LEN: u64 = 1024;
/// A transport key file holds 32 hex characters and perhaps a newline.
const MAX_TRANSPORT_KEY_FILE_LEN: u64 = 256;

/// Why a pepper file could not be loaded or stored. Messages name the file, never the
/// key.
#[derive(Debug, thiserror::Error)]
pub enum PepperFileError {
    #[error(transparent)]
    Malformed(#[from] PepperError),
    #[error("cannot read pepper file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("pepper file {} already exists; refusing to overwrite a key", path.display())]
    Exists { path: PathBuf },
    #[error("cannot write pepper file {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl Pepper {
    /// Read a pepper from a key file holding its hex form.
    pub fn load_file(path: &Path) -> Result<Self, PepperFileError> {
        let read_err = |source| PepperFileError::Read {
            path: path.to_owned(),
            source,
        };
        let file = std::fs::File::open(path).map_err(read_err)?;
        let mut text = Zeroizing::new(String::with_capacity(MAX_PEPPER_FILE_LEN as usize + 1));
        file.take(MAX_PEPPER_FILE_LEN + 1)
            .read_to_string(&mut text)
            .map_err(read_err)?;
        if text.len() as u64 > MAX_PEPPER_FILE_LEN {
            return Err(PepperError::Malformed.into());
        }
        Ok(Self::from_hex(&text)?)
    }

    /// Write the pepper's hex form to a new file, readable by its owner only (mode 0600
    /// on Unix). Refuses to overwrite an existing file: replacing a pepper silently
    /// would make every stored credential unusable.
    pub fn write_file(&self, path: &Path) -> Result<(), PepperFileError> {
        let mut text = self.to_hex();
        text.push('\n');
        crate::secure_file::write_new(path, text.as_bytes()).map_err(|source| {
            if source.kind() == std::io::ErrorKind::AlreadyExists {
                PepperFileError::Exists {
                    path: path.to_owned(),
                }
            } else {
                PepperFileError::Write {
                    path: path.to_owned(),
                    source,
                }
            }
        })
    }
}

impl TransportKey {
    /// Read the key from a file holding its hex form.
    pub fn load_file(path: &Path) -> Result<Self, String> {
        let mut text = Zeroizing::new(String::new());
        std::fs::File::open(path)
            .and_then(|file| {
                file.take(MAX_TRANSPORT_KEY_FILE_LEN)
                    .read_to_string(&mut text)
            })
            .map_err(|e| {
                format!(
                    "cannot read the token transport key {}: {e}",
                    path.display()
                )
            })?;
        Self::from_hex(&text)
    }

    /// Write the key as hex to a new file, readable by its owner only.
    pub fn write_file(&self, path: &Path) -> Result<(), String> {
        let text = Zeroizing::new(format!("{}\n", hex::encode(self.as_bytes())));
        crate::secure_file::write_new(path, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    }
}

/// `millectl server init-pepper PATH`: a new random pepper in a new file (mode 0600).
pub fn init_pepper(path: &Path) -> Result<(), PepperFileError> {
    Pepper::generate().write_file(path)
}

/// The pepper from `--pepper-file` or `MILLECTL_PEPPER`.
pub fn load_pepper(source: &SecretSource) -> anyhow::Result<Pepper> {
    match source {
        SecretSource::File(path) => Pepper::load_file(path)
            .with_context(|| format!("cannot read the pepper from {}", path.display())),
        SecretSource::Env(hex) => {
            Pepper::from_hex(hex).context("MILLECTL_PEPPER is not a valid pepper")
        }
        SecretSource::Unset => anyhow::bail!(
            "no pepper: give --pepper-file FILE or set MILLECTL_PEPPER (create one with `millectl server init-pepper FILE`)"
        ),
    }
}

/// A PKCS#11 token's user PIN: from the file, else from `MILLECTL_PKCS11_PIN`. Never
/// from argv, never echoed. Missing or empty, it is a usage error ([`OptionsError`]).
pub fn load_pin(source: &SecretSource) -> anyhow::Result<SecretString> {
    let text = match source {
        SecretSource::File(path) => Zeroizing::new(
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the PKCS#11 PIN from {}", path.display()))?,
        ),
        SecretSource::Env(pin) => pin.clone(),
        SecretSource::Unset => {
            return Err(OptionsError(
                "the PKCS#11 token needs its user PIN: give --mask-key-pkcs11-pin-file FILE \
                 (--pkcs11-pin-file for `mask-key generate`) or set MILLECTL_PKCS11_PIN"
                    .into(),
            )
            .into())
        }
    };
    let pin = text.trim_end_matches(['\r', '\n']);
    if pin.is_empty() {
        return Err(OptionsError("the PKCS#11 PIN is empty".into()).into());
    }
    Ok(SecretString::from(pin.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pepper_file_roundtrip_with_private_mode_and_no_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pepper.key");
        let pepper = Pepper::generate();
        pepper.write_file(&path).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let loaded = Pepper::load_file(&path).unwrap();
        assert_eq!(loaded.to_hex().as_str(), pepper.to_hex().as_str());

        let again = Pepper::generate().write_file(&path).unwrap_err();
        assert!(matches!(again, PepperFileError::Exists { .. }), "{again}");
        assert_eq!(
            Pepper::load_file(&path).unwrap().to_hex().as_str(),
            pepper.to_hex().as_str()
        );
    }

    #[test]
    fn pepper_load_refuses_missing_and_oversized_files() {
        let dir = tempfile::tempdir().unwrap();
        let missing = Pepper::load_file(&dir.path().join("nope")).unwrap_err();
        assert!(matches!(missing, PepperFileError::Read { .. }), "{missing}");

        let big = dir.path().join("big");
        std::fs::write(&big, "a".repeat(10_000)).unwrap();
        assert!(matches!(
            Pepper::load_file(&big),
            Err(PepperFileError::Malformed(PepperError::Malformed))
        ));
    }

    #[test]
    fn transport_key_file_roundtrip_private_and_no_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("token-transport.key");
        let key = TransportKey::generate();
        key.write_file(&path).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert_eq!(
            TransportKey::load_file(&path).unwrap().as_bytes(),
            key.as_bytes()
        );
        assert!(TransportKey::generate().write_file(&path).is_err());
        assert_eq!(
            TransportKey::load_file(&path).unwrap().as_bytes(),
            key.as_bytes()
        );
    }

    #[test]
    fn pepper_sources_say_what_is_missing() {
        let err = load_pepper(&SecretSource::Unset).unwrap_err().to_string();
        assert!(err.starts_with("no pepper: give --pepper-file"), "{err}");
        let err = load_pepper(&SecretSource::Env(Zeroizing::new("zz".into()))).unwrap_err();
        assert_eq!(err.to_string(), "MILLECTL_PEPPER is not a valid pepper");
        let hex = Pepper::generate().to_hex();
        assert!(load_pepper(&SecretSource::Env(hex)).is_ok());
        assert_eq!(
            format!("{:?}", SecretSource::Env(Zeroizing::new("1234".into()))),
            "Env(redacted)"
        );
    }

    #[test]
    fn a_missing_or_empty_pin_is_a_usage_error() {
        for source in [
            SecretSource::Unset,
            SecretSource::Env(Zeroizing::new("\n".into())),
        ] {
            let err = load_pin(&source).unwrap_err();
            assert!(err.downcast_ref::<OptionsError>().is_some(), "{err}");
        }
        let pin = load_pin(&SecretSource::Env(Zeroizing::new("1234\r\n".into()))).unwrap();
        assert_eq!(secrecy::ExposeSecret::expose_secret(&pin), "1234");
    }
}
