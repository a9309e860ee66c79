//! The gRPC channel from the MCP tools to the coordinator. It connects lazily, so `runner mcp`
//! starts (and lists its tools) while the coordinator is down, and every call made meanwhile
//! is an `isError` result saying the coordinator cannot be reached; tonic reconnects on the
//! next call.

use std::time::Duration;

use proto::v1::cluster_service_client::ClusterServiceClient;
use proto::v1::job_service_client::JobServiceClient;
use tonic::transport::{Channel, Endpoint};
use tonic::{Code, Status};
use tonic_types::StatusExt;

use crate::McpError;
use crate::tool_failure::{FailureKind, ToolFailure};

/// Long enough for a coordinator across Tailscale, short enough that an assistant hears soon
/// that it is down.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Pings on long token streams, so a coordinator that vanished mid-job is noticed.
const KEEP_ALIVE_INTERVAL: Duration = Duration::from_secs(15);
const KEEP_ALIVE_TIMEOUT: Duration = Duration::from_secs(10);

/// Cheap to clone: every clone shares one channel.
#[derive(Debug, Clone)]
pub struct CoordinatorLink {
    url: String,
    channel: Channel,
}

impl CoordinatorLink {
    /// Checks the URL (a bare `host:port` gets `http://`); does not connect. Call it inside a
    /// Tokio runtime: the lazy channel spawns its connector task.
    pub fn new(url: &str) -> Result<Self, McpError> {
        let url = normalized_coordinator_url(url)?;
        let invalid = |problem: String| McpError::InvalidCoordinatorUrl {
            url: url.clone(),
            problem,
        };
        let endpoint = Endpoint::from_shared(url.clone())
            .map_err(|error| invalid(error.to_string()))?
            .connect_timeout(CONNECT_TIMEOUT)
            .tcp_nodelay(true)
            .http2_keep_alive_interval(KEEP_ALIVE_INTERVAL)
            .keep_alive_timeout(KEEP_ALIVE_TIMEOUT);
        Ok(Self {
            channel: endpoint.connect_lazy(),
            url,
        })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn jobs(&self) -> JobServiceClient<Channel> {
        JobServiceClient::new(self.channel.clone())
    }

    pub fn cluster(&self) -> ClusterServiceClient<Channel> {
        // The view of 10,000 nodes is ~6 MB, over tonic's default 4 MiB decoding limit.
        ClusterServiceClient::new(self.channel.clone()).max_decoding_message_size(64 << 20)
    }

    /// A failed call as the tool result says it: a connection that failed under the call is
    /// "cannot reach the coordinator"; anything the coordinator answered keeps its words.
    pub fn failure(&self, status: &Status) -> ToolFailure {
        if lost_connection(status) {
            let cause = std::error::Error::source(status)
                .map_or_else(|| status.message().to_owned(), innermost_cause);
            return self.unreachable(&cause);
        }
        ToolFailure::from_coordinator_status(status)
    }

    pub fn unreachable(&self, cause: &str) -> ToolFailure {
        ToolFailure::new(
            FailureKind::Unreachable,
            format!(
                "cannot reach the coordinator at {}: {cause}; is runner serve running there?",
                self.url
            ),
        )
    }
}

/// A status tonic made on this side because the connection failed (it carries the transport
/// error as its source), rather than one the coordinator sent.
fn lost_connection(status: &Status) -> bool {
    matches!(status.code(), Code::Unavailable | Code::Unknown)
        && std::error::Error::source(status).is_some()
        && status.get_details_precondition_failure().is_none()
}

/// The last error in a chain: "connection refused" rather than "transport error".
fn innermost_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut innermost = error;
    while let Some(source) = innermost.source() {
        innermost = source;
    }
    innermost.to_string()
}

/// `settings::normalized_coordinator_url`, refusals as this crate's error.
fn normalized_coordinator_url(url: &str) -> Result<String, McpError> {
    settings::normalized_coordinator_url(url).map_err(|problem| McpError::InvalidCoordinatorUrl {
        url: url.trim().to_owned(),
        problem: problem.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // A lazy channel starts its connector task at once, so even these need a runtime.
    #[tokio::test]
    async fn urls_are_normalized_or_refused_with_the_reason() {
        assert_eq!(
            CoordinatorLink::new("vps:7070").unwrap().url(),
            "http://vps:7070"
        );
        assert_eq!(
            CoordinatorLink::new(" http://127.0.0.1:7070 ")
                .unwrap()
                .url(),
            "http://127.0.0.1:7070"
        );
        for (url, problem) in [
            ("", "empty"),
            ("https://vps", "https"),
            ("ftp://vps", "expected"),
        ] {
            let error = CoordinatorLink::new(url).unwrap_err().to_string();
            assert!(error.contains(problem), "{url}: {error}");
            assert!(error.contains("--coordinator"), "{error}");
        }
    }

    #[tokio::test]
    async fn a_closed_port_is_unreachable_with_the_os_reason() {
        // Bind then drop a listener so the port is very likely closed.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let link = CoordinatorLink::new(&format!("127.0.0.1:{port}")).unwrap();
        let status = link
            .cluster()
            .list_nodes(proto::v1::ListNodesRequest {})
            .await
            .unwrap_err();
        let failure = link.failure(&status);
        assert_eq!(failure.kind, FailureKind::Unreachable);
        assert!(
            failure.error.starts_with(&format!(
                "cannot reach the coordinator at http://127.0.0.1:{port}: "
            )),
            "{}",
            failure.error
        );
        assert!(
            failure.error.to_lowercase().contains("refused"),
            "{}",
            failure.error
        );
    }

    #[tokio::test]
    async fn only_a_failed_connection_counts_as_unreachable() {
        let link = CoordinatorLink::new("127.0.0.1:9").unwrap();
        let said = link.failure(&Status::unavailable("the coordinator is shutting down"));
        assert_eq!(said.kind, FailureKind::CoordinatorError);
        let mut lost = Status::unavailable("transport error");
        lost.set_source(std::sync::Arc::new(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "connection reset by peer",
        )));
        let failure = link.failure(&lost);
        assert_eq!(failure.kind, FailureKind::Unreachable);
        assert!(
            failure.error.contains("connection reset by peer"),
            "{}",
            failure.error
        );
    }
}
