//! Agent notes with a fake `AgentJobs`: the run asked for, its end in the result's facts
//! (answer, sources, steps, token sums; every node's reason for a rejection; the briefing's
//! link and summary), "unavailable" without agents, nothing written when shutting down.

use std::sync::Mutex;

use futures::future::BoxFuture;
use proto::v1::AgentStep;

use super::*;
use crate::job_note::parse_job_note;
use crate::ledger::tests::claimed_job;
use crate::worker::agent_jobs::{AgentJob, AgentJobs};
use crate::worker::shared::tests::TestWorker;

/// Answers every run with `run` (its id set to the run asked for), keeping each request;
/// with `hang`, never answers.
struct FakeAgents {
    run: AgentRun,
    hang: bool,
    asked: Mutex<Vec<AgentJob>>,
}

impl AgentJobs for FakeAgents {
    fn run(&self, job: AgentJob) -> BoxFuture<'static, AgentRun> {
        let mut run = self.run.clone();
        run.id = job.run_id.clone();
        self.asked.lock().unwrap().push(job);
        let hang = self.hang;
        Box::pin(async move {
            if hang {
                std::future::pending::<()>().await;
            }
            run
        })
    }
}

fn step(name: &str, state: &str, job_id: &str, tokens: Option<u64>) -> AgentStep {
    AgentStep {
        name: name.into(),
        state: state.into(),
        job_id: job_id.into(),
        input_tokens: tokens,
        output_tokens: tokens,
        ..AgentStep::default()
    }
}

fn answered() -> AgentRun {
    AgentRun {
        state: "succeeded".into(),
        output: "Rayleigh scattering.".into(),
        citations: vec!["Physics/Light.md".into()],
        steps: vec![
            step("plan", "succeeded", "J1", Some(10)),
            step("search 1", "succeeded", "", None),
            step("final", "succeeded", "J2", Some(20)),
        ],
        input_tokens: Some(30),
        output_tokens: Some(30),
        started_at_ms: 1_000,
        ended_at_ms: Some(4_000),
        ..AgentRun::default()
    }
}

fn research_note() -> JobNote {
    let text = "---\ntype: research\nmodel: gemma4:27b\nstatus: submitted\n---\nWhy blue?\n";
    parse_job_note("q.md", text).unwrap()
}

fn fake(run: AgentRun, hang: bool) -> Arc<FakeAgents> {
    Arc::new(FakeAgents {
        run,
        hang,
        asked: Mutex::default(),
    })
}

#[tokio::test]
async fn a_research_note_is_answered_by_the_run_with_its_steps() {
    let agents = fake(answered(), false);
    let worker = TestWorker::with_agent_jobs(agents.clone());
    let job = claimed_job("j1", "q.md", 5);
    let facts = run_agent_job(
        &worker.shared,
        &job,
        &research_note(),
        ResultFacts::default(),
    )
    .await
    .unwrap();
    let asked = agents.asked.lock().unwrap().clone();
    assert_eq!(asked.len(), 1);
    assert_eq!(
        (asked[0].input.as_str(), asked[0].run_id.as_str()),
        ("Why blue?", "vault-j1")
    );
    assert_eq!(facts.outcome, Some(Outcome::Succeeded));
    assert_eq!(facts.answer, "Rayleigh scattering.");
    assert_eq!(facts.cited, ["Physics/Light.md"]);
    assert_eq!(
        (facts.input_tokens, facts.output_tokens),
        (Some(30), Some(30))
    );
    assert_eq!(facts.run_id.as_deref(), Some("vault-j1"));
    let jobs: Vec<&str> = facts
        .steps
        .iter()
        .map(|step| step.job_id.as_str())
        .collect();
    assert_eq!(jobs, ["J1", "", "J2"]);
    assert_eq!((facts.finished_ms, facts.duration_ms), (4_000, Some(3_000)));
}

#[test]
fn a_rejected_step_gives_every_nodes_reason() {
    let mut run = answered();
    run.state = "failed".into();
    run.error = "step plan was rejected: …".into();
    run.steps = vec![AgentStep {
        error: "no node can run gemma4:27b: davas: agent down; m2: model not pulled".into(),
        ..step("plan", "rejected", "J9", None)
    }];
    let facts = facts_from_run(ResultFacts::default(), JobType::Research, &run);
    assert_eq!(facts.outcome, Some(Outcome::Rejected));
    assert_eq!(facts.reason, "davas: agent down\nm2: model not pulled");
    run.steps[0].state = "failed".into();
    let failed = facts_from_run(ResultFacts::default(), JobType::Research, &run);
    assert_eq!(
        (failed.outcome, failed.reason.as_str()),
        (Some(Outcome::Failed), "step plan was rejected: …")
    );
}

#[test]
fn a_briefing_links_its_note_and_gives_the_summary() {
    let mut run = answered();
    run.note_path = "Runner/briefings/2026-12-02.md".into();
    run.output = "# Briefing\n\nthe whole note".into();
    run.steps = vec![AgentStep {
        output: "A quiet day.".into(),
        ..step("summary", "succeeded", "J3", Some(5))
    }];
    let facts = facts_from_run(ResultFacts::default(), JobType::Briefing, &run);
    assert_eq!(
        facts.answer,
        "Briefing: [[Runner/briefings/2026-12-02]]\n\nA quiet day."
    );
}

#[tokio::test]
async fn without_agents_the_note_is_answered_unavailable() {
    let worker = TestWorker::new();
    let job = claimed_job("j1", "q.md", 5);
    let facts = run_agent_job(
        &worker.shared,
        &job,
        &research_note(),
        ResultFacts::default(),
    )
    .await
    .unwrap();
    assert_eq!(facts.outcome, Some(Outcome::Unavailable));
    assert!(facts.reason.contains("no agents"), "{}", facts.reason);
}

#[tokio::test]
async fn a_shutdown_mid_run_writes_nothing() {
    let worker = TestWorker::with_agent_jobs(fake(answered(), true));
    worker.shared.shutdown.cancel();
    let job = claimed_job("j1", "q.md", 5);
    let facts = run_agent_job(
        &worker.shared,
        &job,
        &research_note(),
        ResultFacts::default(),
    )
    .await;
    assert_eq!(facts, None);
}
