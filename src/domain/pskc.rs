//! Hardware-token inventories as the vendor ships them, PSKC files (RFC 6030, "Portable
//! Symmetric Key Container"): read into tokens back-office can enrol, or refused whole.
//!
//! Why it reads this way:
//! - **One profile, the RFC's own.** The vendor and the bank share a 128-bit transport key
//!   out of band; the file names it in `EncryptionKey/ds:KeyName`; each seed is
//!   AES-128-CBC under it, and carries an HMAC-SHA1 `ValueMAC` under a MAC key that travels
//!   in the file, itself encrypted under the transport key (RFC 6030 section 6.1,
//!   Figure 6). Derived keys, certificates, key wrap, other algorithms and seeds in the
//!   clear are refused, not half supported: each is a way to enrol a seed that nobody
//!   meant to send. Only TOTP keys are read: our tokens are time-based, and an HOTP seed
//!   enrolled as TOTP would never give a right code.
//! - **MAC before decrypt.** Every `ValueMAC` is checked, in constant time, before its
//!   value is decrypted (`pskc/envelope.rs`), so a wrong transport key or an altered value
//!   is an error, never a wrong seed. The MAC covers the encrypted seed alone, not the serial or
//!   the parameters beside it (the RFC's design, not ours): the file must still come
//!   through an authenticated channel.
//! - **All or nothing.** One bad KeyPackage refuses the file, with a one-line reason that
//!   names it by position (and serial, once known), so back-office has the vendor fix the
//!   file and loads it again instead of reconciling half an inventory. An empty file is
//!   refused too: it is always the wrong file.
//! - **Bounded cost.** Input over [`MAX_INPUT_BYTES`], or with over [`MAX_KEY_PACKAGES`]
//!   KeyPackages, is refused before any crypto; the parser refuses DTDs, and so entity
//!   expansion; a value longer than the longest seed is refused before its MAC is computed.
//! - **Seeds stay secret.** They live in [`Zeroizing`] buffers, [`PskcToken`]'s `Debug`
//!   prints `(redacted)`, and no error carries a seed, a key or a decrypted byte: what a
//!   message echoes from the file is its markup, shortened and escaped.
//!
//! Elements are found by namespace and local name, so `pskc:`-prefixed files read the same
//! as the RFC's default-namespace ones; elements this profile does not use (Manufacturer,
//! Issuer, Counter, Time, …) are ignored, and one that may appear once but appears twice
//! is refused, since which one counts would be a guess. [`write()`] is the vendor's side,
//! for tests and the dev server.

mod envelope;
mod error;
#[cfg(test)]
mod tests;
mod writer;

pub use error::{KeyPackageAt, KeyProblem, PskcError, ValueProblem};
pub use writer::write;

use std::collections::HashMap;
use std::fmt;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use roxmltree::{Document, Node, ParsingOptions};
use zeroize::Zeroizing;

use super::otp::{TOTP_SECRET_MAX, TOTP_SECRET_MIN};
use super::shorten;

/// The largest inventory [`parse`] reads. In the RFC's indented layout (what [`write()`]
/// writes) a KeyPackage takes about 1 KiB, so this holds some 4,000 tokens, fewer than
/// [`MAX_KEY_PACKAGES`]: a larger delivery comes as several files, or written compactly.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;
/// The most KeyPackages [`parse`] reads from one file.
pub const MAX_KEY_PACKAGES: usize = 10_000;

const PSKC_NS: &str = "urn:ietf:params:xml:ns:keyprov:pskc";
const DS_NS: &str = "http://www.w3.org/2000/09/xmldsig#";
const XENC_NS: &str = "http://www.w3.org/2001/04/xmlenc#";
const TOTP: &str = "urn:ietf:params:xml:ns:keyprov:pskc:totp";
const AES128_CBC: &str = "http://www.w3.org/2001/04/xmlenc#aes128-cbc";
const HMAC_SHA1: &str = "http://www.w3.org/2000/09/xmldsig#hmac-sha1";

const DEFAULT_DIGITS: u8 = 6;
const DEFAULT_PERIOD_S: u32 = 30;
const MAX_PERIOD_S: u32 = 300;
const MAX_SERIAL_CHARS: usize = 32;
/// A MAC key shorter than this is a vendor's bug, not a key.
const MIN_MAC_KEY_BYTES: usize = 16;
/// IV ‖ ciphertext of the longest value read: a 64-byte seed plus a block of padding.
const MAX_SEALED_BYTES: usize = envelope::BLOCK + TOTP_SECRET_MAX + envelope::BLOCK;

