//! An idempotency key and a source pass through validation when sensible, and are refused
//! with what to change otherwise.

use proto::v1::{JobKind, JobSpec};

use super::{MAX_IDEMPOTENCY_KEY_BYTES, MAX_SOURCE_BYTES};
use crate::cluster::job_spec::validate_job_spec;

fn keyed(key: &str, source: &str) -> JobSpec {
    JobSpec {
        kind: JobKind::Generate as i32,
        model: "qwen2.5:14b".into(),
        prompt: "why is the sky blue".into(),
        idempotency_key: key.into(),
        source: source.into(),
        ..Default::default()
    }
}

fn error_of(spec: JobSpec) -> String {
    validate_job_spec(spec, 1024).unwrap_err().0
}

#[test]
fn a_key_and_a_source_at_their_limits_are_kept_as_given() {
    let key = "k".repeat(MAX_IDEMPOTENCY_KEY_BYTES);
    let source = "s".repeat(MAX_SOURCE_BYTES);
    let spec = validate_job_spec(keyed(&key, &source), 1024).unwrap();
    assert_eq!(spec.idempotency_key, key);
    assert_eq!(spec.source, source);
    let vault = validate_job_spec(
        keyed("vault:01KB3ZQ4T8", "vault: Runner/inbox/why-sky.md"),
        1024,
    )
    .unwrap();
    assert_eq!(vault.source, "vault: Runner/inbox/why-sky.md");
}

#[test]
fn a_key_too_long_or_with_control_characters_is_refused() {
    let long = error_of(keyed(&"k".repeat(MAX_IDEMPOTENCY_KEY_BYTES + 1), ""));
    assert!(long.contains("idempotency_key is 201 bytes"), "{long}");
    assert!(long.contains("over the limit of 200"), "{long}");
    let newline = error_of(keyed("vault:a\nb", ""));
    assert!(
        newline.contains("idempotency_key `vault:a\\nb`"),
        "{newline}"
    );
    assert!(newline.contains("control character"), "{newline}");
}

#[test]
fn a_source_too_long_or_with_control_characters_is_refused() {
    let long = error_of(keyed("", &"s".repeat(MAX_SOURCE_BYTES + 1)));
    assert!(long.contains("source is 501 bytes"), "{long}");
    assert!(long.contains("over the limit of 500"), "{long}");
    let escape = error_of(keyed("", "vault: \u{1b}[31mred.md"));
    assert!(escape.contains("control character"), "{escape}");
}
