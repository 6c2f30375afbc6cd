//! The key that masks password records, wherever it lives.
//!
//! Every masked-password record is keyed by an HMAC-SHA256 key. By default that key is
//! a subkey of the pepper ([`PepperMaskKey`]), held in the server's memory. It can also
//! live in a PKCS#11 token (an HSM, or SoftHSM2 in tests) that computes the HMAC and
//! never lets the key out (`server::pkcs11`). Each record names the key that made it
//! ([`MaskKey::id`]), so keys can be rotated: new records are made with the current
//! key, older ones are checked with theirs until the user's next password change.

use std::fmt;
use std::sync::Arc;

use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::domain::pepper::{Pepper, SubKey};

/// Bytes of an HMAC-SHA256 output.
pub const MAC_LEN: usize = 32;
/// The pepper label of the masked-password key, for both schemes.
pub const PEPPER_LABEL: &str = "millectl/masked-password/v1";

/// Why a key could not compute a MAC. Never a secret in the message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MaskKeyError {
    /// The token or its library failed (unplugged HSM, closed session, …): the check
    /// cannot be made, which is not the same as a wrong password.
    #[error("the mask key {id} is unavailable: {reason}")]
    Unavailable { id: String, reason: String },
    /// A record names a key this server does not have.
    #[error("no mask key {0:?} is configured on this server")]
    Unknown(String),
}

/// An HMAC-SHA256 key that masks password records.
pub trait MaskKey: Send + Sync {
    /// Names the key in every record it protects (`users.pw_key_id`). Reveals nothing
    /// of the key: `pepper:<fingerprint>` or `pkcs11:<label>`.
    fn id(&self) -> &str;

    /// HMAC-SHA256(key, message).
    fn mac(&self, message: &[u8]) -> Result<Zeroizing<[u8; MAC_LEN]>, MaskKeyError>;
}

/// The pepper's masked-password subkey, in this process's memory.
pub struct PepperMaskKey {
    key: SubKey,
    id: String,
}

impl PepperMaskKey {
    pub fn new(pepper: &Pepper) -> Self {
        let key = pepper.subkey(PEPPER_LABEL);
        // A fingerprint under a label of its own: it names the key without being a
        // MAC any record uses.
        let fingerprint = hmac_sha256(key.as_bytes(), b"millectl/key-id");
        let id = format!("pepper:{}", hex::encode(&fingerprint[..8]));
        Self { key, id }
    }

    /// The subkey itself: the old (Shamir) records mask their shares with it.
    pub fn subkey(&self) -> &SubKey {
        &self.key
    }
}

impl MaskKey for PepperMaskKey {
    fn id(&self) -> &str {
        &self.id
    }

    fn mac(&self, message: &[u8]) -> Result<Zeroizing<[u8; MAC_LEN]>, MaskKeyError> {
        Ok(hmac_sha256(self.key.as_bytes(), message))
    }
}

impl fmt::Debug for PepperMaskKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PepperMaskKey({})", self.id)
    }
}

fn hmac_sha256(key: &[u8], message: &[u8]) -> Zeroizing<[u8; MAC_LEN]> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(message);
    let mut out = Zeroizing::new([0u8; MAC_LEN]);
    out.copy_from_slice(&mac.finalize().into_bytes());
    out
}

/// The keys a server checks masked passwords with: the pepper's (always: the old
/// scheme's records need it), the one new records are made with (the pepper's, or a
/// PKCS#11 token's), and any older keys still named by records.
#[derive(Clone)]
pub struct MaskKeys {
    pepper: Arc<PepperMaskKey>,
    current: Arc<dyn MaskKey>,
    others: Vec<Arc<dyn MaskKey>>,
}

impl MaskKeys {
    /// The pepper's key, current for new records.
    pub fn from_pepper(pepper: &Pepper) -> Self {
        let key = Arc::new(PepperMaskKey::new(pepper));
        Self {
            current: key.clone(),
            pepper: key,
            others: Vec::new(),
        }
    }

    /// Make new records with `current`; `others` stay available for the records
    /// that name them.
    pub fn with_current(
        mut self,
        current: Arc<dyn MaskKey>,
        others: Vec<Arc<dyn MaskKey>>,
    ) -> Self {
        self.current = current;
        self.others = others;
        self
    }

    pub fn current(&self) -> &dyn MaskKey {
        self.current.as_ref()
    }

    pub fn pepper(&self) -> &PepperMaskKey {
        &self.pepper
    }

    /// The key a record names.
    pub fn find(&self, id: &str) -> Result<&dyn MaskKey, MaskKeyError> {
        if self.current.id() == id {
            return Ok(self.current.as_ref());
        }
        if self.pepper.id() == id {
            return Ok(self.pepper.as_ref());
        }
        self.others
            .iter()
            .find(|key| key.id() == id)
            .map(|key| key.as_ref())
            .ok_or_else(|| MaskKeyError::Unknown(id.to_owned()))
    }
}

impl fmt::Debug for MaskKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let others: Vec<&str> = self.others.iter().map(|k| k.id()).collect();
        f.debug_struct("MaskKeys")
            .field("current", &self.current.id())
            .field("others", &others)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pepper_key_ids_name_the_pepper_without_revealing_it() {
        let pepper = Pepper::from_hex(&"17".repeat(32)).unwrap();
        let key = PepperMaskKey::new(&pepper);
        assert!(key.id().starts_with("pepper:"), "{}", key.id());
        assert_eq!(key.id().len(), "pepper:".len() + 16);
        assert_eq!(PepperMaskKey::new(&pepper).id(), key.id());
        assert_ne!(PepperMaskKey::new(&Pepper::generate()).id(), key.id());
        let subkey_hex = hex::encode(key.subkey().as_bytes());
        assert!(!subkey_hex.contains(&key.id()["pepper:".len()..]));
        // The MAC is HMAC-SHA256 under the subkey.
        assert_eq!(
            *key.mac(b"m").unwrap(),
            *hmac_sha256(key.subkey().as_bytes(), b"m")
        );
    }

    #[test]
    fn keys_are_found_by_the_id_a_record_names() {
        let old = Pepper::generate();
        let keys = MaskKeys::from_pepper(&old);
        let pepper_id = keys.pepper().id().to_owned();
        assert_eq!(keys.find(&pepper_id).unwrap().id(), pepper_id);
        let newer: Arc<dyn MaskKey> = Arc::new(PepperMaskKey::new(&Pepper::generate()));
        let newer_id = newer.id().to_owned();
        let keys = keys.with_current(newer, Vec::new());
        assert_eq!(keys.current().id(), newer_id);
        assert_eq!(keys.find(&pepper_id).unwrap().id(), pepper_id);
        assert_eq!(
            keys.find("pkcs11:gone").err(),
            Some(MaskKeyError::Unknown("pkcs11:gone".into()))
        );
    }
}
