//! recall@k and nDCG@k against values computed by hand.
use std::collections::{HashMap, HashSet};

use super::{ndcg_at_k, recall_at_k};

#[test]
fn recall_counts_relevant_items_in_the_first_k() {
    let relevant: HashSet<&str> = ["a", "c", "e"].into_iter().collect();
    let ranked = ["a", "b", "c", "d", "e"];
    assert!((recall_at_k(&ranked, &relevant, 1) - 1.0 / 3.0).abs() < 1e-12);
    assert!((recall_at_k(&ranked, &relevant, 3) - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(recall_at_k(&ranked, &relevant, 10), 1.0);
    assert_eq!(recall_at_k(&["a", "a", "a"], &relevant, 3), 1.0 / 3.0);
    assert_eq!(recall_at_k(&ranked, &HashSet::new(), 3), 0.0);
}

#[test]
fn ndcg_matches_the_hand_computed_value() {
    // Grades: a 3, b 2, c 1. Ranked c, x, a, b (k = 3):
    // DCG  = (2^1−1)/log2 2 + 0/log2 3 + (2^3−1)/log2 4 = 1 + 0 + 3.5 = 4.5
    // IDCG = 7/log2 2 + 3/log2 3 + 1/log2 4 = 7 + 1.892789… + 0.5 = 9.392789…
    let grades: HashMap<&str, u32> = [("a", 3), ("b", 2), ("c", 1)].into_iter().collect();
    let ideal = 7.0 + 3.0 / 3_f64.log2() + 0.5;
    let got = ndcg_at_k(&["c", "x", "a", "b"], &grades, 3);
    assert!((got - 4.5 / ideal).abs() < 1e-12, "{got}");
    assert!((got - 0.479_091).abs() < 1e-6, "{got}");
}

#[test]
fn ndcg_is_one_for_the_ideal_order_and_zero_without_relevant_hits() {
    let grades: HashMap<&str, u32> = [("a", 2), ("b", 1)].into_iter().collect();
    assert!((ndcg_at_k(&["a", "b", "z"], &grades, 3) - 1.0).abs() < 1e-12);
    assert_eq!(ndcg_at_k(&["y", "z"], &grades, 2), 0.0);
    assert_eq!(ndcg_at_k(&["a"], &HashMap::new(), 2), 0.0);
}

#[test]
fn ndcg_gains_from_a_repeated_result_once_though_the_repeat_takes_its_place() {
    // b, b, a with k = 2: b gains 1 at place 1, its repeat nothing at place 2, a is past k.
    // DCG = 1; IDCG = 3 + 1/log2 3.
    let grades: HashMap<&str, u32> = [("a", 2), ("b", 1)].into_iter().collect();
    let expected = 1.0 / (3.0 + 1.0 / 3_f64.log2());
    assert!((ndcg_at_k(&["b", "b", "a"], &grades, 2) - expected).abs() < 1e-12);
}
