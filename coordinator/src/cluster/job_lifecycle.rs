//! Jobs through their life in the cluster loop: `submit` (route or reject), `dispatch` to a
//! node's slot or queue, the agent's updates (`agent_job_updates`), and `job_end`
//! (succeeded, failed, cancelled, or stopped with the coordinator); `replay` answers a submit
//! whose idempotency key made a job before.

mod agent_job_updates;
mod dispatch;
mod job_end;
mod replay;
mod submit;

use proto::v1::{Job, JobTimings};

/// The job's timings, created on first use.
fn timings(job: &mut Job) -> &mut JobTimings {
    job.timings.get_or_insert_with(JobTimings::default)
}
