//! Rendering results: tables for people, JSON and CSV for scripts.
//!
//! - `table` on a terminal: the few columns that matter, headers in words, fitted to
//!   the terminal's width (see [`columns`]), times local with a hint (see [`clock`]),
//!   status in colour unless `NO_COLOR`/`--no-color`; `-o wide` shows every column.
//!   Piped, `table` and `wide` are plain tab-separated text, one record per line and
//!   every column, like `gh`, so `cut` and `awk` work; headers are the snake_case keys.
//! - `json`: the API's own snake_case objects (a stable contract, see README).
//! - `csv`: a header row of keys, then one row per record.
//! - `--columns a,b,c` picks the columns (by key) of a table, piped text or CSV.
//!
//! For scripts (CSV, piped) a value is plain: empty for none, `true`/`false`, times in
//! RFC 3339 UTC with three decimals. An empty list prints nothing in a table, says so
//! on stderr, and succeeds; JSON prints `[]`, CSV the header.
//!
//! Only this module and `cli` print; data goes to stdout, messages to stderr.

pub mod clock;
pub mod columns;
pub mod csv_safe;
pub mod jq;
pub mod pager;
mod views;

use std::io::Write;

use clap::ValueEnum;
use serde::Serialize;

pub use clock::Clock;
pub use columns::{Column, Tone, Value};

/// `--columns` named a key the record type does not have (exit 7, invalid input).
#[derive(Debug, thiserror::Error)]
#[error("unknown column '{key}'; the known columns are: {}", known.join(", "))]
pub struct UnknownColumn {
    pub key: String,
    pub known: Vec<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    /// The few columns that matter (on a terminal; piped: every column, tab-separated).
    #[default]
    Table,
    /// A table with every column.
    Wide,
    Json,
    Csv,
}

/// How to print: the format, what the terminal allows, and the clock times are shown by.
#[derive(Debug, Clone)]
pub struct Output {
    pub format: Format,
    /// stdout is a terminal: a table for people.
    pub terminal: bool,
    pub color: bool,
    /// The terminal's width (`COLUMNS` overrides): tables are fitted to it. `None`
    /// when piped: never fitted.
    pub width: Option<usize>,
    /// `--columns`: these keys, in this order.
    pub columns: Option<Vec<String>>,
    /// "Now" and the zone that tables show times in.
    pub clock: Clock,
    /// `--jq EXPR` (checked before anything was sent): JSON output goes through it.
    pub jq: Option<String>,
    /// Lists may go through `$PAGER` (stdout is a terminal and no `--no-pager`).
    pub pager: bool,
}

/// A record that prints as a row (lists) or as label/value pairs (one record).
///
/// A type declares [`Tabular::columns`] and [`Tabular::values`]; the older pair
/// `headers`/`row` (keys and plain text) still works: its headers for people are the
/// keys in words ("duration_ms" → "Duration ms") and every column is in the default set.
pub trait Tabular: Serialize {
    fn columns() -> Vec<Column> {
        Self::headers()
            .iter()
            .map(|key| Column::new(key, ""))
            .collect()
    }
    fn values(&self) -> Vec<Value> {
        self.row().into_iter().map(Value::Text).collect()
    }
    fn headers() -> &'static [&'static str] {
        &[]
    }
    fn row(&self) -> Vec<String> {
        Vec::new()
    }
    /// What an empty list says on stderr, e.g. "no users match".
    fn none() -> &'static str {
        "nothing to show"
    }
}

