//! The controls tests steer the stand-in with: stop and resume on the same port, hang, remove a
//! model, think time, and the stream counters that prove a cancel reached Ollama.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::{client, eventually, get, ndjson_lines, post, start};

fn chat_request(model: &str) -> Value {
    json!({"model": model, "messages": [{"role": "user", "content": "tell me a long story"}]})
}

#[tokio::test]
async fn stop_answering_refuses_connections_and_cuts_streams_until_resume_on_the_same_port() {
    let ollama = start(&["qwen2.5:14b"]).await;
    ollama.set_answer_tokens(1000);
    ollama.set_token_delay(Duration::from_millis(20));
    let url = ollama.url();
    // A client that keeps an idle keep-alive connection open, like the agent's prober.
    let pooled = client();
    let before = pooled.get(format!("{url}/api/version")).send().await;
    assert_eq!(before.expect("answering").status(), 200);
    let mut in_flight = post(&ollama, "/api/chat", chat_request("qwen2.5:14b")).await;
    assert!(in_flight.chunk().await.expect("first chunk").is_some());

    ollama.stop_answering().await;
    let mut cut = false;
    while let Some(read) = tokio::time::timeout(Duration::from_secs(5), in_flight.chunk())
        .await
        .expect("the cut is prompt")
        .transpose()
    {
        if read.is_err() {
            cut = true;
            break;
        }
    }
    assert!(cut, "the in-flight stream must break, not end cleanly");
    let refused = client().get(format!("{url}/api/version")).send().await;
    assert!(
        refused.is_err_and(|error| error.is_connect()),
        "connections are refused while stopped"
    );
    let reused = pooled.get(format!("{url}/api/version")).send().await;
    assert!(reused.is_err(), "idle keep-alive connections are cut too");
    eventually("the cut stream is no longer active", || {
        ollama.active_streams() == 0
    })
    .await;
    assert_eq!(
        ollama.aborted_streams(),
        0,
        "a stream the server cut is not a client hanging up"
    );

    ollama.resume().await.expect("resuming on the same port");
    assert_eq!(ollama.url(), url);
    assert_eq!(get(&ollama, "/api/version").await.status(), 200);
}

#[tokio::test]
async fn a_client_hanging_up_mid_stream_counts_as_an_aborted_stream() {
    let ollama = start(&["gemma4:27b"]).await;
    ollama.set_answer_tokens(1000);
    ollama.set_token_delay(Duration::from_millis(20));
    let mut response = post(
        &ollama,
        "/api/generate",
        json!({"model": "gemma4:27b", "prompt": "go on"}),
    )
    .await;
    assert!(response.chunk().await.expect("first chunk").is_some());
    assert_eq!(ollama.active_streams(), 1);
    assert_eq!(ollama.aborted_streams(), 0);
    drop(response);
    eventually("the stand-in sees the client leave", || {
        ollama.aborted_streams() == 1 && ollama.active_streams() == 0
    })
    .await;

    ollama.set_token_delay(Duration::ZERO);
    ollama.set_answer_tokens(2);
    ndjson_lines(
        post(
            &ollama,
            "/api/generate",
            json!({"model": "gemma4:27b", "prompt": "short"}),
        )
        .await,
    )
    .await;
    assert_eq!(
        ollama.aborted_streams(),
        1,
        "a stream read to the end is not aborted"
    );
}

#[tokio::test]
async fn a_client_giving_up_on_an_unstreamed_answer_counts_as_aborted_too() {
    let ollama = start(&["qwen2.5:14b"]).await;
    ollama.set_token_delay(Duration::from_millis(50));
    ollama.set_answer_tokens(100);
    let mut request = chat_request("qwen2.5:14b");
    request["stream"] = json!(false);
    let impatient = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_millis(200))
        .build()
        .expect("client");
    let gave_up = impatient
        .post(format!("{}/api/chat", ollama.url()))
        .json(&request)
        .send()
        .await;
    assert!(gave_up.is_err_and(|error| error.is_timeout()));
    eventually("the stand-in drops the abandoned generation", || {
        ollama.aborted_streams() == 1 && ollama.active_streams() == 0
    })
    .await;
}

