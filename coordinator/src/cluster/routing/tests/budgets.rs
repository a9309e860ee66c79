//! A spent budget in routing: only the model and node it covers are ineligible, and the retry
//! wait is the first moment some node having the model can take the job again.

use proto::v1::{BudgetLimit, IneligibilityCode, NodeIneligibility, UnavailableModel};

use super::{NOW, connected, rejected};
use crate::cluster::routing::{RouteDecision, retry_wait_ms, route};
use crate::spend::Exhaustion;

const GEMMA: &str = "gemma4:27b";
const QWEN: &str = "qwen2.5:14b";
const IN_AN_HOUR: i64 = NOW + 3_600_000;

fn spent_budget(model: &str) -> Exhaustion {
    Exhaustion {
        budget: "gemma".into(),
        model: Some(model.into()),
        node: None,
        limit: BudgetLimit::DailyUsd,
        cap: 1.0,
        spent: 1.25,
        resets_at_ms: IN_AN_HOUR,
    }
}

fn reasons(decision: RouteDecision) -> Vec<NodeIneligibility> {
    match decision {
        RouteDecision::Rejected(reasons) => reasons,
        RouteDecision::Node(index) => panic!("expected a rejection, got node {index}"),
    }
}

#[test]
fn a_spent_budget_makes_only_its_model_ineligible_and_says_why() {
    let mut davas = connected("davas", &["gemma4:latest", QWEN], 1);
    davas.over_budget = vec![spent_budget("gemma4")];
    let nodes = vec![davas];
    let routes = Default::default();
    let why = rejected(route(&nodes, &routes, "gemma4:latest", 4, NOW));
    assert_eq!(why[0].1, IneligibilityCode::BudgetExhausted);
    assert_eq!(
        why[0].2,
        "davas: budget \"gemma\" daily_usd spent: $1.2500 of $1.00 today; resets 2026-11-26 01:00 UTC (in 1h 0m)"
    );
    assert_eq!(route(&nodes, &routes, QWEN, 4, NOW), RouteDecision::Node(0));
    // Its period over, the budget no longer counts, before the loop even looks again.
    assert_eq!(
        route(&nodes, &routes, "gemma4:latest", 4, IN_AN_HOUR),
        RouteDecision::Node(0)
    );
}

#[test]
fn the_retry_wait_is_the_first_node_back_over_rate_limits_and_budgets() {
    let mut davas = connected("davas", &[GEMMA], 1);
    davas.over_budget = vec![spent_budget(GEMMA)];
    let mut groq = connected("groq", &[GEMMA], 1);
    if let Some(status) = groq.status.as_mut() {
        status.unavailable.push(UnavailableModel {
            model: GEMMA.into(),
            code: IneligibilityCode::RateLimited as i32,
            reason: "429".into(),
            until_ms: NOW + 90_000,
        });
    }
    let mut nodes = vec![davas, groq, connected("contabo", &[QWEN], 1)];
    let routes = Default::default();
    let why = reasons(route(&nodes, &routes, GEMMA, 4, NOW));
    assert_eq!(retry_wait_ms(&nodes, &why, GEMMA, NOW), Some(90_000));
    // Rate limited and over budget at once: back when both have ended.
    nodes[1].over_budget = vec![spent_budget(GEMMA)];
    let why = reasons(route(&nodes, &routes, GEMMA, 4, NOW));
    assert_eq!(retry_wait_ms(&nodes, &why, GEMMA, NOW), Some(3_600_000));
    // A node that is merely down gives no wait to promise.
    nodes[1].link = None;
    let why = reasons(route(&nodes, &routes, GEMMA, 4, NOW));
    assert_eq!(retry_wait_ms(&nodes, &why, GEMMA, NOW), None);
}
