//! What the LiteLLM proxy is started with: a config file naming one model served by the stand-in
//! Ollama (or by the stand-in Groq), a freshly generated master key, and an environment that
//! keeps it offline and quiet.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

use serde_json::json;

/// The proxy's config: one `model_list` entry that sends `model` to `ollama_url` through
/// LiteLLM's `ollama_chat/` provider, and the master key read from the environment (so the key
/// is in no file). Written as JSON, which is also YAML, the format LiteLLM reads.
pub fn config_text(model: &str, ollama_url: &str) -> String {
    json!({
        "model_list": [{
            "model_name": model,
            "litellm_params": {
                "model": format!("ollama_chat/{model}"),
                "api_base": ollama_url,
            },
        }],
        "general_settings": { "master_key": "os.environ/LITELLM_MASTER_KEY" },
    })
    .to_string()
}

/// The variable the Groq config reads the provider's key from, so the key is in no file.
pub const GROQ_KEY_ENV: &str = "GROQ_API_KEY";

/// The proxy's config for a Groq model: one `model_list` entry that sends `model` to the
/// OpenAI-compatible API at `base_url` (`http://HOST:PORT/openai/v1`) through LiteLLM's `groq/`
/// provider, which posts to `{api_base}/chat/completions` with `api_key` as Bearer token (docs:
/// docs.litellm.ai/docs/providers/groq; `litellm/llms/groq/chat/transformation.py`). The key is
/// read from [`GROQ_KEY_ENV`], the master key as in [`config_text`].
pub fn groq_config_text(model: &str, base_url: &str) -> String {
    json!({
        "model_list": [{
            "model_name": model,
            "litellm_params": {
                "model": format!("groq/{model}"),
                "api_base": base_url,
                "api_key": format!("os.environ/{GROQ_KEY_ENV}"),
            },
        }],
        "general_settings": { "master_key": "os.environ/LITELLM_MASTER_KEY" },
    })
    .to_string()
}

/// The proxy's config for a model behind an OpenAI-compatible API at `api_base` (e.g. Ollama's
/// `http://HOST:PORT/v1`): one `model_list` entry with LiteLLM's `openai/` provider, which posts
/// to `{api_base}/chat/completions` (docs.litellm.ai/docs/providers/openai_compatible). The key
/// is a placeholder, as Ollama's docs/openai.md uses (`api_key="ollama"`): Ollama ignores it, but
/// the OpenAI client LiteLLM uses refuses to start without one.
pub fn openai_config_text(model: &str, api_base: &str) -> String {
    json!({
        "model_list": [{
            "model_name": model,
            "litellm_params": {
                "model": format!("openai/{model}"),
                "api_base": api_base,
                "api_key": "ollama",
            },
        }],
        "general_settings": { "master_key": "os.environ/LITELLM_MASTER_KEY" },
    })
    .to_string()
}

/// A master key for one run: LiteLLM wants the `sk-` prefix; the rest is 128 random bits (two
/// randomly keyed SipHash outputs, so no RNG crate is needed).
pub fn generate_master_key() -> String {
    let random = || RandomState::new().build_hasher().finish();
    format!("sk-bench-{:016x}{:016x}", random(), random())
}

/// The proxy's environment: the master key, the cost map bundled with the package instead of a
/// download at start-up, `.env` files not read (production mode), no feedback banner, no API
/// docs pages, and only errors logged.
pub fn proxy_env(master_key: &str) -> Vec<(String, String)> {
    [
        ("LITELLM_MASTER_KEY", master_key),
        ("LITELLM_LOCAL_MODEL_COST_MAP", "True"),
        ("LITELLM_MODE", "PRODUCTION"),
        ("LITELLM_LOG", "ERROR"),
        ("LITELLM_DONT_SHOW_FEEDBACK_BOX", "true"),
        ("NO_DOCS", "True"),
    ]
    .into_iter()
    .map(|(key, value)| (key.to_owned(), value.to_owned()))
    .collect()
}

#[cfg(test)]
mod tests;
