//! Who is asking, as far as per-source limits are concerned: the address of the peer
//! that opened the connection, or — behind proxies the server is told to trust — the
//! address those proxies say they received the request from.
//!
//! Per-source limits (login starts, login checks, connections) key on it. Behind a load
//! balancer every peer is the proxy; reading `X-Forwarded-For` from anyone would let a
//! client choose its own identity, so forwarded headers are read only when the peer is
//! inside a `--trusted-proxy` network, and only the one header the operator names
//! (`--forwarded-header`, `X-Forwarded-For` by default, or RFC 7239 `Forwarded`).
//!
//! The rule, walking the header's hops from the right (each proxy appends the address
//! it received the request from, so the right end is written by our own proxies and
//! the left end by whoever the client is):
//!
//! 1. start at the TCP peer; if it is not trusted, it is the client and no header is
//!    read at all;
//! 2. otherwise the hop to its left is who that trusted proxy saw: if that address is
//!    trusted too, step left again; the first untrusted address is the client;
//! 3. a hop that is not an address (garbage, `unknown`, an obfuscated `_identifier`, an
//!    empty list item) ends the walk: the client is the last trusted hop itself. That
//!    attributes the request to one of our proxies — requests of many people may then
//!    share a source — but never to an address a client wrote, which is the point;
//! 4. every hop trusted to the left end: the leftmost one (a request from inside).
//!
//! Only the header named is read, never both: a proxy that maintains
//! `X-Forwarded-For` passes a client's `Forwarded` on untouched, so trusting a header the
//! proxies do not write would again let the client choose.
//!
//! The resolved client goes into the request's extensions once (`resolve`, a middleware
//! of `super::app`) and into its tracing span; `ClientIp` reads it from there.

use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::str::FromStr;

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;

use super::state::AppState;

/// The client's address. Without connection info (the in-process router of some tests)
/// it is the unspecified address, one source for everyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientIp(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        if let Some(resolved) = parts.extensions.get::<ClientIp>() {
            return Ok(*resolved);
        }
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| canonical(addr.ip()))
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        Ok(Self(peer))
    }
}

/// Which forwarding header the trusted proxies write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ForwardedHeader {
    /// `X-Forwarded-For: client, proxy1, proxy2` (nginx, HAProxy, cloud load balancers).
    #[default]
    XForwardedFor,
    /// RFC 7239 `Forwarded: for=client, for="[2001:db8::1]:4711"` (its `for=` only).
    Forwarded,
}

/// One `--trusted-proxy` value: a network in CIDR notation, or a single address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrustedNet(pub IpNet);

impl FromStr for TrustedNet {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if let Ok(net) = IpNet::from_str(text) {
            return Ok(Self(net.trunc()));
        }
        match IpAddr::from_str(text) {
            Ok(ip) => Ok(Self(IpNet::from(canonical(ip)))),
            Err(_) => Err(format!(
                "{text:?} is not a network (10.0.0.0/8, 2001:db8::/32) or an address"
            )),
        }
    }
}

/// The proxies whose forwarding header is believed, and which header that is.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies {
    nets: Vec<IpNet>,
    header: ForwardedHeader,
}

impl TrustedProxies {
    pub fn new(nets: impl IntoIterator<Item = TrustedNet>, header: ForwardedHeader) -> Self {
        Self {
            nets: nets.into_iter().map(|TrustedNet(net)| net).collect(),
            header,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.nets.is_empty()
    }

    /// Is this address one of our proxies?
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.nets.iter().any(|net| net.contains(&ip))
    }

    /// The client behind `peer`, from the configured header when `peer` is trusted.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = canonical(peer);
        if !self.contains(peer) {
            return peer;
        }
        let hops = match self.header {
            ForwardedHeader::XForwardedFor => x_forwarded_for_hops(headers),
            ForwardedHeader::Forwarded => forwarded_hops(headers),
        };
        self.walk(peer, &hops)
    }

    /// The rule of the module's documentation, over hops in header order (left to
    /// right); `None` is a hop that is not an address.
    fn walk(&self, peer: IpAddr, hops: &[Option<IpAddr>]) -> IpAddr {
        let mut last_trusted = peer;
        for hop in hops.iter().rev() {
            let Some(ip) = hop.map(canonical) else {
                return last_trusted;
            };
            if !self.contains(ip) {
                return ip;
            }
            last_trusted = ip;
        }
        last_trusted
    }
}

