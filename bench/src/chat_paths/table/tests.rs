//! Tests of the `table` module.

use std::time::Duration;

use super::*;
use crate::overhead::PathFigures;
use crate::percentiles::LatencySummary;

fn figures(p50_us: u64, p99_us: u64) -> PathFigures {
    let summary = |p50: u64, p99: u64| LatencySummary {
        count: 10,
        p50: Duration::from_micros(p50),
        p99: Duration::from_micros(p99),
        max: Duration::from_micros(p99),
    };
    PathFigures {
        first_token: summary(p50_us, p99_us),
        total: summary(p50_us * 2, p99_us * 2),
        wall_time: Duration::from_secs(1),
    }
}

fn cells<'a>(rendered: &'a str, label: &str) -> Vec<&'a str> {
    let line = rendered.lines().find(|line| line.contains(label)).unwrap();
    line.split('|').map(str::trim).collect()
}

#[test]
fn both_added_rows_are_against_the_direct_baseline_and_the_ratio_divides_them() {
    let levels = [ChatLevelFigures {
        concurrency: 1,
        direct: figures(500, 1_000),
        litellm: figures(20_500, 41_000),
        llm_runner: figures(1_500, 5_000),
    }];
    let rendered = chat_paths_table(&levels).render();
    assert_eq!(
        cells(&rendered, "LiteLLM added")[4..8],
        ["+20.000", "+40.000", "+40.000", "+80.000"],
        "{rendered}"
    );
    assert_eq!(
        cells(&rendered, "llm-runner added")[4..8],
        ["+1.000", "+4.000", "+2.000", "+8.000"],
        "{rendered}"
    );
    assert_eq!(
        cells(&rendered, "÷")[4..8],
        ["20.0x", "10.0x", "20.0x", "10.0x"],
        "{rendered}"
    );
}

#[test]
fn the_goal_line_names_where_llm_runner_adds_more_than_a_tenth() {
    let mut level = ChatLevelFigures {
        concurrency: 32,
        direct: figures(500, 1_000),
        litellm: figures(20_500, 41_000),
        llm_runner: figures(1_500, 5_000),
    };
    assert!(goal_line(std::slice::from_ref(&level)).contains("met at every level"));
    level.llm_runner = figures(1_500, 9_000);
    let line = goal_line(&[level]);
    assert!(
        line.contains("MISSED at concurrency 32 first token p99, concurrency 32 total p99"),
        "{line}"
    );
}

#[test]
fn no_ratio_when_llm_runner_adds_nothing() {
    assert_eq!(added_ratio(20.0, 0.0), "n/a");
    assert_eq!(added_ratio(20.0, -0.5), "n/a");
    assert_eq!(added_ratio(3.0, 2.0), "1.5x");
}
