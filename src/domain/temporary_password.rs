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
//!
//! Every run works in an [`Argon2Memory`] the caller lends, instead of the 19 MiB the
//! `argon2` crate would allocate and free on each call: freed blocks of that size stay
//! in glibc's per-thread arenas, and a server that hashed on many threads at once kept
//! gigabytes it no longer used (issue 12). The server makes one per permit of its
//! hash gate (`server::hash_gate`) and reuses it; the strings made and accepted are
//! those of `argon2`'s `PasswordHasher` / `PasswordVerifier`, byte for byte (tested).

use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use rand::rngs::OsRng;
use rand::Rng;
use secrecy::SecretString;
use zeroize::{Zeroize, Zeroizing};

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

/// The working memory of one Argon2id run: [`Params::block_count`] blocks of 1 KiB
/// (19 MiB with the OWASP parameters). Lent to one run at a time (`&mut`), and reused.
pub struct Argon2Memory(Vec<Block>);

impl Argon2Memory {
    /// Memory for a run with the parameters new hashes are made with (and every hash
    /// this server stored).
    #[allow(clippy::new_without_default)] // an allocation of 19 MiB is no default
    pub fn new() -> Self {
        Self(vec![Block::default(); argon2_params().block_count()])
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.0.len() * Block::SIZE
    }

    /// Where the blocks are: tests show that a memory is reused, not made anew.
    #[cfg(test)]
    pub(crate) fn address(&self) -> usize {
        self.0.as_ptr() as usize
    }

    /// Blocks for a run with `params`: these, or, for a stored hash made with more
    /// memory than ours (none is, unless the parameters are raised one day), blocks
    /// allocated for this one run — never a permanent growth of this memory.
    ///
    /// What the blocks hold after a run is a function of the secret. With two or more
    /// passes (ours: t = 2) every block left was rewritten by the last pass, so testing
    /// a guess against them costs at least a whole first pass — half an Argon2 run —
    /// and they are left as they are: wiping 19 MiB after each login would cost about
    /// a tenth of the login rate (`cargo bench --bench throughput`). After a single
    /// pass (a stored hash with t = 1, none of ours) the first blocks of each lane
    /// cost one BLAKE2b to recompute from a guess, so those runs are wiped.
    fn run_with<T>(&mut self, params: &Params, run: impl FnOnce(&mut [Block]) -> T) -> T {
        let needed = params.block_count();
        let single_pass = params.t_cost() < 2;
        let wiped_run = |blocks: &mut [Block]| {
            let result = run(blocks);
            if single_pass {
                blocks.iter_mut().for_each(Zeroize::zeroize);
            }
            result
        };
        match self.0.get_mut(..needed) {
            Some(blocks) => wiped_run(blocks),
            None => wiped_run(&mut vec![Block::default(); needed]),
        }
    }
}

impl std::fmt::Debug for Argon2Memory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Argon2Memory({} KiB)", self.bytes() / 1024)
    }
}

/// Argon2id PHC string of `secret` with a fresh random salt.
pub(crate) fn argon2id_hash(secret: &[u8], memory: &mut Argon2Memory) -> String {
    argon2id_hash_with_salt(secret, &SaltString::generate(&mut OsRng), memory)
}

/// What `argon2`'s `PasswordHasher::hash_password` makes, in the caller's memory.
///
/// # Panics
/// Never in practice: the parameters are constants the crate accepts and the salt is
/// generated at the right length; argon2 only refuses inputs over 4 GiB.
pub(crate) fn argon2id_hash_with_salt(
    secret: &[u8],
    salt: &SaltString,
    memory: &mut Argon2Memory,
) -> String {
    let params = argon2_params();
    let phc = argon2id_output(secret, salt.as_salt(), &params, Version::V0x13, memory).and_then(
        |output| {
            Ok(PasswordHash {
                algorithm: Algorithm::Argon2id.ident(),
                version: Some(Version::V0x13.into()),
                params: ParamsString::try_from(&params)?,
                salt: Some(salt.as_salt()),
                hash: Some(output),
            }
            .to_string())
        },
    );
    match phc {
        Ok(phc) => phc,
        Err(err) => panic!("argon2id refused constant parameters: {err}"),
    }
}

