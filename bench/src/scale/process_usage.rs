//! A process's CPU time and memory, read from `/proc`: CPU as the sum of every thread's time on
//! a CPU (`/proc/<pid>/task/*/schedstat`, nanoseconds, finer than the clock ticks of `stat`),
//! memory as `VmRSS` (now) and `VmHWM` (the peak) of `/proc/<pid>/status`.

use std::time::{Duration, Instant};

use anyhow::Context;

/// Nanoseconds the process's threads have spent on a CPU so far.
pub fn cpu_time(pid: u32) -> anyhow::Result<Duration> {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task"))
        .with_context(|| format!("cannot list the threads of process {pid}"))?;
    let mut total: u64 = 0;
    for task in tasks.flatten() {
        // A thread may end between the listing and the read; it then counts nothing here.
        if let Ok(text) = std::fs::read_to_string(task.path().join("schedstat")) {
            total += on_cpu_nanoseconds(&text).unwrap_or(0);
        }
    }
    Ok(Duration::from_nanos(total))
}

/// The first field of a `schedstat` line: time spent on a CPU, in nanoseconds.
fn on_cpu_nanoseconds(schedstat: &str) -> Option<u64> {
    schedstat.split_whitespace().next()?.parse().ok()
}

/// Resident memory now and at its peak, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryUsage {
    pub resident_bytes: u64,
    pub peak_resident_bytes: u64,
}

pub fn memory_usage(pid: u32) -> anyhow::Result<MemoryUsage> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .with_context(|| format!("cannot read /proc/{pid}/status"))?;
    Ok(MemoryUsage {
        resident_bytes: status_kibibytes(&status, "VmRSS:").context("no VmRSS")? * 1024,
        peak_resident_bytes: status_kibibytes(&status, "VmHWM:").context("no VmHWM")? * 1024,
    })
}

fn status_kibibytes(status: &str, key: &str) -> Option<u64> {
    let line = status.lines().find(|line| line.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU use over a window as a percentage of one core (200 would be two cores busy).
pub fn percent_of_one_core(cpu: Duration, wall: Duration) -> f64 {
    if wall.is_zero() {
        return 0.0;
    }
    cpu.as_secs_f64() / wall.as_secs_f64() * 100.0
}

/// The process's CPU use over `window` of waiting, as a percentage of one core.
pub async fn cpu_percent_over(pid: u32, window: Duration) -> anyhow::Result<f64> {
    let (cpu_before, started) = (cpu_time(pid)?, Instant::now());
    tokio::time::sleep(window).await;
    let (cpu_after, wall) = (cpu_time(pid)?, started.elapsed());
    Ok(percent_of_one_core(
        cpu_after.saturating_sub(cpu_before),
        wall,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedstat_and_status_fields_are_read() {
        assert_eq!(on_cpu_nanoseconds("123456789 2000 15\n"), Some(123_456_789));
        assert_eq!(on_cpu_nanoseconds(""), None);
        let status = "Name:\trunner\nVmHWM:\t   20480 kB\nVmRSS:\t   10240 kB\n";
        assert_eq!(status_kibibytes(status, "VmRSS:"), Some(10_240));
        assert_eq!(status_kibibytes(status, "VmHWM:"), Some(20_480));
        assert_eq!(status_kibibytes(status, "VmSwap:"), None);
    }

    #[test]
    fn cpu_is_a_share_of_one_core() {
        let percent = percent_of_one_core(Duration::from_millis(500), Duration::from_secs(2));
        assert!((percent - 25.0).abs() < 1e-9);
        assert_eq!(
            percent_of_one_core(Duration::from_secs(1), Duration::ZERO),
            0.0
        );
    }

    #[test]
    fn this_process_uses_some_cpu_and_memory() {
        let pid = std::process::id();
        let spin: u64 = (0..1_000_000u64).map(|n| n % 7).sum();
        assert!(spin > 0);
        assert!(cpu_time(pid).unwrap() > Duration::ZERO);
        let memory = memory_usage(pid).unwrap();
        assert!(memory.resident_bytes > 0);
        assert!(memory.peak_resident_bytes >= memory.resident_bytes);
    }
}
