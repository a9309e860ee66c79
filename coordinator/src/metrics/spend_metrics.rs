//! Tokens and cost of the jobs that ran, by model and node, recorded when a job ends and by
//! the difference when a cancelled job's usage arrives later.

use metrics::{counter, describe_counter, describe_gauge, gauge};
use proto::v1::Job;

pub(super) fn describe() {
    describe_counter!(
        "llm_runner_tokens_total",
        "Tokens of jobs that ran, as their backend reported them, by model, node and kind \
         (input, output, cached_input, reasoning; cached_input is part of input, reasoning of \
         output); a count the backend did not report is not counted."
    );
    describe_gauge!(
        "llm_runner_cost_usd_total",
        "USD the jobs that ran cost at the [[prices]] in force when each ended, by model and \
         node; it only rises (a gauge because the metrics facade counts whole numbers only)."
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
        gauge!("llm_runner_cost_usd_total", "model" => model.to_owned(), "node" => node.to_owned())
            .increment(added);
    }
}
