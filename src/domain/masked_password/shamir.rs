//! Masked passwords (R3): at login the user types only the characters at k chosen
//! positions, and the server must check them without ever holding the password or any
//! single character in a form a stolen database reveals.
//!
//! # The scheme (Aspinall & Just, "Give me letters 2, 3 and 6!", FC 2013)
//!
//! At enrollment, for a password of n characters and threshold k = [`threshold_for_len`]:
//!
//! 1. draw a random 32-byte secret S and a random 16-byte salt;
//! 2. split S with Shamir's scheme over GF(256) (the `sharks` crate), threshold k, into
//!    n shares; share number i has x-coordinate i and belongs to password position i;
//! 3. store each share's 32 y-bytes XOR-masked with
//!    HMAC-SHA256(subkey, salt ‖ i ‖ UTF-8 of the character at position i);
//! 4. store Argon2id(S) as a PHC string, OWASP parameters.
//!
//! To verify characters typed at positions P (|P| ≥ k), recompute their masks from the
//! typed characters, unmask those shares, interpolate S' at x = 0, and check
//! Argon2id(S') against the stored hash (a constant-time comparison inside `argon2`).
//! With masking off, the whole password is checked the same way with all n shares.
//!
//! # Why it is sound
//!
//! * Correct characters pass: the unmasked shares are points of the dealt polynomial,
//!   and any k of them interpolate it, so S' = S.
//! * A wrong character fails: its mask is an unrelated HMAC output, so that share's y
//!   differs from the real one in (almost surely) every byte. The error polynomial is
//!   then a non-zero multiple of that point's Lagrange basis polynomial, which is
//!   non-zero at x = 0 because all x are non-zero; so S' ≠ S and Argon2id rejects it.
//! * A stolen database without the pepper: the masks are HMAC outputs under a key the
//!   thief lacks, so the masked shares are indistinguishable from random bytes and
//!   carry no information about any character. The only value to test a guess against
//!   is Argon2id of a 256-bit random S, which no guessing reaches.
//! * A stolen database *and* the pepper: nothing but the password itself remains
//!   secret. The thief can now unmask candidate shares per (position, character).
//!   Testing k characters at once against the Argon2id hash costs about |alphabet|^k
//!   Argon2 trials; but because n > k, k + 1 guessed characters can also be tested
//!   for consistency (does the (k+1)-th point lie on the polynomial through the other
//!   k?) with no Argon2 at all, about |alphabet|^(k+1) cheap HMAC and interpolation
//!   steps. So with the pepper a password falls to a patient offline attack, as it
//!   would under any scheme that can check k characters; the pepper's confidentiality
//!   is what protects the passwords, which is why it lives outside the database.
//! * Online, one observed login reveals k characters. That is why the server keeps the
//!   same positions until a login succeeds (R3) instead of letting an attacker refresh
//!   the challenge until it asks for characters already seen; that rule lives with the
//!   login flow, not here.
//!
//! `sharks` draws polynomial coefficients from 1..=255 rather than 0..=255; that bias
//! lets k guessed characters be pre-filtered slightly (about 1 - (255/256)^(32(k-1)) of
//! wrong guesses) before Argon2, which is negligible next to the consistency test above.
//!
//! Characters are compared as Unicode scalar values. The policy refuses combining marks
//! and invisible characters so the n-th character is what the user sees as the n-th
//! character; clients should send NFC (what keyboards produce).

use std::collections::BTreeMap;
use std::fmt;

use hmac::{Hmac, Mac};
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::Sha256;
use sharks::{Share, Sharks};
use zeroize::{Zeroize, Zeroizing};

use super::{threshold_for_len, Password, Positions, MAX_LEN, MIN_LEN};
use crate::domain::pepper::SubKey;
use crate::domain::temporary_password::{
    argon2id_burn, argon2id_hash, argon2id_verify, Argon2Memory,
};

/// The label to derive this module's key with: `pepper.subkey(SUBKEY_LABEL)`.
pub const SUBKEY_LABEL: &str = "millectl/masked-password/v1";
/// Bytes of per-record salt.
pub const SALT_LEN: usize = 16;
/// Bytes of the shared secret S, and so of each share's y.
pub const SHARE_LEN: usize = 32;

