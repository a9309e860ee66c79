//! Prices and budgets (DESIGN.md, "Usage, prices and budgets"): what a job cost when it ended,
//! at the `[[prices]]` in force then, and each `[[budgets]]` limit's spending in its current
//! UTC day or month, which makes the models and nodes it covers ineligible once spent.

mod budgets;
mod exhaustion;
mod period;
mod prices;

#[cfg(test)]
mod tests;

pub use budgets::Budgets;
pub use exhaustion::Exhaustion;
pub use period::{Period, period_bounds};
pub use prices::{Cost, Prices, job_cost};
