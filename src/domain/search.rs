//! Finding a user from what a caller says on the phone (issue 15): the words of a
//! name folded so "wojcik" finds "Wójcik" and "lodz" finds "Łódź", and a typed query
//! read as the keys the store can look up by index (login prefix, name-word prefixes,
//! the phone's last digits, a whole MilleKod).
//!
//! Folding uses `unicode-normalization` (already a dependency, for phone numbers):
//! NFD, then the combining marks dropped. A few Latin letters carry their mark in the
//! letter itself and do not decompose (Ł, Đ, Ø, ß, Æ, Œ, ı, Þ, Ð); a small table maps
//! them. `deunicode` would transliterate every script, which a bank's user names (Latin
//! letters) do not need, and it would fold non-Latin names to guesses.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::ids::MilleKod;

/// Characters of a query at most; a longer one is refused, not cut.
pub const QUERY_MAX_CHARS: usize = 100;
/// Digits a phone suffix needs at least: fewer match a thousandth of every user or more.
pub const PHONE_SUFFIX_MIN_DIGITS: usize = 3;
/// Words of a name kept for search, and characters of each.
const MAX_WORDS: usize = 16;
const MAX_WORD_CHARS: usize = 64;
/// Words of a query matched (all of them must prefix some word of the name).
const MAX_QUERY_WORDS: usize = 4;

/// The folded, lower-case words of `name`, each once, in order.
pub fn name_words(name: &str) -> Vec<String> {
    let folded = fold(name);
    let mut words: Vec<String> = Vec::new();
    for word in folded.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() || words.iter().any(|w| w == word) {
            continue;
        }
        words.push(word.chars().take(MAX_WORD_CHARS).collect());
        if words.len() == MAX_WORDS {
            break;
        }
    }
    words
}

/// `text` lower-cased without accents.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'ø' | 'Ø' => out.push('o'),
            'ı' => out.push('i'),
            'ß' | 'ẞ' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'þ' | 'Þ' => out.push_str("th"),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// A query as the keys it is looked up by. A user matches if any key matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// The query as typed, trimmed (for the audit).
    pub text: String,
    /// Lower case, when the query could begin a login (`[a-z0-9._-]`).
    pub login_prefix: Option<String>,
    /// Folded words; each must begin some word of the name.
    pub name_words: Vec<String>,
    /// The phone's last digits, reversed (the store indexes reversed numbers, so a
    /// suffix becomes a prefix).
    pub phone_suffix_reversed: Option<String>,
    /// A whole MilleKod.
    pub millekod: Option<MilleKod>,
}

/// Why a query was refused; the message is safe to echo.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("the query is empty; give a login, a name, the phone's last digits or a MilleKod")]
    Empty,
    #[error("the query is {0} characters long; at most {QUERY_MAX_CHARS}")]
    TooLong(usize),
    #[error("the query has a control character")]
    Control,
}

impl SearchQuery {
    pub fn parse(input: &str) -> Result<Self, QueryError> {
        let chars = input.chars().count();
        if chars > QUERY_MAX_CHARS {
            return Err(QueryError::TooLong(chars));
        }
        let text = input.trim();
        if text.is_empty() {
            return Err(QueryError::Empty);
        }
        if text.chars().any(char::is_control) {
            return Err(QueryError::Control);
        }
        let lower = text.to_lowercase();
        let login_prefix = (lower
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b)))
        .then(|| lower.clone());
        let mut words = name_words(text);
        words.truncate(MAX_QUERY_WORDS);
        Ok(Self {
            text: text.to_owned(),
            login_prefix,
            name_words: words,
            phone_suffix_reversed: phone_suffix(text),
            millekod: MilleKod::parse(text).ok(),
        })
    }
}

/// `678`, `…678`, `...678`, `*678`, `+48 724 413 926`: the digits, reversed, when at
/// least [`PHONE_SUFFIX_MIN_DIGITS`] and nothing but separators besides.
fn phone_suffix(text: &str) -> Option<String> {
    let rest = text.trim_start_matches(['…', '.', '*', '+']).trim_start();
    let ok = rest
        .chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '-');
    let digits: String = rest.chars().filter(char::is_ascii_digit).rev().collect();
    (ok && digits.len() >= PHONE_SUFFIX_MIN_DIGITS && digits.len() <= 15).then_some(digits)
}

/// The smallest string above every string that begins with `prefix`, in byte order:
/// `prefix <= key < upper(prefix)` is a prefix match an index answers as a range.
pub fn prefix_upper_bound(prefix: &str) -> String {
    // U+10FFFF is above every character (and its UTF-8 above every byte a key holds).
    format!("{prefix}\u{10FFFF}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polish_names_fold_to_ascii_words() {
        assert_eq!(name_words("Jan Wójcik"), vec!["jan", "wojcik"]);
        assert_eq!(name_words("Łucja Łódź-Żółć"), vec!["lucja", "lodz", "zolc"]);
        assert_eq!(name_words("  Ćma  ćma "), vec!["cma"]);
        assert_eq!(name_words("Straße Ørsted"), vec!["strasse", "orsted"]);
        assert!(name_words("").is_empty());
    }

    #[test]
    fn a_query_becomes_its_keys() {
        let q = SearchQuery::parse("  Wójcik ").unwrap();
        assert_eq!(q.text, "Wójcik");
        assert_eq!(q.login_prefix, None);
        assert_eq!(q.name_words, vec!["wojcik"]);
        assert_eq!(q.phone_suffix_reversed, None);

        let q = SearchQuery::parse("JKowal").unwrap();
        assert_eq!(q.login_prefix.as_deref(), Some("jkowal"));

        for typed in ["678", "…678", "...678", "*678", "… 678"] {
            let q = SearchQuery::parse(typed).unwrap();
            assert_eq!(q.phone_suffix_reversed.as_deref(), Some("876"), "{typed}");
        }
        assert_eq!(
            SearchQuery::parse("78").unwrap().phone_suffix_reversed,
            None
        );

        let q = SearchQuery::parse("87654321").unwrap();
        assert_eq!(q.millekod.unwrap().as_str(), "87654321");
        assert_eq!(q.phone_suffix_reversed.as_deref(), Some("12345678"));
    }

    #[test]
    fn hostile_queries_are_refused_or_inert() {
        assert_eq!(SearchQuery::parse("   "), Err(QueryError::Empty));
        assert_eq!(
            SearchQuery::parse(&"a".repeat(10_000)),
            Err(QueryError::TooLong(10_000))
        );
        assert_eq!(SearchQuery::parse("a\u{0}b"), Err(QueryError::Control));
        let q = SearchQuery::parse("' OR 1=1 --").unwrap();
        assert_eq!(q.login_prefix, None);
        assert_eq!(q.name_words, vec!["or", "1"]);
        let q = SearchQuery::parse("%").unwrap();
        assert!(q.login_prefix.is_none() && q.name_words.is_empty());
        let q = SearchQuery::parse("_").unwrap();
        assert_eq!(q.login_prefix.as_deref(), Some("_"));
    }
}
