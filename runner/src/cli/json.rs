//! `--json` output of every client command: the API message itself in the protobuf JSON
//! mapping (the `proto` crate's pbjson serde impls), so it has the same shape as the HTTP API's
//! `/api/*` answers and any other gRPC client's JSON.

use std::io::Write;

/// Writes `message` as pretty JSON followed by a newline.
pub fn write_json<T: serde::Serialize>(
    out: &mut (dyn Write + Send),
    message: &T,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, message)?;
    writeln!(out)?;
    out.flush()
}

#[cfg(test)]
mod tests;
