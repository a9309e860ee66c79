//! The Gemini client: Google's Generative Language API (`v1beta`) as a [`ProviderApi`], a thin
//! client on reqwest. Follows Google's REST reference (ai.google.dev/api/rest/v1beta:
//! `models.streamGenerateContent`, `models.batchEmbedContents`, `models.list`) and the python-genai
//! SDK's transport (`_api_client.py`: the key in the `x-goog-api-key` header, never `?key=`).
//! Each job has its own file: the model path, the request body, reading the stream and its
//! usage, classifying errors, listing models, embeddings.

#![allow(
    clippy::result_large_err,
    reason = "ProviderError is the shared trait's error, returned by value as the trait does"
)]

mod embed;
mod errors;
mod list_models;
mod model_path;
mod quota;
mod request;
mod stream_progress;
mod stream_reader;
mod usage;
mod wire;

#[cfg(test)]
mod tests;

use std::time::Duration;

use proto::v1::JobSpec;
use reqwest::header::{HeaderMap, HeaderValue};
use settings::Secret;

use super::{
    Completion, ListedModel, ProviderApi, ProviderError, ProviderErrorKind, ProviderSettings,
};
use crate::backend::{LinkGone, Tokens};

/// The longest wait for a connection, whatever `request_timeout` says.
const CONNECT_TIMEOUT_CAP: Duration = Duration::from_secs(5);

/// One Gemini API key at one API root.
#[derive(Debug, Clone)]
pub struct GeminiClient {
    http: reqwest::Client,
    /// The API root with its version and no trailing `/`, e.g. `…/v1beta`.
    base_url: String,
    /// Kept only to scrub it from any text the provider sends back.
    api_key: Secret,
    request_timeout: Duration,
}

impl GeminiClient {
    /// A client sending `settings.api_key` as `x-goog-api-key` on every request to
    /// `settings.base_url`.
    pub fn new(settings: ProviderSettings) -> Result<Self, ProviderError> {
        let mut key_header = HeaderValue::from_str(settings.api_key.expose()).map_err(|_| {
            errors::local(
                ProviderErrorKind::KeyRejected,
                "the gemini api key holds characters an HTTP header cannot carry; check the key",
            )
        })?;
        // Sensitive: reqwest and hyper leave it out of their own debug output.
        key_header.set_sensitive(true);
        let mut headers = HeaderMap::new();
        headers.insert("x-goog-api-key", key_header);
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .connect_timeout(settings.request_timeout.min(CONNECT_TIMEOUT_CAP))
            .read_timeout(settings.request_timeout)
            .build()
            .map_err(|error| {
                errors::local(
                    ProviderErrorKind::Unreachable,
                    &format!("cannot build the HTTP client for gemini: {error}"),
                )
            })?;
        let base_url = settings.base_url.trim_end_matches('/').to_owned();
        if reqwest::Url::parse(&base_url).is_err() {
            return Err(errors::local(
                ProviderErrorKind::Unreachable,
                &format!("the gemini base_url {base_url:?} is not a URL; check base_url"),
            ));
        }
        Ok(Self {
            http,
            base_url,
            api_key: settings.api_key,
            request_timeout: settings.request_timeout,
        })
    }

    /// Sends a request; a non-2xx answer becomes its classified error.
    async fn send(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, ProviderError> {
        let response = request
            .send()
            .await
            .map_err(|error| self.transport_error(&error, None))?;
        if response.status().is_success() {
            return Ok(response);
        }
        let status = response.status().as_u16();
        let body = response
            .text()
            .await
            .map_err(|error| self.transport_error(&error, None))?;
        Err(errors::from_http(status, &body, &self.api_key))
    }

    /// A 2xx answer's body as JSON of type `T`.
    async fn read_json<T: serde::de::DeserializeOwned>(
        &self,
        response: reqwest::Response,
    ) -> Result<T, ProviderError> {
        let bytes = response
            .bytes()
            .await
            .map_err(|error| self.transport_error(&error, None))?;
        serde_json::from_slice(&bytes).map_err(|error| {
            errors::local(
                ProviderErrorKind::Malformed,
                &format!("gemini's answer could not be read: {error}"),
            )
        })
    }

    fn transport_error(
        &self,
        error: &reqwest::Error,
        partial_usage: Option<proto::v1::TokenUsage>,
    ) -> ProviderError {
        errors::from_transport(error, self.request_timeout, &self.api_key, partial_usage)
    }
}

impl ProviderApi for GeminiClient {
    fn vendor(&self) -> &'static str {
        "gemini"
    }

    fn api_version(&self) -> &'static str {
        "v1beta"
    }

    async fn list_models(&self) -> Result<Vec<ListedModel>, ProviderError> {
        list_models::list_models(self).await
    }

    async fn stream<'a>(
        &'a self,
        spec: &'a JobSpec,
        tokens: &'a mut Tokens,
    ) -> Result<Result<Completion, ProviderError>, LinkGone> {
        let body = match request::generate_content_body(spec) {
            Ok(body) => body,
            Err(error) => return Ok(Err(error)),
        };
        let url = model_path::method_url(&self.base_url, &spec.model, "streamGenerateContent");
        // `alt=sse`: server-sent events; without it Google streams one JSON array.
        let url = format!("{url}?alt=sse");
        tracing::debug!(model = %spec.model, "gemini: streaming a generation");
        let sent = self.send(self.http.post(url).json(&body)).await;
        match sent {
            Ok(response) => stream_reader::read_stream(self, response, tokens).await,
            Err(error) => Ok(Err(error)),
        }
    }

    async fn embed<'a>(&'a self, spec: &'a JobSpec) -> Result<Completion, ProviderError> {
        embed::embed(self, spec).await
    }
}
