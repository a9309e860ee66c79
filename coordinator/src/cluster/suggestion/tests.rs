//! Tests of `suggestion`: which known name a mistyped model or node name gets, and when none.

use super::{closest_name, did_you_mean, edit_distance};

const MODELS: [&str; 4] = [
    "gemma4:27b",
    "nomic-embed-text:latest",
    "qwen2.5:14b",
    "qwen2.5:7b",
];

#[test]
fn the_same_model_under_another_tag_is_suggested() {
    assert_eq!(closest_name("gemma4:latest", MODELS), Some("gemma4:27b"));
    assert_eq!(closest_name("GEMMA4:latest", MODELS), Some("gemma4:27b"));
}

#[test]
fn a_different_case_is_suggested_before_anything_else() {
    assert_eq!(closest_name("Qwen2.5:7B", MODELS), Some("qwen2.5:7b"));
    assert_eq!(closest_name("Davas", ["contabo", "davas"]), Some("davas"));
}

#[test]
fn a_small_typo_gets_the_nearest_name() {
    assert_eq!(closest_name("qwen2.5:7bb", MODELS), Some("qwen2.5:7b"));
    assert_eq!(closest_name("qwen2.5:14", MODELS), Some("qwen2.5:14b"));
    assert_eq!(
        closest_name("davs", ["contabo", "homelab", "davas"]),
        Some("davas")
    );
}

#[test]
fn nothing_close_gets_no_suggestion() {
    assert_eq!(closest_name("llama3:latest", MODELS), None);
    assert_eq!(closest_name("elsewhere", ["contabo", "davas"]), None);
    assert_eq!(closest_name("davas", ["davas"]), None);
    assert_eq!(did_you_mean("x:1b", MODELS), "");
    assert_eq!(
        did_you_mean("gemma4:latest", MODELS),
        "; did you mean gemma4:27b?"
    );
}

#[test]
fn edit_distance_counts_single_character_edits() {
    assert_eq!(edit_distance("davs", "davas"), 1);
    assert_eq!(edit_distance("kitten", "sitting"), 3);
    assert_eq!(edit_distance("", "abc"), 3);
}
