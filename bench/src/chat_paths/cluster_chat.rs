//! One chat job through the coordinator and an agent in one call, as a gRPC client would run it:
//! `SubmitAndWatch` to the terminal state, timed from just before the call.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use harness::cluster::is_terminal;
use proto::v1::job_service_client::JobServiceClient;
use proto::v1::{JobSpec, JobState, SubmitJobRequest, job_event};
use tonic::transport::Channel;

use crate::overhead::Sample;

/// No single job of a benchmark should come near this; it bounds a wedged one.
const JOB_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Clone)]
pub struct ClusterChatCaller {
    client: JobServiceClient<Channel>,
    spec: JobSpec,
    expected_answer: String,
}

impl ClusterChatCaller {
    /// Every clone shares `client`'s one HTTP/2 connection, as a real client's calls would.
    pub fn new(client: JobServiceClient<Channel>, spec: JobSpec, expected_answer: String) -> Self {
        Self {
            client,
            spec,
            expected_answer,
        }
    }

    pub async fn call(&self) -> anyhow::Result<Sample> {
        tokio::time::timeout(JOB_TIMEOUT, self.submit_and_watch())
            .await
            .with_context(|| format!("a chat job did not end within {JOB_TIMEOUT:?}"))?
    }

    async fn submit_and_watch(&self) -> anyhow::Result<Sample> {
        let mut client = self.client.clone();
        let started = Instant::now();
        let mut events = client
            .submit_and_watch(SubmitJobRequest {
                spec: Some(self.spec.clone()),
            })
            .await
            .context("the coordinator refused the chat job")?
            .into_inner();
        let mut text = AnswerText::default();
        while let Some(event) = events.message().await.context("the job stream failed")? {
            match event.event {
                Some(job_event::Event::Delta(delta)) => text.delta(&delta, started),
                Some(job_event::Event::Job(job)) => {
                    text.snapshot(&job.output, started);
                    if is_terminal(&job) {
                        let total = started.elapsed();
                        // Read the stream's end rather than drop it: each dropped stream is a
                        // RST_STREAM, and h2 closes a connection that resets too many.
                        while events.message().await.is_ok_and(|event| event.is_some()) {}
                        if job.state != JobState::Succeeded as i32 {
                            bail!(
                                "a chat job ended {:?}: {}",
                                JobState::try_from(job.state),
                                job.reason
                            );
                        }
                        return text.checked(&self.expected_answer, total);
                    }
                }
                None => {}
            }
        }
        bail!("the job stream ended before a terminal state")
    }
}

/// The answer as a client shows it: the first snapshot's output, then every delta; and when the
/// first non-empty piece of it arrived.
#[derive(Debug, Default)]
struct AnswerText {
    text: String,
    seen_snapshot: bool,
    first_token: Option<Duration>,
}

impl AnswerText {
    fn delta(&mut self, delta: &str, started: Instant) {
        if !delta.is_empty() {
            self.first_token.get_or_insert_with(|| started.elapsed());
        }
        self.text.push_str(delta);
    }

    /// Later job events repeat the whole output, so only the first snapshot's output counts.
    fn snapshot(&mut self, output: &str, started: Instant) {
        if !output.is_empty() {
            self.first_token.get_or_insert_with(|| started.elapsed());
        }
        if !self.seen_snapshot {
            self.seen_snapshot = true;
            self.text.push_str(output);
        }
    }

    fn checked(self, expected: &str, total: Duration) -> anyhow::Result<Sample> {
        if self.text != expected {
            bail!(
                "the chat job's answer was {:?}, not {expected:?}",
                self.text
            );
        }
        Ok(Sample {
            first_token: self.first_token.unwrap_or(total),
            total,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_late_snapshot_and_deltas_make_the_answer_and_repeats_do_not() {
        let started = Instant::now();
        let mut text = AnswerText::default();
        text.snapshot("why", started);
        text.delta(" is", started);
        text.snapshot("why is", started);
        let sample = text.checked("why is", Duration::from_secs(60)).unwrap();
        assert!(sample.first_token < sample.total);
    }

    #[test]
    fn a_different_answer_is_an_error() {
        let mut text = AnswerText::default();
        text.delta("why", Instant::now());
        assert!(text.checked("why is", Duration::ZERO).is_err());
    }
}
