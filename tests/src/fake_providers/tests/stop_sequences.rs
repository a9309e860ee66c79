//! Each stand-in provider ends a streamed answer just before the first stop sequence, which the
//! text does not contain, and says so in its vendor's words: Groq `finish_reason: "stop"`, Gemini
//! `finishReason: "STOP"`, Anthropic `stop_reason: "stop_sequence"` naming the sequence.

use serde_json::{Value, json};

use super::{client, data_lines};
use crate::fake_providers::{FakeAnthropic, FakeGemini, FakeGroq};

const PROMPT: &str = "Why is the sky blue?";
/// The answer is "why is the sky blue why ..."; "sky" begins inside the token " sky", so the
/// text keeps that token's leading space.
const CUT: &str = "why is the ";

fn json_lines(body: &str, separator: &str) -> Vec<Value> {
    data_lines(body, separator)
        .iter()
        .filter(|line| line.as_str() != "[DONE]")
        .map(|line| serde_json::from_str(line).expect("json"))
        .collect()
}

#[tokio::test]
async fn groq_stops_before_the_sequence_with_finish_reason_stop() {
    let groq = FakeGroq::start("gsk_stop", &["qwen/qwen3-32b"])
        .await
        .unwrap();
    let body = json!({"model": "qwen/qwen3-32b", "stream": true, "stop": ["green", "sky"],
                      "messages": [{"role": "user", "content": PROMPT}]});
    let response = client()
        .post(format!("{}/chat/completions", groq.base_url()))
        .bearer_auth("gsk_stop")
        .json(&body)
        .send()
        .await
        .unwrap();
    let chunks = json_lines(&response.text().await.unwrap(), "\n\n");
    let text: String = chunks
        .iter()
        .filter_map(|chunk| chunk["choices"][0]["delta"]["content"].as_str())
        .collect();
    assert_eq!(text, CUT);
    let finish: Vec<&Value> = chunks
        .iter()
        .map(|chunk| &chunk["choices"][0]["finish_reason"])
        .filter(|reason| !reason.is_null())
        .collect();
    assert_eq!(finish, [&json!("stop")]);
}

#[tokio::test]
async fn gemini_stops_before_the_sequence_with_finish_reason_stop() {
    let gemini = FakeGemini::start("AIza-stop", &["gemini-2.5-flash"])
        .await
        .unwrap();
    let body = json!({"contents": [{"parts": [{"text": PROMPT}], "role": "user"}],
                      "generationConfig": {"stopSequences": ["sky"], "topP": 0.5}});
    let url = format!(
        "{}/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
        gemini.base_url()
    );
    let response = client()
        .post(url)
        .header("x-goog-api-key", "AIza-stop")
        .json(&body)
        .send()
        .await
        .unwrap();
    let chunks = json_lines(&response.text().await.unwrap(), "\r\n\r\n");
    let text: String = chunks
        .iter()
        .flat_map(|chunk| {
            chunk["candidates"][0]["content"]["parts"]
                .as_array()
                .cloned()
        })
        .flatten()
        .filter(|part| part.get("thought").is_none())
        .filter_map(|part| part["text"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(text, CUT);
    let last = chunks.last().expect("chunks");
    assert_eq!(last["candidates"][0]["finishReason"], "STOP");
}

#[tokio::test]
async fn anthropic_stops_before_the_sequence_and_names_it() {
    let anthropic = FakeAnthropic::start("sk-ant-stop", &["claude-sonnet-4-6"])
        .await
        .unwrap();
    let body = json!({"model": "claude-sonnet-4-6", "max_tokens": 100, "stream": true,
                      "stop_sequences": ["sky"], "top_p": 0.5,
                      "messages": [{"role": "user", "content": PROMPT}]});
    let response = client()
        .post(format!("{}/messages", anthropic.base_url()))
        .header("x-api-key", "sk-ant-stop")
        .header("anthropic-version", "2023-06-01")
        .json(&body)
        .send()
        .await
        .unwrap();
    let events = json_lines(&response.text().await.unwrap(), "\n\n");
    let text: String = events
        .iter()
        .filter(|event| event["type"] == "content_block_delta")
        .filter_map(|event| event["delta"]["text"].as_str())
        .collect();
    assert_eq!(text, CUT);
    let delta = events
        .iter()
        .find(|event| event["type"] == "message_delta")
        .expect("a message_delta");
    assert_eq!(
        delta["delta"],
        json!({"stop_reason": "stop_sequence", "stop_sequence": "sky"})
    );

    let mut whole = body;
    whole["stream"] = json!(false);
    let response = client()
        .post(format!("{}/messages", anthropic.base_url()))
        .header("x-api-key", "sk-ant-stop")
        .header("anthropic-version", "2023-06-01")
        .json(&whole)
        .send()
        .await
        .unwrap();
    let message: Value = response.json().await.unwrap();
    assert_eq!(message["content"][0]["text"], CUT);
    assert_eq!(
        (&message["stop_reason"], &message["stop_sequence"]),
        (&json!("stop_sequence"), &json!("sky"))
    );
}
