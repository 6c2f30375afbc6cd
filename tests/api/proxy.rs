//! Issue 12, item 5: who the client is behind a proxy. The server names the client it
//! resolved in each request's log span (`client=…`, beside `request_id=…`); these tests
//! send requests with their own request ids and forwarding headers, from different
//! loopback sources, and read that back — no back door, the log an operator reads.

use std::net::IpAddr;
use std::time::Duration;

use crate::helpers::*;

const PATIENCE: Duration = Duration::from_secs(10);

/// The client the server resolved for a request sent from `source` with `headers`.
async fn client_seen(server: &TestServer, source: IpAddr, headers: &[(&str, &str)]) -> String {
    let request_id = format!("proxy-{}", uuid::Uuid::new_v4().simple());
    let mut all = vec![("x-request-id", request_id.as_str())];
    all.extend_from_slice(headers);
    let mut stream = connect_from(source, &server.url).await;
    let (status, _) = get_on(&mut stream, "/v1/health", &all, PATIENCE)
        .await
        .expect("an answer");
    assert!(status.contains(" 200 "), "{status}");
    let line = server
        .wait_for_log_line(&format!("request_id={request_id}"))
        .await;
    line.split_whitespace()
        .find_map(|field| field.strip_prefix("client="))
        .map(|client| client.trim_end_matches(['}', ':']).to_owned())
        .unwrap_or_else(|| panic!("no client= in {line}"))
}

#[tokio::test]
async fn forwarding_headers_from_an_untrusted_peer_change_nothing() {
    // Trusting a network the test's peer (127.0.0.1) is not in.
    let server = TestServer::start_with_args(&Db::Sqlite, &["--trusted-proxy", "10.0.0.0/8"]).await;
    for headers in [
        vec![],
        vec![("x-forwarded-for", "203.0.113.7")],
        vec![("x-forwarded-for", "10.0.0.1, 203.0.113.7, 10.0.0.2")],
        vec![("forwarded", "for=203.0.113.7")],
    ] {
        assert_eq!(
            client_seen(&server, localhost(), &headers).await,
            "127.0.0.1",
            "{headers:?}"
        );
    }
}

#[tokio::test]
async fn behind_trusted_proxies_the_rightmost_untrusted_hop_is_the_client() {
    // 127.0.0.1 is our load balancer; 10/8 our inner proxies (comma-separated flag).
    let server =
        TestServer::start_with_args(&Db::Sqlite, &["--trusted-proxy", "127.0.0.1/32,10.0.0.0/8"])
            .await;
    let cases: &[(&str, &str)] = &[
        // The client's own claim (left) is not what the proxy saw (right).
        ("198.51.100.1, 203.0.113.7", "203.0.113.7"),
        // Inner proxies are skipped.
        ("198.51.100.1, 203.0.113.7, 10.1.2.3", "203.0.113.7"),
        ("[2001:db8::1]:4711", "2001:db8::1"),
        // What is not an address stops the walk at our own proxy.
        ("203.0.113.7, garbage", "127.0.0.1"),
    ];
    for (header, expected) in cases {
        assert_eq!(
            client_seen(&server, localhost(), &[("x-forwarded-for", header)]).await,
            *expected,
            "X-Forwarded-For: {header}"
        );
    }
    // No header: the proxy itself.
    assert_eq!(client_seen(&server, localhost(), &[]).await, "127.0.0.1");
    // The same headers from a peer that is not a trusted proxy are ignored.
    let other = IpAddr::from([127, 0, 0, 3]);
    assert_eq!(
        client_seen(&server, other, &[("x-forwarded-for", "203.0.113.7")]).await,
        "127.0.0.3"
    );
}

#[tokio::test]
async fn with_forwarded_chosen_only_rfc_7239_is_read() {
    let server = TestServer::start_with_args(
        &Db::Sqlite,
        &[
            "--trusted-proxy",
            "127.0.0.1",
            "--forwarded-header",
            "forwarded",
        ],
    )
    .await;
    let seen = client_seen(
        &server,
        localhost(),
        &[
            (
                "forwarded",
                "for=198.51.100.1, for=\"[2001:db8::1]:4711\";proto=https",
            ),
            // A header the proxies do not write is never believed.
            ("x-forwarded-for", "203.0.113.7"),
        ],
    )
    .await;
    assert_eq!(seen, "2001:db8::1");
    let obfuscated = client_seen(&server, localhost(), &[("forwarded", "for=_hidden")]).await;
    assert_eq!(obfuscated, "127.0.0.1");
}

#[tokio::test]
async fn trusted_proxies_are_exempt_from_the_per_source_connection_cap() {
    let server = TestServer::start_with_args(
        &Db::Sqlite,
        &[
            "--trusted-proxy",
            "127.0.0.2",
            "--max-connections-per-source",
            "2",
        ],
    )
    .await;
    let proxy = IpAddr::from([127, 0, 0, 2]);
    let mut held = Vec::new();
    for _ in 0..4 {
        let mut stream = connect_from(proxy, &server.url).await;
        let answer = get_on(&mut stream, "/v1/health", &[], PATIENCE).await;
        assert!(answer.is_some(), "the trusted proxy was capped");
        held.push(stream);
    }
    // Anyone else still gets the cap.
    for _ in 0..2 {
        let mut stream = connect_from(localhost(), &server.url).await;
        assert!(get_on(&mut stream, "/v1/health", &[], PATIENCE)
            .await
            .is_some());
        held.push(stream);
    }
    let mut excess = connect_from(localhost(), &server.url).await;
    assert!(get_on(&mut excess, "/v1/health", &[], PATIENCE)
        .await
        .is_none());
}
