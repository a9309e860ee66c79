//! The stand-in Gemini (Generative Language API `v1beta`), following ai.google.dev/api/rest/
//! v1beta/models/list and ai.google.dev/gemini-api/docs/deprecations; googleapis/python-genai
//! `google/genai/_api_client.py`, `models.py`, `_transformers.py`; the recorded streams
//! charmbracelet/fantasy `providertests/testdata/TestGoogleCommon/gemini-2.5-flash/
//! simple_streaming.yaml`, `TestGoogleObjectGeneration/.../complex_object_streaming.yaml` and
//! `TestGoogleThinking/.../thinking-streaming.yaml`; error bodies quoted in providers.md §3.4.
//!
//! Auth only by `x-goog-api-key` (a `?key=` in the URL is taken for no key, and recorded): 400
//! `API_KEY_INVALID` for a wrong key, 403 `PERMISSION_DENIED` without one. `POST /v1beta/models/
//! {id}:generateContent`, `:streamGenerateContent?alt=sse`, `:embedContent`,
//! `:batchEmbedContents`; `GET /v1beta/models` paged; `/v1beta/models/models/…` is 404.

mod embed;
mod errors;
mod generate;
mod list;

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::ops::Deref;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method};
use axum::response::Response;
use axum::routing::{any, get};

use super::controls::Controls;
use super::state::{Refusal, Shared};

/// How long the stand-in "thinks" on every answer: `thoughtsTokenCount` in every usage.
pub const GEMINI_THOUGHTS_TOKENS: usize = 4;

/// Width of the stand-in's embeddings unless the request asks for `outputDimensionality`.
pub const GEMINI_EMBEDDING_DIMENSIONS: usize = 768;

/// A running stand-in Gemini; dereferences to the common [`Controls`].
#[derive(Clone)]
pub struct FakeGemini {
    controls: Controls,
}

impl Deref for FakeGemini {
    type Target = Controls;
    fn deref(&self) -> &Controls {
        &self.controls
    }
}

impl FakeGemini {
    /// Starts on 127.0.0.1, on a free port, accepting `api_key` and listing `models` (bare ids
    /// such as `gemini-2.5-flash`; the listing names them `models/…`).
    pub async fn start(api_key: &str, models: &[&str]) -> anyhow::Result<Self> {
        Self::start_on(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), api_key, models).await
    }

    pub async fn start_on(
        address: SocketAddr,
        api_key: &str,
        models: &[&str],
    ) -> anyhow::Result<Self> {
        let controls = Controls::start("gemini", address, api_key, models, routes).await?;
        Ok(Self { controls })
    }

    /// `http://127.0.0.1:PORT/v1beta`, the agent's `base_url`.
    pub fn base_url(&self) -> String {
        format!("{}/v1beta", self.url())
    }

    /// Answers for `id` name `version` as their `modelVersion`: a provider-side silent fallback.
    pub fn set_model_version(&self, id: &str, version: &str) {
        self.shared().set_model_version(id, version);
    }

    /// The next generation or embedding request gets 429 `RESOURCE_EXHAUSTED` on a per-day quota
    /// with `RetryInfo.retryDelay` = `retry_delay` (e.g. `"41s"`) in the body only.
    pub fn quota_exhausted_next(&self, retry_delay: &str) {
        let refusal = Refusal::QuotaExhausted(retry_delay.to_string());
        self.shared().queue_refusals(refusal, 1);
    }
}

fn routes(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/v1beta/models", get(list::list_models))
        .route("/v1beta/{*rest}", any(dispatch))
        .fallback(|| async { errors::not_found_path() })
        .with_state(shared)
}

/// The refusal unless `x-goog-api-key` carries the key (a key in the URL does not count);
/// `None` lets the request in.
fn authorise(shared: &Shared, headers: &HeaderMap) -> Option<Response> {
    match headers
        .get("x-goog-api-key")
        .and_then(|value| value.to_str().ok())
    {
        None => Some(errors::permission_denied()),
        Some(key) if shared.key_matches(key) => None,
        Some(_) => Some(errors::api_key_invalid()),
    }
}

/// A request to `/v1beta/{rest}`: a model (`GET models/{id}`) or a method on one
/// (`POST models/{id}:{method}`). Anything else, `models/models/…` included, is 404.
async fn dispatch(
    State(shared): State<Arc<Shared>>,
    method: Method,
    Path(rest): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Some(refused) = authorise(&shared, &headers) {
        return refused;
    }
    let Some(name) = rest
        .strip_prefix("models/")
        .filter(|name| !name.contains('/'))
    else {
        return errors::not_found_path();
    };
    let (id, action) = match name.split_once(':') {
        Some((id, action)) => (id, Some(action)),
        None => (name, None),
    };
    let sse = query.get("alt").is_some_and(|alt| alt == "sse");
    match (method, action) {
        (Method::GET, None) => list::get_model(&shared, id),
        (Method::POST, Some("generateContent")) => generate::handle(shared, id, &body, None).await,
        (Method::POST, Some("streamGenerateContent")) => {
            generate::handle(shared, id, &body, Some(sse)).await
        }
        (Method::POST, Some("embedContent")) => embed::embed_one(&shared, id, &body),
        (Method::POST, Some("batchEmbedContents")) => embed::embed_batch(&shared, id, &body),
        _ => errors::not_found_path(),
    }
}

/// Whether `id` is an embedding model (by name, as Google's are: `text-embedding-004`,
/// `gemini-embedding-001`), which decides its `supportedGenerationMethods`.
fn is_embedding_model(id: &str) -> bool {
    id.contains("embedding")
}

/// The methods the listing says `id` supports.
fn supported_methods(id: &str) -> &'static [&'static str] {
    if is_embedding_model(id) {
        &["embedContent", "countTextTokens", "countTokens"]
    } else {
        &[
            "generateContent",
            "countTokens",
            "createCachedContent",
            "batchGenerateContent",
        ]
    }
}

/// Google's 404 unless `id` is listed and supports `method`.
fn check_model(shared: &Shared, id: &str, method: &str) -> Option<Response> {
    let supported = shared.has_model(id) && supported_methods(id).contains(&method);
    (!supported).then(|| errors::model_not_found(id, method))
}

/// Google's 429 when a test queued a refusal for this request.
fn check_quota(shared: &Shared, id: &str) -> Option<Response> {
    match shared.take_refusal() {
        Some(Refusal::RateLimited(wait)) => {
            // A `google.protobuf.Duration` in JSON: seconds with up to 9 fraction digits.
            let seconds = format!("{:.9}", wait.as_secs_f64());
            let seconds = seconds.trim_end_matches('0').trim_end_matches('.');
            Some(errors::resource_exhausted(
                id,
                &format!("{seconds}s"),
                false,
            ))
        }
        Some(Refusal::QuotaExhausted(delay)) => Some(errors::resource_exhausted(id, &delay, true)),
        Some(_) | None => None,
    }
}
