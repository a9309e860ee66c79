//! Collects every configuration problem so start-up reports them all at once, one per line.

use std::fmt;

/// Configuration could not be used; `Display` prints one line per problem.
#[derive(Debug, thiserror::Error)]
pub struct ConfigError {
    pub problems: Vec<String>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, problem) in self.problems.iter().enumerate() {
            if index > 0 {
                formatter.write_str("\n")?;
            }
            write!(formatter, "config: {problem}")?;
        }
        Ok(())
    }
}

/// Accumulates problems while a config is validated.
#[derive(Debug, Default)]
pub struct Problems(Vec<String>);

impl Problems {
    pub fn push(&mut self, problem: impl Into<String>) {
        self.0.push(problem.into());
    }

    /// Takes the value of a check, noting its problem and returning `None` when it failed.
    pub fn take<T>(&mut self, checked: Result<T, String>) -> Option<T> {
        checked.map_err(|problem| self.push(problem)).ok()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when no problem was noted, else every problem.
    pub fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, ConfigError> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(ConfigError { problems: self.0 })
        }
    }
}

#[cfg(test)]
mod tests;
