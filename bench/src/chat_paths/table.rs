//! The chat paths table: each path's figures, what LiteLLM and llm-runner add to the direct
//! baseline (per percentile, p50 with p50), and how many times more LiteLLM adds.

use super::{ChatLevelFigures, ChatPathsFigures};
pub use crate::path_table::added_ratio;
use crate::path_table::{PathNames, added_ms, path_table, push_level};
use crate::table::MarkdownTable;

pub fn chat_paths_table(levels: &[ChatLevelFigures]) -> MarkdownTable {
    let names = PathNames {
        direct: "direct /api/chat",
        litellm: "LiteLLM",
        llm_runner: "llm-runner",
    };
    let mut table = path_table();
    for level in levels {
        let (direct, litellm) = (&level.direct, &level.litellm);
        push_level(
            &mut table,
            level.concurrency,
            names,
            direct,
            litellm,
            Some(&level.llm_runner),
        );
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

#[cfg(test)]
mod tests;
