//! What keys a config takes and what each holds, so that every misspelt key and every value of
//! the wrong kind is one problem among the others (in words, naming its file line or its
//! environment variable) instead of a deserializer error that hides the rest.

use toml::{Table, Value};

use crate::config_file::Step;
use crate::{Problems, parse_duration};

/// A key a config table takes.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    pub name: &'static str,
    pub kind: Kind,
    /// An entry of an array of tables without it is a problem (and is left out).
    pub required: bool,
}

/// What a key holds.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Text,
    WholeNumber,
    /// A number, whole or not (`3`, `0.25`); a whole one is stored as a float, so it
    /// deserializes into an `f64`.
    Number,
    /// `"500ms"`, `"5s"`, `"2m"`, `"1h"`, or a bare number of seconds (`5`, `"5"`).
    Duration,
    TextList,
    /// An array of tables (`[[nodes]]`), each with these keys.
    Tables(&'static [Key]),
    /// A table whose keys its owner checks itself (a part's `[alerts]`).
    Open,
    /// An array of tables whose keys its owner checks itself (a part's `[[schedules]]`).
    OpenTables,
}

impl Key {
    pub const fn optional(name: &'static str, kind: Kind) -> Self {
        Self {
            name,
            kind,
            required: false,
        }
    }

    pub const fn required(name: &'static str, kind: Kind) -> Self {
        Self {
            name,
            kind,
            required: true,
        }
    }
}

/// Checks `table` (found at `at`) against `keys`: unknown keys and values of the wrong kind are
/// noted and removed, so the defaults apply and deserializing what is left cannot fail.
/// Durations are normalised to text that [`parse_duration`] reads.
pub fn check_table(table: &mut Table, at: &[Step], keys: &[Key], problems: &mut Problems) {
    let names: Vec<&str> = keys.iter().map(|key| key.name).collect();
    let present: Vec<String> = table.keys().cloned().collect();
    for name in present {
        let Some(key) = keys.iter().find(|key| key.name == name) else {
            problems.unknown_key(at, &name, &names);
            table.remove(&name);
            continue;
        };
        let mut path = at.to_vec();
        path.push(Step::key(&name));
        let keep = table
            .get_mut(&name)
            .is_some_and(|value| check_value(value, &path, key.kind, problems));
        if !keep {
            table.remove(&name);
        }
    }
}

fn check_value(value: &mut Value, path: &[Step], kind: Kind, problems: &mut Problems) -> bool {
    let problem = match (kind, &*value) {
        (Kind::Text, Value::String(_))
        | (Kind::WholeNumber, Value::Integer(_))
        | (Kind::Open, Value::Table(_)) => None,
        (Kind::Text, _) => Some("expected text in quotes, like \"…\"".to_owned()),
        (Kind::WholeNumber, _) => Some("expected a whole number, like 16".to_owned()),
        (Kind::Number, Value::Float(_)) => None,
        (Kind::Number, Value::Integer(whole)) => {
            *value = Value::Float(*whole as f64);
            None
        }
        (Kind::Number, _) => Some("expected a number, like 2.5".to_owned()),
        (Kind::Open, _) => Some("expected a table of settings".to_owned()),
        (Kind::OpenTables, Value::Array(items)) if items.iter().all(Value::is_table) => None,
        (Kind::OpenTables, _) => Some("expected [[tables]], one per entry".to_owned()),
        (Kind::Duration, _) => match duration_text(value) {
            Ok(text) => {
                *value = Value::String(text);
                None
            }
            Err(problem) => Some(problem),
        },
        (Kind::TextList, Value::Array(items)) if items.iter().all(Value::is_str) => None,
        (Kind::TextList, _) => Some("expected a list of text, like [\"a\", \"b\"]".to_owned()),
        (Kind::Tables(keys), Value::Array(_)) => {
            check_entries(value, path, keys, problems);
            None
        }
        (Kind::Tables(_), _) => Some("expected [[tables]], one per entry".to_owned()),
    };
    match problem {
        Some(problem) => {
            problems.push_at(path, &problem);
            false
        }
        None => true,
    }
}

fn duration_text(value: &Value) -> Result<String, String> {
    let text = match value {
        Value::String(text) => text.clone(),
        Value::Integer(seconds) if *seconds >= 0 => seconds.to_string(),
        Value::Float(seconds) if *seconds >= 0.0 => seconds.to_string(),
        _ => String::new(),
    };
    parse_duration(&text).map(|_| text).map_err(|_| {
        "expected a duration such as \"3s\", \"500ms\", \"2m\" or a number of seconds".to_owned()
    })
}

/// Each entry of an array of tables is checked; an entry that is not a table, or lacks a
/// required key, is noted and left out.
fn check_entries(value: &mut Value, path: &[Step], keys: &[Key], problems: &mut Problems) {
    let Value::Array(entries) = value else {
        return;
    };
    let mut kept = Vec::new();
    for (index, mut entry) in std::mem::take(entries).into_iter().enumerate() {
        let mut at = path.to_vec();
        at.push(Step::Index(index));
        let Value::Table(table) = &mut entry else {
            problems.push_at(path, &format!("entry {} is not a table", index + 1));
            continue;
        };
        let missing: Vec<&str> = keys
            .iter()
            .filter(|key| key.required && !table.contains_key(key.name))
            .map(|key| key.name)
            .collect();
        check_table(table, &at, keys, problems);
        if !missing.is_empty() {
            problems.push_at(
                path,
                &format!("entry {} has no `{}`", index + 1, missing.join("`, `")),
            );
        } else if keys
            .iter()
            .all(|key| !key.required || table.contains_key(key.name))
        {
            kept.push(entry);
        }
    }
    *entries = kept;
}

#[cfg(test)]
mod tests;
