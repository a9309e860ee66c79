//! A rejection in one line of words, for clients that record it rather than print it (the
//! vault worker's result note, memory's sync report): the status' headline, then each node's
//! reason from the `PreconditionFailure` details, once each, without doubling a node's name.

use tonic::Status;
use tonic_types::StatusExt;

/// "no node can run gemma4:27b: davas: no heartbeat for 41 s; homelab: model not installed",
/// or just the message for a status without rejection details.
pub fn rejection_text(status: &Status) -> String {
    let reasons = node_reasons(status);
    if reasons.is_empty() {
        status.message().to_owned()
    } else {
        format!("{}: {}", status.message(), reasons.join("; "))
    }
}

/// The id under which the coordinator recorded a rejected job (the status' `ErrorInfo`
/// metadata `job_id`), when it says.
pub fn rejected_job_id(status: &Status) -> Option<String> {
    let info = status.get_details_error_info()?;
    info.metadata
        .get("job_id")
        .filter(|id| !id.is_empty())
        .cloned()
}

/// Each node's reason ("davas: no heartbeat for 41 s"), once each, in the details' order;
/// empty for a status without rejection details.
pub fn node_reasons(status: &Status) -> Vec<String> {
    let mut reasons: Vec<String> = Vec::new();
    let Some(failure) = status.get_details_precondition_failure() else {
        return reasons;
    };
    for violation in &failure.violations {
        let named = violation.subject.is_empty()
            || violation
                .description
                .starts_with(&format!("{}: ", violation.subject));
        let line = if named {
            violation.description.clone()
        } else {
            format!("{}: {}", violation.subject, violation.description)
        };
        if !reasons.contains(&line) {
            reasons.push(line);
        }
    }
    reasons
}

#[cfg(test)]
mod tests;
