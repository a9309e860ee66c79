//! `:generateContent` and `:streamGenerateContent?alt=sse`: the answer as one
//! `GenerateContentResponse`, or as SSE frames `data: {…}\r\n\r\n` (CR LF CR LF) with no `event:`
//! and no `[DONE]`, the connection closing at the end. Every chunk carries the CUMULATIVE
//! `usageMetadata` (zero fields omitted, so the opening chunk has no `candidatesTokenCount`),
//! `thoughtsTokenCount` and `modelVersion` (recorded fantasy cassettes `simple_streaming.yaml`,
//! `complex_object_streaming.yaml`, `thinking-streaming.yaml`; providers.md §3.2, §3.3).
//!
//! Stand-in choices: the stream opens with a thinking chunk before any text (a `"thought": true`
//! part when `thinkingConfig.includeThoughts` asks for one, an empty text part otherwise), and it
//! ends with a chunk holding an empty text part, `finishReason` and the final usage.
//! `generationConfig.stopSequences` ends the output before the first sequence found, with
//! `finishReason: "STOP"` (ai.google.dev/api/generate-content `GenerationConfig.stopSequences`,
//! `FinishReason.STOP`: "Natural stop point of the model or provided stop sequence").

use std::sync::Arc;

use axum::Json;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::{GEMINI_THOUGHTS_TOKENS, check_model, check_quota, errors};
use crate::fake_ollama::stop_sequences::string_or_strings;
use crate::fake_providers::ReportedUsage;
use crate::fake_providers::generation::{Framer, Generation, Plan, Step};
use crate::fake_providers::server::json_object;
use crate::fake_providers::state::Shared;

/// The text of a `Content`: its parts' `text`, joined.
pub(super) fn content_text(content: &Value) -> String {
    let parts = content.get("parts").and_then(Value::as_array);
    let texts = parts
        .into_iter()
        .flatten()
        .filter_map(|part| part.get("text")?.as_str());
    texts.collect::<Vec<_>>().join("")
}

/// Answers one generate request; `stream` is `None` for `:generateContent`, else whether the
/// client asked for `alt=sse` (without it Google streams a JSON array; we send it whole).
pub(super) async fn handle(
    shared: Arc<Shared>,
    id: &str,
    body: &[u8],
    stream: Option<bool>,
) -> Response {
    if let Some(refused) = check_model(&shared, id, "generateContent") {
        return refused;
    }
    let Some(body) = json_object(body) else {
        return errors::invalid_argument("Invalid JSON payload received.");
    };
    let Some(contents) = body.get("contents").and_then(Value::as_array) else {
        return errors::invalid_argument(
            "* GenerateContentRequest.contents: contents is not specified\n",
        );
    };
    if let Some(refused) = check_quota(&shared, id) {
        return refused;
    }
    let system = body.get("systemInstruction").map(content_text);
    let texts: Vec<String> = system
        .into_iter()
        .chain(contents.iter().map(content_text))
        .collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let input_tokens = crate::fake_providers::expected_input_tokens(&texts);
    let is_user = |content: &&Value| {
        content
            .get("role")
            .and_then(Value::as_str)
            .is_none_or(|role| role == "user")
    };
    let prompt = contents
        .iter()
        .rev()
        .find(is_user)
        .map(content_text)
        .unwrap_or_default();
    let cap = body
        .pointer("/generationConfig/maxOutputTokens")
        .and_then(Value::as_u64);
    // `generationConfig.stopSequences`: the output ends at the first one, which is not included;
    // the candidate's `finishReason` is then `STOP` (the natural stop point or a stop sequence).
    let stop = string_or_strings(body.pointer("/generationConfig/stopSequences"));
    let mut plan = Plan::new(&shared, prompt, input_tokens, cap).with_stop(&stop);
    let thoughts = body.pointer("/generationConfig/thinkingConfig/includeThoughts");
    let mut writer = ChunkWriter {
        model_version: shared.model_version(id),
        response_id: format!("standin-response-{:08}", shared.next_id()),
        input_tokens,
        finish_reason: if plan.capped { "MAX_TOKENS" } else { "STOP" },
        include_thoughts: thoughts.and_then(Value::as_bool).unwrap_or(false),
    };
    if stream != Some(true) {
        let (text, tokens) = Generation::start(shared.clone(), plan).collect().await;
        let whole = writer.chunk(json!([{"text": text}]), Some(writer.finish_reason), tokens);
        if let Some(usage) = reported_usage(&whole) {
            shared.usage.report_whole(id, usage);
        }
        return if stream.is_some() {
            Json(json!([whole]))
        } else {
            Json(whole)
        }
        .into_response();
    }
    plan.fail_after = shared.take_mid_stream_failure();
    let opening = writer.opening();
    let body = Generation::start(shared.clone(), plan).stream_body(Opened(opening, writer), id);
    let headers = [
        (header::CONTENT_TYPE, "text/event-stream"),
        (header::CONNECTION, "close"),
    ];
    (headers, body).into_response()
}

