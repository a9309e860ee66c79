//! The job series' handles, registered once per label set and kept, so that recording a job's
//! end or a rejection builds no label strings and looks up nothing in the recorder's registry.
//! Each series is registered only when first recorded, exactly as the `counter!`/`histogram!`
//! call it replaces would have: the exposition shows the same series with the same values.

use metrics::{Counter, Histogram, counter, histogram};
use proto::v1::{Job, NodeIneligibility};

use super::job_metrics::UNLISTED_MODEL_LABEL;
use super::labels::{outcome_label, reason_label};

/// Handles by model, then node (empty for rejected jobs), then outcome or reason. A cluster
/// has a handful of each, so short lists searched in order do.
#[derive(Default)]
pub(super) struct JobSeries {
    models: Vec<(String, ModelSeries)>,
}

#[derive(Default)]
struct ModelSeries {
    queue_wait: Option<Histogram>,
    time_to_first_token: Option<Histogram>,
    duration_by_outcome: Vec<(&'static str, Histogram)>,
    nodes: Vec<(String, NodeSeries)>,
}

#[derive(Default)]
struct NodeSeries {
    jobs_by_outcome: Vec<(&'static str, Counter)>,
    rejections_by_reason: Vec<(&'static str, Counter)>,
    prompt_tokens: Option<Counter>,
    completion_tokens: Option<Counter>,
}

impl JobSeries {
    /// Records a job that reached a terminal state.
    pub(super) fn job_ended(&mut self, job: &Job) {
        let (model, node) = (model_of(job), job.node.as_str());
        let outcome = outcome_label(job.state);
        let series = find_or_add(&mut self.models, model, ModelSeries::default);
        let node_series = find_or_add(&mut series.nodes, node, NodeSeries::default);
        find_or_add(&mut node_series.jobs_by_outcome, outcome, || {
            counter!("llm_runner_jobs_total", "model" => model.to_owned(), "node" => node.to_owned(), "outcome" => outcome)
        })
        .increment(1);
        let Some(timings) = &job.timings else { return };
        if let Some(queued) = timings.queued_ms {
            series
                .queue_wait
                .get_or_insert_with(
                    || histogram!("llm_runner_job_queue_wait_seconds", "model" => model.to_owned()),
                )
                .record(seconds(queued));
        }
        if let Some(first_token) = timings.time_to_first_token_ms {
            series
                .time_to_first_token
                .get_or_insert_with(|| {
                    histogram!("llm_runner_job_time_to_first_token_seconds", "model" => model.to_owned())
                })
                .record(seconds(first_token));
        }
        if let Some(total) = timings.total_ms {
            find_or_add(&mut series.duration_by_outcome, outcome, || {
                histogram!("llm_runner_job_duration_seconds", "model" => model.to_owned(), "outcome" => outcome)
            })
            .record(seconds(total));
        }
        if let Some(stats) = &timings.ollama {
            let node_series = find_or_add(&mut series.nodes, node, NodeSeries::default);
            node_series
                .prompt_tokens
                .get_or_insert_with(|| {
                    counter!("llm_runner_prompt_tokens_total", "model" => model.to_owned(), "node" => node.to_owned())
                })
                .increment(stats.prompt_eval_count);
            node_series
                .completion_tokens
                .get_or_insert_with(|| {
                    counter!("llm_runner_completion_tokens_total", "model" => model.to_owned(), "node" => node.to_owned())
                })
                .increment(stats.eval_count);
        }
    }

    /// Records a rejected job: one count per candidate node and reason; an unlisted model
    /// under `UNLISTED_MODEL_LABEL`.
    pub(super) fn rejected(&mut self, job: &Job, reasons: &[NodeIneligibility], listed: bool) {
        let model = if listed {
            model_of(job)
        } else {
            UNLISTED_MODEL_LABEL
        };
        let series = find_or_add(&mut self.models, model, ModelSeries::default);
        let no_node = find_or_add(&mut series.nodes, "", NodeSeries::default);
        find_or_add(&mut no_node.jobs_by_outcome, "rejected", || {
            counter!("llm_runner_jobs_total", "model" => model.to_owned(), "node" => "", "outcome" => "rejected")
        })
        .increment(1);
        for reason in reasons {
            let (node, code) = (reason.node.as_str(), reason_label(reason.code));
            let node_series = find_or_add(&mut series.nodes, node, NodeSeries::default);
            find_or_add(&mut node_series.rejections_by_reason, code, || {
                counter!("llm_runner_rejections_total", "model" => model.to_owned(), "node" => node.to_owned(), "reason" => code)
            })
            .increment(1);
        }
    }
}

fn seconds(millis: u64) -> f64 {
    millis as f64 / 1000.0
}

fn model_of(job: &Job) -> &str {
    job.spec.as_ref().map_or("", |spec| spec.model.as_str())
}

/// The value under `key` in `list`, made by `make` and added when missing.
fn find_or_add<'list, 'key, K, V>(
    list: &'list mut Vec<(K, V)>,
    key: &'key str,
    make: impl FnOnce() -> V,
) -> &'list mut V
where
    K: AsRef<str> + From<&'key str>,
{
    let position = match list.iter().position(|(name, _)| name.as_ref() == key) {
        Some(position) => position,
        None => {
            list.push((K::from(key), make()));
            list.len() - 1
        }
    };
    &mut list[position].1
}

#[cfg(test)]
mod tests;
