//! `--jq EXPR`: the same values as `-o json` filtered by the same expression, strings
//! raw; a bad expression is exit 7 before any request.

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{data, unwrap_valr, Compiler, Ctx, Vars};
use jaq_json::Val;

use crate::helpers::{run, SpyServer, TestEnv, MILLEKOD};

/// What `jq -r EXPR` prints for `json`, computed in the test with jaq.
fn expected(code: &str, json: &str) -> String {
    let defs = jaq_core::defs()
        .chain(jaq_std::defs())
        .chain(jaq_json::defs());
    let funs = jaq_core::funs()
        .chain(jaq_std::funs())
        .chain(jaq_json::funs());
    let arena = Arena::default();
    let modules = Loader::new(defs)
        .load(&arena, File { code, path: () })
        .expect("parses");
    let filter = Compiler::default()
        .with_funs(funs)
        .compile(modules)
        .expect("compiles");
    let input = jaq_json::read::parse_single(json.as_bytes()).expect("JSON");
    let ctx = Ctx::<data::JustLut<Val>>::new(&filter.lut, Vars::new([]));
    let mut text = String::new();
    for value in filter.id.run((ctx, input)).map(unwrap_valr) {
        match value.expect("runs") {
            Val::TStr(s) => text.push_str(&String::from_utf8_lossy(&s)),
            other => text.push_str(&other.to_string()),
        }
        text.push('\n');
    }
    text
}

#[test]
fn jq_equals_json_piped_through_the_same_expression() {
    let env = TestEnv::start();
    let list = ["user", "list", "--millekod", MILLEKOD];
    let (json, _) = run(env.helpdesk_cmd().args(list).args(["-o", "json"]), 0);
    for code in [
        ".[0].login",
        "map(.status)",
        ".[] | select(.status==\"blocked\") | .login",
        "length",
        "map({login, status})",
    ] {
        let (out, err) = run(env.helpdesk_cmd().args(list).args(["--jq", code]), 0);
        assert_eq!(out, expected(code, &json), "{code}: {err}");
    }
    assert_eq!(
        run(
            env.helpdesk_cmd().args(list).args(["--jq", "map(.status)"]),
            0
        )
        .0,
        expected("map(.status)", &json)
    );

    let (json, _) = run(env.helpdesk_cmd().args(["audit", "-o", "json"]), 0);
    for code in [".[0].action", "map(.outcome) | unique", "length"] {
        let (out, _) = run(env.helpdesk_cmd().args(["audit", "--jq", code]), 0);
        assert_eq!(out, expected(code, &json), "{code}");
    }

    let (json, _) = run(
        env.helpdesk_cmd()
            .args(["user", "show", "anna", "--millekod", MILLEKOD, "-o", "json"]),
        0,
    );
    let (out, _) = run(
        env.helpdesk_cmd().args([
            "user",
            "show",
            "anna",
            "--millekod",
            MILLEKOD,
            "--jq",
            ".login",
        ]),
        0,
    );
    assert_eq!(out, expected(".login", &json));
    assert_eq!(out, "anna\n");
}

#[test]
fn a_bad_expression_is_exit_7_in_one_line_and_nothing_is_sent() {
    let spy = SpyServer::start();
    let env = TestEnv::start();
    for code in [".[", "nosuchfilter", "map(", ".a |", "$undefined"] {
        let (out, err) = run(
            env.cmd_without_server()
                .args(["--server", &spy.url, "--jq", code])
                .args(["user", "list", "--millekod", MILLEKOD])
                .env("MILLECTL_TOKEN", "mct_not_a_real_token"),
            7,
        );
        assert_eq!(out, "", "{code}");
        assert_eq!(err.lines().count(), 1, "{code}: {err}");
        assert!(err.contains("--jq"), "{code}: {err}");
    }
    assert!(
        spy.heads().is_empty(),
        "a request was sent: {:?}",
        spy.heads()
    );
}

#[test]
fn a_filter_that_fails_on_the_data_is_exit_7() {
    let env = TestEnv::start();
    let (out, err) = run(
        env.helpdesk_cmd()
            .args(["user", "list", "--millekod", MILLEKOD, "--jq", ".login"]),
        7,
    );
    assert_eq!(out, "");
    assert_eq!(err.lines().count(), 1, "{err}");
}
