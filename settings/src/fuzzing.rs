//! Inputs for fuzzing a process's config loading (feature `fuzzing`, used by the tests of the
//! crates that load one): TOML documents built from the process's own [`Key`]s — right and
//! wrong kinds, unknown keys, nested and open tables — then perhaps damaged or replaced by
//! garbage, and `RUNNER_*` environments; plus the check every problem line must pass.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Debug;
use std::path::Path;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, FileFailurePersistence};
use toml::{Table, Value};

use crate::{ConfigError, Key, Kind, MapEnv, override_variable};

/// What a config file takes: its keys, the keys of the parts' open tables by name (a name not
/// listed takes any key), and other words worth trying as keys (keys known only by name).
#[derive(Debug, Clone, Copy)]
pub struct Schema {
    pub keys: &'static [Key],
    pub parts: &'static [(&'static str, &'static [Key])],
    pub words: &'static [&'static str],
}

/// Environment variables that name tokens in the generated documents (`token_env`).
pub const TOKEN_VARIABLES: [&str; 3] = ["RUNNER_TOKEN_DAVAS", "DAVAS_TOKEN", "RUNNER_AGENT_TOKEN"];

/// `cases` per run unless `PROPTEST_CASES` says otherwise; a failure is saved under the
/// crate's `proptest-regressions/` and replayed first on every run.
pub fn fuzz_config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel(
            "proptest-regressions",
        ))),
        ..Config::default()
    }
}

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
fn value_for(key: &Key, schema: Schema) -> BoxedStrategy<Value> {
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

/// A config file's bytes: the schema's document as TOML, perhaps damaged, or garbage.
pub fn config_file(schema: Schema) -> BoxedStrategy<Vec<u8>> {
    let document = table(schema.keys, schema)
        .prop_map(|table| toml::to_string(&table).unwrap_or_default().into_bytes());
    let edits = prop::collection::vec((any::<Index>(), any::<u8>(), any::<bool>()), 1..6);
    let damaged = (document.clone(), edits).prop_map(|(mut bytes, edits)| {
        for (at, byte, insert) in edits {
            let at = at.index(bytes.len() + 1);
            if insert {
                bytes.insert(at, byte);
            } else if at < bytes.len() {
                bytes[at] = byte;
            }
        }
        bytes
    });
    prop_oneof![
        6 => document,
        2 => damaged,
        1 => ".{0,200}".prop_map(String::into_bytes),
        1 => prop::collection::vec(any::<u8>(), 0..200),
    ]
    .boxed()
}

/// An environment: overrides of the schema's top-level keys (as TOML or as any text), token
/// variables, and `RUNNER_*` names nobody reads.
pub fn environment(schema: Schema) -> BoxedStrategy<HashMap<String, String>> {
    let overrides: Vec<_> = schema
        .keys
        .iter()
        .map(|key| {
            let variable = override_variable(key.name);
            let written = value_for(key, schema).prop_map(|value| match value {
                Value::String(text) => text,
                other => other.to_string(),
            });
            let raw = prop_oneof![3 => written, 1 => ".{0,24}"];
            prop::option::weighted(0.15, raw.prop_map(move |raw| (variable.clone(), raw)))
        })
        .collect();
    let tokens = prop::collection::btree_map(
        prop::sample::select(TOKEN_VARIABLES.to_vec()),
        ".{0,12}",
        0..3,
    );
    let strays = prop::collection::btree_map("RUNNER_[A-Z_]{1,12}", ".{0,12}", 0..2);
    (overrides, tokens, strays)
        .prop_map(
            |(overrides, tokens, strays): (_, BTreeMap<&str, String>, BTreeMap<String, String>)| {
                let tokens = tokens
                    .into_iter()
                    .map(|(name, value)| (name.to_owned(), value));
                overrides
                    .into_iter()
                    .flatten()
                    .chain(tokens)
                    .chain(strays)
                    .collect()
            },
        )
        .boxed()
}

/// Whether a problem line says where it comes from: the file, an environment variable, or a
/// key the schema knows.
pub fn names_its_origin(line: &str, file_name: &str, schema: Schema) -> bool {
    if line.trim().is_empty() {
        return false;
    }
    line.contains(file_name)
        || line.contains("RUNNER_")
        || line
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .any(is_variable)
        || key_names(schema).iter().any(|name| line.contains(name))
}

/// `GROQ_API_KEY`, `DAVAS_TOKEN`: an environment variable's name.
fn is_variable(word: &str) -> bool {
    word.len() >= 4
        && word.contains('_')
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

fn key_names(schema: Schema) -> Vec<&'static str> {
    let mut names = Vec::new();
    let mut pending: Vec<&'static [Key]> = vec![schema.keys];
    pending.extend(schema.parts.iter().map(|(_, keys)| *keys));
    while let Some(keys) = pending.pop() {
        for key in keys {
            names.push(key.name);
            if let Kind::Tables(inner) = key.kind {
                pending.push(inner);
            }
        }
    }
    names.extend(schema.words);
    names
}

/// Loads `file_bytes` (written to a temporary `fuzz.toml`, or no file) under `env` with `load`:
/// whatever comes back, every problem is one line naming its origin, and neither the problems
/// nor the config's `Debug` text shows any of `secrets`.
pub fn check_loading<Loaded: Debug>(
    file_bytes: &[u8],
    env: &MapEnv,
    use_file: bool,
    schema: Schema,
    secrets: &[&str],
    load: impl FnOnce(Option<&Path>, &MapEnv) -> Result<Loaded, ConfigError>,
) -> Result<(), TestCaseError> {
    let failed = |error: std::io::Error| TestCaseError::fail(error.to_string());
    let dir = tempfile::tempdir().map_err(failed)?;
    let path = dir.path().join("fuzz.toml");
    std::fs::write(&path, file_bytes).map_err(failed)?;
    let shown = match load(use_file.then_some(path.as_path()), env) {
        Ok(config) => format!("{config:?}"),
        Err(error) => {
            let file_name = path.display().to_string();
            for line in &error.problems {
                prop_assert!(
                    names_its_origin(line, &file_name, schema),
                    "{:?} names no origin",
                    line
                );
                prop_assert!(!line.contains('\n'), "one line per problem: {:?}", line);
            }
            error.to_string()
        }
    };
    for secret in secrets {
        prop_assert!(!shown.contains(secret), "a secret shows in {}", shown);
    }
    Ok(())
}
