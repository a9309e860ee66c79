//! The stand-in's prompt cache, for `prompt_eval_cached_count` ("How many prompt tokens were read
//! from the cache", docs.ollama.com/api/usage; newer Ollama builds). Ollama's runner keeps the
//! last evaluated sequence of a loaded model and reuses its longest common prefix with the next
//! prompt, and it always evaluates at least the prompt's last token again (it needs that token's
//! logits), so a prompt sent twice reports all but one token as cached. The stand-in does the same
//! per model name, over its own tokens (the words of each message, see `answer.rs`). Ollama leaves
//! the field out when it is 0 (Go `omitempty`), and so does the stand-in.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use super::answer::prompt_words;

/// The last evaluated prompt tokens, by the model name as the client sent it.
#[derive(Default)]
pub(crate) struct PromptCache {
    last_sequence: Mutex<HashMap<String, Vec<String>>>,
}

/// A text's tokens as the stand-in counts them: its words, or one token for a text without any
/// (as `prompt_token_count` counts it).
pub(crate) fn prompt_sequence<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut sequence = Vec::new();
    for text in texts {
        let words = prompt_words(text);
        if words.is_empty() {
            sequence.push(String::new());
        } else {
            sequence.extend(words);
        }
    }
    sequence
}

impl PromptCache {
    /// Evaluates `sequence` for `model`: returns how many of its tokens were read from the cache,
    /// and keeps it as the model's cached sequence.
    pub fn evaluate(&self, model: &str, sequence: Vec<String>) -> usize {
        let mut cache = self
            .last_sequence
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let common = cache.get(model).map_or(0, |previous| {
            let pairs = previous.iter().zip(&sequence);
            pairs.take_while(|(old, new)| old == new).count()
        });
        let cached = common.min(sequence.len().saturating_sub(1));
        cache.insert(model.to_string(), sequence);
        cached
    }
}
