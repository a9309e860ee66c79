//! A process's CPU time and memory as Linux's `/proc` shows them: user + system CPU time from
//! `/proc/<pid>/stat` (fields 14 and 15, in clock ticks, including threads that have ended) and
//! resident memory from `/proc/<pid>/status` (`VmRSS` now, `VmHWM` at its peak); bytes read from
//! `/proc/<pid>/io`.

use std::time::{Duration, Instant};

use anyhow::Context;

/// Linux reports `utime` and `stime` in ticks of `USER_HZ`, which is 100 on every architecture
/// (it is part of the kernel's user-space ABI, unlike the kernel's own HZ).
const TICKS_PER_SECOND: u64 = 100;

/// The CPU time process `pid` has used since it started.
pub fn cpu_time(pid: u32) -> anyhow::Result<Duration> {
    let path = format!("/proc/{pid}/stat");
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {path}"))?;
    cpu_time_from_stat(&text).with_context(|| format!("{path} is not a stat line: {text:?}"))
}

/// Fields 14 and 15 (`utime`, `stime`) of a stat line, counted after the command name, which
/// is in parentheses and may itself hold spaces and parentheses.
fn cpu_time_from_stat(line: &str) -> Option<Duration> {
    let after_name = &line[line.rfind(')')? + 1..];
    let mut fields = after_name.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis(
        (user + system) * 1000 / TICKS_PER_SECOND,
    ))
}

/// Resident memory now and at its peak, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryUsage {
    pub resident_bytes: u64,
    pub peak_resident_bytes: u64,
}

pub fn memory_usage(pid: u32) -> anyhow::Result<MemoryUsage> {
    let path = format!("/proc/{pid}/status");
    let status = std::fs::read_to_string(&path).with_context(|| format!("cannot read {path}"))?;
    let bytes = |key: &str| {
        status_kibibytes(&status, key)
            .map(|kibibytes| kibibytes * 1024)
            .with_context(|| format!("{path} has no {key} line"))
    };
    Ok(MemoryUsage {
        resident_bytes: bytes("VmRSS:")?,
        peak_resident_bytes: bytes("VmHWM:")?,
    })
}

/// The resident set size in bytes.
pub fn rss_bytes(pid: u32) -> anyhow::Result<u64> {
    Ok(memory_usage(pid)?.resident_bytes)
}

fn status_kibibytes(status: &str, key: &str) -> Option<u64> {
    let line = status.lines().find(|line| line.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Bytes process `pid` has read so far through `read`-like calls (`rchar` in `/proc/<pid>/io`,
/// page cache hits included: what a scan asks for, not what the disk delivers).
pub fn bytes_read(pid: u32) -> anyhow::Result<u64> {
    let path = format!("/proc/{pid}/io");
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {path}"))?;
    text.lines()
        .find_map(|line| line.strip_prefix("rchar:"))
        .and_then(|value| value.trim().parse().ok())
        .with_context(|| format!("{path} has no rchar line"))
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

/// One process watched over a window: CPU time at the start, the largest RSS sampled.
#[derive(Debug)]
pub struct UsageWindow {
    pid: u32,
    started: Instant,
    cpu_at_start: Duration,
    rss_max: u64,
}

/// What a window showed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProcessUsage {
    /// The largest RSS of the samples taken, in bytes.
    pub rss_max_bytes: u64,
    /// CPU time used over the window as a share of one core, in percent.
    pub cpu_percent: f64,
    pub window: Duration,
}

impl UsageWindow {
    pub fn begin(pid: u32) -> anyhow::Result<Self> {
        Ok(Self {
            pid,
            started: Instant::now(),
            cpu_at_start: cpu_time(pid)?,
            rss_max: rss_bytes(pid)?,
        })
    }

    pub fn sample(&mut self) -> anyhow::Result<()> {
        self.rss_max = self.rss_max.max(rss_bytes(self.pid)?);
        Ok(())
    }

    pub fn finish(mut self) -> anyhow::Result<ProcessUsage> {
        self.sample()?;
        let window = self.started.elapsed();
        let used = cpu_time(self.pid)?.saturating_sub(self.cpu_at_start);
        Ok(ProcessUsage {
            rss_max_bytes: self.rss_max,
            cpu_percent: percent_of_one_core(used, window),
            window,
        })
    }
}

#[cfg(test)]
mod tests;
