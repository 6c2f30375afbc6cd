//! The exact commands a hint tells the user to run, with their own values: the profile
//! and server of this invocation (`millectl --profile p3 login`), the login and MilleKod
//! of the user acted on (`millectl phone set marek PHONE --millekod 12345678`), the
//! command just refused plus the `--reason` the server demands. A hint that says "log
//! in" without saying where sends people to the default profile (issue 16).

use std::sync::OnceLock;

use super::context::DEFAULT_PROFILE;
use super::errors::{CliError, CONFLICT};
use crate::api::{Login, MilleKod};

/// How much of a value a message echoes: a 10 kB `--reason` is not worth printing back.
pub const ECHO_LIMIT: usize = 60;

/// The profile and server this invocation acts for. Set once, by `Context::new`; an
/// error reaching `main` is about this invocation, so its hint speaks of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginTarget {
    pub profile: String,
    pub server: String,
}

static TARGET: OnceLock<LoginTarget> = OnceLock::new();

/// Remember which profile and server this invocation uses (first call wins).
pub fn set_target(target: LoginTarget) {
    let _ = TARGET.set(target);
}

/// The profile and server of this invocation, once its context exists.
pub fn target() -> Option<&'static LoginTarget> {
    TARGET.get()
}

impl LoginTarget {
    /// `--profile NAME ` for a profile other than the default, else nothing.
    fn profile_flag(&self) -> String {
        if self.profile == DEFAULT_PROFILE {
            String::new()
        } else {
            format!("--profile {} ", self.profile)
        }
    }

    /// "run `millectl login`", or for another profile
    /// "run `millectl --profile p3 login` (server https://…)".
    pub fn login_hint(&self) -> String {
        if self.profile == DEFAULT_PROFILE {
            "run `millectl login`".to_owned()
        } else {
            format!(
                "run `millectl {}login` (server {})",
                self.profile_flag(),
                self.server
            )
        }
    }
}

/// The login hint for this invocation: with the profile and server once known.
pub fn login_hint() -> String {
    target().map_or_else(
        || "run `millectl login`".to_owned(),
        LoginTarget::login_hint,
    )
}

/// `millectl ` plus `--profile NAME ` where this invocation uses another profile.
fn millectl() -> String {
    format!(
        "millectl {}",
        target().map(LoginTarget::profile_flag).unwrap_or_default()
    )
}

/// `millectl REST` as a hint shows it: with `--profile NAME` where this invocation
/// uses a profile other than the default, so the command acts where this one did.
pub fn command(rest: &str) -> String {
    format!("{}{rest}", millectl())
}

/// The command HelpDesk releases a suspended user with.
pub fn release(login: &Login, millekod: &MilleKod) -> String {
    command(&format!("user release {login} --millekod {millekod}"))
}

/// The command that gives `login` of `millekod` a mobile number, so an unblock or a
/// new password has somewhere to send the code.
pub fn set_phone(login: &Login, millekod: &MilleKod) -> String {
    format!(
        "{}phone set {login} PHONE --millekod {millekod}",
        millectl()
    )
}

/// The refusal of an unblock or a new password for a user no code can reach, with the
/// command that fixes it (the server's `no_authorization_tool`).
pub fn no_phone_or_token(login: &Login, millekod: &MilleKod) -> CliError {
    CliError::new(
        CONFLICT,
        format!(
            "user '{login}' in MilleKod {millekod} has neither a mobile number nor a token, \
             so no one-time code can reach them; nothing changed"
        ),
    )
    .hint(format!(
        "add their mobile number first: `{}`",
        set_phone(login, millekod)
    ))
}

/// The command line of this invocation, as typed, with `--reason "…"` added: what to
/// run when the server demands a reason and nobody was at a terminal to give one.
pub fn again_with_reason() -> String {
    with_reason(std::env::args().skip(1))
}

/// `args` as a command line with `--reason "TICKET-123"` in place of any reason given
/// (a blank one, say), and without the deprecated `--otp CODE`: no secret is echoed.
fn with_reason(args: impl Iterator<Item = String>) -> String {
    let mut kept = Vec::new();
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--reason" | "--otp" => {
                args.next();
            }
            _ if arg.starts_with("--reason=") || arg.starts_with("--otp=") => {}
            _ => kept.push(shell_word(&arg)),
        }
    }
    format!("millectl {} --reason \"TICKET-123\"", kept.join(" "))
}

/// A value as messages show it: quoted and escaped (`{:?}`), cut at [`ECHO_LIMIT`]
/// characters with `…`.
pub fn shown(text: &str) -> String {
    format!("{:?}", capped(text).as_ref())
}

/// `text` cut at [`ECHO_LIMIT`] characters, with `…` where it was cut.
pub fn capped(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(ECHO_LIMIT) {
        Some((at, _)) => format!("{}…", &text[..at]).into(),
        None => text.into(),
    }
}

/// One argument as a POSIX shell reads it back: bare when it holds only safe
/// characters, else in single quotes; cut at [`ECHO_LIMIT`].
fn shell_word(arg: &str) -> String {
    let arg = capped(arg);
    let safe = !arg.is_empty()
        && arg.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | ':' | '=' | '+' | '@' | ',')
        });
    if safe {
        arg.into_owned()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(profile: &str) -> LoginTarget {
        LoginTarget {
            profile: profile.into(),
            server: "https://auth.bank.example/".into(),
        }
    }

    #[test]
    fn the_login_hint_names_a_profile_other_than_the_default_and_its_server() {
        assert_eq!(target("default").login_hint(), "run `millectl login`");
        assert_eq!(
            target("p3").login_hint(),
            "run `millectl --profile p3 login` (server https://auth.bank.example/)"
        );
    }

    #[test]
    fn the_reason_fix_replaces_a_blank_reason_and_echoes_no_code() {
        let args = |list: &[&str]| list.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            with_reason(args(&["unblock", "current-password", "jan", "--reason", " "]).into_iter()),
            "millectl unblock current-password jan --reason \"TICKET-123\""
        );
        assert_eq!(
            with_reason(
                args(&["login", "--otp", "123456", "--otp=654321", "--reason="]).into_iter()
            ),
            "millectl login --reason \"TICKET-123\""
        );
        assert_eq!(
            with_reason(args(&["phone", "set", "ewa", "601 234 567"]).into_iter()),
            "millectl phone set ewa '601 234 567' --reason \"TICKET-123\""
        );
    }

    #[test]
    fn long_values_are_cut_and_odd_ones_quoted() {
        let long = "x".repeat(10_000);
        assert_eq!(capped(&long).chars().count(), ECHO_LIMIT + 1);
        assert!(capped(&long).ends_with('…'));
        assert_eq!(capped("short"), "short");
        assert_eq!(shown("a\nb"), "\"a\\nb\"");
        assert_eq!(shell_word("marek"), "marek");
        assert_eq!(shell_word("two words"), "'two words'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
        assert_eq!(shell_word(""), "''");
    }
}
