//! `GetUsage` over a real loopback socket: a report from the ledger with the cluster loop's
//! budgets, INVALID_ARGUMENT naming a bad time zone.

use std::sync::Arc;

use proto::v1::usage_service_client::UsageServiceClient;
use proto::v1::usage_service_server::UsageServiceServer;
use proto::v1::{BudgetLimit, GetUsageRequest, Job, JobSpec, JobState, TokenUsage, UsageGrouping};
use settings::MapEnv;
use tokio_util::sync::CancellationToken;
use tonic::Code;
use tonic::transport::server::TcpIncoming;

use super::UsageApi;
use crate::cluster::{ClusterHandle, new_cluster};
use crate::config::CoordinatorConfig;
use crate::store::{JobStore, MemoryJobStore, StoreWriter};

/// A running cluster loop over `store` whose config has one daily budget for gemma4.
fn cluster_with_a_budget(store: Arc<dyn JobStore>, shutdown: &CancellationToken) -> ClusterHandle {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    std::fs::write(
        &path,
        "[[budgets]]\nname = \"gemma\"\nmodel = \"gemma4:27b\"\ndaily_usd = 2.5\n",
    )
    .unwrap();
    let mut config = CoordinatorConfig::load(Some(&path), &MapEnv::from_pairs([])).unwrap();
    config.data_dir = dir.keep();
    let (writer, _) = StoreWriter::start(store.clone());
    let (cluster, cluster_loop) = new_cluster(&config, store, writer);
    tokio::spawn(cluster_loop.run(shutdown.clone()));
    cluster
}

/// 2026-12-01 10:00 UTC.
const T: i64 = 1_796_119_200_000;

fn ran(id: &str, node: &str, input: u64) -> Job {
    Job {
        id: id.into(),
        spec: Some(JobSpec {
            model: "gemma4:27b".into(),
            ..Default::default()
        }),
        state: JobState::Succeeded as i32,
        node: node.into(),
        started_at_ms: T - 1_000,
        finished_at_ms: T,
        usage: Some(TokenUsage {
            input_tokens: Some(input),
            output_tokens: Some(1),
            ..Default::default()
        }),
        cost_usd: Some(0.0),
        ..Default::default()
    }
}

#[tokio::test]
async fn get_usage_answers_from_the_ledger_and_names_a_bad_time_zone() {
    let store: Arc<dyn JobStore> = Arc::new(MemoryJobStore::default());
    store
        .put_all(&[ran("U1", "davas", 10), ran("U2", "homelab", 5)])
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let shutdown = CancellationToken::new();
    let cluster = cluster_with_a_budget(store.clone(), &shutdown);
    let server = tokio::spawn(
        tonic::transport::Server::builder()
            .add_service(UsageServiceServer::new(UsageApi { store, cluster }))
            .serve_with_incoming_shutdown(
                TcpIncoming::from(listener),
                shutdown.clone().cancelled_owned(),
            ),
    );
    let mut client = UsageServiceClient::connect(url).await.unwrap();

    let report = client
        .get_usage(GetUsageRequest {
            since: "2026-12-01".into(),
            until: "2026-12-01".into(),
            by: vec![UsageGrouping::Node as i32],
            ..Default::default()
        })
        .await
        .unwrap()
        .into_inner();
    let nodes: Vec<(&str, u64)> = report
        .rows
        .iter()
        .map(|row| (row.node.as_str(), row.totals.unwrap().input_tokens))
        .collect();
    assert_eq!(nodes, [("davas", 10), ("homelab", 5)]);
    assert_eq!(report.total.unwrap().jobs, 2);
    let budgets: Vec<(&str, i32, f64)> = report
        .budgets
        .iter()
        .map(|budget| (budget.budget.as_str(), budget.limit, budget.cap))
        .collect();
    assert_eq!(budgets, [("gemma", BudgetLimit::DailyUsd as i32, 2.5)]);

    let refused = client
        .get_usage(GetUsageRequest {
            time_zone: "Europe/Berln".into(),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(refused.code(), Code::InvalidArgument);
    assert!(
        refused
            .message()
            .contains("\"Europe/Berln\" is not an IANA name")
    );

    shutdown.cancel();
    server.await.unwrap().unwrap();
}
