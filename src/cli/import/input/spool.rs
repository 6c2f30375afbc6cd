//! The spool: the accepted rows in canonical form, one a line, tab-separated, in a
//! temp file without a name; the sending pass reads them back from it.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Seek, SeekFrom, Write};

use super::Row;

/// The spool: one row a line, tab-separated canonical values (none holds a tab).
pub(super) fn write_spooled(out: &mut impl Write, row: &Row) -> io::Result<()> {
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
    pub(super) fn new(spool: &File) -> io::Result<SpoolReader> {
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
