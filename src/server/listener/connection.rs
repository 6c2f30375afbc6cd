//! One connection, served by hyper's HTTP/1.1 state machine under our clocks: the
//! header, body and idle timeouts of `super::ConnectionLimits`, and the TLS handshake.
//!
//! Why our own idle and header clocks rather than hyper's `header_read_timeout`: hyper
//! (1.x, `proto/h1/conn.rs`, `poll_read_head`) starts that timer whenever it waits for
//! a request head — on a fresh connection and on an idle keep-alive one alike — so it
//! cannot tell "silent for 60 s between requests" from "10 s into a head"; and it
//! applies nothing to bodies or to a client that stops reading. `Watched` below counts
//! the bytes instead, `Activity` keeps what it saw, and a watchdog per connection
//! closes the connection when a deadline passes (by dropping it: nothing is in flight
//! then, by construction).

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::ConnectInfo;
use axum::http::{header, HeaderValue, Request, Response};
use axum::response::IntoResponse;
use axum::Router;
use hyper::body::{Frame, Incoming, SizeHint};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::Watcher;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::{watch, Notify};
use tokio::time::{Instant, Sleep};
use tower::ServiceExt;

use crate::api::ErrorCode;
use crate::server::error::ApiError;
use crate::server::metrics::{Metrics, Timeout};

use super::ConnectionLimits;

/// One accepted connection.
pub(super) struct Connection {
    pub peer: SocketAddr,
    pub router: Router,
    pub limits: ConnectionLimits,
    pub metrics: Arc<Metrics>,
    pub watcher: Watcher,
    /// `true` while the listener is near its cap: the clocks are short (`pressed`).
    pub pressure: watch::Receiver<bool>,
}

impl Connection {
    pub async fn serve(self, stream: TcpStream, tls: Option<tokio_rustls::TlsAcceptor>) {
        // Answers are small and written whole; do not hold them back for Nagle.
        let _ = stream.set_nodelay(true);
        let Some(acceptor) = tls else {
            return self.serve_http(stream).await;
        };
        match tokio::time::timeout(self.limits.header_timeout, acceptor.accept(stream)).await {
            Ok(Ok(stream)) => self.serve_http(stream).await,
            Ok(Err(error)) => {
                tracing::debug!(peer = %self.peer, %error, "TLS handshake failed");
            }
            Err(_) => {
                self.metrics.closed_by(Timeout::TlsHandshake);
                tracing::debug!(peer = %self.peer, "TLS handshake timed out: closed");
            }
        }
    }

    async fn serve_http<IO>(self, io: IO)
    where
        IO: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let Connection {
            peer,
            router,
            limits,
            metrics,
            watcher,
            pressure,
        } = self;
        let activity = Arc::new(Activity::new());
        let io = Watched {
            inner: io,
            activity: activity.clone(),
        };
        let service = {
            let activity = activity.clone();
            let metrics = metrics.clone();
            hyper::service::service_fn(move |request| {
                answer(
                    request,
                    peer,
                    router.clone(),
                    activity.clone(),
                    limits.body_timeout,
                    metrics.clone(),
                )
            })
        };
        let mut http = hyper::server::conn::http1::Builder::new();
        // Our own clocks (see the module's documentation) replace hyper's.
        http.timer(TokioTimer::new()).header_read_timeout(None);
        let connection = watcher.watch(http.serve_connection(TokioIo::new(io), service));
        tokio::select! {
            served = connection => {
                if let Err(error) = served {
                    tracing::debug!(%peer, %error, "connection ended with an error");
                }
            }
            timeout = watchdog(&activity, limits, pressure) => {
                metrics.closed_by(timeout);
                tracing::debug!(%peer, timeout = timeout.as_str(), "timed out: closed");
            }
        }
    }
}

/// Serve one request: connection info for `ClientIp`, the body under its deadline, and
/// a 408 in place of whatever the route made of a body that came too late.
async fn answer(
    mut request: Request<Incoming>,
    peer: SocketAddr,
    router: Router,
    activity: Arc<Activity>,
    body_timeout: Duration,
    metrics: Arc<Metrics>,
) -> Result<Response<Body>, Infallible> {
    let busy = activity.request_started();
    request.extensions_mut().insert(ConnectInfo(peer));
    let late = Arc::new(AtomicBool::new(false));
    let request = request.map(|body| {
        if body.is_end_stream() {
            Body::new(body)
        } else {
            Body::new(DeadlineBody {
                inner: body,
                deadline: Box::pin(tokio::time::sleep(body_timeout)),
                late: late.clone(),
            })
        }
    });
    let Ok(response) = router.oneshot(request).await;
    let response = if late.load(Ordering::Relaxed) {
        metrics.closed_by(Timeout::Body);
        tracing::debug!(%peer, "request body timed out: 408 and closed");
        let mut response = ApiError::new(
            ErrorCode::RequestTimeout,
            "the request body did not arrive in time",
        )
        .into_response();
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        response
    } else {
        response
    };
    Ok(response.map(|body| {
        Body::new(Answering {
            inner: body,
            _busy: busy,
        })
    }))
}

