//! Follows a submitted job's event stream (from `SubmitAndWatch`): prints its tokens the moment they arrive and
//! returns the job once it reaches a terminal state, or says why it stopped following.

use std::future::Future;
use std::io::Write;
use std::pin::Pin;

use proto::v1::{GetJobRequest, Job, JobEvent, JobState, job_event};
use tonic::Streaming;

use crate::cli::connect::Coordinator;
use crate::cli::exit_code::ClientError;

#[derive(Debug)]
pub enum FollowOutcome {
    /// The job reached a terminal state.
    Ended(Job),
    /// The user pressed Ctrl-C.
    Interrupted,
    /// The stream ended before a terminal state; the last snapshot seen.
    StreamClosed(Job),
}

/// Writes tokens to stdout, flushing each so the user sees them as the model makes them, and
/// keeps what it printed (to print only the rest if the stream breaks off early).
pub struct TokenSink<'a> {
    out: &'a mut (dyn Write + Send),
    printed: String,
    at_line_start: bool,
}

impl<'a> TokenSink<'a> {
    pub fn new(out: &'a mut (dyn Write + Send)) -> Self {
        Self {
            out,
            printed: String::new(),
            at_line_start: true,
        }
    }

    fn write(&mut self, text: &str) -> std::io::Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        self.out.write_all(text.as_bytes())?;
        self.out.flush()?;
        self.printed.push_str(text);
        self.at_line_start = text.ends_with('\n');
        Ok(())
    }

    /// Ends the output with exactly one newline, so the shell prompt starts on its own line.
    pub fn finish_line(&mut self) -> std::io::Result<()> {
        if !self.printed.is_empty() && !self.at_line_start {
            self.out.write_all(b"\n")?;
            self.at_line_start = true;
        }
        self.out.flush()
    }
}

pub fn is_terminal_state(state: i32) -> bool {
    matches!(
        JobState::try_from(state),
        Ok(JobState::Succeeded | JobState::Failed | JobState::Cancelled | JobState::Rejected)
    )
}

/// Follows a job from its first snapshot `first` through the rest of its `events` until it
/// ends; tokens go to `tokens` when given (not for `--json`).
pub async fn follow_job(
    coordinator: &Coordinator,
    first: Job,
    mut events: Streaming<JobEvent>,
    mut tokens: Option<&mut TokenSink<'_>>,
    mut interrupt: Pin<&mut (impl Future<Output = ()> + Send)>,
) -> Result<FollowOutcome, ClientError> {
    let id = first.id.clone();
    // The first snapshot carries the output made before the stream began; later ones repeat
    // output the deltas already printed.
    if let Some(sink) = tokens.as_deref_mut() {
        sink.write(&first.output)?;
    }
    if is_terminal_state(first.state) {
        return Ok(FollowOutcome::Ended(first));
    }
    let mut last_snapshot = first;
    loop {
        let message = tokio::select! {
            message = events.message() => message,
            () = interrupt.as_mut() => return Ok(FollowOutcome::Interrupted),
        };
        let message = message.map_err(|status| coordinator.call_failed(status))?;
        let Some(JobEvent { event }) = message else {
            return after_early_end(coordinator, &id, tokens, last_snapshot).await;
        };
        match event {
            Some(job_event::Event::Delta(text)) => {
                if let Some(sink) = tokens.as_deref_mut() {
                    sink.write(&text)?;
                }
            }
            Some(job_event::Event::Job(job)) => {
                if is_terminal_state(job.state) {
                    return Ok(FollowOutcome::Ended(job));
                }
                last_snapshot = job;
            }
            // An event kind newer than this build: nothing this CLI can show.
            None => {}
        }
    }
}

/// The stream ended without a terminal state (the coordinator restarted, or the job ended
/// between its snapshot and the subscription): asks for the job once, and if it has ended
/// prints the output the stream did not deliver.
async fn after_early_end(
    coordinator: &Coordinator,
    id: &str,
    tokens: Option<&mut TokenSink<'_>>,
    last_snapshot: Job,
) -> Result<FollowOutcome, ClientError> {
    let request = GetJobRequest { id: id.to_owned() };
    // If even this fails, the closed stream is the problem worth reporting, with what was seen.
    let Ok(answer) = coordinator.jobs().get_job(request).await else {
        return Ok(FollowOutcome::StreamClosed(last_snapshot));
    };
    let job = answer.into_inner();
    if !is_terminal_state(job.state) {
        return Ok(FollowOutcome::StreamClosed(job));
    }
    if let Some(sink) = tokens
        && let Some(missing) = job.output.strip_prefix(sink.printed.as_str())
    {
        sink.write(missing)?;
    }
    Ok(FollowOutcome::Ended(job))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_ends_with_exactly_one_newline() {
        let mut out = Vec::new();
        let mut sink = TokenSink::new(&mut out);
        sink.write("Hello").unwrap();
        sink.write("").unwrap();
        sink.write(" world").unwrap();
        sink.finish_line().unwrap();
        sink.finish_line().unwrap();
        assert_eq!(out, b"Hello world\n");

        let mut out = Vec::new();
        let mut sink = TokenSink::new(&mut out);
        sink.write("a poem\n").unwrap();
        sink.finish_line().unwrap();
        assert_eq!(out, b"a poem\n");
    }

    #[test]
    fn no_output_means_no_blank_line() {
        let mut out = Vec::new();
        TokenSink::new(&mut out).finish_line().unwrap();
        assert!(out.is_empty());
    }

    #[test]
    fn only_ended_jobs_are_terminal() {
        assert!(is_terminal_state(JobState::Succeeded as i32));
        assert!(is_terminal_state(JobState::Rejected as i32));
        assert!(!is_terminal_state(JobState::Running as i32));
        assert!(!is_terminal_state(JobState::Queued as i32));
        assert!(!is_terminal_state(42));
    }
}
