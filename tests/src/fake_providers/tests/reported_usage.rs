//! Each stand-in's own books of the usage it reported: whole answers, streams read to the end
//! (a stream's repeated or cumulative usage counted once), and a stream the client left after
//! Anthropic's `message_start`, whose input was already on the wire.

use std::time::Duration;

use serde_json::json;

use super::{anthropic, client, eventually, gemini};
use crate::fake_providers::{
    DEFAULT_ANSWER_TOKENS, FakeGroq, GEMINI_THOUGHTS_TOKENS, ReportedUsage, expected_input_tokens,
};

fn usage(answers: u64, input: usize, output: usize, reasoning: usize) -> ReportedUsage {
    ReportedUsage {
        answers,
        input_tokens: input as u64,
        output_tokens: output as u64,
        cached_input_tokens: 0,
        reasoning_tokens: reasoning as u64,
    }
}

#[tokio::test]
async fn groq_counts_each_answer_once_streamed_with_usage_twice_or_whole() {
    let groq = FakeGroq::start("gsk_x", &["qwen/qwen3-32b"]).await.unwrap();
    let url = format!("{}/chat/completions", groq.base_url());
    for (stream, include_usage) in [(false, false), (true, true), (true, false)] {
        let body = json!({"model": "qwen/qwen3-32b", "stream": stream,
            "stream_options": {"include_usage": include_usage},
            "messages": [{"role": "user", "content": "Why is the sky blue?"}]});
        let request = client().post(&url).bearer_auth("gsk_x").json(&body);
        let answer = request.send().await.unwrap().text().await.unwrap();
        assert!(!answer.is_empty());
    }
    let input = expected_input_tokens(&["Why is the sky blue?"]);
    let totals = groq.reported_usage();
    assert_eq!(
        totals["qwen/qwen3-32b"],
        usage(3, 3 * input, 3 * DEFAULT_ANSWER_TOKENS, 0)
    );
}

#[tokio::test]
async fn gemini_counts_the_last_cumulative_usage_with_thoughts_as_output() {
    let gemini = gemini::start().await;
    let paths = [
        format!("/models/{}:generateContent", gemini::MODEL),
        format!("/models/{}:streamGenerateContent?alt=sse", gemini::MODEL),
    ];
    for path in &paths {
        let response = gemini::post(&gemini, path, Some(gemini::KEY), &gemini::request()).await;
        assert_eq!(response.status(), 200);
        response.text().await.unwrap();
    }
    let input = expected_input_tokens(&["You are a helpful assistant", gemini::PROMPT]);
    let output = DEFAULT_ANSWER_TOKENS + GEMINI_THOUGHTS_TOKENS;
    assert_eq!(
        gemini.reported_usage()[gemini::MODEL],
        usage(2, 2 * input, 2 * output, 2 * GEMINI_THOUGHTS_TOKENS)
    );
}

#[tokio::test]
async fn anthropic_counts_whole_and_streamed_answers_and_the_input_of_a_left_stream() {
    let stand_in = anthropic::start().await;
    for stream in [false, true] {
        let body = anthropic::request(stream);
        let response = anthropic::post(&stand_in, &anthropic::GOOD, &body).await;
        response.text().await.unwrap();
    }
    let input = expected_input_tokens(&["Be kind", anthropic::PROMPT]);
    let whole = usage(2, 2 * input, 2 * DEFAULT_ANSWER_TOKENS, 0);
    assert_eq!(stand_in.reported_usage()[anthropic::MODEL], whole);
    stand_in.set_answer_tokens(1000);
    stand_in.set_token_delay(Duration::from_millis(20));
    let body = anthropic::request(true);
    let mut left = anthropic::post(&stand_in, &anthropic::GOOD, &body).await;
    let opening = left.chunk().await.unwrap().expect("message_start");
    assert!(String::from_utf8_lossy(&opening).contains("message_start"));
    drop(left);
    eventually("the stand-in sees the client leave", || {
        stand_in.aborted_streams() == 1
    })
    .await;
    let with_left = usage(3, 3 * input, 2 * DEFAULT_ANSWER_TOKENS, 0);
    assert_eq!(stand_in.reported_usage()[anthropic::MODEL], with_left);
}
