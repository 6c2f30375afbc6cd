//! How far an import is: a bar with rows/s and ETA on a terminal, else a line on
//! stderr every few seconds (logs of unattended runs stay short). Other lines (a retry
//! said as it happens) go through [`Progress::note`], above the bar, which stays whole.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// A bar with rows/s and ETA on a terminal; else a line on stderr every few seconds.
pub(super) struct Progress {
    bar: Option<indicatif::ProgressBar>,
    total: u64,
    every: Duration,
    state: std::sync::Mutex<(u64, Instant)>,
    started: Instant,
}

impl Progress {
    pub(super) fn new(total: u64, every: Duration) -> Self {
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

    pub(super) fn advance(&self, rows: u64) {
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

    /// A line on stderr; on a terminal printed above the bar, which is redrawn below.
    pub(super) fn note(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    pub(super) fn done(&self) -> u64 {
        self.state.lock().map(|s| s.0).unwrap_or_default()
    }

    pub(super) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
