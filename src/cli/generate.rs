//! Shell completions and man pages, generated from the clap definition (like `xh`), so
//! they can never describe a flag the code does not have.
//!
//! `completions SHELL` and `man [COMMAND…]` print one file to stdout. The hidden
//! `generate-assets --out-dir DIR` writes the checked-in copies (`completions/`,
//! `man/`; `scripts/generate-assets.sh`), and `tests/generated.rs` fails when those
//! differ from what this code generates. The output must therefore be reproducible:
//! no wall-clock time — the man pages' date comes from `SOURCE_DATE_EPOCH`, or is the
//! fixed `MAN_DATE` when it is unset (the checked-in pages are made without it).
//!
//! They install the usual way: zsh's script is `_millectl` (zsh autoloads a
//! completion only from a file named after the function it defines, `_millectl`, on
//! its `fpath`), bash's `millectl.bash` and fish's `millectl.fish`; README says where
//! each goes. The man pages are [`tidy`]'d so that `mandoc -Tlint` finds nothing.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::errors::CliError;
use super::Cli;

mod tidy;

/// The man pages' date when `SOURCE_DATE_EPOCH` is unset: fixed, so that generating
/// twice gives the same bytes. Move it when the pages change in earnest.
const MAN_DATE: &str = "2025-06-01";

const BIN: &str = "millectl";

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell, e.g. `millectl completions bash > ~/.local/share/bash-completion/completions/millectl`
    /// or `millectl completions zsh > ~/.zfunc/_millectl` (a directory on zsh's `fpath`).
    pub shell: Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print, e.g. `user show` [default: millectl itself].
    pub command: Vec<String>,
}

#[derive(Debug, Args)]
pub struct GenerateAssetsArgs {
    /// The directory to write `completions/` and `man/` into (the repository's root).
    #[arg(long)]
    pub out_dir: PathBuf,
}

/// Where each shell's completion script goes under `completions/`: zsh's under the
/// name its loader looks for, the others under the names packagers expect.
const SHELLS: [(Shell, &str); 5] = [
    (Shell::Bash, "millectl.bash"),
    (Shell::Zsh, "_millectl"),
    (Shell::Fish, "millectl.fish"),
    (Shell::PowerShell, "millectl.ps1"),
    (Shell::Elvish, "millectl.elv"),
];

/// The definition as the generators see it: built (globals propagated, subcommands
/// named `millectl-user-show`), without the implicit `help` subcommand.
fn command() -> clap::Command {
    super::built(Cli::command().disable_help_subcommand(true))
}

pub fn completions(args: CompletionsArgs) -> anyhow::Result<()> {
    // Into a buffer first: clap_complete panics when its writer fails (a closed pipe).
    let mut text = Vec::new();
    clap_complete::generate(
        args.shell,
        &mut super::built(Cli::command()),
        BIN,
        &mut text,
    );
    print(&text)
}

/// To stdout; a reader that stopped early (`| head`) is not an error.
fn print(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

pub fn man(args: ManArgs) -> anyhow::Result<()> {
    let mut cmd = command();
    for name in &args.command {
        cmd = cmd
            .find_subcommand(name)
            .filter(|sub| !sub.is_hide_set())
            .cloned()
            .ok_or_else(|| {
                CliError::usage(format!("no command `{}`", args.command.join(" ")))
                    .hint("`millectl --help` lists the commands")
            })?;
    }
    print(&render(cmd, &man_date()?)?)
}

pub fn generate_assets(args: GenerateAssetsArgs) -> anyhow::Result<()> {
    let date = man_date()?;
    let completions_dir = args.out_dir.join("completions");
    std::fs::create_dir_all(&completions_dir)
        .with_context(|| format!("cannot create {}", completions_dir.display()))?;
    for (shell, file) in SHELLS {
        let mut text = Vec::new();
        clap_complete::generate(shell, &mut super::built(Cli::command()), BIN, &mut text);
        write(&completions_dir.join(file), &text)?;
    }
    // A script under an old name (`millectl.zsh`, never loaded by zsh) would be
    // installed by mistake; remove it.
    for entry in std::fs::read_dir(&completions_dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        let ours = name.starts_with(BIN) || name == format!("_{BIN}");
        if ours && !SHELLS.iter().any(|(_, file)| *file == name) {
            std::fs::remove_file(completions_dir.join(&name))?;
        }
    }

    let man_dir = args.out_dir.join("man");
    std::fs::create_dir_all(&man_dir)
        .with_context(|| format!("cannot create {}", man_dir.display()))?;
    let mut pages = Vec::new();
    collect_pages(command(), &mut pages);
    let mut written = std::collections::BTreeSet::new();
    for cmd in pages {
        let file = format!("{}.1", display_name(&cmd));
        write(&man_dir.join(&file), &render(cmd, &date)?)?;
        written.insert(file);
    }
    // A page of a command that no longer exists would be stale forever; remove it.
    for entry in std::fs::read_dir(&man_dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.starts_with(BIN) && name.ends_with(".1") && !written.contains(&name) {
            std::fs::remove_file(man_dir.join(&name))?;
        }
    }
    eprintln!(
        "wrote {} completion scripts to {} and {} man pages to {}",
        SHELLS.len(),
        completions_dir.display(),
        written.len(),
        man_dir.display()
    );
    Ok(())
}

/// The command and all its visible subcommands, recursively.
fn collect_pages(cmd: clap::Command, pages: &mut Vec<clap::Command>) {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect_pages(sub.clone(), pages);
    }
    pages.push(cmd);
}

/// `millectl-user-show` for `user show` (clap sets it while building).
fn display_name(cmd: &clap::Command) -> String {
    cmd.get_display_name()
        .unwrap_or_else(|| cmd.get_name())
        .to_owned()
}

/// The page of `cmd`, its title in capitals as man pages have it, [`tidy`]'d.
fn render(cmd: clap::Command, date: &str) -> anyhow::Result<Vec<u8>> {
    let mut page = Vec::new();
    let title = display_name(&cmd).to_uppercase();
    clap_mangen::Man::new(cmd)
        .title(title)
        .date(date)
        .source(concat!("millectl ", env!("CARGO_PKG_VERSION")))
        .manual("millectl manual")
        .render(&mut page)?;
    let page = String::from_utf8(page).context("clap_mangen wrote a page that is not UTF-8")?;
    Ok(tidy::tidy(&page).into_bytes())
}

/// `SOURCE_DATE_EPOCH` (reproducible builds) as `YYYY-MM-DD`, else `MAN_DATE`.
fn man_date() -> anyhow::Result<String> {
    let Some(text) = std::env::var_os("SOURCE_DATE_EPOCH") else {
        return Ok(MAN_DATE.to_owned());
    };
    let seconds: i64 = text
        .to_str()
        .and_then(|t| t.trim().parse().ok())
        .ok_or_else(|| CliError::invalid("SOURCE_DATE_EPOCH must be whole seconds since 1970"))?;
    let at = time::OffsetDateTime::from_unix_timestamp(seconds)
        .map_err(|e| CliError::invalid(format!("SOURCE_DATE_EPOCH is out of range: {e}")))?;
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Ok(at.date().format(&format)?)
}

fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}
