//! The SSE parser against the providers' framings as recorded in the research
//! (`../shared/research/providers.md` §2.2, §3.2, §4.2), fed in every possible split.

mod fuzz;

use super::{SseEvent, SseParser};

/// The framings recorded from each vendor, also the fuzz properties' seeds.
const GEMINI_FRAMES: &[u8] = b"data: {\"a\": 1}\r\n\r\ndata: {\"b\": 2}\r\n\r\n";
const ANTHROPIC_EVENTS: &[u8] = b"event: message_start\ndata: {\"type\":\"message_start\"}   \n\nevent: ping\ndata: {\"type\": \"ping\"}\n\n";
const GROQ_DATA_AND_DONE: &[u8] = b": keep-alive\n\ndata: {\"x\":1}\n\ndata: [DONE]\n\n";
const LONE_CR_LINES: &[u8] = b"event: e\rdata: one\rdata: two\r\r";

fn events(bytes: &[u8], split: usize) -> Vec<SseEvent> {
    let mut parser = SseParser::default();
    let (first, second) = bytes.split_at(split.min(bytes.len()));
    parser.feed(first);
    parser.feed(second);
    parser.finish();
    std::iter::from_fn(|| parser.take_event()).collect()
}

fn data(event: &str, data: &str) -> SseEvent {
    SseEvent {
        event: event.to_owned(),
        data: data.to_owned(),
    }
}

#[test]
fn gemini_frames_end_in_crlf_crlf_and_parse_at_every_split() {
    let bytes = GEMINI_FRAMES;
    for split in 0..=bytes.len() {
        assert_eq!(
            events(bytes, split),
            [data("", "{\"a\": 1}"), data("", "{\"b\": 2}")],
            "split at {split}"
        );
    }
}

#[test]
fn anthropic_events_carry_their_name_and_padded_data() {
    let bytes = ANTHROPIC_EVENTS;
    for split in 0..=bytes.len() {
        assert_eq!(
            events(bytes, split),
            [
                data("message_start", "{\"type\":\"message_start\"}   "),
                data("ping", "{\"type\": \"ping\"}"),
            ]
        );
    }
}

#[test]
fn groq_data_lines_end_with_done_and_comments_are_skipped() {
    let bytes = GROQ_DATA_AND_DONE;
    assert_eq!(
        events(bytes, 5),
        [data("", "{\"x\":1}"), data("", "[DONE]")]
    );
}

#[test]
fn lone_cr_line_endings_and_multi_line_data_are_read() {
    let bytes = LONE_CR_LINES;
    assert_eq!(events(bytes, 3), [data("e", "one\ntwo")]);
}

#[test]
fn an_event_without_its_blank_line_is_dispatched_when_the_body_ends() {
    assert_eq!(events(b"data: last", 4), [data("", "last")]);
    assert!(events(b"event: only-a-name\n\n", 0).is_empty());
}
