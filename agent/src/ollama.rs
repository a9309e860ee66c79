//! The one place the agent talks to its host's Ollama over HTTP: the probe calls (`version`,
//! `tags`, `ps`) with a short timeout, streamed `chat`/`generate`, and `embed`.
//!
//! **Architecture Invariant:** only the agent talks to Ollama, and only through this module.

mod error;
mod generation_stream;
mod request;
mod show;
mod wire;

#[cfg(test)]
mod tests;

use std::sync::Arc;
use std::time::Duration;

use proto::v1::{Embedding, InstalledModel, JobSpec, LoadedModel, OllamaStats};
use serde::de::DeserializeOwned;

pub use error::OllamaError;
pub use generation_stream::{GenerationChunk, GenerationStream};

/// A probe that takes longer than this counts as "not answering": a wedged Ollama must not
/// look healthy to the scheduler.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(2);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);

/// What `/api/embed` answered, ready for the protocol.
#[derive(Debug, Clone, PartialEq)]
pub struct EmbedOutcome {
    pub model: String,
    pub embeddings: Vec<Embedding>,
    pub stats: OllamaStats,
}

#[derive(Debug, Clone)]
pub struct OllamaClient {
    http: reqwest::Client,
    /// Shared: every job's task holds a copy of the client.
    base_url: Arc<str>,
}

impl OllamaClient {
    pub fn new(base_url: &str) -> Result<Self, OllamaError> {
        let http = reqwest::Client::builder()
            // Ollama is on this host or the tailnet: a system proxy would only get in the way.
            .no_proxy()
            .connect_timeout(CONNECT_TIMEOUT)
            .tcp_nodelay(true)
            .build()
            .map_err(|error| OllamaError::ClientSetup {
                reason: error.to_string(),
            })?;
        Ok(Self {
            http,
            base_url: Arc::from(base_url.trim_end_matches('/')),
        })
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// `GET /api/version`: Ollama's version, e.g. `0.12.3`.
    pub async fn version(&self) -> Result<String, OllamaError> {
        let body: wire::VersionBody = self.probe("/api/version").await?;
        Ok(body.version)
    }

    /// `GET /api/tags`: the installed models.
    pub async fn tags(&self) -> Result<Vec<InstalledModel>, OllamaError> {
        let body: wire::ModelsBody<wire::TagEntry> = self.probe("/api/tags").await?;
        Ok(body
            .models
            .unwrap_or_default()
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// `GET /api/ps`: the models loaded in memory.
    pub async fn ps(&self) -> Result<Vec<LoadedModel>, OllamaError> {
        let body: wire::ModelsBody<wire::PsEntry> = self.probe("/api/ps").await?;
        Ok(body
            .models
            .unwrap_or_default()
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// `POST /api/chat`, streamed.
    pub async fn chat(&self, spec: &JobSpec) -> Result<GenerationStream, OllamaError> {
        self.stream("/api/chat", &request::chat_body(spec)?).await
    }

    /// `POST /api/generate`, streamed.
    pub async fn generate(&self, spec: &JobSpec) -> Result<GenerationStream, OllamaError> {
        self.stream("/api/generate", &request::generate_body(spec)?)
            .await
    }

    /// `POST /api/embed` with every text of the job as `input`.
    pub async fn embed(&self, spec: &JobSpec) -> Result<EmbedOutcome, OllamaError> {
        let url = format!("{}/api/embed", self.base_url);
        let response = self.send(&url, &request::embed_body(spec)?).await?;
        let body: wire::EmbedBody = response
            .json()
            .await
            .map_err(|error| OllamaError::from_transport(&url, None, &error))?;
        Ok(EmbedOutcome {
            model: body.model,
            embeddings: body
                .embeddings
                .into_iter()
                .map(|values| Embedding { values })
                .collect(),
            stats: body.stats.into(),
        })
    }

    async fn probe<Body: DeserializeOwned>(&self, path: &str) -> Result<Body, OllamaError> {
        let url = format!("{}{path}", self.base_url);
        let transport =
            |error: reqwest::Error| OllamaError::from_transport(&url, Some(PROBE_TIMEOUT), &error);
        let response = self
            .http
            .get(&url)
            .timeout(PROBE_TIMEOUT)
            .send()
            .await
            .map_err(transport)?;
        let response = check_status(response).await?;
        response.json().await.map_err(transport)
    }

    async fn stream(
        &self,
        path: &str,
        body: &serde_json::Value,
    ) -> Result<GenerationStream, OllamaError> {
        let url = format!("{}{path}", self.base_url);
        let response = self.send(&url, body).await?;
        Ok(GenerationStream::new(url, response))
    }

    /// Sends a job request without a total timeout: loading a large model can take minutes.
    async fn send(
        &self,
        url: &str,
        body: &serde_json::Value,
    ) -> Result<reqwest::Response, OllamaError> {
        let response = self
            .http
            .post(url)
            .json(body)
            .send()
            .await
            .map_err(|error| OllamaError::from_transport(url, None, &error))?;
        check_status(response).await
    }
}

/// Turns a non-2xx answer into its `error` text plus the status, as Ollama words it.
async fn check_status(response: reqwest::Response) -> Result<reqwest::Response, OllamaError> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let text = response.text().await.unwrap_or_default();
    let message = match serde_json::from_str::<wire::ErrorBody>(&text) {
        Ok(body) => body.error,
        Err(_) if !text.trim().is_empty() => text.trim().chars().take(300).collect(),
        Err(_) => status
            .canonical_reason()
            .unwrap_or("no reason given")
            .to_owned(),
    };
    Err(OllamaError::Status {
        status: status.as_u16(),
        message,
    })
}
