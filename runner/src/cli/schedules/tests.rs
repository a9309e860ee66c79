//! Tests of `runner schedules`: the table and the full view read right (zones, "in 3h", the
//! last firing and its job, an agent run's steps), and over real gRPC against an in-test
//! `ScheduleService` the commands send what they should, a rejected firing exits 3 with each
//! node's reason, and a name not configured says which are.

use std::pin::Pin;
use std::sync::{Arc, Mutex};

use futures::Stream;
use proto::v1::schedule_service_server::{ScheduleService, ScheduleServiceServer};
use proto::v1::{
    AgentRun, AgentStep, Firing, FiringOutcome, GetScheduleRequest, ListSchedulesRequest,
    ListSchedulesResponse, ResearchRequest, RunScheduleRequest, Schedule, ScheduledJob,
    SetSchedulePausedRequest,
};
use tokio::net::TcpListener;
use tokio_stream::wrappers::TcpListenerStream;
use tonic::{Request, Response, Status};

use super::*;
use crate::cli::ClientExit;
use crate::cli::tests::run;

/// 2026-12-03 07:00 UTC (07:00 in London in winter).
const DEC_3_0700: i64 = 1_796_281_200_000;
const HOUR_MS: i64 = 3_600_000;
const JOB_ID: &str = "01JA0000000000000000000000";

fn morning() -> Schedule {
    Schedule {
        name: "morning".into(),
        cron: "0 7 * * *".into(),
        cron_description: "At 07:00".into(),
        time_zone: "Europe/London".into(),
        overlap: "skip".into(),
        catch_up: "once".into(),
        starting_deadline_ms: 300_000,
        job: Some(ScheduledJob {
            r#type: "chat".into(),
            model: "qwen2.5:14b".into(),
            prompt: "hello".into(),
            ..ScheduledJob::default()
        }),
        next_at_ms: Some(DEC_3_0700 + 24 * HOUR_MS),
        last_firing: Some(Firing {
            schedule: "morning".into(),
            scheduled_at_ms: DEC_3_0700,
            fired_at_ms: Some(DEC_3_0700 + 40),
            outcome: FiringOutcome::Started.into(),
            job_id: JOB_ID.into(),
            state: "succeeded".into(),
            ..Firing::default()
        }),
        ..Schedule::default()
    }
}

fn paused_research() -> Schedule {
    Schedule {
        name: "research".into(),
        cron: "0 */6 * * *".into(),
        time_zone: "UTC".into(),
        paused: true,
        next_at_ms: None,
        ..Schedule::default()
    }
}

#[test]
fn the_table_reads_next_in_the_zone_with_how_far_and_the_last_firing_and_job() {
    let now = DEC_3_0700 + 21 * HOUR_MS;
    let table = schedules_table(&[morning(), paused_research()], now, None);
    let lines: Vec<Vec<&str>> = table
        .lines()
        .map(|line| {
            line.split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect()
        })
        .collect();
    assert_eq!(lines[0], ["NAME", "CRON", "NEXT", "LAST", "JOB", "PAUSED"]);
    assert_eq!(
        lines[1],
        [
            "morning",
            "0 7 * * * Europe/London",
            "2026-12-04 07:00 (in 3h)",
            "2026-12-03 07:00 started",
            "01JA000000 succeeded",
            "no"
        ]
    );
    assert_eq!(
        lines[2],
        ["research", "0 */6 * * * UTC", "paused", "never", "-", "yes"]
    );
}

#[test]
fn a_narrow_table_drops_last_then_job_and_fits() {
    let table = schedules_table(&[morning()], DEC_3_0700, Some(70));
    assert!(
        table.lines().all(|line| line.chars().count() <= 70),
        "{table}"
    );
    assert!(!table.contains("LAST"), "{table}");
    assert!(table.lines().next().unwrap().ends_with("PAUSED"), "{table}");
}

