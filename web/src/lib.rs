//! The llm-runner web UI, mounted by the coordinator at `/`: a live dashboard of hosts and
//! models, chat, jobs, usage and schedules. It talks to the coordinator through its gRPC API
//! like any client: one shared `WatchCluster` stream feeds every browser's live view
//! (server-sent events), and chats are jobs submitted and watched over `JobService` (with "use
//! memory" on, the question goes as the prompt `MemoryService.BuildContext` makes from the
//! operator's notes). Schedules are read and fired over `ScheduleService`. Conversations are
//! kept in their own redb file under `data_dir`.

mod access;
mod app_state;
mod chat_jobs;
mod cluster_feed;
mod config;
mod conversations;
mod memory_prompt;
mod page_error;
mod routes;
mod submission;
mod views;

#[cfg(test)]
mod test_support;

use std::path::PathBuf;
use std::sync::Arc;

use client::Coordinator;
use tokio_util::sync::CancellationToken;

pub use access::require_token;
pub use config::{ACCESS_TOKEN_ENV, WebConfig};
pub use conversations::ConversationStoreError;

use crate::app_state::AppState;
use crate::conversations::{Conversations, RedbConversationStore};

/// What the coordinator hands the web UI when mounting it.
#[derive(Debug, Clone)]
pub struct WebContext {
    /// The coordinator's own gRPC API, e.g. `http://127.0.0.1:7070`.
    pub grpc_url: String,
    /// Where `conversations.redb` lives.
    pub data_dir: PathBuf,
    pub config: WebConfig,
    /// Ends the live streams (the shared cluster watch and every open event stream), so the
    /// HTTP server's graceful shutdown is not held up by browsers.
    pub shutdown: CancellationToken,
}

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error(
        "web UI: the coordinator's gRPC URL {url:?} is not a valid URI: {reason}; check grpc_addr"
    )]
    GrpcUrl { url: String, reason: String },
    #[error("web UI: {0}")]
    Conversations(#[from] ConversationStoreError),
}

impl From<client::ConnectError> for WebError {
    fn from(error: client::ConnectError) -> Self {
        match error {
            client::ConnectError::InvalidUrl { url, problem } => Self::GrpcUrl {
                url,
                reason: problem,
            },
            // A lazy connection fails only on its URL; reaching it is each request's concern.
            client::ConnectError::Unreachable { url, cause } => {
                Self::GrpcUrl { url, reason: cause }
            }
        }
    }
}

/// The UI's routes, to be merged into the coordinator's HTTP router. Starts the shared cluster
/// watch, which ends on `shutdown` or once the router and every stream are dropped.
pub async fn router(context: WebContext) -> Result<axum::Router, WebError> {
    let coordinator = Coordinator::lazy(&context.grpc_url)?;
    let store = RedbConversationStore::open(&context.data_dir)?;
    let state = AppState::new(
        coordinator,
        Conversations::new(Arc::new(store)),
        context.shutdown,
    );
    Ok(routes::router(state, context.config.access_token))
}

#[cfg(test)]
mod tests;
