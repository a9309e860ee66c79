//! The values of a generated config document: each key's kind (mostly) or any other, texts
//! and durations a config really holds, tables of a schema's keys with unknown ones among them.

use proptest::prelude::*;
use toml::{Table, Value};

use super::{Schema, TOKEN_VARIABLES};
use crate::{Key, Kind};

const TEXTS: [&str; 24] = [
    "127.0.0.1:0",
    "127.0.0.1:7070",
    "0.0.0.0:8000",
    "[::1]:0",
    "http://127.0.0.1:7070",
    "https://api.groq.com/openai/v1",
    "davas",
    "gemma4:27b",
    "./data",
    "json",
    "text",
    "groq",
    "ollama",
    "gemini",
    "embedded",
    "qdrant",
    "0 7 * * *",
    "* * * * * *",
    "Europe/London",
    "skip",
    "once",
    "chat",
    "RUNNER_TOKEN_DAVAS",
    "",
];
const DURATIONS: [&str; 10] = [
    "5s",
    "500ms",
    "2m",
    "1h",
    "0s",
    "-1s",
    "5",
    "abc",
    "1e9h",
    "99999999999999999999s",
];

fn text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => prop::sample::select(TEXTS.to_vec()).prop_map(str::to_owned),
        1 => prop::sample::select(TOKEN_VARIABLES.to_vec()).prop_map(str::to_owned),
        2 => ".{0,24}",
    ]
    .boxed()
}

/// Any TOML value, nested a little.
pub fn any_value() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        text().prop_map(Value::String),
        any::<i64>().prop_map(Value::Integer),
        any::<f64>().prop_map(Value::Float),
        any::<bool>().prop_map(Value::Boolean),
    ];
    leaf.prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|map| Value::Table(map.into_iter().collect())),
        ]
    })
    .boxed()
}

/// A value of the kind `key` holds (mostly) or of any other.
pub(super) fn value_for(key: &Key, schema: Schema) -> BoxedStrategy<Value> {
    let right: BoxedStrategy<Value> = match key.kind {
        Kind::Text => text().prop_map(Value::String).boxed(),
        Kind::WholeNumber => prop_oneof![-2..100i64, any::<i64>()].prop_map(Value::Integer).boxed(),
        Kind::Number => prop_oneof![
            (-1.0..100.0f64).prop_map(Value::Float),
            any::<f64>().prop_map(Value::Float),
            (0..10i64).prop_map(Value::Integer),
        ]
        .boxed(),
        Kind::Duration => prop_oneof![
            3 => prop::sample::select(DURATIONS.to_vec()).prop_map(|text| Value::String(text.to_owned())),
            1 => (-5..100_000i64).prop_map(Value::Integer),
        ]
        .boxed(),
        Kind::TextList => prop::collection::vec(text().prop_map(Value::String), 0..4)
            .prop_map(Value::Array)
            .boxed(),
        Kind::Tables(keys) => tables(keys, schema),
        Kind::Open => table(part_keys(key.name, schema), schema).prop_map(Value::Table).boxed(),
        Kind::OpenTables => tables(part_keys(key.name, schema), schema),
    };
    prop_oneof![5 => right, 1 => any_value()].boxed()
}

fn part_keys(name: &str, schema: Schema) -> &'static [Key] {
    schema
        .parts
        .iter()
        .find(|(part, _)| *part == name)
        .map_or(&[], |(_, keys)| keys)
}

fn tables(keys: &'static [Key], schema: Schema) -> BoxedStrategy<Value> {
    prop::collection::vec(table(keys, schema).prop_map(Value::Table), 0..3)
        .prop_map(Value::Array)
        .boxed()
}

/// A table with some of `keys` and perhaps a key nobody knows (or one of the schema's words).
pub fn table(keys: &'static [Key], schema: Schema) -> BoxedStrategy<Table> {
    let known: Vec<_> = keys
        .iter()
        .map(|key| {
            let name = key.name.to_owned();
            prop::option::weighted(
                0.5,
                value_for(key, schema).prop_map(move |value| (name.clone(), value)),
            )
        })
        .collect();
    let unknown_name = if schema.words.is_empty() {
        "[a-z_]{1,12}".boxed()
    } else {
        prop_oneof![
            prop::sample::select(schema.words.to_vec()).prop_map(str::to_owned),
            "[a-z_]{1,12}",
        ]
        .boxed()
    };
    let unknown = prop::collection::vec((unknown_name, any_value()), 0..3);
    (known, unknown)
        .prop_map(|(known, unknown)| known.into_iter().flatten().chain(unknown).collect())
        .boxed()
}

#[cfg(test)]
mod tests;
