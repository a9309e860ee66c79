//! The live output's two swap targets and the restart note.

use super::*;

#[test]
fn tokens_append_inside_and_a_restart_replaces_the_whole_output() {
    let live = live_output(OutputShape::Block, "").into_string();
    assert_eq!(
        live,
        r#"<div class="live-output" sse-swap="output" hx-swap="innerHTML"><pre class="output" aria-live="polite" sse-swap="token" hx-swap="beforeend"></pre></div>"#
    );
    let job = Job {
        attempt: 2,
        node: "homelab".into(),
        output: "so <far>".into(),
        ..Default::default()
    };
    let restarted = restarted_output(OutputShape::Bubble, &job).into_string();
    assert!(
        restarted.starts_with(
            r#"<p class="restart" role="status">the node was lost; attempt 2 restarts on homelab</p>"#
        ),
        "{restarted}"
    );
    assert!(
        restarted.ends_with(r#"hx-swap="beforeend">so &lt;far&gt;</div>"#),
        "{restarted}"
    );
    assert!(!restarted.contains("live-output"), "the outer target stays");
}

#[test]
fn a_restart_not_yet_placed_says_another_node() {
    let job = Job {
        attempt: 3,
        ..Default::default()
    };
    assert_eq!(
        restart_note(&job),
        "the node was lost; attempt 3 restarts on another node"
    );
}
