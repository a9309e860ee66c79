//! The benchmark's report: what ran where, then one table for added latency and one for failure
//! detection, in Markdown so it can be pasted into `BENCHMARKS.md` as printed.

use std::time::Duration;

use crate::chat_paths::ChatPathsFigures;
use crate::cloud_paths::CloudPathsFigures;
use crate::failure_detection::{AlertFigures, FaultFigures};
use crate::footprint::FootprintFigures;
use crate::machine::{MachineDescription, as_milliseconds_text};
use crate::memory_scale::MemoryScaleFigures;
use crate::openai_paths::OpenAiPathsFigures;
use crate::overhead::{ConcurrencyLevelFigures, OverheadSettings};
use crate::path_table::{added_ms, added_row, path_row, path_table};
use crate::scale::ScaleFigures;
use crate::table::{MarkdownTable, milliseconds};
use crate::throughput::{ThroughputFigures, ThroughputSettings, throughput_table};
use crate::usage_ledger::UsageLedgerFigures;
use crate::vault_queue::VaultQueueFigures;

#[derive(Debug, Clone)]
pub struct BenchReport {
    pub machine: MachineDescription,
    pub overhead_settings: OverheadSettings,
    pub overhead: Vec<ConcurrencyLevelFigures>,
    pub failure_detection: Vec<FaultFigures>,
    pub heartbeat_timeout: Duration,
    /// The same overhead measurement with the coordinator's data dir on tmpfs; `None` when the
    /// machine has no `/dev/shm`.
    pub overhead_on_tmpfs: Option<Vec<ConcurrencyLevelFigures>>,
    pub throughput_settings: Option<ThroughputSettings>,
    pub throughput: Vec<ThroughputFigures>,
    /// One entry per simulated agent count; empty when the scale benchmark was skipped.
    pub scale: Vec<ScaleFigures>,
    /// The same chat direct, through LiteLLM and through llm-runner.
    pub chat_paths: Option<ChatPathsFigures>,
    pub footprint: Option<FootprintFigures>,
    /// Node loss -> alert delivered, on a cluster of its own.
    pub alert_detection: Option<AlertFigures>,
    /// The same chat to a stand-in Groq direct, through LiteLLM and through a Groq node.
    pub cloud_paths: Option<CloudPathsFigures>,
    /// The same `/v1/chat/completions` direct to the stand-in Ollama, through LiteLLM and
    /// through llm-runner's OpenAI-compatible API.
    pub openai_paths: Option<OpenAiPathsFigures>,
    /// The usage ledger's report over a year of rows and its cost to the store writer.
    pub usage_ledger: Option<UsageLedgerFigures>,
    /// Memory's syncs and searches over a synthetic vault.
    pub memory: Option<MemoryScaleFigures>,
    /// The vault worker's settle → start latency, notes/s and idle footprint.
    pub vault_queue: Option<VaultQueueFigures>,
}

impl BenchReport {
    pub fn render(&self) -> String {
        let settings = &self.overhead_settings;
        format!(
            "machine: {}\nrequests: {} measured after {} warm-up per path and level, {} tokens per answer, zero think time\n\n\
             added latency, data dir on disk (ms; through = one SubmitAndWatch call via coordinator and agent, its first event sent once the job is durable)\n\n{}\n\
             failure detection (ms from the signal until ListModels shows the model unroutable; heartbeat_timeout {})\n\n{}{}{}{}{}{}{}{}{}{}{}{}",
            self.machine.summary(),
            settings.requests,
            settings.warmup,
            settings.tokens,
            overhead_table(&self.overhead).render(),
            as_milliseconds_text(self.heartbeat_timeout),
            failure_table(&self.failure_detection, self.heartbeat_timeout).render(),
            self.tmpfs_section(),
            self.throughput_section(),
            self.scale_section(),
            crate::chat_paths::render_section(self.chat_paths.as_ref()),
            crate::footprint::render_section(self.footprint.as_ref()),
            crate::failure_detection::render_section(self.alert_detection.as_ref()),
            crate::cloud_paths::render_section(self.cloud_paths.as_ref()),
            crate::openai_paths::render_section(self.openai_paths.as_ref()),
            crate::usage_ledger::render_section(self.usage_ledger.as_ref()),
            crate::memory_scale::render_section(self.memory.as_ref()),
            crate::vault_queue::render_section(self.vault_queue.as_ref()),
        )
    }

    fn scale_section(&self) -> String {
        crate::scale::table::render_section(&self.scale)
    }

    fn tmpfs_section(&self) -> String {
        match &self.overhead_on_tmpfs {
            None => "\nadded latency, data dir on tmpfs: not measured (no /dev/shm)\n".to_owned(),
            Some(levels) => format!(
                "\nadded latency, data dir on tmpfs /dev/shm (ms; the same calls; fdatasync costs next to nothing there, so this is what the software adds)\n\n{}",
                overhead_table(levels).render()
            ),
        }
    }

    fn throughput_section(&self) -> String {
        let Some(settings) = &self.throughput_settings else {
            return String::new();
        };
        format!(
            "\nthroughput: one coordinator, three agents, data dir on disk and on tmpfs; {} tokens per job, zero think time, at most {} jobs or {} s per level after {} warm-up; CPU from /proc/<pid>/stat (10 ms ticks); every process shares this machine's cores\n\n{}",
            settings.tokens,
            settings.jobs,
            settings.time_limit.as_secs(),
            settings.warmup,
            throughput_table(&self.throughput).render()
        )
    }
}

pub fn overhead_table(levels: &[ConcurrencyLevelFigures]) -> MarkdownTable {
    let mut table = path_table();
    for level in levels {
        let concurrency = level.concurrency.to_string();
        table.push_row(path_row(&concurrency, "direct", &level.direct));
        table.push_row(path_row(&concurrency, "through", &level.through_cluster));
        let added = added_ms(&level.through_cluster, &level.direct);
        table.push_row(added_row(&concurrency, "added", added));
    }
    table
}

pub fn failure_table(faults: &[FaultFigures], heartbeat_timeout: Duration) -> MarkdownTable {
    let mut table = MarkdownTable::new(&["fault", "trials", "median", "max", "heartbeat_timeout"]);
    for fault in faults {
        table.push_row(vec![
            fault.fault.label().to_owned(),
            fault.detection.count.to_string(),
            milliseconds(fault.detection.p50),
            milliseconds(fault.detection.max),
            milliseconds(heartbeat_timeout),
        ]);
    }
    table
}

#[cfg(test)]
mod tests;
