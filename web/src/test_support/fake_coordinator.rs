//! A fake coordinator for the handler tests: real tonic `JobService` and `ClusterService` on
//! an ephemeral port. It keeps jobs, rejects models its snapshot says are unavailable (with the
//! same status details as the real one), plays scripted job events, and records requests.
//! Its `JobService` half is in `fake_job_service.rs`, its `UsageService` in
//! `fake_usage_service.rs`, its `MemoryService` in `fake_memory_service.rs`, its
//! `ScheduleService` (only when started with schedules) in `fake_schedule_service.rs`.

use std::collections::{BTreeMap, HashMap};
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use client::Coordinator;
use futures::{Stream, StreamExt};
use proto::v1::cluster_service_server::{ClusterService, ClusterServiceServer};
use proto::v1::job_service_server::JobServiceServer;
use proto::v1::memory_service_server::MemoryServiceServer;
use proto::v1::schedule_service_server::ScheduleServiceServer;
use proto::v1::usage_service_server::UsageServiceServer;
use proto::v1::*;
use tokio::sync::watch;
use tokio_stream::wrappers::{TcpListenerStream, WatchStream};
use tokio_util::sync::CancellationToken;
use tonic::{Code, Request, Response, Status};
use tonic_types::{ErrorDetails, PreconditionViolation, StatusExt};

use super::cluster_fixture::operators_cluster;

#[derive(Default)]
pub(super) struct Recorded {
    pub(super) jobs: BTreeMap<String, Job>,
    pub(super) submitted: Vec<JobSpec>,
    pub(super) cancelled: Vec<String>,
    pub(super) draining: Vec<(String, bool)>,
    pub(super) job_events: HashMap<String, Vec<JobEvent>>,
    /// `GetUsage`'s answer for each `by` (as the request's list of groupings).
    pub(super) usage_reports: HashMap<Vec<i32>, UsageReport>,
    pub(super) usage_requests: Vec<GetUsageRequest>,
    /// `BuildContext`'s answer; `None`: memory is not configured; `Some(None)`: no answer ever.
    pub(super) memory_context: Option<Option<Result<MemoryContext, Status>>>,
    pub(super) memory_questions: Vec<String>,
    pub(super) schedules: Vec<Schedule>,
    pub(super) schedule_reads: Vec<GetScheduleRequest>,
    pub(super) schedule_runs: Vec<String>,
    pub(super) schedule_pauses: Vec<(String, bool)>,
}

#[derive(Clone)]
pub(super) struct Fake {
    pub(super) snapshot: watch::Sender<ClusterSnapshot>,
    pub(super) recorded: Arc<Mutex<Recorded>>,
    broken: CancellationToken,
}

pub struct FakeCoordinator {
    pub url: String,
    fake: Fake,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for FakeCoordinator {
    fn drop(&mut self) {
        self.server.abort();
    }
}

pub(super) type Boxed<T> = Pin<Box<dyn Stream<Item = Result<T, Status>> + Send>>;

impl FakeCoordinator {
    /// Without a `ScheduleService`: calls to it answer UNIMPLEMENTED, as an older coordinator's.
    pub async fn start() -> Self {
        Self::serve(None).await
    }

    /// Serving `ScheduleService` with these schedules.
    pub async fn with_schedules(schedules: Vec<Schedule>) -> Self {
        Self::serve(Some(schedules)).await
    }

    async fn serve(schedules: Option<Vec<Schedule>>) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let fake = Fake {
            snapshot: watch::Sender::new(operators_cluster()),
            recorded: Arc::default(),
            broken: CancellationToken::new(),
        };
        let schedule_service = schedules.map(|schedules| {
            fake.recorded.lock().unwrap().schedules = schedules;
            ScheduleServiceServer::new(fake.clone())
        });
        let served = fake.clone();
        let server = tokio::spawn(async move {
            tonic::transport::Server::builder()
                .add_service(JobServiceServer::new(served.clone()))
                .add_service(UsageServiceServer::new(served.clone()))
                .add_service(MemoryServiceServer::new(served.clone()))
                .add_service(ClusterServiceServer::new(served))
                .add_optional_service(schedule_service)
                .serve_with_incoming(TcpListenerStream::new(listener))
                .await
                .unwrap();
        });
        Self { url, fake, server }
    }

    pub fn client(&self) -> Coordinator {
        Coordinator::lazy(&self.url).unwrap()
    }

    /// Ends every cluster watch and refuses new ones, as a stopped coordinator would.
    pub async fn stop(&self) {
        self.fake.broken.cancel();
    }

    /// How many `WatchCluster` streams are open now.
    pub fn open_watches(&self) -> usize {
        self.fake.snapshot.receiver_count()
    }

    pub fn set_snapshot(&self, change: impl FnOnce(&mut ClusterSnapshot)) {
        self.fake.snapshot.send_modify(|snapshot| {
            change(snapshot);
            snapshot.version += 1;
        });
    }

