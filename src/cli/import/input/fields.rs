//! One line's fields (CSV quoting, by `csv-core`), the header that says which field
//! holds what and which delimiter the file uses, and one row checked into canonical
//! values.

use std::collections::HashMap;
use std::io::Read;

use super::lines::{too_long, Line, Lines};
use super::{Refused, Row};
use crate::api::{Login, MilleKod};
use crate::domain::phone::PhoneNumber;

/// Characters of an unknown column name echoed in its error.
const ECHOED_CHARS: usize = 24;

/// Splits a line into trimmed fields (CSV quoting rules, by `csv-core`).
pub(super) struct Fields {
    parser: csv_core::Reader,
    input: Vec<u8>,
    output: Vec<u8>,
    ends: Vec<usize>,
    count: usize,
    pub(super) delimiter: u8,
}

impl Fields {
    pub(super) fn new(delimiter: u8) -> Self {
        Fields {
            parser: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            input: Vec::new(),
            output: Vec::new(),
            ends: Vec::new(),
            count: 0,
            delimiter,
        }
    }

    /// Split `line`; `Err` when a quoted field is not closed on it.
    pub(super) fn split(&mut self, line: &[u8]) -> Result<(), String> {
        if line.trim_ascii().is_empty() {
            // csv-core skips an empty line instead of returning it.
            self.count = 0;
            return Ok(());
        }
        self.input.clear();
        self.input.extend_from_slice(line);
        self.input.push(b'\n');
        self.output.resize(self.input.len(), 0);
        self.ends.resize(self.input.len() + 1, 0);
        self.parser.reset();
        let (result, _, _, count) =
            self.parser
                .read_record(&self.input, &mut self.output, &mut self.ends);
        match result {
            csv_core::ReadRecordResult::Record => {
                self.count = count;
                Ok(())
            }
            _ => Err(
                "a quoted field is not closed on this line; is a closing quote (\") missing?"
                    .to_owned(),
            ),
        }
    }

    fn len(&self) -> usize {
        self.count
    }

    fn get(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        let field = &self.output[start..self.ends[i]];
        field.trim_ascii()
    }

    fn iter(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.count).map(|i| self.get(i))
    }

    pub(super) fn is_blank(&self) -> bool {
        self.iter().all(<[u8]>::is_empty)
    }
}

/// Which field holds what.
#[derive(Debug, Clone, Copy)]
pub(super) struct Columns {
    millekod: usize,
    login: usize,
    phone: usize,
    expected_phone: Option<usize>,
    count: usize,
}

const REQUIRED: [&str; 3] = ["millekod", "login", "phone"];
pub(super) const HEADER_HINT: &str =
    "the first line must name the columns: millekod,login,phone and optionally expected_phone";

fn columns_of(header: &Fields) -> Result<Columns, String> {
    let mut found: HashMap<String, usize> = HashMap::new();
    for (i, raw) in header.iter().enumerate() {
        let name = std::str::from_utf8(raw)
            .map_err(|_| "the header is not UTF-8 text; save the file as UTF-8".to_owned())?
            .to_ascii_lowercase();
        if !REQUIRED.contains(&name.as_str()) && name != "expected_phone" {
            let looks_like_data = MilleKod::parse(&name).is_ok();
            return Err(if looks_like_data {
                format!("no header: {HEADER_HINT}")
            } else {
                format!(
                    "unknown column {:?}; {HEADER_HINT}",
                    crate::domain::shorten(&name, ECHOED_CHARS)
                )
            });
        }
        if found.insert(name.clone(), i).is_some() {
            return Err(format!("column {name:?} appears twice in the header"));
        }
    }
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|c| !found.contains_key(*c))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "the header lacks {}; {HEADER_HINT}",
            missing.join(", ")
        ));
    }
    Ok(Columns {
        millekod: found["millekod"],
        login: found["login"],
        phone: found["phone"],
        expected_phone: found.get("expected_phone").copied(),
        count: header.len(),
    })
}

/// `;` when the header has more semicolons than commas (spreadsheets here export `;`).
fn sniff_delimiter(first_line: &[u8]) -> u8 {
    let (mut commas, mut semicolons, mut quoted) = (0, 0, false);
    for &b in first_line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas {
        b';'
    } else {
        b','
    }
}

pub(super) fn check_row(fields: &Fields, columns: &Columns, line: u64) -> Result<Row, String> {
    let mut text = Vec::with_capacity(fields.len());
    for field in fields.iter() {
        text.push(
            std::str::from_utf8(field)
                .map_err(|_| "not UTF-8 text; save the file as UTF-8".to_owned())?,
        );
    }
    if text.len() != columns.count {
        return Err(format!(
            "{} fields, but the header names {}; check the delimiter and quotes",
            text.len(),
            columns.count
        ));
    }
    let millekod = MilleKod::parse(text[columns.millekod]).map_err(|e| e.to_string())?;
    let login = Login::parse(text[columns.login]).map_err(|e| e.to_string())?;
    let phone = PhoneNumber::parse(text[columns.phone]).map_err(|e| format!("phone: {e}"))?;
    let expected_phone = match columns.expected_phone.map(|i| text[i]) {
        None | Some("") => None,
        Some(typed) => Some(
            PhoneNumber::parse(typed)
                .map_err(|e| format!("expected_phone: {e}"))?
                .as_e164()
                .to_owned(),
        ),
    };
    Ok(Row {
        line,
        millekod: millekod.as_str().to_owned(),
        login: login.as_str().to_owned(),
        phone: phone.as_e164().to_owned(),
        expected_phone,
    })
}

/// The header: the first line that is not blank, naming the columns.
pub(super) struct Header {
    pub columns: Columns,
    pub delimiter: u8,
    /// Its line number.
    pub line: u64,
}

/// Read up to the header; `Err(Refused)` when the file has none that makes sense.
pub(super) fn read_header<R: Read>(
    lines: &mut Lines<R>,
) -> std::io::Result<Result<Header, Refused>> {
    loop {
        let (number, line) = match lines.next()? {
            None => {
                return Ok(Err(Refused::one(
                    lines.number().max(1),
                    format!("the file is empty; {HEADER_HINT}"),
                )))
            }
            Some(Line::TooLong(number)) => return Ok(Err(Refused::one(number, too_long()))),
            Some(Line::Text(number, line)) => (number, line),
        };
        let mut fields = Fields::new(sniff_delimiter(line));
        if let Err(message) = fields.split(line) {
            return Ok(Err(Refused::one(number, message)));
        }
        if fields.is_blank() {
            continue;
        }
        return Ok(match columns_of(&fields) {
            Ok(columns) => Ok(Header {
                columns,
                delimiter: fields.delimiter,
                line: number,
            }),
            Err(message) => Err(Refused::one(number, message)),
        });
    }
}
