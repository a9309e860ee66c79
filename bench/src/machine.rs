//! The machine a benchmark ran on (cores, CPU model, memory), read from `/proc`, so every set of
//! figures says what produced it.

use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MachineDescription {
    pub cores: usize,
    pub cpu_model: String,
    pub memory_total_bytes: Option<u64>,
}

impl MachineDescription {
    /// Reads what Linux tells; on another system the CPU model and memory are left unknown.
    pub fn of_this_machine() -> Self {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        Self {
            cores: std::thread::available_parallelism().map_or(1, usize::from),
            cpu_model: cpu_model(&cpuinfo).unwrap_or_else(|| "unknown CPU".to_owned()),
            memory_total_bytes: memory_total_bytes(&meminfo),
        }
    }

    /// `2 cores, AMD EPYC, 23.4 GiB RAM`.
    pub fn summary(&self) -> String {
        let memory = self.memory_total_bytes.map_or_else(
            || "unknown RAM".to_owned(),
            |bytes| format!("{:.1} GiB RAM", bytes as f64 / (1u64 << 30) as f64),
        );
        format!("{} cores, {}, {memory}", self.cores, self.cpu_model)
    }
}

/// The first `model name` line of `/proc/cpuinfo`.
fn cpu_model(cpuinfo: &str) -> Option<String> {
    cpuinfo.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        (key.trim() == "model name").then(|| value.trim().to_owned())
    })
}

/// `MemTotal` of `/proc/meminfo`, which the kernel gives in KiB.
fn memory_total_bytes(meminfo: &str) -> Option<u64> {
    let line = meminfo.lines().find(|line| line.starts_with("MemTotal:"))?;
    let kibibytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kibibytes * 1024)
}

/// `2000ms` reads better than `2s` next to millisecond figures.
pub fn as_milliseconds_text(duration: Duration) -> String {
    format!("{} ms", duration.as_millis())
}

#[cfg(test)]
mod tests;
