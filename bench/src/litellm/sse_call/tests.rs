//! Tests of the `sse_call` module.

use super::*;

#[test]
fn content_done_and_empty_chunks_are_told_apart() {
    let content =
        br#"data: {"choices":[{"index":0,"delta":{"role":"assistant","content":"why"}}]}"#;
    assert_eq!(parse_event(content).unwrap(), Event::Content("why".into()));
    let finish = br#"data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#;
    assert_eq!(parse_event(finish).unwrap(), Event::Other);
    assert_eq!(parse_event(b"data: [DONE]").unwrap(), Event::Done);
    assert_eq!(parse_event(b": ping").unwrap(), Event::Other);
}

#[test]
fn an_error_chunk_or_garbage_fails_the_call() {
    let error = br#"data: {"error":{"message":"model not found"}}"#;
    assert!(parse_event(error).is_err());
    assert!(parse_event(b"data: {not json").is_err());
}
