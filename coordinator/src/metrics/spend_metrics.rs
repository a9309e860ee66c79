//! Tokens and cost of the jobs that ran, by model and node, recorded when a job ends and by
//! the difference when a cancelled job's usage arrives later.
//!
//! The `metrics` facade's counters count whole numbers, and a cost is fractional dollars, so
//! `llm_runner_cost_usd_total` is kept here and rendered as a Prometheus counter beside the
//! exporter's text (a counter's value may be any float in the exposition format).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;

use metrics::{counter, describe_counter};
use proto::v1::Job;

const COST_HELP: &str = "USD the jobs that ran cost at the [[prices]] in force when each ended, \
                         by model and node.";

/// (model, node) -> USD so far.
static COST_USD: Mutex<BTreeMap<(String, String), f64>> = Mutex::new(BTreeMap::new());

pub(super) fn describe() {
    describe_counter!(
        "llm_runner_tokens_total",
        "Tokens of jobs that ran, as their backend reported them, by model, node and kind \
         (input, output, cached_input, reasoning; cached_input is part of input, reasoning of \
         output); a count the backend did not report is not counted."
    );
}

/// Records a priced (or unpriced) job's tokens and cost as it ends.
pub fn record_spend(job: &Job) {
    record_spend_amendment(&Job::default(), job);
}

/// Records what `after` adds to `before`, the same job's earlier record (a cancelled job whose
/// usage arrived after it ended).
pub fn record_spend_amendment(before: &Job, after: &Job) {
    let model = after.spec.as_ref().map_or("", |spec| spec.model.as_str());
    let node = after.node.as_str();
    let counts = |job: &Job| {
        let usage = job.usage.unwrap_or_default();
        [
            ("input", usage.input_tokens),
            ("output", usage.output_tokens),
            ("cached_input", usage.cached_input_tokens),
            ("reasoning", usage.reasoning_tokens),
        ]
    };
    for ((kind, now), (_, earlier)) in counts(after).into_iter().zip(counts(before)) {
        let Some(now) = now else { continue };
        let earlier = earlier.unwrap_or(0);
        if now > earlier {
            counter!("llm_runner_tokens_total", "model" => model.to_owned(), "node" => node.to_owned(), "kind" => kind)
                .increment(now - earlier);
        }
    }
    let added = after.cost_usd.unwrap_or(0.0) - before.cost_usd.unwrap_or(0.0);
    if added > 0.0 {
        // A panic while this lock was held left at worst a sum missing one job: still usable.
        let mut costs = COST_USD
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *costs
            .entry((model.to_owned(), node.to_owned()))
            .or_default() += added;
    }
}

/// `llm_runner_cost_usd_total` in the Prometheus text exposition; empty before any job cost
/// something.
pub(super) fn render_cost() -> String {
    let costs = COST_USD
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if costs.is_empty() {
        return String::new();
    }
    let mut text = format!(
        "# HELP llm_runner_cost_usd_total {COST_HELP}\n# TYPE llm_runner_cost_usd_total counter\n"
    );
    for ((model, node), usd) in costs.iter() {
        let _ = writeln!(
            text,
            "llm_runner_cost_usd_total{{model=\"{}\",node=\"{}\"}} {usd}",
            label_value(model),
            label_value(node)
        );
    }
    text.push('\n');
    text
}

/// A label value escaped as the exposition format asks: backslash, double quote, newline.
pub(super) fn label_value(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}
