//! Fuzzing Groq's stream reading: the recorded stream with random text deltas and odd fields,
//! in any line endings and cut anywhere, gives the text and the usage it was written with;
//! damaged streams end the same however they are cut, never in a panic or a hang.

use std::time::Duration;

use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::json;
use settings::Secret;

use super::super::stream::read;
use super::KEY;
use super::recorded::{A, BANG, DONE, FINISH, FINISH_X_GROQ_ONLY, OL, ROLE, USAGE_TAIL, usage};
use crate::test_support::fuzzing::{
    LineEnd, cuts, damaged_stream, fuzz_config, line_end, pieces, response_of, text_and_outcome,
    with_line_ends,
};

const MODEL: &str = "moonshotai/kimi-k2-instruct-0905";

/// The text sent and the outcome (as its `Debug` text: errors carry no `PartialEq`).
fn read_in_pieces(bytes: &[u8], cuts: &[Index]) -> (String, String) {
    read_pieces(pieces(bytes, cuts))
}

fn read_pieces(pieces: Vec<Vec<u8>>) -> (String, String) {
    let response = response_of(pieces);
    let (text, outcome) = text_and_outcome(|mut tokens| async move {
        read(
            response,
            &mut tokens,
            &Secret::new(KEY),
            Duration::from_secs(5),
        )
        .await
    });
    (text, format!("{outcome:?}"))
}

/// A content chunk as Groq writes one, with this text and a field it might add.
fn content_chunk(text: &str, extra: &str) -> String {
    let chunk = json!({
        "id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": MODEL,
        "choices": [{"index": 0, "delta": {"content": text}, "logprobs": null, "finish_reason": null}],
        "x_extra": extra,
    });
    format!("data: {chunk}\n\n")
}

proptest! {
    #![proptest_config(fuzz_config(2048))]

    #[test]
    fn fuzz_a_stream_of_random_deltas_gives_its_text_and_usage_however_it_is_cut(
        texts in prop::collection::vec((".{0,12}", ".{0,8}"), 0..10),
        ends in prop::collection::vec(line_end(), 10 + 4),
        done in any::<bool>(),
        cuts in cuts(),
    ) {
        let mut frames = vec![ROLE.to_owned()];
        frames.extend(texts.iter().map(|(text, extra)| content_chunk(text, extra)));
        frames.extend([FINISH, USAGE_TAIL].map(str::to_owned));
        if done {
            frames.push(DONE.to_owned());
        }
        let bytes: String = frames
            .iter()
            .zip(ends.iter().cycle())
            .map(|(frame, end)| with_line_ends(frame, *end))
            .collect();
        let (text, outcome) = read_in_pieces(bytes.as_bytes(), &cuts);
        let written: String = texts.iter().map(|(text, _)| text.as_str()).collect();
        prop_assert_eq!(text, written);
        let expected = format!("{:?}", usage(20, 4));
        prop_assert!(outcome.starts_with("Ok(Ok(") && outcome.contains(&expected), "{}", outcome);
    }

    #[test]
    fn fuzz_a_damaged_stream_ends_the_same_however_it_is_cut(
        bytes in damaged_stream([ROLE, OL, A, BANG, FINISH, USAGE_TAIL, FINISH_X_GROQ_ONLY, DONE].map(str::to_owned).to_vec()),
        cuts in cuts(),
    ) {
        prop_assert_eq!(read_in_pieces(&bytes, &cuts), read_in_pieces(&bytes, &[]));
    }
}

#[test]
fn fuzz_seeds_the_recorded_stream_reads_the_same_in_every_line_ending_and_cut() {
    let recorded = [ROLE, OL, A, BANG, FINISH, USAGE_TAIL, DONE].concat();
    let (text, outcome) = read_in_pieces(recorded.as_bytes(), &[]);
    assert_eq!(text, "Olá!");
    for end in [LineEnd::Lf, LineEnd::CrLf, LineEnd::Cr] {
        let bytes = with_line_ends(&recorded, end);
        for at in (0..=bytes.len()).step_by(7) {
            let (first, second) = bytes.as_bytes().split_at(at);
            let cut = read_pieces(vec![first.to_vec(), second.to_vec()]);
            assert_eq!(cut, (text.clone(), outcome.clone()), "{end:?} cut at {at}");
        }
    }
}
