//! Retrieval quality, measured: the fixture vault (116 notes) synced through the cluster with
//! REAL sentence embeddings (the stand-in Ollama serving paraphrase-MiniLM-L3-v2 from the
//! `pocket-encoder` crate for `nomic-embed-text`), then its 49 labelled queries asked three
//! ways — full text (BM25) only, vectors only, and hybrid (both fused by reciprocal rank with
//! graph expansion) — over `MemoryService.SearchMemory`, as any client asks. Prints recall@5
//! and nDCG@10 per query kind; hybrid must beat both single retrievers overall on both.

use std::collections::{HashMap, HashSet};

use anyhow::{Context, ensure};
use memory::retrieve::{ndcg_at_k, recall_at_k};
use proto::v1::{Retriever, SearchMemoryRequest, SyncMemoryRequest};
use tests::cluster::{ClusterSpec, TestCluster};
use tests::memory_fixture::{LabelledQuery, copy_vault, labelled_queries};

const MODES: [(&str, &[Retriever]); 5] = [
    ("full text", &[Retriever::FullText]),
    ("vectors", &[Retriever::Vector]),
    ("graph", &[Retriever::Graph]),
    (
        "full text + vectors",
        &[Retriever::FullText, Retriever::Vector],
    ),
    ("hybrid", &[]),
];
const KINDS: [&str; 3] = ["keyword", "paraphrase", "linked"];

/// (recall@5, nDCG@10) summed per kind, and the query count.
#[derive(Default, Clone, Copy)]
struct Sums {
    recall: f64,
    ndcg: f64,
    queries: usize,
}

#[tokio::test]
async fn hybrid_retrieval_beats_full_text_and_vectors_on_the_labelled_vault() -> anyhow::Result<()>
{
    let vault_dir = tempfile::tempdir()?;
    let vault = vault_dir.path().join("vault");
    copy_vault(&vault)?;
    let queries = labelled_queries()?;
    ensure!(
        queries.len() >= 40,
        "only {} labelled queries",
        queries.len()
    );
    let mut spec = ClusterSpec::three_hosts();
    spec.extra_coordinator_toml
        .push_str(&format!("\n[memory]\nvault = \"{}\"\n", vault.display()));
    let cluster = TestCluster::start(spec).await?;
    cluster.ollama("homelab").set_semantic_embeddings(true);
    let mut memory = cluster.memory_client().await?;
    let mut sync = memory
        .sync_memory(SyncMemoryRequest { rebuild: false })
        .await?
        .into_inner();
    let mut report = None;
    while let Some(progress) = sync.message().await? {
        report = progress.report.or(report);
    }
    let report = report.context("the sync sent no report")?;
    ensure!(
        report.chunks_pending == 0 && report.chunks_embedded > 0,
        "{report:?}"
    );

    let mut table: HashMap<(&str, &str), Sums> = HashMap::new();
    for query in &queries {
        for (mode, retrievers) in MODES {
            let notes = ranked_notes(&mut memory, query, retrievers).await?;
            let relevant: HashSet<String> = query.relevant.keys().cloned().collect();
            let grades: HashMap<String, u32> = query
                .relevant
                .iter()
                .map(|(note, grade)| (note.clone(), u32::from(*grade)))
                .collect();
            for kind in [query.kind.as_str(), "all"] {
                let sums = table.entry((mode, kind_name(kind))).or_default();
                sums.recall += recall_at_k(&notes, &relevant, 5);
                sums.ndcg += ndcg_at_k(&notes, &grades, 10);
                sums.queries += 1;
            }
        }
    }
    println!(
        "\nretrieval quality on the fixture vault ({} queries)",
        queries.len()
    );
    println!("| retriever | kind | queries | recall@5 | nDCG@10 |\n|---|---|---|---|---|");
    for (mode, _) in MODES {
        for kind in KINDS.iter().copied().chain(["all"]) {
            let sums = table
                .get(&(mode, kind_name(kind)))
                .copied()
                .unwrap_or_default();
            let n = sums.queries.max(1) as f64;
            println!(
                "| {mode} | {kind} | {} | {:.3} | {:.3} |",
                sums.queries,
                sums.recall / n,
                sums.ndcg / n
            );
        }
    }
    let mean = |mode: &str| {
        let sums = table.get(&(mode, "all")).copied().unwrap_or_default();
        let n = sums.queries.max(1) as f64;
        (sums.recall / n, sums.ndcg / n)
    };
    let (hybrid, text, vectors) = (mean("hybrid"), mean("full text"), mean("vectors"));
    ensure!(
        hybrid.0 > text.0 && hybrid.0 > vectors.0,
        "recall@5: hybrid {hybrid:?}, full text {text:?}, vectors {vectors:?}"
    );
    ensure!(
        hybrid.1 > text.1 && hybrid.1 > vectors.1,
        "nDCG@10: hybrid {hybrid:?}, full text {text:?}, vectors {vectors:?}"
    );
    Ok(())
}

fn kind_name(kind: &str) -> &'static str {
    KINDS
        .into_iter()
        .chain(["all"])
        .find(|known| *known == kind)
        .unwrap_or("other")
}

/// The notes of the first 10 hits, in order (a note may appear twice: its passages).
async fn ranked_notes(
    memory: &mut proto::v1::memory_service_client::MemoryServiceClient<tonic::transport::Channel>,
    query: &LabelledQuery,
    retrievers: &[Retriever],
) -> anyhow::Result<Vec<String>> {
    let request = SearchMemoryRequest {
        query: query.text.clone(),
        limit: 10,
        retrievers: retrievers.iter().map(|r| *r as i32).collect(),
        ..SearchMemoryRequest::default()
    };
    let response = memory.search_memory(request).await?.into_inner();
    ensure!(
        !retrievers.contains(&Retriever::Vector) || response.warnings.is_empty(),
        "{:?} for {:?}",
        response.warnings,
        query.text
    );
    Ok(response.hits.into_iter().map(|hit| hit.note).collect())
}
