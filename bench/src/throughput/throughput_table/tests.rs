//! Tests of the `throughput_table` module.

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