/// The raw Argon2id output for a PHC salt, as `argon2`'s `PasswordHasher` computes it:
/// the salt's Base64 decoded, the output as long as the parameters say (32 by default).
fn argon2id_output(
    secret: &[u8],
    salt: argon2::password_hash::Salt<'_>,
    params: &Params,
    version: Version,
    memory: &mut Argon2Memory,
) -> argon2::password_hash::Result<Output> {
    let mut salt_bytes = [0u8; 64];
    let salt_bytes = salt.decode_b64(&mut salt_bytes)?;
    let length = params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN);
    let argon2 = Argon2::new(Algorithm::Argon2id, version, params.clone());
    memory.run_with(params, |blocks| {
        Output::init_with(length, |out| {
            Ok(argon2.hash_password_into_with_memory(secret, salt_bytes, out, blocks)?)
        })
    })
}

/// Does `secret` match the PHC string? False for a malformed or non-Argon2 string.
/// The final comparison (of `Output`s) is constant-time.
pub(crate) fn argon2id_verify(phc: &str, secret: &[u8], memory: &mut Argon2Memory) -> bool {
    let Some((parsed, params, version)) = parse_phc(phc) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    match argon2id_output(secret, salt, &params, version, memory) {
        Ok(computed) => computed == expected,
        Err(_) => false,
    }
}

/// Argon2id of `secret` with the cost and version of the PHC string `like` but the
/// raw `salt` given: the tags of one masked-password record share its parameters and
/// differ in salt. None for a malformed string or an output other than 32 bytes.
pub(crate) fn argon2id_tag(
    like: &str,
    secret: &[u8],
    salt: &[u8],
    memory: &mut Argon2Memory,
) -> Option<Zeroizing<[u8; 32]>> {
    let (_, params, version) = parse_phc(like)?;
    let mut out = Zeroizing::new([0u8; 32]);
    if params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN) != out.len() {
        return None;
    }
    let argon2 = Argon2::new(Algorithm::Argon2id, version, params.clone());
    memory
        .run_with(&params, |blocks| {
            argon2.hash_password_into_with_memory(secret, salt, out.as_mut_slice(), blocks)
        })
        .ok()?;
    Some(out)
}

/// An Argon2id PHC string, its parameters within our bounds, and its version.
fn parse_phc(phc: &str) -> Option<(PasswordHash<'_>, Params, Version)> {
    let parsed = PasswordHash::new(phc).ok()?;
    if parsed.algorithm != Algorithm::Argon2id.ident() {
        return None;
    }
    // A corrupt row must not make us allocate terabytes or spin for hours.
    let params = Params::try_from(&parsed).ok()?;
    if params.m_cost() > MAX_M_COST_KIB || params.t_cost() > MAX_T_COST || params.p_cost() > 8 {
        return None;
    }
    // As `PasswordVerifier::verify_password`: cost, version and salt from the string.
    let version = parsed
        .version
        .map_or(Ok(Version::V0x13), Version::try_from)
        .ok()?;
    Some((parsed, params, version))
}

