//! One-time codes, the second factor of a login (R2, R5, R6): a hardware token's TOTP
//! code or an SMS code ("H@sło SMS").
//!
//! Tokens follow RFC 6238 with the parameters hardware tokens ship with: HMAC-SHA-1,
//! 6 digits, 30-second steps. We accept the previous and next step too (a token's clock
//! drifts and people type slowly), and remember the last step that succeeded so a code
//! once used, or any older one, is refused: an observed code cannot be replayed within
//! its window. The code for each candidate step comes from `totp-rs`; the comparison is
//! ours, constant-time and over all candidates, so we know which step matched.
//!
//! SMS codes are random digits the server sends and forgets: the database keeps only
//! HMAC-SHA256(subkey, challenge id ‖ code). Binding the challenge id means a code sent
//! for one login cannot answer another, and a stolen database without the pepper holds
//! nothing to test the 10^6 candidates against.

use std::fmt;

use hmac::{Hmac, Mac};
use rand::rngs::OsRng;
use rand::{Rng, RngCore};
use secrecy::SecretString;
use sha2::Sha256;
use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};
use totp_rs::{Algorithm, TOTP};
use zeroize::{Zeroize, Zeroizing};

use super::pepper::SubKey;

pub const TOTP_STEP_S: u64 = 30;
pub const TOTP_DIGITS: usize = 6;
pub const SMS_CODE_DIGITS: usize = 6;
pub const SMS_CODE_TTL_S: i64 = 300;
/// The label to derive the SMS digest key with: `pepper.subkey(SMS_SUBKEY_LABEL)`.
pub const SMS_SUBKEY_LABEL: &str = "millectl/sms-code/v1";
/// Bytes of a freshly generated token seed (160 bits, RFC 4226's recommendation).
pub const TOTP_SECRET_LEN: usize = 20;
/// Seed lengths accepted from a token vendor: at least RFC 4226's 128 bits.
pub const TOTP_SECRET_MIN: usize = 16;
pub const TOTP_SECRET_MAX: usize = 64;

/// Why a token seed was refused. Never echoes the seed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OtpError {
    #[error("token seed must be {TOTP_SECRET_MIN}-{TOTP_SECRET_MAX} bytes, got {0}")]
    SecretLength(usize),
    #[error("token seed must be RFC 4648 base32 (A-Z, 2-7) without padding")]
    Base32,
}

/// A hardware token's seed (RFC 6238, SHA-1, 6 digits, 30 s).
pub struct TotpSecret(Zeroizing<Vec<u8>>);

impl TotpSecret {
    /// 20 random bytes from the OS CSPRNG.
    pub fn generate() -> Self {
        let mut bytes = Zeroizing::new(vec![0u8; TOTP_SECRET_LEN]);
        OsRng.fill_bytes(&mut bytes);
        Self(bytes)
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, OtpError> {
        if !(TOTP_SECRET_MIN..=TOTP_SECRET_MAX).contains(&bytes.len()) {
            return Err(OtpError::SecretLength(bytes.len()));
        }
        Ok(Self(Zeroizing::new(bytes.to_vec())))
    }

    /// RFC 4648 base32 without padding, in either case, as token vendors ship seeds.
    pub fn from_base32(text: &str) -> Result<Self, OtpError> {
        // 64 bytes are 103 characters; longer input is refused before decoding.
        if text.len() > (TOTP_SECRET_MAX * 8).div_ceil(5) {
            return Err(OtpError::SecretLength(text.len() * 5 / 8));
        }
        let bytes = base32_decode(text).ok_or(OtpError::Base32)?;
        Self::from_bytes(&bytes)
    }

    /// Upper-case RFC 4648 base32 without padding.
    pub fn to_base32(&self) -> Zeroizing<String> {
        base32_encode(&self.0)
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The 6-digit code at `unix_s` (for the dev server, tests and demos).
    pub fn code_at(&self, unix_s: u64) -> String {
        let mut totp = TOTP::new_unchecked(
            Algorithm::SHA1,
            TOTP_DIGITS,
            0,
            TOTP_STEP_S,
            self.0.to_vec(),
        );
        let code = totp.generate(unix_s);
        // `totp-rs` is built without its zeroize feature; wipe its copy of the seed.
        totp.secret.zeroize();
        code
    }
}

impl fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TotpSecret(redacted)")
    }
}