fn research_firing() -> Firing {
    let step = |name: &str, state: &str, job: &str, output: &str| AgentStep {
        name: name.into(),
        state: state.into(),
        job_id: job.into(),
        output: output.into(),
        ..AgentStep::default()
    };
    Firing {
        schedule: "research".into(),
        scheduled_at_ms: DEC_3_0700,
        outcome: FiringOutcome::Started.into(),
        job_id: "01JB".into(),
        state: "failed".into(),
        run: Some(AgentRun {
            id: "run-7".into(),
            agent: "research".into(),
            state: "failed".into(),
            error: "answer 1 was rejected".into(),
            steps: vec![
                AgentStep {
                    input_tokens: Some(120),
                    output_tokens: Some(45),
                    ..step(
                        "plan",
                        "succeeded",
                        "01JP",
                        "1. what tiers exist\n2. who reviews",
                    )
                },
                step("search 1", "succeeded", "", "4 passages"),
                AgentStep {
                    error: "no node can run qwen2.5:14b".into(),
                    ..step("answer 1", "rejected", "01JB", "")
                },
            ],
            ..AgentRun::default()
        }),
        ..Firing::default()
    }
}

#[test]
fn show_has_the_schedule_its_firings_and_the_agent_runs_steps() {
    let schedule = Schedule {
        recent_firings: vec![research_firing(), morning().last_firing.unwrap()],
        ..paused_research()
    };
    let text = schedule_text(&schedule, DEC_3_0700);
    assert!(
        text.starts_with("schedule  research\ncron      0 */6 * * * in UTC\n"),
        "{text}"
    );
    assert!(text.contains("\nnext      paused\n"), "{text}");
    assert!(
        text.contains("firings, newest first:\n  2026-12-03 07:00 UTC → research run run-7 failed (step job 01JB)\n  2026-12-03 07:00 UTC → job 01JA0000000000000000000000 succeeded\n"),
        "{text}"
    );
    let steps: Vec<&str> = text
        .split("research run run-7 (failed):\n")
        .nth(1)
        .unwrap()
        .lines()
        .collect();
    assert!(steps[0].trim_start().starts_with("STEP"), "{text}");
    assert!(
        steps[1].contains("01JP")
            && steps[1].contains("120→45")
            && steps[1].ends_with("1. what tiers exist"),
        "{text}"
    );
    assert!(
        steps[2].contains("search 1") && steps[2].ends_with("4 passages"),
        "{text}"
    );
    assert!(steps[3].ends_with("no node can run qwen2.5:14b"), "{text}");
    assert_eq!(steps[4], "  error: answer 1 was rejected");
}

/// A `ScheduleService` over two schedules that answers `run` with `fired` and records what
/// it was asked; names it does not hold are NOT_FOUND without naming the others.
#[derive(Clone)]
struct FakeSchedules {
    fired: Firing,
    asked: Arc<Mutex<Vec<String>>>,
}

impl FakeSchedules {
    fn find(&self, name: &str, asked: String) -> Result<Schedule, Status> {
        self.asked.lock().unwrap().push(asked);
        [morning(), paused_research()]
            .into_iter()
            .find(|schedule| schedule.name == name)
            .ok_or_else(|| Status::not_found(format!("no schedule is named `{name}`")))
    }
}

type RunStream = Pin<Box<dyn Stream<Item = Result<AgentRun, Status>> + Send>>;

#[tonic::async_trait]
impl ScheduleService for FakeSchedules {
    async fn list_schedules(
        &self,
        _: Request<ListSchedulesRequest>,
    ) -> Result<Response<ListSchedulesResponse>, Status> {
        self.asked.lock().unwrap().push("list".into());
        Ok(Response::new(ListSchedulesResponse {
            schedules: vec![morning(), paused_research()],
        }))
    }

    async fn get_schedule(
        &self,
        request: Request<GetScheduleRequest>,
    ) -> Result<Response<Schedule>, Status> {
        let request = request.into_inner();
        let asked = format!("get {} {}", request.name, request.limit);
        self.find(&request.name, asked).map(Response::new)
    }

    async fn run_schedule(
        &self,
        request: Request<RunScheduleRequest>,
    ) -> Result<Response<Firing>, Status> {
        let name = request.into_inner().name;
        self.find(&name, format!("run {name}"))?;
        Ok(Response::new(self.fired.clone()))
    }

    async fn set_schedule_paused(
        &self,
        request: Request<SetSchedulePausedRequest>,
    ) -> Result<Response<Schedule>, Status> {
        let request = request.into_inner();
        let asked = format!("pause {} {}", request.name, request.paused);
        let schedule = self.find(&request.name, asked)?;
        Ok(Response::new(Schedule {
            paused: request.paused,
            ..schedule
        }))
    }

    type ResearchStream = RunStream;

    async fn research(&self, _: Request<ResearchRequest>) -> Result<Response<RunStream>, Status> {
        Err(Status::unimplemented("not used by the CLI"))
    }
}

