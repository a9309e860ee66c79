//! A job whose node is lost mid-stream runs again (`--retries 1`) on another node with the same
//! model, and every client shows only the second attempt as the answer: the CLI marks the
//! restart on stderr and ends stdout with the whole second answer, the MCP `submit_job` result
//! holds only the second answer (its progress says why it restarted), and the web job page's
//! event stream replaces the abandoned text with the new attempt's.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, ensure};
use proto::v1::{FailureCause, Job, JobState, ListJobsRequest};
use serde_json::json;
use tests::cluster::{
    ClusterSpec, NodeSpec, Patience, TestCluster, WebEvent, binary_path, call_tool, eventually,
    follow_web_job_events, result_text,
};
use tests::fake_ollama::{expected_answer, prompt_words};

use crate::support::QWEN;

const CLI_PROMPT: &str = "tell me a long story";
const MCP_PROMPT: &str = "sing me a song about rivers";
/// The second attempt's answer is this long; the first is cut after more tokens than that.
const SECOND_ANSWER_TOKENS: usize = 7;
const FIRST_ATTEMPT_TOKENS_BEFORE_THE_LOSS: usize = 9;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The job whose prompt is `prompt`, once it has streamed enough of its first attempt.
async fn streaming_job(cluster: &TestCluster, prompt: &str) -> anyhow::Result<Job> {
    eventually(
        &format!("the job for {prompt:?} to stream on contabo"),
        Patience::seconds(20),
        || async {
            let jobs = cluster
                .jobs_client()
                .await?
                .list_jobs(ListJobsRequest {
                    limit: 10,
                    ..Default::default()
                })
                .await?
                .into_inner()
                .jobs;
            let job = jobs
                .into_iter()
                .find(|job| job.spec.as_ref().is_some_and(|spec| spec.prompt == prompt))
                .context("not submitted yet")?;
            let job = cluster.get_job(&job.id).await?;
            let tokens = prompt_words(&job.output).len();
            ensure!(
                job.node == "contabo" && tokens >= FIRST_ATTEMPT_TOKENS_BEFORE_THE_LOSS,
                "{tokens} tokens on {:?} so far",
                job.node
            );
            Ok(job)
        },
    )
    .await
}

