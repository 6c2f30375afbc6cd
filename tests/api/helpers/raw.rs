//! Raw TCP for the tests of hostile and slow clients: connections from chosen loopback
//! sources, requests written by hand, connections reset half-way, and waiting for the
//! server to close.

use std::time::{Duration, Instant};

use millectl::api::CompleteLogin;

use super::TestServer;

// ---- Raw connections: slow clients, connection caps, proxies ----

/// `host:port` of an `http://` or `https://` URL.
pub fn authority(url: &str) -> String {
    url.split("://")
        .nth(1)
        .unwrap_or(url)
        .trim_end_matches('/')
        .to_owned()
}

/// A TCP connection to `url` from `source` (any of 127/8 is loopback on Linux, so a
/// test can be several sources at once).
pub async fn connect_from(source: std::net::IpAddr, url: &str) -> tokio::net::TcpStream {
    let target: std::net::SocketAddr = authority(url).parse().expect("server address");
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket
        .bind(std::net::SocketAddr::new(source, 0))
        .expect("bind the source address");
    socket.connect(target).await.expect("connect")
}

pub fn localhost() -> std::net::IpAddr {
    std::net::IpAddr::from([127, 0, 0, 1])
}

/// How a connection ended when read to its end.
#[derive(Debug)]
pub struct Closed {
    /// Everything the server sent before closing.
    pub received: Vec<u8>,
    /// From the start of the wait to the close.
    pub after: Duration,
}

/// Read until the server closes the connection (EOF or reset); `None` if it is still
/// open after `limit`.
pub async fn wait_closed(stream: &mut tokio::net::TcpStream, limit: Duration) -> Option<Closed> {
    use tokio::io::AsyncReadExt;
    let start = Instant::now();
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let left = limit.checked_sub(start.elapsed())?;
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Err(_) => return None,
            Ok(Ok(0)) | Ok(Err(_)) => {
                return Some(Closed {
                    received,
                    after: start.elapsed(),
                })
            }
            Ok(Ok(n)) => received.extend_from_slice(&buf[..n]),
        }
    }
}

/// Send `GET path` on an open connection (kept alive) and read one answer: its status
/// line and body. `None` if no whole answer came within `limit`.
pub async fn get_on(
    stream: &mut tokio::net::TcpStream,
    path: &str,
    headers: &[(&str, &str)],
    limit: Duration,
) -> Option<(String, String)> {
    use tokio::io::AsyncWriteExt;
    let mut request = format!("GET {path} HTTP/1.1\r\nhost: test\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).await.ok()?;
    read_answer(stream, limit).await
}

/// Read one whole answer (status line, body) from a connection; `None` if none came
/// within `limit` or the connection closed first.
pub async fn read_answer(
    stream: &mut tokio::net::TcpStream,
    limit: Duration,
) -> Option<(String, String)> {
    use tokio::io::AsyncReadExt;
    let start = Instant::now();
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let text = String::from_utf8_lossy(&received).into_owned();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head
                .lines()
                .find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())
                        .flatten()
                })
                .unwrap_or(0);
            if body.len() >= length {
                let status = head.lines().next().unwrap_or("").to_owned();
                return Some((status, body[..length].to_owned()));
            }
        }
        let left = limit.checked_sub(start.elapsed())?;
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Ok(Ok(n)) if n > 0 => received.extend_from_slice(&buf[..n]),
            _ => return None,
        }
    }
}

// ---- Hostile clients: step 2 sent, then the connection reset ----

impl TestServer {
    /// Send step 2 on a raw connection, wait until the server has taken the challenge,
    /// wait `delay` more, then reset the connection (RST) without reading the answer:
    /// what a client that gives up half-way, or a dying mobile network, does.
    pub async fn abort_complete_login(
        &self,
        challenge_id: &str,
        answer: &CompleteLogin,
        delay: Duration,
    ) {
        use tokio::io::AsyncWriteExt;
        let body = serde_json::to_vec(answer).expect("json");
        let authority = self.url.trim_start_matches("http://").to_owned();
        let head = format!(
            "POST /v1/sessions/{challenge_id} HTTP/1.1\r\nhost: {authority}\r\n\
             content-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        let mut stream = tokio::net::TcpStream::connect(&authority)
            .await
            .expect("connect");
        stream.write_all(head.as_bytes()).await.expect("write");
        stream.write_all(&body).await.expect("write");
        stream.flush().await.expect("flush");
        let unused =
            format!("SELECT COUNT(*) FROM challenges WHERE id = '{challenge_id}' AND used = 0");
        let start = Instant::now();
        while self.count_sql(&unused).await != 0 {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the server never took challenge {challenge_id}"
            );
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        // The point of abort under test, not a wait for a condition.
        tokio::time::sleep(delay).await;
        stream.set_zero_linger().expect("SO_LINGER 0");
        drop(stream);
    }
}
