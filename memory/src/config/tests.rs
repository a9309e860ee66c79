//! `[memory]` is read with every problem listed, and the defaults are the embedded stores.

use settings::{MapEnv, Problems, toml};

use super::{GraphBackend, MemoryConfig, VectorBackend};

fn parse(text: &str, env: &[(&str, &str)]) -> (Option<MemoryConfig>, Vec<String>) {
    let table: toml::Table = toml::from_str(text).expect("test toml");
    let mut problems = Problems::default();
    let config = MemoryConfig::from_settings(
        table.get("memory").and_then(|value| value.as_table()),
        &MapEnv::from_pairs(env.iter().copied()),
        &mut problems,
    );
    let problems = problems
        .finish(|| ())
        .err()
        .map(|error| error.problems)
        .unwrap_or_default();
    (config, problems)
}

#[test]
fn no_table_means_memory_is_off() {
    assert_eq!(parse("", &[]), (None, Vec::new()));
}

#[test]
fn the_defaults_are_the_embedded_stores_and_nomic() {
    let (config, problems) = parse("[memory]\nvault = \"/srv/vault\"\n", &[]);
    assert!(problems.is_empty(), "{problems:?}");
    let config = config.expect("config");
    assert_eq!(config.vault.to_str(), Some("/srv/vault"));
    assert_eq!(config.vector, VectorBackend::Embedded);
    assert_eq!(config.graph, GraphBackend::Embedded);
    assert_eq!(config.embed_model, "nomic-embed-text");
}

#[test]
fn servers_take_their_urls_and_the_password_from_the_environment() {
    let (config, problems) = parse(
        "[memory]\nvault = \"v\"\nvector = \"qdrant\"\nqdrant_url = \"http://10.0.0.2:6334\"\ngraph = \"neo4j\"\nneo4j_uri = \"bolt://10.0.0.2:7687\"\nneo4j_user = \"runner\"\n",
        &[("NEO4J_PASSWORD", "s3cret")],
    );
    assert!(problems.is_empty(), "{problems:?}");
    let config = config.expect("config");
    assert_eq!(
        config.vector,
        VectorBackend::Qdrant {
            url: "http://10.0.0.2:6334".into(),
            collection: "llm_runner_memory".into()
        }
    );
    let GraphBackend::Neo4j {
        uri,
        user,
        password,
    } = config.graph
    else {
        panic!("neo4j expected");
    };
    assert_eq!(
        (uri.as_str(), user.as_str()),
        ("bolt://10.0.0.2:7687", "runner")
    );
    assert_eq!(
        password.map(|p| p.expose().to_owned()),
        Some("s3cret".into())
    );
}

#[test]
fn every_problem_is_listed_at_once() {
    let (_, problems) = parse(
        "[memory]\nvault = \"v\"\nvector = \"pinecone\"\ngraph = \"neo4j\"\nneo4j_uri = \"http://x\"\nembed_modle = \"x\"\n",
        &[],
    );
    let text = problems.join("\n");
    assert!(text.contains("`pinecone` is not a vector store"), "{text}");
    assert!(
        text.contains("memory.neo4j_uri: `http://x` is not a bolt"),
        "{text}"
    );
    assert!(text.contains("embed_modle"), "{text}");
    assert_eq!(problems.len(), 3, "{text}");
}

#[test]
fn a_table_without_a_vault_is_a_problem() {
    let (config, problems) = parse("[memory]\nembed_model = \"x\"\n", &[]);
    assert_eq!(config, None);
    assert!(problems[0].contains("memory.vault"), "{problems:?}");
}
