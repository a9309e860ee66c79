//! The vault as a job queue inside `runner serve` (`[vault]`): a chat note in
//! `Runner/inbox/` runs once and is answered by a result note with the model, node, tokens and
//! a link back, the note filed in `done/`, Discord told (`notify: discord`); a gemma4 note
//! while davas is down gets a result saying it was rejected and why, never another model's
//! answer; a bad note is answered with what is wrong; a draft is left alone; a Syncthing
//! conflict copy goes to `conflicts/`; the note brought back unchanged is removed, brought back
//! edited goes to `conflicts/` — neither runs again. The state shows on `/api/vault` and the
//! job carries its source note.

use anyhow::{Context, ensure};
use proto::v1::{JobState, NodeState};
use serde_json::Value;
use tests::cluster::{
    NodeSpec, Patience, TestCluster, alerting_spec, distinctive_webhook_token, wait_for_title,
};
use tests::fake_discord::FakeDiscord;
use tests::vault_queue::{Vault, frontmatter_value, job_note};

use crate::support::{GEMMA, QWEN};

#[tokio::test]
async fn a_note_in_the_vault_inbox_runs_once_and_is_answered_by_a_result_note() -> anyhow::Result<()>
{
    let dir = tempfile::tempdir()?;
    let vault = Vault::create(dir.path())?;
    let discord = FakeDiscord::start().await?;
    let token = distinctive_webhook_token();
    let mut spec = alerting_spec(&discord, &token);
    // Only davas has gemma4: with davas gone, no node can run it.
    spec = spec.with_node(NodeSpec::new("davas", &[GEMMA]));
    spec.extra_coordinator_toml.push_str(&format!(
        "\n[vault]\npath = \"{}\"\nsettle = \"300ms\"\nrescan = \"1s\"\n",
        vault.root.display()
    ));
    let mut cluster = TestCluster::start(spec).await?;
    let patience = Patience::seconds(20);

    let draft = "---\ntype: chat\nmodel: qwen2.5:14b\nstatus: draft\n---\nstill thinking\n";
    vault.drop_note("draft.md", draft)?;
    vault.drop_note(
        "why-sky.md",
        &job_note("chat", QWEN, "notify: discord", "why is the sky blue?"),
    )?;
    let filed = vault.wait_for("done", "why-sky", patience).await?;
    ensure!(filed == "why-sky.md", "{filed}");
    let done_note = vault.read("done", &filed)?;
    let id = frontmatter_value(&done_note, "job").context("the filed note names its job")?;
    ensure!(
        frontmatter_value(&done_note, "status").as_deref() == Some("done"),
        "{done_note}"
    );
    let results = vault.results_for(&id);
    ensure!(results.len() == 1, "one result note for {id}: {results:?}");
    let result = vault.read("results", &results[0])?;
    for (key, expected) in [("status", "done"), ("model", QWEN), ("job", id.as_str())] {
        ensure!(
            frontmatter_value(&result, key).as_deref() == Some(expected),
            "{key} in {result}"
        );
    }
    ensure!(
        result.contains("[[Runner/done/why-sky]]"),
        "a link back to the job note: {result}"
    );
    let cluster_job = frontmatter_value(&result, "cluster_job").context("cluster_job")?;
    let job = cluster.get_job(&cluster_job).await?;
    ensure!(job.state == JobState::Succeeded as i32, "{job:?}");
    ensure!(
        frontmatter_value(&result, "node").as_deref() == Some(job.node.as_str()),
        "{result}"
    );
    let tokens = job
        .usage
        .and_then(|usage| usage.output_tokens)
        .context("usage")?;
    ensure!(
        frontmatter_value(&result, "output_tokens") == Some(tokens.to_string()),
        "{result}"
    );
    ensure!(
        !job.output.is_empty() && result.contains(&job.output),
        "the answer: {result}"
    );
    let spec = job.spec.context("spec")?;
    ensure!(
        spec.source == "vault: Runner/inbox/why-sky.md",
        "{}",
        spec.source
    );
    ensure!(
        spec.idempotency_key == format!("vault:{id}"),
        "{}",
        spec.idempotency_key
    );
    wait_for_title(&discord, "Vault job done: why-sky", patience).await?;

    // A summary of linked notes cites them; ingest without [memory] says memory is off.
    std::fs::create_dir_all(vault.root.join("Notes"))?;
    std::fs::write(
        vault.root.join("Notes/alpha.md"),
        "---\ntags: [x]\n---\nAlpha says the tiers are three.\n",
    )?;
    std::fs::write(
        vault.root.join("Notes/beta.md"),
        "Beta adds an audit every quarter.\n",
    )?;
    vault.drop_note(
        "sum.md",
        &job_note(
            "summarize",
            QWEN,
            "",
            "Summarize [[alpha]] and [[Notes/beta]].",
        ),
    )?;
    vault.drop_note(
        "keep.md",
        &job_note("ingest", QWEN, "", "Remember [[alpha]]."),
    )?;
    vault.wait_for("done", "sum.md", patience).await?;
    let summary = result_of(&vault, "done", "sum.md")?;
    ensure!(
        summary.contains("[[alpha]]") && summary.contains("[[Notes/beta]]"),
        "cited: {summary}"
    );
    let summary_job = cluster
        .get_job(&frontmatter_value(&summary, "cluster_job").context("cluster_job")?)
        .await?;
    let prompt = summary_job.spec.context("spec")?.prompt;
    for text in [
        "Alpha says the tiers are three.",
        "Beta adds an audit every quarter.",
        "## [[Notes/beta]]",
    ] {
        ensure!(
            prompt.contains(text),
            "{text:?} not in the prompt: {prompt}"
        );
    }
    ensure!(
        !prompt.contains("tags: [x]"),
        "frontmatter left out: {prompt}"
    );
    vault.wait_for("failed", "keep.md", patience).await?;
    let unavailable = result_of(&vault, "failed", "keep.md")?;
    ensure!(
        frontmatter_value(&unavailable, "status").as_deref() == Some("unavailable"),
        "{unavailable}"
    );
    ensure!(
        unavailable.contains("memory is not available"),
        "{unavailable}"
    );

    // gemma4 while davas is down: a rejection with the reason, never another model.
    cluster.kill_agent("davas").await?;
    cluster
        .wait_node_state("davas", NodeState::Down, patience)
        .await?;
    vault.drop_note(
        "gemma.md",
        &job_note("generate", GEMMA, "", "write a haiku"),
    )?;
    vault.drop_note("bad.md", &job_note("poem", QWEN, "temperature: 7", "roses"))?;
    vault.drop_note(
        "why-sky.sync-conflict-20261202-170525-DRYE65A.md",
        &job_note("chat", QWEN, "", "twice"),
    )?;
    vault.wait_for("failed", "gemma", patience).await?;
    let rejected = result_of(&vault, "failed", "gemma.md")?;
    ensure!(
        frontmatter_value(&rejected, "status").as_deref() == Some("rejected"),
        "{rejected}"
    );
    for words in [
        "Rejected: no node could run gemma4:27b.",
        "- davas: ",
        "It was not run on another model.",
    ] {
        ensure!(rejected.contains(words), "{words:?} missing: {rejected}");
    }
    ensure!(
        rejected.matches("another model").count() == 1,
        "said once: {rejected}"
    );
    let jobs = cluster.list_all_jobs().await?;
    ensure!(
        !jobs
            .iter()
            .any(|job| job.state == JobState::Succeeded as i32
                && job.spec.as_ref().is_some_and(|spec| spec.model == GEMMA)),
        "a gemma4 job succeeded somewhere: {jobs:?}"
    );
    vault.wait_for("failed", "bad", patience).await?;
    let invalid = result_of(&vault, "failed", "bad.md")?;
    ensure!(
        frontmatter_value(&invalid, "status").as_deref() == Some("invalid"),
        "{invalid}"
    );
    for words in ["`type`", "poem", "`temperature`"] {
        ensure!(invalid.contains(words), "{words:?} missing: {invalid}");
    }
    vault
        .wait_for("conflicts", "sync-conflict", patience)
        .await?;
    ensure!(
        vault.read("inbox", "draft.md")? == draft,
        "the draft is untouched"
    );

    // The filed note comes back unchanged (a resurrection): removed, not run again.
    vault.drop_note(
        "why-sky.md",
        &job_note("chat", QWEN, "notify: discord", "why is the sky blue?"),
    )?;
    tests::cluster::eventually("the unchanged copy to be removed", patience, || async {
        ensure!(
            !vault.names("inbox").contains(&"why-sky.md".to_owned()),
            "still there"
        );
        Ok(())
    })
    .await?;
    // Edited after the claim: to conflicts/, not run.
    vault.drop_note(
        "why-sky.md",
        &job_note("chat", QWEN, "", "why is the sky green?"),
    )?;
    vault.wait_for("conflicts", "why-sky.md", patience).await?;
    ensure!(vault.results_for(&id).len() == 1, "still one result");

    let state: Value = reqwest::get(format!("{}/api/vault", cluster.http_url()))
        .await?
        .error_for_status()?
        .json()
        .await?;
    for (outcome, count) in [
        ("done", 2),
        ("rejected", 1),
        ("invalid", 1),
        ("unavailable", 1),
    ] {
        ensure!(state["finished"][outcome] == count, "{outcome}: {state}");
    }
    ensure!(
        state["conflicts"] == 2 && state["strays_removed"] == 1,
        "{state}"
    );
    ensure!(state["drafts"] == 1, "{state}");
    Ok(())
}

/// The result note of the job note `name` filed in `folder`.
fn result_of(vault: &Vault, folder: &str, name: &str) -> anyhow::Result<String> {
    let note = vault.read(folder, name)?;
    let id = frontmatter_value(&note, "job").with_context(|| format!("no job in {note}"))?;
    let results = vault.results_for(&id);
    ensure!(results.len() == 1, "one result for {id}: {results:?}");
    vault.read("results", &results[0])
}
