//! CSV that spreadsheets cannot turn into formulas (OWASP): free text that starts
//! with `=`, `+`, `-`, `@`, tab or CR gets a `'`; phones keep their `+`.

use crate::helpers::{run, TestEnv, MILLEKOD};

const HOSTILE: [&str; 4] = ["=HYPERLINK(\"http://x\",\"y\")", "@SUM(1)", "-2+3", "+cmd"];
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn provision(env: &TestEnv) {
    env.login_back_office("bo");
    let token = env.stored_token("bo").expect("back-office session");
    for (i, name) in HOSTILE.iter().enumerate() {
        let body = serde_json::json!({
            "login": format!("evil{i}"), "name": name, "auth_tool": "sms",
            "phone": format!("+4860123456{i}"),
        });
        let (status, answer) = env.api(
            "POST",
            &format!("/v1/companies/{MILLEKOD}/users"),
            &token,
            Some(body),
        );
        assert_eq!(status, 201, "{name}: {answer}");
    }
}

#[test]
fn user_list_csv_has_no_formula_and_keeps_phones() {
    let env = TestEnv::start();
    provision(&env);
    let (csv_text, _) = run(
        env.helpdesk_cmd()
            .args(["user", "list", "--millekod", MILLEKOD, "-o", "csv"]),
        0,
    );
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().expect("header").clone();
    let phone = headers
        .iter()
        .position(|h| h == "phone")
        .expect("phone column");
    let name = headers
        .iter()
        .position(|h| h == "name")
        .expect("name column");
    let mut names = Vec::new();
    let mut phones = 0;
    for record in reader.records() {
        let record = record.expect("a CSV row");
        for (i, cell) in record.iter().enumerate() {
            if i == phone {
                continue;
            }
            assert!(
                !cell.starts_with(TRIGGERS) || cell == "-",
                "column {} starts a formula: {cell:?}",
                &headers[i]
            );
        }
        if record[phone].starts_with("+48") {
            phones += 1;
        }
        names.push(record[name].to_owned());
    }
    for hostile in HOSTILE {
        assert!(
            names.contains(&format!("'{hostile}")),
            "{hostile} not in {names:?}"
        );
    }
    assert!(phones >= HOSTILE.len(), "phones lost their +48: {csv_text}");
}

#[test]
fn commands_without_rows_refuse_csv_with_exit_7() {
    let env = TestEnv::start();
    for args in [
        vec!["envelope", "anna", "--millekod", MILLEKOD],
        vec!["login", "--with-token"],
    ] {
        let (out, err) = run(env.helpdesk_cmd().args(&args).args(["-o", "csv"]), 7);
        assert_eq!(out, "", "{args:?}");
        assert!(
            err.contains("-o csv is not available for this command; use -o json"),
            "{args:?}: {err}"
        );
    }
    // Lists and records honour it.
    for args in [
        vec!["user", "list", "--millekod", MILLEKOD],
        vec!["user", "show", "anna", "--millekod", MILLEKOD],
        vec!["audit"],
        vec!["whoami"],
        vec!["config", "show"],
    ] {
        let (out, err) = run(env.helpdesk_cmd().args(&args).args(["-o", "csv"]), 0);
        let mut reader = csv::Reader::from_reader(out.as_bytes());
        assert!(reader.headers().is_ok(), "{args:?}: {out} {err}");
    }
    // Operators' lists too.
    env.login_operator("op");
    for args in [vec!["approvals"], vec!["api-token", "list"]] {
        let (out, err) = run(
            env.cmd()
                .args(["--profile", "op"])
                .args(&args)
                .args(["-o", "csv"]),
            0,
        );
        let mut reader = csv::Reader::from_reader(out.as_bytes());
        assert!(reader.headers().is_ok(), "{args:?}: {out} {err}");
    }
}
