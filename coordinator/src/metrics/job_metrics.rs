//! What is recorded as jobs end and agents attach.

use metrics::{Unit, counter, describe_counter, describe_histogram, histogram};
use proto::v1::{IneligibilityCode, Job, JobState, NodeIneligibility};

pub(super) fn describe() {
    describe_counter!(
        "llm_runner_jobs_total",
        "Jobs that ended, by model, node and outcome."
    );
    describe_counter!(
        "llm_runner_rejections_total",
        "Per candidate node, why a rejected job could not run there, by model, node and reason."
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
        "llm_runner_agent_connections_total",
        "Agent streams accepted, by node (more than one means reconnects)."
    );
}

fn state_name(state: i32) -> String {
    JobState::try_from(state)
        .map(|state| {
            state
                .as_str_name()
                .trim_start_matches("JOB_STATE_")
                .to_ascii_lowercase()
        })
        .unwrap_or_else(|_| "unknown".to_owned())
}

fn model_of(job: &Job) -> String {
    job.spec
        .as_ref()
        .map(|spec| spec.model.clone())
        .unwrap_or_default()
}

/// Records a job that reached a terminal state.
pub fn record_job_end(job: &Job) {
    let (model, node, outcome) = (model_of(job), job.node.clone(), state_name(job.state));
    counter!("llm_runner_jobs_total", "model" => model.clone(), "node" => node.clone(), "outcome" => outcome.clone()).increment(1);
    let Some(timings) = &job.timings else { return };
    let seconds = |millis: u64| millis as f64 / 1000.0;
    if let Some(queued) = timings.queued_ms {
        histogram!("llm_runner_job_queue_wait_seconds", "model" => model.clone())
            .record(seconds(queued));
    }
    if let Some(first_token) = timings.time_to_first_token_ms {
        histogram!("llm_runner_job_time_to_first_token_seconds", "model" => model.clone())
            .record(seconds(first_token));
    }
    if let Some(total) = timings.total_ms {
        histogram!("llm_runner_job_duration_seconds", "model" => model.clone(), "outcome" => outcome).record(seconds(total));
    }
    if let Some(stats) = &timings.ollama {
        counter!("llm_runner_prompt_tokens_total", "model" => model.clone(), "node" => node.clone()).increment(stats.prompt_eval_count);
        counter!("llm_runner_completion_tokens_total", "model" => model, "node" => node)
            .increment(stats.eval_count);
    }
}

/// Records a rejected job: one count per candidate node and reason.
pub fn record_rejection(job: &Job, reasons: &[NodeIneligibility]) {
    let model = model_of(job);
    counter!("llm_runner_jobs_total", "model" => model.clone(), "node" => "", "outcome" => "rejected").increment(1);
    for reason in reasons {
        let code = IneligibilityCode::try_from(reason.code)
            .map(|code| {
                code.as_str_name()
                    .trim_start_matches("INELIGIBILITY_CODE_")
                    .to_ascii_lowercase()
            })
            .unwrap_or_else(|_| "unknown".to_owned());
        counter!("llm_runner_rejections_total", "model" => model.clone(), "node" => reason.node.clone(), "reason" => code).increment(1);
    }
}

pub fn record_agent_attached(node: &str) {
    counter!("llm_runner_agent_connections_total", "node" => node.to_owned()).increment(1);
}
