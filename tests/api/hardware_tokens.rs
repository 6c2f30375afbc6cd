//! Token seeds never pass through HelpDesk hands (issue 11, item 2): back-office loads
//! the vendor's PSKC inventory, tokens are assigned by serial, a withdrawn serial is
//! never assigned again, and each change ends the user's challenges and sessions.
//! The attack it stops: an operator assigned a seed of their choosing and logged in
//! with its codes.

use millectl::domain::otp::TotpSecret;
use millectl::domain::pskc::{self, PskcToken};
use millectl::domain::transport_key::TransportKey;
use reqwest::Method;
use serde_json::json;

use crate::helpers::*;

const KOD: &str = "12345678";

/// A vendor's PSKC file of `serials`, under the dev server's transport key; the seeds.
fn inventory_file(server: &TestServer, serials: &[&str]) -> (Vec<u8>, Vec<String>) {
    let key = TransportKey::load_file(&server.dir.path().join("token-transport.key"))
        .expect("the dev transport key");
    let seeds: Vec<TotpSecret> = serials.iter().map(|_| TotpSecret::generate()).collect();
    let tokens: Vec<PskcToken> = serials
        .iter()
        .zip(&seeds)
        .map(|(serial, seed)| PskcToken {
            serial: serial.to_string(),
            seed: zeroize::Zeroizing::new(seed.as_bytes().to_vec()),
            digits: 6,
            period_s: 30,
        })
        .collect();
    let xml = pskc::write(&tokens, key.as_bytes(), "Pre-shared-key");
    let seeds = seeds.iter().map(|s| s.to_base32().to_string()).collect();
    (xml.into_bytes(), seeds)
}

async fn load(api: &Api, xml: Vec<u8>) -> Answer {
    api.send_raw(
        Method::POST,
        "/v1/token-inventory",
        "application/pskc+xml",
        xml,
    )
    .await
}

#[tokio::test]
async fn back_office_loads_tokens_and_nobody_supplies_a_seed() {
    on_every_db(async |server| {
        let (xml, seeds) = inventory_file(&server, &["VN-0001", "VN-0002"]);
        // HelpDesk, its token and a co-user cannot load an inventory.
        let operator = server.login_operator().await;
        for who in [
            operator.clone(),
            server.helpdesk_token(),
            server.login_user(KOD, "ewa").await,
        ] {
            load(&who, xml.clone())
                .await
                .expect_problem(403, "forbidden");
        }
        let back_office = server.login_back_office().await;
        let answer = load(&back_office, xml.clone()).await;
        assert_eq!(answer.status.as_u16(), 201, "{}", answer.body);
        assert_eq!(answer.body, json!({"in_file": 2, "loaded": 2}));
        // Loading the same file again adds nothing; a tampered one is refused whole.
        let again = load(&back_office, xml.clone()).await;
        assert_eq!(again.body["loaded"], 0, "{}", again.body);
        let mut tampered = String::from_utf8(xml).expect("utf-8");
        let at = tampered.find("<xenc:CipherValue>").expect("a cipher value") + 20;
        tampered.replace_range(
            at..at + 1,
            if &tampered[at..at + 1] == "A" {
                "B"
            } else {
                "A"
            },
        );
        load(&back_office, tampered.into_bytes())
            .await
            .expect_problem(400, "invalid_input");
        // No seed in any answer, and none accepted from an operator.
        let with_seed = json!({"serial": "VN-0001", "seed_base32": seeds[0]});
        operator
            .put(&format!("/v1/companies/{KOD}/users/ewa/token"), with_seed)
            .await
            .expect_problem(400, "malformed_request");
        let listed = operator.get("/v1/token-inventory").await;
        listed.expect_ok();
        assert!(!listed.body.to_string().contains(&seeds[0]));

        // Assigned by serial, the vendor's seed works for ewa; the old token is gone.
        let ewa = server.login_user(KOD, "ewa").await;
        operator
            .put(
                &format!("/v1/companies/{KOD}/users/ewa/token"),
                json!({"serial": "VN-0001", "reason": "new token"}),
            )
            .await
            .expect_ok();
        ewa.get("/v1/me")
            .await
            .expect_problem(401, "unauthenticated");
        let api = server.api();
        let password = server.user(KOD, "ewa").password.expect("password");
        let challenge = api.start_login(Some(KOD), "ewa").await;
        assert_eq!(challenge.otp_method.as_str(), "token");
        api.complete_login(
            &challenge.challenge_id,
            &login_answer(&challenge, &password, &totp_code(&seeds[0], 0)),
        )
        .await
        .expect_ok();
        // The same serial cannot go to anyone else.
        operator
            .put(
                &format!("/v1/companies/{KOD}/users/jan/token"),
                json!({"serial": "VN-0001"}),
            )
            .await
            .expect_problem(409, "conflict");
    })
    .await;
}

#[tokio::test]
async fn a_withdrawn_token_is_gone_for_good_and_the_user_goes_back_to_sms() {
    on_every_db(async |server| {
        let operator = server.login_operator().await;
        let serial = server.creds.inventory[0].serial.clone();
        let path = format!("/v1/companies/{KOD}/users/ewa/token");
        operator
            .put(&path, json!({"serial": serial}))
            .await
            .expect_ok();
        let withdrawn = operator
            .post(&format!("{path}/withdraw"), json!({"because": "lost"}))
            .await;
        withdrawn.expect_ok();
        assert_eq!(withdrawn.body["auth_tool"], "sms", "ewa has a phone");
        // Never again, for anyone; and nothing left to withdraw.
        operator
            .put(
                &format!("/v1/companies/{KOD}/users/jan/token"),
                json!({"serial": serial}),
            )
            .await
            .expect_problem(409, "conflict");
        operator
            .post(&format!("{path}/withdraw"), json!({"because": "lost"}))
            .await
            .expect_problem(409, "conflict");
        // anna's token (from before the inventory) withdrawn: its serial is marked too.
        let anna_serial = operator
            .get(&format!("/v1/companies/{KOD}/users/anna"))
            .await;
        anna_serial.expect_ok();
        operator
            .post(
                &format!("/v1/companies/{KOD}/users/anna/token/withdraw"),
                json!({"because": "broken"}),
            )
            .await
            .expect_ok();
        let audit = server.audit_records("&login=ewa").await;
        assert!(audit.iter().any(|r| r["action"] == "token.withdraw"
            && r["detail"].as_str().unwrap_or("").contains("lost")));
    })
    .await;
}
