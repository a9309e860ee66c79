//! Tests of the `sse_call` module.

use super::*;

#[test]
fn content_done_and_empty_chunks_are_told_apart() {
    let content =
        br#"data: {"choices":[{"index":0,"delta":{"role":"assistant","content":"why"}}]}"#;
    assert_eq!(
        parse_event("LiteLLM", content).unwrap(),
        Event::Content("why".into())
    );
    let finish = br#"data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#;
    assert_eq!(parse_event("LiteLLM", finish).unwrap(), Event::Other);
    assert_eq!(
        parse_event("LiteLLM", b"data: [DONE]").unwrap(),
        Event::Done
    );
    assert_eq!(parse_event("LiteLLM", b": ping").unwrap(), Event::Other);
}

#[test]
fn an_error_chunk_or_garbage_fails_the_call() {
    let error = br#"data: {"error":{"message":"model not found"}}"#;
    assert!(parse_event("LiteLLM", error).is_err());
    assert!(parse_event("LiteLLM", b"data: {not json").is_err());
}

#[test]
fn groq_s_usage_chunks_carry_no_token_and_errors_name_who_sent_them() {
    let opening = br#"data: {"choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}"#;
    assert_eq!(parse_event("Groq", opening).unwrap(), Event::Other);
    let usage_tail = br#"data: {"choices":[],"usage":{"completion_tokens":8}}"#;
    assert_eq!(parse_event("Groq", usage_tail).unwrap(), Event::Other);
    let error = parse_event("the stand-in Groq", b"data: {not json").unwrap_err();
    assert!(
        error.to_string().starts_with("the stand-in Groq sent"),
        "{error}"
    );
}
