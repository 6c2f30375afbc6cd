//! `millectl server --config FILE` (or `MILLECTL_CONFIG`): every setting of the server
//! in one TOML file, each key the long name of a flag (`listen = "0.0.0.0:8443"`,
//! `max-connections = 4096`, `trusted-proxy = ["10.0.0.0/8"]`, `insecure-http = true`).
//!
//! Why the file becomes command-line arguments: the keys *are* the flags, found in the
//! clap definition of `server`, so a flag added tomorrow is a key at once, with the same
//! parser, range, `requires` and `conflicts_with` — nothing here lists a setting. (The
//! other way, a file value as the flag's default, keeps clap's precedence for free but
//! loses its checks: clap counts a default as absent, so `tls-cert` without `tls-key`
//! would pass unnoticed.) ripgrep reads its config file the same way, as arguments.
//!
//! Precedence, flag > environment > file > built-in default: a file setting is added
//! to argv only for a flag argv and its environment variable left unset. Every value
//! of the file is checked all the same, overridden or not, so a file that works today
//! does not break the day the override goes.
//!
//! Secrets are never read from the file (DESIGN.md, R12): a key that names a secret
//! whose flag takes a file (`pepper` for `pepper-file`) is refused, and so is a URL
//! with a password in it (`postgres://user:password@…`). Paths to secret files are
//! fine; the secrets come by those files or by the environment (`MILLECTL_PEPPER`, …).

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::parser::ValueSource;
use clap::{ArgAction, ArgMatches, CommandFactory};

use crate::cli::errors::CliError;
use crate::cli::Cli;

/// The flags of `millectl server` that are not settings.
const NOT_SETTINGS: &[&str] = &["config", "help", "version"];

/// A config file read and its keys found among the server's flags.
#[derive(Debug)]
pub struct ConfigFile {
    path: PathBuf,
    /// (flag's id, its arguments as they would be typed).
    settings: Vec<(String, Vec<OsString>)>,
}

