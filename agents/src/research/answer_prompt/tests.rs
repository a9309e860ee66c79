//! Tests: The answer's prompt: numbered passages with note and heading, then the question.

use super::*;

fn hit(note: &str, headings: &[&str], text: &str) -> MemoryHit {
    MemoryHit {
        note: note.into(),
        headings: headings.iter().map(|h| (*h).to_owned()).collect(),
        text: text.into(),
        ..MemoryHit::default()
    }
}

#[test]
fn passages_are_numbered_with_their_note_and_heading_and_the_question_comes_last() {
    let passages = [
        hit(
            "Homelab/Restic.md",
            &["Restic", "Prune"],
            "Prune runs weekly.",
        ),
        hit("Homelab/Backups.md", &[], "Backups go to B2."),
    ];
    let messages = answer_messages("How often?", &["When does prune run?".into()], &passages);
    assert!(messages[0].content.contains("[n]"));
    let prompt = &messages[1].content;
    assert!(
        prompt.contains("[1] Homelab/Restic.md › Restic › Prune\nPrune runs weekly."),
        "{prompt}"
    );
    assert!(
        prompt.contains("[2] Homelab/Backups.md\nBackups go to B2."),
        "{prompt}"
    );
    assert!(prompt.contains("- When does prune run?"));
    assert!(prompt.ends_with("Question: How often?"));
}

#[test]
fn without_passages_the_model_is_told_none_were_found() {
    let messages = answer_messages("How often?", &["How often?".into()], &[]);
    assert!(messages[0].content.contains("No notes were found"));
    assert!(messages[1].content.contains("(none found)"));
}

#[test]
fn a_long_passage_is_cut() {
    let long = "word ".repeat(2000);
    let messages = answer_messages("q", &[], &[hit("a.md", &[], &long)]);
    assert!(messages[1].content.len() < MAX_PASSAGE_BYTES + 200);
}