struct ChunkWriter {
    model_version: String,
    response_id: String,
    input_tokens: usize,
    finish_reason: &'static str,
    include_thoughts: bool,
}

impl ChunkWriter {
    /// Cumulative usage after `candidates` answer tokens; proto3 JSON omits the zero count.
    fn usage(&self, candidates: usize) -> Value {
        let prompt = self.input_tokens;
        let mut usage = json!({
            "promptTokenCount": prompt,
            "totalTokenCount": prompt + candidates + GEMINI_THOUGHTS_TOKENS,
            "promptTokensDetails": [{"modality": "TEXT", "tokenCount": prompt}],
            "thoughtsTokenCount": GEMINI_THOUGHTS_TOKENS,
        });
        if candidates > 0 {
            usage["candidatesTokenCount"] = json!(candidates);
        }
        usage
    }

    fn chunk(&self, parts: Value, finish_reason: Option<&str>, candidates: usize) -> Value {
        let mut candidate = json!({"content": {"parts": parts, "role": "model"}, "index": 0});
        if let Some(reason) = finish_reason {
            candidate["finishReason"] = json!(reason);
        }
        json!({
            "candidates": [candidate], "usageMetadata": self.usage(candidates),
            "modelVersion": self.model_version, "responseId": self.response_id,
        })
    }

    fn opening(&mut self) -> String {
        let part = if self.include_thoughts {
            json!({"text": "**Answering with the prompt's own words**", "thought": true})
        } else {
            json!({"text": ""})
        };
        frame(&self.chunk(json!([part]), None, 0))
    }
}

fn frame(value: &Value) -> String {
    format!("data: {value}\r\n\r\n")
}

/// The writer with its opening frame already built (it needs the request's facts).
struct Opened(String, ChunkWriter);

impl Framer for Opened {
    fn opening(&mut self) -> String {
        std::mem::take(&mut self.0)
    }

    fn frame(&mut self, step: &Step) -> String {
        let writer = &self.1;
        match step {
            Step::Token { index, text } => {
                frame(&writer.chunk(json!([{"text": text}]), None, index + 1))
            }
            Step::Failed => frame(&errors::in_stream_error()),
            Step::Finished { emitted } => {
                let reason = Some(writer.finish_reason);
                frame(&writer.chunk(json!([{"text": ""}]), reason, *emitted))
            }
        }
    }

    fn reported_usage(&self, data: &Value) -> Option<ReportedUsage> {
        reported_usage(data)
    }
}

/// The usage a response (or streamed chunk) reports in `usageMetadata` (ai.google.dev
/// `UsageMetadata`; cumulative per chunk, zero counts omitted): billable output is
/// candidates + thoughts; `cachedContentTokenCount` is part of `promptTokenCount`.
fn reported_usage(data: &Value) -> Option<ReportedUsage> {
    let usage = data.get("usageMetadata")?;
    let count = |field: &str| usage.get(field).and_then(Value::as_u64).unwrap_or(0);
    let thoughts = count("thoughtsTokenCount");
    Some(ReportedUsage::of_answer(
        count("promptTokenCount"),
        count("candidatesTokenCount") + thoughts,
        count("cachedContentTokenCount"),
        thoughts,
    ))
}
