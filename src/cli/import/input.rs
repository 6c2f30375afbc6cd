//! The import file: CSV with a header, checked whole before anything is sent.
//!
//! `check` reads the input once, as a stream: it finds the delimiter (`,` or `;`),
//! maps the header, checks every row (MilleKod, login, phone, expected phone) and
//! remembers the rows it accepted in a spool file of canonical values, so the sending
//! pass neither parses a phone number twice nor sees a file that changed in between
//! (and `-`, stdin, can be read more than once). Memory stays flat however long the
//! file: a line is at most [`MAX_LINE_BYTES`], and duplicate users are found with a
//! fixed-size Bloom filter (8 MiB) plus a second pass over the spool for its few
//! candidates. Lines are checked on a few threads in blocks (a phone number costs
//! about 2 µs, most of a row's time) and their verdicts collected back in file order,
//! so the outcome is exactly that of one thread.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::fs::File;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use sha2::{Digest, Sha256};

use crate::api::{Login, MilleKod};
use crate::domain::phone::PhoneNumber;

/// Longest line accepted; a real row is under 100 bytes.
pub const MAX_LINE_BYTES: u64 = 16 * 1024;
/// Characters of an unknown column name echoed in its error.
const ECHOED_CHARS: usize = 24;
/// Problems listed before the rest are only counted.
pub const MAX_LISTED_PROBLEMS: usize = 50;
/// Words of the duplicate filter: 8 MiB, 2^26 bits.
const BLOOM_WORDS: usize = 1 << 20;
/// Bits set and tested per row. With 2^26 bits: about 2 false candidates in 1,000,000
/// rows, a few percent of rows at 10,000,000; each is checked exactly in a second pass.
const BLOOM_PROBES: u64 = 4;

/// Where the rows come from.
#[derive(Debug, Clone)]
pub enum Source {
    Path(PathBuf),
    Stdin,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Path(path) => write!(f, "{}", path.display()),
            Source::Stdin => f.write_str("<stdin>"),
        }
    }
}

/// One problem of the file, at a line (1-based, the header is line 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineProblem {
    pub line: u64,
    pub message: String,
}

/// Why a file was refused: the first problems, and how many there were in all.
#[derive(Debug)]
pub struct Refused {
    pub problems: Vec<LineProblem>,
    pub total: u64,
}

impl Refused {
    fn one(line: u64, message: impl Into<String>) -> Self {
        Refused {
            problems: vec![LineProblem {
                line,
                message: message.into(),
            }],
            total: 1,
        }
    }
}

/// A row that passed every check, in canonical form (E.164, lower-case login).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: u64,
    pub millekod: String,
    pub login: String,
    pub phone: String,
    pub expected_phone: Option<String>,
}

/// A checked file: its rows in the spool, and what identifies the input.
pub struct Checked {
    /// A temp file without a name (unlinked at once), so even `kill -9` leaves no copy
    /// of the numbers behind; it is read again through its handle.
    spool: File,
    pub rows: u64,
    /// SHA-256 of the input bytes, hex: the same file gives the same import.
    pub sha256: String,
    pub delimiter: u8,
}

impl Checked {
    /// The accepted rows, in file order. Readers share the spool's file position, so
    /// one is read at a time.
    pub fn rows(&self) -> io::Result<SpoolReader> {
        SpoolReader::new(&self.spool)
    }
}

/// Read and check the whole input. `Err(Refused)` lists what is wrong, by line;
/// an `io::Error` is a file that cannot be read at all.
pub fn check(source: &Source) -> Result<Result<Checked, Refused>, io::Error> {
    let input: Box<dyn Read> = match source {
        Source::Path(path) => Box::new(File::open(path)?),
        Source::Stdin => Box::new(io::stdin().lock()),
    };
    let spool_dir = std::env::temp_dir();
    check_reader(input, &spool_dir)
}

