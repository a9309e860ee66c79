//! A stand-in Ollama for tests and benchmarks: an HTTP server on 127.0.0.1 that speaks Ollama's
//! real API (`/`, `/api/version`, `/api/tags`, `/api/ps`, `/api/chat`, `/api/generate`,
//! `/api/embed`, `/api/show`, and the OpenAI-compatible `/v1/chat/completions`, `/v1/models`,
//! `/v1/models/{model}`, `/v1/embeddings`) with Ollama's own shapes, status codes and error
//! bodies, and that a test can steer while requests run: lose or load models, go slow, fail
//! mid-stream, report a full queue, hang, or stop answering altogether and come back on the
//! same port.
//!
//! Answers are deterministic (see [`expected_answer`] and [`expected_embedding`]), so a test can
//! check exactly what reached its client. A test that needs meaning in its vectors turns on
//! [`FakeOllama::set_semantic_embeddings`] (the `fake-ollama` binary: `--semantic-embeddings`):
//! embedding models then answer with a real sentence encoder's 384 values. `options.num_predict` and `options.stop` end an
//! answer as docs/api.md describes (`done_reason` `length`, or `stop` with the answer cut just
//! before the first stop sequence, which is not included).
//!
//! Final chunks carry `prompt_eval_cached_count` as newer Ollama documents it
//! (docs.ollama.com/api/usage; the rule is in `prompt_cache.rs`), and the `/v1` endpoints' usage
//! stays Ollama's (`prompt_tokens` = `prompt_eval_count`). [`FakeOllama::reported_usage`] sums
//! what the stand-in itself reported, per model.

mod answer;
mod behaviour_controls;
mod catalogue;
pub(crate) mod clock;
mod errors;
mod generation;
mod generation_book;
mod get_ps;
mod get_root;
mod get_tags;
mod get_v1_model;
mod get_v1_models;
mod get_version;
mod listener;
mod ndjson;
mod openai_reply;
mod openai_request;
mod openai_wire;
mod post_chat;
mod post_embed;
mod post_generate;
mod post_show;
mod post_v1_chat_completions;
mod post_v1_embeddings;
mod prompt_cache;
mod reported_usage;
mod request;
mod semantic_embedding;
mod server;
mod state;
pub(crate) mod stop_sequences;
mod wire;

#[cfg(test)]
mod tests;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use tokio::task::JoinHandle;

pub use answer::{
    answer_token, expected_answer, expected_embedding, prompt_token_count, prompt_words,
};
pub use catalogue::{DEFAULT_RUNTIME_CONTEXT_LENGTH, ModelFacts, canonical_model_name, facts_for};
pub use errors::SERVER_BUSY_MESSAGE;
pub use generation_book::PromptGenerations;
pub use get_root::OLLAMA_IS_RUNNING;
pub use get_version::STAND_IN_OLLAMA_VERSION;
pub use reported_usage::ReportedUsage;
pub(crate) use reported_usage::{AnswerSlot, UsageBook};
pub use semantic_embedding::{SEMANTIC_CONTEXT_TOKENS, SEMANTIC_EMBEDDING_DIMENSIONS};
pub use state::DEFAULT_ANSWER_TOKENS;

use listener::bind_reusable;
use server::spawn_listening_period;
use state::SharedState;

/// How long `stop_answering` waits for the cut connections to wind down before moving on.
const STOP_GRACE: Duration = Duration::from_secs(5);

/// A running stand-in Ollama. Cheap to clone; every clone steers the same server, and the server
/// shuts down when the last clone is dropped.
#[derive(Clone)]
pub struct FakeOllama {
    state: Arc<SharedState>,
    server: Arc<ServerControl>,
}

/// Owned only by the handles, so that dropping the last handle stops the server.
struct ServerControl {
    address: SocketAddr,
    state: Arc<SharedState>,
    /// The serve task of the current listening period; `None` while not answering.
    serving: tokio::sync::Mutex<Option<JoinHandle<()>>>,
}

impl Drop for ServerControl {
    fn drop(&mut self) {
        self.state.answering_token().cancel();
    }
}

