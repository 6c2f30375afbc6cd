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
//!
//! This file holds the arguments and [`run`], in named steps; each step's idea has a
//! file: [`batch`] (the file checked, the batch planned, then begun), [`confirm`]
//! (the question, before anything is written), [`chunks`] (in flight and back in
//! file order), [`sender`] (one chunk, retried, each retry said on stderr),
//! [`summary`], [`report`] and [`progress`].

mod batch;
mod chunks;
mod confirm;
mod input;
mod journal;
mod progress;
mod report;
mod sender;
mod summary;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Args;

use super::change::ChangeArgs;
use super::errors::{self, CliError};
use super::Context;
use crate::api::MAX_PHONE_CHANGES;
use crate::domain::display_text::Reason;
use batch::{check_file, Batch, Planned};
use input::{Checked, Source};
use progress::Progress;
use report::ReportWriter;
use sender::{chunk_retries, Sender};
use summary::{CheckedView, Summary};

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
    /// or busy, before stopping (the import can then be resumed). Each retry is said
    /// on stderr, with its reason and wait.
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

/// Check the file, open (or resume) its batch, confirm, send every chunk, sum up.
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
    if args.check {
        return show_checked(ctx, &source, &checked);
    }
    let client = ctx.client()?;
    let planned = Planned::new(ctx, &args, &checked)?;
    if !confirm::confirm_batch(ctx, &args, &source, &checked, &planned)? {
        return Ok(());
    }
    let batch = planned.begin()?;
    let sender = Sender {
        client,
        batch_id: batch.id.clone(),
        reason: args.change.reason.as_ref().map(Reason::to_string),
        dry_run: args.dry_run,
        notify_old: !args.no_notify_old,
        retries: chunk_retries(Duration::from_secs(args.retry_for)),
        chunks: checked.rows.div_ceil(batch.chunk_size as u64),
    };
    let started = Instant::now();
    let mut summary = Summary::new(batch.id.clone(), args.dry_run);
    send_all(&args, &checked, batch, &sender, &mut summary).await?;
    summary.duration_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let counts_shown = !ctx.json();
    if counts_shown {
        eprintln!("{}", closing_line(&summary, started.elapsed()));
    }
    ctx.output.record(&mut std::io::stdout().lock(), &summary)?;
    summary::rows_not_applied(&args, &summary, counts_shown)
}

/// What happened, by outcome, and how fast: `0 updated, 30000 not found; 30000 rows
/// in 1.2 s (25000 rows/s), batch imp-….`
fn closing_line(summary: &Summary, took: Duration) -> String {
    let rate = summary.total as f64 / took.as_secs_f64().max(1e-3);
    let resumed = match summary.resumed_rows {
        0 => String::new(),
        n => format!(", {n} of them done by the earlier run"),
    };
    format!(
        "{}{}; {} rows{resumed} in {:.1} s ({rate:.0} rows/s), batch {}.",
        if summary.dry_run {
            "Dry run, nothing changed: "
        } else {
            ""
        },
        summary.counts(),
        summary.total,
        took.as_secs_f64(),
        summary.batch_id
    )
}

/// `--check`: say the file is well-formed, and what identifies it.
fn show_checked(ctx: &Context, source: &Source, checked: &Checked) -> anyhow::Result<()> {
    if !ctx.json() {
        eprintln!("{source}: {} rows, all well-formed.", checked.rows);
    }
    let view = CheckedView {
        rows: checked.rows,
        delimiter: char::from(checked.delimiter).to_string(),
        sha256: checked.sha256.clone(),
    };
    ctx.output.record(&mut std::io::stdout().lock(), &view)
}

/// Send every chunk, with the report and the progress shown; Ctrl-C stops between
/// answers, and the journal resumes from there.
async fn send_all(
    args: &ImportArgs,
    checked: &Checked,
    batch: Batch,
    sender: &Sender,
    summary: &mut Summary,
) -> anyhow::Result<()> {
    let report = match &args.report {
        Some(path) => Some(ReportWriter::create(path, args.dry_run)?),
        None => None,
    };
    let progress = Progress::new(checked.rows, Duration::from_secs(args.progress_every));
    let driven = chunks::drive(
        checked,
        batch,
        usize::from(args.concurrency),
        sender,
        report,
        &progress,
        summary,
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
    Ok(())
}
