//! The `get_usage` tool over an in-memory MCP pipe against an in-test `UsageService` on
//! 127.0.0.1: the arguments become the request, the report comes back as structured content
//! (words for enums, notes), and the coordinator's INVALID_ARGUMENT is an error result.

use std::sync::{Arc, Mutex};

use proto::v1::usage_service_server::{UsageService, UsageServiceServer};
use proto::v1::{
    BudgetLimit, BudgetUse, GetUsageRequest, UsageGrouping, UsageReport, UsageRow, UsageTotals,
};
use rmcp::ServiceExt;
use rmcp::service::{RoleClient, RunningService};
use serde_json::json;
use tokio::net::TcpListener;
use tonic::transport::server::TcpIncoming;
use tonic::{Request, Response, Status};

use super::super::ClusterTools;
use super::super::tests::{call, text_of};
use crate::coordinator_link::CoordinatorLink;

#[derive(Clone)]
struct FakeUsage {
    answer: Result<UsageReport, Status>,
    asked: Arc<Mutex<Vec<GetUsageRequest>>>,
}

#[tonic::async_trait]
impl UsageService for FakeUsage {
    async fn get_usage(
        &self,
        request: Request<GetUsageRequest>,
    ) -> Result<Response<UsageReport>, Status> {
        self.asked.lock().unwrap().push(request.into_inner());
        self.answer.clone().map(Response::new)
    }
}

async fn tools_on(
    answer: Result<UsageReport, Status>,
) -> (RunningService<RoleClient, ()>, FakeUsage) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let fake = FakeUsage {
        answer,
        asked: Arc::default(),
    };
    let service = UsageServiceServer::new(fake.clone());
    tokio::spawn(async move {
        tonic::transport::Server::builder()
            .add_service(service)
            .serve_with_incoming(TcpIncoming::from(listener))
            .await
    });
    let link = CoordinatorLink::new(&format!("http://{address}")).unwrap();
    let (server_end, client_end) = tokio::io::duplex(64 * 1024);
    tokio::spawn(async move {
        let running = ClusterTools::new(link).serve(server_end).await.unwrap();
        let _ = running.waiting().await;
    });
    (().serve(client_end).await.unwrap(), fake)
}

fn report() -> UsageReport {
    UsageReport {
        since_ms: 1_796_256_000_000,
        until_ms: 1_796_342_400_000,
        time_zone: "Europe/Berlin".into(),
        by: vec![UsageGrouping::Day as i32, UsageGrouping::Model as i32],
        rows: vec![UsageRow {
            day: "2026-12-03".into(),
            model: "claude".into(),
            totals: Some(UsageTotals {
                jobs: 4,
                input_tokens: 1_000,
                output_tokens: 200,
                cost_usd: 0.5,
                jobs_without_cost: 1,
                ..Default::default()
            }),
            ..Default::default()
        }],
        total: Some(UsageTotals {
            jobs: 4,
            input_tokens: 1_000,
            output_tokens: 200,
            cost_usd: 0.5,
            jobs_without_cost: 1,
            ..Default::default()
        }),
        budgets: vec![BudgetUse {
            budget: "claude".into(),
            model: "claude".into(),
            limit: BudgetLimit::DailyUsd as i32,
            cap: 0.5,
            spent: 0.5,
            exhausted: true,
            ..Default::default()
        }],
    }
}

#[tokio::test]
async fn get_usage_sends_the_arguments_and_answers_the_report() {
    let (client, fake) = tools_on(Ok(report())).await;
    let result = call(
        &client,
        "get_usage",
        json!({"since": "2026-12-03", "by": ["day", "model"], "tz": "Europe/Berlin", "node": "davas"}),
    )
    .await;
    assert_ne!(result.is_error, Some(true), "{}", text_of(&result));
    let asked = fake.asked.lock().unwrap().clone();
    assert_eq!(asked.len(), 1);
    assert_eq!(
        asked[0],
        GetUsageRequest {
            since: "2026-12-03".into(),
            by: vec![UsageGrouping::Day as i32, UsageGrouping::Model as i32],
            time_zone: "Europe/Berlin".into(),
            node: "davas".into(),
            ..Default::default()
        }
    );
    let structured = result.structured_content.unwrap();
    assert_eq!(structured["by"], json!(["day", "model"]));
    assert_eq!(structured["rows"][0]["day"], "2026-12-03");
    assert!(structured["rows"][0].get("node").is_none(), "{structured}");
    assert_eq!(structured["total"]["cost_usd"], 0.5);
    assert_eq!(
        structured["notes"],
        json!(["1 priced job with unknown cost"])
    );
    assert_eq!(structured["budgets"][0]["limit"], "daily_usd");
    assert_eq!(structured["budgets"][0]["exhausted"], true);
}

#[tokio::test]
async fn a_range_the_coordinator_refuses_is_an_error_result_with_its_words() {
    let (client, _fake) = tools_on(Err(Status::invalid_argument(
        "since: `yesterday` is neither a date nor an RFC 3339 instant",
    )))
    .await;
    let result = call(&client, "get_usage", json!({"since": "yesterday"})).await;
    assert_eq!(result.is_error, Some(true));
    assert!(
        text_of(&result).contains("`yesterday` is neither"),
        "{}",
        text_of(&result)
    );
    assert_eq!(
        result.structured_content.unwrap()["kind"],
        "invalid_argument"
    );
}
