//! Fuzzing Gemini's stream reading: random text chunks before the recorded final chunk, in any
//! line endings and cut anywhere, give the text written and the final chunk's usage (running
//! totals: the last wins); damaged streams end the same however they are cut, never in a panic
//! or a hang.

use std::sync::LazyLock;
use std::time::Duration;

use proptest::prelude::*;
use proptest::sample::Index;

use super::super::stream_reader::read_stream;
use super::fake_gemini::settings;
use super::recordings::{SINGLE_CHUNK, multi_chunk, text_chunk};
use crate::providers::GeminiClient;
use crate::test_support::fuzzing::{
    LineEnd, cuts, damaged_stream, fuzz_config, line_end, pieces, response_of, text_and_outcome,
    with_line_ends,
};

/// One client for every case: building one loads the TLS roots, most of a case's time. It
/// never connects: the reading is handed its response.
static CLIENT: LazyLock<GeminiClient> = LazyLock::new(|| {
    GeminiClient::new(settings(
        "http://127.0.0.1:9/v1beta",
        Duration::from_secs(5),
    ))
    .expect("the client builds from fixed settings")
});

/// The text sent and the outcome (as its `Debug` text: errors carry no `PartialEq`).
fn read_pieces(pieces: Vec<Vec<u8>>) -> (String, String) {
    let response = response_of(pieces);
    let (text, outcome) =
        text_and_outcome(
            |mut tokens| async move { read_stream(&CLIENT, response, &mut tokens).await },
        );
    (text, format!("{outcome:?}"))
}

fn read_in_pieces(bytes: &[u8], cuts: &[Index]) -> (String, String) {
    read_pieces(pieces(bytes, cuts))
}

proptest! {
    #![proptest_config(fuzz_config(2048))]

    #[test]
    fn fuzz_random_chunks_then_the_final_one_give_their_text_and_its_usage_however_cut(
        // Written into JSON as they are (the recordings' helper), so no quote or backslash.
        texts in prop::collection::vec("[a-zA-Z0-9 ,.!?é]{0,12}", 0..10),
        ends in prop::collection::vec(line_end(), 1..6),
        cuts in cuts(),
    ) {
        let (_, final_outcome) = read_in_pieces(SINGLE_CHUNK.as_bytes(), &[]);
        let bytes: String = texts
            .iter()
            .enumerate()
            .map(|(count, text)| text_chunk(text, count as u64))
            .chain([SINGLE_CHUNK.to_owned()])
            .zip(ends.iter().cycle())
            .map(|(frame, end)| with_line_ends(&frame, *end))
            .collect();
        let (text, outcome) = read_in_pieces(bytes.as_bytes(), &cuts);
        prop_assert_eq!(text, texts.concat() + "Olá!");
        prop_assert_eq!(outcome, final_outcome);
    }

    #[test]
    fn fuzz_a_damaged_stream_ends_the_same_however_it_is_cut(
        bytes in damaged_stream(
            multi_chunk().into_iter().chain([SINGLE_CHUNK.to_owned(), text_chunk("hi", 3)]).collect()
        ),
        cuts in cuts(),
    ) {
        prop_assert_eq!(read_in_pieces(&bytes, &cuts), read_in_pieces(&bytes, &[]));
    }
}

#[test]
fn fuzz_seeds_the_recorded_streams_read_the_same_in_every_line_ending_and_cut() {
    for recorded in [multi_chunk().concat(), SINGLE_CHUNK.to_owned()] {
        let (text, outcome) = read_in_pieces(recorded.as_bytes(), &[]);
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
}
