//! Why an inventory was refused, as one line that says what is wrong and where: which
//! KeyPackage, by position and (once it is known to be valid) serial. Typed, so a caller
//! can tell a wrong transport key from a malformed file; no variant carries a seed, a key
//! or a decrypted byte, and what a message echoes from the file is shortened and escaped.

use std::fmt;

use super::{
    AES128_CBC, HMAC_SHA1, MAX_INPUT_BYTES, MAX_KEY_PACKAGES, MAX_PERIOD_S, MAX_SEALED_BYTES,
    MAX_SERIAL_CHARS, MIN_MAC_KEY_BYTES, PSKC_NS, TOTP,
};
use crate::domain::otp::{TOTP_SECRET_MAX, TOTP_SECRET_MIN};

/// Why an inventory was refused: one line that says what is wrong and where.
#[derive(Debug, thiserror::Error)]
pub enum PskcError {
    #[error("inventory is {bytes} bytes; at most {MAX_INPUT_BYTES} (4 MiB) are read")]
    TooLarge { bytes: usize },
    #[error("inventory is not UTF-8 text")]
    NotUtf8,
    #[error("inventory is not well-formed XML: {0}")]
    NotXml(String),
    #[error("inventory is not a PSKC 1.0 KeyContainer ({PSKC_NS}): {0}")]
    NotPskc(String),
    #[error(
        "inventory holds {count} KeyPackages; at most {MAX_KEY_PACKAGES} are read from one file"
    )]
    TooManyKeyPackages { count: usize },
    #[error("inventory holds no KeyPackage")]
    NoKeyPackages,
    #[error("inventory's EncryptionKey {0}")]
    EncryptionKey(&'static str),
    #[error("inventory's MACMethod {0}")]
    MacMethod(&'static str),
    #[error("inventory's MACMethod algorithm is {0:?}, not HMAC-SHA1 ({HMAC_SHA1})")]
    MacAlgorithm(String),
    #[error("inventory's MACKey: {0}")]
    MacKey(ValueProblem),
    #[error("inventory's MACKey is {0} bytes; at least {MIN_MAC_KEY_BYTES} are read")]
    MacKeyLength(usize),
    #[error("{at}: {problem}")]
    KeyPackage {
        at: KeyPackageAt,
        problem: KeyProblem,
    },
}

/// Which KeyPackage: its position in the file, from 1, and its serial once it is known
/// to be a valid one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPackageAt {
    pub position: usize,
    pub serial: Option<String>,
}

impl fmt::Display for KeyPackageAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.serial {
            Some(serial) => write!(f, "KeyPackage #{} (serial {serial})", self.position),
            None => write!(f, "KeyPackage #{}", self.position),
        }
    }
}

/// What is wrong with one KeyPackage.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyProblem {
    #[error("no {0}")]
    Missing(&'static str),
    #[error("more than one {0}")]
    Repeated(&'static str),
    #[error(
        "serial number {0:?} is not 1 to {MAX_SERIAL_CHARS} characters of A-Z, a-z, 0-9 and '-'"
    )]
    BadSerial(String),
    #[error("the serial number is also KeyPackage #{first}'s")]
    DuplicateSerial { first: usize },
    #[error("key algorithm is {0:?}; only TOTP ({TOTP}) is accepted")]
    NotTotp(String),
    #[error("ResponseFormat Length {0:?} is not 6 or 8")]
    Digits(String),
    #[error("ResponseFormat Encoding {0:?} is not DECIMAL")]
    Encoding(String),
    #[error("TimeInterval {0:?} is not a whole number of seconds from 1 to {MAX_PERIOD_S}")]
    Period(String),
    #[error("the seed is in the clear (Secret/PlainValue); only encrypted seeds are read")]
    PlainSecret,
    #[error("Secret: {0}")]
    Secret(ValueProblem),
    #[error("seed is {0} bytes; {TOTP_SECRET_MIN} to {TOTP_SECRET_MAX} are accepted")]
    SeedLength(usize),
}

/// What is wrong with one encrypted value (a seed or the MAC key).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueProblem {
    #[error("no {0}")]
    Missing(&'static str),
    #[error("more than one {0}")]
    Repeated(&'static str),
    #[error("EncryptionMethod is {0:?}, not AES-128-CBC ({AES128_CBC})")]
    Algorithm(String),
    #[error("{0} is not base64")]
    Base64(&'static str),
    #[error("CipherValue is {0} bytes, not a 16-byte IV and whole 16-byte blocks")]
    Shape(usize),
    #[error("CipherValue is {0} bytes, more than any accepted value takes ({MAX_SEALED_BYTES})")]
    TooLong(usize),
    #[error("ValueMAC does not match: wrong transport key, or an altered file")]
    MacMismatch,
    #[error("does not decrypt (bad padding): wrong transport key, or an altered file")]
    Padding,
}
