//! The stand-in Anthropic's 429 and 529 answers and its listing paged by `after_id`.

use std::time::Duration;

use serde_json::{Value, json};

use super::anthropic::{GOOD, KEY, MODEL, error_of, post, request, start};
use super::client;

#[tokio::test]
async fn rate_limits_are_429_with_retry_after_and_overload_is_529() {
    let anthropic = start().await;
    anthropic.rate_limit_next(1, Duration::from_secs(7));
    anthropic.overloaded_next(1);
    let limited = post(&anthropic, &GOOD, &request(true)).await;
    assert_eq!(limited.headers()["retry-after"], "7");
    assert_eq!(
        limited.headers()["anthropic-ratelimit-requests-remaining"],
        "0"
    );
    let (status, error) = error_of(limited).await;
    assert_eq!(
        (status, error["type"].clone()),
        (429, json!("rate_limit_error"))
    );
    let (status, error) = error_of(post(&anthropic, &GOOD, &request(false)).await).await;
    assert_eq!(
        (status, error["type"].clone()),
        (529, json!("overloaded_error"))
    );
    assert_eq!(post(&anthropic, &GOOD, &request(false)).await.status(), 200);
}

#[tokio::test]
async fn the_listing_pages_by_after_id() {
    let anthropic = start().await;
    let list = |query: &str| {
        let url = format!("{}/models{query}", anthropic.base_url());
        client()
            .get(url)
            .header("x-api-key", KEY)
            .header("anthropic-version", "2023-06-01")
            .send()
    };
    let first: Value = list("").await.expect("listing").json().await.expect("json");
    assert_eq!(
        (
            first["has_more"].clone(),
            first["first_id"].clone(),
            first["last_id"].clone()
        ),
        (json!(true), json!(MODEL), json!("claude-opus-4-1"))
    );
    let second: Value = list("?after_id=claude-opus-4-1")
        .await
        .expect("listing")
        .json()
        .await
        .expect("json");
    assert_eq!(second["data"][0]["id"], "claude-haiku-4-5");
    assert_eq!(second["data"][0]["type"], "model");
    assert_eq!(second["has_more"], false);
    assert_eq!(anthropic.list_requests(), 2);
}

#[tokio::test]
async fn a_one_token_answer_still_starts_with_a_placeholder_that_differs_from_the_final_count() {
    let anthropic = start().await;
    anthropic.set_answer_tokens(1);
    let body = post(&anthropic, &GOOD, &request(true))
        .await
        .text()
        .await
        .expect("body");
    let data: Vec<Value> = super::data_lines(&body, "\n\n")
        .iter()
        .map(|line| serde_json::from_str(line).expect("json"))
        .collect();
    let start_usage = &data[0]["message"]["usage"]["output_tokens"];
    let final_usage = &data
        .iter()
        .rev()
        .find(|event| event["type"] == "message_delta")
        .expect("a message_delta")["usage"]["output_tokens"];
    assert_eq!(final_usage, &json!(1));
    assert_ne!(start_usage, final_usage);
}
