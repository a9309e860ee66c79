//! The stand-in's own book of what it generated, per prompt: how many generations a prompt
//! started (one per chat or generate request that reached the model), and the exact text of
//! each one it streamed to its end. A test holding a job's prompt can then prove from Ollama's
//! side how many times the job ran and that the job's output is what Ollama sent, no token
//! lost or doubled on the way. Distinct texts only, so a benchmark repeating one prompt does not
//! grow the book.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, PoisonError};

/// What the stand-in generated for one prompt.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PromptGenerations {
    /// Generations started for the prompt, ended or not.
    pub started: usize,
    /// Generations that streamed their last token and final chunk.
    pub finished: usize,
    /// The distinct texts of the finished ones, exactly as their tokens went on the wire.
    pub finished_texts: BTreeSet<String>,
}

#[derive(Default)]
pub(crate) struct GenerationBook {
    by_prompt: Mutex<BTreeMap<String, PromptGenerations>>,
}

impl GenerationBook {
    pub fn started(&self, prompt: &str) {
        self.update(prompt, |entry| entry.started += 1);
    }

    pub fn finished(&self, prompt: &str, text: &str) {
        self.update(prompt, |entry| {
            entry.finished += 1;
            if !entry.finished_texts.contains(text) {
                entry.finished_texts.insert(text.to_owned());
            }
        });
    }

    pub fn snapshot(&self) -> BTreeMap<String, PromptGenerations> {
        self.by_prompt
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn update(&self, prompt: &str, change: impl FnOnce(&mut PromptGenerations)) {
        let mut book = self
            .by_prompt
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match book.get_mut(prompt) {
            Some(entry) => change(entry),
            None => change(book.entry(prompt.to_owned()).or_default()),
        }
    }
}
