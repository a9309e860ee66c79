//! Tests of the cloud paths `table` module.

use std::time::Duration;

use super::*;
use crate::chat_paths::ChatPathSettings;
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

fn level(litellm_p50_us: u64, runner_p50_us: u64) -> ChatLevelFigures {
    ChatLevelFigures {
        concurrency: 1,
        direct: figures(500, 1_000),
        litellm: figures(litellm_p50_us, 41_000),
        llm_runner: figures(runner_p50_us, 5_000),
    }
}

#[test]
fn the_added_rows_are_against_direct_groq_and_the_ratio_divides_them() {
    let rendered = cloud_paths_table(&[level(20_500, 1_500)]).render();
    assert_eq!(cells(&rendered, "direct Groq")[3], "10", "{rendered}");
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
fn the_goal_line_names_each_level_and_column_where_llm_runner_adds_over_a_tenth() {
    assert!(goal_line(&[level(20_500, 1_500)]).contains("met at every level"));
    // llm-runner adds 5 ms to first token p50 where LiteLLM adds 20: a miss there only.
    let missed = goal_line(&[level(20_500, 5_500)]);
    assert!(
        missed.contains("MISSED at concurrency 1 first token p50, concurrency 1 total p50"),
        "{missed}"
    );
}

#[test]
fn the_section_says_what_was_measured_or_nothing_when_it_was_not() {
    assert_eq!(render_section(None), "");
    let figures = CloudPathsFigures {
        levels: vec![level(20_500, 1_500)],
        settings: ChatPathSettings {
            requests: 10,
            warmup: 2,
        },
        tokens: 8,
        model: "qwen/qwen3-32b".to_owned(),
        litellm_version: "1.106.12".to_owned(),
        litellm_start: Duration::from_millis(9_400),
        litellm_rss_bytes: Some(420_000_000),
    };
    let section = render_section(Some(&figures));
    for part in [
        "model qwen/qwen3-32b",
        "LiteLLM 1.106.12 configured with groq/qwen/qwen3-32b",
        "10 measured after 2 warm-up per path and level, 8 tokens per answer",
        "took 9.4 s to start and had 420 MB of RSS",
        "| LiteLLM groq/ ",
    ] {
        assert!(section.contains(part), "no {part:?} in:\n{section}");
    }
}
