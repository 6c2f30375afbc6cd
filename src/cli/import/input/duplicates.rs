//! Duplicate users (one change per user and file) in memory that does not grow with
//! the file: a fixed-size Bloom filter marks candidates while the rows are checked,
//! and a second pass over the spool confirms them exactly.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io;

use super::spool::SpoolReader;

/// Words of the duplicate filter: 8 MiB, 2^26 bits.
const BLOOM_WORDS: usize = 1 << 20;
/// Bits set and tested per row. With 2^26 bits: about 2 false candidates in 1,000,000
/// rows, a few percent of rows at 10,000,000; each is checked exactly in a second pass.
const BLOOM_PROBES: u64 = 4;

pub(super) fn user_key(millekod: &str, login: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    (millekod, login).hash(&mut hasher);
    hasher.finish()
}

/// A fixed-size Bloom filter over the 64-bit user keys, probed by double hashing of
/// the key's halves. (The `bloomfilter` crate hashes every item twice more with SipHash
/// and was a tenth of the check's time.)
pub(super) struct Bloom {
    bits: Vec<u64>,
}

impl Bloom {
    pub(super) fn new() -> Self {
        Bloom {
            bits: vec![0; BLOOM_WORDS],
        }
    }

    /// Set the key's bits; true when they were all set already (maybe seen before).
    pub(super) fn check_and_set(&mut self, key: &u64) -> bool {
        let bits = (BLOOM_WORDS * 64) as u64;
        let (h1, h2) = (*key & 0xffff_ffff, (*key >> 32) | 1);
        let mut seen = true;
        for i in 0..BLOOM_PROBES {
            let bit = h1.wrapping_add(i.wrapping_mul(h2)) % bits;
            let (word, mask) = ((bit / 64) as usize, 1u64 << (bit % 64));
            seen &= self.bits[word] & mask != 0;
            self.bits[word] |= mask;
        }
        seen
    }
}

/// Exact duplicates among the Bloom filter's candidates: (line, line of its first).
pub(super) fn duplicates(spool: &File, candidates: &HashSet<u64>) -> io::Result<Vec<(u64, u64)>> {
    let reader = SpoolReader::new(spool)?;
    let mut first: HashMap<(String, String), u64> = HashMap::new();
    let mut found = Vec::new();
    for row in reader {
        let row = row?;
        if !candidates.contains(&user_key(&row.millekod, &row.login)) {
            continue;
        }
        match first.entry((row.millekod, row.login)) {
            std::collections::hash_map::Entry::Occupied(at) => found.push((row.line, *at.get())),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(row.line);
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_never_misses_a_duplicate_and_rarely_cries_wolf() {
        let mut bloom = Bloom::new();
        let keys: Vec<u64> = (0..200_000u64)
            .map(|n| user_key("20000000", &format!("u{n}")))
            .collect();
        let false_alarms = keys.iter().filter(|k| bloom.check_and_set(k)).count();
        assert!(false_alarms < 5, "{false_alarms} false candidates");
        assert!(
            keys.iter().all(|k| bloom.check_and_set(k)),
            "a key seen before was missed"
        );
    }
}
