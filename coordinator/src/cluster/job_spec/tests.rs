//! Unit tests of job spec validation.

use proto::v1::{ChatMessage, JobKind, JobSpec, ModelOptions};

use super::model_options::is_keep_alive;
use super::{canonical_model_name, validate_job_spec};

fn generate(model: &str, prompt: &str) -> JobSpec {
    JobSpec {
        kind: JobKind::Generate as i32,
        model: model.into(),
        prompt: prompt.into(),
        ..Default::default()
    }
}

fn error_of(spec: JobSpec) -> String {
    validate_job_spec(spec, 100).unwrap_err().0
}

#[test]
fn a_good_spec_passes_with_the_model_tag_filled_in() {
    let spec = validate_job_spec(generate(" qwen2.5 ", "hi"), 100).unwrap();
    assert_eq!(spec.model, "qwen2.5:latest");
    assert_eq!(
        validate_job_spec(generate("gemma4:27b", "hi"), 100)
            .unwrap()
            .model,
        "gemma4:27b"
    );
}

#[test]
fn bad_input_is_refused_with_what_to_change() {
    assert!(error_of(generate("", "hi")).contains("model is required"));
    assert!(error_of(generate("a b", "hi")).contains("not a model name"));
    assert!(error_of(generate("m", "  ")).contains("prompt is empty"));
    assert!(error_of(generate("m", &"x".repeat(101))).contains("over the limit of 100"));
    assert!(
        error_of(JobSpec {
            model: "m".into(),
            ..Default::default()
        })
        .contains("kind is required")
    );
    let chat = |role: &str| JobSpec {
        kind: JobKind::Chat as i32,
        model: "m".into(),
        messages: vec![ChatMessage {
            role: role.into(),
            content: "hi".into(),
        }],
        ..Default::default()
    };
    assert!(validate_job_spec(chat("user"), 100).is_ok());
    assert!(error_of(chat("wizard")).contains("role `wizard`"));
    let embed = JobSpec {
        kind: JobKind::Embed as i32,
        model: "m".into(),
        ..Default::default()
    };
    assert!(error_of(embed).contains("texts are empty"));
}

#[test]
fn options_are_checked() {
    let with = |options: ModelOptions| JobSpec {
        options: Some(options),
        ..generate("m", "hi")
    };
    assert!(
        error_of(with(ModelOptions {
            temperature: Some(f64::NAN),
            ..Default::default()
        }))
        .contains("temperature")
    );
    assert!(
        error_of(with(ModelOptions {
            num_ctx: Some(0),
            ..Default::default()
        }))
        .contains("num_ctx")
    );
    assert!(
        error_of(with(ModelOptions {
            keep_alive: Some("soon".into()),
            ..Default::default()
        }))
        .contains("keep_alive")
    );
    assert!(
        error_of(with(ModelOptions {
            format: Some("[1]".into()),
            ..Default::default()
        }))
        .contains("format")
    );
    let good = ModelOptions {
        temperature: Some(0.7),
        num_ctx: Some(8192),
        seed: Some(42),
        keep_alive: Some("1h30m".into()),
        format: Some(r#"{"type":"object"}"#.into()),
        num_predict: Some(10),
        stop: vec!["\n\n".into(), "END".into()],
        top_p: Some(0.9),
    };
    assert!(validate_job_spec(with(good), 100).is_ok());
}

#[test]
fn stop_and_top_p_are_checked() {
    let with = |options: ModelOptions| JobSpec {
        options: Some(options),
        ..generate("m", "hi")
    };
    let stop = |sequences: &[&str]| {
        with(ModelOptions {
            stop: sequences.iter().map(|s| (*s).to_owned()).collect(),
            ..Default::default()
        })
    };
    assert_eq!(
        error_of(stop(&["a", "b", "c", "d", "e"])),
        "stop has 5 sequences, over the limit of 4"
    );
    assert!(validate_job_spec(stop(&["a", "b", "c", "d"]), 100).is_ok());
    assert!(error_of(stop(&["a", ""])).contains("empty sequence"));
    let long = "x".repeat(257);
    assert_eq!(
        error_of(stop(&[long.as_str()])),
        "stop sequence is 257 bytes, over the limit of 256"
    );
    assert!(validate_job_spec(stop(&["x".repeat(256).as_str()]), 100).is_ok());
    let top_p = |value: f64| {
        with(ModelOptions {
            top_p: Some(value),
            ..Default::default()
        })
    };
    for bad in [-0.1, 1.5, f64::NAN, f64::INFINITY] {
        assert!(error_of(top_p(bad)).contains("top_p"), "{bad} passed");
    }
    for good in [0.0, 0.5, 1.0] {
        assert!(
            validate_job_spec(top_p(good), 100).is_ok(),
            "{good} refused"
        );
    }
}

#[test]
fn keep_alive_accepts_what_ollama_accepts() {
    for good in ["5m", "30s", "0", "-1", "1h30m", "300", "1.5h"] {
        assert!(is_keep_alive(good), "{good}");
    }
    for bad in ["", "-", "m5", "5 m", "forever", "5d"] {
        assert!(!is_keep_alive(bad), "{bad}");
    }
    assert_eq!(canonical_model_name("llama3.2"), "llama3.2:latest");
}

#[test]
fn system_is_taken_for_generate_jobs_only() {
    let mut with_system = generate("gemma4:27b", "hi");
    with_system.system = "answer in French".into();
    assert_eq!(
        validate_job_spec(with_system.clone(), 1024).unwrap().system,
        "answer in French"
    );
    let chat = JobSpec {
        kind: JobKind::Chat as i32,
        messages: vec![ChatMessage {
            role: "user".into(),
            content: "hi".into(),
        }],
        ..with_system.clone()
    };
    assert!(error_of(chat).contains("role `system`"));
    let embed = JobSpec {
        kind: JobKind::Embed as i32,
        texts: vec!["hi".into()],
        ..with_system.clone()
    };
    assert!(error_of(embed).contains("only for generate jobs"));
    with_system.system = "x".repeat(1024);
    assert!(error_of(with_system).contains("over the limit"));
}
