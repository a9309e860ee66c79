//! A vault note naming no agent this build has ends failed at once, saying which it asked for.

use super::*;

#[tokio::test]
async fn an_unknown_agent_fails_without_a_step() {
    let deps = agents::AgentDeps {
        coordinator: client::Coordinator::lazy("http://127.0.0.1:1").unwrap(),
        vault: None,
        post: None,
        alerts: None,
    };
    let job = AgentJob {
        agent: "poetry".into(),
        model: "gemma4:27b".into(),
        input: "a haiku".into(),
        time_zone: "UTC".into(),
        source: "vault: Runner/inbox/x.md".into(),
        run_id: "vault-x".into(),
    };
    let run = VaultAgents(deps).run(job).await;
    assert_eq!((run.state.as_str(), run.id.as_str()), ("failed", "vault-x"));
    assert_eq!(run.error, "there is no `poetry` agent");
    assert!(run.steps.is_empty());
}
