//! How wide the tables may be: `COLUMNS` when set, 80 on a terminal, no limit when piped (so
//! scripts and `cut` see every character), none with `--wide`.

use std::io::IsTerminal;

/// The width a terminal is assumed to have when `COLUMNS` does not say.
const TERMINAL_WIDTH: usize = 80;

/// The width for this process's stdout.
pub fn output_width(wide: bool) -> Option<usize> {
    let columns = crate::cli::config::columns_from_env();
    width_from(wide, columns.as_deref(), std::io::stdout().is_terminal())
}

/// [`output_width`] from its inputs: `--wide`, `COLUMNS`, and whether stdout is a terminal.
pub fn width_from(wide: bool, columns: Option<&str>, is_terminal: bool) -> Option<usize> {
    if wide {
        return None;
    }
    match columns.and_then(|columns| columns.trim().parse::<usize>().ok()) {
        Some(columns) if columns > 0 => Some(columns),
        _ => is_terminal.then_some(TERMINAL_WIDTH),
    }
}

#[cfg(test)]
mod tests;
