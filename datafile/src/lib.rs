//! Opening one of the redb files kept under `data_dir` (the job store, web conversations, the
//! alert outbox): the directory is created when missing, and the file's tables are created in
//! one transaction, so readers never meet a missing table.

use std::path::Path;

use redb::{Database, WriteTransaction};

/// Why a data file could not be opened, naming the file.
#[derive(Debug, thiserror::Error)]
#[error("could not open {path}: {source}")]
pub struct OpenError {
    pub path: String,
    #[source]
    pub source: redb::Error,
}

/// Opens (or creates) `data_dir/file_name`, then runs `create_tables` (which opens each table
/// the file must have) in one committed write transaction.
pub fn open_redb(
    data_dir: &Path,
    file_name: &str,
    create_tables: impl FnOnce(&WriteTransaction) -> Result<(), redb::TableError>,
) -> Result<Database, OpenError> {
    let path = data_dir.join(file_name);
    let open_error = |source: redb::Error| OpenError {
        path: path.display().to_string(),
        source,
    };
    std::fs::create_dir_all(data_dir).map_err(|error| open_error(redb::Error::Io(error)))?;
    let database = Database::create(&path).map_err(|error| open_error(error.into()))?;
    let transaction = database
        .begin_write()
        .map_err(|error| open_error(error.into()))?;
    create_tables(&transaction).map_err(|error| open_error(error.into()))?;
    transaction
        .commit()
        .map_err(|error| open_error(error.into()))?;
    Ok(database)
}

#[cfg(test)]
mod tests {
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
}
