//! The transport key of hardware-token inventories: the AES-128 key the token vendor
//! and the bank share, under which a PSKC file's seeds arrive encrypted (RFC 6030
//! §6.1). The server holds it in a file (`server --token-transport-key-file`, 32 hex
//! characters, mode 0600), so back-office uploads inventories without ever seeing a
//! seed, and nobody at HelpDesk can supply one. Reading and writing that file is the
//! server's (`server::secrets_file`, which adds `TransportKey::load_file` and
//! `TransportKey::write_file`); this module stays pure.

use rand::RngCore;
use zeroize::Zeroizing;

#[derive(Clone)]
pub struct TransportKey(Zeroizing<[u8; 16]>);

impl std::fmt::Debug for TransportKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TransportKey(redacted)")
    }
}

impl TransportKey {
    pub fn generate() -> Self {
        let mut key = Zeroizing::new([0u8; 16]);
        rand::rngs::OsRng.fill_bytes(key.as_mut_slice());
        Self(key)
    }

    /// 32 hex characters; surrounding whitespace is ignored.
    pub fn from_hex(text: &str) -> Result<Self, String> {
        let mut key = Zeroizing::new([0u8; 16]);
        hex::decode_to_slice(text.trim(), key.as_mut_slice())
            .map_err(|_| "a token transport key is 32 hex characters (AES-128)".to_owned())?;
        Ok(Self(key))
    }

    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_debug_is_redacted() {
        let key = TransportKey::generate();
        let again = TransportKey::from_hex(&hex::encode(key.as_bytes())).unwrap();
        assert_eq!(key.as_bytes(), again.as_bytes());
        assert_eq!(format!("{key:?}"), "TransportKey(redacted)");
        assert!(TransportKey::from_hex("abcd").is_err());
        assert!(TransportKey::from_hex(&"zz".repeat(16)).is_err());
    }
}