/// Hashes every byte read through it.
struct Hashing<R> {
    inner: R,
    hasher: Sha256,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// Physical lines, each at most [`MAX_LINE_BYTES`], numbered from 1. No valid row
/// spans lines, so a line is a record: line numbers are exact and a missing quote
/// stays on its own line.
struct Lines<R> {
    inner: BufReader<Hashing<R>>,
    buf: Vec<u8>,
    number: u64,
}

enum Line<'a> {
    Text(u64, &'a [u8]),
    TooLong(u64),
}

impl<R: Read> Lines<R> {
    fn next(&mut self) -> io::Result<Option<Line<'_>>> {
        self.buf.clear();
        let limit = MAX_LINE_BYTES + 1;
        let n = (&mut self.inner)
            .take(limit)
            .read_until(b'\n', &mut self.buf)?;
        if n == 0 {
            return Ok(None);
        }
        self.number += 1;
        if !self.buf.ends_with(b"\n") && n as u64 == limit {
            // Skip the rest of the line, a bounded piece at a time.
            loop {
                self.buf.clear();
                let n = (&mut self.inner)
                    .take(limit)
                    .read_until(b'\n', &mut self.buf)?;
                if n == 0 || self.buf.ends_with(b"\n") {
                    break;
                }
            }
            return Ok(Some(Line::TooLong(self.number)));
        }
        let mut text = &self.buf[..];
        if self.number == 1 {
            text = text.strip_prefix(b"\xef\xbb\xbf").unwrap_or(text);
        }
        let text = text.strip_suffix(b"\n").unwrap_or(text);
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        Ok(Some(Line::Text(self.number, text)))
    }

    fn sha256(self) -> String {
        hex::encode(self.inner.into_inner().hasher.finalize())
    }
}

/// Splits a line into trimmed fields (CSV quoting rules, by `csv-core`).
struct Fields {
    parser: csv_core::Reader,
    input: Vec<u8>,
    output: Vec<u8>,
    ends: Vec<usize>,
    count: usize,
    delimiter: u8,
}

