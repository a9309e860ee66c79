//! The channel from the cluster loop down one agent's stream. Messages travel boxed: a tokio
//! unbounded channel allocates its slots 32 at a time, and a `CoordinatorMessage` inline makes
//! that block ~8.5 KiB for every connected agent, most of which never holds more than one
//! message. Boxed, the block is ~300 bytes and each message pays its own size only when sent.

use std::pin::Pin;
use std::task::{Context, Poll};

use proto::v1::CoordinatorMessage;
use tokio::sync::mpsc;
use tokio_stream::Stream;

type Item = Result<CoordinatorMessage, tonic::Status>;

/// What the coordinator sends down an agent's stream.
#[derive(Debug, Clone)]
pub struct Outbound(mpsc::UnboundedSender<Box<Item>>);

/// The agent's side of [`Outbound`]: the gRPC response stream of `Attach`.
#[derive(Debug)]
pub struct OutboundStream(mpsc::UnboundedReceiver<Box<Item>>);

/// The agent stream is gone; the message was dropped.
#[derive(Debug, thiserror::Error)]
#[error("the agent's stream is closed")]
pub struct StreamClosed;

pub fn outbound_channel() -> (Outbound, OutboundStream) {
    let (sender, receiver) = mpsc::unbounded_channel();
    (Outbound(sender), OutboundStream(receiver))
}

impl Outbound {
    pub fn send(&self, item: Item) -> Result<(), StreamClosed> {
        self.0.send(Box::new(item)).map_err(|_| StreamClosed)
    }
}

impl Stream for OutboundStream {
    type Item = Item;

    fn poll_next(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Option<Item>> {
        self.0
            .poll_recv(context)
            .map(|boxed| boxed.map(|item| *item))
    }
}

#[cfg(test)]
mod tests {
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
}
