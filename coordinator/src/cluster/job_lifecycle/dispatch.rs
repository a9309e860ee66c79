//! Jobs onto a node: a free slot gets the job at once (an `AssignJob` down the agent's
//! stream), otherwise it waits in the node's queue; and a cancel down the stream.

use proto::v1::{AssignJob, CancelJobOnNode, coordinator_message};

use crate::cluster::main_loop::Cluster;

impl Cluster {
    /// Gives a job a slot on node `index` now, or a place in its queue.
    pub(in crate::cluster) fn place(&mut self, index: usize, job_id: String) {
        if let Some(active) = self.jobs.get_mut(&job_id) {
            active.spans.queued(&self.nodes[index].name);
        }
        if self.nodes[index].has_free_slot() {
            self.assign(index, job_id);
        } else {
            self.nodes[index].queue.push_back(job_id);
        }
        self.changed();
    }

    fn assign(&mut self, index: usize, job_id: String) {
        let Some(active) = self.jobs.get_mut(&job_id) else {
            return;
        };
        let node = &mut self.nodes[index];
        let Some(link) = &node.link else { return };
        let trace_context = active.spans.dispatched(&node.name, active.job.attempt);
        let message = coordinator_message::Kind::Assign(AssignJob {
            job_id: job_id.clone(),
            spec: active.job.spec.clone(),
            trace_context,
        });
        // A closed stream is noticed by its reader, which reports the node lost.
        let _ = link.outbound.send(Ok(proto::v1::CoordinatorMessage {
            kind: Some(message),
        }));
        node.running.insert(job_id);
    }

    /// Starts queued jobs while node `index` has free slots.
    pub(in crate::cluster) fn fill_slots(&mut self, index: usize) {
        while self.nodes[index].has_free_slot() && self.nodes[index].link.is_some() {
            let Some(job_id) = self.nodes[index].queue.pop_front() else {
                break;
            };
            self.assign(index, job_id);
        }
    }

    pub(in crate::cluster) fn tell_agent_to_cancel(&self, index: usize, job_id: &str) {
        if let Some(link) = &self.nodes[index].link {
            let kind = coordinator_message::Kind::Cancel(CancelJobOnNode {
                job_id: job_id.to_owned(),
            });
            let _ = link
                .outbound
                .send(Ok(proto::v1::CoordinatorMessage { kind: Some(kind) }));
        }
    }
}
