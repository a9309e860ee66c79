//! The throughput table: jobs per second at each level, and CPU per job for each process.

use super::ThroughputFigures;
use crate::table::MarkdownTable;

pub fn throughput_table(levels: &[ThroughputFigures]) -> MarkdownTable {
    let mut table = MarkdownTable::new(&[
        "data dir",
        "concurrency",
        "jobs",
        "jobs/s",
        "coordinator CPU µs/job",
        "3 agents CPU µs/job",
        "client + stand-ins CPU µs/job",
        "coordinator jobs per CPU-second",
    ]);
    for level in levels {
        table.push_row(vec![
            level.data_dir.to_owned(),
            level.concurrency.to_string(),
            level.jobs.to_string(),
            format!("{:.0}", level.jobs_per_second()),
            format!("{:.0}", level.micros_per_job(level.cpu.coordinator)),
            format!("{:.0}", level.micros_per_job(level.cpu.agents)),
            format!(
                "{:.0}",
                level.micros_per_job(level.cpu.client_and_stand_ins)
            ),
            format!("{:.0}", level.coordinator_jobs_per_cpu_second()),
        ]);
    }
    table
}

#[cfg(test)]
mod tests;
