//! The masked-password scheme since issue 13: a slow hash per stored subset of
//! positions, so that even the holder of every key the server holds must guess.
//!
//! # The scheme
//!
//! At enrollment, for a password of n characters (NFC, one scalar value each) and
//! k = [`threshold_for_len`](super::threshold_for_len) positions per challenge:
//!
//! 1. draw a random 16-byte salt and m distinct k-subsets P₁…P_m of the positions
//!    1..=n, uniformly (m = the server's `--masked-password-subsets`, clamped to
//!    C(n, k));
//! 2. for each subset i store P_i and the tag
//!    T_i = Argon2id(HMAC(K, "…/subsets/v1" ‖ uid ‖ salt ‖ i ‖ P_i ‖ chars at P_i),
//!    salt ‖ i), where K is the mask key ([`MaskKey`]: the pepper's subkey or a key
//!    inside a PKCS#11 token) and uid the user's immutable id;
//! 3. store, for masking off, a PHC string of Argon2id(HMAC(K, … ‖ 0xFF ‖ all n
//!    positions ‖ the whole password), salt ‖ 0xFF), whose parameters every tag uses;
//! 4. store the id of K, so a rotated key still checks the records it made.
//!
//! A challenge asks one stored subset, kept until a login succeeds (R3, as before). A
//! check computes one HMAC and one Argon2id and compares the tag in constant time.
//! Enrollment costs m + 1 Argon2id (see `benches/enrollment.rs`).
//!
//! # What it costs an attacker (per user; |A| characters to try at each position)
//!
//! Figures for one CPU core at this server's Argon2id (19 MiB, t = 2, p = 1: 18 ms on
//! one core of our CI machine, `cargo bench --bench enrollment`; an attacker's hardware
//! is faster, but memory-hard hashing keeps the factor modest), |A| = 95 printable
//! ASCII characters:
//!
//! * **The database alone** (no pepper, or the key in a PKCS#11 token): every MAC input
//!   includes K, so a tag is Argon2id of a 256-bit value the thief cannot compute. No
//!   guess can be tested: 2²⁵⁶ work, i.e. none.
//! * **The database and the pepper** (one host compromise: the pepper sits beside the
//!   server): the thief computes the MACs, and must test guesses against a tag. Each
//!   tag binds k characters, so the cheapest is to guess one subset whole: |A|^k
//!   Argon2id runs (half of it on average). k = 3 (passwords of 8–11 characters):
//!   95³ = 857,375 runs ≈ 4.3 core-hours; k = 4 (12–14): 95⁴ ≈ 8.1 × 10⁷ ≈ 17 core-days;
//!   k = 5 (15–17): 95⁵ ≈ 7.7 × 10⁹ ≈ 4.4 core-years; k = 6: 7.4 × 10¹¹ ≈ 420
//!   core-years.
//!   Once one subset is found, a subset that shares all but one position costs |A|
//!   more runs each, so the rest of the password follows cheaply: the first subset is
//!   the price. Passwords from a smaller set cost less (36 letters and digits, k = 4:
//!   1.7 × 10⁶ runs ≈ 8 core-hours) — which is why length raises k. The old scheme
//!   (`shamir`) fell to the same thief in 0.2 s with no Argon2 at all.
//! * **The database, the pepper and the host while it runs, with K in PKCS#11**: the
//!   token computes MACs for whoever holds the host, so for as long as the attacker
//!   keeps control they pay the row above plus |A|^k calls to the token (which the HSM
//!   rate-limits and logs); once they lose the host, nothing: the token never lets K
//!   out. A copy of the database and of the pepper file costs 2²⁵⁶ as in the first row.
//!
//! # What is traded
//!
//! The old scheme could ask any of the C(n, k) subsets (495 for n = 12, k = 4); this
//! one asks one of m. Someone who watched one login (shoulder-surfing, a keylogger)
//! knows the k characters of one stored subset, and a later challenge asks exactly that
//! subset with probability 1/m instead of 1/C(n, k). Because a challenge is kept until
//! a login succeeds, they get one draw per success of the real user, and they still
//! need the one-time code. After two watched logins (up to 2k known positions) the two
//! schemes come close: 2k = 8 known positions cover C(8, 4) = 70 of the 495 subsets
//! (14%), and of m = 32 random stored subsets about 2 + 30·68/493 ≈ 6 (19%).
//!
//! m = 32 by default: 1/32 ≈ 3% per draw after one watched login, 33 Argon2id runs at
//! enrollment (0.6 s on one core, once per password change, under the hash gate),
//! about 1.2 KiB per user. 64 halves that probability and doubles the cost.
//!
//! Every input is encoded with fixed widths or a length, so no two different
//! (subset, characters) pairs give one MAC input.

