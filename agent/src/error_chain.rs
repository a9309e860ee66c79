//! Finds the useful part of a layered error: libraries wrap the cause ("Connection refused")
//! under generic words ("error sending request", "transport error").

/// The message of the deepest error in `error`'s source chain.
pub(crate) fn innermost_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    cause.to_string()
}

#[cfg(test)]
mod tests;
