//! What a job cost: its token counts at its model's `[[prices]]` entry.

use std::collections::HashMap;

use proto::v1::{Job, JobKind, TokenUsage};

use crate::cluster::names_model;
use crate::config::PriceConfig;

/// The configured prices by model.
#[derive(Debug, Clone, Default)]
pub struct Prices {
    by_model: HashMap<String, PriceConfig>,
}

/// A job's cost, as `Job.priced` and `Job.cost_usd` carry it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cost {
    /// A `[[prices]]` entry applied to the job's model.
    pub priced: bool,
    /// USD; 0 when unpriced; `None` when priced but a count it is priced on is unknown.
    pub usd: Option<f64>,
}

impl Prices {
    pub fn new(prices: &[PriceConfig]) -> Self {
        let by_model = prices
            .iter()
            .map(|price| (price.model.clone(), price.clone()))
            .collect();
        Self { by_model }
    }

    /// The price of `model`: its exact entry, else one naming it the way a node's list does
    /// (`gemma4` prices `gemma4:latest`).
    pub fn of(&self, model: &str) -> Option<&PriceConfig> {
        self.by_model.get(model).or_else(|| {
            self.by_model
                .values()
                .find(|price| names_model(&price.model, model))
        })
    }

    /// Sets `priced` and `cost_usd` on a job that ran, from its usage and today's price.
    pub fn price(&self, job: &mut Job) {
        let spec = job.spec.as_ref();
        let model = spec.map(|spec| spec.model.as_str()).unwrap_or_default();
        let embed = spec.is_some_and(|spec| spec.kind == JobKind::Embed as i32);
        let cost = job_cost(self.of(model), job.usage.as_ref(), embed);
        job.priced = cost.priced;
        job.cost_usd = cost.usd;
    }
}

/// `(uncached input × input + cached × cached input + output × output) / 1e6`, where uncached
/// input = input − cached. Input and output counts are needed (an embedding has no output, so
/// none counts as 0 there); a missing cached count means nothing was read from a cache, which
/// charges all input at the full input price.
pub fn job_cost(price: Option<&PriceConfig>, usage: Option<&TokenUsage>, embed: bool) -> Cost {
    let Some(price) = price else {
        return Cost {
            priced: false,
            usd: Some(0.0),
        };
    };
    let usd = usage.and_then(|usage| {
        let input = usage.input_tokens?;
        let output = match usage.output_tokens {
            Some(output) => output,
            None if embed => 0,
            None => return None,
        };
        let cached = usage.cached_input_tokens.unwrap_or(0).min(input);
        let uncached = input - cached;
        Some(
            (uncached as f64 * price.input_per_mtok
                + cached as f64 * price.cached_input_per_mtok
                + output as f64 * price.output_per_mtok)
                / 1e6,
        )
    });
    Cost { priced: true, usd }
}
