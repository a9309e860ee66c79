//! The schedule and research tools over an in-memory MCP pipe against an in-test
//! `ScheduleService` on 127.0.0.1 (a stand-in for the runner's): schedules come back with
//! their next and last firings, a started firing is the answer and a rejected one an error
//! result with every node's reason, and research reports each step as progress and answers
//! with the run; a client that cancels drops the stream.

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::Stream;
use proto::v1::schedule_service_server::{ScheduleService, ScheduleServiceServer};
use proto::v1::*;
use rmcp::model::ProgressNotificationParam;
use rmcp::service::{NotificationContext, RunningService};
use rmcp::{ClientHandler, RoleClient, ServiceExt};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tonic::transport::server::TcpIncoming;
use tonic::{Request, Response, Status};

use super::super::ClusterTools;
use crate::coordinator_link::CoordinatorLink;

const JOB_ID: &str = "01JA0000000000000000000000";
/// 2026-12-03 07:00 UTC.
const DEC_3_0700: i64 = 1_796_281_200_000;
const REJECTION: &str =
    "no node can run qwen2.5:14b: davas: no heartbeat for 41 s; homelab: model not installed";

fn schedule(name: &str) -> Schedule {
    Schedule {
        name: name.into(),
        cron: "0 * * * *".into(),
        time_zone: "Europe/London".into(),
        job: Some(ScheduledJob {
            r#type: "chat".into(),
            model: "qwen2.5:14b".into(),
            prompt: "hello".into(),
            ..ScheduledJob::default()
        }),
        next_at_ms: Some(DEC_3_0700),
        last_firing: Some(started(name)),
        ..Schedule::default()
    }
}

fn started(name: &str) -> Firing {
    Firing {
        schedule: name.into(),
        scheduled_at_ms: DEC_3_0700,
        outcome: FiringOutcome::Started.into(),
        job_id: JOB_ID.into(),
        state: "queued".into(),
        ..Firing::default()
    }
}

fn step(name: &str, state: &str, job: &str) -> AgentStep {
    AgentStep {
        name: name.into(),
        state: state.into(),
        job_id: job.into(),
        ..AgentStep::default()
    }
}

/// The research run's updates, each the whole run so far; the last one has finished.
fn research_updates() -> Vec<AgentRun> {
    let run = |state: &str, steps: Vec<AgentStep>| AgentRun {
        id: "run-1".into(),
        agent: "research".into(),
        model: "qwen2.5:14b".into(),
        input: "what tiers exist?".into(),
        state: state.into(),
        steps,
        ..AgentRun::default()
    };
    let plan = AgentStep {
        output_tokens: Some(45),
        ..step("plan", "succeeded", "01JP")
    };
    let search = AgentStep {
        output: "4 passages".into(),
        ..step("search 1", "succeeded", "")
    };
    let answer = AgentStep {
        output_tokens: Some(312),
        ..step("answer", "succeeded", "01JQ")
    };
    vec![
        run("running", vec![step("plan", "running", "01JP")]),
        run("running", vec![plan.clone(), search.clone()]),
        AgentRun {
            output: "Three tiers [1].".into(),
            citations: vec!["Gov/Tiers.md".into()],
            ..run("succeeded", vec![plan, search, answer])
        },
    ]
}

/// Two schedules; `hourly-chat` starts its job when run, `gemma` is rejected; research sends
/// `updates` (then stays open when `hold_open`) and says on `dropped` when its stream goes.
#[derive(Clone)]
struct FakeSchedules {
    updates: Vec<AgentRun>,
    hold_open: bool,
    asked: Arc<Mutex<Vec<ResearchRequest>>>,
    dropped: mpsc::UnboundedSender<()>,
}

type RunStream = Pin<Box<dyn Stream<Item = Result<AgentRun, Status>> + Send>>;

/// Tells the test when the research stream was dropped (the caller went away).
struct DropSignal(mpsc::UnboundedSender<()>);

impl Drop for DropSignal {
    fn drop(&mut self) {
        let _ = self.0.send(());
    }
}

#[tonic::async_trait]
impl ScheduleService for FakeSchedules {
    async fn list_schedules(
        &self,
        _: Request<ListSchedulesRequest>,
    ) -> Result<Response<ListSchedulesResponse>, Status> {
        Ok(Response::new(ListSchedulesResponse {
            schedules: vec![schedule("hourly-chat"), schedule("gemma")],
        }))
    }

    async fn get_schedule(
        &self,
        request: Request<GetScheduleRequest>,
    ) -> Result<Response<Schedule>, Status> {
        Ok(Response::new(schedule(&request.into_inner().name)))
    }

