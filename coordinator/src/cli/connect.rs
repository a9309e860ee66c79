//! The gRPC channel from the CLI to the coordinator: URL checks, an eager connect that fails
//! with a message saying what to do, and the service clients.

use std::time::Duration;

use proto::v1::cluster_service_client::ClusterServiceClient;
use proto::v1::job_service_client::JobServiceClient;
use tonic::transport::{Channel, Endpoint};
use tonic::{Code, Status};
use tonic_types::StatusExt;

use super::exit_code::{ClientError, innermost_cause};

/// Long enough for a coordinator across Tailscale, short enough that a typo'd host fails fast.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Pings on long token streams, so a coordinator that vanished is noticed instead of waited on.
const KEEP_ALIVE_INTERVAL: Duration = Duration::from_secs(15);
const KEEP_ALIVE_TIMEOUT: Duration = Duration::from_secs(10);
/// `runner nodes`/`models` of 10,000 nodes is megabytes, over tonic's default 4 MiB limit.
const MAX_CLUSTER_VIEW_BYTES: usize = 64 << 20;

/// A connected coordinator; cheap to make clients from (they share the channel).
pub struct Coordinator {
    url: String,
    channel: Channel,
}

impl Coordinator {
    pub async fn connect(url: &str) -> Result<Self, ClientError> {
        let url = normalized_coordinator_url(url)?;
        let endpoint = Endpoint::from_shared(url.clone())
            .map_err(|error| ClientError::InvalidUrl {
                url: url.clone(),
                problem: innermost_cause(&error),
            })?
            .connect_timeout(CONNECT_TIMEOUT)
            .tcp_nodelay(true)
            .http2_keep_alive_interval(KEEP_ALIVE_INTERVAL)
            .keep_alive_timeout(KEEP_ALIVE_TIMEOUT);
        let channel = endpoint
            .connect()
            .await
            .map_err(|error| ClientError::Unreachable {
                url: url.clone(),
                cause: innermost_cause(&error),
            })?;
        Ok(Self { url, channel })
    }

    pub fn jobs(&self) -> JobServiceClient<Channel> {
        JobServiceClient::new(self.channel.clone())
    }

    pub fn cluster(&self) -> ClusterServiceClient<Channel> {
        ClusterServiceClient::new(self.channel.clone())
            .max_decoding_message_size(MAX_CLUSTER_VIEW_BYTES)
    }

    /// Turns a failed call into the error to report: a connection lost under the call becomes
    /// "cannot reach the coordinator", anything the coordinator said stays its status.
    pub fn call_failed(&self, status: Status) -> ClientError {
        if lost_connection(&status) {
            let cause = std::error::Error::source(&status)
                .map_or_else(|| status.message().to_owned(), innermost_cause);
            return ClientError::Unreachable {
                url: self.url.clone(),
                cause,
            };
        }
        ClientError::Status(status)
    }
}

/// A status tonic made on this side because the connection failed (it carries the transport
/// error as its source), rather than one the coordinator sent.
fn lost_connection(status: &Status) -> bool {
    status.code() == Code::Unavailable
        && std::error::Error::source(status).is_some()
        && status.get_details_precondition_failure().is_none()
}

/// Adds `http://` to a bare `host:port`, and refuses https, which this build does not speak
/// (the cluster's traffic is already encrypted by Tailscale).
pub fn normalized_coordinator_url(url: &str) -> Result<String, ClientError> {
    settings::normalized_coordinator_url(url).map_err(|problem| ClientError::InvalidUrl {
        url: url.trim().to_owned(),
        problem: problem.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_host_and_port_gets_http() {
        assert_eq!(
            normalized_coordinator_url("vps:7070").unwrap(),
            "http://vps:7070"
        );
        assert_eq!(
            normalized_coordinator_url(" http://127.0.0.1:7070 ").unwrap(),
            "http://127.0.0.1:7070"
        );
    }

    #[test]
    fn unusable_urls_are_refused_with_the_reason() {
        for (url, problem) in [
            ("", "empty"),
            ("https://vps:7070", "https"),
            ("ftp://vps", "expected http"),
            ("http://", "expected http"),
        ] {
            let error = normalized_coordinator_url(url).unwrap_err();
            assert!(matches!(error, ClientError::InvalidUrl { .. }), "{url}");
            assert!(error.to_string().contains(problem), "{url}: {error}");
        }
        let error = normalized_coordinator_url("ftp://vps").unwrap_err();
        assert_eq!(
            error.to_string(),
            "`ftp://vps` is not a coordinator URL: expected http://HOST:PORT; pass one like \
             http://127.0.0.1:7070 with --coordinator or RUNNER_COORDINATOR"
        );
    }

    #[tokio::test]
    async fn a_closed_port_is_unreachable_with_the_os_reason() {
        // Bind then drop a listener so the port is very likely closed.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let url = format!("http://127.0.0.1:{port}");
        let error = Coordinator::connect(&url).await.err().unwrap();
        let text = error.to_string();
        assert!(
            text.starts_with(&format!("cannot reach the coordinator at {url}: ")),
            "{text}"
        );
        assert!(text.to_lowercase().contains("refused"), "{text}");
    }

    #[tokio::test]
    async fn only_a_failed_connection_becomes_unreachable() {
        let coordinator = Coordinator {
            url: "http://127.0.0.1:9".into(),
            channel: Endpoint::from_static("http://127.0.0.1:9").connect_lazy(),
        };
        let sent = coordinator.call_failed(Status::unavailable("the coordinator is shutting down"));
        assert!(matches!(sent, ClientError::Status(_)), "{sent:?}");
        let mut lost = Status::unavailable("transport error");
        lost.set_source(std::sync::Arc::new(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "connection reset by peer",
        )));
        let error = coordinator.call_failed(lost);
        assert_eq!(
            error.to_string(),
            "cannot reach the coordinator at http://127.0.0.1:9: connection reset by peer; is runner serve running?"
        );
        let mut internal = Status::internal("store broke");
        internal.set_source(std::sync::Arc::new(std::io::Error::other("disk")));
        assert!(matches!(
            coordinator.call_failed(internal),
            ClientError::Status(_)
        ));
    }
}
