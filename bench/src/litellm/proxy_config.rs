//! What the LiteLLM proxy is started with: a config file naming one model served by the stand-in
//! Ollama, a freshly generated master key, and an environment that keeps it offline and quiet.

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
mod tests {
    use serde_json::Value;

    use super::*;

    #[test]
    fn the_config_routes_the_model_to_the_stand_in_through_ollama_chat() {
        let config: Value =
            serde_json::from_str(&config_text("qwen2.5:14b", "http://127.0.0.1:9")).unwrap();
        let entry = &config["model_list"][0];
        assert_eq!(entry["model_name"], "qwen2.5:14b");
        assert_eq!(entry["litellm_params"]["model"], "ollama_chat/qwen2.5:14b");
        assert_eq!(entry["litellm_params"]["api_base"], "http://127.0.0.1:9");
        assert_eq!(
            config["general_settings"]["master_key"],
            "os.environ/LITELLM_MASTER_KEY"
        );
    }

    #[test]
    fn every_master_key_is_new_and_shaped_as_litellm_wants() {
        let (first, second) = (generate_master_key(), generate_master_key());
        assert_ne!(first, second);
        assert!(first.starts_with("sk-") && first.len() == "sk-bench-".len() + 32);
    }

    #[test]
    fn the_environment_carries_the_key_and_the_local_cost_map() {
        let env = proxy_env("sk-x");
        assert!(env.contains(&("LITELLM_MASTER_KEY".into(), "sk-x".into())));
        assert!(env.contains(&("LITELLM_LOCAL_MODEL_COST_MAP".into(), "True".into())));
    }
}
