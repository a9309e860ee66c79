//! The mutual-TLS agent listener (`agent_tls_*`): the agent link alone, for agents not behind
//! Tailscale. rustls refuses, during the handshake, a client without a certificate signed by
//! `agent_tls_client_ca`; the link then asks for the node's token as on `grpc_addr`.

use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tonic::transport::server::TcpIncoming;
use tonic::transport::{Certificate, Identity, ServerTlsConfig};

use super::agent_link_server::AgentLinkServer;
use super::{AgentLinkApi, GrpcServeError};
use crate::cluster::ClusterHandle;
use crate::config::{AgentTlsConfig, NodeConfig};

pub async fn serve_agent_link_tls(
    listener: TcpListener,
    tls: &AgentTlsConfig,
    cluster: ClusterHandle,
    nodes: &[NodeConfig],
    shutdown: CancellationToken,
) -> Result<(), GrpcServeError> {
    // reqwest's rustls and tonic's share one process; both crypto providers are compiled in,
    // so rustls needs the one to use named once (a second install is a harmless no-op).
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
    let identity = Identity::from_pem(&tls.cert_pem, tls.key_pem.expose());
    let tls_config = ServerTlsConfig::new()
        .identity(identity)
        .client_ca_root(Certificate::from_pem(&tls.client_ca_pem));
    let agent_link = AgentLinkServer::new(AgentLinkApi::new(cluster, nodes));
    tonic::transport::Server::builder()
        .tls_config(tls_config)?
        .tcp_nodelay(true)
        .http2_keepalive_interval(Some(std::time::Duration::from_secs(10)))
        .add_service(agent_link)
        .serve_with_incoming_shutdown(
            TcpIncoming::from(listener).with_nodelay(Some(true)),
            shutdown.cancelled_owned(),
        )
        .await?;
    Ok(())
}
