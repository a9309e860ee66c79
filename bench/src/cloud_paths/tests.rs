//! Tests of the `cloud_paths` module.

use std::time::Duration;

use super::*;

#[test]
fn the_cloud_cluster_is_one_groq_node_with_a_slot_per_client_at_the_widest_level() {
    let base = "http://127.0.0.1:9/openai/v1";
    let spec = cloud_cluster_spec(base, &[1, 32], Duration::from_secs(2)).unwrap();
    assert_eq!(spec.nodes.len(), 1);
    let node = &spec.nodes[0];
    assert_eq!((node.name.as_str(), node.max_parallel), (CLOUD_NODE, 32));
    let provider = node.provider.as_ref().expect("a provider node");
    assert_eq!(
        (provider.backend.as_str(), provider.base_url.as_str()),
        ("groq", base)
    );
    assert_eq!(provider.key_env(), "GROQ_API_KEY");
    assert!(
        provider
            .agent_toml
            .contains("models = [\"qwen/qwen3-32b\"]"),
        "{}",
        provider.agent_toml
    );
    assert_eq!(spec.queue_capacity, 64);
}
