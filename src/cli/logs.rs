//! Where the process's logs go and how they read: always stderr (stdout is data),
//! filtered by `MILLECTL_LOG` (an `EnvFilter`) or by `-v`.
//!
//! The client writes text for the person at the terminal, as it always has. The
//! server (`millectl server --log-format`) writes one JSON object per line for log
//! shippers by default when stderr is not a terminal (systemd, a container, a file),
//! and text on a terminal. Colour escapes only ever go to a terminal, and never under
//! `NO_COLOR`: a log file is read with grep, not a terminal emulator.

use std::io::IsTerminal;

/// `millectl server --log-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// One JSON object per line: timestamp, level, target, message and fields.
    Json,
    /// One line of text per event, for people.
    Text,
}

impl LogFormat {
    /// The default when none is asked for: text on a terminal, JSON elsewhere.
    pub fn for_stderr() -> Self {
        if std::io::stderr().is_terminal() {
            Self::Text
        } else {
            Self::Json
        }
    }
}

/// Install the process's subscriber. `format` is the server's; every other command
/// logs text.
pub fn init(verbose: u8, demo: bool, format: Option<LogFormat>) {
    let default = match verbose {
        0 if demo => "warn",
        0 | 1 => "millectl=info,tower_http=warn,warn",
        _ => "millectl=debug,tower_http=info,info",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("MILLECTL_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format.unwrap_or(LogFormat::Text) {
        LogFormat::Json => builder
            .json()
            // The event's fields at the top level (`"route": …`), beside the fields of
            // the span it happened in (`"span": {…}`, debug only).
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .with_ansi(false)
            .try_init(),
        LogFormat::Text => builder.with_ansi(colours()).try_init(),
    };
}

fn colours() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
