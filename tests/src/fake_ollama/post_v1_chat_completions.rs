//! `POST /v1/chat/completions`: Ollama's OpenAI-compatible chat (ollama/ollama docs/openai.md,
//! `middleware/openai.go` `ChatMiddleware`). As in Ollama, the request is translated into an
//! `/api/chat` request and served by the native chat handler, so the answers, token counts,
//! refusals and behaviour controls are those of `/api/chat`; only the shapes differ.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::openai_reply::{ChatReplyWriter, openai_error_from_native};
use super::openai_request::{ChatCompletionRequest, parse_openai_body};
use super::openai_wire::openai_error;
use super::post_chat;
use super::state::SharedState;

pub(crate) async fn handle(State(state): State<Arc<SharedState>>, body: Bytes) -> Response {
    let request: ChatCompletionRequest = match parse_openai_body(&body) {
        Ok(request) => request,
        Err(refused) => return openai_error(refused.status, refused.message),
    };
    let native_request = match request.to_native_chat() {
        Ok(native_request) => native_request,
        Err(refused) => return openai_error(refused.status, refused.message),
    };
    let native_body = match serde_json::to_vec(&native_request) {
        Ok(native_body) => Bytes::from(native_body),
        Err(error) => return openai_error(StatusCode::INTERNAL_SERVER_ERROR, error.to_string()),
    };
    let writer = ChatReplyWriter::new(request.includes_usage());
    let native = post_chat::handle(State(state), native_body).await;
    if native.status() != StatusCode::OK {
        return openai_error_from_native(native).await;
    }
    if request.streams() {
        writer.stream(native)
    } else {
        writer.single(native).await
    }
}
