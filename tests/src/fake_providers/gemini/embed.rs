//! `:embedContent` (`{"content":{"parts":[…]}}` → `{"embedding":{"values":[…]}}`) and
//! `:batchEmbedContents` (`{"requests":[{"model":"models/<id>","content":…}]}` →
//! `{"embeddings":[{"values":[…]}]}`), as python-genai `models.py` sends them (providers.md §3.1).
//! Values are the stand-in Ollama's [`expected_embedding`] of the parts' joined text.

use axum::Json;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::generate::content_text;
use super::{GEMINI_EMBEDDING_DIMENSIONS, check_model, check_quota, errors};
use crate::fake_ollama::expected_embedding;
use crate::fake_providers::server::json_object;
use crate::fake_providers::state::Shared;

/// The embedding values for one `EmbedContentRequest`.
fn values(request: &Value) -> Value {
    let text = content_text(&request["content"]);
    let dimensions = request.get("outputDimensionality").and_then(Value::as_u64);
    let dimensions = dimensions.map_or(GEMINI_EMBEDDING_DIMENSIONS, |wide| wide as usize);
    json!(expected_embedding(&text, dimensions))
}

/// The request body, once the model and the quota have been checked.
fn checked_body(shared: &Shared, id: &str, body: &[u8]) -> Result<Value, Box<Response>> {
    let refusal = check_model(shared, id, "embedContent");
    let body = json_object(body);
    let refusal = refusal.or_else(|| {
        body.is_none()
            .then(|| errors::invalid_argument("Invalid JSON payload received."))
    });
    match refusal.or_else(|| check_quota(shared, id)) {
        Some(refused) => Err(Box::new(refused)),
        None => Ok(body.unwrap_or_default()),
    }
}

pub(super) fn embed_one(shared: &Shared, id: &str, body: &[u8]) -> Response {
    match checked_body(shared, id, body) {
        Ok(body) => Json(json!({"embedding": {"values": values(&body)}})).into_response(),
        Err(refused) => *refused,
    }
}

pub(super) fn embed_batch(shared: &Shared, id: &str, body: &[u8]) -> Response {
    let body = match checked_body(shared, id, body) {
        Ok(body) => body,
        Err(refused) => return *refused,
    };
    let requests = body
        .get("requests")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let name = format!("models/{id}");
    if let Some(wrong) = requests
        .iter()
        .find(|request| request["model"].as_str() != Some(&name))
    {
        let message = format!(
            "Model name in the request ({}) does not match the model in the URL ({name}).",
            wrong["model"]
        );
        return errors::invalid_argument(&message);
    }
    let embeddings: Vec<Value> = requests
        .iter()
        .map(|request| json!({"values": values(request)}))
        .collect();
    Json(json!({"embeddings": embeddings})).into_response()
}