    async fn run_schedule(
        &self,
        request: Request<RunScheduleRequest>,
    ) -> Result<Response<Firing>, Status> {
        let name = request.into_inner().name;
        let firing = match name.as_str() {
            "hourly-chat" => Firing {
                manual: true,
                ..started(&name)
            },
            "gemma" => Firing {
                outcome: FiringOutcome::Rejected.into(),
                state: "rejected".into(),
                reason: REJECTION.into(),
                ..started(&name)
            },
            _ => {
                return Err(Status::not_found(format!(
                    "no schedule is named `{name}`; the schedules are hourly-chat, gemma"
                )));
            }
        };
        Ok(Response::new(firing))
    }

    async fn set_schedule_paused(
        &self,
        _: Request<SetSchedulePausedRequest>,
    ) -> Result<Response<Schedule>, Status> {
        Err(Status::unimplemented("not used by the tools"))
    }

    type ResearchStream = RunStream;

    async fn research(
        &self,
        request: Request<ResearchRequest>,
    ) -> Result<Response<RunStream>, Status> {
        self.asked.lock().unwrap().push(request.into_inner());
        let signal = DropSignal(self.dropped.clone());
        let updates = futures::stream::iter(self.updates.clone().into_iter().map(Ok));
        let stream: RunStream = if self.hold_open {
            Box::pin(futures::StreamExt::chain(
                updates,
                futures::stream::pending(),
            ))
        } else {
            Box::pin(updates)
        };
        Ok(Response::new(Box::pin(futures::StreamExt::map(
            stream,
            move |update| {
                let _keep = &signal;
                update
            },
        ))))
    }
}

#[derive(Debug, Clone, Default)]
struct ProgressCollector {
    received: Arc<Mutex<Vec<ProgressNotificationParam>>>,
}

impl ClientHandler for ProgressCollector {
    async fn on_progress(
        &self,
        params: ProgressNotificationParam,
        _: NotificationContext<RoleClient>,
    ) {
        self.received.lock().unwrap().push(params);
    }
}

struct Running {
    client: RunningService<RoleClient, ProgressCollector>,
    fake: FakeSchedules,
    dropped: mpsc::UnboundedReceiver<()>,
}

async fn tools_on(updates: Vec<AgentRun>, hold_open: bool) -> Running {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (dropped_sender, dropped) = mpsc::unbounded_channel();
    let fake = FakeSchedules {
        updates,
        hold_open,
        asked: Arc::default(),
        dropped: dropped_sender,
    };
    let service = ScheduleServiceServer::new(fake.clone());
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
    let client = ProgressCollector::default()
        .serve(client_end)
        .await
        .unwrap();
    Running {
        client,
        fake,
        dropped,
    }
}

async fn call(
    client: &RunningService<RoleClient, ProgressCollector>,
    name: &str,
    arguments: Value,
) -> rmcp::model::CallToolResult {
    let Value::Object(arguments) = arguments else {
        panic!("arguments must be an object")
    };
    client
        .call_tool(
            rmcp::model::CallToolRequestParams::new(name.to_owned()).with_arguments(arguments),
        )
        .await
        .unwrap()
}

fn text_of(result: &rmcp::model::CallToolResult) -> String {
    result.content[0].as_text().unwrap().text.clone()
}

