//! Tests of the `alert` module.

use super::*;

#[test]
fn kinds_and_severities_are_stored_as_snake_case_words() {
    assert_eq!(
        serde_json::to_string(&AlertKind::PinnedModelMissing).unwrap(),
        "\"pinned_model_missing\""
    );
    assert_eq!(
        serde_json::to_string(&Severity::Resolved).unwrap(),
        "\"resolved\""
    );
    let field = AlertField::inline("a", "b");
    assert!(field.inline);
    assert!(!AlertField::new("a", "b").inline);
}