/// Verify a token code at `unix_s`, allowing one step of drift either way. Codes of a
/// step at or before `last_used_step` are refused (replay). Returns the matched step,
/// to be stored as the new last used step; `None` for a wrong, replayed or malformed
/// (not exactly 6 ASCII digits) code.
pub fn verify_totp(
    secret: &TotpSecret,
    code: &str,
    unix_s: u64,
    last_used_step: Option<i64>,
) -> Option<i64> {
    if !is_digits(code, TOTP_DIGITS) {
        return None;
    }
    let current = i64::try_from(unix_s / TOTP_STEP_S).ok()?;
    let mut matched = Choice::from(0);
    let mut matched_step = 0i64;
    // Earliest first: when two steps' codes collide, the lower step is the one used,
    // and every candidate is computed and compared so timing says nothing.
    for step in [current - 1, current, current + 1] {
        let fresh = last_used_step.is_none_or(|last| step > last);
        let Some(at) = u64::try_from(step)
            .ok()
            .and_then(|s| s.checked_mul(TOTP_STEP_S))
        else {
            continue;
        };
        let expected = secret.code_at(at);
        let hit = expected.as_bytes().ct_eq(code.as_bytes()) & Choice::from(u8::from(fresh));
        let first_hit = hit & !matched;
        matched_step = i64::conditional_select(&matched_step, &step, first_hit);
        matched |= hit;
    }
    bool::from(matched).then_some(matched_step)
}

/// A fresh SMS one-time code ("H@sło SMS"): uniformly random digits.
pub fn generate_sms_code() -> SecretString {
    let code: String = (0..SMS_CODE_DIGITS)
        .map(|_| char::from(b'0' + OsRng.gen_range(0..10u8)))
        .collect();
    SecretString::from(code)
}

/// What the database keeps of an SMS code: HMAC-SHA256(key, challenge id ‖ code). The
/// challenge id is length-prefixed so no (id, code) pair can pose as another.
pub fn sms_code_digest(key: &SubKey, challenge_id: &str, code: &str) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(&(challenge_id.len() as u64).to_be_bytes());
    mac.update(challenge_id.as_bytes());
    mac.update(code.as_bytes());
    mac.finalize().into_bytes().into()
}

/// Does the typed code match the stored digest of this challenge? Constant time in
/// the code; a typed value that is not 6 ASCII digits is simply wrong.
pub fn sms_code_matches(
    key: &SubKey,
    challenge_id: &str,
    typed: &str,
    stored_digest: &[u8],
) -> bool {
    let well_formed = is_digits(typed, SMS_CODE_DIGITS);
    let digest = sms_code_digest(key, challenge_id, typed);
    well_formed && bool::from(digest.as_slice().ct_eq(stored_digest))
}

fn is_digits(text: &str, count: usize) -> bool {
    text.len() == count && text.bytes().all(|b| b.is_ascii_digit())
}

const BASE32_ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

fn base32_encode(bytes: &[u8]) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity((bytes.len() * 8).div_ceil(5)));
    let (mut buffer, mut bits) = (0u16, 0u32);
    for &byte in bytes {
        buffer = (buffer << 8) | u16::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(
                BASE32_ALPHABET[usize::from((buffer >> bits) & 31)],
            ));
        }
        buffer &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(char::from(
            BASE32_ALPHABET[usize::from((buffer << (5 - bits)) & 31)],
        ));
    }
    buffer.zeroize();
    out
}

