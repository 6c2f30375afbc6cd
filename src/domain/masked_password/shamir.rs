//! The OLD masked-password scheme (before issue 13), kept only to verify the records
//! made with it until their users next change their password, and for the dev server's
//! synthetic users. New passwords are enrolled with the scheme of `subsets.rs`, which
//! says why; this one must not be used for anything new.
//!
//! # The scheme (Aspinall & Just, "Give me letters 2, 3 and 6!", FC 2013)
//!
//! At enrollment, for a password of n characters and threshold k = [`threshold_for_len`]:
//!
//! 1. draw a random 32-byte secret S and a random 16-byte salt;
//! 2. split S with Shamir's scheme over GF(256) ([`gf256`], byte-for-byte what the
//!    `sharks` crate dealt), threshold k, into n shares; share number i has
//!    x-coordinate i and belongs to password position i;
//! 3. store each share's 32 y-bytes XOR-masked with
//!    HMAC-SHA256(subkey, salt ‖ i ‖ UTF-8 of the character at position i);
//! 4. store Argon2id(S) as a PHC string, OWASP parameters.
//!
//! To verify characters typed at positions P (|P| ≥ k), recompute their masks from the
//! typed characters, unmask those shares, interpolate S' at x = 0, and check
//! Argon2id(S') against the stored hash (a constant-time comparison inside `argon2`).
//! With masking off, the whole password is checked the same way with all n shares.
//!
//! # What it protects, and what it does not
//!
//! * Correct characters pass: the unmasked shares are points of the dealt polynomial,
//!   and any k of them interpolate it, so S' = S.
//! * A wrong character fails: its mask is an unrelated HMAC output, so that share's y
//!   differs from the real one in (almost surely) every byte. The error polynomial is
//!   then a non-zero multiple of that point's Lagrange basis polynomial, which is
//!   non-zero at x = 0 because all x are non-zero; so S' ≠ S and Argon2id rejects it.
//! * A stolen database without the pepper: the masks are HMAC outputs under a key the
//!   thief lacks, so the masked shares look like random bytes.
//! * A stolen database *and* the pepper: the password falls in a fraction of a second,
//!   with no Argon2 at all. Every position's share lies on one polynomial of degree
//!   k − 1, and all n shares are stored. The thief unmasks every candidate share, one
//!   HMAC per (position, character): 95·n for printable ASCII. Any k + 1 positions
//!   satisfy one fixed linear relation over GF(256) (the degree-k coefficient of the
//!   polynomial through them is 0), Σ wᵢ·yᵢ = 0 with public weights wᵢ; splitting the
//!   k + 1 positions in two halves turns the search into a meet in the middle, a
//!   table of 95² sums looked up by 95³ others for k = 4, where the right characters
//!   are the only consistent choice among 2^256. The polynomial through them gives
//!   every other position's share, so the rest of the password follows position by
//!   position, and S comes out directly. An outside review recovered a 12-character
//!   password this way in about 0.2 s; `tests::meet_in_the_middle` is that attack.
//!   The Argon2id hash of S, the only slow step, is never needed. So the old records'
//!   passwords are only as safe as the pepper, which is why new ones use `subsets.rs`.
//! * Online, one observed login reveals k characters. That is why the server keeps the
//!   same positions until a login succeeds (R3); that rule lives with the login flow.
//!
//! Characters are compared as the Unicode scalar values they were enrolled with; the
//! records predate NFC normalisation, so this module does not normalise what is typed.

use std::collections::BTreeMap;
use std::fmt;

use hmac::{Hmac, Mac};
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::Sha256;
use zeroize::{Zeroize, Zeroizing};

use super::{threshold_for_len, Password, Positions, MAX_LEN, MIN_LEN};
use crate::domain::pepper::SubKey;
use crate::domain::temporary_password::{
    argon2id_burn, argon2id_hash, argon2id_verify, Argon2Memory,
};

use super::gf256;

#[cfg(test)]
mod attack;
#[cfg(test)]
pub(crate) use attack::meet_in_the_middle;

