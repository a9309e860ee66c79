//! Translates a job's `JobSpec` into the JSON body of Ollama's `/api/chat`, `/api/generate` or
//! `/api/embed`, passing only the options the caller set so Ollama's defaults stay in force.

use proto::v1::{JobSpec, ModelOptions};
use serde_json::{Map, Value, json};

use super::OllamaError;

/// The body of a streamed `/api/chat` request.
pub(crate) fn chat_body(spec: &JobSpec) -> Result<Value, OllamaError> {
    let messages: Vec<Value> = spec
        .messages
        .iter()
        .map(|message| json!({ "role": message.role, "content": message.content }))
        .collect();
    let mut body = json!({ "model": spec.model, "messages": messages, "stream": true });
    add_options(&mut body, spec.options.as_ref(), true)?;
    Ok(body)
}

/// The body of a streamed `/api/generate` request; `system` (Ollama's field, which overrides
/// the Modelfile's) only when the job sets one.
pub(crate) fn generate_body(spec: &JobSpec) -> Result<Value, OllamaError> {
    let mut body = json!({ "model": spec.model, "prompt": spec.prompt, "stream": true });
    if !spec.system.is_empty() {
        body["system"] = json!(spec.system);
    }
    add_options(&mut body, spec.options.as_ref(), true)?;
    Ok(body)
}

/// The body of an `/api/embed` request: every text in one call, in order.
pub(crate) fn embed_body(spec: &JobSpec) -> Result<Value, OllamaError> {
    let mut body = json!({ "model": spec.model, "input": spec.texts });
    // `/api/embed` takes no `format`: a caller's format is meaningless for vectors.
    add_options(&mut body, spec.options.as_ref(), false)?;
    Ok(body)
}

fn add_options(
    body: &mut Value,
    options: Option<&ModelOptions>,
    takes_format: bool,
) -> Result<(), OllamaError> {
    let Some(options) = options else {
        return Ok(());
    };
    let mut model_options = Map::new();
    if let Some(temperature) = options.temperature {
        model_options.insert("temperature".to_owned(), json!(temperature));
    }
    if let Some(num_ctx) = options.num_ctx {
        model_options.insert("num_ctx".to_owned(), json!(num_ctx));
    }
    if let Some(seed) = options.seed {
        model_options.insert("seed".to_owned(), json!(seed));
    }
    if let Some(num_predict) = options.num_predict {
        model_options.insert("num_predict".to_owned(), json!(num_predict));
    }
    // Ollama's `stop` is a list of strings in `options`; an empty list would say nothing, so
    // it is left out and the Modelfile's own stop parameters stay in force.
    if !options.stop.is_empty() {
        model_options.insert("stop".to_owned(), json!(options.stop));
    }
    if let Some(top_p) = options.top_p {
        model_options.insert("top_p".to_owned(), json!(top_p));
    }
    if !model_options.is_empty() {
        body["options"] = Value::Object(model_options);
    }
    if let Some(keep_alive) = options
        .keep_alive
        .as_deref()
        .filter(|text| !text.is_empty())
    {
        body["keep_alive"] = keep_alive_value(keep_alive);
    }
    if let Some(format) = options.format.as_deref().filter(|text| !text.is_empty())
        && takes_format
    {
        body["format"] = format_value(format)?;
    }
    Ok(())
}

/// Ollama reads a numeric `keep_alive` as seconds (`-1` forever, `0` unload) and a string as a
/// Go duration (`"5m"`), so a number must travel as a JSON number.
fn keep_alive_value(text: &str) -> Value {
    if let Ok(seconds) = text.parse::<i64>() {
        return json!(seconds);
    }
    match text.parse::<f64>() {
        Ok(seconds) if seconds.is_finite() => json!(seconds),
        _ => json!(text),
    }
}

/// `"json"` asks for JSON mode; anything else must be a JSON schema, sent as a JSON value.
fn format_value(text: &str) -> Result<Value, OllamaError> {
    if text == "json" {
        return Ok(json!("json"));
    }
    serde_json::from_str(text).map_err(|error| OllamaError::BadSpec {
        reason: format!(
            "format is neither \"json\" nor a JSON schema ({error}); fix the job's format"
        ),
    })
}

#[cfg(test)]
mod tests;
