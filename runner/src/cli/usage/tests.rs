//! Tests of `runner usage`: the flags become the request, the table, notes and budgets read
//! right (absent counts, cost precision, fitting), and over real gRPC against an in-test
//! `UsageService` the report prints, `--json` is the message, and a refused range exits 2.

use std::sync::{Arc, Mutex};

use proto::v1::usage_service_server::{UsageService, UsageServiceServer};
use proto::v1::{
    BudgetLimit, BudgetUse, GetUsageRequest, UsageGrouping, UsageReport, UsageRow, UsageTotals,
};
use tokio::net::TcpListener;
use tokio_stream::wrappers::TcpListenerStream;
use tonic::{Request, Response, Status};

use super::*;
use crate::cli::ClientExit;
use crate::cli::tests::run;
use client::usage::notes;

/// 2026-12-03 00:00 UTC.
const DEC_3: i64 = 1_796_256_000_000;
const DAY_MS: i64 = 86_400_000;

fn totals(jobs: u64, input: u64, output: u64, cost: f64) -> UsageTotals {
    UsageTotals {
        jobs,
        input_tokens: input,
        output_tokens: output,
        cost_usd: cost,
        ..Default::default()
    }
}

fn report() -> UsageReport {
    let claude = UsageRow {
        model: "claude-sonnet-4-5".into(),
        totals: Some(UsageTotals {
            cached_input_tokens: 1_000,
            reasoning_tokens: 250,
            jobs_without_cost: 2,
            ..totals(10, 12_345, 6_789, 1.625)
        }),
        ..Default::default()
    };
    let gemma = UsageRow {
        model: "gemma4:27b".into(),
        totals: Some(UsageTotals {
            jobs_without_usage: 3,
            unpriced_jobs: 5,
            ..totals(5, 800, 400, 0.0)
        }),
        ..Default::default()
    };
    UsageReport {
        since_ms: DEC_3 - 29 * DAY_MS,
        until_ms: DEC_3 + 13 * 3_600_000,
        time_zone: "UTC".into(),
        by: vec![UsageGrouping::Model as i32],
        rows: vec![claude, gemma],
        total: Some(UsageTotals {
            cached_input_tokens: 1_000,
            reasoning_tokens: 250,
            jobs_without_usage: 3,
            unpriced_jobs: 5,
            jobs_without_cost: 2,
            ..totals(15, 13_145, 7_189, 1.625)
        }),
        budgets: vec![
            BudgetUse {
                budget: "claude".into(),
                model: "claude-sonnet-4-5".into(),
                limit: BudgetLimit::DailyUsd as i32,
                cap: 2.0,
                spent: 1.62,
                period_start_ms: DEC_3,
                resets_at_ms: DEC_3 + DAY_MS,
                ..Default::default()
            },
            BudgetUse {
                budget: "all jobs".into(),
                limit: BudgetLimit::DailyTokens as i32,
                cap: 10_000.0,
                spent: 10_200.0,
                resets_at_ms: DEC_3 + DAY_MS,
                exhausted: true,
                ..Default::default()
            },
        ],
    }
}

#[test]
fn groupings_repeat_or_split_on_commas_in_order() {
    let parsed = |arguments: &[&str]| match crate::cli::Cli::try_parse_from(
        [&["runner", "usage"], arguments].concat(),
    )
    .unwrap()
    .command
    {
        crate::cli::Command::Client(crate::cli::ClientCommand::Usage(args)) => args.request(),
        other => panic!("parsed as {other:?}"),
    };
    assert_eq!(parsed(&[]), GetUsageRequest::default());
    let day_model = vec![UsageGrouping::Day as i32, UsageGrouping::Model as i32];
    assert_eq!(parsed(&["--by", "day,model"]).by, day_model);
    assert_eq!(parsed(&["--by", "day", "--by", "model"]).by, day_model);
    let request = parsed(&[
        "--since",
        "2026-12-01",
        "--until",
        "2026-12-02T09:00:00Z",
        "--tz",
        "Europe/Berlin",
        "--model",
        "gemma4:27b",
        "--node",
        "davas",
    ]);
    assert_eq!(
        (
            request.since.as_str(),
            request.until.as_str(),
            request.time_zone.as_str(),
            request.model.as_str(),
            request.node.as_str()
        ),
        (
            "2026-12-01",
            "2026-12-02T09:00:00Z",
            "Europe/Berlin",
            "gemma4:27b",
            "davas"
        )
    );
    assert!(
        crate::cli::Cli::try_parse_from(["runner", "usage", "--by", "week"]).is_err(),
        "an unknown grouping is refused by clap"
    );
}

use clap::Parser as _;

#[test]
fn the_table_has_the_groupings_the_numbers_and_a_total() {
    let text = report_text(&report(), None);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "usage 2026-11-04 00:00 UTC – 2026-12-03 13:00 UTC (days in UTC), by model"
    );
    let header: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(
        header,
        [
            "MODEL",
            "JOBS",
            "INPUT",
            "OUTPUT",
            "CACHED",
            "REASONING",
            "COST"
        ]
    );
    let claude: Vec<&str> = lines[2].split_whitespace().collect();
    assert_eq!(
        claude,
        [
            "claude-sonnet-4-5",
            "10",
            "12,345",
            "6,789",
            "1,000",
            "250",
            "$1.62"
        ]
    );
    let gemma: Vec<&str> = lines[3].split_whitespace().collect();
    assert_eq!(gemma, ["gemma4:27b", "5", "800", "400", "0", "0", "$0.00"]);
    let total: Vec<&str> = lines[4].split_whitespace().collect();
    assert_eq!(
        total,
        ["TOTAL", "15", "13,145", "7,189", "1,000", "250", "$1.62"]
    );
}

