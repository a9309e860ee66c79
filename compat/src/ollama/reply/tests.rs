//! The chat and generate objects, and the statistics taken from the ended job.

use proto::v1::{JobSpec, JobTimings, OllamaStats, TokenUsage};

use super::*;

fn ollama_job() -> Job {
    Job {
        id: "01JOB".into(),
        served_model: "qwen2.5:14b".into(),
        spec: Some(JobSpec {
            model: "qwen2.5:14b".into(),
            ..Default::default()
        }),
        timings: Some(JobTimings {
            total_ms: Some(99),
            ollama: Some(OllamaStats {
                total_duration_ns: 5_000,
                load_duration_ns: 0,
                prompt_eval_count: 12,
                prompt_eval_duration_ns: 1_000,
                eval_count: 3,
                eval_duration_ns: 2_000,
                done_reason: "length".into(),
                prompt_eval_cached_count: None,
            }),
            ..Default::default()
        }),
        ..Default::default()
    }
}

#[test]
fn a_chat_chunk_is_the_assistants_text_not_done() {
    assert_eq!(
        chunk(Flavour::Chat, "m", "T", "Hel"),
        json!({"model": "m", "created_at": "T",
               "message": {"role": "assistant", "content": "Hel"}, "done": false})
    );
    assert_eq!(
        chunk(Flavour::Generate, "m", "T", "lo"),
        json!({"model": "m", "created_at": "T", "response": "lo", "done": false})
    );
}

#[test]
fn the_final_object_carries_ollamas_own_statistics_and_leaves_out_zeros() {
    let body = final_object(Flavour::Chat, &ollama_job(), "T", "");
    assert_eq!(
        body,
        json!({
            "model": "qwen2.5:14b", "created_at": "T",
            "message": {"role": "assistant", "content": ""},
            "done": true, "done_reason": "length",
            "total_duration": 5_000, "prompt_eval_count": 12, "prompt_eval_duration": 1_000,
            "eval_count": 3, "eval_duration": 2_000,
        })
    );
}

#[test]
fn a_provider_job_gives_its_usage_and_the_measured_total() {
    let job = Job {
        served_model: String::new(),
        spec: Some(JobSpec {
            model: "llama-3.3-70b".into(),
            ..Default::default()
        }),
        timings: Some(JobTimings {
            total_ms: Some(42),
            ..Default::default()
        }),
        usage: Some(TokenUsage {
            input_tokens: Some(9),
            output_tokens: Some(4),
            ..Default::default()
        }),
        output: "whole answer".into(),
        ..Default::default()
    };
    let body = final_object(Flavour::Generate, &job, "T", &job.output);
    assert_eq!(
        body,
        json!({
            "model": "llama-3.3-70b", "created_at": "T", "response": "whole answer",
            "done": true, "done_reason": "stop",
            "total_duration": 42_000_000, "prompt_eval_count": 9, "eval_count": 4,
        })
    );
}

#[test]
fn a_job_with_nothing_measured_has_no_statistics() {
    assert!(statistics(&Job::default()).is_empty());
}

#[test]
fn a_load_answer_is_done_with_reason_load() {
    assert_eq!(
        loaded(Flavour::Generate, "m", "T"),
        json!({"model": "m", "created_at": "T", "response": "", "done": true, "done_reason": "load"})
    );
}

#[test]
fn created_at_is_rfc3339_utc() {
    let now = now();
    assert!(DateTime::parse_from_rfc3339(&now).is_ok(), "{now}");
    assert!(now.ends_with('Z'), "{now}");
}
