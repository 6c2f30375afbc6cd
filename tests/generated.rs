//! The checked-in `completions/` and `man/` must be what the code generates: run the
//! real binary's `generate-assets` into a temporary directory and compare byte for byte.
//! They are generated with the default features (`server` has pages too).
#![cfg(feature = "server")]

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

const FIX: &str = "run scripts/generate-assets.sh and commit completions/ and man/";

fn files(dir: &Path) -> BTreeSet<String> {
    match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .map(|e| {
                e.expect("read dir")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect(),
        Err(_) => BTreeSet::new(),
    }
}

#[test]
fn checked_in_completions_and_man_pages_are_up_to_date() {
    // Arrange
    let out = tempfile::tempdir().expect("temp dir");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));

    // Act
    let status = Command::new(env!("CARGO_BIN_EXE_millectl"))
        .args(["generate-assets", "--out-dir"])
        .arg(out.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .status()
        .expect("run millectl generate-assets");

    // Assert
    assert!(
        status.success(),
        "millectl generate-assets failed: {status}"
    );
    let mut stale = Vec::new();
    for dir in ["completions", "man"] {
        let generated = files(&out.path().join(dir));
        let checked_in = files(&repo.join(dir));
        assert!(
            !generated.is_empty(),
            "generate-assets wrote nothing to {dir}/"
        );
        for name in generated.union(&checked_in) {
            let path = format!("{dir}/{name}");
            match (generated.contains(name), checked_in.contains(name)) {
                (true, false) => stale.push(format!("{path} is missing")),
                (false, true) => stale.push(format!("{path} is no longer generated")),
                _ => {
                    let new = std::fs::read(out.path().join(&path)).expect("read generated");
                    let old = std::fs::read(repo.join(&path)).expect("read checked in");
                    if new != old {
                        stale.push(format!("{path} is stale"));
                    }
                }
            }
        }
    }
    assert!(stale.is_empty(), "{}; {FIX}", stale.join(", "));
}
