//! `parse` against `write`, against a fixture in the RFC's layout, against RFC 6030's own
//! Figure 6, and against every way a file can be wrong.

use proptest::prelude::*;
use zeroize::Zeroizing;

use super::*;

const KEY: [u8; 16] = *b"0123456789abcdef";

/// The transport key of `tests/fixtures/pskc-two-tokens.xml`.
const FIXTURE_KEY: [u8; 16] = *b"millectl-fixture";
const FIXTURE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/pskc-two-tokens.xml"
));
/// RFC 6030 Figure 6, under the pre-shared key 12345678901234567890123456789012 (hex).
const RFC6030_FIGURE6: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/pskc-rfc6030-figure6.xml"
));

fn token(serial: &str, seed: &[u8], digits: u8, period_s: u32) -> PskcToken {
    PskcToken {
        serial: serial.to_owned(),
        seed: Zeroizing::new(seed.to_vec()),
        digits,
        period_s,
    }
}

/// The fixture's tokens: RFC 6238's SHA-1 seed and its 32-byte seed.
fn fixture_tokens() -> Vec<PskcToken> {
    vec![
        token("MT-00000001", b"12345678901234567890", 6, 30),
        token("MT-00000002", b"12345678901234567890123456789012", 8, 60),
    ]
}

fn inventory() -> String {
    write(&fixture_tokens(), &KEY, "Pre-shared-key")
}

fn refusal(xml: &str) -> PskcError {
    parse(xml.as_bytes(), &KEY).expect_err("the inventory should be refused")
}

fn key_problem(error: PskcError) -> (KeyPackageAt, KeyProblem) {
    match error {
        PskcError::KeyPackage { at, problem } => (at, problem),
        other => panic!("expected a KeyPackage problem, got {other}"),
    }
}

/// The `n`th (from 0) text between `open` and `close`, as a byte range of `xml`.
fn nth_between(xml: &str, open: &str, close: &str, n: usize) -> std::ops::Range<usize> {
    let start = xml.match_indices(open).nth(n).expect("open tag").0 + open.len();
    let end = start + xml[start..].find(close).expect("close tag");
    start..end
}

/// Flip one base64 character in the middle of a value, keeping it base64.
fn tamper(xml: &str, range: std::ops::Range<usize>) -> String {
    let at = range.start + 6;
    let replacement = if &xml[at..=at] == "A" { "B" } else { "A" };
    format!("{}{replacement}{}", &xml[..at], &xml[at + 1..])
}

#[test]
fn round_trip_keeps_every_field() {
    let tokens = vec![
        token("MT-1", &[7u8; 20], 6, 30),
        token("MT-2", &[8u8; 32], 8, 60),
        token("abc-XYZ-0123456789-0123456789-01", &[9u8; 64], 8, 30),
        token("4", &[10u8; 16], 6, 300),
    ];

    let parsed = parse(write(&tokens, &KEY, "Pre-shared-key").as_bytes(), &KEY).unwrap();

    assert_eq!(parsed.len(), tokens.len());
    for (got, want) in parsed.iter().zip(&tokens) {
        assert_eq!(got.serial, want.serial);
        assert_eq!(*got.seed, *want.seed);
        assert_eq!(got.digits, want.digits);
        assert_eq!(got.period_s, want.period_s);
    }
}

#[test]
fn write_uses_fresh_ivs_and_mac_keys() {
    assert_ne!(inventory(), inventory());
}

#[test]
fn write_escapes_the_key_name() {
    let xml = write(&fixture_tokens(), &KEY, "bank & <vendor>");

    assert!(xml.contains("<ds:KeyName>bank &amp; &lt;vendor&gt;</ds:KeyName>"));
    assert_eq!(parse(xml.as_bytes(), &KEY).unwrap().len(), 2);
}

#[test]
fn debug_redacts_the_seed() {
    let shown = format!("{:?}", token("MT-1", b"SEEDSEEDSEEDSEEDSEED", 6, 30));

    assert!(shown.contains("(redacted)"), "{shown}");
    assert!(
        !shown.contains("SEED") && !shown.contains("83, 69"),
        "{shown}"
    );
}

