//! `research` notes in the vault run the research agent through a real `runner worker`: the
//! result note holds the answer, its sources as wiki links that are notes of the vault, and
//! every step with the job it really ran (each recorded by the coordinator, its source naming
//! the note); a worker killed while a step runs, then started again, makes no new step job
//! (the run id comes from the vault job, so the steps replay by their keys); a briefing note
//! writes the day's note in `Runner/briefings/` and its result links it; a gemma4 note
//! while davas's agent is killed ends in `failed/` with davas's reason, never another model.

use std::time::Duration;

use agents::AgentKind;
use anyhow::{Context, ensure};
use proto::v1::{Job, JobState, NodeState};
use tests::cluster::{ClusterSpec, Patience, TestCluster, eventually, is_terminal};
use tests::memory_fixture::copy_vault;
use tests::vault_queue::{Vault, frontmatter_value, job_note, start_worker};

use crate::agent_runs::{deps, input, run};
use crate::support::{GEMMA, QWEN};

const NOTE: &str = "vault: Runner/inbox/restic.md";

#[tokio::test]
async fn a_research_note_in_the_vault_is_answered_by_the_research_agent_with_its_steps()
-> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    copy_vault(&dir.path().join("vault"))?;
    let vault = Vault::create(dir.path())?;
    let mut spec = ClusterSpec::three_hosts();
    spec.extra_coordinator_toml.push_str(&format!(
        "\n[memory]\nvault = \"{}\"\n",
        vault.root.display()
    ));
    let mut cluster = TestCluster::start(spec).await?;
    let synced = run(
        input("sync-v", AgentKind::Memory, "", ""),
        deps(&cluster, None)?,
    )
    .await?;
    ensure!(synced.state == "succeeded", "{synced:?}");
    let patience = Patience::seconds(30);
    let data_dir = dir.path().join("worker-data");

    // Every qwen answer waits a while, so the worker is killed while a step runs.
    set_first_token_delay(&cluster, Duration::from_millis(1500));
    let mut worker = start_worker(&cluster, &vault.root, &data_dir, "vault-worker", &[])?;
    let question = "How often does restic prune run?";
    vault.drop_note("restic.md", &job_note("research", QWEN, "", question))?;
    let before_kill = eventually("the plan step's job", patience, || async {
        let jobs = jobs_of_note(&cluster, NOTE).await?;
        ensure!(!jobs.is_empty(), "no job names {NOTE} yet");
        Ok(jobs)
    })
    .await?;
    ensure!(
        before_kill.iter().any(|job| !is_terminal(job)),
        "a step is still running at the kill: {before_kill:?}"
    );
    worker.kill().await?;
    set_first_token_delay(&cluster, Duration::ZERO);
    let _worker = start_worker(&cluster, &vault.root, &data_dir, "vault-worker-2", &[])?;

    let filed = vault.wait_for("done", "restic", patience).await?;
    let done_note = vault.read("done", &filed)?;
    let id = frontmatter_value(&done_note, "job").context("the filed note names its job")?;
    let results = vault.results_for(&id);
    ensure!(results.len() == 1, "one result note for {id}: {results:?}");
    let result = vault.read("results", &results[0])?;
    for (key, expected) in [
        ("status", "done"),
        ("state", "succeeded"),
        ("model", QWEN),
        ("run", format!("vault-{id}").as_str()),
    ] {
        ensure!(
            frontmatter_value(&result, key).as_deref() == Some(expected),
            "{key} in {result}"
        );
    }
    ensure!(
        result.contains("## Steps") && result.contains("- **plan**: succeeded"),
        "{result}"
    );

    // Each listed job is the coordinator's, named after the note; none was made twice.
    let listed = step_job_ids(&result);
    let made = jobs_of_note(&cluster, NOTE).await?;
    ensure!(listed.len() >= 2, "plan and answer at least: {result}");
    ensure!(
        made.len() == listed.len(),
        "{} jobs for {} steps: {made:?}",
        made.len(),
        listed.len()
    );
    for job_id in &listed {
        let job = made
            .iter()
            .find(|job| &job.id == job_id)
            .with_context(|| format!("step job {job_id} is not the coordinator's: {made:?}"))?;
        ensure!(job.state == JobState::Succeeded as i32, "{job:?}");
        ensure!(job.served_model == QWEN, "{job:?}");
    }
    ensure!(
        before_kill.iter().all(|job| listed.contains(&job.id)),
        "the job running at the kill was replayed, not made again: {before_kill:?} vs {listed:?}"
    );
    let answer_job = made
        .iter()
        .find(|job| {
            job.spec
                .as_ref()
                .is_some_and(|spec| spec.idempotency_key.ends_with(":answer"))
        })
        .context("the answer step's job")?;
    let tokens: u64 = made
        .iter()
        .filter_map(|job| job.usage.as_ref().and_then(|usage| usage.input_tokens))
        .sum();
    ensure!(
        frontmatter_value(&result, "input_tokens") == Some(tokens.to_string()),
        "{tokens} in {result}"
    );
    ensure!(
        !answer_job.output.trim().is_empty() && result.contains(answer_job.output.trim()),
        "the answer: {result}"
    );
    let sources = result
        .split("## Sources")
        .nth(1)
        .context("a Sources section")?;
    let cited: Vec<&str> = sources
        .lines()
        .filter_map(|line| line.strip_prefix("- [[")?.strip_suffix("]]"))
        .collect();
    ensure!(!cited.is_empty(), "{result}");
    for target in cited {
        ensure!(
            vault.root.join(format!("{target}.md")).is_file(),
            "cited [[{target}]], which is not in the vault"
        );
    }

    // A briefing note: the agent writes the day's note, the result links it.
    let day = "2026-12-02";
    vault.drop_note(
        "brief.md",
        &job_note("briefing", QWEN, &format!("day: {day}"), ""),
    )?;
    let filed = vault.wait_for("done", "brief", patience).await?;
    let id = frontmatter_value(&vault.read("done", &filed)?, "job").context("job")?;
    let briefed = vault.read("results", &vault.results_for(&id)[0])?;
    ensure!(
        briefed.contains(&format!("Briefing: [[Runner/briefings/{day}]]")),
        "{briefed}"
    );
    ensure!(
        briefed.contains("- **summary**: succeeded, job `"),
        "{briefed}"
    );
    let note = std::fs::read_to_string(vault.folder("briefings").join(format!("{day}.md")))?;
    ensure!(note.contains(day), "{note}");

    // gemma4 while davas is down: failed/ with davas's reason, never another model.
    cluster.kill_agent("davas").await?;
    cluster
        .wait_node_state("davas", NodeState::Down, patience)
        .await?;
    vault.drop_note("gemma.md", &job_note("research", GEMMA, "", question))?;
    let failed = vault.wait_for("failed", "gemma", patience).await?;
    let id = frontmatter_value(&vault.read("failed", &failed)?, "job").context("job")?;
    let rejected = vault.read("results", &vault.results_for(&id)[0])?;
    for words in [
        "status: rejected",
        "Rejected: no node could run gemma4:27b.",
        "- davas: agent down since",
        "It was not run on another model.",
        "- **plan**: rejected",
    ] {
        ensure!(rejected.contains(words), "{words:?} missing: {rejected}");
    }
    let gemma_jobs = jobs_of_note(&cluster, "vault: Runner/inbox/gemma.md").await?;
    ensure!(
        gemma_jobs
            .iter()
            .all(|job| job.state != JobState::Succeeded as i32),
        "{gemma_jobs:?}"
    );
    Ok(())
}

fn set_first_token_delay(cluster: &TestCluster, delay: Duration) {
    for node in &cluster.spec.nodes {
        cluster.ollama(&node.name).set_first_token_delay(delay);
    }
}

/// The jobs whose source names the note (`vault: Runner/inbox/x.md · research plan`).
async fn jobs_of_note(cluster: &TestCluster, note: &str) -> anyhow::Result<Vec<Job>> {
    let jobs = cluster.list_all_jobs().await?;
    Ok(jobs
        .into_iter()
        .filter(|job| {
            job.spec
                .as_ref()
                .is_some_and(|spec| spec.source.starts_with(&format!("{note} ")))
        })
        .collect())
}

/// The job ids the result note's "Steps" lists (``- **plan**: succeeded, job `ID`, …``).
fn step_job_ids(result: &str) -> Vec<String> {
    result
        .lines()
        .filter(|line| line.starts_with("- **"))
        .filter_map(|line| {
            let after = line.split("job `").nth(1)?;
            after.split('`').next().map(str::to_owned)
        })
        .collect()
}
