//! Chunk ids are stable for the same chunk and differ for any change.
use super::ChunkId;

#[test]
fn the_same_chunk_gets_the_same_id_and_any_change_another() {
    let id = ChunkId::of("Projects/AI governance.md", 0, "# Risk tiers");
    assert_eq!(
        id,
        ChunkId::of("Projects/AI governance.md", 0, "# Risk tiers")
    );
    assert_ne!(
        id,
        ChunkId::of("Projects/AI governance.md", 1, "# Risk tiers")
    );
    assert_ne!(
        id,
        ChunkId::of("Projects/AI governance2.md", 0, "# Risk tiers")
    );
    assert_ne!(
        id,
        ChunkId::of("Projects/AI governance.md", 0, "# Risk tier")
    );
    assert!(id.as_i64() >= 0);
    assert_eq!(id.as_i64() as u64, id.0);
}