// Argon2 runs made by this module on this thread, so tests can show an attack made none.
#[cfg(test)]
thread_local! {
    static ARGON2_RUNS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Note one Argon2 run (tests only; nothing in production).
fn count_argon2_run() {
    #[cfg(test)]
    ARGON2_RUNS.with(|runs| runs.set(runs.get() + 1));
}

/// The label to derive this module's key with: `pepper.subkey(SUBKEY_LABEL)` — the
/// pepper's mask key of both schemes ([`super::key::PepperMaskKey`]).
pub const SUBKEY_LABEL: &str = super::key::PEPPER_LABEL;
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
        count_argon2_run();
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
    let chars: Zeroizing<Vec<char>> = Zeroizing::new(password.expose().chars().collect());
    // `Password` guarantees MIN_LEN..=MAX_LEN characters, so these fit in a u8.
    let length = u8::try_from(chars.len()).unwrap_or(u8::MAX);
    let threshold = threshold_for_len(chars.len());

    let mut salt = vec![0u8; SALT_LEN];
    // ThreadRng: a CSPRNG (ChaCha) seeded from the OS, without a system call for each
    // of the (k-1)·32 polynomial coefficients.
    let mut rng = rand::thread_rng();
    rng.fill_bytes(&mut salt);

    // Share x = i belongs to position i; `deal` returns them in that order.
    let plain = match gf256::deal(secret.as_slice(), threshold, length, &mut rng) {
        Ok(plain) => plain,
        // threshold_for_len(n) ≤ n for every length `Password` allows.
        Err(err) => unreachable!("threshold {threshold} for {length} characters: {err}"),
    };
    let mut masked_shares = Vec::with_capacity(plain.len());
    for ((position, &ch), share) in (1..=length).zip(chars.iter()).zip(plain.chunks(SHARE_LEN)) {
        let mask = mask(key, &salt, position, ch);
        masked_shares.extend(share.iter().zip(mask.iter()).map(|(y, m)| y ^ m));
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
    count_argon2_run();
    argon2id_burn(memory);
}

fn is_well_formed(record: &MaskedPasswordRecord) -> bool {
    let n = usize::from(record.length);
    (MIN_LEN..=MAX_LEN).contains(&n)
        && (1..=record.length).contains(&record.threshold)
        && record.salt.len() == SALT_LEN
        && record.masked_shares.len() == n * SHARE_LEN
}

/// One unmasked share: its x (the position) and its y bytes, wiped on drop.
type Share = (u8, Zeroizing<[u8; SHARE_LEN]>);

/// Position's share with the mask of `ch` removed; None if the position is not in the
/// record.
fn unmask(key: &SubKey, record: &MaskedPasswordRecord, position: u8, ch: char) -> Option<Share> {
    let start = usize::from(position).checked_sub(1)? * SHARE_LEN;
    let masked = record.masked_shares.get(start..start + SHARE_LEN)?;
    let mask = mask(key, &record.salt, position, ch);
    let mut y = Zeroizing::new([0u8; SHARE_LEN]);
    for ((out, m), k) in y.iter_mut().zip(masked).zip(mask.iter()) {
        *out = m ^ k;
    }
    Some((position, y))
}

fn recover_and_check(
    record: &MaskedPasswordRecord,
    shares: Option<Vec<Share>>,
    memory: &mut Argon2Memory,
) -> bool {
    // Fewer shares than the threshold would interpolate to some unrelated secret; refuse
    // them before Argon2 as `sharks` did (callers already check the count).
    let recovered = shares
        .filter(|shares| shares.len() >= usize::from(record.threshold))
        .and_then(|shares| {
            let points: Vec<(u8, &[u8])> = shares.iter().map(|(x, y)| (*x, &y[..])).collect();
            gf256::interpolate_at_zero(&points).ok()
        });
    match recovered {
        Some(secret) => {
            count_argon2_run();
            argon2id_verify(&record.secret_hash, &secret, memory)
        }
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

    /// A record the `sharks`-based code made (commit 31e2c07, with the test Argon2
    /// parameters): records already in databases must go on verifying, character by
    /// character and whole.
    #[test]
    fn a_record_sharks_dealt_still_verifies() {
        let pw = "Zażółć12345x";
        let record = MaskedPasswordRecord {
            length: 12,
            threshold: 4,
            salt: hex::decode("b6d7b064d9d42d545f8a75c822c56630").unwrap(),
            masked_shares: hex::decode(concat!(
                "8760caeed97414ee1b43b1625075a51dabceb3782100abc698dd885f218eddc5",
                "59be215dd12f720cdf9f97d5a195b41760edc52eaffd608924d93051749b76ce",
                "de875a9c6a93126696f1d6c5d0052062946ea67a8659cc69d8b9d6a21b04fe70",
                "1f6b5117334e5790128521d6ee691cbb70735a76fcd6eaad9ebcbc4ffa78bd77",
                "22482c7501437d883932253b0da32460d6d6028988325bcb288317d7ef531eef",
                "fa9b2e635104c4d57018f2d9ef2da15179b0bf2637b56c0587ff74f80c8f63c2",
                "b1b785654cce7518e987c441543ca5209a21935c7d7fbe3007f3be3b4eccc917",
                "82af27976a267f2cc31098dae9dba13fa27d14d19ab194e9ba8247cfe464e0f3",
                "a55f9d53d6dbf7478f718e61b25fd7739640f1dfbee73db195b002f1b20074f1",
                "ec7255b37753742c838eca9a84f0626fe109c162d85a9a893b613cad97495836",
                "7fd48f6011787fba6ebe7063b41d1d08abc5fd3fa155022bcf60a6103f5818a0",
                "05d6fea18b37ff7afe41bba8396b02def6cd49fe4f1b130cab822c808cc31715",
            ))
            .unwrap(),
            secret_hash: "$argon2id$v=19$m=64,t=1,p=1$Qy1TItpz+nRlKbAeq697Zg$c6cP47WJtQmDkHxiyUHRuOyTkdioA+3OtbrwxDUh8m0".into(),
        };
        assert!(verify_whole(&key(), &record, pw, &mut mem()));
        assert!(!verify_whole(&key(), &record, "Zażółć12345y", &mut mem()));
        for subset in [[1u8, 2, 3, 4], [3, 4, 5, 6], [2, 6, 9, 12], [9, 10, 11, 12]] {
            let asked = positions(&subset);
            assert!(verify_chars(
                &key(),
                &record,
                &asked,
                &typed_at(pw, &subset),
                &mut mem()
            ));
            let mut wrong = typed_at(pw, &subset);
            wrong.insert(subset[0], '#');
            assert!(!verify_chars(&key(), &record, &asked, &wrong, &mut mem()));
        }
    }

    fn argon2_runs() -> u32 {
        ARGON2_RUNS.with(std::cell::Cell::get)
    }

    /// Twenty characters keep the search small in a debug build; the attack's cost
    /// grows as |alphabet|^ceil((k+1)/2), 95^3 for a real 12-character password.
    const SMALL_ALPHABET: &str = "abcdefghij0123456789";

    #[test]
    fn the_old_scheme_falls_to_a_meet_in_the_middle_without_argon2() {
        let alphabet: Vec<char> = SMALL_ALPHABET.chars().collect();
        // k = 3 (8 characters), k = 4 (12), k = 4 (14).
        for pw in ["b4dc0ffe", "fab3c9e1d2ah", "jih9g8f7e6d5c4"] {
            let record = enroll(&key(), &Password::parse(pw).unwrap(), &mut mem());
            let before = argon2_runs();
            let started = std::time::Instant::now();
            let found = meet_in_the_middle(&key(), &record, &alphabet);
            let took = started.elapsed();
            assert_eq!(argon2_runs(), before, "the attack ran Argon2");
            assert_eq!(found.as_deref(), Some(pw));
            assert!(took < std::time::Duration::from_secs(5), "{took:?}");
            // One Argon2 run, only to confirm what the attack found.
            let found = found.unwrap();
            assert!(verify_whole(&key(), &record, &found, &mut mem()));
            assert_eq!(argon2_runs(), before + 1);
        }
    }

    #[test]
    fn the_attack_needs_the_key_and_the_alphabet() {
        let pw = "fab3c9e1d2ah";
        let record = enroll(&key(), &Password::parse(pw).unwrap(), &mut mem());
        let alphabet: Vec<char> = SMALL_ALPHABET.chars().collect();
        let other_key = Pepper::generate().subkey(SUBKEY_LABEL);
        assert_eq!(meet_in_the_middle(&other_key, &record, &alphabet), None);
        let without_h: Vec<char> = SMALL_ALPHABET.chars().filter(|&c| c != 'h').collect();
        assert_eq!(meet_in_the_middle(&key(), &record, &without_h), None);
        assert_eq!(meet_in_the_middle(&key(), &record, &[]), None);
        // k = n leaves no redundant share, and so no relation to search on.
        let mut no_redundancy = record.clone();
        no_redundancy.threshold = no_redundancy.length;
        assert_eq!(meet_in_the_middle(&key(), &no_redundancy, &alphabet), None);
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
            prop_assert_eq!(meet_in_the_middle(&key(), &record, &['a', '1']), None);
        }

        #[test]
        fn the_attack_returns_none_on_junk_of_the_right_shape(
            (length, threshold) in (8u8..=14).prop_flat_map(|n| (Just(n), 1..=n)),
            salt in proptest::array::uniform16(any::<u8>()),
            seed in any::<u64>(),
            alphabet in proptest::collection::vec(any::<char>(), 0..6),
        ) {
            use rand::SeedableRng;
            let mut masked_shares = vec![0u8; usize::from(length) * SHARE_LEN];
            rand::RngCore::fill_bytes(&mut rand::rngs::StdRng::seed_from_u64(seed), &mut masked_shares);
            let record = MaskedPasswordRecord {
                length, threshold, salt: salt.to_vec(), masked_shares,
                secret_hash: String::new(),
            };
            prop_assert_eq!(meet_in_the_middle(&key(), &record, &alphabet), None);
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
