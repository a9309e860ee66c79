//! Tests of the worker's job ids.

use std::collections::HashSet;

use super::*;

fn is_crockford_lower(id: &str) -> bool {
    id.bytes().all(|byte| CROCKFORD_LOWER.contains(&byte))
}

#[test]
fn an_id_is_ten_lowercase_crockford_characters() {
    let id = new_job_id("why-sky.md", "ba7816bf", 1_764_000_000_000);
    assert_eq!(id.len(), 10, "{id}");
    assert!(is_crockford_lower(&id), "{id}");
}

#[test]
fn the_same_claim_gives_the_same_id() {
    assert_eq!(
        new_job_id("why-sky.md", "ba7816bf", 5),
        new_job_id("why-sky.md", "ba7816bf", 5)
    );
}

#[test]
fn the_id_is_the_hash_of_the_three_parts() {
    // SHA-256 of the length-prefixed name and hash and the time, computed apart: its first
    // 50 bits, five at a time, as characters.
    let mut bytes = Vec::new();
    bytes.extend(2u64.to_be_bytes());
    bytes.extend(b"a1");
    bytes.extend(2u64.to_be_bytes());
    bytes.extend(b"b2");
    bytes.extend(7i64.to_be_bytes());
    let digest = Sha256::digest(&bytes);
    let bits: String = digest[..7]
        .iter()
        .map(|byte| format!("{byte:08b}"))
        .collect();
    let expected: String = bits.as_bytes()[..50]
        .chunks(5)
        .map(|chunk| {
            let value = usize::from_str_radix(std::str::from_utf8(chunk).unwrap(), 2).unwrap();
            char::from(CROCKFORD_LOWER[value])
        })
        .collect();
    assert_eq!(new_job_id("a1", "b2", 7), expected);
}

#[test]
fn every_part_changes_the_id() {
    let ids: HashSet<String> = [
        new_job_id("why-sky.md", "aa", 1),
        new_job_id("why-sea.md", "aa", 1),
        new_job_id("why-sky.md", "ab", 1),
        new_job_id("why-sky.md", "aa", 2),
        // The boundary between the parts matters too.
        new_job_id("why-sky.mda", "a", 1),
    ]
    .into();
    assert_eq!(ids.len(), 5, "{ids:?}");
}

#[test]
fn ids_of_many_claims_are_distinct() {
    let ids: HashSet<String> = (0..10_000)
        .map(|now_ms| new_job_id("why-sky.md", "aa", now_ms))
        .collect();
    assert_eq!(ids.len(), 10_000);
}
