//! How RFC 6030 section 6.1 protects one value, on bytes alone, apart from the XML so the
//! crypto reads in one screen: AES-128-CBC under the transport key, the 16-byte IV in
//! front of the ciphertext, PKCS#7 padding (xmlenc's `aes128-cbc`), and a `ValueMAC`,
//! HMAC-SHA1 over IV ‖ ciphertext under the file's MAC key.
//!
//! CBC has no integrity of its own, so a caller checks [`verify`] before it calls
//! [`open`]: a forged ciphertext is then refused before its padding is ever looked at,
//! and the padding check cannot become an oracle.

use aes::Aes128;
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use hmac::{Hmac, Mac};
use rand::rngs::OsRng;
use rand::RngCore;
use sha1::Sha1;
use zeroize::Zeroizing;

/// AES's block, and so the IV's length.
pub(super) const BLOCK: usize = 16;

/// Whether `len` bytes can be IV ‖ ciphertext: an IV and at least one whole block (PKCS#7
/// always adds one byte at least).
pub(super) fn is_sealed_shape(len: usize) -> bool {
    len >= 2 * BLOCK && len.is_multiple_of(BLOCK)
}

/// Encrypt `plaintext` under `key` with a fresh random IV; returns IV ‖ ciphertext.
pub(super) fn seal(key: &[u8; 16], plaintext: &[u8]) -> Vec<u8> {
    let mut iv = [0u8; BLOCK];
    OsRng.fill_bytes(&mut iv);
    let ciphertext = cbc::Encryptor::<Aes128>::new(key.into(), (&iv).into())
        .encrypt_padded_vec_mut::<Pkcs7>(plaintext);
    let mut sealed = Vec::with_capacity(BLOCK + ciphertext.len());
    sealed.extend_from_slice(&iv);
    sealed.extend_from_slice(&ciphertext);
    sealed
}

/// Why a sealed value did not open. Which byte was wrong is nobody's business.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum OpenError {
    /// Not an IV and whole blocks.
    Shape,
    /// The padding is not PKCS#7: a wrong key, or altered bytes.
    Padding,
}

/// Decrypt IV ‖ ciphertext under `key`. Check its `ValueMAC` with [`verify`] first.
pub(super) fn open(key: &[u8; 16], sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, OpenError> {
    if !is_sealed_shape(sealed.len()) {
        return Err(OpenError::Shape);
    }
    let (iv, ciphertext) = sealed
        .split_first_chunk::<BLOCK>()
        .ok_or(OpenError::Shape)?;
    // Decrypt in place inside a buffer that wipes itself, so no copy of the plaintext
    // outlives the returned value.
    let mut buffer = Zeroizing::new(ciphertext.to_vec());
    let plaintext_len = cbc::Decryptor::<Aes128>::new(key.into(), iv.into())
        .decrypt_padded_mut::<Pkcs7>(&mut buffer)
        .map_err(|_| OpenError::Padding)?
        .len();
    buffer.truncate(plaintext_len);
    Ok(buffer)
}

/// The `ValueMAC` of a sealed value: HMAC-SHA1(mac_key, IV ‖ ciphertext).
pub(super) fn value_mac(mac_key: &[u8], sealed: &[u8]) -> [u8; 20] {
    let mut mac = keyed(mac_key);
    mac.update(sealed);
    mac.finalize().into_bytes().into()
}

/// Whether `tag` is the `ValueMAC` of `sealed`, compared in constant time (a tag of
/// another length never is).
pub(super) fn verify(mac_key: &[u8], sealed: &[u8], tag: &[u8]) -> bool {
    let mut mac = keyed(mac_key);
    mac.update(sealed);
    mac.verify_slice(tag).is_ok()
}

fn keyed(mac_key: &[u8]) -> Hmac<Sha1> {
    <Hmac<Sha1> as Mac>::new_from_slice(mac_key)
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"))
}
