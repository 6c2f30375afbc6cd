//! Temporary passwords (R2, R6, R10): the one from a sealed envelope, or the one-time
//! access password sent after "unblock new password". They are typed whole, once or a
//! few times, so they are stored like any password: an Argon2id PHC string.
//!
//! Generated ones use an alphabet without look-alikes (no 0/O, 1/l/I) because people
//! copy them from paper or an SMS onto a keyboard; 12 characters of 57 symbols give
//! about 70 bits, plenty for a secret that is also guarded by the lockout (R7).
//!
//! This file also owns the crate's Argon2id settings, shared with the masked password
//! scheme: OWASP's minimum for Argon2id (m = 19 MiB, t = 2, p = 1), which is also the
//! `argon2` crate's default. Unit tests swap in tiny parameters so they stay fast;
//! verification always reads the parameters from the PHC string, so a hash made under
//! one setting verifies under the other.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::rngs::OsRng;
use rand::Rng;
use secrecy::SecretString;

/// Characters of a generated temporary password.
pub const GENERATED_LEN: usize = 12;
/// Letters and digits without the ambiguous 0, O, 1, l and I.
const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/// OWASP Password Storage Cheat Sheet, Argon2id minimum: 19 MiB, 2 passes, 1 lane.
const OWASP_M_COST_KIB: u32 = 19_456;
const OWASP_T_COST: u32 = 2;
const OWASP_P_COST: u32 = 1;

// Production uses `Params::DEFAULT`; refuse to build if a new `argon2` ever changes it.
const _: () = assert!(
    Params::DEFAULT_M_COST == OWASP_M_COST_KIB
        && Params::DEFAULT_T_COST == OWASP_T_COST
        && Params::DEFAULT_P_COST == OWASP_P_COST
);

/// Ceilings on parameters read back from the database, far above what we write.
const MAX_M_COST_KIB: u32 = 256 * 1024;
const MAX_T_COST: u32 = 16;

/// The Argon2id instance every new hash is made with.
pub(crate) fn argon2id() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, argon2_params())
}

#[cfg(not(test))]
fn argon2_params() -> Params {
    // Exactly the OWASP setting: see the compile-time assertion above.
    Params::DEFAULT
}

/// Tiny parameters so the many hashes unit tests make run in milliseconds.
#[cfg(test)]
fn argon2_params() -> Params {
    Params::new(64, 1, 1, None).expect("valid test params")
}

/// Argon2id PHC string of `secret` with a fresh random salt.
///
/// # Panics
/// Never in practice: the parameters are constants the crate accepts and the salt is
/// generated at the right length; argon2 only refuses inputs over 4 GiB.
pub(crate) fn argon2id_hash(secret: &[u8]) -> String {
    let salt = SaltString::generate(&mut OsRng);
    match argon2id().hash_password(secret, &salt) {
        Ok(phc) => phc.to_string(),
        Err(err) => panic!("argon2id refused constant parameters: {err}"),
    }
}

/// Does `secret` match the PHC string? False for a malformed or non-Argon2 string.
/// The final comparison inside `argon2` is constant-time.
pub(crate) fn argon2id_verify(phc: &str, secret: &[u8]) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    if parsed.algorithm != Algorithm::Argon2id.ident() {
        return false;
    }
    // A corrupt row must not make us allocate terabytes or spin for hours.
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    if params.m_cost() > MAX_M_COST_KIB || params.t_cost() > MAX_T_COST || params.p_cost() > 8 {
        return false;
    }
    // The verifier takes its cost parameters from the PHC string, not from `argon2id()`.
    argon2id().verify_password(secret, &parsed).is_ok()
}

/// Spend the time of one verification without checking anything, so callers can make
/// "no such user" as slow as "wrong password".
pub(crate) fn argon2id_burn() {
    let mut out = [0u8; 32];
    // Ignoring the result is fine: only the time spent matters.
    let _ = argon2id().hash_password_into(b"no such user", b"millectl-dummy-salt", &mut out);
}

