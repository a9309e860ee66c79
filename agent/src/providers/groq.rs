//! Groq's OpenAI-compatible API as a [`ProviderApi`]: `POST {base}/chat/completions` streamed
//! with `stream_options.include_usage`, `GET {base}/models`, `Authorization: Bearer`, where
//! `base` is the API root `…/openai/v1`. Follows the groq-python SDK (`_client.py`, `api.md`,
//! `types/chat/*`, `_streaming.py`), console.groq.com/docs/{errors,rate-limits} and the recorded
//! stream, as quoted in `research/providers.md` §2, §5, §6. Groq offers no embeddings here.

mod errors;
mod list_models;
mod request;
mod stream;
mod usage;

#[cfg(test)]
mod tests;

use proto::v1::JobSpec;
use settings::Secret;

use super::ProviderSettings;
use super::transport_error::{Phase, failure, from_reqwest, http_client};
use super::{Completion, ListedModel, ProviderApi, ProviderError, ProviderErrorKind};
use crate::backend::{LinkGone, Tokens};

/// A client of one Groq organisation's key.
#[derive(Debug, Clone)]
pub struct GroqClient {
    http: reqwest::Client,
    base_url: String,
    api_key: Secret,
    request_timeout: std::time::Duration,
}

impl GroqClient {
    #[expect(
        clippy::result_large_err,
        reason = "ProviderError is returned by value across the shared provider interface (api.rs)"
    )]
    pub fn new(settings: ProviderSettings) -> Result<Self, ProviderError> {
        Ok(Self {
            http: http_client(&settings)?,
            base_url: settings.base_url.trim_end_matches('/').to_owned(),
            api_key: settings.api_key,
            request_timeout: settings.request_timeout,
        })
    }

    /// Sends a request with the key; a non-2xx answer is classified as Groq's error.
    async fn send(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, ProviderError> {
        let response = request
            .bearer_auth(self.api_key.expose())
            .send()
            .await
            .map_err(|error| from_reqwest(&error, self.request_timeout, Phase::Sending, None))?;
        if response.status().is_success() {
            return Ok(response);
        }
        Err(errors::classify_response(response, &self.api_key).await)
    }
}

impl ProviderApi for GroqClient {
    fn vendor(&self) -> &'static str {
        "groq"
    }

    fn api_version(&self) -> &'static str {
        "openai/v1"
    }

    async fn list_models(&self) -> Result<Vec<ListedModel>, ProviderError> {
        let response = self
            .send(self.http.get(format!("{}/models", self.base_url)))
            .await?;
        list_models::read(response, self.request_timeout).await
    }

    async fn stream<'a>(
        &'a self,
        spec: &'a JobSpec,
        tokens: &'a mut Tokens,
    ) -> Result<Result<Completion, ProviderError>, LinkGone> {
        let body = match request::chat_body(spec) {
            Ok(body) => body,
            Err(error) => return Ok(Err(error)),
        };
        let url = format!("{}/chat/completions", self.base_url);
        let response = match self.send(self.http.post(url).json(&body)).await {
            Ok(response) => response,
            Err(error) => return Ok(Err(error)),
        };
        stream::read(response, tokens, &self.api_key, self.request_timeout).await
    }

    async fn embed<'a>(&'a self, _spec: &'a JobSpec) -> Result<Completion, ProviderError> {
        Err(failure(
            ProviderErrorKind::Unsupported,
            "groq offers no embeddings here".to_owned(),
        ))
    }
}
