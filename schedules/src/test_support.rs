//! For this crate's tests: a launcher that records what the scheduler asks, with one job per
//! idempotency key as the coordinator does.

use std::collections::HashMap;
use std::sync::Mutex;

use futures::FutureExt;
use futures::future::BoxFuture;
use proto::v1::{AgentRun, AgentStep, JobSpec, JobState};
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use crate::launch::{Launcher, Submitted};

/// Records every submit; answers with a job per key (the same job for the same key, as the
/// coordinator's idempotency does); job states and refusals are set by the test.
#[derive(Default)]
pub struct FakeLauncher {
    pub submits: Mutex<Vec<JobSpec>>,
    jobs: Mutex<HashMap<String, String>>,
    pub states: Mutex<HashMap<String, JobState>>,
    pub cancelled: Mutex<Vec<String>>,
    pub reject_with: Mutex<Option<String>>,
    pub agent_inputs: Mutex<Vec<agents::AgentInput>>,
}

impl FakeLauncher {
    pub fn keys(&self) -> Vec<String> {
        let submits = self.submits.lock().unwrap();
        submits
            .iter()
            .map(|spec| spec.idempotency_key.clone())
            .collect()
    }

    /// Distinct jobs made (one per key).
    pub fn jobs_made(&self) -> usize {
        self.jobs.lock().unwrap().len()
    }

    pub fn set_every_state(&self, state: JobState) {
        let ids: Vec<String> = self.jobs.lock().unwrap().values().cloned().collect();
        let mut states = self.states.lock().unwrap();
        for id in ids {
            states.insert(id, state);
        }
    }
}

impl Launcher for FakeLauncher {
    fn submit(&self, spec: JobSpec) -> BoxFuture<'_, Submitted> {
        self.submits.lock().unwrap().push(spec.clone());
        if let Some(reason) = self.reject_with.lock().unwrap().clone() {
            return futures::future::ready(Submitted::Rejected {
                job_id: format!("rejected-{}", spec.idempotency_key),
                reason,
            })
            .boxed();
        }
        let mut jobs = self.jobs.lock().unwrap();
        let count = jobs.len();
        let id = jobs
            .entry(spec.idempotency_key.clone())
            .or_insert_with(|| format!("job-{count}"))
            .clone();
        // Jobs end at once unless a test says otherwise (the overlap tests).
        self.states
            .lock()
            .unwrap()
            .entry(id.clone())
            .or_insert(JobState::Succeeded);
        futures::future::ready(Submitted::Accepted {
            job_id: id,
            state: JobState::Queued,
        })
        .boxed()
    }

    fn job_state<'a>(&'a self, job_id: &'a str) -> BoxFuture<'a, Option<JobState>> {
        futures::future::ready(self.states.lock().unwrap().get(job_id).copied()).boxed()
    }

    fn cancel<'a>(&'a self, job_id: &'a str) -> BoxFuture<'a, ()> {
        self.cancelled.lock().unwrap().push(job_id.to_owned());
        self.states
            .lock()
            .unwrap()
            .insert(job_id.to_owned(), JobState::Cancelled);
        futures::future::ready(()).boxed()
    }

    fn nodes_settled(&self) -> BoxFuture<'_, bool> {
        futures::future::ready(true).boxed()
    }

    /// One step `answer` with a job, then succeeded.
    fn run_agent(
        &self,
        input: agents::AgentInput,
        progress: watch::Sender<AgentRun>,
        _cancel: CancellationToken,
    ) -> BoxFuture<'static, AgentRun> {
        self.agent_inputs.lock().unwrap().push(input.clone());
        async move {
            let mut run = AgentRun {
                id: input.run_id.clone(),
                agent: input.agent.word().into(),
                model: input.model.clone(),
                input: input.input.clone(),
                state: "running".into(),
                ..AgentRun::default()
            };
            run.steps.push(AgentStep {
                name: "answer".into(),
                job_id: format!("step-of-{}", input.run_id),
                state: "succeeded".into(),
                output: "done".into(),
                ..AgentStep::default()
            });
            progress.send_replace(run.clone());
            run.state = "succeeded".into();
            run.output = "done".into();
            progress.send_replace(run.clone());
            run
        }
        .boxed()
    }
}
