//! A `/v1/chat/completions` request as OpenAI documents it, turned into a chat job: messages
//! (text content, as a string or text parts), `max_tokens` / `max_completion_tokens`,
//! `temperature`, `top_p`, `seed`, `stop`, `response_format` (JSON or a JSON schema). What
//! llm-runner cannot honour (several choices, tool calls, images, log probabilities) is refused
//! with the parameter's name, never ignored into a different answer. Fields that only tune or
//! label a request (`user`, `metadata`, penalties, …) are accepted and not used.

#[cfg(test)]
mod tests;

use proto::v1::{ChatMessage, JobKind, JobSpec, ModelOptions};
use serde::Deserialize;
use serde_json::Value;

use crate::refusal::Refusal;

#[derive(Debug, Deserialize)]
pub struct ChatCompletionRequest {
    pub model: String,
    pub messages: Vec<RequestMessage>,
    #[serde(default)]
    pub stream: bool,
    pub stream_options: Option<StreamOptions>,
    pub max_tokens: Option<u32>,
    pub max_completion_tokens: Option<u32>,
    pub temperature: Option<f64>,
    pub top_p: Option<f64>,
    pub seed: Option<i64>,
    pub stop: Option<Stop>,
    pub response_format: Option<ResponseFormat>,
    pub n: Option<u32>,
    pub tools: Option<Vec<Value>>,
    pub logprobs: Option<bool>,
}

#[derive(Debug, Deserialize, Default)]
pub struct StreamOptions {
    #[serde(default)]
    pub include_usage: bool,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Stop {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ResponseFormat {
    Text,
    JsonObject,
    JsonSchema { json_schema: JsonSchema },
}

#[derive(Debug, Deserialize)]
pub struct JsonSchema {
    pub schema: Option<Value>,
}

#[derive(Debug, Deserialize)]
pub struct RequestMessage {
    pub role: String,
    #[serde(default)]
    pub content: Option<Content>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Content {
    Text(String),
    Parts(Vec<ContentPart>),
}

#[derive(Debug, Deserialize)]
pub struct ContentPart {
    #[serde(rename = "type")]
    pub kind: String,
    pub text: Option<String>,
}

impl ChatCompletionRequest {
    pub fn include_usage(&self) -> bool {
        self.stream_options
            .as_ref()
            .is_some_and(|options| options.include_usage)
    }

    /// The chat job this request asks for, or why it cannot be one.
    pub fn job_spec(&self) -> Result<JobSpec, Refusal> {
        if self.n.is_some_and(|n| n != 1) {
            return Err(Refusal::invalid(
                "n",
                "llm-runner answers with one choice per request: leave n out or set it to 1",
            ));
        }
        if self.tools.as_ref().is_some_and(|tools| !tools.is_empty()) {
            return Err(Refusal::invalid(
                "tools",
                "llm-runner does not run tool calls yet: send the request without tools",
            ));
        }
        if self.logprobs == Some(true) {
            return Err(Refusal::invalid(
                "logprobs",
                "llm-runner does not return log probabilities",
            ));
        }
        if self.messages.is_empty() {
            return Err(Refusal::invalid(
                "messages",
                "messages is empty: send at least one",
            ));
        }
        let messages = self
            .messages
            .iter()
            .map(chat_message)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(JobSpec {
            kind: JobKind::Chat as i32,
            model: self.model.clone(),
            messages,
            options: Some(self.options()?),
            ..Default::default()
        })
    }

    fn options(&self) -> Result<ModelOptions, Refusal> {
        let stop = match &self.stop {
            None => Vec::new(),
            Some(Stop::One(text)) => vec![text.clone()],
            Some(Stop::Many(texts)) => texts.clone(),
        };
        Ok(ModelOptions {
            temperature: self.temperature,
            top_p: self.top_p,
            seed: self.seed,
            num_predict: self.max_completion_tokens.or(self.max_tokens),
            stop,
            format: response_format(self.response_format.as_ref())?,
            ..Default::default()
        })
    }
}

/// Ollama's `format` for OpenAI's `response_format`: "json", or the schema as JSON text.
pub fn response_format(format: Option<&ResponseFormat>) -> Result<Option<String>, Refusal> {
    match format {
        None | Some(ResponseFormat::Text) => Ok(None),
        Some(ResponseFormat::JsonObject) => Ok(Some("json".to_owned())),
        Some(ResponseFormat::JsonSchema { json_schema }) => match &json_schema.schema {
            Some(schema @ Value::Object(_)) => Ok(Some(schema.to_string())),
            _ => Err(Refusal::invalid(
                "response_format",
                "response_format.json_schema.schema must be a JSON schema object",
            )),
        },
    }
}

fn chat_message(message: &RequestMessage) -> Result<ChatMessage, Refusal> {
    let role = match message.role.as_str() {
        // OpenAI's newer name for the system message.
        "developer" | "system" => "system",
        "user" => "user",
        "assistant" => "assistant",
        "tool" => "tool",
        other => {
            return Err(Refusal::invalid(
                "messages",
                format!(
                    "message role `{other}` is not one of system, developer, user, assistant, tool"
                ),
            ));
        }
    };
    let content = match &message.content {
        None => String::new(),
        Some(Content::Text(text)) => text.clone(),
        Some(Content::Parts(parts)) => text_of_parts(parts)?,
    };
    Ok(ChatMessage {
        role: role.to_owned(),
        content,
    })
}

fn text_of_parts(parts: &[ContentPart]) -> Result<String, Refusal> {
    let mut texts = Vec::with_capacity(parts.len());
    for part in parts {
        match (part.kind.as_str(), &part.text) {
            ("text", Some(text)) => texts.push(text.as_str()),
            ("text", None) => {
                return Err(Refusal::invalid(
                    "messages",
                    "a text content part has no `text`",
                ));
            }
            (other, _) => {
                return Err(Refusal::invalid(
                    "messages",
                    format!("content parts of type `{other}` are not supported yet: send text"),
                ));
            }
        }
    }
    Ok(texts.join("\n"))
}
