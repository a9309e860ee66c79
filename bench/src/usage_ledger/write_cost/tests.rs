//! The write cost writes each case into its own store, caps the commits per case, and leaves
//! no store behind.

use super::measure_write_cost;

#[test]
fn each_batch_size_is_written_both_ways_within_the_transaction_cap() {
    let root = tempfile::tempdir().unwrap();
    let figures =
        measure_write_cost(("disk", root.path()), 100, &[1, 8], 20, 1_790_000_000_000).unwrap();
    let cases: Vec<_> = figures
        .iter()
        .map(|case| (case.batch, case.records))
        .collect();
    assert_eq!(cases, vec![(1, 20), (8, 100)]);
    for case in &figures {
        assert!(case.ended_per_second() > 0.0 && case.running_per_second() > 0.0);
    }
    assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 0);
}
