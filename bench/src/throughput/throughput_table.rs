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
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::throughput::CpuSpent;

    #[test]
    fn a_row_per_level_with_rates_and_cpu_per_job() {
        let levels = [ThroughputFigures {
            data_dir: "tmpfs",
            concurrency: 64,
            jobs: 2000,
            wall_time: Duration::from_secs(1),
            cpu: CpuSpent {
                coordinator: Duration::from_millis(500),
                agents: Duration::from_millis(600),
                client_and_stand_ins: Duration::from_millis(700),
            },
        }];
        let rendered = throughput_table(&levels).render();
        let row = rendered.lines().nth(2).unwrap();
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        assert_eq!(
            cells[1..9],
            ["tmpfs", "64", "2000", "2000", "250", "300", "350", "4000"],
            "{rendered}"
        );
    }
}