/// What the database keeps of a masked password. See the module docs.
#[derive(Clone, PartialEq, Eq)]
pub struct MaskedPasswordRecord {
    /// Characters in the password, n.
    pub length: u8,
    /// Characters needed to verify, k.
    pub threshold: u8,
    /// 16 random bytes, mixed into every mask.
    pub salt: Vec<u8>,
    /// n × 32 bytes, position-major: bytes `(i-1)*32 .. i*32` are position i's share.
    pub masked_shares: Vec<u8>,
    /// Argon2id PHC string of the secret S.
    pub secret_hash: String,
}

impl fmt::Debug for MaskedPasswordRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MaskedPasswordRecord")
            .field("length", &self.length)
            .field("threshold", &self.threshold)
            .finish_non_exhaustive()
    }
}

/// Build the record for a new password. Slow: one Argon2id hash, in `memory`.
pub fn enroll(
    key: &SubKey,
    password: &Password,
    memory: &mut Argon2Memory,
) -> MaskedPasswordRecord {
    deal(key, password, memory).0
}

/// A random secret and its Argon2id hash, made once and shared by many *synthetic*
/// users (the dev server's `--seed-users`), so seeding 100,000 users costs one Argon2
/// run instead of 100,000. Never for real users: whoever learns one sharing user's
/// password and the pepper learns the secret of them all.
pub struct SharedSecret {
    secret: Zeroizing<[u8; SHARE_LEN]>,
    hash: String,
}

impl SharedSecret {
    pub fn generate(memory: &mut Argon2Memory) -> Self {
        let mut secret = Zeroizing::new([0u8; SHARE_LEN]);
        OsRng.fill_bytes(secret.as_mut_slice());
        let hash = argon2id_hash(secret.as_slice(), memory);
        Self { secret, hash }
    }
}

/// [`enroll`] with a [`SharedSecret`]: fast, for synthetic users only.
pub fn enroll_shared(
    key: &SubKey,
    password: &Password,
    shared: &SharedSecret,
) -> MaskedPasswordRecord {
    deal_with(key, password, &shared.secret, shared.hash.clone()).0
}

/// [`enroll`], also returning the unmasked share bytes so tests can inspect them.
fn deal(
    key: &SubKey,
    password: &Password,
    memory: &mut Argon2Memory,
) -> (MaskedPasswordRecord, Zeroizing<Vec<u8>>) {
    let shared = SharedSecret::generate(memory);
    deal_with(key, password, &shared.secret, shared.hash.clone())
}

fn deal_with(
    key: &SubKey,
    password: &Password,
    secret: &[u8; SHARE_LEN],
    secret_hash: String,
) -> (MaskedPasswordRecord, Zeroizing<Vec<u8>>) {
    let chars: Vec<char> = password.expose().chars().collect();
    // `Password` guarantees MIN_LEN..=MAX_LEN characters, so these fit in a u8.
    let length = u8::try_from(chars.len()).unwrap_or(u8::MAX);
    let threshold = threshold_for_len(chars.len());

    let mut salt = vec![0u8; SALT_LEN];
    // ThreadRng: a CSPRNG (ChaCha) seeded from the OS, without a system call for each
    // of the (k-1)·32 polynomial coefficients.
    let mut rng = rand::thread_rng();
    rng.fill_bytes(&mut salt);

    let mut plain = Zeroizing::new(Vec::with_capacity(chars.len() * SHARE_LEN));
    let mut masked_shares = Vec::with_capacity(chars.len() * SHARE_LEN);
    let dealer = Sharks(threshold).dealer_rng(secret.as_slice(), &mut rng);
    for ((position, &ch), share) in (1..=length).zip(&chars).zip(dealer) {
        let bytes = Zeroizing::new(Vec::from(&share));
        // The scheme ties share x = i to position i; `sharks` deals x = 1, 2, 3, ...
        // Should a new version ever change that, fail loudly rather than store garbage.
        assert_eq!(bytes[0], position, "sharks dealt shares out of order");
        let mask = mask(key, &salt, position, ch);
        plain.extend_from_slice(&bytes[1..]);
        masked_shares.extend(bytes[1..].iter().zip(mask.iter()).map(|(y, m)| y ^ m));
    }

    let record = MaskedPasswordRecord {
        length,
        threshold,
        salt,
        masked_shares,
        secret_hash,
    };
    (record, plain)
}

