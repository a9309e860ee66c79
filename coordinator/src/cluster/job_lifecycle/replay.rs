//! A submit whose idempotency key was used before makes no new job: it is answered with the
//! job the first submit made (the same request), or refused (a different request).

use proto::v1::{Job, JobSpec, JobState};
use tokio::sync::oneshot;

use crate::cluster::events::{JobError, Rejected, SubmitOutcome, Submitted};
use crate::cluster::main_loop::Cluster;
use crate::cluster::node::names_model;
use crate::cluster::routing::{rejection_is_transient, retry_wait_ms};

impl Cluster {
    /// The answer to a submit whose key made a job before; `None` for no key or a new one.
    pub(in crate::cluster) fn replay(
        &mut self,
        spec: &JobSpec,
        watch: bool,
    ) -> Option<SubmitOutcome> {
        let key = spec.idempotency_key.as_str();
        if key.is_empty() {
            return None;
        }
        let first = match self.job_with_key(key) {
            Ok(first) => first?,
            Err(error) => return Some(Err(error)),
        };
        let first_spec = first.spec.clone().unwrap_or_default();
        if !same_request(&first_spec, spec) {
            tracing::info!(job_id = %first.id, idempotency_key = %key, "submit refused: its idempotency key was used with a different request");
            return Some(Err(JobError::IdempotencyKeyReused {
                key: key.to_owned(),
                job_id: first.id,
            }));
        }
        tracing::info!(job_id = %first.id, idempotency_key = %key, state = first.state, "submit replayed: its idempotency key's job answers");
        crate::metrics::record_idempotent_replay();
        Some(Ok(self.answer_with(first, watch)))
    }

    /// The freshest record of the job `key` made: this process' index first (the store
    /// writer may not have committed it yet), then the store's.
    fn job_with_key(&self, key: &str) -> Result<Option<Job>, JobError> {
        let id = match self.idempotency_keys.job_id(key) {
            Some(id) => id.to_owned(),
            None => match self.store.job_with_key(key) {
                Ok(Some(job)) => job.id,
                Ok(None) => return Ok(None),
                Err(error) => return Err(JobError::Store(error.to_string())),
            },
        };
        match self.get(&id) {
            Ok(job) => Ok(Some(job)),
            Err(JobError::NotFound(_)) => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// What the first submit answered, as of now: an active job with its events to come, an
    /// ended one as its final record, a rejected one as the same rejection. Answered once
    /// everything written so far, the first job's record included, is durable.
    fn answer_with(&mut self, job: Job, watch: bool) -> Result<Submitted, Box<Rejected>> {
        let (durable, durable_receiver) = oneshot::channel();
        self.writer.after_pending(durable);
        if let Some(active) = self.jobs.get_mut(&job.id) {
            return Ok(Submitted {
                job: active.job.clone(),
                durable: durable_receiver,
                updates: watch.then(|| active.subscribe()),
            });
        }
        if job.state != JobState::Rejected as i32 {
            return Ok(Submitted {
                job,
                durable: durable_receiver,
                updates: None,
            });
        }
        let model = job
            .spec
            .as_ref()
            .map(|spec| spec.model.clone())
            .unwrap_or_default();
        let reasons = job.rejections.clone();
        Err(Box::new(Rejected {
            transient: rejection_is_transient(&reasons),
            listed: self.model_is_listed(&model),
            retry_after_ms: retry_wait_ms(&self.nodes, &reasons, &model, self.clock.now_ms()),
            reasons,
            job,
            durable: Some(durable_receiver),
        }))
    }
}

/// Whether two specs ask for the same work: kind, model, prompt, messages, texts, system and
/// options. `retries` and `source` say how to run it and where it came from, not what it is,
/// so a second submit may differ in them. The model matches by `names_model` both ways, since
/// a provider's name (`models/gemini-2.5-flash`) is given only while its node is known.
pub fn same_request(first: &JobSpec, again: &JobSpec) -> bool {
    first.kind == again.kind
        && (names_model(&first.model, &again.model) || names_model(&again.model, &first.model))
        && first.prompt == again.prompt
        && first.messages == again.messages
        && first.texts == again.texts
        && first.system == again.system
        && first.options == again.options
}

#[cfg(test)]
mod tests;
