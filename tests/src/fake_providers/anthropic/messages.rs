//! `POST /v1/messages`: auth and version checks, body validation in Anthropic's words (missing
//! `max_tokens` is 400 `max_tokens: Field required`, plain JSON even with `"stream": true`), 404
//! `not_found_error` for an unlisted model, queued 429/529, then the message streamed as SSE
//! (see `events.rs`) or whole with its `usage` (anthropic-sdk-python `api.md`,
//! `MessageCreateParamsBase`; providers.md §4.1–§4.4). `stop_sequences` ends the answer before
//! the first sequence found, with `stop_reason: "stop_sequence"` and the matched sequence in
//! `stop_sequence` (docs.claude.com/en/api/messages, `stop_sequences` and `stop_reason`).

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::events::{EventWriter, placeholder_output_tokens, reported_usage, usage};
use super::{authorise, errors};
use crate::fake_ollama::stop_sequences::string_or_strings;
use crate::fake_providers::generation::{Generation, Plan};
use crate::fake_providers::server::json_object;
use crate::fake_providers::state::{Refusal, Shared};

/// A `content` or `system`: a string, or the `text` of its text blocks.
fn text_of(content: &Value) -> String {
    match content {
        Value::String(text) => text.clone(),
        Value::Array(blocks) => blocks
            .iter()
            .filter_map(|block| block.get("text").and_then(Value::as_str))
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
        return errors::error(
            &shared,
            errors::INVALID_REQUEST,
            "The request body is not valid JSON",
        );
    };
    for field in ["max_tokens", "messages", "model"] {
        if body.get(field).is_none() {
            return errors::error(
                &shared,
                errors::INVALID_REQUEST,
                &format!("{field}: Field required"),
            );
        }
    }
    let model = body["model"].as_str().unwrap_or_default().to_string();
    let messages = body["messages"].as_array().cloned().unwrap_or_default();
    if !shared.has_model(&model) {
        return errors::error(&shared, errors::NOT_FOUND, &format!("model: {model}"));
    }
    match shared.take_refusal() {
        Some(Refusal::RateLimited(wait)) => return errors::rate_limited(&shared, wait),
        Some(Refusal::Overloaded) => {
            return errors::error(&shared, errors::OVERLOADED, "Overloaded");
        }
        Some(_) | None => {}
    }
    let system = body.get("system").map(text_of);
    let contents = messages.iter().map(|message| text_of(&message["content"]));
    let texts: Vec<String> = system.into_iter().chain(contents).collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let input_tokens = crate::fake_providers::expected_input_tokens(&texts);
    let is_user = |message: &&Value| message["role"].as_str() == Some("user");
    let prompt = messages
        .iter()
        .rev()
        .find(is_user)
        .map(|message| text_of(&message["content"]));
    let mut plan = Plan::new(
        &shared,
        prompt.unwrap_or_default(),
        input_tokens,
        body["max_tokens"].as_u64(),
    )
    .with_stop(&string_or_strings(body.get("stop_sequences")));
    // A matched `stop_sequences` entry ends with `stop_reason: "stop_sequence"` and names itself
    // in `stop_sequence` (null otherwise).
    let stop_reason = if plan.stop_sequence.is_some() {
        "stop_sequence"
    } else if plan.capped {
        "max_tokens"
    } else {
        "end_turn"
    };
    let stop_sequence = plan.stop_sequence.clone();
    let mut message = json!({
        "model": model, "id": format!("msg_standin{:014}", shared.next_id()), "type": "message",
        "role": "assistant", "content": [], "stop_reason": null, "stop_sequence": null,
        "usage": usage(input_tokens, placeholder_output_tokens(plan.tokens)),
    });
    if body.get("stream").and_then(Value::as_bool) != Some(true) {
        let (text, tokens) = Generation::start(shared.clone(), plan).collect().await;
        message["content"] = json!([{"type": "text", "text": text}]);
        message["stop_reason"] = json!(stop_reason);
        message["stop_sequence"] = json!(stop_sequence);
        message["usage"] = usage(input_tokens, tokens);
        if let Some(reported) = reported_usage(&message) {
            shared.usage.report_whole(&model, reported);
        }
        return Json(message).into_response();
    }
    plan.fail_after = shared.take_mid_stream_failure();
    let tokens = plan.tokens;
    let writer = EventWriter {
        message,
        input_tokens,
        tokens,
        stop_reason,
        stop_sequence,
        written: 0,
    };
    let body = Generation::start(shared.clone(), plan).stream_body(writer, &model);
    let headers = [
        (header::CONTENT_TYPE, "text/event-stream; charset=utf-8"),
        (header::CACHE_CONTROL, "no-cache"),
    ];
    (headers, body).into_response()
}
