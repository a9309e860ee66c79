//! A bounded CPU load for the loaded accuracy run: a fixed number of threads, each spinning on
//! arithmetic until the load is dropped or its deadline passes, whichever comes first, so a
//! failed run cannot leave the machine busy.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Spinning threads; they stop when this is dropped.
pub struct CpuLoad {
    stop: Arc<AtomicBool>,
    threads: Vec<JoinHandle<u64>>,
}

impl CpuLoad {
    /// Starts `threads` busy threads that stop by themselves after `at_most`.
    pub fn start(threads: usize, at_most: Duration) -> anyhow::Result<Self> {
        let stop = Arc::new(AtomicBool::new(false));
        let deadline = Instant::now() + at_most;
        let mut handles = Vec::with_capacity(threads);
        for index in 0..threads {
            let stop = Arc::clone(&stop);
            let handle = std::thread::Builder::new()
                .name(format!("cpu-load-{index}"))
                .spawn(move || spin_until(&stop, deadline))?;
            handles.push(handle);
        }
        Ok(Self {
            stop,
            threads: handles,
        })
    }

    pub fn threads(&self) -> usize {
        self.threads.len()
    }
}

impl Drop for CpuLoad {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        for thread in self.threads.drain(..) {
            // A spinning thread cannot panic short of arithmetic overflow, which wrapping rules out.
            let _ = thread.join();
        }
    }
}

/// Spins until told to stop or `deadline`; returns a value so the work is not optimised away.
fn spin_until(stop: &AtomicBool, deadline: Instant) -> u64 {
    let mut accumulator: u64 = 1;
    while !stop.load(Ordering::Relaxed) && Instant::now() < deadline {
        for step in 0..10_000_u64 {
            accumulator = accumulator
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(step);
        }
        accumulator = std::hint::black_box(accumulator);
    }
    accumulator
}

#[cfg(test)]
mod tests;
