//! The whole core on real sockets: a mounted task that ends early stops it with an error
//! naming the task, and a corrupt drain file stops start-up naming the file.

use std::time::Duration;

use settings::MapEnv;
use tokio_util::sync::CancellationToken;

use super::{Listeners, MountedParts, ServeError, serve, serve_with_parts};
use crate::config::CoordinatorConfig;

fn config(data_dir: &std::path::Path) -> CoordinatorConfig {
    let path = data_dir.join("c.toml");
    let toml = "grpc_addr = \"127.0.0.1:0\"\nhttp_addr = \"127.0.0.1:0\"\n[[nodes]]\nname = \"davas\"\ntoken_env = \"T\"\n";
    std::fs::write(&path, toml).unwrap();
    let mut config =
        CoordinatorConfig::load(Some(&path), &MapEnv::from_pairs([("T", "t")])).unwrap();
    config.data_dir = data_dir.join("data");
    config
}

#[tokio::test]
async fn a_mounted_task_that_ends_early_stops_the_core_with_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let config = config(dir.path());
    let listeners = Listeners::bind(&config).await.unwrap();
    let never_asked = CancellationToken::new();
    let served = serve_with_parts(config, listeners, never_asked, |_, _| async {
        Ok::<_, std::convert::Infallible>(MountedParts {
            routes: axum::Router::new(),
            tasks: vec![("alert service", tokio::spawn(async {}))],
            api_guard: None,
            grpc: tonic::service::Routes::default(),
        })
    });
    let error = tokio::time::timeout(Duration::from_secs(20), served)
        .await
        .expect("the core kept running after a mounted task ended")
        .unwrap_err();
    assert!(
        matches!(&error, ServeError::TaskStopped { task, .. } if task == "alert service"),
        "{error}"
    );
    assert_eq!(
        error.to_string(),
        "the coordinator stopped because its alert service ended before shutdown was asked for"
    );
}

#[tokio::test]
async fn a_corrupt_drain_file_stops_start_up_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let config = config(dir.path());
    std::fs::create_dir_all(&config.data_dir).unwrap();
    std::fs::write(config.data_dir.join("draining.json"), "{\"draining\": [").unwrap();
    let listeners = Listeners::bind(&config).await.unwrap();
    let error = serve(config, listeners, CancellationToken::new())
        .await
        .unwrap_err();
    assert!(matches!(error, ServeError::DrainingFile(_)), "{error}");
    assert!(error.to_string().contains("draining.json"), "{error}");
}

#[tokio::test]
async fn asked_shutdown_is_a_clean_stop() {
    let dir = tempfile::tempdir().unwrap();
    let config = config(dir.path());
    let listeners = Listeners::bind(&config).await.unwrap();
    let shutdown = CancellationToken::new();
    let served = tokio::spawn(serve(config, listeners, shutdown.clone()));
    shutdown.cancel();
    tokio::time::timeout(Duration::from_secs(20), served)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
}
