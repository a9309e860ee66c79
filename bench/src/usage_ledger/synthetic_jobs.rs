//! Job records as a coordinator writes them when jobs end, made up deterministically: six
//! models on four nodes, finish times spread evenly over a year up to a given instant, token
//! counts present for most jobs and absent for one in ten, and a price on every model but one.

use coordinator::job_id::JobIdGenerator;
use proto::v1::{Job, JobKind, JobSpec, JobState, JobTimings, TokenUsage};

pub const MODELS: [&str; 6] = [
    "qwen2.5:14b",
    "llama3.1:8b",
    "gemma3:27b",
    "mistral-small:24b",
    "llama-3.3-70b-versatile",
    "gemini-2.5-flash",
];
pub const NODES: [&str; 4] = ["contabo", "homelab", "davas", "groq"];
pub const DAY_MS: i64 = 86_400_000;

/// The model no price names: its jobs are counted as unpriced.
const UNPRICED_MODEL: usize = 1;
const PROMPT: &str = "Summarise this support ticket in two sentences and name the product it is about: \
                      the customer cannot log in after the last update.";
const OUTPUT: &str = "The customer cannot log in since the last update. The product is the web console; \
                      a password reset did not help.";

/// Makes `count` ended jobs whose finish times run from about `span_days` before `end_ms` up to
/// it, in order, with ids that sort by time as the coordinator's do.
#[derive(Debug)]
pub struct SyntheticJobs {
    count: usize,
    span_ms: i64,
    end_ms: i64,
    ids: JobIdGenerator,
}

impl SyntheticJobs {
    pub fn new(count: usize, span_days: i64, end_ms: i64) -> Self {
        Self {
            count: count.max(1),
            span_ms: span_days * DAY_MS,
            end_ms,
            ids: JobIdGenerator::default(),
        }
    }

    /// Job `index` (of `count`) as it is written at its end: SUCCEEDED, with its node, times,
    /// usage and cost.
    pub fn ended(&self, index: usize) -> Job {
        let noise = splitmix64(index as u64);
        let step = self.span_ms / self.count as i64;
        let before_end = (self.count - 1 - index.min(self.count - 1)) as i64 * step;
        let finished_at_ms = self.end_ms - before_end - (noise % 1000) as i64;
        let started_at_ms = finished_at_ms - 500 - (noise >> 8) as i64 % 30_000;
        let created_at_ms = started_at_ms - 20;
        let model = (noise >> 20) as usize % MODELS.len();
        let node = (noise >> 24) as usize % NODES.len();
        let usage = (!(noise >> 28).is_multiple_of(10)).then(|| {
            let input = 50 + (noise >> 32) % 4000;
            let output = 10 + (noise >> 44) % 1000;
            TokenUsage {
                input_tokens: Some(input),
                output_tokens: Some(output),
                cached_input_tokens: (noise >> 56).is_multiple_of(4).then_some(input / 2),
                reasoning_tokens: (model == 5).then_some(output / 3),
            }
        });
        let priced = model != UNPRICED_MODEL;
        let cost_usd = usage.filter(|_| priced).map(|usage| {
            usage.input_tokens.unwrap_or(0) as f64 * 0.15e-6
                + usage.output_tokens.unwrap_or(0) as f64 * 0.6e-6
        });
        Job {
            id: self.ids.next(u64::try_from(created_at_ms).unwrap_or(0)),
            spec: Some(JobSpec {
                kind: JobKind::Generate as i32,
                model: MODELS[model].to_owned(),
                prompt: PROMPT.to_owned(),
                ..JobSpec::default()
            }),
            state: JobState::Succeeded as i32,
            node: NODES[node].to_owned(),
            served_model: MODELS[model].to_owned(),
            created_at_ms,
            started_at_ms,
            finished_at_ms,
            timings: Some(JobTimings {
                queued_ms: Some(20),
                time_to_first_token_ms: Some(180),
                total_ms: u64::try_from(finished_at_ms - created_at_ms).ok(),
                ollama: None,
            }),
            output: OUTPUT.to_owned(),
            attempt: 1,
            trace_id: format!("{noise:032x}"),
            usage,
            cost_usd,
            priced,
            ..Job::default()
        }
    }

    /// The same job while it runs: no end, so nothing for the ledger.
    pub fn running(&self, index: usize) -> Job {
        let mut job = self.ended(index);
        job.state = JobState::Running as i32;
        job.finished_at_ms = 0;
        job
    }
}

/// A well-mixed 64-bit hash of `index` (SplitMix64's finaliser): repeatable "random" fields.
fn splitmix64(index: u64) -> u64 {
    let mut z = index.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests;
