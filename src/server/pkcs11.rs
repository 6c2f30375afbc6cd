//! The masked-password key in a PKCS#11 token (an HSM; SoftHSM2 in tests and CI), so
//! that a copy of the server's memory, disk or backups does not carry the key that
//! masks every password record (issue 13).
//!
//! Custody: the key is generated inside the token ([`generate`]) as a token object with
//! `CKA_SENSITIVE=true` and `CKA_EXTRACTABLE=false`: the token refuses to reveal its
//! value (`CKA_VALUE`) or to wrap it out, to us as to anyone. The server only asks the
//! token for HMAC-SHA256 (`C_Sign` with `CKM_SHA256_HMAC`) of the messages it masks, so
//! the key never enters this process, its logs or its core dumps. What an attacker who
//! takes the host can still do: log in with the PIN they find there (or use our open
//! sessions) and use the token as an oracle, computing MACs for offline guessing — but
//! only while they hold the host (or a network path to the HSM) and at the token's
//! speed. Nothing they carry away lets them go on afterwards; with the pepper's key
//! (`PepperMaskKey`) a stolen memory image would have been enough.
//!
//! Concurrency: logins compute MACs from many blocking threads at once (Argon2 runs in
//! `spawn_blocking` behind the hash gate). A PKCS#11 session runs one operation at a
//! time and is not `Sync`, so each MAC takes an idle session from a small pool (or
//! opens one when all are busy) and puts it back. Measured on SoftHSM2 2.6 (the
//! `a_mac_is_fast_enough_from_many_threads` test prints it): 30-70 µs per MAC on one
//! thread, pooled or not; from 16 threads at once (SoftHSM2 serialises much of its
//! work) 65-85 µs wall per MAC pooled against 85-95 µs with a session opened and closed
//! for each. The pool wins a little here, and much more on a network HSM, where
//! opening a session is a round trip. PKCS#11 keeps the login per application, not
//! per session: one "anchor" session logged in at start and never closed keeps every
//! pooled session logged in.
//! If the token forgets the login anyway (reset, reconnect), the next MAC logs in again
//! with the PIN, which is therefore kept (zeroized on drop) for the server's life.
//!
//! Rotation: every secret key of the token that can make an HMAC is opened too, as
//! `others`, so records made under an older label still verify after
//! `--mask-key-pkcs11-key` names a new one.

use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::{Error as CkError, RvError};
use cryptoki::mechanism::Mechanism;
use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::slot::Slot;
use cryptoki::types::AuthPin;
use secrecy::SecretString;
use zeroize::Zeroizing;

use crate::domain::masked_password::key::MAC_LEN;
use crate::domain::masked_password::{MaskKey, MaskKeyError};

/// Idle sessions kept open for MACs; beyond it, a session that comes back is closed.
/// The hash gate runs at most this many Argon2 (and so MACs) at once by default.
const MAX_IDLE_SESSIONS: usize = 16;

/// Where the key lives: the module, the token, and who may use it.
pub struct TokenConfig {
    /// The vendor's PKCS#11 library (`/usr/lib/softhsm/libsofthsm2.so`).
    pub module: PathBuf,
    /// The token's label (`softhsm2-util --init-token --label`).
    pub token_label: String,
    /// The user PIN. Never printed, logged or put in an error.
    pub pin: SecretString,
}

impl fmt::Debug for TokenConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenConfig")
            .field("module", &self.module)
            .field("token_label", &self.token_label)
            .field("pin", &"(redacted)")
            .finish()
    }
}

