//! Inputs for fuzzing a process's config loading (feature `fuzzing`, used by the tests of the
//! crates that load one): TOML documents built from the process's own [`Key`]s — right and
//! wrong kinds, unknown keys, nested and open tables — then perhaps damaged or replaced by
//! garbage, and `RUNNER_*` environments; plus the check every problem line must pass.

mod origin;
mod values;

use std::collections::{BTreeMap, HashMap};

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, FileFailurePersistence};

pub use origin::{check_loading, names_its_origin};
use values::value_for;
pub use values::{any_value, table};

use toml::Value;

use crate::{Key, override_variable};

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

#[cfg(test)]
mod tests;
