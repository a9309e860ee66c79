//! The recency factor against hand-computed values.
use super::{DAY_MS, RecencyParams, recency_factor};

const NOW: i64 = 1_800_000_000_000;

#[test]
fn defaults_halve_the_decaying_part_each_year_down_to_the_floor() {
    let params = RecencyParams::default();
    let year = 365 * DAY_MS;
    assert_eq!(recency_factor(NOW, NOW, &params), 1.0);
    assert!((recency_factor(NOW - year, NOW, &params) - 0.9).abs() < 1e-12);
    assert!((recency_factor(NOW - 2 * year, NOW, &params) - 0.85).abs() < 1e-12);
    let ancient = recency_factor(NOW - 100 * year, NOW, &params);
    assert!((0.8..0.8001).contains(&ancient));
}

#[test]
fn a_note_from_the_future_is_not_boosted() {
    assert_eq!(
        recency_factor(NOW + DAY_MS, NOW, &RecencyParams::default()),
        1.0
    );
}

#[test]
fn weight_scales_the_decay_and_zero_disables_it() {
    let year = 365 * DAY_MS;
    let half = RecencyParams {
        weight: 0.5,
        ..RecencyParams::default()
    };
    assert!((recency_factor(NOW - year, NOW, &half) - 0.95).abs() < 1e-12);
    let off = RecencyParams {
        weight: 0.0,
        ..RecencyParams::default()
    };
    assert_eq!(recency_factor(0, NOW, &off), 1.0);
}

#[test]
fn a_shorter_half_life_and_lower_floor_decay_faster() {
    let steep = RecencyParams {
        half_life_ms: 30 * DAY_MS,
        floor: 0.0,
        weight: 1.0,
    };
    assert!((recency_factor(NOW - 60 * DAY_MS, NOW, &steep) - 0.25).abs() < 1e-12);
}