/// One token of an inventory file, its seed decrypted.
#[derive(Clone)]
pub struct PskcToken {
    /// `DeviceInfo/SerialNo`: 1 to 32 characters of A-Z, a-z, 0-9 and '-'.
    pub serial: String,
    /// The TOTP seed, 16 to 64 bytes.
    pub seed: Zeroizing<Vec<u8>>,
    /// `AlgorithmParameters/ResponseFormat@Length`: 6 (the default) or 8.
    pub digits: u8,
    /// `Data/TimeInterval/PlainValue`: 1 to 300 seconds, 30 by default.
    pub period_s: u32,
}

impl fmt::Debug for PskcToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PskcToken")
            .field("serial", &self.serial)
            .field("seed", &"(redacted)")
            .field("digits", &self.digits)
            .field("period_s", &self.period_s)
            .finish()
    }
}

/// An element that may appear once appeared twice.
struct Repeated(&'static str);

impl From<Repeated> for KeyProblem {
    fn from(Repeated(name): Repeated) -> Self {
        KeyProblem::Repeated(name)
    }
}

impl From<Repeated> for ValueProblem {
    fn from(Repeated(name): Repeated) -> Self {
        ValueProblem::Repeated(name)
    }
}

/// Parse and decrypt an inventory under the pre-shared `transport_key`: every token, or
/// the first reason to refuse the file.
pub fn parse(xml: &[u8], transport_key: &[u8; 16]) -> Result<Vec<PskcToken>, PskcError> {
    if xml.len() > MAX_INPUT_BYTES {
        return Err(PskcError::TooLarge { bytes: xml.len() });
    }
    let text = std::str::from_utf8(xml).map_err(|_| PskcError::NotUtf8)?;
    let options = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    let document = Document::parse_with_options(text, options)
        .map_err(|error| PskcError::NotXml(shorten(&error.to_string(), 120)))?;
    let container = document.root_element();
    if !is_element(container, PSKC_NS, "KeyContainer") {
        let root = container.tag_name();
        return Err(PskcError::NotPskc(format!(
            "the root element is {:?} in namespace {:?}",
            shorten(root.name(), 40),
            shorten(root.namespace().unwrap_or(""), 60)
        )));
    }
    match container.attribute("Version") {
        Some("1.0") => {}
        version => {
            return Err(PskcError::NotPskc(format!(
                "Version is {:?}, not \"1.0\"",
                shorten(version.unwrap_or(""), 20)
            )))
        }
    }
    let packages: Vec<Node> = container
        .children()
        .filter(|node| is_element(*node, PSKC_NS, "KeyPackage"))
        .collect();
    if packages.len() > MAX_KEY_PACKAGES {
        return Err(PskcError::TooManyKeyPackages {
            count: packages.len(),
        });
    }
    if packages.is_empty() {
        return Err(PskcError::NoKeyPackages);
    }

    let mac_key = read_mac_key(container, transport_key)?;
    let mut positions_by_serial = HashMap::with_capacity(packages.len());
    let mut tokens = Vec::with_capacity(packages.len());
    for (index, package) in packages.into_iter().enumerate() {
        let mut at = KeyPackageAt {
            position: index + 1,
            serial: None,
        };
        match read_package(
            package,
            &mut at,
            transport_key,
            &mac_key,
            &mut positions_by_serial,
        ) {
            Ok(token) => tokens.push(token),
            Err(problem) => return Err(PskcError::KeyPackage { at, problem }),
        }
    }
    Ok(tokens)
}

/// The MAC key the file carries, checked to be the RFC 6030 section 6.1 profile and
/// decrypted under the transport key.
fn read_mac_key(
    container: Node,
    transport_key: &[u8; 16],
) -> Result<Zeroizing<Vec<u8>>, PskcError> {
    let encryption_key = only(container, PSKC_NS, "EncryptionKey")
        .map_err(|_| PskcError::EncryptionKey("appears more than once"))?
        .ok_or(PskcError::EncryptionKey(
            "is missing: only seeds encrypted under the pre-shared transport key are read",
        ))?;
    if !matches!(only(encryption_key, DS_NS, "KeyName"), Ok(Some(_))) {
        return Err(PskcError::EncryptionKey(
            "names no pre-shared key (one ds:KeyName); derived keys and certificates are not read",
        ));
    }
    let method = only(container, PSKC_NS, "MACMethod")
        .map_err(|_| PskcError::MacMethod("appears more than once"))?
        .ok_or(PskcError::MacMethod(
            "is missing: every seed must carry a ValueMAC under a MAC key in the file",
        ))?;
    let algorithm = method.attribute("Algorithm").unwrap_or("");
    if algorithm != HMAC_SHA1 {
        return Err(PskcError::MacAlgorithm(shorten(algorithm, 80)));
    }
    let encrypted = only(method, PSKC_NS, "MACKey")
        .map_err(|_| PskcError::MacMethod("has more than one MACKey"))?
        .ok_or(PskcError::MacMethod("has no MACKey"))?;
    let sealed = sealed_value(encrypted).map_err(PskcError::MacKey)?;
    // Nothing authenticates the MAC key itself; a wrong transport key usually shows here
    // as bad padding, and otherwise as a garbled key that no ValueMAC matches.
    let key = envelope::open(transport_key, &sealed)
        .map_err(|_| PskcError::MacKey(ValueProblem::Padding))?;
    if key.len() < MIN_MAC_KEY_BYTES {
        return Err(PskcError::MacKeyLength(key.len()));
    }
    Ok(key)
}

/// One KeyPackage's token. `at` learns the serial as soon as it is known to be valid, so
/// every later problem names it.
fn read_package(
    package: Node,
    at: &mut KeyPackageAt,
    transport_key: &[u8; 16],
    mac_key: &[u8],
    positions_by_serial: &mut HashMap<String, usize>,
) -> Result<PskcToken, KeyProblem> {
    let serial = descend(package, &["DeviceInfo", "SerialNo"])?
        .map(text)
        .ok_or(KeyProblem::Missing("DeviceInfo/SerialNo"))?;
    if !is_valid_serial(serial) {
        return Err(KeyProblem::BadSerial(shorten(serial, 40)));
    }
    at.serial = Some(serial.to_owned());
    if let Some(&first) = positions_by_serial.get(serial) {
        return Err(KeyProblem::DuplicateSerial { first });
    }
    positions_by_serial.insert(serial.to_owned(), at.position);

    let key = only(package, PSKC_NS, "Key")?.ok_or(KeyProblem::Missing("Key"))?;
    let algorithm = key.attribute("Algorithm").unwrap_or("");
    if algorithm != TOTP {
        return Err(KeyProblem::NotTotp(shorten(algorithm, 80)));
    }
    let digits = read_digits(key)?;
    let data = only(key, PSKC_NS, "Data")?.ok_or(KeyProblem::Missing("Key/Data"))?;
    let period_s = read_period(data)?;
    let secret = only(data, PSKC_NS, "Secret")?.ok_or(KeyProblem::Missing("Data/Secret"))?;
    let seed = read_seed(secret, transport_key, mac_key)?;
    Ok(PskcToken {
        serial: serial.to_owned(),
        seed,
        digits,
        period_s,
    })
}

fn is_valid_serial(serial: &str) -> bool {
    (1..=MAX_SERIAL_CHARS).contains(&serial.len())
        && serial
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn read_digits(key: Node) -> Result<u8, KeyProblem> {
    let Some(format) = descend(key, &["AlgorithmParameters", "ResponseFormat"])? else {
        return Ok(DEFAULT_DIGITS);
    };
    if let Some(encoding) = format.attribute("Encoding") {
        if encoding != "DECIMAL" {
            return Err(KeyProblem::Encoding(shorten(encoding, 20)));
        }
    }
    match format.attribute("Length") {
        None => Ok(DEFAULT_DIGITS),
        Some("6") => Ok(6),
        Some("8") => Ok(8),
        Some(other) => Err(KeyProblem::Digits(shorten(other, 20))),
    }
}

fn read_period(data: Node) -> Result<u32, KeyProblem> {
    let Some(interval) = only(data, PSKC_NS, "TimeInterval")? else {
        return Ok(DEFAULT_PERIOD_S);
    };
    let value = only(interval, PSKC_NS, "PlainValue")?
        .map(text)
        .ok_or(KeyProblem::Missing("TimeInterval/PlainValue"))?;
    match value.parse::<u32>() {
        Ok(period_s) if (1..=MAX_PERIOD_S).contains(&period_s) => Ok(period_s),
        _ => Err(KeyProblem::Period(shorten(value, 20))),
    }
}

/// The seed in `Secret`: its ValueMAC checked, then decrypted, then its length checked.
fn read_seed(
    secret: Node,
    transport_key: &[u8; 16],
    mac_key: &[u8],
) -> Result<Zeroizing<Vec<u8>>, KeyProblem> {
    if only(secret, PSKC_NS, "PlainValue")?.is_some() {
        return Err(KeyProblem::PlainSecret);
    }
    let encrypted = only(secret, PSKC_NS, "EncryptedValue")?
        .ok_or(KeyProblem::Secret(ValueProblem::Missing("EncryptedValue")))?;
    let sealed = sealed_value(encrypted).map_err(KeyProblem::Secret)?;
    let tag = only(secret, PSKC_NS, "ValueMAC")?
        .ok_or(KeyProblem::Secret(ValueProblem::Missing("ValueMAC")))?;
    let tag = base64(tag).ok_or(KeyProblem::Secret(ValueProblem::Base64("ValueMAC")))?;
    if !envelope::verify(mac_key, &sealed, &tag) {
        return Err(KeyProblem::Secret(ValueProblem::MacMismatch));
    }
    let seed = envelope::open(transport_key, &sealed)
        .map_err(|_| KeyProblem::Secret(ValueProblem::Padding))?;
    if !(TOTP_SECRET_MIN..=TOTP_SECRET_MAX).contains(&seed.len()) {
        return Err(KeyProblem::SeedLength(seed.len()));
    }
    Ok(seed)
}

/// IV ‖ ciphertext of an xenc EncryptedValue-like element (`EncryptedValue`, `MACKey`),
/// its method checked to be AES-128-CBC and its size to fit the longest value read.
fn sealed_value(node: Node) -> Result<Vec<u8>, ValueProblem> {
    let method = only(node, XENC_NS, "EncryptionMethod")?
        .ok_or(ValueProblem::Missing("xenc:EncryptionMethod"))?;
    let algorithm = method.attribute("Algorithm").unwrap_or("");
    if algorithm != AES128_CBC {
        return Err(ValueProblem::Algorithm(shorten(algorithm, 80)));
    }
    let cipher_value = only(node, XENC_NS, "CipherData")?
        .map(|data| only(data, XENC_NS, "CipherValue"))
        .transpose()?
        .flatten()
        .ok_or(ValueProblem::Missing("xenc:CipherData/xenc:CipherValue"))?;
    let sealed = base64(cipher_value).ok_or(ValueProblem::Base64("xenc:CipherValue"))?;
    if sealed.len() > MAX_SEALED_BYTES {
        return Err(ValueProblem::TooLong(sealed.len()));
    }
    if !envelope::is_sealed_shape(sealed.len()) {
        return Err(ValueProblem::Shape(sealed.len()));
    }
    Ok(sealed)
}

fn is_element(node: Node, namespace: &str, name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && node.tag_name().namespace() == Some(namespace)
}

/// The child element `name` of `node`, if there is one; two are refused.
fn only<'a, 'input>(
    node: Node<'a, 'input>,
    namespace: &str,
    name: &'static str,
) -> Result<Option<Node<'a, 'input>>, Repeated> {
    let mut matches = node
        .children()
        .filter(|child| is_element(*child, namespace, name));
    let first = matches.next();
    match matches.next() {
        Some(_) => Err(Repeated(name)),
        None => Ok(first),
    }
}

/// Follow a path of single PSKC child elements.
fn descend<'a, 'input>(
    mut node: Node<'a, 'input>,
    path: &[&'static str],
) -> Result<Option<Node<'a, 'input>>, Repeated> {
    for name in path {
        match only(node, PSKC_NS, name)? {
            Some(child) => node = child,
            None => return Ok(None),
        }
    }
    Ok(Some(node))
}

/// An element's text without the whitespace that pretty-printing puts around it.
fn text<'a>(node: Node<'a, '_>) -> &'a str {
    node.text()
        .unwrap_or("")
        .trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'))
}

/// An element's base64 content (xs:base64Binary: whitespace anywhere is allowed).
fn base64(node: Node) -> Option<Vec<u8>> {
    let compact: String = node
        .text()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    BASE64.decode(compact).ok()
}
