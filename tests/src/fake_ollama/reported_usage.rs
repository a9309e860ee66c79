//! The stand-ins' own books of the usage they REPORTED: every answer keeps the last usage it put
//! on the wire (a stream's later usage replaces its earlier one, as the vendors' counts are
//! cumulative), and the totals per model are the sums over answers. Tests compare these with
//! what our ledger recorded, so the counting here never looks at a client of ours.

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

/// Tokens a stand-in reported, summed over its answers for one model. A count the vendor does
/// not report (Ollama has no reasoning tokens, Groq no cached ones unless it says so) adds 0.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReportedUsage {
    /// Answers that put any usage on the wire.
    pub answers: u64,
    pub input_tokens: u64,
    pub output_tokens: u64,
    /// Included in `input_tokens`.
    pub cached_input_tokens: u64,
    /// Included in `output_tokens`.
    pub reasoning_tokens: u64,
}

impl ReportedUsage {
    /// One answer's usage (counts as one answer).
    pub fn of_answer(input: u64, output: u64, cached: u64, reasoning: u64) -> Self {
        Self {
            answers: 1,
            input_tokens: input,
            output_tokens: output,
            cached_input_tokens: cached,
            reasoning_tokens: reasoning,
        }
    }

    fn add(&mut self, other: &Self) {
        self.answers += other.answers;
        self.input_tokens += other.input_tokens;
        self.output_tokens += other.output_tokens;
        self.cached_input_tokens += other.cached_input_tokens;
        self.reasoning_tokens += other.reasoning_tokens;
    }
}

/// One answer's place in the book, from [`UsageBook::open`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct AnswerSlot(usize);

/// Every answer's last reported usage, by model.
#[derive(Default)]
pub(crate) struct UsageBook {
    answers: Mutex<Vec<(String, Option<ReportedUsage>)>>,
}

impl UsageBook {
    /// A new answer for `model` that has reported nothing yet.
    pub fn open(&self, model: &str) -> AnswerSlot {
        let mut answers = self.answers.lock().unwrap_or_else(PoisonError::into_inner);
        answers.push((model.to_string(), None));
        AnswerSlot(answers.len() - 1)
    }

    /// The answer put `usage` on the wire; it replaces what the answer reported before.
    pub fn report(&self, slot: AnswerSlot, usage: ReportedUsage) {
        let mut answers = self.answers.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, reported)) = answers.get_mut(slot.0) {
            *reported = Some(usage);
        }
    }

    /// An answer that reports its usage once, whole.
    pub fn report_whole(&self, model: &str, usage: ReportedUsage) {
        let slot = self.open(model);
        self.report(slot, usage);
    }

    /// The sums per model over every answer that reported usage.
    pub fn totals(&self) -> BTreeMap<String, ReportedUsage> {
        let answers = self.answers.lock().unwrap_or_else(PoisonError::into_inner);
        let mut totals: BTreeMap<String, ReportedUsage> = BTreeMap::new();
        for (model, reported) in answers.iter() {
            if let Some(usage) = reported {
                totals.entry(model.clone()).or_default().add(usage);
            }
        }
        totals
    }
}
