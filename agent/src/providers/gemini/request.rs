//! The body of a `generateContent` / `streamGenerateContent` request from a job. Follows the REST
//! reference (ai.google.dev/api/generate-content: `contents` with roles `user` and `model`,
//! `systemInstruction`, `GenerationConfig` `temperature` / `maxOutputTokens` / `seed` /
//! `responseMimeType` / `stopSequences` (up to 5; the output ends before the first one) /
//! `topP`) and the recorded request in providers.md §3.1 (the system prompt as a
//! `systemInstruction` content with role `user`). Options that are Ollama's own (`num_ctx`,
//! `keep_alive`) are not Gemini's and are left out.

use proto::v1::{ChatMessage, JobKind, JobSpec, ModelOptions};
use serde_json::{Map, Value, json};

use super::errors::local;
use super::{ProviderError, ProviderErrorKind};

/// The JSON body for a chat or generate job.
pub(super) fn generate_content_body(spec: &JobSpec) -> Result<Value, ProviderError> {
    let (system, contents) = match spec.kind() {
        JobKind::Chat => chat_turns(&spec.messages)?,
        JobKind::Generate => {
            let system = (!spec.system.is_empty()).then(|| vec![text_part(&spec.system)]);
            let prompt = json!({"role": "user", "parts": [text_part(&spec.prompt)]});
            (system.unwrap_or_default(), vec![prompt])
        }
        other => {
            return Err(local(
                ProviderErrorKind::BadRequest,
                &format!("a {} job is not a generation", other.as_str_name()),
            ));
        }
    };
    let mut body = Map::new();
    body.insert("contents".into(), Value::Array(contents));
    if !system.is_empty() {
        body.insert(
            "systemInstruction".into(),
            json!({"role": "user", "parts": system}),
        );
    }
    let config = generation_config(spec.options.as_ref())?;
    if !config.is_empty() {
        body.insert("generationConfig".into(), Value::Object(config));
    }
    Ok(Value::Object(body))
}

/// The system parts and the conversation turns of a chat.
fn chat_turns(messages: &[ChatMessage]) -> Result<(Vec<Value>, Vec<Value>), ProviderError> {
    let mut system = Vec::new();
    let mut contents = Vec::new();
    for message in messages {
        let role = match message.role.as_str() {
            "system" => {
                system.push(text_part(&message.content));
                continue;
            }
            "user" => "user",
            "assistant" => "model",
            other => {
                return Err(local(
                    ProviderErrorKind::Unsupported,
                    &format!(
                        "the gemini client sends only system, user and assistant messages, not \
                         {other:?}"
                    ),
                ));
            }
        };
        contents.push(json!({"role": role, "parts": [text_part(&message.content)]}));
    }
    Ok((system, contents))
}

fn text_part(text: &str) -> Value {
    json!({ "text": text })
}

fn generation_config(options: Option<&ModelOptions>) -> Result<Map<String, Value>, ProviderError> {
    let mut config = Map::new();
    let Some(options) = options else {
        return Ok(config);
    };
    if let Some(temperature) = options.temperature {
        config.insert("temperature".into(), json!(temperature));
    }
    if let Some(limit) = options.num_predict {
        config.insert("maxOutputTokens".into(), json!(limit));
    }
    if !options.stop.is_empty() {
        config.insert("stopSequences".into(), json!(options.stop));
    }
    if let Some(top_p) = options.top_p {
        config.insert("topP".into(), json!(top_p));
    }
    if let Some(seed) = options.seed {
        // GenerationConfig.seed is an int32.
        let seed = i32::try_from(seed).map_err(|_| {
            local(
                ProviderErrorKind::BadRequest,
                &format!(
                    "gemini takes a seed between {} and {}, not {seed}",
                    i32::MIN,
                    i32::MAX
                ),
            )
        })?;
        config.insert("seed".into(), json!(seed));
    }
    match options.format.as_deref() {
        None | Some("") => {}
        Some("json") => {
            config.insert("responseMimeType".into(), json!("application/json"));
        }
        Some(_) => {
            return Err(local(
                ProviderErrorKind::Unsupported,
                "the gemini client takes format \"json\" only, not a JSON schema",
            ));
        }
    }
    Ok(config)
}
