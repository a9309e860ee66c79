//! Merges a TOML file with `RUNNER_<KEY>` environment overrides into one TOML table that a
//! process then deserializes into its raw config and validates.

use std::path::Path;

use serde::de::DeserializeOwned;
use toml::{Table, Value};

use crate::{EnvSource, Problems};

/// The prefix of every environment override: `RUNNER_GRPC_ADDR` sets `grpc_addr`.
pub const ENV_PREFIX: &str = "RUNNER_";

/// Reads `file` (when given) and applies `RUNNER_<KEY>` overrides for each of `keys`. An
/// override's value is read as a TOML value when it is one (`8`, `true`, `["a", "b"]`,
/// `[{ model = "m", nodes = ["n"] }]`) and as a string otherwise (`127.0.0.1:7070`, `5s`).
/// Problems (unreadable file, bad TOML) are noted and an empty table is used in their place.
pub fn load_table(
    file: Option<&Path>,
    env: &dyn EnvSource,
    keys: &[&str],
    problems: &mut Problems,
) -> Table {
    let mut table = file
        .map(|path| read_file(path, problems))
        .unwrap_or_default();
    for key in keys {
        let variable = format!("{ENV_PREFIX}{}", key.to_ascii_uppercase());
        if let Some(raw) = env.get(&variable) {
            table.insert((*key).to_owned(), parse_override(&raw));
        }
    }
    table
}

/// [`load_table`], then deserializes the table into a process's raw config. A shape problem
/// (unknown key, wrong type) is noted and the defaults are used in its place, so validation
/// goes on and every other problem is listed too.
pub fn load_raw<Raw: DeserializeOwned + Default>(
    file: Option<&Path>,
    env: &dyn EnvSource,
    keys: &[&str],
    problems: &mut Problems,
) -> Raw {
    let table = load_table(file, env, keys, problems);
    Raw::deserialize(Value::Table(table))
        .map_err(|error| problems.push(error.to_string().trim().replace('\n', " ")))
        .unwrap_or_default()
}

fn read_file(path: &Path, problems: &mut Problems) -> Table {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            problems.push(format!("cannot read {}: {error}", path.display()));
            return Table::new();
        }
    };
    match text.parse::<Table>() {
        Ok(table) => table,
        Err(error) => {
            let message = error.to_string().replace('\n', " ");
            problems.push(format!("{} is not valid TOML: {message}", path.display()));
            Table::new()
        }
    }
}

fn parse_override(raw: &str) -> Value {
    format!("value = {raw}")
        .parse::<Table>()
        .ok()
        .and_then(|mut table| table.remove("value"))
        .unwrap_or_else(|| Value::String(raw.to_owned()))
}

#[cfg(test)]
mod tests;
