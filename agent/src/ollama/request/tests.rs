//! Tests of the `request` module.

use super::*;
use proto::v1::{ChatMessage, JobKind};

fn spec(kind: JobKind, options: Option<ModelOptions>) -> JobSpec {
    JobSpec {
        kind: kind as i32,
        model: "qwen2.5:14b".to_owned(),
        prompt: "why?".to_owned(),
        messages: vec![ChatMessage {
            role: "user".to_owned(),
            content: "hi".to_owned(),
        }],
        texts: vec!["a".to_owned(), "b".to_owned()],
        options,
        retries: 0,
        system: String::new(),
        ..JobSpec::default()
    }
}

#[test]
fn unset_options_are_left_out() {
    let body = chat_body(&spec(JobKind::Chat, Some(ModelOptions::default()))).unwrap();
    assert_eq!(
        body,
        json!({"model": "qwen2.5:14b", "messages": [{"role": "user", "content": "hi"}], "stream": true})
    );
}

#[test]
fn set_options_keep_alive_and_schema_are_mapped() {
    let options = ModelOptions {
        temperature: Some(0.5),
        num_ctx: Some(4096),
        seed: Some(-7),
        keep_alive: Some("-1".to_owned()),
        format: Some(r#"{"type": "object"}"#.to_owned()),
        num_predict: Some(64),
        ..Default::default()
    };
    let body = generate_body(&spec(JobKind::Generate, Some(options))).unwrap();
    assert_eq!(
        body["options"],
        json!({"temperature": 0.5, "num_ctx": 4096, "seed": -7, "num_predict": 64})
    );
    assert_eq!(body["keep_alive"], json!(-1));
    assert_eq!(body["format"], json!({"type": "object"}));
    assert_eq!(body["prompt"], json!("why?"));
}

#[test]
fn stop_and_top_p_go_into_options_only_when_set() {
    let options = ModelOptions {
        stop: vec!["\n\n".to_owned(), "END".to_owned()],
        top_p: Some(0.9),
        ..Default::default()
    };
    for body in [
        chat_body(&spec(JobKind::Chat, Some(options.clone()))).unwrap(),
        generate_body(&spec(JobKind::Generate, Some(options))).unwrap(),
    ] {
        assert_eq!(
            body["options"],
            json!({"stop": ["\n\n", "END"], "top_p": 0.9})
        );
    }
    let empty_stop = ModelOptions {
        stop: Vec::new(),
        temperature: Some(0.1),
        ..Default::default()
    };
    let body = chat_body(&spec(JobKind::Chat, Some(empty_stop))).unwrap();
    assert_eq!(body["options"], json!({"temperature": 0.1}));
}

#[test]
fn keep_alive_durations_and_json_mode_stay_strings() {
    let options = ModelOptions {
        keep_alive: Some("5m".to_owned()),
        format: Some("json".to_owned()),
        ..ModelOptions::default()
    };
    let body = chat_body(&spec(JobKind::Chat, Some(options.clone()))).unwrap();
    assert_eq!(body["keep_alive"], json!("5m"));
    assert_eq!(body["format"], json!("json"));
    let embed = embed_body(&spec(JobKind::Embed, Some(options))).unwrap();
    assert_eq!(embed["input"], json!(["a", "b"]));
    assert!(embed.get("format").is_none(), "{embed}");
}

#[test]
fn a_bad_schema_is_refused() {
    let options = ModelOptions {
        format: Some("{not json".to_owned()),
        ..ModelOptions::default()
    };
    let error = chat_body(&spec(JobKind::Chat, Some(options))).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("neither \"json\" nor a JSON schema"),
        "{error}"
    );
}

#[test]
fn generate_sends_the_system_message_only_when_set() {
    let plain = generate_body(&spec(JobKind::Generate, None)).unwrap();
    assert_eq!(
        plain,
        json!({"model": "qwen2.5:14b", "prompt": "why?", "stream": true})
    );
    let with_system = JobSpec {
        system: "answer in French".to_owned(),
        ..spec(JobKind::Generate, None)
    };
    let body = generate_body(&with_system).unwrap();
    assert_eq!(body["system"], "answer in French");
}
