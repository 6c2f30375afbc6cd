//! Long lists on a terminal go through a pager, like `git` and `gh`.
//!
//! The pager is `MILLECTL_PAGER`, else `PAGER`, else `less` (with `LESS=FRX` when LESS
//! is unset: quit if the output fits one screen, keep colors, leave the screen as it
//! is). An empty value, `cat`, `--no-pager` or a stdout that is not a terminal print
//! straight to stdout. A pager that cannot be started falls back to stdout too. The
//! command waits for the pager to exit, and its exit code stays millectl's.

use std::io::{self, Write};
use std::process::{Child, ChildStdin, Command, Stdio};

use super::Output;

/// Where a list is written: the pager's stdin, or stdout.
pub struct Paged {
    pager: Option<(Child, ChildStdin)>,
    stdout: io::Stdout,
}

/// The pager command line the environment asks for, or `None` for no pager.
pub fn pager_command(millectl_pager: Option<String>, pager: Option<String>) -> Option<String> {
    let chosen = millectl_pager
        .or(pager)
        .unwrap_or_else(|| "less".to_owned());
    let trimmed = chosen.trim();
    if trimmed.is_empty() || trimmed == "cat" {
        None
    } else {
        Some(trimmed.to_owned())
    }
}

impl Output {
    /// Where a long list goes: the pager when stdout is a terminal and paging is on,
    /// else stdout.
    pub fn pager(&self) -> Paged {
        let stdout = io::stdout();
        if !(self.terminal && self.pager) {
            return Paged {
                pager: None,
                stdout,
            };
        }
        let command = pager_command(
            std::env::var("MILLECTL_PAGER").ok(),
            std::env::var("PAGER").ok(),
        );
        Paged {
            pager: command.and_then(|c| spawn(&c)),
            stdout,
        }
    }
}

/// Start `command` (through the shell when it has shell syntax, like git), or `None`
/// if it cannot start: a plain command that does not exist falls back to stdout.
fn spawn(command: &str) -> Option<(Child, ChildStdin)> {
    const SHELL: &str = "|&;<>()$`\\\"'*?[#~=%";
    let shell_syntax = command.contains(|c: char| SHELL.contains(c));
    let mut process = if shell_syntax {
        let mut shell = Command::new("sh");
        shell.arg("-c").arg(command);
        shell
    } else {
        let mut words = command.split_whitespace();
        let mut plain = Command::new(words.next()?);
        plain.args(words);
        plain
    };
    process.stdin(Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        process.env("LESS", "FRX");
    }
    let mut child = process.spawn().ok()?;
    let stdin = child.stdin.take()?;
    Some((child, stdin))
}

impl Paged {
    /// Close the pager's input and wait until the person quits it.
    pub fn finish(mut self) -> io::Result<()> {
        self.close()
    }

    fn close(&mut self) -> io::Result<()> {
        match self.pager.take() {
            Some((mut child, stdin)) => {
                drop(stdin);
                child.wait().map(|_| ())
            }
            None => self.stdout.flush(),
        }
    }
}

impl Write for Paged {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.pager {
            Some((_, stdin)) => stdin.write(buf),
            None => self.stdout.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.pager {
            Some((_, stdin)) => stdin.flush(),
            None => self.stdout.flush(),
        }
    }
}

impl Drop for Paged {
    /// An error path still waits for the pager, so the shell prompt does not come back
    /// under it.
    fn drop(&mut self) {
        let _ = self.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millectl_pager_wins_then_pager_then_less() {
        let s = |v: &str| Some(v.to_owned());
        assert_eq!(pager_command(s("most"), s("more")), s("most"));
        assert_eq!(pager_command(None, s("more")), s("more"));
        assert_eq!(pager_command(None, None), s("less"));
    }

    #[test]
    fn empty_or_cat_means_no_pager() {
        let s = |v: &str| Some(v.to_owned());
        assert_eq!(pager_command(s(""), s("less")), None);
        assert_eq!(pager_command(None, s("cat")), None);
        assert_eq!(pager_command(None, s("  ")), None);
    }
}
