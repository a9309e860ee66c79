//! `runner submit`: sends a job and follows it in one `SubmitAndWatch` call, streaming its
//! tokens to stdout as the model makes them, and ends with a one-line summary on stderr and an
//! exit code for the outcome; Ctrl-C cancels it. `--detach` only submits (`SubmitJob`).

mod cancel_on_interrupt;
mod finished_job_report;
mod follow_job;
mod job_spec_from_args;
mod submit_and_watch;
mod with_memory;

use std::future::Future;
use std::io::Write;
use std::pin::{Pin, pin};

use proto::v1::{GetJobRequest, Job, JobKind, JobSpec, SubmitJobRequest, SubmitJobResponse};
use tokio::time::error::Elapsed;
use tonic::Status;

use self::cancel_on_interrupt::{CANCEL_PATIENCE, cancel_after_interrupt};
use self::job_spec_from_args::job_spec_from_args;
use self::submit_and_watch::{WatchedJob, submit_and_watch};
use super::args::SubmitArgs;
use super::connect::Coordinator;
use super::exit_code::{ClientError, ClientExit};
use super::json::write_json;
use super::rejection::rejected_job_id;
use super::render::job_state_name;
use super::{Interrupt, Terminal};

pub use self::finished_job_report::{embedding_summary, report_finished_job};
pub use self::follow_job::{FollowOutcome, TokenSink, follow_job};
pub use self::submit_and_watch::opening_job;

pub async fn submit(
    args: &SubmitArgs,
    terminal: &mut Terminal<'_>,
    interrupt: impl Future<Output = Interrupt> + Send,
) -> Result<ClientExit, ClientError> {
    let mut spec = job_spec_from_args(args, std::io::stdin().lock())?;
    let coordinator = Coordinator::connect(&args.coordinator.url).await?;
    let citations = if args.memory {
        Some(with_memory::add_memory(&coordinator, &mut spec, terminal.err).await?)
    } else {
        None
    };
    let result = submit_to(&coordinator, spec, args, terminal, interrupt).await;
    if let (Some(citations), Ok(ClientExit::Success)) = (&citations, &result)
        && !args.json
        && !args.detach
    {
        terminal
            .out
            .write_all(with_memory::sources_text(citations).as_bytes())?;
        terminal.out.flush()?;
    }
    if args.json
        && let Err(ClientError::Status(status)) = &result
        && let Some(id) = rejected_job_id(status)
    {
        write_rejected_job(&coordinator, id, terminal.out).await?;
    }
    result
}

/// `--json` on a rejection: the rejected job as the coordinator recorded it, on stdout, so a
/// script sees the same shape as for any other ended job (the exit code stays 3).
async fn write_rejected_job(
    coordinator: &Coordinator,
    id: String,
    out: &mut (dyn Write + Send),
) -> Result<(), ClientError> {
    let answer = coordinator.jobs().get_job(GetJobRequest { id }).await;
    let job = answer
        .map_err(|status| coordinator.call_failed(status))?
        .into_inner();
    write_json(out, &job)?;
    Ok(())
}

async fn submit_to(
    coordinator: &Coordinator,
    spec: JobSpec,
    args: &SubmitArgs,
    terminal: &mut Terminal<'_>,
    interrupt: impl Future<Output = Interrupt> + Send,
) -> Result<ClientExit, ClientError> {
    let streams_tokens = !args.json && spec.kind != JobKind::Embed as i32;
    let mut interrupt = pin!(interrupt);
    if args.detach {
        let job = match submit_job(coordinator, spec, interrupt.as_mut(), terminal.err).await? {
            Ok(job) => job,
            Err(signal) => return Ok(signal.exit()),
        };
        if args.json {
            write_json(terminal.out, &job)?;
        } else {
            writeln!(terminal.out, "{}", job.id)?;
        }
        return Ok(ClientExit::Success);
    }
    let WatchedJob { job, events } =
        match submit_and_watch(coordinator, spec, interrupt.as_mut(), terminal.err).await? {
            Ok(watched) => watched,
            Err(signal) => return Ok(signal.exit()),
        };
    let id = job.id.clone();
    let outcome = {
        let mut sink = TokenSink::new(terminal.out, terminal.err);
        let outcome = follow_job(
            coordinator,
            job,
            events,
            streams_tokens.then_some(&mut sink),
            interrupt.as_mut(),
        )
        .await;
        // End a half-written line even when following failed, so the error starts on its own line.
        let finished = sink.finish_line();
        let outcome = outcome?;
        finished?;
        outcome
    };
    match outcome {
        FollowOutcome::Ended(job) => report_finished_job(&job, args.json, terminal),
        FollowOutcome::Interrupted(signal) => {
            Ok(cancel_after_interrupt(coordinator, &id, signal, terminal.err).await)
        }
        FollowOutcome::StreamClosed(last_snapshot) => {
            let state = job_state_name(last_snapshot.state);
            writeln!(
                terminal.err,
                "error: the coordinator closed job {id}'s stream while it was {state}; follow it with `runner job {id}`"
            )?;
            Ok(ClientExit::Failure)
        }
    }
}

/// Calls `SubmitJob` (for `--detach`); `Err(signal)` when Ctrl-C or SIGTERM came first (already
/// handled and reported). The job
/// may exist on the coordinator by then, so the answer is still awaited briefly to learn the
/// job's id and cancel it.
async fn submit_job(
    coordinator: &Coordinator,
    spec: JobSpec,
    interrupt: Pin<&mut (impl Future<Output = Interrupt> + Send)>,
    err: &mut (dyn Write + Send),
) -> Result<Result<Job, Interrupt>, ClientError> {
    let mut jobs = coordinator.jobs();
    let mut call = pin!(jobs.submit_job(SubmitJobRequest { spec: Some(spec) }));
    let answer = tokio::select! {
        answer = call.as_mut() => answer,
        signal = interrupt => {
            let late_answer = tokio::time::timeout(CANCEL_PATIENCE, call).await;
            cancel_late_answer(coordinator, late_answer, signal, err).await?;
            return Ok(Err(signal));
        }
    };
    let answer = answer.map_err(|status| coordinator.call_failed(status))?;
    match answer.into_inner().job {
        Some(job) => Ok(Ok(job)),
        None => Err(ClientError::BadAnswer(
            "SubmitJob answered without the job".to_owned(),
        )),
    }
}

type LateSubmitAnswer = Result<Result<tonic::Response<SubmitJobResponse>, Status>, Elapsed>;

/// After Ctrl-C during `SubmitJob`: cancels the job if the coordinator accepted it.
async fn cancel_late_answer(
    coordinator: &Coordinator,
    late_answer: LateSubmitAnswer,
    signal: Interrupt,
    err: &mut (dyn Write + Send),
) -> std::io::Result<()> {
    let message = match late_answer {
        Ok(Ok(response)) => match response.into_inner().job {
            Some(job) => {
                cancel_after_interrupt(coordinator, &job.id, signal, err).await;
                return Ok(());
            }
            None => "interrupted",
        },
        Ok(Err(_)) => "interrupted; the coordinator did not accept the job",
        Err(_) => {
            "interrupted before the coordinator answered; a job may have started: check `runner jobs`"
        }
    };
    writeln!(err, "{message}")
}