/// A fresh temporary password: 12 characters from an unambiguous alphabet with at
/// least one letter and one digit, drawn from the OS CSPRNG.
pub fn generate() -> SecretString {
    loop {
        let mut text = String::with_capacity(GENERATED_LEN);
        for _ in 0..GENERATED_LEN {
            let index = OsRng.gen_range(0..ALPHABET.len());
            text.push(char::from(ALPHABET[index]));
        }
        // Rejection sampling keeps the result uniform over the acceptable passwords.
        let has_letter = text.bytes().any(|b| b.is_ascii_alphabetic());
        let has_digit = text.bytes().any(|b| b.is_ascii_digit());
        let candidate = SecretString::from(text);
        if has_letter && has_digit {
            return candidate;
        }
    }
}

/// Argon2id PHC string of a temporary password, for the database.
pub fn hash(password: &str) -> String {
    argon2id_hash(password.as_bytes())
}

/// Does `typed` match the stored PHC string? False on a malformed string.
pub fn verify(phc: &str, typed: &str) -> bool {
    argon2id_verify(phc, typed.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use secrecy::ExposeSecret;

    #[test]
    fn production_params_are_owasp() {
        assert_eq!(Params::DEFAULT.m_cost(), OWASP_M_COST_KIB);
        assert_eq!(Params::DEFAULT.t_cost(), OWASP_T_COST);
        assert_eq!(Params::DEFAULT.p_cost(), OWASP_P_COST);
    }

    #[test]
    fn owasp_hash_verifies_under_test_settings() {
        // A hash made with the production parameters, as the database would hold it.
        let salt = SaltString::generate(&mut OsRng);
        let phc = Argon2::default()
            .hash_password(b"Koperta-2024", &salt)
            .unwrap()
            .to_string();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify(&phc, "Koperta-2024"));
        assert!(!verify(&phc, "Koperta-2025"));
    }

    #[test]
    fn generated_passwords_follow_the_rules() {
        for _ in 0..200 {
            let pw = generate();
            let text = pw.expose_secret();
            assert_eq!(text.chars().count(), GENERATED_LEN);
            assert!(text.bytes().all(|b| ALPHABET.contains(&b)), "{text}");
            assert!(!text.contains(['0', 'O', '1', 'l', 'I']), "{text}");
            assert!(text.bytes().any(|b| b.is_ascii_alphabetic()), "{text}");
            assert!(text.bytes().any(|b| b.is_ascii_digit()), "{text}");
        }
        assert_ne!(generate().expose_secret(), generate().expose_secret());
    }

    #[test]
    fn hash_then_verify() {
        let phc = hash("Abc23456defg");
        assert!(phc.starts_with("$argon2id$"), "{phc}");
        assert!(verify(&phc, "Abc23456defg"));
        assert!(!verify(&phc, "Abc23456defh"));
        assert!(!verify(&phc, ""));
        assert_ne!(hash("same"), hash("same"), "salts must differ");
    }

    #[test]
    fn malformed_or_foreign_phc_is_false() {
        for phc in [
            "",
            "not a hash",
            "$argon2id$",
            "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$",
            "$2b$12$abcdefghijklmnopqrstuuJ8o7Hh3rbJrYcPpbyGWCf7p6eQqJg2e",
            // Well-formed but absurd cost: refused before any work is done.
            "$argon2id$v=19$m=4294967295,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA",
            "$argon2id$v=19$m=64,t=4294967295,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA",
        ] {
            assert!(!verify(phc, "password1"), "{phc:?}");
        }
        // A well-formed Argon2i (not -id) hash is refused too.
        let argon2i = Argon2::new(Algorithm::Argon2i, Version::V0x13, argon2_params())
            .hash_password(b"password1", &SaltString::generate(&mut OsRng))
            .unwrap()
            .to_string();
        assert!(!verify(&argon2i, "password1"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        #[test]
        fn verify_never_panics(phc in "\\PC{0,120}", typed in "\\PC{0,20}") {
            let _ = verify(&phc, &typed);
        }
    }
}
