//! Tests of the `host_card` module.

use super::*;
use proto::v1::NodeState;

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
fn a_disconnected_host_says_its_jobs_are_held_and_shows_its_backend_as_unknown() {
    let node = Node {
        name: "davas".into(),
        state: NodeState::Disconnected as i32,
        state_reason: "agent disconnected since 10:00:00 (3 s): no heartbeat for 3 s; its 1 \
                       running jobs are held until 10:00:30 for it to re-attach"
            .into(),
        last_seen_ms: 36_000_000,
        ollama_reachable: true,
        ..Default::default()
    };
    let text = host_card(&node, 36_003_000).into_string();
    assert!(
        text.contains(r#"data-node="davas" data-state="disconnected""#),
        "{text}"
    );
    assert!(text.contains("are held until 10:00:30"), "{text}");
    assert!(text.contains("unknown (agent down)"), "{text}");
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

#[test]
fn a_down_agent_leaves_its_ollama_unknown_and_says_how_old_its_models_are() {
    let node = Node {
        name: "davas".into(),
        state: NodeState::Down as i32,
        state_reason: "agent down since 10:00:41 (20 s): connection to the agent lost".into(),
        ollama_reachable: false,
        last_seen_ms: 36_041_000,
        installed_as_of_ms: 36_000_000,
        installed: vec![proto::v1::InstalledModel {
            name: "gemma4:27b".into(),
            ..Default::default()
        }],
        labels: vec!["gpu".into()],
        ..Default::default()
    };
    let text = host_card(&node, 36_061_000).into_string();
    assert!(text.contains("<dd>unknown (agent down)</dd>"), "{text}");
    assert!(!text.contains("not answering"), "{text}");
    assert!(
        text.contains("1 model known as of 10:00:00 UTC (61 s ago)"),
        "{text}"
    );
    assert!(text.contains(r#"<ul class="labels" aria-label="Labels"><li>gpu</li></ul>"#));
}

#[test]
fn a_ready_host_with_ollama_answering_says_nothing_about_its_models_age() {
    let node = Node {
        name: "contabo".into(),
        state: NodeState::Ready as i32,
        ollama_reachable: true,
        ollama_version: "0.12.3".into(),
        last_seen_ms: 36_041_000,
        installed_as_of_ms: 36_000_000,
        ..Default::default()
    };
    let text = host_card(&node, 36_041_500).into_string();
    assert!(text.contains("<dd>ollama 0.12.3</dd>"), "{text}");
    assert!(!text.contains("known as of"), "{text}");
}
