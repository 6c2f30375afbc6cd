//! `millectl phone import`: migrate phone numbers by the thousand, safe to interrupt.
//!
//! 1. The whole file is checked here first ([`input`]); a file with any bad row is
//!    refused, naming its lines, before anything is sent.
//! 2. Its rows go to `POST /v1/phone-changes` in chunks, a few in flight at once, each
//!    with the idempotency key `<batch id>-<chunk number>`. Busy (429, honouring
//!    `Retry-After`), unreachable or failing servers are retried with the same key, so a
//!    chunk whose answer was lost is never applied twice.
//! 3. Finished chunks go to the [`journal`] in file order. Run the same command again
//!    after Ctrl-C, `kill -9`, a dropped connection or a server restart and it resumes
//!    the same batch; after a finished import it starts a new one, whose rows are then
//!    all `unchanged`.

mod input;
mod journal;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Args;
use futures_util::StreamExt;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::change::{confirm, ChangeArgs};
use super::errors::{self, CliError};
use super::Context;
use crate::api::{
    PhoneChangeBatch, PhoneChangeReport, PhoneChangeRow, RowOutcome, MAX_PHONE_CHANGES,
};
use crate::client::{Client, ClientError};
use crate::domain::display_text::Reason;
use crate::domain::phone::PhoneNumber;
use crate::output::Tabular;
use crate::retry::{Outcome, RetryAfterLimit, RetryPolicy, Verdict};
use input::{Checked, Row, Source};
use journal::{ChunkDone, Journal, JournalError, Opened, Start};

/// How a chunk is retried: for `--retry-for` from its first failure, pausing 0.2 s
/// doubling up to 5 s, or what the server's `Retry-After` asks, up to a minute (an
/// unattended import waits its turn; a hostile server cannot park it for hours).
fn chunk_retries(retry_for: Duration) -> RetryPolicy {
    RetryPolicy {
        attempts: None,
        give_up_after: Some(retry_for),
        first_delay: Duration::from_millis(200),
        max_delay: Duration::from_secs(5),
        retry_after: RetryAfterLimit::CappedAt(Duration::from_secs(60)),
    }
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// CSV file with a header naming millekod, login, phone and optionally
    /// expected_phone; `,` or `;` separated, UTF-8. `-` reads stdin.
    pub file: PathBuf,
    /// Ask the server what would happen to each row; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Check the file here and stop: send nothing.
    #[arg(long, conflicts_with = "dry_run")]
    pub check: bool,
    /// Write a CSV with one line per input row: its outcome and message (numbers
    /// masked).
    #[arg(long, value_name = "OUT.csv")]
    pub report: Option<PathBuf>,
    /// Where finished chunks are recorded, for resuming [default: a file under the
    /// config directory named after the input's hash and the server].
    #[arg(long, value_name = "PATH")]
    pub journal: Option<PathBuf>,
    /// Chunks sent at once.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..=16))]
    pub concurrency: u16,
    /// Rows per chunk (a resumed import keeps the size it started with).
    #[arg(long, default_value_t = 2000, value_parser = clap::value_parser!(u16).range(1..=MAX_PHONE_CHANGES as i64))]
    pub chunk_size: u16,
    /// How long to keep retrying a chunk while the server is unreachable, restarting
    /// or busy, before stopping (the import can then be resumed).
    #[arg(long, default_value_t = 120, value_name = "SECONDS")]
    pub retry_for: u64,
    /// When stderr is not a terminal: how often a progress line is printed there (0:
    /// after every chunk).
    #[arg(long, default_value_t = 2, value_name = "SECONDS")]
    pub progress_every: u64,
    /// Do not tell the old numbers of the change by SMS. Needs --reason; every row's
    /// audit record says the old number was not told.
    #[arg(long)]
    pub no_notify_old: bool,
    #[command(flatten)]
    pub change: ChangeArgs,
}

/// The end of an import, as `-o json` prints it.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub total: u64,
    /// Changed (in a dry run: would be changed).
    pub updated: u64,
    pub unchanged: u64,
    /// Not applied: not found, forbidden or invalid.
    pub failed: u64,
    /// Not applied: the current number was not the expected one.
    pub conflicts: u64,
    pub duration_ms: u64,
    pub batch_id: String,
    pub dry_run: bool,
    /// Rows whose outcome came from the journal of an earlier, interrupted run.
    pub resumed_rows: u64,
    #[serde(skip)]
    by_outcome: BTreeMap<&'static str, u64>,
}