impl FakeOllama {
    /// Starts on 127.0.0.1 on a free port with `models` installed (none loaded).
    pub async fn start(models: &[&str]) -> anyhow::Result<Self> {
        Self::start_on(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), models).await
    }

    /// Starts on `address` (port 0 picks a free port) with `models` installed.
    pub async fn start_on(address: SocketAddr, models: &[&str]) -> anyhow::Result<Self> {
        let listener = bind_reusable(address).with_context(|| {
            format!("binding the stand-in ollama to {address}: pick a free port or use port 0")
        })?;
        Self::serve_on(listener, models)
    }

    /// Serves on a listener the caller bound, e.g. inside a network namespace
    /// (`crate::netlab`); a stop and resume would bind again in the caller's namespace.
    pub fn serve_on(listener: tokio::net::TcpListener, models: &[&str]) -> anyhow::Result<Self> {
        let bound = listener
            .local_addr()
            .context("reading the stand-in ollama's bound address")?;
        let state = Arc::new(SharedState::new(models));
        let serving = spawn_listening_period(listener, state.clone(), state.answering_token());
        tracing::info!(address = %bound, ?models, "stand-in ollama listening");
        Ok(Self {
            state: state.clone(),
            server: Arc::new(ServerControl {
                address: bound,
                state,
                serving: tokio::sync::Mutex::new(Some(serving)),
            }),
        })
    }

    /// `http://127.0.0.1:PORT`, the value for an agent's `ollama_url`.
    pub fn url(&self) -> String {
        format!("http://{}", self.server.address)
    }

    pub fn address(&self) -> SocketAddr {
        self.server.address
    }

    /// Installs a model (a no-op if it is installed); it shows in `/api/tags` at once.
    pub fn add_model(&self, name: &str) {
        self.state.add_model(name);
    }

    /// Uninstalls a model; it disappears from `/api/tags` and `/api/ps` and requests get 404.
    pub fn remove_model(&self, name: &str) {
        self.state.remove_model(name);
    }

    /// Loads or unloads an installed model, as `/api/ps` shows. Serving a request also loads
    /// it, as in Ollama. Logs a warning for a model that is not installed.
    pub fn set_loaded(&self, name: &str, loaded: bool) {
        if !self.state.set_loaded(name, loaded) {
            tracing::warn!(
                model = name,
                "set_loaded on a model the stand-in ollama does not have: add_model it first"
            );
        }
    }

    /// The installed models' canonical names (`nomic-embed-text` shows as `:latest`), newest first.
    pub fn models(&self) -> Vec<String> {
        let installed = self.state.installed_models();
        installed.into_iter().map(|model| model.name).collect()
    }

    /// The usage the stand-in put in its answers (final chunks and `/api/embed` replies, which
    /// the `/v1` endpoints translate), summed per model name as each request sent it.
    pub fn reported_usage(&self) -> std::collections::BTreeMap<String, ReportedUsage> {
        self.state.usage.totals()
    }

    /// What the stand-in generated, per prompt: generations started and the exact texts of
    /// those it streamed to their end (see [`PromptGenerations`]).
    pub fn generations(&self) -> std::collections::BTreeMap<String, PromptGenerations> {
        self.state.generations.snapshot()
    }

    /// The loaded models' canonical names.
    pub fn loaded_models(&self) -> Vec<String> {
        let installed = self.state.installed_models().into_iter();
        installed
            .filter(|model| model.loaded_until.is_some())
            .map(|model| model.name)
            .collect()
    }

    /// Closes the listener (new connections are refused) and cuts every open connection,
    /// in-flight streams included, like an Ollama that crashed. Returns once the port is closed.
    pub async fn stop_answering(&self) {
        let mut serving = self.server.serving.lock().await;
        self.state.answering_token().cancel();
        if let Some(mut task) = serving.take()
            && tokio::time::timeout(STOP_GRACE, &mut task).await.is_err()
        {
            tracing::warn!(
                "stand-in ollama connections did not close within {STOP_GRACE:?}; abandoning them"
            );
            task.abort();
        }
        tracing::info!(address = %self.server.address, "stand-in ollama stopped answering");
    }

    /// Listens again on the same port after [`stop_answering`](Self::stop_answering).
    pub async fn resume(&self) -> anyhow::Result<()> {
        let mut serving = self.server.serving.lock().await;
        if serving.is_some() {
            return Ok(());
        }
        let address = self.server.address;
        let listener = bind_reusable(address).with_context(|| {
            format!("re-binding the stand-in ollama to {address}: another process took the port")
        })?;
        let stopped = self.state.renew_answering_token();
        *serving = Some(spawn_listening_period(
            listener,
            self.state.clone(),
            stopped,
        ));
        tracing::info!(%address, "stand-in ollama answering again");
        Ok(())
    }
}
