//! Budget alerts: from `ClusterSnapshot.budgets`, one finding when a budget limit reaches 80 % of
//! its cap and one when it is exhausted, each once per (budget, limit, period). The memory of
//! what was said is saved with the alerts, so a restart of the alerter does not repeat them, and
//! a new period (another `period_start_ms`) re-arms both.
//!
//! A use that jumps from below 80 % straight to exhausted gets the exhausted finding only: it
//! says everything the 80 % one would (spent of cap, when it resets) and that jobs are being
//! rejected now, so a second message in the same moment would be noise.

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use proto::v1::{BudgetLimit, BudgetUse};
use serde::{Deserialize, Serialize};

use super::Finding;

/// The share of the cap at which the operator is warned.
pub const NEARLY_SPENT_SHARE: f64 = 0.8;

/// How far one budget limit got in its current period, as far as alerts went out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetStage {
    #[default]
    Below,
    NearlySpent,
    Exhausted,
}

/// What was alerted for one budget limit, and in which period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetMemory {
    pub period_start_ms: i64,
    pub stage: BudgetStage,
}

/// The memory key of one limit of one budget: `"<budget>/<limit>"` (a JSON object key).
pub fn budget_key(budget: &BudgetUse) -> String {
    let limit = BudgetLimit::try_from(budget.limit).unwrap_or(BudgetLimit::Unspecified);
    format!("{}/{}", budget.budget, limit.as_str_name())
}

/// Where a use stands now.
fn stage_of(budget: &BudgetUse) -> BudgetStage {
    let positive_cap = budget.cap > 0.0;
    if budget.exhausted || (positive_cap && budget.spent >= budget.cap) {
        BudgetStage::Exhausted
    } else if positive_cap && budget.spent >= budget.cap * NEARLY_SPENT_SHARE {
        BudgetStage::NearlySpent
    } else {
        BudgetStage::Below
    }
}

/// Compares each budget use with what was alerted and pushes the findings that are due.
/// Budgets no longer configured are forgotten.
pub fn observe_budgets(
    memory: &mut BTreeMap<String, BudgetMemory>,
    budgets: &[BudgetUse],
    now_ms: i64,
    findings: &mut Vec<Finding>,
) {
    memory.retain(|key, _| budgets.iter().any(|budget| budget_key(budget) == *key));
    for budget in budgets {
        let remembered = memory.entry(budget_key(budget)).or_default();
        if remembered.period_start_ms != budget.period_start_ms {
            *remembered = BudgetMemory {
                period_start_ms: budget.period_start_ms,
                stage: BudgetStage::Below,
            };
        }
        let stage = stage_of(budget);
        if stage <= remembered.stage {
            continue;
        }
        remembered.stage = stage;
        findings.push(match stage {
            BudgetStage::Exhausted => Finding::BudgetExhausted {
                budget: budget.clone(),
                at_ms: now_ms,
            },
            _ => Finding::BudgetNearlySpent {
                budget: budget.clone(),
                at_ms: now_ms,
            },
        });
    }
}
