//! Tests of loading the frontmatter YAML: broken, not a mapping, nested too deeply.

use super::*;

#[test]
fn broken_yaml_is_one_problem_naming_its_line() {
    let text = "---\ntype: chat\nmodel: [gemma\nstatus: submitted\n---\nhi\n";
    let found = problems("x.md", text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].property, None);
    assert_eq!(found[0].line, Some(4), "{}", found[0].message);
    let duplicated = "---\ntype: chat\ntype: generate\nmodel: m\nstatus: submitted\n---\nhi\n";
    let found = problems("x.md", duplicated);
    assert_eq!(places(&found), [(None, Some(3))], "{}", found[0].message);
    // saphyr names the line of the plain scalar it was scanning when it met the tab.
    let tab = "---\ntype: chat\nmodel: m\n\tstatus: submitted\n---\nhi\n";
    let found = problems("x.md", tab);
    assert_eq!(places(&found), [(None, Some(3))], "{}", found[0].message);
}

#[test]
fn no_frontmatter_and_non_mapping_frontmatter_are_problems() {
    assert_eq!(places(&problems("x.md", "just text")), [(None, Some(1))]);
    assert_eq!(
        places(&problems("x.md", "---\n- a\n- b\n---\n")),
        [(None, Some(2))]
    );
}

#[test]
fn deeply_nested_frontmatter_is_refused_without_parsing() {
    let deep = format!(
        "---\ntype: chat\nx: {}{}\n---\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let found = problems("x.md", &deep);
    assert_eq!(places(&found), [(None, Some(3))]);
}

#[test]
fn a_second_yaml_document_in_the_frontmatter_is_a_problem_not_lost_properties() {
    // Found by fuzzing: `---` ended by a lone CR is a document marker to YAML but not a
    // closing line, so `model` went unread and an edit appended properties after it.
    let lone_cr = "---\r\ntype: chat\r\nstatus: submitted\r\n---\rmodel: m\r\n---\r\nhi\r\n";
    let found = problems("x.md", lone_cr);
    assert_eq!(places(&found), [(None, Some(5))], "{}", found[0].message);
    // The problem names the line where the second document's properties begin.
    let marker_with_comment =
        "---\ntype: chat\nmodel: m\nstatus: submitted\n--- # more\ntitle: t\n---\nhi\n";
    let found = problems("x.md", marker_with_comment);
    assert_eq!(places(&found), [(None, Some(6))], "{}", found[0].message);
}
