//! One read of a note in `inbox/`: its fingerprint for the settle window and its text for the
//! parser, from the same bytes, so what settles is exactly what is parsed.

use std::fmt::Write as _;
use std::io::{Error, ErrorKind, Read};
use std::path::Path;
use std::time::UNIX_EPOCH;

use sha2::{Digest, Sha256};

use super::Fingerprint;

/// Reads `path` once: its size, modification time (ms since the Unix epoch), the hex SHA-256
/// of its bytes and its text. A file that is not UTF-8 is an `InvalidData` error (a note is
/// never parsed from a lossy copy of itself).
pub fn fingerprint(path: &Path) -> std::io::Result<(Fingerprint, String)> {
    let mut file = std::fs::File::open(path)?;
    let modified_ms = modified_ms(&file.metadata()?)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    let print = Fingerprint {
        bytes: bytes.len() as u64,
        modified_ms,
        sha256: sha256_hex(&bytes),
    };
    let text = String::from_utf8(bytes).map_err(|error| {
        Error::new(
            ErrorKind::InvalidData,
            format!(
                "{} is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
                path.display(),
                error.utf8_error().valid_up_to()
            ),
        )
    })?;
    Ok((print, text))
}

/// Lowercase hex SHA-256 of `bytes`.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(digest.len() * 2);
    for byte in digest.iter() {
        // Writing to a String cannot fail.
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// The modification time in ms since the Unix epoch, negative before it.
fn modified_ms(metadata: &std::fs::Metadata) -> std::io::Result<i64> {
    let modified = metadata.modified()?;
    let millis = match modified.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_millis()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_millis())
            .map(|millis| -millis)
            .unwrap_or(i64::MIN),
    };
    Ok(millis)
}

#[cfg(test)]
mod tests;
