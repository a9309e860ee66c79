//! Tests of the `failure_detection` module.

use proto::v1::NodeAvailability;

use super::*;

fn models(entries: &[(&str, &str, bool)]) -> Vec<ModelAvailability> {
    entries
        .iter()
        .map(|(model, node, available)| ModelAvailability {
            model: (*model).to_owned(),
            available: *available,
            nodes: vec![NodeAvailability {
                node: (*node).to_owned(),
                available: *available,
                ..Default::default()
            }],
            ..Default::default()
        })
        .collect()
}

#[test]
fn trials_start_spread_over_one_report_cycle() {
    let offsets: Vec<Duration> = (1..=4).map(|trial| phase_offset(trial, 4)).collect();
    assert_eq!(
        offsets,
        [0, 250, 500, 750].map(Duration::from_millis).to_vec()
    );
    assert_eq!(phase_offset(1, 1), Duration::ZERO);
}

#[test]
fn an_available_node_for_the_model_is_routable() {
    let listed = models(&[("qwen", "bench", true)]);
    assert!(is_routable(&listed, "bench", "qwen"));
}

#[test]
fn an_unavailable_node_another_node_or_model_or_nothing_is_not() {
    assert!(!is_routable(
        &models(&[("qwen", "bench", false)]),
        "bench",
        "qwen"
    ));
    assert!(!is_routable(
        &models(&[("qwen", "other", true)]),
        "bench",
        "qwen"
    ));
    assert!(!is_routable(
        &models(&[("gemma", "bench", true)]),
        "bench",
        "qwen"
    ));
    assert!(!is_routable(&[], "bench", "qwen"));
}
