//! Tests of `check_config`: the line it prints for an Ollama node and a provider node.

use settings::MapEnv;

use super::check_config;
use crate::config::Config;

#[test]
fn an_ollama_node_is_summed_up_with_its_addresses() {
    let env = MapEnv::from_pairs([
        ("RUNNER_NODE", "davas"),
        ("RUNNER_COORDINATOR", "http://100.64.0.1:7070"),
        ("RUNNER_MAX_PARALLEL", "2"),
        ("RUNNER_AGENT_TOKEN", "s3cret"),
    ]);
    let config = Config::load(None, &env).unwrap();
    let line = check_config(&config).unwrap();
    assert_eq!(
        line,
        "config ok: node davas (ollama at http://127.0.0.1:11434) joins coordinator \
         http://100.64.0.1:7070, max_parallel 2"
    );
    assert!(!line.contains("s3cret"));
}

#[test]
fn a_provider_node_names_its_vendor_and_models_but_never_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("agent-groq.toml");
    std::fs::write(
        &file,
        "node = \"groq\"\nbackend = \"groq\"\nmodels = [\"llama-3.3-70b-versatile\"]\n",
    )
    .unwrap();
    let env = MapEnv::from_pairs([
        ("RUNNER_AGENT_TOKEN", "s3cret"),
        ("GROQ_API_KEY", "gsk_very_secret"),
    ]);
    let config = Config::load(Some(&file), &env).unwrap();
    let line = check_config(&config).unwrap();
    assert!(line.starts_with("config ok: node groq (groq at https://api.groq.com/openai/v1"));
    assert!(line.contains("models llama-3.3-70b-versatile"), "{line}");
    assert!(!line.contains("gsk_very_secret"), "{line}");
}
