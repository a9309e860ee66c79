//! Errors as Ollama gives them: 404 and 400 bodies, 503 when the queue is full, and a model
//! failing mid-stream (an `{"error"}` line) or before its first token (a 500).

use serde_json::json;

use super::super::SERVER_BUSY_MESSAGE;
use super::{client, error_message, get, ndjson_lines, post, start};

#[tokio::test]
async fn an_unknown_model_is_a_404_with_ollamas_wording_per_endpoint() {
    let ollama = start(&["qwen2.5:14b"]).await;
    let chat = post(
        &ollama,
        "/api/chat",
        json!({"model": "gemma4:27b", "messages": [{"role": "user", "content": "hi"}]}),
    )
    .await;
    assert_eq!(chat.status(), 404);
    assert_eq!(error_message(chat).await, "model 'gemma4:27b' not found");
    let generate = post(
        &ollama,
        "/api/generate",
        json!({"model": "gemma4:27b", "prompt": "hi"}),
    )
    .await;
    assert_eq!(generate.status(), 404);
    assert_eq!(
        error_message(generate).await,
        "model 'gemma4:27b' not found"
    );
    let show = post(&ollama, "/api/show", json!({"model": "gemma4:27b"})).await;
    assert_eq!(
        (show.status().as_u16(), error_message(show).await.as_str()),
        (404, "model 'gemma4:27b' not found")
    );
    // The embed handler learns it from the scheduler, which words it the older way.
    let embed = post(
        &ollama,
        "/api/embed",
        json!({"model": "gemma4:27b", "input": "hi"}),
    )
    .await;
    assert_eq!(embed.status(), 404);
    assert_eq!(
        error_message(embed).await,
        "model \"gemma4:27b\" not found, try pulling it first"
    );
}

#[tokio::test]
async fn bad_requests_are_400s_with_an_error_body() {
    let ollama = start(&["nomic-embed-text"]).await;
    let no_model = post(&ollama, "/api/chat", json!({"messages": []})).await;
    assert_eq!(
        (
            no_model.status().as_u16(),
            error_message(no_model).await.as_str()
        ),
        (400, "model is required")
    );
    let url = format!("{}/api/chat", ollama.url());
    let empty = client().post(&url).send().await.expect("POST");
    assert_eq!(
        (empty.status().as_u16(), error_message(empty).await.as_str()),
        (400, "missing request body")
    );
    let broken = client()
        .post(&url)
        .body("{\"model\": ")
        .send()
        .await
        .expect("POST");
    assert_eq!(broken.status(), 400);
    assert!(!error_message(broken).await.is_empty());
    let embedding_only = post(
        &ollama,
        "/api/chat",
        json!({"model": "nomic-embed-text", "messages": []}),
    )
    .await;
    assert_eq!(embedding_only.status(), 400);
    assert_eq!(
        error_message(embedding_only).await,
        "\"nomic-embed-text\" does not support chat"
    );
    let bad_input = post(
        &ollama,
        "/api/embed",
        json!({"model": "nomic-embed-text", "input": [1, 2]}),
    )
    .await;
    assert_eq!(
        (
            bad_input.status().as_u16(),
            error_message(bad_input).await.as_str()
        ),
        (400, "invalid input type")
    );
}

#[tokio::test]
async fn a_full_queue_answers_503_server_busy_until_it_drains() {
    let ollama = start(&["qwen2.5:14b"]).await;
    ollama.set_queue_full(true);
    let chat = post(
        &ollama,
        "/api/chat",
        json!({"model": "qwen2.5:14b", "messages": [{"role": "user", "content": "hi"}]}),
    )
    .await;
    assert_eq!(chat.status(), 503);
    assert_eq!(error_message(chat).await, SERVER_BUSY_MESSAGE);
    assert_eq!(
        SERVER_BUSY_MESSAGE,
        "server busy, please try again.  maximum pending requests exceeded"
    );
    let embed = post(
        &ollama,
        "/api/embed",
        json!({"model": "qwen2.5:14b", "input": "hi"}),
    )
    .await;
    assert_eq!(embed.status(), 503);
    assert_eq!(
        get(&ollama, "/api/tags").await.status(),
        200,
        "listing is not queued"
    );
    ollama.set_queue_full(false);
    let chat = post(
        &ollama,
        "/api/chat",
        json!({"model": "qwen2.5:14b", "messages": [{"role": "user", "content": "hi"}]}),
    )
    .await;
    assert_eq!(chat.status(), 200);
}

#[tokio::test]
async fn a_mid_stream_failure_is_an_error_line_after_the_tokens() {
    let ollama = start(&["gemma4:27b"]).await;
    ollama.fail_mid_stream_after(Some((
        2,
        "an error was encountered while running the model".to_string(),
    )));
    let response = post(
        &ollama,
        "/api/generate",
        json!({"model": "gemma4:27b", "prompt": "why is the sky blue"}),
    )
    .await;
    assert_eq!(
        response.status(),
        200,
        "the status was sent with the first token"
    );
    let lines = ndjson_lines(response).await;
    assert_eq!(lines.len(), 3, "two tokens then the error: {lines:?}");
    assert_eq!(
        (lines[0]["response"].as_str(), lines[1]["response"].as_str()),
        (Some("why"), Some(" is"))
    );
    assert_eq!(
        lines[2],
        json!({"error": "an error was encountered while running the model"})
    );
    assert_eq!(
        ollama.aborted_streams(),
        0,
        "a model failure is not a client hanging up"
    );
}

#[tokio::test]
async fn a_failure_before_the_first_token_or_unstreamed_is_a_500() {
    let ollama = start(&["gemma4:27b"]).await;
    ollama.fail_mid_stream_after(Some((0, "model runner crashed".to_string())));
    let streamed = post(
        &ollama,
        "/api/chat",
        json!({"model": "gemma4:27b", "messages": [{"role": "user", "content": "hi"}]}),
    )
    .await;
    assert_eq!(
        (
            streamed.status().as_u16(),
            error_message(streamed).await.as_str()
        ),
        (500, "model runner crashed")
    );
    ollama.fail_mid_stream_after(Some((3, "model runner crashed".to_string())));
    let request = json!({"model": "gemma4:27b", "stream": false, "messages": [{"role": "user", "content": "hi"}]});
    let whole = post(&ollama, "/api/chat", request).await;
    assert_eq!(
        (whole.status().as_u16(), error_message(whole).await.as_str()),
        (500, "model runner crashed")
    );
}
