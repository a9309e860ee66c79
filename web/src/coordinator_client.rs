//! The coordinator's own gRPC API as the web UI reaches it: one lazily connected channel
//! (the gRPC server may still be starting when the UI is mounted), cloned per request.

use std::time::Duration;

use proto::v1::cluster_service_client::ClusterServiceClient;
use proto::v1::job_service_client::JobServiceClient;
use tonic::transport::{Channel, Endpoint};

use crate::WebError;

/// How long a request waits for a connection before it fails with `Unavailable`.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
/// The cluster view of 10,000 nodes is ~6 MB, over tonic's default 4 MiB decoding limit.
pub const MAX_CLUSTER_VIEW_BYTES: usize = 64 << 20;

#[derive(Debug, Clone)]
pub struct CoordinatorClient {
    channel: Channel,
}

impl CoordinatorClient {
    /// A client whose channel connects on first use and reconnects by itself.
    pub fn lazy(grpc_url: &str) -> Result<Self, WebError> {
        let endpoint =
            Endpoint::from_shared(grpc_url.to_owned()).map_err(|error| WebError::GrpcUrl {
                url: grpc_url.to_owned(),
                reason: error.to_string(),
            })?;
        Ok(Self {
            channel: endpoint.connect_timeout(CONNECT_TIMEOUT).connect_lazy(),
        })
    }

    pub fn jobs(&self) -> JobServiceClient<Channel> {
        JobServiceClient::new(self.channel.clone())
    }

    pub fn cluster(&self) -> ClusterServiceClient<Channel> {
        ClusterServiceClient::new(self.channel.clone())
            .max_decoding_message_size(MAX_CLUSTER_VIEW_BYTES)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_bad_url_is_refused_with_a_hint() {
        let error = CoordinatorClient::lazy("not a url").unwrap_err();
        assert!(error.to_string().contains("grpc_addr"), "{error}");
    }

    #[tokio::test]
    async fn a_cluster_view_over_tonics_default_4_mib_limit_is_read() {
        let coordinator = crate::test_support::FakeCoordinator::start().await;
        let label = "x".repeat(5 << 20);
        coordinator.set_snapshot(|snapshot| snapshot.nodes[0].labels.push(label.clone()));
        let nodes = coordinator
            .client()
            .cluster()
            .list_nodes(proto::v1::ListNodesRequest {})
            .await
            .unwrap()
            .into_inner()
            .nodes;
        assert!(nodes[0].labels.contains(&label));
    }

    #[tokio::test]
    async fn an_unreachable_coordinator_fails_requests_not_construction() {
        // Port 1 on loopback: nothing listens there.
        let client = CoordinatorClient::lazy("http://127.0.0.1:1").unwrap();
        let status = client
            .cluster()
            .list_nodes(proto::v1::ListNodesRequest {})
            .await
            .unwrap_err();
        assert_eq!(status.code(), tonic::Code::Unavailable);
    }
}
