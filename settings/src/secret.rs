//! A secret value (a token, a webhook URL) that never shows in `Debug` or `Display` output.

use std::fmt;

/// Holds a secret; formatting prints `***`, so it cannot leak through logs or `{:?}`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself, for the one place that must send or compare it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Compares in time independent of where the first difference is, so a token check does
    /// not tell an attacker how much of a guess was right.
    pub fn matches(&self, candidate: &str) -> bool {
        let ours = self.0.as_bytes();
        let theirs = candidate.as_bytes();
        let mut difference = ours.len() ^ theirs.len();
        for (index, byte) in theirs.iter().enumerate() {
            let own = ours.get(index % ours.len().max(1)).copied().unwrap_or(0);
            difference |= usize::from(own ^ byte);
        }
        difference == 0 && !ours.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("***")
    }
}

#[cfg(test)]
mod tests;
