//! `options.stop` over HTTP: the answer ends before the first stop sequence (which it does not
//! contain) with `done_reason: "stop"`, streamed or whole, and the options are recorded.

use serde_json::{Value, json};

use super::{ndjson_lines, post, start};

#[tokio::test]
async fn a_streamed_chat_ends_before_the_stop_sequence_with_done_reason_stop() {
    let ollama = start(&["llama3.2:3b"]).await;
    let options = json!({"stop": ["three", "never"], "top_p": 0.9, "num_predict": 8});
    let request = json!({"model": "llama3.2:3b", "options": options,
        "messages": [{"role": "user", "content": "one two three"}]});
    let lines = ndjson_lines(post(&ollama, "/api/chat", request).await).await;
    let text: String = lines
        .iter()
        .filter_map(|line| line["message"]["content"].as_str())
        .collect();
    assert_eq!(
        text, "one two ",
        "the token \" three\" keeps its space only"
    );
    let last = lines.last().expect("lines");
    assert_eq!(
        (last["done"].as_bool(), last["done_reason"].as_str()),
        (Some(true), Some("stop")),
        "a stop sequence ends with stop, not length, despite num_predict"
    );
    assert_eq!(
        last["eval_count"], 3,
        "the token holding the sequence was generated"
    );
    assert_eq!(ollama.generation_options(), [options]);
}

#[tokio::test]
async fn a_whole_generate_answer_is_cut_at_a_token_boundary() {
    let ollama = start(&["llama3.2:3b"]).await;
    let request = json!({"model": "llama3.2:3b", "prompt": "one two three",
        "stream": false, "options": {"stop": " two"}});
    let reply: Value = post(&ollama, "/api/generate", request)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(reply["response"], "one");
    assert_eq!(reply["done_reason"], "stop");
}