use std::collections::BTreeSet;
use std::fmt;

use argon2::password_hash::SaltString;
use rand::RngCore;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::key::{MaskKey, MaskKeyError, MaskKeys};
use super::{normalize_char, threshold_for_len, Password, Positions, TypedChars, MAX_LEN, MIN_LEN};
use crate::domain::ids::UserUid;
use crate::domain::temporary_password::{
    argon2id_burn, argon2id_hash_with_salt, argon2id_tag, argon2id_verify, Argon2Memory,
};

/// Stored subsets per record unless the server is told otherwise.
pub const DEFAULT_SUBSETS: usize = 32;
/// The fewest and most subsets a server may be configured with.
pub const SUBSETS_RANGE: std::ops::RangeInclusive<usize> = 8..=128;
/// Bytes of per-record salt.
pub const SALT_LEN: usize = 16;
/// Bytes of a tag.
pub const TAG_LEN: usize = 32;
/// The index standing for the whole password (masking off); subsets are 0..m < 255.
const WHOLE: u8 = 0xFF;
/// Domain separation of this scheme's MAC inputs.
const CONTEXT: &[u8] = b"millectl/masked-password/subsets/v1\0";

/// What the database keeps of a masked password under this scheme.
#[derive(Clone, PartialEq, Eq)]
pub struct SubsetRecord {
    /// Characters in the password, n.
    pub length: u8,
    /// Positions per subset, k.
    pub threshold: u8,
    pub salt: Vec<u8>,
    /// The [`MaskKey::id`] of the key that made it.
    pub key_id: String,
    /// m entries of k position bytes then a [`TAG_LEN`]-byte tag.
    pub subsets: Vec<u8>,
    /// PHC string of the whole password's hash; its parameters are every tag's.
    pub whole_hash: String,
}

impl fmt::Debug for SubsetRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SubsetRecord")
            .field("length", &self.length)
            .field("threshold", &self.threshold)
            .field("subsets", &self.subset_count())
            .field("key_id", &self.key_id)
            .finish_non_exhaustive()
    }
}

impl SubsetRecord {
    fn entry_len(&self) -> usize {
        usize::from(self.threshold) + TAG_LEN
    }

    /// m, or 0 for a malformed record.
    pub fn subset_count(&self) -> usize {
        if self.is_well_formed() {
            self.subsets.len() / self.entry_len()
        } else {
            0
        }
    }

    /// (index, positions, tag) of every stored subset.
    fn entries(&self) -> impl Iterator<Item = (u8, &[u8], &[u8])> {
        let k = usize::from(self.threshold);
        let entries = if self.is_well_formed() {
            self.subsets.chunks_exact(self.entry_len())
        } else {
            [].chunks_exact(1)
        };
        (0u8..)
            .zip(entries)
            .map(move |(i, e)| (i, &e[..k], &e[k..]))
    }

    /// The positions of every stored subset, in stored order.
    pub fn stored_positions(&self) -> impl Iterator<Item = Positions> + '_ {
        self.entries()
            .map(|(_, positions, _)| Positions(positions.to_vec()))
    }

    /// One stored subset, uniformly: the positions a new challenge asks. None for a
    /// malformed record.
    pub fn choose(&self) -> Option<Positions> {
        let m = self.subset_count();
        if m == 0 {
            return None;
        }
        let pick = usize::try_from(rand::rngs::OsRng.next_u64() % m as u64).ok()?;
        self.entries()
            .nth(pick)
            .map(|(_, positions, _)| Positions(positions.to_vec()))
    }

    fn is_well_formed(&self) -> bool {
        let n = usize::from(self.length);
        let k = usize::from(self.threshold);
        (MIN_LEN..=MAX_LEN).contains(&n)
            && (1..=n).contains(&k)
            && self.salt.len() == SALT_LEN
            && !self.subsets.is_empty()
            && self.subsets.len().is_multiple_of(k + TAG_LEN)
            && self.subsets.len() / (k + TAG_LEN) < usize::from(WHOLE)
    }
}

