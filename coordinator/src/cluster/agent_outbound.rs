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
    // Unbounded: the loop must never wait on one agent's stream. What can wait here is bounded
    // by the agent itself: the welcome, one assignment per slot (a slot frees only when the
    // agent reports the job done, so an agent that stops reading gets no more than its
    // `max_parallel`), and cancels, one per cancelled job and one per stray update the agent
    // sent. A link that goes silent is dropped at the heartbeat timeout, and the channel with it.
    let (sender, receiver) = mpsc::unbounded_channel();
    (Outbound(sender), OutboundStream(receiver))
}

impl Outbound {
    pub fn send(&self, item: Item) -> Result<(), StreamClosed> {
        self.0.send(Box::new(item)).map_err(|_| StreamClosed)
    }
}

#[cfg(test)]
impl OutboundStream {
    /// The next message already sent, without waiting (unit tests of the loop read with this).
    pub fn try_next(&mut self) -> Option<Item> {
        self.0.try_recv().ok().map(|boxed| *boxed)
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
mod tests;
