//! What is recorded as jobs end and agents attach.

use metrics::{Unit, counter, describe_counter, describe_histogram};
use proto::v1::{Job, NodeIneligibility};

use super::job_series::JobSeries;

pub(super) fn describe() {
    describe_counter!(
        "llm_runner_jobs_total",
        "Jobs that ended, by model, node and outcome."
    );
    describe_counter!(
        "llm_runner_rejections_total",
        "Per candidate node, why a rejected job could not run there, by model, node and reason; \
         a model no node has and no route names is counted as model \"unlisted\"."
    );
    describe_histogram!(
        "llm_runner_job_queue_wait_seconds",
        Unit::Seconds,
        "From acceptance until the agent started the job."
    );
    describe_histogram!(
        "llm_runner_job_time_to_first_token_seconds",
        Unit::Seconds,
        "From acceptance until the first token."
    );
    describe_histogram!(
        "llm_runner_job_duration_seconds",
        Unit::Seconds,
        "From acceptance until the job ended, by outcome."
    );
    describe_counter!(
        "llm_runner_prompt_tokens_total",
        "Prompt tokens Ollama evaluated (prompt_eval_count), by model and node."
    );
    describe_counter!(
        "llm_runner_completion_tokens_total",
        "Tokens Ollama generated (eval_count), by model and node."
    );
    describe_counter!(
        "llm_runner_idempotent_replays_total",
        "Submits answered with the job their idempotency key made before, instead of a new job."
    );
    describe_counter!(
        "llm_runner_agent_connections_total",
        "Agent streams accepted, by node (more than one means reconnects)."
    );
}

/// Records a job that reached a terminal state.
pub fn record_job_end(job: &Job) {
    with_series(|series| series.job_ended(job));
}

/// Records a rejected job: one count per candidate node and reason. `listed` says whether
/// the model is one `ListModels` lists (routed, or on some node); one that is not is counted
/// under the fixed model label [`UNLISTED_MODEL_LABEL`], so typos add no series.
pub fn record_rejection(job: &Job, reasons: &[NodeIneligibility], listed: bool) {
    with_series(|series| series.rejected(job, reasons, listed));
}

/// The `model` label of rejections (and of rejected jobs in `llm_runner_jobs_total`) for a
/// model no node has and no route names: every typo would otherwise become a label value for
/// good. A real model name always has a tag (`:latest` at least), so it cannot clash.
pub const UNLISTED_MODEL_LABEL: &str = "unlisted";

/// The installed metrics' cached handles; before `Metrics::install` (tests), handles registered
/// for this one call with whatever recorder is current, and not kept.
fn with_series(record: impl FnOnce(&mut JobSeries)) {
    match super::INSTALLED.get() {
        Some(metrics) => {
            // A panic while this lock was held left at worst a series not yet cached.
            let mut series = metrics
                .job_series
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            record(&mut series);
        }
        None => record(&mut JobSeries::default()),
    }
}

/// Records a submit answered with the job its idempotency key made before.
pub fn record_idempotent_replay() {
    counter!("llm_runner_idempotent_replays_total").increment(1);
}

pub fn record_agent_attached(node: &str) {
    counter!("llm_runner_agent_connections_total", "node" => node.to_owned()).increment(1);
}
