//! What can go wrong talking to Ollama, worded for the operator and for the job's caller.

use std::time::Duration;

use crate::error_chain::innermost_cause;

#[derive(Debug, thiserror::Error)]
pub enum OllamaError {
    #[error("cannot build the HTTP client for ollama: {reason}")]
    ClientSetup { reason: String },
    #[error(
        "ollama at {url} did not answer within {timeout:?}; check that it runs and is not wedged"
    )]
    Timeout { url: String, timeout: Duration },
    #[error(
        "ollama at {url} is unreachable ({reason}); check that ollama runs and ollama_url is right"
    )]
    Unreachable { url: String, reason: String },
    /// A non-2xx answer, with the `error` text of its body.
    #[error("ollama answered {status}: {message}")]
    Status { status: u16, message: String },
    /// A `{"error": "..."}` line in the middle of a stream: Ollama's own words, unchanged.
    #[error("{message}")]
    Reported { message: String },
    #[error("ollama's answer from {url} could not be read ({reason}); check the ollama version")]
    Malformed { url: String, reason: String },
    #[error("ollama closed the stream before its final chunk; check ollama's log for a crash")]
    Truncated,
    #[error("the job cannot be sent to ollama: {reason}")]
    BadSpec { reason: String },
}

impl OllamaError {
    /// Classifies a transport error of a request to `url`.
    pub(crate) fn from_transport(
        url: &str,
        timeout: Option<Duration>,
        error: &reqwest::Error,
    ) -> Self {
        match timeout {
            Some(timeout) if error.is_timeout() => Self::Timeout {
                url: url.to_owned(),
                timeout,
            },
            _ if error.is_decode() => Self::Malformed {
                url: url.to_owned(),
                reason: innermost_cause(error),
            },
            _ => Self::Unreachable {
                url: url.to_owned(),
                reason: innermost_cause(error),
            },
        }
    }
}
