//! Tests of the `table` module.

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

fn report(llm_runner: Option<PathFigures>, unmeasured: Option<String>) -> OpenAiPathsFigures {
    OpenAiPathsFigures {
        levels: vec![OpenAiLevelFigures {
            concurrency: 4,
            direct: figures(500, 1_000),
            litellm: figures(10_500, 21_000),
            llm_runner,
        }],
        settings: ChatPathSettings {
            requests: 10,
            warmup: 2,
        },
        tokens: 8,
        model: "qwen2.5:14b".to_owned(),
        llm_runner_unmeasured: unmeasured,
        litellm_version: "1.0".to_owned(),
        litellm_start: Duration::from_secs(3),
        litellm_rss_bytes: None,
    }
}

#[test]
fn both_added_rows_are_against_the_direct_call_and_the_ratio_divides_them() {
    let rendered = render_section(Some(&report(Some(figures(1_500, 3_000)), None)));
    assert_eq!(
        cells(&rendered, "LiteLLM added")[4..8],
        ["+10.000", "+20.000", "+20.000", "+40.000"],
        "{rendered}"
    );
    assert_eq!(
        cells(&rendered, "llm-runner added")[4..8],
        ["+1.000", "+2.000", "+2.000", "+4.000"],
        "{rendered}"
    );
    assert_eq!(cells(&rendered, "÷")[4..8], ["10.0x"; 4], "{rendered}");
    assert!(!rendered.contains("NOT MEASURED"), "{rendered}");
}

#[test]
fn an_unmeasured_llm_runner_path_says_why_and_has_no_rows() {
    let reason = "http://127.0.0.1:1/v1/chat/completions answered 404".to_owned();
    let rendered = render_section(Some(&report(None, Some(reason.clone()))));
    assert!(
        rendered.contains(&format!("llm-runner /v1 NOT MEASURED: {reason}")),
        "{rendered}"
    );
    assert!(
        !rendered.contains("llm-runner added") && !rendered.contains("÷"),
        "{rendered}"
    );
    assert!(rendered.contains("LiteLLM added"), "{rendered}");
    assert_eq!(render_section(None), "");
}
