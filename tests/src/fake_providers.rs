//! Stand-in cloud providers for tests and benchmarks: Groq, Gemini and Anthropic as HTTP servers
//! on 127.0.0.1 that speak each vendor's documented API with its own paths, auth answers, stream
//! framing, usage placement, error bodies and rate-limit headers, and that a test can steer
//! (rotate the key, lose a model, go slow, rate-limit, fail mid-stream) while requests run.
//!
//! Written from the vendors' documents and recorded traffic as collected in
//! `/work/shared/research/providers.md` (each vendor's module names its own sources), never from a
//! client of ours.
//!
//! Answers are the stand-in Ollama's: the answer to a chat is [`expected_answer`] of the LAST user
//! message's text, [`DEFAULT_ANSWER_TOKENS`] tokens long unless a test says otherwise (or the
//! request's own output cap is lower). Input tokens are [`expected_input_tokens`] of every text
//! the request carries (system prompt included), output tokens are the answer's tokens, so a test
//! can compute every usage number it should read. A request's stop sequences (Groq `stop`, Gemini
//! `generationConfig.stopSequences`, Anthropic `stop_sequences`) end the answer just before the
//! first one found, which the text does not contain, and the ending says so in the vendor's words
//! (`finish_reason: "stop"`, `finishReason: "STOP"`, `stop_reason: "stop_sequence"` with
//! `stop_sequence` set), as OpenAI's chat completions reference, Google's `GenerationConfig` and
//! Anthropic's Messages reference document; output tokens count the tokens streamed.

mod anthropic;
mod controls;
mod gemini;
mod generation;
mod groq;
mod server;
mod state;

#[cfg(test)]
mod tests;

pub use anthropic::FakeAnthropic;
pub use controls::Controls;
pub use gemini::{FakeGemini, GEMINI_EMBEDDING_DIMENSIONS, GEMINI_THOUGHTS_TOKENS};
pub use groq::FakeGroq;
pub use state::RecordedRequest;

pub use crate::fake_ollama::{
    DEFAULT_ANSWER_TOKENS, ReportedUsage, answer_token, expected_answer, expected_embedding,
    prompt_token_count,
};

/// The input tokens a stand-in provider reports for a request whose texts (system prompt and
/// every message, in order) are `texts`: the stand-in Ollama's prompt count of them all joined.
pub fn expected_input_tokens(texts: &[&str]) -> usize {
    prompt_token_count(&texts.join(" "))
}
