//! Tests of where a stop sequence cuts the stand-in's answer.

use serde_json::json;

use super::{StopCut, stop_cut, stop_sequences};

const PROMPT: &str = "Why is the sky blue?";

#[test]
fn a_stop_sequence_at_a_token_boundary_ends_before_that_token() {
    // The answer is "why is the sky blue why ...".
    let cut = stop_cut(PROMPT, 8, &[" sky".to_owned()]).unwrap();
    assert_eq!(
        cut,
        StopCut {
            streamed_tokens: 3,
            partial_last_token: None,
            evaluated_tokens: 4,
            sequence: " sky".to_owned(),
        }
    );
}

#[test]
fn a_stop_sequence_inside_a_token_keeps_the_part_before_it() {
    let cut = stop_cut(PROMPT, 8, &["ky b".to_owned(), "blue".to_owned()]).unwrap();
    assert_eq!(cut.streamed_tokens, 4);
    assert_eq!(cut.partial_last_token.as_deref(), Some(" s"));
    assert_eq!(
        cut.evaluated_tokens, 5,
        "the sequence ends inside \" blue\""
    );
}

#[test]
fn the_earliest_sequence_wins_and_an_absent_one_cuts_nothing() {
    let cut = stop_cut(PROMPT, 8, &["blue".to_owned(), "is".to_owned()]).unwrap();
    assert_eq!(cut.streamed_tokens, 2);
    assert_eq!(cut.partial_last_token.as_deref(), Some(" "));
    assert_eq!(cut.sequence, "is");
    assert_eq!(stop_cut(PROMPT, 8, &["green".to_owned()]), None);
    assert_eq!(
        stop_cut(PROMPT, 2, &["sky".to_owned()]),
        None,
        "past the answer's end"
    );
}

#[test]
fn stop_is_read_as_a_list_or_a_lone_string() {
    assert_eq!(
        stop_sequences(Some(&json!({"stop": ["a", "", "b"]}))),
        ["a", "b"]
    );
    assert_eq!(stop_sequences(Some(&json!({"stop": "END"}))), ["END"]);
    assert!(stop_sequences(Some(&json!({"top_p": 0.9}))).is_empty());
    assert!(stop_sequences(None).is_empty());
}
