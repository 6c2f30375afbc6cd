//! The meet-in-the-middle attack on the old scheme, as code (tests only): with the
//! database and the pepper's subkey, the password of an old record falls without a
//! single Argon2 run. The module docs of `shamir` explain it; this proves it, and the
//! same function can be pointed at any other scheme's record converted to this shape.
//!
//! No Argon2 is reachable from here: the function gets no `Argon2Memory` and calls
//! nothing that takes one, and the tests count the runs of `shamir` to be sure.

use std::collections::HashMap;

use super::{gf256, is_well_formed, mask, MaskedPasswordRecord, SHARE_LEN};
use crate::domain::pepper::SubKey;

/// Most sums the larger half of the search may compute before the attack gives up
/// (None), so a junk threshold cannot make it run for hours: 95^4 fits (k = 6 over
/// printable ASCII), 20^7 does not.
const MAX_LOOKUPS: usize = 1 << 27;

type Block = [u8; SHARE_LEN];

/// Recover the whole password of `record` from the masked shares and `key`, for a
/// password whose characters all lie in `alphabet`. None when the record is malformed,
/// its threshold leaves no redundant share (k ≥ n), a character is outside the
/// alphabet, the search would be too large, or nothing is consistent (another key,
/// another scheme, junk).
pub(crate) fn meet_in_the_middle(
    key: &SubKey,
    record: &MaskedPasswordRecord,
    alphabet: &[char],
) -> Option<String> {
    let mut alphabet = alphabet.to_vec();
    alphabet.sort_unstable();
    alphabet.dedup();
    let (n, k) = (usize::from(record.length), usize::from(record.threshold));
    if !is_well_formed(record) || alphabet.is_empty() || k >= n {
        return None;
    }
    let left_len = k.div_ceil(2);
    let right_len = k + 1 - left_len;
    if alphabet.len().checked_pow(u32::try_from(right_len).ok()?)? > MAX_LOOKUPS {
        return None;
    }

    // 1. Every candidate share: `candidates[p - 1][c]` is position p's share if its
    //    character is alphabet[c]. One HMAC each, |alphabet|·n in all.
    let candidates: Vec<Vec<Block>> = record
        .masked_shares
        .chunks(SHARE_LEN)
        .zip(1..=record.length)
        .map(|(masked, position)| {
            alphabet
                .iter()
                .map(|&ch| xor(masked, mask(key, &record.salt, position, ch).as_slice()))
                .collect()
        })
        .collect();

    // 2. Positions 1..=k+1 lie on a polynomial of degree k - 1, so its x^k coefficient,
    //    Σ yᵢ / Π_{j≠i}(xᵢ - xⱼ), is 0: one linear relation Σ wᵢ·yᵢ = 0.
    let xs: Vec<u8> = (1..=record.threshold + 1).collect();
    let weights: Vec<u8> = xs
        .iter()
        .map(|&xi| {
            let denominator = xs
                .iter()
                .filter(|&&xj| xj != xi)
                .fold(1, |d, &xj| gf256::mul(d, xi ^ xj));
            gf256::inv(denominator)
        })
        .collect();
    let weighted: Vec<Vec<Block>> = weights
        .iter()
        .zip(&candidates)
        .map(|(&w, shares)| shares.iter().map(|y| scale(w, y)).collect())
        .collect();

    // 3. Meet in the middle: Σ_left wᵢ·yᵢ = Σ_right wᵢ·yᵢ (addition is XOR).
    let mut table: HashMap<Block, Vec<Vec<usize>>> = HashMap::new();
    for combo in Combos::new(alphabet.len(), left_len) {
        let sum = sum_of(&weighted[..left_len], &combo);
        table.entry(sum).or_default().push(combo);
    }
    for right in Combos::new(alphabet.len(), right_len) {
        let Some(lefts) = table.get(&sum_of(&weighted[left_len..], &right)) else {
            continue;
        };
        for left in lefts {
            let first: Vec<usize> = left.iter().chain(&right).copied().collect();
            if let Some(password) = extend(&candidates, &alphabet, &first[..k]) {
                return Some(password);
            }
        }
    }
    None
}

/// 4. The polynomial through the first k characters' shares gives every position's
///    share; each must be the candidate of exactly one character.
fn extend(candidates: &[Vec<Block>], alphabet: &[char], first: &[usize]) -> Option<String> {
    let xs: Vec<u8> = (1..=u8::try_from(first.len()).ok()?).collect();
    let mut password = String::new();
    for (position, shares) in (1..=u8::try_from(candidates.len()).ok()?).zip(candidates) {
        let weights = gf256::weights_at(&xs, position)?;
        let mut expected = [0u8; SHARE_LEN];
        for ((&w, &c), known) in weights.iter().zip(first).zip(candidates) {
            expected = xor(&expected, &scale(w, &known[c]));
        }
        let found = shares.iter().position(|y| *y == expected)?;
        password.push(alphabet[found]);
    }
    Some(password)
}

fn xor(a: &[u8], b: &[u8]) -> Block {
    let mut out = [0u8; SHARE_LEN];
    for ((o, x), y) in out.iter_mut().zip(a).zip(b) {
        *o = x ^ y;
    }
    out
}

fn scale(w: u8, y: &Block) -> Block {
    y.map(|byte| gf256::mul(w, byte))
}

fn sum_of(weighted: &[Vec<Block>], combo: &[usize]) -> Block {
    weighted
        .iter()
        .zip(combo)
        .fold([0u8; SHARE_LEN], |sum, (shares, &c)| xor(&sum, &shares[c]))
}

/// Every tuple of `len` indices below `base`, as an odometer.
struct Combos {
    base: usize,
    next: Option<Vec<usize>>,
}

impl Combos {
    fn new(base: usize, len: usize) -> Self {
        let next = (base > 0).then(|| vec![0; len]);
        Self { base, next }
    }
}

impl Iterator for Combos {
    type Item = Vec<usize>;

    fn next(&mut self) -> Option<Vec<usize>> {
        let current = self.next.take()?;
        let mut following = current.clone();
        for digit in following.iter_mut() {
            *digit += 1;
            if *digit < self.base {
                self.next = Some(following);
                return Some(current);
            }
            *digit = 0;
        }
        // Every digit wrapped: `current` was the last tuple.
        Some(current)
    }
}
