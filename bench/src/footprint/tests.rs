//! Tests of the `footprint` module.

use super::*;

fn usage(rss_max_bytes: u64, cpu_percent: f64) -> ProcessUsage {
    ProcessUsage {
        rss_max_bytes,
        cpu_percent,
        window: Duration::from_secs(30),
    }
}

#[test]
fn the_table_has_both_processes_idle_and_busy() {
    let figures = FootprintFigures {
        agent_idle: usage(7_340_032, 0.05),
        coordinator_idle: usage(20_000_000, 0.1),
        agent_busy: usage(9_000_000, 12.5),
        coordinator_busy: usage(30_000_000, 40.0),
        busy_jobs: 1000,
        busy_concurrency: 32,
    };
    let rendered = footprint_table(&figures).render();
    assert!(rendered.contains("| agent       | idle"), "{rendered}");
    assert!(rendered.contains("7.3"), "{rendered}");
    assert!(
        rendered.contains("streaming (1000 jobs, concurrency 32)"),
        "{rendered}"
    );
}

#[test]
fn the_goal_line_says_which_goal_is_missed() {
    let line = agent_goal_line(&usage(12_000_000, 0.1));
    assert!(line.contains("RSS <= 10 MB MISSED (12.0 MB)"), "{line}");
    assert!(line.contains("CPU <= 0.2 % met (0.100 %)"), "{line}");
}
