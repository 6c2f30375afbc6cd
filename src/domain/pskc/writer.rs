//! The vendor's side of an inventory, for tests and the dev server: the same RFC 6030
//! profile that [`parse`](super::parse) reads, laid out as the RFC's Figure 6.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use rand::rngs::OsRng;
use rand::RngCore;
use zeroize::Zeroizing;

use super::{envelope, PskcToken, AES128_CBC, DS_NS, HMAC_SHA1, PSKC_NS, TOTP, XENC_NS};

/// HMAC-SHA1's output length, RFC 2104's advice for its key.
const MAC_KEY_BYTES: usize = 20;

/// Write an inventory as a vendor would, in the layout of RFC 6030's Figure 6: the seeds
/// encrypted under `transport_key` with fresh random IVs, their ValueMACs under a fresh
/// random MAC key that travels encrypted under `transport_key`. `name` goes into
/// `ds:KeyName`. Every value is escaped; nothing is validated, so tokens that
/// [`parse`](super::parse) would refuse come out as a file it refuses.
pub fn write(tokens: &[PskcToken], transport_key: &[u8; 16], name: &str) -> String {
    let mut mac_key = Zeroizing::new([0u8; MAC_KEY_BYTES]);
    OsRng.fill_bytes(mac_key.as_mut_slice());
    let sealed_mac_key = BASE64.encode(envelope::seal(transport_key, mac_key.as_slice()));
    let mut xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<KeyContainer Version="1.0"
    xmlns="{PSKC_NS}"
    xmlns:ds="{DS_NS}"
    xmlns:xenc="{XENC_NS}">
    <EncryptionKey>
        <ds:KeyName>{name}</ds:KeyName>
    </EncryptionKey>
    <MACMethod Algorithm="{HMAC_SHA1}">
        <MACKey>
            <xenc:EncryptionMethod Algorithm="{AES128_CBC}"/>
            <xenc:CipherData>
                <xenc:CipherValue>{sealed_mac_key}</xenc:CipherValue>
            </xenc:CipherData>
        </MACKey>
    </MACMethod>
"#,
        name = escape(name),
    );
    for token in tokens {
        let sealed = envelope::seal(transport_key, &token.seed);
        let value_mac = BASE64.encode(envelope::value_mac(mac_key.as_slice(), &sealed));
        xml.push_str(&format!(
            r#"    <KeyPackage>
        <DeviceInfo>
            <SerialNo>{serial}</SerialNo>
        </DeviceInfo>
        <Key Id="{serial}" Algorithm="{TOTP}">
            <AlgorithmParameters>
                <ResponseFormat Length="{digits}" Encoding="DECIMAL"/>
            </AlgorithmParameters>
            <Data>
                <Secret>
                    <EncryptedValue>
                        <xenc:EncryptionMethod Algorithm="{AES128_CBC}"/>
                        <xenc:CipherData>
                            <xenc:CipherValue>{cipher_value}</xenc:CipherValue>
                        </xenc:CipherData>
                    </EncryptedValue>
                    <ValueMAC>{value_mac}</ValueMAC>
                </Secret>
                <TimeInterval>
                    <PlainValue>{period_s}</PlainValue>
                </TimeInterval>
            </Data>
        </Key>
    </KeyPackage>
"#,
            serial = escape(&token.serial),
            digits = token.digits,
            cipher_value = BASE64.encode(&sealed),
            period_s = token.period_s,
        ));
    }
    xml.push_str("</KeyContainer>\n");
    xml
}

/// Text fit for an XML element or a double-quoted attribute.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            c => escaped.push(c),
        }
    }
    escaped
}
