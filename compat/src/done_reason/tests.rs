//! The job's own `done_reason` first, then Ollama's statistics, then `stop`.

use proto::v1::{JobTimings, OllamaStats};

use super::*;

#[test]
fn the_nodes_reason_wins_and_stop_is_the_default() {
    let mut job = Job::default();
    assert_eq!(done_reason(&job), "stop");
    job.timings = Some(JobTimings {
        ollama: Some(OllamaStats {
            done_reason: "length".into(),
            ..Default::default()
        }),
        ..Default::default()
    });
    assert_eq!(done_reason(&job), "length");
    job.done_reason = "SAFETY".into();
    assert_eq!(done_reason(&job), "SAFETY");
}
