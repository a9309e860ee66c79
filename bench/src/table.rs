//! A Markdown table with padded columns, readable both in a terminal and pasted into
//! `BENCHMARKS.md`, and the number formats the report uses.

use std::time::Duration;

#[derive(Debug, Clone)]
pub struct MarkdownTable {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl MarkdownTable {
    pub fn new(headers: &[&str]) -> Self {
        Self {
            headers: headers.iter().map(|header| (*header).to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; missing cells render empty and extra cells are dropped, so one bad row cannot
    /// shift the columns of the others.
    pub fn push_row(&mut self, mut cells: Vec<String>) {
        cells.resize(self.headers.len(), String::new());
        self.rows.push(cells);
    }

    pub fn render(&self) -> String {
        let widths: Vec<usize> = (0..self.headers.len())
            .map(|column| {
                std::iter::once(&self.headers[column])
                    .chain(self.rows.iter().map(|row| &row[column]))
                    .map(|cell| cell.chars().count())
                    .max()
                    .unwrap_or(0)
                    .max(3)
            })
            .collect();
        let line = |cells: &[String]| {
            let padded: Vec<String> = cells
                .iter()
                .zip(&widths)
                .map(|(cell, width)| format!("{cell:<width$}"))
                .collect();
            format!("| {} |\n", padded.join(" | "))
        };
        let separator: Vec<String> = widths.iter().map(|width| "-".repeat(*width)).collect();
        let mut text = line(&self.headers);
        text.push_str(&line(&separator));
        for row in &self.rows {
            text.push_str(&line(row));
        }
        text
    }
}

/// Milliseconds with microsecond resolution: `0.412`.
pub fn milliseconds(duration: Duration) -> String {
    format!("{:.3}", duration.as_secs_f64() * 1000.0)
}

/// A signed millisecond difference: `+0.412`, `-0.020`.
pub fn signed_milliseconds(difference_ms: f64) -> String {
    format!("{difference_ms:+.3}")
}

#[cfg(test)]
mod tests;
