//! Tests of the `stream_lines` module.

use super::*;

#[test]
fn lines_split_across_chunks_come_out_whole_and_blank_lines_are_skipped() {
    let mut lines = StreamLines::default();
    assert!(lines.push(b"data: {\"a\":").is_empty());
    assert_eq!(
        lines.push(b"1}\r\n\r\ndata: [DONE]\n{"),
        vec![b"data: {\"a\":1}".to_vec(), b"data: [DONE]".to_vec()]
    );
    assert_eq!(lines.push(b"}\n\n"), vec![b"{}".to_vec()]);
}
