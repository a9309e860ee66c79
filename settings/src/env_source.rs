//! Where environment values come from: the process environment plus an optional `.env` file
//! (as Infisical materialises it), or a plain map in tests.

use std::collections::HashMap;
use std::path::Path;

/// A source of environment variables. Tests feed a [`MapEnv`]; processes use [`ProcessEnv`].
pub trait EnvSource: Send + Sync {
    fn get(&self, key: &str) -> Option<String>;

    /// The names of every variable set, to spot a misspelt override; none unless a source
    /// can list them.
    fn names(&self) -> Vec<String> {
        Vec::new()
    }
}

/// Variables given by a test.
#[derive(Debug, Default, Clone)]
pub struct MapEnv(pub HashMap<String, String>);

impl MapEnv {
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Self(
            pairs
                .into_iter()
                .map(|(key, value)| (key.to_owned(), value.to_owned()))
                .collect(),
        )
    }
}

impl EnvSource for MapEnv {
    fn get(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }

    fn names(&self) -> Vec<String> {
        self.0.keys().cloned().collect()
    }
}

/// The process environment, falling back to the variables of a `.env` file: a variable set in
/// the process wins over the same one in the file.
#[derive(Default)]
pub struct ProcessEnv {
    dotenv: HashMap<String, String>,
}

impl ProcessEnv {
    /// Reads `dotenv_path` when it exists; a missing file is not an error, an unreadable one is.
    pub fn load(dotenv_path: &Path) -> Result<Self, String> {
        match std::fs::read_to_string(dotenv_path) {
            Ok(text) => Ok(Self {
                dotenv: parse_dotenv(&text),
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(error) => Err(format!("cannot read {}: {error}", dotenv_path.display())),
        }
    }

    /// The environment a binary runs with: the dotenv file the user named (`--env-file`,
    /// which must exist), else `./.env` when there is one.
    pub fn for_process(env_file: Option<&Path>) -> Result<Self, String> {
        match env_file {
            Some(path) => Self::load_required(path),
            None => Self::load(Path::new(".env")),
        }
    }

    /// Reads a dotenv file the user named (`--env-file`): a missing one is an error too.
    pub fn load_required(dotenv_path: &Path) -> Result<Self, String> {
        match std::fs::read_to_string(dotenv_path) {
            Ok(text) => Ok(Self {
                dotenv: parse_dotenv(&text),
            }),
            Err(error) => Err(format!(
                "cannot read the env file {}: {error}",
                dotenv_path.display()
            )),
        }
    }
}

impl EnvSource for ProcessEnv {
    fn get(&self, key: &str) -> Option<String> {
        // This is the one place the processes read their environment (see DESIGN.md).
        std::env::var(key)
            .ok()
            .or_else(|| self.dotenv.get(key).cloned())
    }

    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::env::vars_os()
            .filter_map(|(name, _)| name.into_string().ok())
            .chain(self.dotenv.keys().cloned())
            .collect();
        names.sort();
        names.dedup();
        names
    }
}

/// Parses `KEY=value` lines: `#` comments, optional `export `, optional single or double quotes.
fn parse_dotenv(text: &str) -> HashMap<String, String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let line = line.strip_prefix("export ").unwrap_or(line);
            let (key, value) = line.split_once('=')?;
            let value = value.trim();
            let unquoted = ['"', '\'']
                .iter()
                .find_map(|quote| {
                    value
                        .strip_prefix(*quote)
                        .and_then(|rest| rest.strip_suffix(*quote))
                })
                .unwrap_or(value);
            Some((key.trim().to_owned(), unquoted.to_owned()))
        })
        .collect()
}

#[cfg(test)]
mod tests;
