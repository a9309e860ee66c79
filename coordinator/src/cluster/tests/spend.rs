//! Prices and budgets in the loop: a job's end reaches watchers only once its record (with its
//! cost) is durable, a cancelled job's late usage amends its record, and a spent budget
//! rejects only the model and node it covers, saying why and when to retry.

use std::time::Duration;

use proto::v1::{
    IneligibilityCode, JobCompletedOnNode, JobEvent, JobFailedOnNode, JobState, TokenUsage,
    agent_job_update, job_event,
};
use tokio::sync::mpsc;

use super::harness::{GEMMA, Harness, QWEN, START_MS};
use crate::clock::Clock;
use crate::cluster::ClusterEvent;
use crate::config::{BudgetConfig, PriceConfig, SpendConfig};

/// Everything a watcher hears until its stream ends (the job ended and its publisher let go),
/// waiting at most a few seconds in all.
pub async fn heard_until_the_end(updates: &mut mpsc::UnboundedReceiver<JobEvent>) -> Vec<JobEvent> {
    let mut heard = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while let Ok(Some(event)) = tokio::time::timeout_at(deadline, updates.recv()).await {
        heard.push(event);
    }
    assert!(
        updates.is_closed() || tokio::time::Instant::now() < deadline,
        "the stream did not end"
    );
    heard
}

/// $1 per million input tokens, $2 per million output, 10 cents per million cached.
fn gemma_price() -> PriceConfig {
    PriceConfig {
        model: GEMMA.into(),
        input_per_mtok: 1.0,
        output_per_mtok: 2.0,
        cached_input_per_mtok: 0.1,
    }
}

fn usage(input: u64, output: u64) -> TokenUsage {
    TokenUsage {
        input_tokens: Some(input),
        output_tokens: Some(output),
        cached_input_tokens: None,
        reasoning_tokens: None,
    }
}

fn complete_with(harness: &mut Harness, node: &str, id: &str, usage: TokenUsage) {
    let completed = JobCompletedOnNode {
        model: GEMMA.into(),
        usage: Some(usage),
        ..Default::default()
    };
    harness.update(node, id, agent_job_update::Event::Completed(completed));
}

#[tokio::test]
async fn the_end_reaches_watchers_after_the_priced_record_is_durable_and_last() {
    let spend = SpendConfig {
        prices: vec![gemma_price()],
        budgets: Vec::new(),
    };
    let mut harness = Harness::with_spend(&["davas"], &[], spend);
    harness.ready("davas", 1, &[GEMMA]);
    let submitted = harness
        .submit_spec(super::harness::generate(GEMMA, 0), true)
        .unwrap();
    let (id, mut updates) = (submitted.job.id, submitted.updates.unwrap());
    harness.started("davas", &id);
    complete_with(&mut harness, "davas", &id, usage(1_000_000, 500_000));
    // The loop has not waited for the disk: the record is readable at once, priced...
    let ended = harness.get(&id).unwrap();
    assert_eq!((ended.priced, ended.cost_usd), (true, Some(2.0)));
    // ...but the end is not yet told: only the start was.
    let mut told_at_once = Vec::new();
    while let Ok(event) = updates.try_recv() {
        told_at_once.push(event);
    }
    assert!(
        told_at_once
            .iter()
            .all(|event| !matches!(&event.event, Some(job_event::Event::Job(job)) if job.state == JobState::Succeeded as i32)),
        "the end was published before its record was durable: {told_at_once:?}"
    );
    let rest = heard_until_the_end(&mut updates).await;
    let Some(JobEvent {
        event: Some(job_event::Event::Job(last)),
    }) = rest.last()
    else {
        panic!("the last event is not the job's record: {rest:?}");
    };
    assert_eq!(last.state, JobState::Succeeded as i32);
    assert_eq!(last.cost_usd, Some(2.0));
    // Told only once durable: the store has the final record by now.
    let stored = harness.store.get(&id).unwrap().unwrap();
    assert_eq!((stored.state, stored.cost_usd), (last.state, Some(2.0)));
}

