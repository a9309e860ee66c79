//! A cluster loop without processes: a `Cluster` on a `ManualClock` with an in-memory store,
//! fake agents whose streams the test reads, and one helper per `ClusterEvent` that sends it
//! straight to the loop's handler and then checks the whole state (`consistency`).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Duration;

use proto::v1::{
    AgentHello, AgentJobUpdate, AgentStatus, InstalledModel, Job, JobCompletedOnNode,
    JobFailedOnNode, JobKind, JobSpec, ModelAvailability, Node, Welcome, agent_job_update,
    agent_message, coordinator_message,
};
use tokio::sync::oneshot;

use super::consistency::{Ledger, assert_consistent};
use crate::clock::ManualClock;
use crate::cluster::events::{Reply, Submitted};
use crate::cluster::routing::{candidates, ineligibility_code};
use crate::cluster::{
    Cluster, ClusterEvent, JobError, JobWatch, OutboundStream, Rejected, SubmitOutcome,
    new_cluster_with_clock, outbound_channel,
};
use crate::config::{CoordinatorConfig, LogFormat, NodeConfig, SpendConfig};
use crate::store::{JobStore, MemoryJobStore, StoreWriter};

pub const START_MS: i64 = 1_795_651_200_000;
pub const HEARTBEAT_TIMEOUT: Duration = Duration::from_secs(5);
pub const QUEUE_CAPACITY: usize = 2;
pub const GEMMA: &str = "gemma4:27b";
pub const QWEN: &str = "qwen2.5:14b";

/// One agent's side of its link: which stream it is and what the coordinator sent down it.
pub struct FakeAgent {
    pub connection_id: u64,
    pub stream: OutboundStream,
}

pub struct Harness {
    pub cluster: Cluster,
    pub clock: ManualClock,
    pub store: Arc<dyn JobStore>,
    pub ledger: Ledger,
    pub agents: HashMap<String, FakeAgent>,
    next_connection_id: u64,
    _data_dir: tempfile::TempDir,
}

impl Harness {
    /// A loop over `nodes` (none connected yet) with `routes` (model -> allowed nodes). Needs a
    /// Tokio runtime: the store writer runs on its blocking pool.
    pub fn new(nodes: &[&str], routes: &[(&str, &[&str])]) -> Self {
        Self::with_spend(nodes, routes, SpendConfig::default())
    }

    /// Like `new`, with `[[prices]]` and `[[budgets]]`.
    pub fn with_spend(nodes: &[&str], routes: &[(&str, &[&str])], spend: SpendConfig) -> Self {
        // tmpfs when there is one: a drain is saved with an fsync.
        let data_dir = tempfile::tempdir_in("/dev/shm")
            .or_else(|_| tempfile::tempdir())
            .unwrap();
        let config = CoordinatorConfig {
            grpc_addr: "127.0.0.1:0".parse().unwrap(),
            http_addr: "127.0.0.1:0".parse().unwrap(),
            data_dir: data_dir.path().to_owned(),
            heartbeat_timeout: HEARTBEAT_TIMEOUT,
            // Lost at once, as before agents rode out flaps; `with_grace` tests the grace.
            disconnect_grace: Duration::ZERO,
            queue_capacity: QUEUE_CAPACITY,
            max_prompt_bytes: 1 << 20,
            log_format: LogFormat::default(),
            agent_tls: None,
            nodes: nodes
                .iter()
                .map(|name| NodeConfig {
                    name: (*name).to_owned(),
                    labels: Vec::new(),
                    token_env: "TOKEN".into(),
                    token: settings::Secret::new("token"),
                })
                .collect(),
            routes: routes
                .iter()
                .map(|(model, allowed)| {
                    let allowed = allowed.iter().map(|node| (*node).to_owned()).collect();
                    ((*model).to_owned(), allowed)
                })
                .collect::<BTreeMap<_, _>>(),
            spend,
        };
        let store: Arc<dyn JobStore> = Arc::new(MemoryJobStore::default());
        let (writer, _) = StoreWriter::start(store.clone());
        let clock = ManualClock::starting_at(START_MS);
        let (_, cluster) =
            new_cluster_with_clock(&config, store.clone(), writer, Arc::new(clock.clone()));
        Self {
            cluster,
            clock,
            store,
            ledger: Ledger::default(),
            agents: HashMap::new(),
            next_connection_id: 1,
            _data_dir: data_dir,
        }
    }

    /// Hands `event` to the loop and checks the whole state after it.
    pub fn send(&mut self, event: ClusterEvent) {
        self.cluster.handle(event);
        self.check();
    }

    pub fn check(&mut self) {
        assert_consistent(&self.cluster);
        self.ledger.observe(&self.cluster);
    }

    /// Sends an event that carries a reply and returns the answer (the loop answers at once).
    pub fn ask<T>(&mut self, make: impl FnOnce(Reply<T>) -> ClusterEvent) -> T {
        let (reply, mut answer) = oneshot::channel();
        self.send(make(reply));
        answer.try_recv().unwrap()
    }

    /// Moves time on and runs the loop's heartbeat check, as its tick does.
    pub fn advance(&mut self, by: Duration) {
        self.clock.advance(by);
        self.cluster.check_heartbeats();
        self.check();
    }