/// What the watchdog knows of a connection: when a byte last moved, whether a request
/// head has begun, and how many requests are being answered.
struct Activity {
    state: Mutex<ActivityState>,
    /// Wakes the watchdog when a deadline may have moved earlier.
    changed: Notify,
}

struct ActivityState {
    last_byte: Instant,
    head_started: Option<Instant>,
    answering: usize,
}

impl Activity {
    fn new() -> Self {
        Self {
            state: Mutex::new(ActivityState {
                last_byte: Instant::now(),
                head_started: None,
                answering: 0,
            }),
            changed: Notify::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, ActivityState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn read(&self) {
        let mut state = self.lock();
        let now = Instant::now();
        state.last_byte = now;
        // Bytes while no request is being answered begin the next request's head
        // (bytes read ahead during an answer are pipelining: the idle clock covers
        // them once the answer is done).
        if state.answering == 0 && state.head_started.is_none() {
            state.head_started = Some(now);
            drop(state);
            self.changed.notify_one();
        }
    }

    fn wrote(&self) {
        self.lock().last_byte = Instant::now();
    }

    fn request_started(self: &Arc<Self>) -> Busy {
        let mut state = self.lock();
        state.answering += 1;
        state.head_started = None;
        state.last_byte = Instant::now();
        Busy(self.clone())
    }

    /// The next deadline, or `None` while a request is being answered.
    fn deadline(&self, limits: &ConnectionLimits) -> Option<(Instant, Timeout)> {
        let state = self.lock();
        if state.answering > 0 {
            return None;
        }
        let idle = (state.last_byte + limits.idle_timeout, Timeout::Idle);
        Some(match state.head_started {
            Some(started) if started + limits.header_timeout < idle.0 => {
                (started + limits.header_timeout, Timeout::Header)
            }
            _ => idle,
        })
    }
}

/// A request being answered; the idle clock restarts when its answer has been handed
/// to hyper whole (or dropped).
struct Busy(Arc<Activity>);

impl Drop for Busy {
    fn drop(&mut self) {
        let mut state = self.0.lock();
        state.answering = state.answering.saturating_sub(1);
        state.last_byte = Instant::now();
        drop(state);
        self.0.changed.notify_one();
    }
}

/// The header and idle clocks while the listener is near its cap (see `pressed`).
pub(super) const PRESSED_HEADER_TIMEOUT: Duration = Duration::from_secs(2);
pub(super) const PRESSED_IDLE_TIMEOUT: Duration = Duration::from_secs(5);

/// The limits under pressure: a connection that is slow to send its head, or idle, is
/// closed sooner, so that slots held by slow clients turn over to new connections
/// (a person's browser or script sends its head in milliseconds).
fn pressed(limits: ConnectionLimits) -> ConnectionLimits {
    ConnectionLimits {
        header_timeout: limits.header_timeout.min(PRESSED_HEADER_TIMEOUT),
        idle_timeout: limits.idle_timeout.min(PRESSED_IDLE_TIMEOUT),
        ..limits
    }
}

/// Wait until the connection's next deadline passes; returns which one. The deadline
/// follows the listener's pressure as it changes.
async fn watchdog(
    activity: &Activity,
    limits: ConnectionLimits,
    mut pressure: watch::Receiver<bool>,
) -> Timeout {
    loop {
        let now_limits = if *pressure.borrow_and_update() {
            pressed(limits)
        } else {
            limits
        };
        match activity.deadline(&now_limits) {
            Some((at, timeout)) if at <= Instant::now() => return timeout,
            Some((at, _)) => {
                tokio::select! {
                    () = tokio::time::sleep_until(at) => {}
                    () = activity.changed.notified() => {}
                    changed = pressure.changed() => {
                        // The listener is gone: nothing will change any more.
                        if changed.is_err() {
                            tokio::time::sleep_until(at).await;
                        }
                    }
                }
            }
            None => activity.changed.notified().await,
        }
    }
}

/// The connection's stream, telling `Activity` of every byte that moves.
struct Watched<IO> {
    inner: IO,
    activity: Arc<Activity>,
}

impl<IO: AsyncRead + Unpin> AsyncRead for Watched<IO> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.activity.read();
        }
        polled
    }
}

