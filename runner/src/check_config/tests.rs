//! Tests of `check_config::summary`: the one line a valid config prints, without secrets.

use settings::MapEnv;

use super::summary;
use crate::config::RunnerConfig;

#[test]
fn a_full_config_names_listeners_nodes_and_parts_but_no_secret() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("coordinator.toml");
    let vault = dir.path().join("vault");
    std::fs::write(
        &file,
        format!(
            "grpc_addr = \"100.64.0.1:7070\"\nhttp_addr = \"100.64.0.1:8000\"\n\
             data_dir = \"/var/lib/llm-runner\"\n\
             [[nodes]]\nname = \"contabo\"\ntoken_env = \"RUNNER_TOKEN_CONTABO\"\n\
             [[nodes]]\nname = \"davas\"\ntoken_env = \"RUNNER_TOKEN_DAVAS\"\n\
             [[routes]]\nmodel = \"gemma4:27b\"\nnodes = [\"davas\"]\n\
             [vault]\npath = \"{}\"\n\
             [[schedules]]\nname = \"briefing\"\ncron = \"0 7 * * *\"\n\
             job = {{ type = \"briefing\", model = \"qwen2.5:14b\" }}\n",
            vault.display()
        ),
    )
    .unwrap();
    let env = MapEnv::from_pairs([
        ("RUNNER_TOKEN_CONTABO", "token-contabo-secret"),
        ("RUNNER_TOKEN_DAVAS", "token-davas-secret"),
        ("RUNNER_API_TOKEN", "api-token-secret"),
        (
            "DISCORD_WEBHOOK_URL",
            "https://discord.com/api/webhooks/1/hook-secret",
        ),
    ]);
    let config = RunnerConfig::load(Some(&file), &env).unwrap();
    let line = summary(&config);
    assert_eq!(
        line,
        format!(
            "config ok: coordinator on grpc 100.64.0.1:7070, http 100.64.0.1:8000, \
             data_dir /var/lib/llm-runner; nodes contabo, davas; 1 route; 1 schedule; \
             vault worker on {}; alerts to Discord",
            vault.display()
        )
    );
    assert!(!line.contains("secret"), "{line}");
}

#[test]
fn the_defaults_say_there_are_no_nodes_and_alerts_are_off() {
    let config = RunnerConfig::load(None, &MapEnv::default()).unwrap();
    let line = summary(&config);
    assert!(line.contains("nodes none; 0 routes; alerts off"), "{line}");
}
