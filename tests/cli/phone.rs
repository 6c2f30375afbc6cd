//! `phone set`: what people type becomes E.164; bad input changes nothing.

use serde_json::Value;

use crate::helpers::{run, TestEnv, MILLEKOD};

/// The phone number as HelpDesk sees it unmasked (`--reveal-phone`).
fn revealed_phone(env: &TestEnv, login: &str) -> Value {
    let (out, _) = run(
        env.helpdesk_cmd().args([
            "user",
            "show",
            login,
            "--millekod",
            MILLEKOD,
            "--reveal-phone",
            "-o",
            "json",
        ]),
        0,
    );
    serde_json::from_str::<Value>(&out).expect("JSON")["phone"].clone()
}

#[test]
fn the_three_ways_people_type_a_number_become_e164() {
    let env = TestEnv::start();
    let typed = [
        ("ewa", "601 234 500", "+48601234500"),
        ("marek", "+48601234501", "+48601234501"),
        ("anna", "0048 601-234-502", "+48601234502"),
    ];

    for (login, phone, e164) in typed {
        let (out, err) = run(
            env.helpdesk_cmd().args([
                "phone",
                "set",
                login,
                phone,
                "--millekod",
                MILLEKOD,
                "--yes",
            ]),
            0,
        );

        assert!(err.contains(&format!("set to {e164}")), "{err}");
        assert!(out.contains(&format!("phone\t{e164}\n")), "{out}");
        assert_eq!(revealed_phone(&env, login), e164);
    }
}

#[test]
fn a_number_pasted_in_full_width_digits_is_stored_as_typed() {
    let env = TestEnv::start();
    let (out, err) = run(
        env.helpdesk_cmd().args([
            "phone",
            "set",
            "ewa",
            "＋４８ ７２４ ４１３ ９２６",
            "--millekod",
            MILLEKOD,
            "--yes",
        ]),
        0,
    );
    assert!(err.contains("set to +48724413926"), "{err}");
    assert!(out.contains("phone\t+48724413926\n"), "{out}");
    assert_eq!(revealed_phone(&env, "ewa"), "+48724413926");

    // A letter O where a zero belongs: refused by name, nothing changed.
    let (_, err) = run(
        env.helpdesk_cmd().args([
            "phone",
            "set",
            "ewa",
            "6O1 234 567",
            "--millekod",
            MILLEKOD,
            "--yes",
        ]),
        7,
    );
    assert!(err.contains("the letter 'O'"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(revealed_phone(&env, "ewa"), "+48724413926");
}

#[test]
fn a_landline_or_garbage_is_exit_7_and_changes_nothing() {
    let env = TestEnv::start();
    let before = revealed_phone(&env, "ewa");

    for phone in ["22 123 45 67", "not a phone", "+48 601"] {
        let (_, err) = run(
            env.helpdesk_cmd().args([
                "phone",
                "set",
                "ewa",
                phone,
                "--millekod",
                MILLEKOD,
                "--yes",
            ]),
            7,
        );

        assert!(err.starts_with("millectl: error: "), "{err}");
        assert_eq!(revealed_phone(&env, "ewa"), before, "after {phone:?}");
    }
}

#[test]
fn an_unknown_user_is_exit_3() {
    let env = TestEnv::start();

    let (_, err) = run(
        env.helpdesk_cmd()
            .args([
                "phone",
                "set",
                "nikt",
                "601 234 567",
                "--millekod",
                MILLEKOD,
            ])
            .arg("--yes"),
        3,
    );

    assert!(err.contains("no user 'nikt' in MilleKod 12345678"), "{err}");
}

#[test]
fn a_non_numeric_millekod_is_exit_7() {
    let env = TestEnv::start();
    let before = revealed_phone(&env, "ewa");

    let (_, err) = run(
        env.helpdesk_cmd().args([
            "phone",
            "set",
            "ewa",
            "601 234 567",
            "--millekod",
            "12ab",
            "--yes",
        ]),
        7,
    );

    assert!(err.contains("12ab"), "{err}");
    assert_eq!(revealed_phone(&env, "ewa"), before);
}

#[test]
fn without_yes_and_without_a_terminal_it_refuses() {
    let env = TestEnv::start();
    let before = revealed_phone(&env, "ewa");

    let (_, err) = run(
        env.helpdesk_cmd()
            .args(["phone", "set", "ewa", "601 234 599", "--millekod", MILLEKOD]),
        2,
    );

    assert!(err.contains("--yes"), "{err}");
    assert_eq!(revealed_phone(&env, "ewa"), before);
}
