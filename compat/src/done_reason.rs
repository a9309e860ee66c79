//! Why a job's answer ended, the one way both dialects tell it.

#[cfg(test)]
mod tests;

use proto::v1::Job;

/// The job's `done_reason` as its node reported it (Ollama's own, or a provider's in Ollama's
/// words); else `stop` (the job ended by itself).
pub fn done_reason(job: &Job) -> &str {
    let from_stats = || {
        job.timings
            .as_ref()
            .and_then(|timings| timings.ollama.as_ref())
            .map(|ollama| ollama.done_reason.as_str())
    };
    Some(job.done_reason.as_str())
        .filter(|reason| !reason.is_empty())
        .or_else(|| from_stats().filter(|reason| !reason.is_empty()))
        .unwrap_or("stop")
}
