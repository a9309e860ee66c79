//! Opens the link: dials the coordinator, sends `hello` with the bearer token, and waits for
//! `welcome`. A refusal is told apart from an outage so the log says what to fix.

use std::time::Duration;

use proto::v1::agent_link_service_client::AgentLinkServiceClient;
use proto::v1::coordinator_message::Kind;
use proto::v1::{AgentHello, AgentMessage, CoordinatorMessage, ResumedJob, agent_message};
use settings::Secret;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::metadata::MetadataValue;
use tonic::transport::{Certificate, ClientTlsConfig, Endpoint, Identity};
use tonic::{Code, Request, Status, Streaming};

use crate::config::LinkTls;
use crate::error_chain::innermost_cause;

/// How long the coordinator may take to answer `hello`.
const WELCOME_TIMEOUT: Duration = Duration::from_secs(10);
/// Messages waiting for the wire; a full queue makes the link's loop wait.
const OUTGOING_QUEUE: usize = 256;
/// Used when the coordinator's welcome names no interval.
const DEFAULT_HEARTBEAT: Duration = Duration::from_secs(1);

/// An open link, welcomed by the coordinator.
pub(super) struct Attached {
    pub outgoing: mpsc::Sender<AgentMessage>,
    pub incoming: Streaming<CoordinatorMessage>,
    pub heartbeat_interval: Duration,
    pub coordinator_version: String,
    /// The held jobs the coordinator resumes, with what it applied of each.
    pub resume: Vec<ResumedJob>,
    /// Whether statuses may say `installed_unchanged` rather than repeat the list.
    pub keeps_unchanged_installed: bool,
}

#[derive(Debug, thiserror::Error)]
pub(super) enum AttachError {
    #[error("cannot reach the coordinator: {0}")]
    Unreachable(String),
    /// The coordinator answered and said no; `advice` says what to fix.
    #[error("{advice} (coordinator said: {message})")]
    Refused {
        code: Code,
        message: String,
        advice: String,
    },
    #[error("the coordinator broke the protocol: {0}")]
    Protocol(String),
}

/// The coordinator's endpoint with the connection settings of a long-lived link.
pub(super) fn endpoint(
    coordinator_url: &str,
    tls: Option<&LinkTls>,
) -> Result<Endpoint, tonic::transport::Error> {
    let mut endpoint = Endpoint::from_shared(coordinator_url.to_owned())?;
    if let Some(tls) = tls {
        // Only the configured CA is trusted (no system roots are compiled in), and the
        // coordinator asks for this node's certificate before the token is even sent.
        let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
        endpoint = endpoint.tls_config(
            ClientTlsConfig::new()
                .ca_certificate(Certificate::from_pem(&tls.ca_pem))
                .identity(Identity::from_pem(&tls.cert_pem, tls.key_pem.expose())),
        )?;
    }
    Ok(endpoint
        .connect_timeout(Duration::from_secs(5))
        .tcp_nodelay(true)
        // Pings find a coordinator that vanished without closing the connection (a host
        // that lost power, a SIGSTOPped process) even while the agent has nothing to send.
        .http2_keep_alive_interval(Duration::from_secs(10))
        .keep_alive_timeout(Duration::from_secs(5))
        .keep_alive_while_idle(true))
}

