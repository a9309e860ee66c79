//! What jobs used and cost over a time range: [`UsageQuery`] (a `GetUsageRequest` checked and
//! resolved to instants) and the report built from the store's usage ledger, whole 15-minute
//! buckets from the rollups and the partial buckets at the range's edges from the rows.

mod days;
mod query;
mod report;
mod run;

#[cfg(test)]
mod tests;

pub use days::{day_of, start_of_day};
pub use query::{UsageQuery, UsageQueryError, parse_grouping_word};
pub(crate) use report::usage_report;
pub use run::{UsageError, get_usage};