#[tokio::test]
async fn a_cancelled_jobs_late_usage_amends_its_record_and_cost() {
    let spend = SpendConfig {
        prices: vec![gemma_price()],
        budgets: Vec::new(),
    };
    let mut harness = Harness::with_spend(&["davas"], &[], spend);
    harness.ready("davas", 1, &[GEMMA]);
    let id = harness.accepted(GEMMA, 0);
    harness.started("davas", &id);
    let cancelled = harness.cancel(&id).unwrap();
    assert_eq!(cancelled.state, JobState::Cancelled as i32);
    assert_eq!((cancelled.priced, cancelled.cost_usd), (true, None));
    let failed = JobFailedOnNode {
        message: "cancelled".into(),
        cancelled: true,
        usage: Some(usage(2_000_000, 1_000_000)),
        ..Default::default()
    };
    harness.update("davas", &id, agent_job_update::Event::Failed(failed));
    let amended = harness.get(&id).unwrap();
    assert_eq!(amended.state, JobState::Cancelled as i32);
    assert_eq!(amended.usage, Some(usage(2_000_000, 1_000_000)));
    assert_eq!(amended.cost_usd, Some(4.0));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while harness.store.get(&id).unwrap().and_then(|job| job.cost_usd) != Some(4.0) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the amendment was not written"
        );
        tokio::task::yield_now().await;
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

#[tokio::test]
async fn a_spent_budget_rejects_only_its_model_on_its_node_until_midnight() {
    let spend = SpendConfig {
        prices: vec![gemma_price()],
        budgets: vec![BudgetConfig {
            name: "gemma on davas".into(),
            model: Some(GEMMA.into()),
            node: Some("davas".into()),
            daily_usd: Some(1.5),
            monthly_usd: None,
            daily_tokens: None,
        }],
    };
    let mut harness = Harness::with_spend(&["davas", "homelab"], &[(GEMMA, &["davas"])], spend);
    harness.ready("davas", 2, &[GEMMA, QWEN]);
    harness.ready("homelab", 1, &[QWEN]);
    let id = harness.accepted(GEMMA, 0);
    harness.started("davas", &id);
    complete_with(&mut harness, "davas", &id, usage(1_000_000, 500_000));
    let Err(rejected) = harness.submit(GEMMA, 0) else {
        panic!("{GEMMA} ran on davas over its budget");
    };
    assert_eq!(rejected.reasons.len(), 1);
    let reason = &rejected.reasons[0];
    assert_eq!(reason.code, IneligibilityCode::BudgetExhausted as i32);
    assert!(
        reason.reason.starts_with(
            "davas: budget \"gemma on davas\" daily_usd spent: $2.0000 of $1.50 today; resets "
        ),
        "{}",
        reason.reason
    );
    assert!(!rejected.transient, "a spent budget is not a passing fault");
    let midnight = crate::spend::period_bounds(crate::spend::Period::Day, START_MS).1;
    let now = harness.clock.now_ms();
    assert_eq!(rejected.retry_after_ms, Some((midnight - now) as u64));
    // Other models keep routing, on the same node too.
    assert!(harness.submit(QWEN, 0).is_ok());
    let gemma = harness
        .models()
        .into_iter()
        .find(|model| model.model == GEMMA)
        .unwrap();
    assert!(!gemma.available);
    assert_eq!(
        gemma.nodes[0].code,
        IneligibilityCode::BudgetExhausted as i32
    );
    let budgets = harness.ask(|reply| ClusterEvent::ListBudgets { reply });
    assert_eq!(budgets.len(), 1);
    assert!(budgets[0].exhausted && budgets[0].spent == 2.0 && budgets[0].cap == 1.5);
    // At midnight the budget is whole again (the clock moves without a heartbeat check, so
    // the silent agents are not declared lost).
    harness
        .clock
        .advance(Duration::from_millis((midnight - now) as u64));
    assert!(harness.submit(GEMMA, 0).is_ok());
}

#[tokio::test]
async fn a_price_or_budget_for_a_model_no_node_lists_is_named_once_after_the_agents_reported() {
    let mut typo = gemma_price();
    typo.model = "gemma4:27bb".into();
    let spend = SpendConfig {
        prices: vec![gemma_price(), typo],
        budgets: vec![BudgetConfig {
            name: "qwen".into(),
            model: Some("qwen2.5".into()),
            node: None,
            daily_usd: None,
            monthly_usd: None,
            daily_tokens: Some(10),
        }],
    };
    let mut harness = Harness::with_spend(&["davas"], &[], spend);
    harness.ready("davas", 1, &[GEMMA, "qwen2.5:latest"]);
    assert!(
        harness.cluster.warn_of_unlisted_spend_models().is_empty(),
        "too early: not every agent has had time to report"
    );
    harness.clock.advance(super::harness::HEARTBEAT_TIMEOUT);
    assert_eq!(
        harness.cluster.warn_of_unlisted_spend_models(),
        ["gemma4:27bb"]
    );
    assert!(
        harness.cluster.warn_of_unlisted_spend_models().is_empty(),
        "said once"
    );
}
