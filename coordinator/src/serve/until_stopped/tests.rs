//! An early task end stops the rest, turns health to failing and is the error returned; an
//! asked shutdown stops everything cleanly.

use tokio_util::sync::CancellationToken;

use super::run_until_stopped;
use crate::http::CoreHealth;
use crate::serve::ServeError;
use crate::serve::supervised_tasks::SupervisedTasks;

/// A task that runs until `stop`, as the servers do.
fn server(stop: &CancellationToken) -> tokio::task::JoinHandle<()> {
    let stop = stop.clone();
    tokio::spawn(async move { stop.cancelled().await })
}

#[tokio::test]
async fn a_failed_task_stops_the_others_and_is_the_error_and_the_health() {
    let servers_stop = CancellationToken::new();
    let mut tasks = SupervisedTasks::default();
    tasks.watch_unit("HTTP server", server(&servers_stop));
    tasks.watch(
        "store writer",
        tokio::spawn(async { Err::<(), _>("no space left on device") }),
    );
    let health = CoreHealth::default();
    let outcome = run_until_stopped(
        tasks,
        CancellationToken::new(),
        servers_stop.clone(),
        health.clone(),
    )
    .await;
    assert!(
        matches!(&outcome, Err(ServeError::TaskStopped { task, reason })
            if task == "store writer" && reason == "failed: no space left on device"),
        "{outcome:?}"
    );
    assert!(servers_stop.is_cancelled());
    assert_eq!(
        health.failure().as_deref(),
        Some("store writer failed: no space left on device")
    );
}

#[tokio::test]
async fn an_asked_shutdown_stops_every_task_and_is_no_error() {
    let (shutdown, servers_stop) = (CancellationToken::new(), CancellationToken::new());
    let mut tasks = SupervisedTasks::default();
    tasks.watch_unit("gRPC server", server(&servers_stop));
    tasks.watch_unit("HTTP server", server(&servers_stop));
    shutdown.cancel();
    let health = CoreHealth::default();
    run_until_stopped(tasks, shutdown, servers_stop.clone(), health.clone())
        .await
        .unwrap();
    assert!(servers_stop.is_cancelled());
    assert_eq!(health.failure(), None);
}
