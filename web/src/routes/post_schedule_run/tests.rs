//! Tests of `POST /schedules/{name}/run` over the fake coordinator's real `ScheduleService`.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::test_support::{TestApp, body_text, operators_schedules};

fn htmx_post(uri: &str) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .header("hx-request", "true")
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn htmx_gets_the_fresh_row_with_the_manual_firing() {
    let app = TestApp::with_schedules(operators_schedules()).await;
    let response = app.send(htmx_post("/schedules/digest/run")).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body = body_text(response).await;
    assert!(
        body.starts_with(r#"<tr class="schedule" data-schedule="digest">"#),
        "{body}"
    );
    assert!(body.contains(r#"href="/jobs/J-manual-2""#), "{body}");
    assert!(
        body.contains(r#"<span class="badge">manual</span>"#),
        "{body}"
    );
    assert_eq!(app.coordinator.schedule_runs(), ["digest"]);
}

#[tokio::test]
async fn a_plain_form_goes_to_the_schedules_page() {
    let app = TestApp::with_schedules(operators_schedules()).await;
    let response = app.post_form("/schedules/briefing/run", "").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/schedules/briefing");
    let (_, body) = app.get("/schedules/briefing").await;
    assert!(body.contains(r#"href="/jobs/J-manual-3""#), "{body}");
}

#[tokio::test]
async fn a_cross_site_run_is_refused_and_an_unknown_one_not_found() {
    let app = TestApp::with_schedules(operators_schedules()).await;
    let cross_site = Request::post("/schedules/briefing/run")
        .header("sec-fetch-site", "cross-site")
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(cross_site).await.status(), StatusCode::FORBIDDEN);
    assert!(app.coordinator.schedule_runs().is_empty());
    let response = app.post_form("/schedules/nightly/run", "").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}