    /// Holds a node whose link dropped `disconnected` for `grace` before it is lost.
    pub fn with_grace(mut self, grace: Duration) -> Self {
        self.cluster.disconnect_grace = grace;
        self
    }

    /// Attaches a new stream for `node`, replacing any earlier one in the harness too.
    pub fn attach(&mut self, node: &str, max_parallel: u32) -> Welcome {
        self.attach_backend(node, max_parallel, "")
    }

    /// Attaches `node` as an agent back from a flap, holding `held` (job id, last seq).
    pub fn attach_holding(
        &mut self,
        node: &str,
        max_parallel: u32,
        held: &[(&str, u64)],
    ) -> Welcome {
        self.attach_holding_backend(node, max_parallel, "", held)
    }

    /// Like `attach_holding`, for an agent serving `backend`.
    pub fn attach_holding_backend(
        &mut self,
        node: &str,
        max_parallel: u32,
        backend: &str,
        held: &[(&str, u64)],
    ) -> Welcome {
        let held = held
            .iter()
            .map(|(job_id, last_seq)| proto::v1::HeldJob {
                job_id: (*job_id).to_owned(),
                last_seq: *last_seq,
            })
            .collect();
        self.attach_with(node, max_parallel, backend, held)
    }

    /// Attaches `node` as an agent serving `backend` ("groq", …; empty: an older agent).
    pub fn attach_backend(&mut self, node: &str, max_parallel: u32, backend: &str) -> Welcome {
        self.attach_with(node, max_parallel, backend, Vec::new())
    }

    fn attach_with(
        &mut self,
        node: &str,
        max_parallel: u32,
        backend: &str,
        held_jobs: Vec<proto::v1::HeldJob>,
    ) -> Welcome {
        let (outbound, stream) = outbound_channel();
        let connection_id = self.next_connection_id;
        self.next_connection_id += 1;
        self.agents.insert(
            node.to_owned(),
            FakeAgent {
                connection_id,
                stream,
            },
        );
        let hello = AgentHello {
            node: node.to_owned(),
            agent_version: "test".into(),
            max_parallel,
            backend: backend.to_owned(),
            held_jobs,
            ..Default::default()
        };
        self.ask(|reply| ClusterEvent::AgentAttached {
            hello,
            connection_id,
            outbound,
            reply,
        })
    }

    pub fn connection_id(&self, node: &str) -> u64 {
        self.agents
            .get(node)
            .map(|agent| agent.connection_id)
            .unwrap_or(0)
    }

    pub fn message(&mut self, node: &str, message: agent_message::Kind) {
        let connection_id = self.connection_id(node);
        self.send(ClusterEvent::AgentMessage {
            node: node.to_owned(),
            connection_id,
            message,
        });
    }

    pub fn status(&mut self, node: &str, models: &[&str], ollama_reachable: bool) {
        self.status_with(node, models, ollama_reachable, Vec::new());
    }

    /// A status with models the node would serve but cannot now.
    pub fn status_with(
        &mut self,
        node: &str,
        models: &[&str],
        ollama_reachable: bool,
        unavailable: Vec<proto::v1::UnavailableModel>,
    ) {
        let installed = models
            .iter()
            .map(|name| InstalledModel {
                name: (*name).to_owned(),
                ..Default::default()
            })
            .collect();
        self.message(
            node,
            agent_message::Kind::Status(AgentStatus {
                ollama_reachable,
                installed,
                unavailable,
                ..Default::default()
            }),
        );
    }

    /// Attaches `node` with `max_parallel` slots and reports `models` installed and healthy.
    pub fn ready(&mut self, node: &str, max_parallel: u32, models: &[&str]) {
        self.attach(node, max_parallel);
        self.status(node, models, true);
        self.sent(node);
    }

    pub fn update(&mut self, node: &str, job_id: &str, event: agent_job_update::Event) {
        self.update_numbered(node, job_id, 0, event);
    }

    /// An update numbered `seq`, as agents that resume jobs after a flap send them.
    pub fn update_numbered(
        &mut self,
        node: &str,
        job_id: &str,
        seq: u64,
        event: agent_job_update::Event,
    ) {
        let update = AgentJobUpdate {
            job_id: job_id.to_owned(),
            event: Some(event),
            seq,
        };
        self.message(node, agent_message::Kind::Job(update));
    }

    pub fn started(&mut self, node: &str, job_id: &str) {
        self.update(
            node,
            job_id,
            agent_job_update::Event::Started(Default::default()),
        );
    }

    pub fn delta(&mut self, node: &str, job_id: &str, text: &str) {
        self.update(node, job_id, agent_job_update::Event::Delta(text.into()));
    }

    pub fn completed(&mut self, node: &str, job_id: &str) {
        let completed = JobCompletedOnNode {
            model: GEMMA.into(),
            ..Default::default()
        };
        self.update(node, job_id, agent_job_update::Event::Completed(completed));
    }

    pub fn failed(&mut self, node: &str, job_id: &str, message: &str) {
        let failed = JobFailedOnNode {
            message: message.into(),
            ..Default::default()
        };
        self.update(node, job_id, agent_job_update::Event::Failed(failed));
    }

