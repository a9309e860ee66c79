//! The gRPC channel to the coordinator, set up once for every client: URL checks, timeouts,
//! keep-alive pings on long token streams, and the decoding limit large cluster views need.

#[cfg(test)]
mod tests;

use std::time::Duration;

use proto::v1::cluster_service_client::ClusterServiceClient;
use proto::v1::job_service_client::JobServiceClient;
use proto::v1::memory_service_client::MemoryServiceClient;
use proto::v1::schedule_service_client::ScheduleServiceClient;
use proto::v1::usage_service_client::UsageServiceClient;
use tonic::transport::{Channel, Endpoint};
use tonic::{Code, Status};
use tonic_types::StatusExt;

/// Long enough for a coordinator across Tailscale, short enough that a typo'd host fails fast.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Pings on long token streams, so a coordinator that vanished is noticed instead of waited on.
const KEEP_ALIVE_INTERVAL: Duration = Duration::from_secs(15);
const KEEP_ALIVE_TIMEOUT: Duration = Duration::from_secs(10);
/// The cluster view of 10,000 nodes is ~6 MB, over tonic's default 4 MiB decoding limit.
pub const MAX_CLUSTER_VIEW_BYTES: usize = 64 << 20;

#[derive(Debug, Clone, thiserror::Error)]
pub enum ConnectError {
    #[error("`{url}` is not a coordinator URL: {problem}")]
    InvalidUrl { url: String, problem: String },
    #[error("cannot reach the coordinator at {url}: {cause}")]
    Unreachable { url: String, cause: String },
}

/// A coordinator's gRPC API; cheap to clone, and every clone and service client shares one
/// channel (HTTP/2 multiplexes the calls).
#[derive(Debug, Clone)]
pub struct Coordinator {
    url: String,
    channel: Channel,
}

impl Coordinator {
    /// Connects now, failing with the OS's reason when nothing answers (the CLI's way).
    pub async fn connect(url: &str) -> Result<Self, ConnectError> {
        let (url, endpoint) = endpoint(url)?;
        let channel = endpoint
            .connect()
            .await
            .map_err(|error| ConnectError::Unreachable {
                url: url.clone(),
                cause: innermost_cause(&error),
            })?;
        Ok(Self { url, channel })
    }

    /// Checks the URL but connects on first use and reconnects by itself, so a server part
    /// can start before the coordinator's gRPC server answers. Call it inside a Tokio runtime:
    /// the lazy channel spawns its connector task.
    pub fn lazy(url: &str) -> Result<Self, ConnectError> {
        let (url, endpoint) = endpoint(url)?;
        Ok(Self {
            url,
            channel: endpoint.connect_lazy(),
        })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn jobs(&self) -> JobServiceClient<Channel> {
        JobServiceClient::new(self.channel.clone())
    }

    pub fn cluster(&self) -> ClusterServiceClient<Channel> {
        ClusterServiceClient::new(self.channel.clone())
            .max_decoding_message_size(MAX_CLUSTER_VIEW_BYTES)
    }

    pub fn usage(&self) -> UsageServiceClient<Channel> {
        UsageServiceClient::new(self.channel.clone())
    }

    /// Memory over the operator's vault, served by `runner serve` on the same address.
    pub fn memory(&self) -> MemoryServiceClient<Channel> {
        MemoryServiceClient::new(self.channel.clone())
    }

    /// Schedules and agent runs, served by `runner serve` on the same address.
    pub fn schedules(&self) -> ScheduleServiceClient<Channel> {
        ScheduleServiceClient::new(self.channel.clone())
    }

    /// The error for a call that failed because the connection did (`None` when the
    /// coordinator itself answered with `status`).
    pub fn unreachable(&self, status: &Status) -> Option<ConnectError> {
        lost_connection_cause(status).map(|cause| ConnectError::Unreachable {
            url: self.url.clone(),
            cause,
        })
    }
}

fn endpoint(url: &str) -> Result<(String, Endpoint), ConnectError> {
    let url = normalized_coordinator_url(url)?;
    let endpoint = Endpoint::from_shared(url.clone())
        .map_err(|error| ConnectError::InvalidUrl {
            url: url.clone(),
            problem: innermost_cause(&error),
        })?
        .connect_timeout(CONNECT_TIMEOUT)
        .tcp_nodelay(true)
        .http2_keep_alive_interval(KEEP_ALIVE_INTERVAL)
        .keep_alive_timeout(KEEP_ALIVE_TIMEOUT);
    Ok((url, endpoint))
}

/// When tonic made `status` on this side because the connection failed (it carries the
/// transport error as its source), the innermost cause ("Connection refused (os error 111)");
/// `None` for a status the coordinator sent. A connection closing under a call in flight
/// comes as CANCELLED ("operation was canceled", hyper's word) or UNKNOWN, not UNAVAILABLE.
pub fn lost_connection_cause(status: &Status) -> Option<String> {
    let lost = matches!(
        status.code(),
        Code::Unavailable | Code::Cancelled | Code::Unknown
    ) && std::error::Error::source(status).is_some()
        && status.get_details_precondition_failure().is_none();
    lost.then(|| {
        std::error::Error::source(status)
            .map_or_else(|| status.message().to_owned(), innermost_cause)
    })
}

/// Adds `http://` to a bare `host:port`, and refuses https, which this build does not speak
/// (the cluster's traffic is already encrypted by Tailscale).
pub fn normalized_coordinator_url(url: &str) -> Result<String, ConnectError> {
    settings::normalized_coordinator_url(url).map_err(|problem| ConnectError::InvalidUrl {
        url: url.trim().to_owned(),
        problem: problem.to_owned(),
    })
}

/// The innermost cause of an error chain: for a refused connection "Connection refused (os
/// error 111)" instead of tonic's bare "transport error".
pub fn innermost_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut current = error;
    while let Some(source) = current.source() {
        current = source;
    }
    current.to_string()
}
