//! A tiny in-process coordinator for the CLI's tests: real tonic `JobService` and
//! `ClusterService` servers on an ephemeral port that answer from a script and record what
//! the CLI asked, so the client commands run over real gRPC.

use std::pin::Pin;
use std::sync::{Arc, Mutex};

use futures::{Stream, StreamExt};
use proto::v1::cluster_service_server::{ClusterService, ClusterServiceServer};
use proto::v1::job_service_server::{JobService, JobServiceServer};
use proto::v1::{
    CancelJobRequest, GetJobRequest, Job, JobEvent, JobSpec, JobState, ListJobsRequest,
    ListJobsResponse, ListModelsRequest, ListModelsResponse, ListNodesRequest, ListNodesResponse,
    ModelAvailability, Node, SetDrainingRequest, SubmitJobRequest, SubmitJobResponse,
    WatchJobRequest,
};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_stream::wrappers::TcpListenerStream;
use tonic::{Request, Response, Status};

pub const JOB_ID: &str = "01JA0000000000000000000000";

/// What the fake coordinator answers; `None` answers mean "accept" (or "not found" for gets).
#[derive(Clone, Default)]
pub struct Script {
    pub submit: Option<Result<Job, Status>>,
    pub watch_events: Vec<JobEvent>,
    /// Keep the watch stream open after the scripted events, as for a job still running.
    pub watch_stays_open: bool,
    pub get_job: Option<Job>,
    pub cancel_refusal: Option<Status>,
    pub jobs: Vec<Job>,
    /// The next-page cursor `ListJobs` answers with.
    pub next_before_id: String,
    pub nodes: Vec<Node>,
    pub models: Vec<ModelAvailability>,
}

/// Every request the CLI made, in order.
#[derive(Debug, Default)]
pub struct Recorded {
    pub submitted: Vec<JobSpec>,
    /// Jobs the CLI followed, by `WatchJob` or as the stream of its `SubmitAndWatch`.
    pub watched: Vec<String>,
    /// How many submits came as `SubmitAndWatch`.
    pub submitted_and_watched: usize,
    pub cancelled: Vec<String>,
    pub listed: Vec<ListJobsRequest>,
    pub draining: Vec<SetDrainingRequest>,
}

#[derive(Clone)]
struct FakeCoordinator {
    script: Arc<Script>,
    recorded: Arc<Mutex<Recorded>>,
}

impl FakeCoordinator {
    fn record(&self, change: impl FnOnce(&mut Recorded)) {
        change(&mut self.recorded.lock().unwrap());
    }
}

pub struct RunningFake {
    pub url: String,
    pub recorded: Arc<Mutex<Recorded>>,
    server: JoinHandle<()>,
}

impl Drop for RunningFake {
    fn drop(&mut self) {
        self.server.abort();
    }
}

pub async fn start(script: Script) -> RunningFake {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let fake = FakeCoordinator {
        script: Arc::new(script),
        recorded: Arc::default(),
    };
    let recorded = fake.recorded.clone();
    let server = tokio::spawn(async move {
        tonic::transport::Server::builder()
            .add_service(JobServiceServer::new(fake.clone()))
            .add_service(ClusterServiceServer::new(fake))
            .serve_with_incoming(TcpListenerStream::new(listener))
            .await
            .unwrap();
    });
    RunningFake {
        url,
        recorded,
        server,
    }
}

pub fn accepted_job(spec: JobSpec) -> Job {
    Job {
        id: JOB_ID.into(),
        spec: Some(spec),
        state: JobState::Queued as i32,
        ..Default::default()
    }
}

type JobEvents = Pin<Box<dyn Stream<Item = Result<JobEvent, Status>> + Send>>;

#[tonic::async_trait]
impl JobService for FakeCoordinator {
    async fn submit_job(
        &self,
        request: Request<SubmitJobRequest>,
    ) -> Result<Response<SubmitJobResponse>, Status> {
        let spec = request.into_inner().spec.unwrap_or_default();
        self.record(|recorded| recorded.submitted.push(spec.clone()));
        let job = self
            .script
            .submit
            .clone()
            .unwrap_or_else(|| Ok(accepted_job(spec)))?;
        Ok(Response::new(SubmitJobResponse { job: Some(job) }))
    }

    type SubmitAndWatchStream = JobEvents;

