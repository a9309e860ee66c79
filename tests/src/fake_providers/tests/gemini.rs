//! The stand-in Gemini's refusals and embeddings: header-only auth with Google's 403/400
//! answers, the `models/` double prefix trap, quota errors, mid-stream failure, embeddings.

use serde_json::{Value, json};

use super::{client, data_lines};
use crate::fake_providers::{FakeGemini, expected_embedding};

pub(super) const KEY: &str = "AIza-standin";
pub(super) const MODEL: &str = "gemini-2.5-flash";
pub(super) const PROMPT: &str = "Say hi in Portuguese";

pub(super) async fn start() -> FakeGemini {
    let models = [
        MODEL,
        "gemini-3.5-flash-lite",
        "gemini-embedding-001",
        "gemini-2.5-pro",
        "gemma-3",
    ];
    FakeGemini::start(KEY, &models)
        .await
        .expect("starting the stand-in gemini")
}

pub(super) fn request() -> Value {
    json!({"contents": [{"parts": [{"text": PROMPT}], "role": "user"}],
           "systemInstruction": {"parts": [{"text": "You are a helpful assistant"}], "role": "user"}})
}

pub(super) async fn post(
    gemini: &FakeGemini,
    path: &str,
    key: Option<&str>,
    body: &Value,
) -> reqwest::Response {
    let mut request = client()
        .post(format!("{}{path}", gemini.base_url()))
        .json(body);
    if let Some(key) = key {
        request = request.header("x-goog-api-key", key);
    }
    request
        .send()
        .await
        .expect("sending a request to the stand-in gemini")
}

#[tokio::test]
async fn only_the_header_key_counts_a_bad_one_is_400_and_none_403() {
    let gemini = start().await;
    let path = format!("/models/{MODEL}:generateContent?key={KEY}");
    let in_url = post(&gemini, &path, None, &request()).await;
    assert_eq!(in_url.status(), 403);
    let in_url: Value = in_url.json().await.expect("json");
    assert_eq!(in_url["error"]["status"], "PERMISSION_DENIED");
    let recorded = gemini.requests();
    assert!(
        recorded[0].path_and_query.contains("key="),
        "the key in the URL is recorded"
    );
    let bad = post(
        &gemini,
        &format!("/models/{MODEL}:generateContent"),
        Some("AIza-wrong"),
        &request(),
    )
    .await;
    assert_eq!(bad.status(), 400);
    let bad: Value = bad.json().await.expect("json");
    assert_eq!(bad["error"]["status"], "INVALID_ARGUMENT");
    assert_eq!(
        bad["error"]["message"],
        "API key not valid. Please pass a valid API key."
    );
    assert_eq!(bad["error"]["details"][0]["reason"], "API_KEY_INVALID");
    let good = post(
        &gemini,
        &format!("/models/{MODEL}:generateContent"),
        Some(KEY),
        &request(),
    )
    .await;
    assert_eq!(good.status(), 200);
    assert_eq!(gemini.requests()[2].header("X-Goog-Api-Key"), Some(KEY));
}

#[tokio::test]
async fn a_doubled_models_prefix_or_an_unlisted_model_is_404_not_found() {
    let gemini = start().await;
    let doubled = post(
        &gemini,
        &format!("/models/models/{MODEL}:generateContent"),
        Some(KEY),
        &request(),
    )
    .await;
    assert_eq!(doubled.status(), 404);
    assert_eq!(
        doubled.json::<Value>().await.expect("json")["error"]["status"],
        "NOT_FOUND"
    );
    gemini.remove_model(MODEL);
    let gone = post(
        &gemini,
        &format!("/models/{MODEL}:generateContent"),
        Some(KEY),
        &request(),
    )
    .await;
    assert_eq!(gone.status(), 404);
    let gone: Value = gone.json().await.expect("json");
    assert!(gone["error"]["message"].as_str().is_some_and(|text| {
        text.starts_with("models/gemini-2.5-flash is not found for API version v1beta")
    }));
}

#[tokio::test]
async fn quota_errors_carry_the_wait_in_retry_info_and_no_headers() {
    let gemini = start().await;
    gemini.quota_exhausted_next("41s");
    gemini.rate_limit_next(1, std::time::Duration::from_millis(1500));
    let path = format!("/models/{MODEL}:generateContent");
    let exhausted = post(&gemini, &path, Some(KEY), &request()).await;
    assert_eq!(exhausted.status(), 429);
    assert!(exhausted.headers().get("retry-after").is_none());
    assert!(
        exhausted
            .headers()
            .keys()
            .all(|name| !name.as_str().starts_with("x-ratelimit"))
    );
    let body: Value = exhausted.json().await.expect("json");
    assert_eq!(body["error"]["status"], "RESOURCE_EXHAUSTED");
    let details = body["error"]["details"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let retry = details
        .iter()
        .find(|detail| detail["@type"] == "type.googleapis.com/google.rpc.RetryInfo");
    assert_eq!(
        retry.map(|detail| detail["retryDelay"].clone()),
        Some(json!("41s"))
    );
    let limited: Value = post(&gemini, &path, Some(KEY), &request())
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(limited["error"]["details"][2]["retryDelay"], "1.5s");
    assert_eq!(
        post(&gemini, &path, Some(KEY), &request()).await.status(),
        200
    );
}

/// Embedding values read back as the `f32`s they were written from.
fn floats(values: &Value) -> Vec<f32> {
    serde_json::from_value(values.clone()).expect("an array of numbers")
}

#[tokio::test]
async fn embeddings_single_and_batched_are_the_deterministic_vectors() {
    let gemini = start().await;
    let model = "gemini-embedding-001";
    let one = json!({"content": {"parts": [{"text": "why is the sky blue"}]}});
    let single: Value = post(
        &gemini,
        &format!("/models/{model}:embedContent"),
        Some(KEY),
        &one,
    )
    .await
    .json()
    .await
    .expect("json");
    assert_eq!(
        floats(&single["embedding"]["values"]),
        expected_embedding("why is the sky blue", 768)
    );
    let batch = json!({"requests": [{"model": format!("models/{model}"), "content": {"parts": [{"text": "a"}]}, "outputDimensionality": 8}]});
    let batched: Value = post(
        &gemini,
        &format!("/models/{model}:batchEmbedContents"),
        Some(KEY),
        &batch,
    )
    .await
    .json()
    .await
    .expect("json");
    assert_eq!(
        floats(&batched["embeddings"][0]["values"]),
        expected_embedding("a", 8)
    );
    let unprefixed = json!({"requests": [{"model": model, "content": {"parts": [{"text": "a"}]}}]});
    assert_eq!(
        post(
            &gemini,
            &format!("/models/{model}:batchEmbedContents"),
            Some(KEY),
            &unprefixed
        )
        .await
        .status(),
        400
    );
    assert_eq!(
        post(
            &gemini,
            &format!("/models/{MODEL}:embedContent"),
            Some(KEY),
            &one
        )
        .await
        .status(),
        404
    );
}

#[tokio::test]
async fn a_stream_failing_mid_answer_ends_with_an_error_object() {
    let gemini = start().await;
    gemini.fail_mid_stream_next(1);
    let path = format!("/models/{MODEL}:streamGenerateContent?alt=sse");
    let response = post(&gemini, &path, Some(KEY), &request()).await;
    assert_eq!(response.status(), 200);
    let data = data_lines(&response.text().await.expect("body"), "\r\n\r\n");
    assert_eq!(data.len(), 3, "opening, one token, the error");
    assert!(data[2].starts_with(r#"{"error":"#));
}
