//! Tests of the `report` module.

use super::*;
use crate::failure_detection::Fault;
use crate::overhead::PathFigures;
use crate::percentiles::LatencySummary;

fn summary(p50_us: u64, p99_us: u64) -> LatencySummary {
    LatencySummary {
        count: 10,
        p50: Duration::from_micros(p50_us),
        p99: Duration::from_micros(p99_us),
        max: Duration::from_micros(p99_us),
    }
}

fn figures(p50_us: u64, p99_us: u64) -> PathFigures {
    PathFigures {
        first_token: summary(p50_us, p99_us),
        total: summary(p50_us * 2, p99_us * 2),
        wall_time: Duration::from_secs(1),
    }
}

#[test]
fn added_row_is_through_minus_direct() {
    let levels = [ConcurrencyLevelFigures {
        concurrency: 1,
        direct: figures(500, 900),
        through_cluster: figures(1_500, 4_900),
    }];
    let rendered = overhead_table(&levels).render();
    let added = rendered
        .lines()
        .find(|line| line.contains("added"))
        .unwrap();
    let cells: Vec<&str> = added.split('|').map(str::trim).collect();
    assert_eq!(
        cells[4..8],
        ["+1.000", "+4.000", "+2.000", "+8.000"],
        "{rendered}"
    );
    assert!(
        rendered.contains("| 1           | direct  | 10"),
        "{rendered}"
    );
}

#[test]
fn failure_rows_show_median_max_and_the_timeout() {
    let faults = [FaultFigures {
        fault: Fault::Stop,
        detection: summary(1_600_000, 2_050_000),
    }];
    let rendered = failure_table(&faults, Duration::from_secs(2)).render();
    assert!(
        rendered.contains("| SIGSTOP agent | 10     | 1600.000 | 2050.000 | 2000.000"),
        "{rendered}"
    );
}
