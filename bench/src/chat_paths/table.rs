//! The chat paths table: each path's figures, what LiteLLM and llm-runner add to the direct
//! baseline (per percentile, p50 with p50), and how many times more LiteLLM adds.

use super::{ChatLevelFigures, ChatPathsFigures};
use crate::path_table::{added_ms, added_row, labelled_row, path_row, path_table};
use crate::table::MarkdownTable;

pub fn chat_paths_table(levels: &[ChatLevelFigures]) -> MarkdownTable {
    let mut table = path_table();
    for level in levels {
        let concurrency = level.concurrency.to_string();
        table.push_row(path_row(&concurrency, "direct /api/chat", &level.direct));
        table.push_row(path_row(&concurrency, "LiteLLM", &level.litellm));
        table.push_row(path_row(&concurrency, "llm-runner", &level.llm_runner));
        let litellm_added = added_ms(&level.litellm, &level.direct);
        let runner_added = added_ms(&level.llm_runner, &level.direct);
        table.push_row(added_row(&concurrency, "LiteLLM added", litellm_added));
        table.push_row(added_row(&concurrency, "llm-runner added", runner_added));
        let ratios = (0..4)
            .map(|column| added_ratio(litellm_added[column], runner_added[column]))
            .collect();
        table.push_row(labelled_row(
            &concurrency,
            "LiteLLM ÷ llm-runner added",
            ratios,
        ));
    }
    table
}

/// The report's section: what was measured, the table, and whether the goal (llm-runner adds
/// at least 10x less than LiteLLM) was met.
pub fn render_section(figures: Option<&ChatPathsFigures>) -> String {
    let Some(figures) = figures else {
        return String::new();
    };
    format!(
        "\nside by side with LiteLLM {} (ms; the same chat three ways: direct = streamed POST /api/chat to the stand-in; \
         LiteLLM = streamed /v1/chat/completions through the proxy, first token = first SSE chunk with content, total = [DONE]; \
         llm-runner = one SubmitAndWatch chat job; added = path minus direct at the same percentile; \
         {} measured after {} warm-up per path and level, {} tokens per answer; direct and llm-runner measured first, \
         then LiteLLM (one worker, as `litellm --config` starts it), which took {:.1} s to start and had {} of RSS after its last chat)\n\n{}{}\n",
        figures.litellm_version,
        figures.settings.requests,
        figures.settings.warmup,
        figures.tokens,
        figures.litellm_start.as_secs_f64(),
        figures
            .litellm_rss_bytes
            .map_or("an unknown amount".to_owned(), |bytes| format!(
                "{:.0} MB",
                bytes as f64 / 1e6
            )),
        chat_paths_table(&figures.levels).render(),
        goal_line(&figures.levels),
    )
}

/// The goal is met where llm-runner adds at most a tenth of what LiteLLM adds.
fn goal_line(levels: &[ChatLevelFigures]) -> String {
    const COLUMNS: [&str; 4] = [
        "first token p50",
        "first token p99",
        "total p50",
        "total p99",
    ];
    let mut missed = Vec::new();
    for level in levels {
        let litellm = added_ms(&level.litellm, &level.direct);
        let runner = added_ms(&level.llm_runner, &level.direct);
        for (column, name) in COLUMNS.iter().enumerate() {
            if runner[column] * 10.0 > litellm[column] {
                missed.push(format!("concurrency {} {name}", level.concurrency));
            }
        }
    }
    if missed.is_empty() {
        "\ngoal (llm-runner adds at least 10x less than LiteLLM): met at every level and percentile"
            .to_owned()
    } else {
        format!(
            "\ngoal (llm-runner adds at least 10x less than LiteLLM): MISSED at {}",
            missed.join(", ")
        )
    }
}

/// How many times more LiteLLM adds than llm-runner: `12.3x`; `n/a` when llm-runner added
/// nothing measurable (zero or less), as no ratio means anything then.
pub fn added_ratio(litellm_added_ms: f64, runner_added_ms: f64) -> String {
    if runner_added_ms <= 0.0 {
        "n/a".to_owned()
    } else {
        format!("{:.1}x", litellm_added_ms / runner_added_ms)
    }
}

#[cfg(test)]
mod tests {
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
}
