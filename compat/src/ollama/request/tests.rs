//! The shared fields become a job's options; what a job cannot carry is refused or ignored as
//! documented.

use serde_json::json;

use super::*;

fn common(body: Value) -> Common {
    serde_json::from_value(body).unwrap()
}

#[test]
fn options_format_and_keep_alive_reach_the_job() {
    let request = common(json!({
        "model": "qwen2.5:14b",
        "format": {"type": "object"},
        "keep_alive": 300,
        "options": {"temperature": 0, "top_p": 0.9, "seed": 7, "num_ctx": 8192,
                    "num_predict": 64, "stop": ["\n\n"], "top_k": 40, "num_gpu": 99},
    }));
    assert!(request.streams());
    let options = request.model_options().unwrap();
    assert_eq!(options.temperature, Some(0.0));
    assert_eq!(options.top_p, Some(0.9));
    assert_eq!(options.seed, Some(7));
    assert_eq!(options.num_ctx, Some(8192));
    assert_eq!(options.num_predict, Some(64));
    assert_eq!(options.stop, ["\n\n"]);
    assert_eq!(options.keep_alive.as_deref(), Some("300"));
    assert_eq!(options.format.as_deref(), Some(r#"{"type":"object"}"#));
}

#[test]
fn defaults_stream_and_leave_options_unset() {
    let request = common(json!({"model": "m", "format": "", "options": {"num_predict": -1}}));
    assert!(request.streams());
    let options = request.model_options().unwrap();
    assert_eq!(options, ModelOptions::default());
    assert!(!common(json!({"stream": false})).streams());
}

#[test]
fn json_format_one_stop_and_a_duration_text_are_taken() {
    let request = common(json!({"format": "json", "keep_alive": "5m", "options": {"stop": "END"}}));
    let options = request.model_options().unwrap();
    assert_eq!(options.format.as_deref(), Some("json"));
    assert_eq!(options.keep_alive.as_deref(), Some("5m"));
    assert_eq!(options.stop, ["END"]);
}

#[test]
fn a_bad_format_num_predict_or_missing_model_is_refused() {
    let error = common(json!({"format": "yaml"}))
        .model_options()
        .unwrap_err();
    assert_eq!(error.param, Some("format"));
    let error = common(json!({"options": {"num_predict": -2}}))
        .model_options()
        .unwrap_err();
    assert!(
        error.message.contains("num_predict -2"),
        "{}",
        error.message
    );
    assert_eq!(
        common(json!({})).model().unwrap_err().message,
        "model is required"
    );
}

#[test]
fn keep_alive_zero_unloads() {
    assert!(common(json!({"keep_alive": 0})).unloads());
    assert!(common(json!({"keep_alive": "0"})).unloads());
    assert!(!common(json!({"keep_alive": "5m"})).unloads());
    assert!(!common(json!({})).unloads());
}
