//! A search step (no model): `MemoryService.SearchMemory` for one sub-question. Memory that is
//! not configured (FAILED_PRECONDITION) skips the step with memory's own words; any other
//! error fails the step; either way the run goes on, with the passages it has.

#[cfg(test)]
mod tests;

use proto::v1::{MemoryHit, SearchMemoryRequest};
use tonic::{Code, Status};

use crate::context::{RunContext, StepFailure};
use crate::run_record::{RunRecord, StepState};

/// Passages asked for per sub-question.
const HITS_PER_SEARCH: u32 = 4;

/// The passages memory holds for `query` (none when the step was skipped or failed).
pub(super) async fn search_step(
    context: &RunContext,
    record: &mut RunRecord,
    name: &str,
    query: &str,
) -> Result<Vec<MemoryHit>, StepFailure> {
    let index = record.begin_step(name);
    let request = SearchMemoryRequest {
        query: query.to_owned(),
        limit: HITS_PER_SEARCH,
        ..SearchMemoryRequest::default()
    };
    let mut memory = context.deps.coordinator.memory();
    let answered = tokio::select! {
        biased;
        () = context.cancel.cancelled() => {
            record.end_step(index, StepState::Cancelled, "", "cancelled");
            return Err(StepFailure::cancelled(name));
        }
        answered = memory.search_memory(request) => answered,
    };
    match answered {
        Ok(response) => {
            let response = response.into_inner();
            let output = found_text(&response.hits, &response.warnings);
            record.end_step(index, StepState::Succeeded, &output, "");
            Ok(response.hits)
        }
        Err(status) => {
            let (state, reason) = unanswered(&status);
            tracing::warn!(step = name, %reason, "research search did not answer");
            record.end_step(index, state, "", &reason);
            Ok(Vec::new())
        }
    }
}

/// How a search that did not answer ends its step.
fn unanswered(status: &Status) -> (StepState, String) {
    if status.code() == Code::FailedPrecondition {
        (StepState::Skipped, status.message().to_owned())
    } else {
        let reason = format!("memory search failed: {}", status.message());
        (StepState::Failed, reason)
    }
}

/// The step's output: one line per passage found ("Homelab/Restic.md, lines 3–9"), then
/// memory's warnings.
fn found_text(hits: &[MemoryHit], warnings: &[String]) -> String {
    let mut lines: Vec<String> = hits
        .iter()
        .map(|hit| format!("{}, lines {}–{}", hit.note, hit.line_start, hit.line_end))
        .collect();
    if lines.is_empty() {
        lines.push("no passages found".to_owned());
    }
    lines.extend(warnings.iter().map(|warning| format!("warning: {warning}")));
    lines.join("\n")
}