/// Spend the time of one verification without checking anything, so callers can make
/// "no such user" as slow as "wrong password".
pub(crate) fn argon2id_burn(memory: &mut Argon2Memory) {
    let mut out = [0u8; 32];
    let params = argon2_params();
    // Ignoring the result is fine: only the time spent matters.
    let _ = memory.run_with(&params, |blocks| {
        argon2id().hash_password_into_with_memory(
            b"no such user",
            b"millectl-dummy-salt",
            &mut out,
            blocks,
        )
    });
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

/// Argon2id PHC string of a temporary password, for the database. Slow: one Argon2id
/// run, in `memory`.
pub fn hash(password: &str, memory: &mut Argon2Memory) -> String {
    argon2id_hash(password.as_bytes(), memory)
}

/// Does `typed` match the stored PHC string? False on a malformed string. Slow: one
/// Argon2id run, in `memory`.
pub fn verify(phc: &str, typed: &str, memory: &mut Argon2Memory) -> bool {
    argon2id_verify(phc, typed.as_bytes(), memory)
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};
    use proptest::prelude::*;
    use secrecy::ExposeSecret;

    fn mem() -> Argon2Memory {
        Argon2Memory::new()
    }

    #[test]
    fn strings_are_those_of_the_argon2_crate_byte_for_byte() {
        let salt = SaltString::generate(&mut OsRng);
        let mut memory = mem();
        for secret in [&b"Koperta-2024"[..], b"", &[0xff; 64]] {
            let ours = argon2id_hash_with_salt(secret, &salt, &mut memory);
            let theirs = argon2id().hash_password(secret, &salt).unwrap().to_string();
            assert_eq!(ours, theirs);
            // And the crate's verifier accepts ours (and ours, the crate's).
            let parsed = PasswordHash::new(&ours).unwrap();
            assert!(argon2id().verify_password(secret, &parsed).is_ok());
            assert!(argon2id_verify(&theirs, secret, &mut memory));
        }
    }

    #[test]
    fn one_memory_serves_many_runs() {
        let mut memory = mem();
        let (a, b) = (
            hash("Abc23456defg", &mut memory),
            hash("Xyz23456defg", &mut memory),
        );
        for _ in 0..3 {
            assert!(verify(&a, "Abc23456defg", &mut memory));
            assert!(!verify(&a, "Xyz23456defg", &mut memory));
            argon2id_burn(&mut memory);
            assert!(verify(&b, "Xyz23456defg", &mut memory));
        }
        assert_eq!(memory.bytes(), argon2_params().block_count() * 1024);
    }

    /// The unit tests hash with one pass (t = 1): the runs whose blocks are wiped.
    #[test]
    fn memory_of_a_single_pass_run_is_wiped() {
        let is_wiped = |memory: &Argon2Memory| {
            memory
                .0
                .iter()
                .all(|block| block.as_ref().iter().all(|&word| word == 0))
        };
        let mut memory = mem();
        let phc = hash("Abc23456defg", &mut memory);
        assert!(is_wiped(&memory));
        assert!(verify(&phc, "Abc23456defg", &mut memory));
        assert!(is_wiped(&memory));
        argon2id_burn(&mut memory);
        assert!(is_wiped(&memory));
    }

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
        assert!(verify(&phc, "Koperta-2024", &mut mem()));
        assert!(!verify(&phc, "Koperta-2025", &mut mem()));
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
        let phc = hash("Abc23456defg", &mut mem());
        assert!(phc.starts_with("$argon2id$"), "{phc}");
        assert!(verify(&phc, "Abc23456defg", &mut mem()));
        assert!(!verify(&phc, "Abc23456defh", &mut mem()));
        assert!(!verify(&phc, "", &mut mem()));
        assert_ne!(
            hash("same", &mut mem()),
            hash("same", &mut mem()),
            "salts must differ"
        );
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
            assert!(!verify(phc, "password1", &mut mem()), "{phc:?}");
        }
        // A well-formed Argon2i (not -id) hash is refused too.
        let argon2i = Argon2::new(Algorithm::Argon2i, Version::V0x13, argon2_params())
            .hash_password(b"password1", &SaltString::generate(&mut OsRng))
            .unwrap()
            .to_string();
        assert!(!verify(&argon2i, "password1", &mut mem()));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        #[test]
        fn verify_never_panics(phc in "\\PC{0,120}", typed in "\\PC{0,20}") {
            let _ = verify(&phc, &typed, &mut mem());
        }
    }
}
