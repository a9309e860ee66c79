//! Human-readable output shared by the client commands: aligned tables that fit a width,
//! truncation, and the short lowercase names of the API's enums (`succeeded`, `ollama_down`,
//! from `client::words`).

mod fit;
mod units;
mod width;

pub use width::output_width;

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
    /// Columns left out, in this order, when the table must fit a width.
    optional: Vec<&'static str>,
    /// Room the last column is worth leaving optional columns out for.
    min_last: usize,
}

impl Table {
    pub fn new(headers: &[&'static str]) -> Self {
        Self {
            headers: headers.to_vec(),
            rows: Vec::new(),
            optional: Vec::new(),
            min_last: fit::MIN_LAST_WIDTH,
        }
    }

    /// The last column needs only `chars` characters (a short value rather than a reason), so
    /// optional columns stay while it has them.
    pub fn last_needs(mut self, chars: usize) -> Self {
        self.min_last = chars;
        self
    }

    /// Names columns that may be left out (in this order) so the last one keeps room.
    pub fn optional(mut self, headers: &[&'static str]) -> Self {
        self.optional = headers.to_vec();
        self
    }

    pub fn push_row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The table as lines without trailing spaces, each ending in a newline, in at most `width`
    /// characters a line (`None`: no limit, everything shown): optional columns
    /// are left out while the last one would get fewer than [`fit::MIN_LAST_WIDTH`] (or what
    /// [`Table::last_needs`] says), then the
    /// last column's cells are cut with `…` to fit.
    pub fn render_within(&self, width: Option<usize>) -> String {
        let Some(width) = width else {
            return render_rows(&self.headers, &self.rows);
        };
        let (headers, rows) = fit::fit(
            &self.headers,
            &self.rows,
            &self.optional,
            width,
            self.min_last,
        );
        render_rows(&headers, &rows)
    }
}

/// Cells padded to their column's widest, columns separated by [`COLUMN_GAP`].
fn render_rows(headers: &[&'static str], rows: &[Vec<String>]) -> String {
    let header_cells: Vec<String> = headers.iter().map(|header| (*header).to_owned()).collect();
    let all_rows = std::iter::once(&header_cells).chain(rows);
    let mut widths = vec![0; headers.len()];
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