impl Summary {
    fn add(&mut self, outcome: RowOutcome) {
        self.total += 1;
        match outcome {
            RowOutcome::Updated => self.updated += 1,
            RowOutcome::Unchanged => self.unchanged += 1,
            RowOutcome::Conflict => self.conflicts += 1,
            RowOutcome::NotFound | RowOutcome::Forbidden | RowOutcome::Invalid => self.failed += 1,
        }
        *self.by_outcome.entry(outcome.as_str()).or_default() += 1;
    }

    fn not_applied(&self) -> u64 {
        self.failed + self.conflicts
    }
}

impl Tabular for Summary {
    fn headers() -> &'static [&'static str] {
        &[
            "total",
            "updated",
            "unchanged",
            "failed",
            "conflicts",
            "duration_ms",
            "batch_id",
            "dry_run",
            "resumed_rows",
        ]
    }

    fn row(&self) -> Vec<String> {
        vec![
            self.total.to_string(),
            self.updated.to_string(),
            self.unchanged.to_string(),
            self.failed.to_string(),
            self.conflicts.to_string(),
            self.duration_ms.to_string(),
            self.batch_id.clone(),
            self.dry_run.to_string(),
            self.resumed_rows.to_string(),
        ]
    }
}

/// `--check`: what a checked file holds.
#[derive(Debug, Serialize)]
struct CheckedView {
    rows: u64,
    delimiter: String,
    sha256: String,
}

impl Tabular for CheckedView {
    fn headers() -> &'static [&'static str] {
        &["rows", "delimiter", "sha256"]
    }

    fn row(&self) -> Vec<String> {
        vec![
            self.rows.to_string(),
            self.delimiter.clone(),
            self.sha256.clone(),
        ]
    }
}

