//! `POST /openai/v1/chat/completions`: Bearer auth, the model checks (400 decommissioned, 404 not
//! found), queued rate limits (429, 413), then the answer streamed as SSE or whole
//! (groq-python `api.md`, `types/chat/completion_create_params.py`; providers.md §2.1–§2.4).
//! `stop` (a string or up to 4) ends the answer before the first sequence found, which the text
//! does not contain, with `finish_reason: "stop"` (OpenAI's chat completions reference, `stop`).

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::chunks::{ChunkWriter, completion, reported_usage};
use super::{authorise, errors};
use crate::fake_ollama::stop_sequences::string_or_strings;
use crate::fake_providers::generation::{Generation, Plan};
use crate::fake_providers::server::json_object;
use crate::fake_providers::state::{Refusal, Shared};

/// The text of a message's `content`: a string, or the `text` of its text parts.
fn content_text(content: &Value) -> String {
    match content {
        Value::String(text) => text.clone(),
        Value::Array(parts) => parts
            .iter()
            .filter_map(|part| part.get("text").and_then(Value::as_str))
            .collect::<Vec<_>>()
            .join(""),
        _ => String::new(),
    }
}

pub(super) async fn handle(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Some(refused) = authorise(&shared, &headers) {
        return refused;
    }
    let Some(body) = json_object(&body) else {
        return errors::bad_request("the request body must be a JSON object");
    };
    let Some(model) = body
        .get("model")
        .and_then(Value::as_str)
        .map(str::to_string)
    else {
        return errors::bad_request("'model' : property 'model' is missing");
    };
    let Some(messages) = body.get("messages").and_then(Value::as_array) else {
        return errors::bad_request("'messages' : property 'messages' is missing");
    };
    if shared.is_decommissioned(&model) {
        return errors::model_decommissioned(&model);
    }
    if !shared.has_model(&model) {
        return errors::model_not_found(&model);
    }
    let texts: Vec<String> = messages
        .iter()
        .map(|message| content_text(&message["content"]))
        .collect();
    let is_user = |message: &&Value| message.get("role").and_then(Value::as_str) == Some("user");
    let prompt = messages
        .iter()
        .rev()
        .find(is_user)
        .map(|message| content_text(&message["content"]));
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let input_tokens = crate::fake_providers::expected_input_tokens(&texts);
    match shared.take_refusal() {
        Some(Refusal::TooLarge) => return errors::too_large(&model, input_tokens),
        Some(Refusal::RateLimited(wait)) => return errors::rate_limited(&model, wait),
        Some(_) | None => {}
    }
    let cap = ["max_completion_tokens", "max_tokens"]
        .iter()
        .find_map(|field| body.get(*field).and_then(Value::as_u64));
    // `stop`: "Up to 4 sequences where the API will stop generating further tokens. The returned
    // text will not contain the stop sequence" (a string or an array); the finish is `stop`.
    let stop = string_or_strings(body.get("stop"));
    let mut plan =
        Plan::new(&shared, prompt.unwrap_or_default(), input_tokens, cap).with_stop(&stop);
    let stream = body.get("stream").and_then(Value::as_bool).unwrap_or(false);
    let include_usage = body
        .pointer("/stream_options/include_usage")
        .and_then(Value::as_bool);
    let writer = ChunkWriter::new(&shared, &model, &plan, include_usage.unwrap_or(false));
    if !stream {
        let (text, tokens) = Generation::start(shared.clone(), plan).collect().await;
        let completion = completion(&writer, &text, tokens);
        if let Some(usage) = reported_usage(&completion) {
            shared.usage.report_whole(&model, usage);
        }
        return Json(completion).into_response();
    }
    plan.fail_after = shared.take_mid_stream_failure();
    let body = Generation::start(shared.clone(), plan).stream_body(writer, &model);
    ([(header::CONTENT_TYPE, "text/event-stream")], body).into_response()
}
