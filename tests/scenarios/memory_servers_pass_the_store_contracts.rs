//! The server stores pass the same contracts as the embedded one: `QdrantVectors` against the
//! Qdrant gRPC façade (Qdrant's wire protocol over qdrant-client's local mode, not a Qdrant
//! server) and `Neo4jGraph` against a real FalkorDB over Bolt 5, whose graph the official
//! Python `neo4j` driver then reads back the same way.

use std::path::PathBuf;

use anyhow::{Context, ensure};
use memory::conformance::{graph_store_contract, vector_store_contract};
use memory::graph::neo4j::{Neo4jGraph, Neo4jGraphConfig};
use memory::vectors::qdrant::{QdrantVectors, QdrantVectorsConfig};
use tests::falkordb::FalkorDb;
use tests::qdrant_shim::QdrantShim;

#[tokio::test]
async fn qdrant_passes_the_vector_store_contract() -> anyhow::Result<()> {
    let shim = QdrantShim::start().await?;
    let config = QdrantVectorsConfig::new(shim.url());
    // The stores are synchronous (their callers run on blocking threads), so is the suite.
    let ran = tokio::task::spawn_blocking(move || {
        let store = QdrantVectors::new(config)?;
        vector_store_contract(&store);
        anyhow::Ok(())
    })
    .await;
    match ran {
        Ok(result) => result,
        Err(panic) => Err(anyhow::anyhow!(
            "{panic}; the façade's log:\n{}",
            shim.log()
        )),
    }
}

#[tokio::test]
async fn falkordb_passes_the_graph_store_contract_and_python_reads_it_back() -> anyhow::Result<()> {
    let falkordb = FalkorDb::start().await?;
    let listening = falkordb.bolt_listen_addresses();
    ensure!(
        !listening.is_empty(),
        "nothing listens on Bolt port {}",
        falkordb.bolt_port()
    );
    tracing::info!(?listening, "FalkorDB's Bolt listeners (it ignores --bind)");
    let config = Neo4jGraphConfig::new(falkordb.bolt_uri());
    let ran = tokio::task::spawn_blocking(move || {
        let store = Neo4jGraph::new(config)?;
        graph_store_contract(&store);
        anyhow::Ok(())
    })
    .await;
    match ran {
        Ok(result) => result?,
        Err(panic) => anyhow::bail!("{panic}; FalkorDB's log:\n{}", falkordb.log()),
    }

    // An independent Bolt client: the official Python driver sees the edges our store wrote.
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("python/bolt_read_back.py");
    let output = tokio::process::Command::new("python3")
        .arg(&script)
        .arg(falkordb.bolt_uri())
        .kill_on_drop(true)
        .output()
        .await
        .context("cannot run python3 (`cargo xtask install` installs neo4j)")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    ensure!(
        output.status.success(),
        "bolt_read_back.py failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let read: serde_json::Value = serde_json::from_str(stdout.trim())?;
    // a.md stated 7 edges over its life (6, then a new tag), g.md 1, e.md 1, f.md 1.
    ensure!(read["edges"] == 10, "python read {read}");
    ensure!(
        read["a_expired"] == 7,
        "every edge of a.md expired, none deleted: {read}"
    );
    ensure!(
        read["fact"] == serde_json::json!(["f.md", "runs_on", "gpu=4090", "qwen2.5:14b"]),
        "python read {read}"
    );
    Ok(())
}
