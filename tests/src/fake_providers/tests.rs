//! The stand-in providers driven over real HTTP with plain reqwest, checking the vendor shapes
//! providers.md records (auth answers, paths, framing bytes, usage placement, errors, headers,
//! paging) and the controls the scenarios rely on.

mod anthropic;
mod anthropic_limits;
mod controls;
mod gemini;
mod gemini_answers;
mod groq;
mod reported_usage;
mod stop_sequences;

use std::time::{Duration, Instant};

/// A client that never goes through a proxy and never waits forever.
fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("building a reqwest client")
}

/// Polls `condition` until it holds, failing the test after five seconds.
async fn eventually(what: &str, condition: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while !condition() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// The `data:` payloads of an SSE body whose events end with `separator`.
fn data_lines(body: &str, separator: &str) -> Vec<String> {
    let events = body.split(separator).filter(|event| !event.is_empty());
    let lines = events.flat_map(|event| event.lines().map(str::to_string).collect::<Vec<_>>());
    let data = lines.filter_map(|line| line.strip_prefix("data: ").map(str::to_string));
    data.collect()
}
