//! `UsageService`: what jobs used and cost, from the store's usage ledger.

use std::sync::Arc;

use proto::v1::usage_service_server::UsageService;
use proto::v1::{GetUsageRequest, UsageReport};
use tonic::{Request, Response, Status};

use crate::clock::now_ms;
use crate::store::JobStore;
use crate::usage::{UsageError, get_usage};

pub struct UsageApi {
    pub store: Arc<dyn JobStore>,
}

#[tonic::async_trait]
impl UsageService for UsageApi {
    async fn get_usage(
        &self,
        request: Request<GetUsageRequest>,
    ) -> Result<Response<UsageReport>, Status> {
        get_usage(self.store.clone(), request.into_inner(), now_ms())
            .await
            .map(Response::new)
            .map_err(|error| match error {
                UsageError::Query(_) => Status::invalid_argument(error.to_string()),
                UsageError::Store(_) | UsageError::Stopped(_) => {
                    Status::internal(error.to_string())
                }
            })
    }
}

#[cfg(test)]
mod tests;
