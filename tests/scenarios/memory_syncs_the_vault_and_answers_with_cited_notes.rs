//! Memory over the operator's vault, as a user meets it: `runner memory sync` reads the
//! fixture vault (116 notes) and embeds its passages through the cluster — embed jobs for
//! `nomic-embed-text`, on the node that has it, never another model; a second sync changes
//! nothing; `runner memory search` names each hit's note, lines and retrievers;
//! `runner submit --memory` answers on the model asked with the passages numbered in its prompt
//! and the sources after the answer; an edited note's old passage is gone from search and a
//! deleted note from `get_note`; MCP's `search_memory` and `remember` work, and a remembered
//! note is found at once.

use anyhow::{Context, ensure};
use proto::v1::{GetNoteRequest, JobKind, JobState, ListJobsRequest};
use serde_json::json;
use tests::cluster::{ClusterSpec, TestCluster, call_tool_ok, printed};
use tests::memory_fixture::{copy_vault, json_u64, stdout_json};

const EMBED_MODEL: &str = "nomic-embed-text";
const QWEN: &str = "qwen2.5:14b";

#[tokio::test]
async fn memory_syncs_the_vault_and_answers_with_cited_notes() -> anyhow::Result<()> {
    let vault_dir = tempfile::tempdir()?;
    let vault = vault_dir.path().join("vault");
    let notes = copy_vault(&vault)?;
    let mut spec = ClusterSpec::three_hosts();
    spec.extra_coordinator_toml
        .push_str(&format!("\n[memory]\nvault = \"{}\"\n", vault.display()));
    let cluster = TestCluster::start(spec).await?;

    let status = cluster.cli(&["memory", "status"]).await?;
    ensure!(status.status.success(), "{}", printed(&status));
    ensure!(
        String::from_utf8_lossy(&status.stdout).contains("last sync      never"),
        "{}",
        printed(&status)
    );

    let first = cluster.cli(&["memory", "sync", "--json"]).await?;
    ensure!(first.status.success(), "{}", printed(&first));
    let report = stdout_json(&first)?;
    let skipped = report["skipped"].as_array().map_or(0, Vec::len);
    ensure!(report["notes"] == json!(notes), "{report}");
    ensure!(report["added"] == json!(notes - skipped), "{report}");
    ensure!(json_u64(&report["chunks_pending"]) == 0, "{report}");
    let embedded = json_u64(&report["chunks_embedded"]);
    ensure!(embedded >= notes as u64, "{report}");
    ensure!(
        String::from_utf8_lossy(&first.stderr).contains("embedding"),
        "no progress: {}",
        printed(&first)
    );

    // Every embed job ran nomic-embed-text on homelab, the one node that has it.
    let mut jobs = cluster
        .jobs_client()
        .await?
        .list_jobs(ListJobsRequest::default())
        .await?
        .into_inner()
        .jobs;
    jobs.retain(|job| {
        job.spec
            .as_ref()
            .is_some_and(|spec| spec.kind == JobKind::Embed as i32)
    });
    ensure!(!jobs.is_empty(), "no embed job was recorded");
    for job in &jobs {
        let spec = job.spec.as_ref().context("spec")?;
        ensure!(
            spec.model.trim_end_matches(":latest") == EMBED_MODEL && job.node == "homelab",
            "{job:?}"
        );
        ensure!(job.state == JobState::Succeeded as i32, "{job:?}");
        ensure!(
            spec.texts
                .iter()
                .all(|text| text.starts_with("search_document: ")),
            "no task prefix"
        );
    }

    let again = stdout_json(&cluster.cli(&["memory", "sync", "--json"]).await?)?;
    ensure!(
        again["unchanged"] == json!(notes - skipped) && json_u64(&again["chunks_embedded"]) == 0,
        "{again}"
    );

    let search = cluster
        .cli(&["memory", "search", "restic", "prune", "schedule"])
        .await?;
    let text = String::from_utf8_lossy(&search.stdout).to_string();
    ensure!(
        search.status.success() && text.starts_with("1. Homelab/"),
        "{}",
        printed(&search)
    );
    ensure!(
        text.contains("found by full_text #") && text.contains(", lines "),
        "{text}"
    );

    let answer = cluster
        .cli(&[
            "submit",
            "--model",
            QWEN,
            "--memory",
            "--prompt",
            "How often does restic prune run?",
        ])
        .await?;
    let out = String::from_utf8_lossy(&answer.stdout).to_string();
    ensure!(
        answer.status.success() && out.contains("\nsources:\n[1] Homelab/"),
        "{}",
        printed(&answer)
    );
    let asked = cluster
        .list_all_jobs()
        .await?
        .into_iter()
        .find(|job| job.spec.as_ref().is_some_and(|spec| spec.model == QWEN))
        .context("the memory job was not recorded")?;
    let prompt = &asked.spec.as_ref().context("spec")?.prompt;
    ensure!(
        prompt.contains("[1] Homelab/")
            && prompt.ends_with("Question: How often does restic prune run?"),
        "{prompt}"
    );

    // An edited note: its old words leave search; a deleted note leaves GetNote.
    let edited = vault.join("Inbox/heron idea.md");
    std::fs::write(&edited, "A new thought about kingfishers.\n")?;
    let deleted = "Homelab/Power and UPS.md";
    let deleted_existed = vault.join(deleted).exists();
    if deleted_existed {
        std::fs::remove_file(vault.join(deleted))?;
    }
    let third = stdout_json(&cluster.cli(&["memory", "sync", "--json"]).await?)?;
    ensure!(third["changed"] == json!(1), "{third}");
    ensure!(
        third["deleted"] == json!(u32::from(deleted_existed)),
        "{third}"
    );
    let kingfisher = cluster
        .cli(&["memory", "search", "kingfishers", "--json"])
        .await?;
    let hits = stdout_json(&kingfisher)?;
    ensure!(
        hits["hits"][0]["note"] == json!("Inbox/heron idea.md"),
        "{hits}"
    );
    if deleted_existed {
        let gone = cluster
            .memory_client()
            .await?
            .get_note(GetNoteRequest {
                path: deleted.into(),
            })
            .await;
        ensure!(
            gone.as_ref()
                .is_err_and(|status| status.code() == tonic::Code::NotFound),
            "{gone:?}"
        );
    }

    let mcp = cluster.mcp_http_client(None).await?;
    let found = call_tool_ok(
        &mcp,
        "search_memory",
        json!({"query": "restic prune schedule", "limit": 3}),
    )
    .await?;
    ensure!(
        found["hits"][0]["note"]
            .as_str()
            .is_some_and(|note| note.starts_with("Homelab/")),
        "{found}"
    );
    let remembered = call_tool_ok(
        &mcp,
        "remember",
        json!({"title": "Zebra finch decision", "content": "We chose the zebra finch as the mascot.", "tags": ["decision"]}),
    )
    .await?;
    let path = remembered["path"].as_str().context("path")?.to_owned();
    ensure!(
        path.starts_with("Runner/memory/") && vault.join(&path).is_file(),
        "{remembered}"
    );
    let mascot = call_tool_ok(
        &mcp,
        "search_memory",
        json!({"query": "zebra finch mascot"}),
    )
    .await?;
    ensure!(mascot["hits"][0]["note"] == json!(path), "{mascot}");
    Ok(())
}
