//! The index keeps the newest `CAPACITY` keys, each with its first job.

use super::{CAPACITY, IdempotencyKeys};

#[test]
fn a_key_keeps_its_first_job() {
    let mut keys = IdempotencyKeys::default();
    keys.remember("vault:a".into(), "J1".into());
    keys.remember("vault:a".into(), "J2".into());
    assert_eq!(keys.job_id("vault:a"), Some("J1"));
    assert_eq!(keys.job_id("vault:b"), None);
    assert_eq!(keys.len(), 1);
}

#[test]
fn the_oldest_keys_are_forgotten_past_the_capacity() {
    let mut keys = IdempotencyKeys::default();
    for index in 0..=CAPACITY {
        keys.remember(format!("key-{index}"), format!("J{index}"));
    }
    assert_eq!(keys.len(), CAPACITY);
    assert_eq!(keys.job_id("key-0"), None, "the oldest key is forgotten");
    assert_eq!(keys.job_id("key-1"), Some("J1"));
    let newest = format!("key-{CAPACITY}");
    assert_eq!(keys.job_id(&newest), Some(format!("J{CAPACITY}").as_str()));
}
