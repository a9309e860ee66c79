//! `submit_job`'s arguments, with the schema an assistant sees (field docs become the
//! schema's descriptions), turned into a job spec. Only what is particular to the tool's shape
//! is checked here (a prompt or messages, a format); the coordinator validates the job itself
//! and says what is wrong.

use std::time::Duration;

use proto::v1::{ChatMessage, JobKind, JobSpec, ModelOptions};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::tool_failure::ToolFailure;

/// Long enough for a long answer on a busy node; an assistant can ask `get_job` later.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(300);
const MAX_WAIT: Duration = Duration::from_secs(3600);

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitJobArguments {
    /// The Ollama model to run, e.g. "gemma4:27b". The job runs on exactly this model, or is
    /// rejected with every node's reason; it is never run on another model.
    pub model: String,
    /// A single prompt: makes a generate job. Give either `prompt` or `messages`.
    #[serde(default)]
    pub prompt: Option<String>,
    /// A conversation: makes a chat job. Give either `prompt` or `messages`.
    #[serde(default)]
    pub messages: Option<Vec<ChatMessageArgument>>,
    #[serde(default)]
    pub temperature: Option<f64>,
    /// Context window size in tokens.
    #[serde(default)]
    pub num_ctx: Option<u32>,
    #[serde(default)]
    pub seed: Option<i64>,
    /// The most tokens to generate.
    #[serde(default)]
    pub num_predict: Option<u32>,
    /// How long Ollama keeps the model loaded afterwards, e.g. "5m", "-1" (forever), "0".
    #[serde(default)]
    pub keep_alive: Option<String>,
    /// "json" for a JSON answer, or a JSON schema (an object) the answer must follow.
    #[serde(default)]
    pub format: Option<serde_json::Value>,
    /// At most 4 texts that end the answer where they appear; the text itself is not included.
    #[serde(default)]
    pub stop: Option<Vec<String>>,
    /// Nucleus sampling, from 0 to 1: draw only from the likeliest tokens whose probabilities
    /// add up to this.
    #[serde(default)]
    pub top_p: Option<f64>,
    /// How many times to re-run the job on another node with the same model if its node is
    /// lost (default 0).
    #[serde(default)]
    pub retries: Option<u32>,
    /// Wait for the answer (default true). False returns the queued job at once; follow it
    /// with `get_job`.
    #[serde(default)]
    pub wait: Option<bool>,
    /// Stop waiting after this many seconds (default 300, at most 3600) and return the job
    /// as it stands; it keeps running.
    #[serde(default)]
    pub wait_seconds: Option<u64>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChatMessageArgument {
    pub role: ChatRole,
    pub content: String,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ChatRole {
    System,
    User,
    Assistant,
    Tool,
}

impl SubmitJobArguments {
    pub fn job_spec(&self) -> Result<JobSpec, ToolFailure> {
        let (kind, prompt, messages) = match (&self.prompt, &self.messages) {
            (Some(prompt), None) => (JobKind::Generate, prompt.clone(), Vec::new()),
            (None, Some(messages)) => (
                JobKind::Chat,
                String::new(),
                messages.iter().map(chat_message).collect(),
            ),
            _ => {
                return Err(ToolFailure::invalid_argument(
                    "give either prompt (a generate job) or messages (a chat job), not both and not neither",
                ));
            }
        };
        let format = match &self.format {
            None => None,
            Some(serde_json::Value::String(format)) => Some(format.clone()),
            Some(schema @ serde_json::Value::Object(_)) => Some(schema.to_string()),
            Some(_) => {
                return Err(ToolFailure::invalid_argument(
                    "format must be \"json\" or a JSON schema object",
                ));
            }
        };
        Ok(JobSpec {
            kind: kind as i32,
            model: self.model.clone(),
            prompt,
            messages,
            options: Some(ModelOptions {
                temperature: self.temperature,
                num_ctx: self.num_ctx,
                seed: self.seed,
                keep_alive: self.keep_alive.clone(),
                format,
                num_predict: self.num_predict,
                stop: self.stop.clone().unwrap_or_default(),
                top_p: self.top_p,
            }),
            retries: self.retries.unwrap_or(0),
            ..Default::default()
        })
    }

    pub fn wait_patience(&self) -> Duration {
        self.wait_seconds
            .map_or(DEFAULT_WAIT, Duration::from_secs)
            .min(MAX_WAIT)
    }
}

fn chat_message(message: &ChatMessageArgument) -> ChatMessage {
    let role = match message.role {
        ChatRole::System => "system",
        ChatRole::User => "user",
        ChatRole::Assistant => "assistant",
        ChatRole::Tool => "tool",
    };
    ChatMessage {
        role: role.to_owned(),
        content: message.content.clone(),
    }
}

#[cfg(test)]
mod tests;
