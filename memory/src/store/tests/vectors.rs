//! sqlite-vec vectors: cosine order, one space only, widths checked, clear.

use super::temp_db;
use crate::ChunkId;
use crate::embed::EmbeddingSpace;
use crate::store::EmbeddedVectors;
use crate::vectors::{VectorError, VectorPoint, VectorStore};

fn space(model: &str, dimension: u32) -> EmbeddingSpace {
    EmbeddingSpace {
        model: model.to_owned(),
        dimension,
    }
}

fn point(id: u64, vector: &[f32]) -> VectorPoint {
    VectorPoint {
        id: ChunkId(id),
        note: "n.md".to_owned(),
        vector: vector.to_vec(),
    }
}

#[test]
fn nearest_is_by_cosine_and_another_space_is_refused() {
    let (_dir, db) = temp_db();
    let vectors = EmbeddedVectors::new(db);
    let a = space("a", 3);
    assert_eq!(vectors.space().expect("space"), None);
    let points = [
        point(1, &[1.0, 0.0, 0.0]),
        point(2, &[10.0, 10.0, 0.0]),
        point(3, &[0.0, 0.0, 5.0]),
    ];
    vectors.upsert(&a, &points).expect("upsert");
    let hits = vectors.nearest(&a, &[2.0, 0.1, 0.0], 2).expect("nearest");
    let ids: Vec<u64> = hits.iter().map(|(id, _)| id.0).collect();
    assert_eq!(ids, [1, 2]);
    assert!((hits[0].1 - 0.9988).abs() < 0.001, "{hits:?}");
    let refused = vectors.upsert(&space("b", 3), &[point(4, &[1.0, 1.0, 1.0])]);
    assert!(
        matches!(refused, Err(VectorError::OtherSpace { .. })),
        "{refused:?}"
    );
    let wide = vectors.upsert(&a, &[point(5, &[1.0, 1.0])]);
    assert!(
        matches!(
            wide,
            Err(VectorError::Width {
                expected: 3,
                got: 2
            })
        ),
        "{wide:?}"
    );
    assert!(
        vectors
            .nearest(&space("b", 3), &[1.0, 0.0, 0.0], 1)
            .is_err()
    );
    assert_eq!(vectors.count().expect("count"), 3);
    assert_eq!(vectors.space().expect("space"), Some(a.clone()));
    let stored = vectors
        .vectors(&[ChunkId(2), ChunkId(99)])
        .expect("vectors");
    assert_eq!(stored.len(), 1);
    assert!((stored[0].1[0] - std::f32::consts::FRAC_1_SQRT_2).abs() < 1e-6);
    vectors.remove(&[ChunkId(1), ChunkId(42)]).expect("remove");
    assert_eq!(vectors.count().expect("count"), 2);
    vectors.clear().expect("clear");
    assert_eq!(
        (
            vectors.count().expect("count"),
            vectors.space().expect("space")
        ),
        (0, None)
    );
    vectors
        .upsert(&space("b", 2), &[point(7, &[1.0, 2.0])])
        .expect("a new space after clear");
}
