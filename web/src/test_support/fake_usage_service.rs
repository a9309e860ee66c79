//! The fake coordinator's `UsageService`: answers each grouping with the report scripted for
//! it (an empty report otherwise) and records the requests.

use proto::v1::usage_service_server::UsageService;
use proto::v1::{GetUsageRequest, UsageReport};
use tonic::{Request, Response, Status};

use super::fake_coordinator::Fake;

#[tonic::async_trait]
impl UsageService for Fake {
    async fn get_usage(
        &self,
        request: Request<GetUsageRequest>,
    ) -> Result<Response<UsageReport>, Status> {
        let request = request.into_inner();
        let mut recorded = self.recorded.lock().unwrap();
        recorded.usage_requests.push(request.clone());
        let report = recorded
            .usage_reports
            .get(&request.by)
            .cloned()
            .unwrap_or_else(|| UsageReport {
                by: request.by.clone(),
                ..Default::default()
            });
        Ok(Response::new(report))
    }
}
