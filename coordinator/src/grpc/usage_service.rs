//! `UsageService`: what jobs used and cost, from the store's usage ledger.

use std::sync::Arc;

use proto::v1::usage_service_server::UsageService;
use proto::v1::{GetUsageRequest, UsageReport};
use tonic::{Request, Response, Status};

use crate::clock::now_ms;
use crate::cluster::ClusterHandle;
use crate::store::JobStore;
use crate::usage::{UsageError, get_usage};

pub struct UsageApi {
    pub store: Arc<dyn JobStore>,
    /// Where the budgets' use comes from (the cluster loop keeps it).
    pub cluster: ClusterHandle,
}

#[tonic::async_trait]
impl UsageService for UsageApi {
    async fn get_usage(
        &self,
        request: Request<GetUsageRequest>,
    ) -> Result<Response<UsageReport>, Status> {
        let mut report = get_usage(self.store.clone(), request.into_inner(), now_ms())
            .await
            .map_err(|error| match error {
                UsageError::Query(_) => Status::invalid_argument(error.to_string()),
                UsageError::Store(_) | UsageError::Stopped(_) => {
                    Status::internal(error.to_string())
                }
            })?;
        report.budgets = self.cluster.budgets().await;
        Ok(Response::new(report))
    }
}

#[cfg(test)]
mod tests;