    pub fn put_job(&self, job: Job) {
        self.recorded().jobs.insert(job.id.clone(), job);
    }

    /// What `WatchJob` plays for `job_id` (then the stream ends).
    pub fn script_job_events(&self, job_id: &str, events: Vec<JobEvent>) {
        self.recorded().job_events.insert(job_id.to_owned(), events);
    }

    /// What `GetUsage` answers when asked for these groupings.
    pub fn script_usage(&self, by: &[UsageGrouping], report: UsageReport) {
        let by = by.iter().map(|by| *by as i32).collect();
        self.recorded().usage_reports.insert(by, report);
    }

    pub fn usage_requests(&self) -> Vec<GetUsageRequest> {
        self.recorded().usage_requests.clone()
    }

    /// What `BuildContext` answers from now on.
    pub fn script_memory_context(&self, answer: Result<MemoryContext, Status>) {
        self.recorded().memory_context = Some(Some(answer));
    }

    /// `BuildContext` never answers from now on.
    pub fn hang_memory(&self) {
        self.recorded().memory_context = Some(None);
    }

    /// The questions `BuildContext` was asked, in order.
    pub fn memory_questions(&self) -> Vec<String> {
        self.recorded().memory_questions.clone()
    }

    /// The schedules `RunSchedule` fired, in order.
    pub fn schedule_runs(&self) -> Vec<String> {
        self.recorded().schedule_runs.clone()
    }

    pub fn schedule_pauses(&self) -> Vec<(String, bool)> {
        self.recorded().schedule_pauses.clone()
    }

    pub fn schedule_reads(&self) -> Vec<GetScheduleRequest> {
        self.recorded().schedule_reads.clone()
    }

    pub fn submitted(&self) -> Vec<JobSpec> {
        self.recorded().submitted.clone()
    }

    pub fn cancelled(&self) -> Vec<String> {
        self.recorded().cancelled.clone()
    }

    pub fn draining(&self) -> Vec<(String, bool)> {
        self.recorded().draining.clone()
    }

    fn recorded(&self) -> std::sync::MutexGuard<'_, Recorded> {
        self.fake.recorded.lock().unwrap()
    }
}

impl Fake {
    pub(super) fn rejection(&self, spec: &JobSpec, id: &str) -> Option<Status> {
        let snapshot = self.snapshot.borrow();
        let model = snapshot.models.iter().find(|m| m.model == spec.model)?;
        if model.available {
            return None;
        }
        let violations: Vec<PreconditionViolation> = model
            .nodes
            .iter()
            .map(|node| {
                PreconditionViolation::new("AGENT_DOWN", node.node.clone(), node.reason.clone())
            })
            .collect();
        let mut details = ErrorDetails::with_precondition_failure(violations);
        let metadata = HashMap::from([("job_id".to_owned(), id.to_owned())]);
        details.set_error_info("NO_ELIGIBLE_NODE", "llm-runner", metadata);
        let message = format!("no node can run {}", spec.model);
        Some(Status::with_error_details(
            Code::Unavailable,
            message,
            details,
        ))
    }
}

#[tonic::async_trait]
impl ClusterService for Fake {
    async fn list_nodes(
        &self,
        _: Request<ListNodesRequest>,
    ) -> Result<Response<ListNodesResponse>, Status> {
        Ok(Response::new(ListNodesResponse {
            nodes: self.snapshot.borrow().nodes.clone(),
        }))
    }

    async fn list_models(
        &self,
        _: Request<ListModelsRequest>,
    ) -> Result<Response<ListModelsResponse>, Status> {
        Ok(Response::new(ListModelsResponse {
            models: self.snapshot.borrow().models.clone(),
        }))
    }

    async fn set_draining(
        &self,
        request: Request<SetDrainingRequest>,
    ) -> Result<Response<Node>, Status> {
        let request = request.into_inner();
        let node = self
            .snapshot
            .borrow()
            .nodes
            .iter()
            .find(|n| n.name == request.node)
            .cloned();
        let node =
            node.ok_or_else(|| Status::not_found(format!("no node named {}", request.node)))?;
        self.recorded
            .lock()
            .unwrap()
            .draining
            .push((request.node, request.draining));
        Ok(Response::new(Node {
            draining: request.draining,
            ..node
        }))
    }

    type WatchClusterStream = Boxed<ClusterSnapshot>;

    async fn watch_cluster(
        &self,
        _: Request<WatchClusterRequest>,
    ) -> Result<Response<Self::WatchClusterStream>, Status> {
        if self.broken.is_cancelled() {
            return Err(Status::unavailable("the fake coordinator is stopped"));
        }
        let snapshots = WatchStream::new(self.snapshot.subscribe()).map(Ok);
        Ok(Response::new(Box::pin(
            snapshots.take_until(self.broken.clone().cancelled_owned()),
        )))
    }
}
