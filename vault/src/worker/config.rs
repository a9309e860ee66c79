//! What a worker is told: the vault, where its ledger lives, how long a note must be still
//! before it is taken, how often the inbox is rescanned without an event, and how many jobs
//! run at once.

use std::path::PathBuf;
use std::time::Duration;

/// Obsidian saves as you type and Syncthing ships a save about every 10 s: 15 s of quiet
/// means the operator has stopped.
pub const DEFAULT_SETTLE: Duration = Duration::from_secs(15);
/// A full look at the inbox even without an event (events can be lost: inotify overflow,
/// network filesystems).
pub const DEFAULT_RESCAN: Duration = Duration::from_secs(60);
pub const DEFAULT_MAX_IN_FLIGHT: usize = 8;

#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// The vault's root; the worker owns `Runner/` inside it.
    pub vault: PathBuf,
    /// Where `vault.redb` (the ledger) lives; never inside the vault (it would sync).
    pub data_dir: PathBuf,
    pub settle: Duration,
    pub rescan_every: Duration,
    pub max_in_flight: usize,
    /// Test-only: the process aborts right after this protocol step (crash injection).
    pub crash_after: Option<CrashPoint>,
}

impl WorkerConfig {
    pub fn new(vault: PathBuf, data_dir: PathBuf) -> Self {
        Self {
            vault,
            data_dir,
            settle: DEFAULT_SETTLE,
            rescan_every: DEFAULT_RESCAN,
            max_in_flight: DEFAULT_MAX_IN_FLIGHT,
            crash_after: None,
        }
    }
}

/// The protocol's steps after which a test may make the worker abort (SIGKILL-like: no
/// destructors, no flush), to prove a restart finishes the job once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrashPoint {
    Claimed,
    Moved,
    Submitted,
    ResultWritten,
    Filed,
}

impl CrashPoint {
    pub const ALL: [CrashPoint; 5] = [
        CrashPoint::Claimed,
        CrashPoint::Moved,
        CrashPoint::Submitted,
        CrashPoint::ResultWritten,
        CrashPoint::Filed,
    ];

    pub fn name(self) -> &'static str {
        match self {
            CrashPoint::Claimed => "claimed",
            CrashPoint::Moved => "moved",
            CrashPoint::Submitted => "submitted",
            CrashPoint::ResultWritten => "result-written",
            CrashPoint::Filed => "filed",
        }
    }

    pub fn parse(word: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|point| point.name() == word)
    }
}

/// Aborts the process when `point` is the configured crash point.
pub fn crash_if(configured: Option<CrashPoint>, point: CrashPoint) {
    if configured == Some(point) {
        tracing::warn!(step = point.name(), "crash injection: aborting the worker");
        std::process::abort();
    }
}

#[cfg(test)]
mod tests;
