//! Cutting text to a byte limit on a char boundary: a step's `output` is at most 16 KiB (the
//! proto's contract), an idempotency key at most 200 bytes, a job's source at most 500.

#[cfg(test)]
mod tests;

/// The most a step's `output` may hold (`AgentStep.output`: "at most 16 KiB").
pub(crate) const STEP_OUTPUT_LIMIT: usize = 16 * 1024;

/// `text` whole when it fits in `max_bytes`, else its longest prefix that does and ends on a
/// char boundary (a cut never splits a UTF-8 sequence).
pub(crate) fn clip(text: &str, max_bytes: usize) -> String {
    if text.len() <= max_bytes {
        return text.to_owned();
    }
    let mut end = max_bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_owned()
}

/// `text` as a step's output: clipped to [`STEP_OUTPUT_LIMIT`].
pub(crate) fn step_output(text: &str) -> String {
    clip(text, STEP_OUTPUT_LIMIT)
}