/// HMAC-SHA256(key, salt ‖ position ‖ UTF-8 of ch). Salt and position have fixed
/// widths, so the encoding is unambiguous.
fn mask(key: &SubKey, salt: &[u8], position: u8, ch: char) -> Zeroizing<[u8; SHARE_LEN]> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(salt);
    mac.update(&[position]);
    let mut utf8 = [0u8; 4];
    mac.update(ch.encode_utf8(&mut utf8).as_bytes());
    let mut digest = mac.finalize().into_bytes();
    let mut out = Zeroizing::new([0u8; SHARE_LEN]);
    out.copy_from_slice(&digest);
    digest.as_mut_slice().zeroize();
    utf8.zeroize();
    out
}

/// Check characters typed at exactly the asked positions. False (never a panic) on a
/// wrong character, a set of typed positions other than `asked`, fewer positions than
/// the threshold, or a malformed record. Slow: one Argon2id verification (in `memory`),
/// also on the early-false paths.
pub fn verify_chars(
    key: &SubKey,
    record: &MaskedPasswordRecord,
    asked: &Positions,
    typed: &BTreeMap<u8, char>,
    memory: &mut Argon2Memory,
) -> bool {
    let same_positions = typed.len() == asked.0.len() && typed.keys().eq(asked.0.iter());
    if !is_well_formed(record) || !same_positions || asked.0.len() < usize::from(record.threshold) {
        dummy_verify(memory);
        return false;
    }
    let shares: Option<Vec<Share>> = typed
        .iter()
        .map(|(&position, &ch)| unmask(key, record, position, ch))
        .collect();
    recover_and_check(record, shares, memory)
}

/// Check the whole password (masking off), using all n shares. Slow, like
/// [`verify_chars`].
pub fn verify_whole(
    key: &SubKey,
    record: &MaskedPasswordRecord,
    typed: &str,
    memory: &mut Argon2Memory,
) -> bool {
    let chars = typed.chars().take(MAX_LEN + 1);
    if !is_well_formed(record) || chars.clone().count() != usize::from(record.length) {
        dummy_verify(memory);
        return false;
    }
    let shares: Option<Vec<Share>> = (1..=record.length)
        .zip(chars)
        .map(|(position, ch)| unmask(key, record, position, ch))
        .collect();
    recover_and_check(record, shares, memory)
}

/// Burn the time of one verification, for unknown users, so timing does not tell
/// whether a user exists.
pub fn dummy_verify(memory: &mut Argon2Memory) {
    argon2id_burn(memory);
}

fn is_well_formed(record: &MaskedPasswordRecord) -> bool {
    let n = usize::from(record.length);
    (MIN_LEN..=MAX_LEN).contains(&n)
        && (1..=record.length).contains(&record.threshold)
        && record.salt.len() == SALT_LEN
        && record.masked_shares.len() == n * SHARE_LEN
}

/// Position's share with the mask of `ch` removed; None if the position is not in the
/// record.
fn unmask(key: &SubKey, record: &MaskedPasswordRecord, position: u8, ch: char) -> Option<Share> {
    let start = usize::from(position).checked_sub(1)? * SHARE_LEN;
    let masked = record.masked_shares.get(start..start + SHARE_LEN)?;
    let mask = mask(key, &record.salt, position, ch);
    let mut bytes = Zeroizing::new(Vec::with_capacity(1 + SHARE_LEN));
    bytes.push(position);
    bytes.extend(masked.iter().zip(mask.iter()).map(|(m, k)| m ^ k));
    Share::try_from(bytes.as_slice()).ok()
}

