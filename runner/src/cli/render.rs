//! Human-readable output shared by the client commands: aligned tables, truncation, and the
//! short lowercase names of the API's enums (`succeeded`, `ollama_down`, from `client::words`).

mod units;

pub use units::{
    format_age, format_bytes, format_millis, format_nanos, format_timestamp, now_unix_ms,
};

/// Columns between cells; two spaces reads as a column gap, one as a word gap.
const COLUMN_GAP: &str = "  ";

/// A table with a header row, columns padded to their widest cell.
#[derive(Debug)]
pub struct Table {
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(headers: &[&'static str]) -> Self {
        Self {
            headers: headers.to_vec(),
            rows: Vec::new(),
        }
    }

    pub fn push_row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The table as lines, without trailing spaces, each ending in a newline.
    pub fn render(&self) -> String {
        let header_cells: Vec<String> = self
            .headers
            .iter()
            .map(|header| (*header).to_owned())
            .collect();
        let all_rows = std::iter::once(&header_cells).chain(&self.rows);
        let mut widths = vec![0; self.headers.len()];
        for row in all_rows.clone() {
            for (column, cell) in row.iter().enumerate() {
                if column < widths.len() {
                    widths[column] = widths[column].max(cell.chars().count());
                }
            }
        }
        let mut text = String::new();
        for row in all_rows {
            let mut line = String::new();
            for (column, width) in widths.iter().enumerate() {
                let cell = row.get(column).map_or("", String::as_str);
                line.push_str(cell);
                line.extend(std::iter::repeat_n(
                    ' ',
                    width.saturating_sub(cell.chars().count()),
                ));
                line.push_str(COLUMN_GAP);
            }
            text.push_str(line.trim_end());
            text.push('\n');
        }
        text
    }
}

/// At most `max_chars` characters, ending in `…` when cut; newlines become spaces so a cell
/// stays on its row.
pub fn truncate(text: &str, max_chars: usize) -> String {
    let one_line: String = text
        .chars()
        .map(|character| {
            if character.is_control() {
                ' '
            } else {
                character
            }
        })
        .collect();
    if one_line.chars().count() <= max_chars {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(max_chars.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// `-` for an empty or missing value, so a table column never looks shifted.
pub fn or_dash(text: &str) -> String {
    if text.is_empty() {
        "-".to_owned()
    } else {
        text.to_owned()
    }
}

/// The words for the API's enums, the same on every surface (see `client::words`).
pub use client::words::{
    ineligibility as ineligibility_name, job_kind as job_kind_name, job_state as job_state_name,
    node_state as node_state_name,
};

#[cfg(test)]
mod tests;
