//! One event at a time: text without thoughts, the newest usage replacing the last, and what
//! makes an answer complete.

use settings::Secret;

use super::fake_gemini::KEY;
use super::recordings::{SINGLE_CHUNK, multi_chunk};
use crate::providers::ProviderErrorKind;
use crate::providers::gemini::stream_progress::Progress;

/// The JSON of a recorded `data: …\r\n\r\n` frame.
fn data_of(frame: &str) -> String {
    frame.trim_start_matches("data: ").trim_end().to_owned()
}

#[test]
fn each_chunk_gives_its_text_and_the_last_usage_wins() {
    let key = Secret::new(KEY);
    let mut progress = Progress::default();
    let frames = multi_chunk();
    let texts: Vec<String> = [&frames[0], &frames[1], &frames[3]]
        .into_iter()
        .map(|frame| progress.take_event(&data_of(frame), &key).unwrap())
        .collect();
    assert_eq!(texts, vec!["", "{\"name\": ", "\"Ada\"}"]);
    let completion = progress.finish().unwrap();
    assert_eq!(completion.usage.input_tokens, Some(38));
    assert_eq!(completion.usage.output_tokens, Some(197));
    assert_eq!(completion.stop_reason, "STOP");
}

#[test]
fn without_a_finish_reason_the_answer_is_interrupted() {
    let key = Secret::new(KEY);
    let mut progress = Progress::default();
    progress
        .take_event(&data_of(&multi_chunk()[0]), &key)
        .unwrap();
    let error = progress.finish().unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::Interrupted);
    assert_eq!(error.partial_usage.unwrap().reasoning_tokens, Some(146));
}

#[test]
fn an_error_event_carries_the_usage_so_far() {
    let key = Secret::new(KEY);
    let mut progress = Progress::default();
    let no_finish = SINGLE_CHUNK.replace("\"finishReason\": \"STOP\",", "");
    assert_eq!(
        progress.take_event(&data_of(&no_finish), &key).unwrap(),
        "Olá!"
    );
    let error = progress
        .take_event(r#"{"error": {"code": 500, "message": "An internal error has occurred.", "status": "INTERNAL"}}"#, &key)
        .unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::Interrupted);
    assert_eq!(error.partial_usage.unwrap().output_tokens, Some(23));
}