fn recover_and_check(
    record: &MaskedPasswordRecord,
    shares: Option<Vec<Share>>,
    memory: &mut Argon2Memory,
) -> bool {
    let recovered = shares.and_then(|shares| Sharks(record.threshold).recover(&shares).ok());
    match recovered {
        Some(secret) => argon2id_verify(&record.secret_hash, &Zeroizing::new(secret), memory),
        None => {
            dummy_verify(memory);
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pepper::Pepper;
    use proptest::prelude::*;

    fn mem() -> Argon2Memory {
        Argon2Memory::new()
    }

    fn key() -> SubKey {
        Pepper::from_hex(&"17".repeat(32))
            .unwrap()
            .subkey(SUBKEY_LABEL)
    }

    fn typed_at(password: &str, positions: &[u8]) -> BTreeMap<u8, char> {
        let chars: Vec<char> = password.chars().collect();
        positions
            .iter()
            .map(|&p| (p, chars[usize::from(p) - 1]))
            .collect()
    }

    fn positions(list: &[u8]) -> Positions {
        Positions(list.to_vec())
    }

    /// A different character for position tests: keeps the case of the policy simple.
    fn other_char(c: char) -> char {
        if c == 'x' {
            'y'
        } else {
            'x'
        }
    }

    #[test]
    fn record_has_the_documented_shape() {
        let record = enroll(&key(), &Password::parse("Zażółć123").unwrap(), &mut mem());
        assert_eq!(record.length, 9);
        assert_eq!(record.threshold, 3);
        assert_eq!(record.salt.len(), SALT_LEN);
        assert_eq!(record.masked_shares.len(), 9 * SHARE_LEN);
        assert!(record.secret_hash.starts_with("$argon2id$"));
        let debug = format!("{record:?}");
        assert!(!debug.contains(&record.secret_hash), "{debug}");
    }

    #[test]
    fn masked_shares_never_contain_the_plain_share_bytes() {
        let (record, plain) = deal(
            &key(),
            &Password::parse("Haslo1234567").unwrap(),
            &mut mem(),
        );
        assert_eq!(plain.len(), record.masked_shares.len());
        for (i, block) in plain.chunks(SHARE_LEN).enumerate() {
            let stored = &record.masked_shares[i * SHARE_LEN..(i + 1) * SHARE_LEN];
            assert_ne!(block, stored, "position {} stored in the clear", i + 1);
            // Not even an 8-byte run of a plain share shows up anywhere.
            for window in block.windows(8) {
                assert!(
                    !record.masked_shares.windows(8).any(|w| w == window),
                    "position {} leaks",
                    i + 1
                );
            }
        }
    }

    #[test]
    fn unicode_characters_verify() {
        let pw = "Zażółć123";
        let record = enroll(&key(), &Password::parse(pw).unwrap(), &mut mem());
        let asked = positions(&[3, 4, 5]);
        assert!(verify_chars(
            &key(),
            &record,
            &asked,
            &typed_at(pw, &[3, 4, 5]),
            &mut mem()
        ));
        let mut ascii = typed_at(pw, &[3, 4, 5]);
        ascii.insert(3, 'z');
        assert!(!verify_chars(&key(), &record, &asked, &ascii, &mut mem()));
        assert!(verify_whole(&key(), &record, pw, &mut mem()));
        assert!(!verify_whole(&key(), &record, "Zazolc123", &mut mem()));
    }

    #[test]
    fn wrong_set_of_positions_fails() {
        let pw = "Haslo1234567";
        let record = enroll(&key(), &Password::parse(pw).unwrap(), &mut mem());
        let asked = positions(&[2, 5, 7, 9]);
        assert!(verify_chars(
            &key(),
            &record,
            &asked,
            &typed_at(pw, &[2, 5, 7, 9]),
            &mut mem()
        ));
        // Typed positions differ from the asked ones, even if the characters are right.
        assert!(!verify_chars(
            &key(),
            &record,
            &asked,
            &typed_at(pw, &[2, 5, 7, 8]),
            &mut mem()
        ));
        assert!(!verify_chars(
            &key(),
            &record,
            &asked,
            &typed_at(pw, &[2, 5, 7]),
            &mut mem()
        ));
        assert!(!verify_chars(
            &key(),
            &record,
            &asked,
            &typed_at(pw, &[2, 5, 7, 9, 10]),
            &mut mem()
        ));
        // Fewer asked positions than the threshold.
        let few = positions(&[2, 5, 7]);
        assert!(!verify_chars(
            &key(),
            &record,
            &few,
            &typed_at(pw, &[2, 5, 7]),
            &mut mem()
        ));
        // Positions beyond the password, or position 0.
        let beyond = positions(&[2, 5, 7, 13]);
        let mut typed = typed_at(pw, &[2, 5, 7]);
        typed.insert(13, 'x');
        assert!(!verify_chars(&key(), &record, &beyond, &typed, &mut mem()));
        let zero = positions(&[0, 2, 5, 7]);
        let mut typed = typed_at(pw, &[2, 5, 7]);
        typed.insert(0, 'H');
        assert!(!verify_chars(&key(), &record, &zero, &typed, &mut mem()));
        // Swapping the characters of two positions.
        let mut swapped = typed_at(pw, &[2, 5, 7, 9]);
        let (a, b) = (swapped[&2], swapped[&5]);
        swapped.insert(2, b);
        swapped.insert(5, a);
        assert!(!verify_chars(&key(), &record, &asked, &swapped, &mut mem()));
    }

    #[test]
    fn more_positions_than_the_threshold_also_verify() {
        let pw = "Haslo1234567";
        let record = enroll(&key(), &Password::parse(pw).unwrap(), &mut mem());
        let asked = positions(&[1, 2, 3, 4, 5, 6]);
        assert!(verify_chars(
            &key(),
            &record,
            &asked,
            &typed_at(pw, asked.as_slice()),
            &mut mem()
        ));
    }

    #[test]
    fn record_from_one_pepper_fails_under_another() {
        let pw = "Haslo1234567";
        let record = enroll(&key(), &Password::parse(pw).unwrap(), &mut mem());
        let other = Pepper::generate().subkey(SUBKEY_LABEL);
        let same_pepper_other_label = Pepper::from_hex(&"17".repeat(32))
            .unwrap()
            .subkey("token-seed");
        let asked = positions(&[1, 4, 8, 12]);
        for wrong in [other, same_pepper_other_label] {
            assert!(!verify_chars(
                &wrong,
                &record,
                &asked,
                &typed_at(pw, &[1, 4, 8, 12]),
                &mut mem()
            ));
            assert!(!verify_whole(&wrong, &record, pw, &mut mem()));
        }
    }

    #[test]
    fn malformed_records_are_false_not_panics() {
        let pw = "Haslo1234567";
        let good = enroll(&key(), &Password::parse(pw).unwrap(), &mut mem());
        let asked = positions(&[1, 4, 8, 12]);
        let typed = typed_at(pw, &[1, 4, 8, 12]);
        let breakages: Vec<fn(&mut MaskedPasswordRecord)> = vec![
            |r| r.length = 0,
            |r| r.length = 200,
            |r| r.length -= 1,
            |r| r.threshold = 0,
            |r| r.threshold = 13,
            |r| r.salt.pop().map(drop).unwrap_or(()),
            |r| r.masked_shares.truncate(100),
            |r| r.masked_shares[0] ^= 1,
            |r| r.secret_hash.clear(),
            |r| r.secret_hash = "$argon2id$v=19$m=64,t=1,p=1$AAAA$BBBB".into(),
        ];
        for (i, breakage) in breakages.into_iter().enumerate() {
            let mut record = good.clone();
            breakage(&mut record);
            assert!(
                !verify_chars(&key(), &record, &asked, &typed, &mut mem()),
                "breakage {i}"
            );
            assert!(
                !verify_whole(&key(), &record, pw, &mut mem()),
                "breakage {i}"
            );
        }
        // A raised threshold refuses the four asked characters (the whole password,
        // all twelve shares, still verifies: it is above any threshold).
        let mut raised = good.clone();
        raised.threshold = 5;
        assert!(!verify_chars(&key(), &raised, &asked, &typed, &mut mem()));
    }

    #[test]
    fn enrolling_twice_gives_unrelated_records() {
        let pw = Password::parse("Haslo1234567").unwrap();
        let (a, b) = (
            enroll(&key(), &pw, &mut mem()),
            enroll(&key(), &pw, &mut mem()),
        );
        assert_ne!(a.salt, b.salt);
        assert_ne!(a.masked_shares, b.masked_shares);
        assert_ne!(a.secret_hash, b.secret_hash);
    }

    /// A policy-conforming password and a k-subset of its positions.
    fn password_and_subset() -> impl Strategy<Value = (String, Vec<u8>)> {
        "[a-zA-Z0-9ąćęłńóśźżĄĆĘŁŃÓŚŹŻ!@#%&*._-]{8,32}"
            .prop_filter("needs a letter and a digit", |s| Password::parse(s).is_ok())
            .prop_flat_map(|pw| {
                let n = pw.chars().count();
                let all: Vec<u8> = (1..=32u8).take(n).collect();
                let k = usize::from(threshold_for_len(n));
                (Just(pw), proptest::sample::subsequence(all, k))
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn any_k_correct_characters_pass_and_any_wrong_one_fails(
            (pw, subset) in password_and_subset(),
            which in any::<prop::sample::Index>(),
        ) {
            let record = enroll(&key(), &Password::parse(&pw).unwrap(), &mut mem());
            let asked = Positions(subset.clone());
            let typed = typed_at(&pw, &subset);
            prop_assert!(verify_chars(&key(), &record, &asked, &typed, &mut mem()));

            let victim = subset[which.index(subset.len())];
            let mut wrong = typed.clone();
            wrong.insert(victim, other_char(typed[&victim]));
            prop_assert!(!verify_chars(&key(), &record, &asked, &wrong, &mut mem()));
        }

        #[test]
        fn whole_password_passes_and_one_changed_char_fails(
            (pw, _subset) in password_and_subset(),
            which in any::<prop::sample::Index>(),
        ) {
            let record = enroll(&key(), &Password::parse(&pw).unwrap(), &mut mem());
            prop_assert!(verify_whole(&key(), &record, &pw, &mut mem()));

            let mut chars: Vec<char> = pw.chars().collect();
            let i = which.index(chars.len());
            chars[i] = other_char(chars[i]);
            let changed: String = chars.iter().collect();
            prop_assert!(!verify_whole(&key(), &record, &changed, &mut mem()));
            let longer = format!("{pw}x");
            prop_assert!(!verify_whole(&key(), &record, &longer, &mut mem()));
            let mut shorter = pw.clone();
            shorter.pop();
            prop_assert!(!verify_whole(&key(), &record, &shorter, &mut mem()));
        }

        #[test]
        fn parsing_never_panics(text in "\\PC{0,100}", length in any::<u8>()) {
            let _ = Password::parse(&text);
            if let Ok(parsed) = Positions::parse_list(&text, length) {
                prop_assert_eq!(Positions::parse_list(&parsed.to_list(), length), Ok(parsed));
            }
        }

        #[test]
        fn verify_never_panics_on_junk_records(
            length in any::<u8>(),
            threshold in any::<u8>(),
            salt in proptest::collection::vec(any::<u8>(), 0..20),
            masked_shares in proptest::collection::vec(any::<u8>(), 0..300),
            typed in "\\PC{0,12}",
        ) {
            let record = MaskedPasswordRecord {
                length, threshold, salt, masked_shares,
                secret_hash: "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA".into(),
            };
            let asked = Positions::choose(length.min(32), threshold);
            let typed_map: BTreeMap<u8, char> =
                asked.as_slice().iter().copied().zip(typed.chars().cycle()).collect();
            prop_assert!(!verify_chars(&key(), &record, &asked, &typed_map, &mut mem()));
            prop_assert!(!verify_whole(&key(), &record, &typed, &mut mem()));
        }
    }

    #[test]
    fn users_sharing_a_secret_still_check_their_own_password() {
        let key = key();
        let shared = SharedSecret::generate(&mut mem());
        let (a, b) = (
            Password::parse("u000001Pass1").unwrap(),
            Password::parse("u000002Pass1").unwrap(),
        );
        let (ra, rb) = (
            enroll_shared(&key, &a, &shared),
            enroll_shared(&key, &b, &shared),
        );
        assert!(verify_whole(&key, &ra, a.expose(), &mut mem()));
        assert!(verify_whole(&key, &rb, b.expose(), &mut mem()));
        assert!(!verify_whole(&key, &ra, b.expose(), &mut mem()));
        assert_ne!(ra.masked_shares, rb.masked_shares);
    }
}
