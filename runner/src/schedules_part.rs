//! The scheduler as a part of `runner serve` / `runner dev`: `[[schedules]]` fired by one task
//! over `schedules.redb` under the data dir, their jobs and agent runs submitted through the
//! public gRPC API like any client's, `ScheduleService` on the core's gRPC address and
//! `/api/schedules` on its HTTP address. Always mounted, so `runner schedules`, the web page
//! and MCP's research mode work (and say "none configured") without a schedule.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use schedules::clock::SystemWallClock;
use schedules::launch::ClusterLauncher;
use schedules::notices::{FiringNotices, NoNotices};
use schedules::store::ScheduleStore;
use schedules::{ScheduleApi, ScheduleConfig, Scheduler, SchedulerParts};
use tokio_util::sync::CancellationToken;

mod alert_notices;

pub use alert_notices::{BriefingAlert, FiringAlerts, OutboxAlerts};

#[derive(Debug, thiserror::Error)]
pub enum SchedulesPartError {
    #[error(transparent)]
    Store(#[from] schedules::store::StoreError),
    #[error("the scheduler cannot reach the coordinator at {url}: {reason}")]
    Coordinator { url: String, reason: String },
}

/// What `mount_parts` gets back: the task to spawn, the HTTP routes and the gRPC service.
pub struct SchedulesPart {
    pub scheduler: Arc<Scheduler>,
    pub routes: axum::Router,
    pub api: ScheduleApi,
}

/// Opens the store and builds the scheduler; `vault` is where the briefing writes its note.
pub fn open(
    schedules: Vec<ScheduleConfig>,
    data_dir: &Path,
    grpc_url: &str,
    vault: Option<PathBuf>,
    notices: Option<alerts::Notices>,
    shutdown: CancellationToken,
) -> Result<SchedulesPart, SchedulesPartError> {
    let coordinator =
        client::Coordinator::lazy(grpc_url).map_err(|error| SchedulesPartError::Coordinator {
            url: grpc_url.to_owned(),
            reason: error.to_string(),
        })?;
    let store = Arc::new(ScheduleStore::open(data_dir)?);
    let post = notices
        .clone()
        .map(|notices| Arc::new(BriefingAlert(notices)) as Arc<dyn agents::BriefingPost>);
    let recent = notices
        .clone()
        .map(|notices| Arc::new(OutboxAlerts(notices)) as Arc<dyn agents::RecentAlerts>);
    let deps = agents::AgentDeps {
        coordinator: coordinator.clone(),
        vault,
        post,
        alerts: recent,
    };
    let firing_notices: Arc<dyn FiringNotices> = match notices {
        Some(notices) => Arc::new(FiringAlerts(notices)),
        None => Arc::new(NoNotices),
    };
    for schedule in &schedules {
        tracing::info!(
            schedule = %schedule.name,
            cron = %schedule.cron.text(),
            time_zone = %schedule.cron.zone().name(),
            job = schedule.job.kind.word(),
            model = %schedule.job.model,
            "schedule"
        );
    }
    let scheduler = Scheduler::new(SchedulerParts {
        schedules,
        store,
        clock: Arc::new(SystemWallClock),
        launcher: Arc::new(ClusterLauncher::new(coordinator, deps)),
        notices: firing_notices,
        shutdown,
    });
    Ok(SchedulesPart {
        routes: schedules::http::router(scheduler.clone()),
        api: ScheduleApi::new(scheduler.clone()),
        scheduler,
    })
}
