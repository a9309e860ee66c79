//! Fuzzing frontmatter edits as the worker makes them when it files a note (`status`, `job`,
//! `cluster_job`, `result`), plus `model` and `title` set to any text: any note is edited
//! without a panic; a note that parsed parses again to the same job with those values, its
//! body kept byte for byte, and editing again changes nothing.

use proptest::prelude::*;

use super::{set_properties, yaml_link, yaml_string};
use crate::job_note::bounds;
use crate::job_note::parse_job_note;
use crate::job_note::tests::fuzz::{any_note, fuzz_config};

/// What the worker writes, with `model` and `title` as the operator might have meant them.
fn edits(model: &str, title: &str, job: &str, result: &str) -> Vec<(&'static str, String)> {
    vec![
        ("status", yaml_string("submitted")),
        ("job", yaml_string(job)),
        ("cluster_job", yaml_string(job)),
        ("result", yaml_link(result)),
        ("model", yaml_string(model)),
        ("title", yaml_string(title)),
    ]
}

/// The text after the closing `---` (the whole text without frontmatter).
fn body_of(text: &str) -> &str {
    bounds::find(text).map_or(text, |found| &text[found.body_start..])
}

proptest! {
    #![proptest_config(fuzz_config(4096))]

    #[test]
    fn fuzz_an_edited_note_parses_to_the_same_job_with_the_values_set(
        note in any_note(),
        model in "[^\r\n]{0,24}".prop_filter("a model is not blank", |model| !model.trim().is_empty()),
        title in "[^\r\n]{0,24}",
        job in "[^\r\n]{0,24}",
        result in "[A-Za-z0-9 /._-]{1,24}",
    ) {
        let properties = edits(&model, &title, &job, &result);
        let edited = set_properties(&note, &properties);
        prop_assert_eq!(set_properties(&edited, &properties), edited.clone(), "editing again changes nothing");
        let Ok(mut expected) = parse_job_note("note.md", &note) else {
            return Ok(());
        };
        prop_assert_eq!(body_of(&edited), body_of(&note));
        expected.model = model.trim().to_owned();
        expected.title = match title.trim() {
            "" => "note".to_owned(),
            title => title.to_owned(),
        };
        prop_assert_eq!(parse_job_note("note.md", &edited), Ok(expected), "edited:\n{}", edited);
    }
}

#[test]
fn fuzz_seeds_the_unit_tests_note_keeps_its_job_when_filed() {
    let note = crate::job_note::tests::CHAT;
    let edited = set_properties(note, &edits("gemma4:27b", "why", "v-1", "Runner/results/x"));
    let parsed = parse_job_note("why.md", &edited).unwrap();
    assert_eq!(
        (parsed.model.as_str(), parsed.title.as_str()),
        ("gemma4:27b", "why")
    );
}
