//! How a stream ends: the rest of the text, the finish reason, the usage chunk when asked,
//! then `[DONE]`, in each endpoint's chunk shape.

use proto::v1::TokenUsage;

use super::*;

fn job() -> Job {
    Job {
        id: "01JOB".into(),
        served_model: "qwen2.5:14b".into(),
        created_at_ms: 7_000,
        usage: Some(TokenUsage {
            input_tokens: Some(3),
            output_tokens: Some(4),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn parsed(events: &[String]) -> Vec<Value> {
    events[..events.len() - 1]
        .iter()
        .map(|event| serde_json::from_str(event).unwrap())
        .collect()
}

#[test]
fn a_chat_ends_with_its_finish_reason_usage_and_done() {
    let events = ending_events(&job(), Shape::Chat, " end".into(), true);
    assert_eq!(events.last().unwrap(), "[DONE]");
    let chunks = parsed(&events);
    assert_eq!(chunks.len(), 3);
    assert_eq!(chunks[0]["choices"][0]["delta"]["content"], " end");
    assert_eq!(chunks[0]["usage"], Value::Null);
    assert_eq!(chunks[1]["choices"][0]["finish_reason"], "stop");
    assert_eq!(chunks[1]["choices"][0]["delta"], json!({}));
    assert_eq!(chunks[2]["choices"], json!([]));
    assert_eq!(chunks[2]["usage"]["total_tokens"], 7);
    for chunk in &chunks {
        assert_eq!(chunk["object"], "chat.completion.chunk");
        assert_eq!(chunk["id"], "chatcmpl-01JOB");
        assert_eq!(chunk["model"], "qwen2.5:14b");
        assert_eq!(chunk["created"], 7);
    }
}

#[test]
fn without_include_usage_no_chunk_has_usage() {
    let events = ending_events(&job(), Shape::Chat, String::new(), false);
    let chunks = parsed(&events);
    assert_eq!(chunks.len(), 1);
    assert!(chunks[0].get("usage").is_none());
}

#[test]
fn a_text_completion_streams_text_chunks() {
    let events = ending_events(&job(), Shape::Text, "tail".into(), false);
    let chunks = parsed(&events);
    assert_eq!(chunks[0]["object"], "text_completion");
    assert_eq!(chunks[0]["id"], "cmpl-01JOB");
    assert_eq!(chunks[0]["choices"][0]["text"], "tail");
    assert_eq!(chunks[1]["choices"][0]["text"], "");
    assert_eq!(chunks[1]["choices"][0]["finish_reason"], "stop");
}
