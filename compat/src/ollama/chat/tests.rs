//! An Ollama chat request becomes a chat job, or is refused in words.

use serde_json::json;

use super::*;

fn request(body: Value) -> ChatRequest {
    serde_json::from_value(body).unwrap()
}

#[test]
fn messages_and_options_become_a_chat_job() {
    let spec = request(json!({
        "model": "qwen2.5:14b",
        "messages": [{"role": "system", "content": "be brief"}, {"role": "user", "content": "hi"}],
        "options": {"temperature": 0.2, "num_ctx": 4096},
        "format": "json",
        "think": false,
    }))
    .job_spec()
    .unwrap()
    .unwrap();
    assert_eq!(spec.kind, JobKind::Chat as i32);
    assert_eq!(spec.model, "qwen2.5:14b");
    assert_eq!(spec.messages.len(), 2);
    assert_eq!(spec.messages[1].role, "user");
    assert_eq!(spec.messages[1].content, "hi");
    let options = spec.options.unwrap();
    assert_eq!(options.temperature, Some(0.2));
    assert_eq!(options.num_ctx, Some(4096));
    assert_eq!(options.format.as_deref(), Some("json"));
}

#[test]
fn no_messages_is_the_load_call_and_keep_alive_zero_an_unload_refused() {
    assert!(request(json!({"model": "m"})).job_spec().unwrap().is_none());
    let unload = request(json!({"model": "m", "keep_alive": 0}))
        .job_spec()
        .unwrap_err();
    assert_eq!(unload.param, Some("keep_alive"));
}

#[test]
fn images_tools_thinking_and_unknown_roles_are_refused() {
    for (body, param, words) in [
        (
            json!({"model": "m", "messages": [{"role": "user", "content": "x", "images": ["aGk="]}]}),
            "messages",
            "images",
        ),
        (
            json!({"model": "m", "messages": [{"role": "user", "content": "x"}], "tools": [{"type": "function"}]}),
            "tools",
            "tool calls",
        ),
        (
            json!({"model": "m", "messages": [{"role": "user", "content": "x"}], "think": "high"}),
            "think",
            "thinking",
        ),
        (
            json!({"model": "m", "messages": [{"role": "robot", "content": "x"}]}),
            "messages",
            "robot",
        ),
        (
            json!({"messages": [{"role": "user", "content": "x"}]}),
            "model",
            "model is required",
        ),
    ] {
        let refusal = request(body).job_spec().unwrap_err();
        assert_eq!(refusal.param, Some(param));
        assert!(refusal.message.contains(words), "{}", refusal.message);
    }
}

#[test]
fn an_empty_tools_list_and_images_list_are_fine() {
    let spec = request(json!({
        "model": "m", "tools": [],
        "messages": [{"role": "user", "content": "x", "images": []}, {"role": "assistant", "content": null}],
    }))
    .job_spec()
    .unwrap();
    assert!(spec.is_some());
}
