//! Tests of the `show_job` module.

use proto::v1::{ChatMessage, JobKind, JobSpec, JobState, JobTimings, NodeIneligibility};

use super::*;

#[test]
fn a_finished_chat_job_shows_every_field() {
    let now = 1_709_210_396_000;
    let job = Job {
        id: "01JA".into(),
        spec: Some(JobSpec {
            kind: JobKind::Chat as i32,
            model: "gemma4:27b".into(),
            messages: vec![ChatMessage {
                role: "user".into(),
                content: "hi".into(),
            }],
            options: Some(ModelOptions {
                temperature: Some(0.2),
                keep_alive: Some("5m".into()),
                ..Default::default()
            }),
            ..Default::default()
        }),
        state: JobState::Succeeded as i32,
        node: "davas".into(),
        served_model: "gemma4:27b".into(),
        created_at_ms: now - 300_000,
        timings: Some(JobTimings {
            queued_ms: Some(12),
            time_to_first_token_ms: Some(85),
            total_ms: Some(1_230),
            ollama: Some(OllamaStats {
                prompt_eval_count: 12,
                eval_count: 42,
                eval_duration_ns: 1_100_000_000,
                done_reason: "stop".into(),
                ..Default::default()
            }),
        }),
        output: "Hello!\nHow can I help?".into(),
        attempt: 1,
        trace_id: "4bf92f3577b34da6a3ce929d0e0e4736".into(),
        ..Default::default()
    };
    let expected = "\
id         01JA
state      succeeded
kind       chat
model      gemma4:27b
served by  davas (gemma4:27b)
attempt    1
retries    0
options    temperature=0.2 keep_alive=5m
created    2024-02-29 12:34:56 UTC (5m ago)
queued     12 ms
ttft       85 ms
total      1.23 s
tokens     12 prompt, 42 generated (38.2 tokens/s)
ollama     total 0 ms, load 0 ms, prompt eval 0 ms, eval 1.10 s, done: stop
trace      4bf92f3577b34da6a3ce929d0e0e4736
messages:
  user: hi
output:
  Hello!
  How can I help?
";
    assert_eq!(job_details(&job, now), expected);
}

#[test]
fn a_rejected_job_lists_each_node_once() {
    let job = Job {
        id: "01JB".into(),
        state: JobState::Rejected as i32,
        reason: "no node can run gemma4:27b".into(),
        rejections: vec![
            NodeIneligibility {
                node: "davas".into(),
                code: 2,
                reason: "davas: agent down since 10:00".into(),
            },
            NodeIneligibility {
                node: "homelab".into(),
                code: 5,
                reason: "not routed".into(),
            },
        ],
        ..Default::default()
    };
    let text = job_details(&job, 0);
    assert!(
        text.contains("reason     no node can run gemma4:27b\n"),
        "{text}"
    );
    assert!(
        text.ends_with("rejections:\n  davas: agent down since 10:00\n  homelab: not routed\n"),
        "{text}"
    );
    assert!(!text.contains("served by"));
}

#[test]
fn a_provider_job_shows_its_usage_as_reported_and_its_warnings() {
    let job = Job {
        id: "01JB".into(),
        state: JobState::Succeeded as i32,
        node: "gemini".into(),
        served_model: "gemini-3.5-flash-lite".into(),
        usage: Some(TokenUsage {
            input_tokens: Some(38),
            output_tokens: Some(197),
            reasoning_tokens: Some(146),
            ..TokenUsage::default()
        }),
        warnings: vec![
            "gemini answered with model gemini-3.5-flash-lite, not models/gemini-2.5-flash".into(),
        ],
        ..Job::default()
    };
    let text = job_details(&job, 0);
    assert!(
        text.contains("tokens     38 in, 197 out (146 reasoning)\n"),
        "{text}"
    );
    assert!(
        text.contains("warning    gemini answered with model gemini-3.5-flash-lite"),
        "{text}"
    );
    let silent = Job {
        usage: Some(TokenUsage::default()),
        ..job
    };
    assert!(job_details(&silent, 0).contains("tokens     not reported\n"));
}
