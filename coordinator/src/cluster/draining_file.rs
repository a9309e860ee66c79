//! `draining.json` under `data_dir`: which nodes the operator drained, so a drain survives a
//! coordinator restart. Written atomically (a temp file in the same directory, fsync, rename,
//! fsync of the directory), so a crash or a full disk leaves the old file or the new one,
//! never half of one; a file that cannot be read is an error, never "nothing drained".

use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum DrainingFileError {
    #[error("cannot read the drained-nodes file {path}: {source}; check its permissions")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "the drained-nodes file {path} is not valid ({source}): fix it (it holds \
         {{\"draining\": [\"node name\", ...]}}) or delete it to start with no node drained"
    )]
    Corrupt {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error(
        "could not save the drained nodes to {path}: {source}; the drain is unchanged: free \
         space or fix permissions under data_dir and try again"
    )]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DrainingFile {
    draining: Vec<String>,
}

/// The drained node names in `path`; none when the file does not exist (never drained).
pub fn read_drained_nodes(path: &Path) -> Result<Vec<String>, DrainingFileError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(DrainingFileError::Read {
                path: path.to_owned(),
                source,
            });
        }
    };
    serde_json::from_str::<DrainingFile>(&text)
        .map(|file| file.draining)
        .map_err(|source| DrainingFileError::Corrupt {
            path: path.to_owned(),
            source,
        })
}

/// Replaces `path` with the drained node names, atomically and durably.
pub fn write_drained_nodes(path: &Path, drained: &[&str]) -> Result<(), DrainingFileError> {
    let failed = |source| DrainingFileError::Write {
        path: path.to_owned(),
        source,
    };
    let file = DrainingFile {
        draining: drained.iter().map(|name| (*name).to_owned()).collect(),
    };
    let text = serde_json::to_vec(&file).map_err(|error| failed(error.into()))?;
    let temporary = path.with_extension("json.tmp");
    let written = (|| {
        let mut handle = std::fs::File::create(&temporary)?;
        handle.write_all(&text)?;
        handle.sync_all()?;
        std::fs::rename(&temporary, path)?;
        // The rename is durable only once the directory entry is on disk too.
        if let Some(directory) = path.parent() {
            std::fs::File::open(directory)?.sync_all()?;
        }
        Ok(())
    })();
    if written.is_err() {
        // Best effort: a leftover temp file is harmless (it is overwritten next time).
        let _ = std::fs::remove_file(&temporary);
    }
    written.map_err(failed)
}

#[cfg(test)]
mod tests;
