//! What one row of a phone-number migration does (issue: batch migrations).
//!
//! Pure decision, applied by the store inside the batch's transaction: a row with an
//! `expected_phone` is a compare-and-set (change only if the current number is that
//! one), and setting the number a user already has is `unchanged` (checked first) —
//! which is what makes re-running a whole file harmless.

use serde::{Deserialize, Serialize};

use super::phone::PhoneNumber;

/// The outcome of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RowOutcome {
    /// Changed (or, in a dry run, would be).
    Updated,
    /// Already had this number.
    Unchanged,
    NotFound,
    Forbidden,
    /// The current number is not the expected one, or the user is twice in the batch.
    Conflict,
    /// The row itself is malformed (MilleKod, login or phone).
    Invalid,
}

impl RowOutcome {
    pub const ALL: [Self; 6] = [
        Self::Updated,
        Self::Unchanged,
        Self::NotFound,
        Self::Forbidden,
        Self::Conflict,
        Self::Invalid,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Updated => "updated",
            Self::Unchanged => "unchanged",
            Self::NotFound => "not_found",
            Self::Forbidden => "forbidden",
            Self::Conflict => "conflict",
            Self::Invalid => "invalid",
        }
    }
}

/// Decide a row for a user whose current number is `current`.
pub fn decide(
    current: Option<&PhoneNumber>,
    new: &PhoneNumber,
    expected: Option<&PhoneNumber>,
) -> RowOutcome {
    // Already there: re-running a finished row (compare-and-set or not) is harmless.
    if current == Some(new) {
        return RowOutcome::Unchanged;
    }
    match expected {
        Some(expected) if current != Some(expected) => RowOutcome::Conflict,
        _ => RowOutcome::Updated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phone(text: &str) -> PhoneNumber {
        PhoneNumber::parse(text).unwrap()
    }

    #[test]
    fn same_number_is_unchanged_and_another_is_updated() {
        let (a, b) = (phone("+48601234567"), phone("+48602345678"));
        assert_eq!(decide(Some(&a), &a, None), RowOutcome::Unchanged);
        assert_eq!(decide(Some(&a), &b, None), RowOutcome::Updated);
        assert_eq!(decide(None, &b, None), RowOutcome::Updated);
    }

    #[test]
    fn compare_and_set_needs_the_expected_current_number() {
        let (a, b, c) = (
            phone("+48601234567"),
            phone("+48602345678"),
            phone("+48603456789"),
        );
        assert_eq!(decide(Some(&a), &b, Some(&a)), RowOutcome::Updated);
        assert_eq!(decide(Some(&c), &b, Some(&a)), RowOutcome::Conflict);
        assert_eq!(decide(None, &b, Some(&a)), RowOutcome::Conflict);
        // Re-running a finished compare-and-set row finds the target already there.
        assert_eq!(decide(Some(&b), &b, Some(&a)), RowOutcome::Unchanged);
    }
}
