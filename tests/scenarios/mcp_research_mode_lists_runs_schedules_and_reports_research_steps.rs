//! Research mode from outside: the official Python MCP SDK (tests/python/mcp_schedules_client.py),
//! over streamable HTTP and over stdio, lists the `[[schedules]]` of the coordinator's config
//! with their next firing, runs `hourly-chat` by hand (its job is a qwen2.5:14b chat of the
//! cluster, on a node that has qwen), and calls `research` on the synced fixture vault: each
//! step comes as a progress message naming the step, and the answer comes with its citations
//! and every model step's job, each a qwen2.5:14b job — never another model.

use std::path::PathBuf;

use anyhow::{Context, ensure};
use proto::v1::GetJobRequest;
use serde_json::Value;
use tests::cluster::{ClusterSpec, TestCluster, binary_path, printed};
use tests::memory_fixture::copy_vault;

const QWEN: &str = "qwen2.5:14b";

const SCHEDULES_TOML: &str = r#"
[[schedules]]
name = "hourly-chat"
cron = "0 * * * *"
job = { type = "chat", model = "qwen2.5:14b", prompt = "hello" }
"#;

/// The ways of reaching the MCP server, as the script's arguments.
fn transports(cluster: &TestCluster) -> anyhow::Result<Vec<(&'static str, Vec<String>)>> {
    let runner = binary_path("runner")?.display().to_string();
    Ok(vec![
        ("http", vec!["--http".into(), cluster.mcp_url()]),
        (
            "stdio",
            vec![
                "--stdio".into(),
                runner,
                "--coordinator".into(),
                cluster.grpc_url(),
            ],
        ),
    ])
}

async fn python(transport: &[String]) -> anyhow::Result<Value> {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("python/mcp_schedules_client.py");
    let output = tokio::process::Command::new("python3")
        .arg(&script)
        .args(transport)
        .output()
        .await
        .context("cannot run python3 (run `cargo xtask install`: it installs the mcp package)")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    ensure!(
        output.status.success(),
        "mcp_schedules_client.py failed ({}); is the mcp package installed?\n{stderr}",
        output.status
    );
    let line = stdout
        .lines()
        .last()
        .with_context(|| format!("no output; stderr: {stderr}"))?;
    serde_json::from_str(line).with_context(|| format!("not JSON: {line}"))
}

/// The job's model and node, as the coordinator recorded it.
async fn model_of(cluster: &TestCluster, id: &str) -> anyhow::Result<String> {
    let job = cluster
        .jobs_client()
        .await?
        .get_job(GetJobRequest { id: id.to_owned() })
        .await?
        .into_inner();
    Ok(job.spec.map(|spec| spec.model).unwrap_or_default())
}

#[tokio::test]
async fn mcp_research_mode_lists_runs_schedules_and_reports_research_steps() -> anyhow::Result<()> {
    let vault_dir = tempfile::tempdir()?;
    let vault = vault_dir.path().join("vault");
    copy_vault(&vault)?;
    let mut spec = ClusterSpec::three_hosts();
    spec.extra_coordinator_toml
        .push_str(&format!("\n[memory]\nvault = \"{}\"\n", vault.display()));
    spec.extra_coordinator_toml.push_str(SCHEDULES_TOML);
    let cluster = TestCluster::start(spec).await?;
    let synced = cluster.cli(&["memory", "sync"]).await?;
    ensure!(synced.status.success(), "{}", printed(&synced));

    for (name, transport) in transports(&cluster)? {
        let answer = python(&transport).await?;

        let listed = &answer["schedules"];
        ensure!(listed["is_error"] == false, "{name}: {listed}");
        let schedule = &listed["structured"]["schedules"][0];
        ensure!(schedule["name"] == "hourly-chat", "{name}: {listed}");
        ensure!(schedule["model"] == QWEN, "{name}: {listed}");
        ensure!(schedule["paused"] == false, "{name}: {listed}");
        ensure!(
            schedule["next"]
                .as_str()
                .unwrap_or_default()
                .contains("(in "),
            "{name}: no next firing: {listed}"
        );

        let fired = &answer["fired"];
        ensure!(fired["is_error"] == false, "{name}: {fired}");
        let firing = &fired["structured"];
        ensure!(firing["outcome"] == "started", "{name}: {fired}");
        ensure!(firing["manual"] == true, "{name}: {fired}");
        let job_id = firing["job_id"].as_str().context("the firing has no job")?;
        ensure!(model_of(&cluster, job_id).await? == QWEN, "{name}: {fired}");

        let research = &answer["research"];
        ensure!(research["is_error"] == false, "{name}: {research}");
        let run = &research["structured"];
        ensure!(run["state"] == "succeeded", "{name}: {research}");
        ensure!(
            !run["output"].as_str().unwrap_or_default().is_empty(),
            "{name}: no answer: {research}"
        );
        ensure!(run["citations"].is_array(), "{name}: {research}");
        let steps = run["steps"].as_array().context("no steps")?;
        ensure!(!steps.is_empty(), "{name}: {research}");
        let mut model_steps = 0;
        for step in steps {
            if let Some(id) = step["job_id"].as_str() {
                model_steps += 1;
                ensure!(model_of(&cluster, id).await? == QWEN, "{name}: {step}");
            }
        }
        ensure!(model_steps > 0, "{name}: no step ran a job: {research}");
        let progress = research["progress"]
            .as_array()
            .context("no progress list")?;
        ensure!(!progress.is_empty(), "{name}: no progress: {research}");
        for note in progress {
            let message = note["message"].as_str().unwrap_or_default();
            ensure!(
                steps.iter().any(|step| step["name"]
                    .as_str()
                    .is_some_and(|step| message.starts_with(&format!("{step}: ")))),
                "{name}: progress {message:?} names no step of {research}"
            );
        }
        let values: Vec<f64> = progress
            .iter()
            .filter_map(|note| note["progress"].as_f64())
            .collect();
        ensure!(
            values.windows(2).all(|pair| pair[0] < pair[1]),
            "{name}: progress must only grow: {values:?}"
        );
    }
    Ok(())
}
