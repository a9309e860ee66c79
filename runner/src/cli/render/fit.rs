//! Fitting a table into a width: leave out optional columns, then cut the last column.

use super::{COLUMN_GAP, truncate};

/// The last column (a reason) is worth leaving optional columns out for until it has this many
/// characters: enough for `unavailable (draining)` or `no node can run qwen2.5:7b`.
pub const MIN_LAST_WIDTH: usize = 24;

/// The headers and rows to show in `width` characters a line, leaving optional columns out
/// while the last one has fewer than `min_last` characters.
pub fn fit(
    headers: &[&'static str],
    rows: &[Vec<String>],
    optional: &[&'static str],
    width: usize,
    min_last: usize,
) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let mut kept: Vec<usize> = (0..headers.len()).collect();
    let mut droppable = optional
        .iter()
        .filter_map(|name| headers.iter().position(|header| header == name));
    while room_for_last(headers, rows, &kept, width) < min_last {
        let Some(column) = droppable.next() else {
            break;
        };
        kept.retain(|&kept_column| kept_column != column);
    }
    let room = room_for_last(headers, rows, &kept, width).max(1);
    let headers = kept.iter().map(|&column| headers[column]).collect();
    let rows = rows
        .iter()
        .map(|row| {
            let mut cells: Vec<String> = kept
                .iter()
                .map(|&column| row.get(column).cloned().unwrap_or_default())
                .collect();
            if let Some(last) = cells.last_mut() {
                *last = truncate(last, room);
            }
            cells
        })
        .collect();
    (headers, rows)
}

/// Characters left for the last kept column once the others and their gaps are laid out.
fn room_for_last(
    headers: &[&'static str],
    rows: &[Vec<String>],
    kept: &[usize],
    width: usize,
) -> usize {
    let Some((_, others)) = kept.split_last() else {
        return width;
    };
    let others_width: usize = others
        .iter()
        .map(|&column| {
            rows.iter()
                .filter_map(|row| row.get(column))
                .map(|cell| cell.chars().count())
                .chain([headers[column].chars().count()])
                .max()
                .unwrap_or(0)
                + COLUMN_GAP.len()
        })
        .sum();
    width.saturating_sub(others_width)
}

#[cfg(test)]
mod tests;