async fn serve(fired: Firing) -> (String, FakeSchedules) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let fake = FakeSchedules {
        fired,
        asked: Arc::default(),
    };
    let service = ScheduleServiceServer::new(fake.clone());
    tokio::spawn(async move {
        tonic::transport::Server::builder()
            .add_service(service)
            .serve_with_incoming(TcpListenerStream::new(listener))
            .await
    });
    (url, fake)
}

#[tokio::test]
async fn list_show_and_json_ask_the_service_once_each() {
    let (url, fake) = serve(Firing::default()).await;
    let ran = run(&url, &["schedules"]).await;
    assert_eq!(ran.exit, ClientExit::Success, "{ran:?}");
    assert!(ran.stdout.starts_with("NAME"), "{ran:?}");
    assert!(ran.stdout.contains("0 7 * * * Europe/London"), "{ran:?}");
    let ran = run(&url, &["schedules", "--json"]).await;
    let json: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    assert_eq!(
        json["schedules"][0]["last_firing"]["outcome"], "FIRING_OUTCOME_STARTED",
        "{json}"
    );
    let ran = run(&url, &["schedules", "show", "morning", "--limit", "5"]).await;
    assert_eq!(ran.exit, ClientExit::Success, "{ran:?}");
    assert!(
        ran.stdout
            .contains("runs      chat on qwen2.5:14b: hello\n"),
        "{ran:?}"
    );
    assert_eq!(
        *fake.asked.lock().unwrap(),
        ["list", "list", "get morning 5"]
    );
}

#[tokio::test]
async fn run_prints_the_firing_and_exits_0_when_started() {
    let started = Firing {
        manual: true,
        ..morning().last_firing.unwrap()
    };
    let (url, fake) = serve(started).await;
    let ran = run(&url, &["schedules", "run", "morning"]).await;
    assert_eq!(ran.exit, ClientExit::Success, "{ran:?}");
    assert_eq!(
        ran.stdout,
        format!("2026-12-03 07:00 Europe/London (by hand) → job {JOB_ID} succeeded\n")
    );
    assert!(
        fake.asked
            .lock()
            .unwrap()
            .contains(&"run morning".to_owned())
    );
}

#[tokio::test]
async fn a_rejected_firing_exits_3_with_every_nodes_reason() {
    let rejected = Firing {
        outcome: FiringOutcome::Rejected.into(),
        job_id: JOB_ID.into(),
        state: "rejected".into(),
        reason: "no node can run qwen2.5:14b: davas: no heartbeat for 41 s; homelab: model not installed".into(),
        manual: true,
        ..Firing::default()
    };
    let (url, _fake) = serve(rejected).await;
    let ran = run(&url, &["schedules", "run", "morning"]).await;
    assert_eq!(ran.exit, ClientExit::Rejected, "{ran:?}");
    assert_eq!(ran.exit.code(), 3);
    assert_eq!(
        ran.stderr,
        format!(
            "error: no node can run qwen2.5:14b\nrecorded as job {JOB_ID}\n  davas: no heartbeat for 41 s\n  homelab: model not installed\n"
        )
    );
}

#[tokio::test]
async fn pause_and_resume_send_the_flag_and_an_unknown_name_lists_the_known() {
    let (url, fake) = serve(Firing::default()).await;
    let ran = run(&url, &["schedules", "pause", "morning"]).await;
    assert_eq!(ran.exit, ClientExit::Success, "{ran:?}");
    let row = ran.stdout.lines().nth(1).unwrap();
    assert!(
        row.contains("  paused  ") && row.ends_with("  yes"),
        "{ran:?}"
    );
    let ran = run(&url, &["schedules", "resume", "morning"]).await;
    let row = ran.stdout.lines().nth(1).unwrap();
    assert!(
        row.contains("  2026-12-04 07:00 (") && row.ends_with("  no"),
        "{ran:?}"
    );
    let ran = run(&url, &["schedules", "run", "evening"]).await;
    assert_eq!(ran.exit, ClientExit::FailedOrNotFound, "{ran:?}");
    assert_eq!(
        ran.stderr,
        "error: no schedule is named `evening`; the schedules are morning, research\n"
    );
    let asked = fake.asked.lock().unwrap().clone();
    assert_eq!(asked[..2], ["pause morning true", "pause morning false"]);
}
