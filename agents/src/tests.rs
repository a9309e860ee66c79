//! Tests: The agents' words, and runs that end early without a cluster.

use super::*;

#[test]
fn every_agent_reads_back_from_its_word() {
    for kind in AgentKind::ALL {
        assert_eq!(AgentKind::parse(kind.word()), Some(kind));
    }
    assert_eq!(AgentKind::parse("briefings"), None);
}

#[tokio::test]
async fn a_research_run_without_a_question_fails_saying_so_and_reports_its_end() {
    let coordinator = client::Coordinator::lazy("127.0.0.1:1").unwrap();
    let input = AgentInput {
        run_id: "r1".into(),
        agent: AgentKind::Research,
        model: "qwen2.5:14b".into(),
        input: "  ".into(),
        source: "test".into(),
        time_zone: chrono_tz::UTC,
    };
    let deps = AgentDeps {
        coordinator,
        vault: None,
        post: None,
        alerts: None,
    };
    let (sender, receiver) = watch::channel(AgentRun::default());
    let run = run_agent(input, deps, sender, CancellationToken::new()).await;
    assert_eq!(run.state, "failed");
    assert_eq!(run.error, "step plan failed: research needs a question");
    assert_eq!(run.input_tokens, None);
    assert_eq!(*receiver.borrow(), run);
}

#[tokio::test]
async fn a_model_step_against_a_coordinator_that_is_not_there_fails_the_run_in_words() {
    let coordinator = client::Coordinator::lazy("127.0.0.1:1").unwrap();
    let input = AgentInput {
        run_id: "r2".into(),
        agent: AgentKind::Research,
        model: "qwen2.5:14b".into(),
        input: "why is the sky blue?".into(),
        source: String::new(),
        time_zone: chrono_tz::UTC,
    };
    let deps = AgentDeps {
        coordinator,
        vault: None,
        post: None,
        alerts: None,
    };
    let (sender, _receiver) = watch::channel(AgentRun::default());
    let run = run_agent(input, deps, sender, CancellationToken::new()).await;
    assert_eq!(run.state, "failed");
    assert_eq!(run.steps.len(), 1);
    assert_eq!(run.steps[0].name, "plan");
    assert_eq!(run.steps[0].state, "failed");
    assert!(run.error.starts_with("step plan failed: "), "{}", run.error);
}