impl ConfigFile {
    /// Read `path`: TOML whose every key is a server flag and whose values have the
    /// flag's shape. The values themselves are checked by [`ConfigFile::check`].
    pub fn read(path: &Path) -> Result<Self, CliError> {
        let error = |message: String| config_error(path, message);
        let text = std::fs::read_to_string(path).map_err(|e| error(format!("{e}")))?;
        let table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| error(e.to_string().trim_end().replace('\n', "\n  ")))?;
        let command = Cli::command();
        let server = command
            .find_subcommand("server")
            .ok_or_else(|| error("no server command in this build".into()))?;
        let flags: Vec<&clap::Arg> = server
            .get_arguments()
            .filter(|a| !a.is_positional() && !NOT_SETTINGS.contains(&a.get_id().as_str()))
            .collect();
        let mut settings = Vec::new();
        for (key, value) in &table {
            let Some(flag) = flags.iter().find(|a| named(a, key)) else {
                return Err(error(unknown_key(key, &flags)));
            };
            let args = arguments(key, flag, value).map_err(error)?;
            settings.push((flag.get_id().to_string(), args));
        }
        Ok(Self {
            path: path.to_owned(),
            settings,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Check the file's values as clap checks the flags: alone, as if every setting
    /// were given on the command line. `whole` also refuses what the file leaves to
    /// other flags (`tls-cert` without `tls-key`), as `server config check` does; a
    /// start looks only at the values, since argv may bring the rest.
    pub fn check(&self, whole: bool) -> Result<(), CliError> {
        let mut argv: Vec<OsString> = vec!["millectl".into(), "server".into()];
        argv.extend(
            self.settings
                .iter()
                .flat_map(|(_, args)| args.iter().cloned()),
        );
        match crate::cli::built(Cli::command()).try_get_matches_from(argv) {
            Ok(_) => Ok(()),
            Err(err) if whole || is_value_error(err.kind()) => Err(self.clap_error(&err)),
            Err(_) => Ok(()),
        }
    }

    /// `argv` with the file's settings added for every flag that neither argv nor
    /// the flag's environment variable set (`server` is what argv's matches say of
    /// `millectl server`).
    pub fn merged(&self, argv: &[OsString], server: &ArgMatches) -> Result<ArgMatches, CliError> {
        let mut merged = argv.to_vec();
        for (id, args) in &self.settings {
            let given = matches!(
                server.value_source(id),
                Some(ValueSource::CommandLine | ValueSource::EnvVariable)
            );
            if !given {
                merged.extend(args.iter().cloned());
            }
        }
        crate::cli::built(Cli::command())
            .try_get_matches_from(merged)
            .map_err(|err| self.clap_error(&err))
    }

    /// clap's error about a setting, in the file's words: the key, the value, why.
    fn clap_error(&self, err: &clap::Error) -> CliError {
        let flag = match err.get(ContextKind::InvalidArg) {
            Some(ContextValue::String(flag)) => Some(flag.as_str()),
            _ => None,
        };
        let key = flag.and_then(|f| f.strip_prefix("--")).map(|f| {
            f.split([' ', '=', '<'])
                .next()
                .unwrap_or_default()
                .to_owned()
        });
        let value = match err.get(ContextKind::InvalidValue) {
            Some(ContextValue::String(value)) => Some(value.as_str()),
            _ => None,
        };
        let message = match (key, value, is_value_error(err.kind())) {
            (Some(key), Some(value), true) => {
                let why = match (
                    std::error::Error::source(err),
                    err.get(ContextKind::ValidValue),
                ) {
                    (Some(source), _) => source.to_string(),
                    (None, Some(ContextValue::Strings(valid))) => {
                        format!("one of {} expected", valid.join(", "))
                    }
                    _ => "not accepted".to_owned(),
                };
                format!("key \"{key}\": invalid value \"{value}\": {why}")
            }
            _ => clap_message(err),
        };
        config_error(&self.path, message)
    }
}

/// `config FILE: …`: whatever is wrong with a file, it is invalid input (exit 7).
fn config_error(path: &Path, message: String) -> CliError {
    CliError::invalid(format!("config {}: {message}", path.display()))
}

fn is_value_error(kind: ErrorKind) -> bool {
    matches!(kind, ErrorKind::ValueValidation | ErrorKind::InvalidValue)
}

/// clap's message on one line, without its `error:`, usage and tip.
fn clap_message(err: &clap::Error) -> String {
    let text = err.render().to_string();
    let text = text.split("\n\n").next().unwrap_or_default();
    let text = text.strip_prefix("error: ").unwrap_or(text);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `key` is the flag's long name or one of its visible aliases
/// (`metrics-listen` for `management-listen`).
fn named(flag: &clap::Arg, key: &str) -> bool {
    flag.get_long() == Some(key)
        || flag
            .get_visible_aliases()
            .is_some_and(|aliases| aliases.contains(&key))
}

/// An unknown key, or one that would hold a secret, which is worse.
fn unknown_key(key: &str, flags: &[&clap::Arg]) -> String {
    let file_flag = format!("{key}-file");
    if flags
        .iter()
        .any(|a| a.get_long() == Some(file_flag.as_str()))
    {
        return format!(
            "key \"{key}\" would hold a secret, and secrets are never read from a config \
             file: give the path of a file holding it ({file_flag} = \"PATH\") or set its \
             environment variable"
        );
    }
    let mut known: Vec<&str> = flags.iter().filter_map(|a| a.get_long()).collect();
    known.sort_unstable();
    format!("unknown key \"{key}\" (known: {})", known.join(", "))
}

/// The command-line arguments one setting stands for.
fn arguments(key: &str, flag: &clap::Arg, value: &toml::Value) -> Result<Vec<OsString>, String> {
    let switch = || OsString::from(format!("--{key}"));
    match (flag.get_action(), value) {
        (ArgAction::SetTrue, toml::Value::Boolean(on)) => {
            Ok(if *on { vec![switch()] } else { Vec::new() })
        }
        (ArgAction::SetTrue | ArgAction::SetFalse, _) => {
            Err(format!("key \"{key}\": true or false expected"))
        }
        (ArgAction::Count, toml::Value::Integer(n)) if (0..=255).contains(n) => {
            Ok(vec![switch(); *n as usize])
        }
        (ArgAction::Count, _) => Err(format!("key \"{key}\": a count (0-255) expected")),
        (ArgAction::Append, toml::Value::Array(items)) => items
            .iter()
            .map(|item| scalar(key, item).map(|v| with_flag(key, &v)))
            .collect(),
        (_, toml::Value::Array(_)) => Err(format!("key \"{key}\": one value expected, not a list")),
        (_, value) => Ok(vec![with_flag(key, &scalar(key, value)?)]),
    }
}

/// `--key=value`: one argument, so a value that begins with `-` is a value.
fn with_flag(key: &str, value: &str) -> OsString {
    OsString::from(format!("--{key}={value}"))
}

/// A string, number or boolean as typed on a command line; a URL with a password in it
/// is refused.
fn scalar(key: &str, value: &toml::Value) -> Result<String, String> {
    let text = match value {
        toml::Value::String(text) => text.clone(),
        toml::Value::Integer(n) => n.to_string(),
        toml::Value::Float(x) => x.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Datetime(_) | toml::Value::Array(_) | toml::Value::Table(_) => {
            return Err(format!(
                "key \"{key}\": a string, a number or true/false expected"
            ))
        }
    };
    if reqwest::Url::parse(&text).is_ok_and(|url| url.password().is_some()) {
        return Err(format!(
            "key \"{key}\": the URL holds a password, and secrets are never read from a \
             config file: leave the password out and give it by the environment \
             (PGPASSWORD for PostgreSQL) or give the whole URL by the flag's variable"
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<ConfigFile, CliError> {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("server.toml");
        std::fs::write(&path, text).expect("write");
        ConfigFile::read(&path)
    }

    fn refusal(text: &str) -> String {
        match read(text).and_then(|file| file.check(true).map(|()| file)) {
            Ok(file) => panic!("accepted: {file:?}"),
            Err(err) => {
                assert_eq!(err.code, crate::cli::errors::INVALID_INPUT, "{err}");
                err.message
            }
        }
    }

    #[test]
    fn keys_are_the_long_flags_and_lists_repeat_them() {
        let file = read(
            "listen = \"0.0.0.0:8443\"\nmax-connections = 4096\ninsecure-http = true\n\
             require-reason = false\ntrusted-proxy = [\"10.0.0.0/8\", \"192.0.2.1\"]\n",
        )
        .expect("read");
        file.check(true).expect("valid");
        let mut args: Vec<OsString> = file.settings.into_iter().flat_map(|(_, a)| a).collect();
        args.sort();
        assert_eq!(
            args,
            [
                "--insecure-http",
                "--listen=0.0.0.0:8443",
                "--max-connections=4096",
                "--trusted-proxy=10.0.0.0/8",
                "--trusted-proxy=192.0.2.1",
            ]
            .map(OsString::from)
        );
    }

    #[test]
    fn a_visible_alias_is_a_key_too_and_a_bare_port_is_checked_like_the_flag() {
        let file = read("metrics-listen = \"9464\"\n").expect("read");
        file.check(true).expect("valid");
        let args: Vec<OsString> = file.settings.into_iter().flat_map(|(_, a)| a).collect();
        assert_eq!(args, [OsString::from("--metrics-listen=9464")]);
        // Named by the flag's long name, which the file may use as well.
        let message = refusal("metrics-listen = \"nine\"\n");
        assert!(message.contains("key \"management-listen\""), "{message}");
        assert!(
            message.contains("\"nine\" is neither ADDR:PORT"),
            "{message}"
        );
    }

    #[test]
    fn an_unknown_key_is_named_with_the_known_ones() {
        let message = refusal("lisen = \"0.0.0.0:8443\"\n");
        assert!(message.contains("unknown key \"lisen\""), "{message}");
        assert!(message.contains("listen, lockout-limit"), "{message}");
        assert!(!message.contains("known: config"), "{message}");
    }

    #[test]
    fn a_bad_value_names_its_key_value_and_reason() {
        let message = refusal("max-connections = \"x\"\n");
        assert!(
            message.ends_with(
                "key \"max-connections\": invalid value \"x\": invalid digit found in string"
            ),
            "{message}"
        );
        let message = refusal("lockout-limit = 6\n");
        assert!(
            message.contains("key \"lockout-limit\": invalid value \"6\""),
            "{message}"
        );
        let message = refusal("forwarded-header = \"via\"\ntrusted-proxy = [\"10.0.0.0/8\"]\n");
        assert!(message.contains("key \"forwarded-header\""), "{message}");
        let message = refusal("insecure-http = \"yes\"\n");
        assert!(message.contains("true or false expected"), "{message}");
        let message = refusal("listen = [\"127.0.0.1:1\"]\n");
        assert!(message.contains("one value expected"), "{message}");
    }

    #[test]
    fn secrets_are_refused_and_their_files_are_not() {
        let message = refusal("pepper = \"00112233\"\n");
        assert!(
            message.contains("key \"pepper\" would hold a secret"),
            "{message}"
        );
        assert!(!message.contains("00112233"), "{message}");
        let message = refusal("mask-key-pkcs11-pin = \"1234\"\n");
        assert!(message.contains("mask-key-pkcs11-pin-file"), "{message}");
        let message = refusal("database = \"postgres://bank:hunter22@db/auth\"\n");
        assert!(message.contains("holds a password"), "{message}");
        assert!(!message.contains("hunter22"), "{message}");
        read("pepper-file = \"/etc/millectl/pepper\"\ndatabase = \"postgres://bank@db/auth\"\n")
            .expect("paths and a URL without a password")
            .check(true)
            .expect("valid");
    }

    #[test]
    fn what_the_file_leaves_out_is_refused_by_check_only() {
        let file = read("tls-cert = \"/etc/tls/cert.pem\"\n").expect("read");
        file.check(false).expect("argv may bring --tls-key");
        let err = file.check(true).expect_err("incomplete");
        assert!(err.message.contains("--tls-key"), "{}", err.message);
    }

    #[test]
    fn broken_toml_says_where() {
        let message = refusal("listen = \n");
        assert!(message.contains("line 1"), "{message}");
    }
}