impl Fields {
    fn new(delimiter: u8) -> Self {
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
    fn split(&mut self, line: &[u8]) -> Result<(), String> {
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

    fn is_blank(&self) -> bool {
        self.iter().all(<[u8]>::is_empty)
    }
}

/// Which field holds what.
#[derive(Debug, Clone, Copy)]
struct Columns {
    millekod: usize,
    login: usize,
    phone: usize,
    expected_phone: Option<usize>,
    count: usize,
}

const REQUIRED: [&str; 3] = ["millekod", "login", "phone"];
const HEADER_HINT: &str =
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

/// Collects problems: the first [`MAX_LISTED_PROBLEMS`] kept, all counted.
#[derive(Default)]
struct Problems {
    listed: Vec<LineProblem>,
    total: u64,
}

impl Problems {
    fn add(&mut self, line: u64, message: String) {
        self.total += 1;
        if self.listed.len() < MAX_LISTED_PROBLEMS {
            self.listed.push(LineProblem { line, message });
        }
    }
}

pub(crate) fn check_reader(
    input: impl Read,
    spool_dir: &Path,
) -> Result<Result<Checked, Refused>, io::Error> {
    let mut lines = Lines {
        inner: BufReader::with_capacity(
            64 * 1024,
            Hashing {
                inner: input,
                hasher: Sha256::new(),
            },
        ),
        buf: Vec::new(),
        number: 0,
    };
    let (columns, fields, header_line) = loop {
        let (number, line) = match lines.next()? {
            None => {
                return Ok(Err(Refused::one(
                    lines.number.max(1),
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
        match columns_of(&fields) {
            Ok(columns) => break (columns, fields, number),
            Err(message) => return Ok(Err(Refused::one(number, message))),
        }
    };
    let delimiter = fields.delimiter;
    drop(fields);

    let spool = BufWriter::with_capacity(256 * 1024, tempfile::tempfile_in(spool_dir)?);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_CHECKERS));
    // Blocks of lines go round to the checker threads; the collector takes their
    // verdicts back in block order, so the outcome is exactly a single thread's.
    let (collected, lines) = std::thread::scope(|scope| {
        let (verdicts_out, verdicts_in) =
            mpsc::sync_channel::<(u64, io::Result<Verdicts>)>(workers * 2);
        let mut inboxes = Vec::with_capacity(workers);
        for _ in 0..workers {
            let (inbox, blocks) = mpsc::sync_channel::<(u64, Block)>(2);
            let verdicts_out = verdicts_out.clone();
            scope.spawn(move || {
                let mut fields = Fields::new(delimiter);
                for (number, block) in blocks {
                    let verdicts = block.check(&mut fields, &columns);
                    if verdicts_out.send((number, verdicts)).is_err() {
                        break; // the collector stopped on an error
                    }
                }
            });
            inboxes.push(inbox);
        }
        drop(verdicts_out);
        let collector = scope.spawn(move || collect(verdicts_in, spool));

        let mut block = Block::default();
        let mut sent = 0u64;
        let read = loop {
            let line = match lines.next() {
                Ok(line) => line,
                Err(err) => break Err(err),
            };
            let full = match line {
                None => !block.is_empty(),
                Some(Line::TooLong(number)) => block.push_too_long(number),
                Some(Line::Text(number, text)) => block.push(number, text),
            };
            if full {
                let worker = usize::try_from(sent).unwrap_or(0) % workers;
                if inboxes[worker]
                    .send((sent, std::mem::take(&mut block)))
                    .is_err()
                {
                    break Ok(()); // the collector stopped on an error
                }
                sent += 1;
            }
            if line.is_none() {
                break Ok(());
            }
        };
        drop(inboxes);
        let collected = collector
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the import check failed")));
        (read.and(collected), lines)
    });
    let Collected {
        spool,
        mut problems,
        candidates,
        rows,
    } = collected?;
    let sha256 = lines.sha256();

    if problems.total == 0 && !candidates.is_empty() {
        for (line, first) in duplicates(&spool, &candidates)? {
            problems.add(
                line,
                format!("the same user as line {first} (one change per user and file)"),
            );
        }
    }
    if problems.total > 0 {
        problems.listed.sort_by_key(|p| p.line);
        return Ok(Err(Refused {
            problems: problems.listed,
            total: problems.total,
        }));
    }
    if rows == 0 {
        return Ok(Err(Refused::one(
            header_line + 1,
            "the file has a header but no rows; nothing to import",
        )));
    }
    Ok(Ok(Checked {
        spool,
        rows,
        sha256,
        delimiter,
    }))
}

/// Checker threads at most: phone numbers are most of a row's cost.
const MAX_CHECKERS: usize = 4;
/// A block closes at this many lines or bytes, whichever comes first: lines are few
/// enough to keep the threads busy, bytes bound the memory held in flight however
/// long the lines.
const BLOCK_LINES: usize = 1024;
const BLOCK_BYTES: usize = 256 * 1024;

/// Consecutive lines for a checker thread, copied into one buffer.
#[derive(Default)]
struct Block {
    text: Vec<u8>,
    /// Line number, and its text's end in `text` (`None`: the line was too long).
    lines: Vec<(u64, Option<usize>)>,
}

/// What a checker made of a block: its rows already in spool form, so no row
/// crosses threads (allocations stay in the thread that made them).
#[derive(Default)]
struct Verdicts {
    /// The accepted rows' spool lines.
    spool: Vec<u8>,
    /// The accepted rows' users, for the duplicate filter.
    users: Vec<u64>,
    problems: Vec<(u64, String)>,
}

impl Block {
    fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Add a line; true when the block is full.
    fn push(&mut self, number: u64, text: &[u8]) -> bool {
        self.text.extend_from_slice(text);
        self.lines.push((number, Some(self.text.len())));
        self.lines.len() >= BLOCK_LINES || self.text.len() >= BLOCK_BYTES
    }

    fn push_too_long(&mut self, number: u64) -> bool {
        self.lines.push((number, None));
        self.lines.len() >= BLOCK_LINES
    }

    fn check(&self, fields: &mut Fields, columns: &Columns) -> io::Result<Verdicts> {
        let mut verdicts = Verdicts::default();
        let mut start = 0;
        for &(number, end) in &self.lines {
            let Some(end) = end else {
                verdicts.problems.push((number, too_long()));
                continue;
            };
            let line = &self.text[start..end];
            start = end;
            if let Err(message) = fields.split(line) {
                verdicts.problems.push((number, message));
                continue;
            }
            if fields.is_blank() {
                continue;
            }
            match check_row(fields, columns, number) {
                Ok(row) => {
                    verdicts.users.push(user_key(&row.millekod, &row.login));
                    write_spooled(&mut verdicts.spool, &row)?;
                }
                Err(message) => verdicts.problems.push((number, message)),
            }
        }
        Ok(verdicts)
    }
}

fn too_long() -> String {
    format!(
        "the line is longer than {} KiB; is this the right file?",
        MAX_LINE_BYTES / 1024
    )
}

/// The checked rows, in file order: spooled while no problem was found.
struct Collected {
    spool: File,
    problems: Problems,
    /// Users the Bloom filter may have seen twice.
    candidates: HashSet<u64>,
    rows: u64,
}

/// Take the checkers' verdicts back in block order.
fn collect(
    verdicts: mpsc::Receiver<(u64, io::Result<Verdicts>)>,
    mut spool: BufWriter<File>,
) -> io::Result<Collected> {
    let mut problems = Problems::default();
    let mut seen = Bloom::new();
    let mut candidates: HashSet<u64> = HashSet::new();
    let mut rows = 0u64;
    let mut early: BTreeMap<u64, Verdicts> = BTreeMap::new();
    let mut next = 0u64;
    for (number, block) in verdicts {
        early.insert(number, block?);
        while let Some(block) = early.remove(&next) {
            next += 1;
            for (line, message) in block.problems {
                problems.add(line, message);
            }
            for key in &block.users {
                if seen.check_and_set(key) {
                    candidates.insert(*key);
                }
            }
            rows += block.users.len() as u64;
            // A file with a problem is refused: its spool is not needed.
            if problems.total == 0 {
                spool.write_all(&block.spool)?;
            }
        }
    }
    Ok(Collected {
        spool: spool.into_inner().map_err(|e| e.into_error())?,
        problems,
        candidates,
        rows,
    })
}

fn check_row(fields: &Fields, columns: &Columns, line: u64) -> Result<Row, String> {
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

fn user_key(millekod: &str, login: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    (millekod, login).hash(&mut hasher);
    hasher.finish()
}

/// The spool: one row a line, tab-separated canonical values (none holds a tab).
fn write_spooled(out: &mut impl Write, row: &Row) -> io::Result<()> {
    writeln!(
        out,
        "{}\t{}\t{}\t{}\t{}",
        row.line,
        row.millekod,
        row.login,
        row.phone,
        row.expected_phone.as_deref().unwrap_or("")
    )
}

/// Rows read back from the spool.
pub struct SpoolReader {
    lines: io::Lines<BufReader<File>>,
}

impl SpoolReader {
    /// From the spool's first row.
    fn new(spool: &File) -> io::Result<SpoolReader> {
        let mut file = spool.try_clone()?;
        file.seek(SeekFrom::Start(0))?;
        Ok(SpoolReader {
            lines: BufReader::with_capacity(256 * 1024, file).lines(),
        })
    }
}

impl Iterator for SpoolReader {
    type Item = io::Result<Row>;

    fn next(&mut self) -> Option<io::Result<Row>> {
        let line = match self.lines.next()? {
            Ok(line) => line,
            Err(err) => return Some(Err(err)),
        };
        let mut fields = line.split('\t');
        let mut next = || fields.next().unwrap_or_default().to_owned();
        let (number, millekod, login, phone, expected) = (next(), next(), next(), next(), next());
        let Ok(number) = number.parse() else {
            return Some(Err(io::Error::other("the import spool is damaged")));
        };
        Some(Ok(Row {
            line: number,
            millekod,
            login,
            phone,
            expected_phone: (!expected.is_empty()).then_some(expected),
        }))
    }
}

/// A fixed-size Bloom filter over the 64-bit user keys, probed by double hashing of
/// the key's halves. (The `bloomfilter` crate hashes every item twice more with SipHash
/// and was a tenth of the check's time.)
struct Bloom {
    bits: Vec<u64>,
}

impl Bloom {
    fn new() -> Self {
        Bloom {
            bits: vec![0; BLOOM_WORDS],
        }
    }

    /// Set the key's bits; true when they were all set already (maybe seen before).
    fn check_and_set(&mut self, key: &u64) -> bool {
        let bits = (BLOOM_WORDS * 64) as u64;
        let (h1, h2) = (*key & 0xffff_ffff, (*key >> 32) | 1);
        let mut seen = true;
        for i in 0..BLOOM_PROBES {
            let bit = h1.wrapping_add(i.wrapping_mul(h2)) % bits;
            let (word, mask) = ((bit / 64) as usize, 1u64 << (bit % 64));
            seen &= self.bits[word] & mask != 0;
            self.bits[word] |= mask;
        }
        seen
    }
}

/// Exact duplicates among the Bloom filter's candidates: (line, line of its first).
fn duplicates(spool: &File, candidates: &HashSet<u64>) -> io::Result<Vec<(u64, u64)>> {
    let reader = SpoolReader::new(spool)?;
    let mut first: HashMap<(String, String), u64> = HashMap::new();
    let mut found = Vec::new();
    for row in reader {
        let row = row?;
        if !candidates.contains(&user_key(&row.millekod, &row.login)) {
            continue;
        }
        match first.entry((row.millekod, row.login)) {
            std::collections::hash_map::Entry::Occupied(at) => found.push((row.line, *at.get())),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(row.line);
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_text(text: &[u8]) -> Result<Checked, Refused> {
        check_reader(text, &std::env::temp_dir()).unwrap()
    }

    fn rows_of(text: &[u8]) -> Vec<Row> {
        let checked = check_text(text).unwrap_or_else(|r| panic!("{:?}", r.problems));
        checked.rows().unwrap().map(Result::unwrap).collect()
    }

    fn problems_of(text: &[u8]) -> Vec<(u64, String)> {
        match check_text(text) {
            Ok(_) => panic!("accepted"),
            Err(refused) => refused
                .problems
                .into_iter()
                .map(|p| (p.line, p.message))
                .collect(),
        }
    }

    #[test]
    fn comma_semicolon_bom_crlf_and_quotes_read_alike() {
        let expected = vec![Row {
            line: 2,
            millekod: "12345678".into(),
            login: "jan".into(),
            phone: "+48601234567".into(),
            expected_phone: None,
        }];
        for text in [
            &b"millekod,login,phone\n12345678,jan,601 234 567\n"[..],
            b"millekod;login;phone\r\n12345678;jan;601 234 567\r\n",
            b"\xef\xbb\xbfmillekod;login;phone\n12345678;JAN;+48 601 234 567\n",
            b"\"millekod\",\"login\",\"phone\"\n\"12345678\",\"jan\",\"601 234 567\"",
            b"Phone ; Login ; MilleKod\n601-234-567 ; jan ; 12345678\n",
        ] {
            assert_eq!(rows_of(text), expected, "{}", String::from_utf8_lossy(text));
        }
    }

    #[test]
    fn expected_phone_is_optional_per_row() {
        let rows = rows_of(
            b"millekod,login,phone,expected_phone\n12345678,jan,601234567,\n12345678,ewa,601234568,601 000 001\n",
        );
        assert_eq!(rows[0].expected_phone, None);
        assert_eq!(rows[1].expected_phone.as_deref(), Some("+48601000001"));
    }

    #[test]
    fn blank_lines_are_skipped_and_lines_still_counted() {
        let rows = rows_of(
            b"millekod,login,phone\n\n12345678,jan,601234567\n\n\n12345678,ewa,601234568\n",
        );
        assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), vec![3, 6]);
    }

    #[test]
    fn headers_that_are_wrong_missing_or_doubled_are_refused() {
        for (text, wanted) in [
            (&b""[..], "the file is empty"),
            (b"millekod,login\n12345678,jan\n", "the header lacks phone"),
            (b"millekod,login,phone,fax\n", "unknown column \"fax\""),
            (b"12345678,jan,601234567\n", "no header"),
            (
                b"millekod,login,phone,phone\n",
                "column \"phone\" appears twice",
            ),
            (b"millekod,login,phone\n", "no rows"),
        ] {
            let problems = problems_of(text);
            assert!(problems[0].1.contains(wanted), "{problems:?}");
        }
    }

    #[test]
    fn bad_rows_are_named_by_line() {
        let problems = problems_of(
            b"millekod,login,phone\n12345678,jan,601234567\n1234,ewa,601234568\n12345678,ewa,22 123 45 67\n12345678,ola,601234569,extra\n12345678,\xff\xfe,601234560\n12345678,JAN,601234561\n",
        );
        let lines: Vec<u64> = problems.iter().map(|p| p.0).collect();
        assert_eq!(lines, vec![3, 4, 5, 6], "{problems:?}");
        assert!(problems[0].1.contains("MilleKod must be exactly 8 digits"));
        assert!(problems[1].1.contains("not a mobile number"));
        assert!(problems[2].1.contains("4 fields, but the header names 3"));
        assert!(problems[3].1.contains("not UTF-8"));
    }

    #[test]
    fn duplicate_users_are_found_with_both_lines() {
        let problems = problems_of(
            b"millekod,login,phone\n12345678,jan,601234567\n12345678,ewa,601234568\n12345678,Jan,601234569\n",
        );
        assert_eq!(
            problems,
            vec![(
                4,
                "the same user as line 2 (one change per user and file)".to_owned()
            )]
        );
    }

    #[test]
    fn unbalanced_quotes_and_overlong_lines_stop_the_check() {
        let problems = problems_of(
            b"millekod,login,phone\n12345678,\"jan,601234567\n12345678,ewa,601234568\n",
        );
        assert_eq!(problems[0].0, 2, "{problems:?}");
        assert!(problems[0].1.contains("closing quote"), "{problems:?}");

        let mut long = b"millekod,login,phone\n12345678,jan,601234567\n".to_vec();
        long.extend(std::iter::repeat_n(b'x', 1024 * 1024));
        long.extend(b"\n12345678,ewa,601234568\n");
        let problems = problems_of(&long);
        assert_eq!(problems[0].0, 3, "{problems:?}");
        assert!(problems[0].1.contains("longer than 16 KiB"), "{problems:?}");

        let mut runaway = b"millekod,login,phone\n12345678,jan,\"601".to_vec();
        for _ in 0..100_000 {
            runaway.extend(b"12345678,ewa,601234568\n");
        }
        let problems = problems_of(&runaway);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].0, 2, "{problems:?}");
    }

    /// `rows` good rows (lines 2..), with `edit` changing some lines' text.
    fn many_rows(rows: u64, edit: impl Fn(u64) -> Option<String>) -> Vec<u8> {
        let mut text = String::from("millekod;login;phone\n");
        for line in 2..rows + 2 {
            let row = edit(line)
                .unwrap_or_else(|| format!("20000000;u{line:06};+48 600 {:06}", line % 1_000_000));
            text.push_str(&row);
            text.push('\n');
        }
        text.into_bytes()
    }

    #[test]
    fn rows_checked_on_several_threads_keep_their_file_order() {
        // Five blocks and more: the verdicts come back in file order.
        let rows = rows_of(&many_rows(5_500, |_| None));
        assert_eq!(rows.len(), 5_500);
        assert!(rows
            .iter()
            .zip(2u64..)
            .all(|(row, line)| row.line == line && row.login == format!("u{line:06}")));

        // Problems in different blocks, one of them a line too long to read: each
        // named at its own line, in line order.
        let problems = problems_of(&many_rows(5_500, |line| match line {
            1_500 | 4_999 => Some(format!("20000000;u{line:06};12")),
            2_500 => Some("x".repeat(20_000)),
            _ => None,
        }));
        let lines: Vec<u64> = problems.iter().map(|p| p.0).collect();
        assert_eq!(lines, vec![1_500, 2_500, 4_999], "{problems:?}");
        assert!(problems[1].1.contains("longer than 16 KiB"), "{problems:?}");

        // A duplicate blocks apart is found.
        let problems = problems_of(&many_rows(5_500, |line| {
            (line == 4_500).then(|| "20000000;u000002;+48 600 999 999".into())
        }));
        assert_eq!(
            problems,
            vec![(
                4_500,
                "the same user as line 2 (one change per user and file)".to_owned()
            )]
        );
    }

    #[test]
    fn the_first_problems_of_a_bad_file_are_listed_and_all_are_counted() {
        let text = many_rows(3_000, |line| {
            Some(format!("123;u{line:06};+48 600 000 001"))
        });
        let refused = check_text(&text).err().expect("refused");
        assert_eq!(refused.total, 3_000);
        let lines: Vec<u64> = refused.problems.iter().map(|p| p.line).collect();
        assert_eq!(
            lines,
            (2..2 + MAX_LISTED_PROBLEMS as u64).collect::<Vec<_>>()
        );
    }

    #[test]
    fn blocks_of_long_lines_close_early() {
        let mut block = Block::default();
        let line = [b'a'; 1_000];
        let pushed = (1..).take_while(|&n| !block.push(n, &line)).count() + 1;
        assert_eq!(pushed, BLOCK_BYTES / 1_000 + 1);
        assert!(pushed < BLOCK_LINES);
    }

    #[test]
    fn binary_junk_is_refused_without_panicking() {
        let junk: Vec<u8> = (0..200_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let mut text = b"millekod,login,phone\n".to_vec();
        text.extend(junk);
        assert!(check_text(&text).is_err());
    }

    #[test]
    fn the_filter_never_misses_a_duplicate_and_rarely_cries_wolf() {
        let mut bloom = Bloom::new();
        let keys: Vec<u64> = (0..200_000u64)
            .map(|n| user_key("20000000", &format!("u{n}")))
            .collect();
        let false_alarms = keys.iter().filter(|k| bloom.check_and_set(k)).count();
        assert!(false_alarms < 5, "{false_alarms} false candidates");
        assert!(
            keys.iter().all(|k| bloom.check_and_set(k)),
            "a key seen before was missed"
        );
    }

    #[test]
    fn the_same_bytes_give_the_same_hash() {
        let a = check_text(b"millekod,login,phone\n12345678,jan,601234567\n")
            .ok()
            .unwrap();
        let b = check_text(b"millekod,login,phone\n12345678,jan,601234567\n")
            .ok()
            .unwrap();
        let c = check_text(b"millekod,login,phone\n12345678,jan,601234568\n")
            .ok()
            .unwrap();
        assert_eq!(a.sha256, b.sha256);
        assert_ne!(a.sha256, c.sha256);
    }
}
