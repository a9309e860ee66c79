//! Reciprocal-rank fusion against hand-computed scores.
use super::{FusionParams, RetrieverWeights, fuse};
use crate::ChunkId;
use crate::retrieve::Retriever;

fn ids(list: &[u64]) -> Vec<(ChunkId, f64)> {
    list.iter()
        .enumerate()
        .map(|(place, id)| (ChunkId(*id), 10.0 - place as f64))
        .collect()
}

#[test]
fn scores_are_the_weighted_sum_of_one_over_k_plus_rank() {
    let lists = [
        (Retriever::FullText, ids(&[1, 2, 3])),
        (Retriever::Vector, ids(&[3, 1])),
    ];
    let fused = fuse(&lists, &FusionParams::default());
    let score = |id: u64| {
        fused
            .iter()
            .find(|hit| hit.id == ChunkId(id))
            .unwrap()
            .score
    };
    assert!((score(1) - (1.0 / 61.0 + 1.0 / 62.0)).abs() < 1e-12);
    assert!((score(3) - (1.0 / 63.0 + 1.0 / 61.0)).abs() < 1e-12);
    assert!((score(2) - 1.0 / 62.0).abs() < 1e-12);
    let order: Vec<u64> = fused.iter().map(|hit| hit.id.0).collect();
    assert_eq!(order, [1, 3, 2]);
}

#[test]
fn found_by_keeps_each_retrievers_rank_and_raw_score() {
    let lists = [
        (Retriever::FullText, ids(&[1, 2])),
        (Retriever::Graph, vec![(ChunkId(2), 0.5)]),
    ];
    let fused = fuse(&lists, &FusionParams::default());
    let two = fused.iter().find(|hit| hit.id == ChunkId(2)).unwrap();
    assert_eq!(two.found_by.len(), 2);
    assert_eq!(
        (
            two.found_by[0].retriever,
            two.found_by[0].rank,
            two.found_by[0].score
        ),
        (Retriever::FullText, 2, 9.0)
    );
    assert_eq!(
        (
            two.found_by[1].retriever,
            two.found_by[1].rank,
            two.found_by[1].score
        ),
        (Retriever::Graph, 1, 0.5)
    );
}

#[test]
fn agreement_beats_one_first_place_at_k_60_but_not_at_graphitis_k_1() {
    // Chunk 9 is first for full text only; chunk 5 is third in both lists.
    let lists = [
        (Retriever::FullText, ids(&[9, 7, 5])),
        (Retriever::Vector, ids(&[8, 6, 5])),
    ];
    let standard = fuse(&lists, &FusionParams::default());
    assert_eq!(standard[0].id, ChunkId(5));
    let steep = FusionParams {
        k: 1.0,
        ..FusionParams::default()
    };
    let graphiti = fuse(&lists, &steep);
    assert_ne!(graphiti[0].id, ChunkId(5));
    assert!((graphiti[0].score - 0.5).abs() < 1e-12);
}

#[test]
fn weights_scale_a_list_and_zero_silences_it_but_keeps_the_explanation() {
    let weights = RetrieverWeights {
        vector: 0.0,
        full_text: 2.0,
        ..RetrieverWeights::default()
    };
    let params = FusionParams {
        weights,
        ..FusionParams::default()
    };
    let lists = [
        (Retriever::FullText, ids(&[1])),
        (Retriever::Vector, ids(&[2, 1])),
    ];
    let fused = fuse(&lists, &params);
    assert_eq!(fused[0].id, ChunkId(1));
    assert!((fused[0].score - 2.0 / 61.0).abs() < 1e-12);
    assert_eq!(fused[0].found_by.len(), 2);
    assert_eq!(fused[1].score, 0.0);
}

#[test]
fn a_chunk_listed_twice_by_one_retriever_counts_once_at_its_better_place() {
    let lists = [(Retriever::FullText, ids(&[4, 4, 5]))];
    let fused = fuse(&lists, &FusionParams::default());
    assert_eq!(fused.len(), 2);
    assert!((fused[0].score - 1.0 / 61.0).abs() < 1e-12);
    assert_eq!(fused[1].found_by[0].rank, 2);
}