/// Why the token could not be opened or used. Never holds the PIN or key material.
#[derive(Debug, thiserror::Error)]
pub enum Pkcs11Error {
    #[error("cannot load the PKCS#11 module {path}: {reason}")]
    Module { path: PathBuf, reason: String },
    #[error("no PKCS#11 token labelled {0:?} (is the token initialised, and SOFTHSM2_CONF or the module's configuration pointing at it?)")]
    NoToken(String),
    #[error("the PKCS#11 token {token:?} refused the user PIN ({reason})")]
    Login { token: String, reason: String },
    #[error("no HMAC key labelled {key:?} in the PKCS#11 token {token:?} (create one with `millectl server mask-key generate`)")]
    NoKey { token: String, key: String },
    #[error("{count} secret keys are labelled {key:?} in the PKCS#11 token {token:?}; a label must name one key")]
    AmbiguousKey {
        token: String,
        key: String,
        count: usize,
    },
    #[error(
        "a key labelled {key:?} exists already in the PKCS#11 token {token:?}; choose a new label"
    )]
    KeyExists { token: String, key: String },
    #[error("the key label must be 1 to 64 printable ASCII characters")]
    BadLabel,
    #[error("the PKCS#11 token failed: {0}")]
    Token(String),
}

/// An open token: a logged-in anchor session, and idle sessions for MACs.
struct Token {
    ctx: Pkcs11,
    slot: Slot,
    label: String,
    pin: AuthPin,
    /// Logged in, never used for MACs and never closed while the token is open: its
    /// login is every session's (PKCS#11 logins are per application).
    anchor: Mutex<Option<Session>>,
    idle: Mutex<Vec<Session>>,
    /// We called `C_Initialize`, so we call `C_Finalize` when done. A server opens one
    /// token for its life; a second one opened meanwhile in the same process shares
    /// the first one's initialisation and ends with it.
    finalize: bool,
}

impl Token {
    fn open(config: &TokenConfig) -> Result<Arc<Self>, Pkcs11Error> {
        let ctx = Pkcs11::new(&config.module).map_err(|err| Pkcs11Error::Module {
            path: config.module.clone(),
            reason: err.to_string(),
        })?;
        let finalize = match ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
            Ok(()) => true,
            // Someone else in this process opened the module first: share its state.
            Err(CkError::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => false,
            Err(err) => {
                return Err(Pkcs11Error::Module {
                    path: config.module.clone(),
                    reason: reason(&err),
                })
            }
        };
        let slot = find_slot(&ctx, &config.token_label)?;
        let anchor = ctx.open_ro_session(slot).map_err(token_error)?;
        match anchor.login(UserType::User, Some(&config.pin)) {
            Ok(()) | Err(CkError::Pkcs11(RvError::UserAlreadyLoggedIn, _)) => {}
            Err(err) => {
                return Err(Pkcs11Error::Login {
                    token: config.token_label.clone(),
                    reason: reason(&err),
                })
            }
        }
        Ok(Arc::new(Self {
            ctx,
            slot,
            label: config.token_label.clone(),
            pin: config.pin.clone(),
            anchor: Mutex::new(Some(anchor)),
            idle: Mutex::new(Vec::new()),
            finalize,
        }))
    }

    /// An idle session, or a new one when all are busy.
    fn session(&self) -> Result<Session, CkError> {
        if let Some(session) = self.idle.lock().ok().and_then(|mut idle| idle.pop()) {
            return Ok(session);
        }
        self.ctx.open_ro_session(self.slot)
    }

