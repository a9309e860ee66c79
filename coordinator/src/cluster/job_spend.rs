//! What jobs cost, as the loop keeps it: each job that ran is priced when it ends (at the
//! price in force then, kept on its record), counted toward the budgets covering it, and a
//! spent budget is shared with the nodes it covers so routing sees it.

use proto::v1::{BudgetUse, Job, JobState, UsageRow};

use super::main_loop::Cluster;
use crate::config::{BudgetConfig, SpendConfig};
use crate::spend::{Budgets, Exhaustion, Prices};

/// Prices, budgets and the models they name.
#[derive(Debug, Default)]
pub struct JobSpend {
    pub prices: Prices,
    pub budgets: Budgets,
    /// The `[[budgets]]` entries, to rebuild the state from the ledger after a restart.
    budget_config: Vec<BudgetConfig>,
    /// The spent limits last shared with the nodes.
    shared: Vec<Exhaustion>,
    /// The models `[[prices]]` and `[[budgets]]` name, checked against the nodes' lists once
    /// every agent has had time to report.
    named_models: Vec<String>,
    /// When that check is due (Unix ms); `None` once it was made.
    check_models_at_ms: Option<i64>,
}

impl JobSpend {
    pub fn new(config: &SpendConfig, now_ms: i64, check_models_at_ms: i64) -> Self {
        let mut named_models: Vec<String> = config
            .prices
            .iter()
            .map(|price| price.model.clone())
            .chain(
                config
                    .budgets
                    .iter()
                    .filter_map(|budget| budget.model.clone()),
            )
            .collect();
        named_models.sort();
        named_models.dedup();
        Self {
            prices: Prices::new(&config.prices),
            budgets: Budgets::new(&config.budgets, now_ms),
            budget_config: config.budgets.clone(),
            shared: Vec::new(),
            check_models_at_ms: (!named_models.is_empty()).then_some(check_models_at_ms),
            named_models,
        }
    }
}

impl Cluster {
    /// Prices a job that ran and counts it toward its budgets; a job that never started (a
    /// queued job cancelled, one stopped with the coordinator) has no cost.
    pub(super) fn charge(&mut self, job: &mut Job) {
        if job.started_at_ms == 0 && job.usage.is_none() {
            return;
        }
        self.spend.prices.price(job);
        crate::metrics::record_spend(job);
        self.count_toward_budgets(job, job.cost_usd, tokens(job));
    }

    /// A cancelled job's usage, reported by its agent after the job ended: its record is
    /// amended (cost recomputed and written again), and the difference counted.
    pub(super) fn amend_cancelled(&mut self, job_id: &str, usage: proto::v1::TokenUsage) {
        let Some(before) = self.recent.get(job_id).cloned() else {
            return;
        };
        if before.state != JobState::Cancelled as i32 || before.usage.is_some() {
            return;
        }
        let mut after = before.clone();
        after.usage = Some(usage);
        self.spend.prices.price(&mut after);
        crate::metrics::record_spend_amendment(&before, &after);
        let added_usd = after
            .cost_usd
            .map(|cost| cost - before.cost_usd.unwrap_or(0.0));
        let added_tokens = tokens(&after).saturating_sub(tokens(&before));
        self.count_toward_budgets(&after, added_usd, added_tokens);
        tracing::info!(job_id, cost_usd = ?after.cost_usd, "cancelled job's usage recorded");
        self.writer.write(after.clone(), None);
        self.recent.remember(after);
        self.changed();
    }

    fn count_toward_budgets(&mut self, job: &Job, cost_usd: Option<f64>, tokens: u64) {
        if self.spend.budgets.is_empty() {
            return;
        }
        let model = job.spec.as_ref().map(|spec| spec.model.as_str());
        let now = self.clock.now_ms();
        self.spend
            .budgets
            .record(model.unwrap_or_default(), &job.node, cost_usd, tokens, now);
        self.share_spent_budgets(now);
    }

    /// Hands each node the spent limits covering it, when they changed.
    fn share_spent_budgets(&mut self, now_ms: i64) {
        let exhausted = self.spend.budgets.exhausted(now_ms);
        if exhausted == self.spend.shared {
            return;
        }
        for limit in exhausted
            .iter()
            .filter(|limit| !self.spend.shared.contains(limit))
        {
            tracing::warn!(budget = %limit.budget, spent = limit.spent, cap = limit.cap, resets_at_ms = limit.resets_at_ms, "budget spent: the jobs it covers are rejected until it resets");
        }
        for node in &mut self.nodes {
            node.over_budget = exhausted
                .iter()
                .filter(|limit| limit.node.as_deref().is_none_or(|name| name == node.name))
                .cloned()
                .collect();
        }
        self.spend.shared = exhausted;
    }

    /// Restores what the budgets' periods have spent so far after a restart, from the usage
    /// ledger: `rows` grouped by day (UTC), model and node since the 1st of this month, 00:00
    /// UTC (see `Budgets::restore`). Call once, before `run`.
    pub fn restore_budgets(&mut self, rows: &[UsageRow]) {
        let now = self.clock.now_ms();
        self.spend.budgets = Budgets::restore(&self.spend.budget_config, rows, now);
        self.share_spent_budgets(now);
    }

    /// Every budget limit's use now, for the cluster snapshot.
    pub(super) fn budget_uses(&self) -> Vec<BudgetUse> {
        self.spend.budgets.uses(self.clock.now_ms())
    }

    /// Once, `heartbeat_timeout` after start: a price or budget for a model no node lists
    /// (and no route names) is most likely a typo; says so for each such model, and returns
    /// them.
    pub(super) fn warn_of_unlisted_spend_models(&mut self) -> Vec<String> {
        let now = self.clock.now_ms();
        if self.spend.check_models_at_ms.is_none_or(|due| now < due) {
            return Vec::new();
        }
        self.spend.check_models_at_ms = None;
        let listed = self.listed_models();
        let unlisted: Vec<String> = self
            .spend
            .named_models
            .iter()
            .filter(|model| {
                !listed
                    .iter()
                    .any(|name| name == *model || super::names_model(model, name))
            })
            .cloned()
            .collect();
        for model in &unlisted {
            tracing::warn!(model = %model, "a [[prices]] or [[budgets]] entry names a model no node lists and no route names; check its spelling");
        }
        unlisted
    }
}

/// Input plus output tokens, the known ones.
fn tokens(job: &Job) -> u64 {
    job.usage
        .as_ref()
        .map(|usage| {
            usage
                .input_tokens
                .unwrap_or(0)
                .saturating_add(usage.output_tokens.unwrap_or(0))
        })
        .unwrap_or(0)
}
