//! Tests of the `proxy_config` module.

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
fn the_groq_config_sends_the_model_to_the_stand_in_with_the_key_from_the_environment() {
    let base = "http://127.0.0.1:9/openai/v1";
    let config: Value = serde_json::from_str(&groq_config_text("qwen/qwen3-32b", base)).unwrap();
    let entry = &config["model_list"][0];
    assert_eq!(entry["model_name"], "qwen/qwen3-32b");
    assert_eq!(entry["litellm_params"]["model"], "groq/qwen/qwen3-32b");
    assert_eq!(entry["litellm_params"]["api_base"], base);
    assert_eq!(
        entry["litellm_params"]["api_key"],
        "os.environ/GROQ_API_KEY"
    );
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

#[test]
fn the_openai_config_sends_the_model_to_ollamas_v1_with_a_placeholder_key() {
    let base = "http://127.0.0.1:9/v1";
    let config: Value = serde_json::from_str(&openai_config_text("qwen2.5:14b", base)).unwrap();
    let entry = &config["model_list"][0];
    assert_eq!(entry["model_name"], "qwen2.5:14b");
    assert_eq!(entry["litellm_params"]["model"], "openai/qwen2.5:14b");
    assert_eq!(entry["litellm_params"]["api_base"], base);
    assert_eq!(entry["litellm_params"]["api_key"], "ollama");
}