    fn put_back(&self, session: Session) {
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < MAX_IDLE_SESSIONS {
                idle.push(session);
            }
        }
    }

    /// Log in again after the token forgot it (reset, reconnect): a fresh anchor.
    fn relogin(&self) -> Result<(), CkError> {
        let session = self.ctx.open_ro_session(self.slot)?;
        match session.login(UserType::User, Some(&self.pin)) {
            Ok(()) | Err(CkError::Pkcs11(RvError::UserAlreadyLoggedIn, _)) => {}
            Err(err) => return Err(err),
        }
        if let Ok(mut anchor) = self.anchor.lock() {
            *anchor = Some(session);
        }
        Ok(())
    }

    fn sign(&self, key: ObjectHandle, message: &[u8]) -> Result<Vec<u8>, CkError> {
        let session = self.session()?;
        match session.sign(&Mechanism::Sha256Hmac, key, message) {
            Ok(mac) => {
                self.put_back(session);
                Ok(mac)
            }
            Err(CkError::Pkcs11(RvError::UserNotLoggedIn, _)) => {
                drop(session);
                self.relogin()?;
                let session = self.session()?;
                let mac = session.sign(&Mechanism::Sha256Hmac, key, message)?;
                self.put_back(session);
                Ok(mac)
            }
            // The session may be the broken part: it is closed, not put back.
            Err(err) => Err(err),
        }
    }

    /// The token's secret keys that can make an HMAC, with their labels.
    fn hmac_keys(&self) -> Result<Vec<(ObjectHandle, String)>, Pkcs11Error> {
        let session = self.session().map_err(token_error)?;
        let handles = session
            .find_objects(&[
                Attribute::Class(ObjectClass::SECRET_KEY),
                Attribute::Sign(true),
            ])
            .map_err(token_error)?;
        let mut keys = Vec::new();
        for handle in handles {
            let attributes = session
                .get_attributes(handle, &[AttributeType::KeyType, AttributeType::Label])
                .map_err(token_error)?;
            let mut hmac = false;
            let mut label = None;
            for attribute in attributes {
                match attribute {
                    Attribute::KeyType(kind) => {
                        hmac = kind == KeyType::GENERIC_SECRET || kind == KeyType::SHA256_HMAC;
                    }
                    Attribute::Label(bytes) => label = String::from_utf8(bytes).ok(),
                    _ => {}
                }
            }
            if let (true, Some(label)) = (hmac, label) {
                if !label.is_empty() {
                    keys.push((handle, label));
                }
            }
        }
        self.put_back(session);
        Ok(keys)
    }
}

impl Drop for Token {
    fn drop(&mut self) {
        if let Ok(idle) = self.idle.get_mut() {
            idle.clear();
        }
        if let Ok(anchor) = self.anchor.get_mut() {
            *anchor = None;
        }
        if self.finalize {
            // Nothing to do about a failure while closing down.
            let _ = self.ctx.clone().finalize();
        }
    }
}

/// An HMAC-SHA256 key that never leaves its PKCS#11 token.
pub struct Pkcs11MaskKey {
    token: Arc<Token>,
    handle: ObjectHandle,
    id: String,
}

impl Pkcs11MaskKey {
    fn new(token: Arc<Token>, handle: ObjectHandle, label: &str) -> Self {
        Self {
            token,
            handle,
            id: key_id(label),
        }
    }
}

impl MaskKey for Pkcs11MaskKey {
    fn id(&self) -> &str {
        &self.id
    }

    fn mac(&self, message: &[u8]) -> Result<Zeroizing<[u8; MAC_LEN]>, MaskKeyError> {
        let unavailable = |reason: String| MaskKeyError::Unavailable {
            id: self.id.clone(),
            reason,
        };
        let mac = Zeroizing::new(
            self.token
                .sign(self.handle, message)
                .map_err(|err| unavailable(reason(&err)))?,
        );
        let mut out = Zeroizing::new([0u8; MAC_LEN]);
        if mac.len() != MAC_LEN {
            return Err(unavailable(format!(
                "the token answered {} bytes, not an HMAC-SHA256",
                mac.len()
            )));
        }
        out.copy_from_slice(&mac);
        Ok(out)
    }
}

impl fmt::Debug for Pkcs11MaskKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pkcs11MaskKey({} in {:?})", self.id, self.token.label)
    }
}

/// The key new records are made with, and every other HMAC key of the same token.
pub struct TokenKeys {
    pub current: Arc<dyn MaskKey>,
    pub others: Vec<Arc<dyn MaskKey>>,
}

impl fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let others: Vec<&str> = self.others.iter().map(|k| k.id()).collect();
        f.debug_struct("TokenKeys")
            .field("current", &self.current.id())
            .field("others", &others)
            .finish()
    }
}

/// `pkcs11:<label>`: what records name the key by.
pub fn key_id(label: &str) -> String {
    format!("pkcs11:{label}")
}

