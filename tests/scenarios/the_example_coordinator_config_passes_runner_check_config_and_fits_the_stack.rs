//! `compose/coordinator.example.toml` is accepted by the real `runner serve --check-config`
//! with the values compose gives the container (refused, naming the variable, when a node's
//! token is missing), and it fits the stack compose resolves: the ports compose publishes, the
//! vault and data mounts, the Qdrant and Neo4j services, every node's token passed in.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context;
use tests::cluster::binary_path;
use tests::deploy_files::compose_cli::resolved_stack;
use tests::deploy_files::fixture_env::write_fixture_env;
use tests::deploy_files::repo_root;

fn example() -> std::path::PathBuf {
    repo_root().join("compose/coordinator.example.toml")
}

async fn check_config(env_file: &Path, dir: &Path) -> anyhow::Result<std::process::Output> {
    tokio::process::Command::new(binary_path("runner")?)
        .args(["serve", "--check-config", "--config"])
        .arg(example())
        .arg("--env-file")
        .arg(env_file)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .kill_on_drop(true)
        .output()
        .await
        .context("cannot run runner serve --check-config")
}

#[tokio::test]
async fn the_example_passes_check_config_with_the_stacks_values() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let (env_file, _) = write_fixture_env(dir.path(), dir.path())?;
    let output = check_config(&env_file, dir.path()).await?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stdout}{stderr}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    for expected in [
        "config ok: coordinator on grpc 0.0.0.0:7070, http 0.0.0.0:8000, data_dir /var/lib/llm-runner",
        "nodes contabo, homelab, davas, groq, gemini, anthropic",
        "vault worker on /vault",
        "memory over /vault",
        "alerts to Discord",
    ] {
        assert!(stdout.contains(expected), "missing {expected}: {stdout}");
    }
    assert!(stderr.is_empty(), "warnings: {stderr}");
    Ok(())
}

#[tokio::test]
async fn a_missing_node_token_is_refused_naming_its_variable() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let (env_file, _) = write_fixture_env(dir.path(), dir.path())?;
    let text = std::fs::read_to_string(&env_file)?;
    let without: String = text
        .lines()
        .filter(|line| !line.starts_with("RUNNER_TOKEN_DAVAS="))
        .map(|line| format!("{line}\n"))
        .collect();
    std::fs::write(&env_file, without)?;
    let output = check_config(&env_file, dir.path()).await?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("RUNNER_TOKEN_DAVAS"), "{stderr}");
    assert!(
        !stderr.contains("fixture-runner-token"),
        "a secret was printed: {stderr}"
    );
    Ok(())
}

#[tokio::test]
async fn the_example_fits_the_ports_mounts_services_and_secrets_of_the_stack() -> anyhow::Result<()>
{
    let dir = tempfile::tempdir()?;
    let (stack, _) = resolved_stack(dir.path()).await?;
    let coordinator = &stack["services"]["coordinator"];
    let config: toml::Table = std::fs::read_to_string(example())?.parse()?;

    let port = |key: &str| -> u64 {
        let address = config[key].as_str().unwrap_or_default();
        address
            .rsplit_once(':')
            .and_then(|(_, port)| port.parse().ok())
            .unwrap_or(0)
    };
    let targets: Vec<u64> = coordinator["ports"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|port| port["target"].as_u64())
        .collect();
    assert_eq!(targets, [port("grpc_addr"), port("http_addr")]);
    let health = coordinator["healthcheck"]["test"].to_string();
    assert!(
        health.contains(&format!("127.0.0.1:{}/healthz", port("http_addr"))),
        "{health}"
    );

    let mount_targets: BTreeMap<String, String> = coordinator["volumes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|volume| {
            let field = |key: &str| volume[key].as_str().unwrap_or_default().to_owned();
            (field("target"), field("type"))
        })
        .collect();
    let vault = config["vault"]["path"].as_str().unwrap_or_default();
    assert_eq!(
        mount_targets.get(vault).map(String::as_str),
        Some("bind"),
        "vault {vault}"
    );
    let data_dir = config["data_dir"].as_str().unwrap_or_default();
    assert_eq!(
        mount_targets.get(data_dir).map(String::as_str),
        Some("volume"),
        "{data_dir}"
    );
    assert_eq!(config["memory"]["vault"].as_str(), Some(vault));

    let memory = &config["memory"];
    for (key, service) in [("qdrant_url", "qdrant"), ("neo4j_uri", "neo4j")] {
        let url = memory[key].as_str().unwrap_or_default();
        let host = url
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split(':').next());
        assert_eq!(host, Some(service), "{key} = {url}");
        assert!(
            stack["services"][service].is_object(),
            "no {service} service"
        );
    }
    let otlp = coordinator["environment"]["OTEL_EXPORTER_OTLP_ENDPOINT"]
        .as_str()
        .unwrap_or_default();
    assert_eq!(otlp, "http://alloy:4318");

    let nodes = config["nodes"].as_array().context("no [[nodes]]")?;
    for node in nodes {
        let token_env = node["token_env"].as_str().unwrap_or_default();
        assert!(
            coordinator["environment"][token_env].is_string(),
            "compose does not pass {token_env} to the coordinator"
        );
    }
    Ok(())
}
