//! The request fields `/api/chat`, `/api/generate` and `/api/embed` share, as Ollama documents
//! them (docs/api.md, api/types.go): `format` ("json" or a JSON schema object), `keep_alive`
//! (a duration text or a number of seconds) and `options`. Of `options` the ones a job carries
//! are read (`temperature`, `top_p`, `seed`, `num_ctx`, `num_predict`, `stop`); any other
//! option (`top_k`, `repeat_penalty`, `num_gpu`, …) is accepted and ignored, as Ollama itself
//! ignores options it does not know.

#[cfg(test)]
mod tests;

use proto::v1::ModelOptions;
use serde::Deserialize;
use serde_json::Value;

use crate::refusal::Refusal;

/// Ollama's `options`, the part a job carries.
#[derive(Debug, Default, Deserialize)]
pub struct Options {
    pub temperature: Option<f64>,
    pub top_p: Option<f64>,
    pub seed: Option<i64>,
    pub num_ctx: Option<u32>,
    /// -1 (Ollama's default) is "until the model stops".
    pub num_predict: Option<i64>,
    pub stop: Option<Stop>,
}

/// `stop` as Ollama's `[]string`; one string is taken too.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Stop {
    One(String),
    Many(Vec<String>),
}

/// What every generating request has besides its text.
#[derive(Debug, Default, Deserialize)]
pub struct Common {
    #[serde(default)]
    pub model: String,
    /// Ollama streams unless told `false`.
    pub stream: Option<bool>,
    pub format: Option<Value>,
    pub options: Option<Options>,
    pub keep_alive: Option<Value>,
}

impl Common {
    pub fn streams(&self) -> bool {
        self.stream != Some(false)
    }

    /// The model, which Ollama requires ("model is required").
    pub fn model(&self) -> Result<&str, Refusal> {
        if self.model.trim().is_empty() {
            return Err(Refusal::invalid("model", "model is required"));
        }
        Ok(&self.model)
    }

    /// True when `keep_alive` asks to unload the model (0), which this API leaves to each
    /// node's Ollama.
    pub fn unloads(&self) -> bool {
        matches!(keep_alive(self.keep_alive.as_ref()), Ok(Some(text)) if text == "0")
    }

    pub fn model_options(&self) -> Result<ModelOptions, Refusal> {
        let options = self.options.as_ref();
        let num_predict = match options.and_then(|options| options.num_predict) {
            None | Some(-1) => None,
            Some(count) => Some(u32::try_from(count).map_err(|_| {
                Refusal::invalid(
                    "options",
                    format!(
                        "options.num_predict {count}: send a positive count, or -1 for no limit"
                    ),
                )
            })?),
        };
        let stop = match options.and_then(|options| options.stop.as_ref()) {
            None => Vec::new(),
            Some(Stop::One(text)) => vec![text.clone()],
            Some(Stop::Many(texts)) => texts.clone(),
        };
        Ok(ModelOptions {
            temperature: options.and_then(|options| options.temperature),
            top_p: options.and_then(|options| options.top_p),
            seed: options.and_then(|options| options.seed),
            num_ctx: options.and_then(|options| options.num_ctx),
            num_predict,
            stop,
            keep_alive: keep_alive(self.keep_alive.as_ref())?,
            format: format(self.format.as_ref())?,
        })
    }
}

/// `format` as a job carries it: "json", or the schema as JSON text; `""` and `null` are none.
pub fn format(format: Option<&Value>) -> Result<Option<String>, Refusal> {
    match format {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) if text.is_empty() => Ok(None),
        Some(Value::String(text)) if text == "json" => Ok(Some(text.clone())),
        Some(schema @ Value::Object(_)) => Ok(Some(schema.to_string())),
        Some(other) => Err(Refusal::invalid(
            "format",
            format!("format {other} must be \"json\" or a JSON schema object"),
        )),
    }
}

/// `keep_alive` as a job carries it: a duration text as given ("5m", "-1"), a number of
/// seconds as its digits (Ollama reads a number as seconds, a negative one as forever).
pub fn keep_alive(keep_alive: Option<&Value>) -> Result<Option<String>, Refusal> {
    match keep_alive {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) if text.is_empty() => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(Value::Number(number)) => Ok(Some(number.to_string())),
        Some(other) => Err(Refusal::invalid(
            "keep_alive",
            format!("keep_alive {other} must be a duration like \"5m\" or a number of seconds"),
        )),
    }
}
