//! Tests of the `table` module.

use super::*;

#[test]
fn columns_are_padded_to_the_widest_cell() {
    let mut table = MarkdownTable::new(&["path", "p50"]);
    table.push_row(vec!["direct".into(), "0.5".into()]);
    table.push_row(vec!["through cluster".into(), "12.25".into()]);
    assert_eq!(
        table.render(),
        "| path            | p50   |\n\
             | --------------- | ----- |\n\
             | direct          | 0.5   |\n\
             | through cluster | 12.25 |\n"
    );
}

#[test]
fn short_and_long_rows_keep_the_header_width() {
    let mut table = MarkdownTable::new(&["a", "b"]);
    table.push_row(vec!["x".into()]);
    table.push_row(vec!["1".into(), "2".into(), "dropped".into()]);
    let rendered = table.render();
    assert!(rendered.contains("| x   |     |\n"), "{rendered}");
    assert!(!rendered.contains("dropped"), "{rendered}");
}

#[test]
fn milliseconds_show_microseconds() {
    assert_eq!(milliseconds(Duration::from_micros(412)), "0.412");
    assert_eq!(milliseconds(Duration::from_millis(2_000)), "2000.000");
    assert_eq!(signed_milliseconds(0.4123), "+0.412");
    assert_eq!(signed_milliseconds(-0.02), "-0.020");
}
