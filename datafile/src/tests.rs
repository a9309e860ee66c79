//! Tests of the `datafile` crate root (lib.rs).

use redb::{ReadableDatabase, TableDefinition};

use super::*;

const NOTES: TableDefinition<&str, u64> = TableDefinition::new("notes");

fn notes_table(transaction: &WriteTransaction) -> Result<(), redb::TableError> {
    transaction.open_table(NOTES).map(drop)
}

#[test]
fn a_missing_directory_is_created_and_the_tables_exist_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("nested/data");
    let database = open_redb(&data_dir, "notes.redb", notes_table).unwrap();
    assert!(data_dir.join("notes.redb").is_file());
    // A reader opens the table without anyone having written to it.
    let read = database.begin_read().unwrap();
    assert!(read.open_table(NOTES).is_ok());
}

#[test]
fn reopening_keeps_what_was_written() {
    let dir = tempfile::tempdir().unwrap();
    {
        let database = open_redb(dir.path(), "notes.redb", notes_table).unwrap();
        let write = database.begin_write().unwrap();
        write.open_table(NOTES).unwrap().insert("a", 7).unwrap();
        write.commit().unwrap();
    }
    let database = open_redb(dir.path(), "notes.redb", notes_table).unwrap();
    let read = database.begin_read().unwrap();
    let table = read.open_table(NOTES).unwrap();
    assert_eq!(table.get("a").unwrap().unwrap().value(), 7);
}

#[test]
fn a_data_dir_that_is_a_file_is_an_error_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("data");
    std::fs::write(&blocker, "not a directory").unwrap();
    let error = open_redb(&blocker, "notes.redb", notes_table).unwrap_err();
    assert!(error.to_string().contains("data/notes.redb"), "{error}");
}
