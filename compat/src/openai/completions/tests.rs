//! One prompt becomes a generate job with the chat's options; the rest is refused by name.

use super::*;

fn request(body: Value) -> CompletionRequest {
    serde_json::from_value(body).unwrap()
}

#[test]
fn one_prompt_becomes_a_generate_job() {
    let spec = request(json!({
        "model": "qwen2.5:14b", "prompt": ["Once upon"], "max_tokens": 5, "stop": ["\n"], "seed": 1,
    }))
    .job_spec()
    .unwrap();
    assert_eq!(spec.kind, JobKind::Generate as i32);
    assert_eq!(spec.prompt, "Once upon");
    let options = spec.options.unwrap();
    assert_eq!(options.num_predict, Some(5));
    assert_eq!(options.stop, ["\n"]);
    assert_eq!(options.seed, Some(1));
}

#[test]
fn what_cannot_be_honoured_is_refused_by_name() {
    for (extra, param) in [
        (json!({"prompt": ["a", "b"]}), "prompt"),
        (json!({"prompt": [1, 2]}), "prompt"),
        (json!({"n": 3}), "n"),
        (json!({"suffix": "end"}), "suffix"),
        (json!({"echo": true}), "echo"),
        (json!({"logprobs": 2}), "logprobs"),
    ] {
        let mut body = json!({"model": "m", "prompt": "x"});
        for (key, value) in extra.as_object().unwrap() {
            body[key] = value.clone();
        }
        assert_eq!(request(body).job_spec().unwrap_err().param, Some(param));
    }
}

#[test]
fn the_answer_is_a_text_completion() {
    let job = Job {
        id: "01JOB".into(),
        output: "there was".into(),
        served_model: "qwen2.5:14b".into(),
        created_at_ms: 5_000,
        ..Default::default()
    };
    let body = text_completion(&job);
    assert_eq!(body["id"], "cmpl-01JOB");
    assert_eq!(body["object"], "text_completion");
    assert_eq!(body["created"], 5);
    assert_eq!(body["choices"][0]["text"], "there was");
    assert_eq!(body["choices"][0]["finish_reason"], "stop");
    assert!(body.get("usage").is_none());
}
