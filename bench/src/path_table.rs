//! The rows every latency table shares: one path's percentiles and rate, what a path adds to
//! the direct baseline (per percentile: p50 with p50, p99 with p99), and one concurrency
//! level of the three-way comparison (direct, LiteLLM, llm-runner) the chat, cloud and OpenAI
//! tables all make.

use crate::overhead::PathFigures;
use crate::percentiles::signed_difference_ms;
use crate::table::{MarkdownTable, milliseconds, signed_milliseconds};

/// An empty table with the columns of `path_row`.
pub fn path_table() -> MarkdownTable {
    MarkdownTable::new(&[
        "concurrency",
        "path",
        "requests",
        "first token p50",
        "first token p99",
        "total p50",
        "total p99",
        "req/s",
    ])
}

pub fn path_row(concurrency: &str, path: &str, figures: &PathFigures) -> Vec<String> {
    vec![
        concurrency.to_owned(),
        path.to_owned(),
        figures.total.count.to_string(),
        milliseconds(figures.first_token.p50),
        milliseconds(figures.first_token.p99),
        milliseconds(figures.total.p50),
        milliseconds(figures.total.p99),
        format!("{:.0}", figures.requests_per_second()),
    ]
}

/// Milliseconds `path` adds to `direct`: first token p50, p99, total p50, p99.
pub fn added_ms(path: &PathFigures, direct: &PathFigures) -> [f64; 4] {
    [
        signed_difference_ms(path.first_token.p50, direct.first_token.p50),
        signed_difference_ms(path.first_token.p99, direct.first_token.p99),
        signed_difference_ms(path.total.p50, direct.total.p50),
        signed_difference_ms(path.total.p99, direct.total.p99),
    ]
}

/// A row of four percentile cells (no request count, no rate) under `label`.
pub fn labelled_row(concurrency: &str, label: &str, cells: Vec<String>) -> Vec<String> {
    let mut row = vec![concurrency.to_owned(), label.to_owned(), String::new()];
    row.extend(cells);
    row
}

/// The "added" row: `path` minus `direct`, signed.
pub fn added_row(concurrency: &str, label: &str, added: [f64; 4]) -> Vec<String> {
    labelled_row(concurrency, label, added.map(signed_milliseconds).to_vec())
}

/// The names of the three paths of a comparison, as the table shows them.
#[derive(Debug, Clone, Copy)]
pub struct PathNames {
    pub direct: &'static str,
    pub litellm: &'static str,
    pub llm_runner: &'static str,
}

/// One concurrency level: each path's row, what LiteLLM and llm-runner add to the direct path,
/// and how many times more LiteLLM adds. Without `llm_runner` (not measured), its rows are left
/// out.
pub fn push_level(
    table: &mut MarkdownTable,
    concurrency: usize,
    names: PathNames,
    direct: &PathFigures,
    litellm: &PathFigures,
    llm_runner: Option<&PathFigures>,
) {
    let concurrency = concurrency.to_string();
    table.push_row(path_row(&concurrency, names.direct, direct));
    table.push_row(path_row(&concurrency, names.litellm, litellm));
    if let Some(llm_runner) = llm_runner {
        table.push_row(path_row(&concurrency, names.llm_runner, llm_runner));
    }
    let litellm_added = added_ms(litellm, direct);
    table.push_row(added_row(&concurrency, "LiteLLM added", litellm_added));
    let Some(llm_runner) = llm_runner else {
        return;
    };
    let runner_added = added_ms(llm_runner, direct);
    table.push_row(added_row(&concurrency, "llm-runner added", runner_added));
    let ratios = litellm_added
        .iter()
        .zip(runner_added)
        .map(|(litellm, runner)| added_ratio(*litellm, runner))
        .collect();
    table.push_row(labelled_row(
        &concurrency,
        "LiteLLM ÷ llm-runner added",
        ratios,
    ));
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
