//! What `/healthz` reports about the core's own tasks: the first task failure the server's
//! supervisor saw (a stopped cluster loop, a failed store writer), kept until the process ends.

use std::sync::{Arc, Mutex};

/// Shared between the supervisor (which records a failure) and `/healthz` (which reports it).
#[derive(Clone, Default)]
pub struct CoreHealth {
    failure: Arc<Mutex<Option<String>>>,
}

impl CoreHealth {
    /// Records why the core is failing; the first reason wins (later ones are consequences).
    pub fn record_failure(&self, reason: String) {
        // A poisoned lock only means a panic elsewhere while holding it; the value is usable.
        let mut failure = self
            .failure
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        failure.get_or_insert(reason);
    }

    pub fn failure(&self) -> Option<String> {
        self.failure
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }
}

#[cfg(test)]
mod tests;