pub async fn run(ctx: &Context, args: ImportArgs) -> anyhow::Result<()> {
    if args.no_notify_old && args.change.reason.is_none() {
        return Err(CliError::usage(
            "--no-notify-old needs --reason: why the old numbers are not told of the change",
        )
        .into());
    }
    let source = if args.file.as_os_str() == "-" {
        Source::Stdin
    } else {
        Source::Path(args.file.clone())
    };
    let checked = check_file(source.clone()).await?;
    let mut out = std::io::stdout().lock();
    if args.check {
        if !ctx.json() {
            eprintln!("{source}: {} rows, all well-formed.", checked.rows);
        }
        let view = CheckedView {
            rows: checked.rows,
            delimiter: char::from(checked.delimiter).to_string(),
            sha256: checked.sha256.clone(),
        };
        return ctx.output.record(&mut out, &view);
    }
    let client = ctx.client()?;

    let fresh_batch = format!("imp-{}", &uuid::Uuid::new_v4().simple().to_string()[..16]);
    let (journal, resumed) = if args.dry_run {
        (None, false)
    } else {
        let default_path = args.journal.is_none();
        let path = match &args.journal {
            Some(path) => path.clone(),
            None => default_journal(&checked.sha256, ctx.server.as_str())?,
        };
        let start = Start {
            version: 1,
            batch_id: fresh_batch.clone(),
            input_sha256: checked.sha256.clone(),
            server: ctx.server.to_string(),
            chunk_size: usize::from(args.chunk_size),
            rows: checked.rows,
            reason: args.change.reason.as_ref().map(Reason::to_string),
        };
        let (journal, resumed) = match Journal::open(&path, start).map_err(journal_error)? {
            Opened::Fresh(journal) => (journal, false),
            Opened::Resumed(journal) => (journal, true),
        };
        (Some((journal, default_path)), resumed)
    };
    let (batch_id, chunk_size) = match &journal {
        Some((journal, _)) => (journal.start.batch_id.clone(), journal.start.chunk_size),
        None => (
            format!("dry-{}", &fresh_batch[4..]),
            usize::from(args.chunk_size),
        ),
    };

    if let Some((journal, _)) = &journal {
        let chunks = checked.rows.div_ceil(chunk_size as u64);
        if resumed {
            eprintln!(
                "Resuming batch {batch_id}: {} of {chunks} chunks already done (journal {}).",
                journal.done.len(),
                journal.path().display()
            );
        }
        let question = format!(
            "{} the mobile numbers of {} users from {source} on {} (batch {batch_id})?",
            if resumed { "Go on changing" } else { "Change" },
            checked.rows,
            ctx.server
        );
        confirm(ctx, &args.change, &question)?;
    }

    let sender = Sender {
        client,
        batch_id: batch_id.clone(),
        reason: args.change.reason.as_ref().map(Reason::to_string),
        dry_run: args.dry_run,
        notify_old: !args.no_notify_old,
        retries: chunk_retries(Duration::from_secs(args.retry_for)),
        verbose: ctx.verbose,
    };
    let report = match &args.report {
        Some(path) => Some(ReportWriter::create(path, args.dry_run)?),
        None => None,
    };
    let progress = Progress::new(checked.rows, Duration::from_secs(args.progress_every));
    let started = Instant::now();
    let mut summary = Summary {
        batch_id: batch_id.clone(),
        dry_run: args.dry_run,
        ..Summary::default()
    };
    let driven = drive(
        &checked,
        chunk_size,
        usize::from(args.concurrency),
        &sender,
        journal,
        report,
        &progress,
        &mut summary,
    );
    tokio::select! {
        result = driven => result?,
        _ = tokio::signal::ctrl_c() => {
            progress.finish();
            return Err(CliError::new(
                errors::INTERRUPTED,
                format!("interrupted after {} of {} rows; nothing in flight is lost", progress.done(), checked.rows),
            )
            .hint("run the same command again to resume where it stopped")
            .into());
        }
    }
    progress.finish();
    summary.duration_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);

    if !ctx.json() {
        let rate = summary.total as f64 / started.elapsed().as_secs_f64().max(1e-3);
        eprintln!(
            "{} {} rows in {:.1} s ({rate:.0} rows/s), batch {batch_id}.",
            if args.dry_run {
                "Dry run, nothing changed:"
            } else {
                "Imported"
            },
            summary.total,
            started.elapsed().as_secs_f64()
        );
    }
    ctx.output.record(&mut out, &summary)?;
    if summary.not_applied() > 0 {
        let mut detail = String::new();
        for (outcome, n) in summary
            .by_outcome
            .iter()
            .filter(|(o, _)| !matches!(**o, "updated" | "unchanged"))
        {
            let _ = write!(
                detail,
                "{}{n} {}",
                if detail.is_empty() { "" } else { ", " },
                outcome.replace('_', " ")
            );
        }
        let hint = match &args.report {
            Some(path) => format!("see {} for each row's message", path.display()),
            None => "run again with --report OUT.csv to see each row's message".to_owned(),
        };
        return Err(CliError::new(
            errors::ROWS_FAILED,
            format!(
                "{} of {} rows {}: {detail}",
                summary.not_applied(),
                summary.total,
                if args.dry_run {
                    "would not be applied"
                } else {
                    "were not applied"
                }
            ),
        )
        .hint(hint)
        .into());
    }
    Ok(())
}

/// Check the whole input (off the async threads: it reads and parses it all).
async fn check_file(source: Source) -> anyhow::Result<Checked> {
    let shown = source.to_string();
    let checked = tokio::task::spawn_blocking(move || input::check(&source))
        .await?
        .map_err(|e| CliError::invalid(format!("cannot read {shown}: {e}")))?;
    match checked {
        Ok(checked) => Ok(checked),
        Err(refused) => {
            let first = &refused.problems[0];
            if refused.total == 1 {
                return Err(CliError::invalid(format!(
                    "{shown} line {}: {}; nothing was sent",
                    first.line, first.message
                ))
                .hint("fix the file and run the same command again")
                .into());
            }
            for problem in &refused.problems {
                eprintln!("{shown} line {}: {}", problem.line, problem.message);
            }
            let listed = refused.problems.len() as u64;
            if refused.total > listed {
                eprintln!("… and {} more", refused.total - listed);
            }
            Err(CliError::invalid(format!(
                "{shown} has {} bad rows (the first at line {}: {}); nothing was sent",
                refused.total, first.line, first.message
            ))
            .hint("fix the file and run the same command again; --check checks without sending")
            .into())
        }
    }
}