#[test]
fn the_fixture_in_the_rfc_layout_parses() {
    let parsed = parse(FIXTURE.as_bytes(), &FIXTURE_KEY).unwrap();

    assert_eq!(parsed.len(), 2);
    for (got, want) in parsed.iter().zip(fixture_tokens()) {
        assert_eq!(got.serial, want.serial);
        assert_eq!(*got.seed, *want.seed);
        assert_eq!((got.digits, got.period_s), (want.digits, want.period_s));
    }
}

#[test]
fn rfc6030_figure6_decrypts_to_the_rfc_secret() {
    let preshared: [u8; 16] = hex::decode("12345678901234567890123456789012")
        .unwrap()
        .try_into()
        .unwrap();

    // As published, its key is HOTP, which we refuse by name after the header decrypted.
    let (at, problem) = key_problem(parse(RFC6030_FIGURE6.as_bytes(), &preshared).unwrap_err());
    assert_eq!(at.serial.as_deref(), Some("987654321"));
    assert_eq!(
        problem,
        KeyProblem::NotTotp("urn:ietf:params:xml:ns:keyprov:pskc:hotp".into())
    );

    // The ValueMAC covers the encrypted secret alone, so the same key as TOTP verifies and
    // decrypts to the secret the RFC states, 3132333435363738393031323334353637383930.
    let as_totp = RFC6030_FIGURE6.replace("pskc:hotp", "pskc:totp");
    let parsed = parse(as_totp.as_bytes(), &preshared).unwrap();
    assert_eq!(parsed.len(), 1);
    assert_eq!(parsed[0].serial, "987654321");
    assert_eq!(parsed[0].seed.as_slice(), b"12345678901234567890");
    assert_eq!((parsed[0].digits, parsed[0].period_s), (8, 30));

    let wrong = [0x12; 16];
    assert!(parse(as_totp.as_bytes(), &wrong).is_err());
}

/// `xml` with every PSKC element (the capitalised ones) under a `pskc:` prefix.
fn with_pskc_prefix(xml: &str) -> String {
    let mut prefixed = String::with_capacity(xml.len() + 1024);
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        let (before, tag) = rest.split_at(open);
        prefixed.push_str(before);
        let name_at = if tag.starts_with("</") { 2 } else { 1 };
        prefixed.push_str(&tag[..name_at]);
        if tag[name_at..].starts_with(|c: char| c.is_ascii_uppercase()) {
            prefixed.push_str("pskc:");
        }
        rest = &tag[name_at..];
    }
    prefixed.push_str(rest);
    prefixed.replace("xmlns=", "xmlns:pskc=")
}

#[test]
fn a_pskc_prefix_reads_like_the_default_namespace() {
    let prefixed = with_pskc_prefix(&inventory());
    assert!(prefixed.contains("<pskc:KeyPackage>") && prefixed.contains("</pskc:Secret>"));
    assert!(prefixed.contains("<xenc:CipherData>") && !prefixed.contains("xmlns="));

    assert_eq!(parse(prefixed.as_bytes(), &KEY).unwrap().len(), 2);
}

