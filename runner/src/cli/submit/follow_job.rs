//! Follows a submitted job's event stream (from `SubmitAndWatch`): prints its tokens the
//! moment they arrive, marks a retry that restarts the output, and returns the job once it
//! reaches a terminal state, or says why it stopped following.

use std::future::Future;
use std::io::Write;
use std::pin::Pin;

use client::{JobOutput, OutputStep, is_terminal};
use proto::v1::{GetJobRequest, Job, JobEvent};
use tonic::Streaming;

use crate::cli::Interrupt;
use crate::cli::connect::Coordinator;
use crate::cli::exit_code::ClientError;

#[derive(Debug)]
pub enum FollowOutcome {
    /// The job reached a terminal state.
    Ended(Job),
    /// Ctrl-C or SIGTERM.
    Interrupted(Interrupt),
    /// The stream ended before a terminal state; the last snapshot seen.
    StreamClosed(Job),
}

/// Writes tokens to stdout, flushing each so the user sees them as the model makes them, and
/// notices (a restarted attempt) to stderr.
pub struct TokenSink<'a> {
    out: &'a mut (dyn Write + Send),
    notices: &'a mut (dyn Write + Send),
    wrote_any: bool,
    at_line_start: bool,
}

impl<'a> TokenSink<'a> {
    pub fn new(out: &'a mut (dyn Write + Send), notices: &'a mut (dyn Write + Send)) -> Self {
        Self {
            out,
            notices,
            wrote_any: false,
            at_line_start: true,
        }
    }

    fn write(&mut self, text: &str) -> std::io::Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        self.out.write_all(text.as_bytes())?;
        self.out.flush()?;
        self.wrote_any = true;
        self.at_line_start = text.ends_with('\n');
        Ok(())
    }

    /// A new attempt began: what was printed is void. Stdout cannot take it back, so the
    /// restart is marked on stderr between the two attempts' outputs.
    fn restart(&mut self, job: &Job) -> std::io::Result<()> {
        self.finish_line()?;
        if self.wrote_any {
            writeln!(
                self.notices,
                "--- the node was lost; attempt {} restarts on {}: the output above is void ---",
                job.attempt,
                if job.node.is_empty() {
                    "another node"
                } else {
                    &job.node
                },
            )?;
        }
        self.wrote_any = false;
        Ok(())
    }

    /// Ends the output with exactly one newline, so the shell prompt starts on its own line.
    pub fn finish_line(&mut self) -> std::io::Result<()> {
        if self.wrote_any && !self.at_line_start {
            self.out.write_all(b"\n")?;
            self.at_line_start = true;
        }
        self.out.flush()
    }
}

/// Follows a job from its first snapshot `first` through the rest of its `events` until it
/// ends; tokens go to `tokens` when given (not for `--json`).
pub async fn follow_job(
    coordinator: &Coordinator,
    first: Job,
    mut events: Streaming<JobEvent>,
    mut tokens: Option<&mut TokenSink<'_>>,
    mut interrupt: Pin<&mut (impl Future<Output = Interrupt> + Send)>,
) -> Result<FollowOutcome, ClientError> {
    let id = first.id.clone();
    // The first snapshot carries the output made before the stream began.
    if let Some(sink) = tokens.as_deref_mut() {
        sink.write(&first.output)?;
    }
    if is_terminal(first.state) {
        return Ok(FollowOutcome::Ended(first));
    }
    let mut output = JobOutput::new(&first);
    let mut last_snapshot = first;
    loop {
        let message = tokio::select! {
            message = events.message() => message,
            signal = interrupt.as_mut() => return Ok(FollowOutcome::Interrupted(signal)),
        };
        let message = message.map_err(|status| coordinator.call_failed(status))?;
        let Some(event) = message else {
            return after_early_end(coordinator, &id, tokens, &mut output, last_snapshot).await;
        };
        match output.apply(event) {
            OutputStep::Tokens(text) => {
                if let Some(sink) = tokens.as_deref_mut() {
                    sink.write(&text)?;
                }
            }
            OutputStep::Restarted(job) => {
                if let Some(sink) = tokens.as_deref_mut() {
                    sink.restart(&job)?;
                }
                last_snapshot = job;
            }
            OutputStep::Changed(job) => last_snapshot = job,
            OutputStep::Ended {
                job,
                tail,
                restarted,
            } => {
                show_tail(tokens.as_deref_mut(), &job, &tail, restarted)?;
                return Ok(FollowOutcome::Ended(job));
            }
            // An event kind newer than this build: nothing this CLI can show.
            OutputStep::Unknown => {}
        }
    }
}

fn show_tail(
    tokens: Option<&mut TokenSink<'_>>,
    job: &Job,
    tail: &str,
    restarted: bool,
) -> std::io::Result<()> {
    let Some(sink) = tokens else { return Ok(()) };
    if restarted {
        sink.restart(job)?;
    }
    sink.write(tail)
}

/// The stream ended without a terminal state (the coordinator restarted, or the job ended
/// between its snapshot and the subscription): asks for the job once, and if it has ended
/// prints the output the stream did not deliver.
async fn after_early_end(
    coordinator: &Coordinator,
    id: &str,
    tokens: Option<&mut TokenSink<'_>>,
    output: &mut JobOutput,
    last_snapshot: Job,
) -> Result<FollowOutcome, ClientError> {
    let request = GetJobRequest { id: id.to_owned() };
    // If even this fails, the closed stream is the problem worth reporting, with what was seen.
    let Ok(answer) = coordinator.jobs().get_job(request).await else {
        return Ok(FollowOutcome::StreamClosed(last_snapshot));
    };
    let job = answer.into_inner();
    if !is_terminal(job.state) {
        return Ok(FollowOutcome::StreamClosed(job));
    }
    if let OutputStep::Ended {
        job,
        tail,
        restarted,
    } = output.end(job)
    {
        show_tail(tokens, &job, &tail, restarted)?;
        return Ok(FollowOutcome::Ended(job));
    }
    Ok(FollowOutcome::StreamClosed(last_snapshot))
}

#[cfg(test)]
mod tests;
