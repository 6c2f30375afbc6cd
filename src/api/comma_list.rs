//! A list in one query parameter, comma-separated (`action=user.unblock,login`).
//!
//! Query strings are read by `serde_urlencoded`, which cannot gather a repeated key into
//! a list; a comma list reads the same in a URL, in `curl` and in the OpenAPI document,
//! and none of the values it carries (audit actions) holds a comma. Each item is read by
//! its `FromStr`, so an unknown one is refused by name.

use std::fmt::Display;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serializer};

/// Most items one list may hold; more is a hostile query, not a filter.
pub const MAX_ITEMS: usize = 64;

pub fn serialize<T: Display, S: Serializer>(items: &[T], serializer: S) -> Result<S::Ok, S::Error> {
    let text: Vec<String> = items.iter().map(ToString::to_string).collect();
    serializer.serialize_str(&text.join(","))
}

pub fn deserialize<'de, T, D>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    T: FromStr<Err = String>,
    D: Deserializer<'de>,
{
    let text = String::deserialize(deserializer)?;
    let items: Vec<&str> = text.split(',').map(str::trim).collect();
    if items.len() > MAX_ITEMS {
        return Err(serde::de::Error::custom(format!(
            "more than {MAX_ITEMS} values in one list"
        )));
    }
    items
        .into_iter()
        .map(|item| {
            if item.is_empty() {
                Err(serde::de::Error::custom(
                    "an empty value in a comma-separated list",
                ))
            } else {
                T::from_str(item).map_err(serde::de::Error::custom)
            }
        })
        .collect()
}
