//! Tests of the `dev` module.

use settings::MapEnv;

use super::*;

#[test]
fn dev_config_has_the_local_node_and_keeps_overrides() {
    let options = DevOptions {
        ollama_url: "http://127.0.0.1:11434".into(),
        data_dir: Some("/tmp/x".into()),
        vault: Some("/srv/vault".into()),
    };
    let env = MapEnv::from_pairs([("RUNNER_HTTP_ADDR", "127.0.0.1:8123")]);
    let config = dev_config(&options, &env, Secret::new("t")).unwrap();
    let vault = config.parts.vault.as_ref().unwrap();
    assert_eq!(vault.path, PathBuf::from("/srv/vault"));
    assert_eq!(vault.settle, std::time::Duration::from_secs(15));
    assert_eq!(config.core.nodes[0].name, DEV_NODE);
    assert_eq!(config.core.http_addr.port(), 8123);
    assert_eq!(config.core.grpc_addr.port(), 7070);
    assert_eq!(config.core.data_dir, PathBuf::from("/tmp/x"));
}

#[test]
fn generated_tokens_differ() {
    assert_ne!(generated_token().expose(), "");
}
