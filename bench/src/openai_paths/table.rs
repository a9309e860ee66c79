//! The OpenAI paths table: each path's figures for the same streamed `/v1/chat/completions`,
//! what LiteLLM and llm-runner add to the direct call to the stand-in Ollama's own endpoint
//! (per percentile, p50 with p50), how many times more LiteLLM adds, and the report's section.

use super::{OpenAiLevelFigures, OpenAiPathsFigures};
use crate::path_table::{PathNames, path_table, push_level};
use crate::table::MarkdownTable;

pub fn openai_paths_table(levels: &[OpenAiLevelFigures]) -> MarkdownTable {
    let names = PathNames {
        direct: "direct Ollama /v1",
        litellm: "LiteLLM openai/",
        llm_runner: "llm-runner /v1",
    };
    let mut table = path_table();
    for level in levels {
        let (direct, litellm) = (&level.direct, &level.litellm);
        let llm_runner = level.llm_runner.as_ref();
        push_level(
            &mut table,
            level.concurrency,
            names,
            direct,
            litellm,
            llm_runner,
        );
    }
    table
}

/// The report's section: what was measured, the table, and whether llm-runner was measured.
pub fn render_section(figures: Option<&OpenAiPathsFigures>) -> String {
    let Some(figures) = figures else {
        return String::new();
    };
    let unmeasured = figures
        .llm_runner_unmeasured
        .as_ref()
        .map_or(String::new(), |reason| {
            format!("\nllm-runner /v1 NOT MEASURED: {reason}\n")
        });
    format!(
        "\nOpenAI paths: the same streamed POST /v1/chat/completions (\"stream\": true) three ways, model {} (ms; \
         direct Ollama /v1 = to the stand-in Ollama's own OpenAI-compatible endpoint; LiteLLM openai/ = through LiteLLM {} \
         configured with openai/{} and the stand-in's /v1 as api_base; llm-runner /v1 = to the coordinator's http_addr, \
         through coordinator and agent to the stand-in's /api/chat; first token = first chunk with content, total = \
         data: [DONE]; added = path minus direct at the same percentile; {} measured after {} warm-up per path and \
         level, {} tokens per answer; direct and llm-runner measured first, then LiteLLM (one worker), which took \
         {:.1} s to start and had {} of RSS after its last chat)\n\n{}{}",
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
        openai_paths_table(&figures.levels).render(),
        unmeasured,
    )
}

#[cfg(test)]
mod tests;
