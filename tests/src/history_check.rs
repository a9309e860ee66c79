//! The crash-and-load checker: holds a whole job history (every page of `ListJobs`) against
//! what the clients asked for and what the stand-in Ollamas generated, and names every broken
//! promise: a request with no job (lost) or with several (duplicated), a job listed in two
//! states, a job left queued or running, an ending without a reason, a succeeded job whose
//! output is not exactly what its node's Ollama streamed for it, a client that saw another end
//! or was not shown every token once and in order. It also counts, from Ollama's
//! side, how many generations each job caused. Pure: the scenario gathers the inputs, the unit
//! tests (`history_check/tests.rs`) feed it hand-made histories that must fail.

mod endings;
mod report;
mod requests;

use std::collections::BTreeMap;

use proto::v1::Job;

use crate::fake_ollama::PromptGenerations;
use endings::check_ending;
pub use report::HistoryReport;
use requests::check_request;

/// One client request, as the client saw it.
#[derive(Clone, Debug)]
pub struct Request {
    pub idempotency_key: String,
    pub prompt: String,
    pub answer: Answer,
    /// The end the client saw; `None` when it never saw one.
    pub seen_end: Option<SeenEnd>,
}

/// A job's end as its client saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeenEnd {
    pub state: i32,
    /// What the client was shown of the output by the end: for a success, the whole answer.
    pub shown: String,
}

/// What the coordinator finally told the client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// The job the request made (or, replayed by its key, the one an earlier try made); for a
    /// rejection, the rejected job's recorded id.
    Job(String),
    /// Refused without a recorded job: the code and message.
    Refused(String),
    /// No answer within the client's patience.
    Unanswered,
}

/// What each node's stand-in Ollama generated, by node then prompt.
pub type Generated = BTreeMap<String, BTreeMap<String, PromptGenerations>>;

/// Checks `history` against `requests` and `generated`.
pub fn check_history(
    requests: &[Request],
    history: &[Job],
    generated: &Generated,
) -> HistoryReport {
    let mut report = HistoryReport {
        requests: requests.len(),
        ..HistoryReport::default()
    };
    let jobs = distinct_jobs(history, &mut report);
    report.jobs = jobs.len();
    let mut by_key: BTreeMap<&str, Vec<&Job>> = BTreeMap::new();
    for job in jobs.values() {
        by_key.entry(key_of(job)).or_default().push(job);
    }
    for request in requests {
        let made = by_key
            .remove(request.idempotency_key.as_str())
            .unwrap_or_default();
        check_request(request, &made, &mut report);
    }
    for (key, strays) in by_key {
        for job in strays {
            report.problems.push(format!(
                "job {} (key {key:?}) answers no request the clients made",
                job.id
            ));
        }
    }
    for job in jobs.values() {
        check_ending(job, generated, &mut report);
    }
    report
}

/// The history by id; an id listed more than once is a problem (in two states, or twice).
fn distinct_jobs<'a>(history: &'a [Job], report: &mut HistoryReport) -> BTreeMap<&'a str, &'a Job> {
    let mut jobs: BTreeMap<&str, &Job> = BTreeMap::new();
    for job in history {
        match jobs.get(job.id.as_str()) {
            None => {
                jobs.insert(&job.id, job);
            }
            Some(first) => {
                report.listed_twice += 1;
                let (was, is) = (state_word(first), state_word(job));
                report.problems.push(if was == is {
                    format!("job {} is listed twice ({was})", job.id)
                } else {
                    format!("job {} is in two states: {was} and {is}", job.id)
                });
            }
        }
    }
    jobs
}

pub(crate) fn key_of(job: &Job) -> &str {
    job.spec
        .as_ref()
        .map_or("", |spec| spec.idempotency_key.as_str())
}

pub(crate) fn prompt_of(job: &Job) -> &str {
    job.spec.as_ref().map_or("", |spec| spec.prompt.as_str())
}

pub(crate) fn state_word(job: &Job) -> &'static str {
    client::words::job_state(job.state)
}

#[cfg(test)]
mod tests;
