//! Merges a TOML file with `RUNNER_<KEY>` environment overrides into one TOML table that a
//! process then deserializes into its raw config and validates.

use std::path::Path;

use serde::de::DeserializeOwned;
use toml::{Table, Value};

use crate::config_file::syntax_error;
use crate::schema::{Key, Kind, check_table};
use crate::{EnvSource, Problems};

/// The prefix of every environment override: `RUNNER_GRPC_ADDR` sets `grpc_addr`.
pub const ENV_PREFIX: &str = "RUNNER_";

/// The environment variable that overrides `key`: `grpc_addr` -> `RUNNER_GRPC_ADDR`.
pub fn override_variable(key: &str) -> String {
    format!("{ENV_PREFIX}{}", key.to_ascii_uppercase())
}

/// Reads `file` (when given), applies a `RUNNER_<KEY>` override for each of `keys`, and checks
/// the result against `keys` (see [`check_table`]). An override of a text or duration key is
/// taken as written (`127.0.0.1:7070`, `5s`); any other is read as a TOML value (`8`,
/// `["a", "b"]`, `[{ model = "m", nodes = ["n"] }]`). Problems (unreadable file, bad TOML,
/// unknown keys, wrong kinds) are noted, naming the file line or the variable.
pub fn load_table(
    file: Option<&Path>,
    env: &dyn EnvSource,
    keys: &[Key],
    problems: &mut Problems,
) -> Table {
    let mut table = file
        .map(|path| read_file(path, problems))
        .unwrap_or_default();
    for key in keys {
        let variable = override_variable(key.name);
        if let Some(raw) = env.get(&variable) {
            let value = match key.kind {
                Kind::Text | Kind::Duration => Value::String(raw.clone()),
                _ => parse_override(&raw),
            };
            problems.note_override(key.name, &variable, &raw);
            table.insert(key.name.to_owned(), value);
        }
    }
    check_table(&mut table, &[], keys, problems);
    table
}

/// [`load_table`], then deserializes the table into a process's raw config. What the check
/// let through deserializes; should it not, the problem is noted and the defaults are used, so
/// validation goes on and every other problem is listed too.
pub fn load_raw<Raw: DeserializeOwned + Default>(
    file: Option<&Path>,
    env: &dyn EnvSource,
    keys: &[Key],
    problems: &mut Problems,
) -> Raw {
    let table = load_table(file, env, keys, problems);
    Raw::deserialize(Value::Table(table))
        .map_err(|error| problems.push(error.to_string().trim().replace('\n', " ")))
        .unwrap_or_default()
}

fn read_file(path: &Path, problems: &mut Problems) -> Table {
    let name = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            problems.push(format!("cannot read {name}: {error}"));
            return Table::new();
        }
    };
    let parsed = text.parse::<Table>();
    match parsed {
        Ok(table) => {
            problems.set_file(name, text);
            table
        }
        Err(error) => {
            problems.push_line(syntax_error(&name, &text, &error));
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