/// `<config dir>/imports/<hash of the input and server>.journal`: the same command
/// finds the same journal, whichever directory it runs in, and stdin too.
fn default_journal(input_sha256: &str, server: &str) -> anyhow::Result<PathBuf> {
    let mut hasher = Sha256::new();
    hasher.update(input_sha256.as_bytes());
    hasher.update(b"\n");
    hasher.update(server.as_bytes());
    let name = hex::encode(&hasher.finalize()[..12]);
    Ok(super::config::config_dir()?
        .join("imports")
        .join(format!("{name}.journal")))
}

fn journal_error(err: JournalError) -> anyhow::Error {
    let (code, hint) = match &err {
        JournalError::Locked(_) => (
            errors::CONFLICT,
            "wait for the other import to end, or pass another --journal".to_owned(),
        ),
        JournalError::Mismatch { path, .. } => (
            errors::CONFLICT,
            format!(
                "resume with the same file, server and --reason, or start anew with another --journal (or delete {})",
                path.display()
            ),
        ),
        JournalError::Damaged { path, .. } => (
            errors::OTHER,
            format!("delete {} to start the import anew", path.display()),
        ),
        JournalError::Io { .. } => (errors::OTHER, "pass a writable --journal PATH".to_owned()),
    };
    CliError::new(code, err.to_string()).hint(hint).into()
}

/// A chunk with the outcome of every row, in file order.
struct Finished {
    number: u64,
    rows: Vec<Row>,
    outcomes: Vec<(RowOutcome, Option<String>)>,
    /// From this run (journal it), not from the journal of an earlier one.
    sent: bool,
}

#[allow(clippy::too_many_arguments)]
async fn drive(
    checked: &Checked,
    chunk_size: usize,
    concurrency: usize,
    sender: &Sender,
    mut journal: Option<(Journal, bool)>,
    mut report: Option<ReportWriter>,
    progress: &Progress,
    summary: &mut Summary,
) -> anyhow::Result<()> {
    let done_before = journal
        .as_mut()
        .map(|(journal, _)| std::mem::take(&mut journal.done))
        .unwrap_or_default();
    let chunks = Chunks {
        rows: checked.rows()?,
        size: chunk_size,
    };
    let mut finished = futures_util::stream::iter((0u64..).zip(chunks))
        .map(|(number, rows)| {
            let earlier = done_before.get(&number);
            async move {
                let rows = rows?;
                match earlier {
                    Some(done) => from_journal(number, rows, done),
                    None => sender.send(number, rows).await,
                }
            }
        })
        .buffered(concurrency);
    while let Some(chunk) = finished.next().await {
        let chunk = chunk?;
        if chunk.sent {
            if let Some((journal, _)) = &mut journal {
                journal
                    .record_chunk(journaled(&chunk))
                    .map_err(journal_error)?;
            }
        } else {
            summary.resumed_rows += chunk.rows.len() as u64;
        }
        for (row, (outcome, message)) in chunk.rows.iter().zip(&chunk.outcomes) {
            summary.add(*outcome);
            if let Some(report) = &mut report {
                report.write(row, *outcome, message.as_deref())?;
            }
        }
        progress.advance(chunk.rows.len() as u64);
    }
    if let Some(report) = report {
        report.finish()?;
    }
    if let Some((journal, default_path)) = journal {
        let path = journal.path().to_owned();
        journal.finish().map_err(journal_error)?;
        // A journal of our own choosing is clutter once the import is done; one the
        // user named is kept as the record they asked for.
        if default_path {
            let _ = std::fs::remove_file(path);
        }
    }
    Ok(())
}

fn journaled(chunk: &Finished) -> ChunkDone {
    let mut messages = Vec::new();
    let mut outcomes = String::with_capacity(chunk.outcomes.len());
    for (index, (outcome, message)) in (0u32..).zip(&chunk.outcomes) {
        outcomes.push(journal::letter(*outcome));
        if let Some(message) = message {
            messages.push((index, message.clone()));
        }
    }
    ChunkDone {
        chunk: chunk.number,
        outcomes,
        messages,
    }
}

