//! The keyring path, through the keyring crate's mock credential store — never the real
//! OS keyring (codex's habit). The default credential builder, the environment
//! (`MILLECTL_CREDENTIAL_STORE`, `MILLECTL_CONFIG_DIR`) and the fallback's note on
//! stderr all belong to the whole process, so each case runs in a process of its own:
//! the test re-runs this test binary on `keyring_case` with the case in
//! `MILLECTL_TEST_KEYRING_CASE`, and checks its exit and its stderr. Run on its own
//! (as in the suite), `keyring_case` does nothing.

use std::any::Any;
use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use keyring::credential::{Credential, CredentialApi, CredentialBuilderApi};
use keyring::mock::MockCredential;

use super::*;

const CASE_VAR: &str = "MILLECTL_TEST_KEYRING_CASE";
const TOKEN: &str = "mls_keyring-test-token-0123456789";
const NOTE: &str = "note: no usable OS keyring";

/// Mock credentials that keep what is stored across entries, by (service, user):
/// the crate's mock keeps a secret only in the entry itself, and every call of
/// `with_keyring` opens a new entry, as the real keyrings allow.
#[derive(Default, Clone)]
struct SharedMock(Arc<Mutex<Entries>>);

/// The mock's credentials by (service, user).
type Entries = HashMap<(String, String), Arc<MockCredential>>;

struct SharedCredential(Arc<MockCredential>);

