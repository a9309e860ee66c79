//! The wall clock the scheduler reads on every wake. Production reads the system's; tests use
//! [`TokioWallClock`], which moves with tokio's (paused) time and can be stepped like an NTP
//! correction, so a whole day of firings runs in milliseconds.

use std::sync::Mutex;

use chrono::{DateTime, TimeDelta, Utc};

pub trait WallClock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

#[derive(Debug, Default, Clone, Copy)]
pub struct SystemWallClock;

impl WallClock for SystemWallClock {
    fn now(&self) -> DateTime<Utc> {
        DateTime::from(std::time::SystemTime::now())
    }
}

/// Wall time = `start` + the tokio time elapsed since it was made (+ any steps).
#[derive(Debug)]
pub struct TokioWallClock {
    base: Mutex<(DateTime<Utc>, tokio::time::Instant)>,
}

impl TokioWallClock {
    pub fn starting_at(start: DateTime<Utc>) -> Self {
        Self {
            base: Mutex::new((start, tokio::time::Instant::now())),
        }
    }

    /// Steps the wall clock by `delta` (a suspend, an NTP correction) without tokio's time.
    pub fn step(&self, delta: TimeDelta) {
        let mut base = self
            .base
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        base.0 += delta;
    }
}

impl WallClock for TokioWallClock {
    fn now(&self) -> DateTime<Utc> {
        let base = self
            .base
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let elapsed = TimeDelta::from_std(base.1.elapsed()).unwrap_or(TimeDelta::MAX);
        base.0 + elapsed
    }
}

#[cfg(test)]
mod tests;
