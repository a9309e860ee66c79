//! The stand-in Gemini: header-only auth with Google's 403/400 answers, the `models/` double
//! prefix trap, CRLF SSE framing with cumulative usage, silent model fallback, paging, quota
//! errors, embeddings and mid-stream failure.

use serde_json::{Value, json};

use super::{client, data_lines};
use crate::fake_providers::{
    FakeGemini, GEMINI_THOUGHTS_TOKENS, expected_answer, expected_embedding, expected_input_tokens,
};

const KEY: &str = "AIza-standin";
const MODEL: &str = "gemini-2.5-flash";
const PROMPT: &str = "Say hi in Portuguese";

async fn start() -> FakeGemini {
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

fn request() -> Value {
    json!({"contents": [{"parts": [{"text": PROMPT}], "role": "user"}],
           "systemInstruction": {"parts": [{"text": "You are a helpful assistant"}], "role": "user"}})
}

async fn post(
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
