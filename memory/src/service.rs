//! `MemoryService` on the coordinator's gRPC address. Without a `[memory]` table every method
//! answers FAILED_PRECONDITION saying how to turn memory on, so a client hears why rather than
//! UNIMPLEMENTED.

use std::pin::Pin;
use std::sync::Arc;

use proto::v1::memory_service_server::{MemoryService, MemoryServiceServer};
use proto::v1::{
    BuildContextRequest, GetMemoryStatusRequest, GetNoteRequest, MemoryContext, MemoryNote,
    MemoryStatus, RelatedNotesRequest, RelatedNotesResponse, RememberRequest, RememberResponse,
    SearchMemoryRequest, SearchMemoryResponse, SyncMemoryRequest, SyncProgress,
};
use tokio_stream::Stream;
use tokio_stream::wrappers::ReceiverStream;
use tonic::{Request, Response, Status};

use crate::hub::Memory;

/// What every method answers while memory is off.
pub const NOT_CONFIGURED: &str = "memory is not configured: add a [memory] table naming the \
     vault (vault = \"/path/to/vault\") to the coordinator's config and restart it";

/// Progress messages a slow client may fall behind by before some are dropped (the report
/// at the end always arrives).
const PROGRESS_BUFFER: usize = 64;

/// The service, as mounted beside the core.
#[derive(Clone, Default)]
pub struct MemoryApi {
    memory: Option<Arc<Memory>>,
}

impl MemoryApi {
    /// The service while memory is off.
    pub fn not_configured() -> Self {
        Self { memory: None }
    }

    pub fn new(memory: Arc<Memory>) -> Self {
        Self {
            memory: Some(memory),
        }
    }

    fn memory(&self) -> Result<&Arc<Memory>, Status> {
        self.memory
            .as_ref()
            .ok_or_else(|| Status::failed_precondition(NOT_CONFIGURED))
    }

    pub fn into_server(self) -> MemoryServiceServer<Self> {
        MemoryServiceServer::new(self)
    }
}

type ProgressStream = Pin<Box<dyn Stream<Item = Result<SyncProgress, Status>> + Send>>;

#[tonic::async_trait]
impl MemoryService for MemoryApi {
    type SyncMemoryStream = ProgressStream;

    async fn sync_memory(
        &self,
        request: Request<SyncMemoryRequest>,
    ) -> Result<Response<Self::SyncMemoryStream>, Status> {
        let memory = self.memory()?.clone();
        let rebuild = request.into_inner().rebuild;
        let (sender, receiver) = tokio::sync::mpsc::channel(PROGRESS_BUFFER);
        // The sync runs to its end even when the client goes away.
        tokio::spawn(async move {
            let ended = memory.sync(rebuild, sender.clone()).await;
            let last = ended.map(|report| SyncProgress {
                phase: "done".into(),
                report: Some(report),
                ..SyncProgress::default()
            });
            if let Err(status) = &last {
                tracing::warn!(error = %status.message(), "memory sync failed");
            }
            let _ = sender.send(last).await;
        });
        Ok(Response::new(Box::pin(ReceiverStream::new(receiver))))
    }

    async fn get_memory_status(
        &self,
        _request: Request<GetMemoryStatusRequest>,
    ) -> Result<Response<MemoryStatus>, Status> {
        Ok(Response::new(self.memory()?.status().await?))
    }

    async fn search_memory(
        &self,
        request: Request<SearchMemoryRequest>,
    ) -> Result<Response<SearchMemoryResponse>, Status> {
        Ok(Response::new(
            self.memory()?.search(request.into_inner()).await?,
        ))
    }

    async fn get_note(
        &self,
        request: Request<GetNoteRequest>,
    ) -> Result<Response<MemoryNote>, Status> {
        Ok(Response::new(
            self.memory()?.note(request.into_inner().path).await?,
        ))
    }

    async fn related_notes(
        &self,
        request: Request<RelatedNotesRequest>,
    ) -> Result<Response<RelatedNotesResponse>, Status> {
        Ok(Response::new(
            self.memory()?.related(request.into_inner()).await?,
        ))
    }

    async fn remember(
        &self,
        request: Request<RememberRequest>,
    ) -> Result<Response<RememberResponse>, Status> {
        Ok(Response::new(
            self.memory()?.remember(request.into_inner()).await?,
        ))
    }

    async fn build_context(
        &self,
        request: Request<BuildContextRequest>,
    ) -> Result<Response<MemoryContext>, Status> {
        Ok(Response::new(
            self.memory()?.context(request.into_inner()).await?,
        ))
    }
}