#[tokio::test]
async fn a_retried_job_shows_only_its_second_attempt_everywhere() -> anyhow::Result<()> {
    // Two agents with the same model; homelab drained at first, so both jobs start on contabo.
    let spec = ClusterSpec {
        nodes: vec![
            NodeSpec::new("contabo", &[QWEN]).max_parallel(2),
            NodeSpec::new("homelab", &[QWEN]).max_parallel(2),
        ],
        routes: Vec::new(),
        ..ClusterSpec::three_hosts()
    };
    let cluster = TestCluster::start(spec).await?;
    cluster
        .ollama("contabo")
        .set_token_delay(Duration::from_millis(100));
    cluster.ollama("contabo").set_answer_tokens(100_000);
    cluster
        .ollama("homelab")
        .set_token_delay(Duration::from_millis(5));
    cluster
        .ollama("homelab")
        .set_answer_tokens(SECOND_ANSWER_TOKENS);
    let drained = cluster.cli(&["drain", "homelab"]).await?;
    ensure!(drained.status.success(), "{}", text(&drained.stderr));

    // The CLI submits and follows its job; the web page follows the same job.
    let cli = tokio::process::Command::new(binary_path("runner")?)
        .args(["submit", "--model", QWEN, "--prompt", CLI_PROMPT])
        .args(["--retries", "1", "--coordinator", &cluster.grpc_url()])
        .kill_on_drop(true)
        .output();
    let cli = tokio::spawn(cli);
    let cli_job = streaming_job(&cluster, CLI_PROMPT).await?;
    let web_tokens = Arc::new(Mutex::new(0_usize));
    let web = tokio::spawn(follow_web_job_events(
        cluster.http_url(),
        cli_job.id.clone(),
        {
            let web_tokens = web_tokens.clone();
            move |event: &WebEvent| {
                if event.name == "token" {
                    *web_tokens
                        .lock()
                        .unwrap_or_else(|poison| poison.into_inner()) += 1;
                }
            }
        },
    ));

    // MCP submits its own job and waits for it, while the node is lost under both.
    let mcp = cluster.mcp_http_client(None).await?;
    let mcp_call = call_tool(
        &mcp,
        "submit_job",
        json!({"model": QWEN, "prompt": MCP_PROMPT, "retries": 1}),
    );
    let lose_contabo = async {
        let mcp_job = streaming_job(&cluster, MCP_PROMPT).await?;
        eventually("the web page to show tokens", Patience::seconds(10), || {
            let web_tokens = web_tokens.clone();
            async move {
                let seen = *web_tokens
                    .lock()
                    .unwrap_or_else(|poison| poison.into_inner());
                ensure!(seen > 0, "no token event yet");
                Ok(())
            }
        })
        .await?;
        let undrained = cluster.cli(&["undrain", "homelab"]).await?;
        ensure!(undrained.status.success(), "{}", text(&undrained.stderr));
        cluster
            .signal_agent("contabo", tests::cluster::Signal::Kill)
            .context("cannot SIGKILL contabo's agent")?;
        anyhow::Ok(mcp_job)
    };
    let (mcp_result, mcp_job) = tokio::join!(mcp_call, lose_contabo);
    let (mcp_result, mcp_job) = (mcp_result?, mcp_job?);

    // The coordinator's record: a node loss, retried on homelab, only the second answer kept.
    let cli_second = expected_answer(CLI_PROMPT, SECOND_ANSWER_TOKENS);
    let mcp_second = expected_answer(MCP_PROMPT, SECOND_ANSWER_TOKENS);
    for (job, second) in [(&cli_job, &cli_second), (&mcp_job, &mcp_second)] {
        // MCP's call has returned, but the CLI's job may still be streaming its second answer.
        let ended = cluster.watch_to_end(&job.id).await?.job;
        assert_eq!(
            (ended.state, ended.attempt, ended.node.as_str()),
            (JobState::Succeeded as i32, 2, "homelab"),
            "{}",
            ended.reason
        );
        assert_eq!(&ended.output, second);
        assert_ne!(ended.cause, FailureCause::OllamaError as i32);
    }

    // The node's reason says what happened, without the transport's words (those are logged).
    let contabo = cluster.node("contabo").await?;
    assert!(
        contabo
            .state_reason
            .ends_with(": connection to the agent lost"),
        "{}",
        contabo.state_reason
    );

    // The CLI: the abandoned attempt, the restart marked on stderr, then the whole answer.
    let cli = cli.await??;
    let (stdout, stderr) = (text(&cli.stdout), text(&cli.stderr));
    assert_eq!(cli.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("the node was lost; attempt 2 restarts on homelab"),
        "{stderr}"
    );
    let (abandoned, last_line) = stdout
        .trim_end_matches('\n')
        .rsplit_once('\n')
        .with_context(|| format!("no restart between the attempts on stdout: {stdout:?}"))?;
    assert_eq!(last_line, cli_second, "stdout: {stdout:?}");
    assert!(stdout.ends_with(&format!("\n{cli_second}\n")), "{stdout:?}");
    assert!(
        prompt_words(abandoned).len() >= FIRST_ATTEMPT_TOKENS_BEFORE_THE_LOSS,
        "the first attempt was streamed before the loss: {stdout:?}"
    );

    // MCP: the result holds only the second answer; the progress said why it restarted.
    assert_eq!(
        mcp_result.is_error,
        Some(false),
        "{}",
        result_text(&mcp_result)
    );
    let structured = mcp_result
        .structured_content
        .clone()
        .context("no structured content")?;
    assert_eq!(
        (&structured["output"], &structured["node"]),
        (&json!(mcp_second), &json!("homelab")),
        "{structured}"
    );
    let progress = mcp.service().take();
    assert!(
        progress.iter().any(|note| note
            .message
            .as_deref()
            .is_some_and(|message| message.contains("attempt 2 restarts on homelab"))),
        "{progress:?}"
    );
    assert!(
        progress
            .windows(2)
            .all(|pair| pair[0].progress < pair[1].progress),
        "progress must only grow: {progress:?}"
    );

    // The web page: the abandoned text replaced by the new attempt's, then the final form.
    let web = web.await??;
    assert!(web.names().contains(&"output"), "{:?}", web.names());
    assert_eq!(web.live_output(), cli_second, "{:?}", web.events);
    assert_eq!(web.final_output().as_deref(), Some(cli_second.as_str()));
    let page = reqwest::get(format!("{}/jobs/{}", cluster.http_url(), cli_job.id))
        .await?
        .text()
        .await?;
    assert!(
        page.contains(&format!(r#"<pre class="output">{cli_second}</pre>"#)),
        "{page}"
    );
    Ok(())
}
