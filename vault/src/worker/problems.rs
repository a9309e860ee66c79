//! A note's problem as one line of the result note: "line 3, `model`: …".

use crate::job_note::NoteProblem;

pub fn problem_line(problem: &NoteProblem) -> String {
    let place = match (problem.line, &problem.property) {
        (Some(line), Some(property)) => format!("line {line}, `{property}`: "),
        (Some(line), None) => format!("line {line}: "),
        (None, Some(property)) => format!("`{property}`: "),
        (None, None) => String::new(),
    };
    format!("{place}{}", problem.message)
}

#[cfg(test)]
mod tests;
