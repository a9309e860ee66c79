//! What a Gemini stream has said so far, one `data:` event at a time: the answer text of each
//! chunk (parts that are not `"thought": true`), the last `usageMetadata` (cumulative, so the
//! newest replaces; never a sum), the last `modelVersion`, the `finishReason` that makes the
//! answer complete, and a `{"error": …}` event after HTTP 200 (the python-genai SDK's
//! mid-stream error, `_api_client.py`). Follows the REST reference's `GenerateContentResponse`
//! (ai.google.dev/api/generate-content) and providers.md §3.2, §3.3 and §5.

use proto::v1::TokenUsage;
use settings::Secret;

use super::wire::{StreamChunk, UsageMetadata};
use super::{Completion, ProviderError, ProviderErrorKind, errors, usage};

#[derive(Default)]
pub(super) struct Progress {
    last_usage: Option<UsageMetadata>,
    model_version: String,
    finish_reason: Option<String>,
    block_reason: Option<String>,
}

impl Progress {
    /// Reads one event's data: its answer text, or the error it reports or is.
    pub(super) fn take_event(
        &mut self,
        data: &str,
        api_key: &Secret,
    ) -> Result<String, ProviderError> {
        let chunk: StreamChunk = serde_json::from_str(data).map_err(|error| {
            let message = format!("a chunk of gemini's stream could not be read: {error}");
            self.failure(ProviderErrorKind::Malformed, &message)
        })?;
        if let Some(error) = &chunk.error {
            return Err(errors::from_stream(error, api_key, self.partial_usage()));
        }
        Ok(self.take_chunk(chunk))
    }

    /// Whether a chunk said why the answer stopped: the answer is whole.
    pub(super) fn is_finished(&self) -> bool {
        self.finish_reason.is_some()
    }

    /// The usage known so far, for an error (`None` when no chunk reported any).
    pub(super) fn partial_usage(&self) -> Option<TokenUsage> {
        self.last_usage.as_ref().map(|_| self.usage())
    }

    /// The body has ended: complete if a chunk said why the answer stopped.
    pub(super) fn finish(self) -> Result<Completion, ProviderError> {
        let Some(stop_reason) = self.finish_reason.clone() else {
            if let Some(block_reason) = &self.block_reason {
                let message = format!("gemini blocked the prompt ({block_reason})");
                return Err(self.failure(ProviderErrorKind::BadRequest, &message));
            }
            let message = "gemini's stream ended before a chunk with a finishReason; the answer \
                           may be cut short";
            return Err(self.failure(ProviderErrorKind::Interrupted, message));
        };
        Ok(Completion {
            usage: self.usage(),
            model: self.model_version,
            stop_reason,
            embeddings: Vec::new(),
        })
    }

    fn take_chunk(&mut self, chunk: StreamChunk) -> String {
        if let Some(metadata) = chunk.usage_metadata {
            self.last_usage = Some(metadata);
        }
        if let Some(version) = chunk.model_version.filter(|version| !version.is_empty()) {
            self.model_version = version;
        }
        if let Some(reason) = chunk
            .prompt_feedback
            .and_then(|feedback| feedback.block_reason)
        {
            self.block_reason = Some(reason);
        }
        let Some(candidate) = chunk.candidates.into_iter().next() else {
            return String::new();
        };
        if let Some(reason) = candidate.finish_reason.filter(|reason| !reason.is_empty()) {
            self.finish_reason = Some(reason);
        }
        let parts = candidate
            .content
            .map(|content| content.parts)
            .unwrap_or_default();
        parts
            .into_iter()
            .filter(|part| !part.thought)
            .filter_map(|part| part.text)
            .collect()
    }

    fn usage(&self) -> TokenUsage {
        usage::token_usage(self.last_usage.as_ref())
    }

    fn failure(&self, kind: ProviderErrorKind, message: &str) -> ProviderError {
        let mut error = errors::local(kind, message);
        error.partial_usage = self.partial_usage();
        error
    }
}
