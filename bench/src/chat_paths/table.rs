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
mod tests;
