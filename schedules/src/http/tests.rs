//! `/api/schedules` and `/api/schedules/{name}` as JSON, and a 404 with words.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use tokio_util::sync::CancellationToken;
use tower::ServiceExt;

use crate::clock::TokioWallClock;
use crate::notices::NoNotices;
use crate::store::ScheduleStore;
use crate::test_support::FakeLauncher;
use crate::{Scheduler, SchedulerParts};

fn router(dir: &tempfile::TempDir) -> axum::Router {
    let document: settings::toml::Table = r#"
        [[schedules]]
        name = "tick"
        cron = "*/5 * * * * *"
        job = { type = "chat", model = "m", prompt = "p" }
    "#
    .parse()
    .unwrap();
    let table = document["schedules"].as_array().unwrap()[0]
        .as_table()
        .unwrap()
        .clone();
    let mut problems = settings::Problems::default();
    let schedules = crate::parse_schedules(&[table], &mut problems);
    let scheduler = Scheduler::new(SchedulerParts {
        schedules,
        store: Arc::new(ScheduleStore::open(dir.path()).unwrap()),
        clock: Arc::new(TokioWallClock::starting_at(
            "2026-12-02T10:00:02Z".parse().unwrap(),
        )),
        launcher: Arc::new(FakeLauncher::default()),
        notices: Arc::new(NoNotices),
        shutdown: CancellationToken::new(),
    });
    super::router(scheduler)
}

async fn get(router: axum::Router, path: &str) -> (StatusCode, serde_json::Value) {
    let request = Request::get(path).body(Body::empty()).unwrap();
    let response = router.oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    (status, serde_json::from_slice(&bytes).unwrap())
}

#[tokio::test]
async fn the_list_and_one_schedule_are_the_protobuf_json_shapes() {
    let dir = tempfile::tempdir().unwrap();
    let (status, list) = get(router(&dir), "/api/schedules").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["schedules"][0]["name"], "tick");
    assert_eq!(list["schedules"][0]["cron"], "*/5 * * * * *");
    let (status, one) = get(router(&dir), "/api/schedules/tick").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one["time_zone"], "UTC");
    assert!(one["recent_firings"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn an_unknown_schedule_is_a_404_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let (status, body) = get(router(&dir), "/api/schedules/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["error"].as_str().unwrap().contains("`nope`"));
}
