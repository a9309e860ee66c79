//! A small stand-in coordinator for the link's unit tests: a real tonic server on a loopback
//! port that checks the bearer token and node name like the real one, welcomes the agent, and
//! hands each attached stream to the test.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use proto::v1::agent_link_service_server::{AgentLinkService, AgentLinkServiceServer};
use proto::v1::agent_message::Kind as AgentKind;
use proto::v1::coordinator_message::Kind;
use proto::v1::{
    AgentHello, AgentJobUpdate, AgentMessage, AgentStatus, CoordinatorMessage, ResumedJob, Welcome,
};
use tokio::sync::{Mutex, mpsc};
use tokio_stream::wrappers::{ReceiverStream, TcpListenerStream};
use tonic::{Request, Response, Status, Streaming};

pub(crate) const TOKEN: &str = "right-token";
pub(crate) const NODE: &str = "davas";

/// One agent's accepted stream, as the test sees it.
pub(crate) struct AttachedAgent {
    pub hello: AgentHello,
    pub inbound: Streaming<AgentMessage>,
    pub outbound: mpsc::Sender<Result<CoordinatorMessage, Status>>,
}

impl AttachedAgent {
    pub async fn next(&mut self) -> Option<AgentKind> {
        let message = tokio::time::timeout(Duration::from_secs(5), self.inbound.message())
            .await
            .expect("the agent sent nothing within 5 s");
        message.ok().flatten().and_then(|message| message.kind)
    }

    pub async fn next_status(&mut self) -> AgentStatus {
        loop {
            if let Some(AgentKind::Status(status)) = self.next().await {
                return status;
            }
        }
    }

    pub async fn next_job_update(&mut self) -> AgentJobUpdate {
        loop {
            match self.next().await {
                Some(AgentKind::Job(update)) => return update,
                Some(_) => {}
                None => panic!("the agent closed the stream"),
            }
        }
    }

    pub async fn send(&self, kind: Kind) {
        let message = CoordinatorMessage { kind: Some(kind) };
        self.outbound.send(Ok(message)).await.unwrap();
    }
}

struct FakeLink {
    heartbeat_interval_ms: u32,
    resume: Resume,
    keeps_unchanged_installed: Arc<AtomicBool>,
    attempts: Arc<AtomicUsize>,
    attached: mpsc::Sender<AttachedAgent>,
}

#[tonic::async_trait]
impl AgentLinkService for FakeLink {
    type AttachStream = ReceiverStream<Result<CoordinatorMessage, Status>>;

    async fn attach(
        &self,
        request: Request<Streaming<AgentMessage>>,
    ) -> Result<Response<Self::AttachStream>, Status> {
        self.attempts.fetch_add(1, Ordering::SeqCst);
        let authorization = request
            .metadata()
            .get("authorization")
            .and_then(|value| value.to_str().ok());
        if authorization != Some(&format!("Bearer {TOKEN}")) {
            return Err(Status::unauthenticated("token rejected"));
        }
        let mut inbound = request.into_inner();
        let Some(AgentMessage {
            kind: Some(AgentKind::Hello(hello)),
        }) = inbound.message().await?
        else {
            return Err(Status::invalid_argument("the first message must be hello"));
        };
        if hello.node != NODE {
            return Err(Status::permission_denied(format!(
                "unknown node {}",
                hello.node
            )));
        }
        let (outbound, receiver) = mpsc::channel(64);
        let welcome = Welcome {
            coordinator_version: "test".to_owned(),
            heartbeat_interval_ms: self.heartbeat_interval_ms,
            resume: self.resume.lock().unwrap().clone(),
            keeps_unchanged_installed: self.keeps_unchanged_installed.load(Ordering::SeqCst),
        };
        let _ = outbound
            .send(Ok(CoordinatorMessage {
                kind: Some(Kind::Welcome(welcome)),
            }))
            .await;
        let _ = self
            .attached
            .send(AttachedAgent {
                hello,
                inbound,
                outbound,
            })
            .await;
        Ok(Response::new(ReceiverStream::new(receiver)))
    }
}

/// What the next welcomes resume, as the test sets it.
type Resume = Arc<std::sync::Mutex<Vec<ResumedJob>>>;

pub(crate) struct FakeCoordinator {
    pub url: String,
    /// The held jobs the next welcomes resume (none unless the test says).
    pub resume: Resume,
    /// What the next welcomes say of unchanged installed lists (kept, as the coordinator's,
    /// unless the test plays an older coordinator).
    pub keeps_unchanged_installed: Arc<AtomicBool>,
    pub attempts: Arc<AtomicUsize>,
    attached: Mutex<mpsc::Receiver<AttachedAgent>>,
}

impl FakeCoordinator {
    pub async fn start(heartbeat_interval_ms: u32) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        Self::start_on(listener, heartbeat_interval_ms)
    }

    pub fn start_on(listener: tokio::net::TcpListener, heartbeat_interval_ms: u32) -> Self {
        let url = format!("http://{}", listener.local_addr().unwrap());
        let attempts = Arc::new(AtomicUsize::new(0));
        let (sender, receiver) = mpsc::channel(8);
        let resume = Resume::default();
        let keeps_unchanged_installed = Arc::new(AtomicBool::new(true));
        let service = FakeLink {
            heartbeat_interval_ms,
            resume: resume.clone(),
            keeps_unchanged_installed: keeps_unchanged_installed.clone(),
            attempts: attempts.clone(),
            attached: sender,
        };
        tokio::spawn(
            tonic::transport::Server::builder()
                .add_service(AgentLinkServiceServer::new(service))
                .serve_with_incoming(TcpListenerStream::new(listener)),
        );
        Self {
            url,
            resume,
            keeps_unchanged_installed,
            attempts,
            attached: Mutex::new(receiver),
        }
    }

    /// The next agent the coordinator welcomed.
    pub async fn next_agent(&self) -> AttachedAgent {
        let mut attached = self.attached.lock().await;
        tokio::time::timeout(Duration::from_secs(10), attached.recv())
            .await
            .expect("no agent attached within 10 s")
            .expect("the fake coordinator stopped")
    }

    pub fn attempts(&self) -> usize {
        self.attempts.load(Ordering::SeqCst)
    }
}
