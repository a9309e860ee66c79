//! The coordinator's gRPC API: jobs, the cluster view, usage, the agent link, plus the standard
//! health service and server reflection (v1 and v1alpha, so grpcurl 1.8 works too).

mod accept_job;
mod agent_link_server;
mod agent_link_service;
mod agent_tls_server;
mod cluster_service;
mod job_service;
mod server;
mod status;
mod usage_service;
mod watch_cluster;

pub use agent_link_service::AgentLinkApi;
pub use agent_tls_server::serve_agent_link_tls;
pub use cluster_service::ClusterApi;
pub use job_service::JobApi;
pub use job_service::job_filter;
pub use server::{GrpcServeError, serve_grpc};
pub use status::{job_error_status, rejection_status};
pub use usage_service::UsageApi;