fn from_journal(number: u64, rows: Vec<Row>, done: &ChunkDone) -> anyhow::Result<Finished> {
    let messages: BTreeMap<u32, &String> = done.messages.iter().map(|(i, m)| (*i, m)).collect();
    let outcomes: Option<Vec<_>> = (0u32..)
        .zip(done.outcomes.chars())
        .map(|(index, letter)| {
            journal::outcome_of(letter).map(|o| (o, messages.get(&index).map(|m| (*m).clone())))
        })
        .collect();
    match outcomes {
        Some(outcomes) if outcomes.len() == rows.len() => Ok(Finished {
            number,
            rows,
            outcomes,
            sent: false,
        }),
        _ => Err(CliError::new(
            errors::OTHER,
            format!("the journal's chunk {number} does not match the file"),
        )
        .hint("delete the journal to start the import anew")
        .into()),
    }
}

/// The checked rows, `size` at a time.
struct Chunks {
    rows: input::SpoolReader,
    size: usize,
}

impl Iterator for Chunks {
    type Item = std::io::Result<Vec<Row>>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut chunk = Vec::with_capacity(self.size);
        for row in self.rows.by_ref() {
            match row {
                Ok(row) => chunk.push(row),
                Err(err) => return Some(Err(err)),
            }
            if chunk.len() == self.size {
                break;
            }
        }
        (!chunk.is_empty()).then_some(Ok(chunk))
    }
}

/// Sends chunks, retrying what may pass on a later try.
struct Sender {
    client: Client,
    batch_id: String,
    reason: Option<String>,
    dry_run: bool,
    notify_old: bool,
    retries: RetryPolicy,
    verbose: bool,
}

impl Sender {
    async fn send(&self, number: u64, rows: Vec<Row>) -> anyhow::Result<Finished> {
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

/// `--report`: one line per input row, in file order.
struct ReportWriter {
    out: csv::Writer<std::fs::File>,
    dry_run: bool,
}

impl ReportWriter {
    fn create(path: &Path, dry_run: bool) -> anyhow::Result<Self> {
        let file = std::fs::File::create(path).map_err(|e| {
            CliError::invalid(format!("cannot write the report {}: {e}", path.display()))
        })?;
        let mut out = csv::Writer::from_writer(file);
        out.write_record(["line", "millekod", "login", "phone", "outcome", "message"])?;
        Ok(Self { out, dry_run })
    }

    fn write(
        &mut self,
        row: &Row,
        outcome: RowOutcome,
        message: Option<&str>,
    ) -> anyhow::Result<()> {
        let masked = PhoneNumber::from_stored(&row.phone)
            .map(|p| p.masked())
            .unwrap_or_default();
        let outcome = match outcome {
            RowOutcome::Updated if self.dry_run => "would_update",
            other => other.as_str(),
        };
        self.out.write_record([
            row.line.to_string().as_str(),
            &row.millekod,
            &row.login,
            &masked,
            outcome,
            message.unwrap_or(""),
        ])?;
        Ok(())
    }

    fn finish(mut self) -> anyhow::Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

/// A bar with rows/s and ETA on a terminal; else a line on stderr every few seconds.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    total: u64,
    every: Duration,
    state: std::sync::Mutex<(u64, Instant)>,
    started: Instant,
}

impl Progress {
    fn new(total: u64, every: Duration) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(total);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} rows  {per_sec}  ETA {eta}",
            ) {
                bar.set_style(style);
            }
            bar
        });
        Self {
            bar,
            total,
            every,
            state: std::sync::Mutex::new((0, Instant::now())),
            started: Instant::now(),
        }
    }

    fn advance(&self, rows: u64) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        state.0 += rows;
        if let Some(bar) = &self.bar {
            bar.set_position(state.0);
        } else if state.1.elapsed() >= self.every && state.0 < self.total {
            state.1 = Instant::now();
            let rate = state.0 as f64 / self.started.elapsed().as_secs_f64().max(1e-3);
            eprintln!(
                "phone import: {}/{} rows ({}%), {rate:.0} rows/s",
                state.0,
                self.total,
                state.0 * 100 / self.total.max(1)
            );
        }
    }

    fn done(&self) -> u64 {
        self.state.lock().map(|s| s.0).unwrap_or_default()
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
