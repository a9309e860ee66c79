//! `POST /chat` with the "use memory" switch: the model gets memory's prompt in place of the
//! question while the conversation keeps the question; the answer lists the notes cited;
//! memory that cannot be used leaves the chat running without it and says so; and the model
//! asked is the model used either way.

use axum::http::StatusCode;
use proto::v1::{Job, JobState, MemoryContext, MemoryHit};

use crate::test_support::{NOT_CONFIGURED, TestApp, running_job};

const PROMPT: &str = "Answer from the notes below; cite them as [n].\n[1] Tier 1 models need a review.\nQuestion: which models need a review?";

async fn send(app: &TestApp, form: &str) -> String {
    let response = app.post_form("/chat", form).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    response.headers()["location"].to_str().unwrap().to_owned()
}

fn context() -> MemoryContext {
    MemoryContext {
        prompt: PROMPT.into(),
        citations: vec![MemoryHit {
            note: "Projects/AI governance.md".into(),
            headings: vec!["Risk".into()],
            line_start: 12,
            line_end: 18,
            ..Default::default()
        }],
        warnings: Vec::new(),
    }
}

#[tokio::test]
async fn with_memory_the_model_gets_the_prompt_and_the_page_shows_the_question_and_citations() {
    let app = TestApp::start().await;
    app.coordinator.script_memory_context(Ok(context()));
    let question = "which+models+need+a+review%3F";
    let location = send(
        &app,
        &format!("model=qwen2.5%3A14b&memory=on&message={question}"),
    )
    .await;
    assert_eq!(
        app.coordinator.memory_questions(),
        vec!["which models need a review?"]
    );
    let first = &app.coordinator.submitted()[0];
    assert_eq!(first.model, "qwen2.5:14b", "memory never changes the model");
    assert_eq!(first.messages.len(), 1);
    assert_eq!(first.messages[0].content, PROMPT);

    let (_, page) = app.get(&location).await;
    assert!(page.contains("which models need a review?"), "{page}");
    assert!(
        !page.contains("cite them as [n]"),
        "the prompt is not shown: {page}"
    );
    assert!(
        page.contains(
            r#"<span class="note">Projects/AI governance.md</span> › Risk · lines 12–18"#
        ),
        "{page}"
    );
    assert!(
        page.contains(r#"name="memory" value="on" checked"#),
        "the switch is remembered: {page}"
    );

    // The answer settles (its citations stay); the next question goes with the earlier one as
    // the user wrote it, not as the long prompt.
    app.coordinator.put_job(Job {
        state: JobState::Succeeded as i32,
        output: "The tier 1 models [1].".into(),
        ..running_job("J1", "qwen2.5:14b")
    });
    let id = location.strip_prefix("/chat/").unwrap();
    send(
        &app,
        &format!("conversation={id}&model=qwen2.5%3A14b&memory=on&message=and+tier+2%3F"),
    )
    .await;
    let second = &app.coordinator.submitted()[1];
    assert_eq!(second.messages[0].content, "which models need a review?");
    assert_eq!(second.messages[1].content, "The tier 1 models [1].");
    assert_eq!(second.messages[2].content, PROMPT);
    let (_, page) = app.get(&location).await;
    assert_eq!(
        page.matches("Projects/AI governance.md</span>").count(),
        2,
        "{page}"
    );
}

#[tokio::test]
async fn memory_not_configured_still_answers_and_says_so_beside_the_answer() {
    let app = TestApp::start().await;
    let location = send(&app, "model=qwen2.5%3A14b&memory=on&message=risk+tiers%3F").await;
    let sent = &app.coordinator.submitted()[0];
    assert_eq!(sent.model, "qwen2.5:14b");
    assert_eq!(sent.messages[0].content, "risk tiers?");
    let (_, page) = app.get(&location).await;
    let warning = format!(
        r#"<p class="warning" role="status">answered without memory: {NOT_CONFIGURED}</p>"#
    );
    assert!(page.contains(&warning), "{page}");
    let answer = page.find(r#"id="answer-J1""#).unwrap();
    assert!(
        page.find(&warning).unwrap() > answer,
        "the warning is under the answer"
    );
}

#[tokio::test]
async fn with_the_switch_off_memory_is_not_asked_and_nothing_is_shown() {
    let app = TestApp::start().await;
    app.coordinator.script_memory_context(Ok(context()));
    let location = send(&app, "model=qwen2.5%3A14b&message=hello").await;
    assert!(app.coordinator.memory_questions().is_empty());
    assert_eq!(app.coordinator.submitted()[0].messages[0].content, "hello");
    let (_, page) = app.get(&location).await;
    assert!(!page.contains("turn memory"), "{page}");
    assert!(page.contains(r#"<input id="use-memory" type="checkbox" name="memory" value="on" aria-describedby="use-memory-hint">"#), "{page}");
}

#[tokio::test]
async fn a_rejected_model_is_not_replaced_when_memory_is_on() {
    let app = TestApp::start().await;
    app.coordinator.script_memory_context(Ok(context()));
    let location = send(&app, "model=gemma4%3A27b&memory=on&message=hi").await;
    assert_eq!(app.coordinator.submitted()[0].model, "gemma4:27b");
    let (_, page) = app.get(&location).await;
    assert!(page.contains(r#"data-state="rejected""#), "{page}");
}