    pub fn detach(&mut self, node: &str, reason: &str) {
        let connection_id = self.connection_id(node);
        self.send(ClusterEvent::AgentDetached {
            node: node.to_owned(),
            connection_id,
            reason: reason.to_owned(),
            goodbye: false,
        });
    }

    /// Submits a generate job and checks the routing rule held: an accepted job went to a node
    /// that was eligible before the submit, a rejected one had no eligible candidate.
    pub fn submit_spec(&mut self, spec: JobSpec, watch: bool) -> Result<Submitted, Box<Rejected>> {
        let model = spec.model.clone();
        let cluster = &self.cluster;
        let eligible_before: Vec<String> = candidates(&cluster.nodes, &cluster.routes, &model)
            .into_iter()
            .map(|index| &cluster.nodes[index])
            .filter(|node| {
                ineligibility_code(node, &model, cluster.queue_capacity, cluster.clock.now_ms())
                    .is_none()
            })
            .map(|node| node.name.clone())
            .collect();
        let outcome = self
            .submit_outcome(spec, watch)
            .unwrap_or_else(|error| panic!("the submit of {model} failed: {error}"));
        match &outcome {
            Ok(submitted) => assert!(
                eligible_before.contains(&submitted.job.node),
                "{model} went to {}, which was not eligible (eligible: {eligible_before:?})",
                submitted.job.node
            ),
            Err(rejected) => {
                assert!(
                    eligible_before.is_empty(),
                    "{model} rejected though {eligible_before:?} could run it"
                );
                assert_eq!(rejected.job.rejections, rejected.reasons);
            }
        }
        outcome
    }

    /// Submits `spec` and returns the loop's whole answer, a refusal (`JobError`) included;
    /// no routing check, since a replayed job was routed before.
    pub fn submit_outcome(&mut self, spec: JobSpec, watch: bool) -> SubmitOutcome {
        self.ask(|reply| ClusterEvent::Submit {
            spec,
            trace_context: telemetry::TraceCarrier::new(),
            watch,
            reply,
        })
    }

    pub fn submit(&mut self, model: &str, retries: u32) -> Result<Submitted, Box<Rejected>> {
        self.submit_spec(generate(model, retries), false)
    }

    /// Submits a job that must be accepted and returns its id.
    pub fn accepted(&mut self, model: &str, retries: u32) -> String {
        match self.submit(model, retries) {
            Ok(submitted) => submitted.job.id,
            Err(rejected) => panic!("rejected: {}", rejected.job.reason),
        }
    }

    pub fn watch(&mut self, id: &str) -> Result<JobWatch, JobError> {
        let id = id.to_owned();
        self.ask(|reply| ClusterEvent::Watch { id, reply })
    }

    pub fn get(&mut self, id: &str) -> Result<Job, JobError> {
        let id = id.to_owned();
        self.ask(|reply| ClusterEvent::Get { id, reply })
    }

    pub fn cancel(&mut self, id: &str) -> Result<Job, JobError> {
        let id = id.to_owned();
        self.ask(|reply| ClusterEvent::Cancel { id, reply })
    }

    pub fn set_draining(&mut self, node: &str, draining: bool) -> Result<Node, JobError> {
        let node = node.to_owned();
        self.ask(|reply| ClusterEvent::SetDraining {
            node,
            draining,
            reply,
        })
    }

    pub fn nodes(&mut self) -> Vec<Node> {
        self.ask(|reply| ClusterEvent::ListNodes {
            detail: crate::cluster::NodeDetail::Full,
            reply,
        })
    }

    pub fn node(&mut self, name: &str) -> Node {
        self.nodes()
            .into_iter()
            .find(|node| node.name == name)
            .unwrap()
    }

    pub fn models(&mut self) -> Vec<ModelAvailability> {
        self.ask(|reply| ClusterEvent::ListModels {
            answers: true,
            reply,
        })
    }

    /// Everything the coordinator sent down `node`'s current stream since last asked.
    pub fn sent(&mut self, node: &str) -> Vec<coordinator_message::Kind> {
        let Some(agent) = self.agents.get_mut(node) else {
            return Vec::new();
        };
        let mut kinds = Vec::new();
        while let Some(item) = agent.stream.try_next() {
            kinds.extend(item.unwrap().kind);
        }
        kinds
    }

    /// The ids of the jobs assigned to `node` since last asked.
    pub fn assigned(&mut self, node: &str) -> Vec<String> {
        self.sent(node)
            .into_iter()
            .filter_map(|kind| match kind {
                coordinator_message::Kind::Assign(assign) => Some(assign.job_id),
                _ => None,
            })
            .collect()
    }

    /// The record of an active job, or its final one.
    pub fn job(&mut self, id: &str) -> Job {
        self.get(id).unwrap()
    }
}

pub fn generate(model: &str, retries: u32) -> JobSpec {
    JobSpec {
        kind: JobKind::Generate as i32,
        model: model.into(),
        prompt: "why is the sky blue".into(),
        retries,
        ..Default::default()
    }
}
