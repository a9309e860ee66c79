//! `AgentLinkService.Attach`: authenticates an agent (node name in its hello, token in the
//! `authorization` metadata), hands its stream to the cluster loop, and reports when it ends.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use proto::v1::agent_link_service_server::AgentLinkService;
use proto::v1::{AgentHello, AgentMessage, agent_message};
use settings::Secret;
use tonic::{Request, Response, Status, Streaming};

use crate::cluster::{ClusterHandle, OutboundStream, outbound_channel};
use crate::config::NodeConfig;

/// A lost agent's reason on every surface (the down node, a rejection, a `node_lost` job).
pub const AGENT_CONNECTION_LOST: &str = "connection to the agent lost";

/// An agent that connects but says nothing is dropped after this long.
const HELLO_TIMEOUT: Duration = Duration::from_secs(10);

pub struct AgentLinkApi {
    cluster: ClusterHandle,
    /// Node name -> (token, the variable it came from).
    tokens: HashMap<String, (Secret, String)>,
    next_connection_id: Arc<AtomicU64>,
}

impl AgentLinkApi {
    pub fn new(cluster: ClusterHandle, nodes: &[NodeConfig]) -> Self {
        let tokens = nodes
            .iter()
            .map(|node| {
                (
                    node.name.clone(),
                    (node.token.clone(), node.token_env.clone()),
                )
            })
            .collect();
        Self {
            cluster,
            tokens,
            next_connection_id: Arc::new(AtomicU64::new(1)),
        }
    }

    /// Checks the hello's node name and the bearer token; the error says what to fix.
    fn authenticate(&self, hello: &AgentHello, bearer: Option<&str>) -> Result<(), Status> {
        let Some((token, token_env)) = self.tokens.get(&hello.node) else {
            tracing::warn!(node = %hello.node, "refused an agent: unknown node name");
            return Err(Status::permission_denied(format!(
                "node `{}` is not in the coordinator's config; add a [[nodes]] entry for it",
                hello.node.escape_debug()
            )));
        };
        if !bearer.is_some_and(|offered| token.matches(offered)) {
            let what = if bearer.is_some() {
                "wrong token"
            } else {
                "no token"
            };
            tracing::warn!(node = %hello.node, problem = what, "refused an agent: token rejected");
            return Err(Status::unauthenticated(format!(
                "{what} for node {}: the agent's RUNNER_AGENT_TOKEN must equal the coordinator's {token_env}",
                hello.node
            )));
        }
        Ok(())
    }
}

fn bearer_token<T>(request: &Request<T>) -> Option<String> {
    let value = request.metadata().get("authorization")?.to_str().ok()?;
    value.strip_prefix("Bearer ").map(str::to_owned)
}

async fn read_hello(inbound: &mut Streaming<AgentMessage>) -> Result<AgentHello, Status> {
    let first = tokio::time::timeout(HELLO_TIMEOUT, inbound.message())
        .await
        .map_err(|_| Status::deadline_exceeded("no hello within 10 s of attaching"))??;
    match first.and_then(|message| message.kind) {
        Some(agent_message::Kind::Hello(hello)) => Ok(hello),
        _ => Err(Status::invalid_argument(
            "the first message on the agent link must be a hello",
        )),
    }
}

#[tonic::async_trait]
impl AgentLinkService for AgentLinkApi {
    type AttachStream = OutboundStream;

    async fn attach(
        &self,
        request: Request<Streaming<AgentMessage>>,
    ) -> Result<Response<Self::AttachStream>, Status> {
        let bearer = bearer_token(&request);
        let remote = request.remote_addr();
        let mut inbound = request.into_inner();
        let hello = read_hello(&mut inbound).await?;
        self.authenticate(&hello, bearer.as_deref())?;
        let node = hello.node.clone();
        let connection_id = self.next_connection_id.fetch_add(1, Ordering::Relaxed);
        let (outbound, outbound_stream) = outbound_channel();
        if self
            .cluster
            .attach_agent(hello, connection_id, outbound)
            .await
            .is_none()
        {
            return Err(Status::unavailable("the coordinator is shutting down"));
        }
        tracing::info!(node = %node, connection_id, remote = ?remote, "agent link open");
        let cluster = self.cluster.clone();
        tokio::spawn(async move {
            let (reason, goodbye) = loop {
                match inbound.message().await {
                    Ok(Some(message)) => match message.kind {
                        Some(kind) => cluster.agent_message(node.clone(), connection_id, kind),
                        None => {
                            tracing::warn!(node = %node, "agent sent an empty message; ignored")
                        }
                    },
                    Ok(None) => break ("the agent closed its connection".to_owned(), true),
                    Err(status) => {
                        // People read what happened; the transport's words ("h2 protocol
                        // error: …") go only to this log line, with the node.
                        tracing::warn!(node = %node, connection_id, error = %status.message(), code = ?status.code(), "agent link failed");
                        break (AGENT_CONNECTION_LOST.to_owned(), false);
                    }
                }
            };
            tracing::info!(node = %node, connection_id, %reason, "agent link closed");
            cluster.agent_detached(node, connection_id, reason, goodbye);
        });
        Ok(Response::new(outbound_stream))
    }
}
