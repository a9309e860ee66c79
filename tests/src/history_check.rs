//! The crash-and-load checker: holds a whole job history (every page of `ListJobs`) against
//! what the clients asked for and what the stand-in Ollamas generated, and names every broken
//! promise: a request with no job (lost) or with several (duplicated), a job listed in two
//! states, a job left queued or running, an ending without a reason, a succeeded job whose
//! output is not exactly what its node's Ollama streamed for it. It also counts, from Ollama's
//! side, how many generations each job caused. Pure: the scenario gathers the inputs, the unit
//! tests (`history_check/tests.rs`) feed it hand-made histories that must fail.

use std::collections::BTreeMap;

use proto::v1::{Job, JobState};

use crate::fake_ollama::PromptGenerations;

/// One client request, as the client saw it.
#[derive(Clone, Debug)]
pub struct Request {
    pub idempotency_key: String,
    pub prompt: String,
    pub answer: Answer,
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

/// What the checker found. [`HistoryReport::problems`] empty means every promise held.
#[derive(Clone, Debug, Default)]
pub struct HistoryReport {
    pub requests: usize,
    /// Distinct job ids in the history.
    pub jobs: usize,
    pub succeeded: usize,
    /// Jobs that did not succeed, by "state cause" (`failed node_lost`, `rejected rejected`).
    pub ended_otherwise: BTreeMap<String, usize>,
    /// The first reason seen for each of `ended_otherwise`'s keys, to show what they say.
    pub example_reasons: BTreeMap<String, String>,
    /// Requests with no job, and jobs never ended.
    pub lost: usize,
    /// Requests with more than one job.
    pub duplicated: usize,
    /// Job ids the history lists more than once, in different states or not.
    pub listed_twice: usize,
    /// How many jobs caused N generations at the stand-ins, by N.
    pub jobs_by_generations: BTreeMap<usize, usize>,
    /// Jobs that caused more generations than `1 + retries`.
    pub generations_beyond_retries: usize,
    /// Every broken promise, in words.
    pub problems: Vec<String>,
}

impl HistoryReport {
    /// One line per figure, for the scenario's output and the closing note.
    pub fn figures(&self) -> String {
        format!(
            "requests {}, jobs {}, succeeded {}, ended otherwise {:?}, lost {}, duplicated {}, \
             listed twice {}, jobs by generations caused {:?}, beyond their retries {}",
            self.requests,
            self.jobs,
            self.succeeded,
            self.ended_otherwise,
            self.lost,
            self.duplicated,
            self.listed_twice,
            self.jobs_by_generations,
            self.generations_beyond_retries
        )
    }
}

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

fn check_request(request: &Request, made: &[&Job], report: &mut HistoryReport) {
    let key = &request.idempotency_key;
    match made {
        [] => {
            report.lost += 1;
            report.problems.push(format!(
                "request {key} is lost: the history has no job for it"
            ));
        }
        [job] => {
            if let Answer::Job(answered) = &request.answer
                && answered != &job.id
            {
                report.problems.push(format!(
                    "request {key} was answered with job {answered}, but its job is {}",
                    job.id
                ));
            }
            if prompt_of(job) != request.prompt {
                report.problems.push(format!(
                    "job {} for request {key} carries another prompt: {:?}",
                    job.id,
                    prompt_of(job)
                ));
            }
        }
        several => {
            report.duplicated += 1;
            let ids: Vec<&str> = several.iter().map(|job| job.id.as_str()).collect();
            report.problems.push(format!(
                "request {key} is duplicated: jobs {}",
                ids.join(", ")
            ));
        }
    }
    match &request.answer {
        Answer::Job(_) => {}
        Answer::Refused(words) => report
            .problems
            .push(format!("request {key} was refused without a job: {words}")),
        Answer::Unanswered => report
            .problems
            .push(format!("request {key} never got an answer")),
    }
}

/// The job ended exactly once, with a reason when it did not succeed, and a success's output
/// is exactly a text its node's Ollama streamed to the end for its prompt.
fn check_ending(job: &Job, generated: &Generated, report: &mut HistoryReport) {
    let runs: usize = generated
        .values()
        .filter_map(|prompts| prompts.get(prompt_of(job)))
        .map(|generations| generations.started)
        .sum();
    *report.jobs_by_generations.entry(runs).or_default() += 1;
    let retries = job.spec.as_ref().map_or(0, |spec| spec.retries) as usize;
    if runs > 1 + retries {
        report.generations_beyond_retries += 1;
    }
    let state = JobState::try_from(job.state).unwrap_or(JobState::Unspecified);
    match state {
        JobState::Succeeded => {
            report.succeeded += 1;
            let streamed = generated
                .get(&job.node)
                .and_then(|prompts| prompts.get(prompt_of(job)));
            if !streamed.is_some_and(|streamed| streamed.finished_texts.contains(&job.output)) {
                report.problems.push(format!(
                    "job {} succeeded on {} with output {:?}, which its Ollama never streamed \
                     (it streamed {:?})",
                    job.id,
                    job.node,
                    job.output,
                    streamed.map(|streamed| &streamed.finished_texts)
                ));
            }
        }
        JobState::Failed | JobState::Cancelled | JobState::Rejected => {
            let cause = client::words::failure_cause(job.cause);
            let ending = format!("{} {cause}", state_word(job));
            *report.ended_otherwise.entry(ending.clone()).or_default() += 1;
            (report.example_reasons)
                .entry(ending)
                .or_insert_with(|| job.reason.clone());
            if job.reason.trim().is_empty() || cause.is_empty() {
                report.problems.push(format!(
                    "job {} ended {} without saying why (cause {cause:?}, reason {:?})",
                    job.id,
                    state_word(job),
                    job.reason
                ));
            }
        }
        JobState::Queued | JobState::Running | JobState::Unspecified => {
            report.lost += 1;
            report.problems.push(format!(
                "job {} never ended: still {} after everything settled",
                job.id,
                state_word(job)
            ));
        }
    }
}

fn key_of(job: &Job) -> &str {
    job.spec
        .as_ref()
        .map_or("", |spec| spec.idempotency_key.as_str())
}

fn prompt_of(job: &Job) -> &str {
    job.spec.as_ref().map_or("", |spec| spec.prompt.as_str())
}

fn state_word(job: &Job) -> &'static str {
    client::words::job_state(job.state)
}

#[cfg(test)]
mod tests;