impl<IO: AsyncWrite + Unpin> AsyncWrite for Watched<IO> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, data);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.wrote();
        }
        polled
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, data);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.wrote();
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// A request body that must arrive whole before its deadline. When the deadline
/// passes while the route waits for more, the read fails and `late` tells `answer` to
/// replace the route's answer with a 408.
struct DeadlineBody {
    inner: Incoming,
    deadline: Pin<Box<Sleep>>,
    late: Arc<AtomicBool>,
}

/// The body did not arrive within the body timeout.
#[derive(Debug, thiserror::Error)]
#[error("the request body did not arrive within the body timeout")]
struct BodyTimedOut;

impl HttpBody for DeadlineBody {
    type Data = Bytes;
    type Error = axum::BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        if self.late.load(Ordering::Relaxed) {
            return Poll::Ready(Some(Err(BodyTimedOut.into())));
        }
        match Pin::new(&mut self.inner).poll_frame(cx) {
            Poll::Ready(frame) => Poll::Ready(frame.map(|f| f.map_err(Into::into))),
            Poll::Pending => match self.deadline.as_mut().poll(cx) {
                Poll::Ready(()) => {
                    self.late.store(true, Ordering::Relaxed);
                    Poll::Ready(Some(Err(BodyTimedOut.into())))
                }
                Poll::Pending => Poll::Pending,
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// An answer's body, holding the request's `Busy` until hyper has taken all of it.
struct Answering {
    inner: Body,
    _busy: Busy,
}

impl HttpBody for Answering {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real time, scaled down (tokio's paused clock needs its test-util feature).
    fn close_to(elapsed: Duration, expected: Duration) -> bool {
        elapsed >= expected && elapsed < expected + Duration::from_millis(150)
    }

    #[tokio::test]
    async fn the_watchdog_tells_idle_from_a_slow_head() {
        let limits = ConnectionLimits {
            header_timeout: Duration::from_millis(100),
            idle_timeout: Duration::from_millis(600),
            ..ConnectionLimits::default()
        };
        let (_calm, pressure) = watch::channel(false);
        let start = Instant::now();
        let activity = Activity::new();
        assert_eq!(
            watchdog(&activity, limits, pressure.clone()).await,
            Timeout::Idle
        );
        assert!(close_to(start.elapsed(), Duration::from_millis(600)));

        let start = Instant::now();
        let activity = Arc::new(Activity::new());
        let reader = activity.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(300)).await;
            reader.read();
        });
        assert_eq!(watchdog(&activity, limits, pressure).await, Timeout::Header);
        assert!(close_to(start.elapsed(), Duration::from_millis(400)));
    }

    #[tokio::test]
    async fn under_pressure_a_slow_head_is_closed_sooner() {
        // A head begun, a 10 s header clock: pressure after 100 ms cuts it to 2 s.
        let limits = ConnectionLimits::default();
        let (pressure_tx, pressure) = watch::channel(false);
        let activity = Arc::new(Activity::new());
        activity.read();
        let start = Instant::now();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(100)).await;
            let _ = pressure_tx.send(true);
            // Kept alive past the deadline, as the listener would be.
            tokio::time::sleep(Duration::from_secs(5)).await;
        });
        assert_eq!(watchdog(&activity, limits, pressure).await, Timeout::Header);
        assert!(close_to(start.elapsed(), PRESSED_HEADER_TIMEOUT));
    }

    #[tokio::test]
    async fn no_deadline_while_answering_and_idle_counts_from_the_answer() {
        let limits = ConnectionLimits {
            header_timeout: Duration::from_millis(100),
            idle_timeout: Duration::from_millis(200),
            ..ConnectionLimits::default()
        };
        let activity = Arc::new(Activity::new());
        activity.read();
        let busy = activity.request_started();
        let start = Instant::now();
        let answered = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(500)).await;
            drop(busy);
        });
        let (_calm, pressure) = watch::channel(false);
        assert_eq!(watchdog(&activity, limits, pressure).await, Timeout::Idle);
        assert!(close_to(start.elapsed(), Duration::from_millis(700)));
        answered.await.unwrap();
    }
}
