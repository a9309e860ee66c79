//! Tests of the `job_series` module.

use super::find_or_add;

#[test]
fn a_key_is_added_once_and_found_after() {
    let mut list: Vec<(String, u32)> = Vec::new();
    *find_or_add(&mut list, "davas", || 1) += 10;
    *find_or_add(&mut list, "homelab", || 2) += 10;
    *find_or_add(&mut list, "davas", || 100) += 1;
    assert_eq!(list, [("davas".to_owned(), 12), ("homelab".to_owned(), 12)]);
}
