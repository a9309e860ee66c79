//! A process's memory and CPU time as Linux's `/proc` shows them: resident set size from
//! `/proc/<pid>/status` (`VmRSS`) and user + system CPU time from `/proc/<pid>/stat` (fields 14
//! and 15, in clock ticks; they include the process's exited threads).

use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// Clock ticks per second when `getconf CLK_TCK` cannot say (it is 100 on every Linux we know).
const DEFAULT_CLOCK_TICKS: u64 = 100;

/// The resident set size in bytes.
pub fn rss_bytes(pid: u32) -> anyhow::Result<u64> {
    let path = format!("/proc/{pid}/status");
    let status = std::fs::read_to_string(&path).with_context(|| format!("cannot read {path}"))?;
    parse_vm_rss(&status).with_context(|| format!("{path} has no VmRSS line"))
}

/// User + system CPU time so far.
pub fn cpu_time(pid: u32, ticks_per_second: u64) -> anyhow::Result<Duration> {
    let path = format!("/proc/{pid}/stat");
    let stat = std::fs::read_to_string(&path).with_context(|| format!("cannot read {path}"))?;
    let ticks = parse_cpu_ticks(&stat).with_context(|| format!("cannot parse {path}"))?;
    Ok(Duration::from_secs_f64(
        ticks as f64 / ticks_per_second.max(1) as f64,
    ))
}

/// `getconf CLK_TCK`, or 100.
pub fn clock_ticks_per_second() -> u64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|output| String::from_utf8(output.stdout).ok())
        .and_then(|text| text.trim().parse().ok())
        .unwrap_or(DEFAULT_CLOCK_TICKS)
}

fn parse_vm_rss(status: &str) -> Option<u64> {
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes * 1024)
}

/// utime + stime in ticks. The command name (field 2) may hold spaces and parentheses, so the
/// fields are counted from the last `)`: field 3 (state) is the first after it.
fn parse_cpu_ticks(stat: &str) -> anyhow::Result<u64> {
    let Some((_, after_name)) = stat.rsplit_once(')') else {
        bail!("no `)` after the command name");
    };
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let field = |number: usize| -> anyhow::Result<u64> {
        let text = fields
            .get(number - 3)
            .with_context(|| format!("no field {number}"))?;
        text.parse()
            .with_context(|| format!("field {number} is {text:?}"))
    };
    Ok(field(14)? + field(15)?)
}

/// One process watched over a window: CPU time at the start, the largest RSS sampled.
#[derive(Debug)]
pub struct UsageWindow {
    pid: u32,
    ticks_per_second: u64,
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
    pub fn begin(pid: u32, ticks_per_second: u64) -> anyhow::Result<Self> {
        Ok(Self {
            pid,
            ticks_per_second,
            started: Instant::now(),
            cpu_at_start: cpu_time(pid, ticks_per_second)?,
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
        let used = cpu_time(self.pid, self.ticks_per_second)?.saturating_sub(self.cpu_at_start);
        Ok(ProcessUsage {
            rss_max_bytes: self.rss_max,
            cpu_percent: 100.0 * used.as_secs_f64() / window.as_secs_f64().max(f64::EPSILON),
            window,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vm_rss_is_read_in_bytes() {
        let status = "Name:\trunner-agent\nVmPeak:\t  99999 kB\nVmRSS:\t    8120 kB\nThreads:\t3\n";
        assert_eq!(parse_vm_rss(status), Some(8120 * 1024));
        assert_eq!(parse_vm_rss("Name:\tx\n"), None);
    }

    #[test]
    fn cpu_ticks_are_user_plus_system_even_with_odd_command_names() {
        let stat = "4242 (tokio (rt) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 17 5 0 0 20 0 3 0";
        assert_eq!(parse_cpu_ticks(stat).unwrap(), 22);
        assert!(parse_cpu_ticks("4242 no name").is_err());
    }

    #[test]
    fn this_process_can_be_watched() {
        let ticks = clock_ticks_per_second();
        let window = UsageWindow::begin(std::process::id(), ticks).unwrap();
        let usage = window.finish().unwrap();
        assert!(usage.rss_max_bytes > 0);
        assert!(usage.cpu_percent >= 0.0);
    }
}
