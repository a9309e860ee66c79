//! Tests of the `memory` module.

use super::*;

#[test]
fn a_watch_goes_fine_suspect_alerted_and_back() {
    let mut watch = Watch::Fine;
    watch.suspect(10);
    watch.suspect(20);
    assert_eq!(
        watch,
        Watch::Suspect { since_ms: 10 },
        "the clock is not restarted"
    );
    assert_eq!(watch.recover(), None, "a flap is no recovery");
    watch = Watch::Alerted { since_ms: 10 };
    watch.suspect(30);
    watch.forget_suspicion();
    assert_eq!(watch, Watch::Alerted { since_ms: 10 }, "an alert stands");
    assert_eq!(watch.recover(), Some(10));
    assert_eq!(watch, Watch::Fine);
}

#[test]
fn memory_round_trips_through_json_and_bad_json_starts_afresh() {
    let mut memory = AlerterMemory::default();
    memory.nodes.insert(
        "davas".into(),
        NodeMemory {
            ever_up: true,
            agent: Watch::Alerted { since_ms: 5 },
            ..Default::default()
        },
    );
    let text = memory.to_json();
    assert!(text.contains("\"phase\":\"alerted\""), "{text}");
    assert_eq!(AlerterMemory::from_saved(Some(&text)), memory);
    assert_eq!(
        AlerterMemory::from_saved(Some("{")),
        AlerterMemory::default()
    );
    assert_eq!(AlerterMemory::from_saved(None), AlerterMemory::default());
}
