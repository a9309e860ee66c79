//! Tests of the `page_error` module.

use super::*;

#[test]
fn grpc_codes_become_page_statuses() {
    let page = |status: tonic::Status| PageError::from(status).status_code();
    assert_eq!(
        page(tonic::Status::not_found("no job J1")),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        page(tonic::Status::invalid_argument("empty")),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        page(tonic::Status::unavailable("down")),
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(
        page(tonic::Status::internal("oops")),
        StatusCode::BAD_GATEWAY
    );
}

#[test]
fn the_coordinator_error_says_what_to_check() {
    let error = PageError::from(tonic::Status::unavailable("connection refused"));
    let text = error.to_string();
    assert!(
        text.contains("connection refused") && text.contains("is the coordinator running"),
        "{text}"
    );
}

#[tokio::test]
async fn an_error_page_links_the_jobs_list() {
    let response = PageError::NotFound("no job J1".to_owned()).into_response();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    let text = String::from_utf8_lossy(&body);
    assert!(
        text.contains(r#"<a href="/jobs">See every job</a>"#),
        "{text}"
    );
    assert!(!text.contains("runner jobs"), "{text}");
}

#[test]
fn a_coordinator_without_schedules_says_so() {
    let page = PageError::from_schedules(tonic::Status::unimplemented(""));
    assert_eq!(page.status_code(), StatusCode::NOT_IMPLEMENTED);
    assert!(
        page.to_string().contains("does not serve schedules"),
        "{page}"
    );
    let missing = PageError::from_schedules(tonic::Status::not_found("no schedule named x"));
    assert_eq!(missing.status_code(), StatusCode::NOT_FOUND);
    let down = PageError::from_schedules(tonic::Status::unavailable("connection refused"));
    assert_eq!(down.status_code(), StatusCode::SERVICE_UNAVAILABLE);
}
