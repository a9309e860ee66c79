//! A whole answer as a `chat.completion`: the model that ran, the job in its id, usage only
//! when reported.

use proto::v1::{JobSpec, TokenUsage};

use super::*;

#[test]
fn the_answer_names_the_model_that_ran() {
    let job = Job {
        id: "01JOB".into(),
        spec: Some(JobSpec {
            model: "models/gemini-2.5-flash".into(),
            ..Default::default()
        }),
        served_model: "gemini-2.5-flash-001".into(),
        output: "blue".into(),
        created_at_ms: 1_700_000_000_999,
        usage: Some(TokenUsage {
            input_tokens: Some(2),
            output_tokens: Some(1),
            ..Default::default()
        }),
        ..Default::default()
    };
    let body = completion(&job);
    assert_eq!(body["id"], "chatcmpl-01JOB");
    assert_eq!(body["object"], "chat.completion");
    assert_eq!(body["created"], 1_700_000_000);
    assert_eq!(body["model"], "gemini-2.5-flash-001");
    assert_eq!(body["choices"][0]["message"]["content"], "blue");
    assert_eq!(body["choices"][0]["message"]["role"], "assistant");
    assert_eq!(body["choices"][0]["finish_reason"], "stop");
    assert_eq!(body["usage"]["total_tokens"], 3);
    let unanswered = Job {
        served_model: String::new(),
        usage: None,
        ..job
    };
    assert_eq!(served_model(&unanswered), "models/gemini-2.5-flash");
    assert!(completion(&unanswered).get("usage").is_none());
}
