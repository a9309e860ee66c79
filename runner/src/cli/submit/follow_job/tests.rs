//! Tests of the `follow_job` module.

use super::*;

#[test]
fn the_output_ends_with_exactly_one_newline() {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut sink = TokenSink::new(&mut out, &mut err);
    sink.write("Hello").unwrap();
    sink.write("").unwrap();
    sink.write(" world").unwrap();
    sink.finish_line().unwrap();
    sink.finish_line().unwrap();
    assert_eq!(out, b"Hello world\n");

    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut sink = TokenSink::new(&mut out, &mut err);
    sink.write("a poem\n").unwrap();
    sink.finish_line().unwrap();
    assert_eq!(out, b"a poem\n");
}

#[test]
fn no_output_means_no_blank_line() {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    TokenSink::new(&mut out, &mut err).finish_line().unwrap();
    assert!(out.is_empty());
}

#[test]
fn a_restart_is_marked_between_the_attempts() {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut sink = TokenSink::new(&mut out, &mut err);
    sink.write("partial").unwrap();
    let job = Job {
        attempt: 2,
        node: "homelab".into(),
        ..Default::default()
    };
    sink.restart(&job).unwrap();
    sink.write("whole answer").unwrap();
    sink.finish_line().unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), "partial\nwhole answer\n");
    let notice = String::from_utf8(err).unwrap();
    assert!(notice.contains("attempt 2 restarts on homelab"), "{notice}");
}
