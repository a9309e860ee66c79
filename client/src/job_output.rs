//! Following a job's event stream (`WatchJob`, `SubmitAndWatch`) the one way every client
//! does: tokens in order, a retry on another node restarting the output (the proto's rule:
//! a `job` event with a higher `attempt` voids what was streamed), and an end that says what
//! of the final output was not shown yet.

#[cfg(test)]
mod tests;

use proto::v1::{Job, JobEvent, job_event};

use crate::words::is_terminal;

/// What one event means to a client showing the job's output.
#[derive(Debug, Clone, PartialEq)]
pub enum OutputStep {
    /// Text of the current attempt, to show after what was shown.
    Tokens(String),
    /// The job's node was lost and the job runs again elsewhere (same model): what was shown
    /// belongs to an abandoned attempt; clear it or mark the restart. `job` says where the new
    /// attempt runs.
    Restarted(Job),
    /// The job changed but goes on (queued -> running).
    Changed(Job),
    /// The job ended. `tail` is the part of its final output not shown yet; when `restarted`,
    /// the shown text did not lead to the final output (a restart seen only now) and `tail`
    /// is the whole output, to show afresh.
    Ended {
        job: Job,
        tail: String,
        restarted: bool,
    },
    /// An event kind newer than this build: nothing to show.
    Unknown,
}

/// The output shown so far of one job's current attempt.
#[derive(Debug, Clone, Default)]
pub struct JobOutput {
    shown: String,
    attempt: u32,
}

impl JobOutput {
    /// Starts from the stream's first snapshot, whose `output` (made before the stream began)
    /// the caller shows first.
    pub fn new(first: &Job) -> Self {
        Self {
            shown: first.output.clone(),
            attempt: first.attempt,
        }
    }

    /// The current attempt's output as shown.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    pub fn apply(&mut self, event: JobEvent) -> OutputStep {
        match event.event {
            Some(job_event::Event::Delta(text)) => {
                self.shown.push_str(&text);
                OutputStep::Tokens(text)
            }
            Some(job_event::Event::Job(job)) if is_terminal(job.state) => self.end(job),
            Some(job_event::Event::Job(job)) if job.attempt > self.attempt => {
                self.attempt = job.attempt;
                self.shown.clone_from(&job.output);
                OutputStep::Restarted(job)
            }
            Some(job_event::Event::Job(job)) => OutputStep::Changed(job),
            None => OutputStep::Unknown,
        }
    }

    /// The job as it ended: from the stream, or fetched with `GetJob` after the stream broke
    /// off early (then `tail` is what the lost part of the stream would have shown).
    pub fn end(&mut self, job: Job) -> OutputStep {
        let continues = job.attempt <= self.attempt && job.output.starts_with(&self.shown);
        let tail = if continues {
            job.output[self.shown.len()..].to_owned()
        } else {
            job.output.clone()
        };
        self.attempt = self.attempt.max(job.attempt);
        self.shown.clone_from(&job.output);
        OutputStep::Ended {
            job,
            tail,
            restarted: !continues,
        }
    }
}
