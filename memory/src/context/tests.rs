//! The memory prompt numbers its passages, names where each is from, and stays bounded.

use proto::v1::MemoryHit;

use super::{MAX_CONTEXT_CHARS, build_prompt, source_line};

fn hit(note: &str, headings: &[&str], lines: (u32, u32), text: &str) -> MemoryHit {
    MemoryHit {
        note: note.into(),
        headings: headings.iter().map(|h| (*h).to_owned()).collect(),
        line_start: lines.0,
        line_end: lines.1,
        text: text.into(),
        ..MemoryHit::default()
    }
}

#[test]
fn passages_are_numbered_with_their_source_before_the_question() {
    let hits = [
        hit(
            "Gov/Tiers.md",
            &["Risk tiers", "Tier 3"],
            (12, 20),
            "Tier 3 needs a human.",
        ),
        hit("Daily/2026-10-14.md", &[], (4, 4), "Decided tiers today."),
    ];
    let (prompt, cited) = build_prompt("  what are the tiers? ", &hits);
    assert_eq!(cited, hits.to_vec());
    assert!(
        prompt.contains(
            "[1] Gov/Tiers.md › Risk tiers › Tier 3, lines 12–20\nTier 3 needs a human.\n\n[2] Daily/2026-10-14.md, line 4\nDecided tiers today.\n\nQuestion: what are the tiers?"
        ),
        "{prompt}"
    );
    assert!(
        prompt.starts_with("Answer the question using the notes"),
        "{prompt}"
    );
}

#[test]
fn passages_past_the_limit_are_left_out_and_not_cited() {
    let long = "x".repeat(MAX_CONTEXT_CHARS / 2);
    let hits = [
        hit("a.md", &[], (1, 2), &long),
        hit("b.md", &[], (1, 2), &long),
        hit("c.md", &[], (1, 2), &long),
    ];
    let (prompt, cited) = build_prompt("q", &hits);
    assert_eq!(cited.len(), 1, "{}", prompt.len());
    assert!(!prompt.contains("[2]"));
}

#[test]
fn no_hits_says_so_in_the_prompt() {
    let (prompt, cited) = build_prompt("q", &[]);
    assert!(cited.is_empty());
    assert!(
        prompt.contains("No note in the operator's vault matched"),
        "{prompt}"
    );
    assert_eq!(source_line(&hit("n.md", &[], (3, 3), "")), "n.md, line 3");
}
