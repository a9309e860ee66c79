//! How the alerter is doing, counted since the process started: alerts raised, delivered,
//! failed for good, retried and rate limited. Shown at `/api/alerts`; the metrics endpoint
//! exports the same numbers later.

use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;

#[derive(Debug, Default)]
pub struct AlertCounters {
    raised: AtomicU64,
    sent: AtomicU64,
    failed: AtomicU64,
    retried: AtomicU64,
    rate_limited: AtomicU64,
}

/// A copy of the counters at one moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct AlertCountersSnapshot {
    /// Alerts written to the outbox.
    pub raised: u64,
    /// Alerts Discord confirmed.
    pub sent: u64,
    /// Alerts given up on (Discord refused them, or they expired undelivered).
    pub failed: u64,
    /// Delivery attempts that will be tried again (5xx, connection errors, 429).
    pub retried: u64,
    /// Of those, the ones Discord answered with 429.
    pub rate_limited: u64,
}

impl AlertCounters {
    pub fn add_raised(&self, count: u64) {
        self.raised.fetch_add(count, Ordering::Relaxed);
    }

    pub fn add_sent(&self, count: u64) {
        self.sent.fetch_add(count, Ordering::Relaxed);
    }

    pub fn add_failed(&self, count: u64) {
        self.failed.fetch_add(count, Ordering::Relaxed);
    }

    pub fn add_retried(&self, count: u64, rate_limited: bool) {
        self.retried.fetch_add(count, Ordering::Relaxed);
        if rate_limited {
            self.rate_limited.fetch_add(count, Ordering::Relaxed);
        }
    }

    pub fn snapshot(&self) -> AlertCountersSnapshot {
        AlertCountersSnapshot {
            raised: self.raised.load(Ordering::Relaxed),
            sent: self.sent.load(Ordering::Relaxed),
            failed: self.failed.load(Ordering::Relaxed),
            retried: self.retried.load(Ordering::Relaxed),
            rate_limited: self.rate_limited.load(Ordering::Relaxed),
        }
    }
}

#[cfg(test)]
mod tests;
