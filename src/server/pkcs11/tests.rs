//! Tests against a real SoftHSM2 token, one fresh token per test.
//!
//! SoftHSM2 reads its configuration (`SOFTHSM2_CONF`) when the module is initialised,
//! and a module is initialised once per process; so this test process has one token
//! directory, set once, and the tests that open the module take turns ([`hsm`]). The
//! module is found at `MILLECTL_TEST_PKCS11_MODULE` or SoftHSM2's Debian path; without
//! it the tests fail under CI and are skipped (with a line saying so) elsewhere.

use std::path::PathBuf;
use std::process::Command;
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::Instant;

use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass};
use hmac::{Hmac, Mac};
use secrecy::SecretString;
use sha2::Sha256;

use super::*;
use crate::domain::masked_password::{MaskKeys, PepperMaskKey};
use crate::domain::pepper::Pepper;

const SO_PIN: &str = "5678-so";
const PIN: &str = "1234-user";

struct Hsm {
    module: PathBuf,
    conf: PathBuf,
    _dir: tempfile::TempDir,
}

/// The shared token directory, and this test's turn at the module; `None`: no
/// SoftHSM2 here and not under CI (skip).
fn hsm(test: &str) -> Option<(&'static Hsm, MutexGuard<'static, ()>)> {
    static TURN: Mutex<()> = Mutex::new(());
    static HSM: OnceLock<Option<Hsm>> = OnceLock::new();
    let hsm = HSM.get_or_init(|| {
        let module = std::env::var_os("MILLECTL_TEST_PKCS11_MODULE")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("/usr/lib/softhsm/libsofthsm2.so"));
        if !module.is_file() {
            assert!(
                std::env::var_os("CI").is_none(),
                "no PKCS#11 module at {} (CI must install softhsm2; see .ci/run)",
                module.display()
            );
            return None;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let conf = write_conf(dir.path());
        // Set once, before any test initialises the module, which reads it.
        std::env::set_var("SOFTHSM2_CONF", &conf);
        Some(Hsm {
            module,
            conf,
            _dir: dir,
        })
    });
    match hsm {
        Some(hsm) => Some((hsm, TURN.lock().unwrap_or_else(|e| e.into_inner()))),
        None => {
            eprintln!("skipped {test}: no SoftHSM2 (set MILLECTL_TEST_PKCS11_MODULE)");
            None
        }
    }
}

fn write_conf(dir: &std::path::Path) -> PathBuf {
    let tokens = dir.join("tokens");
    std::fs::create_dir_all(&tokens).expect("token dir");
    let conf = dir.join("softhsm2.conf");
    std::fs::write(
        &conf,
        format!(
            "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n",
            tokens.display()
        ),
    )
    .expect("softhsm2.conf");
    conf
}

impl Hsm {
    /// A fresh token labelled `label`, with the user PIN [`PIN`].
    fn token(&self, label: &str) -> TokenConfig {
        let status = Command::new("softhsm2-util")
            .env("SOFTHSM2_CONF", &self.conf)
            .args(["--init-token", "--free", "--label", label])
            .args(["--pin", PIN, "--so-pin", SO_PIN])
            .stdout(std::process::Stdio::null())
            .status()
            .expect("softhsm2-util runs");
        assert!(status.success(), "softhsm2-util --init-token {label}");
        self.config(label, PIN)
    }

    fn config(&self, label: &str, pin: &str) -> TokenConfig {
        TokenConfig {
            module: self.module.clone(),
            token_label: label.to_owned(),
            pin: SecretString::from(pin.to_owned()),
        }
    }
}

