//! Retrieval quality against labelled queries: recall@k (how much of what is relevant the first
//! k results hold) and nDCG@k with graded relevance (gain `2^rel − 1`, discount `log2(rank + 1)`,
//! divided by the best possible ordering's). A result listed twice gains only at its first
//! place; the repeat still takes up its place. Both are 0 when nothing is relevant: leave such queries out of a labelled set.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// The share of `relevant` among the first `k` of `ranked`.
pub fn recall_at_k<T: Eq + Hash>(ranked: &[T], relevant: &HashSet<T>, k: usize) -> f64 {
    if relevant.is_empty() {
        return 0.0;
    }
    let mut found: HashSet<&T> = HashSet::new();
    for item in ranked.iter().take(k) {
        if relevant.contains(item) {
            found.insert(item);
        }
    }
    found.len() as f64 / relevant.len() as f64
}

/// Normalised discounted cumulative gain of the first `k` of `ranked`, where `grades` holds each
/// relevant item's grade (0 or missing: not relevant).
pub fn ndcg_at_k<T: Eq + Hash>(ranked: &[T], grades: &HashMap<T, u32>, k: usize) -> f64 {
    let mut seen: HashSet<&T> = HashSet::new();
    let gains: Vec<u32> = ranked
        .iter()
        .take(k)
        .map(|item| {
            let first = seen.insert(item);
            if first {
                grades.get(item).copied().unwrap_or(0)
            } else {
                0
            }
        })
        .collect();
    let mut ideal: Vec<u32> = grades
        .values()
        .copied()
        .filter(|grade| *grade > 0)
        .collect();
    ideal.sort_unstable_by(|left, right| right.cmp(left));
    ideal.truncate(k);
    let best = discounted_gain(&ideal);
    if best == 0.0 {
        return 0.0;
    }
    discounted_gain(&gains) / best
}

fn discounted_gain(grades: &[u32]) -> f64 {
    grades
        .iter()
        .enumerate()
        .map(|(place, grade)| {
            let gain = 2_f64.powi(i32::try_from(*grade).unwrap_or(i32::MAX)) - 1.0;
            gain / ((place + 2) as f64).log2()
        })
        .sum()
}

#[cfg(test)]
mod tests;
