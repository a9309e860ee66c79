//! Reading an OpenAI chat completion request and turning it into the `/api/chat` request Ollama
//! serves it with, as Ollama's `ChatMiddleware` and `openai.FromChatRequest` do (ollama/ollama
//! `middleware/openai.go`, `openai/openai.go`; docs/openai.md lists the supported fields):
//! `max_tokens` becomes `num_predict`, `stop` a list, `temperature` and `top_p` default to 1, and
//! a message whose content is a list of parts becomes one message per part.

use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Map, Value, json};

/// The fields of an OpenAI chat completion request that the stand-in reads.
#[derive(Debug, Deserialize)]
pub(crate) struct ChatCompletionRequest {
    #[serde(default)]
    pub model: String,
    #[serde(default)]
    pub messages: Option<Vec<RequestMessage>>,
    #[serde(default)]
    pub stream: Option<bool>,
    pub stream_options: Option<StreamOptions>,
    pub max_tokens: Option<i64>,
    pub seed: Option<i64>,
    pub stop: Option<Value>,
    pub temperature: Option<f64>,
    pub top_p: Option<f64>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RequestMessage {
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub content: Value,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct StreamOptions {
    #[serde(default)]
    pub include_usage: bool,
}

/// Why Ollama's middleware refuses a request before the chat handler sees it.
#[derive(Debug, PartialEq)]
pub(crate) struct Refused {
    pub status: StatusCode,
    pub message: String,
}

fn bad_request(message: impl Into<String>) -> Refused {
    Refused {
        status: StatusCode::BAD_REQUEST,
        message: message.into(),
    }
}

/// Parses the body as `c.ShouldBindJSON` would: Go reports an empty body as `EOF`.
pub(crate) fn parse_openai_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Refused> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(bad_request("EOF"));
    }
    serde_json::from_slice(body).map_err(|error| bad_request(error.to_string()))
}

impl ChatCompletionRequest {
    /// The `/api/chat` body Ollama builds from this request, or the 400 its middleware answers.
    pub fn to_native_chat(&self) -> Result<Value, Refused> {
        let messages = self.messages.as_deref().unwrap_or_default();
        if messages.is_empty() {
            return Err(bad_request("[] is too short - 'messages'"));
        }
        let mut native_messages = Vec::with_capacity(messages.len());
        for message in messages {
            native_messages.extend(native_messages_of(message)?);
        }
        let mut options = Map::new();
        if let Some(stops) = self.stop_sequences() {
            options.insert("stop".to_string(), json!(stops));
        }
        if let Some(max_tokens) = self.max_tokens {
            options.insert("num_predict".to_string(), json!(max_tokens));
        }
        options.insert(
            "temperature".to_string(),
            json!(self.temperature.unwrap_or(1.0)),
        );
        if let Some(seed) = self.seed {
            options.insert("seed".to_string(), json!(seed));
        }
        options.insert("top_p".to_string(), json!(self.top_p.unwrap_or(1.0)));
        Ok(json!({
            "model": self.model,
            "messages": native_messages,
            "options": options,
            // OpenAI's default is a single reply, unlike `/api/chat`'s.
            "stream": self.streams(),
        }))
    }

    pub fn streams(&self) -> bool {
        self.stream == Some(true)
    }

    pub fn includes_usage(&self) -> bool {
        self.stream_options
            .as_ref()
            .is_some_and(|options| options.include_usage)
    }

    /// `stop` as a list: a string is one stop sequence; non-strings in a list are dropped.
    fn stop_sequences(&self) -> Option<Vec<String>> {
        match self.stop.as_ref()? {
            Value::String(stop) => Some(vec![stop.clone()]),
            Value::Array(stops) => Some(
                stops
                    .iter()
                    .filter_map(|stop| stop.as_str().map(str::to_string))
                    .collect(),
            ),
            _ => None,
        }
    }
}

/// One OpenAI message as Ollama's messages: a string content is one message, a list of parts
/// one message per part (an image part carries no text the stand-in could answer).
fn native_messages_of(message: &RequestMessage) -> Result<Vec<Value>, Refused> {
    let role = &message.role;
    match &message.content {
        Value::String(content) => Ok(vec![json!({"role": role, "content": content})]),
        Value::Array(parts) => parts
            .iter()
            .map(|part| match part.get("type").and_then(Value::as_str) {
                Some("text") => part
                    .get("text")
                    .and_then(Value::as_str)
                    .map(|text| json!({"role": role, "content": text}))
                    .ok_or_else(|| bad_request("invalid message format")),
                Some("image_url") => Ok(json!({"role": role, "content": ""})),
                _ => Err(bad_request("invalid message format")),
            })
            .collect(),
        // Go's `%T` of what `encoding/json` decoded the content into.
        other => Err(bad_request(format!(
            "invalid message content type: {}",
            go_type_name(other)
        ))),
    }
}

fn go_type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "<nil>",
        Value::Bool(_) => "bool",
        Value::Number(_) => "float64",
        Value::String(_) => "string",
        Value::Array(_) => "[]interface {}",
        Value::Object(_) => "map[string]interface {}",
    }
}
