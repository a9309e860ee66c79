//! Tests of the `submit_arguments` module.

use serde_json::json;

use super::*;

fn submit(arguments: serde_json::Value) -> SubmitJobArguments {
    serde_json::from_value(arguments).unwrap()
}

#[test]
fn a_prompt_makes_a_generate_job_with_its_options() {
    let arguments = submit(json!({
        "model": "gemma4:27b", "prompt": "why?", "temperature": 0.2, "num_predict": 9,
        "format": {"type": "object"}, "retries": 2
    }));
    let spec = arguments.job_spec().unwrap();
    assert_eq!(spec.kind, JobKind::Generate as i32);
    assert_eq!(
        (spec.model.as_str(), spec.prompt.as_str()),
        ("gemma4:27b", "why?")
    );
    let options = spec.options.unwrap();
    assert_eq!(options.temperature, Some(0.2));
    assert_eq!(options.num_predict, Some(9));
    assert_eq!(options.format.as_deref(), Some(r#"{"type":"object"}"#));
    assert_eq!(spec.retries, 2);
    assert_eq!(arguments.wait_patience(), DEFAULT_WAIT);
    assert!(options.stop.is_empty() && options.top_p.is_none());
}

#[test]
fn stop_and_top_p_become_options() {
    let arguments = submit(json!({
        "model": "m", "prompt": "p", "stop": ["END", "\n\n"], "top_p": 0.9
    }));
    let options = arguments.job_spec().unwrap().options.unwrap();
    assert_eq!(options.stop, ["END", "\n\n"]);
    assert_eq!(options.top_p, Some(0.9));
}

#[test]
fn messages_make_a_chat_job() {
    let arguments = submit(json!({
        "model": "qwen2.5:14b", "format": "json", "wait_seconds": 99999,
        "messages": [{"role": "system", "content": "be brief"}, {"role": "user", "content": "hi"}]
    }));
    let spec = arguments.job_spec().unwrap();
    assert_eq!(spec.kind, JobKind::Chat as i32);
    assert_eq!(spec.messages[0].role, "system");
    assert_eq!(spec.messages[1].content, "hi");
    assert_eq!(spec.options.unwrap().format.as_deref(), Some("json"));
    assert_eq!(arguments.wait_patience(), MAX_WAIT);
}

#[test]
fn prompt_and_messages_together_or_neither_or_a_bad_format_are_refused() {
    for arguments in [
        json!({"model": "m"}),
        json!({"model": "m", "prompt": "p", "messages": []}),
        json!({"model": "m", "prompt": "p", "format": 3}),
    ] {
        let failure = submit(arguments.clone()).job_spec().unwrap_err();
        assert_eq!(
            failure.kind,
            crate::tool_failure::FailureKind::InvalidArgument,
            "{arguments}"
        );
    }
    let unknown = serde_json::from_value::<SubmitJobArguments>(json!({"model": "m", "promt": "p"}));
    assert!(unknown.unwrap_err().to_string().contains("promt"));
    let role =
        serde_json::from_value::<ChatMessageArgument>(json!({"role": "robot", "content": ""}));
    assert!(role.is_err());
}
