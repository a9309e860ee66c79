//! The supervisor names the task that ended first and says why, whether it returned an error,
//! panicked or simply ended.

use super::SupervisedTasks;

#[tokio::test]
async fn the_first_task_to_end_is_named_with_its_error() {
    let mut tasks = SupervisedTasks::default();
    let forever = tokio_util::sync::CancellationToken::new();
    let stop = forever.clone();
    tasks.watch_unit(
        "HTTP server",
        tokio::spawn(async move { stop.cancelled().await }),
    );
    tasks.watch(
        "store writer",
        tokio::spawn(async { Err::<(), _>("no space left on device") }),
    );
    let end = tasks.next_end().await.unwrap();
    assert_eq!(end.name, "store writer");
    assert_eq!(end.reason_when_early(), "failed: no space left on device");
    forever.cancel();
    assert!(tasks.wait_all().await.is_empty());
    assert!(tasks.next_end().await.is_none());
}

#[tokio::test]
async fn a_panic_and_a_quiet_early_end_are_both_reasons() {
    let mut tasks = SupervisedTasks::default();
    tasks.watch_unit("cluster loop", tokio::spawn(async { panic!("bug") }));
    let end = tasks.next_end().await.unwrap();
    assert!(
        end.reason_when_early().starts_with("failed: panicked"),
        "{end:?}"
    );
    tasks.watch_unit("mounted part task 1", tokio::spawn(async {}));
    let end = tasks.next_end().await.unwrap();
    assert_eq!(
        end.reason_when_early(),
        "ended before shutdown was asked for"
    );
}

#[tokio::test]
async fn waiting_for_all_returns_only_the_failures() {
    let mut tasks = SupervisedTasks::default();
    tasks.watch("gRPC server", tokio::spawn(async { Ok::<(), String>(()) }));
    tasks.watch(
        "HTTP server",
        tokio::spawn(async { Err::<(), _>("closed") }),
    );
    let failed = tasks.wait_all().await;
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].name, "HTTP server");
}
