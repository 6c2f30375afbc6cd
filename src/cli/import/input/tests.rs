//! Whole files through `check_reader`: what is accepted, and each problem at its line.

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
fn phones_as_pasted_from_a_spreadsheet_read_as_phone_set_reads_them() {
    let text = "millekod;login;phone;expected_phone\n\
                12345678;jan;＋４８ ６０１ ２３４ ５６７;tel. 601\u{200B}000\u{2013}001\n\
                12345678;ewa;\u{202A}601\u{00A0}234\u{00A0}568\u{202C};\n\
                12345678;anna;6O1 234 569;\n";
    match check_text(text.as_bytes()) {
        Ok(_) => panic!("a letter O was read as a zero"),
        Err(refused) => {
            let problems: Vec<_> = refused.problems.iter().map(|p| p.line).collect();
            assert_eq!(problems, vec![4], "{:?}", refused.problems);
            assert!(
                refused.problems[0].message.contains("the letter 'O'"),
                "{}",
                refused.problems[0].message
            );
        }
    }
    let rows = rows_of(text.rsplit_once("12345678;anna").unwrap().0.as_bytes());
    assert_eq!(rows[0].phone, "+48601234567");
    assert_eq!(rows[0].expected_phone.as_deref(), Some("+48601000001"));
    assert_eq!(rows[1].phone, "+48601234568");
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
    let rows =
        rows_of(b"millekod,login,phone\n\n12345678,jan,601234567\n\n\n12345678,ewa,601234568\n");
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
    let problems =
        problems_of(b"millekod,login,phone\n12345678,\"jan,601234567\n12345678,ewa,601234568\n");
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
fn binary_junk_is_refused_without_panicking() {
    let junk: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let mut text = b"millekod,login,phone\n".to_vec();
    text.extend(junk);
    assert!(check_text(&text).is_err());
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
