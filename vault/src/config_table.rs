//! `[vault]` in the coordinator's config: run the vault worker inside `runner serve` over
//! `path`, with its settle time, rescan interval and how many jobs run at once. The ledger
//! lives under the coordinator's `data_dir`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use settings::{Key, Kind, Problems, Step, parse_duration, toml};

use crate::worker::config::{DEFAULT_MAX_IN_FLIGHT, DEFAULT_RESCAN, DEFAULT_SETTLE, WorkerConfig};

/// Every key `[vault]` takes.
pub const KEYS: &[Key] = &[
    Key::optional("path", Kind::Text),
    Key::optional("settle", Kind::Duration),
    Key::optional("rescan", Kind::Duration),
    Key::optional("max_in_flight", Kind::WholeNumber),
];

/// `[vault]` as read; `WorkerConfig` once the data dir is known.
#[derive(Debug, Clone, PartialEq)]
pub struct VaultSettings {
    pub path: PathBuf,
    pub settle: Duration,
    pub rescan: Duration,
    pub max_in_flight: usize,
}

impl VaultSettings {
    /// `None` without a `[vault]` table (the worker is off) or when it is wrong (problems say
    /// why).
    pub fn from_settings(table: Option<&toml::Table>, problems: &mut Problems) -> Option<Self> {
        let mut table = table?.clone();
        settings::check_table(&mut table, &[Step::key("vault")], KEYS, problems);
        let Some(path) = table
            .get("path")
            .and_then(toml::Value::as_str)
            .map(str::trim)
            .filter(|path| !path.is_empty())
        else {
            problems.push(
                "vault.path: name the Obsidian vault's folder, e.g. path = \"/srv/obsidian-vault\"",
            );
            return None;
        };
        let duration = |key: &str, default: Duration, problems: &mut Problems| match table
            .get(key)
            .and_then(toml::Value::as_str)
            .map(parse_duration)
        {
            Some(Ok(duration)) => duration,
            Some(Err(problem)) => {
                problems.push(format!("vault.{key}: {problem}"));
                default
            }
            None => default,
        };
        let settle = duration("settle", DEFAULT_SETTLE, problems);
        let rescan = duration("rescan", DEFAULT_RESCAN, problems);
        if rescan < Duration::from_secs(1) {
            problems.push("vault.rescan: at least 1s");
        }
        let max_in_flight = match table.get("max_in_flight").and_then(toml::Value::as_integer) {
            None => DEFAULT_MAX_IN_FLIGHT,
            Some(count @ 1..=256) => count as usize,
            Some(other) => {
                problems.push(format!(
                    "vault.max_in_flight: {other} is not between 1 and 256"
                ));
                DEFAULT_MAX_IN_FLIGHT
            }
        };
        Some(Self {
            path: PathBuf::from(path),
            settle,
            rescan,
            max_in_flight,
        })
    }

    /// The defaults over `path` (`runner dev --vault`).
    pub fn for_path(path: &Path) -> Self {
        Self {
            path: path.to_owned(),
            settle: DEFAULT_SETTLE,
            rescan: DEFAULT_RESCAN,
            max_in_flight: DEFAULT_MAX_IN_FLIGHT,
        }
    }

    pub fn worker_config(&self, data_dir: &Path) -> WorkerConfig {
        WorkerConfig {
            settle: self.settle,
            rescan_every: self.rescan,
            max_in_flight: self.max_in_flight,
            ..WorkerConfig::new(self.path.clone(), data_dir.to_owned())
        }
    }
}

#[cfg(test)]
mod tests;
