//! Runs a `GetUsageRequest` on the store, as the gRPC and HTTP APIs both do: parse at the
//! current time, then read the ledger on a blocking thread (redb reads block).

use std::sync::Arc;

use proto::v1::{GetUsageRequest, UsageReport};

use super::{UsageQuery, UsageQueryError};
use crate::store::{JobStore, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum UsageError {
    /// The caller's mistake: a bad day, instant, time zone or grouping.
    #[error(transparent)]
    Query(#[from] UsageQueryError),
    #[error("reading usage failed: {0}")]
    Store(#[from] StoreError),
    #[error("reading usage stopped: {0}")]
    Stopped(String),
}

/// The report for `request` with `budgets` empty (the cluster's to fill in).
pub async fn get_usage(
    store: Arc<dyn JobStore>,
    request: GetUsageRequest,
    now_ms: i64,
) -> Result<UsageReport, UsageError> {
    let query = UsageQuery::parse(&request, now_ms)?;
    tokio::task::spawn_blocking(move || store.usage(&query))
        .await
        .map_err(|error| UsageError::Stopped(error.to_string()))?
        .map_err(UsageError::from)
}
