//! Reads this host's facts (hostname, OS, cores, memory, disk, load, uptime, CPU usage) for the
//! coordinator's cluster view, every `host_facts_interval` only: an idle agent must cost next
//! to no CPU.

use std::path::Path;
use std::time::Duration;

use proto::v1::HostFacts;
use sysinfo::{DiskRefreshKind, Disks, System};
use tokio::sync::watch;
use tokio::time::MissedTickBehavior;
use tokio_util::sync::CancellationToken;
use tracing::warn;

/// The filesystem whose size and free space are reported: the root, where Ollama's models
/// live on our hosts unless an operator moved them.
const REPORTED_FILESYSTEM: &str = "/";

/// Keeps sysinfo's state between readings: CPU usage is the difference between two of them.
pub struct HostFactsReader {
    system: Option<System>,
    disks: Option<Disks>,
}

impl HostFactsReader {
    pub fn new() -> Self {
        let system = System::new()
            .map_err(|error| warn!(%error, "cannot read memory and CPU; host facts will lack them"))
            .ok();
        let disks = Disks::new()
            .map_err(|error| warn!(%error, "cannot read disks; host facts will lack them"))
            .ok();
        Self { system, disks }
    }

    /// Refreshes what changes (memory, CPU usage, disk space) and reads the rest fresh.
    pub fn read(&mut self) -> HostFacts {
        let mut facts = HostFacts {
            hostname: System::host_name().unwrap_or_default(),
            os: System::long_os_version().unwrap_or_else(|_| std::env::consts::OS.to_owned()),
            uptime_seconds: System::uptime().unwrap_or_default(),
            ..HostFacts::default()
        };
        if let Ok(load) = System::load_average() {
            (facts.load_1m, facts.load_5m, facts.load_15m) = (load.one, load.five, load.fifteen);
        }
        if let Some(system) = self.system.as_mut() {
            system.refresh_memory();
            system.refresh_cpu_usage();
            facts.cpu_cores = u32::try_from(system.cpus().len()).unwrap_or(u32::MAX);
            facts.memory_total_bytes = system.total_memory();
            facts.memory_available_bytes = system.available_memory();
            facts.cpu_usage_percent = system.global_cpu_usage();
        }
        if let Some(disks) = self.disks.as_mut() {
            // Re-listing picks up a disk mounted since the last reading; storage only, no I/O stats.
            disks.refresh_specifics(true, DiskRefreshKind::nothing().with_storage());
            let mounts = disks.iter().map(|disk| {
                (
                    disk.mount_point(),
                    disk.total_space(),
                    disk.available_space(),
                )
            });
            if let Some((total, free)) = space_of(Path::new(REPORTED_FILESYSTEM), mounts) {
                (facts.disk_total_bytes, facts.disk_free_bytes) = (total, free);
            }
        }
        facts
    }
}

impl Default for HostFactsReader {
    fn default() -> Self {
        Self::new()
    }
}

/// The (total, free) bytes of the filesystem holding `path`: the longest mount point above it.
pub fn space_of<'a>(
    path: &Path,
    mounts: impl Iterator<Item = (&'a Path, u64, u64)>,
) -> Option<(u64, u64)> {
    mounts
        .filter(|(mount_point, _, _)| path.starts_with(mount_point))
        .max_by_key(|(mount_point, _, _)| mount_point.as_os_str().len())
        .map(|(_, total, free)| (total, free))
}

/// Publishes fresh host facts every interval on a `watch`; the link reads the latest one
/// into each status without being woken by it.
pub struct HostFactsService {
    reader: HostFactsReader,
    interval: Duration,
    facts: watch::Sender<HostFacts>,
}

impl HostFactsService {
    pub fn new(interval: Duration) -> (Self, watch::Receiver<HostFacts>) {
        let mut reader = HostFactsReader::new();
        let (facts, receiver) = watch::channel(reader.read());
        (
            Self {
                reader,
                interval,
                facts,
            },
            receiver,
        )
    }

    pub async fn run(mut self, shutdown: CancellationToken) {
        let mut ticks = tokio::time::interval(self.interval);
        ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
        // The first tick fires at once, and `new` has just read the facts.
        ticks.tick().await;
        loop {
            tokio::select! {
                _ = shutdown.cancelled() => return,
                _ = ticks.tick() => {}
            }
            let facts = self.reader.read();
            self.facts.send_replace(facts);
        }
    }
}

#[cfg(test)]
mod tests;
