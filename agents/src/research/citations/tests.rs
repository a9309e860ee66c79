//! Tests: Reading `[n]` citations and turning them into notes.

use super::*;

fn passages() -> Vec<MemoryHit> {
    [
        "Homelab/Backups.md",
        "Homelab/Restic.md",
        "Homelab/Backups.md",
    ]
    .into_iter()
    .map(|note| MemoryHit {
        note: note.to_owned(),
        ..MemoryHit::default()
    })
    .collect()
}

#[test]
fn cited_passages_name_their_notes_once_in_citation_order() {
    let answer = "Prune runs weekly [2]. Snapshots are kept [1][3].";
    assert_eq!(
        cited_notes(answer, &passages()),
        ["Homelab/Restic.md", "Homelab/Backups.md"]
    );
}

#[test]
fn lists_inside_one_bracket_are_read() {
    assert_eq!(
        cited_notes("see [3, 2]", &passages()),
        ["Homelab/Backups.md", "Homelab/Restic.md"]
    );
}

#[test]
fn numbers_past_the_passages_and_links_are_not_citations() {
    let answer = "see [9] and [[Homelab/Restic]] and [x]";
    // Nothing valid is cited: every passage given counts.
    assert_eq!(
        cited_notes(answer, &passages()),
        ["Homelab/Backups.md", "Homelab/Restic.md"]
    );
}

#[test]
fn no_passages_no_citations() {
    assert!(cited_notes("anything [1]", &[]).is_empty());
}

#[test]
fn a_bracket_inside_text_does_not_hide_the_next_citation() {
    assert_eq!(cited_numbers("a [b [2] c"), [2]);
    assert_eq!(cited_numbers("[0] [1]"), [0, 1]);
}
