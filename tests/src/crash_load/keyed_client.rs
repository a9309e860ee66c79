//! A client as a careful one is written: it submits with an idempotency key and follows its
//! job to the end in one call (`SubmitAndWatch`); when the coordinator cannot be reached
//! (killed, restarting), does not answer in time, or the stream breaks before the end, it makes
//! the same call with the same key again after a short pause, which answers with the job the
//! key already made, until it sees the end or its patience runs out. What it was shown follows
//! `client::JobOutput`, as the CLI's: a retry on another node restarts it, a new call starts
//! from the snapshot's output.

use std::time::Duration;

use futures::StreamExt;
use proto::v1::job_service_client::JobServiceClient;
use proto::v1::{Job, JobEvent, JobSpec, JobState, SubmitJobRequest, job_event};
use tokio::time::Instant;
use tonic::transport::Channel;
use tonic_types::StatusExt;

use crate::history_check::{Answer, SeenEnd};

/// How long the client waits for the first event, or for the next one, before it gives the
/// call up and makes it again.
const SILENCE_TIMEOUT: Duration = Duration::from_secs(10);
/// The pause between calls.
const RETRY_PAUSE: Duration = Duration::from_millis(250);

/// How a keyed client's request went.
#[derive(Debug)]
pub struct KeyedRun {
    pub answer: Answer,
    /// What the client saw at the end; `None` when it never saw one.
    pub seen_end: Option<SeenEnd>,
    /// Calls made, the last included.
    pub calls: u32,
}

/// How one call ended.
enum Call {
    Ended(SeenEnd),
    /// The coordinator answered without a job (not a rejection): the code and message.
    Refused(String),
    /// Unreachable, silent, or broken off before the end: call again.
    Again,
}

/// Submits `spec` (which carries its idempotency key) and follows its job to the end, calling
/// again with the same key for at most `patience`.
pub async fn run_keyed(channel: &Channel, spec: &JobSpec, patience: Duration) -> KeyedRun {
    let give_up_at = Instant::now() + patience;
    let mut run = KeyedRun {
        answer: Answer::Unanswered,
        seen_end: None,
        calls: 0,
    };
    while Instant::now() < give_up_at {
        run.calls += 1;
        match call(channel, spec, &mut run.answer).await {
            Call::Ended(end) => {
                run.seen_end = Some(end);
                return run;
            }
            Call::Refused(words) => {
                run.answer = Answer::Refused(words);
                return run;
            }
            Call::Again => tokio::time::sleep(RETRY_PAUSE).await,
        }
    }
    run
}

/// One `SubmitAndWatch`; the first job id it hears becomes the client's answer.
async fn call(channel: &Channel, spec: &JobSpec, answer: &mut Answer) -> Call {
    let request = SubmitJobRequest {
        spec: Some(spec.clone()),
    };
    let mut jobs = JobServiceClient::new(channel.clone());
    let events = match tokio::time::timeout(SILENCE_TIMEOUT, jobs.submit_and_watch(request)).await {
        Err(_silent) => return Call::Again,
        Ok(Ok(events)) => events.into_inner(),
        Ok(Err(status)) => {
            if let Some(id) = client::rejected_job_id(&status) {
                remember(answer, &id);
                let seen = SeenEnd {
                    state: JobState::Rejected as i32,
                    shown: String::new(),
                };
                return Call::Ended(seen);
            }
            if unreachable(&status) {
                return Call::Again;
            }
            return Call::Refused(format!("{:?}: {}", status.code(), status.message()));
        }
    };
    follow(events, answer).await
}

async fn follow(mut events: tonic::Streaming<JobEvent>, answer: &mut Answer) -> Call {
    let mut output: Option<client::JobOutput> = None;
    loop {
        let next = match tokio::time::timeout(SILENCE_TIMEOUT, events.next()).await {
            Ok(Some(Ok(event))) => event,
            // Silent, broken, or ended before the job did: the job goes on without us.
            Err(_) | Ok(Some(Err(_))) | Ok(None) => return Call::Again,
        };
        let Some(shown) = output.as_mut() else {
            let Some(job_event::Event::Job(first)) = &next.event else {
                return Call::Again;
            };
            remember(answer, &first.id);
            if client::is_terminal(first.state) {
                return Call::Ended(seen(first, &first.output));
            }
            output = Some(client::JobOutput::new(first));
            continue;
        };
        // Every token comes before the end, so what was shown by then is the whole answer
        // (the end's own `output` is what the checker holds it against).
        if let Some(job_event::Event::Job(job)) = &next.event
            && client::is_terminal(job.state)
        {
            return Call::Ended(seen(job, shown.shown()));
        }
        shown.apply(next);
    }
}

fn seen(job: &Job, shown: &str) -> SeenEnd {
    SeenEnd {
        state: job.state,
        shown: shown.to_owned(),
    }
}

fn remember(answer: &mut Answer, id: &str) {
    if *answer == Answer::Unanswered {
        *answer = Answer::Job(id.to_owned());
    }
}

/// The call failed on the way, not by the coordinator's decision: a lost or refused
/// connection (through the test's relay, a killed coordinator is a connection closed at once).
fn unreachable(status: &tonic::Status) -> bool {
    client::lost_connection_cause(status).is_some()
        || matches!(
            status.code(),
            tonic::Code::Unavailable | tonic::Code::Cancelled | tonic::Code::Unknown
        ) && status.get_details_precondition_failure().is_none()
}
