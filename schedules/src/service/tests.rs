//! `ScheduleService` over a real loopback socket, on a scheduler whose launcher is the fake.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use futures::StreamExt;
use proto::v1::schedule_service_client::ScheduleServiceClient;
use proto::v1::{
    FiringOutcome, GetScheduleRequest, ListSchedulesRequest, ResearchRequest, RunScheduleRequest,
    SetSchedulePausedRequest,
};
use tokio_util::sync::CancellationToken;
use tonic::Code;
use tonic::transport::Channel;

use crate::clock::TokioWallClock;
use crate::notices::NoNotices;
use crate::store::ScheduleStore;
use crate::test_support::FakeLauncher;
use crate::{Scheduler, SchedulerParts};

const CONFIG: &str = r#"
[[schedules]]
name = "tick"
cron = "*/5 * * * * *"
job = { type = "chat", model = "qwen2.5:14b", prompt = "tick" }

[[schedules]]
name = "morning"
cron = "0 7 * * *"
time_zone = "Europe/London"
job = { type = "research", model = "qwen2.5:14b", question = "what changed?" }
"#;

struct Served {
    client: ScheduleServiceClient<Channel>,
    launcher: Arc<FakeLauncher>,
    _dir: tempfile::TempDir,
}

async fn serve() -> Served {
    let document: settings::toml::Table = CONFIG.parse().unwrap();
    let tables: Vec<settings::toml::Table> = document["schedules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|table| table.as_table().unwrap().clone())
        .collect();
    let mut problems = settings::Problems::default();
    let schedules = crate::parse_schedules(&tables, &mut problems);
    let dir = tempfile::tempdir().unwrap();
    let launcher = Arc::new(FakeLauncher::default());
    let start: DateTime<Utc> = "2026-12-02T10:00:02Z".parse().unwrap();
    let scheduler = Scheduler::new(SchedulerParts {
        schedules,
        store: Arc::new(ScheduleStore::open(dir.path()).unwrap()),
        clock: Arc::new(TokioWallClock::starting_at(start)),
        launcher: launcher.clone(),
        notices: Arc::new(NoNotices),
        shutdown: CancellationToken::new(),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let incoming = tokio_stream::wrappers::TcpListenerStream::new(listener);
    let service = super::ScheduleApi::new(scheduler).into_server();
    tokio::spawn(
        tonic::transport::Server::builder()
            .add_service(service)
            .serve_with_incoming(incoming),
    );
    let client = ScheduleServiceClient::connect(format!("http://{address}"))
        .await
        .unwrap();
    Served {
        client,
        launcher,
        _dir: dir,
    }
}

#[tokio::test]
async fn the_list_gives_every_schedule_with_its_next_slot_in_words() {
    let mut served = serve().await;
    let list = served
        .client
        .list_schedules(ListSchedulesRequest {})
        .await
        .unwrap()
        .into_inner();
    let names: Vec<&str> = list.schedules.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["tick", "morning"]);
    let morning = &list.schedules[1];
    assert_eq!(morning.time_zone, "Europe/London");
    assert_eq!(morning.job.as_ref().unwrap().r#type, "research");
    assert_eq!(
        morning.next_at_ms,
        Some(
            "2026-12-03T07:00:00Z"
                .parse::<DateTime<Utc>>()
                .unwrap()
                .timestamp_millis()
        )
    );
    assert!(!morning.cron_description.is_empty());
    assert_eq!(
        (morning.overlap.as_str(), morning.catch_up.as_str()),
        ("skip", "once")
    );
}

#[tokio::test]
async fn running_a_schedule_by_hand_fires_it_and_shows_in_its_firings() {
    let mut served = serve().await;
    let request = RunScheduleRequest {
        name: "tick".into(),
    };
    let firing = served
        .client
        .run_schedule(request)
        .await
        .unwrap()
        .into_inner();
    assert_eq!(firing.outcome, i32::from(FiringOutcome::Started));
    assert!(firing.manual);
    assert_eq!(firing.job_id, "job-0");
    assert_eq!(served.launcher.jobs_made(), 1);
    let request = GetScheduleRequest {
        name: "tick".into(),
        limit: 0,
    };
    let schedule = served
        .client
        .get_schedule(request)
        .await
        .unwrap()
        .into_inner();
    assert_eq!(schedule.recent_firings.len(), 1);
    assert_eq!(schedule.last_firing.unwrap().job_id, "job-0");
    // The fake's jobs end at once: the stored "queued" is read again live.
    assert_eq!(schedule.recent_firings[0].state, "succeeded");
}

#[tokio::test]
async fn an_unknown_name_is_not_found_and_names_the_configured_ones() {
    let mut served = serve().await;
    let request = GetScheduleRequest {
        name: "nightly".into(),
        limit: 0,
    };
    let status = served.client.get_schedule(request).await.unwrap_err();
    assert_eq!(status.code(), Code::NotFound);
    assert!(
        status.message().contains("configured: tick, morning"),
        "{}",
        status.message()
    );
}

#[tokio::test]
async fn a_paused_schedule_has_no_next_slot_until_resumed() {
    let mut served = serve().await;
    let pause = SetSchedulePausedRequest {
        name: "tick".into(),
        paused: true,
    };
    let paused = served
        .client
        .set_schedule_paused(pause)
        .await
        .unwrap()
        .into_inner();
    assert!(paused.paused);
    assert_eq!(paused.next_at_ms, None);
    let resume = SetSchedulePausedRequest {
        name: "tick".into(),
        paused: false,
    };
    let resumed = served
        .client
        .set_schedule_paused(resume)
        .await
        .unwrap()
        .into_inner();
    assert!(!resumed.paused && resumed.next_at_ms.is_some());
}

#[tokio::test]
async fn research_streams_the_run_to_its_end_and_refuses_an_empty_question() {
    let mut served = serve().await;
    let empty = ResearchRequest {
        question: " ".into(),
        model: "m".into(),
        source: String::new(),
    };
    let status = served.client.research(empty).await.unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    let request = ResearchRequest {
        question: "why?".into(),
        model: "qwen2.5:14b".into(),
        source: "mcp".into(),
    };
    let mut runs = served.client.research(request).await.unwrap().into_inner();
    let mut last = None;
    while let Some(run) = runs.next().await {
        last = Some(run.unwrap());
    }
    let last = last.expect("at least one update");
    assert_eq!(last.state, "succeeded");
    assert_eq!(last.agent, "research");
    let inputs = served.launcher.agent_inputs.lock().unwrap().clone();
    assert_eq!(
        (inputs[0].input.as_str(), inputs[0].source.as_str()),
        ("why?", "mcp")
    );
}
