//! One generate job through the coordinator and an agent, as any gRPC client would run it:
//! one `SubmitAndWatch` call followed to the terminal state, timed from just before the call.
//! Its first event (the job's snapshot) comes only once the job's record is durable.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use harness::cluster::is_terminal;
use proto::v1::job_service_client::JobServiceClient;
use proto::v1::{JobSpec, JobState, SubmitJobRequest, job_event};
use tonic::transport::Channel;

use super::Sample;

/// No single job of a benchmark should come near this; it bounds a wedged one.
const JOB_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Clone)]
pub struct ClusterCaller {
    client: JobServiceClient<Channel>,
    spec: JobSpec,
    expected_answer: String,
}

impl ClusterCaller {
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
            .with_context(|| format!("a job did not end within {JOB_TIMEOUT:?}"))?
    }

    async fn submit_and_watch(&self) -> anyhow::Result<Sample> {
        let mut client = self.client.clone();
        let started = Instant::now();
        let mut events = client
            .submit_and_watch(SubmitJobRequest {
                spec: Some(self.spec.clone()),
            })
            .await
            .context("the coordinator refused the job")?
            .into_inner();
        let mut job_id = None;
        let mut first_token = None;
        let mut seen_snapshot = false;
        let mut streamed = String::new();
        while let Some(event) = events.message().await.context("the job's stream failed")? {
            match event.event {
                Some(job_event::Event::Delta(text)) => {
                    if !text.is_empty() {
                        first_token.get_or_insert_with(|| started.elapsed());
                    }
                    streamed.push_str(&text);
                }
                Some(job_event::Event::Job(job)) => {
                    job_id.get_or_insert_with(|| job.id.clone());
                    // A watch that starts after the first token gets it in the snapshot's
                    // output; later job events repeat the whole output, so only the first counts.
                    if !job.output.is_empty() {
                        first_token.get_or_insert_with(|| started.elapsed());
                    }
                    if !seen_snapshot {
                        seen_snapshot = true;
                        streamed.push_str(&job.output);
                    }
                    if is_terminal(&job) {
                        let total = started.elapsed();
                        // The stream ends right after the terminal event. Reading that end
                        // rather than dropping the stream spares a RST_STREAM per job: h2
                        // counts those and closes a connection that has sent too many
                        // (GOAWAY "too_many_internal_resets").
                        while events.message().await.is_ok_and(|event| event.is_some()) {}
                        return self.checked(job.state, &job.reason, &streamed, first_token, total);
                    }
                }
                None => {}
            }
        }
        bail!(
            "the stream of job {} ended before a terminal state",
            job_id.unwrap_or_default()
        )
    }

    fn checked(
        &self,
        state: i32,
        reason: &str,
        streamed: &str,
        first_token: Option<Duration>,
        total: Duration,
    ) -> anyhow::Result<Sample> {
        if state != JobState::Succeeded as i32 {
            bail!("a job ended {:?}: {reason}", JobState::try_from(state));
        }
        if streamed != self.expected_answer {
            bail!(
                "the watched answer was {streamed:?}, not {:?}",
                self.expected_answer
            );
        }
        Ok(Sample {
            first_token: first_token.unwrap_or(total),
            total,
        })
    }
}
