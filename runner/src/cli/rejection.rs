//! How the CLI shows a rejection: the status message is only the headline ("no node can run
//! M", perhaps with a "did you mean"), the recorded job's id comes from the `ErrorInfo`
//! metadata `job_id`, and each node's reason from the `PreconditionFailure`, once each. The
//! message is never parsed for reasons.

use std::io::Write;

use tonic::Status;
use tonic_types::StatusExt;

pub use client::rejected_job_id;

/// `recorded as job ID` and one line per node after the headline; nothing for a status
/// without rejection details.
pub fn write_rejection_details(
    status: &Status,
    err: &mut (dyn Write + Send),
) -> std::io::Result<()> {
    let mut reasons: Vec<String> = Vec::new();
    if let Some(failure) = status.get_details_precondition_failure() {
        for violation in &failure.violations {
            reasons.push(violation_line(&violation.subject, &violation.description));
        }
    }
    write_recorded_and_reasons(rejected_job_id(status).as_deref(), &reasons, err)
}

/// `recorded as job ID` (when there is one) and each node's reason once, indented: how every
/// rejection ends on stderr, a job's or a schedule firing's.
pub fn write_recorded_and_reasons(
    job_id: Option<&str>,
    reasons: &[String],
    err: &mut (dyn Write + Send),
) -> std::io::Result<()> {
    if let Some(id) = job_id {
        writeln!(err, "recorded as job {id}")?;
    }
    let mut written: Vec<&String> = Vec::new();
    for line in reasons {
        if !written.contains(&line) {
            writeln!(err, "  {line}")?;
            written.push(line);
        }
    }
    Ok(())
}

/// `davas: ollama not answering`, without doubling the node when the reason already names it.
pub fn violation_line(node: &str, reason: &str) -> String {
    let prefix = format!("{node}: ");
    if reason.starts_with(&prefix) || node.is_empty() {
        reason.to_owned()
    } else {
        format!("{prefix}{reason}")
    }
}

#[cfg(test)]
mod tests;
