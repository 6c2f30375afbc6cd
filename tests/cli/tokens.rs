//! `millectl token load|list|assign|withdraw` (issue 11): back-office loads a vendor
//! file, HelpDesk assigns by serial and withdraws; no command takes or prints a seed.

use millectl::domain::otp::TotpSecret;
use millectl::domain::pskc::{self, PskcToken};
use millectl::domain::transport_key::TransportKey;

use crate::helpers::{run, TestEnv, MILLEKOD};

#[test]
fn back_office_loads_helpdesk_assigns_by_serial_and_withdraws() {
    let env = TestEnv::start();
    let key = TransportKey::load_file(&env.data_dir.path().join("token-transport.key"))
        .expect("the dev transport key");
    let seed = TotpSecret::generate();
    let token = PskcToken {
        serial: "CLI-0001".into(),
        seed: zeroize::Zeroizing::new(seed.as_bytes().to_vec()),
        digits: 6,
        period_s: 30,
    };
    let file = env.write_file("vendor.pskc", pskc::write(&[token], key.as_bytes(), "psk"));
    let file = file.display().to_string();

    // HelpDesk cannot load an inventory; back-office can.
    run(env.helpdesk_cmd().args(["token", "load", &file]), 5);
    env.login_back_office("bo");
    let (_, err) = run(
        env.cmd().args(["--profile", "bo", "token", "load", &file]),
        0,
    );
    assert!(err.contains("1 of 1 tokens"), "{err}");

    // Provisioning needs an operator's session (a batch token cannot).
    env.login_operator("op");
    let op = |args: &[&str]| {
        let mut cmd = env.cmd();
        cmd.args(["--profile", "op"]).args(args);
        cmd
    };
    let (out, _) = run(&mut op(&["token", "list"]), 0);
    assert!(out.contains("CLI-0001"), "{out}");
    let (out, _) = run(
        &mut op(&[
            "token",
            "assign",
            "ewa",
            "CLI-0001",
            "--millekod",
            MILLEKOD,
            "--yes",
        ]),
        0,
    );
    assert!(out.contains("auth_tool\ttoken"), "{out}");
    assert!(!out.contains(seed.to_base32().as_str()), "{out}");

    let (out, _) = run(
        &mut op(&[
            "token",
            "withdraw",
            "ewa",
            "--because",
            "lost",
            "--millekod",
            MILLEKOD,
            "--yes",
        ]),
        0,
    );
    assert!(out.contains("auth_tool\tsms"), "{out}");
    // Gone for good: assigning it again is a conflict (exit 6).
    run(
        &mut op(&[
            "token",
            "assign",
            "jan",
            "CLI-0001",
            "--millekod",
            MILLEKOD,
            "--yes",
        ]),
        6,
    );
}
