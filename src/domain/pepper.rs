//! The server's pepper: 32 random bytes that live outside the database, in a key file
//! or an environment variable.
//!
//! Why: everything the database keeps about a credential (masked password shares,
//! sealed token seeds, SMS code digests) is keyed by the pepper. A stolen database
//! without the pepper therefore allows no offline guessing at all: the masked shares
//! look like random bytes, the sealed seeds do not open, and the digests cannot be
//! recomputed.
//!
//! The pepper itself is never used directly as a key. Each purpose gets its own
//! [`SubKey`] = HMAC-SHA256(pepper, label), so a key used to mask password shares can
//! never be confused with the one that seals token seeds, and rotating one purpose's
//! label re-keys it alone. Key material lives on the heap in zeroize-on-drop boxes so
//! moves do not leave copies on the stack, and no `Debug` or error message prints it.
//!
//! This module is pure, like the rest of `domain`: it parses and prints the pepper's
//! hex form. Reading and writing key files is the server's (`server::secrets_file`,
//! which adds `Pepper::load_file` and `Pepper::write_file`).

use std::fmt;

use hmac::{Hmac, Mac};
use rand::rngs::OsRng;
use rand::RngCore;
use secrecy::{ExposeSecret, ExposeSecretMut, SecretBox};
use sha2::Sha256;
use zeroize::{Zeroize, Zeroizing};

/// Bytes of key material in a pepper and in each subkey.
pub const PEPPER_LEN: usize = 32;

/// Why text is not a pepper. The message never echoes the text. (Reading and writing
/// key files is the server's, with errors of its own: `server::secrets_file`.)
#[derive(Debug, thiserror::Error)]
pub enum PepperError {
    #[error(
        "pepper must be {} hex characters ({PEPPER_LEN} bytes); generate one with a fresh key file",
        PEPPER_LEN * 2
    )]
    Malformed,
}

/// The server-wide secret that keys every credential derivation. See the module docs.
pub struct Pepper(SecretBox<[u8; PEPPER_LEN]>);

impl Pepper {
    /// A fresh pepper from the operating system's CSPRNG.
    pub fn generate() -> Self {
        Self(SecretBox::init_with_mut(|bytes: &mut [u8; PEPPER_LEN]| {
            OsRng.fill_bytes(bytes)
        }))
    }

    /// Parse 64 hex characters (either case); surrounding whitespace is ignored so a
    /// file ending in a newline or an env var with a stray space still loads.
    pub fn from_hex(text: &str) -> Result<Self, PepperError> {
        let text = text.trim();
        if text.len() != PEPPER_LEN * 2 {
            return Err(PepperError::Malformed);
        }
        let mut bytes = SecretBox::<[u8; PEPPER_LEN]>::default();
        hex::decode_to_slice(text, bytes.expose_secret_mut().as_mut_slice())
            .map_err(|_| PepperError::Malformed)?;
        Ok(Self(bytes))
    }

    /// Lower-case hex, for writing a key file or printing once at setup. Encoded in a
    /// wiped buffer straight into a string with room for a newline, so neither the
    /// encoding nor a caller's `push('\n')` leaves an unwiped copy behind.
    pub fn to_hex(&self) -> Zeroizing<String> {
        let mut digits = Zeroizing::new([0u8; PEPPER_LEN * 2]);
        let mut text = Zeroizing::new(String::with_capacity(PEPPER_LEN * 2 + 1));
        let encoded = hex::encode_to_slice(self.0.expose_secret(), digits.as_mut_slice());
        // Both can only fail on a length mismatch, and the lengths are constants.
        match encoded
            .ok()
            .and_then(|()| std::str::from_utf8(digits.as_slice()).ok())
        {
            Some(hex) => text.push_str(hex),
            None => unreachable!(
                "hex of {PEPPER_LEN} bytes is {} ASCII digits",
                PEPPER_LEN * 2
            ),
        }
        text
    }

