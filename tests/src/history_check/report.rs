//! What the checker found: the figures a scenario prints, and every broken promise in words.

use std::collections::BTreeMap;

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
