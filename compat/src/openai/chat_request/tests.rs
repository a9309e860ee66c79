//! What a chat completion request becomes, and what is refused by name.

use serde_json::json;

use super::*;

fn request(body: serde_json::Value) -> ChatCompletionRequest {
    serde_json::from_value(body).unwrap()
}

#[test]
fn every_supported_field_reaches_the_job() {
    let spec = request(json!({
        "model": "qwen2.5:14b",
        "messages": [
            {"role": "developer", "content": "be brief"},
            {"role": "user", "content": [{"type": "text", "text": "why"}, {"type": "text", "text": "is the sky blue"}]},
            {"role": "assistant", "content": null},
        ],
        "max_tokens": 10,
        "max_completion_tokens": 20,
        "temperature": 0.2,
        "top_p": 0.9,
        "seed": 7,
        "stop": "\n\n",
        "response_format": {"type": "json_object"},
        "user": "someone",
        "frequency_penalty": 0,
    }))
    .job_spec()
    .unwrap();
    assert_eq!(spec.model, "qwen2.5:14b");
    assert_eq!(spec.kind, JobKind::Chat as i32);
    let roles: Vec<&str> = spec.messages.iter().map(|m| m.role.as_str()).collect();
    assert_eq!(roles, ["system", "user", "assistant"]);
    assert_eq!(spec.messages[1].content, "why\nis the sky blue");
    let options = spec.options.unwrap();
    // max_completion_tokens replaces the deprecated max_tokens.
    assert_eq!(options.num_predict, Some(20));
    assert_eq!(options.temperature, Some(0.2));
    assert_eq!(options.top_p, Some(0.9));
    assert_eq!(options.seed, Some(7));
    assert_eq!(options.stop, ["\n\n"]);
    assert_eq!(options.format.as_deref(), Some("json"));
}

#[test]
fn a_json_schema_becomes_ollamas_format() {
    let spec = request(json!({
        "model": "m", "messages": [{"role": "user", "content": "x"}],
        "stop": ["a", "b"],
        "response_format": {"type": "json_schema", "json_schema": {"name": "n", "schema": {"type": "object"}}},
    }))
    .job_spec()
    .unwrap();
    let options = spec.options.unwrap();
    assert_eq!(options.format.as_deref(), Some(r#"{"type":"object"}"#));
    assert_eq!(options.stop, ["a", "b"]);
}

#[test]
fn what_cannot_be_honoured_is_refused_by_name() {
    let cases = [
        (json!({"n": 2}), "n"),
        (json!({"tools": [{"type": "function"}]}), "tools"),
        (json!({"logprobs": true}), "logprobs"),
        (json!({"messages": []}), "messages"),
        (
            json!({"messages": [{"role": "robot", "content": "x"}]}),
            "messages",
        ),
        (
            json!({"messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}]}),
            "messages",
        ),
        (
            json!({"response_format": {"type": "json_schema", "json_schema": {"name": "n"}}}),
            "response_format",
        ),
    ];
    for (overrides, param) in cases {
        let mut body = json!({"model": "m", "messages": [{"role": "user", "content": "x"}]});
        for (key, value) in overrides.as_object().unwrap() {
            body[key] = value.clone();
        }
        let refusal = request(body).job_spec().unwrap_err();
        assert_eq!(refusal.param, Some(param), "{}", refusal.message);
    }
}
