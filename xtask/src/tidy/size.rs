//! File size: production files over [`WARN_PRODUCTION_CODE_LINES`] are listed and over
//! [`MAX_PRODUCTION_CODE_LINES`] fail, counted the way the before-stop hook counts them.

use std::path::Path;

use super::checks::{Problem, is_production_file};

/// Above this many code lines a production file is listed as a warning: the house rule asks
/// for about 150, so such a file is the next one to split by job.
pub const WARN_PRODUCTION_CODE_LINES: usize = 150;

/// Above this many code lines a production file fails tidy: the house rule's hard limit.
pub const MAX_PRODUCTION_CODE_LINES: usize = 250;

/// Lines that are not blank and not only a `//` comment (doc comments included), exactly
/// `grep -cvE '^\s*(//.*)?$'` as the before-stop hook counts. An inline `#[cfg(test)] mod tests
/// { … }` counts too, on purpose: moving it to a sibling `tests.rs` is how a file gets smaller.
pub fn count_code_lines(text: &str) -> usize {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .count()
}

/// A warning over [`WARN_PRODUCTION_CODE_LINES`], a failure over [`MAX_PRODUCTION_CODE_LINES`];
/// test and generated files are never flagged.
pub fn check_production_file_size(path: &Path, text: &str) -> Option<Problem> {
    if !is_production_file(path, text) {
        return None;
    }
    let code_lines = count_code_lines(text);
    if code_lines > MAX_PRODUCTION_CODE_LINES {
        return Some(Problem::in_file(
            path,
            format!(
                "has {code_lines} code lines (at most {MAX_PRODUCTION_CODE_LINES}, blank and \
                 comment-only lines not counted, inline tests counted): split it by job"
            ),
        ));
    }
    (code_lines > WARN_PRODUCTION_CODE_LINES).then(|| {
        Problem::in_file(
            path,
            format!(
                "has {code_lines} code lines (about {WARN_PRODUCTION_CODE_LINES} wanted): \
                 split it by job when you next change it"
            ),
        )
        .into_warning()
    })
}
