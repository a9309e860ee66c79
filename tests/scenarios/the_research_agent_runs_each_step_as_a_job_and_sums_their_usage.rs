//! The research agent on a real cluster with memory over the fixture vault: the memory agent
//! syncs it first (one `sync` step, its report in words); then a research run plans, searches
//! memory and answers, each model step a recorded job of the model asked for with the run's
//! idempotency key and source, both in the run's one trace, and the run's token sums equal
//! what the stand-in Ollamas reported; the answer cites notes that really are in the vault.

use agents::AgentKind;
use anyhow::{Context, ensure};
use tests::cluster::{ClusterSpec, TestCluster};
use tests::memory_fixture::copy_vault;

use crate::agent_runs::{SOURCE, deps, input, jobs_of_run, reported_tokens, run, step_jobs};
use crate::support::QWEN;

#[tokio::test]
async fn the_research_agent_runs_each_step_as_a_job_and_sums_their_usage() -> anyhow::Result<()> {
    let vault_dir = tempfile::tempdir()?;
    let vault = vault_dir.path().join("vault");
    copy_vault(&vault)?;
    let mut spec = ClusterSpec::three_hosts();
    spec.extra_coordinator_toml
        .push_str(&format!("\n[memory]\nvault = \"{}\"\n", vault.display()));
    let cluster = TestCluster::start(spec).await?;

    let synced = run(
        input("sync-1", AgentKind::Memory, "", ""),
        deps(&cluster, None)?,
    )
    .await?;
    ensure!(synced.state == "succeeded", "{synced:?}");
    ensure!(
        synced.steps.len() == 1 && synced.steps[0].name == "sync",
        "{synced:?}"
    );
    ensure!(
        synced.output.contains(" notes read: ") && synced.output.contains(" 0 pending"),
        "{}",
        synced.output
    );
    ensure!(
        synced.input_tokens.is_none() && synced.output_tokens.is_none(),
        "{synced:?}"
    );

    let question = "How often does restic prune run?";
    let research = input("research-1", AgentKind::Research, QWEN, question);
    let answered = run(research, deps(&cluster, Some(vault.clone()))?).await?;
    ensure!(answered.state == "succeeded", "{answered:?}");
    let names: Vec<&str> = answered
        .steps
        .iter()
        .map(|step| step.name.as_str())
        .collect();
    ensure!(
        names.first() == Some(&"plan") && names.last() == Some(&"answer"),
        "{names:?}"
    );
    ensure!(
        names[1..names.len() - 1]
            .iter()
            .all(|name| name.starts_with("search ")),
        "{names:?}"
    );
    for step in &answered.steps {
        ensure!(
            step.state == "succeeded" && step.ended_at_ms.is_some(),
            "{step:?}"
        );
        let model_step = step.name == "plan" || step.name == "answer";
        let has_job = !step.job_id.is_empty();
        ensure!(model_step == has_job, "{step:?}");
        ensure!(!model_step || !step.node.is_empty(), "{step:?}");
    }

    // Each model step is a job of the cluster for the model asked, named after the run.
    let jobs = step_jobs(&cluster, &answered).await?;
    ensure!(jobs.len() == 2, "{jobs:?}");
    for (step, job) in &jobs {
        let spec = job.spec.as_ref().context("spec")?;
        ensure!(spec.model == QWEN && job.served_model == QWEN, "{job:?}");
        ensure!(
            spec.idempotency_key == format!("agent:research-1:{step}"),
            "{spec:?}"
        );
        ensure!(
            spec.source == format!("{SOURCE} · research {step}"),
            "{spec:?}"
        );
    }
    ensure!(jobs_of_run(&cluster, "research-1").await?.len() == 2);
    // Both jobs joined the run's trace through the `traceparent` each step sent.
    ensure!(
        !jobs[0].1.trace_id.is_empty() && jobs[0].1.trace_id == jobs[1].1.trace_id,
        "the step jobs are not one trace: {} vs {}",
        jobs[0].1.trace_id,
        jobs[1].1.trace_id
    );

    // The sums are the backend's own: the stand-ins ran nothing else on qwen.
    let (input_tokens, output_tokens) = reported_tokens(&cluster, QWEN);
    ensure!(input_tokens > 0 && output_tokens > 0);
    ensure!(
        answered.input_tokens == Some(input_tokens),
        "{:?} vs {input_tokens}",
        answered.input_tokens
    );
    ensure!(
        answered.output_tokens == Some(output_tokens),
        "{:?} vs {output_tokens}",
        answered.output_tokens
    );
    let step_inputs: u64 = answered
        .steps
        .iter()
        .filter_map(|step| step.input_tokens)
        .sum();
    ensure!(step_inputs == input_tokens);

    // The answer cites real notes of the vault, restic's among them.
    ensure!(!answered.output.is_empty());
    ensure!(!answered.citations.is_empty(), "{answered:?}");
    for note in &answered.citations {
        ensure!(
            vault.join(note).is_file(),
            "cited {note}, which is not in the vault"
        );
    }
    ensure!(
        answered
            .citations
            .iter()
            .any(|note| note.starts_with("Homelab/")),
        "{:?}",
        answered.citations
    );
    Ok(())
}
