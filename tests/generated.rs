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

/// The checked-in man pages, path and text.
fn man_pages() -> Vec<(std::path::PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    let mut pages: Vec<_> = std::fs::read_dir(&dir)
        .expect("man/")
        .map(|e| e.expect("read man/").path())
        .filter(|p| p.extension().is_some_and(|x| x == "1"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read page");
            (p, text)
        })
        .collect();
    pages.sort();
    assert!(!pages.is_empty(), "no man pages in {}", dir.display());
    pages
}

#[test]
fn zsh_finds_the_completion_under_the_name_it_autoloads() {
    // zsh autoloads `_millectl` from its fpath; a `millectl.zsh` is never found.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let zsh = std::fs::read_to_string(dir.join("_millectl")).expect("completions/_millectl");
    assert!(zsh.starts_with("#compdef millectl\n"), "{}", &zsh[..40]);
    assert!(
        !dir.join("millectl.zsh").exists(),
        "completions/millectl.zsh is back"
    );
    for kept in ["millectl.bash", "millectl.fish"] {
        assert!(dir.join(kept).exists(), "completions/{kept} is missing");
    }
}

/// What `mandoc -Tlint` would say, checked by reading the pages, so that it holds
/// where mandoc is not installed: no `.br` next to a blank line (a paragraph break:
/// "skipping paragraph macro"), no blank at a line's end, no text line over 80 bytes,
/// nothing beyond ASCII (mandoc counts `…` as the 8 bytes of `\[u2026]`), a title in
/// capitals.
#[test]
fn man_pages_keep_the_rules_mandoc_lints() {
    let mut problems = Vec::new();
    for (path, text) in man_pages() {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let at = format!("{name}:{}", i + 1);
            let next = lines.get(i + 1).copied().unwrap_or("");
            let paragraph = |l: &str| l.is_empty() || l == ".sp" || l == ".PP" || l == ".P";
            if *line == ".br" && paragraph(next) || paragraph(line) && next == ".br" {
                problems.push(format!("{at}: .br next to a paragraph break"));
            }
            if line.ends_with(' ') || line.ends_with('\t') {
                problems.push(format!("{at}: blank at the end of the line"));
            }
            if !line.is_ascii() {
                problems.push(format!("{at}: a character beyond ASCII"));
            }
            let text_line = !line.starts_with('.') && !line.starts_with('\'');
            if text_line && line.len() > 80 && line.contains(' ') {
                problems.push(format!("{at}: a text line of {} bytes", line.len()));
            }
            if let Some(title) = line.strip_prefix(".TH ") {
                let title = title.split(' ').next().unwrap_or("");
                if title.chars().any(|c| c.is_lowercase()) {
                    problems.push(format!("{at}: title {title} not in capitals"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `mandoc -Tlint` (all levels, style included) finds nothing in any page. mandoc is
/// taken from `$MANDOC`, else from PATH; without it the test says so and passes (the
/// textual rules above still hold) — except under CI (`.ci/run` installs mandoc), where a
/// missing mandoc is a failure rather than a quiet skip.
#[test]
fn man_pages_lint_clean_under_mandoc() {
    let mandoc = std::env::var_os("MANDOC").unwrap_or_else(|| "mandoc".into());
    let pages = man_pages();
    let output = match Command::new(&mandoc)
        .arg("-Tlint")
        .args(pages.iter().map(|(p, _)| p))
        .output()
    {
        Ok(output) => output,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            assert!(
                std::env::var_os("CI").is_none(),
                "mandoc not found under CI: .ci/run installs it"
            );
            eprintln!(
                "note: mandoc not found ({}); `mandoc -Tlint` not run — install mandoc or set MANDOC",
                mandoc.to_string_lossy()
            );
            return;
        }
        Err(err) => panic!("cannot run {}: {err}", mandoc.to_string_lossy()),
    };
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success() && said.trim().is_empty(),
        "mandoc -Tlint: {}\n{said}",
        output.status
    );
}

/// README's table examples are the snapshot tests' output, copied, not typed: each
/// snapshot named here stands in README line for line (after its `$ command` line).
#[test]
fn readme_examples_are_the_table_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    for name in [
        "user_list_blocked_80",
        "audit_limit_3_80",
        "user_show_jan_80",
        "user_list_blocked_piped",
    ] {
        let path = root.join(format!("tests/cli/snapshots/cli__tables__{name}.snap"));
        let snapshot = std::fs::read_to_string(&path).expect("snapshot");
        // An insta file: a `---` header, then the text.
        let body = snapshot
            .splitn(3, "---\n")
            .nth(2)
            .expect("an insta snapshot");
        assert!(
            readme.contains(body.trim_end()),
            "README.md does not show {} as it is; copy it from the file",
            path.display()
        );
    }
}
