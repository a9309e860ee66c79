//! A memory server that is down fails the call within seconds with an error naming it
//! ("qdrant at http://…", "neo4j at bolt://…"), never a hang: Qdrant with nothing listening,
//! no Bolt server ever up, and a FalkorDB killed under a store that was working.

use std::time::{Duration, Instant};

use anyhow::ensure;
use memory::graph::neo4j::{Neo4jGraph, Neo4jGraphConfig};
use memory::graph::{AsOf, GraphStore};
use memory::vectors::VectorStore;
use memory::vectors::qdrant::{QdrantVectors, QdrantVectorsConfig};
use tests::falkordb::FalkorDb;

/// The connect timeout is 3 s; a loaded machine gets some slack on top.
const WITHIN: Duration = Duration::from_secs(15);

#[tokio::test]
async fn qdrant_down_is_named_within_seconds() -> anyhow::Result<()> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let config = QdrantVectorsConfig::new(url.clone());
    let started = Instant::now();
    let failed = tokio::task::spawn_blocking(move || {
        QdrantVectors::new(config)?
            .count()
            .map_err(anyhow::Error::from)
    })
    .await?;
    let error = failed.expect_err("nothing listens there").to_string();
    ensure!(started.elapsed() < WITHIN, "took {:?}", started.elapsed());
    ensure!(error.starts_with(&format!("qdrant at {url}")), "{error}");
    Ok(())
}

#[tokio::test]
async fn falkordb_killed_under_the_graph_store_is_named_within_seconds() -> anyhow::Result<()> {
    let mut falkordb = FalkorDb::start().await?;
    let uri = falkordb.bolt_uri();
    let store = tokio::task::spawn_blocking({
        let config = Neo4jGraphConfig::new(uri.clone());
        move || {
            let store = Neo4jGraph::new(config)?;
            store.edge_count(AsOf::now(0))?;
            anyhow::Ok(store)
        }
    })
    .await??;
    falkordb.stop().await?;
    let started = Instant::now();
    let (failed, store) =
        tokio::task::spawn_blocking(move || (store.edge_count(AsOf::now(0)), store)).await?;
    let error = failed.expect_err("the server is gone").to_string();
    ensure!(started.elapsed() < WITHIN, "took {:?}", started.elapsed());
    ensure!(error.starts_with(&format!("neo4j at {uri}")), "{error}");
    // Dropping the store (its driver) on a blocking thread too: it may try to say GOODBYE.
    tokio::task::spawn_blocking(move || drop(store)).await?;
    Ok(())
}

#[tokio::test]
async fn neo4j_never_up_is_named_within_seconds() -> anyhow::Result<()> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let uri = format!("bolt://127.0.0.1:{port}");
    let config = Neo4jGraphConfig::new(uri.clone());
    let started = Instant::now();
    let failed = tokio::task::spawn_blocking(move || {
        Neo4jGraph::new(config)?
            .reach(&["a.md".to_owned()], 2, AsOf::now(0), 10)
            .map_err(anyhow::Error::from)
    })
    .await?;
    let error = failed.expect_err("nothing listens there").to_string();
    ensure!(started.elapsed() < WITHIN, "took {:?}", started.elapsed());
    ensure!(error.starts_with(&format!("neo4j at {uri}")), "{error}");
    Ok(())
}
