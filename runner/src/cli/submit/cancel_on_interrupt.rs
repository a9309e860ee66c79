//! Ctrl-C or SIGTERM during `runner submit`: the user no longer wants the answer, so the job is
//! cancelled on the coordinator (freeing the node) before the CLI exits with 130 (or 143).

use std::io::Write;
use std::time::Duration;

use proto::v1::CancelJobRequest;
use tonic::Code;

use crate::cli::Interrupt;
use crate::cli::connect::Coordinator;
use crate::cli::exit_code::ClientExit;

/// How long an interrupted CLI waits for the coordinator; a user who pressed Ctrl-C wants out.
pub const CANCEL_PATIENCE: Duration = Duration::from_secs(5);

/// Cancels job `id` and says on `err` whether that worked; always the signal's exit code.
pub async fn cancel_after_interrupt(
    coordinator: &Coordinator,
    id: &str,
    signal: Interrupt,
    err: &mut (dyn Write + Send),
) -> ClientExit {
    let request = CancelJobRequest { id: id.to_owned() };
    let answer =
        tokio::time::timeout(CANCEL_PATIENCE, coordinator.jobs().cancel_job(request)).await;
    let message = match answer {
        Ok(Ok(_)) => format!("interrupted: cancelled job {id}"),
        Ok(Err(status)) if status.code() == Code::FailedPrecondition => {
            format!(
                "interrupted: job {id} had already ended ({})",
                status.message()
            )
        }
        Ok(Err(status)) => {
            format!(
                "interrupted, but cancelling job {id} failed: {}; cancel it with `runner cancel {id}`",
                status.message()
            )
        }
        Err(_) => format!(
            "interrupted, but the coordinator did not confirm cancelling job {id} within {} s; check it with `runner job {id}`",
            CANCEL_PATIENCE.as_secs()
        ),
    };
    // Stderr gone as well: the exit code still says the run was interrupted.
    let _ = writeln!(err, "{message}");
    signal.exit()
}

#[cfg(test)]
mod tests;
