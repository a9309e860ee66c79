//! Tests of reading job notes, one file per module under `tests/`, and the helpers they share.

use super::*;

mod agent_fields;
mod bounds;
mod checker;
pub(crate) mod fuzz;
mod job_type;
mod links;
mod output_folder;
mod quick_read;
mod validate;
mod yaml_read;

pub(crate) const CHAT: &str = "---\ntype: chat\nmodel: gemma4:27b\nstatus: submitted\ntags: [x]\n---\n\nWhy is the sky blue?\n";

fn problems(file_name: &str, text: &str) -> Vec<NoteProblem> {
    parse_job_note(file_name, text).expect_err("the note should be invalid")
}

/// The (property, line) of each problem, for compact assertions.
fn places(problems: &[NoteProblem]) -> Vec<(Option<&str>, Option<u32>)> {
    problems
        .iter()
        .map(|problem| (problem.property.as_deref(), problem.line))
        .collect()
}