pub(super) async fn attach(
    endpoint: &Endpoint,
    token: &Secret,
    hello: AgentHello,
) -> Result<Attached, AttachError> {
    let node = hello.node.clone();
    let tls = endpoint.uri().scheme_str() == Some("https");
    let channel = endpoint
        .connect()
        .await
        .map_err(|error| AttachError::Unreachable(with_tls_hint(innermost_cause(&error), tls)))?;
    let mut client = AgentLinkServiceClient::new(channel);
    let (outgoing, queued) = mpsc::channel(OUTGOING_QUEUE);
    // The coordinator reads `hello` before it answers, so it must already be queued.
    let hello = AgentMessage {
        kind: Some(agent_message::Kind::Hello(hello)),
    };
    if outgoing.send(hello).await.is_err() {
        return Err(AttachError::Protocol(
            "the outgoing queue closed before hello".to_owned(),
        ));
    }
    let mut request = Request::new(ReceiverStream::new(queued));
    let mut authorization = MetadataValue::try_from(format!("Bearer {}", token.expose()))
        .map_err(|_| AttachError::Refused {
            code: Code::Unauthenticated,
            message: "not sent".to_owned(),
            advice: "RUNNER_AGENT_TOKEN holds characters that cannot travel in a header; use printable ASCII".to_owned(),
        })?;
    authorization.set_sensitive(true);
    request
        .metadata_mut()
        .insert("authorization", authorization);
    let mut incoming = client
        .attach(request)
        .await
        .map_err(|status| classify(&node, status, tls))?
        .into_inner();
    let first = tokio::time::timeout(WELCOME_TIMEOUT, incoming.message())
        .await
        .map_err(|_| AttachError::Protocol(format!("no welcome within {WELCOME_TIMEOUT:?}")))?
        .map_err(|status| classify(&node, status, tls))?;
    match first.and_then(|message| message.kind) {
        Some(Kind::Welcome(welcome)) => Ok(Attached {
            outgoing,
            incoming,
            heartbeat_interval: match welcome.heartbeat_interval_ms {
                0 => DEFAULT_HEARTBEAT,
                millis => Duration::from_millis(u64::from(millis)),
            },
            coordinator_version: welcome.coordinator_version,
            resume: welcome.resume,
            keeps_unchanged_installed: welcome.keeps_unchanged_installed,
        }),
        None => Err(AttachError::Protocol(
            "the stream closed before a welcome".to_owned(),
        )),
        Some(other) => Err(AttachError::Protocol(format!(
            "the first message was not a welcome but {other:?}"
        ))),
    }
}

/// Tells a refusal (wrong token, unknown node, bad hello) from any other failure.
fn classify(node: &str, status: Status, tls: bool) -> AttachError {
    match refusal_advice(node, status.code()) {
        Some(advice) => AttachError::Refused {
            code: status.code(),
            message: status.message().to_owned(),
            advice,
        },
        None => AttachError::Unreachable(with_tls_hint(
            format!(
                "{:?}: {}: {}",
                status.code(),
                status.message(),
                innermost_cause(&status)
            ),
            tls,
        )),
    }
}

/// A TLS failure says which file to look at: rustls names the fault, not the setting. Under
/// TLS 1.3 the coordinator refuses a client certificate after the agent's side of the
/// handshake is done, so that refusal reaches the agent as a closed connection.
pub(super) fn with_tls_hint(cause: String, tls: bool) -> String {
    if !tls {
        return cause;
    }
    if cause.contains("invalid peer certificate") {
        return format!(
            "{cause} (the coordinator's certificate is not trusted: tls_ca must be the CA that \
             signed the coordinator's agent_tls_cert, which must name the host in `coordinator`)"
        );
    }
    let refused = ["connection closed", "transport error", "alert", "handshake"];
    if refused.iter().any(|sign| cause.contains(sign)) {
        return format!(
            "{cause} (over mutual TLS this is how the coordinator refuses a client \
             certificate: tls_cert must be signed by the coordinator's agent_tls_client_ca)"
        );
    }
    cause
}

/// What the operator must fix when the coordinator refuses this node.
pub(super) fn refusal_advice(node: &str, code: Code) -> Option<String> {
    match code {
        Code::Unauthenticated => Some(format!(
            "coordinator refused node {node}: token rejected; check RUNNER_AGENT_TOKEN matches the coordinator's token_env for this node"
        )),
        Code::PermissionDenied => Some(format!(
            "coordinator refused node {node}: unknown node name; add it to the coordinator's [[nodes]] or fix `node` in this agent's config"
        )),
        Code::InvalidArgument => Some(format!(
            "coordinator refused node {node}'s hello as invalid; check that agent and coordinator versions match"
        )),
        _ => None,
    }
}