    /// A 32-byte subkey for one purpose: HMAC-SHA256(pepper, label).
    pub fn subkey(&self, label: &str) -> SubKey {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(self.0.expose_secret())
            .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
        mac.update(label.as_bytes());
        let mut digest = mac.finalize().into_bytes();
        let subkey = SubKey(SecretBox::init_with_mut(|key: &mut [u8; PEPPER_LEN]| {
            key.copy_from_slice(digest.as_slice())
        }));
        digest.as_mut_slice().zeroize();
        subkey
    }
}

impl fmt::Debug for Pepper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pepper(redacted)")
    }
}

/// A key for one purpose, derived from the [`Pepper`] with [`Pepper::subkey`].
pub struct SubKey(SecretBox<[u8; PEPPER_LEN]>);

impl SubKey {
    pub fn as_bytes(&self) -> &[u8; PEPPER_LEN] {
        self.0.expose_secret()
    }
}

impl fmt::Debug for SubKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SubKey(redacted)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SAMPLE_HEX: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    #[test]
    fn hex_roundtrips_and_trims_whitespace() {
        let pepper = Pepper::from_hex(&format!("  {SAMPLE_HEX}\n")).unwrap();
        assert_eq!(pepper.to_hex().as_str(), SAMPLE_HEX);
        let upper = Pepper::from_hex(&SAMPLE_HEX.to_uppercase()).unwrap();
        assert_eq!(upper.to_hex().as_str(), SAMPLE_HEX);
    }

    #[test]
    fn malformed_hex_is_refused_without_echoing_it() {
        let bad = [
            "",
            &SAMPLE_HEX[..62],
            &format!("{SAMPLE_HEX}00"),
            &format!("{}zz", &SAMPLE_HEX[..62]),
            &format!("{} {}", &SAMPLE_HEX[..32], &SAMPLE_HEX[32..]),
            "ąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąąą",
        ];
        for text in bad {
            let err = Pepper::from_hex(text).unwrap_err();
            let msg = err.to_string();
            assert!(matches!(err, PepperError::Malformed), "{text:?}");
            assert!(!msg.contains("0a0b0c"), "{msg}");
        }
    }

    #[test]
    fn hex_is_made_in_place_with_room_for_a_newline() {
        let hex = Pepper::from_hex(SAMPLE_HEX).unwrap().to_hex();
        assert_eq!(hex.as_str(), SAMPLE_HEX);
        assert!(hex.capacity() > SAMPLE_HEX.len(), "a push would reallocate");
    }

    #[test]
    fn debug_never_shows_key_material() {
        let pepper = Pepper::from_hex(SAMPLE_HEX).unwrap();
        assert_eq!(format!("{pepper:?}"), "Pepper(redacted)");
        assert_eq!(format!("{:?}", pepper.subkey("x")), "SubKey(redacted)");
    }

    #[test]
    fn generated_peppers_differ() {
        assert_ne!(
            Pepper::generate().to_hex().as_str(),
            Pepper::generate().to_hex().as_str()
        );
    }

    #[test]
    fn subkey_is_hmac_sha256_of_label() {
        let pepper = Pepper::from_hex(SAMPLE_HEX).unwrap();
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&hex::decode(SAMPLE_HEX).unwrap()).unwrap();
        mac.update(b"masked-password");
        let expected: [u8; 32] = mac.finalize().into_bytes().into();
        assert_eq!(pepper.subkey("masked-password").as_bytes(), &expected);
        assert_ne!(
            pepper.subkey("masked-password").as_bytes(),
            pepper.subkey("token-seed").as_bytes()
        );
    }

    proptest! {
        #[test]
        fn from_hex_never_panics(s in "\\PC*") {
            let _ = Pepper::from_hex(&s);
        }

        #[test]
        fn any_32_bytes_roundtrip(bytes in proptest::array::uniform32(any::<u8>())) {
            let text = hex::encode(bytes);
            let back = Pepper::from_hex(&text).unwrap().to_hex();
            prop_assert_eq!(back.as_str(), text.as_str());
        }
    }
}
