//! Collects every configuration problem so start-up reports them all at once, one per line,
//! each naming where it comes from: the file and line, or the environment variable.

use std::collections::BTreeMap;
use std::fmt;

use crate::config_file::{ConfigFile, Step};
use crate::suggest::did_you_mean;

/// Configuration could not be used; `Display` prints one line per problem.
#[derive(Debug, thiserror::Error)]
pub struct ConfigError {
    /// Each problem as printed, e.g. `config: grpc_addr: …` or `c.toml:4: unknown key …`.
    pub problems: Vec<String>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.problems.join("\n"))
    }
}

/// Accumulates problems while a config is validated.
#[derive(Debug, Default)]
pub struct Problems {
    lines: Vec<String>,
    file: Option<ConfigFile>,
    /// Top-level key -> `VARIABLE=value` for the keys an environment override set.
    overrides: BTreeMap<String, String>,
}

impl Problems {
    /// A problem with no better origin than "the config".
    pub fn push(&mut self, problem: impl Into<String>) {
        self.lines.push(format!("config: {}", problem.into()));
    }

    /// A problem that names its own origin (`c.toml:5:21: not valid TOML: …`).
    pub(crate) fn push_line(&mut self, line: String) {
        self.lines.push(line);
    }

    /// A problem about the key at `path`, naming the variable that set it or the file and
    /// line where it is written (`c.toml:4: nodes.name: …`).
    pub fn push_at(&mut self, path: &[Step], problem: &str) {
        let line = match self.override_of(path) {
            Some(variable) => format!("{variable}: {problem}"),
            None => format!("{}: {}: {problem}", self.file_origin(path), dotted(path)),
        };
        self.lines.push(line);
    }

    /// `key`, found in the table at `table_path`, is none of `known`: one problem, in one
    /// format everywhere, with the nearest known key when one is close.
    pub fn unknown_key(&mut self, table_path: &[Step], key: &str, known: &[&str]) {
        self.unknown_key_noting(table_path, key, known, "");
    }

    /// [`Self::unknown_key`] followed by `; {note}` (what to do instead) when `note` is not empty.
    pub fn unknown_key_noting(
        &mut self,
        table_path: &[Step],
        key: &str,
        known: &[&str],
        note: &str,
    ) {
        let mut path = table_path.to_vec();
        path.push(Step::key(key));
        let origin = self
            .override_of(&path)
            .unwrap_or_else(|| self.file_origin(&path));
        let section = section_name(table_path);
        let hint = did_you_mean(key, known.iter().copied());
        let note = if note.is_empty() {
            String::new()
        } else {
            format!("; {note}")
        };
        self.lines.push(format!(
            "{origin}: unknown key `{key}`{section}{hint}{note}"
        ));
    }

    /// Takes the value of a check, noting its problem and returning `None` when it failed.
    pub fn take<T>(&mut self, checked: Result<T, String>) -> Option<T> {
        checked.map_err(|problem| self.push(problem)).ok()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// How many problems were noted: a part compares it before and after reading one entry
    /// to leave out only the entries that had problems.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// `Ok(value)` when no problem was noted, else every problem.
    pub fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, ConfigError> {
        if self.lines.is_empty() {
            Ok(value())
        } else {
            Err(ConfigError {
                problems: self.lines,
            })
        }
    }

    pub(crate) fn set_file(&mut self, name: String, text: String) {
        self.file = Some(ConfigFile { name, text });
    }

    pub(crate) fn note_override(&mut self, key: &str, variable: &str, raw: &str) {
        self.overrides
            .insert(key.to_owned(), format!("{variable}={raw}"));
    }

    fn override_of(&self, path: &[Step]) -> Option<String> {
        match path.first() {
            Some(Step::Key(top)) => self.overrides.get(top).cloned(),
            _ => None,
        }
    }

    fn file_origin(&self, path: &[Step]) -> String {
        let Some(file) = &self.file else {
            return "config".to_owned();
        };
        match file.line_of(path) {
            Some(line) => format!("{}:{line}", file.name),
            None => file.name.clone(),
        }
    }
}

/// ` in [alerts]`, ` in [[nodes]]`, or nothing at the top level.
fn section_name(table_path: &[Step]) -> String {
    let names: Vec<&str> = table_path
        .iter()
        .filter_map(|step| match step {
            Step::Key(name) => Some(name.as_str()),
            Step::Index(_) => None,
        })
        .collect();
    if names.is_empty() {
        return String::new();
    }
    match table_path.last() {
        Some(Step::Index(_)) => format!(" in [[{}]]", names.join(".")),
        _ => format!(" in [{}]", names.join(".")),
    }
}

/// `nodes.token_env` for a path, leaving out array positions.
fn dotted(path: &[Step]) -> String {
    let names: Vec<&str> = path
        .iter()
        .filter_map(|step| match step {
            Step::Key(name) => Some(name.as_str()),
            Step::Index(_) => None,
        })
        .collect();
    names.join(".")
}

#[cfg(test)]
mod tests;
