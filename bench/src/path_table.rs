//! The rows every latency table shares: one path's percentiles and rate, and what a path adds
//! to the direct baseline (per percentile: p50 with p50, p99 with p99).

use crate::overhead::PathFigures;
use crate::percentiles::signed_difference_ms;
use crate::table::{MarkdownTable, milliseconds, signed_milliseconds};

/// An empty table with the columns of `path_row`.
pub fn path_table() -> MarkdownTable {
    MarkdownTable::new(&[
        "concurrency",
        "path",
        "requests",
        "first token p50",
        "first token p99",
        "total p50",
        "total p99",
        "req/s",
    ])
}

pub fn path_row(concurrency: &str, path: &str, figures: &PathFigures) -> Vec<String> {
    vec![
        concurrency.to_owned(),
        path.to_owned(),
        figures.total.count.to_string(),
        milliseconds(figures.first_token.p50),
        milliseconds(figures.first_token.p99),
        milliseconds(figures.total.p50),
        milliseconds(figures.total.p99),
        format!("{:.0}", figures.requests_per_second()),
    ]
}

/// Milliseconds `path` adds to `direct`: first token p50, p99, total p50, p99.
pub fn added_ms(path: &PathFigures, direct: &PathFigures) -> [f64; 4] {
    [
        signed_difference_ms(path.first_token.p50, direct.first_token.p50),
        signed_difference_ms(path.first_token.p99, direct.first_token.p99),
        signed_difference_ms(path.total.p50, direct.total.p50),
        signed_difference_ms(path.total.p99, direct.total.p99),
    ]
}

/// A row of four percentile cells (no request count, no rate) under `label`.
pub fn labelled_row(concurrency: &str, label: &str, cells: Vec<String>) -> Vec<String> {
    let mut row = vec![concurrency.to_owned(), label.to_owned(), String::new()];
    row.extend(cells);
    row
}

/// The "added" row: `path` minus `direct`, signed.
pub fn added_row(concurrency: &str, label: &str, added: [f64; 4]) -> Vec<String> {
    labelled_row(concurrency, label, added.map(signed_milliseconds).to_vec())
}
