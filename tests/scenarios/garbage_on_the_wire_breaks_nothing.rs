//! Garbage sent to the coordinator's ports, or an agent stream that breaks the protocol, is
//! refused without harm: the cluster keeps routing jobs.

use std::time::Duration;

use proto::v1::agent_link_service_client::AgentLinkServiceClient;
use proto::v1::{AgentMessage, AgentStatus, agent_message};
use tests::cluster::{ClusterSpec, TestCluster};
use tokio::io::AsyncWriteExt;

use crate::support::expect_qwen_works;

#[tokio::test]
async fn garbage_on_the_wire_breaks_nothing() -> anyhow::Result<()> {
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    for port in [cluster.grpc_port, cluster.http_port] {
        let mut socket = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
        socket
            .write_all(b"\x00\xffGARBAGE\r\n\r\n not a protocol at all \x16\x03\x01")
            .await?;
        let _ = socket.shutdown().await;
    }

    // An agent stream whose first message is not a hello is refused with a clear status.
    let mut link = AgentLinkServiceClient::connect(cluster.grpc_url()).await?;
    let status_first = AgentMessage {
        kind: Some(agent_message::Kind::Status(AgentStatus::default())),
    };
    let refusal = link
        .attach(tokio_stream::iter(vec![status_first]))
        .await
        .expect_err("must be refused");
    assert_eq!(refusal.code(), tonic::Code::InvalidArgument);
    assert!(refusal.message().contains("hello"), "{}", refusal.message());

    tokio::time::sleep(Duration::from_millis(100)).await;
    expect_qwen_works(&cluster).await?;
    assert_eq!(
        cluster.node("davas").await?.state,
        proto::v1::NodeState::Ready as i32
    );
    Ok(())
}
