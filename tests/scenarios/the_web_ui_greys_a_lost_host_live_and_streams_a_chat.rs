//! The web UI in a real headless Chromium against the real cluster: the dashboard shows davas
//! with gemma4:27b; killing davas' agent greys its column out within 2 s without a reload; the
//! chat picker shows gemma4 disabled with the reason meanwhile; a chat with qwen streams its
//! tokens into the page, and Stop cancels the job; a rejected job shows every node's reason,
//! and a job submitted from the form streams and can be cancelled. A chat to gemma4 meanwhile
//! is rejected with one headline and each node's reason once. The schedules page lists the
//! configured `briefing` schedule. Every page (dashboard with davas down, jobs, a job, chat, a
//! conversation, a rejected job, schedules, a schedule) passes a WCAG contrast check and fits a
//! 390-px phone without scrolling sideways. Screenshots go to
//! `tests/artifacts/web_ui/` (the browser side is `tests/browser/web_ui_scenario.mjs`).

use std::time::Duration;

use proto::v1::{Job, JobKind, JobState, ListJobsRequest};
use tests::browser_script::{BrowserScript, artifacts_dir};
use tests::cluster::{ClusterSpec, TestCluster, generate_spec};

use crate::support::{GEMMA, QWEN};

#[tokio::test]
async fn the_web_ui_greys_a_lost_host_live_and_streams_a_chat() -> anyhow::Result<()> {
    let mut spec = ClusterSpec::three_hosts();
    // One schedule for the schedules page; its 07:00 slot is not reached during the test.
    spec.extra_coordinator_toml.push_str(&format!(
        "\n[[schedules]]\nname = \"briefing\"\ncron = \"0 7 * * *\"\ntime_zone = \"Europe/London\"\njob = {{ type = \"chat\", model = \"{QWEN}\", prompt = \"hello\" }}\n"
    ));
    let mut cluster = TestCluster::start(spec).await?;
    // Long, slow answers: time to watch tokens arrive and to press Stop.
    for node in ["contabo", "homelab", "davas"] {
        cluster
            .ollama(node)
            .set_token_delay(Duration::from_millis(60));
        cluster.ollama(node).set_answer_tokens(600);
    }
    // Loaded models show with their VRAM on the dashboard.
    cluster.ollama("davas").set_loaded(GEMMA, true);
    cluster.ollama("contabo").set_loaded(QWEN, true);
    let artifacts = artifacts_dir("web_ui")?;
    let args = [cluster.http_url(), artifacts.display().to_string()];
    let mut browser = BrowserScript::start("web_ui_scenario.mjs", &args, cluster.dir.path())?;

    let patience = Duration::from_secs(60);
    browser.expect("ready-to-kill-davas", patience).await?;
    cluster.kill_agent("davas").await?;
    browser.answer("davas-killed").await?;
    let greyed_after_ms = browser.expect("greyed-after-ms", patience).await?;
    eprintln!("davas greyed out {greyed_after_ms} ms after its agent was killed");
    browser.expect("tokens-streaming", patience).await?;
    browser.expect("chat-stopped", patience).await?;
    // Another client's gemma4 job is rejected; the jobs page must show it with its reason.
    let rejected = cluster.submit(generate_spec(GEMMA, "hello?")).await?;
    anyhow::ensure!(rejected.is_err(), "gemma4 was accepted while davas is down");
    browser.answer("rejected-job-submitted").await?;
    browser.expect("jobs-checked", patience).await?;
    // Every page with davas down: WCAG contrast on a laptop, no sideways scroll on a phone.
    browser.expect("pages-checked", patience).await?;
    browser.finish().await?;

    // What the pages showed is what happened.
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
    let of_kind = |kind: JobKind| -> Vec<&Job> {
        jobs.iter()
            .filter(|job| {
                job.spec
                    .as_ref()
                    .is_some_and(|spec| spec.kind == kind as i32)
            })
            .collect()
    };
    // The qwen chat; the gemma4 chats were rejected (checked below with every gemma4 job).
    let chats: Vec<&Job> = of_kind(JobKind::Chat)
        .into_iter()
        .filter(|job| job.spec.as_ref().is_some_and(|spec| spec.model == QWEN))
        .collect();
    assert_eq!(chats.len(), 1, "{jobs:?}");
    let chat_spec = chats[0].spec.clone().unwrap_or_default();
    assert_eq!(chat_spec.model, QWEN);
    let last_message = chat_spec.messages.last().map(|m| m.content.as_str());
    assert_eq!(last_message, Some("Why is the sky blue?"));
    assert_eq!(
        chats[0].state,
        JobState::Cancelled as i32,
        "{}",
        chats[0].reason
    );
    let from_form = of_kind(JobKind::Generate)
        .into_iter()
        .find(|job| job.spec.as_ref().is_some_and(|spec| spec.model == QWEN))
        .ok_or_else(|| anyhow::anyhow!("no generate job from the form in {jobs:?}"))?;
    assert_eq!(from_form.state, JobState::Cancelled as i32);
    // The only gemma4 job is the rejected one: nothing ran it, nothing ran in its place.
    for job in jobs
        .iter()
        .filter(|job| job.spec.as_ref().is_some_and(|spec| spec.model == GEMMA))
    {
        assert_eq!(job.state, JobState::Rejected as i32);
        assert!(job.node.is_empty() && job.served_model.is_empty());
    }
    for screenshot in [
        "dashboard-ready",
        "dashboard-davas-down",
        "chat-picker",
        "chat-streaming",
        "chat-rejected",
        "phone-chat",
        "phone-job",
    ] {
        let path = artifacts.join(format!("{screenshot}.png"));
        assert!(path.exists(), "no {}", path.display());
    }
    Ok(())
}
