//! A job that has not ended yet: its record, how many retries it has left, who watches it,
//! and its trace's open spans.

use std::time::Instant;

use proto::v1::{Job, JobEvent, JobState, job_event};
use tokio::sync::mpsc;

use super::job_spans::JobSpans;

#[derive(Debug)]
pub struct ActiveJob {
    pub job: Job,
    pub retries_left: u32,
    /// When the job was accepted, for time to first token and total time.
    pub accepted: Instant,
    pub first_token: Option<Instant>,
    pub watchers: Vec<mpsc::UnboundedSender<JobEvent>>,
    pub spans: JobSpans,
}

impl ActiveJob {
    pub fn new(job: Job, retries_left: u32, spans: JobSpans) -> Self {
        Self {
            job,
            retries_left,
            accepted: Instant::now(),
            first_token: None,
            watchers: Vec::new(),
            spans,
        }
    }

    pub fn state(&self) -> JobState {
        JobState::try_from(self.job.state).unwrap_or(JobState::Unspecified)
    }

    /// Sends the whole record to every watcher (on state changes).
    pub fn publish_job(&mut self) {
        let event = JobEvent {
            event: Some(job_event::Event::Job(self.job.clone())),
        };
        self.publish(event);
    }

    pub fn publish_delta(&mut self, text: &str) {
        let event = JobEvent {
            event: Some(job_event::Event::Delta(text.to_owned())),
        };
        self.publish(event);
    }

    fn publish(&mut self, event: JobEvent) {
        // A watcher that hung up is forgotten; the others still hear.
        self.watchers
            .retain(|watcher| watcher.send(event.clone()).is_ok());
    }

    /// A new watcher and the record so far (including output).
    pub fn subscribe(&mut self) -> mpsc::UnboundedReceiver<JobEvent> {
        let (sender, receiver) = mpsc::unbounded_channel();
        self.watchers.push(sender);
        receiver
    }

    /// Milliseconds from acceptance to `instant`.
    pub fn millis_since_accepted(&self, instant: Instant) -> u64 {
        instant.duration_since(self.accepted).as_millis() as u64
    }
}