/// Strict decoding: only canonical unpadded base32 (right length, zero trailing bits).
fn base32_decode(text: &str) -> Option<Zeroizing<Vec<u8>>> {
    // Unpadded lengths mod 8 of 1, 3 or 6 cannot come from whole bytes.
    if matches!(text.len() % 8, 1 | 3 | 6) {
        return None;
    }
    let mut out = Zeroizing::new(Vec::with_capacity(text.len() * 5 / 8));
    let (mut buffer, mut bits) = (0u16, 0u32);
    for c in text.bytes() {
        let value = match c.to_ascii_uppercase() {
            upper @ b'A'..=b'Z' => upper - b'A',
            digit @ b'2'..=b'7' => digit - b'2' + 26,
            _ => return None,
        };
        buffer = (buffer << 5) | u16::from(value);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    let canonical = buffer == 0;
    buffer.zeroize();
    canonical.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pepper::Pepper;
    use proptest::prelude::*;
    use secrecy::ExposeSecret;

    /// RFC 6238 Appendix B's SHA-1 seed: ASCII "12345678901234567890".
    fn rfc_secret() -> TotpSecret {
        TotpSecret::from_bytes(b"12345678901234567890").unwrap()
    }

    fn sms_key() -> SubKey {
        Pepper::from_hex(&"5a".repeat(32))
            .unwrap()
            .subkey(SMS_SUBKEY_LABEL)
    }

    #[test]
    fn rfc6238_sha1_vectors_truncated_to_six_digits() {
        // (time, 8-digit code from RFC 6238 Appendix B); 6 digits are its last six.
        let vectors = [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ];
        for (time, eight) in vectors {
            assert_eq!(rfc_secret().code_at(time), &eight[2..], "t = {time}");
            let step = i64::try_from(time / TOTP_STEP_S).unwrap();
            assert_eq!(
                verify_totp(&rfc_secret(), &eight[2..], time, None),
                Some(step)
            );
        }
    }

    #[test]
    fn one_step_of_drift_is_accepted_two_are_not() {
        let secret = TotpSecret::generate();
        let now = 1_700_000_015;
        let step = i64::try_from(now / TOTP_STEP_S).unwrap();
        for (offset, accepted) in [(-2i64, false), (-1, true), (0, true), (1, true), (2, false)] {
            let at = u64::try_from(step + offset).unwrap() * TOTP_STEP_S;
            let code = secret.code_at(at);
            let expected = accepted.then_some(step + offset);
            // A collision with a neighbouring step's code is possible in principle
            // (1 in 10^6); skip the rare case rather than flake.
            let collides = (-1..=1)
                .filter(|d| d + step != step + offset)
                .any(|d| secret.code_at(u64::try_from(step + d).unwrap() * TOTP_STEP_S) == code);
            if !collides {
                assert_eq!(
                    verify_totp(&secret, &code, now, None),
                    expected,
                    "offset {offset}"
                );
            }
        }
    }

    #[test]
    fn replayed_or_older_codes_are_refused() {
        let secret = rfc_secret();
        let now = 1_111_111_111;
        let code = secret.code_at(now);
        let used = verify_totp(&secret, &code, now, None).unwrap();
        assert_eq!(verify_totp(&secret, &code, now, Some(used)), None);
        assert_eq!(verify_totp(&secret, &code, now + 20, Some(used)), None);
        // The previous step's code, though inside the window, is older than the last use.
        let previous = secret.code_at(now - TOTP_STEP_S);
        assert_eq!(verify_totp(&secret, &previous, now, Some(used)), None);
        // The next step's code is still fine.
        let next = secret.code_at(now + TOTP_STEP_S);
        assert_eq!(
            verify_totp(&secret, &next, now + TOTP_STEP_S, Some(used)),
            Some(used + 1)
        );
    }

    #[test]
    fn malformed_codes_are_refused() {
        let secret = rfc_secret();
        let code = secret.code_at(59);
        for bad in [
            "",
            "28708",
            "2870820",
            " 287082",
            "287082 ",
            "287 082",
            "28708a",
            "２８７０８２",
            "-28708",
            "+28708",
        ] {
            assert_eq!(verify_totp(&secret, bad, 59, None), None, "{bad:?}");
        }
        assert_eq!(code, "287082");
    }

    #[test]
    fn edges_of_time_do_not_panic() {
        let secret = rfc_secret();
        // At u64::MAX the next step's time overflows and is skipped, not wrapped.
        let code = secret.code_at(u64::MAX);
        assert!(verify_totp(&secret, &code, u64::MAX, None).is_some());
        // At 0 there is no previous step.
        let code = secret.code_at(0);
        assert_eq!(verify_totp(&secret, &code, 0, None), Some(0));
        let _ = verify_totp(&secret, "000000", 0, Some(i64::MAX));
        let _ = verify_totp(&secret, "000000", 0, Some(i64::MIN));
    }

    #[test]
    fn seeds_roundtrip_through_base32() {
        // RFC 4648 test vector and the RFC 6238 seed.
        assert_eq!(base32_encode(b"foobar").as_str(), "MZXW6YTBOI");
        assert_eq!(base32_decode("mzxw6ytboi").unwrap().as_slice(), b"foobar");
        // Same bytes, but non-zero trailing bits: not the canonical encoding.
        assert!(base32_decode("MZXW6YTBOJ").is_none());
        // Lengths no whole number of bytes encodes to.
        assert!(base32_decode("MZXW6YTBO").is_none());
        let rfc = rfc_secret();
        assert_eq!(rfc.to_base32().as_str(), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        let back = TotpSecret::from_base32("gezdgnbvgy3tqojqgezdgnbvgy3tqojq").unwrap();
        assert_eq!(back.as_bytes(), rfc.as_bytes());
    }

    #[test]
    fn bad_seeds_are_refused() {
        assert_eq!(
            TotpSecret::from_bytes(&[0; 15]).err(),
            Some(OtpError::SecretLength(15))
        );
        assert_eq!(
            TotpSecret::from_bytes(&[0; 65]).err(),
            Some(OtpError::SecretLength(65))
        );
        assert!(TotpSecret::from_bytes(&[0; 16]).is_ok());
        assert!(TotpSecret::from_bytes(&[0; 64]).is_ok());
        for bad in [
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ====",
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1",
            "GEZDGNBVGY3TQOJQ GEZDGNBVGY3TQOJQ",
            "ĄEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
        ] {
            assert!(TotpSecret::from_base32(bad).is_err(), "{bad:?}");
        }
        assert!(matches!(
            TotpSecret::from_base32(&"A".repeat(10_000)),
            Err(OtpError::SecretLength(_))
        ));
        assert!(matches!(
            TotpSecret::from_base32("MZXW6YTBOI"),
            Err(OtpError::SecretLength(6))
        ));
    }

    #[test]
    fn secrets_are_redacted() {
        assert_eq!(format!("{:?}", rfc_secret()), "TotpSecret(redacted)");
        let msg = TotpSecret::from_base32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1")
            .unwrap_err()
            .to_string();
        assert!(!msg.contains("GEZD"), "{msg}");
    }

    #[test]
    fn sms_codes_are_six_uniform_digits() {
        let mut counts = [0u32; 10];
        for _ in 0..2_000 {
            let code = generate_sms_code();
            let text = code.expose_secret();
            assert!(is_digits(text, SMS_CODE_DIGITS), "{text}");
            text.bytes()
                .for_each(|b| counts[usize::from(b - b'0')] += 1);
        }
        // 12,000 digits, 1,200 expected per value; a fair die stays well inside this.
        assert!(
            counts.iter().all(|&n| (950..=1450).contains(&n)),
            "{counts:?}"
        );
    }

    #[test]
    fn sms_code_is_bound_to_its_challenge() {
        let key = sms_key();
        let digest = sms_code_digest(&key, "challenge-1", "123456");
        assert!(sms_code_matches(&key, "challenge-1", "123456", &digest));
        assert!(!sms_code_matches(&key, "challenge-1", "123457", &digest));
        assert!(!sms_code_matches(&key, "challenge-2", "123456", &digest));
        assert!(!sms_code_matches(&key, "challenge-11", "23456", &digest));
        let other_key = Pepper::generate().subkey(SMS_SUBKEY_LABEL);
        assert!(!sms_code_matches(
            &other_key,
            "challenge-1",
            "123456",
            &digest
        ));
        assert!(!sms_code_matches(
            &key,
            "challenge-1",
            "123456",
            &digest[..31]
        ));
        assert!(!sms_code_matches(&key, "challenge-1", "123456", &[]));
        // A malformed typed code never matches, even a digest made from it.
        let odd = sms_code_digest(&key, "challenge-1", "12345");
        assert!(!sms_code_matches(&key, "challenge-1", "12345", &odd));
    }

    proptest! {
        #[test]
        fn current_code_always_verifies(seed in proptest::collection::vec(any::<u8>(), 16..=64),
                                        now in 30u64..4_000_000_000) {
            let secret = TotpSecret::from_bytes(&seed).unwrap();
            let code = secret.code_at(now);
            let step = verify_totp(&secret, &code, now, None).unwrap();
            prop_assert!((now / 30).abs_diff(u64::try_from(step).unwrap()) <= 1);
            prop_assert_eq!(verify_totp(&secret, &code, now, Some(step)), None);
        }

        #[test]
        fn base32_roundtrips(seed in proptest::collection::vec(any::<u8>(), 16..=64)) {
            let secret = TotpSecret::from_bytes(&seed).unwrap();
            let text = secret.to_base32();
            let back = TotpSecret::from_base32(&text.to_lowercase()).unwrap();
            prop_assert_eq!(back.as_bytes(), seed.as_slice());
        }

        #[test]
        fn parsing_never_panics(text in "\\PC{0,120}", now in any::<u64>(), last in any::<Option<i64>>()) {
            let _ = TotpSecret::from_base32(&text);
            let _ = verify_totp(&rfc_secret(), &text, now, last);
            let _ = sms_code_matches(&sms_key(), &text, &text, text.as_bytes());
        }
    }
}
