//! `MemoryService` on the coordinator's gRPC address. Without a `[memory]` table every method
//! answers FAILED_PRECONDITION saying how to turn memory on, so a client hears why rather than
//! UNIMPLEMENTED.

use std::pin::Pin;

use proto::v1::memory_service_server::{MemoryService, MemoryServiceServer};
use proto::v1::{
    BuildContextRequest, GetMemoryStatusRequest, GetNoteRequest, MemoryContext, MemoryNote,
    MemoryStatus, RelatedNotesRequest, RelatedNotesResponse, RememberRequest, RememberResponse,
    SearchMemoryRequest, SearchMemoryResponse, SyncMemoryRequest, SyncProgress,
};
use tokio_stream::Stream;
use tonic::{Request, Response, Status};

/// What every method answers while memory is off.
pub const NOT_CONFIGURED: &str = "memory is not configured: add a [memory] table naming the \
     vault (vault = \"/path/to/vault\") to the coordinator's config and restart it";

/// The service, as mounted beside the core.
#[derive(Clone, Default)]
pub struct MemoryApi {}

impl MemoryApi {
    /// The service while memory is off.
    pub fn not_configured() -> Self {
        Self {}
    }

    pub fn into_server(self) -> MemoryServiceServer<Self> {
        MemoryServiceServer::new(self)
    }
}

fn off<T>() -> Result<T, Status> {
    Err(Status::failed_precondition(NOT_CONFIGURED))
}

type ProgressStream = Pin<Box<dyn Stream<Item = Result<SyncProgress, Status>> + Send>>;

#[tonic::async_trait]
impl MemoryService for MemoryApi {
    type SyncMemoryStream = ProgressStream;

    async fn sync_memory(
        &self,
        _request: Request<SyncMemoryRequest>,
    ) -> Result<Response<Self::SyncMemoryStream>, Status> {
        off()
    }

    async fn get_memory_status(
        &self,
        _request: Request<GetMemoryStatusRequest>,
    ) -> Result<Response<MemoryStatus>, Status> {
        off()
    }

    async fn search_memory(
        &self,
        _request: Request<SearchMemoryRequest>,
    ) -> Result<Response<SearchMemoryResponse>, Status> {
        off()
    }

    async fn get_note(
        &self,
        _request: Request<GetNoteRequest>,
    ) -> Result<Response<MemoryNote>, Status> {
        off()
    }

    async fn related_notes(
        &self,
        _request: Request<RelatedNotesRequest>,
    ) -> Result<Response<RelatedNotesResponse>, Status> {
        off()
    }

    async fn remember(
        &self,
        _request: Request<RememberRequest>,
    ) -> Result<Response<RememberResponse>, Status> {
        off()
    }

    async fn build_context(
        &self,
        _request: Request<BuildContextRequest>,
    ) -> Result<Response<MemoryContext>, Status> {
        off()
    }
}
