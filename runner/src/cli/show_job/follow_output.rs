//! `runner job ID --follow`: follows a queued or running job's output to its end with
//! `WatchJob`, as `runner submit` follows its own, and exits as submit would for that end.
//! Ctrl-C stops following; the job, which someone else started, keeps running.

use std::future::Future;
use std::pin::pin;

use proto::v1::WatchJobRequest;

use crate::cli::connect::Coordinator;
use crate::cli::exit_code::{ClientError, ClientExit};
use crate::cli::submit::{FollowOutcome, TokenSink, follow_job, opening_job, report_finished_job};
use crate::cli::{Interrupt, Terminal};

pub async fn follow_output(
    coordinator: &Coordinator,
    id: &str,
    json: bool,
    terminal: &mut Terminal<'_>,
    interrupt: impl Future<Output = Interrupt> + Send,
) -> Result<ClientExit, ClientError> {
    let request = WatchJobRequest { id: id.to_owned() };
    let mut events = coordinator
        .jobs()
        .watch_job(request)
        .await
        .map_err(|status| coordinator.call_failed(status))?
        .into_inner();
    let job = opening_job(coordinator, &mut events, "WatchJob").await?;
    let id = job.id.clone();
    let mut interrupt = pin!(interrupt);
    let outcome = {
        let mut sink = TokenSink::new(terminal.out, terminal.err);
        let tokens = (!json).then_some(&mut sink);
        let outcome = follow_job(coordinator, job, events, tokens, interrupt.as_mut()).await;
        let finished = sink.finish_line();
        let outcome = outcome?;
        finished?;
        outcome
    };
    match outcome {
        FollowOutcome::Ended(job) => report_finished_job(&job, json, terminal),
        FollowOutcome::Interrupted(signal) => {
            writeln!(
                terminal.err,
                "stopped following job {id}; it goes on: `runner cancel {id}` stops it"
            )?;
            Ok(signal.exit())
        }
        FollowOutcome::StreamClosed(last) => {
            let state = crate::cli::render::job_state_name(last.state);
            writeln!(
                terminal.err,
                "error: the coordinator closed job {id}'s stream while it was {state}"
            )?;
            Ok(ClientExit::Failure)
        }
    }
}
