//! Serves every gRPC service on an already-bound listener until shutdown.

use std::sync::Arc;

use proto::v1::cluster_service_server::ClusterServiceServer;
use proto::v1::job_service_server::JobServiceServer;
use proto::v1::usage_service_server::UsageServiceServer;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tonic::transport::server::TcpIncoming;

use super::agent_link_server::AgentLinkServer;
use super::{AgentLinkApi, ClusterApi, JobApi, UsageApi};
use crate::cluster::ClusterHandle;
use crate::config::CoordinatorConfig;
use crate::store::JobStore;

#[derive(Debug, thiserror::Error)]
pub enum GrpcServeError {
    #[error("gRPC reflection could not load the API descriptors: {0}")]
    Reflection(#[from] tonic_reflection::server::Error),
    #[error("gRPC server stopped: {0}")]
    Transport(#[from] tonic::transport::Error),
}

pub async fn serve_grpc(
    listener: TcpListener,
    config: &CoordinatorConfig,
    cluster: ClusterHandle,
    store: Arc<dyn JobStore>,
    parts: tonic::service::Routes,
    shutdown: CancellationToken,
) -> Result<(), GrpcServeError> {
    let (health_reporter, health_service) = tonic_health::server::health_reporter();
    health_reporter
        .set_serving::<JobServiceServer<JobApi>>()
        .await;
    health_reporter
        .set_serving::<ClusterServiceServer<ClusterApi>>()
        .await;
    health_reporter
        .set_serving::<UsageServiceServer<UsageApi>>()
        .await;
    health_reporter.set_serving::<AgentLinkServer>().await;
    let reflection_v1 = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(proto::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .build_v1()?;
    let reflection_v1alpha = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(proto::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .build_v1alpha()?;
    let usage = UsageApi {
        store: store.clone(),
        cluster: cluster.clone(),
    };
    let jobs = JobApi {
        cluster: cluster.clone(),
        store,
        max_prompt_bytes: config.max_prompt_bytes,
    };
    let cluster_api = ClusterApi {
        cluster: cluster.clone(),
    };
    // Small per-stream buffers: one link per agent, thousands of agents.
    let agent_link = AgentLinkServer::new(AgentLinkApi::new(cluster, &config.nodes));
    tonic::transport::Server::builder()
        .tcp_nodelay(true)
        .http2_keepalive_interval(Some(std::time::Duration::from_secs(10)))
        .add_routes(parts)
        .add_service(health_service)
        .add_service(reflection_v1)
        .add_service(reflection_v1alpha)
        .add_service(JobServiceServer::new(jobs))
        .add_service(ClusterServiceServer::new(cluster_api))
        .add_service(UsageServiceServer::new(usage))
        .add_service(agent_link)
        // A supplied listener ignores the builder's tcp_nodelay: set it on the incoming stream,
        // or Nagle's algorithm holds every small message (a token) for ~40 ms.
        .serve_with_incoming_shutdown(
            TcpIncoming::from(listener).with_nodelay(Some(true)),
            shutdown.cancelled_owned(),
        )
        .await?;
    Ok(())
}
