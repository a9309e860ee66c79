//! What `runner submit` says once its job has ended: the one-line summary on stderr, the
//! embedding shape or the JSON on stdout, and the exit code for the job's final state.

use proto::v1::{Embedding, Job, JobKind, JobState};

use crate::cli::Terminal;
use crate::cli::exit_code::{ClientError, ClientExit};
use crate::cli::json::write_json;
use crate::cli::rejection::violation_line;
use crate::cli::render::{format_millis, job_state_name, or_dash};

pub fn report_finished_job(
    job: &Job,
    json: bool,
    terminal: &mut Terminal<'_>,
) -> Result<ClientExit, ClientError> {
    if json {
        write_json(terminal.out, job)?;
    }
    let is_embed = job
        .spec
        .as_ref()
        .is_some_and(|spec| spec.kind == JobKind::Embed as i32);
    let exit = match JobState::try_from(job.state) {
        Ok(JobState::Succeeded) => {
            if !json {
                if is_embed {
                    writeln!(terminal.out, "{}", embedding_summary(&job.embeddings))?;
                }
                writeln!(terminal.err, "{}", success_summary(job))?;
            }
            // Said even with --json: a provider that answered with another model is news.
            for warning in &job.warnings {
                writeln!(terminal.err, "warning: {warning}")?;
            }
            ClientExit::Success
        }
        Ok(JobState::Failed) => {
            let node = if job.node.is_empty() {
                String::new()
            } else {
                format!(" on {}", job.node)
            };
            writeln!(
                terminal.err,
                "job {} failed{node}: {}",
                job.id,
                or_dash(&job.reason)
            )?;
            ClientExit::FailedOrNotFound
        }
        Ok(JobState::Cancelled) => {
            writeln!(
                terminal.err,
                "job {} was cancelled: {}",
                job.id,
                // The reason often repeats the state ("cancelled: by request").
                or_dash(
                    job.reason
                        .strip_prefix("cancelled: ")
                        .unwrap_or(&job.reason)
                )
            )?;
            ClientExit::FailedOrNotFound
        }
        Ok(JobState::Rejected) => {
            writeln!(
                terminal.err,
                "job {} was rejected: {}",
                job.id,
                or_dash(&job.reason)
            )?;
            for rejection in &job.rejections {
                writeln!(
                    terminal.err,
                    "  {}",
                    violation_line(&rejection.node, &rejection.reason)
                )?;
            }
            ClientExit::Rejected
        }
        _ => {
            let state = job_state_name(job.state);
            return Err(ClientError::BadAnswer(format!(
                "job {} ended in state {state}",
                job.id
            )));
        }
    };
    terminal.out.flush()?;
    Ok(exit)
}

/// `job 01J… served by davas (gemma4:27b) in 1.23 s, ttft 85 ms, 42 tokens`
pub fn success_summary(job: &Job) -> String {
    let mut summary = format!("job {} served by {}", job.id, or_dash(&job.node));
    if !job.served_model.is_empty() {
        summary.push_str(&format!(" ({})", job.served_model));
    }
    let timings = job.timings.as_ref();
    if let Some(total_ms) = timings.and_then(|timings| timings.total_ms) {
        summary.push_str(&format!(" in {}", format_millis(total_ms)));
    }
    if let Some(ttft_ms) = timings.and_then(|timings| timings.time_to_first_token_ms) {
        summary.push_str(&format!(", ttft {}", format_millis(ttft_ms)));
    }
    // A provider's count when it gave one, else Ollama's.
    let generated_tokens = job
        .usage
        .and_then(|usage| usage.output_tokens)
        .or_else(|| {
            timings
                .and_then(|timings| timings.ollama.as_ref())
                .map(|ollama| ollama.eval_count)
        })
        .unwrap_or(0);
    if generated_tokens > 0 {
        summary.push_str(&format!(", {generated_tokens} tokens"));
    }
    if job.attempt > 1 {
        summary.push_str(&format!(", attempt {}", job.attempt));
    }
    summary
}

/// `2 vectors of 768 dimensions`; mixed sizes (which Ollama should never send) are listed.
pub fn embedding_summary(embeddings: &[Embedding]) -> String {
    let count = embeddings.len();
    let vectors = if count == 1 { "vector" } else { "vectors" };
    let mut dimensions: Vec<usize> = embeddings
        .iter()
        .map(|embedding| embedding.values.len())
        .collect();
    dimensions.sort_unstable();
    dimensions.dedup();
    match dimensions.as_slice() {
        [] => format!("{count} {vectors}"),
        [only] => format!("{count} {vectors} of {only} dimensions"),
        several => {
            let listed: Vec<String> = several.iter().map(usize::to_string).collect();
            format!("{count} {vectors} of {} dimensions", listed.join(", "))
        }
    }
}

#[cfg(test)]
mod tests;
