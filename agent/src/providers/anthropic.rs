//! Anthropic's Messages API as a [`ProviderApi`]: `POST {base}/messages` streamed and
//! `GET {base}/models` paged, with `x-api-key` and `anthropic-version: 2023-06-01`, where `base`
//! is the API root `…/v1`. Follows anthropic-sdk-python (`_client.py`, `api.md`,
//! `types/message_create_params.py`, `lib/streaming/_messages.py`, `pagination.py`),
//! docs.claude.com/en/api/errors and platform.claude.com/docs/build-with-claude/streaming, as
//! quoted in `research/providers.md` §4, §5, §6. Anthropic has no embeddings.

mod errors;
mod list_models;
mod request;
mod stream;
mod usage;

#[cfg(test)]
mod tests;

use std::time::Duration;

use proto::v1::JobSpec;
use settings::Secret;

use super::ProviderSettings;
use super::transport_error::{Phase, failure, from_reqwest, http_client};
use super::{Completion, ListedModel, ProviderApi, ProviderError, ProviderErrorKind};
use crate::backend::{LinkGone, Tokens};

/// The API version this client speaks, sent on every request.
const API_VERSION: &str = "2023-06-01";

/// A client of one Anthropic workspace's key.
#[derive(Debug, Clone)]
pub struct AnthropicClient {
    http: reqwest::Client,
    base_url: String,
    api_key: Secret,
    request_timeout: Duration,
    max_tokens_default: u32,
}

impl AnthropicClient {
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
            max_tokens_default: settings.max_tokens_default,
        })
    }

    /// Sends a request with the key and version; a non-2xx answer is classified.
    async fn send(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, ProviderError> {
        let response = request
            .header("x-api-key", self.api_key.expose())
            .header("anthropic-version", API_VERSION)
            .send()
            .await
            .map_err(|error| from_reqwest(&error, self.request_timeout, Phase::Sending, None))?;
        if response.status().is_success() {
            return Ok(response);
        }
        Err(errors::classify_response(response, &self.api_key).await)
    }
}

impl ProviderApi for AnthropicClient {
    fn vendor(&self) -> &'static str {
        "anthropic"
    }

    fn api_version(&self) -> &'static str {
        API_VERSION
    }

    async fn list_models(&self) -> Result<Vec<ListedModel>, ProviderError> {
        self.list_all_models().await
    }

    async fn stream<'a>(
        &'a self,
        spec: &'a JobSpec,
        tokens: &'a mut Tokens,
    ) -> Result<Result<Completion, ProviderError>, LinkGone> {
        let body = match request::messages_body(spec, self.max_tokens_default) {
            Ok(body) => body,
            Err(error) => return Ok(Err(error)),
        };
        // `.json` also sets `content-type: application/json`, which the API requires.
        let request = self
            .http
            .post(format!("{}/messages", self.base_url))
            .json(&body);
        let response = match self.send(request).await {
            Ok(response) => response,
            Err(error) => return Ok(Err(error)),
        };
        stream::read(response, tokens, &self.api_key, self.request_timeout).await
    }

    async fn embed<'a>(&'a self, _spec: &'a JobSpec) -> Result<Completion, ProviderError> {
        Err(failure(
            ProviderErrorKind::Unsupported,
            "anthropic offers no embeddings".to_owned(),
        ))
    }
}
