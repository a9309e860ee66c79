//! Tests of the `host_card` module.

use super::*;

#[test]
fn a_down_host_is_marked_and_says_why_and_when_it_was_seen() {
    let node = Node {
        name: "davas".into(),
        state: NodeState::Down as i32,
        state_reason: "agent down since 10:00:00 (41 s)".into(),
        last_seen_ms: 36_041_000,
        ..Default::default()
    };
    let text = host_card(&node, 36_082_000).into_string();
    assert!(
        text.contains(r#"data-node="davas" data-state="down""#),
        "{text}"
    );
    assert!(text.contains("agent down since") && text.contains("<dd>10:00:41 UTC</dd>"));
    assert!(text.contains("Drain davas"));
}

#[test]
fn a_host_lost_the_moment_the_view_was_taken_does_not_say_just_now() {
    // A killed agent's link breaks at once: the view that shows it down is taken within a
    // second of its last message, and stays the dashboard's view while it is down.
    let mut node = Node {
        name: "davas".into(),
        state: NodeState::Down as i32,
        last_seen_ms: 36_041_000,
        ..Default::default()
    };
    let text = host_card(&node, 36_041_300).into_string();
    assert!(
        text.contains("<dd>10:00:41 UTC</dd>") && !text.contains("just now"),
        "{text}"
    );
    node.state = NodeState::Ready as i32;
    let text = host_card(&node, 36_041_300).into_string();
    assert!(text.contains("<dd>just now</dd>"), "{text}");
}

#[test]
fn a_never_seen_host_says_so_and_a_draining_one_offers_undrain() {
    let node = Node {
        name: "homelab".into(),
        state: NodeState::Draining as i32,
        draining: true,
        ..Default::default()
    };
    let text = host_card(&node, 1).into_string();
    assert!(
        text.contains("<dd>never</dd>") && !text.contains("Ollama"),
        "{text}"
    );
    assert!(text.contains(r#"name="draining" value="false""#) && text.contains(">Undrain<"));
}
