//! What the agent's fuzz properties share: the proptest settings (a bounded number of cases,
//! failures saved under the crate's `proptest-regressions/`), byte streams cut at random places
//! and served as an HTTP body, line endings rewritten, and a reading that must end in time.

use std::future::Future;
use std::time::Duration;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, FileFailurePersistence};

/// `cases` per run unless `PROPTEST_CASES` says otherwise (proptest reads it over this);
/// a failing case is saved beside the crate's sources and replayed first on every run.
pub(crate) fn fuzz_config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel(
            "proptest-regressions",
        ))),
        ..Config::default()
    }
}

/// Up to 24 places to cut a body of any length (each an [`Index`] into it).
pub(crate) fn cuts() -> impl Strategy<Value = Vec<Index>> {
    prop::collection::vec(any::<Index>(), 0..24)
}

/// `bytes` cut at `cuts` (in any order, repeats allowed): the pieces in order, none lost.
pub(crate) fn pieces(bytes: &[u8], cuts: &[Index]) -> Vec<Vec<u8>> {
    let mut at: Vec<usize> = cuts.iter().map(|cut| cut.index(bytes.len() + 1)).collect();
    at.sort_unstable();
    at.dedup();
    let mut pieces = Vec::new();
    let mut start = 0;
    for end in at.into_iter().chain([bytes.len()]) {
        pieces.push(bytes[start..end].to_vec());
        start = end;
    }
    pieces
}

/// An HTTP answer whose body arrives as `pieces`, one network chunk each.
pub(crate) fn response_of(pieces: Vec<Vec<u8>>) -> reqwest::Response {
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = pieces.into_iter().map(Ok).collect();
    let body = reqwest::Body::wrap_stream(futures::stream::iter(chunks));
    tonic::codegen::http::Response::new(body).into()
}

/// How a line ends in a rewritten stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineEnd {
    Lf,
    CrLf,
    Cr,
}

pub(crate) fn line_end() -> impl Strategy<Value = LineEnd> {
    prop_oneof![Just(LineEnd::Lf), Just(LineEnd::CrLf), Just(LineEnd::Cr)]
}

impl LineEnd {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Lf => "\n",
            Self::CrLf => "\r\n",
            Self::Cr => "\r",
        }
    }
}

/// `text` with every line ending (LF, CRLF or CR) replaced by `end` — one stream's whole
/// framing rewritten the way another server might write it.
pub(crate) fn with_line_ends(text: &str, end: LineEnd) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\n', end.as_str())
}

/// Runs a reading on a fresh single-threaded runtime; a reading that has not ended after
/// five seconds of an in-memory body is a hang, and fails the case.
pub(crate) fn ends_in_time<Output>(reading: impl Future<Output = Output>) -> Output {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a current-thread runtime builds in a test");
    runtime.block_on(async {
        match tokio::time::timeout(Duration::from_secs(5), reading).await {
            Ok(output) => output,
            Err(_) => panic!("the reading hung on an in-memory body"),
        }
    })
}

/// Arbitrary bytes, biased towards the characters that frame NDJSON and SSE.
pub(crate) fn garbage() -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![
        4 => any::<u8>(),
        1 => Just(b'\n'),
        1 => Just(b'\r'),
        1 => Just(b':'),
        1 => Just(b'{'),
        1 => Just(b'"'),
    ];
    prop::collection::vec(byte, 0..600)
}

/// Runs a backend's reading with fresh [`Tokens`](crate::backend::Tokens) (dropped when it
/// ends), taking the text it sends as it goes: the text and what the reading returned.
pub(crate) fn text_and_outcome<Reading, Output>(
    run: impl FnOnce(crate::backend::Tokens) -> Reading,
) -> (String, Output)
where
    Reading: Future<Output = Output>,
{
    ends_in_time(async {
        let (tokens, mut updates) = crate::backend::Tokens::for_tests("job-fuzz");
        tokio::join!(crate::backend::sent_text(&mut updates), run(tokens))
    })
}

/// A stream of a vendor's frames gone wrong: its recorded frames in any order and number,
/// some with bytes flipped, inserted or dropped, among data lines of garbage, `event: error`
/// frames and bare bytes.
pub(crate) fn damaged_stream(recorded: Vec<String>) -> impl Strategy<Value = Vec<u8>> {
    let frame = prop_oneof![
        4 => prop::sample::select(recorded.clone()).prop_map(String::into_bytes),
        2 => (prop::sample::select(recorded), prop::collection::vec((any::<Index>(), any::<u8>()), 1..4))
            .prop_map(|(frame, edits)| {
                let mut bytes = frame.into_bytes();
                for (at, byte) in edits {
                    let at = at.index(bytes.len());
                    bytes[at] = byte;
                }
                bytes
            }),
        1 => "[^\r\n]{0,40}".prop_map(|data| format!("data: {data}\n\n").into_bytes()),
        1 => "[^\r\n]{0,40}".prop_map(|data| format!("event: error\ndata: {data}\n\n").into_bytes()),
        1 => garbage(),
    ];
    prop::collection::vec(frame, 0..10).prop_map(|frames| frames.concat())
}
