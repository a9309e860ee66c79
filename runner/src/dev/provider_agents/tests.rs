//! Tests of the `provider_agents` module.

use settings::{MapEnv, Secret};

use super::*;

#[test]
fn only_providers_with_a_key_get_an_agent_and_the_rest_are_named() {
    let env = MapEnv::from_pairs([("ANTHROPIC_API_KEY", "sk-ant-x")]);
    let found = provider_agents("http://127.0.0.1:7070", &Secret::new("t"), &env);
    let names: Vec<&str> = found
        .agents
        .iter()
        .map(|config| config.node.as_str())
        .collect();
    assert_eq!(names, ["anthropic"]);
    assert_eq!(
        found.skipped,
        [
            "groq (GROQ_API_KEY is not set)",
            "gemini (GEMINI_API_KEY is not set)"
        ]
    );
    assert_eq!(
        provider_node("anthropic", &Secret::new("t")).labels,
        ["dev", "cloud"]
    );
}
