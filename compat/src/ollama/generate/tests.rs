//! An Ollama generate request becomes a generate job, or is refused in words.

use serde_json::json;

use super::*;

fn request(body: Value) -> GenerateRequest {
    serde_json::from_value(body).unwrap()
}

#[test]
fn prompt_system_and_options_become_a_generate_job() {
    let spec = request(json!({
        "model": "gemma4:27b", "prompt": "why is the sky blue?", "system": "be brief",
        "stream": false, "options": {"seed": 3, "num_predict": 20}, "raw": false,
    }))
    .job_spec()
    .unwrap()
    .unwrap();
    assert_eq!(spec.kind, JobKind::Generate as i32);
    assert_eq!(spec.model, "gemma4:27b");
    assert_eq!(spec.prompt, "why is the sky blue?");
    assert_eq!(spec.system, "be brief");
    let options = spec.options.unwrap();
    assert_eq!((options.seed, options.num_predict), (Some(3), Some(20)));
}

#[test]
fn an_empty_prompt_is_the_load_call() {
    assert!(request(json!({"model": "m"})).job_spec().unwrap().is_none());
    assert!(
        request(json!({"model": "m", "prompt": "", "keep_alive": "0"}))
            .job_spec()
            .is_err()
    );
}

#[test]
fn what_a_job_cannot_carry_is_refused_by_name() {
    for (field, value) in [
        ("raw", json!(true)),
        ("images", json!(["aGk="])),
        ("suffix", json!("}")),
        ("template", json!("{{ .Prompt }}")),
        ("context", json!([1, 2, 3])),
        ("think", json!(true)),
    ] {
        let mut body = json!({"model": "m", "prompt": "p"});
        body[field] = value;
        let refusal = request(body).job_spec().unwrap_err();
        assert_eq!(refusal.param, Some(field));
        assert!(
            refusal.message.starts_with("llm-runner does not serve"),
            "{}",
            refusal.message
        );
    }
}
