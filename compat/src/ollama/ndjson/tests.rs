//! A line is one JSON object and a newline, whatever the text holds.

use serde_json::json;

use super::*;

#[test]
fn a_line_is_one_object_and_a_newline() {
    let text = "two\nlines and a \"quote\"";
    let bytes = line(&chunk(Flavour::Generate, "m", "T", text));
    assert_eq!(bytes.iter().filter(|byte| **byte == b'\n').count(), 1);
    assert!(bytes.ends_with(b"\n"));
    let back: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(back, json!({"model": "m", "created_at": "T", "response": text, "done": false}));
}
