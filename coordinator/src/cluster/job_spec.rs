//! Checks a submitted job before it is routed: bad input gets a clear error and is not run.

use proto::v1::{JobKind, JobSpec};

use key_and_source::validate_key_and_source;
use model_options::validate_options;

pub use key_and_source::{MAX_IDEMPOTENCY_KEY_BYTES, MAX_SOURCE_BYTES};

/// Why a job spec cannot be accepted; the message says what to change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidJob(pub String);

const ROLES: &[&str] = &["system", "user", "assistant", "tool"];

/// Validates `spec` and fills in defaults (a model name without a tag means `:latest`, as in
/// Ollama). Returns the spec to run.
pub fn validate_job_spec(
    mut spec: JobSpec,
    max_prompt_bytes: usize,
) -> Result<JobSpec, InvalidJob> {
    let invalid = |message: String| Err(InvalidJob(message));
    spec.model = spec.model.trim().to_owned();
    if spec.model.is_empty() {
        return invalid("model is required (e.g. gemma4:27b)".into());
    }
    if spec.model.len() > 200
        || spec
            .model
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
    {
        return invalid(format!(
            "model `{}` is not a model name",
            spec.model.escape_debug()
        ));
    }
    spec.model = canonical_model_name(&spec.model);
    if !spec.system.is_empty() && spec.kind != JobKind::Generate as i32 {
        return invalid(
            "system is only for generate jobs: a chat job puts it in a message with role \
             `system`, and an embed job takes none"
                .into(),
        );
    }
    let prompt_bytes = match JobKind::try_from(spec.kind) {
        Ok(JobKind::Generate) => {
            if spec.prompt.trim().is_empty() {
                return invalid("prompt is empty: a generate job needs a prompt".into());
            }
            spec.prompt.len() + spec.system.len()
        }
        Ok(JobKind::Chat) => {
            if spec.messages.is_empty() {
                return invalid("messages are empty: a chat job needs at least one message".into());
            }
            if let Some(message) = spec
                .messages
                .iter()
                .find(|m| !ROLES.contains(&m.role.as_str()))
            {
                return invalid(format!(
                    "message role `{}` is not one of {}",
                    message.role.escape_debug(),
                    ROLES.join(", ")
                ));
            }
            spec.messages
                .iter()
                .map(|message| message.content.len())
                .sum()
        }
        Ok(JobKind::Embed) => {
            if spec.texts.is_empty() || spec.texts.iter().all(|text| text.is_empty()) {
                return invalid("texts are empty: an embed job needs at least one text".into());
            }
            spec.texts.iter().map(String::len).sum()
        }
        _ => return invalid("kind is required: chat, generate or embed".into()),
    };
    if prompt_bytes > max_prompt_bytes {
        return invalid(format!(
            "prompt is {prompt_bytes} bytes, over the limit of {max_prompt_bytes} (max_prompt_bytes)"
        ));
    }
    if let Some(options) = &spec.options {
        validate_options(options)?;
    }
    validate_key_and_source(&spec)?;
    Ok(spec)
}

/// `qwen2.5` and `qwen2.5:latest` name the same Ollama model.
pub fn canonical_model_name(name: &str) -> String {
    if name.contains(':') {
        name.to_owned()
    } else {
        format!("{name}:latest")
    }
}

mod key_and_source;
mod model_options;
#[cfg(test)]
mod tests;
