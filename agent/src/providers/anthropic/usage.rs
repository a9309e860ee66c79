//! Anthropic's token counts (`research/providers.md` §4.3, §5; anthropic-sdk-python
//! `types/usage.py`, `types/message_delta_usage.py`, `lib/streaming/_messages.py`):
//! `input_tokens` excludes the cache, so the input reported is input + cache creation + cache
//! read; `message_start`'s `output_tokens` is a placeholder, and `message_delta`'s is the
//! cumulative count, replacing the one before.

use proto::v1::TokenUsage;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub(super) struct Usage {
    pub input_tokens: Option<u64>,
    pub cache_creation_input_tokens: Option<u64>,
    pub cache_read_input_tokens: Option<u64>,
    pub output_tokens: Option<u64>,
}

/// The usage as Anthropic reports it, each part kept apart until the answer ends.
#[derive(Debug, Default)]
pub(super) struct UsageSoFar {
    input: Option<u64>,
    cache_creation: Option<u64>,
    cache_read: Option<u64>,
    /// Only from `message_delta`: `message_start`'s count is a placeholder.
    output: Option<u64>,
}

impl UsageSoFar {
    /// `message_start` (or input fields a `message_delta` repeats) overwrite what was read.
    pub fn overwrite_input(&mut self, usage: &Usage) {
        self.input = usage.input_tokens.or(self.input);
        self.cache_creation = usage.cache_creation_input_tokens.or(self.cache_creation);
        self.cache_read = usage.cache_read_input_tokens.or(self.cache_read);
    }

    /// A `message_delta`: its cumulative output count replaces the one before.
    pub fn apply_delta(&mut self, usage: &Usage) {
        self.overwrite_input(usage);
        self.output = usage.output_tokens.or(self.output);
    }

    /// Input includes what came from or went into the cache.
    pub fn token_usage(&self) -> TokenUsage {
        let parts = [self.input, self.cache_creation, self.cache_read];
        let input = parts
            .iter()
            .flatten()
            .copied()
            .reduce(|sum, part| sum + part);
        TokenUsage {
            input_tokens: input,
            output_tokens: self.output,
            cached_input_tokens: self.cache_read,
            reasoning_tokens: None,
        }
    }
}
