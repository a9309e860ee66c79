//! The request body built from a job.

use proto::v1::{JobKind, JobSpec, ModelOptions};
use serde_json::json;

use super::chat_spec;
use crate::providers::ProviderErrorKind;
use crate::providers::gemini::request::generate_content_body;

#[test]
fn a_chat_has_model_turns_and_a_system_instruction() {
    let spec = chat_spec(
        "gemini-2.5-flash",
        &[
            ("system", "You are a helpful assistant"),
            ("user", "Say hi in Portuguese"),
            ("assistant", "Olá!"),
            ("user", "Again"),
        ],
    );
    assert_eq!(
        generate_content_body(&spec).unwrap(),
        json!({
            "contents": [
                {"role": "user", "parts": [{"text": "Say hi in Portuguese"}]},
                {"role": "model", "parts": [{"text": "Olá!"}]},
                {"role": "user", "parts": [{"text": "Again"}]},
            ],
            "systemInstruction": {"role": "user", "parts": [{"text": "You are a helpful assistant"}]},
        })
    );
}

#[test]
fn a_generate_job_is_one_user_turn_under_its_system_prompt() {
    let spec = JobSpec {
        kind: JobKind::Generate as i32,
        model: "gemini-2.5-flash".into(),
        prompt: "Say hi in Portuguese".into(),
        system: "You are a helpful assistant".into(),
        ..JobSpec::default()
    };
    let body = generate_content_body(&spec).unwrap();
    assert_eq!(
        body["contents"],
        json!([{"role": "user", "parts": [{"text": "Say hi in Portuguese"}]}])
    );
    assert_eq!(
        body["systemInstruction"]["parts"][0]["text"],
        "You are a helpful assistant"
    );
    assert!(body.get("generationConfig").is_none());
}

#[test]
fn options_become_the_generation_config() {
    let mut spec = chat_spec("gemini-2.5-flash", &[("user", "hi")]);
    spec.options = Some(ModelOptions {
        temperature: Some(0.25),
        num_predict: Some(4000),
        seed: Some(42),
        format: Some("json".into()),
        num_ctx: Some(8192),
        keep_alive: Some("5m".into()),
        stop: vec!["END".into()],
        top_p: Some(0.5),
    });
    let body = generate_content_body(&spec).unwrap();
    assert_eq!(
        body["generationConfig"],
        json!({"temperature": 0.25, "maxOutputTokens": 4000, "seed": 42, "responseMimeType": "application/json", "stopSequences": ["END"], "topP": 0.5})
    );
    assert!(body.get("systemInstruction").is_none());
}

#[test]
fn what_gemini_cannot_take_is_refused_before_sending() {
    let tool = chat_spec("gemini-2.5-flash", &[("tool", "42")]);
    assert_eq!(
        generate_content_body(&tool).unwrap_err().kind,
        ProviderErrorKind::Unsupported
    );
    let mut schema = chat_spec("gemini-2.5-flash", &[("user", "hi")]);
    schema.options = Some(ModelOptions {
        format: Some(r#"{"type":"object"}"#.into()),
        ..ModelOptions::default()
    });
    assert_eq!(
        generate_content_body(&schema).unwrap_err().kind,
        ProviderErrorKind::Unsupported
    );
    let mut big_seed = chat_spec("gemini-2.5-flash", &[("user", "hi")]);
    big_seed.options = Some(ModelOptions {
        seed: Some(1 << 40),
        ..ModelOptions::default()
    });
    assert_eq!(
        generate_content_body(&big_seed).unwrap_err().kind,
        ProviderErrorKind::BadRequest
    );
    let embed = JobSpec {
        kind: JobKind::Embed as i32,
        ..JobSpec::default()
    };
    assert_eq!(
        generate_content_body(&embed).unwrap_err().kind,
        ProviderErrorKind::BadRequest
    );
}

#[test]
fn an_empty_stop_list_sends_no_stop_sequences() {
    let mut spec = chat_spec("gemini-2.5-flash", &[("user", "hi")]);
    spec.options = Some(ModelOptions {
        stop: Vec::new(),
        ..Default::default()
    });
    assert!(
        generate_content_body(&spec)
            .unwrap()
            .get("generationConfig")
            .is_none()
    );
}