/// Build the record of a new password: m + 1 Argon2id runs in `memory`, m clamped to
/// [`SUBSETS_RANGE`] and to C(n, k).
pub fn enroll(
    key: &dyn MaskKey,
    uid: &UserUid,
    password: &Password,
    subsets: usize,
    memory: &mut Argon2Memory,
) -> Result<SubsetRecord, MaskKeyError> {
    let chars: Zeroizing<Vec<char>> = Zeroizing::new(password.expose().chars().collect());
    // `Password` guarantees MIN_LEN..=MAX_LEN characters, so these fit in a u8.
    let length = u8::try_from(chars.len()).unwrap_or(u8::MAX);
    let threshold = threshold_for_len(chars.len());
    let wanted = subsets
        .clamp(*SUBSETS_RANGE.start(), *SUBSETS_RANGE.end())
        .min(binomial(chars.len(), usize::from(threshold)));

    let mut salt = vec![0u8; SALT_LEN];
    rand::rngs::OsRng.fill_bytes(&mut salt);
    let mut chosen = BTreeSet::new();
    let mut order = Vec::with_capacity(wanted);
    while order.len() < wanted {
        let positions = Positions::choose(length, threshold);
        if chosen.insert(positions.clone()) {
            order.push(positions);
        }
    }

    let all: Vec<u8> = (1..=length).collect();
    let whole_secret = secret(key, uid, &salt, WHOLE, &all, &chars)?;
    let whole_hash =
        argon2id_hash_with_salt(whole_secret.as_slice(), &salt_string(&salt, WHOLE), memory);
    let mut stored = Vec::with_capacity(wanted * (usize::from(threshold) + TAG_LEN));
    for (index, positions) in (0u8..).zip(&order) {
        let picked: Zeroizing<Vec<char>> = Zeroizing::new(
            positions
                .as_slice()
                .iter()
                .map(|&p| chars[usize::from(p) - 1])
                .collect(),
        );
        let secret = secret(key, uid, &salt, index, positions.as_slice(), &picked)?;
        let tag = argon2id_tag(
            &whole_hash,
            secret.as_slice(),
            &tag_salt(&salt, index),
            memory,
        )
        .unwrap_or_else(|| unreachable!("our own PHC string parses"));
        stored.extend_from_slice(positions.as_slice());
        stored.extend_from_slice(tag.as_slice());
    }
    Ok(SubsetRecord {
        length,
        threshold,
        salt,
        key_id: key.id().to_owned(),
        subsets: stored,
        whole_hash,
    })
}

/// Check the characters typed at the asked positions: false (after one Argon2id run,
/// whatever went wrong) unless `asked` is a stored subset, exactly its positions were
/// typed, and every character is right. An error only when the record's key cannot
/// compute (unknown or unavailable): not a wrong password.
pub fn verify_chars(
    keys: &MaskKeys,
    uid: &UserUid,
    record: &SubsetRecord,
    asked: &Positions,
    typed: &TypedChars,
    memory: &mut Argon2Memory,
) -> Result<bool, MaskKeyError> {
    let entry = record
        .entries()
        .find(|(_, positions, _)| *positions == asked.as_slice());
    let same_positions = typed.positions().eq(asked.as_slice().iter().copied());
    let Some((index, positions, tag)) = entry.filter(|_| same_positions) else {
        dummy_verify(keys, memory);
        return Ok(false);
    };
    let key = keys.find(&record.key_id)?;
    // Compared in NFC, as enrolled: U+212B (Angstrom sign) is U+00C5 (Å).
    let chars: Zeroizing<Vec<char>> = Zeroizing::new(
        typed
            .iter()
            .map(|(_, c)| normalize_char(c).unwrap_or(c))
            .collect(),
    );
    let secret = secret(key, uid, &record.salt, index, positions, &chars)?;
    let computed = argon2id_tag(
        &record.whole_hash,
        secret.as_slice(),
        &tag_salt(&record.salt, index),
        memory,
    );
    Ok(computed.is_some_and(|computed| bool::from(computed.as_slice().ct_eq(tag))))
}

