//! Serves `AgentLinkService` like the generated `AgentLinkServiceServer`, but with small codec
//! buffers. tonic gives every stream an 8 KiB decode and an 8 KiB encode buffer up front; an
//! agent link carries a ~2 KB status a second and, rarely, a job, so with one link per agent
//! those 16 KiB were a fifth of the coordinator's memory per agent. The buffers start at
//! [`LINK_BUFFER_BYTES`] and grow to the largest message the link carries, like tonic's do.

use std::convert::Infallible;
use std::sync::Arc;
use std::task::{Context, Poll};

use proto::v1::agent_link_service_server::{AgentLinkService, SERVICE_NAME};
use proto::v1::{AgentMessage, CoordinatorMessage};
use tonic::codec::{BufferSettings, Codec};
use tonic::codegen::{Body, BoxFuture, Service, StdError, http};
use tonic::server::{Grpc, NamedService, StreamingService};
use tonic::{Request, Response, Status, Streaming};
use tonic_prost::{ProstDecoder, ProstEncoder};

use super::AgentLinkApi;
use crate::cluster::OutboundStream;

/// Where a link's encode and decode buffers start.
pub const LINK_BUFFER_BYTES: usize = 1024;
/// tonic's default: an encoded batch is handed to HTTP/2 once it reaches this.
const YIELD_THRESHOLD_BYTES: usize = 32 * 1024;
const ATTACH_PATH: &str = "/llm_runner.v1.AgentLinkService/Attach";

#[derive(Clone)]
pub struct AgentLinkServer {
    api: Arc<AgentLinkApi>,
}

impl AgentLinkServer {
    pub fn new(api: AgentLinkApi) -> Self {
        Self { api: Arc::new(api) }
    }
}

impl NamedService for AgentLinkServer {
    const NAME: &'static str = SERVICE_NAME;
}

impl<B> Service<http::Request<B>> for AgentLinkServer
where
    B: Body + Send + 'static,
    B::Error: Into<StdError> + Send + 'static,
{
    type Response = http::Response<tonic::body::Body>;
    type Error = Infallible;
    type Future = BoxFuture<Self::Response, Self::Error>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        if request.uri().path() != ATTACH_PATH {
            let unknown = Status::unimplemented(format!("no method {}", request.uri().path()));
            return Box::pin(async move { Ok(unknown.into_http()) });
        }
        let attach = Attach(self.api.clone());
        Box::pin(async move { Ok(Grpc::new(LinkCodec).streaming(attach, request).await) })
    }
}

struct Attach(Arc<AgentLinkApi>);

impl StreamingService<AgentMessage> for Attach {
    type Response = CoordinatorMessage;
    type ResponseStream = OutboundStream;
    type Future = BoxFuture<Response<OutboundStream>, Status>;

    fn call(&mut self, request: Request<Streaming<AgentMessage>>) -> Self::Future {
        let api = self.0.clone();
        Box::pin(async move { api.attach(request).await })
    }
}

/// Protobuf both ways, with [`LINK_BUFFER_BYTES`] buffers.
#[derive(Debug, Clone, Copy, Default)]
struct LinkCodec;

fn link_buffers() -> BufferSettings {
    BufferSettings::new(LINK_BUFFER_BYTES, YIELD_THRESHOLD_BYTES)
}

impl Codec for LinkCodec {
    type Encode = CoordinatorMessage;
    type Decode = AgentMessage;
    type Encoder = ProstEncoder<CoordinatorMessage>;
    type Decoder = ProstDecoder<AgentMessage>;

    fn encoder(&mut self) -> Self::Encoder {
        ProstEncoder::new(link_buffers())
    }

    fn decoder(&mut self) -> Self::Decoder {
        ProstDecoder::new(link_buffers())
    }
}

#[cfg(test)]
mod tests;
