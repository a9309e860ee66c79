//! Fuzzing the SSE parser: events with random names, data lines, comments and fields it
//! ignores, each line ended by LF, CRLF or CR at random, read the same however the bytes are
//! cut and exactly as written; garbage is read the same however it is cut. Seeds: the
//! vendors' recorded framings of `super` (the research's bytes), cut at every place.

use proptest::prelude::*;
use proptest::sample::Index;

use super::super::{SseEvent, SseParser, SseStream};
use crate::test_support::fuzzing::{
    LineEnd, cuts, ends_in_time, fuzz_config, garbage, line_end, pieces, response_of,
};

/// The parser fed `bytes` in pieces cut at `cuts`.
fn parsed(bytes: &[u8], cuts: &[Index]) -> Vec<SseEvent> {
    let mut parser = SseParser::default();
    for piece in pieces(bytes, cuts) {
        parser.feed(&piece);
    }
    parser.finish();
    std::iter::from_fn(|| parser.take_event()).collect()
}

/// The same through [`SseStream`], as an HTTP body arriving in those pieces.
fn streamed(bytes: &[u8], cuts: &[Index]) -> Vec<SseEvent> {
    ends_in_time(async {
        let mut stream = SseStream::new(response_of(pieces(bytes, cuts)));
        let mut events = Vec::new();
        while let Some(event) = stream.next_event().await.unwrap() {
            events.push(event);
        }
        events
    })
}

/// One line of an event block.
#[derive(Debug, Clone)]
enum Line {
    Event(String),
    Data(String),
    /// `data` alone: a data line with an empty value.
    BareData,
    Comment(String),
    /// `id:` and `retry:` and fields nobody knows: read and ignored.
    Ignored(String, String),
}

fn line() -> impl Strategy<Value = Line> {
    // No CR or LF in a value: a line ending ends the line.
    let value = "[^\r\n]{0,24}";
    prop_oneof![
        1 => "[a-z_]{1,16}".prop_map(Line::Event),
        4 => value.prop_map(Line::Data),
        1 => Just(Line::BareData),
        1 => value.prop_map(Line::Comment),
        1 => ("id|retry|[a-z]{1,6}", value)
            .prop_filter("not a known field", |(field, _)| field != "data" && field != "event")
            .prop_map(|(field, value)| Line::Ignored(field, value)),
    ]
}

/// Blocks of lines, each ended by a blank line (the last one's perhaps not), every line
/// ending chosen at random.
#[derive(Debug, Clone)]
struct Written {
    blocks: Vec<Vec<(Line, LineEnd)>>,
    separators: Vec<LineEnd>,
    last_separated: bool,
}

fn written() -> impl Strategy<Value = Written> {
    let block = prop::collection::vec((line(), line_end()), 0..6);
    (
        prop::collection::vec(block, 0..8),
        prop::collection::vec(line_end(), 8),
        any::<bool>(),
    )
        .prop_map(|(blocks, separators, last_separated)| Written {
            blocks,
            separators,
            last_separated,
        })
}

impl Written {
    fn bytes(&self) -> Vec<u8> {
        let mut text = String::new();
        let mut previous = None;
        for (index, block) in self.blocks.iter().enumerate() {
            for (line, end) in block {
                text.push_str(&match line {
                    // A value's leading space is written after the one the parser strips.
                    Line::Event(name) => format!("event: {name}"),
                    Line::Data(value) => format!("data: {value}"),
                    Line::BareData => "data".to_owned(),
                    Line::Comment(comment) => format!(":{comment}"),
                    Line::Ignored(field, value) => format!("{field}: {value}"),
                });
                text.push_str(end.as_str());
                previous = Some(*end);
            }
            if index + 1 < self.blocks.len() || self.last_separated {
                // After a CR, an LF would end the same line, not a blank one.
                let separator = match (previous, self.separators[index]) {
                    (Some(LineEnd::Cr), LineEnd::Lf) => LineEnd::CrLf,
                    (_, separator) => separator,
                };
                text.push_str(separator.as_str());
                previous = Some(separator);
            }
        }
        text.into_bytes()
    }

    fn expected(&self) -> Vec<SseEvent> {
        let mut events = Vec::new();
        for block in &self.blocks {
            let mut name = String::new();
            let mut data = Vec::new();
            for (line, _) in block {
                match line {
                    Line::Event(event) => name.clone_from(event),
                    Line::Data(value) => data.push(value.clone()),
                    Line::BareData => data.push(String::new()),
                    Line::Comment(_) | Line::Ignored(..) => {}
                }
            }
            if !data.is_empty() {
                events.push(SseEvent {
                    event: name,
                    data: data.join("\n"),
                });
            }
        }
        events
    }
}

proptest! {
    #![proptest_config(fuzz_config(4096))]

    #[test]
    fn fuzz_events_in_any_line_endings_read_as_written_however_they_are_cut(
        written in written(),
        cuts in cuts(),
    ) {
        let bytes = written.bytes();
        let whole = parsed(&bytes, &[]);
        prop_assert_eq!(&whole, &written.expected());
        prop_assert_eq!(&parsed(&bytes, &cuts), &whole);
        prop_assert_eq!(&streamed(&bytes, &cuts), &whole);
    }

    #[test]
    fn fuzz_garbage_reads_the_same_however_it_is_cut(bytes in garbage(), cuts in cuts()) {
        let whole = parsed(&bytes, &[]);
        prop_assert_eq!(&parsed(&bytes, &cuts), &whole);
        prop_assert_eq!(&streamed(&bytes, &cuts), &whole);
    }
}

#[test]
fn fuzz_seeds_every_vendors_recorded_framing_reads_the_same_at_every_cut() {
    let seeds: [&[u8]; 4] = [
        super::GEMINI_FRAMES,
        super::ANTHROPIC_EVENTS,
        super::GROQ_DATA_AND_DONE,
        super::LONE_CR_LINES,
    ];
    for seed in seeds {
        let whole = parsed(seed, &[]);
        assert!(!whole.is_empty());
        for at in 0..=seed.len() {
            let (first, second) = seed.split_at(at);
            let mut parser = SseParser::default();
            parser.feed(first);
            parser.feed(second);
            parser.finish();
            let cut: Vec<SseEvent> = std::iter::from_fn(|| parser.take_event()).collect();
            assert_eq!(cut, whole, "cut at {at}");
        }
    }
}
