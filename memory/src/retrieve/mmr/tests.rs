//! Greedy MMR against hand-computed picks.
use super::{MmrCandidate, MmrParams, cosine, select_mmr};

fn candidate<'a>(
    relevance: f64,
    vector: Option<&'a [f32]>,
    note: &'a str,
    line: u32,
) -> MmrCandidate<'a> {
    MmrCandidate {
        relevance,
        vector,
        note,
        line_start: line,
        line_end: line + 1,
    }
}

const EAST: [f32; 2] = [1.0, 0.0];
const NORTH: [f32; 2] = [0.0, 1.0];
const BETWEEN: [f32; 2] = [0.6, 0.8];

#[test]
fn a_near_duplicate_of_the_first_pick_gives_way_to_a_different_passage() {
    let candidates = [
        candidate(1.0, Some(&EAST), "a.md", 1),
        candidate(0.9, Some(&EAST), "b.md", 1),
        candidate(0.5, Some(&NORTH), "c.md", 1),
        candidate(0.0, Some(&BETWEEN), "d.md", 1),
    ];
    // After a: b = 0.7·0.9 − 0.3·1 = 0.33, c = 0.7·0.5 = 0.35, d = −0.3·0.6 = −0.18: c.
    // Then b = 0.33, d = −0.3·0.8 = −0.24: b, then d.
    assert_eq!(
        select_mmr(&candidates, 4, &MmrParams::default()),
        [0, 2, 1, 3]
    );
    let relevance_only = MmrParams { lambda: 1.0 };
    assert_eq!(select_mmr(&candidates, 4, &relevance_only), [0, 1, 2, 3]);
    assert_eq!(select_mmr(&candidates, 2, &MmrParams::default()), [0, 2]);
}

#[test]
fn only_the_chunks_already_taken_penalise_not_every_other_candidate() {
    let far: [f32; 3] = [1.0, 0.0, 0.0];
    let twin: [f32; 3] = [0.0, 1.0, 0.0];
    let leaning: [f32; 3] = [0.6, 0.0, 0.8];
    let candidates = [
        candidate(1.0, Some(&far), "a.md", 1),
        candidate(0.5, Some(&twin), "c.md", 1),
        candidate(0.45, Some(&twin), "e.md", 1),
        candidate(0.55, Some(&leaning), "f.md", 1),
        candidate(0.0, None, "z.md", 1),
    ];
    // c is far from a (0.35 − 0) and beats f (0.385 − 0.3·0.6 = 0.205). graphiti's one-shot
    // MMR would charge c for its twin e (0.35 − 0.3) and pick f instead.
    assert_eq!(select_mmr(&candidates, 2, &MmrParams::default()), [0, 1]);
}

#[test]
fn a_chunk_without_a_vector_is_not_penalised() {
    let candidates = [
        candidate(1.0, Some(&EAST), "a.md", 1),
        candidate(0.8, Some(&EAST), "b.md", 1),
        candidate(0.7, None, "c.md", 1),
        candidate(0.0, None, "d.md", 1),
    ];
    // b = 0.56 − 0.3 = 0.26; c = 0.49 with no penalty.
    assert_eq!(select_mmr(&candidates, 2, &MmrParams::default())[1], 2);
}

#[test]
fn overlapping_passages_of_one_note_are_never_both_taken() {
    let candidates = [
        MmrCandidate {
            relevance: 1.0,
            vector: None,
            note: "a.md",
            line_start: 1,
            line_end: 10,
        },
        MmrCandidate {
            relevance: 0.9,
            vector: None,
            note: "a.md",
            line_start: 5,
            line_end: 6,
        },
        MmrCandidate {
            relevance: 0.8,
            vector: None,
            note: "b.md",
            line_start: 5,
            line_end: 6,
        },
        MmrCandidate {
            relevance: 0.7,
            vector: None,
            note: "a.md",
            line_start: 11,
            line_end: 12,
        },
    ];
    let relevance_only = MmrParams { lambda: 1.0 };
    assert_eq!(select_mmr(&candidates, 4, &relevance_only), [0, 2, 3]);
}

#[test]
fn equal_relevance_keeps_the_given_order_and_empty_input_gives_nothing() {
    let candidates = [
        candidate(0.3, None, "a.md", 1),
        candidate(0.3, None, "b.md", 1),
    ];
    assert_eq!(select_mmr(&candidates, 5, &MmrParams::default()), [0, 1]);
    assert!(select_mmr(&[], 5, &MmrParams::default()).is_empty());
}

#[test]
fn cosine_of_known_vectors() {
    assert!((cosine(&EAST, &BETWEEN) - 0.6).abs() < 1e-6);
    assert!((cosine(&[2.0, 0.0], &EAST) - 1.0).abs() < 1e-12);
    assert_eq!(cosine(&[0.0, 0.0], &EAST), 0.0);
    assert_eq!(cosine(&[1.0], &EAST), 0.0);
}
