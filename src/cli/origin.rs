//! Which server a stored session belongs to.
//!
//! A session token is a bearer credential: whoever receives it can act as the user
//! until it expires. So a stored session is bound to the server that issued it (as
//! `gh` binds tokens to hosts), and the CLI sends it nowhere else — not to another
//! `--server`, not to a profile whose server was changed after the login. Two
//! spellings of one server are the same server: the scheme, the host (lowercased, as
//! URL parsing already does), the port with the scheme's default filled in, and the
//! path without a trailing slash; user info, query and fragment are not part of it.

use reqwest::Url;

/// A server as far as "is it the one that issued this session" goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerOrigin {
    scheme: String,
    host: String,
    port: u16,
    path: String,
}

impl ServerOrigin {
    /// `None` for a URL without a host or a known port (never one `--server` accepts).
    pub fn of(url: &Url) -> Option<Self> {
        Some(Self {
            scheme: url.scheme().to_ascii_lowercase(),
            host: url.host_str()?.to_ascii_lowercase(),
            port: url.port_or_known_default()?,
            path: url.path().trim_end_matches('/').to_owned(),
        })
    }

    /// The origin of a stored server URL; `None` when it is empty or malformed (a
    /// session of unknown origin goes nowhere).
    pub fn parse(text: &str) -> Option<Self> {
        Self::of(&Url::parse(text).ok()?)
    }
}

/// `scheme://host[:port][/path]`, the port only where it is not the scheme's default.
impl std::fmt::Display for ServerOrigin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}://{}", self.scheme, self.host)?;
        let default = match self.scheme.as_str() {
            "http" => Some(80),
            "https" => Some(443),
            _ => None,
        };
        if default != Some(self.port) {
            write!(f, ":{}", self.port)?;
        }
        f.write_str(&self.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(text: &str) -> ServerOrigin {
        ServerOrigin::parse(text).expect(text)
    }

    #[test]
    fn spellings_of_one_server_are_equal() {
        assert_eq!(
            origin("http://127.0.0.1:7070"),
            origin("HTTP://127.0.0.1:7070/")
        );
        assert_eq!(
            origin("https://Auth.Bank.Example"),
            origin("https://auth.bank.example:443/")
        );
        assert_eq!(origin("http://a.example"), origin("http://a.example:80"));
        assert_eq!(
            origin("https://a.example/auth/"),
            origin("https://a.example/auth")
        );
        assert_eq!(
            origin("https://a.example/?x=1#y"),
            origin("https://a.example")
        );
    }

    #[test]
    fn another_scheme_host_port_or_path_is_another_server() {
        let base = origin("https://auth.bank.example");
        for other in [
            "http://auth.bank.example",
            "https://auth.bank.example:8443",
            "https://auth.bank.example.evil",
            "https://evil.example",
            "https://auth.bank.example/other",
        ] {
            assert_ne!(base, origin(other), "{other}");
        }
        assert_ne!(
            origin("http://127.0.0.1:7070"),
            origin("http://localhost:7070")
        );
    }

    #[test]
    fn an_empty_or_malformed_server_has_no_origin() {
        assert_eq!(ServerOrigin::parse(""), None);
        assert_eq!(ServerOrigin::parse("not a url"), None);
    }

    #[test]
    fn displays_without_default_port_or_trailing_slash() {
        assert_eq!(
            origin("http://127.0.0.1:7070/").to_string(),
            "http://127.0.0.1:7070"
        );
        assert_eq!(
            origin("https://auth.bank.example:443/").to_string(),
            "https://auth.bank.example"
        );
        assert_eq!(
            origin("http://[::1]:7070/x/").to_string(),
            "http://[::1]:7070/x"
        );
    }
}
