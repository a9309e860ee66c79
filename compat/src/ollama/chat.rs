//! `POST /api/chat` {model, messages, stream, format, options, keep_alive, think, tools}: a
//! chat job, answered as NDJSON lines of `message` or one object (`ndjson.rs`). No messages is
//! Ollama's "load the model" call, answered `done_reason: "load"` when the model can run now.
//! What a job cannot carry is refused with 400, never dropped into a different answer: images,
//! tools, thinking, and an unload (`keep_alive: 0` with no messages).

#[cfg(test)]
mod tests;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use proto::v1::{ChatMessage, JobKind, JobSpec};
use serde::Deserialize;
use serde_json::Value;

use super::error::OllamaError;
use super::model_lookup::servable;
use super::ndjson::answer;
use super::reply::{Flavour, loaded, now};
use super::request::Common;
use crate::ApiState;
use crate::job_run::JobRun;
use crate::json_body;
use crate::refusal::Refusal;

#[derive(Debug, Deserialize)]
pub struct ChatRequest {
    #[serde(flatten)]
    pub common: Common,
    #[serde(default)]
    pub messages: Vec<Message>,
    pub tools: Option<Vec<Value>>,
    pub think: Option<Value>,
}

#[derive(Debug, Deserialize)]
pub struct Message {
    pub role: String,
    /// `null` is taken as no text, as Ollama takes it.
    pub content: Option<String>,
    pub images: Option<Vec<Value>>,
    pub tool_calls: Option<Vec<Value>>,
}

pub async fn handle(State(state): State<ApiState>, headers: HeaderMap, body: Bytes) -> Response {
    let request: ChatRequest = match json_body::parse(&body) {
        Ok(request) => request,
        Err(refusal) => return OllamaError(refusal).into_response(),
    };
    let model = request.common.model.clone();
    match reply(&state, &headers, &request).await {
        Ok(response) => response,
        Err(refusal) => OllamaError::about(&model, refusal).into_response(),
    }
}

async fn reply(
    state: &ApiState,
    headers: &HeaderMap,
    request: &ChatRequest,
) -> Result<Response, Refusal> {
    let Some(spec) = request.job_spec()? else {
        let model = servable(state, request.common.model()?).await?;
        return Ok(Json(loaded(Flavour::Chat, &model.name, &now())).into_response());
    };
    let run = JobRun::start(&state.coordinator, spec, headers).await?;
    answer(run, Flavour::Chat, request.common.streams())
        .await
        .map_err(|error| error.0)
}

impl ChatRequest {
    /// The chat job asked for; `None` for the "load the model" call (no messages).
    pub fn job_spec(&self) -> Result<Option<JobSpec>, Refusal> {
        let model = self.common.model()?;
        if self.tools.as_ref().is_some_and(|tools| !tools.is_empty()) {
            return Err(Refusal::invalid(
                "tools",
                "llm-runner does not run tool calls yet: send the request without tools",
            ));
        }
        if self.think.as_ref().is_some_and(asks_to_think) {
            return Err(Refusal::invalid(
                "think",
                "llm-runner does not return a model's thinking separately yet: leave think out or set it to false",
            ));
        }
        if self.messages.is_empty() {
            if self.common.unloads() {
                return Err(unload_refused());
            }
            return Ok(None);
        }
        let messages = self
            .messages
            .iter()
            .map(chat_message)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(JobSpec {
            kind: JobKind::Chat as i32,
            model: model.to_owned(),
            messages,
            options: Some(self.common.model_options()?),
            ..Default::default()
        }))
    }
}

/// `think: true` or a level ("high"); `false` and `null` ask for nothing.
pub fn asks_to_think(think: &Value) -> bool {
    !matches!(think, Value::Bool(false) | Value::Null)
}

pub fn unload_refused() -> Refusal {
    Refusal::invalid(
        "keep_alive",
        "llm-runner leaves loading and unloading models to each node's Ollama: keep_alive 0 with nothing to answer is not served",
    )
}

fn chat_message(message: &Message) -> Result<ChatMessage, Refusal> {
    if message
        .images
        .as_ref()
        .is_some_and(|images| !images.is_empty())
    {
        return Err(Refusal::invalid(
            "messages",
            "llm-runner does not pass images to models yet: send text messages",
        ));
    }
    if message
        .tool_calls
        .as_ref()
        .is_some_and(|calls| !calls.is_empty())
    {
        return Err(Refusal::invalid(
            "messages",
            "llm-runner does not run tool calls yet: send messages without tool_calls",
        ));
    }
    match message.role.as_str() {
        "system" | "user" | "assistant" | "tool" => Ok(ChatMessage {
            role: message.role.clone(),
            content: message.content.clone().unwrap_or_default(),
        }),
        other => Err(Refusal::invalid(
            "messages",
            format!("message role `{other}` is not one of system, user, assistant, tool"),
        )),
    }
}
