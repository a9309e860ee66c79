//! A note is taken only once it has stopped changing for the settle time (Obsidian saves as
//! you type; Syncthing ships a save about every 10 s): same size, modification time and
//! content hash across the whole window. Pure: the caller passes the time.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

mod fingerprint;

pub use fingerprint::fingerprint;

/// What a file looked like at one look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub bytes: u64,
    pub modified_ms: i64,
    /// Hex SHA-256 of the content.
    pub sha256: String,
}

/// Whether a file has settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settling {
    Settled,
    /// Unchanged since `since_ms`; settled at `ready_at_ms` if nothing changes.
    Waiting {
        since_ms: i64,
        ready_at_ms: i64,
    },
}

/// The last fingerprint seen of one name, since when it has been unchanged, and whether the
/// last look found it settled.
#[derive(Debug, Clone)]
struct Watched {
    print: Fingerprint,
    since_ms: i64,
    settled: bool,
}

/// The settle windows of the names in `inbox/`, one per name.
#[derive(Debug, Clone)]
pub struct Settler {
    settle_ms: i64,
    watched: HashMap<String, Watched>,
}

impl Settler {
    /// `settle` is how long a file must stay unchanged; zero settles a file at its first look.
    pub fn new(settle: Duration) -> Self {
        Self {
            settle_ms: i64::try_from(settle.as_millis()).unwrap_or(i64::MAX),
            watched: HashMap::new(),
        }
    }

    /// Records one look at `name`: the first look, or any change of size, modification time
    /// or content, starts its window again at `now_ms`.
    pub fn observe(&mut self, name: &str, print: &Fingerprint, now_ms: i64) -> Settling {
        let fresh = || Watched {
            print: print.clone(),
            since_ms: now_ms,
            settled: false,
        };
        let watched = self.watched.entry(name.to_owned()).or_insert_with(fresh);
        if watched.print != *print {
            *watched = fresh();
        }
        let ready_at_ms = watched.since_ms.saturating_add(self.settle_ms);
        // A clock that stepped back leaves the window open until it passes `ready_at_ms`.
        watched.settled = now_ms >= ready_at_ms;
        if watched.settled {
            Settling::Settled
        } else {
            Settling::Waiting {
                since_ms: watched.since_ms,
                ready_at_ms,
            }
        }
    }

    /// Drops `name` (taken, moved away): a file that comes back under it starts afresh.
    pub fn forget(&mut self, name: &str) {
        self.watched.remove(name);
    }

    /// Drops every name that is no longer in the folder.
    pub fn retain_only(&mut self, present: &HashSet<String>) {
        self.watched.retain(|name, _| present.contains(name));
    }

    /// How many names were not settled at their last look (for the status page).
    pub fn waiting(&self) -> usize {
        self.watched
            .values()
            .filter(|watched| !watched.settled)
            .count()
    }

    /// The earliest time a name not settled yet will be, if nothing changes: when the worker
    /// should look again.
    pub fn next_ready_at_ms(&self) -> Option<i64> {
        self.watched
            .values()
            .filter(|watched| !watched.settled)
            .map(|watched| watched.since_ms.saturating_add(self.settle_ms))
            .min()
    }
}

#[cfg(test)]
mod tests;
