//! The job service's id handling through its gRPC methods: a unique prefix in any case names
//! a job for get, watch and cancel; an ambiguous, unknown or malformed one says so.

use std::sync::Arc;

use futures::StreamExt;
use proto::v1::job_event::Event;
use settings::MapEnv;
use tokio_util::sync::CancellationToken;
use tonic::Code;

use super::*;
use crate::cluster::new_cluster;
use crate::config::CoordinatorConfig;
use crate::store::{MemoryJobStore, StoreWriter};

const ENDED: &str = "01KB3ZQ4T8ABCDEFGH00000000";
const TWIN: &str = "01KB3ZQ4T8ABCDEFGH00000001";
const OTHER: &str = "01KB3ZQ4T9ABCDEFGH00000000";

async fn api_with_jobs(shutdown: &CancellationToken) -> JobApi {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    std::fs::write(&path, "[[nodes]]\nname = \"davas\"\ntoken_env = \"T\"\n").unwrap();
    let mut config =
        CoordinatorConfig::load(Some(&path), &MapEnv::from_pairs([("T", "t")])).unwrap();
    config.data_dir = dir.keep();
    let store: Arc<dyn JobStore> = Arc::new(MemoryJobStore::default());
    let jobs: Vec<Job> = [ENDED, TWIN, OTHER]
        .iter()
        .map(|id| Job {
            id: (*id).into(),
            state: JobState::Succeeded as i32,
            ..Default::default()
        })
        .collect();
    store.put_all(&jobs).unwrap();
    let (writer, _) = StoreWriter::start(store.clone());
    let (cluster, cluster_loop) = new_cluster(&config, store.clone(), writer);
    tokio::spawn(cluster_loop.run(shutdown.clone()));
    JobApi {
        cluster,
        store,
        max_prompt_bytes: 1024,
    }
}

fn get(id: &str) -> Request<GetJobRequest> {
    Request::new(GetJobRequest { id: id.into() })
}

#[tokio::test]
async fn get_watch_and_cancel_take_a_unique_prefix_in_any_case() {
    let shutdown = CancellationToken::new();
    let api = api_with_jobs(&shutdown).await;
    let job = api.get_job(get("01kb3zq4t9")).await.unwrap().into_inner();
    assert_eq!(job.id, OTHER);
    let whole_lowercase = api.get_job(get(&OTHER.to_lowercase())).await.unwrap();
    assert_eq!(whole_lowercase.into_inner().id, OTHER);

    let watch = WatchJobRequest {
        id: "01KB3ZQ4T9a".into(),
    };
    let mut events = api
        .watch_job(Request::new(watch))
        .await
        .unwrap()
        .into_inner();
    match events.next().await.unwrap().unwrap().event {
        Some(Event::Job(job)) => assert_eq!(job.id, OTHER),
        other => panic!("expected the job first, got {other:?}"),
    }

    let cancel = CancelJobRequest {
        id: "01kb3zq4t9".into(),
    };
    let status = api.cancel_job(Request::new(cancel)).await.unwrap_err();
    assert_eq!(status.code(), Code::FailedPrecondition, "{status:?}");
    assert!(status.message().contains(OTHER), "{status:?}");
    shutdown.cancel();
}

#[tokio::test]
async fn an_ambiguous_unknown_or_malformed_prefix_says_which() {
    let shutdown = CancellationToken::new();
    let api = api_with_jobs(&shutdown).await;
    let ambiguous = api.get_job(get("01kb3zq4t8")).await.unwrap_err();
    assert_eq!(ambiguous.code(), Code::InvalidArgument);
    assert!(
        ambiguous.message().contains(&format!("{ENDED}, {TWIN}")),
        "{ambiguous:?}"
    );
    let unknown = api.get_job(get("01KB3ZQ4T7")).await.unwrap_err();
    assert_eq!(unknown.code(), Code::NotFound, "{unknown:?}");
    let short = api.get_job(get("01KB3")).await.unwrap_err();
    assert_eq!(short.code(), Code::InvalidArgument);
    assert!(short.message().contains("at least 6"), "{short:?}");
    let bad = api.get_job(get("01KB3ZQ4TU")).await.unwrap_err();
    assert_eq!(bad.code(), Code::InvalidArgument);
    assert!(bad.message().contains("`U`"), "{bad:?}");
    shutdown.cancel();
}

#[tokio::test]
async fn a_full_page_carries_the_next_before_id() {
    let shutdown = CancellationToken::new();
    let api = api_with_jobs(&shutdown).await;
    let request = ListJobsRequest {
        limit: 2,
        ..Default::default()
    };
    let page = api.list_jobs(Request::new(request)).await.unwrap();
    assert_eq!(page.get_ref().next_before_id, TWIN);
    let request = ListJobsRequest {
        limit: 2,
        before_id: TWIN.to_lowercase(),
        ..Default::default()
    };
    let last = api.list_jobs(Request::new(request)).await.unwrap();
    assert_eq!(last.get_ref().jobs.len(), 1);
    assert_eq!(last.get_ref().next_before_id, "");
    shutdown.cancel();
}
