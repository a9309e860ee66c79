//! The common controls on a live stand-in: a client hanging up counts as an aborted stream,
//! think time holds back a whole answer's headers, requests are recorded as sent, models come
//! and go, and the server stops with its last handle.

use std::time::{Duration, Instant};

use serde_json::json;

use super::{client, eventually};
use crate::fake_providers::FakeGroq;

const KEY: &str = "gsk_standin";

async fn chat(groq: &FakeGroq, model: &str, stream: bool) -> reqwest::Response {
    let body = json!({"model": model, "stream": stream, "messages": [{"role": "user", "content": "tell a story"}]});
    let url = format!("{}/chat/completions", groq.base_url());
    client()
        .post(url)
        .bearer_auth(KEY)
        .json(&body)
        .send()
        .await
        .expect("sending a chat request")
}

#[tokio::test]
async fn a_client_hanging_up_mid_stream_counts_as_an_aborted_stream() {
    let groq = FakeGroq::start(KEY, &["m"]).await.expect("starting");
    groq.set_answer_tokens(1000);
    groq.set_token_delay(Duration::from_millis(20));
    let mut response = chat(&groq, "m", true).await;
    assert!(response.chunk().await.expect("first chunk").is_some());
    eventually("the stream is active", || groq.active_streams() == 1).await;
    drop(response);
    eventually("the stand-in sees the client leave", || {
        groq.aborted_streams() == 1 && groq.active_streams() == 0
    })
    .await;
    groq.set_answer_tokens(2);
    let finished = chat(&groq, "m", true).await.text().await.expect("body");
    assert!(finished.ends_with("[DONE]\n\n"));
    assert_eq!(
        groq.aborted_streams(),
        1,
        "a stream read to the end is not aborted"
    );
}

#[tokio::test]
async fn the_first_token_delay_holds_back_a_whole_answers_headers() {
    let groq = FakeGroq::start(KEY, &["m"]).await.expect("starting");
    groq.set_first_token_delay(Duration::from_millis(300));
    let started = Instant::now();
    let response = chat(&groq, "m", false).await;
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "headers came after {:?}",
        started.elapsed()
    );
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn requests_are_recorded_as_sent_and_models_come_and_go() {
    let groq = FakeGroq::start(KEY, &["m"]).await.expect("starting");
    assert_eq!(chat(&groq, "n", false).await.status(), 404);
    groq.add_model("n");
    assert_eq!(chat(&groq, "n", false).await.status(), 200);
    groq.remove_model("m");
    assert_eq!(chat(&groq, "m", false).await.status(), 404);
    let recorded = groq.requests();
    assert_eq!(recorded.len(), 3);
    assert_eq!(
        (
            recorded[0].method.as_str(),
            recorded[0].path_and_query.as_str()
        ),
        ("POST", "/openai/v1/chat/completions")
    );
    assert_eq!(
        recorded[0].header("authorization"),
        Some("Bearer gsk_standin")
    );
    assert_eq!(recorded[1].body["model"], "n");
}

#[tokio::test]
async fn the_server_stops_when_the_last_handle_is_dropped() {
    let groq = FakeGroq::start(KEY, &["m"]).await.expect("starting");
    let (url, clone) = (groq.base_url(), groq.clone());
    drop(groq);
    assert_eq!(
        chat(&clone, "m", false).await.status(),
        200,
        "a clone keeps it running"
    );
    drop(clone);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let fresh = reqwest::Client::builder()
            .no_proxy()
            .build()
            .expect("client");
        if fresh
            .get(format!("{url}/models"))
            .send()
            .await
            .is_err_and(|error| error.is_connect())
        {
            break;
        }
        assert!(Instant::now() < deadline, "the stand-in kept answering");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}