/// The work of a check that cannot pass (an unknown user, a blocked one, a malformed
/// answer): one MAC with the current key — which may be a PKCS#11 token's, whose round
/// trip would otherwise tell a real check from a dummy — and one Argon2id run.
pub fn dummy_verify(keys: &MaskKeys, memory: &mut Argon2Memory) {
    // Only the time spent matters; a failing token fails real checks alike.
    let _ = keys.current().mac(b"millectl/masked-password/dummy");
    argon2id_burn(memory);
}

/// Check the whole password (masking off), given in NFC (`normalize_typed`). Slow,
/// like [`verify_chars`].
pub fn verify_whole(
    keys: &MaskKeys,
    uid: &UserUid,
    record: &SubsetRecord,
    typed: &str,
    memory: &mut Argon2Memory,
) -> Result<bool, MaskKeyError> {
    let chars: Zeroizing<Vec<char>> = Zeroizing::new(typed.chars().take(MAX_LEN + 1).collect());
    if !record.is_well_formed() || chars.len() != usize::from(record.length) {
        dummy_verify(keys, memory);
        return Ok(false);
    }
    let key = keys.find(&record.key_id)?;
    let all: Vec<u8> = (1..=record.length).collect();
    let secret = secret(key, uid, &record.salt, WHOLE, &all, &chars)?;
    Ok(argon2id_verify(
        &record.whole_hash,
        secret.as_slice(),
        memory,
    ))
}

/// HMAC(K, CONTEXT ‖ uid ‖ salt ‖ index ‖ count ‖ positions ‖ chars as 4-byte scalar
/// values): the input of one tag's Argon2id.
fn secret(
    key: &dyn MaskKey,
    uid: &UserUid,
    salt: &[u8],
    index: u8,
    positions: &[u8],
    chars: &[char],
) -> Result<Zeroizing<[u8; 32]>, MaskKeyError> {
    let mut message = Zeroizing::new(Vec::with_capacity(
        CONTEXT.len() + 16 + SALT_LEN + 2 + positions.len() * 5,
    ));
    message.extend_from_slice(CONTEXT);
    message.extend_from_slice(uid.as_bytes());
    message.extend_from_slice(salt);
    message.push(index);
    // At most MAX_LEN positions: fits.
    message.push(u8::try_from(positions.len()).unwrap_or(u8::MAX));
    message.extend_from_slice(positions);
    for &c in chars {
        message.extend_from_slice(&u32::from(c).to_be_bytes());
    }
    key.mac(&message)
}

fn tag_salt(salt: &[u8], index: u8) -> Vec<u8> {
    let mut out = salt.to_vec();
    out.push(index);
    out
}

fn salt_string(salt: &[u8], index: u8) -> SaltString {
    SaltString::encode_b64(&tag_salt(salt, index))
        .unwrap_or_else(|_| unreachable!("17 bytes is a valid Argon2 salt"))
}

