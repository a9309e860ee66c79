//! Tests of the `render` module.

use super::*;

#[test]
fn tables_align_columns_and_trim_line_ends() {
    let mut table = Table::new(&["ID", "STATE", "REASON"]);
    table.push_row(vec!["01JA".into(), "succeeded".into(), String::new()]);
    table.push_row(vec!["01JBXY".into(), "failed".into(), "node_lost".into()]);
    assert_eq!(
        table.render_within(None),
        "ID      STATE      REASON\n01JA    succeeded\n01JBXY  failed     node_lost\n"
    );
}

#[test]
fn a_table_without_rows_is_its_header() {
    assert_eq!(
        Table::new(&["NAME", "STATE"]).render_within(None),
        "NAME  STATE\n"
    );
}

#[test]
fn truncation_keeps_one_line_and_marks_the_cut() {
    assert_eq!(truncate("short", 10), "short");
    assert_eq!(
        truncate("node_lost: davas stopped answering", 12),
        "node_lost: …"
    );
    assert_eq!(truncate("two\nlines", 20), "two lines");
    assert_eq!(truncate("ünïcödé", 4), "ünï…");
}

#[test]
fn an_empty_value_is_a_dash() {
    assert_eq!(or_dash(""), "-");
    assert_eq!(or_dash("x"), "x");
}
