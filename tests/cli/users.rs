//! `user show` and `user list` in every output format, with snapshots of what people
//! (piped table) and scripts (JSON) get.

use serde_json::Value;
use time::format_description::well_known::Rfc3339;

use crate::helpers::{has_box_drawing, run, TestEnv, MILLEKOD};

/// A timestamp changes with every server start; the snapshot keeps that there was one.
fn normalize_text(text: &str) -> String {
    text.lines()
        .map(|line| {
            line.split('\t')
                // A time may stand inside a field too (`blocked_by`, issue 15).
                .map(|field| {
                    field
                        .split(' ')
                        .map(|word| match time::OffsetDateTime::parse(word, &Rfc3339) {
                            Ok(_) => "[timestamp]",
                            Err(_) => word,
                        })
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn normalize_json(value: &mut Value) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(normalize_json),
        Value::Object(fields) => {
            // `blocked_by` holds a time too (issue 15).
            if let Some(inner) = fields.get_mut("blocked_by") {
                normalize_json(inner);
            }
            for key in ["last_login_at", "blocked_at", "at"] {
                if let Some(field) = fields.get_mut(key) {
                    if let Some(text) = field.as_str() {
                        assert!(
                            time::OffsetDateTime::parse(text, &Rfc3339).is_ok(),
                            "{text}"
                        );
                        *field = Value::String("[timestamp]".into());
                    }
                }
            }
        }
        _ => {}
    }
}

#[test]
fn user_show_piped_is_tab_separated_without_box_drawing_or_color() {
    let env = TestEnv::start();

    let (out, _) = run(
        env.helpdesk_cmd()
            .args(["user", "show", "jan", "--millekod", MILLEKOD]),
        0,
    );

    assert!(out.contains("login\tjan\n"), "{out}");
    assert!(out.contains("status\tblocked\n"), "{out}");
    assert!(out.contains("phone\t+48******678\n"), "{out}");
    assert!(!has_box_drawing(&out), "{out}");
    assert!(!out.contains('\x1b'), "{out}");
    insta::assert_snapshot!("user_show_jan_table", normalize_text(&out));
}

#[test]
fn user_show_json_has_the_fields_of_the_api_user_view() {
    let env = TestEnv::start();

    let (out, _) = run(
        env.helpdesk_cmd()
            .args(["user", "show", "jan", "--millekod", MILLEKOD, "-o", "json"]),
        0,
    );

    let mut shown: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(shown, env.api_user(MILLEKOD, "jan"));
    normalize_json(&mut shown);
    insta::assert_json_snapshot!("user_show_jan_json", shown);
}

#[test]
fn user_show_csv_has_a_header_row() {
    let env = TestEnv::start();

    let (out, _) = run(
        env.helpdesk_cmd()
            .args(["user", "show", "ewa", "--millekod", MILLEKOD, "-o", "csv"]),
        0,
    );

    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let headers = reader.headers().expect("header row").clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(&headers[1], "login");
    assert_eq!(rows.len(), 1, "{out}");
    assert_eq!(&rows[0][1], "ewa");
    assert_eq!(&rows[0][3], "active");
}

#[test]
fn user_show_of_an_unknown_user_is_exit_3_naming_it() {
    let env = TestEnv::start();

    let (out, err) = run(
        env.helpdesk_cmd()
            .args(["user", "show", "nikt", "--millekod", MILLEKOD]),
        3,
    );

    assert!(out.is_empty(), "{out}");
    assert!(err.contains("no user 'nikt' in MilleKod 12345678"), "{err}");
}

#[test]
fn user_list_piped_is_one_tab_separated_line_per_user() {
    let env = TestEnv::start();

    let (out, _) = run(
        env.helpdesk_cmd()
            .args(["user", "list", "--millekod", MILLEKOD]),
        0,
    );

    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("millekod\tlogin\tname\tstatus"),
        "{out}"
    );
    assert_eq!(lines.len(), 6, "header + 5 demo users: {out}");
    assert!(
        lines.iter().skip(1).all(|l| l.split('\t').count() == 12),
        "{out}"
    );
    assert!(!has_box_drawing(&out), "{out}");
    assert!(!out.contains('\x1b'), "{out}");
    insta::assert_snapshot!("user_list_table", normalize_text(&out));
}

#[test]
fn user_list_json_and_blocked_filter() {
    let env = TestEnv::start();

    let (all, _) = run(
        env.helpdesk_cmd()
            .args(["user", "list", "--millekod", MILLEKOD, "-o", "json"]),
        0,
    );
    let (blocked, _) = run(
        env.helpdesk_cmd().args([
            "user",
            "list",
            "--millekod",
            MILLEKOD,
            "--blocked",
            "-o",
            "json",
        ]),
        0,
    );

    let mut all: Value = serde_json::from_str(&all).expect("JSON");
    let blocked: Value = serde_json::from_str(&blocked).expect("JSON");
    let (_, api) = env.api(
        "GET",
        "/v1/companies/12345678/users",
        &env.creds.api_token,
        None,
    );
    assert_eq!(all, api["users"]);
    let logins: Vec<&str> = blocked
        .as_array()
        .expect("array")
        .iter()
        .map(|u| u["login"].as_str().expect("login"))
        .collect();
    assert_eq!(logins, ["jan", "marek"]);
    normalize_json(&mut all);
    insta::assert_json_snapshot!("user_list_json", all);
}

#[test]
fn user_list_csv_has_a_header_and_a_row_per_user() {
    let env = TestEnv::start();

    let (out, _) = run(
        env.helpdesk_cmd()
            .args(["user", "list", "--millekod", MILLEKOD, "-o", "csv"]),
        0,
    );

    let mut reader = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(reader.headers().expect("header").len(), 12);
    let logins: Vec<String> = reader
        .records()
        .map(|r| r.expect("row")[1].to_owned())
        .collect();
    assert_eq!(logins, ["anna", "ewa", "jan", "marek", "piotr"]);
}

#[test]
fn a_co_user_lists_her_own_company_without_millekod() {
    let env = TestEnv::start();
    env.login_token_user(MILLEKOD, "anna", "default");

    let (out, _) = run(env.cmd().args(["user", "list", "-o", "json"]), 0);

    let users: Value = serde_json::from_str(&out).expect("JSON");
    let companies: Vec<&str> = users
        .as_array()
        .expect("array")
        .iter()
        .map(|u| u["millekod"].as_str().expect("millekod"))
        .collect();
    assert_eq!(companies, [MILLEKOD; 5]);
}
