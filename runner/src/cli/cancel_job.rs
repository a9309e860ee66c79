//! `runner cancel ID`: cancels a queued or running job (on a node this aborts the Ollama
//! request) and says what state the job ended in.

use proto::v1::{CancelJobRequest, Job};

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
    let job = answer
        .map_err(|status| coordinator.call_failed(status))?
        .into_inner();
    writeln!(terminal.out, "{}", cancelled_line(&job))?;
    terminal.out.flush()?;
    Ok(ClientExit::Success)
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
    if !job.node.is_empty() {
        line.push_str(&format!(" on {}", job.node));
    }
    line
}

#[cfg(test)]
mod tests;
