//! `runner cancel ID`: cancels a queued or running job (on a node this aborts the Ollama
//! request) and says what state the job ended in. A job that had already ended is not a
//! rejection: one already cancelled exits 0, one that ended otherwise exits 4, naming its state.

use proto::v1::{CancelJobRequest, GetJobRequest, Job, JobState};
use tonic::Code;

use super::Terminal;
use super::args::CancelJobArgs;
use super::connect::Coordinator;
use super::exit_code::{ClientError, ClientExit};
use super::render::job_state_name;

pub async fn cancel_job(
    args: &CancelJobArgs,
    terminal: &mut Terminal<'_>,
) -> Result<ClientExit, ClientError> {
    let coordinator = Coordinator::connect(&args.coordinator.url).await?;
    let answer = coordinator
        .jobs()
        .cancel_job(CancelJobRequest {
            id: args.id.trim().to_owned(),
        })
        .await;
    let job = match answer {
        Ok(answer) => answer.into_inner(),
        Err(status) if status.code() == Code::FailedPrecondition => {
            return already_ended(&coordinator, args.id.trim(), status, terminal).await;
        }
        Err(status) => return Err(coordinator.call_failed(status)),
    };
    writeln!(terminal.out, "{}", cancelled_line(&job))?;
    terminal.out.flush()?;
    Ok(ClientExit::Success)
}

/// The coordinator refused because the job had ended: asks for it to say how it ended.
async fn already_ended(
    coordinator: &Coordinator,
    id: &str,
    refusal: tonic::Status,
    terminal: &mut Terminal<'_>,
) -> Result<ClientExit, ClientError> {
    let request = GetJobRequest { id: id.to_owned() };
    let Ok(answer) = coordinator.jobs().get_job(request).await else {
        return Err(coordinator.call_failed(refusal));
    };
    let job = answer.into_inner();
    if job.state == JobState::Cancelled as i32 {
        writeln!(terminal.out, "job {} was already cancelled", job.id)?;
        terminal.out.flush()?;
        return Ok(ClientExit::Success);
    }
    let state = job_state_name(job.state);
    writeln!(
        terminal.err,
        "job {} already ended: {state}; nothing to cancel",
        job.id
    )?;
    Ok(ClientExit::FailedOrNotFound)
}

/// `cancelled job 01J… on davas`; the job's state as the coordinator answered it
/// when that is not `cancelled` yet (a node may take a moment to stop).
fn cancelled_line(job: &Job) -> String {
    let state = job_state_name(job.state);
    let mut line = if state == "cancelled" {
        format!("cancelled job {}", job.id)
    } else {
        format!("cancelling job {} (now {state})", job.id)
    };
    // A job cancelled while queued never ran: it was not "on" its node in any useful sense.
    if job.attempt == 0 {
        line.push_str(" before it started");
    } else if !job.node.is_empty() {
        line.push_str(&format!(" on {}", job.node));
    }
    line
}

#[cfg(test)]
mod tests;
