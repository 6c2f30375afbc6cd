//! `--jq EXPR` (like `gh --jq`): filter the JSON a command would print, in process,
//! with jaq (a pure-Rust jq), so scripts need no `jq` installed.
//!
//! The expression is compiled once before any request is sent ([`check`]); a bad one is
//! invalid input (exit 7) with one line naming the problem. Each result is printed on
//! its own line: strings raw (no quotes, like `gh --jq` and `jq -r`), every other value
//! as compact JSON.

use std::io::Write;

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{data, unwrap_valr, Compiler, Ctx, Vars};
use jaq_json::Val;
use serde::Serialize;

use super::{Format, Output};

/// A `--jq` expression that does not compile, or fails on the data: one line, invalid
/// input (exit 7) for the CLI.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct JqError(pub String);

/// Compile `code`, or say in one line what is wrong with it.
pub fn check(code: &str) -> Result<(), JqError> {
    with_filter(code, |_| ())
}

/// Run `code` on `value` and print each result on its own line.
pub fn print(out: &mut dyn Write, code: &str, value: &impl Serialize) -> anyhow::Result<()> {
    let input = jaq_json::read::parse_single(&serde_json::to_vec(value)?)
        .map_err(|e| anyhow::anyhow!("--jq: the JSON to filter did not parse: {e}"))?;
    let mut failure = None;
    with_filter(code, |filter| {
        let ctx = Ctx::<data::JustLut<Val>>::new(&filter.lut, Vars::new([]));
        for result in filter.id.run((ctx, input)).map(unwrap_valr) {
            match result {
                Ok(Val::TStr(text)) => {
                    out.write_all(&text)?;
                    writeln!(out)?;
                }
                Ok(other) => writeln!(out, "{other}")?,
                Err(err) => {
                    failure = Some(JqError(format!("--jq {code:?}: {err}")));
                    break;
                }
            }
        }
        Ok(())
    })
    .map_err(anyhow::Error::from)
    .and_then(|r| r)?;
    match failure {
        Some(err) => Err(err.into()),
        None => Ok(()),
    }
}

type Filter = jaq_core::Filter<data::JustLut<Val>>;

/// Parse and compile `code` with the standard filters (`map`, `select`, `length`, …)
/// and hand the filter to `then`.
fn with_filter<R>(code: &str, then: impl FnOnce(&Filter) -> R) -> Result<R, JqError> {
    let defs = jaq_core::defs()
        .chain(jaq_std::defs())
        .chain(jaq_json::defs());
    let funs = jaq_core::funs()
        .chain(jaq_std::funs())
        .chain(jaq_json::funs());
    let arena = Arena::default();
    let modules = Loader::new(defs)
        .load(&arena, File { code, path: () })
        .map_err(|errors| {
            let why = errors
                .first()
                .map(|(_, err)| load_problem(err))
                .unwrap_or_else(|| "it does not parse".to_owned());
            JqError(format!("--jq {code:?}: {why}"))
        })?;
    let filter = Compiler::default()
        .with_funs(funs)
        .compile(modules)
        .map_err(|errors| {
            let why = errors
                .first()
                .and_then(|(_, errs)| errs.first())
                .map(|(name, undefined)| format!("undefined {} `{name}`", undefined.as_str()))
                .unwrap_or_else(|| "it does not compile".to_owned());
            JqError(format!("--jq {code:?}: {why}"))
        })?;
    Ok(then(&filter))
}

fn load_problem(err: &jaq_core::load::Error<&str>) -> String {
    use jaq_core::load::Error;
    let near = |rest: &str| {
        let rest: String = rest.chars().take(20).collect();
        if rest.is_empty() {
            "at the end".to_owned()
        } else {
            format!("at `{rest}`")
        }
    };
    match err {
        Error::Io(errs) => errs
            .first()
            .map(|(path, why)| format!("cannot load `{path}`: {why}"))
            .unwrap_or_else(|| "cannot load a module".to_owned()),
        Error::Lex(errs) => errs
            .first()
            .map(|(expect, rest)| format!("expected {} {}", expect.as_str(), near(rest)))
            .unwrap_or_else(|| "it does not parse".to_owned()),
        Error::Parse(errs) => errs
            .first()
            .map(|(expect, rest)| format!("expected {} {}", expect.as_str(), near(rest)))
            .unwrap_or_else(|| "it does not parse".to_owned()),
    }
}

impl Output {
    /// Print `value` as a command's JSON output: pretty, or through `--jq`.
    /// Every command that prints JSON outside [`Output::record`]/[`Output::list`] calls
    /// this, so `--jq` works everywhere JSON does.
    pub fn json(&self, out: &mut dyn Write, value: &impl Serialize) -> anyhow::Result<()> {
        match &self.jq {
            Some(code) => print(out, code, value),
            None => {
                serde_json::to_writer_pretty(&mut *out, value)?;
                writeln!(out)?;
                Ok(())
            }
        }
    }

    /// `-o json` or `--jq`: a command that has JSON of its own prints it.
    pub fn wants_json(&self) -> bool {
        self.format == Format::Json
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(code: &str, value: serde_json::Value) -> String {
        let mut out = Vec::new();
        print(&mut out, code, &value).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_are_raw_other_values_compact_json() {
        let users =
            json!([{"login": "anna", "status": "active"}, {"login": "bob", "status": "blocked"}]);
        assert_eq!(run(".[0].login", users.clone()), "anna\n");
        assert_eq!(
            run("map(.status)", users.clone()),
            "[\"active\",\"blocked\"]\n"
        );
        assert_eq!(run("length", users.clone()), "2\n");
        assert_eq!(
            run(".[] | select(.status == \"blocked\") | .login", users),
            "bob\n"
        );
    }

    #[test]
    fn bad_expressions_are_invalid_input_in_one_line() {
        for code in [".[", "nosuchfilter", "map(", "$x", ".a |"] {
            let err = check(code).unwrap_err();
            assert!(!err.0.contains('\n'), "{}", err.0);
            assert!(err.0.starts_with("--jq"), "{}", err.0);
        }
    }
}