/// Log in to the token and find the key labelled `key_label`, plus every other HMAC
/// key of the token (for records made before a rotation).
pub fn open(config: &TokenConfig, key_label: &str) -> Result<TokenKeys, Pkcs11Error> {
    let token = Token::open(config)?;
    let keys = token.hmac_keys()?;
    let matching = keys.iter().filter(|(_, label)| label == key_label).count();
    match matching {
        0 => {
            return Err(Pkcs11Error::NoKey {
                token: config.token_label.clone(),
                key: key_label.to_owned(),
            })
        }
        1 => {}
        count => {
            return Err(Pkcs11Error::AmbiguousKey {
                token: config.token_label.clone(),
                key: key_label.to_owned(),
                count,
            })
        }
    }
    let mut current = None;
    let mut others: Vec<Arc<dyn MaskKey>> = Vec::new();
    for (handle, label) in keys {
        let key = Arc::new(Pkcs11MaskKey::new(token.clone(), handle, &label));
        if label == key_label {
            current = Some(key as Arc<dyn MaskKey>);
        } else if others.iter().any(|other| other.id() == key.id()) {
            // Two older keys under one label: records cannot say which made them;
            // the first found is used, and the log says so.
            tracing::warn!(key = %key.id(), token = %config.token_label, "two HMAC keys share this label; using the first");
        } else {
            others.push(key);
        }
    }
    let current = current.ok_or_else(|| Pkcs11Error::NoKey {
        token: config.token_label.clone(),
        key: key_label.to_owned(),
    })?;
    Ok(TokenKeys { current, others })
}

/// Generate a new HMAC key inside the token, which it never leaves; refuse a label
/// that is taken. Returns its id (`pkcs11:<label>`).
pub fn generate(config: &TokenConfig, key_label: &str) -> Result<String, Pkcs11Error> {
    if key_label.is_empty()
        || key_label.len() > 64
        || !key_label.bytes().all(|b| b.is_ascii_graphic() || b == b' ')
    {
        return Err(Pkcs11Error::BadLabel);
    }
    let token = Token::open(config)?;
    let session = token.ctx.open_rw_session(token.slot).map_err(token_error)?;
    let taken = session
        .find_objects(&[
            Attribute::Class(ObjectClass::SECRET_KEY),
            Attribute::Label(key_label.as_bytes().to_vec()),
        ])
        .map_err(token_error)?;
    if !taken.is_empty() {
        return Err(Pkcs11Error::KeyExists {
            token: config.token_label.clone(),
            key: key_label.to_owned(),
        });
    }
    session
        .generate_key(
            &Mechanism::GenericSecretKeyGen,
            &[
                Attribute::Class(ObjectClass::SECRET_KEY),
                Attribute::KeyType(KeyType::GENERIC_SECRET),
                Attribute::ValueLen(32.into()),
                Attribute::Token(true),
                Attribute::Private(true),
                Attribute::Sensitive(true),
                Attribute::Extractable(false),
                Attribute::Sign(true),
                Attribute::Verify(true),
                Attribute::Label(key_label.as_bytes().to_vec()),
            ],
        )
        .map_err(token_error)?;
    Ok(key_id(key_label))
}

fn find_slot(ctx: &Pkcs11, label: &str) -> Result<Slot, Pkcs11Error> {
    for slot in ctx
        .get_slots_with_initialized_token()
        .map_err(token_error)?
    {
        let info = ctx.get_token_info(slot).map_err(token_error)?;
        if info.label().trim_end() == label {
            return Ok(slot);
        }
    }
    Err(Pkcs11Error::NoToken(label.to_owned()))
}

fn token_error(err: CkError) -> Pkcs11Error {
    Pkcs11Error::Token(reason(&err))
}

/// A short reason: the function and the return value's name (the library's own texts
/// run to paragraphs). PKCS#11 errors carry no argument values, so no secret.
fn reason(err: &CkError) -> String {
    match err {
        CkError::Pkcs11(rv, function) => format!("C_{function:?} returned {rv:?}"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests;
