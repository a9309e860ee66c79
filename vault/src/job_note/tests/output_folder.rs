//! Tests of which `output:` folders a result note may go to.

use super::*;
use crate::job_note::output_folder::output_folder;

#[test]
fn output_must_be_a_folder_inside_the_vault_outside_the_workers_folders() {
    for (value, expected) in [
        ("Notes/answers", Some("Notes/answers")),
        (" Notes/answers/ ", Some("Notes/answers")),
        ("Runner/results/sky", Some("Runner/results/sky")),
        ("runner/Results", Some("runner/Results")),
        ("Runner/results/", Some("Runner/results")),
        ("Journal/2026 — été", Some("Journal/2026 — été")),
        ("", None),
        ("/", None),
        ("Runner", None),
        ("Runner/inbox", None),
        ("runner/done/x", None),
        ("/etc", None),
        ("C:/notes", None),
        ("~/notes", None),
        ("a/../b", None),
        ("..", None),
        ("./a", None),
        (".obsidian", None),
        ("a//b", None),
        ("a\\b", None),
        ("Runner/results/../inbox", None),
    ] {
        assert_eq!(
            output_folder(value).ok().as_deref(),
            expected,
            "output: {value:?}"
        );
    }
}

#[test]
fn a_wrong_output_is_a_problem_on_its_line() {
    let text = CHAT.replace("tags: [x]", "output: Runner/inbox");
    let found = problems("x.md", &text);
    assert_eq!(places(&found), [(Some("output"), Some(5))]);
    assert!(
        found[0].message.contains("Runner/results"),
        "{}",
        found[0].message
    );
}
