//! Tests of the `fit` module.

use super::super::Table;

fn long_table() -> Table {
    let mut table = Table::new(&["NAME", "STATE", "CPU", "REASON"]).optional(&["CPU"]);
    table.push_row(vec![
        "davas".into(),
        "down".into(),
        "12% of 16".into(),
        "agent down since 2026-12-02T18:10:58Z (0 s): its stream closed ".repeat(4),
    ]);
    table.push_row(vec![
        "homelab".into(),
        "ready".into(),
        "3% of 4".into(),
        String::new(),
    ]);
    table
}

#[test]
fn a_width_cuts_the_last_column_with_an_ellipsis() {
    let text = long_table().render_within(Some(60));
    assert!(
        text.lines().all(|line| line.chars().count() <= 60),
        "{text}"
    );
    let davas = text.lines().nth(1).unwrap();
    assert!(
        davas.ends_with('…') && davas.contains("agent down since"),
        "{davas}"
    );
    assert!(text.contains("12% of 16"), "CPU fits, so it stays: {text}");
}

#[test]
fn optional_columns_give_way_before_the_last_gets_too_narrow() {
    let text = long_table().render_within(Some(40));
    assert!(
        text.lines().all(|line| line.chars().count() <= 40),
        "{text}"
    );
    assert!(
        !text.contains("CPU") && !text.contains("12% of 16"),
        "{text}"
    );
    assert!(text.contains("agent down since"), "{text}");
}

#[test]
fn no_width_shows_everything() {
    let text = long_table().render_within(None);
    let reason = "agent down since 2026-12-02T18:10:58Z (0 s): its stream closed ".repeat(4);
    assert!(text.contains(reason.trim_end()), "{text}");
    assert!(text.contains("12% of 16"));
}
