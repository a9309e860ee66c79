//! Tests of the `done_reason` module.

use super::{cut_short_warning, done_reason};

#[test]
fn every_vendor_finish_and_stop_sequence_reads_as_stop() {
    for reason in ["stop", "STOP", "end_turn", "stop_sequence"] {
        assert_eq!(done_reason(reason), "stop", "{reason}");
        assert_eq!(cut_short_warning("groq", reason), None);
    }
}

#[test]
fn every_vendor_token_limit_reads_as_length_and_is_warned_of() {
    for (vendor, reason) in [
        ("groq", "length"),
        ("gemini", "MAX_TOKENS"),
        ("anthropic", "max_tokens"),
    ] {
        assert_eq!(done_reason(reason), "length", "{reason}");
        let warning = cut_short_warning(vendor, reason).unwrap();
        assert!(
            warning.starts_with(&format!(
                "{vendor} stopped the answer at the token limit ({reason})"
            )),
            "{warning}"
        );
    }
}

#[test]
fn other_reasons_pass_through_verbatim() {
    for reason in ["SAFETY", "tool_use", "content_filter", ""] {
        assert_eq!(done_reason(reason), reason);
        assert_eq!(cut_short_warning("gemini", reason), None);
    }
}
