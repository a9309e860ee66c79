//! The fake coordinator's `MemoryService`: `BuildContext` answers what was scripted (memory
//! that is not configured, as the real one says it, otherwise; or never, to test patience) and
//! records the questions; the web uses no other method.

use std::pin::Pin;

use futures::Stream;
use proto::v1::memory_service_server::MemoryService;
use proto::v1::*;
use tonic::{Request, Response, Status};

use super::fake_coordinator::Fake;

/// What the real service answers without a `[memory]` section.
pub const NOT_CONFIGURED: &str =
    "memory is not configured: add a [memory] section with the vault's path to runner.toml";

type SyncStream = Pin<Box<dyn Stream<Item = Result<SyncProgress, Status>> + Send>>;

fn unused() -> Status {
    Status::unimplemented("the web does not use this")
}

#[tonic::async_trait]
impl MemoryService for Fake {
    type SyncMemoryStream = SyncStream;

    async fn sync_memory(
        &self,
        _: Request<SyncMemoryRequest>,
    ) -> Result<Response<SyncStream>, Status> {
        Err(unused())
    }

    async fn get_memory_status(
        &self,
        _: Request<GetMemoryStatusRequest>,
    ) -> Result<Response<MemoryStatus>, Status> {
        Err(unused())
    }

    async fn search_memory(
        &self,
        _: Request<SearchMemoryRequest>,
    ) -> Result<Response<SearchMemoryResponse>, Status> {
        Err(unused())
    }

    async fn get_note(&self, _: Request<GetNoteRequest>) -> Result<Response<MemoryNote>, Status> {
        Err(unused())
    }

    async fn related_notes(
        &self,
        _: Request<RelatedNotesRequest>,
    ) -> Result<Response<RelatedNotesResponse>, Status> {
        Err(unused())
    }

    async fn remember(
        &self,
        _: Request<RememberRequest>,
    ) -> Result<Response<RememberResponse>, Status> {
        Err(unused())
    }

    async fn build_context(
        &self,
        request: Request<BuildContextRequest>,
    ) -> Result<Response<MemoryContext>, Status> {
        let answer = {
            let mut recorded = self.recorded.lock().unwrap();
            recorded
                .memory_questions
                .push(request.into_inner().question);
            recorded.memory_context.clone()
        };
        match answer {
            // `Some(None)` never answers: a memory that hangs.
            Some(None) => std::future::pending().await,
            Some(Some(answer)) => answer.map(Response::new),
            None => Err(Status::failed_precondition(NOT_CONFIGURED)),
        }
    }
}
