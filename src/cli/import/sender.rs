//! Sending one chunk: `POST /v1/phone-changes` with the key `<batch id>-<chunk>`,
//! retried with the same key by [`chunk_retries`] while the server is unreachable,
//! busy or failing (the server applies a key once), and its answer checked to hold
//! exactly one outcome per row.

use std::time::Duration;

use super::chunks::Finished;
use super::input::Row;
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
    pub verbose: bool,
}

impl Sender {
    pub(super) async fn send(&self, number: u64, rows: Vec<Row>) -> anyhow::Result<Finished> {
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
                    if let (true, Err(err)) = (self.verbose, result) {
                        eprintln!("chunk {number}: {err}; again in {} ms", wait.as_millis());
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
                    "chunk {number} failed for {} s, giving up: {err}",
                    failing_for.as_secs()
                ),
            )
            .hint("run the same command again to resume where it stopped")
            .into()),
        }
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
    let mut outcomes: Vec<Option<(RowOutcome, Option<String>)>> = vec![None; rows.len()];
    for result in answer.results {
        let slot = usize::try_from(result.index)
            .ok()
            .and_then(|i| outcomes.get_mut(i));
        match slot {
            Some(slot @ None) => *slot = Some((result.outcome, result.message)),
            _ => {
                return Err(ClientError::Protocol(format!(
                    "chunk {number}: a result for row {} that was not sent once",
                    result.index
                ))
                .into())
            }
        }
    }
    let outcomes: Option<Vec<_>> = outcomes.into_iter().collect();
    let outcomes = outcomes.ok_or_else(|| {
        ClientError::Protocol(format!("chunk {number}: the answer lacks some rows"))
    })?;
    Ok(Finished {
        number,
        rows,
        outcomes,
        sent: true,
    })
}
