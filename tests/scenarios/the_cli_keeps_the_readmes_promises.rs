//! What README's "Using it" promises about the `runner` CLI, against the real coordinator:
//! cancelling an ended job is no rejection, the
//! HTTP port given for the gRPC one is named (exit 5), a 200 KB prompt comes through stdin,
//! a rejection names the job it was recorded as, once per node, and SIGTERM during a streamed
//! submit cancels the job as Ctrl-C does (exit 143).

use std::process::{Output, Stdio};
use std::time::Duration;

use proto::v1::JobState;
use tests::cluster::{ClusterSpec, Patience, TestCluster, binary_path, eventually};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::GEMMA;

fn runner(cluster: &TestCluster, args: &[&str]) -> anyhow::Result<tokio::process::Command> {
    let mut command = tokio::process::Command::new(binary_path("runner")?);
    command
        .args(args)
        .args(["--coordinator", &cluster.grpc_url()]);
    Ok(command)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

async fn newest_job(cluster: &TestCluster) -> anyhow::Result<proto::v1::Job> {
    let listed = cluster
        .jobs_client()
        .await?
        .list_jobs(proto::v1::ListJobsRequest::default())
        .await?
        .into_inner();
    listed
        .jobs
        .into_iter()
        .next()
        .ok_or_else(|| anyhow::anyhow!("no job listed"))
}

#[tokio::test]
async fn the_cli_keeps_the_readmes_promises() -> anyhow::Result<()> {
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;

    // A prompt over the 128 KiB one argument may hold, through stdin.
    let long_prompt = "why is the sky blue? ".repeat(10_000);
    let mut child = runner(&cluster, &["submit", "--model", GEMMA, "--prompt", "-"])?
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    stdin.write_all(long_prompt.as_bytes()).await?;
    drop(stdin);
    let done: Output = child.wait_with_output().await?;
    assert_eq!(done.status.code(), Some(0), "{}", text(&done.stderr));
    let job = newest_job(&cluster).await?;
    assert_eq!(job.spec.unwrap_or_default().prompt, long_prompt);

    // Cancelling it now that it succeeded: not a rejection, but "already ended", exit 4.
    let cancel = runner(&cluster, &["cancel", &job.id])?.output().await?;
    assert_eq!(cancel.status.code(), Some(4), "{}", text(&cancel.stderr));
    assert_eq!(
        text(&cancel.stderr),
        format!(
            "job {} already ended: succeeded; nothing to cancel\n",
            job.id
        )
    );

    // The HTTP port where the gRPC one belongs.
    let http = tokio::process::Command::new(binary_path("runner")?)
        .args(["nodes", "--coordinator", &cluster.http_url()])
        .output()
        .await?;
    assert_eq!(http.status.code(), Some(5), "{}", text(&http.stderr));
    assert!(
        text(&http.stderr).contains("this looks like the HTTP port (http_addr)"),
        "{}",
        text(&http.stderr)
    );

    // A rejection: the headline, the recorded job, each node once; --json prints that job.
    let rejected = runner(
        &cluster,
        &["submit", "--json", "--model", "nosuch:1b", "--prompt", "hi"],
    )?
    .output()
    .await?;
    assert_eq!(
        rejected.status.code(),
        Some(3),
        "{}",
        text(&rejected.stderr)
    );
    let job: serde_json::Value = serde_json::from_slice(&rejected.stdout)?;
    let id = job["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(job["state"], "JOB_STATE_REJECTED");
    let stderr = text(&rejected.stderr);
    assert!(
        stderr.contains(&format!("\nrecorded as job {id}\n")),
        "{stderr}"
    );
    for node in ["contabo", "homelab", "davas"] {
        assert_eq!(
            stderr.matches(&format!("{node}: ")).count(),
            1,
            "{node} once: {stderr}"
        );
    }

    // SIGTERM (kill, timeout, a service manager) while tokens stream: the job is cancelled.
    cluster
        .ollama("davas")
        .set_token_delay(Duration::from_millis(200));
    let mut streaming = runner(
        &cluster,
        &["submit", "--model", GEMMA, "--prompt", "slowly"],
    )?
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .kill_on_drop(true)
    .spawn()?;
    let mut stdout = streaming.stdout.take().expect("piped stdout");
    let mut first = [0_u8; 1];
    tokio::time::timeout(Duration::from_secs(10), stdout.read_exact(&mut first)).await??;
    let pid = streaming.id().expect("running").to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()?;
    assert!(killed.success());
    let ended =
        tokio::time::timeout(Duration::from_secs(10), streaming.wait_with_output()).await??;
    let stderr = text(&ended.stderr);
    assert_eq!(ended.status.code(), Some(143), "{stderr}");
    let job = newest_job(&cluster).await?;
    assert!(
        stderr.contains(&format!("interrupted: cancelled job {}", job.id)),
        "{stderr}"
    );
    // The listing reads the store, which the cancellation reaches a moment later.
    eventually(
        "the job to be stored as cancelled",
        Patience::seconds(5),
        || async {
            let job = cluster.get_job(&job.id).await?;
            anyhow::ensure!(
                job.state == JobState::Cancelled as i32,
                "state {} ({})",
                job.state,
                job.reason
            );
            Ok(())
        },
    )
    .await?;
    Ok(())
}
