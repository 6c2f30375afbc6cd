//! Sending SMS: one-time login codes ("H@sło SMS") and one-time access passwords after
//! an unblock (R10).
//!
//! Two senders: the dev outbox (JSON lines in a file, standing in for a phone — the
//! file holds codes by design, the log does not) and an HTTP webhook to the bank's SMS
//! gateway with timeouts and retries.
//!
//! Login codes go out through [`SmsQueue`], *after* step 1 has answered: waiting for the
//! gateway would make SMS users slower to answer than token users and unknown logins,
//! and a gateway that is down would give 502 for them alone — both tell an anonymous
//! caller who exists and how they log in. The queue is bounded (memory) and so is the
//! number of messages in flight (connections); a message that does not fit is dropped
//! and logged, and the user asks for a new code. An unblock's access password is sent
//! in the request instead: the caller is authenticated, and an undelivered password
//! undoes the unblock.

use std::path::PathBuf;
use std::time::Duration;

use async_trait::async_trait;
use secrecy::{ExposeSecret, SecretString};
use std::sync::Arc;
use tokio::io::AsyncWriteExt;

use tokio::sync::{mpsc, Mutex, Semaphore};

use crate::domain::phone::PhoneNumber;

use super::metrics::events::SmsFailure;
use super::metrics::Metrics;

/// What an SMS carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmsKind {
    LoginCode,
    AccessPassword,
    /// To the old number after a phone change: no code, only the fact (issue 11).
    PhoneChanged,
}

impl SmsKind {
    pub const ALL: [Self; 3] = [Self::LoginCode, Self::AccessPassword, Self::PhoneChanged];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::LoginCode => "login_code",
            Self::AccessPassword => "access_password",
            Self::PhoneChanged => "phone_changed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

/// One message; `secret` is the code or password it carries, if any.
pub struct Sms<'a> {
    pub to: &'a PhoneNumber,
    pub kind: SmsKind,
    pub secret: Option<&'a SecretString>,
    /// Binds a login code to its challenge, so a reader of the outbox knows which.
    pub challenge_id: Option<&'a str>,
    /// A login code's number, in its text and beside the challenge.
    pub reference: Option<&'a str>,
}

impl Sms<'_> {
    fn text(&self) -> String {
        let secret = self.secret.map(|s| s.expose_secret()).unwrap_or("");
        match self.kind {
            SmsKind::PhoneChanged => "Millenet: numer telefonu do H@sel SMS zostal zmieniony. \
                 Jesli to nie Ty, zadzwon do banku."
                .to_owned(),
            SmsKind::LoginCode => format!(
                "Millenet: H@slo SMS nr {} do logowania: {secret}",
                self.reference.unwrap_or("")
            ),
            SmsKind::AccessPassword => {
                format!(
                    "Millenet: jednorazowe haslo dostepu do ustanowienia nowego hasla: {secret}"
                )
            }
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("SMS to {to} not sent: {why}")]
pub struct SmsError {
    /// Masked number.
    pub to: String,
    pub why: String,
    /// What kind of failure, for the metrics.
    pub failure: SmsFailure,
}

#[async_trait]
pub trait SmsSender: Send + Sync {
    async fn send(&self, sms: &Sms<'_>) -> Result<(), SmsError>;
}

/// Any sender, its outcomes counted in the metrics (sent by kind, failed by kind and
/// reason): the one place every message passes, queued or not.
pub struct Counted {
    inner: Arc<dyn SmsSender>,
    metrics: Arc<Metrics>,
}

impl Counted {
    pub fn new(inner: Arc<dyn SmsSender>, metrics: Arc<Metrics>) -> Self {
        Self { inner, metrics }
    }
}

#[async_trait]
impl SmsSender for Counted {
    async fn send(&self, sms: &Sms<'_>) -> Result<(), SmsError> {
        let sent = self.inner.send(sms).await;
        match &sent {
            Ok(()) => self.metrics.events.sms_sent(sms.kind),
            Err(err) => self.metrics.events.sms_failed(sms.kind, err.failure),
        }
        sent
    }
}

/// `--dev`: append each message as a JSON line to `DIR/sms-outbox.jsonl`, a file
/// created with mode 0600 (it holds the codes).
pub struct OutboxFile {
    path: PathBuf,
    lock: Mutex<()>,
}

impl OutboxFile {
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            lock: Mutex::new(()),
        }
    }
}

