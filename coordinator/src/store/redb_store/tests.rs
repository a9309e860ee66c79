//! Tests of the `redb_store` module.

use super::*;

#[test]
fn a_store_already_open_is_named_as_in_use_by_another_coordinator() {
    let data_dir = tempfile::tempdir().unwrap();
    let _first = RedbJobStore::open(data_dir.path()).unwrap();
    let Err(error) = RedbJobStore::open(data_dir.path()) else {
        panic!("a second open of the same jobs.redb succeeded");
    };
    assert!(matches!(error, StoreError::InUse { .. }), "{error:?}");
    let message = error.to_string();
    assert!(
        message.contains("jobs.redb is in use by another coordinator"),
        "{message}"
    );
    assert!(message.contains("another data_dir"), "{message}");
}
