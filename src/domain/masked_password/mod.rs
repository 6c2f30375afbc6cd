//! Masked passwords (R3): at login the user types only the characters at k chosen
//! positions, and the server checks them without holding the password.

pub mod key;
mod positions;
pub mod shamir;
mod text;

pub use key::{MaskKey, MaskKeyError, MaskKeys, PepperMaskKey};
pub use positions::{threshold_for_len, Positions, PositionsError};
pub use shamir::{
    dummy_verify, enroll, enroll_shared, verify_chars, verify_whole, MaskedPasswordRecord,
    SharedSecret, SUBKEY_LABEL,
};
pub use text::{Password, PasswordPolicyError, MAX_LEN, MIN_LEN};
