//! Inline code spans (`` `x` ``, ``` ``x`` ```) blanked out of a line, so the link and tag
//! scanners skip code without losing byte positions.

use std::collections::{HashMap, VecDeque};

/// `line` with every inline code span (`` `x` ``, ``` ``x`` ```) blanked out, byte offsets
/// kept. A span opens at a run of backticks and closes at the next run of the same length; a
/// run with no such partner is literal text. Linear in the line's length, whatever it holds.
pub fn without_inline_code(line: &str) -> String {
    let runs = backtick_runs(line);
    // For each run length, the indices (into `runs`) of the runs of that length, in order.
    let mut by_length: HashMap<usize, VecDeque<usize>> = HashMap::new();
    for (index, (_, length)) in runs.iter().enumerate() {
        by_length.entry(*length).or_default().push_back(index);
    }
    let mut out = line.as_bytes().to_vec();
    let mut index = 0;
    while index < runs.len() {
        let (start, length) = runs[index];
        let partners = by_length.entry(length).or_default();
        while partners.front().is_some_and(|partner| *partner <= index) {
            partners.pop_front();
        }
        match partners.front() {
            Some(&partner) => {
                let end = runs[partner].0 + length;
                out[start..end].fill(b' ');
                index = partner + 1;
            }
            None => index += 1,
        }
    }
    // Only whole characters between backticks were blanked, so the bytes are still UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| line.to_owned())
}

/// Each run of backticks: where it starts and how long it is.
fn backtick_runs(line: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let bytes = line.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'`' {
            let length = bytes[index..]
                .iter()
                .take_while(|byte| **byte == b'`')
                .count();
            runs.push((index, length));
            index += length;
        } else {
            index += 1;
        }
    }
    runs
}

#[cfg(test)]
mod tests;
