//! Tests of the `show_job` module.

use proto::v1::{
    ChatMessage, JobKind, JobSpec, JobState, JobTimings, NodeIneligibility, OllamaStats, TokenUsage,
};

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
            source: "vault: Runner/inbox/why-sky.md".into(),
            idempotency_key: "vault:01JA".into(),
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
source     vault: Runner/inbox/why-sky.md
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
ollama     total 0 ms, load 0 ms, prompt 0 ms, generation 1.10 s, done: stop
usage      not reported
cost       no price
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
        text.contains("usage      input 38, cached not reported, output 197, reasoning 146\n"),
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
    assert!(job_details(&silent, 0).contains("usage      not reported\n"));
}

#[test]
fn cost_is_dollars_no_price_or_unknown() {
    let ran = Job {
        id: "01JC".into(),
        state: JobState::Succeeded as i32,
        attempt: 1,
        priced: true,
        cost_usd: Some(0.012_34),
        ..Job::default()
    };
    assert!(job_details(&ran, 0).contains("cost       $0.0123\n"));
    let dear = Job {
        cost_usd: Some(1.625),
        ..ran.clone()
    };
    assert!(job_details(&dear, 0).contains("cost       $1.62\n"));
    let unknown = Job {
        cost_usd: None,
        ..ran.clone()
    };
    assert!(job_details(&unknown, 0).contains("cost       unknown (no usage reported)\n"));
    let unpriced = Job {
        priced: false,
        cost_usd: Some(0.0),
        ..ran.clone()
    };
    assert!(job_details(&unpriced, 0).contains("cost       no price\n"));
    let never_ran = Job {
        attempt: 0,
        cost_usd: None,
        priced: false,
        ..ran
    };
    let text = job_details(&never_ran, 0);
    assert!(!text.contains("cost") && !text.contains("usage"), "{text}");
}

#[test]
fn ollama_durations_and_its_cached_prompt_count_show() {
    let job = Job {
        id: "01JD".into(),
        attempt: 1,
        timings: Some(proto::v1::JobTimings {
            ollama: Some(proto::v1::OllamaStats {
                prompt_eval_count: 12,
                prompt_eval_cached_count: Some(8),
                eval_count: 4,
                load_duration_ns: 2_000_000_000,
                prompt_eval_duration_ns: 30_000_000,
                eval_duration_ns: 1_000_000_000,
                ..Default::default()
            }),
            ..Default::default()
        }),
        ..Job::default()
    };
    let text = job_details(&job, 0);
    assert!(
        text.contains("tokens     12 prompt (8 cached), 4 generated (4.0 tokens/s)\n"),
        "{text}"
    );
    assert!(
        text.contains("load 2.00 s, prompt 30 ms, generation 1.00 s"),
        "{text}"
    );
}
