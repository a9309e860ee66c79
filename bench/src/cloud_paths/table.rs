//! The cloud paths table: each path's figures against the stand-in Groq, what LiteLLM and
//! llm-runner add to the direct baseline (per percentile, p50 with p50), how many times more
//! LiteLLM adds, and the section of the report around it.

use super::CloudPathsFigures;
use crate::chat_paths::ChatLevelFigures;
use crate::path_table::{PathNames, added_ms, path_table, push_level};
use crate::table::MarkdownTable;

/// The columns of the percentile cells, in `added_ms`'s order.
const COLUMNS: [&str; 4] = [
    "first token p50",
    "first token p99",
    "total p50",
    "total p99",
];

pub fn cloud_paths_table(levels: &[ChatLevelFigures]) -> MarkdownTable {
    let names = PathNames {
        direct: "direct Groq",
        litellm: "LiteLLM groq/",
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

/// The report's section: what was measured, the table, and where llm-runner added more than a
/// tenth of what LiteLLM added (the Ollama paths' goal, applied to the cloud paths).
pub fn render_section(figures: Option<&CloudPathsFigures>) -> String {
    let Some(figures) = figures else {
        return String::new();
    };
    format!(
        "\ncloud paths: the same streamed chat to the stand-in Groq three ways, model {} (ms; direct Groq = streamed \
         POST /openai/v1/chat/completions with the Bearer key and stream_options.include_usage, as the agent sends it; \
         LiteLLM groq/ = streamed /v1/chat/completions through LiteLLM {} configured with groq/{} and the stand-in as api_base; \
         llm-runner = one SubmitAndWatch chat job to a Groq node (runner-agent, backend = \"groq\"); first token = first chunk \
         with content, total = [DONE] or the terminal job event; added = path minus direct at the same percentile; {} measured \
         after {} warm-up per path and level, {} tokens per answer; direct and llm-runner measured first, then LiteLLM \
         (one worker), which took {:.1} s to start and had {} of RSS after its last chat)\n\n{}{}\n",
        figures.model,
        figures.litellm_version,
        figures.model,
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
        cloud_paths_table(&figures.levels).render(),
        goal_line(&figures.levels),
    )
}

/// Met where llm-runner adds at most a tenth of what LiteLLM adds, at every level and column.
pub fn goal_line(levels: &[ChatLevelFigures]) -> String {
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
        "\ncloud goal (llm-runner adds at least 10x less than LiteLLM): met at every level and percentile"
            .to_owned()
    } else {
        format!(
            "\ncloud goal (llm-runner adds at least 10x less than LiteLLM): MISSED at {}",
            missed.join(", ")
        )
    }
}

#[cfg(test)]
mod tests;
