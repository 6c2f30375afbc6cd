//! Pure rules of the bank's login: identifiers, names and reasons, masked passwords,
//! one-time codes, the vendor's token inventories, phone numbers, lockout and who may do what. No I/O and no async live here, so every rule
//! is unit- and property-tested on its own.

pub mod approval;
pub mod audit;
pub mod display_text;
pub mod ids;
pub mod lockout;
pub mod login_attempt;
pub mod login_start;
pub mod masked_password;
pub mod next_steps;
pub mod otp;
pub mod pepper;
pub mod phone;
pub mod phone_change;
pub mod policy;
pub mod pskc;
pub mod search;
pub mod secret_box;
pub mod temporary_password;
pub mod transport_key;
pub mod user;

/// Echo at most the first `max` characters of hostile input back in a message.
pub(crate) fn shorten(input: &str, max: usize) -> String {
    match input.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &input[..cut]),
        None => input.to_owned(),
    }
}
