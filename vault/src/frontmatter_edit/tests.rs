//! Tests of frontmatter edits: everything else is kept byte for byte.

use saphyr::{LoadableYamlNode, Yaml};

use super::*;

mod fuzz;
mod yaml_scalar;

fn set(text: &str, properties: &[(&str, &str)]) -> String {
    let owned: Vec<(&str, String)> = properties
        .iter()
        .map(|(key, value)| (*key, (*value).to_owned()))
        .collect();
    set_properties(text, &owned)
}

#[test]
fn a_key_is_replaced_where_it_stands() {
    let text = "---\ntype: chat # what to do\nstatus: submitted\nmodel: m\n---\nbody\n";
    assert_eq!(
        set(text, &[("status", "processing")]),
        "---\ntype: chat # what to do\nstatus: processing\nmodel: m\n---\nbody\n"
    );
}

#[test]
fn a_block_list_under_a_key_is_replaced_whole() {
    let text =
        "---\ntags:\n  - a\n  - b\nstatus: submitted\ncited:\n- x\n-\n\n# kept\n---\n\nbody\n";
    assert_eq!(
        set(text, &[("tags", "[runner/job]"), ("cited", "[]")]),
        "---\ntags: [runner/job]\nstatus: submitted\ncited: []\n\n# kept\n---\n\nbody\n"
    );
}

#[test]
fn missing_keys_are_appended_at_the_end_of_the_frontmatter() {
    let text = "---\nstatus: submitted\n---\nbody with status: x\n";
    assert_eq!(
        set(text, &[("job", "abc"), ("status", "done")]),
        "---\nstatus: done\njob: abc\n---\nbody with status: x\n"
    );
}

#[test]
fn a_note_without_frontmatter_gets_one() {
    assert_eq!(
        set("just a prompt\n", &[("status", "done")]),
        "---\nstatus: done\n---\njust a prompt\n"
    );
    // An opening line without a closing one is not frontmatter: it stays in the body.
    assert_eq!(
        set("---\nstatus: x\n", &[("a", "1")]),
        "---\na: 1\n---\n---\nstatus: x\n"
    );
}

#[test]
fn crlf_line_endings_are_kept_and_used_for_new_lines() {
    let text = "---\r\nstatus: submitted\r\nmodel: m\r\n---\r\nbody\r\n";
    assert_eq!(
        set(text, &[("status", "done"), ("node", "davas")]),
        "---\r\nstatus: done\r\nmodel: m\r\nnode: davas\r\n---\r\nbody\r\n"
    );
    assert_eq!(set("hi\r\n", &[("a", "b")]), "---\r\na: b\r\n---\r\nhi\r\n");
}

#[test]
fn only_top_level_keys_with_the_exact_name_are_replaced() {
    let text = "---\nnested:\n  status: keep\nstatus_note: keep\n\"status\": old\n---\n";
    assert_eq!(
        set(text, &[("status", "new")]),
        "---\nnested:\n  status: keep\nstatus_note: keep\nstatus: new\n---\n"
    );
}

#[test]
fn a_duplicated_key_is_written_once() {
    let text = "---\nstatus: a\nmodel: m\nstatus: b\n---\n";
    assert_eq!(
        set(text, &[("status", "c")]),
        "---\nstatus: c\nmodel: m\n---\n"
    );
}

#[test]
fn no_properties_change_nothing() {
    assert_eq!(set("no frontmatter", &[]), "no frontmatter");
}

#[test]
fn edited_frontmatter_still_parses() {
    let text = "---\ntags:\n  - a\nstatus: submitted\n---\nbody\n";
    let edited = set_properties(
        text,
        &[
            ("status", yaml_string("done: really")),
            ("source", yaml_link("Runner/done/x")),
        ],
    );
    let end = edited[4..].find("---").unwrap() + 4;
    let docs = Yaml::load_from_str(&edited[4..end]).unwrap();
    assert_eq!(docs[0]["status"].as_str(), Some("done: really"));
    assert_eq!(docs[0]["source"].as_str(), Some("[[Runner/done/x]]"));
    assert_eq!(docs[0]["tags"][0].as_str(), Some("a"));
}

#[test]
fn a_continuation_line_of_unicode_whitespace_goes_with_its_entry() {
    // Found by fuzzing: `  \u{b}` under `model:` continues its plain scalar in YAML, but was
    // taken for a blank line and left behind the new quoted value, which broke the YAML.
    let text = "---\nmodel: gemma4:27b\n  \u{b}\ntype: chat\n---\nbody\n";
    assert_eq!(
        set(text, &[("model", "\"0\"")]),
        "---\nmodel: \"0\"\ntype: chat\n---\nbody\n"
    );
}