impl CredentialApi for SharedCredential {
    fn set_password(&self, password: &str) -> keyring::Result<()> {
        self.0.set_password(password)
    }
    fn set_secret(&self, secret: &[u8]) -> keyring::Result<()> {
        self.0.set_secret(secret)
    }
    fn get_password(&self) -> keyring::Result<String> {
        self.0.get_password()
    }
    fn get_secret(&self) -> keyring::Result<Vec<u8>> {
        self.0.get_secret()
    }
    fn delete_credential(&self) -> keyring::Result<()> {
        self.0.delete_credential()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl CredentialBuilderApi for SharedMock {
    fn build(
        &self,
        _target: Option<&str>,
        service: &str,
        user: &str,
    ) -> keyring::Result<Box<Credential>> {
        let mut all = self.0.lock().expect("mock keyring");
        let credential = all
            .entry((service.to_owned(), user.to_owned()))
            .or_default()
            .clone();
        Ok(Box::new(SharedCredential(credential)))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl SharedMock {
    /// What the mock holds for a profile, if anything.
    fn stored(&self, profile: &str) -> Option<String> {
        let all = self.0.lock().expect("mock keyring");
        let credential = all.get(&(KEYRING_SERVICE.to_owned(), format!("profile:{profile}")))?;
        credential.get_password().ok()
    }
}

/// A keyring whose every call fails, as a locked or absent secret service does: the
/// crate's mock with the error set before each call.
struct FailingKeyring;

impl CredentialBuilderApi for FailingKeyring {
    fn build(
        &self,
        _target: Option<&str>,
        _service: &str,
        _user: &str,
    ) -> keyring::Result<Box<Credential>> {
        let credential = MockCredential::default();
        credential.set_error(keyring::Error::NoStorageAccess(
            "the mock secret service is locked".into(),
        ));
        Ok(Box::new(credential))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A keyring that never answers, as a hung secret service does.
struct HungKeyring;

struct HungCredential;

impl HungCredential {
    fn hang<T>(&self) -> keyring::Result<T> {
        loop {
            std::thread::park();
        }
    }
}

impl CredentialApi for HungCredential {
    fn set_secret(&self, _: &[u8]) -> keyring::Result<()> {
        self.hang()
    }
    fn get_secret(&self) -> keyring::Result<Vec<u8>> {
        self.hang()
    }
    fn delete_credential(&self) -> keyring::Result<()> {
        self.hang()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl CredentialBuilderApi for HungKeyring {
    fn build(&self, _: Option<&str>, _: &str, _: &str) -> keyring::Result<Box<Credential>> {
        Ok(Box::new(HungCredential))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The error of a call that must fail (a session has no `Debug`: it holds a token).
fn refused<T>(result: anyhow::Result<T>, what: &str) -> anyhow::Error {
    match result {
        Ok(_) => panic!("{what}: the call succeeded"),
        Err(err) => err,
    }
}

fn session() -> StoredSession {
    StoredSession {
        server: "https://auth.example.test".into(),
        token: SecretString::from(TOKEN.to_owned()),
    }
}

fn file_path() -> PathBuf {
    credentials_path().expect("MILLECTL_CONFIG_DIR")
}

/// Run one case in a process of its own, with the store `mode`; its output.
fn run_case(case: &str, mode: &str) -> Output {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "cli::credentials::tests::keyring_case",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CASE_VAR, case)
        .env("MILLECTL_CREDENTIAL_STORE", mode)
        .env("MILLECTL_CONFIG_DIR", dir.path().join("config"))
        .env_remove("MILLECTL_TOKEN")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the test binary");
    // A case that hangs is a failure, not a hung suite.
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("keyring case {case} ({mode}) did not end within 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("output");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "keyring case {case} ({mode}) failed:\n{stdout}\n{stderr}"
    );
    assert!(
        !stderr.contains(TOKEN) && !stdout.contains(TOKEN),
        "the token reached the output"
    );
    output
}

fn notes(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|l| l.starts_with(NOTE))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_session_goes_to_the_keyring_and_back_and_is_forgotten() {
    for mode in ["auto", "keyring"] {
        let output = run_case("round_trip", mode);
        assert_eq!(notes(&output), Vec::<String>::new(), "{mode}");
    }
}

#[test]
fn a_failing_keyring_falls_back_to_a_0600_file_and_says_so_once() {
    let output = run_case("failing_auto", "auto");
    let said = notes(&output);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].contains("locked"), "{said:?}");
    assert!(said[0].contains("a file readable only by you"), "{said:?}");
    // Asked for the keyring alone, it fails instead of writing a file.
    let output = run_case("failing_keyring", "keyring");
    assert_eq!(notes(&output), Vec::<String>::new());
}

#[test]
fn a_hung_keyring_is_given_up_after_the_timeout() {
    let output = run_case("hung_auto", "auto");
    let said = notes(&output);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].contains("did not answer within"), "{said:?}");
    run_case("hung_keyring", "keyring");
}

/// One case, in the process `run_case` started; nothing otherwise.
#[test]
fn keyring_case() {
    let Ok(case) = std::env::var(CASE_VAR) else {
        return;
    };
    match case.as_str() {
        "round_trip" => round_trip(),
        "failing_auto" => failing_auto(),
        "failing_keyring" => failing_keyring(),
        "hung_auto" => hung_auto(),
        "hung_keyring" => hung_keyring(),
        other => panic!("unknown keyring case {other}"),
    }
}

fn round_trip() {
    let mock = SharedMock::default();
    keyring::set_default_credential_builder(Box::new(mock.clone()));
    assert_eq!(save("work", &session()).expect("save"), Source::Keyring);
    let kept = mock
        .stored("work")
        .expect("a keyring entry for the profile");
    assert!(kept.contains("https://auth.example.test"), "{kept}");
    assert!(
        !file_path().exists(),
        "a file was written beside the keyring"
    );

    let (loaded, source) = load("work").expect("load").expect("a session");
    assert_eq!(source, Source::Keyring);
    assert_eq!(loaded.server, "https://auth.example.test");
    assert_eq!(loaded.token.expose_secret(), TOKEN);
    assert!(load_stored("other").expect("load").is_none());

    clear("work").expect("clear");
    assert_eq!(mock.stored("work"), None);
    assert!(load_stored("work").expect("load").is_none());
    assert!(!file_path().exists());
}

fn assert_0600(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).expect("file").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{}", path.display());
    }
}

fn failing_auto() {
    keyring::set_default_credential_builder(Box::new(FailingKeyring));
    let source = save("work", &session()).expect("save");
    assert_eq!(source, Source::File(file_path()));
    assert_0600(&file_path());
    let (loaded, source) = load_stored("work").expect("load").expect("a session");
    assert_eq!(source, Source::File(file_path()));
    assert_eq!(loaded.token.expose_secret(), TOKEN);
    clear("work").expect("clear");
    assert!(load_stored("work").expect("load").is_none());
}

fn failing_keyring() {
    keyring::set_default_credential_builder(Box::new(FailingKeyring));
    let err = save("work", &session()).expect_err("no keyring, no save");
    assert!(
        format!("{err:#}").contains("cannot store the session in the OS keyring"),
        "{err:#}"
    );
    let err = refused(load_stored("work"), "no keyring, no load");
    assert!(format!("{err:#}").contains("cannot read"), "{err:#}");
    assert!(!file_path().exists(), "keyring mode wrote a file");
}

fn hung_auto() {
    keyring::set_default_credential_builder(Box::new(HungKeyring));
    let started = Instant::now();
    let source = save("work", &session()).expect("save");
    assert!(started.elapsed() >= KEYRING_TIMEOUT, "gave up early");
    assert_eq!(source, Source::File(file_path()));
    assert_0600(&file_path());
    // Loading waits for the keyring too, then reads the file.
    let (loaded, source) = load_stored("work").expect("load").expect("a session");
    assert_eq!(source, Source::File(file_path()));
    assert_eq!(loaded.token.expose_secret(), TOKEN);
}

fn hung_keyring() {
    keyring::set_default_credential_builder(Box::new(HungKeyring));
    let started = Instant::now();
    let err = refused(load_stored("work"), "a hung keyring");
    assert!(started.elapsed() >= KEYRING_TIMEOUT, "gave up early");
    assert!(
        format!("{err:#}").contains("did not answer within"),
        "{err:#}"
    );
}
