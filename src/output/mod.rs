//! Rendering results: tables for people, JSON and CSV for scripts.
//!
//! - `table` on a terminal: a comfy-table with box drawing (and color unless
//!   `NO_COLOR`/`--no-color`); piped: plain tab-separated text, one record per line,
//!   like `gh`, so `cut` and `awk` work.
//! - `json`: the API's own snake_case objects (a stable contract, see README).
//! - `csv`: a header row, then one row per record.
//!
//! Only this module and `cli` print; data goes to stdout, messages to stderr.

use std::io::Write;

use clap::ValueEnum;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, Color, ContentArrangement, Table};
use serde::Serialize;

use crate::api::{ApiTokenView, ApprovalView, AuditRecord, UserStatus, UserView};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    #[default]
    Table,
    Json,
    Csv,
}

/// How to print: the format and what the terminal allows.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub format: Format,
    /// stdout is a terminal: box drawing allowed.
    pub terminal: bool,
    pub color: bool,
}

/// A record that prints as a row (lists) or as field/value pairs (one record).
pub trait Tabular: Serialize {
    fn headers() -> &'static [&'static str];
    fn row(&self) -> Vec<String>;
    /// Color of the row's status cell, if it has one.
    fn status_color(&self) -> Option<(usize, Color)> {
        None
    }
}

fn time_text(t: Option<time::OffsetDateTime>) -> String {
    t.and_then(|t| {
        t.format(&time::format_description::well_known::Rfc3339)
            .ok()
    })
    .unwrap_or_else(|| "-".into())
}

impl Tabular for UserView {
    fn headers() -> &'static [&'static str] {
        &[
            "millekod",
            "login",
            "name",
            "status",
            "failed_attempts",
            "attempts_left",
            "auth_tool",
            "phone",
            "password_masking",
            "last_login_at",
            "blocked_at",
            "suspension",
        ]
    }

    fn row(&self) -> Vec<String> {
        vec![
            self.millekod.to_string(),
            self.login.to_string(),
            self.name.clone(),
            self.status.as_str().into(),
            self.failed_attempts.to_string(),
            self.attempts_left.to_string(),
            self.auth_tool.as_str().into(),
            self.phone.clone().unwrap_or_else(|| "-".into()),
            if self.password_masking { "on" } else { "off" }.into(),
            time_text(self.last_login_at),
            time_text(self.blocked_at),
            match &self.suspension {
                Some(s) => format!(
                    "since {} by {}: {} (release returns to {})",
                    time_text(Some(s.suspended_at)),
                    s.suspended_by,
                    s.reason,
                    s.returns_to.as_str()
                ),
                None => "-".into(),
            },
        ]
    }

    fn status_color(&self) -> Option<(usize, Color)> {
        let color = match self.status {
            UserStatus::Active => Color::Green,
            UserStatus::Blocked | UserStatus::Suspended => Color::Red,
            UserStatus::PendingActivation | UserStatus::AwaitingNewPassword => Color::Yellow,
        };
        Some((3, color))
    }
}

impl Tabular for ApiTokenView {
    fn headers() -> &'static [&'static str] {
        &[
            "id",
            "name",
            "scopes",
            "created_by",
            "created_at",
            "expires_at",
            "revoked_at",
        ]
    }

    fn row(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.name.clone(),
            self.scopes
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            self.created_by.to_string(),
            time_text(Some(self.created_at)),
            time_text(Some(self.expires_at)),
            time_text(self.revoked_at),
        ]
    }
}

impl Tabular for ApprovalView {
    fn headers() -> &'static [&'static str] {
        &[
            "id",
            "action",
            "millekod",
            "login",
            "requested_by",
            "reason",
            "created_at",
            "expires_at",
        ]
    }

    fn row(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.action.clone(),
            self.millekod.to_string(),
            self.login.to_string(),
            self.requested_by.clone(),
            self.reason.clone().unwrap_or_default(),
            time_text(Some(self.created_at)),
            time_text(Some(self.expires_at)),
        ]
    }
}

impl Tabular for AuditRecord {
    fn headers() -> &'static [&'static str] {
        &[
            "id",
            "at",
            "actor",
            "on_behalf_of",
            "action",
            "millekod",
            "login",
            "outcome",
            "reason",
            "detail",
            "request_id",
        ]
    }

    fn row(&self) -> Vec<String> {
        let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        vec![
            self.id.to_string(),
            time_text(Some(self.at)),
            self.actor.clone(),
            dash(&self.on_behalf_of),
            self.action.clone(),
            dash(&self.millekod),
            dash(&self.login),
            self.outcome.clone(),
            dash(&self.reason),
            dash(&self.detail),
            self.request_id.clone(),
        ]
    }
}

/// Keep piped text one record per line: tabs and newlines inside a value become spaces.
fn plain(value: &str) -> String {
    value.replace(['\t', '\n', '\r'], " ")
}

impl Output {
    fn table(&self) -> Table {
        let mut table = Table::new();
        table
            .load_preset(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        table
    }

    /// One record: field/value pairs (table), the object (json), header + row (csv).
    pub fn record<T: Tabular>(&self, out: &mut dyn Write, record: &T) -> anyhow::Result<()> {
        match self.format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut *out, record)?;
                writeln!(out)?;
            }
            Format::Csv => self.csv(out, std::slice::from_ref(record))?,
            Format::Table if !self.terminal => {
                for (header, value) in T::headers().iter().zip(record.row()) {
                    writeln!(out, "{header}\t{}", plain(&value))?;
                }
            }
            Format::Table => {
                let mut table = self.table();
                let color = record.status_color();
                for (i, (header, value)) in T::headers().iter().zip(record.row()).enumerate() {
                    let mut cell = Cell::new(value);
                    if let (true, Some((column, c))) = (self.color, color) {
                        if column == i {
                            cell = cell.fg(c);
                        }
                    }
                    table.add_row(vec![Cell::new(header), cell]);
                }
                writeln!(out, "{table}")?;
            }
        }
        Ok(())
    }

    /// Many records: a table with a header (terminal), tab-separated rows (piped),
    /// a JSON array, or CSV.
    pub fn list<T: Tabular>(&self, out: &mut dyn Write, records: &[T]) -> anyhow::Result<()> {
        match self.format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut *out, records)?;
                writeln!(out)?;
            }
            Format::Csv => self.csv(out, records)?,
            Format::Table if !self.terminal => {
                writeln!(out, "{}", T::headers().join("\t"))?;
                for record in records {
                    let row: Vec<String> = record.row().iter().map(|v| plain(v)).collect();
                    writeln!(out, "{}", row.join("\t"))?;
                }
            }
            Format::Table => {
                let mut table = self.table();
                table.set_header(T::headers().to_vec());
                for record in records {
                    let color = record.status_color();
                    let cells: Vec<Cell> = record
                        .row()
                        .into_iter()
                        .enumerate()
                        .map(|(i, value)| match (self.color, color) {
                            (true, Some((column, c))) if column == i => Cell::new(value).fg(c),
                            _ => Cell::new(value),
                        })
                        .collect();
                    table.add_row(cells);
                }
                writeln!(out, "{table}")?;
            }
        }
        Ok(())
    }

    fn csv<T: Tabular>(&self, out: &mut dyn Write, records: &[T]) -> anyhow::Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(T::headers())?;
        for record in records {
            writer.write_record(record.row())?;
        }
        writer.flush()?;
        Ok(())
    }
}
