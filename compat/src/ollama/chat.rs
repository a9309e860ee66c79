//! `POST /api/chat` {model, messages, stream, format, options, keep_alive, think, tools}: a
//! chat job, answered as NDJSON lines of `message` or one object (`ndjson.rs`). No messages is
//! Ollama's "load the model" call, answered `done_reason: "load"` when the model can run now.
//! What a job cannot carry is refused with 400, never dropped into a different answer: images,
//! tools, thinking, and an unload (`keep_alive: 0` with no messages).

#[cfg(test)]
mod tests;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use proto::v1::{ChatMessage, JobKind, JobSpec};
use serde::Deserialize;
use serde_json::Value;

use super::reply::Flavour;
use super::request::Common;
use super::text_job::{self, TextRequest};
use crate::ApiState;
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
    text_job::handle::<ChatRequest>(&state, &headers, &body).await
}

impl TextRequest for ChatRequest {
    const FLAVOUR: Flavour = Flavour::Chat;

    fn common(&self) -> &Common {
        &self.common
    }

    /// The chat job asked for; `None` for the "load the model" call (no messages).
    fn job_spec(&self) -> Result<Option<JobSpec>, Refusal> {
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
