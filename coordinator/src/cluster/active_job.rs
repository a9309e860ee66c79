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
mod tests {
    use telemetry::TraceCarrier;

    use super::*;

    fn active() -> ActiveJob {
        let spans = JobSpans::start("01JOB", "gemma4:27b", &TraceCarrier::new());
        ActiveJob::new(
            Job {
                id: "01JOB".into(),
                ..Default::default()
            },
            0,
            spans,
        )
    }

    #[test]
    fn every_watcher_still_listening_hears_each_event_in_order() {
        let mut job = active();
        let mut first = job.subscribe();
        let gone = job.subscribe();
        let mut last = job.subscribe();
        drop(gone);
        job.publish_delta("Hel".to_owned());
        job.job.output = "Hello".into();
        job.publish_job();
        assert_eq!(job.watchers.len(), 2);
        for watcher in [&mut first, &mut last] {
            let delta = watcher.try_recv().unwrap().event;
            assert_eq!(delta, Some(job_event::Event::Delta("Hel".into())));
            let Some(job_event::Event::Job(record)) = watcher.try_recv().unwrap().event else {
                panic!("expected the job record");
            };
            assert_eq!(record.output, "Hello");
        }
        drop(last);
        job.publish_delta("lo".to_owned());
        assert_eq!(job.watchers.len(), 1);
        assert!(first.try_recv().is_ok());
    }
}
