//! The whole-state check run after every event: slots, queues and active jobs agree with one
//! another, and a job that ended stays ended.

use std::collections::{HashMap, HashSet};

use proto::v1::{Job, JobState};

use crate::cluster::Cluster;
use crate::cluster::routing::candidates;
use crate::store::is_terminal;

/// Where a job id sits on a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Slot,
    Queue,
}

/// Panics, saying what is wrong, unless:
/// - no node holds more jobs in its slots than `max_parallel`, and a connected node with jobs
///   waiting in its queue has no free slot (a free slot would have taken one);
/// - a node without a link holds nothing, unless it is disconnected (within its grace);
/// - every active job is in exactly one place (one node's slots or queue), on the node its
///   record names, which is a candidate for its model (its route allows it);
/// - an active job is `queued` or `running`; a queued place holds only `queued` jobs, and a
///   `running` job holds a slot;
/// - the only ids held that are not active are cancelled jobs keeping their slot until the
///   agent says it stopped, each in exactly one slot.
pub fn assert_consistent(cluster: &Cluster) {
    let mut places: HashMap<&str, Vec<(usize, Place)>> = HashMap::new();
    for (index, node) in cluster.nodes.iter().enumerate() {
        let name = &node.name;
        assert!(
            node.running.len() <= node.max_parallel(),
            "{name} holds {} jobs in {} slots",
            node.running.len(),
            node.max_parallel()
        );
        // A disconnected node keeps its jobs for its agent to come back.
        if node.link.is_none() && node.disconnected.is_none() {
            assert!(
                node.running.is_empty() && node.queue.is_empty(),
                "{name} is not connected but holds {:?} and queues {:?}",
                node.running,
                node.queue
            );
        }
        // Slots are filled only over a link.
        if !node.queue.is_empty() && node.link.is_some() {
            assert!(!node.has_free_slot(), "{name} has a free slot and a queue");
        }
        for id in &node.running {
            places.entry(id).or_default().push((index, Place::Slot));
        }
        for id in &node.queue {
            places.entry(id).or_default().push((index, Place::Queue));
        }
    }
    for (id, active) in &cluster.jobs {
        assert_eq!(&active.job.id, id);
        let held = places.get(id.as_str()).cloned().unwrap_or_default();
        assert_eq!(held.len(), 1, "active job {id} is held in {held:?}");
        let (index, place) = held[0];
        let node = &cluster.nodes[index];
        assert_eq!(active.job.node, node.name, "job {id} names another node");
        let model = active.job.spec.as_ref().map(|spec| spec.model.as_str());
        let allowed = candidates(&cluster.nodes, &cluster.routes, model.unwrap_or_default());
        assert!(
            allowed.contains(&index),
            "{id} is on {}, outside its route",
            node.name
        );
        assert!(
            active.job.attempt >= 1,
            "{id} has attempt {}",
            active.job.attempt
        );
        match active.state() {
            JobState::Queued => {}
            JobState::Running => assert_eq!(place, Place::Slot, "running {id} has no slot"),
            state => panic!("active job {id} is {state:?}"),
        }
    }
    for (id, held) in &places {
        if cluster.jobs.contains_key(*id) {
            continue;
        }
        assert_eq!(held.len(), 1, "ended job {id} is held in {held:?}");
        assert_eq!(held[0].1, Place::Slot, "ended job {id} is still queued");
        let state = cluster.recent.get(id).map(|job| job.state);
        assert_eq!(
            state,
            Some(JobState::Cancelled as i32),
            "{id} keeps a slot but is not a cancelled job"
        );
    }
}

/// Remembers every final record seen, to check that what ended stays ended.
#[derive(Debug, Default)]
pub struct Ledger {
    ended: HashMap<String, Job>,
    active: HashSet<String>,
}

impl Ledger {
    /// Panics unless every job that left the active set has a final record, no ended job is
    /// active again, and no final record changed (but for a cancelled job's usage arriving
    /// after its end, with the cost it makes and whether it could be priced).
    pub fn observe(&mut self, cluster: &Cluster) {
        for job in cluster.recent.records() {
            assert!(
                is_terminal(job.state),
                "recent job {} is {}",
                job.id,
                job.state
            );
            match self.ended.get_mut(&job.id) {
                Some(first) if is_usage_amendment(first, job) => *first = job.clone(),
                Some(first) => assert_eq!(first, job, "the final record of {} changed", job.id),
                None => {
                    self.ended.insert(job.id.clone(), job.clone());
                }
            }
        }
        for id in cluster.jobs.keys() {
            assert!(
                !self.ended.contains_key(id),
                "ended job {id} is active again"
            );
        }
        for id in &self.active {
            if !cluster.jobs.contains_key(id) {
                assert!(
                    self.ended.contains_key(id),
                    "{id} left without a final record"
                );
            }
        }
        self.active = cluster.jobs.keys().cloned().collect();
    }

    /// The final record of a job seen to end.
    pub fn ended(&self, id: &str) -> Option<&Job> {
        self.ended.get(id)
    }

    pub fn ended_count(&self) -> usize {
        self.ended.len()
    }
}

/// A cancelled job without usage gaining its usage and cost, and nothing else.
fn is_usage_amendment(before: &Job, after: &Job) -> bool {
    let mut amended = before.clone();
    amended.usage = after.usage;
    amended.cost_usd = after.cost_usd;
    amended.priced = after.priced;
    before.state == proto::v1::JobState::Cancelled as i32
        && before.usage.is_none()
        && after.usage.is_some()
        && amended == *after
}
