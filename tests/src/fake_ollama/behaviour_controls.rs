//! The stand-in's behaviour knobs (wedged, slow, short, failing, busy) and what it observed
//! (requests per path, generate's system messages, running and abandoned generations), as methods on [`FakeOllama`].

use std::time::Duration;

use super::FakeOllama;

impl FakeOllama {
    /// While true, requests are accepted and then never answered, like a wedged Ollama; when
    /// set back to false the held requests carry on.
    pub fn hang(&self, hang: bool) {
        self.state.set_hang(hang);
    }

    /// Think time between streamed tokens; applies to running streams from their next token.
    pub fn set_token_delay(&self, delay: Duration) {
        self.state
            .update_behaviour(|behaviour| behaviour.token_delay = delay);
    }

    /// Time before the first token (loading and prompt evaluation).
    pub fn set_first_token_delay(&self, delay: Duration) {
        self.state
            .update_behaviour(|behaviour| behaviour.first_token_delay = delay);
    }

    /// How many tokens each new answer has (default: [`super::DEFAULT_ANSWER_TOKENS`]).
    pub fn set_answer_tokens(&self, tokens: usize) {
        self.state
            .update_behaviour(|behaviour| behaviour.answer_tokens = tokens);
    }

    /// `Some((n, message))`: new generations send `n` tokens, then `{"error": message}` and
    /// end (with `n == 0`, or with `"stream": false`, a 500 with that body instead).
    pub fn fail_mid_stream_after(&self, failure: Option<(usize, String)>) {
        self.state
            .update_behaviour(|behaviour| behaviour.fail_mid_stream_after = failure);
    }

    /// While true, chat, generate and embed requests get Ollama's 503 "server busy".
    pub fn set_queue_full(&self, queue_full: bool) {
        self.state
            .update_behaviour(|behaviour| behaviour.queue_full = queue_full);
    }

    /// While true, `/api/embed` (and `/v1/embeddings`) answer every embedding model with real
    /// sentence embeddings (paraphrase-MiniLM-L3-v2, [`super::SEMANTIC_EMBEDDING_DIMENSIONS`]
    /// values, inputs cut at [`super::SEMANTIC_CONTEXT_TOKENS`] tokens) instead of the default
    /// hash vectors of [`super::expected_embedding`], so similar texts get similar vectors.
    pub fn set_semantic_embeddings(&self, semantic: bool) {
        self.state
            .update_behaviour(|behaviour| behaviour.semantic_embeddings = semantic);
    }

    /// How many requests arrived for `path` (e.g. `/api/chat`), answered or not.
    pub fn requests(&self, path: &str) -> usize {
        self.state.request_count(path)
    }

    /// The `system` field of every `/api/generate` request that set one, oldest first: proof
    /// a job's system message reached Ollama.
    pub fn generate_systems(&self) -> Vec<String> {
        self.state.generate_systems()
    }

    /// The `options` object of every `/api/chat` and `/api/generate` request that sent one,
    /// oldest first: proof a job's options (`stop`, `top_p`, ...) reached Ollama as Ollama
    /// names them.
    pub fn generation_options(&self) -> Vec<serde_json::Value> {
        self.state.generation_options()
    }

    /// Chat and generate generations in progress, streamed or not.
    pub fn active_streams(&self) -> usize {
        self.state.stream_counts().0
    }

    /// Generations whose client went away before the end: proof a cancel reached Ollama.
    pub fn aborted_streams(&self) -> usize {
        self.state.stream_counts().1
    }
}
