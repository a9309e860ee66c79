//! The stand-in Gemini's answers: CRLF SSE framing with cumulative usage, a silent model
//! fallback in `modelVersion`, thoughts when asked, and the paged listing.

use serde_json::{Value, json};

use super::gemini::{KEY, MODEL, PROMPT, post, request, start};
use super::{client, data_lines};
use crate::fake_providers::{GEMINI_THOUGHTS_TOKENS, expected_answer, expected_input_tokens};

#[tokio::test]
async fn a_stream_is_crlf_framed_with_cumulative_usage_and_no_done() {
    let gemini = start().await;
    let path = format!("/models/{MODEL}:streamGenerateContent?alt=sse");
    let response = post(&gemini, &path, Some(KEY), &request()).await;
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    let body = response.text().await.expect("body");
    assert!(
        body.ends_with("}\r\n\r\n") && body.starts_with("data: {"),
        "CR LF CR LF frames: {body:?}"
    );
    assert!(!body.contains("\n\ndata") && !body.contains("event:") && !body.contains("[DONE]"));
    let chunks: Vec<Value> = data_lines(&body, "\r\n\r\n")
        .iter()
        .map(|line| serde_json::from_str(line).expect("json"))
        .collect();
    assert_eq!(
        chunks.len(),
        1 + 8 + 1,
        "opening, a chunk per token, the finish"
    );
    let first = &chunks[0]["usageMetadata"];
    assert!(
        first.get("candidatesTokenCount").is_none(),
        "early chunks lack it"
    );
    assert_eq!(first["thoughtsTokenCount"], GEMINI_THOUGHTS_TOKENS);
    let candidates: Vec<u64> = chunks[1..]
        .iter()
        .filter_map(|chunk| chunk["usageMetadata"]["candidatesTokenCount"].as_u64())
        .collect();
    assert_eq!(
        candidates,
        vec![1, 2, 3, 4, 5, 6, 7, 8, 8],
        "cumulative, never per-chunk"
    );
    assert!(chunks.iter().all(|chunk| chunk["modelVersion"] == MODEL));
    let text: String = chunks
        .iter()
        .filter_map(|chunk| chunk["candidates"][0]["content"]["parts"][0]["text"].as_str())
        .collect();
    assert_eq!(text, expected_answer(PROMPT, 8));
    let last = chunks.last().expect("chunks");
    assert_eq!(last["candidates"][0]["finishReason"], "STOP");
    let input = expected_input_tokens(&["You are a helpful assistant", PROMPT]);
    assert_eq!(last["usageMetadata"]["promptTokenCount"], input);
    assert_eq!(
        last["usageMetadata"]["totalTokenCount"],
        input + 8 + GEMINI_THOUGHTS_TOKENS
    );
}

#[tokio::test]
async fn a_silent_fallback_names_another_model_version_and_thoughts_show_when_asked() {
    let gemini = start().await;
    gemini.set_model_version(MODEL, "gemini-3.5-flash-lite");
    let mut body = request();
    body["generationConfig"] =
        json!({"maxOutputTokens": 3, "thinkingConfig": {"includeThoughts": true}});
    let path = format!("/models/{MODEL}:streamGenerateContent?alt=sse");
    let text = post(&gemini, &path, Some(KEY), &body)
        .await
        .text()
        .await
        .expect("body");
    let chunks: Vec<Value> = data_lines(&text, "\r\n\r\n")
        .iter()
        .map(|line| serde_json::from_str(line).expect("json"))
        .collect();
    assert!(
        chunks
            .iter()
            .all(|chunk| chunk["modelVersion"] == "gemini-3.5-flash-lite")
    );
    assert_eq!(
        chunks[0]["candidates"][0]["content"]["parts"][0]["thought"],
        true
    );
    assert_eq!(
        chunks.last().expect("chunks")["candidates"][0]["finishReason"],
        "MAX_TOKENS"
    );
    let whole: Value = post(
        &gemini,
        &format!("/models/{MODEL}:generateContent"),
        Some(KEY),
        &request(),
    )
    .await
    .json()
    .await
    .expect("json");
    assert_eq!(
        whole["candidates"][0]["content"]["parts"][0]["text"],
        expected_answer(PROMPT, 8)
    );
    assert_eq!(whole["usageMetadata"]["candidatesTokenCount"], 8);
    assert_eq!(whole["modelVersion"], "gemini-3.5-flash-lite");
}

#[tokio::test]
async fn the_listing_pages_by_two_and_a_client_must_follow_the_token() {
    let gemini = start().await;
    let (mut names, mut token, mut pages) = (Vec::new(), None::<String>, 0);
    loop {
        let mut url = format!("{}/models", gemini.base_url());
        if let Some(token) = &token {
            url.push_str(&format!("?pageToken={token}"));
        }
        let page: Value = client()
            .get(url)
            .header("x-goog-api-key", KEY)
            .send()
            .await
            .expect("listing")
            .json()
            .await
            .expect("json");
        pages += 1;
        assert!(
            page["models"]
                .as_array()
                .is_some_and(|models| models.len() <= 2)
        );
        names.extend(
            page["models"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|model| model["name"].as_str().unwrap_or_default().to_string()),
        );
        token = page["nextPageToken"].as_str().map(str::to_string);
        if token.is_none() || pages > 10 {
            break;
        }
        let methods = page["models"][0]["supportedGenerationMethods"].as_array();
        assert!(methods.is_some_and(|methods| !methods.is_empty()));
    }
    assert_eq!(pages, 3);
    assert_eq!(names[0], "models/gemini-2.5-flash");
    assert_eq!(names.len(), 5);
    assert_eq!(gemini.list_requests(), 3);
}

#[tokio::test]
async fn without_alt_sse_the_stream_is_one_json_array_and_a_model_can_be_read_alone() {
    let gemini = start().await;
    let path = format!("/models/{MODEL}:streamGenerateContent");
    let response = post(&gemini, &path, Some(KEY), &request()).await;
    assert_eq!(response.headers()["content-type"], "application/json");
    let chunks: Value = response.json().await.expect("a JSON array");
    assert_eq!(
        chunks[0]["candidates"][0]["content"]["parts"][0]["text"],
        expected_answer(PROMPT, 8)
    );
    let url = format!("{}/models/{MODEL}", gemini.base_url());
    let model: Value = client()
        .get(url)
        .header("x-goog-api-key", KEY)
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(model["name"], "models/gemini-2.5-flash");
    assert_eq!(model["supportedGenerationMethods"][0], "generateContent");
}
