//! What every problem line must do, whatever the input: say where it comes from (the file, an
//! environment variable, or a key), in one line, without showing a secret.

use std::fmt::Debug;
use std::path::Path;

use proptest::prelude::*;

use super::Schema;
use crate::{ConfigError, Key, Kind, MapEnv};

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

#[cfg(test)]
mod tests;
