//! Fuzzing Anthropic's stream reading: the recorded stream with random text deltas, in any
//! line endings and cut anywhere, gives the text written and the recorded stream's own usage
//! and ending; damaged streams end the same however they are cut, never in a panic or a hang.

use std::time::Duration;

use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::json;
use settings::Secret;

use super::super::stream::read;
use super::KEY;
use super::recorded::{
    BLOCK_START, BLOCK_STOP, DELTA_38, OVERLOADED, PING, START, STOP, TEXT, delta,
};
use crate::test_support::fuzzing::{
    LineEnd, cuts, damaged_stream, fuzz_config, line_end, pieces, response_of, text_and_outcome,
    with_line_ends,
};

/// The text sent and the outcome (as its `Debug` text: errors carry no `PartialEq`).
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

fn read_in_pieces(bytes: &[u8], cuts: &[Index]) -> (String, String) {
    read_pieces(pieces(bytes, cuts))
}

/// A `content_block_delta` as Anthropic writes one, with this text.
fn text_delta(text: &str) -> String {
    let data = json!({"type": "content_block_delta", "index": 0,
        "delta": {"type": "text_delta", "text": text}});
    format!("event: content_block_delta\ndata: {data}\n\n")
}

/// The recorded stream, its text delta replaced by `texts`, its frames' lines ended by `ends`.
fn stream_with(texts: &[String], ends: &[LineEnd]) -> String {
    let mut frames = vec![START.to_owned(), BLOCK_START.to_owned(), PING.to_owned()];
    frames.extend(texts.iter().map(|text| text_delta(text)));
    frames.extend([BLOCK_STOP, DELTA_38, STOP].map(str::to_owned));
    frames
        .iter()
        .zip(ends.iter().cycle())
        .map(|(frame, end)| with_line_ends(frame, *end))
        .collect()
}

proptest! {
    #![proptest_config(fuzz_config(2048))]

    #[test]
    fn fuzz_a_stream_of_random_deltas_gives_its_text_and_the_recorded_usage_however_it_is_cut(
        texts in prop::collection::vec(".{0,12}", 0..10),
        ends in prop::collection::vec(line_end(), 1..6),
        cuts in cuts(),
    ) {
        let recorded = read_in_pieces(stream_with(&["Olá! (".to_owned()], &[LineEnd::Lf]).as_bytes(), &[]);
        let (text, outcome) = read_in_pieces(stream_with(&texts, &ends).as_bytes(), &cuts);
        prop_assert_eq!(text, texts.concat());
        prop_assert_eq!(outcome, recorded.1);
    }

    #[test]
    fn fuzz_a_damaged_stream_ends_the_same_however_it_is_cut(
        bytes in damaged_stream(vec![
            START.to_owned(), BLOCK_START.to_owned(), PING.to_owned(), TEXT.to_owned(),
            BLOCK_STOP.to_owned(), DELTA_38.to_owned(), STOP.to_owned(), OVERLOADED.to_owned(),
            delta(7, "\"max_tokens\""), delta(u64::MAX, "null"),
        ]),
        cuts in cuts(),
    ) {
        prop_assert_eq!(read_in_pieces(&bytes, &cuts), read_in_pieces(&bytes, &[]));
    }
}

#[test]
fn fuzz_seeds_the_recorded_stream_reads_the_same_in_every_line_ending_and_cut() {
    let recorded = [START, BLOCK_START, PING, TEXT, BLOCK_STOP, DELTA_38, STOP].concat();
    let (text, outcome) = read_in_pieces(recorded.as_bytes(), &[]);
    assert_eq!(text, "Olá! (");
    assert!(outcome.starts_with("Ok(Ok("), "{outcome}");
    for end in [LineEnd::Lf, LineEnd::CrLf, LineEnd::Cr] {
        let bytes = with_line_ends(&recorded, end);
        for at in (0..=bytes.len()).step_by(7) {
            let (first, second) = bytes.as_bytes().split_at(at);
            let cut = read_pieces(vec![first.to_vec(), second.to_vec()]);
            assert_eq!(cut, (text.clone(), outcome.clone()), "{end:?} cut at {at}");
        }
    }
}
