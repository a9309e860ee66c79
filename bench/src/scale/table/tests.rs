//! Tests of the `table` module.

use std::time::Duration;

use super::*;
use crate::percentiles::LatencySummary;
use crate::scale::{MemoryUsage, RoutingFigures, ViewFigures};

fn summary(ms: u64) -> LatencySummary {
    LatencySummary {
        count: 5,
        p50: Duration::from_millis(ms),
        p99: Duration::from_millis(ms * 2),
        max: Duration::from_millis(ms * 3),
    }
}

fn figures() -> ScaleFigures {
    ScaleFigures {
        agents: 1000,
        attach_all: Duration::from_millis(2_500),
        cpu_percent: 12.34,
        idle_memory: MemoryUsage {
            resident_bytes: 50 << 20,
            peak_resident_bytes: 50 << 20,
        },
        memory: MemoryUsage {
            resident_bytes: 100 << 20,
            peak_resident_bytes: 120 << 20,
        },
        view: ViewFigures {
            went_down: summary(2),
            came_back: summary(3),
        },
        routing: RoutingFigures {
            accepted: summary(1),
            completed: summary(4),
            rejected: summary(5),
            rejection_reasons: 1000,
        },
        links_dropped: 0,
        worst_status_lateness: Duration::from_millis(12),
    }
}

#[test]
fn cost_rows_show_cpu_memory_and_memory_per_agent() {
    let rendered = cost_table(&[figures()]).render();
    let row = rendered.lines().nth(2).unwrap();
    let cells: Vec<&str> = row.split('|').map(str::trim).collect();
    assert_eq!(
        cells[1..9],
        ["1000", "2.50", "12.3", "100.0", "120.0", "51.2", "0", "12"]
    );
}

#[test]
fn latency_rows_cover_view_and_routing() {
    let rendered = latency_table(&[figures()]).render();
    assert_eq!(rendered.lines().count(), 2 + 5, "{rendered}");
    assert!(
        rendered.contains("| SubmitJob rejected") && rendered.contains("| 5.000 | 10.000 | 15.000"),
        "{rendered}"
    );
}