#[async_trait]
impl SmsSender for OutboxFile {
    async fn send(&self, sms: &Sms<'_>) -> Result<(), SmsError> {
        let fail = |why: String| SmsError {
            to: sms.to.masked(),
            why,
            failure: SmsFailure::Outbox,
        };
        let line = serde_json::json!({
            "at": time::OffsetDateTime::now_utc()
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            "to": sms.to.as_e164(),
            "kind": sms.kind.as_str(),
            "challenge_id": sms.challenge_id,
            "reference": sms.reference,
            "code": sms.secret.map(|s| s.expose_secret()),
            "text": sms.text(),
        });
        let _guard = self.lock.lock().await;
        let mut options = tokio::fs::OpenOptions::new();
        options.create(true).append(true);
        // One-time codes in clear: readable by the server's user only.
        #[cfg(unix)]
        options.mode(0o600);
        let mut file = options
            .open(&self.path)
            .await
            .map_err(|e| fail(e.to_string()))?;
        file.write_all(format!("{line}\n").as_bytes())
            .await
            .map_err(|e| fail(e.to_string()))?;
        file.flush().await.map_err(|e| fail(e.to_string()))?;
        tracing::info!(to = %sms.to.masked(), kind = sms.kind.as_str(), "SMS written to the dev outbox");
        Ok(())
    }
}

/// The bank's SMS gateway: `POST url` with `{"to", "text"}` and a bearer secret.
pub struct Webhook {
    client: reqwest::Client,
    url: reqwest::Url,
    bearer: SecretString,
}

use crate::retry::{parse_retry_after, RetryAfterLimit, RetryPolicy, Verdict};

/// Three tries, 0.4 s and 0.8 s apart, or after the gateway's `Retry-After` if it
/// sends one of at most 5 s: a login code is wanted now, and a queue slot (or an
/// unblock's request) is held while we wait.
const GATEWAY_RETRIES: RetryPolicy = RetryPolicy {
    attempts: Some(3),
    give_up_after: None,
    first_delay: Duration::from_millis(400),
    max_delay: Duration::from_millis(800),
    retry_after: RetryAfterLimit::GiveUpBeyond(Duration::from_secs(5)),
};

/// One try at the gateway.
enum Delivery {
    Sent,
    /// A 4xx will not get better by repeating it.
    Refused(String),
    Failed {
        why: String,
        retry_after: Option<Duration>,
    },
}

impl Webhook {
    pub fn new(url: reqwest::Url, bearer: SecretString) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(5))
            .connect_timeout(Duration::from_secs(2))
            .build()?;
        Ok(Self {
            client,
            url,
            bearer,
        })
    }

    async fn try_once(&self, body: &serde_json::Value) -> Delivery {
        let result = self
            .client
            .post(self.url.clone())
            .bearer_auth(self.bearer.expose_secret())
            .json(body)
            .send()
            .await;
        match result {
            Ok(response) if response.status().is_success() => Delivery::Sent,
            Ok(response) if response.status().is_client_error() => Delivery::Refused(format!(
                "gateway refused it with HTTP {}",
                response.status()
            )),
            Ok(response) => Delivery::Failed {
                why: format!("gateway answered HTTP {}", response.status()),
                retry_after: response
                    .headers()
                    .get(reqwest::header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| parse_retry_after(v, std::time::SystemTime::now())),
            },
            // reqwest errors carry the URL, never the body or the bearer.
            Err(err) => Delivery::Failed {
                why: format!("gateway unreachable: {}", err.without_url()),
                retry_after: None,
            },
        }
    }
}

