//! `/metrics` from outside: `promtool check metrics` finds nothing to lint in a scrape taken
//! while jobs run, and a real Prometheus server scrapes the coordinator and answers a query for
//! the job counter.

use std::process::Stdio;
use std::time::Duration;

use anyhow::Context;
use tests::cluster::{
    ClusterSpec, ManagedProcess, Patience, TestCluster, eventually, generate_spec,
};
use tokio::io::AsyncWriteExt;

use crate::support::{GEMMA, QWEN};

async fn promtool_check(exposition: &str) -> anyhow::Result<(Option<i32>, String)> {
    let mut promtool = tokio::process::Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot run promtool (cargo xtask install installs the prometheus package)")?;
    let mut stdin = promtool.stdin.take().context("no stdin")?;
    stdin.write_all(exposition.as_bytes()).await?;
    drop(stdin);
    let output = promtool.wait_with_output().await?;
    let findings = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Ok((output.status.code(), findings))
}

#[tokio::test]
async fn metrics_pass_promtool_and_prometheus_scrapes_them() -> anyhow::Result<()> {
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    cluster.run_job(generate_spec(QWEN, "count me")).await?;
    cluster
        .ollama("davas")
        .set_token_delay(Duration::from_millis(100));
    let running = cluster
        .submit_ok(generate_spec(GEMMA, "a long one"))
        .await?;
    cluster
        .submit(generate_spec("mystery:7b", "nobody has me"))
        .await?
        .expect_err("rejected");

    let metrics_url = format!("{}/metrics", cluster.http_url());
    let exposition = reqwest::get(&metrics_url).await?.text().await?;
    assert!(
        exposition.contains(r#"llm_runner_node_running_jobs{node="davas"} 1"#),
        "{exposition}"
    );
    assert!(
        exposition.contains(r#"llm_runner_model_available{model="gemma4:27b",node="davas"} 1"#)
    );
    assert!(exposition.contains(r#"reason="model_not_installed""#));
    let (code, findings) = promtool_check(&exposition).await?;
    assert_eq!(
        code,
        Some(0),
        "promtool findings:\n{findings}\n---\n{exposition}"
    );
    assert!(findings.trim().is_empty(), "{findings}");
    cluster.watch_to_end(&running.id).await?;

    // A real Prometheus scrapes us; a query returns the job counter.
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let config = cluster.dir.path().join("prometheus.yml");
    std::fs::write(
        &config,
        format!(
            "global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: llm-runner\n    static_configs:\n      - targets: ['127.0.0.1:{}']\n",
            cluster.http_port
        ),
    )?;
    let args = [
        format!("--config.file={}", config.display()),
        format!(
            "--storage.tsdb.path={}",
            cluster.dir.path().join("tsdb").display()
        ),
        format!("--web.listen-address=127.0.0.1:{port}"),
    ];
    let prometheus = ManagedProcess::spawn(
        "prometheus",
        std::path::Path::new("/usr/bin/prometheus"),
        &args,
        &[],
        cluster.dir.path(),
    )?;
    let query = format!(
        "http://127.0.0.1:{port}/api/v1/query?query=sum(llm_runner_jobs_total)%20by%20(outcome)"
    );
    let answer = eventually(
        "Prometheus to have scraped the job counter",
        Patience::seconds(30),
        || async {
            let body: serde_json::Value = reqwest::get(&query).await?.json().await?;
            let results = body["data"]["result"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            anyhow::ensure!(!results.is_empty(), "no samples yet: {body}");
            Ok(results)
        },
    )
    .await
    .with_context(|| prometheus.log())?;
    let outcomes: Vec<String> = answer
        .iter()
        .map(|r| r["metric"]["outcome"].as_str().unwrap_or("").to_owned())
        .collect();
    assert!(
        outcomes.contains(&"succeeded".to_owned()) && outcomes.contains(&"rejected".to_owned()),
        "{answer:?}"
    );
    Ok(())
}