/// Middleware: resolve the client once and keep it in the request's extensions.
pub async fn resolve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    if let Some(ConnectInfo(peer)) = request.extensions().get::<ConnectInfo<SocketAddr>>() {
        let client = state
            .settings
            .trusted_proxies
            .client(peer.ip(), request.headers());
        request.extensions_mut().insert(ClientIp(client));
    }
    next.run(request).await
}

/// IPv4 clients of a dual-stack socket arrive as `::ffff:a.b.c.d`; one address, one
/// source, whichever way it is written.
fn canonical(ip: IpAddr) -> IpAddr {
    ip.to_canonical()
}

/// Every `X-Forwarded-For` list item, across repeated headers, in order.
fn x_forwarded_for_hops(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let mut hops = Vec::new();
    for value in headers.get_all("x-forwarded-for") {
        match value.to_str() {
            Ok(text) => hops.extend(text.split(',').map(node)),
            // Not even text: one hop nobody can read.
            Err(_) => hops.push(None),
        }
    }
    hops
}

/// The `for=` of every RFC 7239 `Forwarded` element, across repeated headers, in order.
fn forwarded_hops(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let mut hops = Vec::new();
    for value in headers.get_all("forwarded") {
        match value.to_str() {
            Ok(text) => forwarded_elements(text, &mut hops),
            Err(_) => hops.push(None),
        }
    }
    hops
}

/// One node of a forwarding header: an address, optionally with a port (`a.b.c.d:p`,
/// `[v6]`, `[v6]:p`; RFC 7239 also allows an obfuscated `_port`). `unknown`, obfuscated
/// identifiers and anything else are `None`.
fn node(text: &str) -> Option<IpAddr> {
    let text = text.trim_matches([' ', '\t']);
    if let Ok(ip) = IpAddr::from_str(text) {
        return Some(ip);
    }
    if let Some(rest) = text.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        let ip = Ipv6Addr::from_str(inside).ok()?;
        return match after {
            "" => Some(IpAddr::V6(ip)),
            _ => after
                .strip_prefix(':')
                .filter(|port| is_port(port))
                .map(|_| IpAddr::V6(ip)),
        };
    }
    let (host, port) = text.split_once(':')?;
    let ip = Ipv4Addr::from_str(host).ok()?;
    is_port(port).then_some(IpAddr::V4(ip))
}

/// A port: 1-5 digits, or RFC 7239's obfuscated `_` followed by letters, digits, `.`,
/// `_` and `-`.
fn is_port(text: &str) -> bool {
    let digits = text.bytes().all(|b| b.is_ascii_digit()) && text.parse::<u16>().is_ok();
    let obfuscated = text.len() > 1
        && text.starts_with('_')
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
    digits || obfuscated
}

/// Parse RFC 7239's `1#forwarded-element` and push each element's `for=` node.
///
/// An element that does not parse (no `for=`, two of them, a broken quoted string,
/// stray characters) counts as one unreadable hop, and parsing resumes after the first
/// comma that follows the element's start, quotes or not. That resynchronisation is
/// what keeps a client from hiding the element our proxy appended: whatever the client
/// wrote to the left, a proxy's `, for=…` after it is read as its own element (the
/// property test `a_client_prefix_never_hides_the_proxys_hop` holds it to that).
fn forwarded_elements(text: &str, hops: &mut Vec<Option<IpAddr>>) {
    let mut rest = text;
    loop {
        match forwarded_element(rest) {
            Ok((hop, after)) => {
                hops.push(hop);
                match after {
                    Some(after) => rest = after,
                    None => return,
                }
            }
            Err(()) => {
                hops.push(None);
                match rest.split_once(',') {
                    Some((_, after)) => rest = after,
                    None => return,
                }
            }
        }
    }
}

/// One element: `Ok((its for= node, the text after its comma if one follows))`.
fn forwarded_element(text: &str) -> Result<(Option<IpAddr>, Option<&str>), ()> {
    let mut rest = skip_space(text);
    let mut found: Option<Option<IpAddr>> = None;
    loop {
        // forwarded-pair = token "=" value; empty pairs (";;") are allowed.
        if !rest.starts_with([';', ',']) && !rest.is_empty() {
            let name_end = rest.find(|c: char| !is_tchar(c)).unwrap_or(rest.len());
            let (name, after_name) = rest.split_at(name_end);
            let after_eq = after_name.strip_prefix('=').ok_or(())?;
            if name.is_empty() {
                return Err(());
            }
            let (value, after_value) = forwarded_value(after_eq)?;
            if name.eq_ignore_ascii_case("for") {
                if found.is_some() {
                    return Err(());
                }
                found = Some(node(&value));
            }
            rest = skip_space(after_value);
        }
        if let Some(after) = rest.strip_prefix(';') {
            rest = skip_space(after);
            continue;
        }
        let found = found.ok_or(())?;
        return match rest.strip_prefix(',') {
            Some(after) => Ok((found, Some(after))),
            None if rest.is_empty() => Ok((found, None)),
            None => Err(()),
        };
    }
}