/// C(n, k), saturating; n ≤ 32 in practice.
fn binomial(n: usize, k: usize) -> usize {
    if k > n {
        return 0;
    }
    (0..k).fold(1usize, |acc, i| acc.saturating_mul(n - i) / (i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn tc(typed: &BTreeMap<u8, char>) -> TypedChars {
        TypedChars::from_map(typed.clone())
    }
    use crate::domain::pepper::Pepper;
    use proptest::prelude::*;

    fn mem() -> Argon2Memory {
        Argon2Memory::new()
    }

    fn keys() -> MaskKeys {
        MaskKeys::from_pepper(&Pepper::from_hex(&"17".repeat(32)).unwrap())
    }

    fn uid() -> UserUid {
        UserUid::parse(&"ab".repeat(16)).unwrap()
    }

    fn enrolled(password: &str, m: usize) -> SubsetRecord {
        let keys = keys();
        enroll(
            keys.current(),
            &uid(),
            &Password::parse(password).unwrap(),
            m,
            &mut mem(),
        )
        .unwrap()
    }

    fn typed_at(password: &str, positions: &[u8]) -> BTreeMap<u8, char> {
        let chars: Vec<char> = password.chars().collect();
        positions
            .iter()
            .map(|&p| (p, chars[usize::from(p) - 1]))
            .collect()
    }

    fn other_char(c: char) -> char {
        if c == 'x' {
            'y'
        } else {
            'x'
        }
    }

    #[test]
    fn binomials() {
        assert_eq!(binomial(8, 3), 56);
        assert_eq!(binomial(12, 4), 495);
        assert_eq!(binomial(32, 6), 906_192);
        assert_eq!(binomial(3, 4), 0);
    }

    #[test]
    fn record_has_m_distinct_sorted_subsets_of_k_positions() {
        let record = enrolled("Haslo1234567", 32);
        assert_eq!((record.length, record.threshold), (12, 4));
        assert_eq!(record.subset_count(), 32);
        let subsets: BTreeSet<Vec<u8>> = record.entries().map(|(_, p, _)| p.to_vec()).collect();
        assert_eq!(subsets.len(), 32, "subsets repeat");
        for subset in &subsets {
            assert_eq!(subset.len(), 4);
            assert!(subset.windows(2).all(|w| w[0] < w[1]));
            assert!(subset.iter().all(|&p| (1..=12).contains(&p)));
        }
        assert!(record.whole_hash.starts_with("$argon2id$"));
        assert!(record.key_id.starts_with("pepper:"));
        let debug = format!("{record:?}");
        assert!(!debug.contains(&record.whole_hash), "{debug}");
    }

    #[test]
    fn m_is_clamped_to_the_range_and_to_the_subsets_there_are() {
        // n = 8, k = 3: C(8, 3) = 56 subsets exist.
        assert_eq!(enrolled("Haslo123", 128).subset_count(), 56);
        assert_eq!(enrolled("Haslo123", 1).subset_count(), 8);
        assert_eq!(enrolled("Haslo1234567", 1000).subset_count(), 128);
    }

    #[test]
    fn a_challenge_asks_a_stored_subset_and_every_one_is_asked() {
        let record = enrolled("Haslo1234567", 8);
        let stored: BTreeSet<Vec<u8>> = record.entries().map(|(_, p, _)| p.to_vec()).collect();
        let mut asked = BTreeSet::new();
        for _ in 0..400 {
            let positions = record.choose().unwrap();
            assert!(stored.contains(positions.as_slice()));
            asked.insert(positions.as_slice().to_vec());
        }
        assert_eq!(asked, stored);
    }

    #[test]
    fn unstored_subsets_wrong_positions_and_other_users_fail() {
        let pw = "Haslo1234567";
        let record = enrolled(pw, 8);
        let keys = keys();
        let stored: BTreeSet<Vec<u8>> = record.entries().map(|(_, p, _)| p.to_vec()).collect();
        let unstored = (0..)
            .map(|_| Positions::choose(12, 4))
            .find(|p| !stored.contains(p.as_slice()))
            .unwrap();
        let typed = typed_at(pw, unstored.as_slice());
        assert!(!verify_chars(&keys, &uid(), &record, &unstored, &tc(&typed), &mut mem()).unwrap());

        let asked = record.choose().unwrap();
        let right = typed_at(pw, asked.as_slice());
        assert!(verify_chars(&keys, &uid(), &record, &asked, &tc(&right), &mut mem()).unwrap());
        // Another user's id: the record is bound to its user.
        let other = UserUid::generate();
        assert!(!verify_chars(&keys, &other, &record, &asked, &tc(&right), &mut mem()).unwrap());
        assert!(!verify_whole(&keys, &other, &record, pw, &mut mem()).unwrap());
        // Typed positions other than those asked.
        let mut shifted = right.clone();
        let (&first, &c) = shifted.iter().next().unwrap();
        shifted.remove(&first);
        shifted.insert(if first == 1 { 12 } else { 1 }, c);
        assert!(!verify_chars(&keys, &uid(), &record, &asked, &tc(&shifted), &mut mem()).unwrap());
    }

    #[test]
    fn a_record_names_its_key_and_fails_cleanly_without_it() {
        let pw = "Haslo1234567";
        let record = enrolled(pw, 8);
        let asked = record.choose().unwrap();
        let typed = typed_at(pw, asked.as_slice());
        let stranger = MaskKeys::from_pepper(&Pepper::generate());
        assert_eq!(
            verify_chars(&stranger, &uid(), &record, &asked, &tc(&typed), &mut mem()),
            Err(MaskKeyError::Unknown(record.key_id.clone()))
        );
        // The old pepper's key kept beside a new current key still checks it.
        let rotated = keys().with_current(
            std::sync::Arc::new(super::super::PepperMaskKey::new(&Pepper::generate())),
            Vec::new(),
        );
        assert!(verify_chars(&rotated, &uid(), &record, &asked, &tc(&typed), &mut mem()).unwrap());
        assert!(verify_whole(&rotated, &uid(), &record, pw, &mut mem()).unwrap());
    }

    #[test]
    fn malformed_records_are_false_not_panics() {
        let pw = "Haslo1234567";
        let good = enrolled(pw, 8);
        let asked = good.choose().unwrap();
        let typed = typed_at(pw, asked.as_slice());
        let breakages: Vec<fn(&mut SubsetRecord)> = vec![
            |r| r.length = 0,
            |r| r.length = 200,
            |r| r.threshold = 0,
            |r| r.threshold = 13,
            |r| r.salt.truncate(3),
            |r| r.subsets.truncate(10),
            |r| r.subsets.clear(),
            |r| r.whole_hash.clear(),
            |r| r.whole_hash = "$argon2id$v=19$m=64,t=1,p=1$AAAA$BBBB".into(),
            |r| r.whole_hash = "$argon2id$v=19$m=4000000000,t=1,p=1$AAAAAAAA$BBBB".into(),
        ];
        for (i, breakage) in breakages.into_iter().enumerate() {
            let mut record = good.clone();
            breakage(&mut record);
            assert!(
                !verify_chars(&keys(), &uid(), &record, &asked, &tc(&typed), &mut mem()).unwrap(),
                "breakage {i}"
            );
            assert!(
                !verify_whole(&keys(), &uid(), &record, pw, &mut mem()).unwrap(),
                "breakage {i}"
            );
        }
        // A changed tag or positions fail the masked check (the whole password's hash
        // is apart).
        for flip in [0x40, 0x01] {
            let mut record = good.clone();
            record.subsets.iter_mut().for_each(|b| *b ^= flip);
            assert!(
                !verify_chars(&keys(), &uid(), &record, &asked, &tc(&typed), &mut mem()).unwrap()
            );
        }
    }

    /// The review's attack on the old scheme (a meet in the middle over k + 1 masked
    /// shares, no Argon2) recovers an old record's password, and finds nothing in a
    /// record of this scheme: its bytes, read as the old record's shares and hash, are
    /// tags that lie on no polynomial.
    #[test]
    fn the_meet_in_the_middle_that_breaks_old_records_finds_nothing_here() {
        use crate::domain::masked_password::shamir;
        let alphabet: Vec<char> = "abcdefghij0123456789".chars().collect();
        let pw = "ab3cd5ef7g91";
        let keys = keys();
        let subkey = keys.pepper().subkey();
        let old = shamir::enroll(subkey, &Password::parse(pw).unwrap(), &mut mem());
        assert_eq!(
            shamir::meet_in_the_middle(subkey, &old, &alphabet).as_deref(),
            Some(pw)
        );

        let new = enrolled(pw, 32);
        // Every byte the new record stores, shaped as the attack expects: the salt, the
        // tags and positions as n shares of 32 bytes, the whole password's hash.
        let mut bytes = new.subsets.clone();
        bytes.resize(usize::from(new.length) * 32, 0);
        let disguised = shamir::MaskedPasswordRecord {
            length: new.length,
            threshold: new.threshold,
            salt: new.salt.clone(),
            masked_shares: bytes,
            secret_hash: new.whole_hash.clone(),
        };
        assert_eq!(
            shamir::meet_in_the_middle(subkey, &disguised, &alphabet),
            None
        );
    }

    #[test]
    fn nfc_and_nfd_input_give_the_same_result() {
        use unicode_normalization::UnicodeNormalization;
        let pw = "Zażółć1234ąę";
        let record = enrolled(pw, 8);
        let keys = keys();
        let nfd: String = pw.nfd().collect();
        assert_ne!(nfd, pw);
        assert!(masked_password_verify_whole(&keys, &record, &nfd));
        assert!(masked_password_verify_whole(&keys, &record, pw));
        // One position typed as U+212B or decomposed still matches its NFC character.
        let angstrom = enrolled("Å1bcdefgh", 8);
        let asked = angstrom
            .stored_positions()
            .find(|p| p.as_slice().contains(&1))
            .unwrap();
        let mut typed = typed_at("Å1bcdefgh", asked.as_slice());
        typed.insert(1, '\u{212B}');
        assert!(verify_chars(&keys, &uid(), &angstrom, &asked, &tc(&typed), &mut mem()).unwrap());
    }

    fn masked_password_verify_whole(keys: &MaskKeys, record: &SubsetRecord, typed: &str) -> bool {
        let record = super::super::PasswordRecord::Subsets(record.clone());
        super::super::verify_whole(keys, &uid(), &record, typed, &mut mem()).unwrap()
    }

    /// A policy-conforming password.
    fn password() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9ąćęłńóśźżĄĆĘŁŃÓŚŹŻ!@#%&*._-]{8,20}"
            .prop_filter("needs a letter and a digit", |s| Password::parse(s).is_ok())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(16))]

        #[test]
        fn any_right_answer_to_any_stored_subset_passes_and_one_wrong_character_fails(
            pw in password(),
            which in any::<prop::sample::Index>(),
            wrong in any::<prop::sample::Index>(),
        ) {
            let record = enrolled(&pw, 8);
            let keys = keys();
            let entries: Vec<Vec<u8>> = record.entries().map(|(_, p, _)| p.to_vec()).collect();
            let asked = Positions(entries[which.index(entries.len())].clone());
            let typed = typed_at(&pw, asked.as_slice());
            prop_assert!(verify_chars(&keys, &uid(), &record, &asked, &tc(&typed), &mut mem()).unwrap());
            let victim = asked.as_slice()[wrong.index(asked.as_slice().len())];
            let mut bad = typed.clone();
            bad.insert(victim, other_char(typed[&victim]));
            prop_assert!(!verify_chars(&keys, &uid(), &record, &asked, &tc(&bad), &mut mem()).unwrap());
        }

        #[test]
        fn nfc_and_nfd_forms_of_any_password_check_alike(pw in password()) {
            use unicode_normalization::UnicodeNormalization;
            let record = enrolled(&pw, 8);
            let keys = keys();
            let nfd: String = pw.nfd().collect();
            prop_assert!(masked_password_verify_whole(&keys, &record, &nfd));
            let asked = record.choose().unwrap();
            let chars: Vec<char> = pw.chars().collect();
            // Each asked character sent decomposed, as the API's parser takes it.
            let typed: BTreeMap<u8, char> = asked.as_slice().iter().map(|&p| {
                let c = chars[usize::from(p) - 1];
                let decomposed: String = c.to_string().nfd().collect();
                (p, super::super::normalize_typed_char(&decomposed).unwrap())
            }).collect();
            prop_assert!(verify_chars(&keys, &uid(), &record, &asked, &tc(&typed), &mut mem()).unwrap());
        }

        #[test]
        fn masking_off_checks_the_whole_password(
            pw in password(),
            which in any::<prop::sample::Index>(),
        ) {
            let record = enrolled(&pw, 8);
            let keys = keys();
            prop_assert!(verify_whole(&keys, &uid(), &record, &pw, &mut mem()).unwrap());
            let mut chars: Vec<char> = pw.chars().collect();
            let i = which.index(chars.len());
            chars[i] = other_char(chars[i]);
            let changed: String = chars.iter().collect();
            prop_assert!(!verify_whole(&keys, &uid(), &record, &changed, &mut mem()).unwrap());
            let longer = format!("{pw}x");
            prop_assert!(!verify_whole(&keys, &uid(), &record, &longer, &mut mem()).unwrap());
        }

        #[test]
        fn verify_never_panics_on_junk_records(
            length in any::<u8>(),
            threshold in any::<u8>(),
            salt in proptest::collection::vec(any::<u8>(), 0..20),
            subsets in proptest::collection::vec(any::<u8>(), 0..300),
            typed in "\\PC{0,12}",
        ) {
            let record = SubsetRecord {
                length, threshold, salt, subsets,
                key_id: keys().current().id().to_owned(),
                whole_hash: "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA".into(),
            };
            let asked = record.choose().unwrap_or_else(|| Positions::choose(length.min(32), threshold));
            let typed_map: BTreeMap<u8, char> =
                asked.as_slice().iter().copied().zip(typed.chars().cycle()).collect();
            prop_assert!(!verify_chars(&keys(), &uid(), &record, &asked, &tc(&typed_map), &mut mem()).unwrap_or(false));
            prop_assert!(!verify_whole(&keys(), &uid(), &record, &typed, &mut mem()).unwrap_or(false));
        }
    }
}
