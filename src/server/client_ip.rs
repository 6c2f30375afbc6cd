//! Who is asking, as far as per-source limits are concerned: the address of the peer
//! that opened the connection.
//!
//! Per-source limits (login starts, login checks, connections) key on it. Behind a load
//! balancer every peer is the proxy; reading `X-Forwarded-For` from anyone would let a
//! client choose its own identity, so forwarded headers are read only from peers the
//! server is told to trust (`--trusted-proxy`).

use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

/// The client's address. Without connection info (the in-process router of some tests)
/// it is the unspecified address, one source for everyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientIp(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip())
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        Ok(Self(peer))
    }
}
