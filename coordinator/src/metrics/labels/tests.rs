//! Tests of the `labels` module.

use super::*;

fn derived(name: &str, prefix: &str) -> String {
    name.trim_start_matches(prefix).to_ascii_lowercase()
}

#[test]
fn every_label_is_the_enum_name_without_prefix_in_lower_case() {
    for value in -1..12 {
        let outcome = JobState::try_from(value)
            .map(|state| derived(state.as_str_name(), "JOB_STATE_"))
            .unwrap_or_else(|_| "unknown".to_owned());
        assert_eq!(outcome_label(value), outcome);
        let reason = IneligibilityCode::try_from(value)
            .map(|code| derived(code.as_str_name(), "INELIGIBILITY_CODE_"))
            .unwrap_or_else(|_| "unknown".to_owned());
        assert_eq!(reason_label(value), reason);
    }
}
