//! The exposition carries described, well-named series for jobs and the cluster view.

use proto::v1::{
    IneligibilityCode, Job, JobSpec, JobState, JobTimings, ModelAvailability, Node,
    NodeAvailability, NodeIneligibility, NodeState, OllamaStats,
};

use super::{Metrics, record_idempotent_replay, record_job_end, record_rejection};

#[test]
fn jobs_rejections_and_the_cluster_view_are_exposed() {
    let metrics = Metrics::install().unwrap();
    let spec = Some(JobSpec {
        model: "gemma4:27b".into(),
        ..Default::default()
    });
    let done = Job {
        spec: spec.clone(),
        node: "davas".into(),
        state: JobState::Succeeded as i32,
        timings: Some(JobTimings {
            queued_ms: Some(3),
            time_to_first_token_ms: Some(80),
            total_ms: Some(1200),
            ollama: Some(OllamaStats {
                prompt_eval_count: 12,
                eval_count: 40,
                ..Default::default()
            }),
        }),
        ..Default::default()
    };
    record_job_end(&done);
    let rejected = Job {
        spec,
        state: JobState::Rejected as i32,
        ..Default::default()
    };
    let reason = NodeIneligibility {
        node: "davas".into(),
        code: IneligibilityCode::AgentDown as i32,
        reason: "down".into(),
    };
    record_rejection(&rejected, std::slice::from_ref(&reason), true);
    let typo = Job {
        spec: Some(JobSpec {
            model: "gemma4:latets".into(),
            ..Default::default()
        }),
        state: JobState::Rejected as i32,
        ..Default::default()
    };
    record_rejection(&typo, &[reason], false);
    let nodes = vec![Node {
        name: "davas".into(),
        state: NodeState::Down as i32,
        ..Default::default()
    }];
    let models = vec![ModelAvailability {
        model: "gemma4:27b".into(),
        nodes: vec![NodeAvailability {
            node: "davas".into(),
            ..Default::default()
        }],
        ..Default::default()
    }];
    let text = metrics.render(&nodes, &models);
    for expected in [
        "# HELP llm_runner_jobs_total",
        r#"llm_runner_jobs_total{model="gemma4:27b",node="davas",outcome="succeeded"} 1"#,
        r#"llm_runner_rejections_total{model="gemma4:27b",node="davas",reason="agent_down"} 1"#,
        r#"llm_runner_rejections_total{model="unlisted",node="davas",reason="agent_down"} 1"#,
        r#"llm_runner_completion_tokens_total{model="gemma4:27b",node="davas"} 40"#,
        "llm_runner_job_time_to_first_token_seconds_bucket",
        r#"llm_runner_nodes{state="down"} 1"#,
        r#"llm_runner_model_available{model="gemma4:27b",node="davas"} 0"#,
    ] {
        assert!(text.contains(expected), "missing {expected} in:\n{text}");
    }
    assert!(
        !text.contains("latets"),
        "a typo became a label value:\n{text}"
    );
    let help = text
        .lines()
        .find(|line| line.starts_with("# HELP llm_runner_rejections_total"))
        .unwrap();
    assert!(help.contains("unlisted"), "{help}");
}

#[test]
fn repeated_jobs_add_up_in_the_same_series() {
    let metrics = Metrics::install().unwrap();
    let job = |node: &str, state: JobState| Job {
        spec: Some(JobSpec {
            model: "repeat:1b".into(),
            ..Default::default()
        }),
        node: node.into(),
        state: state as i32,
        timings: Some(JobTimings {
            total_ms: Some(10),
            ..Default::default()
        }),
        ..Default::default()
    };
    for _ in 0..3 {
        record_job_end(&job("n1", JobState::Succeeded));
    }
    record_job_end(&job("n2", JobState::Succeeded));
    record_job_end(&job("n1", JobState::Failed));
    let text = metrics.render(&[], &[]);
    for expected in [
        r#"llm_runner_jobs_total{model="repeat:1b",node="n1",outcome="succeeded"} 3"#,
        r#"llm_runner_jobs_total{model="repeat:1b",node="n2",outcome="succeeded"} 1"#,
        r#"llm_runner_jobs_total{model="repeat:1b",node="n1",outcome="failed"} 1"#,
        r#"llm_runner_job_duration_seconds_count{model="repeat:1b",outcome="succeeded"} 4"#,
        r#"llm_runner_job_duration_seconds_count{model="repeat:1b",outcome="failed"} 1"#,
    ] {
        assert!(text.contains(expected), "missing {expected} in:\n{text}");
    }
    // Series that were never recorded are not shown.
    assert!(!text.contains(r#"llm_runner_prompt_tokens_total{model="repeat:1b""#));
    assert!(!text.contains(r#"llm_runner_job_queue_wait_seconds_count{model="repeat:1b""#));
}

#[test]
fn tokens_by_kind_and_cost_are_exposed_and_an_amendment_adds_only_the_difference() {
    let metrics = Metrics::install().unwrap();
    let ended = Job {
        spec: Some(JobSpec {
            model: "spend:1b".into(),
            ..Default::default()
        }),
        node: "anthropic".into(),
        usage: Some(proto::v1::TokenUsage {
            input_tokens: Some(100),
            output_tokens: Some(50),
            cached_input_tokens: Some(30),
            reasoning_tokens: None,
        }),
        cost_usd: Some(0.5),
        priced: true,
        ..Default::default()
    };
    super::record_spend(&ended);
    let mut amended = ended.clone();
    amended.usage = amended.usage.map(|usage| proto::v1::TokenUsage {
        output_tokens: Some(70),
        ..usage
    });
    amended.cost_usd = Some(0.75);
    super::record_spend_amendment(&ended, &amended);
    let text = metrics.render(&[], &[]);
    for expected in [
        "# HELP llm_runner_tokens_total",
        "# HELP llm_runner_cost_usd_total",
        "# TYPE llm_runner_cost_usd_total counter",
        r#"llm_runner_tokens_total{model="spend:1b",node="anthropic",kind="input"} 100"#,
        r#"llm_runner_tokens_total{model="spend:1b",node="anthropic",kind="output"} 70"#,
        r#"llm_runner_tokens_total{model="spend:1b",node="anthropic",kind="cached_input"} 30"#,
        r#"llm_runner_cost_usd_total{model="spend:1b",node="anthropic"} 0.75"#,
    ] {
        assert!(text.contains(expected), "missing {expected} in:\n{text}");
    }
    // A count the backend did not report is not counted as 0.
    assert!(!text.contains(r#"model="spend:1b",node="anthropic",kind="reasoning""#));
}

#[test]
fn a_cost_label_value_is_escaped_as_the_exposition_format_asks() {
    assert_eq!(
        super::spend_metrics::label_value("a\\b\"c\nd"),
        "a\\\\b\\\"c\\nd"
    );
}

/// The replays counted so far, as the exposition shows them (0 before the first).
fn replays(text: &str) -> u64 {
    text.lines()
        .find_map(|line| line.strip_prefix("llm_runner_idempotent_replays_total "))
        .map_or(0, |value| value.trim().parse().unwrap())
}

#[test]
fn idempotent_replays_are_counted_and_described() {
    let metrics = Metrics::install().unwrap();
    let before = replays(&metrics.render(&[], &[]));
    record_idempotent_replay();
    record_idempotent_replay();
    let text = metrics.render(&[], &[]);
    // Other tests of this binary may replay too when run in one process: at least these two.
    assert!(replays(&text) >= before + 2, "{text}");
    assert!(
        text.contains("# HELP llm_runner_idempotent_replays_total"),
        "{text}"
    );
}