    /// Accepts like `submit_job`, then streams the scripted watch events (whose first event
    /// plays the accepted job's snapshot), or just the accepted job when none are scripted.
    async fn submit_and_watch(
        &self,
        request: Request<SubmitJobRequest>,
    ) -> Result<Response<JobEvents>, Status> {
        let spec = request.into_inner().spec.unwrap_or_default();
        self.record(|recorded| {
            recorded.submitted.push(spec.clone());
            recorded.submitted_and_watched += 1;
        });
        let job = self
            .script
            .submit
            .clone()
            .unwrap_or_else(|| Ok(accepted_job(spec)))?;
        self.record(|recorded| recorded.watched.push(job.id.clone()));
        let mut scripted = self.script.watch_events.clone();
        if scripted.is_empty() {
            scripted.push(JobEvent {
                event: Some(proto::v1::job_event::Event::Job(job)),
            });
        }
        let events = futures::stream::iter(scripted.into_iter().map(Ok));
        let stream: JobEvents = if self.script.watch_stays_open {
            Box::pin(events.chain(futures::stream::pending()))
        } else {
            Box::pin(events)
        };
        Ok(Response::new(stream))
    }

    type WatchJobStream = JobEvents;

    async fn watch_job(
        &self,
        request: Request<WatchJobRequest>,
    ) -> Result<Response<JobEvents>, Status> {
        self.record(|recorded| recorded.watched.push(request.into_inner().id));
        let events = futures::stream::iter(self.script.watch_events.clone().into_iter().map(Ok));
        let stream: JobEvents = if self.script.watch_stays_open {
            Box::pin(events.chain(futures::stream::pending()))
        } else {
            Box::pin(events)
        };
        Ok(Response::new(stream))
    }

    async fn get_job(&self, request: Request<GetJobRequest>) -> Result<Response<Job>, Status> {
        let id = request.into_inner().id;
        match &self.script.get_job {
            Some(job) if job.id == id => Ok(Response::new(job.clone())),
            _ => Err(Status::not_found(format!(
                "no job with id {id}; list jobs with `runner jobs`"
            ))),
        }
    }

    async fn list_jobs(
        &self,
        request: Request<ListJobsRequest>,
    ) -> Result<Response<ListJobsResponse>, Status> {
        self.record(|recorded| recorded.listed.push(request.into_inner()));
        Ok(Response::new(ListJobsResponse {
            jobs: self.script.jobs.clone(),
            next_before_id: self.script.next_before_id.clone(),
        }))
    }

    async fn cancel_job(
        &self,
        request: Request<CancelJobRequest>,
    ) -> Result<Response<Job>, Status> {
        let id = request.into_inner().id;
        self.record(|recorded| recorded.cancelled.push(id.clone()));
        if let Some(refusal) = &self.script.cancel_refusal {
            return Err(refusal.clone());
        }
        Ok(Response::new(Job {
            id,
            state: JobState::Cancelled as i32,
            node: "davas".into(),
            attempt: 1,
            ..Default::default()
        }))
    }
}

#[tonic::async_trait]
impl ClusterService for FakeCoordinator {
    type WatchClusterStream = futures::stream::Empty<Result<proto::v1::ClusterSnapshot, Status>>;

    async fn watch_cluster(
        &self,
        _: Request<proto::v1::WatchClusterRequest>,
    ) -> Result<Response<Self::WatchClusterStream>, Status> {
        Err(Status::unimplemented("the CLI does not watch the cluster"))
    }

    async fn list_nodes(
        &self,
        _: Request<ListNodesRequest>,
    ) -> Result<Response<ListNodesResponse>, Status> {
        Ok(Response::new(ListNodesResponse {
            nodes: self.script.nodes.clone(),
        }))
    }

    async fn list_models(
        &self,
        _: Request<ListModelsRequest>,
    ) -> Result<Response<ListModelsResponse>, Status> {
        Ok(Response::new(ListModelsResponse {
            models: self.script.models.clone(),
        }))
    }

    async fn set_draining(
        &self,
        request: Request<SetDrainingRequest>,
    ) -> Result<Response<Node>, Status> {
        let request = request.into_inner();
        self.record(|recorded| recorded.draining.push(request.clone()));
        if !self
            .script
            .nodes
            .iter()
            .any(|node| node.name == request.node)
        {
            return Err(Status::not_found(format!(
                "no node named {}; list nodes with `runner nodes`",
                request.node
            )));
        }
        Ok(Response::new(Node {
            name: request.node,
            draining: request.draining,
            ..Default::default()
        }))
    }
}