#[async_trait]
impl SmsSender for Webhook {
    async fn send(&self, sms: &Sms<'_>) -> Result<(), SmsError> {
        let body = serde_json::json!({ "to": sms.to.as_e164(), "text": sms.text() });
        let mut attempt = 0u32;
        let outcome = GATEWAY_RETRIES
            .run(
                || {
                    let this_try = attempt;
                    attempt += 1;
                    let body = &body;
                    async move {
                        let delivery = self.try_once(body).await;
                        if let Delivery::Failed { why, .. } = &delivery {
                            tracing::warn!(to = %sms.to.masked(), attempt = this_try, %why, "SMS delivery failed");
                        }
                        delivery
                    }
                },
                |delivery| match delivery {
                    Delivery::Failed { retry_after, .. } => Verdict::Retry {
                        retry_after: *retry_after,
                    },
                    Delivery::Sent | Delivery::Refused(_) => Verdict::Done,
                },
                |_, _| {},
            )
            .await;
        match outcome.into_last() {
            Delivery::Sent => {
                tracing::info!(to = %sms.to.masked(), kind = sms.kind.as_str(), "SMS sent");
                Ok(())
            }
            Delivery::Refused(why) => Err(SmsError {
                to: sms.to.masked(),
                why,
                failure: SmsFailure::Refused,
            }),
            Delivery::Failed { why, .. } => Err(SmsError {
                to: sms.to.masked(),
                why,
                failure: SmsFailure::Unreachable,
            }),
        }
    }
}

/// A message waiting in the [`SmsQueue`].
struct Queued {
    to: PhoneNumber,
    kind: SmsKind,
    secret: Option<SecretString>,
    challenge_id: Option<String>,
    reference: Option<String>,
}

/// Messages sent after the answer, by a task of their own (see the module's docs).
#[derive(Clone)]
pub struct SmsQueue {
    tx: mpsc::Sender<Queued>,
    /// Messages queued and not yet handed to the gateway (or given up): a shutdown
    /// waits for none to be left ([`SmsQueue::flush`]).
    pending: Arc<tokio::sync::watch::Sender<usize>>,
    metrics: Arc<Metrics>,
}

/// Messages waiting at most: about 200 bytes each, so well under a megabyte.
pub const SMS_QUEUE_CAPACITY: usize = 4096;
/// Messages being handed to the gateway at once.
pub const SMS_IN_FLIGHT: usize = 16;

impl SmsQueue {
    /// Start the task that drains the queue into `sender`; a message the full queue
    /// drops is counted in `metrics`. Needs a Tokio runtime.
    pub fn start(sender: Arc<dyn SmsSender>, metrics: Arc<Metrics>) -> Self {
        let (tx, mut rx) = mpsc::channel::<Queued>(SMS_QUEUE_CAPACITY);
        let permits = Arc::new(Semaphore::new(SMS_IN_FLIGHT));
        let pending = Arc::new(tokio::sync::watch::Sender::new(0_usize));
        let done = pending.clone();
        tokio::spawn(async move {
            while let Some(queued) = rx.recv().await {
                let Ok(permit) = permits.clone().acquire_owned().await else {
                    return;
                };
                let sender = sender.clone();
                let done = done.clone();
                tokio::spawn(async move {
                    let sms = Sms {
                        to: &queued.to,
                        kind: queued.kind,
                        secret: queued.secret.as_ref(),
                        challenge_id: queued.challenge_id.as_deref(),
                        reference: queued.reference.as_deref(),
                    };
                    // The sender logs each failure with the masked number.
                    if let Err(err) = sender.send(&sms).await {
                        tracing::warn!(error = %err, kind = queued.kind.as_str(), "queued SMS dropped");
                    }
                    drop(permit);
                    done.send_modify(|n| *n = n.saturating_sub(1));
                });
            }
        });
        Self {
            tx,
            pending,
            metrics,
        }
    }

    /// Wait until every queued message has been handed to the gateway (or given up),
    /// or until `deadline`: `false` if some were still waiting then. A shutdown calls
    /// it once the listeners have stopped, so a login code answered with a 2xx is not
    /// lost with the process.
    pub async fn flush(&self, deadline: tokio::time::Instant) -> bool {
        let mut pending = self.pending.subscribe();
        tokio::time::timeout_at(deadline, pending.wait_for(|n| *n == 0))
            .await
            .is_ok_and(|waited| waited.is_ok())
    }

