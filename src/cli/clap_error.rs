//! Argument errors as every other error reads: `millectl: error: …` on the first line
//! (clap writes `error: …`), clap's usage and tip lines kept, and no value echoed past
//! [`ECHO_LIMIT`] characters (clap prints a 10 kB `--reason` back whole). Help and
//! version are printed by clap, untouched; a command group given no subcommand says so on
//! an error line above the help it shows. The exit codes are those of DESIGN.md.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::errors;
use super::fixes::{capped, ECHO_LIMIT};

/// Print `err` the way `main` prints every error, and say which exit code it means.
pub fn report(err: &clap::Error) -> u8 {
    let code = exit_code(err.kind());
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = err.print();
        }
        // `millectl user` alone: an error (exit 2) that shows the choices.
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint!(
                "millectl: error: a subcommand is required\n\n{}",
                err.render()
            );
        }
        _ => eprint!("{}", render(err)),
    }
    code
}

fn exit_code(kind: ErrorKind) -> u8 {
    match kind {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => 0,
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => errors::USAGE,
        // A value that does not parse (MilleKod, login, URL, a lockout limit of 6) is
        // invalid input; unknown or missing arguments are usage errors.
        ErrorKind::ValueValidation | ErrorKind::InvalidValue => errors::INVALID_INPUT,
        _ => errors::USAGE,
    }
}

/// clap's message, plain (no color: our own errors have none either), with our prefix
/// and every over-long value it quotes cut short.
fn render(err: &clap::Error) -> String {
    let mut text = err.render().to_string();
    for value in echoed_values(err) {
        if value.chars().count() > ECHO_LIMIT {
            text = text.replace(&value, &capped(&value));
        }
    }
    let text = text.strip_prefix("error: ").unwrap_or(&text);
    // A value a validator quoted with escapes (`{:?}`) is not found verbatim above; no
    // line of an argument error needs more than this.
    let mut out = String::from("millectl: error: ");
    for line in text.lines() {
        match line.char_indices().nth(LINE_LIMIT) {
            Some((at, _)) => out.push_str(&format!("{}…", &line[..at])),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// The longest line an argument error prints.
const LINE_LIMIT: usize = 300;

/// The values clap puts into its message: the value given, the argument not known.
fn echoed_values(err: &clap::Error) -> Vec<String> {
    let mut values = Vec::new();
    for kind in [
        ContextKind::InvalidValue,
        ContextKind::InvalidArg,
        ContextKind::InvalidSubcommand,
    ] {
        match err.get(kind) {
            Some(ContextValue::String(value)) => values.push(value.clone()),
            Some(ContextValue::Strings(list)) => values.extend(list.iter().cloned()),
            _ => {}
        }
    }
    // Longest first, so a value inside another is not cut twice.
    values.sort_by_key(|v| std::cmp::Reverse(v.len()));
    values
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn error_of(args: &[&str]) -> clap::Error {
        match super::super::Cli::try_parse_from(args) {
            Ok(_) => panic!("{args:?} parsed"),
            Err(err) => err,
        }
    }

    #[test]
    fn the_first_line_carries_our_prefix_and_the_usage_stays() {
        let text = render(&error_of(&["millectl", "--bogus", "whoami"]));
        assert!(
            text.starts_with("millectl: error: unexpected argument '--bogus'"),
            "{text}"
        );
        assert!(text.contains("\nUsage: "), "{text}");
        assert_eq!(text.matches("error:").count(), 1, "{text}");
    }

    #[test]
    fn a_10_kb_value_is_echoed_60_characters_long() {
        let long = "x".repeat(10_000);
        let err = error_of(&["millectl", "user", "show", "jan", "--millekod", &long]);
        let text = render(&err);
        assert!(text.starts_with("millectl: error: "), "{text}");
        assert!(text.len() < 1_000, "{} bytes: {text}", text.len());
        assert!(
            text.contains(&format!("{}…", "x".repeat(ECHO_LIMIT))),
            "{text}"
        );
        assert_eq!(exit_code(err.kind()), errors::INVALID_INPUT);
    }

    #[test]
    fn a_long_value_with_odd_characters_is_cut_too() {
        let long = "\"x\n".repeat(3_000);
        let text = render(&error_of(&[
            "millectl",
            "user",
            "show",
            "jan",
            "--millekod",
            &long,
        ]));
        assert!(
            text.lines().all(|l| l.chars().count() <= LINE_LIMIT + 1),
            "{text}"
        );
    }

    #[test]
    fn exit_codes_stay_as_they_were() {
        assert_eq!(exit_code(ErrorKind::DisplayHelp), 0);
        assert_eq!(exit_code(ErrorKind::DisplayVersion), 0);
        assert_eq!(exit_code(ErrorKind::UnknownArgument), 2);
        assert_eq!(exit_code(ErrorKind::MissingRequiredArgument), 2);
        assert_eq!(exit_code(ErrorKind::InvalidValue), 7);
        assert_eq!(exit_code(ErrorKind::ValueValidation), 7);
    }
}
