//! Which positions of a password a challenge asks for, and their stored form.

use rand::rngs::OsRng;

use super::MAX_LEN;

/// How many positions are asked for a password of this length: clamp(len / 3, 3, 6).
pub fn threshold_for_len(len: usize) -> u8 {
    match len / 3 {
        0..=3 => 3,
        4 => 4,
        5 => 5,
        _ => 6,
    }
}

/// Why a stored list of positions was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PositionsError {
    #[error("list of positions is empty")]
    Empty,
    #[error("list of positions is too long")]
    TooLong,
    #[error("position {0:?} is not a number from 1 to {MAX_LEN}")]
    NotANumber(String),
    #[error("position {position} is outside 1..={length}")]
    OutOfRange { position: u8, length: u8 },
    #[error("positions must be distinct and in ascending order")]
    NotAscending,
}

/// A set of distinct 1-based positions, sorted ascending, each in 1..=length.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Positions(pub(super) Vec<u8>);

impl Positions {
    /// A uniformly random `threshold`-subset of 1..=length, sorted. A threshold above
    /// the length is clamped to it.
    pub fn choose(length: u8, threshold: u8) -> Positions {
        Self::choose_with(&mut OsRng, length, threshold)
    }

    /// As [`Positions::choose`], from the given source of randomness (the seeded,
    /// stable draws of a decoy).
    pub fn choose_with(rng: &mut impl rand::Rng, length: u8, threshold: u8) -> Positions {
        let amount = threshold.min(length);
        let mut chosen: Vec<u8> =
            rand::seq::index::sample(rng, usize::from(length), usize::from(amount))
                .into_iter()
                .filter_map(|index| u8::try_from(index + 1).ok())
                .collect();
        chosen.sort_unstable();
        Positions(chosen)
    }

    /// Parse the stored form, e.g. `"2,5,7"`: no spaces, no leading zeros, strictly
    /// ascending, each within 1..=length.
    pub fn parse_list(text: &str, length: u8) -> Result<Positions, PositionsError> {
        // "1,2,...,32" is 86 bytes; anything longer cannot be a valid list.
        const MAX_TEXT: usize = 9 + 2 * (MAX_LEN - 9) + (MAX_LEN - 1);
        if text.is_empty() {
            return Err(PositionsError::Empty);
        }
        if text.len() > MAX_TEXT {
            return Err(PositionsError::TooLong);
        }
        let mut positions: Vec<u8> = Vec::new();
        for part in text.split(',') {
            let canonical = (1..=2).contains(&part.len())
                && part.bytes().all(|b| b.is_ascii_digit())
                && !part.starts_with('0');
            let position = match part.parse::<u8>() {
                Ok(position) if canonical => position,
                _ => return Err(PositionsError::NotANumber(part.chars().take(8).collect())),
            };
            if position > length {
                return Err(PositionsError::OutOfRange { position, length });
            }
            if positions.last().is_some_and(|&last| position <= last) {
                return Err(PositionsError::NotAscending);
            }
            positions.push(position);
        }
        Ok(Positions(positions))
    }

    /// The stored form, e.g. `"2,5,7"`.
    pub fn to_list(&self) -> String {
        let parts: Vec<String> = self.0.iter().map(u8::to_string).collect();
        parts.join(",")
    }

    pub fn as_slice(&self) -> &[u8] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threshold_grows_with_length() {
        let expected = [(8, 3), (11, 3), (12, 4), (15, 5), (17, 5), (18, 6), (32, 6)];
        for (len, k) in expected {
            assert_eq!(threshold_for_len(len), k, "len {len}");
        }
        assert_eq!(threshold_for_len(0), 3);
        assert_eq!(threshold_for_len(usize::MAX), 6);
    }

    #[test]
    fn choose_gives_sorted_distinct_in_range_and_covers_all() {
        let mut seen = [false; 12];
        for _ in 0..300 {
            let chosen = Positions::choose(12, 4);
            let list = chosen.as_slice();
            assert_eq!(list.len(), 4);
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
            assert!(list.iter().all(|&p| (1..=12).contains(&p)), "{list:?}");
            list.iter().for_each(|&p| seen[usize::from(p) - 1] = true);
            assert_eq!(Positions::parse_list(&chosen.to_list(), 12), Ok(chosen));
        }
        assert!(
            seen.iter().all(|&s| s),
            "some position never asked: {seen:?}"
        );
        assert_eq!(Positions::choose(2, 6).as_slice(), &[1, 2]);
        assert!(Positions::choose(0, 3).as_slice().is_empty());
    }

    #[test]
    fn parse_list_accepts_the_stored_form() {
        let parsed = Positions::parse_list("2,5,7", 8).unwrap();
        assert_eq!(parsed.as_slice(), &[2, 5, 7]);
        assert_eq!(parsed.to_list(), "2,5,7");
        assert!(Positions::parse_list("1,32", 32).is_ok());
        let all: Vec<String> = (1..=32).map(|p| p.to_string()).collect();
        assert!(Positions::parse_list(&all.join(","), 32).is_ok());
    }

    #[test]
    fn parse_list_refuses_hostile_strings() {
        let huge = "1,".repeat(100_000);
        let hostile = [
            "0",
            "33",
            "2,2",
            "5,2",
            "a",
            "",
            " 2",
            "2, 5",
            "2,,5",
            ",2",
            "2,",
            "02",
            "+2",
            "-1",
            "2;5",
            "٢",
            "1e1",
            "255",
            "256",
            "99999999999999999999",
            &huge,
        ];
        for text in hostile {
            assert!(
                Positions::parse_list(text, 32).is_err(),
                "{text:?} accepted"
            );
        }
        assert_eq!(
            Positions::parse_list("9", 8),
            Err(PositionsError::OutOfRange {
                position: 9,
                length: 8
            })
        );
        assert_eq!(
            Positions::parse_list("5,2", 8),
            Err(PositionsError::NotAscending)
        );
        let msg = Positions::parse_list(&"7".repeat(80), 8)
            .unwrap_err()
            .to_string();
        assert!(msg.len() < 80, "{msg}");
    }
}
