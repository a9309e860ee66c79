//! Tests of the agent configuration: defaults, overrides, and every problem listed.

mod fuzz;

use std::time::Duration;

use settings::MapEnv;

use super::{Config, LogFormat};

fn write(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("agent.toml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn defaults_match_the_design() {
    let env = MapEnv::from_pairs([("RUNNER_NODE", "davas"), ("RUNNER_AGENT_TOKEN", "s3cret")]);
    let config = Config::load(None, &env).unwrap();
    assert_eq!(config.node, "davas");
    assert_eq!(config.coordinator_url, "http://127.0.0.1:7070");
    assert_eq!(config.ollama_url, "http://127.0.0.1:11434");
    assert_eq!(config.max_parallel, 1);
    assert_eq!(config.probe_interval, Duration::from_secs(1));
    assert_eq!(config.host_facts_interval, Duration::from_secs(10));
    assert_eq!(config.log_format, LogFormat::Text);
    assert_eq!(config.token.expose(), "s3cret");
}

#[test]
fn environment_overrides_the_file() {
    let (_dir, path) = write(
        r#"
        node = "homelab"
        coordinator = "http://100.64.0.1:7070"
        max_parallel = 2
        probe_interval = "500ms"
        log_format = "json"
        "#,
    );
    let env = MapEnv::from_pairs([
        ("RUNNER_AGENT_TOKEN", "s3cret"),
        ("RUNNER_MAX_PARALLEL", "4"),
        ("RUNNER_HOST_FACTS_INTERVAL", "30"),
        ("RUNNER_OLLAMA_URL", "http://127.0.0.1:9"),
    ]);
    let config = Config::load(Some(&path), &env).unwrap();
    assert_eq!(config.node, "homelab");
    assert_eq!(config.coordinator_url, "http://100.64.0.1:7070");
    assert_eq!(config.ollama_url, "http://127.0.0.1:9");
    assert_eq!(config.max_parallel, 4);
    assert_eq!(config.probe_interval, Duration::from_millis(500));
    assert_eq!(config.host_facts_interval, Duration::from_secs(30));
    assert_eq!(config.log_format, LogFormat::Json);
}

#[test]
fn every_problem_is_listed() {
    let (_dir, path) = write(
        r#"
        node = "Davas!"
        coordinator = "https://vps:7070"
        ollama_url = "localhost:11434"
        max_parallel = 0
        probe_interval = "soon"
        host_facts_interval = "1ms"
        log_format = "xml"
        "#,
    );
    let error = Config::load(Some(&path), &MapEnv::default()).unwrap_err();
    let text = error.to_string();
    for expected in [
        "node: `Davas!` is not a node name",
        "coordinator `https://vps:7070` is https://: set tls_ca",
        "ollama_url: `localhost:11434` is not a URL",
        "max_parallel: must be at least 1, not 0",
        "agent.toml:6: probe_interval: expected a duration such as \"3s\"",
        "host_facts_interval: 1ms is too short",
        "log_format: `xml` is not one of text, json",
        "RUNNER_AGENT_TOKEN is not set",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert_eq!(text.lines().count(), 8, "{text}");
}

#[test]
fn a_missing_node_and_unknown_keys_are_problems() {
    let (_dir, path) = write("nod = \"davas\"\n");
    let env = MapEnv::from_pairs([("RUNNER_AGENT_TOKEN", "s3cret")]);
    let text = Config::load(Some(&path), &env).unwrap_err().to_string();
    assert!(
        text.contains("agent.toml:1: unknown key `nod` (did you mean `node`?)"),
        "{text}"
    );
    assert!(text.contains("node: missing"), "{text}");
    assert_eq!(text.lines().count(), 2, "{text}");
}

#[test]
fn an_override_with_a_bad_value_names_its_variable_and_bare_seconds_are_a_duration() {
    let env = MapEnv::from_pairs([
        ("RUNNER_NODE", "davas"),
        ("RUNNER_AGENT_TOKEN", "s3cret"),
        ("RUNNER_MAX_PARALLEL", "lots"),
        ("RUNNER_HOST_FACTS_INTERVAL", "5"),
    ]);
    let text = Config::load(None, &env).unwrap_err().to_string();
    assert_eq!(
        text,
        "RUNNER_MAX_PARALLEL=lots: expected a whole number, like 16"
    );
    let env = MapEnv::from_pairs([
        ("RUNNER_NODE", "davas"),
        ("RUNNER_AGENT_TOKEN", "s3cret"),
        ("RUNNER_HOST_FACTS_INTERVAL", "5"),
    ]);
    let config = Config::load(None, &env).unwrap();
    assert_eq!(config.host_facts_interval, Duration::from_secs(5));
}

#[test]
fn a_token_that_cannot_be_a_header_is_a_problem() {
    let env = MapEnv::from_pairs([
        ("RUNNER_NODE", "davas"),
        ("RUNNER_AGENT_TOKEN", "two words"),
    ]);
    let text = Config::load(None, &env).unwrap_err().to_string();
    assert!(text.contains("RUNNER_AGENT_TOKEN holds spaces"), "{text}");
    assert!(
        !text.contains("two words"),
        "the token itself must not be printed: {text}"
    );
}

#[test]
fn the_token_never_prints() {
    let env = MapEnv::from_pairs([("RUNNER_NODE", "davas"), ("RUNNER_AGENT_TOKEN", "s3cret")]);
    let config = Config::load(None, &env).unwrap();
    let printed = format!("{config:?}");
    assert!(printed.contains("token: ***"), "{printed}");
    assert!(!printed.contains("s3cret"), "{printed}");
}

#[test]
fn dev_config_uses_the_defaults_for_the_rest() {
    let config = Config::for_dev(
        "local",
        "http://127.0.0.1:1",
        "http://127.0.0.1:2",
        settings::Secret::new("t"),
    );
    assert_eq!(config.max_parallel, 1);
    assert_eq!(config.probe_interval, Duration::from_secs(1));
    assert_eq!(config.coordinator_url, "http://127.0.0.1:1");
}

#[test]
fn a_provider_node_takes_its_defaults_and_its_key_from_the_environment() {
    let (_dir, path) = write(
        r#"
        node = "groq"
        backend = "groq"
        models = ["llama-3.3-70b-versatile", "qwen/qwen3-32b"]
        "#,
    );
    let env = MapEnv::from_pairs([("RUNNER_AGENT_TOKEN", "t"), ("GROQ_API_KEY", "gsk_x")]);
    let config = Config::load(Some(&path), &env).unwrap();
    let provider = config.provider.unwrap();
    assert_eq!(provider.vendor, super::Vendor::Groq);
    assert_eq!(provider.settings.base_url, "https://api.groq.com/openai/v1");
    assert_eq!(provider.settings.api_key.expose(), "gsk_x");
    assert_eq!(provider.settings.request_timeout, Duration::from_secs(60));
    assert_eq!(provider.settings.max_tokens_default, 8192);
    assert_eq!(provider.list_interval, Duration::from_secs(60));
    assert_eq!(
        provider.models,
        ["llama-3.3-70b-versatile", "qwen/qwen3-32b"]
    );
    assert!(
        !format!("{provider:?}").contains("gsk_x"),
        "the key printed"
    );
}

#[test]
fn a_claude_api_key_alone_does_not_enable_anthropic_and_the_problem_says_so() {
    let env = MapEnv::from_pairs([
        ("RUNNER_NODE", "anthropic"),
        ("RUNNER_BACKEND", "anthropic"),
        ("RUNNER_AGENT_TOKEN", "t"),
        ("CLAUDE_API_KEY", "sk-ant-secret"),
    ]);
    let error = Config::load(None, &env).unwrap_err().to_string();
    assert!(
        error.contains("ANTHROPIC_API_KEY is not set")
            && error.contains("CLAUDE_API_KEY is set, but this agent reads only ANTHROPIC_API_KEY"),
        "{error}"
    );
    assert!(!error.contains("sk-ant-secret"));
}

#[test]
fn provider_keys_on_an_ollama_node_and_an_unknown_backend_are_problems() {
    let (_dir, path) = write(
        r#"
        node = "davas"
        models = ["x"]
        request_timeout = "10ms"
        "#,
    );
    let env = MapEnv::from_pairs([("RUNNER_AGENT_TOKEN", "t")]);
    let error = Config::load(Some(&path), &env).unwrap_err().to_string();
    assert!(
        error.contains("models: only for a provider node"),
        "{error}"
    );
    let env = MapEnv::from_pairs([
        ("RUNNER_NODE", "x"),
        ("RUNNER_AGENT_TOKEN", "t"),
        ("RUNNER_BACKEND", "openai"),
    ]);
    let error = Config::load(None, &env).unwrap_err().to_string();
    assert!(
        error.contains("backend: `openai` is not one of ollama, groq, gemini, anthropic"),
        "{error}"
    );
}

#[test]
fn runner_dev_gets_a_provider_agent_only_for_a_key_in_the_environment() {
    use super::{VENDORS, Vendor};
    let env = MapEnv::from_pairs([
        ("GROQ_API_KEY", "gsk_dev"),
        ("GROQ_BASE_URL", "http://127.0.0.1:9/openai/v1/"),
        ("CLAUDE_API_KEY", "sk-ant-not-read"),
    ]);
    let token = settings::Secret::new("t");
    let groq = Config::for_dev_provider(Vendor::Groq, "http://127.0.0.1:7070", token.clone(), &env)
        .unwrap();
    assert_eq!(groq.node, "groq");
    let provider = groq.provider.unwrap();
    assert_eq!(provider.settings.base_url, "http://127.0.0.1:9/openai/v1");
    assert!(provider.models.is_empty(), "every listed model is offered");
    let skipped: Vec<String> = VENDORS[1..]
        .iter()
        .map(|vendor| {
            Config::for_dev_provider(*vendor, "http://127.0.0.1:7070", token.clone(), &env)
                .unwrap_err()
        })
        .collect();
    assert_eq!(
        skipped,
        ["GEMINI_API_KEY is not set", "ANTHROPIC_API_KEY is not set"]
    );
}

#[test]
fn an_unset_api_key_variable_the_config_chose_is_named_with_where_it_was_chosen() {
    // Found by fuzzing: `RUNNER_API_KEY_ENV=127.0.0.1:0` gave "config: 127.0.0.1:0 is not
    // set", naming neither the key nor the variable that set it.
    let env = MapEnv::from_pairs([
        ("RUNNER_NODE", "groq"),
        ("RUNNER_BACKEND", "groq"),
        ("RUNNER_AGENT_TOKEN", "t"),
        ("RUNNER_API_KEY_ENV", "127.0.0.1:0"),
    ]);
    let error = Config::load(None, &env).unwrap_err().to_string();
    assert_eq!(
        error,
        "RUNNER_API_KEY_ENV=127.0.0.1:0: 127.0.0.1:0 is not set: put the groq API key in the \
         environment or in .env"
    );
    let (_dir, path) = write("node = \"groq\"\nbackend = \"groq\"\napi_key_env = \"MY_KEY\"\n");
    let env = MapEnv::from_pairs([("RUNNER_AGENT_TOKEN", "t")]);
    let error = Config::load(Some(&path), &env).unwrap_err().to_string();
    assert!(
        error.starts_with(&format!(
            "{}:3: api_key_env: MY_KEY is not set",
            path.display()
        )),
        "{error}"
    );
}
