//! `POST /chat`: new and continued conversations, the history a chat job carries, rejections
//! kept with their reasons, and a missing model refused rather than substituted.

use axum::http::StatusCode;
use proto::v1::{Job, JobKind, JobState};

use crate::test_support::{TestApp, running_job};

async fn send(app: &TestApp, form: &str) -> String {
    let response = app.post_form("/chat", form).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    response.headers()["location"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_conversation_carries_its_whole_history_to_the_model() {
    let app = TestApp::start().await;
    let location = send(&app, "model=qwen2.5%3A14b&message=hello+there").await;
    let id = location.strip_prefix("/chat/").unwrap().to_owned();
    let first = &app.coordinator.submitted()[0];
    assert_eq!(first.kind, JobKind::Chat as i32);
    assert_eq!(first.model, "qwen2.5:14b");
    assert_eq!(first.messages.len(), 1);
    assert_eq!(first.messages[0].content, "hello there");

    // The first answer ends; the next message carries both turns before it.
    app.coordinator.put_job(Job {
        state: JobState::Succeeded as i32,
        output: "general kenobi".into(),
        ..running_job("J1", "qwen2.5:14b")
    });
    send(
        &app,
        &format!("conversation={id}&model=qwen2.5%3A14b&message=and+then%3F"),
    )
    .await;
    let second = &app.coordinator.submitted()[1];
    let roles: Vec<(&str, &str)> = second
        .messages
        .iter()
        .map(|m| (m.role.as_str(), m.content.as_str()))
        .collect();
    assert_eq!(
        roles,
        vec![
            ("user", "hello there"),
            ("assistant", "general kenobi"),
            ("user", "and then?")
        ]
    );
    let (_, page) = app.get(&location).await;
    assert!(
        page.contains("general kenobi")
            && page.contains(r#"sse-connect="/jobs/J2/events?view=chat""#),
        "{page}"
    );
}

#[tokio::test]
async fn a_rejected_model_is_shown_with_every_nodes_reason() {
    let app = TestApp::start().await;
    let location = send(&app, "model=gemma4%3A27b&message=hi").await;
    let (_, page) = app.get(&location).await;
    assert!(page.contains(r#"data-state="rejected""#), "{page}");
    assert!(page.contains("no node can run gemma4:27b"));
    assert!(page.contains("<li>davas: agent down since 10:00:00 (41 s)</li>"));
}

#[tokio::test]
async fn without_a_model_or_a_message_nothing_is_sent() {
    let app = TestApp::start().await;
    let response = app.post_form("/chat", "message=hi").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body = crate::test_support::body_text(response).await;
    assert!(body.contains("choose a model"), "{body}");
    let response = app
        .post_form("/chat", "model=qwen2.5%3A14b&message=+")
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(app.coordinator.submitted().is_empty());
}