#[test]
fn a_wrong_transport_key_is_refused() {
    let error = parse(inventory().as_bytes(), b"0123456789abcdeX").unwrap_err();

    // Usually the MAC key's padding gives it away; else no ValueMAC matches.
    assert!(
        matches!(
            error,
            PskcError::MacKey(ValueProblem::Padding)
                | PskcError::KeyPackage {
                    problem: KeyProblem::Secret(ValueProblem::MacMismatch),
                    ..
                }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("wrong transport key"), "{error}");
}

#[test]
fn an_altered_cipher_value_is_refused_before_decrypting() {
    let xml = inventory();
    // The first CipherValue is the MAC key's; the third, the second token's seed.
    let altered = tamper(&xml, nth_between(&xml, "<xenc:CipherValue>", "<", 2));

    let (at, problem) = key_problem(refusal(&altered));

    assert_eq!(at.position, 2);
    assert_eq!(at.serial.as_deref(), Some("MT-00000002"));
    assert_eq!(problem, KeyProblem::Secret(ValueProblem::MacMismatch));
}

#[test]
fn an_altered_value_mac_is_refused() {
    let xml = inventory();
    let altered = tamper(&xml, nth_between(&xml, "<ValueMAC>", "<", 0));

    let error = refusal(&altered);

    assert_eq!(
        error.to_string(),
        "KeyPackage #1 (serial MT-00000001): Secret: ValueMAC does not match: \
         wrong transport key, or an altered file"
    );
}

#[test]
fn a_value_mac_binds_its_seed_but_not_its_serial() {
    let xml = inventory();
    let first = nth_between(&xml, "<Secret>", "</Secret>", 0);
    let second = nth_between(&xml, "<Secret>", "</Secret>", 1);
    let first_mac = nth_between(&xml, "<ValueMAC>", "<", 0);
    let second_mac = nth_between(&xml, "<ValueMAC>", "<", 1);

    // Another seed's ValueMAC does not verify...
    let mac_moved = format!(
        "{}{}{}",
        &xml[..first_mac.start],
        &xml[second_mac],
        &xml[first_mac.end..]
    );
    let (at, problem) = key_problem(refusal(&mac_moved));
    assert_eq!(at.position, 1);
    assert_eq!(problem, KeyProblem::Secret(ValueProblem::MacMismatch));

    // ...but two whole Secrets swapped do: RFC 6030 binds no seed to its serial, which is
    // why the file must come through an authenticated channel.
    let swapped = format!(
        "{}{}{}{}{}",
        &xml[..first.start],
        &xml[second.clone()],
        &xml[first.end..second.start],
        &xml[first.clone()],
        &xml[second.end..]
    );
    let parsed = parse(swapped.as_bytes(), &KEY).unwrap();
    assert_eq!(parsed[0].seed.len(), 32);
    assert_eq!(parsed[1].seed.len(), 20);
}

#[test]
fn an_hotp_key_is_refused_by_name() {
    let xml = inventory();
    let second = xml.rfind("pskc:totp").unwrap();
    let hotp = format!("{}pskc:hotp{}", &xml[..second], &xml[second + 9..]);

    let error = refusal(&hotp);

    assert_eq!(
        error.to_string(),
        "KeyPackage #2 (serial MT-00000002): key algorithm is \
         \"urn:ietf:params:xml:ns:keyprov:pskc:hotp\"; only TOTP \
         (urn:ietf:params:xml:ns:keyprov:pskc:totp) is accepted"
    );
}

#[test]
fn a_duplicate_serial_is_refused() {
    let tokens = [
        token("MT-1", &[1; 20], 6, 30),
        token("MT-2", &[2; 20], 6, 30),
        token("MT-1", &[3; 20], 6, 30),
    ];

    let (at, problem) = key_problem(refusal(&write(&tokens, &KEY, "k")));

    assert_eq!(at.position, 3);
    assert_eq!(problem, KeyProblem::DuplicateSerial { first: 1 });
    assert!(refusal(&write(&tokens, &KEY, "k"))
        .to_string()
        .starts_with("KeyPackage #3 (serial MT-1): the serial number is also KeyPackage #1's"));
}

#[test]
fn a_bad_serial_is_refused_and_not_echoed_raw() {
    for serial in [
        "",
        "MT 1",
        "MT_1",
        "ŁÓDŹ-1",
        "123456789012345678901234567890123",
        "<x>",
    ] {
        let (at, problem) = key_problem(refusal(&write(
            &[token(serial, &[1; 20], 6, 30)],
            &KEY,
            "k",
        )));

        assert_eq!(
            at,
            KeyPackageAt {
                position: 1,
                serial: None
            },
            "{serial:?}"
        );
        assert!(
            matches!(problem, KeyProblem::BadSerial(_)),
            "{serial:?}: {problem}"
        );
    }
    let error = refusal(&write(&[token("a\u{202e}b", &[1; 20], 6, 30)], &KEY, "k"));
    assert!(error.to_string().contains(r"\u{202e}"), "{error}");
}

#[test]
fn a_seed_outside_16_to_64_bytes_is_refused() {
    for (length, problem) in [
        (15, KeyProblem::SeedLength(15)),
        (0, KeyProblem::SeedLength(0)),
        (65, KeyProblem::SeedLength(65)),
        (80, KeyProblem::Secret(ValueProblem::TooLong(112))),
    ] {
        let xml = write(&[token("MT-1", &vec![1; length], 6, 30)], &KEY, "k");

        let (at, got) = key_problem(refusal(&xml));

        assert_eq!(at.serial.as_deref(), Some("MT-1"));
        assert_eq!(got, problem, "{length}");
    }
    let error = refusal(&write(&[token("MT-1", &[1; 15], 6, 30)], &KEY, "k"));
    assert_eq!(
        error.to_string(),
        "KeyPackage #1 (serial MT-1): seed is 15 bytes; 16 to 64 are accepted"
    );
}

#[test]
fn digits_and_period_outside_the_profile_are_refused() {
    for (digits, period_s, problem) in [
        (7, 30, KeyProblem::Digits("7".into())),
        (0, 30, KeyProblem::Digits("0".into())),
        (6, 0, KeyProblem::Period("0".into())),
        (6, 301, KeyProblem::Period("301".into())),
    ] {
        let xml = write(&[token("MT-1", &[1; 20], digits, period_s)], &KEY, "k");

        assert_eq!(key_problem(refusal(&xml)).1, problem);
    }
    let hex = inventory().replace("Encoding=\"DECIMAL\"", "Encoding=\"HEXADECIMAL\"");
    assert_eq!(
        key_problem(refusal(&hex)).1,
        KeyProblem::Encoding("HEXADECIMAL".into())
    );
}

#[test]
fn absent_parameters_take_the_defaults() {
    let xml = inventory();
    let bare = xml
        .replace(
            "<ResponseFormat Length=\"8\" Encoding=\"DECIMAL\"/>",
            "<ResponseFormat Encoding=\"DECIMAL\"/>",
        )
        .replace("<PlainValue>60</PlainValue>", "")
        .replace(
            "<TimeInterval>\n                    \n                </TimeInterval>",
            "",
        );
    assert_ne!(bare, xml);

    let parsed = parse(bare.as_bytes(), &KEY).unwrap();

    assert_eq!((parsed[1].digits, parsed[1].period_s), (6, 30));
}

#[test]
fn a_seed_in_the_clear_is_refused() {
    let xml = inventory().replacen(
        "<Secret>",
        "<Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue>",
        1,
    );

    assert_eq!(key_problem(refusal(&xml)).1, KeyProblem::PlainSecret);
}

#[test]
fn a_header_outside_the_profile_is_refused() {
    let xml = inventory();
    let no_mac_method = {
        let start = xml.find("<MACMethod").unwrap();
        let end = xml.find("</MACMethod>").unwrap() + "</MACMethod>".len();
        format!("{}{}", &xml[..start], &xml[end..])
    };
    assert!(matches!(refusal(&no_mac_method), PskcError::MacMethod(_)));

    let sha256 = xml.replace("xmldsig#hmac-sha1", "xmldsig-more#hmac-sha256");
    assert!(matches!(refusal(&sha256), PskcError::MacAlgorithm(_)));

    let aes256 = xml.replacen("xmlenc#aes128-cbc", "xmlenc#aes256-cbc", 1);
    assert!(matches!(
        refusal(&aes256),
        PskcError::MacKey(ValueProblem::Algorithm(_))
    ));

    let no_key_name = xml.replace("<ds:KeyName>Pre-shared-key</ds:KeyName>", "");
    assert!(matches!(refusal(&no_key_name), PskcError::EncryptionKey(_)));

    let twice = xml.replace("</EncryptionKey>", "</EncryptionKey><EncryptionKey/>");
    assert!(matches!(refusal(&twice), PskcError::EncryptionKey(_)));
}

#[test]
fn a_repeated_element_is_refused_not_guessed() {
    let xml = inventory().replacen(
        "</DeviceInfo>",
        "<SerialNo>MT-99</SerialNo></DeviceInfo>",
        1,
    );

    assert_eq!(
        key_problem(refusal(&xml)).1,
        KeyProblem::Repeated("SerialNo")
    );
}

#[test]
fn what_is_not_a_pskc_file_is_refused() {
    assert!(matches!(
        refusal("serial,seed\nMT-1,abc\n"),
        PskcError::NotXml(_)
    ));
    assert!(matches!(refusal(""), PskcError::NotXml(_)));
    assert!(matches!(
        parse(b"<KeyContainer \xff/>", &KEY),
        Err(PskcError::NotUtf8)
    ));
    assert!(matches!(
        refusal("<html><body/></html>"),
        PskcError::NotPskc(_)
    ));
    assert!(matches!(
        refusal("<KeyContainer Version=\"1.0\"/>"),
        PskcError::NotPskc(_)
    ));
    let version_2 = inventory().replace("Version=\"1.0\"", "Version=\"2.0\"");
    assert!(matches!(refusal(&version_2), PskcError::NotPskc(_)));
    assert!(matches!(
        refusal(&write(&[], &KEY, "k")),
        PskcError::NoKeyPackages
    ));
}

#[test]
fn a_dtd_is_refused_so_entities_cannot_expand() {
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE KeyContainer [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">&b;</KeyContainer>"#;

    assert!(matches!(refusal(laughs), PskcError::NotXml(_)));
}

#[test]
fn an_oversized_input_is_refused_before_parsing() {
    let mut xml = inventory().into_bytes();
    xml.resize(MAX_INPUT_BYTES + 1, b' ');

    let error = parse(&xml, &KEY).unwrap_err();

    assert!(matches!(error, PskcError::TooLarge { bytes } if bytes == MAX_INPUT_BYTES + 1));
    assert!(error.to_string().contains("4 MiB"), "{error}");
}

#[test]
fn too_many_key_packages_are_refused_before_any_crypto() {
    // No EncryptionKey at all: the count is refused before the header is looked at.
    let xml = format!(
        "<KeyContainer Version=\"1.0\" xmlns=\"{PSKC_NS}\">{}</KeyContainer>",
        "<KeyPackage/>".repeat(MAX_KEY_PACKAGES + 1)
    );

    let error = refusal(&xml);

    assert!(
        matches!(error, PskcError::TooManyKeyPackages { count } if count == MAX_KEY_PACKAGES + 1),
        "{error}"
    );
}

#[test]
fn truncated_or_altered_files_never_panic() {
    let xml = inventory();
    for end in 0..xml.len() {
        let _ = parse(&xml.as_bytes()[..end], &KEY);
    }
    let mut bytes = xml.into_bytes();
    for at in (0..bytes.len()).step_by(3) {
        let original = bytes[at];
        bytes[at] = original.wrapping_add(1);
        let _ = parse(&bytes, &KEY);
        bytes[at] = original;
    }
}

proptest! {
    #[test]
    fn parse_never_panics_on_random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse(&bytes, &KEY);
    }

    #[test]
    fn parse_never_panics_on_spliced_markup(
        cut in 0usize..2500,
        insert in "[<>/=\"a-zA-Z0-9:+ ]{0,40}",
    ) {
        let xml = inventory();
        let mut at = cut.min(xml.len());
        while !xml.is_char_boundary(at) {
            at -= 1;
        }
        let spliced = format!("{}{insert}{}", &xml[..at], &xml[at..]);
        let _ = parse(spliced.as_bytes(), &KEY);
    }
}

/// Regenerates `tests/fixtures/pskc-two-tokens.xml` (fresh IVs and MAC key each time):
/// `cargo test --lib pskc -- --ignored regenerate`.
#[test]
#[ignore = "writes the fixture"]
fn regenerate_the_two_token_fixture() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/pskc-two-tokens.xml"
    );
    std::fs::write(
        path,
        write(&fixture_tokens(), &FIXTURE_KEY, "millectl-fixture"),
    )
    .unwrap();
}
