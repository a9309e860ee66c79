//! The day's briefing on a real cluster after real jobs: three qwen chats succeed, a llama job
//! fails mid-stream, davas is killed and a gemma4 job is rejected. The briefing's facts count
//! exactly those jobs by state and model, list the failure and the rejection by id, state the
//! tokens the stand-ins reported, name davas as down, and list the day's alerts and new notes;
//! the note `Runner/briefings/<day>.md` is written once and posted once, and a second run for
//! the same day writes nothing and posts nothing.

use std::sync::Arc;
use std::time::Duration;

use agents::AgentKind;
use anyhow::{Context, ensure};
use proto::v1::{JobState, NodeState};
use tests::cluster::{ClusterSpec, Patience, TestCluster, chat_spec};

use crate::agent_runs::{FixedAlerts, RecordedPosts, deps, input, run, step_jobs};
use crate::support::{GEMMA, QWEN};

const LLAMA: &str = "llama3.2:3b";

#[tokio::test]
async fn the_briefing_reports_the_days_jobs_as_they_really_ran() -> anyhow::Result<()> {
    let vault = tempfile::tempdir()?;
    std::fs::create_dir_all(vault.path().join("Projects"))?;
    std::fs::write(vault.path().join("Projects/Heron.md"), "# Heron\n")?;
    let mut cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;

    for prompt in ["why is the sky blue", "name three herons", "what is restic"] {
        let watched = cluster.run_job(chat_spec(QWEN, prompt)).await?;
        ensure!(
            watched.job.state == JobState::Succeeded as i32,
            "{:?}",
            watched.job
        );
    }
    // llama is on contabo only: its Ollama fails the stream.
    cluster
        .ollama("contabo")
        .set_token_delay(Duration::from_millis(10));
    cluster
        .ollama("contabo")
        .fail_mid_stream_after(Some((2, "CUDA error: out of memory".into())));
    let failed = cluster.run_job(chat_spec(LLAMA, "hello")).await?.job;
    ensure!(failed.state == JobState::Failed as i32, "{failed:?}");
    cluster.ollama("contabo").fail_mid_stream_after(None);
    cluster.kill_agent("davas").await?;
    cluster
        .wait_node_state("davas", NodeState::Down, Patience::seconds(5))
        .await?;
    ensure!(
        cluster.submit(chat_spec(GEMMA, "hello")).await?.is_err(),
        "gemma4 was accepted"
    );
    let jobs = cluster.list_all_jobs().await?;
    ensure!(jobs.len() == 5, "{jobs:?}");
    let rejected = jobs
        .iter()
        .find(|job| job.state == JobState::Rejected as i32)
        .context("the rejection was not recorded")?;
    let reported = cluster
        .spec
        .nodes
        .iter()
        .fold((0, 0), |(input, output), node| {
            cluster
                .ollama(&node.name)
                .reported_usage()
                .values()
                .fold((input, output), |(i, o), usage| {
                    (i + usage.input_tokens, o + usage.output_tokens)
                })
        });

    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?;
    let now = chrono::DateTime::from_timestamp_millis(i64::try_from(now.as_millis())?)
        .context("now is out of chrono's range")?;
    let day = now.format("%Y-%m-%d").to_string();
    let posts = Arc::new(RecordedPosts::default());
    let mut briefing_deps = deps(&cluster, Some(vault.path().to_path_buf()))?;
    briefing_deps.post = Some(posts.clone());
    briefing_deps.alerts = Some(Arc::new(FixedAlerts(vec!["09:12 davas is down".into()])));
    let first = run(
        input("briefing-1", AgentKind::Briefing, QWEN, &day),
        briefing_deps.clone(),
    )
    .await?;
    ensure!(first.state == "succeeded", "{first:?}");
    let names: Vec<&str> = first.steps.iter().map(|step| step.name.as_str()).collect();
    ensure!(names == ["gather", "summary", "write", "post"], "{names:?}");

    let facts = &first.steps[0].output;
    for line in [
        "- total: 5\n- succeeded: 3\n- failed: 1\n- rejected: 1\n",
        &format!("- {GEMMA}: 1\n- {LLAMA}: 1\n- {QWEN}: 3\n"),
        &format!("- {} ({LLAMA}, failed): ", failed.id),
        &format!(
            "- {} ({GEMMA}, rejected): no node can run {GEMMA}",
            rejected.id
        ),
        "- jobs that ran: 4\n",
        &format!(
            "- input tokens: {}\n- output tokens: {}\n",
            reported.0, reported.1
        ),
        "- davas: down (agent down since",
        "Down: davas\n",
        "- 09:12 davas is down\n",
        "### New notes\n\n- [[Projects/Heron]]\n",
    ] {
        ensure!(facts.contains(line), "the facts lack {line:?}:\n{facts}");
    }
    ensure!(reported.0 > 0);

    // The summary is a job of the model asked; the note and the post carry the briefing.
    let step_jobs = step_jobs(&cluster, &first).await?;
    ensure!(
        step_jobs.len() == 1 && step_jobs[0].0 == "summary",
        "{step_jobs:?}"
    );
    let summary_spec = step_jobs[0].1.spec.clone().context("spec")?;
    ensure!(summary_spec.model == QWEN && summary_spec.source == "scenario · briefing summary");
    let note_path = format!("Runner/briefings/{day}.md");
    ensure!(first.note_path == note_path, "{first:?}");
    let note = std::fs::read_to_string(vault.path().join(&note_path))?;
    ensure!(
        note.starts_with(&format!("---\ntype: briefing\nday: {day}\n")),
        "{note}"
    );
    ensure!(
        note.contains("run: \"briefing-1\"") && note.contains(facts.as_str()),
        "{note}"
    );
    let taken = posts.taken();
    ensure!(taken.len() == 1, "{taken:?}");
    let post = &taken[0];
    ensure!(
        post.key == format!("briefing:{day}") && post.day == day,
        "{post:?}"
    );
    ensure!(
        post.note_path.as_deref() == Some(note_path.as_str()),
        "{post:?}"
    );
    ensure!(
        !post.summary.is_empty() && first.output.contains(post.summary.trim()),
        "{post:?}"
    );
    ensure!(first.output.contains(facts.as_str()));

    // Fired again for the same day: nothing written, nothing posted.
    let second = run(
        input("briefing-2", AgentKind::Briefing, QWEN, &day),
        briefing_deps,
    )
    .await?;
    ensure!(second.state == "succeeded", "{second:?}");
    ensure!(
        second.steps[2].output == format!("already written: {note_path}"),
        "{second:?}"
    );
    ensure!(second.steps[3].state == "skipped", "{second:?}");
    ensure!(
        posts.taken().len() == 1,
        "posted twice: {:?}",
        posts.taken()
    );
    ensure!(
        std::fs::read_to_string(vault.path().join(&note_path))? == note,
        "the note changed"
    );
    Ok(())
}