/// A token or a quoted-string (with `\` escapes), and the text after it.
fn forwarded_value(text: &str) -> Result<(String, &str), ()> {
    let Some(quoted) = text.strip_prefix('"') else {
        let end = text.find(|c: char| !is_tchar(c)).unwrap_or(text.len());
        if end == 0 {
            return Err(());
        }
        return Ok((text[..end].to_owned(), &text[end..]));
    };
    let mut value = String::new();
    let mut chars = quoted.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((value, &quoted[i + 1..])),
            '\\' => value.push(chars.next().ok_or(())?.1),
            c => value.push(c),
        }
    }
    Err(())
}

/// RFC 9110 `tchar`.
fn is_tchar(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

fn skip_space(text: &str) -> &str {
    text.trim_start_matches([' ', '\t'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use proptest::prelude::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn trusted(nets: &[&str], header: ForwardedHeader) -> TrustedProxies {
        TrustedProxies::new(nets.iter().map(|n| n.parse().unwrap()), header)
    }

    fn headers(name: &'static str, values: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for value in values {
            map.append(name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    fn xff(values: &[&str]) -> HeaderMap {
        headers("x-forwarded-for", values)
    }

    fn fwd(values: &[&str]) -> HeaderMap {
        headers("forwarded", values)
    }

    const PROXY: &str = "10.0.0.5";

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_says() {
        let proxies = trusted(&["10.0.0.0/8"], ForwardedHeader::XForwardedFor);
        let spoof = xff(&["203.0.113.7"]);
        assert_eq!(proxies.client(ip("192.0.2.1"), &spoof), ip("192.0.2.1"));
        let none = TrustedProxies::default();
        assert_eq!(none.client(ip("10.0.0.5"), &spoof), ip("10.0.0.5"));
    }

    #[test]
    fn the_rightmost_untrusted_hop_is_the_client() {
        let proxies = trusted(
            &["10.0.0.0/8", "2001:db8:ffff::/48"],
            ForwardedHeader::XForwardedFor,
        );
        let cases: &[(&[&str], &str)] = &[
            (&["203.0.113.7"], "203.0.113.7"),
            // The client wrote 1.1.1.1; our proxy appended what it saw.
            (&["1.1.1.1, 203.0.113.7"], "203.0.113.7"),
            // Two of our proxies in a row.
            (&["1.1.1.1, 203.0.113.7, 10.9.9.9"], "203.0.113.7"),
            // Repeated headers are one list, in order.
            (&["1.1.1.1", "203.0.113.7", "10.9.9.9"], "203.0.113.7"),
            // Ports and brackets.
            (&["203.0.113.7:51234"], "203.0.113.7"),
            (&["[2001:db8::1]:443"], "2001:db8::1"),
            (&["[2001:db8::1]"], "2001:db8::1"),
            (&["2001:db8::1"], "2001:db8::1"),
            (&["::ffff:203.0.113.7"], "203.0.113.7"),
            (&["2001:db8::1, 2001:db8:ffff::2"], "2001:db8::1"),
            // Every hop ours: the leftmost.
            (&["10.1.1.1, 10.2.2.2"], "10.1.1.1"),
            // Garbage stops the walk at the last trusted hop.
            (&["203.0.113.7, garbage"], PROXY),
            (&["203.0.113.7, unknown, 10.9.9.9"], "10.9.9.9"),
            (&["203.0.113.7,"], PROXY),
            (&[""], PROXY),
            (&["203.0.113.7:99999"], PROXY),
            (&["1.2.3.4:80:80"], PROXY),
            (&["[2001:db8::1"], PROXY),
            (&["fe80::1%eth0"], PROXY),
            // Garbage the client wrote, left of what our proxy appended, is never read.
            (&["garbage, \"unknown\", 203.0.113.7"], "203.0.113.7"),
        ];
        for (values, expected) in cases {
            assert_eq!(
                proxies.client(ip(PROXY), &xff(values)),
                ip(expected),
                "X-Forwarded-For {values:?}"
            );
        }
        assert_eq!(proxies.client(ip(PROXY), &HeaderMap::new()), ip(PROXY));
        // A trusted peer writing the v4-mapped form is still trusted.
        assert_eq!(
            proxies.client(ip("::ffff:10.0.0.5"), &xff(&["203.0.113.7"])),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn only_the_configured_header_is_read() {
        let mut both = xff(&["203.0.113.7"]);
        both.append("forwarded", HeaderValue::from_static("for=198.51.100.1"));
        let by_xff = trusted(&["10.0.0.0/8"], ForwardedHeader::XForwardedFor);
        assert_eq!(by_xff.client(ip(PROXY), &both), ip("203.0.113.7"));
        let by_forwarded = trusted(&["10.0.0.0/8"], ForwardedHeader::Forwarded);
        assert_eq!(by_forwarded.client(ip(PROXY), &both), ip("198.51.100.1"));
    }

    #[test]
    fn forwarded_elements_follow_rfc_7239() {
        let proxies = trusted(&["10.0.0.0/8"], ForwardedHeader::Forwarded);
        let cases: &[(&[&str], &str)] = &[
            (&["for=203.0.113.7"], "203.0.113.7"),
            (&["For=\"203.0.113.7\""], "203.0.113.7"),
            (&["for=192.0.2.43, for=203.0.113.7"], "203.0.113.7"),
            (
                &["for=192.0.2.43", "for=203.0.113.7;proto=https"],
                "203.0.113.7",
            ),
            (&["proto=https;for=203.0.113.7;by=10.0.0.5"], "203.0.113.7"),
            (&["for=\"[2001:db8:cafe::17]:4711\""], "2001:db8:cafe::17"),
            (&["for=\"[2001:db8:cafe::17]\""], "2001:db8:cafe::17"),
            (&["for=\"203.0.113.7:_hidden\""], "203.0.113.7"),
            (&["for=\"203.0.113.7\\:80\""], "203.0.113.7"),
            (&["for=203.0.113.7, for=10.2.2.2"], "203.0.113.7"),
            // A quoted comma belongs to the value, not the list.
            (&["for=\"a, b\", for=203.0.113.7"], "203.0.113.7"),
            // Obfuscated identifiers and `unknown` are not addresses: stop.
            (&["for=203.0.113.7, for=_hidden"], PROXY),
            (&["for=203.0.113.7, for=unknown"], PROXY),
            (
                &["for=203.0.113.7, for=_SEVKISEK, for=10.2.2.2"],
                "10.2.2.2",
            ),
            // Elements without for=, with two, or broken: unreadable hops.
            (&["for=203.0.113.7, proto=https"], PROXY),
            (&["for=203.0.113.7;for=198.51.100.1"], PROXY),
            (&["for=203.0.113.7, for"], PROXY),
            (&["for=203.0.113.7, for=\"198.51.100.1"], PROXY),
            (&["for=203.0.113.7 x"], PROXY),
            (&["for=[2001:db8::1]"], PROXY),
            (&[""], PROXY),
            // The client's garbage left of our proxy's element is never read.
            (&["for=\"x, for=203.0.113.7"], "203.0.113.7"),
            (&["for=\"a\\, for=203.0.113.7"], "203.0.113.7"),
            (&["by=\", for=\"[2001:db8::9]:1\""], "2001:db8::9"),
        ];
        for (values, expected) in cases {
            assert_eq!(
                proxies.client(ip(PROXY), &fwd(values)),
                ip(expected),
                "Forwarded {values:?}"
            );
        }
    }

    #[test]
    fn many_hops_walk_in_linear_time() {
        let proxies = trusted(&["10.0.0.0/8"], ForwardedHeader::XForwardedFor);
        let mut list = vec!["203.0.113.7".to_owned()];
        list.extend((0..10_000).map(|i| format!("10.0.{}.{}", i / 250, i % 250)));
        let header = list.join(", ");
        assert_eq!(
            proxies.client(ip(PROXY), &xff(&[&header])),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn trusted_nets_parse_as_cidr_or_single_addresses() {
        assert_eq!(
            "10.1.2.3/8".parse::<TrustedNet>().unwrap().0,
            "10.0.0.0/8".parse::<IpNet>().unwrap()
        );
        assert_eq!(
            "192.0.2.1".parse::<TrustedNet>().unwrap().0,
            "192.0.2.1/32".parse::<IpNet>().unwrap()
        );
        assert_eq!(
            "::ffff:192.0.2.1".parse::<TrustedNet>().unwrap().0,
            "192.0.2.1/32".parse::<IpNet>().unwrap()
        );
        assert!("2001:db8::/32".parse::<TrustedNet>().is_ok());
        for bad in ["", "10.0.0.0/33", "proxy.internal", "10.0.0.0/8/8"] {
            assert!(bad.parse::<TrustedNet>().is_err(), "{bad:?}");
        }
    }

    /// Addresses a client might claim: v4, v6, v4-mapped, inside or outside the
    /// trusted networks.
    fn any_ip() -> impl Strategy<Value = IpAddr> {
        prop_oneof![
            any::<[u8; 4]>().prop_map(IpAddr::from),
            (0u8..4).prop_map(|o| IpAddr::from([10, 0, 0, o])),
            any::<[u16; 8]>().prop_map(IpAddr::from),
            any::<[u8; 4]>().prop_map(|o| IpAddr::V6(Ipv4Addr::from(o).to_ipv6_mapped())),
        ]
    }

    /// What a client might write into a header: garbage, near-misses, quotes and commas.
    fn hostile_text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[ -~]{0,40}",
            "[\\[\\]\":;,=_\\\\0-9a-fA-F. ]{0,40}",
            any_ip().prop_map(|ip| ip.to_string()),
            any_ip().prop_map(|ip| format!("for=\"[{ip}]:1\"")),
            Just("for=\"".to_owned()),
            Just("for=unknown".to_owned()),
            Just("for=_hidden".to_owned()),
        ]
    }

    fn untrusted_ip() -> impl Strategy<Value = IpAddr> {
        any_ip().prop_filter("outside 10.0.0.0/8", |ip| {
            !"10.0.0.0/8"
                .parse::<IpNet>()
                .unwrap()
                .contains(&ip.to_canonical())
        })
    }

    proptest! {
        #[test]
        fn an_untrusted_peers_headers_never_matter(
            peer in untrusted_ip(),
            text in hostile_text(),
            header in prop_oneof![Just(ForwardedHeader::XForwardedFor), Just(ForwardedHeader::Forwarded)],
        ) {
            let proxies = trusted(&["10.0.0.0/8"], header);
            let mut map = HeaderMap::new();
            if let Ok(value) = HeaderValue::from_str(&text) {
                map.append("x-forwarded-for", value.clone());
                map.append("forwarded", value);
            }
            prop_assert_eq!(proxies.client(peer, &map), peer.to_canonical());
        }

        #[test]
        fn a_client_prefix_never_hides_the_proxys_hop(
            prefix in hostile_text(),
            client in untrusted_ip(),
        ) {
            // What our proxy does: append ", <what it saw>" to whatever came in.
            let xff_value = format!("{prefix}, {client}");
            let by_xff = trusted(&["10.0.0.0/8"], ForwardedHeader::XForwardedFor);
            if let Ok(value) = HeaderValue::from_str(&xff_value) {
                let mut map = HeaderMap::new();
                map.append("x-forwarded-for", value);
                prop_assert_eq!(by_xff.client(ip(PROXY), &map), client.to_canonical());
            }
            let node = match client {
                IpAddr::V4(v4) => v4.to_string(),
                IpAddr::V6(v6) => format!("\"[{v6}]:4711\""),
            };
            let fwd_value = format!("{prefix}, for={node}");
            let by_fwd = trusted(&["10.0.0.0/8"], ForwardedHeader::Forwarded);
            if let Ok(value) = HeaderValue::from_str(&fwd_value) {
                let mut map = HeaderMap::new();
                map.append("forwarded", value);
                prop_assert_eq!(by_fwd.client(ip(PROXY), &map), client.to_canonical());
            }
        }

        #[test]
        fn the_answer_is_the_peer_or_a_hop_named_in_the_header(
            text in hostile_text(),
            header in prop_oneof![Just(ForwardedHeader::XForwardedFor), Just(ForwardedHeader::Forwarded)],
        ) {
            let proxies = trusted(&["10.0.0.0/8"], header);
            if let Ok(value) = HeaderValue::from_str(&text) {
                let mut map = HeaderMap::new();
                map.append("x-forwarded-for", value.clone());
                map.append("forwarded", value);
                let client = proxies.client(ip(PROXY), &map);
                let hops = match header {
                    ForwardedHeader::XForwardedFor => x_forwarded_for_hops(&map),
                    ForwardedHeader::Forwarded => forwarded_hops(&map),
                };
                prop_assert!(
                    client == ip(PROXY) || hops.iter().flatten().any(|h| h.to_canonical() == client),
                    "{client} from {text:?}"
                );
            }
        }
    }
}
