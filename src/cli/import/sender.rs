//! Sending one chunk: `POST /v1/phone-changes` with the key `<batch id>-<chunk>`,
//! retried with the same key by [`chunk_retries`] while the server is unreachable,
//! busy or failing (the server applies a key once), and its answer checked to hold
//! exactly one outcome per row. Each pause is said on stderr as it starts, with the
//! reason and the wait, so an unattended log shows why an import is slow.

use std::time::Duration;

use super::chunks::Finished;
use super::input::Row;
use super::progress::Progress;
use crate::api::{PhoneChangeBatch, PhoneChangeReport, PhoneChangeRow, RowOutcome};
use crate::cli::errors::{self, CliError};
use crate::client::{Client, ClientError};
use crate::retry::{Outcome, RetryAfterLimit, RetryPolicy, Verdict};

/// How a chunk is retried: for `--retry-for` from its first failure, pausing 0.2 s
/// doubling up to 5 s, or what the server's `Retry-After` asks, up to a minute (an
/// unattended import waits its turn; a hostile server cannot park it for hours).
pub(super) fn chunk_retries(retry_for: Duration) -> RetryPolicy {
    RetryPolicy {
        attempts: None,
        give_up_after: Some(retry_for),
        first_delay: Duration::from_millis(200),
        max_delay: Duration::from_secs(5),
        retry_after: RetryAfterLimit::CappedAt(Duration::from_secs(60)),
    }
}

/// Sends chunks, retrying what may pass on a later try.
pub(super) struct Sender {
    pub client: Client,
    pub batch_id: String,
    pub reason: Option<String>,
    pub dry_run: bool,
    pub notify_old: bool,
    pub retries: RetryPolicy,
    /// Chunks in the whole file, to say "chunk 3 of 15".
    pub chunks: u64,
}

impl Sender {
    /// Send chunk `number` (from 0), retrying as [`chunk_retries`] says; every pause is
    /// told through `progress`.
    pub(super) async fn send(
        &self,
        number: u64,
        rows: Vec<Row>,
        progress: &Progress,
    ) -> anyhow::Result<Finished> {
        let key = format!("{}-{number}", self.batch_id);
        let batch = PhoneChangeBatch {
            batch_id: self.batch_id.clone(),
            reason: self.reason.clone(),
            dry_run: self.dry_run,
            notify_old: self.notify_old,
            changes: rows
                .iter()
                .map(|row| PhoneChangeRow {
                    millekod: row.millekod.clone(),
                    login: row.login.clone(),
                    phone: row.phone.clone(),
                    expected_phone: row.expected_phone.clone(),
                })
                .collect(),
        };
        let key = (!self.dry_run).then_some(key.as_str());
        let mut tries = 1u32;
        let outcome = self
            .retries
            .run(
                || self.client.apply_phone_changes(key, &batch),
                |result| match result {
                    Err(err) if transient(err) => Verdict::Retry {
                        retry_after: err.retry_after(),
                    },
                    _ => Verdict::Done,
                },
                |result, wait| {
                    if let Err(err) = result {
                        tries += 1;
                        progress.note(&retry_line(
                            err,
                            number + 1,
                            self.chunks,
                            wait,
                            tries,
                            self.retries.give_up_after,
                        ));
                    }
                },
            )
            .await;
        match outcome {
            Outcome::Done(Ok(answer))
            | Outcome::GaveUp {
                last: Ok(answer), ..
            } => finished(number, rows, answer),
            Outcome::Done(Err(err)) => Err(err.into()),
            Outcome::GaveUp {
                last: Err(err),
                failing_for,
            } => Err(CliError::new(
                errors::UNAVAILABLE,
                format!(
                    "chunk {} of {} failed for {} s, giving up: {err}",
                    number + 1,
                    self.chunks,
                    failing_for.as_secs()
                ),
            )
            .hint("run the same command again to resume where it stopped")
            .into()),
        }
    }
}

/// One line per pause: `server unavailable (503 Service Unavailable); retrying chunk 3
/// of 15 in 4.0 s (attempt 2, giving up after 120 s of failures)`.
fn retry_line(
    err: &ClientError,
    chunk: u64,
    chunks: u64,
    wait: Duration,
    attempt: u32,
    give_up_after: Option<Duration>,
) -> String {
    let limit = match give_up_after {
        Some(limit) => format!(", giving up after {} s of failures", limit.as_secs()),
        None => String::new(),
    };
    format!(
        "{}; retrying chunk {chunk} of {chunks} in {} (attempt {attempt}{limit})",
        reason(err),
        seconds(wait)
    )
}

/// Why a try failed, in a few words and the cause: `server unreachable (timed out)`.
fn reason(err: &ClientError) -> String {
    match err {
        ClientError::Unreachable { why, .. } => format!("server unreachable ({why})"),
        ClientError::Protocol(why) => format!("unreadable answer ({why})"),
        ClientError::Api { status, .. } => {
            let what = match status {
                429 => "server busy",
                503 => "server unavailable",
                502 | 504 => "no answer behind the proxy",
                _ => "server error",
            };
            let name = reqwest::StatusCode::from_u16(*status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or("");
            format!("{what} ({status} {name})").replace(" )", ")")
        }
    }
}

/// `0.2 s`, `4.0 s`, `12 s`.
fn seconds(wait: Duration) -> String {
    let s = wait.as_secs_f64();
    if s < 10.0 {
        format!("{s:.1} s")
    } else {
        format!("{s:.0} s")
    }
}

/// Worth another try with the same key: no answer, a busy or failing server.
fn transient(err: &ClientError) -> bool {
    match err {
        ClientError::Unreachable { .. } | ClientError::Protocol(_) => true,
        ClientError::Api { status, .. } => matches!(status, 429 | 500 | 502 | 503 | 504),
    }
}

/// The answer's results in row order; every row must have exactly one.
fn finished(number: u64, rows: Vec<Row>, answer: PhoneChangeReport) -> anyhow::Result<Finished> {
    let shown = number + 1;
    let mut outcomes: Vec<Option<(RowOutcome, Option<String>)>> = vec![None; rows.len()];
    for result in answer.results {
        let slot = usize::try_from(result.index)
            .ok()
            .and_then(|i| outcomes.get_mut(i));
        match slot {
            Some(slot @ None) => *slot = Some((result.outcome, result.message)),
            _ => {
                return Err(ClientError::Protocol(format!(
                    "chunk {shown}: a result for row {} that was not sent once",
                    result.index
                ))
                .into())
            }
        }
    }
    let outcomes: Option<Vec<_>> = outcomes.into_iter().collect();
    let outcomes = outcomes.ok_or_else(|| {
        ClientError::Protocol(format!("chunk {shown}: the answer lacks some rows"))
    })?;
    Ok(Finished {
        number,
        rows,
        outcomes,
        sent: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_retry_line_says_why_which_chunk_how_long_and_which_attempt() {
        let refused = ClientError::Unreachable {
            url: "http://127.0.0.1:9/".into(),
            why: "connection refused or unreachable".into(),
        };
        assert_eq!(
            retry_line(
                &refused,
                3,
                15,
                Duration::from_millis(3950),
                2,
                Some(Duration::from_secs(120))
            ),
            "server unreachable (connection refused or unreachable); retrying chunk 3 of 15 \
             in 4.0 s (attempt 2, giving up after 120 s of failures)"
        );
        assert_eq!(seconds(Duration::from_millis(200)), "0.2 s");
        assert_eq!(seconds(Duration::from_secs(60)), "60 s");
    }
}