#[tokio::test]
async fn hang_accepts_requests_but_answers_only_once_released() {
    let ollama = start(&[]).await;
    ollama.hang(true);
    let url = format!("{}/api/tags", ollama.url());
    let held = tokio::spawn(async move { client().get(url).send().await });
    eventually("the request arrived", || ollama.requests("/api/tags") == 1).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(!held.is_finished(), "a hung stand-in must not answer");
    ollama.hang(false);
    let response = held.await.expect("joined").expect("answered once released");
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn removed_models_leave_tags_and_added_ones_appear() {
    let ollama = start(&["gemma4:27b", "qwen2.5:14b"]).await;
    ollama.remove_model("gemma4:27b");
    ollama.add_model("llama3.2:3b");
    assert_eq!(ollama.models(), ["llama3.2:3b", "qwen2.5:14b"]);
    let tags: Value = get(&ollama, "/api/tags").await.json().await.expect("JSON");
    let names: Vec<&str> = tags["models"]
        .as_array()
        .expect("models")
        .iter()
        .filter_map(|model| model["name"].as_str())
        .collect();
    assert_eq!(names, ["llama3.2:3b", "qwen2.5:14b"]);
    let gone = post(&ollama, "/api/chat", chat_request("gemma4:27b")).await;
    assert_eq!(gone.status(), 404);
}

#[tokio::test]
async fn think_time_delays_the_first_token_and_each_next_one() {
    let ollama = start(&["qwen2.5:14b"]).await;
    ollama.set_first_token_delay(Duration::from_millis(150));
    ollama.set_token_delay(Duration::from_millis(30));
    ollama.set_answer_tokens(3);
    let started = Instant::now();
    let lines = ndjson_lines(post(&ollama, "/api/chat", chat_request("qwen2.5:14b")).await).await;
    assert_eq!(lines.len(), 4);
    assert!(
        started.elapsed() >= Duration::from_millis(210),
        "took only {:?}",
        started.elapsed()
    );
    let prompt_eval = lines[3]["prompt_eval_duration"]
        .as_u64()
        .expect("prompt_eval_duration");
    assert!(
        prompt_eval >= 150_000_000,
        "prompt_eval_duration {prompt_eval} ns covers the first-token delay"
    );
    assert_eq!(ollama.requests("/api/chat"), 1);
}

#[tokio::test]
async fn the_generation_book_counts_each_prompts_runs_and_keeps_what_was_streamed() {
    let ollama = start(&["qwen2.5:14b"]).await;
    ollama.set_answer_tokens(3);
    let request = json!({"model": "qwen2.5:14b", "prompt": "crash load one"});
    let mut streamed = String::new();
    for line in ndjson_lines(post(&ollama, "/api/generate", request.clone()).await).await {
        streamed.push_str(line["response"].as_str().expect("a response field"));
    }
    ndjson_lines(post(&ollama, "/api/generate", request).await).await;
    // A stream its client leaves after the first token is started but never finished.
    ollama.set_token_delay(Duration::from_millis(200));
    let abandoned = json!({"model": "qwen2.5:14b", "prompt": "crash load two"});
    let mut response = post(&ollama, "/api/generate", abandoned).await;
    assert!(response.chunk().await.expect("first chunk").is_some());
    drop(response);
    eventually("the abandoned stream ends", || ollama.active_streams() == 0).await;

    let book = ollama.generations();
    let one = &book["crash load one"];
    assert_eq!((one.started, one.finished), (2, 2));
    assert_eq!(one.finished_texts.iter().collect::<Vec<_>>(), [&streamed]);
    assert_eq!(streamed, "crash load one");
    let two = &book["crash load two"];
    assert_eq!((two.started, two.finished), (1, 0));
    assert!(two.finished_texts.is_empty());
}