#[test]
fn a_generated_key_macs_inside_the_token_and_never_comes_out() {
    let Some((hsm, _turn)) = hsm("a_generated_key_macs_inside_the_token") else {
        return;
    };
    let config = hsm.token("custody");
    assert_eq!(generate(&config, "mask-1").unwrap(), "pkcs11:mask-1");

    let keys = open(&config, "mask-1").unwrap();
    assert_eq!(keys.current.id(), "pkcs11:mask-1");
    assert!(keys.others.is_empty());
    let mac = keys.current.mac(b"message").unwrap();
    assert_eq!(*mac, *keys.current.mac(b"message").unwrap());
    assert_ne!(*mac, *keys.current.mac(b"other message").unwrap());

    // Ask for the value as anyone with the PIN could: the token refuses.
    let token = Token::open(&config).unwrap();
    let (handle, _) = token
        .hmac_keys()
        .unwrap()
        .into_iter()
        .find(|(_, label)| label == "mask-1")
        .unwrap();
    let session = token.session().unwrap();
    let attributes = session
        .get_attributes(
            handle,
            &[
                AttributeType::Value,
                AttributeType::Sensitive,
                AttributeType::Extractable,
                AttributeType::Token,
                AttributeType::ValueLen,
            ],
        )
        .unwrap();
    assert!(
        !attributes.iter().any(|a| matches!(a, Attribute::Value(_))),
        "CKA_VALUE was readable: {attributes:?}"
    );
    assert!(attributes.contains(&Attribute::Sensitive(true)));
    assert!(attributes.contains(&Attribute::Extractable(false)));
    assert!(attributes.contains(&Attribute::Token(true)));
    assert!(attributes.contains(&Attribute::ValueLen(32.into())));
    // Nor can it be made readable afterwards.
    assert!(session
        .update_attributes(handle, &[Attribute::Sensitive(false)])
        .is_err());
    assert!(session
        .update_attributes(handle, &[Attribute::Extractable(true)])
        .is_err());
}

#[test]
fn the_token_computes_hmac_sha256() {
    let Some((hsm, _turn)) = hsm("the_token_computes_hmac_sha256") else {
        return;
    };
    let config = hsm.token("known-answer");
    // A key whose value we know (imported, not generated: tests only).
    let value = [0x42u8; 32];
    {
        let token = Token::open(&config).unwrap();
        let session = token.ctx.open_rw_session(token.slot).unwrap();
        session
            .create_object(&[
                Attribute::Class(ObjectClass::SECRET_KEY),
                Attribute::KeyType(KeyType::GENERIC_SECRET),
                Attribute::Token(true),
                Attribute::Sign(true),
                Attribute::Value(value.to_vec()),
                Attribute::Label(b"known".to_vec()),
            ])
            .unwrap();
    }
    let keys = open(&config, "known").unwrap();
    let mut expected = <Hmac<Sha256> as Mac>::new_from_slice(&value).unwrap();
    expected.update(b"abc");
    assert_eq!(
        keys.current.mac(b"abc").unwrap().as_slice(),
        expected.finalize().into_bytes().as_slice()
    );
}

#[test]
fn a_label_is_generated_once() {
    let Some((hsm, _turn)) = hsm("a_label_is_generated_once") else {
        return;
    };
    let config = hsm.token("twice");
    generate(&config, "k").unwrap();
    let err = generate(&config, "k").unwrap_err();
    assert!(matches!(err, Pkcs11Error::KeyExists { .. }), "{err}");
    assert!(matches!(
        generate(&config, "").unwrap_err(),
        Pkcs11Error::BadLabel
    ));
}

