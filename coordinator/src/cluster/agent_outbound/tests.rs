//! Unit tests of the channel down an agent's stream.

use proto::v1::{Welcome, coordinator_message};
use tokio_stream::StreamExt;

use super::*;

#[tokio::test]
async fn messages_arrive_in_order_unboxed_and_the_stream_ends_with_the_sender() {
    let (outbound, mut stream) = outbound_channel();
    let welcome = CoordinatorMessage {
        kind: Some(coordinator_message::Kind::Welcome(Welcome {
            coordinator_version: "1".into(),
            heartbeat_interval_ms: 1000,
            resume: Vec::new(),
            keeps_unchanged_installed: true,
        })),
    };
    outbound.send(Ok(welcome.clone())).unwrap();
    outbound.send(Err(tonic::Status::cancelled("bye"))).unwrap();
    drop(outbound);
    assert_eq!(stream.next().await.unwrap().unwrap(), welcome);
    assert_eq!(
        stream.next().await.unwrap().unwrap_err().code(),
        tonic::Code::Cancelled
    );
    assert!(stream.next().await.is_none());
}

#[test]
fn sending_to_a_gone_agent_says_so() {
    let (outbound, stream) = outbound_channel();
    drop(stream);
    assert!(outbound.send(Err(tonic::Status::cancelled("x"))).is_err());
}