/// A column's header for people.
fn header(column: &Column) -> String {
    if !column.header.is_empty() {
        return column.header.to_owned();
    }
    let words = column.key.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

/// Keep piped text one record per line: tabs and newlines inside a value become spaces.
fn plain(value: &str) -> String {
    value.replace(['\t', '\n', '\r'], " ")
}

impl Output {
    /// A table for people (rather than text for scripts)?
    pub fn for_people(&self) -> bool {
        self.terminal && matches!(self.format, Format::Table | Format::Wide)
    }

    /// The indices of the columns to print: `--columns`, else every column for
    /// scripts and `-o wide` (and one record), else the default set.
    fn chosen(&self, all: &[Column], every: bool) -> anyhow::Result<Vec<usize>> {
        if let Some(keys) = &self.columns {
            return keys
                .iter()
                .map(|key| {
                    all.iter().position(|c| c.key == key).ok_or_else(|| {
                        UnknownColumn {
                            key: key.clone(),
                            known: all.iter().map(|c| c.key).collect(),
                        }
                        .into()
                    })
                })
                .collect();
        }
        let people = self.for_people();
        let narrow = people && self.format == Format::Table && !every;
        Ok((0..all.len())
            .filter(|&i| people || all[i].scripts)
            .filter(|&i| !narrow || all[i].default)
            .collect())
    }

    /// One record: label/value pairs (table), the object (json), header + row (csv).
    pub fn record<T: Tabular>(&self, out: &mut dyn Write, record: &T) -> anyhow::Result<()> {
        let all = T::columns();
        match self.format {
            Format::Json => self.json(out, record)?,
            Format::Csv => self.csv(out, std::slice::from_ref(record))?,
            Format::Table | Format::Wide if !self.terminal => {
                let values = record.values();
                for i in self.chosen(&all, true)? {
                    writeln!(out, "{}\t{}", all[i].key, plain(&values[i].for_scripts()))?;
                }
            }
            Format::Table | Format::Wide => {
                let values = record.values();
                let chosen = self.chosen(&all, true)?;
                let labels: Vec<String> = chosen.iter().map(|&i| header(&all[i])).collect();
                let label_width = labels.iter().map(|l| columns::width(l)).max().unwrap_or(0);
                let room = self.width.map(|w| w.saturating_sub(label_width + 2));
                for (label, &i) in labels.iter().zip(&chosen) {
                    let text = plain(&values[i].for_people(&self.clock));
                    let lines = match room {
                        Some(room) => columns::wrap(&text, room),
                        None => vec![text],
                    };
                    let tone = values[i].tone().filter(|_| self.color);
                    for (n, text) in lines.into_iter().enumerate() {
                        let label = if n == 0 { label.as_str() } else { "" };
                        let pad = " ".repeat(label_width - columns::width(label));
                        let label = match (self.color && n == 0, label.is_empty()) {
                            (true, false) => format!("\x1b[1m{label}\x1b[0m"),
                            _ => label.to_owned(),
                        };
                        let text = match tone {
                            Some(tone) => columns::paint(&text, tone),
                            None => text,
                        };
                        writeln!(out, "{}", format!("{label}{pad}  {text}").trim_end())?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Many records: a fitted table (terminal), tab-separated rows (piped), a JSON
    /// array, or CSV.
    pub fn list<T: Tabular>(&self, out: &mut dyn Write, records: &[T]) -> anyhow::Result<()> {
        let all = T::columns();
        match self.format {
            Format::Json => self.json(out, &records)?,
            Format::Csv => self.csv(out, records)?,
            Format::Table | Format::Wide if records.is_empty() => {
                self.chosen(&all, false)?;
                eprintln!("{}", T::none());
            }
            Format::Table | Format::Wide if !self.terminal => {
                let chosen = self.chosen(&all, false)?;
                let keys: Vec<&str> = chosen.iter().map(|&i| all[i].key).collect();
                writeln!(out, "{}", keys.join("\t"))?;
                for record in records {
                    let values = record.values();
                    let row: Vec<String> = chosen
                        .iter()
                        .map(|&i| plain(&values[i].for_scripts()))
                        .collect();
                    writeln!(out, "{}", row.join("\t"))?;
                }
            }
            Format::Table | Format::Wide => {
                let chosen = self.chosen(&all, false)?;
                let headers: Vec<String> = chosen.iter().map(|&i| header(&all[i])).collect();
                let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
                let fits: Vec<columns::Fit> = chosen.iter().map(|&i| all[i].fit).collect();
                let rows: Vec<Vec<columns::Cell>> = records
                    .iter()
                    .map(|record| {
                        let values = record.values();
                        chosen
                            .iter()
                            .map(|&i| columns::Cell {
                                text: plain(&values[i].for_people(&self.clock)),
                                tone: values[i].tone(),
                            })
                            .collect()
                    })
                    .collect();
                for line in columns::table(&headers, &fits, &rows, self.width, self.color) {
                    writeln!(out, "{line}")?;
                }
            }
        }
        Ok(())
    }

    fn csv<T: Tabular>(&self, out: &mut dyn Write, records: &[T]) -> anyhow::Result<()> {
        let all = T::columns();
        let chosen = self.chosen(&all, true)?;
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(chosen.iter().map(|&i| all[i].key))?;
        for record in records {
            let values = record.values();
            // Free text never starts a spreadsheet formula (csv_safe.rs).
            writer.write_record(
                chosen
                    .iter()
                    .map(|&i| csv_safe::cell(all[i].key, &values[i].for_scripts()).into_owned()),
            )?;
        }
        writer.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