#[test]
fn wrong_pin_missing_token_and_missing_key_are_told_apart() {
    let Some((hsm, _turn)) = hsm("wrong_pin_missing_token_and_missing_key") else {
        return;
    };
    let config = hsm.token("refusals");
    generate(&config, "k").unwrap();

    let err = open(&hsm.config("refusals", "0000-wrong"), "k").unwrap_err();
    assert!(matches!(err, Pkcs11Error::Login { .. }), "{err}");
    assert!(!err.to_string().contains("0000-wrong"), "{err}");

    let err = open(&hsm.config("no-such-token", PIN), "k").unwrap_err();
    assert!(matches!(err, Pkcs11Error::NoToken(_)), "{err}");

    let err = open(&config, "no-such-key").unwrap_err();
    assert!(matches!(err, Pkcs11Error::NoKey { .. }), "{err}");

    let err = open(
        &TokenConfig {
            module: PathBuf::from("/nonexistent/libpkcs11.so"),
            ..hsm.config("refusals", PIN)
        },
        "k",
    )
    .unwrap_err();
    assert!(matches!(err, Pkcs11Error::Module { .. }), "{err}");
}

#[test]
fn after_a_rotation_the_old_key_still_checks_old_records() {
    let Some((hsm, _turn)) = hsm("after_a_rotation_the_old_key") else {
        return;
    };
    let config = hsm.token("rotation");
    generate(&config, "2025").unwrap();
    let before = open(&config, "2025").unwrap();
    let old_record = before.current.mac(b"record").unwrap();
    drop(before);

    generate(&config, "2026").unwrap();
    let after = open(&config, "2026").unwrap();
    let others: Vec<&str> = after.others.iter().map(|k| k.id()).collect();
    assert_eq!(others, ["pkcs11:2025"]);

    let keys = MaskKeys::from_pepper(&Pepper::generate())
        .with_current(after.current.clone(), after.others.clone());
    assert_eq!(keys.current().id(), "pkcs11:2026");
    let old = keys.find("pkcs11:2025").unwrap();
    assert_eq!(*old.mac(b"record").unwrap(), *old_record);
    assert_ne!(*keys.current().mac(b"record").unwrap(), *old_record);
    // The pepper's key is still there for records older than the token.
    let pepper_id = keys.pepper().id().to_owned();
    assert!(keys.find(&pepper_id).is_ok());
    let _: &PepperMaskKey = keys.pepper();
}

/// Many blocking threads at once, as under the hash gate; and the measurement behind
/// the session pool (see the module's docs).
#[test]
fn a_mac_is_fast_enough_from_many_threads() {
    let Some((hsm, _turn)) = hsm("a_mac_is_fast_enough_from_many_threads") else {
        return;
    };
    let config = hsm.token("speed");
    generate(&config, "k").unwrap();
    let keys = open(&config, "k").unwrap();
    let key = keys.current.clone();
    let expected = *key.mac(b"same").unwrap();

    const THREADS: usize = 16;
    const PER_THREAD: usize = 200;
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..THREADS {
            let key = key.clone();
            scope.spawn(move || {
                for _ in 0..PER_THREAD {
                    assert_eq!(*key.mac(b"same").unwrap(), expected);
                }
            });
        }
    });
    let pooled = start.elapsed() / (THREADS * PER_THREAD) as u32;

    let start = Instant::now();
    for _ in 0..PER_THREAD {
        key.mac(b"same").unwrap();
    }
    let pooled_alone = start.elapsed() / PER_THREAD as u32;

    // The alternative: a session opened and closed for every MAC.
    let token = Token::open(&config).unwrap();
    let (handle, _) = token.hmac_keys().unwrap().remove(0);
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..THREADS {
            scope.spawn(|| {
                for _ in 0..PER_THREAD {
                    let session = token.ctx.open_ro_session(token.slot).unwrap();
                    session
                        .sign(&Mechanism::Sha256Hmac, handle, b"same")
                        .unwrap();
                }
            });
        }
    });
    let per_call = start.elapsed() / (THREADS * PER_THREAD) as u32;
    eprintln!(
        "HMAC on SoftHSM2: pooled {pooled:?} per MAC ({THREADS} threads, wall), \
         {pooled_alone:?} (one thread); a session per call {per_call:?} ({THREADS} threads, wall)"
    );
    assert!(
        pooled_alone < std::time::Duration::from_millis(1),
        "a MAC took {pooled_alone:?}"
    );
}