    /// Queue a message; `false` (and a warning) when the queue is full.
    pub fn enqueue(&self, sms: &Sms<'_>) -> bool {
        let queued = Queued {
            to: sms.to.clone(),
            kind: sms.kind,
            secret: sms.secret.cloned(),
            challenge_id: sms.challenge_id.map(str::to_owned),
            reference: sms.reference.map(str::to_owned),
        };
        // Counted before it can be sent, so the count never goes below what waits.
        self.pending.send_modify(|n| *n += 1);
        match self.tx.try_send(queued) {
            Ok(()) => true,
            Err(_) => {
                self.pending.send_modify(|n| *n = n.saturating_sub(1));
                tracing::warn!(to = %sms.to.masked(), "SMS queue full; message dropped");
                self.metrics
                    .events
                    .sms_failed(sms.kind, SmsFailure::QueueFull);
                false
            }
        }
    }
}

/// Notices waiting in the database, sent at most this many a second per server.
pub const NOTICES_PER_SECOND: i64 = 20;

/// Drain the database's SMS notices (old numbers told of a phone change) into `queue`,
/// [`NOTICES_PER_SECOND`] at most, forever. Each notice is claimed by one replica only.
pub fn start_notices(store: Arc<dyn crate::store::Store>, queue: SmsQueue) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let now = crate::store::now_millis();
            let claimed = match store.claim_sms_notices(NOTICES_PER_SECOND, now).await {
                Ok(claimed) => claimed,
                Err(err) => {
                    tracing::warn!(error = %err, "cannot read the SMS notices");
                    continue;
                }
            };
            for (phone, kind) in claimed {
                let (Some(to), Some(kind)) =
                    (PhoneNumber::from_stored(&phone), SmsKind::parse(&kind))
                else {
                    tracing::warn!("an SMS notice with an unreadable number or kind; skipped");
                    continue;
                };
                queue.enqueue(&Sms {
                    to: &to,
                    kind,
                    secret: None,
                    challenge_id: None,
                    reference: None,
                });
            }
        }
    });
}

/// The bank-wide SMS budget's breaker (`domain::login_start`): says so in the log, once
/// a minute while it stays open (the count is the `login_starts_refused` metric).
#[derive(Default)]
pub struct SmsBreaker {
    last_alert_minute: std::sync::atomic::AtomicI64,
}

impl SmsBreaker {
    pub fn tripped(&self, now: crate::store::Millis, budget_per_minute: u32) {
        let minute = crate::domain::login_start::minute_of(now);
        let last = self
            .last_alert_minute
            .swap(minute, std::sync::atomic::Ordering::Relaxed);
        if last != minute {
            tracing::error!(
                budget_per_minute,
                "SMS budget spent: the breaker is open and login codes wait until the minute ends"
            );
        }
    }
}

/// No gateway configured (no `--sms-webhook-url`): SMS users cannot log in, and say so.
pub struct NoGateway;

#[async_trait::async_trait]
impl SmsSender for NoGateway {
    async fn send(&self, sms: &Sms<'_>) -> Result<(), SmsError> {
        Err(SmsError {
            to: sms.to.masked(),
            why: "no SMS gateway is configured on this server (--sms-webhook-url)".into(),
            failure: SmsFailure::NoGateway,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_message_no_gateway_took_is_counted_as_failed_with_its_reason() {
        let metrics = Arc::new(Metrics::new());
        let sender = Counted::new(Arc::new(NoGateway), metrics.clone());
        let to = PhoneNumber::parse("+48601234567").expect("a phone number");
        let sms = Sms {
            to: &to,
            kind: SmsKind::AccessPassword,
            secret: None,
            challenge_id: None,
            reference: None,
        };

        let sent = sender.send(&sms).await;

        assert!(sent.is_err());
        let text = metrics.encode();
        let line = "millectl_sms_failed_total{kind=\"access_password\",reason=\"no_gateway\"} 1";
        assert!(text.lines().any(|l| l == line), "{text}");
        assert!(!text.contains("48601234567"), "{text}");
    }
}