#[tokio::test]
async fn list_schedules_gives_each_with_its_next_and_last_firing() {
    let running = tools_on(Vec::new(), false).await;
    let result = call(&running.client, "list_schedules", json!({})).await;
    assert_ne!(result.is_error, Some(true), "{}", text_of(&result));
    let listed = result.structured_content.unwrap();
    let first = &listed["schedules"][0];
    assert_eq!(first["name"], "hourly-chat", "{listed}");
    assert_eq!(first["model"], "qwen2.5:14b");
    assert_eq!(
        first["next"], "2026-12-03 07:00 Europe/London (now)",
        "{listed}"
    );
    assert_eq!(first["last_firing"]["outcome"], "started");
    assert_eq!(first["last_firing"]["job_id"], JOB_ID);
    assert_eq!(first["last_firing"]["state"], "queued");
    assert_eq!(listed["schedules"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn run_schedule_answers_the_firing_or_every_nodes_reason() {
    let running = tools_on(Vec::new(), false).await;
    let result = call(
        &running.client,
        "run_schedule",
        json!({"name": "hourly-chat"}),
    )
    .await;
    assert_ne!(result.is_error, Some(true), "{}", text_of(&result));
    let firing = result.structured_content.unwrap();
    assert_eq!(firing["job_id"], JOB_ID, "{firing}");
    assert_eq!(firing["manual"], true);
    assert_eq!(
        firing["summary"],
        format!("2026-12-03 07:00 Europe/London (by hand) → job {JOB_ID} queued")
    );

    let rejected = call(&running.client, "run_schedule", json!({"name": "gemma"})).await;
    assert_eq!(rejected.is_error, Some(true));
    assert_eq!(
        text_of(&rejected),
        format!(
            "rejected: no node can run qwen2.5:14b (recorded as job {JOB_ID})\n  davas: no heartbeat for 41 s\n  homelab: model not installed"
        )
    );
    let failure = rejected.structured_content.unwrap();
    assert_eq!(failure["kind"], "rejected");
    assert_eq!(failure["rejections"][1]["node"], "homelab", "{failure}");

    let unknown = call(&running.client, "run_schedule", json!({"name": "evening"})).await;
    assert_eq!(unknown.is_error, Some(true));
    assert!(
        text_of(&unknown).contains("the schedules are hourly-chat, gemma"),
        "{}",
        text_of(&unknown)
    );
}

#[tokio::test]
async fn research_reports_each_step_and_answers_with_citations_and_job_ids() {
    let running = tools_on(research_updates(), false).await;
    let result = call(
        &running.client,
        "research",
        json!({"question": "what tiers exist?", "model": "qwen2.5:14b"}),
    )
    .await;
    assert_ne!(result.is_error, Some(true), "{}", text_of(&result));
    let run = result.structured_content.unwrap();
    assert_eq!(run["output"], "Three tiers [1].", "{run}");
    assert_eq!(run["citations"], json!(["Gov/Tiers.md"]));
    let jobs: Vec<&Value> = run["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|step| &step["job_id"])
        .collect();
    assert_eq!(
        jobs,
        [&json!("01JP"), &Value::Null, &json!("01JQ")],
        "{run}"
    );
    let asked = running.fake.asked.lock().unwrap().clone();
    assert_eq!(asked[0].source, "mcp");
    assert_eq!(asked[0].model, "qwen2.5:14b");
    // Progress notifications may arrive just after the result; wait for them a little.
    let mut messages = Vec::new();
    for _ in 0..50 {
        messages = running
            .client
            .service()
            .received
            .lock()
            .unwrap()
            .iter()
            .filter_map(|note| note.message.clone())
            .collect::<Vec<_>>();
        if messages.len() >= 4 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(
        messages,
        [
            "plan: running",
            "plan: 45 tokens",
            "search 1: 4 passages",
            "answer: 312 tokens"
        ]
    );
}

#[tokio::test]
async fn a_failed_run_is_an_error_and_a_cancelled_call_drops_the_stream() {
    let mut failed = research_updates();
    failed.truncate(2);
    failed[1].state = "failed".into();
    failed[1].error = "answer 1 was rejected".into();
    let running = tools_on(failed, false).await;
    let result = call(
        &running.client,
        "research",
        json!({"question": "q", "model": "m"}),
    )
    .await;
    assert_eq!(result.is_error, Some(true));
    assert!(
        text_of(&result).starts_with(
            "the research run failed: answer 1 was rejected\n  plan: 45 tokens (job 01JP)"
        ),
        "{}",
        text_of(&result)
    );

    let cut_short = tools_on(research_updates()[..1].to_vec(), false).await;
    let result = call(
        &cut_short.client,
        "research",
        json!({"question": "q", "model": "m"}),
    )
    .await;
    assert_eq!(result.is_error, Some(true));
    assert_eq!(
        text_of(&result),
        "the coordinator ended the research stream before the run finished\n  plan: running (job 01JP)"
    );

    let mut running = tools_on(research_updates()[..1].to_vec(), true).await;
    let arguments = json!({"question": "q", "model": "m"});
    let Value::Object(arguments) = arguments else {
        unreachable!()
    };
    let request = rmcp::model::ClientRequest::CallToolRequest(rmcp::model::Request::new(
        rmcp::model::CallToolRequestParams::new("research").with_arguments(arguments),
    ));
    let handle = running
        .client
        .send_cancellable_request(request, rmcp::service::PeerRequestOptions::no_options())
        .await
        .unwrap();
    // The run has started (its first step was sent) before the client gives up.
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        running.dropped.try_recv().is_err(),
        "the stream ended before the cancel"
    );
    handle.cancel(None).await.unwrap();
    tokio::time::timeout(Duration::from_secs(5), running.dropped.recv())
        .await
        .expect("cancelling the call drops the research stream")
        .unwrap();
}
