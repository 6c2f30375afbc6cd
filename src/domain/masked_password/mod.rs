//! Masked passwords (R3): at login the user types only the characters at k chosen
//! positions, and the server checks them without holding the password.
//!
//! Two schemes, told apart by each stored record:
//! * [`subsets`] — every record made since issue 13: one Argon2id tag per stored
//!   subset of positions, so that even a thief holding the database *and* every key
//!   must pay |alphabet|^k slow hashes per user (the arithmetic is in its docs);
//! * [`shamir`] — the records made before: Shamir shares masked by the pepper. They
//!   keep working, and move to the new scheme at the user's next password change; the
//!   server counts them at start, and HelpDesk can require a change
//!   (`millectl user require-password-change`). With the pepper, they fall in a second.
//!
//! The key that masks a record may live in this process (the pepper's subkey) or in a
//! PKCS#11 token; see [`key`].

mod gf256;
pub mod key;
mod positions;
pub mod shamir;
pub mod subsets;
mod text;

pub use key::{MaskKey, MaskKeyError, MaskKeys, PepperMaskKey};
pub use positions::{threshold_for_len, Positions, PositionsError};
pub use shamir::SharedSecret;
pub use subsets::{SubsetRecord, DEFAULT_SUBSETS, SUBSETS_RANGE};
pub use text::{
    normalize_char, normalize_typed, normalize_typed_char, Password, PasswordPolicyError,
    TypedChars, MAX_LEN, MIN_LEN,
};

use crate::domain::ids::UserUid;
use crate::domain::temporary_password::Argon2Memory;

/// A stored masked password, under either scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordRecord {
    /// Made before issue 13; keyed by the pepper.
    Shamir(shamir::MaskedPasswordRecord),
    Subsets(SubsetRecord),
}

/// Which scheme a record uses, as stored (`users.pw_scheme`) and reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Shamir = 1,
    Subsets = 2,
}

impl PasswordRecord {
    pub fn scheme(&self) -> Scheme {
        match self {
            Self::Shamir(_) => Scheme::Shamir,
            Self::Subsets(_) => Scheme::Subsets,
        }
    }

    /// Characters in the password.
    pub fn length(&self) -> u8 {
        match self {
            Self::Shamir(record) => record.length,
            Self::Subsets(record) => record.length,
        }
    }

    /// The positions a new challenge asks: any k-subset under the old scheme, one of
    /// the stored ones under the new (a malformed record, which no answer passes,
    /// gets k positions drawn as the old scheme would).
    pub fn choose_positions(&self) -> Positions {
        match self {
            Self::Shamir(record) => Positions::choose(record.length, record.threshold),
            Self::Subsets(record) => record
                .choose()
                .unwrap_or_else(|| Positions::choose(record.length.min(32), record.threshold)),
        }
    }
}

/// Build the record of a new password, under the new scheme with the current key: m + 1
/// Argon2id runs.
pub fn enroll(
    keys: &MaskKeys,
    uid: &UserUid,
    password: &Password,
    subsets: usize,
    memory: &mut Argon2Memory,
) -> Result<PasswordRecord, MaskKeyError> {
    subsets::enroll(keys.current(), uid, password, subsets, memory).map(PasswordRecord::Subsets)
}

/// Check the characters typed at the asked positions: one Argon2id run. An error only
/// when the record's key cannot compute (not a wrong password).
pub fn verify_chars(
    keys: &MaskKeys,
    uid: &UserUid,
    record: &PasswordRecord,
    asked: &Positions,
    typed: &TypedChars,
    memory: &mut Argon2Memory,
) -> Result<bool, MaskKeyError> {
    match record {
        // The old scheme compares characters as typed (its policy let singletons such
        // as U+212B through, which NFC would change); the new one compares NFC.
        PasswordRecord::Shamir(record) => Ok(shamir::verify_chars(
            keys.pepper().subkey(),
            record,
            asked,
            typed.as_map(),
            memory,
        )),
        PasswordRecord::Subsets(record) => {
            subsets::verify_chars(keys, uid, record, asked, typed, memory)
        }
    }
}

/// Check the whole password (masking off): one Argon2id run.
pub fn verify_whole(
    keys: &MaskKeys,
    uid: &UserUid,
    record: &PasswordRecord,
    typed: &str,
    memory: &mut Argon2Memory,
) -> Result<bool, MaskKeyError> {
    match record {
        PasswordRecord::Shamir(record) => Ok(shamir::verify_whole(
            keys.pepper().subkey(),
            record,
            typed,
            memory,
        )),
        PasswordRecord::Subsets(record) => {
            subsets::verify_whole(keys, uid, record, &normalize_typed(typed), memory)
        }
    }
}

/// Spend the work of one verification (a MAC with the current key and one Argon2id),
/// for unknown users and every refusal, so timing does not tell whether a user exists.
pub fn dummy_verify(keys: &MaskKeys, memory: &mut Argon2Memory) {
    subsets::dummy_verify(keys, memory);
}
