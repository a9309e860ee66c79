//! What an agent reports about a job it runs: started, a piece of output, completed, failed.
//! An update about a job the node no longer owns frees its slot or cancels it on the agent;
//! a cancelled job's usage in it amends the ended record.

use proto::v1::{FailureCause, JobState, agent_job_update};

use super::timings;
use crate::cluster::main_loop::Cluster;

impl Cluster {
    pub(in crate::cluster) fn apply_job_update(
        &mut self,
        node_index: usize,
        job_id: String,
        seq: u64,
        event: agent_job_update::Event,
    ) {
        // Only a job holding a slot here was assigned to this agent: an update about a job
        // merely queued here (say, a late one from an earlier attempt, before a reconnect) must
        // not mark it running while it waits in the queue.
        let node = &self.nodes[node_index];
        let owned_here = node.running.contains(&job_id)
            && self
                .jobs
                .get(&job_id)
                .is_some_and(|active| active.job.node == node.name);
        if !owned_here {
            // A cancel ended the job at once; the agent's confirmation may say what it used.
            if let agent_job_update::Event::Failed(failed) = &event
                && failed.cancelled
                && let Some(usage) = failed.usage
            {
                self.amend_cancelled(&job_id, usage);
            }
            if self.nodes[node_index].running.remove(&job_id) {
                // A job that already ended here (e.g. cancelled) has now left the agent.
                self.fill_slots(node_index);
                self.changed();
            } else if !matches!(
                event,
                agent_job_update::Event::Completed(_) | agent_job_update::Event::Failed(_)
            ) {
                self.tell_agent_to_cancel(node_index, &job_id);
            }
            return;
        }
        // An update resent after a flap that was already applied (agents before resumable
        // links send 0: always applied).
        if seq != 0
            && let Some(active) = self.jobs.get_mut(&job_id)
        {
            if seq <= active.applied_seq {
                tracing::debug!(
                    job_id,
                    seq,
                    applied = active.applied_seq,
                    "a resent job update already applied; dropped"
                );
                return;
            }
            if seq != active.applied_seq + 1 {
                tracing::warn!(
                    job_id,
                    seq,
                    applied = active.applied_seq,
                    "job updates missing between the applied one and this one"
                );
            }
            active.applied_seq = seq;
        }
        // Output before `started` (an agent out of order) starts the job all the same:
        // followers have text, so losing the node now must make a new attempt, which is what
        // tells them to restart the output.
        if matches!(event, agent_job_update::Event::Delta(_))
            && self
                .jobs
                .get(&job_id)
                .is_some_and(|active| active.state() == JobState::Queued)
        {
            let started = agent_job_update::Event::Started(Default::default());
            self.apply_job_update(node_index, job_id.clone(), 0, started);
        }
        let Some(active) = self.jobs.get_mut(&job_id) else {
            return;
        };
        match event {
            agent_job_update::Event::Started(_) => {
                let now = self.clock.now_ms();
                let started = self.clock.now();
                active.job.state = JobState::Running as i32;
                active.job.started_at_ms = now;
                timings(&mut active.job).queued_ms = Some(active.millis_since_accepted(started));
                active.publish_job();
                self.writer.write(active.job.clone(), None);
            }
            agent_job_update::Event::Delta(text) => {
                if active.first_token.is_none() {
                    let first = self.clock.now();
                    active.first_token = Some(first);
                    active.spans.first_token();
                    timings(&mut active.job).time_to_first_token_ms =
                        Some(active.millis_since_accepted(first));
                }
                active.job.output.push_str(&text);
                active.publish_delta(text);
            }
            agent_job_update::Event::Completed(completed) => {
                active.job.served_model = completed.model;
                active.job.embeddings = completed.embeddings;
                active.job.usage = completed.usage;
                active.job.warnings = completed.warnings;
                active.job.done_reason = completed.done_reason;
                timings(&mut active.job).ollama = completed.stats;
                self.end(
                    &job_id,
                    JobState::Succeeded,
                    FailureCause::Unspecified,
                    String::new(),
                );
            }
            agent_job_update::Event::Failed(failed) => {
                // Agents before cloud backends sent no cause: theirs were Ollama's errors.
                let (cause, word) = match FailureCause::try_from(failed.cause) {
                    Ok(FailureCause::ProviderError) => {
                        (FailureCause::ProviderError, "provider_error")
                    }
                    Ok(FailureCause::RateLimited) => (FailureCause::RateLimited, "rate_limited"),
                    _ => (FailureCause::OllamaError, "ollama_error"),
                };
                active.job.usage = failed.usage;
                self.end(
                    &job_id,
                    JobState::Failed,
                    cause,
                    format!("{word}: {}", failed.message),
                );
            }
        }
    }
}
