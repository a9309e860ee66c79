//! Tests of `POST /schedules/{name}/paused` over the fake coordinator's real `ScheduleService`.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::test_support::{TestApp, body_text, operators_schedules};

#[tokio::test]
async fn pausing_with_htmx_swaps_in_a_row_offering_resume() {
    let app = TestApp::with_schedules(operators_schedules()).await;
    let request = Request::post("/schedules/briefing/paused")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .header("hx-request", "true")
        .body(Body::from("paused=true"))
        .unwrap();
    let response = app.send(request).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body = body_text(response).await;
    assert!(body.contains(">Resume</button>"), "{body}");
    assert!(body.contains("None while paused"), "{body}");
    assert_eq!(
        app.coordinator.schedule_pauses(),
        [("briefing".to_owned(), true)]
    );
}

#[tokio::test]
async fn resuming_with_a_plain_form_goes_to_the_schedules_page() {
    let app = TestApp::with_schedules(operators_schedules()).await;
    let response = app
        .post_form("/schedules/weekly/paused", "paused=false")
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/schedules/weekly");
    assert_eq!(
        app.coordinator.schedule_pauses(),
        [("weekly".to_owned(), false)]
    );
    let response = app
        .post_form("/schedules/weekly/paused", "paused=maybe")
        .await;
    assert!(response.status().is_client_error());
}
