//! The `VectorStore` contract: the first upsert fixes the space and another model or width is
//! refused, nearest is by cosine (order and scores), an id is replaced, removed, read back and
//! counted, and `clear` forgets vectors and space alike.

use crate::ChunkId;
use crate::embed::EmbeddingSpace;
use crate::vectors::{VectorError, VectorPoint, VectorStore};

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let norm = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
    dot / (norm(a) * norm(b))
}

fn space(model: &str, dimension: u32) -> EmbeddingSpace {
    EmbeddingSpace {
        model: model.to_owned(),
        dimension,
    }
}

fn point(id: u64, note: &str, vector: &[f32]) -> VectorPoint {
    VectorPoint {
        id: ChunkId(id),
        note: note.to_owned(),
        vector: vector.to_vec(),
    }
}

fn is_other_space<T: std::fmt::Debug>(result: Result<T, VectorError>) -> bool {
    matches!(result, Err(VectorError::OtherSpace { .. }))
}

/// Runs the whole vector contract; starts and ends with `clear`, so any store will do.
pub fn vector_store_contract(store: &dyn VectorStore) {
    let space_a = space("contract-model-a", 3);
    store.clear().expect("clear");
    assert_eq!(
        store.space().expect("space"),
        None,
        "{}: a cleared store has no space",
        store.describe()
    );
    assert_eq!(store.count().expect("count"), 0);
    assert!(
        store
            .nearest(&space_a, &[1.0, 0.0, 0.0], 5)
            .expect("nearest on empty")
            .is_empty()
    );

    let stored = [
        point(1, "a.md", &[1.0, 0.0, 0.0]),
        point(2, "b.md", &[0.0, 1.0, 0.0]),
        point(3, "c.md", &[1.0, 1.0, 0.0]),
    ];
    store.upsert(&space_a, &stored).expect("first upsert");
    assert_eq!(
        store.space().expect("space"),
        Some(space_a.clone()),
        "the first upsert fixes the space"
    );
    assert_eq!(store.count().expect("count"), 3);

    let query = [1.0, 0.1, 0.0];
    let hits = store.nearest(&space_a, &query, 3).expect("nearest");
    let ids: Vec<u64> = hits.iter().map(|(id, _)| id.0).collect();
    assert_eq!(ids, [1, 3, 2], "most similar first");
    for ((id, score), expected) in hits.iter().zip([&stored[0], &stored[2], &stored[1]]) {
        let want = cosine(&query, &expected.vector);
        assert!(
            (score - want).abs() < 1e-4,
            "{id:?}: score {score}, cosine {want}"
        );
    }
    assert_eq!(
        store.nearest(&space_a, &query, 1).expect("nearest 1").len(),
        1,
        "limit"
    );

    // Another model of the same width, or the same model at another width: refused, nothing stored.
    let other_model = space("contract-model-b", 3);
    assert!(is_other_space(
        store.upsert(&other_model, &[point(9, "x.md", &[0.0, 0.0, 1.0])])
    ));
    let wider = space("contract-model-a", 4);
    assert!(is_other_space(
        store.upsert(&wider, &[point(9, "x.md", &[0.0, 0.0, 1.0, 0.0])])
    ));
    assert!(is_other_space(store.nearest(&other_model, &query, 3)));
    assert_eq!(
        store.count().expect("count"),
        3,
        "a refused upsert stores nothing"
    );
    let short = store.upsert(&space_a, &[point(9, "x.md", &[1.0, 0.0])]);
    assert!(
        matches!(
            short,
            Err(VectorError::Width {
                expected: 3,
                got: 2
            })
        ),
        "{short:?}"
    );

    // Replace by id.
    store
        .upsert(&space_a, &[point(1, "a.md", &[0.0, 0.0, 1.0])])
        .expect("replace");
    assert_eq!(
        store.count().expect("count"),
        3,
        "a replaced id is not a new vector"
    );
    let read = store
        .vectors(&[ChunkId(1), ChunkId(2), ChunkId(99)])
        .expect("vectors");
    let mut read_ids: Vec<u64> = read.iter().map(|(id, _)| id.0).collect();
    read_ids.sort_unstable();
    assert_eq!(read_ids, [1, 2], "missing ids are left out");
    for (id, vector) in &read {
        let original: &[f32] = if id.0 == 1 {
            &[0.0, 0.0, 1.0]
        } else {
            &[0.0, 1.0, 0.0]
        };
        assert!(
            cosine(vector, original) > 0.9999,
            "{id:?} read back as {vector:?}"
        );
    }
    assert_eq!(
        store
            .nearest(&space_a, &[0.0, 0.0, 1.0], 1)
            .expect("nearest")[0]
            .0,
        ChunkId(1)
    );

    store.remove(&[ChunkId(2), ChunkId(99)]).expect("remove");
    assert_eq!(store.count().expect("count"), 2);
    let left: Vec<ChunkId> = store
        .nearest(&space_a, &query, 5)
        .expect("nearest")
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert!(
        !left.contains(&ChunkId(2)),
        "a removed id is not found: {left:?}"
    );

    store.clear().expect("clear");
    assert_eq!(store.count().expect("count"), 0);
    assert_eq!(
        store.space().expect("space"),
        None,
        "clear forgets the space"
    );
    store
        .upsert(&other_model, &[point(7, "x.md", &[0.0, 0.0, 1.0])])
        .expect("a new space after clear");
    assert_eq!(store.space().expect("space"), Some(other_model));
    store.clear().expect("clear");
}