#[test]
fn notes_say_what_is_not_a_number() {
    let text = report_text(&report(), None);
    assert!(
        text.contains("\n3 jobs without usage (the backend reported no token counts)\n"),
        "{text}"
    );
    assert!(
        text.contains("\n2 priced jobs with unknown cost\n"),
        "{text}"
    );
    assert!(
        text.contains("\n5 jobs of unpriced models (cost nothing)\n"),
        "{text}"
    );
    let one = UsageTotals {
        jobs_without_cost: 1,
        jobs_without_usage: 1,
        ..Default::default()
    };
    assert_eq!(
        notes(&one),
        [
            "1 job without usage (the backend reported no token counts)",
            "1 priced job with unknown cost"
        ]
    );
    assert!(notes(&totals(4, 10, 10, 0.5)).is_empty());
}

#[test]
fn budgets_read_spent_of_cap_with_the_reset_and_exhausted() {
    let text = report_text(&report(), None);
    let budgets = text.split("budgets:\n").nth(1).unwrap();
    let lines: Vec<&str> = budgets.lines().collect();
    assert_eq!(
        lines[0]
            .split("  ")
            .filter(|part| !part.is_empty())
            .map(str::trim)
            .collect::<Vec<_>>(),
        [
            "claude",
            "daily_usd",
            "$1.62 of $2.00 (81%)",
            "resets 2026-12-04 00:00 UTC"
        ]
    );
    assert!(lines[1].starts_with("all jobs"), "{budgets}");
    assert!(
        lines[1].contains("10,200 tokens of 10,000 tokens (102%)"),
        "{budgets}"
    );
    assert!(lines[1].ends_with("EXHAUSTED"), "{budgets}");
    assert!(!lines[0].contains("EXHAUSTED"));
}

#[test]
fn cost_has_four_decimals_under_a_dollar() {
    let mut cheap = report();
    cheap.total = Some(totals(1, 100, 10, 0.012_34));
    cheap.rows.truncate(1);
    cheap.rows[0].totals = cheap.total;
    let text = report_text(&cheap, None);
    assert!(text.lines().nth(2).unwrap().ends_with("$0.0123"), "{text}");
}

#[test]
fn a_narrow_terminal_drops_reasoning_then_cached_but_keeps_the_cost() {
    let text = report_text(&report(), Some(60));
    let table: Vec<&str> = text.lines().skip(1).take(4).collect();
    assert!(
        table.iter().all(|line| line.chars().count() <= 60),
        "{text}"
    );
    assert!(!table[0].contains("REASONING"), "{text}");
    assert!(table[0].ends_with("COST"), "{text}");
    assert!(table[1].ends_with("$1.62"), "{text}");
    let wide = report_text(&report(), Some(120));
    assert!(wide.contains("REASONING"), "{wide}");
}

#[test]
fn an_empty_range_says_so_and_still_lists_budgets() {
    let empty = UsageReport {
        rows: Vec::new(),
        total: Some(UsageTotals::default()),
        ..report()
    };
    let text = report_text(&empty, None);
    assert!(text.contains("\nno jobs in this range\n"), "{text}");
    assert!(!text.contains("TOTAL"), "{text}");
    assert!(text.contains("budgets:\nclaude"), "{text}");
}

/// A `UsageService` that answers every call with `answer` and records the requests.
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

async fn serve(answer: Result<UsageReport, Status>) -> (String, FakeUsage) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let fake = FakeUsage {
        answer,
        asked: Arc::default(),
    };
    let service = UsageServiceServer::new(fake.clone());
    tokio::spawn(async move {
        tonic::transport::Server::builder()
            .add_service(service)
            .serve_with_incoming(TcpListenerStream::new(listener))
            .await
    });
    (url, fake)
}

#[tokio::test]
async fn usage_asks_once_and_prints_the_report_or_its_json() {
    let (url, fake) = serve(Ok(report())).await;
    let ran = run(&url, &["usage", "--by", "model", "--tz", "Europe/Berlin"]).await;
    assert_eq!(ran.exit, ClientExit::Success, "{ran:?}");
    assert_eq!(ran.stdout, report_text(&report(), None));
    let asked = fake.asked.lock().unwrap().clone();
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].time_zone, "Europe/Berlin");
    let ran = run(&url, &["usage", "--json"]).await;
    let json: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    assert_eq!(json["total"]["jobs"], "15", "{json}");
    assert_eq!(json["budgets"][1]["exhausted"], true, "{json}");
    assert_eq!(json["by"][0], "USAGE_GROUPING_MODEL", "{json}");
}

#[tokio::test]
async fn a_range_the_server_refuses_exits_2_with_its_message() {
    let (url, _fake) = serve(Err(Status::invalid_argument(
        "time zone `Mars/Olympus` is not an IANA zone",
    )))
    .await;
    let ran = run(&url, &["usage", "--tz", "Mars/Olympus"]).await;
    assert_eq!(ran.exit, ClientExit::InvalidArgument, "{ran:?}");
    assert_eq!(ran.exit.code(), 2);
    assert_eq!(
        ran.stderr,
        "error: time zone `Mars/Olympus` is not an IANA zone\n"
    );
    assert!(ran.stdout.is_empty());
}
