//! Tests of the `memory_turn` module.

use super::*;

fn citation(note: &str, headings: &[&str], start: u32, end: u32) -> Citation {
    Citation {
        note: note.into(),
        headings: headings.iter().map(|h| (*h).to_owned()).collect(),
        line_start: start,
        line_end: end,
    }
}

#[test]
fn citations_are_numbered_in_prompt_order_with_headings_and_lines() {
    let memory = AnswerMemory {
        asked: true,
        citations: vec![
            citation("Projects/AI governance.md", &["Risk", "Tiers"], 12, 18),
            citation("Risk.md", &[], 3, 3),
        ],
        warnings: vec!["vectors not used: the embed job was rejected".into()],
    };
    let html = memory_turn("J1", &memory).into_string();
    assert!(
        html.contains(r#"<li class="turn memory" aria-labelledby="memory-J1"><div class="bubble"><h3 id="memory-J1">From memory</h3>"#),
        "{html}"
    );
    assert!(html.contains(
        r#"<ol class="citations"><li><span class="note">Projects/AI governance.md</span> › Risk › Tiers · lines 12–18</li><li><span class="note">Risk.md</span> · line 3</li></ol>"#
    ), "{html}");
    assert!(html.contains(
        r#"<p class="warning" role="status">vectors not used: the embed job was rejected</p>"#
    ));
}

#[test]
fn memory_that_could_not_be_used_says_so_and_the_switch_off_shows_nothing() {
    let unavailable =
        AnswerMemory::unavailable("answered without memory: memory is not configured");
    let html = memory_turn("J2", &unavailable).into_string();
    assert!(html.contains(
        r#"<p class="warning" role="status">answered without memory: memory is not configured</p>"#
    ), "{html}");
    assert!(!html.contains("citations"));
    assert!(html.contains(r#"<h3 id="memory-J2">Memory</h3>"#), "{html}");
    let nothing_found = AnswerMemory {
        asked: true,
        ..Default::default()
    };
    assert!(
        memory_turn("J3", &nothing_found)
            .into_string()
            .contains("No notes matched")
    );
    assert_eq!(
        memory_turn("J4", &AnswerMemory::default()).into_string(),
        ""
    );
}
