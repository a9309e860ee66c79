//! Checks a job's idempotency key and source: both are shown to people and stored with the
//! job (the key in an index), so they are bounded and free of control characters.

use proto::v1::JobSpec;

use super::InvalidJob;

/// `vault:` and a 26-character job id fit many times over; anything longer is not a key.
pub const MAX_IDEMPOTENCY_KEY_BYTES: usize = 200;
/// A vault note's path or a schedule's name, with room to spare.
pub const MAX_SOURCE_BYTES: usize = 500;

pub(super) fn validate_key_and_source(spec: &JobSpec) -> Result<(), InvalidJob> {
    let key = &spec.idempotency_key;
    if key.len() > MAX_IDEMPOTENCY_KEY_BYTES {
        return Err(InvalidJob(format!(
            "idempotency_key is {} bytes, over the limit of {MAX_IDEMPOTENCY_KEY_BYTES}: use a \
             shorter key (e.g. `vault:<job id>`)",
            key.len()
        )));
    }
    if key.chars().any(char::is_control) {
        return Err(InvalidJob(format!(
            "idempotency_key `{}` holds a control character: use printable text only",
            key.escape_debug()
        )));
    }
    let source = &spec.source;
    if source.len() > MAX_SOURCE_BYTES {
        return Err(InvalidJob(format!(
            "source is {} bytes, over the limit of {MAX_SOURCE_BYTES}: name where the job came \
             from briefly (e.g. `vault: Runner/inbox/why-sky.md`)",
            source.len()
        )));
    }
    // A source is printed in terminals and tables: a newline or an escape would break them.
    if source.chars().any(char::is_control) {
        return Err(InvalidJob(format!(
            "source `{}` holds a control character: use printable text only",
            source.escape_debug()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
