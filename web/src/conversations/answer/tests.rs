//! Tests of the `answer` module.

use proto::v1::{JobSpec, JobTimings, NodeIneligibility, OllamaStats};

use super::*;

#[test]
fn a_finished_job_gives_its_node_model_and_speed() {
    let job = Job {
        id: "J1".into(),
        spec: Some(JobSpec {
            model: "qwen2.5:14b".into(),
            ..Default::default()
        }),
        state: JobState::Succeeded as i32,
        node: "contabo".into(),
        served_model: "qwen2.5:14b".into(),
        output: "hello".into(),
        timings: Some(JobTimings {
            time_to_first_token_ms: Some(85),
            ollama: Some(OllamaStats {
                eval_count: 42,
                eval_duration_ns: 2_000_000_000,
                ..Default::default()
            }),
            ..Default::default()
        }),
        ..Default::default()
    };
    let answer = Answer::from_job(&job);
    assert_eq!(answer.state, AnswerState::Succeeded);
    assert_eq!(answer.time_to_first_token_ms, Some(85));
    assert_eq!(answer.tokens_per_second, Some(21.0));
    assert_eq!(
        (answer.node.as_str(), answer.content.as_str()),
        ("contabo", "hello")
    );
}

#[test]
fn running_is_pending_and_a_rejection_keeps_every_reason() {
    let running = Job {
        state: JobState::Running as i32,
        ..Default::default()
    };
    assert!(Answer::from_job(&running).is_pending());
    assert_eq!(tokens_per_second(&running), None);
    let rejected = Job {
        state: JobState::Rejected as i32,
        rejections: vec![NodeIneligibility {
            node: "davas".into(),
            reason: "davas: agent down since 10:00".into(),
            ..Default::default()
        }],
        ..Default::default()
    };
    let answer = Answer::from_job(&rejected);
    assert_eq!(answer.state, AnswerState::Rejected);
    assert_eq!(answer.rejections, vec!["davas: agent down since 10:00"]);
}
