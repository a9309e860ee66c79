//! With `RUNNER_LOG_FORMAT=json` and no trace export, every log line the coordinator and the
//! agent write about a job names its `job_id` and the trace id in its record — the agent
//! learns it from the assignment, so Loki finds one job's lines on both hosts by either id.

use anyhow::ensure;
use proto::v1::JobState;
use tests::cluster::{ClusterSpec, TestCluster, generate_spec};

use crate::support::GEMMA;

/// The JSON log lines in `log` whose span (or a span around it) belongs to `job_id`.
fn lines_of_job(log: &str, job_id: &str) -> Vec<serde_json::Value> {
    log.lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|line| {
            let in_job = |span: &serde_json::Value| span["job_id"] == job_id;
            in_job(&line["span"])
                || line["spans"]
                    .as_array()
                    .is_some_and(|spans| spans.iter().any(in_job))
        })
        .collect()
}

fn trace_ids(lines: &[serde_json::Value]) -> Vec<String> {
    lines
        .iter()
        .map(|line| {
            let span = &line["span"];
            span["trace_id"].as_str().unwrap_or("(none)").to_owned()
        })
        .collect()
}

#[tokio::test]
async fn json_logs_of_a_job_carry_its_job_id_and_trace_id() -> anyhow::Result<()> {
    let spec = ClusterSpec::three_hosts()
        .coordinator_env("RUNNER_LOG_FORMAT", "json")
        .agent_env("RUNNER_LOG_FORMAT", "json");
    let cluster = TestCluster::start(spec).await?;
    let watched = cluster.run_job(generate_spec(GEMMA, "hello")).await?;
    let job = watched.job;
    assert_eq!(job.state, JobState::Succeeded as i32, "{}", job.reason);
    assert_eq!(job.trace_id.len(), 32, "{:?}", job.trace_id);
    assert!(job.trace_id.chars().all(|c| c.is_ascii_hexdigit()));

    let coordinator = lines_of_job(&cluster.coordinator_log(), &job.id);
    let agent_log: String = std::fs::read_dir(cluster.dir.path())?
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().contains("agent-davas"))
        .map(|entry| std::fs::read_to_string(entry.path()).unwrap_or_default())
        .collect();
    let agent = lines_of_job(&agent_log, &job.id);
    for (host, lines, messages) in [
        ("coordinator", &coordinator, ["job accepted", "job ended"]),
        ("agent", &agent, ["job started", "job completed"]),
    ] {
        for message in messages {
            ensure!(
                lines
                    .iter()
                    .any(|line| line["fields"]["message"] == message),
                "no {message:?} line for job {} in the {host}'s JSON log: {lines:#?}",
                job.id
            );
        }
        let ids = trace_ids(lines);
        ensure!(
            ids.iter().all(|id| *id == job.trace_id),
            "{host} lines name other trace ids than {}: {ids:?}",
            job.trace_id
        );
    }
    Ok(())
}
