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
mod tests;
