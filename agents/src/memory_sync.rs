//! The memory agent: one step, `sync` (no model): `MemoryService.SyncMemory`, its stream read
//! to the last message, whose report becomes the step's output in words. Memory that is not
//! configured fails the run with memory's own message, which says how to turn it on.

#[cfg(test)]
mod tests;

use std::fmt::Write as _;

use proto::v1::{SyncMemoryRequest, SyncReport};

use crate::context::{RunContext, StepFailure};
use crate::run_record::{RunRecord, StepState};

const STEP: &str = "sync";

pub(crate) async fn run_memory_sync(
    context: &RunContext,
    record: &mut RunRecord,
) -> Result<(), StepFailure> {
    let index = record.begin_step(STEP);
    let synced = tokio::select! {
        biased;
        () = context.cancel.cancelled() => {
            // The coordinator runs a sync to its end even when its caller goes away.
            record.end_step(index, StepState::Cancelled, "", "cancelled; the sync itself runs to its end");
            return Err(StepFailure::cancelled(STEP));
        }
        synced = sync(context) => synced,
    };
    match synced {
        Ok(report) => {
            let words = report_words(&report);
            record.end_step(index, StepState::Succeeded, &words, "");
            record.set_output(&words);
            Ok(())
        }
        Err(reason) => {
            record.end_step(index, StepState::Failed, "", &reason);
            Err(StepFailure::failed(STEP, reason))
        }
    }
}

/// The sync's report, from the stream's last message.
async fn sync(context: &RunContext) -> Result<SyncReport, String> {
    let mut memory = context.deps.coordinator.memory();
    let mut stream = memory
        .sync_memory(SyncMemoryRequest { rebuild: false })
        .await
        .map_err(|status| status.message().to_owned())?
        .into_inner();
    let mut report = None;
    while let Some(progress) = stream
        .message()
        .await
        .map_err(|status| format!("the sync broke off: {}", status.message()))?
    {
        if progress.report.is_some() {
            report = progress.report;
        }
    }
    report.ok_or_else(|| "the sync ended without its report".to_owned())
}

/// "116 notes read: 3 added, 1 changed, 112 unchanged, 0 deleted; 40 passages embedded, 0
/// pending", then what is pending and why, and what was skipped.
fn report_words(report: &SyncReport) -> String {
    let mut words = format!(
        "{} notes read: {} added, {} changed, {} unchanged, {} deleted; {} passages embedded, {} pending",
        report.notes,
        report.added,
        report.changed,
        report.unchanged,
        report.deleted,
        report.chunks_embedded,
        report.chunks_pending
    );
    if report.chunks_pending > 0 {
        let _ = write!(words, " ({})", report.pending_reason);
        if !report.pending_notes.is_empty() {
            let _ = write!(
                words,
                "\npending notes: {}",
                report.pending_notes.join(", ")
            );
        }
    }
    for skipped in &report.skipped {
        let _ = write!(words, "\nskipped {}: {}", skipped.path, skipped.reason);
    }
    for warning in &report.warnings {
        let _ = write!(words, "\nwarning: {warning}");
    }
    words
}
