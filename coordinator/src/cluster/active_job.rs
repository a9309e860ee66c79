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
    /// The `seq` of the last agent update applied for this attempt: an update resent after a
    /// flap with a `seq` at or below it is dropped, so no token counts twice.
    pub applied_seq: u64,
    /// Unbounded so that a slow watcher never stalls the loop (which decides for every node
    /// and job). What one watcher can hold is bounded by the job itself: one delta per piece
    /// of output and one record per state change (queued, re-routed, started, ended), so at
    /// most about twice the job's output, and only until the job ends, when the sender is
    /// dropped. A watcher that goes away is forgotten at the next event (`publish`); a client
    /// that stays connected but stops reading keeps at most that much alive. Bounding it
    /// further means dropping such a watcher with an end it can tell from the job's, which
    /// needs the gRPC stream (`grpc/`) to say so.
    pub watchers: Vec<mpsc::UnboundedSender<JobEvent>>,
    pub spans: JobSpans,
}

impl ActiveJob {
    /// A job accepted at `accepted` (read from the loop's clock).
    pub fn new(job: Job, retries_left: u32, spans: JobSpans, accepted: Instant) -> Self {
        Self {
            job,
            retries_left,
            accepted,
            first_token: None,
            applied_seq: 0,
            watchers: Vec::new(),
            spans,
        }
    }

    pub fn state(&self) -> JobState {
        JobState::try_from(self.job.state).unwrap_or(JobState::Unspecified)
    }

    /// Sends the whole record to every watcher (on state changes); one copy per watcher.
    pub fn publish_job(&mut self) {
        if self.watchers.is_empty() {
            return;
        }
        let event = JobEvent {
            event: Some(job_event::Event::Job(self.job.clone())),
        };
        self.publish(event);
    }

    /// Sends a piece of output to every watcher.
    pub fn publish_delta(&mut self, text: String) {
        if self.watchers.is_empty() {
            return;
        }
        let event = JobEvent {
            event: Some(job_event::Event::Delta(text)),
        };
        self.publish(event);
    }

    /// Sends `event` to every watcher: copies to all but the last, which gets `event` itself.
    fn publish(&mut self, event: JobEvent) {
        let mut watchers = std::mem::take(&mut self.watchers);
        let last = watchers.pop();
        // A watcher that hung up is forgotten; the others still hear.
        watchers.retain(|watcher| watcher.send(event.clone()).is_ok());
        if let Some(last) = last
            && last.send(event).is_ok()
        {
            watchers.push(last);
        }
        self.watchers = watchers;
    }

    /// A new watcher and the record so far (including output).
    pub fn subscribe(&mut self) -> mpsc::UnboundedReceiver<JobEvent> {
        // Unbounded: see `watchers`.
        let (sender, receiver) = mpsc::unbounded_channel();
        self.watchers.push(sender);
        receiver
    }

    /// Milliseconds from acceptance to `instant`.
    pub fn millis_since_accepted(&self, instant: Instant) -> u64 {
        instant.duration_since(self.accepted).as_millis() as u64
    }
}

#[cfg(test)]
mod tests;
