//! Tests of result notes: the outcome words here, names and text in `tests/render.rs`.

use super::*;

mod agent_sections;
mod render;

#[test]
fn only_success_files_the_job_note_in_done() {
    let all = [
        Outcome::Succeeded,
        Outcome::Failed,
        Outcome::Rejected,
        Outcome::Invalid,
        Outcome::Cancelled,
        Outcome::Unavailable,
    ];
    let succeeded: Vec<Outcome> = all
        .into_iter()
        .filter(|outcome| outcome.succeeded())
        .collect();
    assert_eq!(succeeded, [Outcome::Succeeded]);
    let mut words: Vec<&str> = all.iter().map(|outcome| outcome.word()).collect();
    words.sort_unstable();
    words.dedup();
    assert_eq!(words.len(), all.len(), "every outcome has its own word");
}
