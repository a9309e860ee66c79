//! `runner submit`'s flags: the model, exactly one kind of input (prompt, chat messages or
//! texts to embed), Ollama options, and the checks that refuse bad values before any call.

use std::path::PathBuf;

use clap::{ArgGroup, Args};
use proto::v1::ChatMessage;

use super::CoordinatorArgs;

/// The roles Ollama's `/api/chat` accepts.
const CHAT_ROLES: [&str; 4] = ["system", "user", "assistant", "tool"];

#[derive(Debug, Args)]
#[command(group(
    ArgGroup::new("input")
        .required(true)
        .args(["prompt", "prompt_file", "messages", "embed_texts"])
))]
pub struct SubmitArgs {
    /// The exact model to run; the job is rejected, never downgraded, when no node can serve it
    #[arg(long, value_name = "MODEL")]
    pub model: String,
    /// Text to complete (a generate job); `-` reads it from stdin
    #[arg(long, value_name = "TEXT")]
    pub prompt: Option<String>,
    /// A file whose text is the prompt (a generate job)
    #[arg(long, value_name = "PATH")]
    pub prompt_file: Option<PathBuf>,
    /// A chat message; repeat for a conversation (a chat job); ROLE:@PATH reads a file
    #[arg(long = "message", value_name = "ROLE:TEXT", value_parser = parse_chat_message)]
    pub messages: Vec<ChatMessage>,
    /// A text to embed; repeat for several (an embed job)
    #[arg(long = "embed", value_name = "TEXT")]
    pub embed_texts: Vec<String>,
    /// Answer from memory: the vault's passages that answer the prompt (or the last user
    /// message) go with it, numbered for citation, and the sources follow the answer
    #[arg(long, conflicts_with = "embed_texts")]
    pub memory: bool,
    /// The system message: Ollama's `system` for a prompt, the first message of a chat
    #[arg(long, value_name = "TEXT", conflicts_with = "embed_texts")]
    pub system: Option<String>,
    #[command(flatten)]
    pub options: ModelOptionArgs,
    /// How often the job may be re-run on another node when its node is lost
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub retries: u32,
    /// A key for this request (at most 200 bytes): submitting it again, even after a
    /// coordinator restart, follows the job the first submit made instead of making another
    #[arg(long, value_name = "KEY")]
    pub idempotency_key: Option<String>,
    /// Print the job id and return without waiting
    #[arg(long)]
    pub detach: bool,
    /// Print the final job as JSON instead of streaming tokens
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub coordinator: CoordinatorArgs,
}

/// Ollama request options; unset ones keep Ollama's defaults.
#[derive(Debug, Clone, Default, Args)]
pub struct ModelOptionArgs {
    /// Sampling temperature (0 or more; lower is more deterministic)
    // Negative numbers reach the parser, so `-1` is refused as a temperature rather than
    // taken for an unknown flag.
    #[arg(long, value_name = "F", value_parser = parse_temperature, allow_negative_numbers = true)]
    pub temperature: Option<f64>,
    /// Context window in tokens
    #[arg(long, value_name = "N")]
    pub num_ctx: Option<u32>,
    /// Random seed, for repeatable answers
    #[arg(long, value_name = "N")]
    pub seed: Option<i64>,
    /// How long Ollama keeps the model loaded: "5m", "30s", "-1" (forever) or "0" (unload)
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    pub keep_alive: Option<String>,
    /// "json", or a JSON schema given as JSON text
    #[arg(long, value_name = "json|SCHEMA", value_parser = parse_format)]
    pub format: Option<String>,
    /// At most this many tokens to generate
    #[arg(long, value_name = "N")]
    pub num_predict: Option<u32>,
    /// End the answer where this text appears (not included); repeatable, at most 4
    #[arg(long = "stop", value_name = "SEQ", value_parser = parse_stop, allow_hyphen_values = true)]
    pub stop: Vec<String>,
    /// Nucleus sampling: draw only from the likeliest tokens whose probabilities add up to P (0 to 1)
    #[arg(long = "top-p", value_name = "P", value_parser = parse_top_p)]
    pub top_p: Option<f64>,
}

/// Parses `ROLE:TEXT`; only the first colon separates, so the text may hold colons.
pub fn parse_chat_message(text: &str) -> Result<ChatMessage, String> {
    let usage = format!(
        "expected ROLE:TEXT with ROLE one of {} (e.g. user:hello)",
        CHAT_ROLES.join(", ")
    );
    let (role, content) = text.split_once(':').ok_or_else(|| usage.clone())?;
    let role = role.trim().to_ascii_lowercase();
    if !CHAT_ROLES.contains(&role.as_str()) {
        return Err(format!("`{role}` is not a chat role; {usage}"));
    }
    Ok(ChatMessage {
        role,
        content: content.to_owned(),
    })
}

fn parse_temperature(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() && value >= 0.0 => Ok(value),
        _ => Err("expected a number of 0 or more, e.g. 0.7".to_owned()),
    }
}

fn parse_stop(text: &str) -> Result<String, String> {
    if text.is_empty() {
        return Err("a stop sequence cannot be empty".to_owned());
    }
    Ok(text.to_owned())
}

fn parse_top_p(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() && (0.0..=1.0).contains(&value) => Ok(value),
        _ => Err("expected a number from 0 to 1, e.g. 0.9".to_owned()),
    }
}

/// Accepts `json` or a JSON schema object, so a typo fails here rather than on a far node.
fn parse_format(text: &str) -> Result<String, String> {
    if text == "json" {
        return Ok(text.to_owned());
    }
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(_)) => Ok(text.to_owned()),
        Ok(_) => {
            Err("expected `json` or a JSON schema object such as {\"type\":\"object\"}".to_owned())
        }
        Err(error) => Err(format!(
            "expected `json` or a JSON schema object; the schema is not JSON: {error}"
        )),
    }
}

#[cfg(test)]
mod tests;
