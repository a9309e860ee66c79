//! Unit tests of the coordinator config: defaults, overrides, every problem listed.

use std::time::Duration;

use settings::MapEnv;

use super::{CoordinatorConfig, LogFormat};

mod spend;

fn write(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coordinator.toml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn defaults_match_the_design() {
    let config = CoordinatorConfig::load(None, &MapEnv::default()).unwrap();
    assert_eq!(config.grpc_addr.to_string(), "127.0.0.1:7070");
    assert_eq!(config.http_addr.to_string(), "127.0.0.1:8000");
    assert_eq!(config.data_dir.to_str(), Some("./data"));
    assert!(config.heartbeat_timeout <= Duration::from_secs(5));
    assert_eq!(config.disconnect_grace, Duration::from_secs(30));
    assert_eq!(config.log_format, LogFormat::Text);
    assert!(config.nodes.is_empty() && config.routes.is_empty());
}

#[test]
fn nodes_routes_and_tokens_are_read() {
    let (_dir, path) = write(
        r#"
        heartbeat_timeout = "2s"
        disconnect_grace = "0s"
        [[nodes]]
        name = "davas"
        token_env = "TOKEN_DAVAS"
        labels = ["gpu"]
        [[routes]]
        model = "gemma4:27b"
        nodes = ["davas"]
        "#,
    );
    let env = MapEnv::from_pairs([
        ("TOKEN_DAVAS", "s3cret"),
        ("RUNNER_GRPC_ADDR", "127.0.0.1:9"),
    ]);
    let config = CoordinatorConfig::load(Some(&path), &env).unwrap();
    assert_eq!(config.grpc_addr.port(), 9);
    assert_eq!(config.heartbeat_timeout, Duration::from_secs(2));
    assert_eq!(config.disconnect_grace, Duration::ZERO, "0: lost at once");
    let davas = config.node("davas").unwrap();
    assert!(davas.token.matches("s3cret"));
    assert_eq!(davas.labels, ["gpu"]);
    assert_eq!(config.routes["gemma4:27b"], ["davas"]);
    assert!(!format!("{config:?}").contains("s3cret"));
}

#[test]
fn every_problem_is_listed() {
    let (_dir, path) = write(
        r#"
        grpc_addr = "nowhere"
        heartbeat_timeout = "soon"
        queue_capacity = -1
        log_format = "xml"
        [[nodes]]
        name = "Davas!"
        token_env = "X"
        [[nodes]]
        name = "homelab"
        token_env = "MISSING_TOKEN"
        [[routes]]
        model = "gemma4:27b"
        nodes = ["ghost"]
        "#,
    );
    let error = CoordinatorConfig::load(Some(&path), &MapEnv::default()).unwrap_err();
    let text = error.to_string();
    for expected in [
        "grpc_addr: `nowhere`",
        "heartbeat_timeout:",
        "queue_capacity: must be at least 0",
        "log_format: `xml`",
        "`Davas!` is not a node name",
        "MISSING_TOKEN",
        "names node `ghost`",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert_eq!(text.lines().count(), 7, "{text}");
}

#[test]
fn unknown_keys_are_refused() {
    let (_dir, path) = write("grpc_adr = \"127.0.0.1:1\"\n");
    let error = CoordinatorConfig::load(Some(&path), &MapEnv::default()).unwrap_err();
    assert!(error.to_string().contains("grpc_adr"), "{error}");
}

#[test]
fn a_misspelt_key_is_one_problem_among_the_others_naming_file_line_and_nearest_key() {
    let (_dir, path) = write(
        "grpc_addr = \"nowhere\"\nheartbeat_timout = \"3s\"\nlog_format = \"xml\"\n[[nodes]]\nname = \"davas\"\ntokn_env = \"X\"\n",
    );
    let error = CoordinatorConfig::load(Some(&path), &MapEnv::default()).unwrap_err();
    let text = error.to_string();
    let file = path.display();
    for expected in [
        "grpc_addr: `nowhere`".to_owned(),
        format!("{file}:2: unknown key `heartbeat_timout` (did you mean `heartbeat_timeout`?)"),
        "log_format: `xml`".to_owned(),
        format!("{file}:6: unknown key `tokn_env` in [[nodes]] (did you mean `token_env`?)"),
        "`davas` has no token_env".to_owned(),
    ] {
        assert!(text.contains(&expected), "missing {expected:?} in:\n{text}");
    }
    assert_eq!(text.lines().count(), 5, "{text}");
}

#[test]
fn overrides_name_their_variable_and_durations_take_bare_seconds() {
    let env = MapEnv::from_pairs([
        ("RUNNER_HEARTBEAT_TIMEOUT", "soon"),
        ("RUNNER_QUEUE_CAPACITY", "lots"),
    ]);
    let text = CoordinatorConfig::load(None, &env).unwrap_err().to_string();
    assert_eq!(
        text,
        "RUNNER_HEARTBEAT_TIMEOUT=soon: expected a duration such as \"3s\", \"500ms\", \"2m\" or a number of seconds\n\
         RUNNER_QUEUE_CAPACITY=lots: expected a whole number, like 16"
    );
    let env = MapEnv::from_pairs([("RUNNER_HEARTBEAT_TIMEOUT", "5")]);
    let config = CoordinatorConfig::load(None, &env).unwrap();
    assert_eq!(config.heartbeat_timeout, Duration::from_secs(5));
    let (_dir, path) = write("heartbeat_timeout = 2\n");
    let config = CoordinatorConfig::load(Some(&path), &MapEnv::default()).unwrap();
    assert_eq!(config.heartbeat_timeout, Duration::from_secs(2));
}

#[test]
fn a_node_without_its_token_is_one_problem_not_one_per_route_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("coordinator.toml");
    std::fs::write(
        &file,
        "[[nodes]]\nname = \"davas\"\ntoken_env = \"RUNNER_TOKEN_DAVAS\"\n\
         [[routes]]\nmodel = \"gemma4:27b\"\nnodes = [\"davas\"]\n",
    )
    .unwrap();
    let error = CoordinatorConfig::load(Some(&file), &MapEnv::default()).unwrap_err();
    assert_eq!(error.problems.len(), 1, "{error}");
    assert!(error.to_string().contains("RUNNER_TOKEN_DAVAS"), "{error}");
}
