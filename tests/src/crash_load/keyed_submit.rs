//! A submit as a careful client makes it: with an idempotency key, and, when the coordinator
//! cannot be reached (killed, restarting) or does not answer in time, the same request with the
//! same key again after a short pause, until it answers or the client's patience runs out.

use std::time::Duration;

use proto::v1::job_service_client::JobServiceClient;
use proto::v1::{JobSpec, SubmitJobRequest};
use tokio::time::Instant;
use tonic::transport::Channel;
use tonic_types::StatusExt;

use crate::history_check::Answer;

/// How long one try may take before the client gives up on it and tries again.
const TRY_TIMEOUT: Duration = Duration::from_secs(10);
/// The pause between tries.
const RETRY_PAUSE: Duration = Duration::from_millis(250);

/// How a keyed submit went.
#[derive(Debug)]
pub struct KeyedSubmit {
    pub answer: Answer,
    /// Tries made, the answered one included.
    pub tries: u32,
}

/// Submits `spec` (which carries its idempotency key) until the coordinator answers, for at most
/// `patience`: a job, a rejection (its recorded job's id), or a refusal without a job.
pub async fn submit_until_answered(
    channel: &Channel,
    spec: &JobSpec,
    patience: Duration,
) -> KeyedSubmit {
    let give_up_at = Instant::now() + patience;
    let mut tries = 0;
    while Instant::now() < give_up_at {
        tries += 1;
        let request = SubmitJobRequest {
            spec: Some(spec.clone()),
        };
        let mut jobs = JobServiceClient::new(channel.clone());
        let outcome = tokio::time::timeout(TRY_TIMEOUT, jobs.submit_job(request)).await;
        match outcome {
            Ok(Ok(answer)) => {
                if let Some(job) = answer.into_inner().job {
                    let answer = Answer::Job(job.id);
                    return KeyedSubmit { answer, tries };
                }
            }
            Ok(Err(status)) => {
                if let Some(id) = client::rejected_job_id(&status) {
                    let answer = Answer::Job(id);
                    return KeyedSubmit { answer, tries };
                }
                if !unreachable(&status) {
                    let words = format!("{:?}: {}", status.code(), status.message());
                    let answer = Answer::Refused(words);
                    return KeyedSubmit { answer, tries };
                }
            }
            // No answer in time: the coordinator may have died under the call.
            Err(_elapsed) => {}
        }
        tokio::time::sleep(RETRY_PAUSE).await;
    }
    KeyedSubmit {
        answer: Answer::Unanswered,
        tries,
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
