//! Inline code spans (`` `x` ``, ``` ``x`` ```) blanked out of a line, so the link and tag
//! scanners skip code without losing byte positions.

/// `line` with every inline code span (`` `x` ``, ``` ``x`` ```) blanked out, byte offsets kept,
/// so a scanner for links or tags skips code without losing positions.
pub fn without_inline_code(line: &str) -> String {
    let bytes = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] != b'`' {
            let next = line[index..]
                .find('`')
                .map_or(line.len(), |found| index + found);
            out.push_str(&line[index..next]);
            index = next;
            continue;
        }
        let run = line[index..].bytes().take_while(|b| *b == b'`').count();
        let opener = &line[index..index + run];
        let body_start = index + run;
        match find_closing_run(&line[body_start..], run) {
            Some(close) => {
                let end = body_start + close + run;
                out.extend(std::iter::repeat_n(' ', end - index));
                index = end;
            }
            None => {
                // No closing run of the same length: the backticks are literal.
                out.push_str(opener);
                index = body_start;
            }
        }
    }
    out
}

/// Where a run of exactly `run` backticks starts in `rest`.
fn find_closing_run(rest: &str, run: usize) -> Option<usize> {
    let bytes = rest.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'`' {
            let length = bytes[index..].iter().take_while(|b| **b == b'`').count();
            if length == run {
                return Some(index);
            }
            index += length;
        } else {
            index += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests;
