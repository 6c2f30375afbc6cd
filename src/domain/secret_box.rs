//! Authenticated encryption of small secrets at rest, such as hardware tokens' TOTP
//! seeds, which the server must be able to read back (unlike passwords, which it only
//! verifies).
//!
//! ChaCha20-Poly1305 with a random 12-byte nonce prepended to the ciphertext: random
//! nonces are safe here because one key seals at most a few million small values, far
//! below the birthday bound of 2^48 for 96-bit nonces. The associated data binds a
//! sealed value to its owner (say, the user's id), so a ciphertext copied to another
//! row in the database fails to open instead of handing one user another's token.
//! The key is a [`SubKey`] of the pepper, so a stolen database alone opens nothing.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Nonce};
use rand::rngs::OsRng;
use rand::RngCore;
use zeroize::Zeroizing;

use super::pepper::SubKey;

/// Bytes of nonce at the start of a sealed value.
pub const NONCE_LEN: usize = 12;
/// Bytes of Poly1305 tag at the end of a sealed value.
pub const TAG_LEN: usize = 16;

/// Why a sealed value did not open. Deliberately vague: which check failed is no
/// business of an attacker's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretBoxError {
    #[error("sealed secret is too short to be one; the stored value is corrupt")]
    TooShort,
    #[error("sealed secret failed authentication: wrong key, wrong owner or tampered data")]
    Unauthentic,
}

/// Encrypt `plaintext`, binding it to `associated_data`; returns nonce ‖ ciphertext ‖ tag.
///
/// # Panics
/// Only if `plaintext` exceeds ChaCha20-Poly1305's limit of 256 GiB, which no secret
/// this crate seals comes near.
pub fn seal(key: &SubKey, plaintext: &[u8], associated_data: &[u8]) -> Vec<u8> {
    let cipher = ChaCha20Poly1305::new(key.as_bytes().into());
    let mut nonce = [0u8; NONCE_LEN];
    OsRng.fill_bytes(&mut nonce);
    let ciphertext = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: plaintext,
                aad: associated_data,
            },
        )
        .unwrap_or_else(|_| {
            panic!(
                "ChaCha20-Poly1305 refused a {}-byte plaintext",
                plaintext.len()
            )
        });
    let mut sealed = Vec::with_capacity(NONCE_LEN + ciphertext.len());
    sealed.extend_from_slice(&nonce);
    sealed.extend_from_slice(&ciphertext);
    sealed
}

/// Decrypt a value made by [`seal`] with the same key and associated data.
pub fn open(
    key: &SubKey,
    sealed: &[u8],
    associated_data: &[u8],
) -> Result<Zeroizing<Vec<u8>>, SecretBoxError> {
    if sealed.len() < NONCE_LEN + TAG_LEN {
        return Err(SecretBoxError::TooShort);
    }
    let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
    let cipher = ChaCha20Poly1305::new(key.as_bytes().into());
    cipher
        .decrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: ciphertext,
                aad: associated_data,
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| SecretBoxError::Unauthentic)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pepper::Pepper;
    use proptest::prelude::*;

    fn key(label: &str) -> SubKey {
        Pepper::from_hex(&"42".repeat(32)).unwrap().subkey(label)
    }

    #[test]
    fn sealed_value_opens_with_same_key_and_owner() {
        let sealed = seal(&key("token-seed"), b"seed bytes", b"user:1");
        assert_eq!(sealed.len(), NONCE_LEN + 10 + TAG_LEN);
        let opened = open(&key("token-seed"), &sealed, b"user:1").unwrap();
        assert_eq!(opened.as_slice(), b"seed bytes");
    }

    #[test]
    fn sealing_twice_gives_different_ciphertexts() {
        let k = key("token-seed");
        assert_ne!(seal(&k, b"same", b""), seal(&k, b"same", b""));
    }

    #[test]
    fn wrong_key_owner_or_tampering_fails() {
        let sealed = seal(&key("token-seed"), b"seed bytes", b"user:1");
        assert_eq!(
            open(&key("other"), &sealed, b"user:1"),
            Err(SecretBoxError::Unauthentic)
        );
        assert_eq!(
            open(&key("token-seed"), &sealed, b"user:2"),
            Err(SecretBoxError::Unauthentic)
        );
        for i in 0..sealed.len() {
            let mut tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assert_eq!(
                open(&key("token-seed"), &tampered, b"user:1"),
                Err(SecretBoxError::Unauthentic),
                "flip at byte {i} went unnoticed"
            );
        }
    }

    #[test]
    fn short_input_is_refused() {
        for len in 0..NONCE_LEN + TAG_LEN {
            assert_eq!(
                open(&key("k"), &vec![0; len], b""),
                Err(SecretBoxError::TooShort)
            );
        }
    }

    proptest! {
        #[test]
        fn seal_open_roundtrip(plain in proptest::collection::vec(any::<u8>(), 0..128),
                               ad in proptest::collection::vec(any::<u8>(), 0..32)) {
            let k = key("prop");
            let opened = open(&k, &seal(&k, &plain, &ad), &ad).unwrap();
            prop_assert_eq!(opened.as_slice(), plain.as_slice());
        }

        #[test]
        fn open_never_panics(junk in proptest::collection::vec(any::<u8>(), 0..128)) {
            prop_assert!(open(&key("prop"), &junk, b"").is_err());
        }
    }
}
